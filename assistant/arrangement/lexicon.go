package arrangement

import (
	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/language"
)

// The lexicons hold Dutch and English side by side: a call may switch
// language, and the words do not collide. Vulnerability cues are not here:
// they live in package vulnerability, shared by every engine; currency
// symbols and words, and reading digits as money, live in package language,
// shared with the phrasing engine.

// notes are words that stand for an amount: "twee tientjes" is € 20,
// "a tenner" is 10 in the call's currency, "two grand" is 2000.
var notes = map[string]struct {
	value    int64 // in major units
	currency string
}{
	"tientje": {10, "EUR"}, "tientjes": {10, "EUR"},
	"tenner": {10, ""}, "tenners": {10, ""}, "fiver": {5, ""}, "fivers": {5, ""},
	"grand": {1000, ""},
}

// vague words before a unit make an amount a guess: "een paar tientjes",
// "a few hundred", "a couple of hundred quid".
var vague = language.Compile(
	"een paar", "paar", "een aantal", "enkele", "wat",
	"a few", "a couple of", "a couple", "several", "some",
)

// vagueUnits follow a vague word to make a vague amount.
var vagueUnits = map[string]bool{
	"tientjes": true, "honderd": true, "duizend": true, "euro": true, "pond": true, "dollar": true,
	"tenners": true, "fivers": true, "hundred": true, "thousand": true, "grand": true, "quid": true,
	"pounds": true, "dollars": true, "bucks": true, "euros": true, "honderden": true, "hundreds": true,
}

// rangeWords join two amounts into a range: "50 of 60 euro", "50 or 60".
var rangeWords = map[string]bool{"of": true, "or": true, "à": true, "a": true, "tot": true, "to": true, "-": true}

type period int

const (
	noPeriod period = iota
	perMonth
	perWeek
	perFortnight
	perYear
)

// periodUnits are the words after "per", "a", "every", "elke": "per maand",
// "a week".
var periodUnits = map[string]period{
	"maand": perMonth, "month": perMonth, "week": perWeek, "jaar": perYear, "year": perYear,
	"fortnight": perFortnight, "mnd": perMonth,
}

var periodLeads = map[string]bool{"per": true, "a": true, "an": true, "each": true, "every": true, "elke": true, "iedere": true}

var periodAdverbs = map[string]period{
	"maandelijks": perMonth, "monthly": perMonth, "wekelijks": perWeek, "weekly": perWeek,
	"jaarlijks": perYear, "yearly": perYear, "annually": perYear, "fortnightly": perFortnight,
}

// unitWords after a bare number mean it is not money: "2 maanden", "60 days".
var unitWords = map[string]bool{
	"maand": true, "maanden": true, "month": true, "months": true, "week": true, "weken": true, "weeks": true,
	"dag": true, "dagen": true, "day": true, "days": true, "jaar": true, "jaren": true, "year": true, "years": true,
	"uur": true, "uren": true, "hour": true, "hours": true, "procent": true, "percent": true, "minuten": true,
	"minutes": true, "keer": true, "times": true, "kinderen": true, "children": true, "kids": true,
	"januari": true, "februari": true, "maart": true, "april": true, "mei": true, "juni": true, "juli": true,
	"augustus": true, "september": true, "oktober": true, "november": true, "december": true,
	"january": true, "february": true, "march": true, "may": true, "june": true, "july": true, "august": true,
	"october": true, "am": true, "pm": true, "o'clock": true, "minuut": true, "minute": true, "seconden": true,
	"seconds": true, "werkdagen": true, "weekdays": true,
}

