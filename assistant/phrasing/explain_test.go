package phrasing

import (
	"context"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// A finding's reason on a page in the other language keeps its advice on
// what to say instead, with the replacement in the call's language.
func TestExplainKeepsTheAdviceInThePageLanguage(t *testing.T) {
	e := New()
	for _, c := range []struct {
		call, page assistant.Language
		text, term string
		want       []string
	}{
		{assistant.Dutch, assistant.English, "Teneinde de betaling te regelen, stuur ik u een brief.", "Teneinde",
			[]string{`"teneinde" is officialese.`, `Say "om" instead`}},
		{assistant.English, assistant.Dutch, "We can accomplish this in one call.", "accomplish",
			[]string{`"accomplish" is ambtelijke taal.`, `Zeg liever "do"`}},
	} {
		ph, err := e.Phrase(context.Background(), assistant.Utterance{Text: c.text, Language: c.call})
		if err != nil {
			t.Fatal(err)
		}
		var found bool
		for _, f := range ph.Findings {
			if f.Text != c.term {
				continue
			}
			found = true
			got := Explain(f, c.call, c.page)
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("%s call, %s page: reason of %q is %q, want it to hold %q", c.call, c.page, c.term, got, w)
				}
			}
			if same := Explain(f, c.call, c.call); same != f.Reason {
				t.Errorf("%s call on its own page: %q, want the stored %q", c.call, same, f.Reason)
			}
		}
		if !found {
			t.Fatalf("%q: no finding for %q in %+v", c.text, c.term, ph.Findings)
		}
	}
}

// A reason Explain cannot render again word for word stays as stored.
func TestExplainKeepsAReasonItCannotReproduce(t *testing.T) {
	f := assistant.Finding{Kind: assistant.FindingOfficialese, Text: "teneinde", Reason: `"teneinde" is ambtelijke taal. Zeg liever "ten behoeve van".`}
	if got := Explain(f, assistant.Dutch, assistant.English); got != f.Reason {
		t.Errorf("an unknown reason: %q, want it kept as %q", got, f.Reason)
	}
}
