package arrangement

import (
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// call makes a conversation of alternating turns, the agent first.
func call(texts ...string) []assistant.Turn {
	turns := make([]assistant.Turn, len(texts))
	for i, t := range texts {
		sp := agent
		if i%2 == 1 {
			sp = customer
		}
		turns[i] = assistant.Turn{Index: i, Speaker: sp, Text: t}
	}
	return turns
}

func factsOf(facts []assistant.Fact, kind assistant.FactKind) []assistant.Fact {
	var out []assistant.Fact
	for _, f := range facts {
		if f.Kind == kind {
			out = append(out, f)
		}
	}
	return out
}

// A payday given as the answer to the agent's question is read, though the
// answer names no income: the question does.
func TestExtractPaydayFromAnswer(t *testing.T) {
	tests := []struct {
		name      string
		lang      assistant.Language
		turns     []assistant.Turn
		day       int
		weekday   string
		nth       int
		match     string
		wantNoted bool
	}{
		{"nl day", "nl", call("Wanneer komt uw loon binnen?", "Altijd op de 24e."), 24, "", 0, "de 24e", true},
		{"nl last friday", "nl", call("En wanneer krijgt u uw salaris?", "De laatste vrijdag van de maand."), 0, "friday", -1, "De laatste vrijdag van de maand", true},
		{"nl first working day", "nl", call("Op welke dag wordt uw uitkering gestort?", "Op de eerste werkdag van de maand."), 0, "workday", 1, "de eerste werkdag van de maand", true},
		{"nl end of month", "nl", call("Wanneer komt uw inkomen binnen?", "Aan het eind van de maand."), 31, "", 0, "het eind van de maand", true},
		{"en last friday", "en", call("When is your salary paid?", "Last Friday of the month."), 0, "friday", -1, "Last Friday of the month", true},
		{"en day", "en", call("What day do your wages go in?", "Always on the 28th."), 28, "", 0, "the 28th", true},
		{"en last working day", "en", call("When do you get paid?", "On the last working day of the month."), 0, "workday", -1, "the last working day of the month", true},
		{"en without a question", "en", call("Thanks for that.", "My wages come in on the last Friday of the month."), 0, "friday", -1, "the last Friday of the month", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			facts := extract(t, tt.turns, tt.lang)
			checkOffsets(t, tt.turns, facts)
			pd := factsOf(facts, assistant.FactPayday)
			if len(pd) != 1 {
				t.Fatalf("paydays %+v, want one", pd)
			}
			f := pd[0]
			if f.Day != tt.day || f.Weekday != tt.weekday || f.Nth != tt.nth || f.Text != tt.match {
				t.Errorf("payday day %d weekday %q nth %d %q; want %d %q %d %q", f.Day, f.Weekday, f.Nth, f.Text, tt.day, tt.weekday, tt.nth, tt.match)
			}
			if (f.Note != "") != tt.wantNoted {
				t.Errorf("note %q; want a note that it answers the question: %v", f.Note, tt.wantNoted)
			}
		})
	}
	// An answer to another question, or a day not in answer to one, is not
	// a payday.
	for _, turns := range [][]assistant.Turn{
		call("Wanneer kunt u betalen?", "Op de 4e."),
		call("Hoeveel kunt u per maand missen?", "Dat hoor ik de 24e."),
		call("Can I call you back?", "Yes, on the 4th."),
	} {
		if pd := factsOf(extract(t, turns, "nl"), assistant.FactPayday); len(pd) != 0 {
			t.Errorf("%q: paydays %+v, want none", turns[1].Text, pd)
		}
	}
}

