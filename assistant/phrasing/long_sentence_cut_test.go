package phrasing

import (
	"context"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// The guides split a long sentence where a new main clause starts, also
// where no comma marks it ("… and we …") and where a reason follows
// ("…, because …" → "… This is because …"). Each case holds a cut that
// must appear, or one that must not.
func TestSplitAtMoreSafePoints(t *testing.T) {
	e := New()
	cases := []struct {
		lang         assistant.Language
		text         string
		want, broken string
	}{
		{assistant.English, "We looked at every payment you made to the account over the last two years and we found two that went to the wrong account.",
			"two years. We found two", ""},
		{assistant.English, "We sent the letter about the new payment plan to your old address in the town centre but we have now updated the address on your file.",
			"town centre. But we have now", ""},
		{assistant.English, "We added a late fee of £12 to the account at the end of last month, because the payment for the month of March reached us three days late.",
			"last month. This is because the payment", ""},
		// "and" between two nouns is no place to cut, even before a verb.
		{assistant.English, "Please bring the signed copy of the payment plan we agreed on the phone and the letter from your employer are both needed for the file.",
			"", ". The letter"},
		{assistant.English, "If you call us before the end of the week about the missed payment, because the plan can still be saved, we can hold the account for a month.",
			"", "This is because"},
		{assistant.Dutch, "Wij hebben alle betalingen van de afgelopen twee jaar op uw rekening nog een keer nagekeken en we hebben twee betalingen op de verkeerde rekening gevonden.",
			"nagekeken. We hebben twee", ""},
		{assistant.Dutch, "Wij hebben de brief over de nieuwe betalingsregeling naar uw oude adres in het centrum gestuurd maar we hebben het adres in uw dossier nu aangepast.",
			"gestuurd. Maar we hebben", ""},
		{assistant.Dutch, "Wij hebben aan het einde van vorige maand 12 euro extra kosten op uw rekening gezet, omdat de betaling van maart drie dagen te laat bij ons binnenkwam.",
			"gezet. Dat komt omdat de betaling", ""},
		{assistant.Dutch, "Als u ons voor het einde van de week belt over de gemiste betaling, omdat de regeling dan nog te redden is, kunnen we de rekening een maand stilzetten.",
			"", "Dat komt omdat"},
		{assistant.Dutch, "Stuurt u de getekende kopie van de regeling die we aan de telefoon hebben afgesproken en de brief van uw werkgever zijn allebei nodig voor het dossier.",
			"", ". De brief"},
	}
	for _, c := range cases {
		p, err := e.Phrase(context.Background(), assistant.Utterance{Text: c.text, Language: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		checkRewrites(t, c.text, p)
		if c.want != "" && !strings.Contains(p.Suggested, c.want) {
			t.Errorf("%s: suggestion %q does not cut at %q", c.lang, p.Suggested, c.want)
		}
		if c.broken != "" && strings.Contains(p.Suggested, c.broken) {
			t.Errorf("%s: suggestion %q cuts at %q", c.lang, p.Suggested, c.broken)
		}
		if c.want != "" && Score(p.Suggested, c.lang).Score <= p.Readability.Score {
			t.Errorf("%s: split %q reads no better (%.1f) than %q (%.1f)", c.lang, p.Suggested, Score(p.Suggested, c.lang).Score, c.text, p.Readability.Score)
		}
	}
}
