package phrasing

// The detection lexicons: phrases as lower-case words. The replacement
// wording for jargon, policy talk and stock phrases lives in the templates
// (lexicon.jargon, lexicon.policy, lexicon.stock) so that trainers can change
// it; what is listed here only decides what is found.

// commandWords open a command that a sentence rewrite turns into a question.
// The key says how the rest of the clause is read: "modal" ("u moet …
// betalen": rest ends in an infinitive), "dient" ("u dient … te betalen"),
// "to" (English: the rest starts with a bare infinitive), "imperative" (the
// verb itself, at the start of a sentence).
var commandWords = map[string][]string{
	"nl": {
		"modal: u moet", "modal: moet u", "modal: u moest", "modal: u zal moeten", "modal: u zult moeten",
		"modal: u gaat moeten", "modal: je moet", "modal: moet je",
		"dient: u dient", "dient: dient u", "dient: u bent verplicht", "dient: bent u verplicht",
		"imperative: betaal", "imperative: maak", "imperative: stuur", "imperative: bel", "imperative: neem",
		"imperative: vul", "imperative: zorg", "imperative: onderteken", "imperative: teken",
		"imperative: regel", "imperative: geef", "imperative: stort", "imperative: los",
	},
	"en": {
		"to: you must", "to: you need to", "to: you have to", "to: you'll have to", "to: you will have to",
		"to: you are required to", "to: you're required to", "to: you've got to", "to: you got to",
		"to: you must now", "to: you'll need to", "to: you will need to",
		"imperative: pay", "imperative: send", "imperative: call", "imperative: make", "imperative: transfer",
		"imperative: contact", "imperative: settle", "imperative: clear", "imperative: fill", "imperative: sign",
		"imperative: ring", "imperative: submit", "imperative: provide", "imperative: get",
		"imperative: please pay", "imperative: please send", "imperative: please call", "imperative: please make",
	},
}

// threatWords name a consequence held over the customer; the key names the
// consequence, which the threat rewrite words as something to avoid together.
// A consequence counts as a threat only with a condition or a first-person
// announcement in the same sentence (threatMarkers).
var threatWords = map[string][]string{
	"nl": {
		"bailiff: deurwaarder", "bailiff: de deurwaarder", "bailiff: een deurwaarder", "bailiff: deurwaarders",
		"court: rechter", "court: de rechter", "court: rechtszaak", "court: een rechtszaak", "court: gerechtelijke procedure",
		"court: een gerechtelijke procedure", "court: gerechtelijke stappen", "court: dagvaarding", "court: een dagvaarding",
		"court: dagvaarden", "court: juridische stappen", "court: advocaat", "court: onze advocaat",
		"seizure: beslag", "seizure: loonbeslag", "seizure: beslag leggen", "seizure: beslag gelegd",
		"costs: extra kosten", "costs: incassokosten", "costs: meer kosten", "costs: kosten bij", "costs: rente bij",
		"credit: bkr", "credit: bkr-registratie", "credit: een bkr-registratie",
		"cutoff: afsluiten", "cutoff: afgesloten", "cutoff: de levering stoppen", "cutoff: stopzetten",
		"agency: incassobureau", "agency: een incassobureau", "agency: het incassobureau", "agency: incassobureau uit handen",
		"eviction: uit huis gezet", "eviction: ontruiming", "eviction: ontruimd",
	},
	"en": {
		"bailiff: bailiff", "bailiff: bailiffs", "bailiff: the bailiffs", "bailiff: enforcement agent", "bailiff: enforcement agents",
		"court: court", "court: to court", "court: legal action", "court: legal proceedings", "court: court action",
		"court: our solicitors", "court: solicitors", "court: solicitor", "court: ccj", "court: county court judgment",
		"court: take you to court", "court: sue", "court: sue you", "court: lawyers", "court: our lawyers",
		"seizure: attachment of earnings", "seizure: an attachment of earnings", "seizure: garnish", "seizure: garnishment",
		"seizure: garnish your wages", "seizure: your wages", "seizure: seize", "seizure: repossess", "seizure: repossession",
		"costs: extra charges", "costs: additional charges", "costs: further charges", "costs: more charges", "costs: fees",
		"costs: late fees", "costs: collection costs", "costs: more interest",
		"credit: credit rating", "credit: credit file", "credit: credit score", "credit: credit record", "credit: your credit rating",
		"cutoff: cut off", "cutoff: disconnect", "cutoff: disconnected", "cutoff: disconnection",
		"agency: debt collection agency", "agency: collection agency", "agency: debt collectors", "agency: a debt collector",
		"eviction: evict", "eviction: evicted", "eviction: eviction",
	},
}

