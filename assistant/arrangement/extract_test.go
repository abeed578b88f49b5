package arrangement

import (
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

func turn(sp assistant.Speaker, text string) []assistant.Turn {
	return []assistant.Turn{{Index: 0, Speaker: sp, Text: text}}
}

const (
	agent    = assistant.Agent
	customer = assistant.Customer
)

// checkOffsets verifies that every fact points at its own text.
func checkOffsets(t *testing.T, turns []assistant.Turn, facts []assistant.Fact) {
	t.Helper()
	for _, f := range facts {
		rs := []rune(turns[f.TurnIndex].Text)
		if f.Start < 0 || f.End > len(rs) || f.Start >= f.End {
			t.Errorf("fact %+v: offsets outside turn of %d runes", f, len(rs))
			continue
		}
		if got := string(rs[f.Start:f.End]); got != f.Text {
			t.Errorf("fact %s: runes [%d:%d] are %q, Text is %q", f.Kind, f.Start, f.End, got, f.Text)
		}
	}
}

func TestExtractMoney(t *testing.T) {
	tests := []struct {
		name     string
		lang     assistant.Language
		speaker  assistant.Speaker
		text     string
		kind     assistant.FactKind
		want     int64 // cents per month for offers, income and costs
		currency string
		match    string // the matched text
	}{
		// Dutch
		{"nl symbol, thousands and cents", "nl", agent, "Het openstaande bedrag is € 1.250,50.", assistant.FactOutstanding, 125050, "EUR", "€ 1.250,50"},
		{"nl symbol, whole thousands", "nl", agent, "U heeft een achterstand van €1.250.", assistant.FactOutstanding, 125000, "EUR", "€1.250"},
		{"nl digits and euro", "nl", agent, "Er staat nog 1250 euro open.", assistant.FactOutstanding, 125000, "EUR", "1250 euro"},
		{"nl comma-dash", "nl", customer, "Ik kan € 50,- per maand betalen.", assistant.FactOffer, 5000, "EUR", "€ 50,- per maand"},
		{"nl digits per maand", "nl", customer, "Ik kan 50 euro per maand.", assistant.FactOffer, 5000, "EUR", "50 euro per maand"},
		{"nl number word", "nl", customer, "Ik kan vijftig euro per maand missen.", assistant.FactOffer, 5000, "EUR", "vijftig euro per maand"},
		{"nl compound word", "nl", customer, "Ik kan honderdvijftig euro per maand.", assistant.FactOffer, 15000, "EUR", "honderdvijftig euro per maand"},
		{"nl twaalfhonderd", "nl", customer, "Mijn schuld is twaalfhonderd euro.", assistant.FactOutstanding, 120000, "EUR", "twaalfhonderd euro"},
		{"nl split thousands", "nl", customer, "Ik heb een schuld van duizend tweehonderd euro.", assistant.FactOutstanding, 120000, "EUR", "duizend tweehonderd euro"},
		{"nl tweeëntwintig", "nl", customer, "Tweeëntwintig euro per maand lukt wel.", assistant.FactOffer, 2200, "EUR", "Tweeëntwintig euro per maand"},
		{"nl twee tientjes per week", "nl", customer, "Ik kan twee tientjes per week.", assistant.FactOffer, 8666, "EUR", "twee tientjes per week"}, // 2000 × 52 / 12 = 8666,67
		{"nl een tientje per week", "nl", customer, "Een tientje per week kan ik missen.", assistant.FactOffer, 4333, "EUR", "Een tientje per week"},
		{"nl per twee weken", "nl", customer, "Ik kan 25 euro per twee weken.", assistant.FactOffer, 5416, "EUR", "25 euro per twee weken"},
		{"nl period before", "nl", customer, "Ik kan elke maand 40 euro.", assistant.FactOffer, 4000, "EUR", "40 euro"},
		{"nl bare number with period", "nl", customer, "Ik kan 75 per maand.", assistant.FactOffer, 7500, "EUR", "75 per maand"},
		{"nl income", "nl", customer, "Ik verdien 1.800 euro per maand.", assistant.FactIncome, 180000, "EUR", "1.800 euro per maand"},
		{"nl uitkering", "nl", customer, "Mijn uitkering is 1.350 euro in de maand.", assistant.FactIncome, 135000, "EUR", "1.350 euro in de maand"},
		{"nl costs", "nl", customer, "Mijn vaste lasten zijn 1.400 euro per maand.", assistant.FactCosts, 140000, "EUR", "1.400 euro per maand"},
		{"nl huur", "nl", customer, "De huur is 750 euro per maand.", assistant.FactCosts, 75000, "EUR", "750 euro per maand"},
		{"nl dollar symbol", "nl", agent, "Het openstaande saldo is $1,240.50.", assistant.FactOutstanding, 124050, "USD", "$1,240.50"},
		// English
		{"en pound symbol", "en", agent, "Your outstanding balance is £980.", assistant.FactOutstanding, 98000, "GBP", "£980"},
		{"en pound with pence", "en", agent, "It is in arrears and the outstanding balance is £980.00, including collection costs.", assistant.FactOutstanding, 98000, "GBP", "£980.00"},
		{"en dollars and cents", "en", agent, "The balance is $1,240.50.", assistant.FactOutstanding, 124050, "USD", "$1,240.50"},
		{"en euro in English", "en", agent, "You owe €1,250.50.", assistant.FactOutstanding, 125050, "EUR", "€1,250.50"},
		{"en a month", "en", customer, "I can do £40 a month.", assistant.FactOffer, 4000, "GBP", "£40 a month"},
		{"en a hundred dollars", "en", customer, "I could pay a hundred dollars a month.", assistant.FactOffer, 10000, "USD", "a hundred dollars a month"},
		{"en digits and dollars", "en", customer, "I can manage 100 dollars a month.", assistant.FactOffer, 10000, "USD", "100 dollars a month"},
		{"en per month", "en", customer, "I can afford 35 pounds per month.", assistant.FactOffer, 3500, "GBP", "35 pounds per month"},
		{"en hyphenated words", "en", customer, "I can do forty-five pounds a month.", assistant.FactOffer, 4500, "GBP", "forty-five pounds a month"},
		{"en hundred and", "en", customer, "I could pay two hundred and fifty pounds a month.", assistant.FactOffer, 25000, "GBP", "two hundred and fifty pounds a month"},
		{"en twelve hundred", "en", customer, "I owe twelve hundred dollars.", assistant.FactOutstanding, 120000, "USD", "twelve hundred dollars"},
		{"en a thousand pounds", "en", customer, "I think I owe a thousand pounds.", assistant.FactOutstanding, 100000, "GBP", "a thousand pounds"},
		{"en a week", "en", customer, "I can pay twenty pounds a week.", assistant.FactOffer, 8666, "GBP", "twenty pounds a week"},
		{"en a tenner a week", "en", customer, "I can do a tenner a week.", assistant.FactOffer, 4333, "GBP", "a tenner a week"},
		{"en every fortnight", "en", customer, "I can pay $50 every two weeks.", assistant.FactOffer, 10833, "USD", "$50 every two weeks"},
		{"en income", "en", customer, "My take home pay is £1,450 a month.", assistant.FactIncome, 145000, "GBP", "£1,450 a month"},
		{"en universal credit", "en", customer, "I get £900 a month from universal credit.", assistant.FactIncome, 90000, "GBP", "£900 a month"},
		{"en rent", "en", customer, "My rent is £650 a month.", assistant.FactCosts, 65000, "GBP", "£650 a month"},
		{"en bills", "en", customer, "Bills come to $1,100 a month.", assistant.FactCosts, 110000, "USD", "$1,100 a month"},
		{"en monthly", "en", customer, "I could do $60 monthly.", assistant.FactOffer, 6000, "USD", "$60 monthly"},
		{"nl left after costs caps the offer", "nl", customer, "Na de huur en de boodschappen hou ik ongeveer 80 euro per maand over.", assistant.FactOffer, 8000, "EUR", "80 euro per maand"},
		{"nl first of two amounts", "nl", agent, "Uw openstaande saldo bedraagt € 2.345,67 inclusief € 40 incassokosten.", assistant.FactOutstanding, 234567, "EUR", "€ 2.345,67"},
		{"en left each month caps the offer", "en", customer, "After rent and bills I've got about $150 left each month.", assistant.FactOffer, 15000, "USD", "$150 left each month"},
		{"en period further on", "en", customer, "I can pay fifty dollars on the 1st of every month.", assistant.FactOffer, 5000, "USD", "fifty dollars"},
		{"en owe over", "en", customer, "I owe over £500 on this account.", assistant.FactOutstanding, 50000, "GBP", "£500"},
		{"en fortnightly pay", "en", customer, "I'm paid fortnightly, £600 every two weeks.", assistant.FactIncome, 130000, "GBP", "£600 every two weeks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			turns := turn(tt.speaker, tt.text)
			facts := extract(t, turns, tt.lang)
			checkOffsets(t, turns, facts)
			var got *assistant.Fact
			for i, f := range facts {
				if f.Kind == tt.kind {
					got = &facts[i]
					break
				}
			}
			if got == nil {
				t.Fatalf("no %s fact in %+v", tt.kind, facts)
			}
			if got.Ambiguous {
				t.Errorf("fact %+v is ambiguous", *got)
			}
			if got.Amount == nil || got.Amount.Amount != tt.want || got.Amount.Currency != tt.currency {
				t.Errorf("amount %v, want %d %s", got.Amount, tt.want, tt.currency)
			}
			if got.Text != tt.match {
				t.Errorf("text %q, want %q", got.Text, tt.match)
			}
		})
	}
}

