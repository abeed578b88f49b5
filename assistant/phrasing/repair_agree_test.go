package phrasing

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// insteadWord finds the plain wording a reason tells the agent to say.
var insteadWord = regexp.MustCompile(`(?:Zeg liever|Say) "([^"]+)"`)

// Where the guard asked a sentence as a question, no finding in it may
// still tell the agent to say a plain word the question does not hold
// ("Zeg liever "moeten"" next to "Kunt u … betalen?"). A term the
// question keeps, for the agent to rephrase, may still name its plain word.
func TestRepairReasonAgreesWithQuestion(t *testing.T) {
	e := New()
	for _, c := range []struct {
		lang      assistant.Language
		text      string
		suggested string
	}{
		{assistant.Dutch, "Het bedrag dient vóór vrijdag te worden voldaan.", "Kunt u het bedrag vóór vrijdag betalen?"},
		{assistant.Dutch, "U bent € 450 verschuldigd aan onze opdrachtgever.", "Kunt u € 450 betalen aan onze opdrachtgever?"},
		{assistant.English, "You are to remit £300 by Friday.", "Can you pay £300 by Friday?"},
		{assistant.English, "The arrears must be paid by Friday.", "Can you pay the missed payments by Friday?"},
	} {
		p, err := e.Phrase(context.Background(), assistant.Utterance{Text: c.text, Language: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		if p.Suggested != c.suggested {
			t.Errorf("%s: %q: suggestion %q, want %q", c.lang, c.text, p.Suggested, c.suggested)
		}
		for _, f := range p.Findings {
			if strings.Contains(strings.ToLower(p.Suggested), strings.ToLower(f.Text)) {
				continue // the term is still there for the agent to rephrase
			}
			for _, m := range insteadWord.FindAllStringSubmatch(f.Reason, -1) {
				if !strings.Contains(strings.ToLower(p.Suggested), strings.ToLower(m[1])) {
					t.Errorf("%s: %q: %s %q: reason %q says %q, which the suggestion %q does not say",
						c.lang, c.text, f.Kind, f.Text, f.Reason, m[1], p.Suggested)
				}
			}
		}
	}
}

// The same order in other words gets the same question: the one that asks
// whether the customer can (DESIGN.md: ask what is realistic), never "we'd
// ask you to pay" for one wording and "Can you pay" for the other.
func TestRepairSameOrderSameQuestion(t *testing.T) {
	phraseCases(t, []repairCase{
		{assistant.English, "The balance must be paid.", "Can you pay the balance?"},
		{assistant.English, "The balance has to be paid.", "Can you pay the balance?"},
		{assistant.English, "The balance is to be paid.", "Can you pay the balance?"},
		{assistant.English, "The balance must be paid by Friday.", "Can you pay the balance by Friday?"},
		{assistant.English, "The balance is to be paid by Friday.", "Can you pay the balance by Friday?"},
		{assistant.Dutch, "Het bedrag moet vóór vrijdag betaald worden.", "Kunt u het bedrag vóór vrijdag betalen?"},
		{assistant.Dutch, "Het bedrag moet vóór vrijdag worden betaald.", "Kunt u het bedrag vóór vrijdag betalen?"},
		{assistant.Dutch, "Het bedrag dient vóór vrijdag betaald te worden.", "Kunt u het bedrag vóór vrijdag betalen?"},
		{assistant.Dutch, "Het bedrag is vóór vrijdag te betalen.", "Kunt u het bedrag vóór vrijdag betalen?"},
		{assistant.Dutch, "Het bedrag moet betaald worden.", "Kunt u het bedrag betalen?"},
		{assistant.Dutch, "Het bedrag dient te worden betaald.", "Kunt u het bedrag betalen?"},
	})
}

// Without its belittling word "It's only money" says nothing a trainer
// would say: the sentence goes and the finding says what to do instead;
// a belittling word before a fact is still just left out.
func TestBelittlingLeavesNoHollowSentence(t *testing.T) {
	e := New()
	for _, c := range []struct {
		lang      assistant.Language
		text      string
		suggested string
	}{
		{assistant.English, "It's only money.", ""},
		{assistant.English, "I hear you. It's only money.", "I hear you."},
		{assistant.Dutch, "Het is maar geld.", ""},
		{assistant.Dutch, "Ik hoor het. Het is maar geld.", "Ik hoor het."},
		{assistant.English, "It's only £40 a month.", "It's £40 a month."},
	} {
		p, err := e.Phrase(context.Background(), assistant.Utterance{Text: c.text, Language: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		checkRewrites(t, c.text, p)
		if p.Suggested != c.suggested {
			t.Errorf("%s: %q: suggestion %q, want %q", c.lang, c.text, p.Suggested, c.suggested)
		}
		if strings.Contains(c.text, "£") {
			continue
		}
		advice := prompts.MustRender(c.lang, "advice.hollow", nil)
		advised := false
		for _, f := range p.Findings {
			if f.Kind != assistant.FindingBelittling {
				continue
			}
			advised = strings.Contains(f.Reason, advice)
			if m := insteadWord.FindStringSubmatch(f.Reason); m != nil {
				t.Errorf("%s: %q: reason %q still says %q", c.lang, c.text, f.Reason, m[1])
			}
			if f.Rewrite != nil && f.Rewrite.Text != "" {
				t.Errorf("%s: %q: belittling finding keeps the rewrite %q", c.lang, c.text, f.Rewrite.Text)
			}
		}
		if !advised {
			t.Errorf("%s: %q: no belittling finding gives the advice %q: %+v", c.lang, c.text, advice, p.Findings)
		}
	}
}