// threatMarkers make a consequence a threat: a condition ("anders", "if you
// don't") or an announcement of what we will do.
var threatMarkers = map[string][]string{
	"nl": {
		"anders", "zo niet", "als u niet", "als u geen", "als u nu niet", "als de betaling uitblijft", "als betaling uitblijft",
		"indien u niet", "indien betaling uitblijft", "wanneer u niet", "tenzij", "bij uitblijven", "bij het uitblijven",
		"gaan we", "zullen we", "wij zullen", "sturen we", "schakelen we", "dragen we", "dragen wij", "we gaan", "we zullen", "wij gaan",
		"we sturen", "we schakelen", "wij schakelen", "ik stuur", "ik ga", "ik schakel", "stappen we", "we stappen",
		"kan er", "wordt er", "worden er", "komt er", "komen er", "volgt", "dan volgt", "gaat het", "gaat uw dossier",
		"leggen we", "we leggen", "melden we", "we melden",
	},
	"en": {
		"or", "or else", "otherwise", "if you don't", "if you do not", "if you can't", "if you cannot", "if you fail to",
		"unless", "unless you", "if payment is not", "if we don't receive", "if we do not receive",
		"we will", "we'll", "we are going to", "we're going to", "we shall", "i will", "i'll", "we have no choice",
		"will be", "we may", "we can", "this will",
	},
}

// ultimatumWords put a deadline or a last chance over the customer.
var ultimatumWords = map[string][]string{
	"nl": {"laatste kans", "uw laatste kans", "laatste waarschuwing", "vandaag nog", "uiterlijk vandaag", "nu meteen", "per direct", "onmiddellijk", "binnen 24 uur"},
	"en": {"last chance", "your last chance", "final warning", "final chance", "today or", "immediately", "right now", "within 24 hours", "no later than today"},
}

// ultimatumLinks tie a deadline to a consequence: "vandaag nog, anders".
var ultimatumLinks = map[string][]string{
	"nl": {"anders", "zo niet", "of anders"},
	"en": {"or", "or else", "otherwise"},
}

// blameWords put the fault on the customer.
var blameWords = map[string][]string{
	"nl": {
		"u had moeten", "had u moeten", "u had eerder", "u had gewoon", "had u gewoon", "had u eerder", "u had beter",
		"uw eigen schuld", "eigen schuld", "uw eigen fout", "u heeft niet betaald", "u heeft nooit betaald",
		"u heeft niet op tijd betaald", "u bent vergeten", "u heeft het laten liggen", "u reageert nooit",
		"u heeft niet gereageerd", "u heeft nooit gereageerd", "had u maar", "dat had u kunnen weten", "u wist dat",
		"u had dat kunnen weten", "u heeft zelf", "dat is uw probleem", "u had zelf",
	},
	"en": {
		"you should have", "you shouldn't have", "you ought to have", "you were supposed to", "you failed to",
		"your own fault", "your fault", "you didn't pay", "you did not pay", "you never paid", "you forgot to",
		"you ignored", "you've ignored", "you have ignored", "you never responded", "you didn't respond",
		"you knew", "that's your problem", "that is your problem", "you chose to",
	},
}

// followUpWords show that the agent follows an acknowledgement with an
// action or an offer, which keeps a stock phrase from sounding empty.
var followUpWords = map[string][]string{
	"nl": {
		"ik ga", "ik zal", "ik stuur", "ik kijk", "ik zoek", "ik bel", "ik regel", "laten we", "we kunnen", "wij kunnen",
		"zullen we", "samen", "ik help", "we gaan", "ik leg", "ik zet", "ik noteer", "ik maak",
	},
	"en": {
		"i'll", "i will", "let me", "let's", "we can", "together", "shall we", "i'm going to", "we'll",
		"i am going to", "i'd like to help", "we could",
	},
}

