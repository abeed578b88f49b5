package phrasing

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// add records a finding; sentence-level findings get their rewrite once the
// sentence's rewrite is known.
func (st *turnState) add(kind assistant.FindingKind, start, end int, reason string, r *rw) int {
	st.findings = append(st.findings, finding{kind: kind, start: start, end: end, reason: reason, rw: r})
	return len(st.findings) - 1
}

// sentence finds everything in the sentence s, whose words are
// st.toks[ti:tj], and builds its rewrites.
func (st *turnState) sentence(s span, ti, tj int) {
	l := st.l
	toks := st.toks[ti:tj]
	if len(toks) == 0 {
		return
	}
	sent := st.text[s.start:s.end]
	body, mark := trimEnd(sent)
	question := mark == "?"
	clauseStart := func(i int) bool {
		if i == 0 {
			return true
		}
		return strings.ContainsAny(st.text[toks[i-1].end:toks[i].start], ",;:")
	}
	var sentenceFindings []int

	// Jargon, policy talk and stock phrases share one lexicon, so the
	// longest phrase decides ("conform onze voorwaarden" over "conform").
	var mbuf [8]match
	var stock *match
	refusal := false
	for _, m := range l.lex.findAll(mbuf[:0], toks, clauseStart) {
		start, end := toks[m.from].start, toks[m.to-1].end
		kind := assistant.FindingKind(m.e.key)
		orig := st.text[start:end]
		if kind == assistant.FindingStockPhrase {
			if st.followedUp(end) {
				continue
			}
			refusal = refusal || !isEmpathy(m.e.phrase)
			if stock == nil {
				mm := m
				stock = &mm
			} else {
				// A second stock phrase in the sentence is replaced in place.
				st.rws = append(st.rws, &rw{start: start, end: end, level: levelTerm, text: fitCase(m.e, st.text, start, end, m.from == 0)})
			}
			reason := prompts.MustRender(l.lang, "reason.stock-phrase", reasonData{Text: orig})
			sentenceFindings = append(sentenceFindings, st.add(kind, start, end, reason, nil))
			continue
		}
		var r *rw
		if m.e.plain != "" {
			r = &rw{start: start, end: end, level: levelTerm, text: fitCase(m.e, st.text, start, end, m.from == 0)}
			st.rws = append(st.rws, r)
		}
		reason := l.reasons[kind]
		if kind == assistant.FindingJargon {
			reason = prompts.MustRender(l.lang, "reason.jargon", reasonData{Text: lowerFirst(orig), Plain: m.e.plain})
		}
		st.add(kind, start, end, reason, r)
	}

	// Threats: a consequence with a condition or an announcement.
	markers := l.markers.findAll(nil, toks, always)
	var consequences []string
	threatFrom, threatTo := -1, -1
	if len(markers) > 0 {
		for _, m := range l.threats.findAll(nil, toks, always) {
			if negated(toks, m.from, markers) {
				continue
			}
			if !slices.Contains(consequences, m.e.key) {
				consequences = append(consequences, m.e.key)
			}
			if threatFrom < 0 {
				// From the first condition or announcement before it: "Als u
				// niet betaalt, komen er extra kosten bij".
				threatFrom = toks[m.from].start
				for _, mk := range markers {
					if mk.to <= m.from {
						threatFrom = toks[mk.from].start
						break
					}
				}
			}
			threatTo = toks[m.to-1].end
		}
		if threatFrom >= 0 {
			// To the end of the clause, so the finding reads as the whole
			// consequence: "… en kan er beslag worden gelegd op uw loon".
			for k := range toks {
				if toks[k].start >= threatTo {
					if clauseStart(k) {
						break
					}
					threatTo = toks[k].end
				}
			}
			sentenceFindings = append(sentenceFindings, st.add(assistant.FindingThreat, threatFrom, threatTo, l.reasons[assistant.FindingThreat], nil))
		}
	}

	// Ultimatums: a deadline tied to a consequence, or a last chance.
	ultimatum := false
	ults := l.ultimatums.findAll(nil, toks, always)
	for _, m := range ults {
		if inherentUltimatum(m.e.phrase) {
			ultimatum = true
			sentenceFindings = append(sentenceFindings, st.add(assistant.FindingUltimatum, toks[m.from].start, toks[m.to-1].end, l.reasons[assistant.FindingUltimatum], nil))
		}
	}
	if !ultimatum {
		dates := dateSpansL(st.lower[s.start : s.start+len(body)])
		for _, lk := range l.links.findAll(nil, toks, always) {
			// "on Friday or Monday" offers a choice; "by Friday or we'll …"
			// ties the date to a consequence.
			if lk.e.phrase == "or" && len(consequences) == 0 && (lk.to >= len(toks) || !orConsequence[toks[lk.to].lower]) {
				continue
			}
			linkStart := toks[lk.from].start
			from := -1
			for _, m := range ults {
				if m.to <= lk.from && m.to >= lk.from-3 {
					from = toks[m.from].start
				}
			}
			for _, d := range dates {
				ds, de := s.start+d[0], s.start+d[1]
				if de <= linkStart && (lk.from < 4 || de >= toks[lk.from-4].end) {
					if p := datePrepRE.FindStringIndex(st.lower[s.start:ds]); p != nil {
						ds = s.start + p[0]
					}
					from = ds
				}
			}
			if from >= 0 {
				ultimatum = true
				sentenceFindings = append(sentenceFindings, st.add(assistant.FindingUltimatum, from, toks[lk.to-1].end, l.reasons[assistant.FindingUltimatum], nil))
				break
			}
		}
	}
	if !ultimatum && len(consequences) > 0 {
		for _, m := range ults {
			ultimatum = true
			sentenceFindings = append(sentenceFindings, st.add(assistant.FindingUltimatum, toks[m.from].start, toks[m.to-1].end, l.reasons[assistant.FindingUltimatum], nil))
			break
		}
	}

	// Blame.
	blamed := false
	for _, m := range l.blame.findAll(nil, toks, always) {
		blamed = true
		sentenceFindings = append(sentenceFindings, st.add(assistant.FindingBlame, toks[m.from].start, toks[m.to-1].end, l.reasons[assistant.FindingBlame], nil))
	}

	if !blamed {
		if from, to, ok := st.hadToBlame(toks); ok {
			blamed = true
			sentenceFindings = append(sentenceFindings, st.add(assistant.FindingBlame, from, to, l.reasons[assistant.FindingBlame], nil))
		}
	}

	// Commands; a question is never one ("Moet u nog iets weten?").
	var command *match
	if !question {
		for _, m := range l.commands.findAll(nil, toks, clauseStart) {
			if m.from > 0 && conditional[toks[m.from-1].lower] {
				continue
			}
			if notCommand(toks, m) {
				continue
			}
			if command == nil {
				mm := m
				command = &mm
			}
			sentenceFindings = append(sentenceFindings, st.add(assistant.FindingCommand, toks[m.from].start, toks[m.to-1].end, l.reasons[assistant.FindingCommand], nil))
		}
	}

	// Closed questions.
	closedText := ""
	if question && command == nil {
		if t, from, to, ok := st.closedQuestion(s, body); ok {
			closedText = t
			sentenceFindings = append(sentenceFindings, st.add(assistant.FindingClosedQuestion, from, to, l.reasons[assistant.FindingClosedQuestion], nil))
		}
	}

	// Passive voice, rewritten clause by clause.
	st.passive(s, toks, clauseStart)

	// Long sentences.
	words := 0
	for _, t := range toks {
		if hasLetter(t.lower) {
			words++
		}
	}
	long := words > maxWords+slack
	if long {
		reason := prompts.MustRender(l.lang, "reason.long-sentence", reasonData{Words: words, Max: maxWords})
		sentenceFindings = append(sentenceFindings, st.add(assistant.FindingLongSentence, s.start, s.end, reason, nil))
	}

	// One rewrite for the whole sentence, from the most important pattern.
	text := ""
	switch {
	case len(consequences) > 0:
		text = st.threatRewrite(s.start, body, consequences)
	case ultimatum:
		text = st.render("rewrite.ultimatum", st.facts(s.start, body, true))
	case blamed:
		text = st.render("rewrite.blame", st.facts(s.start, body, false))
	case command != nil:
		text = st.commandRewrite(s, body, toks, *command)
	case closedText != "":
		text = closedText
	case stock != nil:
		text = st.stockRewrite(s, toks, *stock, refusal)
	case long:
		text = st.split(st.applyInner(s))
	}
	if text == "" {
		return
	}
	r := &rw{start: s.start, end: s.end, text: text, level: levelSentence}
	st.rws = append(st.rws, r)
	for _, i := range sentenceFindings {
		st.findings[i].rw = r
	}
}