func TestExtractAmbiguous(t *testing.T) {
	tests := []struct {
		name    string
		lang    assistant.Language
		speaker assistant.Speaker
		text    string
		kind    assistant.FactKind
		match   string
	}{
		{"nl een paar tientjes", "nl", customer, "Ik kan een paar tientjes per maand missen.", assistant.FactOffer, "een paar tientjes per maand"},
		{"nl paar honderd", "nl", customer, "Ik heb een schuld van een paar honderd euro.", assistant.FactOutstanding, "een paar honderd euro"},
		{"nl range with of", "nl", customer, "Ik kan 50 of 60 euro per maand.", assistant.FactOffer, "50 of 60 euro per maand"},
		{"nl range in words", "nl", customer, "Misschien vijftig of zestig euro per maand.", assistant.FactOffer, "vijftig of zestig euro per maand"},
		{"nl between", "nl", customer, "Ik kan tussen 40 en 60 euro per maand.", assistant.FactOffer, "tussen 40 en 60 euro per maand"},
		{"nl bare 1.250", "nl", agent, "Het openstaande bedrag is 1.250.", assistant.FactOutstanding, "1.250"},
		{"nl bare number", "nl", agent, "Het openstaande bedrag is 1250.", assistant.FactOutstanding, "1250"},
		{"nl euro with English grouping", "nl", agent, "Het openstaande bedrag is € 1,250.", assistant.FactOutstanding, "€ 1,250"},
		{"nl offer without period", "nl", customer, "Ik kan 50 euro betalen.", assistant.FactOffer, "50 euro"},
		{"en a few hundred", "en", customer, "I owe a few hundred.", assistant.FactOutstanding, "a few hundred"},
		{"en a couple of hundred quid", "en", customer, "The debt is a couple of hundred quid.", assistant.FactOutstanding, "a couple of hundred quid"},
		{"en range with or", "en", customer, "I could do 50 or 60 pounds a month.", assistant.FactOffer, "50 or 60 pounds a month"},
		{"en range with dash", "en", customer, "I can pay £50-£60 a month.", assistant.FactOffer, "£50-£60 a month"},
		{"en pound with a Dutch point", "en", agent, "The balance is £1.250.", assistant.FactOutstanding, "£1.250"},
		{"en no currency anywhere", "en", customer, "I can pay 40 a month.", assistant.FactOffer, "40 a month"},
		{"en offer without period", "en", customer, "I can pay £100.", assistant.FactOffer, "£100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			turns := turn(tt.speaker, tt.text)
			facts := extract(t, turns, tt.lang)
			checkOffsets(t, turns, facts)
			var got *assistant.Fact
			for i, f := range facts {
				if f.Kind == tt.kind {
					got = &facts[i]
				}
			}
			if got == nil {
				t.Fatalf("no %s fact in %+v", tt.kind, facts)
			}
			if !got.Ambiguous || got.Note == "" {
				t.Errorf("fact %+v: want ambiguous with a note", *got)
			}
			if got.Text != tt.match {
				t.Errorf("text %q, want %q", got.Text, tt.match)
			}
		})
	}
}

