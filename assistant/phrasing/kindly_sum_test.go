package phrasing

import (
	"context"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// "kindly" inside a sentence gives way to "please" where a request puts it
// (before the verb of the request, or after the subject of a question),
// never "We please ask"; Dutch "vriendelijk" in a request goes. "Thank you
// kindly" is no letter phrase.
func TestKindlyPlacedAsPlease(t *testing.T) {
	phraseCases(t, []repairCase{
		{assistant.English, "We kindly ask that you pay by Friday.", "Please pay by Friday."},
		{assistant.English, "I would kindly ask you to call us back.", "Please call us back."},
		{assistant.English, "You can kindly send us the form.", "Please send us the form."},
		{assistant.English, "Could you kindly send us the form?", "Could you please send us the form?"},
		{assistant.English, "Kindly pay the balance today.", "Please pay the balance today."},
		{assistant.English, "Thank you kindly for calling.", ""},
		{assistant.Dutch, "Wij verzoeken u vriendelijk om het formulier vóór 1 mei terug te sturen.", "Wij vragen u het formulier vóór 1 mei terug te sturen."},
		{assistant.Dutch, "Ik verzoek u vriendelijk het formulier terug te sturen.", "Ik vraag u het formulier terug te sturen."},
	})
}

// "the sum of" before an amount, and an object after "to" where the verb
// takes it directly ("owe to us"), are wordy: "You owe us £300". Before
// other words than an amount the sum stays.
func TestSumOfAnAmountAndOweToUs(t *testing.T) {
	phraseCases(t, []repairCase{
		{assistant.English, "You owe to us the sum of £300.", "You owe us £300."},
		{assistant.English, "The sum of £300 is due on 1 May.", "£300 is due on 1 May."},
		{assistant.English, "This is the sum of your payments.", ""},
		{assistant.Dutch, "Wij hebben de som van € 300 ontvangen.", "Wij hebben € 300 ontvangen."},
		{assistant.Dutch, "Dit is de som van uw betalingen.", ""},
	})
	// A Dutch sentence does not lose its first words (the verb would come
	// first and ask a question), but the finding stands.
	e := New()
	p, err := e.Phrase(context.Background(), assistant.Utterance{Text: "De som van € 300 staat nog open.", Language: assistant.Dutch})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range p.Findings {
		found = found || f.Text == "De som van"
	}
	if !found {
		t.Errorf("nl: \"De som van\" not flagged: %+v", p.Findings)
	}
}