// notCommand recognises what looks like a command but is not one: a guess
// ("U moet wel geschrokken zijn", "You must be worried") or a friendly
// invitation ("Bel gerust", "Call me if you need anything").
func notCommand(toks []token, m match) bool {
	rest := toks[m.to:]
	if len(rest) == 0 {
		return true
	}
	if m.e.key == "to" || m.e.key == "modal" {
		switch rest[0].lower {
		case "be", "have", "feel", "niet":
			return true
		}
		if m.e.key == "modal" && stateVerbs[rest[len(rest)-1].lower] {
			return true
		}
	}
	if m.e.key == "imperative" {
		// "If anything changes, call us": an offer to get in touch,
		// not an order.
		if len(toks) > 0 && conditionalOpeners[toks[0].lower] && m.from < len(toks) && contactVerbs[toks[m.from].lower] {
			return true
		}
		for i, t := range toks {
			if t.lower == "gerust" || (t.lower == "free" && i > 0 && toks[i-1].lower == "feel") ||
				(t.lower == "if" && i+2 < len(toks) && toks[i+1].lower == "you" && (toks[i+2].lower == "need" || toks[i+2].lower == "have")) {
				return true
			}
		}
	}
	return false
}

var conditionalOpeners = map[string]bool{"if": true, "should": true, "als": true, "mocht": true, "wanneer": true, "when": true}