// distressWords are the vulnerability cues of the domain notes; the key is
// the life event, used to acknowledge it in the customer's own terms.
var distressWords = map[string][]string{
	"nl": {
		"job: baan kwijt", "job: baan kwijtgeraakt", "job: mijn baan verloren", "job: ontslagen", "job: werkloos", "job: minder uren",
		"job: ww-uitkering", "job: in de ww",
		"illness: ziek", "illness: ziekenhuis", "illness: burn-out", "illness: burnout", "illness: depressie", "illness: depressief",
		"illness: kanker", "illness: ernstig ziek", "illness: arbeidsongeschikt",
		"death: overleden", "death: overlijden", "death: begrafenis", "death: is gestorven",
		"divorce: scheiding", "divorce: gescheiden", "divorce: uit elkaar", "divorce: uit elkaar gegaan",
		"money: uitkering", "money: bijstand", "money: bewindvoerder", "money: schuldhulp", "money: voedselbank",
		"cope: ik weet het niet meer", "cope: ik trek het niet meer", "cope: ik slaap er niet van", "cope: ik slaap er slecht van",
		"cope: ik slaap er eerlijk gezegd slecht van", "cope: ik kan niet meer", "cope: het wordt me te veel", "cope: ik zie het niet meer zitten",
		"care: mantelzorg", "care: zwanger", "care: verslaving", "care: verslaafd",
		"crisis: zelfmoord", "crisis: suïcide", "crisis: een eind aan maken", "crisis: er een eind aan maken",
		"crisis: niet meer leven", "crisis: dood willen", "crisis: mezelf iets aandoen", "crisis: mijzelf iets aandoen",
	},
	"en": {
		"job: lost my job", "job: laid off", "job: made redundant", "job: hours cut", "job: my hours were cut", "job: out of work",
		"job: unemployed",
		"illness: ill", "illness: sick", "illness: hospital", "illness: depression", "illness: anxiety", "illness: cancer",
		"illness: mental health",
		"death: passed away", "death: bereavement", "death: funeral", "death: died",
		"divorce: divorce", "divorce: separated", "divorce: split up", "divorce: divorced",
		"money: benefits", "money: universal credit", "money: food bank", "money: debt adviser",
		"cope: i can't cope", "cope: i cannot cope", "cope: i don't know what to do", "cope: i can't sleep",
		"cope: can't sleep", "cope: i can't take it", "cope: it's too much",
		"care: carer", "care: pregnant", "care: addiction",
		"crisis: suicide", "crisis: kill myself", "crisis: end it all", "crisis: hurt myself", "crisis: harm myself",
		"crisis: self-harm", "crisis: don't want to live", "crisis: not want to be here", "crisis: better off dead",
	},
}

// opposedWords mark a customer turn as opposed when no stance was given.
var opposedWords = map[string][]string{
	"nl": {
		"belachelijk", "schandalig", "ik betaal niet", "ik betaal niks", "ik betaal helemaal niets", "dit is oplichting",
		"oplichters", "laat me met rust", "waar slaat dat op", "bekijk het maar", "ik ga niet betalen", "ik weiger",
	},
	"en": {
		"ridiculous", "outrageous", "i'm not paying", "i am not paying", "i won't pay", "this is a scam", "scam",
		"leave me alone", "stop calling me", "i refuse", "disgrace", "joke",
	},
}

// Closing phrases: the three things a good end of a call holds.
var (
	nextStepWords = map[string][]string{
		"nl": {
			"ik stuur u", "ik stuur", "we sturen u", "wij sturen u", "u ontvangt", "u krijgt", "ik bel u", "ik bel",
			"we spreken af dat", "we hebben afgesproken", "afgesproken dat", "de eerste betaling", "de volgende betaling",
			"eerste termijn", "ik zet", "ik noteer", "ik leg vast", "ik leg het vast", "ik maak", "ik regel",
			"voor het eerst op", "ik zorg dat", "ik zorg ervoor",
		},
		"en": {
			"i'll send", "i will send", "we'll send", "we will send", "you'll receive", "you will receive", "you'll get",
			"i'll call", "i will call", "we'll call", "next payment", "first payment", "we agreed", "we've agreed",
			"i'll set up", "i've set up", "i'll note", "i'll put", "i'll email", "i will email", "your first payment",
			"i'll make sure", "i'll arrange", "i'll call you back",
		},
	}
	summaryWords = map[string][]string{
		"nl": {
			"dus we spreken af", "samengevat", "samenvattend", "even samenvatten", "om samen te vatten", "dus u betaalt",
			"we hebben afgesproken", "zoals afgesproken", "even op een rij", "klopt het dat", "als ik het goed begrijp",
			"even samengevat", "kort samengevat",
		},
		"en": {
			"so to sum up", "to sum up", "just to confirm", "to confirm", "so we've agreed", "so we agreed", "to recap",
			"in summary", "so you'll pay", "let me recap", "just to be clear", "so just to recap", "summing up",
		},
	}
	warmWords = map[string][]string{
		"nl": {
			"fijne dag", "prettige dag", "fijne avond", "fijn weekend", "prettige avond", "bedankt voor uw tijd",
			"dank u wel", "bedankt", "dank voor", "succes", "sterkte", "goed dat u", "fijn dat u", "tot ziens",
		},
		"en": {
			"thanks for", "thank you", "take care", "have a good day", "have a nice day", "have a great day",
			"have a good", "all the best", "good luck", "glad we could", "goodbye",
		},
	}
)
