package phrasing

import (
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// Some forms of the lexicon are ordinary words in another sense: "daar" is
// "omdat" only as a connective ("Daar u niet betaalde"), not as "there";
// "bedragen" is officialese as a verb ("de kosten bedragen"), not as the
// plural of "bedrag"; "just" belittles before an order ("just pay online"),
// not in "just now". An entry's tag names the test for its flagged sense;
// the tests look at the words around the form and nothing else, so they
// err towards leaving a word alone.

var (
	determiners = wordSet([]string{
		"de", "het", "een", "uw", "onze", "ons", "deze", "dit", "die", "dat", "alle", "elke", "iedere", "geen", "mijn",
		"the", "a", "an", "your", "our", "this", "that", "these", "those", "my", "any", "every", "no", "their", "its",
	})
	prepositions = wordSet([]string{
		"in", "op", "met", "van", "voor", "naar", "bij", "uit", "over", "aan", "door", "om", "tot", "zonder", "tegen",
		"of", "to", "for", "with", "by", "from", "at", "on", "about", "into",
	})
	subjects = wordSet([]string{
		"u", "wij", "we", "ik", "hij", "zij", "ze", "het", "de", "dit", "dat", "er", "men", "jij", "je", "uw", "deze", "een",
	})
	compoundHeads = wordSet([]string{"arrangement", "plan", "date", "card", "method", "schedule", "holiday", "agreement", "option", "regeling"})
	coordinators  = wordSet([]string{"but", "and", "so", "then", "maar", "en", "dus", "want", "dan"})
	// verbSignals stand before an English verb: a subject, a modal, "to".
	verbSignals = wordSet([]string{
		"to", "we", "you", "i", "they", "he", "she", "will", "would", "can", "could", "may", "might", "must", "should",
		"shall", "please", "not", "cannot", "we'll", "you'll", "i'll", "they'll", "we'd", "i'd", "don't", "didn't",
		"won't", "can't", "also", "then", "and", "or", "never", "always", "let's", "us",
	})
	// recently: "just" after these means "a moment ago", not "only".
	notSoftener = wordSet([]string{
		"i", "we", "i've", "we've", "i'm", "we're", "have", "has", "had",
		"ik", "wij", "heb", "hebben", "dat",
	})
	// notNounStart are words after a determiner that show it stands alone
	// ("in deze niets", "in deze is"): verbs, negations, adverbs.
	notNounStart = wordSet([]string{
		"niets", "niet", "geen", "is", "zijn", "was", "kan", "kunnen", "moet", "moeten", "wil", "willen", "heeft", "hebben",
		"zal", "zullen", "mag", "mogen", "ook", "al", "nog", "dus", "dan", "en", "of", "maar", "wel", "toch", "graag",
		"nothing", "not", "is", "are", "was", "can", "will", "also", "and", "or", "but",
	})
	// motionWords after "drive" show the literal sense: GOV.UK allows
	// driving vehicles ("before you drive away"), not schemes or people.
	motionWords = wordSet([]string{
		"away", "off", "home", "back", "there", "here", "to", "over", "around", "past", "by", "carefully", "safely",
		"slowly", "car", "van", "vehicle", "lorry", "truck",
	})
	// concreteDelivered are what GOV.UK says is delivered: "pizzas, post
	// and services are delivered — not abstract concepts".
	concreteDelivered = wordSet([]string{
		"post", "mail", "letter", "letters", "parcel", "parcels", "package", "packages", "goods", "pizza", "pizzas",
		"service", "services", "order", "orders", "card", "cards", "papers", "documents", "furniture", "food", "meals",
	})
	// enFinite are English finite verbs that can follow a subject
	// relative ("people who are", "a fee that applies" is not told
	// apart from "a fee that you owe" without them).
	enFinite = wordSet([]string{
		"is", "are", "was", "were", "has", "have", "had", "can", "could", "will", "would", "may", "might", "must",
		"should", "does", "do", "did", "need", "needs", "want", "wants", "owe", "owes", "live", "lives", "work", "works",
	})
	// enPronouns open a clause of their own: after "that" they make it a
	// complement or an object relative ("a chance that you …", "nothing
	// that we can do"), which no omission repairs.
	enPronouns = wordSet([]string{
		"i", "you", "we", "they", "he", "she", "it", "this", "there", "i'm", "you're", "we're", "they're", "it's",
		"we'll", "you'll", "i'll", "we've", "you've", "i've", "the", "a", "an", "your", "our", "my", "their", "his", "her",
	})
	// enPrepositions are the English words of prepositions, which also
	// holds Dutch ones ("door" is "by" there, and a door here).
	enPrepositions = wordSet([]string{"of", "to", "for", "with", "by", "from", "at", "on", "about", "into", "in"})
	// ingNouns end in -ing but are nouns, not the participle of a "there
	// is … leading" construction.
	ingNouns = wordSet([]string{
		"nothing", "something", "anything", "everything", "thing", "things", "morning", "evening", "meeting",
		"building", "funding", "housing", "earnings", "savings", "spring", "string", "ring", "king", "during",
		"ceiling", "wedding", "feeling", "outstanding", "pending", "remaining", "missing", "interesting",
	})
	// suchAdjectives follow an everyday "such" ("such short notice"),
	// not the legal pointer of plainlanguage.gov's table ("such laws").
	suchAdjectives = wordSet([]string{
		"short", "good", "bad", "great", "high", "low", "long", "small", "large", "big", "difficult", "hard", "kind",
		"nice", "late", "little", "lovely", "terrible", "awful", "tough", "strong",
	})
	moneyWords = wordSet([]string{
		"geld", "financiële", "onvoldoende", "voldoende", "inkomen", "budget", "betalen", "euro", "eigen",
		"balance", "amount", "debt", "payment", "payments", "invoice", "bill", "bills", "loan", "sum", "owed", "is", "of",
	})
)

// senseOK reports whether the form f, found at spans in toks, is used in the
// sense its entry flags.
func senseOK(lang assistant.Language, toks []token, clauseStart func(int) bool, f *termForm, spans [][2]int) bool {
	from, to := spans[0][0], spans[len(spans)-1][1]
	prev, next := "", ""
	if from > 0 {
		prev = toks[from-1].lower
	}
	if to < len(toks) {
		next = toks[to].lower
	}
	if len(spans) > 1 && next == "te" {
		// "u dient het formulier in te vullen" holds "dient … in" only in
		// appearance: the particle belongs to the verb after it.
		return false
	}
	if compoundHeads[next] && (strings.HasSuffix(f.text, "payment") || strings.HasSuffix(f.text, "betaling")) {
		// "make a payment arrangement" is no hidden "pay".
		return false
	}
	switch f.e.sense {
	case "":
		return true
	case "alone": // "in deze" is "in this matter" only alone ("wij kunnen in deze niets doen"), not before its noun ("in deze eerste ronde")
		return next == "" || clauseStart(to) || notNounStart[next] || prepositions[next] || strings.HasPrefix(next, "hier") || strings.HasPrefix(next, "daar")
	case "end": // a dismissive "dan weet u het", "that's it then" ends its clause; "dan weet u het meteen", "dat was het dan voor vandaag" do not
		return next == "" || clauseStart(to)
	case "step": // "verdere stappen", "further action" as what we take, not the steps of a plan ("the further steps of the plan")
		return next != "of" && next != "van"
	case "start":
		return clauseStart(from) || coordinators[prev]
	case "connective": // "daar u niet betaalde"
		return clauseStart(from) && subjects[next]
	case "relative": // "de rekening welke", not "welke rekening?" or "in welke"
		return from > 0 && !prepositions[prev] && !clauseStart(from)
	case "relprep": // "de brief op welke u reageerde", not "in welke maand?" or "ik weet niet in welke map"
		return from > 0 && !prepositions[prev] && !clauseStart(from) && (subjects[next] || determiners[next]) && next != "een"
	case "verb":
		if lang == assistant.Dutch { // "de kosten bedragen", not "de bedragen"
			return !determiners[prev] && !isNumberWord(prev)
		}
		// A gerund after a preposition is the verb too: "for requesting
		// copies".
		return clauseStart(from) || verbSignals[prev] || strings.HasSuffix(prev, "n't") ||
			(strings.HasSuffix(f.text, "ing") && prepositions[prev])
	case "opener": // "Except when …, we will": only where the sentence starts (plainlanguage.gov: main idea first)
		return from == 0
	case "offer": // "shall" is a duty or a promise; "Shall I call you back?" is an offer, and plain
		return next != "i" && next != "we"
	case "expletive":
		return expletiveSense(toks, clauseStart, spans)
	case "pointer": // the legal "such": "any such payment", "of such laws"; not "such as", "such a", "no such", "such short notice"
		return (prepositions[prev] || prev == "any" || prev == "all" || prev == "each" || prev == "every") &&
			next != "" && next != "a" && next != "an" && next != "as" && next != "that" && !suchAdjectives[next] &&
			!clauseStart(to)
	case "figurative": // "drive down costs", not "before you drive away"
		if !senseOK(lang, toks, clauseStart, &termForm{e: &lexEntry{sense: "verb"}}, spans) {
			return false
		}
		return !motionWords[next]
	case "abstract": // "deliver a solution", not "deliver quality services"
		if !senseOK(lang, toks, clauseStart, &termForm{e: &lexEntry{sense: "verb"}}, spans) {
			return false
		}
		for k := to; k < len(toks) && k < to+4 && !clauseStart(k); k++ {
			if concreteDelivered[toks[k].lower] {
				return false
			}
		}
		return true
	case "noun": // "de lasten", "uw vaste lasten"
		return determiners[prev] || isNumberWord(prev) || (lang == assistant.Dutch && strings.HasSuffix(prev, "e"))
	case "adjective": // "the key thing", not "the key is"
		return determiners[prev] && next != "" && next != "is" && next != "was" && next != "to" && next != "in" && next != "of"
	case "preposition": // "betreffende uw rekening", not "de betreffende rekening"
		return !determiners[prev]
	case "softener":
		if notSoftener[prev] || next == "" {
			return false
		}
		if f.text == "just" && (isNumberWord(next) || next == "now" || next == "a" || next == "the" || next == "one") {
			return false // "just £5", "just now"
		}
		return true
	case "pay": // "voldoen" (pay), never "voldoen aan" (comply)
		if next == "aan" {
			return false
		}
		for k := from - 1; k >= 0 && !clauseStart(k+1); k-- {
			if toks[k].lower == "aan" {
				return false
			}
		}
		return true
	case "small": // "it's only money", "het is maar een herinnering"; not a sincere "it's only been a week"
		return !timeSpan(toks, to, clauseStart)
	case "amount": // "the sum of £300", not "the sum of your payments"
		return isNumberWord(next)
	case "money":
		if prev == "by" {
			return false // "by default"
		}
		for k := max(0, from-3); k < min(len(toks), to+3); k++ {
			if k >= from && k < to {
				continue
			}
			if moneyWords[toks[k].lower] || isNumberWord(toks[k].lower) {
				return true
			}
		}
		return false
	}
	return true
}

func isNumberWord(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }

var (
	// quantityWords count what follows them: "a week", "two days", "een
	// paar maanden"; fewWords may follow one ("a few", "a couple of").
	quantityWords = wordSet([]string{
		"a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"een", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
	})
	fewWords  = wordSet([]string{"few", "couple", "of", "paar"})
	timeUnits = wordSet([]string{
		"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "fortnight",
		"month", "months", "year", "years",
		"seconde", "seconden", "minuut", "minuten", "kwartier", "uur", "uren", "dag", "dagen", "week", "weken",
		"maand", "maanden", "jaar", "jaren",
	})
)

// timeSpan reports whether the words from k on say how long ago or how
// long until ("been a week", "two days until payday", "een week geleden"):
// "it's only" before them is a sincere statement of time, not belittling.
func timeSpan(toks []token, k int, clauseStart func(int) bool) bool {
	if k < len(toks) && (toks[k].lower == "been" || toks[k].lower == "had") {
		return true
	}
	// "£40 a month" is a sum, not a span: one count, then "few" or "of".
	if k < len(toks) && !clauseStart(k) && (quantityWords[toks[k].lower] || isNumberWord(toks[k].lower)) {
		k++
	}
	for n := 0; k < len(toks) && n < 2 && !clauseStart(k) && fewWords[toks[k].lower]; n++ {
		k++
	}
	return k < len(toks) && timeUnits[toks[k].lower]
}

// expletiveSense reports whether "there is/are" (spans[0]) opens the
// wordy construction plainlanguage.gov's table leaves out: a noun phrase
// followed by a subject relative or a participle ("There are many people
// who want …", "There is a door leading out …"). For a gapped form
// ("there is … who") spans[1] is the relative, which must follow the noun
// phrase directly and be followed by a finite verb, so that leaving out
// both parts leaves a sentence ("Many people want …"). Alone, the form
// is flagged when such a relative or participle follows within six words
// of its clause.
func expletiveSense(toks []token, clauseStart func(int) bool, spans [][2]int) bool {
	start := spans[0][1]
	if clauseStart(spans[0][0] + 1) {
		return false // "there, is everything …": two clauses
	}
	if len(spans) > 1 {
		rel := spans[1][0]
		if rel-start < 1 || rel-start > 5 {
			return false
		}
		for k := start; k < rel; k++ {
			w := toks[k].lower
			if clauseStart(k) || (k > start && (enPronouns[w] || enFinite[w] || verbSignals[w])) {
				return false
			}
		}
		if rel+1 >= len(toks) || clauseStart(rel+1) {
			return false
		}
		next := toks[rel+1].lower
		return enFinite[next] || (!enPronouns[next] && (strings.HasSuffix(next, "ed") || strings.HasSuffix(next, "s")) && !strings.HasSuffix(next, "ss"))
	}
	for k := start + 1; k < len(toks) && k <= start+6 && !clauseStart(k); k++ {
		w := toks[k].lower
		switch {
		case w == "who" || w == "that" || w == "which":
			return k+1 < len(toks) && !enPronouns[toks[k+1].lower] && !clauseStart(k+1)
		case strings.HasSuffix(w, "ing") && len(w) > 5 && !ingNouns[w] && !determiners[toks[k-1].lower] && !enPrepositions[toks[k-1].lower]:
			return true
		}
	}
	return false
}