var contactVerbs = map[string]bool{
	"call": true, "phone": true, "ring": true, "contact": true, "email": true, "e-mail": true, "text": true, "let": true,
	"bel": true, "mail": true, "neem": true, "laat": true, "app": true,
}

var stateVerbs = map[string]bool{"zijn": true, "hebben": true, "worden": true, "voelen": true, "vinden": true, "denken": true}

// orConsequence words after "or" announce what happens otherwise.
var orConsequence = map[string]bool{
	"we": true, "we'll": true, "i'll": true, "your": true, "this": true, "it": true, "else": true, "you'll": true, "there": true,
}

// conditional words before "you need to" make it a condition, not an order.
var conditional = map[string]bool{
	"if": true, "als": true, "when": true, "wanneer": true, "indien": true, "whether": true, "unless": true,
	"do": true, "don't": true, "dat": true, "that": true, "zodat": true, "omdat": true,
	// Verbs that take a clause: "I know you need to look after your family".
	"know": true, "think": true, "understand": true, "see": true, "hear": true, "realise": true, "realize": true,
	"appreciate": true, "guess": true, "feel": true, "weet": true, "denk": true, "begrijp": true, "snap": true,
	"hoor": true, "zie": true, "vind": true,
}

var negations = map[string]bool{
	"niet": true, "geen": true, "nooit": true, "nothing": true, "not": true, "never": true, "no": true,
	"won't": true, "wont": true, "niets": true, "niks": true,
}

// negated reports whether a negation within four words before token i (and
// not part of a condition such as "als u niet") denies the consequence: "gaat
// het dossier niet naar de deurwaarder".
func negated(toks []token, i int, markers []match) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if !negations[toks[k].lower] {
			continue
		}
		inMarker := false
		for _, m := range markers {
			if k >= m.from && k < m.to {
				inMarker = true
			}
		}
		if !inMarker {
			return true
		}
	}
	return false
}

