package phrasing

import (
	"context"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// "Well put" is praise for good practice, not for the absence of findings.
// A curt, dismissive end ("Goed, dan weet u het. Dag.", "Right, that's it
// then. Bye.") brushes the customer off and is flagged; an end that says
// goodbye without a warm close gets the closing tip. A warm, complete end
// (thanks, summary, next step) is still praised, and the same words used
// helpfully ("dan weet u het meteen", "now you know exactly where you
// stand") are no dismissal.
func TestPraiseNeedsAGoodEnd(t *testing.T) {
	nl, en := assistant.Dutch, assistant.English
	for _, c := range []struct {
		lang assistant.Language
		text string
		// dismissive: a belittling finding of the lexicon kind
		// "dismissive"; tip: the headline tip's kind.
		dismissive bool
		tip        assistant.TipKind
	}{
		{nl, "Goed, dan weet u het. Dag.", true, assistant.TipClosing},
		{nl, "Nou, dat was het dan. Dag.", true, assistant.TipClosing},
		{nl, "Zo is het nu eenmaal, meneer. Dag.", true, assistant.TipClosing},
		{nl, "Goed, dan weet u het nu. Tot de volgende keer.", true, assistant.TipClosing},
		{nl, "Zo is het nu eenmaal, daar kan ik niets aan veranderen.", true, assistant.TipOf(assistant.FindingBelittling)},
		{en, "Right, now you know. Bye.", true, assistant.TipClosing},
		{en, "That's all then. Bye.", true, assistant.TipClosing},
		{en, "Right, that's it then. Bye.", true, assistant.TipClosing},
		{en, "It's the best we can offer, take it or leave it.", true, assistant.TipOf(assistant.FindingBelittling)},
		// A bare goodbye without a warm close.
		{nl, "Ik heb het genoteerd in het systeem. Dag.", false, assistant.TipClosing},
		{nl, "Het bedrag staat nu in het systeem. Oké, doei.", false, assistant.TipClosing},
		{en, "I've noted that on the account. Bye.", false, assistant.TipClosing},
		{en, "The amount is on the system now. OK, bye then.", false, assistant.TipClosing},

		// Near misses: a warm, complete end is praised.
		{nl, "Dank u wel voor uw tijd. We spreken af dat u vanaf 1 maart € 50 per maand betaalt. Ik stuur u vandaag de bevestiging. Fijne dag, dag!", false, assistant.TipOK},
		{nl, "Dat was het dan voor vandaag. Bedankt voor uw tijd en een fijne dag!", false, assistant.TipOK},
		{en, "Thanks for your time today. So to recap, you'll pay £50 a month from 1 March. I'll email you the confirmation today. Have a nice day, bye!", false, assistant.TipOK},
		{en, "That's all sorted then. Thank you for calling, take care. Bye!", false, assistant.TipOK},
		// The same words, helping.
		{nl, "Ik zoek het direct voor u uit, dan weet u het meteen.", false, assistant.TipOK},
		{en, "I'll check it today, then you'll know exactly where you stand.", false, assistant.TipOK},
	} {
		p := phrase(t, c.lang, c.text)
		dismissive := false
		for _, f := range p.Findings {
			if f.Kind == assistant.FindingBelittling {
				dismissive = true
			}
		}
		if dismissive != c.dismissive {
			t.Errorf("%s %q: dismissive %v, want %v (findings %+v)", c.lang, c.text, dismissive, c.dismissive, p.Findings)
		}
		if p.Tip.Kind != c.tip {
			t.Errorf("%s %q: tip %s (%q), want %s", c.lang, c.text, p.Tip.Kind, p.Tip.Text, c.tip)
		}
	}
}

// A consequence is no next step: "U krijgt een brief van de deurwaarder"
// and "You'll get a letter from our solicitors" threaten, even though "u
// krijgt" and "you'll get" open a next step elsewhere. The closing check
// asks the threat detector, so the two never disagree about a sentence.
func TestClosingThreatIsNoNextStep(t *testing.T) {
	e := New()
	nl, en := assistant.Dutch, assistant.English
	for _, c := range []struct {
		lang assistant.Language
		text string
		next bool
	}{
		{nl, "U krijgt een brief van de deurwaarder.", false},
		{nl, "Dan krijgt u de deurwaarder aan de deur. Dag.", false},
		{nl, "Als u niet betaalt, ontvangt u een dagvaarding.", false},
		{en, "You'll get a letter from our solicitors.", false},
		{en, "If you don't pay, you'll receive a county court claim.", false},
		{en, "You'll get a visit from the bailiffs then. Bye.", false},
		// Near misses: a next step in the same turn, or a letter that is one.
		{nl, "U krijgt morgen de bevestiging per e-mail.", true},
		{nl, "U krijgt een brief van de deurwaarder. Ik stuur u vandaag ook de bevestiging.", true},
		{en, "You'll get a letter confirming the plan.", true},
		{en, "You'll get a letter from our solicitors. I'll email you the plan today.", true},
	} {
		turns := []assistant.Turn{{Index: 0, Speaker: assistant.Agent, Text: c.text}}
		cc, err := e.CheckClosing(context.Background(), turns, c.lang)
		if err != nil {
			t.Fatal(err)
		}
		if cc.NextStep != c.next {
			t.Errorf("%s %q: next step %v, want %v", c.lang, c.text, cc.NextStep, c.next)
		}
	}
}

// "Dan nemen wij verdere stappen" tells the customer what will happen: a
// threat, however vague. Asked about, or named as what to prevent, the
// same words are none, and "the further steps of the plan" are no
// consequence at all.
func TestThreatFurtherSteps(t *testing.T) {
	e := New()
	nl, en := assistant.Dutch, assistant.English
	for _, c := range []struct {
		lang   assistant.Language
		text   string
		threat bool
	}{
		{nl, "Dan nemen wij verdere stappen.", true},
		{nl, "Als u niet betaalt, nemen wij verdere stappen.", true},
		{nl, "Anders volgen er verdere maatregelen.", true},
		{nl, "Dan zetten wij verdere stappen.", true},
		{en, "Then we'll take further steps.", true},
		{en, "If you don't pay, we will take further action.", true},
		{en, "Otherwise further action will follow.", true},
		// Asked, or something to prevent.
		{nl, "Welke verdere stappen kunt u zelf zetten?", false},
		{nl, "Ik wil samen met u verdere stappen voorkomen.", false},
		{nl, "Dan kunnen we samen verdere maatregelen voorkomen.", false},
		{en, "What further steps would help you?", false},
		{en, "I'd like to avoid any further action, together with you.", false},
		// What may happen, told by someone else, is information.
		{nl, "Betaalt u de boete niet? Dan kan het CJIB verdere stappen nemen.", false},
		{en, "If the fine stays unpaid, the court may take further action.", false},
		{nl, "Als u niet betaalt, kunnen wij verdere stappen nemen.", true},
		{en, "If you don't pay, we may take further action.", true},
		// Not a consequence.
		{nl, "De verdere stappen van de regeling stuur ik u vandaag.", false},
		{en, "I'll email you the further steps of the plan today.", false},
	} {
		if got := hasThreat(t, e, c.lang, "", c.text); got != c.threat {
			t.Errorf("%s %q: threat %v, want %v", c.lang, c.text, got, c.threat)
		}
	}
	// Told as what will happen, it is no jargon on top of the threat;
	// in the plan's sense it is no jargon either.
	for _, c := range []struct {
		lang assistant.Language
		text string
	}{
		{nl, "De verdere stappen van de regeling stuur ik u vandaag."},
		{en, "I'll email you the further steps of the plan today."},
	} {
		for _, f := range phrase(t, c.lang, c.text).Findings {
			if f.Kind == assistant.FindingJargon {
				t.Errorf("%s %q: jargon %q", c.lang, c.text, f.Text)
			}
		}
	}
}

// "Verdere stappen" and "further action" are everyday words: jargon in
// neither language when nothing is held over the customer (asked about,
// something to prevent, what someone else may do, nothing needed), and a
// threat, not jargon, when told as what will happen.
func TestFurtherStepsNoJargonOutsideAThreat(t *testing.T) {
	nl, en := assistant.Dutch, assistant.English
	for _, c := range []struct {
		lang   assistant.Language
		text   string
		threat bool
	}{
		{nl, "Welke verdere stappen kunt u zelf zetten?", false},
		{nl, "Ik wil samen met u verdere stappen voorkomen.", false},
		{nl, "Betaalt u de boete niet? Dan kan het CJIB verdere stappen nemen.", false},
		{nl, "Er is op dit moment geen verdere actie nodig.", false},
		{nl, "Nadere stappen zijn niet nodig, u heeft alles betaald.", false},
		{en, "What further steps would help you?", false},
		{en, "I'd like to avoid any further action, together with you.", false},
		{en, "If the fine stays unpaid, the court may take further action.", false},
		{en, "No further action is needed at the moment.", false},
		{en, "Further steps are not needed, you have paid everything.", false},
		// Near misses: told as what will happen, a threat.
		{nl, "Als u niet betaalt, nemen wij verdere stappen.", true},
		{en, "If you don't pay, we will take further action.", true},
	} {
		p := phrase(t, c.lang, c.text)
		threat := false
		for _, f := range p.Findings {
			if f.Kind == assistant.FindingJargon {
				t.Errorf("%s %q: jargon %q", c.lang, c.text, f.Text)
			}
			if f.Kind == assistant.FindingThreat {
				threat = true
			}
		}
		if threat != c.threat {
			t.Errorf("%s %q: threat %v, want %v", c.lang, c.text, threat, c.threat)
		}
	}
}
