package phrasing

import (
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// Jargon, officialese, policy talk, stock phrases, blame and belittling
// words share one lexicon of plain-language terms (lexicon/*.tsv), so that
// the longest form decides ("conform onze voorwaarden" is policy talk, not
// the officialese "conform"). Jargon, officialese, policy talk and
// belittling words are rewritten term by term here (termrw.go); stock
// phrases go to stock.go and blame to blame.go, whose rewrites need the
// whole sentence; legal steps are kept for the threat detector.

// findTerms flags the plain-language terms of the sentence and rewrites
// each that has a safe rewrite.
func (st *turnState) findTerms(sn *sentence) error {
	l := st.l
	var mbuf [8]termMatch
	sense := func(f *termForm, spans [][2]int) bool { return senseOK(l.lang, sn.toks, sn.clauseStart, f, spans) }
	for _, m := range l.terms.find(mbuf[:0], sn.toks, sense) {
		e := m.f.e
		start, end := sn.toks[m.from()].start, sn.toks[m.to()-1].end
		switch e.finding {
		case assistant.FindingStockPhrase:
			if err := st.stockPhrase(sn, m); err != nil {
				return err
			}
			continue
		case assistant.FindingBlame:
			sn.blamed = true
			if sn.blame == nil {
				mm := m
				sn.blame = &mm
			}
			st.addSentence(sn, assistant.FindingBlame, start, end, l.reasons[assistant.FindingBlame])
			continue
		}
		if e.key != "" {
			// A legal step waits for the threat detector: in a threat the
			// threat finding and its rewrite cover it.
			sn.legal = append(sn.legal, m)
			continue
		}
		if err := st.addTerm(sn, m); err != nil {
			return err
		}
	}
	return nil
}

// addLegalSteps reports the legal steps of a sentence that neither
// threatens nor sets an ultimatum as jargon, unless they are everyday words.
func (st *turnState) addLegalSteps(sn *sentence) error {
	if len(sn.consequences) > 0 || sn.ultimatum {
		return nil
	}
	for _, m := range sn.legal {
		if m.f.e.plainword {
			continue
		}
		if err := st.addTerm(sn, m); err != nil {
			return err
		}
	}
	return nil
}

// addTerm flags term m with its rewrite, if a safe one exists.
func (st *turnState) addTerm(sn *sentence, m termMatch) error {
	e := m.f.e
	start, end := sn.toks[m.from()].start, sn.toks[m.to()-1].end
	r := st.orRelative(sn, m, st.termRewrite(sn, m))
	if r != nil {
		st.rws = append(st.rws, r)
	}
	reason, data, err := st.termReason(e, st.text[start:end], m.f, r != nil)
	if err != nil {
		return err
	}
	i := st.add(e.finding, start, end, reason, r)
	st.findings[i].lexKind = e.kind
	st.findings[i].reasonData = data
	st.findings[i].plain = plainOf(m.f)
	return nil
}

// plainOf is the plain wording a term's reason and tip name: the
// alternative its form's rewrite puts in where the entry lists it ("remit"
// → "pay", not the entry's first alternative "payment"), else the first.
// Reason and swap then say the same word.
func plainOf(f *termForm) string {
	e := f.e
	if len(e.plain) == 0 || e.plain[0] == omitMark {
		return ""
	}
	if f.rw.ok && len(f.rw.parts) == 1 {
		swap := strings.ToLower(f.rw.parts[0])
		for _, p := range e.plain {
			if p == swap {
				return p
			}
		}
	}
	return e.plain[0]
}

// termReason says why a term loses the customer and what to say instead;
// without a rewrite it asks the agent to rephrase rather than swap the word.
// The data it rendered comes back too, for the guard to say it again once a
// sentence repair has taken the plain word's place (repair.go).
func (st *turnState) termReason(e *lexEntry, text string, f *termForm, rewritten bool) (string, *reasonData, error) {
	plain := plainOf(f)
	switch e.finding {
	case assistant.FindingJargon, assistant.FindingOfficialese, assistant.FindingBelittling:
		data := &reasonData{
			Text: lowerFirst(text), Plain: plain, Kind: e.kind, Rewritten: rewritten, Omit: f.rw.omits() || (len(e.plain) > 0 && e.plain[0] == omitMark),
		}
		s, err := prompts.Render(st.l.lang, "reason."+string(e.finding), *data)
		return s, data, err
	}
	return st.l.reasons[e.finding], nil, nil
}

// lexReplace replaces the terms in a piece of text captured for a sentence
// rewrite, so that the rewrite does not bring back a term the finding
// removed. Only one-part replacements that need no repair around them are
// made here; the rest of the text stays as the agent said it.
func (st *turnState) lexReplace(s string) string {
	if s == "" {
		return s
	}
	lower := lowerSameWidth(s)
	var buf [32]token
	toks := tokenize(buf[:0], lower, 0, len(lower))
	var mbuf [8]termMatch
	// The clauses of the rewritten text start where it starts and after
	// its punctuation; taking every word as a clause start would read a
	// noun as a verb ("a permit to prospect" → "a let to prospect").
	clauseStart := func(k int) bool {
		return k == 0 || strings.ContainsAny(lower[toks[k-1].end:toks[k].start], ",;:.?!")
	}
	ms := st.l.terms.find(mbuf[:0], toks, func(f *termForm, spans [][2]int) bool {
		return senseOK(st.l.lang, toks, clauseStart, f, spans)
	})
	if len(ms) == 0 {
		return s
	}
	var b strings.Builder
	at := 0
	for _, m := range ms {
		rw := m.f.rw
		if !rw.ok || len(m.spans) != 1 || rw.parts[0] == "" {
			continue
		}
		repl := rw.parts[0]
		if st.l.lang == assistant.Dutch && heavy(rw.parts) && m.to() < len(toks) {
			if rw.light == nil {
				continue
			}
			repl = rw.light[0]
		}
		start, end := toks[m.from()].start, toks[m.to()-1].end
		if start < at {
			continue
		}
		if rw.gender != "" && m.from() > 0 {
			// The article goes with the plain noun: "de hoofdsom" →
			// "het oorspronkelijke bedrag".
			if forms, ok := nlDeHet[toks[m.from()-1].lower]; ok && toks[m.from()-1].start >= at {
				start = toks[m.from()-1].start
				det := forms[0]
				if rw.gender == "het" {
					det = forms[1]
				}
				repl = det + " " + repl
			}
		}
		if isUpperAt(s, start) {
			repl = upperFirst(repl)
		}
		b.WriteString(s[at:start])
		b.WriteString(repl)
		at = end
	}
	b.WriteString(s[at:])
	return b.String()
}

func isUpperAt(s string, i int) bool {
	for _, r := range s[i:] {
		return r >= 'A' && r <= 'Z' || r == 'É'
	}
	return false
}