func inherentUltimatum(p string) bool {
	return strings.Contains(p, "laatste") || strings.Contains(p, "last") || strings.Contains(p, "final")
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// followedUp reports whether the turn follows byte offset at with a question
// or an offer of action, which keeps a stock phrase from sounding empty.
func (st *turnState) followedUp(at int) bool {
	if strings.Contains(st.text[at:], "?") {
		return true
	}
	for i, t := range st.toks {
		if t.start < at {
			continue
		}
		if e, _ := st.l.followUp.longestAt(st.toks, i); e != nil {
			return true
		}
	}
	return false
}

// fitCase adapts a replacement to where it stands: a capital at the start
// of a sentence, and a comma after an opening clause.
func fitCase(e *entry, text string, start, end int, sentenceStart bool) string {
	repl := e.plain
	r, _ := utf8.DecodeRuneInString(text[start:end])
	if unicode.IsUpper(r) {
		repl = upperFirst(repl)
	}
	if e.clause && end+1 < len(text) && text[end] == ' ' {
		r2, _ := utf8.DecodeRuneInString(text[end+1:])
		if unicode.IsLetter(r2) {
			repl += ","
		}
	}
	return repl
}

// lexReplace replaces the jargon, policy talk and stock phrases in a piece of
// text captured for a sentence rewrite.
func (st *turnState) lexReplace(s string) string {
	if s == "" {
		return s
	}
	lower := lowerSameWidth(s)
	var buf [32]token
	toks := tokenize(buf[:0], lower, 0, len(lower))
	var mbuf [8]match
	ms := st.l.lex.findAll(mbuf[:0], toks, always)
	if len(ms) == 0 {
		return s
	}
	var b strings.Builder
	at := 0
	for _, m := range ms {
		if m.e.plain == "" {
			continue
		}
		start, end := toks[m.from].start, toks[m.to-1].end
		b.WriteString(s[at:start])
		b.WriteString(fitCase(m.e, s, start, end, m.from == 0))
		at = end
	}
	b.WriteString(s[at:])
	return b.String()
}

// applyInner returns sentence s with the clause and term rewrites inside it
// applied.
func (st *turnState) applyInner(s span) string {
	var inner []*rw
	for _, r := range st.rws {
		if r.level < levelSentence && r.start >= s.start && r.end <= s.end {
			inner = append(inner, r)
		}
	}
	out := assemble(st.text[s.start:s.end], shift(inner, s.start))
	if out == "" {
		return st.text[s.start:s.end]
	}
	return out
}

func shift(rws []*rw, by int) []*rw {
	out := make([]*rw, len(rws))
	for i, r := range rws {
		c := *r
		c.start -= by
		c.end -= by
		out[i] = &c
	}
	return out
}

func (st *turnState) render(name string, data any) string {
	return prompts.MustRender(st.l.lang, name, data)
}

// factData holds the amounts and dates of a sentence as written.
type factData struct {
	Amount, Date string
	// Pay is set when the action is a payment, so that the alternative
	// offered is another date rather than another moment.
	Pay          bool
	Clause       string
	Consequences []string
}

func (st *turnState) join(parts []string) string {
	and := " and "
	if st.l.lang == assistant.Dutch {
		and = " en "
	}
	for i := range parts {
		parts[i] = lowerFirst(parts[i])
	}
	return strings.Join(parts, and)
}

// facts returns the amounts and dates of body, the text of the turn from
// byte start; with prep the dates keep
// their preposition ("vóór vrijdag").
func (st *turnState) facts(start int, body string, prep bool) factData {
	lower := st.lower[start : start+len(body)]
	amounts, dates := factPartsL(body, lower)
	if !prep {
		dates = dateCoresL(body, lower)
	}
	return factData{Amount: st.join(amounts), Date: st.join(dates)}
}

func (st *turnState) threatRewrite(start int, body string, keys []string) string {
	d := st.facts(start, body, true)
	for _, k := range keys {
		d.Consequences = append(d.Consequences, st.l.consequence[k])
	}
	return st.render("rewrite.threat", d)
}

var dropConj = map[string]bool{
	"dus": true, "en": true, "maar": true, "want": true, "dan": true, "daarom": true, "toch": true,
	"so": true, "and": true, "but": true, "then": true, "therefore": true, "now": true, "basically": true,
	"ok": true, "okay": true, "well": true, "right": true, "oké": true, "nou": true, "goed": true,
}

// commandRewrite turns a command into a question that leaves room: "U moet
// vóór vrijdag betalen" → "Lukt het u om vóór vrijdag te betalen? Zo niet, …".
func (st *turnState) commandRewrite(s span, body string, toks []token, m match) string {
	bodyEnd := s.start + len(body)
	trigEnd := toks[m.to-1].end
	// A clause after the command ("…, zo simpel is het") goes, unless it
	// holds an amount or a date the rewrite must keep.
	for k := m.to + 1; k < len(toks); k++ {
		if gap := st.text[toks[k-1].end:toks[k].start]; strings.ContainsAny(gap, ",;:") {
			cut := toks[k-1].end
			if tail := st.text[cut:bodyEnd]; len(amountSpans(tail)) == 0 && len(dateSpans(tail)) == 0 {
				bodyEnd = cut
				toks = toks[:k]
			}
			break
		}
	}
	kind := m.e.key
	d := st.facts(s.start, body, true)
	restToks := toks[m.to:]
	rest := strings.TrimSpace(st.text[min(trigEnd, bodyEnd):bodyEnd])

	// What stands before the command: a sentence of its own ("Het bedrag is
	// € 450, dus u moet …"), a topic that belongs in the clause ("Vóór
	// vrijdag moet u …"), or a conjunction to drop.
	pre := toks[:m.from]
	for len(pre) > 0 && dropConj[pre[len(pre)-1].lower] {
		pre = pre[:len(pre)-1]
	}
	prefix := ""
	if len(pre) > 0 {
		prefix, _ = trimEnd(strings.TrimSpace(st.text[s.start:pre[len(pre)-1].end]))
	}
	if strings.Contains(" "+m.e.phrase+" ", " je ") {
		return "" // the templates address the customer as "u"; a "je" turn keeps its finding only
	}
	inverted := kind != "imperative" && st.l.lang == assistant.Dutch && !strings.HasPrefix(m.e.phrase, "u ") && !strings.HasPrefix(m.e.phrase, "je ")
	lead, sentencePrefix := "", ""
	switch {
	case prefix == "" || kind == "imperative":
	case inverted:
		if strings.ContainsAny(prefix, ",;:") {
			return ""
		}
		lead = lowerFirst(prefix)
	case len(pre) >= 2:
		sentencePrefix = upperFirst(st.lexReplace(prefix)) + ". "
	case len(dateSpans(prefix)) > 0 || len(amountSpans(prefix)) > 0:
		lead = lowerFirst(prefix)
	}

	var clause, tmpl string
	switch {
	case kind == "to": // English: the rest starts with a bare infinitive.
		if len(restToks) >= 2 && knowVerbs[restToks[0].lower] && restToks[1].lower == "that" {
			clause, tmpl = strings.TrimSpace(st.text[restToks[1].start:bodyEnd]), "rewrite.command.know"
			break
		}
		clause, tmpl = rest, "rewrite.command"
		if lead != "" {
			clause += " " + lead
			lead = ""
		}
	case kind == "imperative" && st.l.lang == assistant.English:
		from := toks[m.from].start
		if toks[m.from].lower == "please" && m.to-m.from > 1 {
			from = toks[m.from+1].start
		}
		clause, tmpl = lowerFirst(strings.TrimSpace(st.text[from:bodyEnd])), "rewrite.command"
	case kind == "modal":
		if len(restToks) >= 2 && knowVerbs[restToks[0].lower] && restToks[1].lower == "dat" {
			clause, tmpl = strings.TrimSpace(st.text[restToks[1].start:bodyEnd]), "rewrite.command.know"
			break
		}
		v := -1
		for k := len(restToks) - 1; k >= 0; k-- {
			if _, ok := nlTeForm[restToks[k].lower]; ok {
				v = k
				break
			}
		}
		if v < 0 {
			clause, tmpl = rest, "rewrite.command.generic"
			break
		}
		te := nlTeForm[restToks[v].lower]
		xEnd := restToks[v].start
		if v > 0 && restToks[v-1].lower == "laten" {
			te = "te laten " + restToks[v].lower
			xEnd = restToks[v-1].start
		}
		x := strings.TrimSpace(st.text[min(trigEnd, xEnd):xEnd])
		y := strings.TrimSpace(st.text[restToks[v].end:bodyEnd])
		clause, tmpl = joinWords(x, te, y), "rewrite.command"
	case kind == "dient":
		clause = rest
		clause = strings.TrimPrefix(clause, "om ")
		tmpl = "rewrite.command"
		if !strings.Contains(" "+strings.ToLower(clause)+" ", " te ") {
			tmpl = "rewrite.command.generic"
		}
	case kind == "imperative": // Dutch
		verb := toks[m.from].lower
		if verb == "zorg" {
			r := rest
			for _, p := range []string{"ervoor ", "er voor "} {
				r = strings.TrimPrefix(r, p)
			}
			if !strings.HasPrefix(strings.ToLower(r), "dat ") {
				return ""
			}
			clause, tmpl = r, "rewrite.command.ensure"
			break
		}
		inf := nlImperative[verb]
		p := -1
		for k := len(restToks) - 1; k >= 0; k-- {
			if validParticle(inf, restToks[k].lower) {
				p = k
				break
			}
		}
		te := "te " + inf
		x, y := rest, ""
		if p >= 0 {
			te = restToks[p].lower + " te " + inf
			x = strings.TrimSpace(st.text[min(trigEnd, restToks[p].start):restToks[p].start])
			y = strings.TrimSpace(st.text[restToks[p].end:bodyEnd])
		}
		clause, tmpl = joinWords(x, te, y), "rewrite.command"
	default:
		return ""
	}
	clause = joinWords(lead, st.lexReplace(stripPressure(clause)), "")
	d.Clause = clause
	for _, w := range strings.Fields(strings.ToLower(clause)) {
		if payWords[strings.Trim(w, ",.")] {
			d.Pay = true
		}
	}
	return sentencePrefix + st.render(tmpl, d)
}

// pressureWords at the start of a command's clause ("u moet toch echt …",
// "you really must …") carry the pressure the rewrite takes away.
var pressureWords = map[string]bool{
	"toch": true, "echt": true, "wel": true, "gewoon": true, "nu eenmaal": true, "really": true,
	"just": true, "simply": true, "definitely": true, "absolutely": true, "still": true,
}

func stripPressure(s string) string {
	for {
		w, rest, _ := strings.Cut(s, " ")
		if !pressureWords[strings.ToLower(w)] || rest == "" {
			return s
		}
		s = rest
	}
}

// payWords make a command about paying.
var payWords = map[string]bool{
	"betalen": true, "maken": true, "storten": true, "lossen": true, "voldoen": true, "terugbetalen": true,
	"pay": true, "transfer": true, "settle": true, "clear": true, "repay": true,
}

// particles lists which separable particles go with which verb.
var particles = map[string]string{
	"maken": "over", "nemen": "op", "vullen": "in", "sturen": "op terug door toe", "bellen": "terug op",
	"geven": "door", "lossen": "af", "storten": "terug", "betalen": "terug bij af",
}

func validParticle(inf, p string) bool {
	for _, q := range strings.Fields(particles[inf]) {
		if q == p {
			return true
		}
	}
	return false
}

func joinWords(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(p)
	}
	return b.String()
}