// Numbers that are not money stay out of the facts, also where a sentence
// speaks of money or the customer answers a question about an amount.
func TestExtractNotMoney(t *testing.T) {
	tests := []struct {
		name    string
		lang    assistant.Language
		speaker assistant.Speaker
		text    string
	}{
		{"nl months", "nl", customer, "Ik ben twee maanden achter met de huur."},
		{"nl date", "nl", agent, "U betaalt voor het eerst op 25 juni, tot alles is afbetaald."},
		{"nl article een", "nl", customer, "Ik heb een schuld bij jullie."},
		{"nl working days", "nl", agent, "Ik bel u binnen twee werkdagen terug."},
		{"nl law article", "nl", agent, "Volgens artikel 6:96 BW mogen wij incassokosten rekenen over het openstaande bedrag."},
		{"nl law article abbreviated", "nl", agent, "De vordering is verhoogd op grond van art. 475 Rv."},
		{"nl IBAN", "nl", agent, "U kunt het openstaande bedrag overmaken naar rekeningnummer NL91 ABNA 0417 1643 00."},
		{"nl account number digits", "nl", agent, "Maak het bedrag over op rekeningnummer 417164300."},
		{"nl policy number", "nl", agent, "Het openstaande saldo staat op polisnummer 20241187."},
		{"nl file number with colon", "nl", agent, "Uw schuld staat onder dossiernummer: 88412."},
		{"nl phone", "nl", agent, "Bel ons over uw schuld op 020 123 4567."},
		{"nl free number", "nl", agent, "Bel gratis naar 0800-0113 als u over de betaling wilt praten."},
		{"nl date with dashes", "nl", agent, "Het openstaande bedrag moest op 25-06-2026 betaald zijn."},
		{"nl date with slash", "nl", customer, "Ik kan pas betalen na 25/6."},
		{"nl time", "nl", agent, "Ik bel u morgen om 14:30 terug over de betaling."},
		{"nl time in hours", "nl", customer, "Ik kan betalen vanaf 3 uur."},
		{"nl year", "nl", customer, "Ik heb die schuld al sinds 2019."},
		{"en months ago", "en", customer, "I lost my job two months ago."},
		{"en percent", "en", agent, "Interest is 8 percent on the balance."},
		{"en phone number", "en", agent, "Call Samaritans on 116 123."},
		{"en paid is not income", "en", customer, "I already paid £200 last week."},
		{"en law section", "en", agent, "Under section 1692 the balance must be verified on request."},
		{"en CONC rule", "en", agent, "Under CONC 7.3 we look at what you can afford to pay."},
		{"en account number", "en", agent, "You can pay the balance to account number 41926371, sort code 20-00-00."},
		{"en policy number", "en", customer, "My policy number is 55123 and I owe on it."},
		{"en reference", "en", agent, "Please quote reference 774512 when you pay the balance."},
		{"en phone international", "en", agent, "You can call us about the balance on +44 20 7946 0958."},
		{"en time", "en", customer, "I can pay after 5 pm on Friday."},
		{"en date", "en", agent, "The balance was due on July 4, 2026."},
		{"en year", "en", customer, "I've owed this since 2021."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, f := range extract(t, turn(tt.speaker, tt.text), tt.lang) {
				if f.Amount != nil || f.Ambiguous {
					t.Errorf("money fact %+v in %q", f, tt.text)
				}
			}
		})
	}
	// The same numbers in answers to a question about an amount, which
	// makes bare numbers money, are still no money.
	for _, tt := range []struct {
		lang            assistant.Language
		question, reply string
	}{
		{"nl", "Hoeveel kunt u per maand missen?", "Dat staat op polisnummer 20241187."},
		{"nl", "Hoeveel kunt u per maand betalen?", "Bel me morgen om 14:30, dan weet ik het."},
		{"nl", "Hoeveel kunt u elke maand missen?", "Ik heb een baan gevonden, dus na 25/6 weet ik meer."},
		{"en", "How much could you pay each month?", "Call me on 07700 900123 and I'll tell you."},
		{"en", "How much can you afford a month?", "I have two kids, so not much."},
		{"en", "How much could you manage a month?", "Ask my adviser, reference 774512."},
	} {
		turns := []assistant.Turn{{Index: 0, Speaker: agent, Text: tt.question}, {Index: 1, Speaker: customer, Text: tt.reply}}
		for _, f := range extract(t, turns, tt.lang) {
			if f.Amount != nil || f.Ambiguous {
				t.Errorf("money fact %+v in the answer %q", f, tt.reply)
			}
		}
	}
}

