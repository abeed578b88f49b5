package phrasing

import (
	"context"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// A verb hidden in a noun ("een keuze maken", "make an attempt") comes
// back as the verb, and the words around it stay grammatical: a Dutch verb
// that the noun phrase pushed to the front goes to the end of its clause
// ("een wijziging aanbrengen in de regeling" → "de regeling aanpassen"),
// English agreement is kept ("is dependent on" → "depends on"). Sentences
// of our own, not the lexicon's examples.
func TestHiddenVerbsRewritten(t *testing.T) {
	e := New()
	cases := []struct {
		lang       assistant.Language
		text, want string
	}{
		{assistant.Dutch, "Wilt u in het weekend een keuze maken tussen de twee data?", "Wilt u in het weekend kiezen tussen de twee data?"},
		{assistant.Dutch, "Wij hebben gisteren een poging gedaan om uw werkgever te bereiken.", "Wij hebben gisteren geprobeerd om uw werkgever te bereiken."},
		{assistant.Dutch, "Ik kan vandaag een wijziging aanbrengen in het bedrag van 45 euro.", "Ik kan vandaag het bedrag van 45 euro aanpassen."},
		{assistant.Dutch, "Wij gaan morgen onderzoek doen naar de ontbrekende betaling.", "Wij gaan morgen de ontbrekende betaling uitzoeken."},
		{assistant.Dutch, "Mijn collega heeft gebruik gemaakt van uw nieuwe adres.", "Mijn collega heeft uw nieuwe adres gebruikt."},
		{assistant.Dutch, "Maakt u al gebruik van de app?", "Gebruikt u al de app?"},
		{assistant.Dutch, "De afdeling is in het bezit van het formulier van 8 juli.", "De afdeling heeft het formulier van 8 juli."},
		{assistant.Dutch, "Wij willen u vragen om voor 1 mei tot betaling over te gaan.", "Wij willen u vragen om voor 1 mei te betalen."},
		{assistant.English, "Did you make an attempt to pay the £40 on Friday?", "Did you try to pay the £40 on Friday?"},
		{assistant.English, "The amount you pay each month is dependent upon what you earn.", "The amount you pay each month depends on what you earn."},
		{assistant.English, "Last week my colleague made changes to the plan you agreed.", "Last week my colleague changed the plan you agreed."},
		{assistant.English, "The agency has a need for your bank statement from June.", "The agency needs your bank statement from June."},
		{assistant.English, "Both of you are in possession of the letter from 2 May.", "Both of you have the letter from 2 May."},
		{assistant.English, "I will provide an explanation of the new fee when we meet.", "I will explain the new fee when we meet."},
		{assistant.English, "They have the ability to freeze the interest for you.", "They can freeze the interest for you."},
		// Forms of older entries that had no safe rewrite before.
		{assistant.Dutch, "Wij nemen uw aanbod van 40 euro in overweging.", "Wij overwegen uw aanbod van 40 euro."},
		{assistant.Dutch, "De gemeente geeft uitvoering aan de regeling van 1 juni.", "De gemeente voert de regeling van 1 juni uit."},
		{assistant.Dutch, "U mag ook op wekelijkse basis 15 euro overmaken.", "U mag ook elke week 15 euro overmaken."},
		{assistant.English, "They will carry out an investigation before Friday.", "They will investigate before Friday."},
		{assistant.English, "You can also pay £15 on a weekly basis.", "You can also pay £15 every week."},
		{assistant.English, "I will write to you in reference to the missed £30.", "I will write to you about the missed £30."},
	}
	for _, c := range cases {
		p, err := e.Phrase(context.Background(), assistant.Utterance{Text: c.text, Language: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		checkRewrites(t, c.text, p)
		if p.Suggested != c.want {
			t.Errorf("%s: %q\n got %q\nwant %q", c.lang, c.text, p.Suggested, c.want)
		}
	}
}

// "(omit) +verb" leaves the form out and puts the verb at the end of the
// clause; a form with nothing after it has no object to put before the
// verb, so it gets no rewrite rather than a broken one.
func TestOmitWithTailVerb(t *testing.T) {
	r, err := parseRewrite("een keuze doen voor", "(omit) +kiezen")
	if err != nil || !r.ok || r.tail != "kiezen" || len(r.parts) != 1 || r.parts[0] != "" {
		t.Fatalf("parseRewrite: %+v, %v", r, err)
	}
	if _, err := parseRewrite("een keuze doen voor", "(omit)/(omit) +kiezen"); err == nil {
		t.Error("a light wording with a bare tail should not parse as a bare tail")
	}
	e := New()
	text := "Wij willen graag een bezoek brengen aan."
	p, err := e.Phrase(context.Background(), assistant.Utterance{Text: text, Language: assistant.Dutch})
	if err != nil {
		t.Fatal(err)
	}
	checkRewrites(t, text, p)
	if p.Suggested == "Wij willen graag bezoeken." {
		t.Errorf("a form that ends its clause got a tail rewrite: %q", p.Suggested)
	}
}
