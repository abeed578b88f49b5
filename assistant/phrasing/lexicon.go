package phrasing

import (
	"fmt"
	"slices"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/vulnerability"
	"github.com/rooscoach/rooscoach/prompts"
)

// The word tables of each language live in lexicon_nl.go and lexicon_en.go,
// apart from the detectors that read them, so that a language grows by
// adding words, not code. What is listed there only decides what is found:
// the wording the engine offers instead lives in prompts/templates, where
// trainers can change it. The plain-language terms (jargon, officialese,
// policy talk, stock phrases, blame, belittling words) come with a source,
// a plain wording and a rewrite per form each, so they are data:
// lexicon/nl.tsv and lexicon/en.tsv, read by lexdata.go.

// words is what the detectors look for in one language. Phrases are lower
// case and matched word by word (see tokenize).
type words struct {
	// commands open a command that a sentence rewrite turns into a
	// question. The key says how the rest of the clause is read: "modal" ("u
	// moet … betalen": the rest ends in an infinitive), "dient" ("u dient …
	// te betalen"), "to" (English: the rest starts with a bare infinitive),
	// "imperative" (the verb itself, at the start of a sentence or clause).
	commands []phraseGroup
	// threats name a consequence held over the customer; the key names the
	// consequence, which the threat rewrite words as something to avoid
	// together. A consequence counts as a threat only with a condition or
	// an announcement in the same sentence (threatMarkers).
	threats []phraseGroup
	// threatMarkers make a consequence a threat: a condition ("anders", "if
	// you don't") or an announcement of what we will do.
	threatMarkers []string
	// threatOpeners are markers only where a clause starts: "Dan hoort u van
	// de deurwaarder", "Then it goes to court" (not "meer dan", "more than
	// then").
	threatOpeners []string
	// threatAsked keeps a threat in a question: "of wilt u soms de
	// deurwaarder aan de deur?". Other questions ask about a consequence
	// ("Bent u bang dat de deurwaarder komt?") rather than hold it over the
	// customer.
	threatAsked []string
	// threatOwn keeps a threat in an answer to the customer's question
	// about what happens (consequenceAsked): we announce our own step ("dan
	// zien wij ons genoodzaakt"), or menace ("dan hoort u van de
	// deurwaarder"). Without them the answer is the information asked for.
	threatOwn, consequenceAsked []string
	// threatNeutral words before a consequence in its clause name it as
	// something to prevent together or to explain: "samen voorkomen dat",
	// "I'll explain what a bailiff does".
	threatNeutral []string
	// threatMaybe words say a step may follow rather than that it will:
	// "Dan kan het CJIB verdere stappen nemen" names a vague step as what
	// is possible, not as what we will do.
	threatMaybe []string
	// ultimatums put a deadline or a last chance over the customer;
	// ultimatumLinks tie a deadline to a consequence ("vandaag nog, anders").
	ultimatums, ultimatumLinks []string
	// lastChance words make an ultimatum phrase one on its own, without a
	// deadline or a consequence beside it.
	lastChance []string
	// orConsequence words after "or" announce what happens otherwise: "by
	// Friday or we'll …", unlike "on Friday or Monday".
	orConsequence []string
	// emotion in a customer turn calls for an acknowledgement before
	// anything else, like the distress cues of package vulnerability (which
	// these words do not repeat: they are feelings, not circumstances).
	emotion []string
	// ack shows that the agent already acknowledges what the customer said:
	// condolences, "ik hoor dat", a summary. Such a turn needs no distress
	// tip and no acknowledgement put in front of it.
	ack []string
	// followUp shows that the agent follows an acknowledgement with an
	// action or an offer, which keeps a stock phrase from sounding empty.
	followUp []string
	// empathy parts of a stock phrase show it tries to empathise (and can
	// give way to a personal acknowledgement) rather than refuse.
	empathy []string
	// opposed marks a customer turn as opposed when no stance was given.
	opposed []string
	// otherPerson and hedge, before a hardship cue in the customer's
	// sentence (or in the cue itself), keep the acknowledgement from naming
	// it as the customer's own fact: it happened to someone else ("mijn man
	// is ontslagen", "he lost his job") or is a fear or a chance ("I might be
	// made redundant"). The acknowledgement is then a neutral one.
	otherPerson, hedge []string
	// payment are words of paying and of the debt itself. A question with
	// one, right after the customer named a hardship or a feeling, presses
	// for payment ("When can you pay the £150?"); in a crisis no word of
	// them belongs in the agent's turn at all.
	payment []string
	// relief are words of pausing or easing payment: a question with one
	// offers help ("Shall we put the payments on hold?") rather than presses.
	relief []string

	// Single words that steer a detector; see the union sets below.
	conditional        []string // before "you need to": a condition or a thought, not an order
	relative           []string // open a relative clause, whose modal describes and orders nothing ("the date by which you must pay")
	conditionalOpeners []string // open a sentence whose imperative is an offer ("If anything changes, call us")
	contactVerbs       []string // an imperative to get in touch, which after a condition is an offer
	stateVerbs         []string // end a guess, not an order: "U moet wel geschrokken zijn"
	dropConj           []string // before a command, dropped from its rewrite
	pressure           []string // at the start of a command's clause, carry the pressure the rewrite takes away
	pay                []string // make a command about paying
	filler             []string // may stand beside a date in "Kunt u vandaag nog betalen?"

	// closedQuestions are the closed questions the engine can open up.
	closedQuestions []closedRule
	// sentenceCuts are where a long sentence may be split, best first.
	sentenceCuts []sentenceCut
	// and joins the amounts or dates a rewrite repeats.
	and string

	// The three things a good end of a call holds.
	closingNextStep, closingSummary, closingWarm []string
	// farewell says goodbye, warm or not: a turn whose last sentence is
	// only a goodbye ("Dag.", "OK, bye then.") is ending the call.
	farewell []string
	// closingPromise are promises to act or call back, a next step only
	// with one of closingWhen in the same sentence: "I'll call you back
	// tomorrow before noon" is one, "I'll call you sometime" is not.
	closingPromise, closingWhen []string
	// closingAction are actions the agent takes on the record ("ik zet het
	// in het systeem", "I'll note that"), a next step like a promise only
	// with a when, or with the customer's part in the same sentence: an
	// amount, a date, or one of closingCustomerPart ("u betaalt").
	closingAction, closingCustomerPart []string
}