// closedRule rewrites a closed question. variant names the template;
// clause, when >0, is the submatch that carries the clause.
type closedRule struct {
	re      *regexp.Regexp
	variant string
	clause  int
	verb    int // submatch holding the Dutch verb, for the te-infinitive
}

var closedRules = map[assistant.Language][]closedRule{
	assistant.Dutch: {
		{re: regexp.MustCompile(`^(?:en |dus |oké,? |ok,? )?(?:kunt|kan|gaat|wilt|zult) u (.*?)\s*(betalen|overmaken|missen|voldoen|aflossen|terugbetalen)\?$`), variant: "pay", clause: 1, verb: 2},
		{re: regexp.MustCompile(`^(?:begrijpt|snapt) u (?:dat|het|mij|me|wat ik bedoel)?\s*\?$|^is dat (?:duidelijk|helder)(?: voor u)?\?$|^(?:was|is) het duidelijk\?$`), variant: "understand"},
		{re: regexp.MustCompile(`^(?:is dat|gaat u|bent u|vindt u dat) (?:goed|akkoord|oké|ok|oke|prima)(?: voor u| zo| mee| daarmee| hiermee)?\?$|^akkoord\?$|^(?:bent|gaat) u (?:het )?(?:ermee |daarmee |hiermee )?(?:eens|akkoord)\?$|^kunt u (?:daarmee|hiermee) leven\?$`), variant: "agree"},
		{re: regexp.MustCompile(`^(?:gaat|zal) (?:dat|het) lukken\?$|^lukt (?:dat|het)(?: u)?\?$|^kunt u dat(?: doen| regelen| opbrengen)?\?$`), variant: "manage"},
		{re: regexp.MustCompile(`^wilt u ((?:een|de) (?:betalingsregeling|regeling|afspraak|betalingsafspraak)(?: .*)?)\?$`), variant: "offer", clause: 1},
	},
	assistant.English: {
		{re: regexp.MustCompile(`^(?:so |and |ok,? |okay,? )?(?:can|could|will|would) you (?:afford to |manage to )?(?:pay|afford)(.*?)\?$|^are you (?:able|going) to (?:pay|afford)(.*?)\?$`), variant: "pay", clause: 1},
		{re: regexp.MustCompile(`^do you understand(?: that| me| what i mean)?\?$|^is that clear\?$|^does that make sense\?$`), variant: "understand"},
		{re: regexp.MustCompile(`^(?:is that|are you) (?:ok|okay|alright|all right|fine|happy with that|ok with that|okay with that)(?: with you| for you)?\?$|^do you agree(?: with that)?\?$|^(?:agreed|deal|ok|okay)\?$`), variant: "agree"},
		{re: regexp.MustCompile(`^(?:will|would|does|can) (?:that|this) work(?: for you)?\?$|^can you do that\?$|^will you be able to do that\?$`), variant: "manage"},
		{re: regexp.MustCompile(`^(?:do you want|would you like) (?:to set up |to arrange |to make |to have )?((?:a|the) (?:payment plan|payment arrangement|plan|repayment plan)(?: .*)?)\?$`), variant: "offer", clause: 1},
	},
}

