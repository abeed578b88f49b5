package phrasing

import (
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// A stock phrase ("Dat is vervelend", "I understand your frustration")
// sounds empty when nothing follows it. findTerms finds it in the shared term
// lexicon; the rewrite makes the acknowledgement personal and adds the
// question that was missing.

// stockPhrase flags the stock phrase m unless the turn follows it up. The
// first one in the sentence is left to the sentence rewrite; a second one is
// replaced in place.
func (st *turnState) stockPhrase(sn *sentence, m termMatch) error {
	start, end := sn.toks[m.from()].start, sn.toks[m.to()-1].end
	if st.followedUp(end) {
		return nil
	}
	sn.refusal = sn.refusal || !isEmpathy(m.f.text)
	if sn.stock == nil {
		mm := m // only the kept match goes to the heap
		sn.stock = &mm
	} else if r := st.termRewrite(sn, m); r != nil {
		st.rws = append(st.rws, r)
	}
	reason, err := prompts.Render(st.l.lang, "reason.stock-phrase", reasonData{Text: st.text[start:end]})
	if err != nil {
		return err
	}
	st.addSentence(sn, assistant.FindingStockPhrase, start, end, reason)
	return nil
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

// isEmpathy reports whether a stock phrase tries to empathise (and can give
// way to a personal acknowledgement) rather than refuse.
func isEmpathy(phrase string) bool {
	for _, w := range empathyParts {
		if strings.Contains(phrase, w) {
			return true
		}
	}
	return false
}

// stockRewrite keeps the acknowledgement but makes it personal and adds the
// question that was missing.
func (st *turnState) stockRewrite(sn *sentence, m termMatch, refusal bool) string {
	q := st.l.question
	if st.event != "" || refusal {
		// After bad news or a refusal: what would help, not what happened.
		q = st.l.questionEvent
	}
	if !refusal && len(sn.toks)-(m.to()-m.from()) <= 3 {
		return st.l.acks[st.event] + " " + q
	}
	r := st.termRewrite(sn, m)
	if r == nil {
		// No safe wording for the phrase inside a longer sentence: the
		// finding says what to add instead.
		return ""
	}
	st.rws = append(st.rws, r)
	return st.applyInner(sn.span) + " " + q
}