// phraseGroup is a group of phrases that mean the same to a detector.
type phraseGroup struct {
	key     string
	phrases []string
}

// Agents mix their languages ("ok" opens many a Dutch sentence), so these
// sets hold the words of both and are looked up whatever the language of the
// turn.
var (
	conditional        = wordSet(wordsNL.conditional, wordsEN.conditional)
	relativeWords      = wordSet(wordsNL.relative, wordsEN.relative)
	conditionalOpeners = wordSet(wordsNL.conditionalOpeners, wordsEN.conditionalOpeners)
	contactVerbs       = wordSet(wordsNL.contactVerbs, wordsEN.contactVerbs)
	dropConj           = wordSet(wordsNL.dropConj, wordsEN.dropConj)
	pressureWords      = wordSet(wordsNL.pressure, wordsEN.pressure)
	payWords           = wordSet(wordsNL.pay, wordsEN.pay)
	fillerWords        = wordSet(wordsNL.filler, wordsEN.filler)
	empathyParts       = slices.Concat(wordsNL.empathy, wordsEN.empathy)
	lastChanceParts    = slices.Concat(wordsNL.lastChance, wordsEN.lastChance)
	otherPersonWords   = wordSet(wordsNL.otherPerson, wordsEN.otherPerson)
	hedgeWords         = wordSet(wordsNL.hedge, wordsEN.hedge)
	paymentWords       = wordSet(wordsNL.payment, wordsEN.payment)
	reliefWords        = wordSet(wordsNL.relief, wordsEN.relief)
)

func wordSet(lists ...[]string) map[string]bool {
	set := map[string]bool{}
	for _, l := range lists {
		for _, w := range l {
			set[w] = true
		}
	}
	return set
}

// wordsOf returns the word tables of lang, or nil.
func wordsOf(lang assistant.Language) *words {
	switch lang {
	case assistant.Dutch:
		return wordsNL
	case assistant.English:
		return wordsEN
	}
	return nil
}

// lexicon is everything the phrase detectors know about one language, built
// once by New.
type lexicon struct {
	lang  assistant.Language
	words *words
	// terms holds the plain-language lexicon (lexicon/*.tsv).
	terms                       *termIndex
	commands, threats, markers  *trie
	openers, threatAsked        *trie
	threatOwn, consequenceAsked *trie
	threatNeutral, threatMaybe  *trie
	ultimatums, links, followUp *trie
	opposed, emotion, ack       *trie
	orConsequence, stateVerbs   map[string]bool
	// reasons and tips that take no data are rendered once here.
	reasons                 map[assistant.FindingKind]string
	tips                    map[string]string
	consequence             map[string]string
	acks                    map[vulnerability.Topic]string
	question, questionEvent string
	// For a reply to a feeling or a question (answer.go).
	emotionAck, questionAck, questionAsk string
	// crisisReply answers a customer who mentions self-harm or suicide.
	crisisReply string
	// advice says what to change where the guard (repair.go) finds no
	// safe repair: "order", "sarcasm", "hollow".
	advice map[string]string
	// closing is what a good end of a call holds (closing.go), for the
	// closing check and for the tip of a turn that says goodbye.
	closing *closingLexicon
	// farewell is a goodbye ("dag", "bye").
	farewell *trie
}

