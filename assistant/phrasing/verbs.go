package phrasing

// Verb tables the sentence rewrites need to move a verb without breaking the
// grammar: Dutch puts "te" between a separable particle and its verb
// ("overmaken" → "over te maken"), and an active rewrite of a passive needs
// the infinitive of its participle.

// nlTeForm maps a Dutch infinitive to its te-infinitive.
var nlTeForm = map[string]string{
	"betalen": "te betalen", "overmaken": "over te maken", "bellen": "te bellen", "terugbellen": "terug te bellen",
	"opbellen": "op te bellen", "sturen": "te sturen", "opsturen": "op te sturen", "toesturen": "toe te sturen",
	"doorgeven": "door te geven", "geven": "te geven", "invullen": "in te vullen", "ondertekenen": "te ondertekenen",
	"tekenen": "te tekenen", "opnemen": "op te nemen", "regelen": "te regelen", "aflossen": "af te lossen",
	"voldoen": "te voldoen", "storten": "te storten", "overschrijven": "over te schrijven", "aanvragen": "aan te vragen",
	"doen": "te doen", "reageren": "te reageren", "weten": "te weten", "maken": "te maken", "nemen": "te nemen",
	"leveren": "te leveren", "aanleveren": "aan te leveren", "inleveren": "in te leveren", "melden": "te melden",
	"bijbetalen": "bij te betalen", "terugbetalen": "terug te betalen", "afbetalen": "af te betalen",
	"zorgen": "te zorgen", "komen": "te komen", "langskomen": "langs te komen", "mailen": "te mailen",
	"e-mailen": "te e-mailen", "accepteren": "te accepteren", "wachten": "te wachten", "ophalen": "op te halen",
	"inloggen": "in te loggen", "controleren": "te controleren", "missen": "te missen", "vullen": "te vullen",
	"lossen": "te lossen", "terugsturen": "terug te sturen", "uitzoeken": "uit te zoeken", "afspreken": "af te spreken",
	"bevestigen": "te bevestigen", "ondernemen": "te ondernemen", "afgeven": "af te geven",
}

// nlImperative maps a Dutch imperative to its infinitive.
var nlImperative = map[string]string{
	"betaal": "betalen", "maak": "maken", "stuur": "sturen", "bel": "bellen", "neem": "nemen", "vul": "vullen",
	"onderteken": "ondertekenen", "teken": "tekenen", "regel": "regelen", "geef": "geven", "stort": "storten",
	"los": "lossen",
}

// nlVerbParticles lists which separable particles go with which verb, so that
// "Maak het bedrag over" is read as "overmaken" but "Betaal het op tijd" not
// as "opbetalen".
var nlVerbParticles = map[string]string{
	"maken": "over", "nemen": "op", "vullen": "in", "sturen": "op terug door toe", "bellen": "terug op",
	"geven": "door", "lossen": "af", "storten": "terug", "betalen": "terug bij af",
}

// nlParticles are the separable particles that end an imperative clause
// ("Maak het bedrag over").
var nlParticles = map[string]bool{
	"over": true, "terug": true, "op": true, "in": true, "door": true, "aan": true, "af": true, "mee": true,
	"uit": true, "na": true, "bij": true, "toe": true, "langs": true,
}

// knowVerbs after "you must" introduce a fact, not an action: "you need to
// understand that …" becomes "it's worth knowing that …".
var knowVerbs = map[string]bool{
	"begrijpen": true, "weten": true, "beseffen": true, "snappen": true, "realiseren": true,
	"understand": true, "know": true, "realise": true, "realize": true, "remember": true, "appreciate": true,
}

// nlParticiple maps a Dutch participle used in the passive to the infinitive
// ("we"-form) and separable particle of its verb.
var nlParticiple = map[string][2]string{
	"overgedragen": {"dragen", "over"}, "verhoogd": {"verhogen", ""}, "afgeschreven": {"schrijven", "af"},
	"verstuurd": {"versturen", ""}, "gestuurd": {"sturen", ""}, "opgestuurd": {"sturen", "op"},
	"doorgestuurd": {"sturen", "door"}, "gelegd": {"leggen", ""}, "berekend": {"berekenen", ""},
	"ingeschakeld": {"schakelen", "in"}, "opgeschort": {"schorten", "op"}, "gebeld": {"bellen", ""},
	"ingehouden": {"houden", "in"}, "toegevoegd": {"voegen", "toe"}, "geïncasseerd": {"schrijven", "af"},
	"verwerkt": {"verwerken", ""}, "gestart": {"starten", ""}, "beëindigd": {"beëindigen", ""},
	"verrekend": {"verrekenen", ""}, "gebracht": {"brengen", ""}, "opgelegd": {"leggen", "op"},
	"overgemaakt": {"maken", "over"}, "ontvangen": {"ontvangen", ""}, "gecontroleerd": {"controleren", ""},
	"aangepast": {"passen", "aan"}, "geblokkeerd": {"blokkeren", ""}, "afgesloten": {"sluiten", "af"},
	"doorgegeven": {"geven", "door"}, "gemeld": {"melden", ""}, "geregistreerd": {"registreren", ""},
	"uitbesteed": {"besteden", "uit"}, "gevorderd": {"vorderen", ""}, "opgeëist": {"eisen", "op"},
	"betaald": {"betalen", ""}, "voldaan": {"voldoen", ""}, "gerekend": {"rekenen", ""},
	"verzonden": {"verzenden", ""}, "gecontacteerd": {"contacteren", ""}, "behandeld": {"behandelen", ""},
	"goedgekeurd": {"keuren", "goed"}, "afgewezen": {"wijzen", "af"}, "geboekt": {"boeken", ""},
	"gewijzigd": {"wijzigen", ""}, "genoteerd": {"noteren", ""}, "verlengd": {"verlengen", ""},
	// Verbs of letters and decisions (the guides' own passives).
	"beoordeeld": {"beoordelen", ""}, "gepubliceerd": {"publiceren", ""}, "bekeken": {"bekijken", ""},
	"onderzocht": {"onderzoeken", ""}, "besloten": {"besluiten", ""}, "vastgesteld": {"stellen", "vast"},
	"toegekend": {"kennen", "toe"}, "ingetrokken": {"trekken", "in"}, "teruggevorderd": {"vorderen", "terug"},
	"uitbetaald": {"betalen", "uit"}, "gecorrigeerd": {"corrigeren", ""}, "verstrekt": {"verstrekken", ""},
	"opgevraagd": {"vragen", "op"}, "gevraagd": {"vragen", ""}, "gecontroleerd ": {"controleren", ""},
	"geannuleerd": {"annuleren", ""}, "stopgezet": {"zetten", "stop"}, "bevestigd": {"bevestigen", ""},
}

