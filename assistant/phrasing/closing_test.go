package phrasing

import (
	"context"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// nextStepCase is an agent's last turn and whether the closing check
// should find a next step in it.
type nextStepCase struct {
	lang assistant.Language
	text string
	next bool
}

// checkNextSteps runs the closing check on each case as a call of one turn.
func checkNextSteps(t *testing.T, cases []nextStepCase) {
	t.Helper()
	e := New()
	for _, tc := range cases {
		turns := []assistant.Turn{{Index: 0, Speaker: assistant.Agent, Text: tc.text}}
		cc, err := e.CheckClosing(context.Background(), turns, tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		if cc.NextStep != tc.next {
			t.Errorf("%s %q: next step %v, want %v", tc.lang, tc.text, cc.NextStep, tc.next)
		}
	}
}

// TestClosingPromiseWithATime: a promise to find something out or to call
// back is a next step when it says when ("today", "tomorrow before noon",
// "within two working days"); "I'll call you sometime" leaves the customer
// waiting for nothing in particular, and the opening "ik bel over uw
// dossier" ("I'm calling about your file") is no promise at all.
func TestClosingPromiseWithATime(t *testing.T) {
	checkNextSteps(t, []nextStepCase{
		{assistant.English, "I'll check that today and call you back tomorrow before noon.", true},
		{assistant.English, "I'll look into it and get back to you within two working days.", true},
		{assistant.English, "I'll call you back on Monday morning.", true},
		{assistant.English, "I'll ring you this afternoon.", true},
		{assistant.English, "I'll call you sometime.", false},
		{assistant.English, "I'll check and get back to you.", false},
		{assistant.English, "We'll call you at some point.", false},
		{assistant.English, "I'll call you soon. Today is a busy day here.", false},
		{assistant.English, "I'll check whether that is within our policy.", false},
		{assistant.Dutch, "Ik zoek het vandaag uit en bel u morgen voor twaalf uur terug.", true},
		{assistant.Dutch, "Ik bel u binnen twee werkdagen terug.", true},
		{assistant.Dutch, "Ik kijk het na en laat het u vanmiddag weten.", true},
		{assistant.Dutch, "Ik bel u maandag terug.", true},
		{assistant.Dutch, "Ik bel u een keer.", false},
		{assistant.Dutch, "Ik zoek het uit en bel u binnenkort terug.", false},
		{assistant.Dutch, "Ik bel u over uw dossier van Energie Plus.", false},
		{assistant.Dutch, "Ik bel u nog. Vandaag is het druk.", false},
		{assistant.Dutch, "Ik kijk of dat binnen de regels past.", false},
	})
}

// TestClosingActionNeedsATimeOrTheCustomersPart: "Dan zet ik dat zo in het
// systeem" tells the customer nothing about what happens next, any more
// than "I'll call you sometime". An action the agent takes on the record is
// a next step, like a callback, when it says when, or with the customer's
// part: what they pay, or from when.
func TestClosingActionNeedsATimeOrTheCustomersPart(t *testing.T) {
	checkNextSteps(t, []nextStepCase{
		{assistant.Dutch, "Goed, dan zet ik dat zo in het systeem.", false},
		{assistant.Dutch, "Ik zet het in het systeem.", false},
		{assistant.Dutch, "Ik noteer het even.", false},
		{assistant.Dutch, "Ik zet het vandaag nog in het systeem.", true},
		{assistant.Dutch, "Ik zet 50 euro per maand in het systeem, voor het eerst op 24 juni.", true},
		{assistant.Dutch, "Ik noteer dat u 50 euro per maand betaalt.", true},
		{assistant.Dutch, "Ik stuur u vandaag een bevestiging per e-mail.", true},
		{assistant.English, "Fine, I'll put that in the system.", false},
		{assistant.English, "I'll note that down.", false},
		{assistant.English, "I'll set that up.", false},
		{assistant.English, "I'll put that in the system today.", true},
		{assistant.English, "I'll set up a payment plan of £40 a month, taken on the 4th of each month.", true},
		{assistant.English, "I'll note that you'll pay on the 3rd.", true},
		{assistant.English, "I'll email you a confirmation today.", true},
	})
}

// TestClosingWarmAlikeInBothLanguages: a warm close is a wish or thanks, in
// Dutch as in English. A bare goodbye, however polite its register ("Dag.",
// "Tot ziens.", "Bye.", "Goodbye."), is no warm close in either language;
// "Fijne dag nog" and "Have a good day" are, as are their near kin.
func TestClosingWarmAlikeInBothLanguages(t *testing.T) {
	e := New()
	for _, tc := range []struct {
		lang assistant.Language
		text string
		warm bool
	}{
		{assistant.Dutch, "Dag.", false},
		{assistant.Dutch, "Tot ziens.", false},
		{assistant.Dutch, "Goed, tot ziens.", false},
		{assistant.Dutch, "Goedendag.", false},
		{assistant.Dutch, "Dag mevrouw Jansen.", false},
		{assistant.Dutch, "Fijne dag nog.", true},
		{assistant.Dutch, "Nog een fijne middag, tot ziens.", true},
		{assistant.Dutch, "Geniet nog van uw dag.", true},
		{assistant.Dutch, "Bedankt, dag.", true},
		{assistant.Dutch, "Het beste, dag.", true},
		{assistant.Dutch, "Pas goed op uzelf.", true},
		{assistant.English, "Bye.", false},
		{assistant.English, "Goodbye.", false},
		{assistant.English, "Right, goodbye.", false},
		{assistant.English, "Good day.", false},
		{assistant.English, "Bye, Mrs Jones.", false},
		{assistant.English, "Have a good day.", true},
		{assistant.English, "Have a nice afternoon, goodbye.", true},
		{assistant.English, "Enjoy the rest of your day.", true},
		{assistant.English, "Thanks, bye.", true},
		{assistant.English, "All the best, bye.", true},
		{assistant.English, "Look after yourself.", true},
	} {
		turns := []assistant.Turn{{Index: 0, Speaker: assistant.Agent, Text: tc.text}}
		cc, err := e.CheckClosing(context.Background(), turns, tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		if cc.WarmClose != tc.warm {
			t.Errorf("%s %q: warm close %v, want %v", tc.lang, tc.text, cc.WarmClose, tc.warm)
		}
	}
}
