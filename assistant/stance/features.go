package stance

import (
	"math"

	"github.com/rooscoach/rooscoach/assistant"
)

// feat is one hashed feature of a turn with its value.
type feat struct {
	h uint32
	v float32
	g group
}

// group says where a feature comes from, so that training can hide what
// the lexicon contributes on the examples it was tuned on.
type group uint8

const (
	gBias group = iota
	gWord
	gPair
	gChar
	gCue     // the lexicon's cues
	gLexicon // the lexicon's reading of the whole turn
	gShape
)

// FNV-1a, written out so that hashing a feature allocates nothing.
const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

func hashByte(h uint32, b byte) uint32 { return (h ^ uint32(b)) * fnvPrime }

func hashString(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * fnvPrime
	}
	return h
}

func tag(t byte) uint32 { return hashByte(fnvOffset, t) }

// Feature tags: the first byte hashed, so that a word and a cue of the
// same spelling do not share a bucket by design.
const (
	tBias      = 'B'
	tWord      = 'w'
	tLastWord  = 'W'
	tAfter     = 'A'
	tPair      = 'p'
	tLead      = 'F'
	tChar      = 'c'
	tCue       = 'k'
	tLastCue   = 'K'
	tConcept   = 'n'
	tLexQuad   = 'q'
	tLexOctant = 'o'
	tLexAxis   = 'x'
	tShape     = 's'
)

// featurize fills s.feats from the tokens and cues Classify left in s and
// the lexicon's reading lex.
func (s *scratch) featurize(lang assistant.Language, lex assistant.Stance) {
	fs := s.feats[:0]
	add := func(h uint32, v float32, g group) { fs = append(fs, feat{h, v, g}) }
	langByte := lang[0] // nl or en, validated by Classify

	add(tag(tBias), 1, gBias)
	add(hashByte(tag(tBias), langByte), 1, gBias)

	toks := s.toks
	nSent := len(s.sents)
	lastSent := -1
	if n := len(s.content); n > 0 {
		lastSent = toks[s.content[n-1]].sent
	}
	// Words, word pairs within a sentence (with sentence edges) and the
	// first word of each sentence. Groups are scaled by 1/sqrt(count) so
	// that long turns do not drown the cue features.
	words := len(s.content)
	wScale := float32(1 / math.Sqrt(float64(max(words, 1))))
	prevSent, contrastSent := -1, -1
	prev := ""
	after := false // past a "maar"/"but" in its sentence
	for i, ti := range s.content {
		t := toks[ti]
		add(hashString(tag(tWord), t.norm), wScale, gWord)
		if t.sent == lastSent && nSent > 1 {
			add(hashString(tag(tLastWord), t.norm), wScale, gWord)
		}
		if t.sent != prevSent {
			if prevSent >= 0 {
				add(hashString(hashByte(hashString(tag(tPair), prev), ' '), "</s>"), wScale, gPair)
			}
			add(hashString(tag(tLead), t.norm), 1, gWord)
			add(hashString(hashByte(hashString(tag(tPair), "<s>"), ' '), t.norm), wScale, gPair)
		} else {
			add(hashString(hashByte(hashString(tag(tPair), prev), ' '), t.norm), wScale, gPair)
		}
		if after && t.sent == contrastSent {
			add(hashString(tag(tAfter), t.norm), wScale, gWord)
		}
		if t.flags&fContrast != 0 {
			after, contrastSent = true, t.sent
		}
		prevSent, prev = t.sent, t.norm
		if i == len(s.content)-1 {
			add(hashString(hashByte(hashString(tag(tPair), prev), ' '), "</s>"), wScale, gPair)
		}
	}
	// Character 4-grams of each word with its edges, for spelling
	// variants, transcription noise and Dutch compounds.
	nChar := 0
	for _, ti := range s.content {
		if n := len(toks[ti].norm); n >= 2 {
			nChar += n - 1
		}
	}
	cScale := float32(1 / math.Sqrt(float64(max(nChar, 1))))
	for _, ti := range s.content {
		w := toks[ti].norm
		n := len(w)
		if n < 2 {
			continue
		}
		// Positions -1 and n stand for the word edges.
		for i := -1; i+3 <= n; i++ {
			h := tag(tChar)
			for k := i; k < i+4; k++ {
				switch {
				case k < 0:
					h = hashByte(h, '<')
				case k >= n:
					h = hashByte(h, '>')
				default:
					h = hashByte(h, w[k])
				}
			}
			add(h, cScale, gChar)
		}
	}
	// The lexicon's cues: kind, concept (negated or not) and whether they
	// sit in the last sentence, which the labels weigh most.
	for _, cu := range s.cues {
		v := float32(cu.weight)
		add(hashString(tag(tCue), string(cu.kind)), v, gCue)
		if cu.sent == lastSent {
			add(hashString(tag(tLastCue), string(cu.kind)), v, gCue)
		}
		if cu.concept != "" {
			h := hashString(tag(tConcept), cu.concept)
			if cu.negated {
				h = hashByte(h, '~')
			}
			add(h, v, gCue)
		}
	}
	// The lexicon's own reading, as one-hot quadrant and octant and as
	// its coordinates.
	add(hashString(tag(tLexQuad), string(lex.Quadrant)), float32(0.5+lex.Confidence), gLexicon)
	add(hashString(tag(tLexOctant), string(lex.Octant)), float32(0.5+lex.Confidence), gLexicon)
	add(hashByte(tag(tLexAxis), 'd'), float32(lex.Dominance), gLexicon)
	add(hashByte(tag(tLexAxis), 'a'), float32(lex.Affiliation), gLexicon)
	// Shape: questions, exclamations, length.
	var q, lastQ, ex bool
	for i, st := range s.sents {
		q = q || st.question
		ex = ex || st.exclaim
		if i == nSent-1 {
			lastQ = st.question
		}
	}
	if q {
		add(hashByte(tag(tShape), '?'), 1, gShape)
	}
	if lastQ {
		add(hashByte(tag(tShape), 'Q'), 1, gShape)
	}
	if ex {
		add(hashByte(tag(tShape), '!'), 1, gShape)
	}
	add(hashByte(hashByte(tag(tShape), 'n'), byte(min(nSent, 4))), 1, gShape)
	add(hashByte(hashByte(tag(tShape), 'l'), byte(min(words/6, 5))), 1, gShape)
	s.feats = fs
}