// nlNotParticiple are words that look like participles (ge…d, ge…en) but are
// not.
var nlNotParticiple = map[string]bool{
	"geven": true, "gebeuren": true, "gebruiken": true, "geloven": true, "genieten": true, "gelden": true,
	"gewoon": true, "geen": true, "genoeg": true, "geleden": true, "gezien": false, "geld": true, "gezond": true,
	"gesprek": true, "gevolgen": true, "gegevens": true, "gemeenten": true, "gebied": true,
}

// nlUnaccusative participles form the perfect with "zijn" and are no passive:
// "het is gelukt".
var nlUnaccusative = map[string]bool{
	"gebeurd": true, "gelukt": true, "gekomen": true, "gegaan": true, "geweest": true, "gebleven": true,
	"geworden": true, "gestegen": true, "gedaald": true, "veranderd": true, "verhuisd": true, "ontstaan": true,
	"vergeten": true, "verlopen": true, "begonnen": true, "gestopt": true, "overleden": true, "gestorven": true,
	"geslaagd": true, "mislukt": true, "gebleken": true, "vertrokken": true, "verdwenen": true, "gevallen": true,
}

// enParticiple maps an English participle used in the passive to its base
// form and simple past.
var enParticiple = map[string][2]string{
	// Verbs of notices and decisions (the guides' own passives).
	"published": {"publish", "published"}, "introduced": {"introduce", "introduced"}, "developed": {"develop", "developed"},
	"granted": {"grant", "granted"}, "updated": {"update", "updated"},
	"calculated": {"calculate", "calculated"}, "presented": {"present", "presented"}, "prepared": {"prepare", "prepared"},
	"passed": {"pass", "passed"}, "issued": {"issue", "issued"}, "added": {"add", "added"},
	"charged": {"charge", "charged"}, "sent": {"send", "sent"}, "referred": {"refer", "referred"},
	"taken": {"take", "took"}, "suspended": {"suspend", "suspended"}, "reported": {"report", "reported"},
	"transferred": {"transfer", "transferred"}, "cancelled": {"cancel", "cancelled"}, "closed": {"close", "closed"},
	"collected": {"collect", "collected"}, "deducted": {"deduct", "deducted"}, "frozen": {"freeze", "froze"},
	"received": {"receive", "received"}, "processed": {"process", "processed"}, "debited": {"debit", "debited"},
	"contacted": {"contact", "contacted"}, "sold": {"sell", "sold"}, "increased": {"increase", "increased"},
	"reviewed": {"review", "reviewed"}, "approved": {"approve", "approved"}, "made": {"make", "made"},
	"given": {"give", "gave"}, "told": {"tell", "told"}, "notified": {"notify", "notified"},
	"informed": {"inform", "informed"}, "instructed": {"instruct", "instructed"}, "applied": {"apply", "applied"},
	"posted": {"post", "posted"}, "emailed": {"email", "emailed"}, "called": {"call", "called"},
	"written": {"write", "wrote"}, "recorded": {"record", "recorded"}, "registered": {"register", "registered"},
	"filed": {"file", "filed"}, "escalated": {"escalate", "escalated"}, "enforced": {"enforce", "enforced"},
	"removed": {"remove", "removed"}, "placed": {"place", "placed"}, "cleared": {"clear", "cleared"},
	"paid": {"pay", "paid"}, "settled": {"settle", "settled"}, "handed": {"hand", "handed"},
	"started": {"start", "started"}, "raised": {"raise", "raised"}, "returned": {"return", "returned"},
	"checked": {"check", "checked"}, "billed": {"bill", "billed"}, "blocked": {"block", "blocked"},
	"adjusted": {"adjust", "adjusted"}, "logged": {"log", "logged"},
}

// enNotPassive are -ed words that follow "is" or "are" as adjectives.
var enNotPassive = map[string]bool{
	"supposed": true, "used": true, "interested": true, "worried": true, "concerned": true, "tired": true,
	"married": true, "based": true, "scared": true, "located": true, "pleased": true, "involved": true,
	"allowed": true, "required": true, "expected": true, "entitled": true, "prepared": true,
	"overdue": true, "committed": true, "determined": true, "excited": true, "surprised": true, "confused": true,
	"stressed": true, "limited": true, "qualified": true, "registered": false, "divorced": true, "separated": true,
	"unemployed": true, "employed": true, "retired": true, "disabled": true, "worked": true, "bored": true,
}

var nlObject = map[string]string{"ik": "mij", "hij": "hem", "zij": "haar", "wij": "ons", "we": "ons"}
var enObject = map[string]string{"i": "me", "he": "him", "she": "her", "we": "us", "they": "them"}
