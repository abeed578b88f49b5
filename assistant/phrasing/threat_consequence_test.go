package phrasing

import (
	"context"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// hasThreat phrases text after the given customer turn (none when empty)
// and reports whether a threat is found.
func hasThreat(t *testing.T, e *Engine, lang assistant.Language, customer, text string) bool {
	t.Helper()
	u := assistant.Utterance{Text: text, Language: lang}
	if customer != "" {
		u.Context = []assistant.ContextTurn{{Speaker: assistant.Customer, Text: customer}}
	}
	p, err := e.Phrase(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range p.Findings {
		if f.Kind == assistant.FindingThreat {
			return true
		}
	}
	return false
}

// A consequence told as what will happen to the customer is a threat in
// every common construction, not only after "als u niet" or "we will":
// "dan hoort u van de deurwaarder", "you'll hear from the bailiffs", "dan
// krijgt u de deurwaarder aan de deur", "then it goes to court", "you'll be
// getting a letter from our solicitors", "we'll have to take further
// steps". Named as something to prevent together, asked about, denied or
// told as what happened, it is none.
func TestThreatConsequenceConstructions(t *testing.T) {
	e := New()
	nl, en := assistant.Dutch, assistant.English
	for _, c := range []struct {
		lang   assistant.Language
		text   string
		threat bool
	}{
		// "you'll hear from X"
		{nl, "Dan hoort u van de deurwaarder. Dag.", true},
		{nl, "U hoort nog van onze advocaat.", true},
		{nl, "Dan hoort u binnenkort van het incassobureau.", true},
		{en, "Then you will hear from the bailiffs.", true},
		{en, "You'll hear from the bailiffs then. Bye.", true},
		{en, "You will be hearing from our solicitors.", true},
		// "dan krijgt u X aan de deur", the bailiff at the door
		{nl, "Dan krijgt u de deurwaarder aan de deur.", true},
		{nl, "U krijgt een brief van de deurwaarder.", true},
		{nl, "De deurwaarder staat dan bij u op de stoep.", true},
		{en, "You'll have the bailiffs at your door.", true},
		{en, "The bailiffs will come to your home.", true},
		// "then it goes to the bailiff, court, collection agency"
		{nl, "Dan gaat het naar het incassobureau.", true},
		{nl, "Dan komt het bij de rechter.", true},
		{en, "Then it goes to the bailiff.", true},
		{en, "Then it's off to court.", true},
		{en, "Then it goes to a collection agency.", true},
		// "dan neemt de deurwaarder contact met u op"
		{nl, "Dan neemt de deurwaarder contact met u op.", true},
		{nl, "De deurwaarder neemt contact met u op.", true},
		{en, "Then a debt collector will contact you.", true},
		{en, "The bailiffs will be in touch.", true},
		// solicitors, further steps, wage attachment, credit file
		{en, "You'll be getting a letter from our solicitors.", true},
		{en, "We'll have to take further steps.", true},
		{en, "Then we'll register it on your credit file.", true},
		{en, "Then they'll take it out of your wages with an attachment of earnings.", true},
		{nl, "Dan moeten we verdere maatregelen nemen.", true},
		{nl, "Dan volgt er loonbeslag.", true},
		{nl, "Dan komt u bij het BKR te staan.", true},
		{nl, "Anders komt er een BKR-registratie.", true},
		// otherwise / anders
		{nl, "Betaal vandaag, anders gaat het naar de rechter.", true},
		{en, "Pay today, otherwise it goes to court.", true},

		// Near misses: to prevent together.
		{nl, "Ik wil samen met u voorkomen dat uw dossier naar de deurwaarder gaat.", false},
		{nl, "Dan kunnen we samen voorkomen dat er een deurwaarder komt.", false},
		{en, "I'd like to avoid this going to the bailiffs, together with you.", false},
		{en, "Then we can prevent it from going to court.", false},
		// Asked about.
		{nl, "Heeft u al post van de deurwaarder gehad?", false},
		{nl, "Bent u bang dat de deurwaarder komt?", false},
		{en, "Are you worried the bailiffs will come?", false},
		{en, "Have you had a letter from our solicitors?", false},
		// Denied or reassured.
		{nl, "Dan gaat het niet naar de deurwaarder.", false},
		{nl, "U hoort niets van de deurwaarder zolang de regeling loopt.", false},
		{en, "You won't hear from the bailiffs while the plan runs.", false},
		{en, "Then nothing goes to court.", false},
		// What happened, or information.
		{nl, "U heeft vorige week een brief van de deurwaarder gekregen.", false},
		{en, "You had a letter from the bailiffs last week.", false},
		{nl, "Dan leg ik uit wat een deurwaarder doet.", false},
		{en, "Then I'll explain what a bailiff does.", false},
		// Not a consequence at all.
		{nl, "Dan hoort u morgen van mij.", false},
		{en, "You'll hear from me tomorrow.", false},
		{nl, "Dan krijgt u de bevestiging per post.", false},
		{en, "Then you'll get a letter confirming the plan.", false},
	} {
		if got := hasThreat(t, e, c.lang, "", c.text); got != c.threat {
			t.Errorf("%s %q: threat %v, want %v", c.lang, c.text, got, c.threat)
		}
	}
}

// When the customer asks what happens if they do not pay, a plain answer
// is information they asked for, not a threat; an answer that announces
// what we will do, or menaces, still is.
func TestThreatAnswerToTheCustomersQuestion(t *testing.T) {
	e := New()
	nl, en := assistant.Dutch, assistant.English
	for _, c := range []struct {
		lang             assistant.Language
		customer, answer string
		threat           bool
	}{
		{nl, "Wat gebeurt er als ik niet betaal?", "Als de rekening open blijft, gaat het dossier op den duur naar de deurwaarder.", false},
		{nl, "Wat gebeurt er als ik niet betaal?", "Dan gaat het uiteindelijk naar een incassobureau.", false},
		{nl, "Wat zijn de gevolgen als ik het niet betaal?", "Na twee herinneringen gaat de zaak naar het incassobureau.", false},
		{en, "What happens if I don't pay?", "If the bill stays unpaid, it will go to a collection agency in the end.", false},
		{en, "What will happen if I can't pay?", "Eventually the account goes to court.", false},
		{en, "What are the consequences if I don't pay?", "After two reminders the account is passed to a collection agency.", false},
		// Announced or menacing, the answer is still a threat.
		{nl, "Wat gebeurt er als ik niet betaal?", "Dan zien wij ons genoodzaakt de deurwaarder in te schakelen.", true},
		{nl, "Wat gebeurt er als ik niet betaal?", "Dan hoort u van de deurwaarder.", true},
		{en, "What happens if I don't pay?", "Then we will take you to court.", true},
		{en, "What happens if I don't pay?", "You'll hear from the bailiffs.", true},
		// Without the question, the plain answer is a threat.
		{nl, "Ik heb het geld niet.", "Dan gaat het uiteindelijk naar een incassobureau.", true},
		{en, "I haven't got the money.", "Eventually the account goes to court.", true},
	} {
		if got := hasThreat(t, e, c.lang, c.customer, c.answer); got != c.threat {
			t.Errorf("%s after %q: %q: threat %v, want %v", c.lang, c.customer, c.answer, got, c.threat)
		}
	}
}
