package phrasing

import (
	"context"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

type repairCase struct {
	lang      assistant.Language
	text      string
	suggested string
}

// phraseCases runs the cases and checks the suggestion, the rewrites'
// offsets and facts, and that some finding carries the suggestion of a
// one-sentence turn as its rewrite.
func phraseCases(t *testing.T, cases []repairCase) {
	t.Helper()
	e := New()
	for _, c := range cases {
		p, err := e.Phrase(context.Background(), assistant.Utterance{Text: c.text, Language: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		checkRewrites(t, c.text, p)
		if p.Suggested != c.suggested {
			t.Errorf("%s: %q: suggestion\n  %q\nwant\n  %q", c.lang, c.text, p.Suggested, c.suggested)
		}
		if MissingFacts(c.text, p.Suggested) != nil && p.Suggested != "" {
			t.Errorf("%s: %q: suggestion %q loses %v", c.lang, c.text, p.Suggested, MissingFacts(c.text, p.Suggested))
		}
	}
}

// Officialese that orders in the passive is asked as a question, with the
// customer as the one who pays and every amount and date kept.
func TestRepairOrderOfficialese(t *testing.T) {
	phraseCases(t, []repairCase{
		{assistant.English, "The amount is to be paid by Friday.", "Can you pay the amount by Friday?"},
		{assistant.English, "The balance must be paid by Friday.", "Can you pay the balance by Friday?"},
		{assistant.English, "The sum of £300 is to be paid by 1 May.", "Can you pay £300 by 1 May?"},
		{assistant.Dutch, "Het bedrag dient vóór vrijdag te worden voldaan.", "Kunt u het bedrag vóór vrijdag betalen?"},
		{assistant.Dutch, "Het bedrag van € 300 dient vóór 1 mei te worden betaald.", "Kunt u het bedrag van € 300 vóór 1 mei betalen?"},
	})
}

// An order that a term rewrite leaves in the suggestion, or makes ("u bent
// … verschuldigd" → "u moet … betalen"), becomes a question.
func TestRepairOrderLeftByATermRewrite(t *testing.T) {
	phraseCases(t, []repairCase{
		{assistant.English, "You are to remit £300 by Friday.", "Can you pay £300 by Friday?"},
		{assistant.Dutch, "U bent € 450 verschuldigd aan onze opdrachtgever.", "Kunt u € 450 betalen aan onze opdrachtgever?"},
		{assistant.Dutch, "Je bent € 450 verschuldigd aan onze opdrachtgever.", "Kun je € 450 betalen aan onze opdrachtgever?"},
	})
}

// A condition followed by an order asks the condition as the question.
func TestRepairConditionBecomesAQuestion(t *testing.T) {
	phraseCases(t, []repairCase{
		{assistant.English, "If you remit the £300 by Friday, you must send us the receipt.", "Can you pay the £300 by Friday?"},
		{assistant.Dutch, "Als u de € 300 vóór vrijdag voldoet, moet u ons het bewijs sturen.", "Kunt u de € 300 vóór vrijdag betalen?"},
	})
}

// A sarcastic sentence no rewrite touches is left out of the suggestion.
func TestRepairLeavesOutSarcasm(t *testing.T) {
	phraseCases(t, []repairCase{
		{assistant.English, "Thank you for calling. Oh brilliant, another excuse. The balance is £300.", "Thank you for calling. The balance is £300."},
		{assistant.Dutch, "Bedankt voor uw telefoontje. Nou, dat hoor ik ook voor het eerst. Het saldo is € 300.", "Bedankt voor uw telefoontje. Het bedrag is € 300."},
	})
}

// Where no repair is safe (a date the question would lose, an actor named
// in the passive, sarcasm around a date), the turn gets no suggestion and
// no rewrite, and a finding says what to change instead.
func TestRepairAdvisesInsteadOfABrokenSentence(t *testing.T) {
	e := New()
	for _, c := range []struct {
		lang   assistant.Language
		text   string
		advice string
	}{
		{assistant.English, "If you pay the £300 by Friday, you need to call us on Monday.", "advice.order"},
		{assistant.English, "The amount is to be paid by your employer.", "advice.order"},
		{assistant.English, "Take your time, it's only been since 1 March.", "advice.sarcasm"},
		{assistant.Dutch, "Als u de € 300 vóór vrijdag betaalt, dient u ons op maandag te bellen.", "advice.order"},
		{assistant.Dutch, "Het bedrag dient door uw werkgever te worden voldaan.", "advice.order"},
		{assistant.Dutch, "Neemt u vooral de tijd, het is pas sinds 1 maart.", "advice.sarcasm"},
	} {
		p, err := e.Phrase(context.Background(), assistant.Utterance{Text: c.text, Language: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		checkRewrites(t, c.text, p)
		if p.Suggested != "" {
			t.Errorf("%s: %q: suggestion %q, want none", c.lang, c.text, p.Suggested)
		}
		advice := prompts.MustRender(c.lang, c.advice, nil)
		advised := false
		for _, f := range p.Findings {
			if f.Rewrite != nil {
				t.Errorf("%s: %q: %s %q still has the rewrite %q", c.lang, c.text, f.Kind, f.Text, f.Rewrite.Text)
			}
			advised = advised || strings.Contains(f.Reason, advice)
		}
		if !advised {
			t.Errorf("%s: %q: no finding gives the advice %q: %+v", c.lang, c.text, advice, p.Findings)
		}
	}
}

// Plain requests and rules are no orders to repair: the guard leaves them
// as the other rules left them.
func TestRepairLeavesPlainRequestsAlone(t *testing.T) {
	phraseCases(t, []repairCase{
		{assistant.Dutch, "U moet voldoen aan de voorwaarden.", "U moet zich houden aan de voorwaarden."},
		{assistant.English, "Copies of tax returns must be provided.", ""},
		{assistant.Dutch, "Het formulier moet door de aanvrager worden ingediend.", "Het formulier moet door de aanvrager worden gestuurd."},
		{assistant.English, "I know you must be worried about the £300.", ""},
	})
}
