package phrasing

import (
	"context"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// adviseCases checks that each case gets no suggestion and a finding that
// says to make a question of the order: no repair was safe.
func adviseCases(t *testing.T, cases []repairCase) {
	t.Helper()
	e := New()
	for _, c := range cases {
		p, err := e.Phrase(context.Background(), assistant.Utterance{Text: c.text, Language: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		if p.Suggested != "" {
			t.Errorf("%s: %q: suggestion %q, want none", c.lang, c.text, p.Suggested)
		}
		advice := prompts.MustRender(c.lang, "advice.order", nil)
		advised := false
		for _, f := range p.Findings {
			advised = advised || strings.Contains(f.Reason, advice)
		}
		if !advised {
			t.Errorf("%s: %q: no finding gives the advice %q", c.lang, c.text, advice)
		}
	}
}

// An order in the passive is asked as a question however the sentence
// opens: after a connective the Dutch subject follows the verb
// ("Daarnaast moet het bedrag …"), the English one follows a comma ("In
// addition, the balance must …"); the connective stays in the question.
// An opener that is no connective, or an actor of its own, still gets
// advice instead.
func TestRepairPassiveAfterAConnective(t *testing.T) {
	phraseCases(t, []repairCase{
		{assistant.Dutch, "Daarnaast moet het bedrag nog betaald worden.", "Kunt u daarnaast het bedrag nog betalen?"},
		{assistant.Dutch, "Ook moet het bedrag vóór vrijdag betaald worden.", "Kunt u ook het bedrag vóór vrijdag betalen?"},
		{assistant.Dutch, "Verder moet het formulier nog ondertekend worden.", "Kunt u verder het formulier nog ondertekenen?"},
		{assistant.English, "In addition, the balance must still be paid.", "Can you also pay the balance?"},
		{assistant.English, "Also, the form must be signed.", "Can you also sign the form?"},
		{assistant.English, "In addition, the balance must be paid by Friday.", "Can you also pay the balance by Friday?"},
	})
	// Near misses: not a connective, or an actor named.
	adviseCases(t, []repairCase{
		{assistant.Dutch, "Helaas moet het bedrag nog betaald worden.", ""},
		{assistant.Dutch, "Daarnaast moet het bedrag door uw partner betaald worden.", ""},
		{assistant.English, "Sadly, the balance must still be paid by Friday.", ""},
		{assistant.English, "In addition, the balance must be paid by your partner.", ""},
	})
}

// An order in the passive with words after its verb (where the money
// goes) is asked as a question that keeps those words as they are: the
// account number and the reference the customer needs.
func TestRepairPassiveWithWordsAfterTheVerb(t *testing.T) {
	phraseCases(t, []repairCase{
		{assistant.Dutch, "Het bedrag moet worden overgemaakt naar rekening NL12 ABNA 0123 4567 89.", "Kunt u het bedrag overmaken naar rekening NL12 ABNA 0123 4567 89?"},
		{assistant.Dutch, "De € 300 moet worden overgemaakt naar rekening NL12ABNA0123456789 met kenmerk 4471.", "Kunt u de € 300 overmaken naar rekening NL12ABNA0123456789 met kenmerk 4471?"},
		{assistant.English, "The amount must be transferred to account GB29 NWBK 6016 1331 9268 19.", "Can you transfer the amount to account GB29 NWBK 6016 1331 9268 19?"},
		{assistant.English, "The £300 must be transferred to account 12345678 with reference 4471.", "Can you transfer the £300 to account 12345678 with reference 4471?"},
		// Near misses: money that comes to the customer is ours to send.
		{assistant.Dutch, "Uw teruggave moet nog worden overgemaakt naar uw rekening.", ""},
		{assistant.English, "Your refund will be transferred to your account.", "We'll transfer your refund to your account."},
		{assistant.English, "Your refund must be transferred to your account.", "We need to transfer your refund to your account."},
	})
	// Near misses: an actor of its own.
	adviseCases(t, []repairCase{
		{assistant.Dutch, "Het bedrag moet worden overgemaakt door uw werkgever naar rekening NL12ABNA0123456789.", ""},
		{assistant.English, "The amount must be transferred by your employer to account 12345678.", ""},
	})
}
