package phrasing

import (
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/vulnerability"
)

// rewrite levels: a sentence rewrite wins over the clause and term rewrites
// inside it, a clause rewrite over the terms inside it.
const (
	levelTerm = iota
	levelClause
	levelSentence
)

type rw struct {
	start, end int // bytes in the turn
	text       string
	level      int
}

type finding struct {
	kind       assistant.FindingKind
	start, end int // bytes in the turn
	reason     string
	rw         *rw
}

// reasonData fills the reasons that quote the sentence.
type reasonData struct {
	Text, Plain string
	Words, Max  int
}

// turnState carries what one Phrase call has learnt about the turn.
type turnState struct {
	l        *lexicon
	text     string
	lower    string
	toks     []token
	findings []finding
	rws      []*rw
	event    vulnerability.Topic // what the customer went through, from the context

	// Room for a sentence's usual few findings and consequences, so that
	// they cost no allocation.
	rewrittenBuf    [4]int
	consequencesBuf [2]string
}

// add records a finding; sentence-level findings get their rewrite once the
// sentence's rewrite is known.
func (st *turnState) add(kind assistant.FindingKind, start, end int, reason string, r *rw) int {
	st.findings = append(st.findings, finding{kind: kind, start: start, end: end, reason: reason, rw: r})
	return len(st.findings) - 1
}

// sentence is one sentence of the turn while the detectors run over it, with
// what they found that decides its rewrite.
type sentence struct {
	span
	toks     []token // its words
	body     string  // its text without the final punctuation
	question bool
	text     string // the whole turn, whose gaps between words mark clauses

	// rewritten are the findings (indexes into turnState.findings) that
	// take the sentence's rewrite.
	rewritten []int

	stock        *match   // the stock phrase the rewrite makes personal
	refusal      bool     // a stock phrase refuses rather than empathises
	consequences []string // the threatened consequences, by key
	ultimatum    bool
	blamed       bool
	command      *match // the first command, which the rewrite turns into a question
	closedText   string // the open question for a closed one
	long         bool
}

// clauseStart reports whether word i opens the sentence or a clause in it.
func (sn *sentence) clauseStart(i int) bool {
	if i == 0 {
		return true
	}
	return strings.ContainsAny(sn.text[sn.toks[i-1].end:sn.toks[i].start], ",;:")
}

// addSentence records a finding that takes the sentence's rewrite.
func (st *turnState) addSentence(sn *sentence, kind assistant.FindingKind, start, end int, reason string) {
	sn.rewritten = append(sn.rewritten, st.add(kind, start, end, reason, nil))
}

// analyse finds everything in the sentence s, whose words are st.toks[ti:tj],
// and builds its rewrites. The detectors run from the terms up to the whole
// sentence, because the sentence rewrites reuse the term rewrites inside them.
func (st *turnState) analyse(s span, ti, tj int) error {
	toks := st.toks[ti:tj]
	if len(toks) == 0 {
		return nil
	}
	body, mark := trimEnd(st.text[s.start:s.end])
	sn := &sentence{span: s, toks: toks, body: body, question: mark == "?", text: st.text}
	// The sentence is done with these before the next one starts, so
	// every sentence of the turn reuses the same room.
	sn.rewritten, sn.consequences = st.rewrittenBuf[:0], st.consequencesBuf[:0]

	if err := st.findTerms(sn); err != nil {
		return err
	}
	st.findThreats(sn)
	st.findUltimatum(sn)
	st.findBlame(sn)
	st.findCommand(sn)
	if err := st.findClosedQuestion(sn); err != nil {
		return err
	}
	st.passive(s, toks, sn.clauseStart)
	if err := st.findLongSentence(sn); err != nil {
		return err
	}

	text, err := st.sentenceRewrite(sn)
	if err != nil || text == "" {
		return err
	}
	r := &rw{start: s.start, end: s.end, text: text, level: levelSentence}
	st.rws = append(st.rws, r)
	for _, i := range sn.rewritten {
		st.findings[i].rw = r
	}
	return nil
}

// sentenceRewrite writes the sentence anew from its most important pattern;
// it returns "" when no pattern calls for it or none can be rewritten safely.
func (st *turnState) sentenceRewrite(sn *sentence) (string, error) {
	switch {
	case len(sn.consequences) > 0:
		return st.threatRewrite(sn)
	case sn.ultimatum:
		return st.ultimatumRewrite(sn)
	case sn.blamed:
		return st.blameRewrite(sn)
	case sn.command != nil:
		return st.commandRewrite(sn.span, sn.body, sn.toks, *sn.command)
	case sn.closedText != "":
		return sn.closedText, nil
	case sn.stock != nil:
		return st.stockRewrite(sn.span, sn.toks, *sn.stock, sn.refusal), nil
	case sn.long:
		return st.split(st.applyInner(sn.span)), nil
	}
	return "", nil
}
