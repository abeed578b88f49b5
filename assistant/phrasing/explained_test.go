package phrasing

import (
	"context"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// A term the speaker explains, as the guides advise for a term that cannot
// be avoided, is no finding; the same term unexplained is, and a threat
// stays a threat however well its step is explained.
func TestExplainedTermsAreNotFlagged(t *testing.T) {
	e := New()
	cases := []struct {
		lang    assistant.Language
		text    string
		term    string
		flagged bool
	}{
		{assistant.Dutch, "U heeft een dagvaarding gekregen. Dit betekent dat de rechter u uitnodigt om uw kant te vertellen.", "dagvaarding", false},
		{assistant.Dutch, "Iemand die namens u zaken mag regelen (gemachtigde) kan ons ook bellen.", "gemachtigde", false},
		{assistant.Dutch, "U heeft een dagvaarding gekregen. Wij bellen u morgen.", "dagvaarding", true},
		{assistant.English, "The court has made an attachment of earnings order. This means your employer pays part of your wages to us.", "attachment of earnings order", false},
		{assistant.English, "The court has made an attachment of earnings order. We will call you tomorrow.", "attachment of earnings order", true},
	}
	for _, c := range cases {
		p, err := e.Phrase(context.Background(), assistant.Utterance{Text: c.text, Language: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		checkRewrites(t, c.text, p)
		got := false
		for _, f := range p.Findings {
			if termKind(f.Kind) && containsWord(f.Text, c.term) || containsWord(c.term, f.Text) && termKind(f.Kind) {
				got = true
			}
		}
		if got != c.flagged {
			t.Errorf("%s: %q: term %q flagged %v, want %v (%+v)", c.lang, c.text, c.term, got, c.flagged, p.Findings)
		}
	}
	p, err := e.Phrase(context.Background(), assistant.Utterance{Text: "Als u niet betaalt, sturen we de deurwaarder. Dat betekent dat hij beslag kan leggen.", Language: assistant.Dutch})
	if err != nil {
		t.Fatal(err)
	}
	threat := false
	for _, f := range p.Findings {
		threat = threat || f.Kind == assistant.FindingThreat
	}
	if !threat {
		t.Errorf("an explained step held over the customer is still a threat: %+v", p.Findings)
	}
}