// What the agent puts forward per month is the agent's proposal: not an
// offer of the customer's, but, in words that settle it, the arrangement.
func TestExtractAgentProposal(t *testing.T) {
	for _, tt := range []struct {
		lang assistant.Language
		text string
		want int64
	}{
		{"nl", "Dan leg ik een betalingsregeling voor: 50 euro per maand.", 5000},
		{"en", "I'll set up a payment plan of £40 a month.", 4000},
	} {
		facts := extract(t, turn(agent, tt.text), tt.lang)
		if len(facts) != 1 || facts[0].Kind != assistant.FactAgreed || facts[0].Amount.Amount != tt.want || facts[0].Promise {
			t.Errorf("%q: facts %+v, want one agreed fact of %d without a promise", tt.text, facts, tt.want)
		}
	}
}

func TestExtractPayday(t *testing.T) {
	tests := []struct {
		name    string
		lang    assistant.Language
		speaker assistant.Speaker
		text    string
		want    int // 0: no payday
		match   string
	}{
		{"nl loon", "nl", customer, "Ik krijg de 25e mijn loon.", 25, "de 25e"},
		{"nl uitkering", "nl", customer, "Mijn uitkering komt rond de 25e binnen.", 25, "de 25e"},
		{"nl ste", "nl", customer, "Mijn salaris komt op de 1ste.", 1, "de 1ste"},
		{"nl not income", "nl", customer, "Ik betaal het op de 4e.", 0, ""},
		{"nl agent", "nl", agent, "Uw loon komt toch de 25e binnen?", 0, ""},
		{"en paid", "en", customer, "I get paid on the 15th.", 15, "the 15th"},
		{"en universal credit", "en", customer, "My universal credit comes in on the 3rd, so I could pay straight after.", 3, "the 3rd"},
		{"en wages", "en", customer, "My wages go in on the 28th.", 28, "the 28th"},
		{"en not income", "en", customer, "Can you call me back on the 4th?", 0, ""},
		{"en out of range", "en", customer, "I get paid on the 35th.", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			turns := turn(tt.speaker, tt.text)
			facts := extract(t, turns, tt.lang)
			checkOffsets(t, turns, facts)
			got, text := 0, ""
			for _, f := range facts {
				if f.Kind == assistant.FactPayday {
					got, text = f.Day, f.Text
				}
			}
			if got != tt.want || text != tt.match {
				t.Errorf("payday %d %q, want %d %q", got, text, tt.want, tt.match)
			}
		})
	}
}

