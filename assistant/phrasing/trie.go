package phrasing

import "strings"

// entry is one phrase of a lexicon.
type entry struct {
	phrase string // as written in the lexicon, lower case
	words  int
	// key groups phrases: the consequence of a threat, the kind of a cue.
	key string
	// startOnly entries count only as the first words of a sentence or
	// clause (imperatives).
	startOnly bool
	// skip entries block a shorter phrase inside them without being reported.
	skip bool
}

// trie matches phrases of whole words. Matching walks the words of a text once
// with map look-ups, so a lexicon of any size costs a few microseconds per
// utterance and nothing is compiled per call.
type trie struct {
	next  map[string]*trie
	entry *entry
}

func (t *trie) add(e *entry) {
	n := t
	for _, w := range strings.Fields(e.phrase) {
		if n.next == nil {
			n.next = map[string]*trie{}
		}
		c := n.next[w]
		if c == nil {
			c = &trie{}
			n.next[w] = c
		}
		n = c
	}
	e.words = len(strings.Fields(e.phrase))
	if n.entry == nil {
		n.entry = e
	}
}

// match is a phrase found at tokens [from, to).
type match struct {
	from, to int
	e        *entry
}

// longestAt returns the longest phrase starting at token i.
func (t *trie) longestAt(toks []token, i int) (*entry, int) {
	var best *entry
	bestTo := 0
	n := t
	for j := i; j < len(toks); j++ {
		n = n.next[toks[j].lower]
		if n == nil {
			break
		}
		if n.entry != nil {
			best, bestTo = n.entry, j+1
		}
	}
	return best, bestTo
}

// findAll appends the non-overlapping longest matches in toks to dst.
// clauseStart reports whether token i opens a sentence or clause.
func (t *trie) findAll(dst []match, toks []token, clauseStart func(int) bool) []match {
	for i := 0; i < len(toks); {
		e, to := t.longestAt(toks, i)
		if e == nil || (e.startOnly && !clauseStart(i)) {
			i++
			continue
		}
		if !e.skip {
			dst = append(dst, match{i, to, e})
		}
		i = to
	}
	return dst
}

// always is the clauseStart of a search that lets imperatives match anywhere.
func always(int) bool { return true }

// has reports whether any phrase of t occurs in toks.
func (t *trie) has(toks []token) bool {
	for i := range toks {
		if e, _ := t.longestAt(toks, i); e != nil && !e.skip {
			return true
		}
	}
	return false
}
