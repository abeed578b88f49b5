package phrasing

import (
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// An ultimatum leaves the customer no room: a last chance, or a deadline tied
// to a consequence ("vóór vrijdag, anders …", "by Friday or we'll …"). A date
// alone, or a choice of dates, is no ultimatum. The rewrite asks what is
// possible, keeping the amounts and dates.

// findUltimatum flags a last chance, else a deadline linked to what happens
// otherwise, else a deadline in a sentence that also threatens.
func (st *turnState) findUltimatum(sn *sentence) {
	l, toks := st.l, sn.toks
	reason := l.reasons[assistant.FindingUltimatum]
	ults := l.ultimatums.findAll(nil, toks, always)
	for _, m := range ults {
		if lastChance(m.e.phrase) {
			sn.ultimatum = true
			st.addSentence(sn, assistant.FindingUltimatum, toks[m.from].start, toks[m.to-1].end, reason)
		}
	}
	if sn.ultimatum {
		return
	}
	dates := dateSpansL(st.lower[sn.start : sn.start+len(sn.body)])
	for _, lk := range l.links.findAll(nil, toks, always) {
		// "on Friday or Monday" offers a choice; "by Friday or we'll …"
		// ties the date to a consequence.
		if lk.e.phrase == "or" && len(sn.consequences) == 0 && (lk.to >= len(toks) || !l.orConsequence[toks[lk.to].lower]) {
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
			ds, de := sn.start+d[0], sn.start+d[1]
			if de <= linkStart && (lk.from < 4 || de >= toks[lk.from-4].end) {
				if p := datePrepRE.FindStringIndex(st.lower[sn.start:ds]); p != nil {
					ds = sn.start + p[0]
				}
				from = ds
			}
		}
		if from >= 0 {
			sn.ultimatum = true
			st.addSentence(sn, assistant.FindingUltimatum, from, toks[lk.to-1].end, reason)
			return
		}
	}
	if len(sn.consequences) > 0 && len(ults) > 0 {
		m := ults[0]
		sn.ultimatum = true
		st.addSentence(sn, assistant.FindingUltimatum, toks[m.from].start, toks[m.to-1].end, reason)
	}
}

// lastChance reports whether an ultimatum phrase is one on its own: "laatste
// kans", "final warning", unlike "vandaag nog".
func lastChance(phrase string) bool {
	for _, w := range lastChanceParts {
		if strings.Contains(phrase, w) {
			return true
		}
	}
	return false
}

// ultimatumRewrite asks what is possible instead of setting the deadline.
func (st *turnState) ultimatumRewrite(sn *sentence) (string, error) {
	return st.render("rewrite.ultimatum", st.facts(sn.start, sn.body, true))
}
