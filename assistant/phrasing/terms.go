package phrasing

// termIndex finds the forms of the plain-language lexicon in a sentence.
// Forms are whole words, matched word by word like the other tries; a form
// with gaps ("lost … af", "brengen … in rekening") matches its later parts
// in order within the same sentence, at most maxGap words apart. At each
// word the form covering most words wins, so "voldoen aan" is never read as
// "voldoen", and "conform onze voorwaarden" (policy talk) not as "conform".
type termIndex struct {
	root termNode
}

type termNode struct {
	next  map[string]*termNode
	forms []*termForm // forms whose first part ends here
}

func newTermIndex(forms []*termForm) *termIndex {
	ix := &termIndex{}
	for _, f := range forms {
		n := &ix.root
		for _, w := range f.parts[0] {
			if n.next == nil {
				n.next = map[string]*termNode{}
			}
			c := n.next[w]
			if c == nil {
				c = &termNode{}
				n.next[w] = c
			}
			n = c
		}
		n.forms = append(n.forms, f)
	}
	return ix
}

// termMatch is a form found in a sentence: the token spans of its parts.
type termMatch struct {
	f     *termForm
	spans [][2]int // [from, to) per part, in tokens of the sentence
}

func (m termMatch) from() int { return m.spans[0][0] }
func (m termMatch) to() int   { return m.spans[len(m.spans)-1][1] }

// words counts the words the match covers, gaps left out.
func (m termMatch) words() int {
	n := 0
	for _, s := range m.spans {
		n += s[1] - s[0]
	}
	return n
}

// find appends the matches in toks to dst. used marks tokens already taken
// by a match, so that matches never share a word; sense tells whether a
// form's flagged sense is the one meant at a place.
func (ix *termIndex) find(dst []termMatch, toks []token, sense func(f *termForm, spans [][2]int) bool) []termMatch {
	var usedBuf [64]bool
	var used []bool
	if len(toks) <= len(usedBuf) {
		used = usedBuf[:len(toks)]
	} else {
		used = make([]bool, len(toks))
	}
	var spanBuf [4][2]int
	for i := 0; i < len(toks); i++ {
		if used[i] {
			continue
		}
		var best termMatch
		bestWords := 0
		n := &ix.root
		for j := i; j < len(toks) && !used[j]; j++ {
			n = n.next[toks[j].lower]
			if n == nil {
				break
			}
			for _, f := range n.forms {
				spans := append(spanBuf[:0], [2]int{i, j + 1})
				if !matchRest(toks, used, f.parts[1:], &spans) || firstPartRepeats(toks, f.parts[0], spans) {
					continue
				}
				m := termMatch{f: f, spans: spans}
				w := m.words()
				// More words win; at equal words a form without gaps
				// wins, being the more certain reading.
				if w < bestWords || (w == bestWords && len(spans) >= len(best.spans)) {
					continue
				}
				if sense != nil && !sense(f, spans) {
					continue
				}
				best, bestWords = m, w
				best.spans = append([][2]int(nil), spans...)
			}
		}
		if best.f == nil {
			continue
		}
		for _, s := range best.spans {
			for k := s[0]; k < s[1]; k++ {
				used[k] = true
			}
		}
		dst = append(dst, best)
	}
	return dst
}

// firstPartRepeats reports whether a gapped form's first part occurs again
// in its first gap: then the later occurrence is the one that belongs to the
// rest ("geeft aan hoe u aan de eisen voldoet" holds "aan … voldoet" from
// the second "aan", not from the particle of "geeft aan").
func firstPartRepeats(toks []token, first []string, spans [][2]int) bool {
	if len(spans) < 2 {
		return false
	}
	for k := spans[0][1]; k < spans[1][0]; k++ {
		if k+len(first) <= len(toks) {
			same := true
			for i, w := range first {
				if toks[k+i].lower != w {
					same = false
					break
				}
			}
			if same {
				return true
			}
		}
	}
	return false
}

// matchRest finds the later parts of a gapped form after the spans found so
// far, each within maxGap words of the one before.
func matchRest(toks []token, used []bool, parts [][]string, spans *[][2]int) bool {
	for _, part := range parts {
		at := (*spans)[len(*spans)-1][1]
		found := false
		for k := at; k < len(toks) && k <= at+maxGap; k++ {
			if wordsAt(toks, used, k, part) {
				*spans = append(*spans, [2]int{k, k + len(part)})
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func wordsAt(toks []token, used []bool, k int, words []string) bool {
	if k+len(words) > len(toks) {
		return false
	}
	for i, w := range words {
		if used[k+i] || toks[k+i].lower != w {
			return false
		}
	}
	return true
}
