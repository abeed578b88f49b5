package phrasing

import (
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// A command ("U moet vóór vrijdag betalen", "You need to call us") puts the
// customer under pressure; a question invites them to work with the agent.
// The rewrite turns the command into a question that leaves room: "Lukt het u
// om vóór vrijdag te betalen? Zo niet, …".

// findCommand flags the commands of a sentence that is not a question ("Moet
// u nog iets weten?" orders nothing) and keeps the first for the rewrite.
func (st *turnState) findCommand(sn *sentence) {
	if sn.question {
		return
	}
	toks := sn.toks
	for _, m := range st.l.commands.findAll(nil, toks, sn.clauseStart) {
		if m.from > 0 && conditional[toks[m.from-1].lower] {
			continue
		}
		if m.from > 0 && relativeWords[toks[m.from-1].lower] && subjectPronouns[toks[m.from].lower] {
			// "the date by which you must pay", "de datum waarop u moet
			// betalen": the modal describes the date and orders nothing.
			// A demonstrative before the verb opens a main clause that
			// does order: "Die moet u vóór vrijdag betalen".
			continue
		}
		if st.l.notCommand(toks, m) || !st.presses(sn, m) {
			continue
		}
		if sn.command == nil {
			mm := m
			sn.command = &mm
		}
		st.addSentence(sn, assistant.FindingCommand, toks[m.from].start, toks[m.to-1].end, st.l.reasons[assistant.FindingCommand])
	}
}

// subjectPronouns address the customer as the subject of a command.
var subjectPronouns = wordSet([]string{"you", "u", "je", "jij"})

// presses reports whether a command puts the customer under pressure: it
// demands a payment, names an amount or a deadline, carries a pressure word
// ("toch echt", "really"), lectures ("u moet begrijpen dat"), or is the
// stiff "u dient" / "you are required to". A plain direct request ("Stuur
// ons uw loonstrook", "You must provide your address") is what the public
// plain-language guides recommend, so it is left alone.
func (st *turnState) presses(sn *sentence, m match) bool {
	if m.e.key == "dient" || strings.Contains(m.e.phrase, "verplicht") || strings.Contains(m.e.phrase, "required") {
		return true
	}
	toks := sn.toks
	end := len(toks)
	if m.to < end && knowVerbs[toks[m.to].lower] {
		return true
	}
	for k := 0; k < end; k++ {
		w := toks[k].lower
		if pressureWords[w] || (payWords[w] && !(k+1 < len(toks) && toks[k+1].lower == "aan")) || payWords[nlImperative[w]] {
			return true
		}
	}
	body := st.lower[sn.start : sn.start+len(sn.body)]
	return len(amountSpansL(body)) > 0 || len(dateSpansL(body)) > 0
}

// notCommand recognises what looks like a command but is not one: a guess
// ("U moet wel geschrokken zijn", "You must be worried") or a friendly
// invitation ("Bel gerust", "Call me if you need anything").
func (l *lexicon) notCommand(toks []token, m match) bool {
	rest := toks[m.to:]
	if len(rest) == 0 {
		return true
	}
	if m.e.key == "to" || m.e.key == "modal" {
		switch rest[0].lower {
		case "be", "have", "feel", "niet":
			return true
		}
		if m.e.key == "modal" && l.stateVerbs[rest[len(rest)-1].lower] {
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

// commandRewrite turns a command into a question that leaves room: "U moet
// vóór vrijdag betalen" → "Lukt het u om vóór vrijdag te betalen? Zo niet, …".
// It returns "" where the clause cannot be moved safely; the finding then
// stands without a rewrite.
func (st *turnState) commandRewrite(s span, body string, toks []token, m match) (string, error) {
	bodyEnd := s.start + len(body)
	trigEnd := toks[m.to-1].end
	// A clause after the command ("…, zo simpel is het") goes, unless it
	// holds an amount or a date the rewrite must keep. The comma or point
	// inside an amount, a date, a percentage or a reference ("£1,234.56",
	// "€ 12,50", "2,5%") ends no clause.
	facts := factSpans(body, st.lower[s.start:bodyEnd])
	for k := m.to + 1; k < len(toks); k++ {
		if gap := st.text[toks[k-1].end:toks[k].start]; strings.ContainsAny(gap, ",;:") {
			cut := toks[k-1].end
			if inAny(facts, cut-s.start, toks[k].start-s.start) {
				continue
			}
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
		return "", nil // the templates address the customer as "u"; a "je" turn keeps its finding only
	}
	inverted := kind != "imperative" && st.l.lang == assistant.Dutch && !strings.HasPrefix(m.e.phrase, "u ") && !strings.HasPrefix(m.e.phrase, "je ")
	lead, sentencePrefix := "", ""
	switch {
	case prefix == "" || kind == "imperative":
	case strings.ContainsAny(st.text[pre[len(pre)-1].end:toks[m.from].start], ",;:") && purposeOpeners[pre[0].lower]:
		// "Teneinde de kosten te beperken, dient u …", "In order to avoid
		// charges, you are required to …": a clause of purpose cannot
		// stand before the question, nor alone.
		return "", nil
	case inverted:
		// Only a date or an amount moves into the question ("Vóór 1
		// april moet u …"); a clause such as "Zoals gesteld in de brief"
		// or "Volgens de voorwaarden" does not fit inside it.
		if strings.ContainsAny(prefix, ",;:") || len(pre) > 4 || (len(dateSpans(prefix)) == 0 && len(amountSpans(prefix)) == 0) {
			return "", nil
		}
		lead = lowerFirst(prefix)
	case len(pre) >= 2:
		// "Het bedrag is € 450, dus u moet …" keeps its first sentence;
		// "Pursuant to the agreement, you must …" has no verb of its own
		// and would be left as a fragment.
		if !holdsFinite(st.l.lang, prefix) {
			return "", nil
		}
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
		// "All you have to do is just call us": the task is what follows
		// "do is", without the word that makes it small.
		if len(restToks) >= 3 && restToks[0].lower == "do" && restToks[1].lower == "is" {
			k := 2
			for k < len(restToks)-1 && enTaskSofteners[restToks[k].lower] {
				k++
			}
			clause = strings.TrimSpace(st.text[restToks[k].start:bodyEnd])
		}
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
			for _, w := range strings.Fields(strings.ToLower(clause)) {
				if strings.Trim(w, ".,!?") == "in" {
					// Without "te", "u dient … in" is the verb
					// "indienen", not "u moet": "Wilt u een verzoek
					// in?" is no Dutch. The term rewrite ("u stuurt
					// ons een verzoek") covers it.
					return "", nil
				}
			}
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
				return "", nil
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
		return "", nil
	}
	clause = joinWords(lead, st.lexReplace(stripPressure(clause)), "")
	d.Clause = clause
	for _, w := range strings.Fields(strings.ToLower(clause)) {
		if payWords[strings.Trim(w, ",.")] {
			d.Pay = true
		}
	}
	text, err := st.render(tmpl, d)
	if err != nil {
		return "", err
	}
	return sentencePrefix + text, nil
}

// holdsFinite reports whether the text holds a finite verb the sentence
// splitter knows, so that it stands as a sentence of its own.
func holdsFinite(lang assistant.Language, text string) bool {
	for _, w := range strings.Fields(strings.ToLower(text)) {
		w = strings.Trim(w, ".,;:()\"'“”‘’")
		if cutFinite[lang][w] || cutVerbs[lang][w] {
			return true
		}
	}
	return false
}

// purposeOpeners open a clause of purpose or condition before a command.
var purposeOpeners = wordSet([]string{"teneinde", "om", "to", "in", "if", "als", "indien", "when", "wanneer", "omdat", "because"})

// stripPressure drops the words of a command's clause that carry its
// pressure, wherever they stand: "u moet toch echt …", "u moet het bedrag
// echt vóór vrijdag betalen", "you really must …". A question that keeps
// them ("Lukt het u om het bedrag echt vóór vrijdag te betalen?") still
// presses.
func stripPressure(s string) string {
	words := strings.Fields(s)
	kept := make([]string, 0, len(words))
	for i, w := range words {
		if pressureWords[strings.ToLower(w)] && (len(kept) > 0 || i < len(words)-1) {
			continue
		}
		kept = append(kept, w)
	}
	return strings.Join(kept, " ")
}

// validParticle reports whether p is a separable particle of the Dutch verb
// inf ("maak … over").
func validParticle(inf, p string) bool {
	for _, q := range strings.Fields(nlVerbParticles[inf]) {
		if q == p {
			return true
		}
	}
	return false
}

// enTaskSofteners make a task sound small ("just", "simply"); a request
// drops them.
var enTaskSofteners = wordSet([]string{"just", "simply", "only", "merely"})
