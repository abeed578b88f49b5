package phrasing

import (
	"regexp"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// The guard after the rewrites. Each rewrite repairs the words it
// replaces, but the suggestion as a whole can still order the customer
// about: a term swapped inside an order ("Het bedrag dient … te worden
// betaald"), a plain wording that is itself an order ("u moet … betalen"
// for "u bent … verschuldigd"), officialese that orders in the passive
// ("The amount is to be paid by Friday") or sarcasm that no rewrite
// touches. The guard reads every sentence of the suggestion that holds a
// finding and repairs it as a trainer would: the order becomes a question
// ("Can you pay the amount by Friday?", "Kunt u het bedrag vóór vrijdag
// betalen?"), a condition put as an order becomes the question it asks
// ("If you pay X by Friday, you must …" → "Can you pay X by Friday?"), a
// sarcastic sentence goes. Where no repair is safe (an actor named in the
// passive, a verb it does not know, a fact that would be lost) it offers
// no sentence at all and says what to change instead.

// repairResult is what the guard makes of one sentence.
type repairResult struct {
	hit    bool   // the sentence orders, orders in officialese or mocks
	text   string // the repaired sentence; "" with hit and no advice: leave the sentence out
	advice string // set when no repair is safe
	// passive: the order is officialese in the passive ("is vóór vrijdag
	// te betalen"), an order even where no other finding marks it.
	passive bool
	// hollow: without its belittling word the sentence says nothing; it
	// goes, and the finding says what to say instead.
	hollow bool
}

// hollowWords carry no content of their own: what is left of "It's only
// money" without "only" is one word of content, "It's money", which says
// nothing a trainer would say. An article counts: "It's a reminder" still
// tells the customer what the letter is.
var hollowWords = wordSet([]string{
	"it's", "it", "is", "that's", "that", "this", "was", "all",
	"het", "dat", "dit", "'t", "allemaal",
})

// hollow reports whether the sentence s, as sug after its rewrites, lost a
// belittling word and with it all it said: no fact and at most one word
// of content left.
func (st *turnState) hollow(s span, sug string) bool {
	belittled := false
	for _, f := range st.findings {
		if f.kind == assistant.FindingBelittling && f.lexKind != "sarcasm" && f.rw != nil && f.rw.level == levelTerm &&
			f.start >= s.start && f.end <= s.end {
			belittled = true
		}
	}
	if !belittled || MissingFacts(sug, "") != nil {
		return false
	}
	content := 0
	for _, w := range strings.Fields(lowerSameWidth(sug)) {
		if w = strings.Trim(w, ".,;:!?\"'"); w != "" && !hollowWords[w] {
			content++
		}
	}
	return content <= 1
}

// repairRules are the patterns of one language. Each is matched against
// a whole sentence in lower case, without its final punctuation.
type repairRules struct {
	// passive: subject, participle or infinitive, rest ("the amount is to
	// be paid by friday", "het bedrag dient vóór vrijdag te worden
	// voldaan").
	passive []*regexp.Regexp
	// order: a "you"/"u" subject ordered to do something; the groups are
	// what comes before the order, the verb and the rest.
	order []*regexp.Regexp
	// condition: "if you pay x by friday, <order>".
	condition *regexp.Regexp
	// verbs maps a participle, a finite form or a stiff infinitive to the
	// plain infinitive of the question; only these verbs are repaired.
	verbs map[string]string
	// subjects open a noun phrase that can be the object of the question.
	subjects map[string]bool
	// actor introduces a named actor in the passive ("by your partner",
	// "door uw partner"), which the question cannot take.
	actor string
	// question is the frame of the repaired sentence.
	question string
}

var repairRulesOf = map[assistant.Language]*repairRules{
	assistant.English: {
		passive: []*regexp.Regexp{
			regexp.MustCompile(`^(?P<subj>.+?) (?:(?P<adv>` + enModalAdverbs + `) )?(?:is|are) (?:(?P<adv2>` + enModalAdverbs + `) )?(?:to|due to) be (?P<verb>\pL+)(?P<rest>.*)$`),
			regexp.MustCompile(`^(?P<subj>.+?) (?:(?P<adv>` + enModalAdverbs + `) )?(?:must|has to|have to|needs to|need to|should|shall|will have to) (?:(?P<adv2>` + enModalAdverbs + `) )?be (?P<verb>\pL+)(?P<rest>.*)$`),
		},
		order: []*regexp.Regexp{
			regexp.MustCompile(`^(?:(.+?),? )?you (?:really |still |now )?(?:must|have to|need to|have got to|'ve got to|will need to|will have to|'ll have to|are required to|are to|shall) (?:now |still |really )?(\pL+)(.*)$`),
			// The passive rewrite's own request (passive.go: "The balance
			// must be paid" → "We'd ask you to pay the balance") asks as
			// "is to be paid" does: "Can you pay the balance?".
			regexp.MustCompile(`^()we(?:'d| would) (?:still |now )?ask you to (?:still |now |really )?(\pL+)(.*)$`),
		},
		condition: regexp.MustCompile(`^if you (\pL+) ([^,]+), (.+)$`),
		verbs: map[string]string{
			"paid": "pay", "cleared": "clear", "settled": "pay", "repaid": "pay back", "returned": "send back",
			"signed": "sign", "sent": "send", "transferred": "transfer", "completed": "fill in", "submitted": "send",
			"pay": "pay", "clear": "clear", "settle": "pay", "repay": "pay back", "return": "send back", "sign": "sign",
			"send": "send", "transfer": "transfer", "complete": "fill in", "submit": "send", "call": "call",
			"contact": "contact", "ring": "ring", "email": "email", "provide": "send", "remit": "pay",
			"remitted": "pay", "dated": "date", "date": "date",
		},
		subjects: wordSet([]string{"the", "your", "this", "that", "these", "those", "our", "a", "an", "any", "all", "each", "every"}),
		actor:    " by ",
		question: "Can you",
	},
	assistant.Dutch: {
		passive: []*regexp.Regexp{
			// The words between are lazy ("??"): "dient te worden
			// voldaan" has none, or "te" would stay in the question.
			// After "worden" the participles may be several: "moet
			// worden ondertekend en teruggestuurd".
			// Where the money goes may follow: "moet worden overgemaakt
			// naar rekening NL12 …".
			regexp.MustCompile(`^(?P<subj>.+?) (?:dient|dienen|moet|moeten|hoort|horen) (?:(?P<mid>.*?) )??(?:te )?worden (?P<verb>\pL+(?:(?:, | en | of )\pL+)*)(?P<rest>(?: (?:naar|op|aan|via|met|onder|binnen|uiterlijk|vóór|voor|door) .+)?)$`),
			// The participle before "worden" orders the same: "moet vóór
			// vrijdag betaald worden", "dient betaald te worden"; the
			// participles before it joined by "en" stand in mid.
			regexp.MustCompile(`^(?P<subj>.+?) (?:dient|dienen|moet|moeten|hoort|horen) (?:(?P<mid>.*?) )??(?P<verb>\pL+) (?:te )?worden$`),
			regexp.MustCompile(`^(?P<subj>.+?) (?:is|zijn) (?:(?P<mid>.*?) )?te (?P<verb>\pL+)$`),
		},
		order: []*regexp.Regexp{
			regexp.MustCompile(`^()(?:u|je) (?:moet|dient|moeten|dienen) (.+)$`),
			regexp.MustCompile(`^(.+?) (?:moet|dient) (?:u|je) (.+)$`),
		},
		condition: regexp.MustCompile(`^als (?:u|je) ([^,]+) (\pL+), (.+)$`),
		verbs: map[string]string{
			"voldaan": "betalen", "betaald": "betalen", "overgemaakt": "overmaken", "terugbetaald": "terugbetalen",
			"afgelost": "terugbetalen", "ondertekend": "ondertekenen", "getekend": "tekenen", "teruggestuurd": "terugsturen",
			"opgestuurd": "opsturen", "ingevuld": "invullen", "verstuurd": "sturen", "gestort": "overmaken",
			"voldoen": "betalen", "betalen": "betalen", "overmaken": "overmaken", "terugbetalen": "terugbetalen",
			"aflossen": "terugbetalen", "ondertekenen": "ondertekenen", "tekenen": "tekenen", "terugsturen": "terugsturen",
			"opsturen": "opsturen", "invullen": "invullen", "sturen": "sturen", "bellen": "bellen", "storten": "overmaken",
			"betaalt": "betalen", "voldoet": "betalen", "overmaakt": "overmaken", "terugbetaalt": "terugbetalen",
			"stuurt": "sturen", "terugstuurt": "terugsturen", "belt": "bellen", "tekent": "tekenen", "invult": "invullen",
		},
		subjects: wordSet([]string{"de", "het", "uw", "dit", "deze", "dat", "die", "een", "alle", "elke", "onze", "ons"}),
		actor:    " door ",
		question: "Kunt u",
	},
}

// orderWords show an order in the main clause of a condition.
var orderWords = regexp.MustCompile(`\b(?:you (?:must|have to|need to|will need to|'ll have to|will have to|are required to)|(?:moet|dient|moeten|dienen) (?:u|je)|(?:u|je) (?:moet|dient))\b`)

// repairSentence checks one sentence of a suggestion.
func (st *turnState) repairSentence(s string) repairResult {
	rules := repairRulesOf[st.l.lang]
	body := strings.TrimSpace(s)
	if body == "" || strings.HasSuffix(body, "?") {
		return repairResult{} // a question orders nothing
	}
	if st.sarcastic(body) {
		if MissingFacts(body, "") != nil {
			return repairResult{hit: true, advice: st.l.advice["sarcasm"]}
		}
		return repairResult{hit: true} // the sentence goes
	}
	core := strings.TrimRight(body, ".!; ")
	lower := lowerSameWidth(core)
	if st.l.lang == assistant.English {
		if res, ok := st.repairAfterConnective(core, lower); ok {
			return res
		}
	}
	frame := rules.question
	if st.l.lang == assistant.Dutch && (strings.HasPrefix(lower, "je ") || strings.Contains(lower, " je ")) {
		frame = "Kun je" // a "je" turn stays "je"
	}
	question := func(verb, object, rest string) repairResult {
		var q string
		if st.l.lang == assistant.Dutch {
			// Dutch puts the infinitive at the end of the clause, before
			// what follows it ("… betalen aan onze opdrachtgever").
			q = joinWords(frame, object, verb, rest)
		} else {
			q = joinWords(frame, verb, object, rest)
		}
		q = strings.TrimRight(q, ",") + "?"
		if MissingFacts(body, q) != nil {
			return repairResult{hit: true, advice: st.l.advice["order"]}
		}
		return repairResult{hit: true, text: q}
	}
	// The original text of a lower-case match: the guard keeps the
	// agent's words, amounts and capitals as they were.
	orig := func(m []int, g int) string {
		if m[2*g] < 0 {
			return ""
		}
		return strings.TrimSpace(core[m[2*g]:m[2*g+1]])
	}
	if m := rules.condition.FindStringSubmatchIndex(lower); m != nil && orderWords.MatchString(lower[m[6]:m[7]]) {
		// "If you pay the £300 by Friday, you must …": the condition is
		// the question. The order after it goes only when it holds no
		// fact of its own.
		verbG, objG := 1, 2
		if st.l.lang == assistant.Dutch {
			verbG, objG = 2, 1
		}
		verb, ok := rules.verbs[lower[m[2*verbG]:m[2*verbG+1]]]
		if ok && MissingFacts(orig(m, 3), orig(m, objG)) != nil {
			return repairResult{hit: true, advice: st.l.advice["order"]}
		}
		if !ok {
			// "If you cannot make the payment, you must …" asks no
			// question; it is the threat's or the command's business.
			return repairResult{}
		}
		return question(verb, st.lexReplace(orig(m, objG)), "")
	}
	for _, re := range rules.passive {
		m := re.FindStringSubmatchIndex(lower)
		if m == nil {
			continue
		}
		group := func(name string) string {
			if g := re.SubexpIndex(name); g > 0 {
				return orig(m, g)
			}
			return ""
		}
		subj, mid, rest := group("subj"), stripPressure(group("mid")), group("rest")
		var adverbs []string
		for _, a := range []string{group("adv"), group("adv2")} {
			if enKeptAdverbs[strings.ToLower(a)] {
				adverbs = append(adverbs, strings.ToLower(a))
			}
		}
		// The participles: "signed and returned", "ingevuld, ondertekend
		// en teruggestuurd". One the guard does not know, or a second
		// clause after "and", leaves no question to ask.
		parts, conj := participles(strings.ToLower(group("verb")))
		unsafe := false
		if st.l.lang == assistant.Dutch {
			var before []string
			mid, before, conj, unsafe = rules.participlesBefore(mid, conj, unsafe)
			parts = append(before, parts...)
			for _, w := range strings.Fields(lowerSameWidth(mid)) {
				w = strings.Trim(w, ",;:")
				if _, ok := rules.verbs[w]; ok || nlParticiple[w] != [2]string{} {
					// "Het formulier moet ondertekend en het
					// bedrag betaald worden": a second clause.
					unsafe = true
				}
			}
		} else {
			var more []string
			rest, more, conj, unsafe = rules.participlesAfter(rest, conj, unsafe)
			parts = append(parts, more...)
		}
		verb, ok := rules.verbChain(parts, conj)
		if unsafe || len(parts) > 1 && !ok {
			// Asking for one verb of two would leave the other in the
			// passive ("Can you sign the form and witnessed?").
			return repairResult{hit: true, advice: st.l.advice["order"]}
		}
		if re == rules.passive[len(rules.passive)-1] && st.l.lang == assistant.Dutch {
			// "Het bedrag is vóór 1 mei te betalen" orders; "Het is
			// lastig om te betalen" does not: only a paying verb, a
			// subject of its own and at most a date or an amount
			// between.
			if !ok || len(strings.Fields(subj)) < 2 && !startsWithFact(subj) || mid != "" && !startsWithFact(mid) {
				continue
			}
		}
		if n := leadingFact(subj); st.l.lang == assistant.English && n > 0 && n < len(subj) {
			// "By Friday the balance must be paid": the date goes after
			// the object, where English asks for it.
			if np := strings.TrimSpace(subj[n:]); rules.subjects[strings.ToLower(firstWord(np))] {
				rest = joinWords(rest, lowerFirst(subj[:n]))
				subj = np
			}
		}
		if toTheCustomer(rest) {
			return repairResult{} // ours to send, not theirs
		}
		first := strings.ToLower(firstWord(subj))
		// "Daarnaast moet het bedrag …": the subject follows the verb,
		// and the connective stays before it in the question.
		inverted := st.l.lang == assistant.Dutch && nlConnectives[strings.ToLower(subj)] &&
			rules.subjects[strings.ToLower(firstWord(mid))]
		// "Dat spreekt voor zich, het bedrag moet …": a clause before
		// the subject does not fit in the question.
		if !ok || !(rules.subjects[first] || startsWithFact(subj) || inverted) || len(strings.Fields(subj)) > 6 || strings.ContainsAny(subj, ",;:") ||
			strings.Contains(" "+lowerSameWidth(mid+" "+rest)+" ", rules.actor) && !dateAfter(joinWords(mid, rest), rules.actor) {
			// "Records shall be retained for two years", "The form
			// must be signed by your partner": a rule, or an actor of
			// its own, not an order to the customer; only an order to
			// pay is one for certain.
			if rules.anyPay(parts) {
				return repairResult{hit: true, advice: st.l.advice["order"]}
			}
			continue
		}
		var res repairResult
		if st.l.lang == assistant.Dutch {
			res = question(verb, st.lexReplace(joinWords(lowerFirst(subj), mid)), st.lexReplace(rest))
		} else {
			res = question(joinWords(append(adverbs, verb)...), st.lexReplace(lowerFirst(subj)), st.lexReplace(rest))
		}
		res.passive = true
		return res
	}
	for _, re := range rules.order {
		m := re.FindStringSubmatchIndex(lower)
		if m == nil {
			continue
		}
		pre := orig(m, 1)
		if pre != "" && (strings.ContainsAny(pre, ",;:") || !startsWithFact(pre)) {
			// Only a date or an amount before the order moves into the
			// question ("By Friday you must pay …"); after other words
			// ("We know you need to pay rent first") the order is the
			// command finding's business, not the guard's.
			continue
		}
		// A plain direct request ("U moet zich houden aan de
		// voorwaarden", "You must send us your address") is what the
		// guides recommend; only an order to pay, or one with an amount
		// or a date, presses (as in presses, command.go).
		pressing := MissingFacts(body, "") != nil
		var verbWord, object, after string
		if st.l.lang == assistant.Dutch {
			// The infinitive stands at the end of the clause, or before
			// what follows it ("… betalen aan onze opdrachtgever").
			words := strings.Fields(orig(m, 2))
			v := -1
			for k := len(words) - 1; k >= 0; k-- {
				if _, ok := rules.verbs[strings.ToLower(words[k])]; ok {
					v = k
					break
				}
			}
			if v < 0 {
				if pressing {
					return repairResult{hit: true, advice: st.l.advice["order"]}
				}
				continue
			}
			verbWord = strings.ToLower(words[v])
			mid := words[:v]
			if len(mid) > 0 && mid[0] == "om" {
				mid = mid[1:]
			}
			if len(mid) > 0 && mid[len(mid)-1] == "te" {
				mid = mid[:len(mid)-1]
			}
			object = joinWords(lowerFirst(pre), strings.Join(mid, " "))
			after = strings.Join(words[v+1:], " ")
		} else {
			verbWord, object = lower[m[4]:m[5]], joinWords(orig(m, 3), lowerFirst(pre))
		}
		switch verbWord {
		case "be", "have", "feel":
			return repairResult{} // a guess, not an order: "You must be worried"
		}
		verb, ok := rules.verbs[verbWord]
		pressing = pressing || payVerbs[verb]
		if !pressing {
			continue
		}
		if !ok {
			if st.l.lang == assistant.Dutch || lectureVerbs[verbWord] {
				return repairResult{hit: true, advice: st.l.advice["order"]}
			}
			verb = orig(m, 2) // English: any bare infinitive asks as well ("Can you call us by Friday?")
		}
		if st.l.lang == assistant.English {
			// The verb too: "maintain the payments" → "keep up the
			// payments".
			return question("", "", st.lexReplace(joinWords(verb, object)))
		}
		return question(verb, st.lexReplace(object), st.lexReplace(after))
	}
	return repairResult{}
}

// sarcastic reports whether s holds a sarcasm entry of the lexicon.
func (st *turnState) sarcastic(s string) bool {
	lower := lowerSameWidth(s)
	var buf [32]token
	toks := tokenize(buf[:0], lower, 0, len(lower))
	var mbuf [4]termMatch
	all := func(*termForm, [][2]int) bool { return true }
	for _, m := range st.l.terms.find(mbuf[:0], toks, all) {
		if m.f.e.kind == "sarcasm" {
			return true
		}
	}
	return false
}

// guard runs repairSentence over every sentence of the suggestion that
// holds a finding, and returns the suggestion. A repaired sentence becomes
// the rewrite of its most important finding (the others in it lose theirs:
// the repair supersedes them); a sentence no repair makes safe gets no
// rewrite, its most important finding says what to change instead, and the
// turn gets no suggestion rather than a broken one.
func (st *turnState) guard(sentences []span) string {
	whole := assemble(st.text, st.rws)
	type fix struct {
		s   span
		res repairResult
	}
	var fixes []fix
	for _, s := range sentences {
		top := -1
		var in []*rw
		for i, f := range st.findings {
			if f.start >= s.start && f.end <= s.end && (top < 0 || kindRank(f.kind) < kindRank(st.findings[top].kind)) {
				top = i
			}
		}
		if top < 0 {
			// "Het bedrag is vóór vrijdag te betalen" orders in
			// officialese no other rule marks: it is a command.
			res := st.repairSentence(st.text[s.start:s.end])
			if !res.passive || res.text == "" {
				continue
			}
			body := strings.TrimRight(strings.TrimSpace(st.text[s.start:s.end]), ".!;")
			start := s.start + strings.Index(st.text[s.start:s.end], body)
			st.add(assistant.FindingCommand, start, start+len(body), st.l.reasons[assistant.FindingCommand], nil)
		}
		for _, r := range st.rws {
			if r.start >= s.start && r.end <= s.end {
				in = append(in, r)
			}
		}
		sug := assemble(st.text[s.start:s.end], shift(in, s.start))
		if sug == "" {
			sug = strings.TrimSpace(st.text[s.start:s.end])
		}
		if st.hollow(s, sug) {
			fixes = append(fixes, fix{s, repairResult{hit: true, hollow: true}})
			continue
		}
		if res := st.repairSentence(sug); res.hit {
			fixes = append(fixes, fix{s, res})
		}
	}
	if len(fixes) == 0 {
		return whole
	}
	broken := false
	for _, fx := range fixes {
		top := -1
		for i, f := range st.findings {
			if f.start >= fx.s.start && f.end <= fx.s.end {
				if f.rw != nil && f.rw.level == levelTerm {
					st.findings[i].swap = f.rw.text // the tip still names the plain word
				}
				st.findings[i].rw = nil
				if top < 0 || kindRank(f.kind) < kindRank(st.findings[top].kind) {
					top = i
				}
			}
		}
		if fx.res.hollow {
			for i, f := range st.findings {
				if f.kind == assistant.FindingBelittling && f.reasonData != nil && f.start >= fx.s.start && f.end <= fx.s.end {
					nd := *f.reasonData
					nd.Plain, nd.Omit = "", false
					if r, err := prompts.Render(st.l.lang, "reason."+string(f.kind), nd); err == nil {
						st.findings[i].reason = joinWords(r, st.l.advice["hollow"])
					}
				}
			}
		}
		if fx.res.advice != "" {
			broken = true
			st.findings[top].reason = joinWords(st.findings[top].reason, fx.res.advice)
			continue
		}
		if fx.res.text != "" {
			for i, f := range st.findings {
				if (f.swap != "" || f.lexKind != "") && f.start >= fx.s.start && f.end <= fx.s.end {
					st.findings[i].said = strings.TrimRight(strings.TrimSpace(st.text[fx.s.start:fx.s.end]), ".!")
					st.findings[i].asked = fx.res.text
					st.reasonAsked(i, fx.res.text)
				}
			}
		}
		st.findings[top].rw = &rw{start: fx.s.start, end: fx.s.end, text: fx.res.text, level: levelSentence}
	}
	if broken {
		return ""
	}
	// The other rewrites apply outside the repaired sentences.
	var rest []*rw
	for _, r := range st.rws {
		inFix := false
		for _, fx := range fixes {
			if r.start < fx.s.end && fx.s.start < r.end {
				inFix = true
			}
		}
		if !inFix {
			rest = append(rest, r)
		}
	}
	repaired := []*rw{}
	for _, fx := range fixes {
		repaired = append(repaired, &rw{start: fx.s.start, end: fx.s.end, text: fx.res.text, level: levelSentence})
	}
	out := assemble(st.text, append(rest, repaired...))
	if strings.TrimSpace(out) == "" {
		// Only sarcasm, left out: nothing to offer but the advice.
		for _, fx := range fixes {
			for i, f := range st.findings {
				if f.start >= fx.s.start && f.end <= fx.s.end {
					st.findings[i].rw = nil
					if f.lexKind == "sarcasm" {
						st.findings[i].reason = joinWords(f.reason, st.l.advice["sarcasm"])
					}
				}
			}
		}
		return ""
	}
	return out
}

// reasonAsked renders the reason of term finding i again where the
// question that repaired its sentence does not say the plain word the
// reason named ("Zeg liever "moeten"" next to "Kunt u … betalen?"): the
// reason then quotes the question. A term the question still holds is left
// for the agent to rephrase, and its reason stands.
func (st *turnState) reasonAsked(i int, asked string) {
	f := &st.findings[i]
	d := f.reasonData
	if d == nil || d.Omit || d.Plain == "" {
		return
	}
	q := lowerSameWidth(asked)
	if strings.Contains(q, lowerSameWidth(d.Plain)) || strings.Contains(q, lowerSameWidth(d.Text)) {
		return
	}
	nd := *d
	nd.Asked = asked
	if s, err := prompts.Render(st.l.lang, "reason."+string(f.kind), nd); err == nil {
		f.reason = s
	}
}