func TestExtractCues(t *testing.T) {
	tests := []struct {
		name    string
		lang    assistant.Language
		speaker assistant.Speaker
		text    string
		want    assistant.Driver // the cue; "" for none
		match   string
	}{
		{"nl baan kwijt", "nl", customer, "Ik ben vorige maand mijn baan kwijtgeraakt.", assistant.DriverLifeEvent, "baan kwijtgeraakt"},
		{"nl ontslagen", "nl", customer, "Ik ben ontslagen.", assistant.DriverLifeEvent, "ontslagen"},
		{"nl overleden", "nl", customer, "Mijn man is overleden.", assistant.DriverLifeEvent, "overleden"},
		{"nl ziek", "nl", customer, "Ik ben al weken ziek.", assistant.DriverHealth, "ziek"},
		{"nl burn-out", "nl", customer, "Ik zit thuis met een burn-out.", assistant.DriverHealth, "burn-out"},
		{"nl slaap met woorden ertussen", "nl", customer, "Ik slaap er eerlijk gezegd slecht van.", assistant.DriverHealth, "slaap er eerlijk gezegd slecht"},
		// Despair that 113 teaches to hear as a warning sign is a crisis;
		// being at the end of one's strength is coping.
		{"nl trek het niet meer", "nl", customer, "Ik trek het niet meer.", assistant.DriverCrisis, "Ik trek het niet meer"},
		{"nl wordt me te veel", "nl", customer, "Het wordt me te veel.", assistant.DriverHealth, "Het wordt me te veel"},
		{"nl WW-uitkering", "nl", customer, "Ik heb nu alleen een WW-uitkering.", assistant.DriverResilience, "WW-uitkering"},
		{"nl bijstand", "nl", customer, "Ik zit in de bijstand.", assistant.DriverResilience, "bijstand"},
		{"nl snap het niet", "nl", customer, "Ik snap het niet, al die brieven.", assistant.DriverCapability, "Ik snap het niet"},
		{"nl crisis einde", "nl", customer, "Soms wil ik er een einde aan maken.", assistant.DriverCrisis, "er een einde aan maken"},
		{"nl crisis zelfmoord", "nl", customer, "Ik denk aan zelfmoord.", assistant.DriverCrisis, "zelfmoord"},
		{"nl agent says it", "nl", agent, "De gemeente helpt gratis met schuldhulpverlening.", "", ""},
		{"nl understanding is no cue", "nl", customer, "Dat begrijp ik, maar ik kan het niet in één keer.", "", ""},
		{"en lost my job", "en", customer, "I lost my job two months ago.", assistant.DriverLifeEvent, "lost my job"},
		{"en redundant", "en", customer, "I was made redundant in May.", assistant.DriverLifeEvent, "made redundant"},
		{"en hospital", "en", customer, "I've been in hospital.", assistant.DriverHealth, "hospital"},
		{"en can't sleep", "en", customer, "I honestly can't sleep with all of this.", assistant.DriverHealth, "can't sleep"},
		{"en universal credit", "en", customer, "I'm on universal credit now.", assistant.DriverResilience, "universal credit"},
		{"en food bank", "en", customer, "We've been using the food bank.", assistant.DriverResilience, "food bank"},
		{"en don't understand", "en", customer, "I don't understand these letters.", assistant.DriverCapability, "don't understand"},
		{"en crisis", "en", customer, "Some days I want to kill myself.", assistant.DriverCrisis, "kill myself"},
		{"en self-harm", "en", customer, "I've been self-harming again.", assistant.DriverCrisis, "self-harming"},
		{"en agent says it", "en", agent, "StepChange can give free debt advice.", "", ""},
		{"nl negated", "nl", customer, "Ik ben gelukkig niet ziek.", "", ""},
		{"en negated", "en", customer, "I'm not on benefits.", "", ""},
		{"en negation never hides a crisis", "en", customer, "I don't want to live like this.", assistant.DriverCrisis, "don't want to live"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			turns := turn(tt.speaker, tt.text)
			facts := extract(t, turns, tt.lang)
			checkOffsets(t, turns, facts)
			var got assistant.Driver
			var text string
			for _, f := range facts {
				if f.Kind == assistant.FactVulnerability {
					got, text = f.Cue, f.Text
					break
				}
			}
			if got != tt.want || text != tt.match {
				t.Errorf("cue %q %q, want %q %q", got, text, tt.want, tt.match)
			}
		})
	}
}