// closedQuestion matches the sentence against the closed-question rules and
// returns the open rewrite and the span flagged.
func (st *turnState) closedQuestion(s span, body string) (string, int, int, bool) {
	lower := st.lower[s.start:s.end]
	lower = strings.TrimRight(lower, " \"'")
	off := s.start
	for _, r := range closedRules[st.l.lang] {
		m := r.re.FindStringSubmatchIndex(lower)
		if m == nil {
			continue
		}
		from, to := off, s.end
		var d factData
		amounts, dates := factParts(body)
		d.Amount, d.Date = st.join(amounts), st.join(dates)
		name := "rewrite.closed." + r.variant
		clause := ""
		ci := r.clause
		if ci > 0 && m[2*ci] < 0 && len(m) > 4 {
			ci++ // the second alternative of the English pay rule
		}
		if ci > 0 && m[2*ci] >= 0 {
			clause = strings.TrimSpace(st.text[off+m[2*ci] : off+m[2*ci+1]])
		}
		if r.variant == "pay" {
			switch {
			case clause == "":
				name = "rewrite.closed.monthly"
			case onlyDates(clause):
				name = "rewrite.closed.when"
			default:
				name = "rewrite.closed.how"
				if st.l.lang == assistant.Dutch {
					clause = clause + " " + nlTeForm[lower[m[2*r.verb]:m[2*r.verb+1]]]
				} else {
					clause = "paying " + clause
				}
			}
		}
		d.Clause = st.lexReplace(clause)
		return st.render(name, d), from, to, true
	}
	return "", 0, 0, false
}

