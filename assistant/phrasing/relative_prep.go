package phrasing

import (
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// strandPrepositions are the prepositions of a formal English relative
// ("the topic about which you wrote") that read well at the end of the
// clause ("the topic you wrote about"), as plainlanguage.gov rewrites it.
// "in which", "of which", "under which" do not: "the month you paid in" is
// no better, and their finding keeps its advice.
var strandPrepositions = wordSet([]string{"about", "to", "for", "from", "with", "on", "by"})

// strandPronouns are the subjects after "which" that the rewrite accepts.
var strandPronouns = wordSet([]string{"i", "we", "you", "they", "he", "she"})

// relativeRewrite rewrites a formal relative "<preposition> which" whose
// lexicon entry gives no safe swap: the preposition moves to the end of the
// relative clause and "which" goes ("the date by which you must pay" →
// "the date you must pay by"). Only where the clause is short and plainly
// ends with the sentence or at a comma, so that the preposition lands
// after its own verb: a subject pronoun, up to two auxiliaries and one
// verb. "the letter to which you replied was lost" goes on after the verb,
// so it is left to the agent.
func (st *turnState) relativeRewrite(sn *sentence, m termMatch) *rw {
	if st.l.lang != assistant.English || m.f.e.sense != "relative" || len(m.spans) != 1 {
		return nil
	}
	toks := sn.toks
	from, to := m.from(), m.to()
	if to-from != 2 || toks[to-1].lower != "which" || !strandPrepositions[toks[from].lower] || from == 0 {
		return nil
	}
	k := to
	if k >= len(toks) || !strandPronouns[toks[k].lower] {
		return nil
	}
	k++
	for n := 0; n < 2 && k < len(toks) && cutFinite[assistant.English][toks[k].lower]; n++ {
		k++
	}
	if k >= len(toks) || !hasLetter(toks[k].lower) {
		return nil
	}
	verb := k
	k++
	// The clause must end here: the sentence ends, or a comma closes it.
	if k < len(toks) && !sn.clauseStart(k) {
		return nil
	}
	if prepositions[toks[verb].lower] || subordinators[toks[verb].lower] || coordinators[toks[verb].lower] {
		return nil
	}
	start, end := toks[from].start, toks[verb].end
	text := st.text[toks[to].start:end] + " " + toks[from].lower
	return &rw{start: start, end: end, text: text, level: levelClause}
}

// orRelative returns r, or where the lexicon gave no swap for a formal
// relative, the relative rewrite.
func (st *turnState) orRelative(sn *sentence, m termMatch, r *rw) *rw {
	if r != nil || !strings.HasSuffix(m.f.text, " which") {
		return r
	}
	return st.relativeRewrite(sn, m)
}
