package phrasing

import (
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// Blame puts the fault on the customer ("U had eerder moeten bellen", "You
// should have paid"). It changes nothing that has happened and makes the
// customer defensive; the rewrite states what is open and looks ahead.

// findBlame flags the blame the lexicon's phrases miss: findTerms has
// flagged those already.
func (st *turnState) findBlame(sn *sentence) {
	reason := st.l.reasons[assistant.FindingBlame]
	if sn.blamed {
		return
	}
	if from, to, ok := st.hadToBlame(sn.toks); ok {
		sn.blamed = true
		st.addSentence(sn, assistant.FindingBlame, from, to, reason)
	}
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

// blameRewrite says what is still open, without whose fault it is, and asks
// how to solve it together. A sentence that is nothing but a refusal of
// ownership ("Dat is niet onze fout.", "That's not my department.") gets
// the lexicon's own wording, which owns the next step instead.
func (st *turnState) blameRewrite(sn *sentence) (string, error) {
	if m := sn.blame; m != nil && m.f.e.pos == "sentence" && len(sn.toks)-m.words() <= 1 {
		if w := m.f.e.plain[0]; !strings.ContainsAny(w, "[…") && w != omitMark {
			d := st.facts(sn.start, sn.body, false)
			if d.Amount == "" && d.Date == "" {
				return upperFirst(w) + ".", nil
			}
		}
	}
	return st.render("rewrite.blame", st.facts(sn.start, sn.body, false))
}
