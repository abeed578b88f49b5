package phrasing

import (
	"context"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// A formal relative becomes the relative people say: English moves the
// preposition to the end of a short clause ("the form about which you
// asked" → "the form you asked about"), Dutch joins it to "waar" ("de brief
// op welke u reageerde" → "de brief waarop u reageerde"). Where the clause
// goes on after its verb, or the preposition would not read well at the
// end, the finding keeps its advice and the sentence is not broken.
func TestFormalRelativeRewritten(t *testing.T) {
	e := New()
	cases := []struct {
		lang       assistant.Language
		text, want string // want "" : the form must not be rewritten
	}{
		{assistant.English, "Here is the form about which you asked.", "Here is the form you asked about."},
		{assistant.English, "We will keep to the date by which you can pay, as agreed.", "We will keep to the date you can pay by, as agreed."},
		{assistant.English, "This is the plan with which we agreed.", "This is the plan we agreed with."},
		{assistant.English, "The letter to which you replied was lost in the post.", ""},
		{assistant.English, "We looked at the month in which you paid.", ""},
		{assistant.English, "This is the account to which we sent the £50 refund.", ""},
		{assistant.Dutch, "Dit is de brief op welke u heeft gereageerd.", "Dit is de brief waarop u heeft gereageerd."},
		{assistant.Dutch, "Het gaat om de regeling over welke wij vorige week spraken.", "Het gaat om de regeling waarover wij vorige week spraken."},
		{assistant.Dutch, "In welke maand heeft u de 80 euro betaald?", ""},
		{assistant.Dutch, "Ik weet niet in welke map de brief zit.", ""},
	}
	for _, c := range cases {
		p, err := e.Phrase(context.Background(), assistant.Utterance{Text: c.text, Language: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		checkRewrites(t, c.text, p)
		if c.want != "" && p.Suggested != c.want {
			t.Errorf("%s: %q\n got %q\nwant %q", c.lang, c.text, p.Suggested, c.want)
		}
		if c.want == "" {
			for _, f := range p.Findings {
				if f.Rewrite != nil && f.Kind == assistant.FindingOfficialese {
					t.Errorf("%s: %q: formal relative %q rewritten to %q", c.lang, c.text, f.Text, f.Rewrite.Text)
				}
			}
		}
	}
}