// ackTopics are the vulnerability topics an acknowledgement can name; the
// cues themselves live in package vulnerability.
var ackTopics = []vulnerability.Topic{
	vulnerability.TopicJob, vulnerability.TopicIllness, vulnerability.TopicDeath, vulnerability.TopicDivorce,
	vulnerability.TopicMoney, vulnerability.TopicCope, vulnerability.TopicCare, vulnerability.TopicUnderstanding,
	vulnerability.TopicCrisis, topicHours, topicOther,
}

// Acknowledgements that say no more than the customer did (fitTopic): fewer
// hours are no lost job, and someone else's hardship, or a feared one, is
// not the customer's own.
const (
	topicHours vulnerability.Topic = "hours"
	topicOther vulnerability.Topic = "other"
)

// tipNames are the tips that take no data.
var tipNames = []string{
	"distress", "distress.pressure", "crisis", "deescalate", "deescalate.pressure", "stance.above-opposed",
	"stance.below-opposed", "ok", "threat", "ultimatum", "blame", "command", "policy-talk", "closed-question",
	"passive-voice", "long-sentence", "ok.short", "belittling", "distress.acked", "sarcasm", "dismissive",
}

// newLexicon builds the lexicon of lang. It panics when a template it needs
// is missing or a term line is malformed: New runs at start-up, so the
// binary and every test fail before any call is analysed.
func newLexicon(lang assistant.Language) *lexicon {
	w := wordsOf(lang)
	if w == nil {
		panic(fmt.Sprintf("phrasing: no word tables for language %q", lang))
	}
	l := &lexicon{
		lang:             lang,
		words:            w,
		commands:         keyed(w.commands),
		threats:          keyed(w.threats),
		markers:          plain(w.threatMarkers),
		openers:          plain(w.threatOpeners),
		threatAsked:      plain(w.threatAsked),
		threatOwn:        plain(w.threatOwn),
		threatNeutral:    plain(w.threatNeutral),
		threatMaybe:      plain(w.threatMaybe),
		closing:          newClosingLexicon(lang, w),
		farewell:         plain(w.farewell),
		consequenceAsked: plain(w.consequenceAsked),
		ultimatums:       plain(w.ultimatums),
		links:            plain(w.ultimatumLinks),
		emotion:          plain(w.emotion),
		ack:              plain(w.ack),
		followUp:         plain(w.followUp),
		opposed:          plain(w.opposed),
		orConsequence:    wordSet(w.orConsequence),
		stateVerbs:       wordSet(w.stateVerbs),
		reasons:          map[assistant.FindingKind]string{},
		tips:             map[string]string{},
		consequence:      map[string]string{},
		acks:             map[vulnerability.Topic]string{"": prompts.MustRender(lang, "rewrite.stock.ack", "")},
		question:         prompts.MustRender(lang, "rewrite.stock.question", false),
		questionEvent:    prompts.MustRender(lang, "rewrite.stock.question", true),
		emotionAck:       prompts.MustRender(lang, "rewrite.answer.emotion", nil),
		questionAck:      prompts.MustRender(lang, "rewrite.answer.question", nil),
		questionAsk:      prompts.MustRender(lang, "rewrite.answer.ask", nil),
		crisisReply:      prompts.MustRender(lang, "rewrite.crisis", nil),
		advice: map[string]string{
			"order":   prompts.MustRender(lang, "advice.order", nil),
			"sarcasm": prompts.MustRender(lang, "advice.sarcasm", nil),
			"hollow":  prompts.MustRender(lang, "advice.hollow", nil),
		},
	}
	entries, err := loadLexicon(lang)
	if err != nil {
		panic(err)
	}
	l.terms = newTermIndex(termForms(entries))
	for _, k := range allKinds {
		// These reasons quote the sentence and are rendered per finding.
		switch k {
		case assistant.FindingJargon, assistant.FindingOfficialese, assistant.FindingBelittling,
			assistant.FindingLongSentence, assistant.FindingStockPhrase:
			continue
		}
		l.reasons[k] = prompts.MustRender(lang, "reason."+string(k), nil)
	}
	for _, name := range tipNames {
		l.tips[name] = prompts.MustRender(lang, "tip."+name, nil)
	}
	for key := range consequenceTags {
		l.consequence[key] = prompts.MustRender(lang, "rewrite.consequence", key)
	}
	for _, topic := range ackTopics {
		l.acks[topic] = prompts.MustRender(lang, "rewrite.stock.ack", string(topic))
	}
	return l
}

// plain builds a trie of phrases.
func plain(phrases []string) *trie {
	t := &trie{}
	for _, p := range phrases {
		t.add(&entry{phrase: p})
	}
	return t
}

// keyed builds a trie of phrases that carry their group's key. An
// imperative counts only where a sentence or clause starts: "pay" inside
// "the pay date" orders nothing.
func keyed(groups []phraseGroup) *trie {
	t := &trie{}
	for _, g := range groups {
		for _, p := range g.phrases {
			t.add(&entry{phrase: p, key: g.key, startOnly: g.key == "imperative"})
		}
	}
	return t
}
