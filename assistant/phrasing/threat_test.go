package phrasing

import (
	"context"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// A seizure is rewritten as the loss of what the agent named, or of nothing
// in particular: household goods never become wages.
func TestThreatRewriteNamesWhatWasNamed(t *testing.T) {
	e := New()
	cases := []struct {
		lang    assistant.Language
		text    string
		want    string // in the suggestion
		notWant []string
	}{
		{assistant.Dutch, "Als u niet betaalt, sturen we de deurwaarder langs en wordt er beslag gelegd op uw inboedel.", "spullen", []string{"loon"}},
		{assistant.Dutch, "Als u niet betaalt, komt de deurwaarder beslag leggen.", "geld of spullen", []string{"loon"}},
		{assistant.Dutch, "Als u niet betaalt, wordt er beslag gelegd op uw loon.", "uw loon", nil},
		{assistant.Dutch, "Als u niet betaalt, legt de deurwaarder beslag op uw auto.", "uw auto", []string{"loon"}},
		{assistant.Dutch, "Als u niet betaalt, komt er beslag op uw bankrekening.", "bankrekening", []string{"loon"}},
		{assistant.English, "If you don't pay, the bailiffs will come and seize your goods.", "belongings", []string{"wages"}},
		{assistant.English, "If you don't pay, we will seize what you own.", "money or belongings", []string{"wages"}},
		{assistant.English, "If you don't pay, we will apply for an attachment of earnings.", "your wages", nil},
		{assistant.English, "If you don't pay, we will repossess your car.", "your car", []string{"wages"}},
		{assistant.English, "If you don't pay, the bailiffs will come to your home and seize your goods.", "belongings", []string{"wages", "home"}},
		{assistant.Dutch, "Als u niet betaalt, komt de deurwaarder bij u aan huis beslag leggen op uw loon.", "uw loon", []string{"huis"}},
		{assistant.English, "If you don't pay, we will seize the money in your bank account.", "bank account", []string{"wages"}},
	}
	for _, c := range cases {
		p, err := e.Phrase(context.Background(), assistant.Utterance{Text: c.text, Language: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		checkRewrites(t, c.text, p)
		if !strings.Contains(p.Suggested, c.want) {
			t.Errorf("%s: suggestion %q for %q lacks %q", c.lang, p.Suggested, c.text, c.want)
		}
		for _, w := range c.notWant {
			if containsWord(p.Suggested, w) {
				t.Errorf("%s: suggestion %q for %q brings in %q", c.lang, p.Suggested, c.text, w)
			}
		}
	}
}