// Keywords that say what an amount in the same sentence is. The nearest one
// before the amount wins, else the nearest after it.
var (
	outstandingWords = language.Compile(
		"openstaand*", "open", "vordering*", "schuld", "schulden", "saldo", "achterstand", "totaal", "totaalbedrag",
		"in totaal", "nog te betalen", "verschuldigd*", "afbetaald", "afgelost", "incassokosten", "hoofdsom",
		"rekening", "nota", "factuur",
		"outstanding", "balance", "owe", "owes", "owing", "owed", "arrears", "total", "debt", "cleared",
		"paid off", "collection costs", "in full", "bill", "invoice",
	)
	offerWords = language.Compile(
		"kan", "kunnen", "lukt", "lukken", "missen", "aflossen", "voorstel", "haalbaar", "betalen",
		"can", "could", "afford", "manage", "offer", "realistic", "spare", "pay",
		// What is left after costs caps what can be offered: "hou ik 80
		// euro over", "I've got £150 left".
		"hou", "houd", "overhoud*", "i've got", "i have", "left", "left over", "leftover",
	)
	incomeWords = language.Compile(
		"inkomen", "loon", "salaris", "uitkering", "ww", "bijstand", "pensioen", "aow", "verdien*", "ik krijg",
		"ontvang*", "netto", "binnen", "uitbetaald", "gestort",
		"income", "wage", "wages", "salary", "earn*", "get paid", "got paid", "gets paid", "i'm paid", "benefits", "universal credit", "pension",
		"take home", "take home pay", "my pay", "net pay", "i get", "receive", "bring home", "payday", "pay day", "comes in", "goes in",
	)
)

// costsLexicon holds the words for essential costs by budget category; the
// empty category is all essential costs together ("vaste lasten", "bills").
var costsLexicon = []struct {
	category assistant.BudgetCategory
	words    []language.Pattern
}{
	{"", language.Compile(
		"vaste lasten", "lasten", "kosten", "uitgaven", "rekeningen", "kwijt aan", "levensonderhoud",
		"bills", "outgoings", "expenses", "costs", "essentials", "spend", "living costs", "cost of living",
	)},
	{assistant.CategoryHousing, language.Compile(
		"huur", "hypotheek", "woonlasten", "woonkosten", "servicekosten",
		"rent", "mortgage", "housing", "council tax", "ground rent", "service charge",
	)},
	{assistant.CategoryUtilities, language.Compile(
		"energie", "gas", "stroom", "elektriciteit", "water", "waterrekening", "energierekening",
		"energy", "electricity", "electric", "utilities", "water bill", "gas and electric", "heating",
	)},
	{assistant.CategoryFoodHousekeeping, language.Compile(
		"boodschappen", "eten", "huishouden", "huishoudgeld", "voeding",
		"groceries", "food", "shopping", "housekeeping",
	)},
	{assistant.CategoryTransport, language.Compile(
		"vervoer", "auto", "benzine", "brandstof", "ov", "reiskosten", "openbaar vervoer",
		"transport", "car", "petrol", "fuel", "bus fare", "bus fares", "train fare", "travel",
	)},
	{assistant.CategoryChildcare, language.Compile(
		"kinderopvang", "opvang", "crèche", "creche", "naschoolse opvang",
		"childcare", "nursery", "child care", "after school club",
	)},
	{assistant.CategoryOtherEssentials, language.Compile(
		"zorgverzekering", "verzekering", "verzekeringen", "medicijnen", "telefoon", "internet",
		"insurance", "insurances", "prescriptions", "phone bill", "broadband", "school costs",
	)},
	{assistant.CategoryPriorityDebts, language.Compile(
		"huurachterstand", "energieachterstand", "belastingschuld", "boete", "boetes", "cjib",
		"rent arrears", "mortgage arrears", "council tax arrears", "fines", "court fine", "magistrates",
	)},
}

