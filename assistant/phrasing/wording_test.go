package phrasing

import (
	"context"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// phrase runs the engine on one utterance.
func phrase(t *testing.T, lang assistant.Language, text string) assistant.Phrasing {
	t.Helper()
	p, err := New().Phrase(context.Background(), assistant.Utterance{Text: text, Language: lang})
	if err != nil {
		t.Fatalf("%s %q: %v", lang, text, err)
	}
	return p
}

// An account handed over to the agency reads as handed over: "passed to
// us", "aan ons doorgegeven", not "we place your account with us" or the
// officialese "in behandeling gegeven aan".
func TestHandedOverReadsNaturally(t *testing.T) {
	for _, c := range []struct {
		lang     assistant.Language
		in, want string
	}{
		{assistant.English, "Your account is placed with us.", "Your account has been passed to us."},
		{assistant.English, "Your account has been placed with us.", "Your account has been passed to us."},
		{assistant.Dutch, "Uw dossier is in behandeling gegeven aan ons.", "Uw zaak is aan ons doorgegeven."},
		{assistant.Dutch, "Uw dossier is in behandeling gegeven aan ons kantoor.", "Uw zaak is doorgegeven aan ons kantoor."},
	} {
		if p := phrase(t, c.lang, c.in); p.Suggested != c.want {
			t.Errorf("%s %q: suggested %q, want %q", c.lang, c.in, p.Suggested, c.want)
		}
	}
}

// A term with no safe swap gets a tip that says what its finding says:
// rephrase the sentence, not swap the word.
func TestTipAgreesWithItsFinding(t *testing.T) {
	for _, c := range []struct {
		lang      assistant.Language
		in, term  string
		want, not string
	}{
		{assistant.Dutch, "Onze opdrachtgever heeft het dossier aan ons gegeven.", "opdrachtgever", "zet de zin", "Zeg \"bedrijf waarvoor wij werken\" in plaats van"},
		{assistant.English, "We will use diligence.", "diligence", "rephrase", "Say \"debt enforcement through the Scottish courts\" instead of"},
	} {
		p := phrase(t, c.lang, c.in)
		var reason string
		for _, f := range p.Findings {
			if strings.EqualFold(f.Text, c.term) {
				reason = f.Reason
			}
		}
		if reason == "" || p.Tip.Kind != assistant.TipOf(assistant.FindingJargon) {
			t.Fatalf("%s %q: no jargon finding %q or tip %+v", c.lang, c.in, c.term, p.Tip)
		}
		if !strings.Contains(strings.ToLower(reason), c.want) || !strings.Contains(strings.ToLower(p.Tip.Text), c.want) || strings.Contains(p.Tip.Text, c.not) {
			t.Errorf("%s %q: finding %q and tip %q disagree", c.lang, c.in, reason, p.Tip.Text)
		}
	}
}

// The plain words for "ingebrekestelling" are Dutch: a letter about the
// arrears, or a letter that says you are late, never "brief dat u te laat
// bent".
func TestLetterOfDefaultIsGrammatical(t *testing.T) {
	for _, in := range []string{"U heeft vorige week een ingebrekestelling ontvangen.", "Wij hebben u in gebreke gesteld op 3 maart."} {
		p := phrase(t, assistant.Dutch, in)
		all := p.Suggested + " " + p.Tip.Text
		for _, f := range p.Findings {
			all += " " + f.Reason
		}
		if strings.Contains(all, "brief dat u") {
			t.Errorf("%q says %q", in, all)
		}
		if !strings.Contains(all, "brief over uw achterstand") && !strings.Contains(all, "brief sturen over uw achterstand") && !strings.Contains(all, "waarin staat dat u te laat bent met betalen") {
			t.Errorf("%q gives no plain wording for the letter: %q", in, all)
		}
	}
	// The English side names the letter plainly too.
	p := phrase(t, assistant.English, "We sent you a letter of default last week.")
	if p.Tip.Kind != assistant.TipOf(assistant.FindingJargon) {
		t.Errorf("en: letter of default: tip %+v", p.Tip)
	}
}

// Where the plain wording of a term is an order the guard turns into a
// question, the tip recommends the question, not the order.
func TestTipForOwedAmountDoesNotOrder(t *testing.T) {
	for _, c := range []struct {
		lang      assistant.Language
		in        string
		want, not string
	}{
		{assistant.Dutch, "U bent € 450 verschuldigd.", "Kunt u € 450 betalen?", "moet € 450 betalen"},
		{assistant.Dutch, "U bent nog € 450 verschuldigd.", "Kunt u nog € 450 betalen?", "moet nog € 450 betalen"},
		{assistant.English, "You shall pay £450 by Friday.", "Can you pay £450 by Friday?", "\"must\""},
		{assistant.Dutch, "Het bedrag dient vóór vrijdag te worden voldaan.", "Kunt u het bedrag vóór vrijdag betalen?", "\"moeten\""},
	} {
		p := phrase(t, c.lang, c.in)
		if !strings.Contains(p.Tip.Text, c.want) || strings.Contains(p.Tip.Text, c.not) {
			t.Errorf("%s %q: tip %q, want it to say %q and not %q (suggested %q)", c.lang, c.in, p.Tip.Text, c.want, c.not, p.Suggested)
		}
	}
}

// "It's only" belittles a problem or a sum ("it's only money"), and mocks
// in sarcasm ("take your time, it's only been six months"), but a sincere
// statement of time is no belittling.
func TestItsOnlyFiresOnBelittlingNotOnTime(t *testing.T) {
	for _, c := range []struct {
		lang  assistant.Language
		in    string
		fires bool
	}{
		{assistant.English, "It's only money.", true},
		{assistant.English, "Don't worry, it's only a reminder.", true},
		{assistant.English, "Take your time, it's only been six months.", true},
		{assistant.English, "It's only been a week since you called.", false},
		{assistant.English, "It's only a week since you called.", false},
		{assistant.English, "It's only two days until your payday.", false},
		{assistant.Dutch, "Het is maar geld.", true},
		{assistant.Dutch, "Het is maar een herinnering.", true},
		{assistant.Dutch, "Neemt u vooral de tijd, het is pas zes maanden.", true},
		{assistant.Dutch, "Het is maar een week geleden dat u belde.", false},
		{assistant.Dutch, "Het is maar twee dagen tot uw salaris binnenkomt.", false},
	} {
		p := phrase(t, c.lang, c.in)
		fired := false
		for _, f := range p.Findings {
			if f.Kind == assistant.FindingBelittling {
				fired = true
			}
		}
		if fired != c.fires {
			t.Errorf("%s %q: belittling %v, want %v (%+v)", c.lang, c.in, fired, c.fires, p.Findings)
		}
	}
}

// The guard's question keeps the verb whole: "dient te worden voldaan"
// asks "Kunt u … betalen?", never "Kunt u … te betalen?".
func TestGuardQuestionDropsTheTe(t *testing.T) {
	for _, c := range []struct {
		lang     assistant.Language
		in, want string
	}{
		{assistant.Dutch, "Het bedrag dient te worden voldaan.", "Kunt u het bedrag betalen?"},
		{assistant.Dutch, "Het bedrag dient vóór vrijdag te worden voldaan.", "Kunt u het bedrag vóór vrijdag betalen?"},
		{assistant.English, "The amount is to be paid.", "Can you pay the amount?"},
	} {
		if p := phrase(t, c.lang, c.in); p.Suggested != c.want {
			t.Errorf("%s %q: suggested %q, want %q", c.lang, c.in, p.Suggested, c.want)
		}
	}
}
