package phrasing

import (
	"regexp"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// A closed question ("Kunt u vrijdag betalen?", "Is that OK?") makes "no" an
// easy answer; an open one gets the customer thinking along. The questions
// the engine can open up are the closedQuestions patterns of each language's
// lexicon; the rewrite is a template per variant.

// closedRule rewrites a closed question. variant names the template;
// clause, when >0, is the submatch that carries the clause.
type closedRule struct {
	re      *regexp.Regexp
	variant string
	clause  int
	verb    int // submatch holding the Dutch verb, for the te-infinitive
}

// findClosedQuestion flags a whole question that a rule opens up and keeps
// its open rewrite. A question that is also a command is left to the command
// rewrite.
func (st *turnState) findClosedQuestion(sn *sentence) error {
	if !sn.question || sn.command != nil {
		return nil
	}
	text, ok, err := st.closedQuestion(sn.span, sn.body)
	if err != nil || !ok {
		return err
	}
	sn.closedText = text
	st.addSentence(sn, assistant.FindingClosedQuestion, sn.start, sn.end, st.l.reasons[assistant.FindingClosedQuestion])
	return nil
}

// closedQuestion matches the sentence against the closed-question rules and
// returns the open rewrite.
func (st *turnState) closedQuestion(s span, body string) (string, bool, error) {
	lower := st.lower[s.start:s.end]
	lower = strings.TrimRight(lower, " \"'")
	off := s.start
	for _, r := range st.l.words.closedQuestions {
		m := r.re.FindStringSubmatchIndex(lower)
		if m == nil {
			continue
		}
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
		text, err := st.render(name, d)
		return text, err == nil, err
	}
	return "", false, nil
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