// onlyDates reports whether s holds nothing but dates and filler words:
// "vandaag", "by Friday", "deze week nog".
func onlyDates(s string) bool {
	var b strings.Builder
	at := 0
	for _, m := range dateSpans(s) {
		b.WriteString(s[at:m[0]])
		at = m[1]
	}
	b.WriteString(s[at:])
	for _, w := range strings.Fields(strings.ToLower(b.String())) {
		if !fillerWords[w] {
			return false
		}
	}
	return true
}

// fillerWords may stand beside a date in "Kunt u vandaag nog betalen?".
var fillerWords = map[string]bool{
	"vóór": true, "voor": true, "uiterlijk": true, "op": true, "tot": true, "per": true, "vanaf": true, "na": true,
	"by": true, "before": true, "on": true, "until": true, "from": true, "nog": true, "wel": true, "dan": true,
	"al": true, "then": true, "already": true, "still": true,
}

// stockRewrite keeps the acknowledgement but makes it personal and adds the
// question that was missing.
func (st *turnState) stockRewrite(s span, toks []token, m match, refusal bool) string {
	q := st.l.question
	if st.event != "" || refusal {
		// After bad news or a refusal: what would help, not what happened.
		q = st.l.questionEvent
	}
	if !refusal && len(toks)-(m.to-m.from) <= 3 {
		return st.l.ack[st.event] + " " + q
	}
	start, end := toks[m.from].start, toks[m.to-1].end
	st.rws = append(st.rws, &rw{start: start, end: end, level: levelTerm, text: fitCase(m.e, st.text, start, end, m.from == 0)})
	return st.applyInner(s) + " " + q
}