// An offer said again without its period takes the period from the first
// time, and the currency of a bare amount comes from the rest of the call.
func TestExtractAcrossTurns(t *testing.T) {
	turns := []assistant.Turn{
		{Index: 0, Speaker: agent, Text: "The balance is £300."},
		{Index: 1, Speaker: customer, Text: "I can do 20 a month."},
		{Index: 2, Speaker: customer, Text: "Yes, 20 is fine."},
		{Index: 3, Speaker: customer, Text: "I could do £15 a week."},
		{Index: 4, Speaker: customer, Text: "£15 is realistic."},
	}
	facts := extract(t, turns, "en")
	checkOffsets(t, turns, facts)
	type got struct {
		turn      int
		kind      assistant.FactKind
		amount    int64
		ambiguous bool
	}
	var gots []got
	for _, f := range facts {
		g := got{turn: f.TurnIndex, kind: f.Kind, ambiguous: f.Ambiguous}
		if f.Amount != nil {
			g.amount = f.Amount.Amount
		}
		gots = append(gots, g)
	}
	want := []got{
		{0, assistant.FactOutstanding, 30000, false},
		{1, assistant.FactOffer, 2000, false},
		{3, assistant.FactOffer, 6500, false}, // 1500 × 52 / 12
		{4, assistant.FactOffer, 6500, false},
	}
	if len(gots) != len(want) {
		t.Fatalf("facts %+v, want %+v", gots, want)
	}
	for i := range want {
		if gots[i] != want[i] {
			t.Errorf("fact %d: %+v, want %+v", i, gots[i], want[i])
		}
	}
}

