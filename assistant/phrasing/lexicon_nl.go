package phrasing

import "regexp"

// wordsNL is what the detectors look for in Dutch; wordsEN must fill the same
// keyed groups (TestLexiconsInStep).
var wordsNL = &words{
	commands: []phraseGroup{
		{"modal", []string{"u moet", "moet u", "u moest", "u zal moeten", "u zult moeten", "u gaat moeten", "je moet", "moet je"}},
		{"dient", []string{"u dient", "dient u", "u bent verplicht", "bent u verplicht"}},
		{"imperative", []string{
			"betaal", "maak", "stuur", "bel", "neem", "vul", "zorg", "onderteken", "teken", "regel", "geef", "stort", "los",
		}},
	},
	threats: []phraseGroup{
		{"bailiff", []string{"deurwaarder", "de deurwaarder", "een deurwaarder", "deurwaarders"}},
		{"court", []string{
			"rechter", "de rechter", "rechtszaak", "een rechtszaak", "gerechtelijke procedure",
			"een gerechtelijke procedure", "gerechtelijke stappen", "dagvaarding", "een dagvaarding", "dagvaarden",
			"juridische stappen", "advocaat", "onze advocaat",
		}},
		{"seizure", []string{"beslag", "loonbeslag", "beslag leggen", "beslag gelegd"}},
		{"costs", []string{"extra kosten", "incassokosten", "meer kosten", "kosten bij", "rente bij"}},
		{"credit", []string{"bkr", "bkr-registratie", "een bkr-registratie"}},
		{"cutoff", []string{"afsluiten", "afgesloten", "de levering stoppen", "stopzetten"}},
		{"agency", []string{"incassobureau", "een incassobureau", "het incassobureau", "incassobureau uit handen"}},
		{"eviction", []string{"uit huis gezet", "ontruiming", "ontruimd"}},
	},
	threatMarkers: []string{
		"anders", "zo niet", "als u niet", "als u geen", "als u nu niet", "als de betaling uitblijft", "als betaling uitblijft",
		"indien u niet", "indien betaling uitblijft", "wanneer u niet", "tenzij", "bij uitblijven", "bij het uitblijven",
		"gaan we", "zullen we", "wij zullen", "zien wij ons genoodzaakt", "wij zien ons genoodzaakt", "ik zie mij genoodzaakt",
		"gaan wij over tot", "wij gaan over tot", "dan gaat", "gaat uw zaak", "gaat de zaak", "wordt uw dossier", "gaat naar", "gaan naar", "sturen we", "schakelen we", "dragen we", "dragen wij", "we gaan", "we zullen", "wij gaan",
		"we sturen", "we schakelen", "wij schakelen", "ik stuur", "ik ga", "ik schakel", "stappen we", "we stappen",
		"kan er", "wordt er", "worden er", "komt er", "komen er", "volgt", "dan volgt", "gaat het", "gaat uw dossier",
		"leggen we", "we leggen", "melden we", "we melden",
		// What will happen to the customer, in the words agents use: "u
		// hoort van de deurwaarder", "u krijgt de deurwaarder aan de
		// deur", "de deurwaarder neemt contact met u op".
		"hoort u", "u hoort", "krijgt u", "u krijgt", "zult u", "u zult", "komt u", "zal", "zullen", "wordt", "worden",
		"komt het", "komt de zaak", "komt uw zaak", "komt uw dossier", "gaat dit", "gaat dat", "gaat uw", "moeten we",
		"we moeten", "moeten wij", "wij moeten", "contact met u op", "contact met u opnemen", "bij u langs",
		"komt langs", "aan de deur", "aan uw deur", "voor de deur", "voor uw deur", "op de stoep", "op uw stoep",
		"volgende stap", "uiteindelijk", "op den duur",
	},
	threatOpeners: []string{"dan"},
	threatAsked:   []string{"anders", "zo niet", "of wilt u", "wilt u soms", "wilt u dat de", "wilt u dat het", "wil je soms"},
	threatOwn: []string{
		"we", "wij", "ik", "genoodzaakt", "hoort u", "u hoort", "aan de deur", "aan uw deur", "voor de deur",
		"voor uw deur", "op de stoep", "op uw stoep", "laatste",
	},
	consequenceAsked: []string{
		"wat gebeurt", "wat gaat er gebeuren", "wat zal er gebeuren", "wat zijn de gevolgen", "welke gevolgen",
		"wat betekent dat voor mij", "wat als", "en dan", "wat dan", "wat volgt",
	},
	threatNeutral:  []string{"voorkomen", "vermijden", "uitleggen", "uitleg", "vertellen", "vertel", "uitgelegd", "leg ik uit", "leg ik u uit", "ik leg uit", "ik leg u uit"},
	threatMaybe:    []string{"kan", "kunnen", "mogelijk", "eventueel", "misschien", "wellicht"},
	ultimatums:     []string{"laatste kans", "uw laatste kans", "laatste waarschuwing", "vandaag nog", "uiterlijk vandaag", "nu meteen", "per direct", "onmiddellijk", "binnen 24 uur"},
	ultimatumLinks: []string{"anders", "zo niet", "of anders"},
	lastChance:     []string{"laatste"},
	followUp: []string{
		"ik ga", "ik zal", "ik stuur", "ik kijk", "ik zoek", "ik bel", "ik regel", "laten we", "we kunnen", "wij kunnen",
		"zullen we", "samen", "ik help", "we gaan", "ik leg", "ik zet", "ik noteer", "ik maak",
	},
	emotion: []string{
		"boos", "kwaad", "bang", "ik schaam me", "ik schaam mij", "schaam", "zorgen", "ik maak me zorgen", "ongerust",
		"gestrest", "stress", "in paniek", "wanhopig", "radeloos", "verdrietig", "ik ben het zat", "ik word er gek van",
		"ik moet huilen", "het is me te veel", "frustrerend", "gefrustreerd", "teleurgesteld",
	},
	ack: []string{
		"gecondoleerd", "wat naar", "wat erg", "wat vervelend voor u", "wat verdrietig", "ik hoor dat", "ik hoor hoe",
		"ik begrijp dat dit", "ik snap dat dit", "dank u dat u", "dank u wel dat u", "bedankt dat u", "fijn dat u dit vertelt",
		"goed dat u dit vertelt", "dat klinkt", "wat rot", "wat een nare", "sterkte", "ik kan me voorstellen",
		"als ik u goed begrijp", "dus als ik het goed begrijp", "u zegt dat", "goede vraag", "dat is een goede vraag",
		"dat hoeft ook niet", "dat is verdrietig", "dat is heel verdrietig", "dat is erg verdrietig", "dat is heel naar",
		"dat is een flinke verandering", "dat is een grote verandering",
	},
	empathy: []string{"vervelend", "jammer", "frustrati"},
	otherPerson: []string{
		"hij", "haar", "man", "vrouw", "partner", "echtgenoot", "echtgenote", "zoon", "dochter", "moeder",
		"vader", "mama", "papa", "broer", "zus", "kind", "kinderen", "vriend", "vriendin",
	},
	hedge: []string{"misschien", "mogelijk", "wellicht", "dreig", "dreigt", "dreigen", "bang", "straks", "kans"},
	payment: []string{
		"betalen", "betaal", "betaalt", "betaald", "betaling", "betalingen", "overmaken", "storten", "aflossen", "afbetalen",
		"terugbetalen", "voldoen", "voldaan", "missen", "bedrag", "schuld", "schulden", "achterstand", "termijn", "termijnen",
		"rekening",
	},
	relief: []string{
		"stil", "stilzetten", "pauze", "pauzeren", "uitstel", "uitstellen", "adempauze", "stoppen", "stopzetten",
		"bevriezen", "opschorten", "later", "haast",
	},
	opposed: []string{
		"belachelijk", "schandalig", "ik betaal niet", "ik betaal niks", "ik betaal helemaal niets", "dit is oplichting",
		"oplichters", "laat me met rust", "waar slaat dat op", "bekijk het maar", "ik ga niet betalen", "ik weiger",
	},

	conditional: []string{
		"als", "wanneer", "indien", "dat", "zodat", "omdat",
		"weet", "denk", "begrijp", "snap", "hoor", "zie", "vind",
	},
	relative: []string{
		"die", "welke", "wat", "waar", "waarop", "waarin", "waarmee", "waarvoor", "waarnaar", "waardoor", "waarbij",
		"waaraan", "waarvan", "waaronder", "waarover", "waartoe", "waaruit", "waarheen",
	},
	conditionalOpeners: []string{"als", "mocht", "wanneer"},
	contactVerbs:       []string{"bel", "mail", "neem", "laat", "app"},
	stateVerbs:         []string{"zijn", "hebben", "worden", "voelen", "vinden", "denken"},
	dropConj:           []string{"dus", "en", "maar", "want", "dan", "daarom", "toch", "oké", "nou", "goed"},
	pressure:           []string{"toch", "echt", "wel", "gewoon"},
	pay:                []string{"betalen", "maken", "storten", "lossen", "voldoen", "terugbetalen"},
	filler:             []string{"vóór", "voor", "uiterlijk", "op", "tot", "per", "vanaf", "na", "nog", "wel", "dan", "al"},

	closedQuestions: []closedRule{
		{re: regexp.MustCompile(`^(?:en |dus |oké,? |ok,? )?(?:kunt|kan|gaat|wilt|zult) u (.*?)\s*(betalen|overmaken|missen|voldoen|aflossen|terugbetalen)\?$`), variant: "pay", clause: 1, verb: 2},
		{re: regexp.MustCompile(`^(?:begrijpt|snapt) u (?:dat|het|mij|me|wat ik bedoel)?\s*\?$|^is dat (?:duidelijk|helder)(?: voor u)?\?$|^(?:was|is) het duidelijk\?$`), variant: "understand"},
		{re: regexp.MustCompile(`^(?:is dat|gaat u|bent u|vindt u dat) (?:goed|akkoord|oké|ok|oke|prima)(?: voor u| zo| mee| daarmee| hiermee)?\?$|^akkoord\?$|^(?:bent|gaat) u (?:het )?(?:ermee |daarmee |hiermee )?(?:eens|akkoord)\?$|^kunt u (?:daarmee|hiermee) leven\?$`), variant: "agree"},
		{re: regexp.MustCompile(`^(?:gaat|zal) (?:dat|het) lukken\?$|^lukt (?:dat|het)(?: u)?\?$|^kunt u dat(?: doen| regelen| opbrengen)?\?$`), variant: "manage"},
		{re: regexp.MustCompile(`^wilt u ((?:een|de) (?:betalingsregeling|regeling|afspraak|betalingsafspraak)(?: .*)?)\?$`), variant: "offer", clause: 1},
	},
	sentenceCuts: []sentenceCut{{", en ", "", nextMain}, {", maar ", "Maar ", nextMain}, {", dus ", "Dus ", nextMain}, {"; ", "", nextMain}, {", wat ", "Dat ", nextVerb}, {", omdat ", "Dat komt omdat ", nextClause}, {" en ", "", nextPronoun}, {" maar ", "Maar ", nextPronoun}},
	and:          " en ",

	closingNextStep: []string{
		"ik stuur u", "ik stuur", "we sturen u", "wij sturen u", "u ontvangt", "u krijgt",
		"we spreken af dat", "we hebben afgesproken", "afgesproken dat", "de eerste betaling", "de volgende betaling",
		"eerste termijn", "voor het eerst op",
	},
	closingAction: []string{
		"ik zet", "zet ik", "ik noteer", "noteer ik", "ik leg vast", "ik leg het vast", "leg ik", "ik maak", "maak ik",
		"ik regel", "regel ik", "ik zorg dat", "ik zorg ervoor", "zorg ik", "ik verwerk", "verwerk ik",
	},
	closingCustomerPart: []string{
		"u betaalt", "betaalt u", "uw eerste betaling", "de eerste betaling", "u maakt", "maakt u", "u belt", "belt u",
	},
	// "Ik bel" alone is how a call opens ("ik bel over uw dossier"); with a
	// time it is a promise.
	closingPromise: []string{
		"ik bel", "bel ik", "bel u", "wij bellen", "we bellen", "ik zoek", "zoek ik", "ik kijk", "kijk ik",
		"ik ga na", "ik laat u", "ik laat het u", "laat ik u", "ik neem contact", "neem ik contact",
		"hoort u van", "ik check",
	},
	closingWhen: []string{
		"vandaag", "morgen", "morgenochtend", "morgenmiddag", "vanmiddag", "vanochtend", "vanmorgen", "vanavond",
		"voor twaalf uur", "uur", "binnen een", "binnen twee", "binnen drie", "binnen vijf", "binnen 24",
		"binnen 48", "aan het eind van", "eind van de dag", "maandag", "dinsdag",
		"woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "volgende week", "werkdag", "werkdagen",
	},
	closingSummary: []string{
		"dus we spreken af", "samengevat", "samenvattend", "even samenvatten", "om samen te vatten", "dus u betaalt",
		"we hebben afgesproken", "zoals afgesproken", "even op een rij", "klopt het dat", "als ik het goed begrijp",
		"even samengevat", "kort samengevat",
	},
	closingWarm: []string{
		// A wish or thanks; a bare goodbye ("dag", "tot ziens") is a
		// farewell, warm in neither language.
		"fijne dag", "prettige dag", "fijne middag", "prettige middag", "fijne avond", "fijn weekend",
		"prettig weekend", "prettige avond", "geniet nog van", "bedankt voor uw tijd", "dank u wel", "bedankt",
		"dank voor", "succes", "sterkte", "het beste", "het allerbeste", "pas goed op uzelf", "goed dat u",
		"fijn dat u",
	},
	farewell: []string{"dag", "daag", "doei", "doeg", "tot ziens", "tot de volgende keer", "tot later", "de groeten", "goedendag", "bye", "doei doei"},
}
