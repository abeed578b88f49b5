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
	// capNext: a word left out opened the sentence, so the text after it
	// starts with a capital now.
	capNext bool
}

type finding struct {
	kind       assistant.FindingKind
	start, end int // bytes in the turn
	reason     string
	rw         *rw
	plain      string // a term's plain wording, for the tip
	lexKind    string // a term's lexicon kind ("sarcasm"), for the tip
	swap       string // a term's own rewrite where a sentence repair took its place (repair.go), for the tip
	// said and asked are the sentence and its repair where a sentence
	// repair took a term's rewrite's place: the tip quotes the repair, not
	// a plain word that may itself order ("moet … betalen", "must").
	said, asked string
	drop        bool // said better by another finding; not reported

	// reasonData is what a term's reason was rendered from, to render it
	// again where a sentence repair changed what the suggestion says.
	reasonData *reasonData
}

// reasonData fills the reasons that quote the sentence.
type reasonData struct {
	Text, Plain     string
	Words, Max      int
	Kind            string // the lexicon kind of a term
	Asked           string // the question a sentence repair put in the plain word's place
	Rewritten, Omit bool
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
	// askedConsequence: the customer's last turn asks what happens, so a
	// plain answer naming a consequence is no threat.
	askedConsequence bool

	sents []sentInfo

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

	stock        *termMatch  // the stock phrase the rewrite makes personal
	blame        *termMatch  // the first blaming phrase of the lexicon
	legal        []termMatch // legal steps of the lexicon, consequences if the sentence threatens
	refusal      bool        // a stock phrase refuses rather than empathises
	consequences []string    // the threatened consequences, by key
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

// newSentence starts sentence s, whose words are st.toks[ti:tj], for the
// detectors; it returns nil for a sentence without words.
func (st *turnState) newSentence(s span, ti, tj int) *sentence {
	toks := st.toks[ti:tj]
	if len(toks) == 0 {
		return nil
	}
	body, mark := trimEnd(st.text[s.start:s.end])
	sn := &sentence{span: s, toks: toks, body: body, question: mark == "?", text: st.text}
	// The sentence is done with these before the next one starts, so
	// every sentence of the turn reuses the same room.
	sn.rewritten, sn.consequences = st.rewrittenBuf[:0], st.consequencesBuf[:0]
	return sn
}

// analyse finds everything in the sentence s, whose words are st.toks[ti:tj],
// and builds its rewrites. The detectors run from the terms up to the whole
// sentence, because the sentence rewrites reuse the term rewrites inside them.
func (st *turnState) analyse(s span, ti, tj int) error {
	sn := st.newSentence(s, ti, tj)
	if sn == nil {
		return nil
	}
	if err := st.findTerms(sn); err != nil {
		return err
	}
	st.findThreats(sn)
	st.findUltimatum(sn)
	if err := st.addLegalSteps(sn); err != nil {
		return err
	}
	st.findBlame(sn)
	st.findCommand(sn)
	st.dropInsideCommand(sn)
	if err := st.findClosedQuestion(sn); err != nil {
		return err
	}
	st.passive(s, sn.toks, sn.clauseStart)
	if err := st.findLongSentence(sn); err != nil {
		return err
	}

	st.sents = append(st.sents, sentInfo{span: s, pressing: st.pressing(sn), question: sn.question, asksPay: asksPayment(sn)})
	text, err := st.sentenceRewrite(sn)
	if err != nil || text == "" {
		return err
	}
	r := &rw{start: s.start, end: s.end, text: text, level: levelSentence}
	if !st.keeps(r) {
		// A rewrite that loses an amount, a date, a percentage or a
		// reference is worse than none: the findings stand and say
		// what to change.
		return nil
	}
	st.rws = append(st.rws, r)
	for _, i := range sn.rewritten {
		f := &st.findings[i]
		// A sentence rewrite made for another finding may keep this one's
		// words ("Ik begrijp het. Lukt het u …"): then it is no rewrite of
		// this finding.
		if strings.Contains(strings.ToLower(text), strings.ToLower(st.text[f.start:f.end])) {
			continue
		}
		f.rw = r
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
		return st.stockRewrite(sn, *sn.stock, sn.refusal), nil
	case sn.long:
		return st.split(st.applyInner(sn.span)), nil
	}
	return "", nil
}

// dropInsideCommand removes a term finding that is the command's own
// trigger ("dient" in "u dient … te voldoen"): the command finding and its
// rewrite say it better.
func (st *turnState) dropInsideCommand(sn *sentence) {
	if sn.command == nil {
		return
	}
	from, to := sn.toks[sn.command.from].start, sn.toks[sn.command.to-1].end
	for i := range st.findings {
		f := &st.findings[i]
		if (f.kind == assistant.FindingOfficialese || f.kind == assistant.FindingJargon) && f.start >= from && f.end <= to && f.rw == nil {
			f.drop = true
		}
	}
}