// An amount given as the answer to the agent's question about an amount is
// what the question asked about, per the period it named.
func TestExtractAmountFromAnswer(t *testing.T) {
	tests := []struct {
		name     string
		lang     assistant.Language
		turns    []assistant.Turn
		kind     assistant.FactKind
		category assistant.BudgetCategory
		want     int64
		match    string
	}{
		{"nl offer in words", "nl", call("Er staat € 900 open. Hoeveel kunt u per maand missen?", "Zestig."), assistant.FactOffer, "", 6000, "Zestig"},
		{"nl offer in digits", "nl", call("Er staat € 900 open. Welk bedrag kunt u elke maand betalen?", "Ongeveer 45."), assistant.FactOffer, "", 4500, "45"},
		{"nl offer with its own words", "nl", call("Hoeveel kunt u per maand missen?", "Ik kan 40 euro."), assistant.FactOffer, "", 4000, "40 euro"},
		{"nl income", "nl", call("Wat is uw netto inkomen per maand?", "1800 netto."), assistant.FactIncome, "", 180000, "1800"},
		{"nl rent", "nl", call("Hoeveel betaalt u aan huur per maand?", "Zevenhonderdvijftig."), assistant.FactCosts, assistant.CategoryHousing, 75000, "Zevenhonderdvijftig"},
		{"nl weekly question", "nl", call("Hoeveel kunt u per week missen?", "Twintig euro."), assistant.FactOffer, "", 8666, "Twintig euro"},
		{"en offer", "en", call("The balance is £500. How much could you pay each month?", "About 60."), assistant.FactOffer, "", 6000, "60"},
		{"en offer in words", "en", call("The balance is $800. How much can you afford a month?", "Maybe fifty dollars."), assistant.FactOffer, "", 5000, "fifty dollars"},
		{"en income", "en", call("The balance is £500. What's your take home pay a month?", "Around 1,450."), assistant.FactIncome, "", 145000, "1,450"},
		{"en bills", "en", call("The balance is £500. How much are your gas and electric bills a month?", "About 120."), assistant.FactCosts, assistant.CategoryUtilities, 12000, "120"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			facts := extract(t, tt.turns, tt.lang)
			checkOffsets(t, tt.turns, facts)
			var got *assistant.Fact
			for i, f := range facts {
				if f.Kind == tt.kind && f.TurnIndex == 1 {
					got = &facts[i]
				}
			}
			if got == nil {
				t.Fatalf("no %s fact in the answer: %+v", tt.kind, facts)
			}
			if got.Ambiguous || got.Amount == nil || got.Amount.Amount != tt.want || got.Category != tt.category || got.Text != tt.match {
				t.Errorf("fact %+v; want %d %q in %q, not ambiguous", *got, tt.want, tt.category, tt.match)
			}
		})
	}
	// Without a question about an amount, a bare number stays out or is
	// ambiguous.
	facts := extract(t, call("Goedemiddag, hoe gaat het?", "Zestig."), "nl")
	if len(facts) != 0 {
		t.Errorf("facts %+v for a bare number not asked for", facts)
	}
}

// Costs named by what they are for land in their budget category.
func TestExtractCostCategories(t *testing.T) {
	tests := []struct {
		lang assistant.Language
		text string
		want map[assistant.BudgetCategory]int64
	}{
		{"nl", "Mijn huur is 750 euro per maand en aan boodschappen ben ik 300 euro per maand kwijt.",
			map[assistant.BudgetCategory]int64{assistant.CategoryHousing: 75000, assistant.CategoryFoodHousekeeping: 30000}},
		{"nl", "De kinderopvang kost 400 euro per maand, de energie 150 euro per maand.",
			map[assistant.BudgetCategory]int64{assistant.CategoryChildcare: 40000, assistant.CategoryUtilities: 15000}},
		{"nl", "Mijn vaste lasten zijn 1.400 euro per maand.", map[assistant.BudgetCategory]int64{"": 140000}},
		{"en", "My rent is £650 a month and the gas and electric come to £120 a month.",
			map[assistant.BudgetCategory]int64{assistant.CategoryHousing: 65000, assistant.CategoryUtilities: 12000}},
		{"en", "Petrol for the car is about £80 a month, and council tax arrears £30 a month.",
			map[assistant.BudgetCategory]int64{assistant.CategoryTransport: 8000, assistant.CategoryPriorityDebts: 3000}},
		{"en", "Bills come to $1,100 a month.", map[assistant.BudgetCategory]int64{"": 110000}},
	}
	for _, tt := range tests {
		facts := factsOf(extract(t, turn(customer, tt.text), tt.lang), assistant.FactCosts)
		got := map[assistant.BudgetCategory]int64{}
		for _, f := range facts {
			if f.Ambiguous || f.Amount == nil {
				t.Errorf("%q: unusable cost %+v", tt.text, f)
				continue
			}
			got[f.Category] = f.Amount.Amount
		}
		if len(got) != len(tt.want) {
			t.Errorf("%q: costs %v, want %v", tt.text, got, tt.want)
		}
		for c, v := range tt.want {
			if got[c] != v {
				t.Errorf("%q: %q = %d, want %d", tt.text, c, got[c], v)
			}
		}
	}
}