// Questions an agent asks about money: the amount, or when it comes in.
var (
	// amountAsked makes a question about an amount.
	amountAsked = language.Compile(
		"hoeveel", "welk bedrag", "wat voor bedrag", "een bedrag", "bedrag", "hoe hoog", "hoe veel",
		"wat betaalt u", "wat verdient u", "wat is uw", "wat zijn uw", "wat houdt u",
		"how much", "what amount", "which amount", "an amount", "amount", "how big", "what figure",
		"what do you pay", "what do you earn", "what is your", "what's your", "what are your", "what do you have",
	)
	// whenAsked makes a question about a day.
	whenAsked = language.Compile(
		"wanneer", "welke dag", "welke datum", "op welke dag", "hoe laat",
		"when", "what day", "which day", "what date", "which date",
	)
)

// agreementWords mark a turn that states an arrangement as settled: "even
// samengevat: u betaalt …", "so to sum up: you'll pay …".
//
// Words that only name an arrangement ("betalingsregeling", "payment plan")
// are not among them: "uw vorige regeling van 50 euro per maand" settles
// nothing.
var agreementWords = language.Compile(
	"afspreken", "spreken we af", "spreken af", "spreken we", "spreken wij", "afgesproken", "afspraak", "samengevat", "ik noteer", "noteer ik",
	"ik zet", "zet ik", "gezet", "heb ik het op", "u betaalt", "betaalt u", "akkoord", "leg ik", "voorleggen",
	"we agree", "agreed", "agree", "sum up", "summing up", "to confirm", "i'll note", "i will note", "set up",
	"you'll pay", "you will pay", "we'll take", "taken on",
	// The agent setting the amount is a settlement too, if a one-sided
	// one: "I've set it at 25 a month", "ik heb het op 25 per maand gezet".
	"i've set", "i have set", "set it at", "set it to", "i've put it", "put it at", "i've made it",
	// A collection set up is an arrangement settled: "dan wordt er 60 euro
	// per maand geïncasseerd", "£30 a month will be collected".
	"geïncasseerd", "geincasseerd", "incasseren wij", "schrijven wij", "afgeschreven",
	"will be collected", "we'll collect", "we will collect", "will be taken", "direct debit",
)

// onceWords make an agreed amount a single payment: "in één keer", "in full".
var onceWords = language.Compile(
	"in één keer", "in een keer", "in 1 keer", "ineens", "eenmalig", "in one go", "in one payment", "in full",
	"one payment", "lump sum", "all at once", "one-off", "one off",
)

// acceptWords in a customer's reply say yes to what the agent put forward;
// refuseWords say no.
var (
	acceptWords = language.Compile(
		"ja", "jazeker", "goed", "prima", "akkoord", "oké", "oke", "ok", "okay", "afgesproken", "doe ik", "lukt",
		"klopt", "duidelijk", "zal ik doen", "ik betaal", "deal", "top", "graag",
		"yes", "yeah", "yep", "fine", "sure", "agreed", "sounds good", "that works", "i will", "i'll pay",
		"i'll do that", "clear", "great", "perfect", "alright", "all right", "will do",
	)
	refuseWords = language.Compile(
		"lukt ~ niet", "gaat ~ niet", "kan ik ~ niet", "kan ~ niet", "niet haalbaar", "te veel", "te hoog",
		"niet akkoord", "niet goed", "nee dat", "zeker niet", "red ik ~ niet",
		"can't", "cannot", "too much", "too high", "not possible", "won't", "no way", "not okay", "not ok",
		"not fine", "not agreed", "don't agree", "can ~ not",
	)
)

// debtHelpWords name the free debt help an agent refers a customer to: in
// the Netherlands the municipality's schuldhulpverlening and those who work
// with it, in the UK the free advice services of docs/domain. Said by the
// agent, they make a referral the call's next step.
var debtHelpWords = language.Compile(
	"schuldhulpverlening", "schuldhulp", "schuldhulpmaatje", "juridisch loket", "budgetcoach", "wijkteam", "geldfit",
	"uw gemeente", "de gemeente", "schuldadvies",
	"stepchange", "step change", "citizens advice", "national debtline", "moneyhelper", "money helper",
	"debt advice", "debt adviser", "debt advisor", "debt help", "breathing space",
)
