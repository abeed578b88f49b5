package phrasing

import (
	"context"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// Threats as a trainer would try them: a legal step after an inverted
// condition ("Betaalt u niet, dan …"), and a handover to a named department
// held over the customer. The rewrite names what to avoid together and
// keeps neither the department nor the legal step as a threat.
func TestThreatsNamingADepartmentOrLegalStep(t *testing.T) {
	e := New()
	cases := []struct {
		lang assistant.Language
		text string
		want string // in the suggestion
	}{
		{assistant.Dutch, "Betaalt u niet, dan volgt een dagvaarding.", "voorkomen dat de zaak bij de rechter komt"},
		{assistant.Dutch, "Zonder betaling dragen wij de vordering over aan de afdeling juridische zaken.", "voorkomen dat uw zaak naar onze juridische afdeling gaat"},
		{assistant.Dutch, "Als u vrijdag niet betaalt, sturen we het door naar de afdeling invordering.", "voorkomen dat uw zaak naar een andere afdeling gaat"},
		{assistant.English, "Without payment, your account will be passed to our recoveries department.", "avoid your account being passed to another team"},
		{assistant.English, "Failing payment, the matter will be referred to our litigation team.", "avoid your account going to our legal team"},
	}
	for _, c := range cases {
		p, err := e.Phrase(context.Background(), assistant.Utterance{Text: c.text, Language: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		checkRewrites(t, c.text, p)
		threat := false
		for _, f := range p.Findings {
			threat = threat || f.Kind == assistant.FindingThreat
		}
		if !threat {
			t.Errorf("%s: no threat found in %q: %+v", c.lang, c.text, p.Findings)
		}
		if !strings.Contains(p.Suggested, c.want) {
			t.Errorf("%s: suggestion for %q is %q, want it to say %q", c.lang, c.text, p.Suggested, c.want)
		}
	}
	// Named as information, a department is no threat and no jargon.
	for _, c := range []struct {
		lang assistant.Language
		text string
	}{
		{assistant.Dutch, "Ik bel u namens de afdeling invordering over de rekening van maart."},
		{assistant.English, "I'm calling from the recoveries team about the March bill."},
	} {
		p, err := e.Phrase(context.Background(), assistant.Utterance{Text: c.text, Language: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range p.Findings {
			if f.Kind == assistant.FindingThreat || f.Kind == assistant.FindingJargon {
				t.Errorf("%s: %q flagged %s %q", c.lang, c.text, f.Kind, f.Text)
			}
		}
	}
}
