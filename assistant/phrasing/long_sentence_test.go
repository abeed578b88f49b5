package phrasing

import (
	"context"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// A long sentence is split only where both halves stand as sentences: a
// cut that strands a condition or turns a list item or a "that" clause
// into a sentence of its own is no rewrite a trainer would hand out.
func TestSplitOnlyWhereBothHalvesStand(t *testing.T) {
	e := New()
	cases := []struct {
		lang   assistant.Language
		text   string
		broken string // a cut that must not appear in the suggestion
		want   string // a cut that must appear ("" when none is safe)
	}{
		{assistant.English, "If you call us before Friday and tell us what you can afford to pay each month, and the amount covers at least the interest, we can put the account on hold for thirty days.",
			"month. The amount", ""},
		{assistant.English, "Please send the signed form back to us by post or by email at the address on the top of the letter, and that every page of the form has your signature on it.",
			". That every", ""},
		{assistant.English, "With the form please send us your full name, your date of birth, your current address and your previous address, and the name and phone number of your employer at the time.",
			". The name", ""},
		{assistant.English, "We have looked again at the payments you made on your account over the last six months, and we have found two payments that were put on the wrong account.",
			"", "months. We have found"},
		{assistant.English, "We have added the two missed payments from March and April to the plan that we agreed on the phone last week, which means your monthly payment goes up from next month.",
			"", "last week. This means your monthly"},
		{assistant.English, "We have looked at the statement of income and outgoings from the debt adviser at the local council office in town, which we received from you last Tuesday afternoon.",
			". This we received", ""},
		{assistant.Dutch, "We hebben de twee gemiste betalingen van maart en april bij de afspraak van vorige week over de telefoon opgeteld, wat betekent dat uw maandbedrag vanaf volgende maand omhoog gaat.",
			"", "opgeteld. Dat betekent dat"},
		{assistant.Dutch, "We hebben het overzicht van uw inkomsten en uitgaven van de schuldhulpverlener van de gemeente in de stad goed bekeken, wat u ons vorige week dinsdag heeft gestuurd.",
			". Dat u ons", ""},
		{assistant.Dutch, "Als u ons voor vrijdag belt en vertelt hoeveel u elke maand kunt betalen, en het bedrag is genoeg voor de rente, dan zetten we de zaak dertig dagen stil.",
			"betalen. Het bedrag", ""},
		{assistant.Dutch, "Wij hebben de betalingen van de afgelopen zes maanden op uw rekening nog een keer goed bekeken, en we hebben twee betalingen gevonden op de verkeerde rekening.",
			"", "bekeken. We hebben"},
		// A second verb without a subject of its own continues the clause.
		{assistant.English, "The team that looked after your account has checked every payment you made over the last two years, and have found nothing that was put on the wrong account.",
			". Have found", ""},
		{assistant.Dutch, "Wij hebben uw dossier van de afgelopen twee jaar bij de gemeente en bij de deurwaarder opgevraagd, en hebben daarna alle betalingen van u een voor een nagekeken.",
			". Hebben daarna", ""},
	}
	for _, c := range cases {
		p, err := e.Phrase(context.Background(), assistant.Utterance{Text: c.text, Language: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		checkRewrites(t, c.text, p)
		if c.broken != "" && strings.Contains(p.Suggested, c.broken) {
			t.Errorf("%s: suggestion cuts at %q: %q", c.lang, c.broken, p.Suggested)
		}
		if c.want != "" && !strings.Contains(p.Suggested, c.want) {
			t.Errorf("%s: suggestion %q does not cut at %q", c.lang, p.Suggested, c.want)
		}
	}
}