// The arrangement agent and customer settled on is its own fact, with its
// amount, how often, the first date and whether the customer said yes.
func TestExtractAgreed(t *testing.T) {
	tests := []struct {
		name      string
		lang      assistant.Language
		turns     []assistant.Turn
		want      int64
		frequency assistant.Frequency
		date      string // today is 23 November 2026
		promise   bool
		match     string
	}{
		{"nl stated and accepted", "nl", call("Dan spreken we af: 75 euro per maand, voor het eerst op 1 december.", "Ja, dat is goed."),
			7500, assistant.Monthly, "2026-12-01", true, "75 euro per maand"},
		{"nl date next year", "nl", call("Even samengevat: u betaalt 40 euro per maand, vanaf 15 januari.", "Prima."),
			4000, assistant.Monthly, "2027-01-15", true, "40 euro per maand"},
		{"nl refused", "nl", call("Dan spreken we 100 euro per maand af.", "Nee, dat lukt niet."),
			10000, assistant.Monthly, "", false, "100 euro per maand"},
		{"nl no reply", "nl", call("Ik zet een regeling klaar van € 60 per maand, steeds op de 1e.", "En wat als ik een keer niet kan?"),
			6000, assistant.Monthly, "2026-12-01", false, "€ 60 per maand"},
		{"nl customer proposes, agent takes it up", "nl", call("Wat kunt u per maand missen?", "Kan ik 60 euro per maand doen?", "Ja, dat spreken we af, vanaf 1 december."),
			6000, assistant.Monthly, "2026-12-01", true, "60 euro per maand"},
		{"nl once", "nl", call("Dan noteer ik dat u het hele bedrag van € 300 in één keer betaalt op 30 november.", "Ja, dat doe ik."),
			30000, assistant.Once, "2026-11-30", true, "€ 300"},
		{"en weekly", "en", call("So we agree £20 a week, starting on the 27th.", "Yes, that's fine."),
			2000, assistant.Weekly, "2026-11-27", true, "£20 a week"},
		{"en next month", "en", call("So to sum up: you'll pay £40 a month from the 4th of next month.", "No, that's clear."),
			4000, assistant.Monthly, "2026-12-04", true, "£40 a month"},
		{"en the later statement wins", "en", call("I'll set up a plan of $100 a month.", "That's too much for me.", "OK, then we agree $70 a month, first payment on December 15.", "Yes, I can do that."),
			7000, assistant.Monthly, "2026-12-15", true, "$70 a month"},
		{"en customer refuses", "en", call("I'll set up a payment plan of $150 a month.", "No, I can't do that."),
			15000, assistant.Monthly, "", false, "$150 a month"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			facts := extract(t, tt.turns, tt.lang)
			checkOffsets(t, tt.turns, facts)
			ag := factsOf(facts, assistant.FactAgreed)
			if len(ag) != 1 {
				t.Fatalf("agreed facts %+v, want one", ag)
			}
			f := ag[0]
			if f.Amount == nil || f.Amount.Amount != tt.want || f.Frequency != tt.frequency || f.Date != tt.date || f.Promise != tt.promise || f.Text != tt.match {
				t.Errorf("agreed %v %s from %q, promise %v, %q; want %d %s from %q, promise %v, %q",
					f.Amount, f.Frequency, f.Date, f.Promise, f.Text, tt.want, tt.frequency, tt.date, tt.promise, tt.match)
			}
		})
	}
	// Talk about money that settles nothing is no agreement.
	for _, turns := range [][]assistant.Turn{
		call("Er staat nog € 600 open.", "Ik kan 50 euro per maand."),
		call("What could you pay each month?", "Maybe £30 a month."),
	} {
		if ag := factsOf(extract(t, turns, "nl"), assistant.FactAgreed); len(ag) != 0 {
			t.Errorf("%q: agreed %+v, want none", turns[0].Text, ag)
		}
	}
}

// Naming an arrangement settles nothing.
func TestExtractNotAgreed(t *testing.T) {
	for _, tt := range []struct {
		lang assistant.Language
		text string
	}{
		{"nl", "Uw vorige betalingsregeling van 50 euro per maand is niet betaald."},
		{"nl", "U had een regeling van € 40 per maand bij de vorige eigenaar."},
		{"en", "Your previous payment plan of £40 a month was missed twice."},
		{"en", "The arrangement of $60 a month ended in March."},
	} {
		if ag := factsOf(extract(t, turn(agent, tt.text), tt.lang), assistant.FactAgreed); len(ag) != 0 {
			t.Errorf("%q: agreed %+v, want none", tt.text, ag)
		}
	}
}

// The issue-15 sample calls settle their arrangement in words of
// collection, not of agreement: "Dan wordt er 60 euro per maand
// geïncasseerd, voor het eerst op 1 mei", "Then £30 a month will be
// collected from the 1st of May".
func TestExtractAgreedByCollection(t *testing.T) {
	for _, tt := range []struct {
		path string
		lang assistant.Language
		want int64
		turn int
	}{
		{"nl-ambtelijk.txt", assistant.Dutch, 6000, 12},
		{"en-formal.txt", assistant.English, 3000, 12},
	} {
		turns := readCall(t, "../../testdata/calls/"+tt.path)
		ag := factsOf(extract(t, turns, tt.lang), assistant.FactAgreed)
		// Today is 23 November 2026: the next 1 May is in 2027.
		if len(ag) != 1 || ag[0].Amount.Amount != tt.want || ag[0].Date != "2027-05-01" || !ag[0].Promise || ag[0].TurnIndex != tt.turn {
			t.Errorf("%s: agreed %+v, want %d a month from 1 May 2027, promised, in turn %d", tt.path, ag, tt.want, tt.turn)
		}
	}
}
