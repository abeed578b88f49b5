package phrasing

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// Jargon, policy talk and stock phrases share one lexicon of plain-language
// terms (the lexicon.* templates), so that the longest phrase decides
// ("conform onze voorwaarden" is policy talk, not the jargon "conform").
// Jargon and policy talk are rewritten term by term here; stock phrases go to
// stock.go, whose rewrite needs the whole sentence.

// findTerms flags the plain-language terms of the sentence and replaces each
// that has plain wording.
func (st *turnState) findTerms(sn *sentence) error {
	l := st.l
	var mbuf [8]match
	for _, m := range l.terms.findAll(mbuf[:0], sn.toks, sn.clauseStart) {
		kind := assistant.FindingKind(m.e.key)
		if kind == assistant.FindingStockPhrase {
			if err := st.stockPhrase(sn, m); err != nil {
				return err
			}
			continue
		}
		start, end := sn.toks[m.from].start, sn.toks[m.to-1].end
		var r *rw
		if m.e.plain != "" {
			r = &rw{start: start, end: end, level: levelTerm, text: fitCase(m.e, st.text, start, end, m.from == 0)}
			st.rws = append(st.rws, r)
		}
		reason := l.reasons[kind]
		if kind == assistant.FindingJargon {
			var err error
			reason, err = prompts.Render(l.lang, "reason.jargon", reasonData{Text: lowerFirst(st.text[start:end]), Plain: m.e.plain})
			if err != nil {
				return err
			}
		}
		st.add(kind, start, end, reason, r)
	}
	return nil
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
// text captured for a sentence rewrite, so that the rewrite does not bring
// back a term the finding removed.
func (st *turnState) lexReplace(s string) string {
	if s == "" {
		return s
	}
	lower := lowerSameWidth(s)
	var buf [32]token
	toks := tokenize(buf[:0], lower, 0, len(lower))
	var mbuf [8]match
	ms := st.l.terms.findAll(mbuf[:0], toks, always)
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
