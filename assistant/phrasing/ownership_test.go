package phrasing

import (
	"context"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// Refusing ownership in other words than "not my department", and a task
// made small, as a trainer would try them: the blame is found, the
// suggestion owns the next step, and no belittling word survives in it.
func TestOwnershipAndBelittlingAsATrainerTriesThem(t *testing.T) {
	e := New()
	cases := []struct {
		lang     assistant.Language
		text     string
		kind     assistant.FindingKind
		want     string   // the suggestion, exactly ("" = any)
		notWords []string // may not be in the suggestion
	}{
		{assistant.Dutch, "Ik werk hier alleen maar.", assistant.FindingBlame, "Ik zoek voor u uit wie dit kan regelen.", nil},
		{assistant.Dutch, "Daar hebben wij geen invloed op.", assistant.FindingBlame, "Ik kijk wat ik wel voor u kan doen.", nil},
		{assistant.Dutch, "Ik werk hier alleen maar, dat moet u met de klantenservice opnemen.", assistant.FindingBlame, "", []string{"alleen maar", "klantenservice"}},
		{assistant.English, "I only work here.", assistant.FindingBlame, "Let me find out who can sort this out for you.", nil},
		{assistant.English, "That's not down to me.", assistant.FindingBlame, "I can't decide that myself, but I'll find out who can.", nil},
		{assistant.English, "I only work here, you'll have to take that up with customer services.", assistant.FindingBlame, "", []string{"take that up"}},
		{assistant.English, "All you have to do is just call the number on the letter.", assistant.FindingBelittling,
			"Would you be able to call the number on the letter? If not, we can find another way together.", []string{"just", "all you"}},
		{assistant.English, "All you need to do is simply fill in the form.", assistant.FindingBelittling, "", []string{"simply", "do is"}},
		{assistant.English, "Don't worry about it, it's only a reminder.", assistant.FindingBelittling, "It's a reminder.", []string{"worry", "only"}},
		{assistant.Dutch, "U moet gewoon vandaag nog het bedrag van 80 euro voldoen.", assistant.FindingBelittling, "", []string{"gewoon"}},
	}
	for _, c := range cases {
		p, err := e.Phrase(context.Background(), assistant.Utterance{Text: c.text, Language: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		checkRewrites(t, c.text, p)
		found := false
		for _, f := range p.Findings {
			found = found || f.Kind == c.kind
		}
		if !found {
			t.Errorf("%s: %q: no %s finding: %+v", c.lang, c.text, c.kind, p.Findings)
		}
		if p.Suggested == "" {
			t.Errorf("%s: %q: no suggestion", c.lang, c.text)
		}
		if c.want != "" && p.Suggested != c.want {
			t.Errorf("%s: %q: suggestion %q, want %q", c.lang, c.text, p.Suggested, c.want)
		}
		for _, w := range c.notWords {
			if containsWord(strings.ToLower(p.Suggested), w) {
				t.Errorf("%s: %q: suggestion %q keeps %q", c.lang, c.text, p.Suggested, w)
			}
		}
	}
}
