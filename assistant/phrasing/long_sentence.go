package phrasing

import (
	"strings"
	"unicode"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// maxWords is the longest sentence that still reads at B1 level; a sentence
// is flagged only from slack words more, so that a good question of 21
// words is left alone.
const (
	maxWords = 20
	slack    = 2
)

// findLongSentence flags a sentence of more than maxWords+slack words.
// Numbers and signs are no words a reader has to hold.
func (st *turnState) findLongSentence(sn *sentence) error {
	words := 0
	for _, t := range sn.toks {
		if hasLetter(t.lower) {
			words++
		}
	}
	if words <= maxWords+slack {
		return nil
	}
	reason, err := prompts.Render(st.l.lang, "reason.long-sentence", reasonData{Words: words, Max: maxWords})
	if err != nil {
		return err
	}
	sn.long = true
	st.addSentence(sn, assistant.FindingLongSentence, sn.start, sn.end, reason)
	return nil
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// sentenceCut is a place where a long sentence may be split: the separator,
// and the word that opens the second sentence if it is kept.
type sentenceCut struct {
	sep, keep string
}

// split cuts a long sentence in two at a coordinating conjunction near its
// middle; it returns "" when there is no safe place.
func (st *turnState) split(s string) string {
	best, bestSep, bestKeep := -1, "", ""
	mid := len(s) / 2
	for _, c := range st.l.words.sentenceCuts {
		for i := 0; ; {
			j := strings.Index(s[i:], c.sep)
			if j < 0 {
				break
			}
			at := i + j
			left, right := s[:at], s[at+len(c.sep):]
			if len(strings.Fields(left)) >= 5 && len(strings.Fields(right)) >= 5 {
				if best < 0 || abs(at-mid) < abs(best-mid) {
					best, bestSep, bestKeep = at, c.sep, c.keep
				}
			}
			i = at + len(c.sep)
		}
	}
	if best < 0 {
		return ""
	}
	right := s[best+len(bestSep):]
	if bestKeep != "" {
		right = bestKeep + right
	}
	return s[:best] + ". " + upperFirst(right)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
