package phrasing

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rooscoach/rooscoach/assistant"
)

// The passive hides who acts: "er wordt beslag gelegd", "your account will
// be passed to". The rewrite names the company as the actor ("we"), clause by
// clause, and only where the clause is a simple main clause; elsewhere the
// finding comes without a rewrite.

var (
	nlAuxPresent   = map[string]bool{"wordt": true, "worden": true}
	nlAuxPast      = map[string]bool{"werd": true, "werden": true}
	nlAuxPerfect   = map[string]bool{"is": true, "zijn": true, "was": true, "waren": true}
	nlSubjectStart = map[string]bool{
		"de": true, "het": true, "een": true, "uw": true, "deze": true, "dit": true, "onze": true, "ons": true,
		"u": true, "zij": true, "hij": true, "ze": true, "alle": true, "mijn": true, "elke": true, "iedere": true,
	}
	nlCustomerActs = map[string]bool{"betaald": true, "voldaan": true, "overgemaakt": true, "afgelost": true, "getekend": true, "ondertekend": true}
	enBe           = map[string]bool{"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true}
	enAdverbs      = map[string]bool{
		"also": true, "automatically": true, "then": true, "now": true, "already": true, "usually": true,
		"normally": true, "immediately": true, "probably": true, "still": true, "just": true, "only": true, "always": true,
	}
	enSubjectStart = map[string]bool{
		"the": true, "a": true, "an": true, "your": true, "this": true, "that": true, "these": true, "those": true,
		"our": true, "it": true, "you": true, "they": true, "he": true, "she": true, "any": true, "all": true,
		"interest": true, "charges": true, "fees": true, "payment": true, "payments": true, "letters": true,
	}
	subordinators = map[string]bool{
		"until": true, "when": true, "once": true, "after": true, "before": true, "if": true, "while": true,
		"because": true, "unless": true, "whether": true, "since": true, "that": true, "which": true, "who": true,
		"tot": true, "totdat": true, "als": true, "wanneer": true, "zodra": true, "nadat": true, "voordat": true,
		"omdat": true, "terwijl": true, "indien": true, "dat": true, "die": true, "zodat": true, "waardoor": true,
		"why": true, "how": true, "where": true, "what": true, "whose": true, "whom": true, "wherein": true,
		"waarom": true, "hoe": true, "waar": true, "wat": true,
	}
	// customerActs are payments: the customer, not the company, does them.
	customerActs = map[string]bool{"paid": true, "cleared": true, "settled": true, "repaid": true, "returned": true, "signed": true}
	enModal      = map[string]bool{"should": true, "can": true, "could": true, "may": true, "might": true, "would": true}
)

// nlModals stand before a passive's auxiliary: "zal worden beoordeeld".
var nlModals = wordSet([]string{"zal", "zullen", "kan", "kunnen", "moet", "moeten", "mag", "mogen", "wil", "willen", "zou", "zouden"})

// passiveSubjects are pronouns that open a clause of their own after "and".
var passiveSubjects = wordSet([]string{"we", "i", "you", "they", "it", "this", "wij", "ik", "u", "zij", "ze", "dat", "dit", "het"})

func (st *turnState) passive(s span, toks []token, clauseStart func(int) bool) {
	reason := st.l.reasons[assistant.FindingPassiveVoice]
	for i := 0; i < len(toks); i++ {
		cs := i
		for cs > 0 && !clauseStart(cs) {
			cs--
		}
		ce := i + 1
		for ce < len(toks) && !clauseStart(ce) {
			// "… is placed with our solicitors and we will apply …": a
			// conjunction before a new subject starts a clause too.
			if ce+1 < len(toks) && coordinators[toks[ce].lower] && passiveSubjects[toks[ce+1].lower] {
				break
			}
			ce++
		}
		// A passive in a subordinate clause ("until the £980 is cleared",
		// "als er beslag wordt gelegd") reads naturally; only main clauses
		// hide the actor.
		sub := false
		for k := cs; k < i; k++ {
			if subordinators[toks[k].lower] {
				sub = true
			}
		}
		if sub {
			continue
		}
		var p int
		var r *rw
		if st.l.lang == assistant.Dutch {
			p, r = st.passiveNL(toks, cs, ce, i)
		} else {
			p, r = st.passiveEN(toks, cs, ce, i)
		}
		if p < 0 {
			continue
		}
		start, end := toks[min(i, p)].start, toks[max(i, p)].end
		if r != nil && !st.keeps(r) {
			r = nil // the finding says who should do what instead
		}
		if r != nil {
			st.rws = append(st.rws, r)
		}
		st.add(assistant.FindingPassiveVoice, start, end, reason, r)
		i = max(i, p)
	}
}

func looksParticipleNL(w string) bool {
	if nlNotParticiple[w] || len(w) < 6 {
		return false
	}
	if _, ok := nlParticiple[w]; ok {
		return true
	}
	stem := w
	for p := range nlParticles {
		if strings.HasPrefix(w, p+"ge") {
			stem = w[len(p):]
			break
		}
	}
	if strings.HasPrefix(stem, "ge") && (strings.HasSuffix(stem, "d") || strings.HasSuffix(stem, "t") || strings.HasSuffix(stem, "en")) {
		return true
	}
	// Verbs with an unstressed prefix take no "ge-": "beoordeeld",
	// "verstuurd", "ontvangen", "herzien". Only after "worden" (the caller
	// checks), where an adjective is rare.
	for _, p := range []string{"be", "ver", "ont", "her", "er"} {
		if strings.HasPrefix(w, p) && len(w) >= 8 && (strings.HasSuffix(w, "d") || strings.HasSuffix(w, "t")) {
			return true
		}
	}
	return false
}

// passiveNL returns the index of the participle of a passive with its
// auxiliary at token i (or -1), and a clause rewrite when the clause allows
// one.
func (st *turnState) passiveNL(toks []token, cs, ce, i int) (int, *rw) {
	aux := toks[i].lower
	pres, past, perf := nlAuxPresent[aux], nlAuxPast[aux], nlAuxPerfect[aux]
	if !pres && !past && !perf {
		return -1, nil
	}
	p := -1
	for j := i + 1; j < ce && j <= i+12; j++ {
		w := toks[j].lower
		if subordinators[w] && j+1 < ce && (nlSubjectStart[toks[j+1].lower] || toks[j+1].lower == "we" || toks[j+1].lower == "wij" || toks[j+1].lower == "ik") {
			// "Het is duidelijk dat u de brief heeft ontvangen": the
			// participle belongs to the clause after "dat" ("wordt dat
			// bedrag betaald" has no clause there).
			break
		}
		if _, ok := nlParticiple[w]; ok && !nlUnaccusative[w] {
			p = j
			break
		}
		if (pres || past) && looksParticipleNL(w) {
			p = j
			break
		}
	}
	// first: the participle stands before the auxiliary ("zal volgende
	// week afgeschreven worden", "moet … voldaan worden").
	first := false
	if p < 0 {
		if !pres || i == cs || !looksParticipleNL(toks[i-1].lower) {
			return -1, nil
		}
		p, first = i-1, true
	}
	verb, particle := "", ""
	if v, ok := nlParticiple[toks[p].lower]; ok {
		verb, particle = v[0], v[1]
	}
	if nlCustomerActs[toks[p].lower] {
		return p, nil // the customer pays, not "we"
	}
	future := -1
	for k := cs; k < ce; k++ {
		// A named actor ("door een collega") is the subject, not "we";
		// a modal before the auxiliary ("moet worden betaald") would be
		// left behind in the subject. Both need the sentence rewritten
		// by hand. Only the future "zal worden" has a "we" form of its
		// own: "we gaan … beoordelen".
		switch {
		case toks[k].lower == "door":
			return p, nil
		case k < i && (toks[k].lower == "zal" || toks[k].lower == "zullen"):
			future = k
		case k < i && nlModals[toks[k].lower]:
			return p, nil
		}
	}
	if first && future < 0 {
		return p, nil // only the future has a "we" form: "we gaan … afschrijven"
	}
	if future >= 0 {
		if verb == "" || !pres || (p < i && !first) {
			return p, nil
		}
		// Inverted after a fronted phrase ("Volgende week zal het bedrag
		// … worden afgeschreven"): the phrase stays first and "gaan we"
		// takes the place of "zal", the subject and the rest keep their
		// order.
		inverted := future > cs && future+1 < ce && nlSubjectStart[toks[future+1].lower]
		if !inverted && (future-cs < 1 || future-cs > 4 || !nlSubjectStart[toks[cs].lower]) {
			return p, nil
		}
		subj := ""
		if !inverted {
			subj = st.text[toks[cs].start:toks[future-1].end]
			if o, ok := nlObject[strings.ToLower(subj)]; ok {
				subj = o
			}
		}
		var x1, x2, y string
		if first { // "zal X P worden Y": "we gaan … X Y V"
			x1 = strings.TrimSpace(st.text[toks[future].end:toks[p].start])
			y = strings.TrimSpace(st.text[toks[i].end:toks[ce-1].end])
		} else { // "zal X worden Z P Y"
			x1 = strings.TrimSpace(st.text[toks[future].end:toks[i].start])
			x2 = strings.TrimSpace(st.text[toks[i].end:toks[p].start])
			y = strings.TrimSpace(st.text[toks[p].end:toks[ce-1].end])
		}
		out := "we gaan " + joinWords(lowerFirst(subj), x1, x2, y, particle+verb)
		if inverted {
			out = joinWords(st.text[toks[cs].start:toks[future-1].end], "gaan we", x1, x2, y, particle+verb)
		}
		if r, _ := utf8.DecodeRuneInString(st.text[toks[cs].start:]); unicode.IsUpper(r) {
			out = upperFirst(out)
		}
		return p, &rw{start: toks[cs].start, end: toks[ce-1].end, text: st.lexReplace(out), level: levelClause}
	}
	useHave := perf || past
	if !useHave && verb == "" {
		return p, nil
	}
	clauseEnd := toks[ce-1].end
	y := strings.TrimSpace(st.text[toks[p].end:clauseEnd])
	tail := func(x string) string {
		if useHave {
			return joinWords(x, st.text[toks[p].start:toks[p].end], y)
		}
		return joinWords(x, particle, y)
	}
	var out string
	start := 0
	switch {
	case i > cs && toks[i-1].lower == "er": // "er wordt X P": "we V X"
		x := strings.TrimSpace(st.text[toks[i].end:toks[p].start])
		start = toks[i-1].start
		if useHave {
			out = "we hebben " + tail(x)
		} else {
			out = "we " + verb + " " + tail(x)
		}
	case i+1 < p && toks[i+1].lower == "er": // "wordt er X P": "V we X"
		x := strings.TrimSpace(st.text[toks[i+1].end:toks[p].start])
		start = toks[i].start
		if useHave {
			out = "hebben we " + tail(x)
		} else {
			out = verb + " we " + tail(x)
		}
	case i-cs >= 1 && i-cs <= 4 && nlSubjectStart[toks[cs].lower]:
		subj := st.text[toks[cs].start:toks[i-1].end]
		if o, ok := nlObject[strings.ToLower(subj)]; ok {
			subj = o
		}
		x := strings.TrimSpace(st.text[toks[i].end:toks[p].start])
		start = toks[cs].start
		if useHave {
			out = "we hebben " + tail(joinWords(lowerFirst(subj), x))
		} else {
			out = "we " + verb + " " + tail(joinWords(lowerFirst(subj), x))
		}
	default:
		return p, nil
	}
	if r, _ := utf8.DecodeRuneInString(st.text[start:]); unicode.IsUpper(r) {
		out = upperFirst(out)
	}
	return p, &rw{start: start, end: clauseEnd, text: st.lexReplace(out), level: levelClause}
}

// passiveEN is passiveNL for English: "the account will be passed to" →
// "we'll pass the account to".
func (st *turnState) passiveEN(toks []token, cs, ce, i int) (int, *rw) {
	be := toks[i].lower
	if !enBe[be] {
		return -1, nil
	}
	j := i + 1
	for j < ce && j <= i+2 && enAdverbs[toks[j].lower] {
		j++
	}
	if j >= ce {
		return -1, nil
	}
	w := toks[j].lower
	forms, known := enParticiple[w]
	if enNotPassive[w] || (!known && !(strings.HasSuffix(w, "ed") && len(w) > 4)) {
		return -1, nil
	}
	if !known {
		return j, nil
	}
	prev := func(k int) string {
		if k >= cs && k >= 0 {
			return toks[k].lower
		}
		return ""
	}
	// Adverbs between the auxiliary and "be" ("will also be added") move
	// with the adverbs after it.
	pk := i - 1
	for pk > cs && enAdverbs[toks[pk].lower] {
		pk--
	}
	adv := ""
	if pk < i-1 && be == "be" {
		adv = st.text[toks[pk+1].start:toks[i-1].end]
	}
	if j > i+1 {
		adv = joinWords(adv, st.text[toks[i+1].start:toks[j-1].end])
	}
	var head, verb string
	c := i
	customer := customerActs[w]
	if w == "transferred" {
		// Money the customer transfers is theirs to send ("to account
		// 12345678"); money that goes to them is ours ("to your account").
		after := " " + strings.ToLower(st.text[toks[j].end:toks[ce-1].end]) + " "
		customer = !strings.Contains(after, " your ") && !strings.Contains(after, " you ")
	}
	switch be {
	case "is", "are":
		head, verb = "we", forms[0]
	case "was", "were":
		head, verb = "we", forms[1]
	case "be":
		// What must be paid is for the customer to do: ask, don't order.
		need := "we need to"
		if customer {
			need = "we'd ask you to"
		}
		switch p := prev(pk); {
		case p == "will" && !customer:
			head, verb, c = "we'll", forms[0], pk
		case p == "must":
			head, verb, c = need, forms[0], pk
		case enModal[p] && !customer:
			head, verb, c = "we "+p, forms[0], pk
		case p == "to" && (prev(pk-1) == "has" || prev(pk-1) == "have" || prev(pk-1) == "needs" || prev(pk-1) == "need"):
			head, verb, c = need, forms[0], pk-1
		default:
			return j, nil
		}
	case "been":
		if p := prev(i - 1); p == "has" || p == "have" {
			head, verb, c = "we've", w, i-1
		} else {
			return j, nil
		}
	default:
		return j, nil
	}
	if customer && !strings.Contains(head, "ask you") {
		return j, nil
	}
	cs0 := cs
	// The subject starts at the clause or, after an adverbial ("but as per
	// our policy the balance has to be"), at the nearest determiner.
	if c-cs > 5 || (c-cs > 1 && !enSubjectStart[toks[cs].lower]) {
		k := c - 1
		for k > cs && k >= c-4 && !enSubjectStart[toks[k].lower] {
			k--
		}
		if !enSubjectStart[toks[k].lower] || k == c-1 && enAdverbs[toks[k].lower] {
			return j, nil
		}
		// The words before the subject must be an adverbial of their own,
		// set off by a comma ("Consequently, charges have been added"):
		// "Statutory interest is added" has its subject from "Statutory".
		if !strings.Contains(st.text[toks[k-1].end:toks[k].start], ",") {
			return j, nil
		}
		cs = k
	}
	if c-cs < 1 {
		return j, nil
	}
	// "£30 a month will be collected": an amount is the subject, which the
	// rewrite cannot move.
	for k := cs0; k < cs; k++ {
		if isNumberWord(toks[k].lower) {
			return j, nil
		}
	}
	// An adverb between subject and verb ("the balance still has to be")
	// moves in front of the verb: "we still need to".
	se := c
	for se-1 > cs && enAdverbs[toks[se-1].lower] {
		se--
	}
	if se < c {
		a := st.text[toks[se].start:toks[c-1].end]
		w0, rest, _ := strings.Cut(head, " ")
		head = joinWords(w0, a, rest) // "we'd still ask you to", "we still need to"
	}
	subj := st.text[toks[cs].start:toks[se-1].end]
	if o, ok := enObject[strings.ToLower(subj)]; ok {
		subj = o
	}
	clauseEnd := toks[ce-1].end
	y := strings.TrimSpace(st.text[toks[j].end:clauseEnd])
	// "This rule was published by General Counsel in the Register": the
	// named actor becomes the subject, in the past tense the passive had
	// ("General Counsel published this rule in the Register").
	if (be == "was" || be == "were") && c == i && adv == "" {
		if out, ok := actorFirst(st.text, toks, cs, se, j, ce, forms[1]); ok {
			return j, &rw{start: toks[cs].start, end: clauseEnd, text: st.lexReplace(out), level: levelClause}
		}
	}
	// "placed with us by the lender": the actor is named, and it is not us.
	// "Your account is placed with us": we receive it, so "we" cannot be
	// the one who placed it ("We place your account with us").
	if ly := " " + strings.ToLower(y) + " "; strings.Contains(ly, " by ") || strings.Contains(ly, " us ") {
		return j, nil
	}
	if c-cs > 4 {
		return j, nil // a long subject with a clause in it does not move safely
	}
	out := joinWords(head, adv, verb, lowerFirst(subj), y)
	if r, _ := utf8.DecodeRuneInString(st.text[toks[cs].start:]); unicode.IsUpper(r) {
		out = upperFirst(out)
	}
	return j, &rw{start: toks[cs].start, end: clauseEnd, text: st.lexReplace(out), level: levelClause}
}

// actorStops end the actor of a passive's "by" phrase.
var actorStops = wordSet([]string{
	"in", "on", "at", "for", "to", "with", "during", "before", "after", "under", "from", "within", "because", "since",
	"and", "or", "but", "if", "when", "that", "which", "who",
	"yesterday", "today", "tomorrow", "last", "next", "now", "already", "recently", "earlier", "later", "then",
})

// actorStarts open an actor ("by the council", "by our solicitors"); "by
// mistake", "by post" are no actors. A capital (a name) opens one too.
var actorStarts = wordSet([]string{"the", "our", "your", "their", "his", "her", "its", "my", "a", "an"})

// actorFirst rewrites "S was V-ed by A rest" as "A V-ed S rest" when the
// actor is a short phrase right after the participle (toks[j]) and the
// subject (toks[cs:se]) can move behind the verb.
func actorFirst(text string, toks []token, cs, se, j, ce int, past string) (string, bool) {
	if j+2 >= ce || toks[j+1].lower != "by" || se-cs > 4 {
		return "", false
	}
	a := j + 2
	if r, _ := utf8.DecodeRuneInString(text[toks[a].start:]); !actorStarts[toks[a].lower] && !unicode.IsUpper(r) {
		return "", false
	}
	e := a
	for e < ce && e-a < 5 && !actorStops[toks[e].lower] && !strings.ContainsAny(text[toks[e-1].end:toks[e].start], ",;:") {
		e++
	}
	if e == a || e-a >= 5 || (e < ce && !actorStops[toks[e].lower]) {
		return "", false
	}
	actor := text[toks[a].start:toks[e-1].end]
	subj := text[toks[cs].start:toks[se-1].end]
	first := strings.ToLower(toks[cs].lower)
	switch o, ok := enObject[strings.ToLower(subj)]; {
	case ok:
		subj = o
	case enSubjectStart[first]:
		subj = lowerFirst(subj)
	default:
		return "", false // a name as subject ("EPA was told by …") keeps its case but reads badly after the verb
	}
	rest := ""
	if e < ce {
		rest = strings.TrimSpace(text[toks[e].start:toks[ce-1].end])
	}
	return upperFirst(joinWords(actor, past, subj, rest)), true
}