func BenchmarkExtract(b *testing.B) {
	turns := []assistant.Turn{
		{Index: 0, Speaker: agent, Text: "Er staat een vordering open van € 1.250,50. U heeft een ingebrekestelling ontvangen."},
		{Index: 1, Speaker: customer, Text: "Ik ben mijn baan kwijtgeraakt en ik heb nu alleen een WW-uitkering. Ik kan 50 euro per maand, of twee tientjes per week."},
		{Index: 2, Speaker: customer, Text: "Mijn uitkering komt rond de 25e binnen, dus dan kan ik het meteen overmaken."},
	}
	for b.Loop() {
		extract(b, turns, "nl")
	}
}

// Extract takes any text a speech-to-text engine produces: it must not
// panic, and every fact must point at its own text.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"Er staat een vordering open van € 1.250,50.",
		"Ik kan twee tientjes per week, of 50 of 60 euro per maand.",
		"I can do £40 a month. I get paid on the 15th.",
		"$1,240.50 - a hundred dollars a month, between 50 and 60",
		"€ 50,- per twee weken; 1.250 euro; 25e; ww-uitkering",
		"tweeëntwintig duizend tweehonderd euro",
	} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, text string, isCustomer bool) {
		sp := agent
		if isCustomer {
			sp = customer
		}
		turns := turn(sp, text)
		for _, lang := range assistant.Languages {
			facts := extract(t, turns, lang)
			checkOffsets(t, turns, facts)
			for _, fc := range facts {
				if fc.Amount != nil && fc.Amount.Amount < 0 {
					t.Errorf("negative amount %+v", fc)
				}
				if fc.Amount != nil && !assistant.ValidCurrency(fc.Amount.Currency) {
					t.Errorf("currency %q", fc.Amount.Currency)
				}
			}
		}
	})
}

// extract is Extract for tests, where an error of rendering is a bug.
func extract(tb testing.TB, turns []assistant.Turn, lang assistant.Language) []assistant.Fact {
	tb.Helper()
	facts, err := Extract(turns, lang, fixedNow())
	if err != nil {
		tb.Fatal(err)
	}
	return facts
}

// A question and its answer, and an agreement and its reply, from any text
// a speech-to-text engine produces: no panic, every fact on its own text.
func FuzzExtractCall(f *testing.F) {
	for _, s := range [][2]string{
		{"Wanneer komt uw loon binnen?", "Altijd op de 24e."},
		{"How much could you pay each month?", "About 60, call me on 07700 900123."},
		{"Dan spreken we af: 75 euro per maand, voor het eerst op 1 december.", "Ja, dat is goed."},
		{"So to sum up: you'll pay £40 a month from the 4th of next month.", "No, that's clear."},
		{"Volgens artikel 6:96 BW, rekeningnummer NL91 ABNA 0417 1643 00.", "De laatste vrijdag van juni 2027."},
		{"What's your take home pay a month?", "Around 1,450 on 25-06-2026 at 14:30."},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, agentText, customerText string) {
		turns := []assistant.Turn{{Index: 0, Speaker: agent, Text: agentText}, {Index: 1, Speaker: customer, Text: customerText}}
		for _, lang := range assistant.Languages {
			facts := extract(t, turns, lang)
			checkOffsets(t, turns, facts)
			for _, fc := range facts {
				if fc.Amount != nil && (fc.Amount.Amount < 0 || !assistant.ValidCurrency(fc.Amount.Currency)) {
					t.Errorf("bad amount %+v", fc)
				}
				if fc.Date != "" {
					if _, err := time.Parse(dateLayout, fc.Date); err != nil {
						t.Errorf("bad date %+v", fc)
					}
				}
			}
		}
	})
}