// isEmpathy reports whether a stock phrase tries to empathise (and can give
// way to a personal acknowledgement) rather than refuse.
func isEmpathy(phrase string) bool {
	for _, w := range []string{"vervelend", "jammer", "frustrati", "unfortunate", "shame"} {
		if strings.Contains(phrase, w) {
			return true
		}
	}
	return false
}

// split cuts a long sentence in two at a coordinating conjunction near its
// middle; it returns "" when there is no safe place.
func (st *turnState) split(s string) string {
	type cut struct {
		sep  string
		keep string // the word that opens the second sentence, if kept
	}
	cuts := []cut{{", en ", ""}, {", maar ", "Maar "}, {", dus ", "Dus "}, {"; ", ""}}
	if st.l.lang == assistant.English {
		cuts = []cut{{", and ", ""}, {", but ", "But "}, {", so ", "So "}, {"; ", ""}}
	}
	best, bestSep, bestKeep := -1, "", ""
	mid := len(s) / 2
	for _, c := range cuts {
		for i := 0; ; {
			j := strings.Index(s[i:], c.sep)
			if j < 0 {
				break
			}
			at := i + j
			left, right := s[:at], s[at+len(c.sep):]
			if len(strings.Fields(left)) >= 5 && len(strings.Fields(right)) >= 5 {
				if best < 0 || abs(at-mid) < abs(best-mid) {
					best, bestSep, bestKeep = at, c.sep, c.keep
				}
			}
			i = at + len(c.sep)
		}
	}
	if best < 0 {
		return ""
	}
	right := s[best+len(bestSep):]
	if bestKeep != "" {
		right = bestKeep + right
	}
	return s[:best] + ". " + upperFirst(right)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// hadToBlame finds the blame that Dutch splits around its object: "U had de
// € 120 vóór 1 maart moeten betalen".
func (st *turnState) hadToBlame(toks []token) (int, int, bool) {
	if st.l.lang != assistant.Dutch {
		return 0, 0, false
	}
	for i := 0; i+1 < len(toks); i++ {
		a, b := toks[i].lower, toks[i+1].lower
		if !(a == "u" && b == "had") && !(a == "had" && b == "u") {
			continue
		}
		for j := i + 2; j < len(toks) && j <= i+12; j++ {
			if toks[j].lower == "moeten" || toks[j].lower == "kunnen" {
				return toks[i].start, toks[j].end, true
			}
		}
	}
	return 0, 0, false
}
