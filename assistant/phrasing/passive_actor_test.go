package phrasing

import (
	"context"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// A Dutch passive is rewritten with "we" only where nothing is left behind:
// a named actor ("door een collega") or a modal ("moet worden beoordeeld")
// keeps the finding without a broken rewrite; a plain one gets its "we",
// the future "zal worden" its "we gaan".
func TestDutchPassiveKeepsActorAndModal(t *testing.T) {
	e := New()
	cases := []struct{ text, want string }{
		{"Uw aanvraag zal worden beoordeeld.", "We gaan uw aanvraag beoordelen."},
		{"Uw bedrag zal binnen twee weken worden aangepast.", "We gaan uw bedrag binnen twee weken aanpassen."},
		{"Uw aanvraag moet worden beoordeeld.", ""},
		{"Uw aanvraag wordt beoordeeld door een collega.", ""},
		{"De regeling is gepubliceerd.", "We hebben de regeling gepubliceerd."},
		{"Uw aanvraag wordt nog een keer beoordeeld.", "We beoordelen uw aanvraag nog een keer."},
	}
	for _, c := range cases {
		p, err := e.Phrase(context.Background(), assistant.Utterance{Text: c.text, Language: assistant.Dutch})
		if err != nil {
			t.Fatal(err)
		}
		checkRewrites(t, c.text, p)
		passive := false
		for _, f := range p.Findings {
			passive = passive || f.Kind == assistant.FindingPassiveVoice
		}
		if !passive {
			t.Errorf("%q: no passive found", c.text)
		}
		if p.Suggested != c.want {
			t.Errorf("%q: suggestion %q, want %q", c.text, p.Suggested, c.want)
		}
	}
}

// An English passive in the past with a named actor ("by the council")
// puts the actor first; "by mistake" is no actor, and a "by" phrase the
// rewrite cannot move keeps the finding without a rewrite.
func TestEnglishPassiveWithActor(t *testing.T) {
	e := New()
	cases := []struct{ text, want string }{
		{"The notice was published by the council in the local paper.", "The council published the notice in the local paper."},
		{"Your payment was received by our bank yesterday.", "Our bank received your payment yesterday."},
		{"The fee was added by mistake.", ""},
		{"Your account was passed to us by the lender.", ""},
	}
	for _, c := range cases {
		p, err := e.Phrase(context.Background(), assistant.Utterance{Text: c.text, Language: assistant.English})
		if err != nil {
			t.Fatal(err)
		}
		checkRewrites(t, c.text, p)
		if p.Suggested != c.want {
			t.Errorf("%q: suggestion %q, want %q", c.text, p.Suggested, c.want)
		}
	}
}
