package phrasing

import (
	"context"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// An order that names an amount with a thousands separator or a decimal
// comma (either language's way of writing it), a date or a period: the
// question keeps all of it and the verb, and nothing before it is left as a
// fragment.
func TestCommandRewriteKeepsAmounts(t *testing.T) {
	e := New()
	cases := []struct {
		lang assistant.Language
		text string
		want []string // in the suggestion, as written
	}{
		{assistant.English, "You are required to remit the outstanding balance of £1,234.56.", []string{"£1,234.56", "pay"}},
		{assistant.English, "You have to pay $2,500.00 now.", []string{"$2,500.00", "pay"}},
		{assistant.English, "You must pay £1,250.", []string{"£1,250", "pay"}},
		{assistant.English, "You must pay 1,250 pounds.", []string{"1,250 pounds", "pay"}},
		{assistant.English, "You need to pay €1.250,50.", []string{"€1.250,50", "pay"}},
		{assistant.English, "You must pay 2.5% interest on INV-20931.", []string{"2.5%", "INV-20931", "pay"}},
		{assistant.Dutch, "U moet € 1.234,56 betalen.", []string{"€ 1.234,56", "betalen"}},
		{assistant.Dutch, "U moet € 12,50 per maand betalen.", []string{"€ 12,50 per maand", "betalen"}},
		{assistant.Dutch, "U moet op 15 januari 2027 € 75,00 betalen.", []string{"op 15 januari 2027", "€ 75,00", "betalen"}},
		{assistant.Dutch, "U moet 2,5% rente betalen op dossier 2024-1183.", []string{"2,5%", "2024-1183", "betalen"}},
	}
	for _, c := range cases {
		p, err := e.Phrase(context.Background(), assistant.Utterance{Text: c.text, Language: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		checkRewrites(t, c.text, p)
		if p.Suggested == "" {
			t.Errorf("%s: no suggestion for %q", c.lang, c.text)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(p.Suggested, w) {
				t.Errorf("%s: suggestion %q for %q lacks %q", c.lang, p.Suggested, c.text, w)
			}
		}
		if m := MissingFacts(c.text, p.Suggested); m != nil {
			t.Errorf("%s: suggestion %q for %q loses %q", c.lang, p.Suggested, c.text, m)
		}
	}
}

// A phrase before the order that is no sentence of its own ("Pursuant to
// the agreement", "Volgens de overeenkomst") is not made into one.
func TestCommandRewriteLeavesNoFragment(t *testing.T) {
	e := New()
	cases := []struct {
		lang assistant.Language
		text string
	}{
		{assistant.English, "Pursuant to the agreement, you must pay £1,234.56."},
		{assistant.English, "Under the terms of the agreement, you must pay £40 by Friday."},
		{assistant.Dutch, "Op grond van de overeenkomst, moet u € 1.234,56 betalen."},
		{assistant.Dutch, "Volgens de afspraak van vorige maand, u moet € 40 betalen."},
	}
	for _, c := range cases {
		p, err := e.Phrase(context.Background(), assistant.Utterance{Text: c.text, Language: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		checkRewrites(t, c.text, p)
		for _, s := range strings.SplitAfter(p.Suggested, ". ") {
			if s = strings.TrimSpace(s); s != "" && !strings.ContainsAny(s, "?!") && !holdsFinite(c.lang, s) {
				t.Errorf("%s: suggestion %q for %q holds the fragment %q", c.lang, p.Suggested, c.text, s)
			}
		}
	}
}
