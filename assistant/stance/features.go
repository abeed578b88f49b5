package stance

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

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
	gPrev // the turn answered
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
	// Speaker-aware features: the same words mean a different stance from
	// the agent than from the customer.
	tSpeaker   = 'S'
	tSpWord    = 'v'
	tSpLead    = 'V'
	tSpCue     = 'y'
	tSpLex     = 'Y'
	tSpShape   = 'z'
	tPrevBias  = 'R'
	tPrevWord  = 'r'
	tPrevCue   = 'g'
	tPrevLex   = 'G'
	tPrevShape = 'h'
	tPrevPair  = 'H' // the turn answered's reading with this turn's
	tShortTok  = 't'
	tShortPrev = 'T'
	tTrail     = 'e'
)

// answered is what a turn needs of the turn it answers: that turn's
// features under their own tags, its lexicon reading and its shape. It is
// built once per turn, so that in a call every turn is read once.
type answered struct {
	feats []feat
	// concepts are hashes of the cues' concepts and kinds, combined with
	// the answering speaker when used.
	concepts []uint32
	quad     assistant.Quadrant
	octant   assistant.Octant
	question bool
	exclaim  bool
}

// summarize fills a with what a later turn needs of the turn in s, whose
// lexicon reading is lex.
func (s *scratch) summarize(a *answered, lex assistant.Stance) {
	a.feats, a.concepts = a.feats[:0], a.concepts[:0]
	add := func(h uint32, v float32) { a.feats = append(a.feats, feat{h, v, gPrev}) }
	toks := s.toks
	words := len(s.content)
	wScale := float32(1 / math.Sqrt(float64(max(words, 1))))
	lastSent := -1
	if n := len(s.content); n > 0 {
		lastSent = toks[s.content[n-1]].sent
	}
	for _, ti := range s.content {
		t := toks[ti]
		add(hashString(tag(tPrevWord), t.norm), wScale)
		if t.sent == lastSent {
			// What the turn ended on is what the answer answers.
			add(hashString(hashByte(tag(tPrevWord), '$'), t.norm), wScale)
		}
	}
	for _, cu := range s.cues {
		v := float32(cu.weight)
		h := hashString(tag(tPrevCue), string(cu.kind))
		add(h, v)
		a.concepts = append(a.concepts, h)
		if cu.concept != "" {
			h := hashString(tag(tPrevCue), cu.concept)
			if cu.negated {
				h = hashByte(h, '~')
			}
			add(h, v)
			a.concepts = append(a.concepts, h)
		}
	}
	a.quad, a.octant = lex.Quadrant, lex.Octant
	if lex.Confidence < 0.1 {
		a.quad, a.octant = "", "" // no reading to speak of
	}
	add(hashString(tag(tPrevLex), string(a.quad)), 1)
	add(hashString(hashByte(tag(tPrevLex), 'o'), string(a.octant)), 1)
	a.question, a.exclaim = false, false
	for i, st := range s.sents {
		if i == len(s.sents)-1 {
			a.question = st.question
		}
		a.exclaim = a.exclaim || st.exclaim
	}
	if a.question {
		add(hashByte(tag(tPrevShape), '?'), 1)
	}
	if a.exclaim {
		add(hashByte(tag(tPrevShape), '!'), 1)
	}
}

// turnContext is where a turn stands in its call.
type turnContext struct {
	// speaker is 0 when unknown, else 'a' or 'c'.
	speaker byte
	// prev is the turn answered, nil when there is none.
	prev *answered
	// short marks a turn of a few words, which leans on the one it answers.
	short bool
	// text is the turn as written, for its trailing punctuation.
	text string
}

func speakerByte(s assistant.Speaker) byte {
	switch s {
	case assistant.Agent:
		return 'a'
	case assistant.Customer:
		return 'c'
	}
	return 0
}

// contextFeatures adds to s.feats what the speaker and the turn answered
// say, in the light of the turn's own reading lex.
func (s *scratch) contextFeatures(lex assistant.Stance, tc turnContext) {
	fs := s.feats
	add := func(h uint32, v float32, g group) { fs = append(fs, feat{h, v, g}) }
	sp := tc.speaker
	toks := s.toks
	words := len(s.content)
	wScale := float32(1 / math.Sqrt(float64(max(words, 1))))
	if sp != 0 {
		add(hashByte(tag(tSpeaker), sp), 1, gShape)
		prevSent := -1
		for _, ti := range s.content {
			t := toks[ti]
			add(hashString(hashByte(tag(tSpWord), sp), t.norm), wScale, gWord)
			if t.sent != prevSent {
				add(hashString(hashByte(tag(tSpLead), sp), t.norm), 1, gWord)
				prevSent = t.sent
			}
		}
		for _, cu := range s.cues {
			v := float32(cu.weight)
			add(hashString(hashByte(tag(tSpCue), sp), string(cu.kind)), v, gCue)
			if cu.concept != "" {
				h := hashString(hashByte(tag(tSpCue), sp), cu.concept)
				if cu.negated {
					h = hashByte(h, '~')
				}
				add(h, v, gCue)
			}
		}
		add(hashString(hashByte(tag(tSpLex), sp), string(lex.Quadrant)), float32(0.5+lex.Confidence), gLexicon)
		add(hashString(hashByte(hashByte(tag(tSpLex), sp), 'o'), string(lex.Octant)), float32(0.5+lex.Confidence), gLexicon)
		for i, st := range s.sents {
			if st.question {
				add(hashByte(hashByte(tag(tSpShape), sp), '?'), 1, gShape)
				if i == len(s.sents)-1 {
					add(hashByte(hashByte(tag(tSpShape), sp), 'Q'), 1, gShape)
				}
			}
		}
		add(hashByte(hashByte(hashByte(tag(tSpShape), sp), 'l'), byte(min(words/6, 5))), 1, gShape)
	}
	if p := tc.prev; p != nil {
		// A turn with words of its own says its own stance; of the turn it
		// answers it sees only where that stood (and whether it asked),
		// since the words answered weigh in the labelled sets, which give
		// one turn many contrasting replies, far more than in a call. A
		// short reaction sees the turn it answers in full.
		add(hashByte(tag(tPrevBias), sp), 1, gPrev)
		if tc.short {
			fs = append(fs, p.feats...)
			for _, h := range p.concepts {
				add(hashByte(hashByte(h, '>'), sp), 1, gPrev)
			}
		}
		pq := hashString(hashByte(tag(tPrevPair), sp), string(p.quad))
		add(pq, 1, gPrev)
		add(hashString(hashByte(pq, '>'), string(lex.Quadrant)), 1, gPrev)
		add(hashString(hashByte(hashByte(tag(tPrevPair), sp), 'o'), string(p.octant)), 1, gPrev)
		if p.question {
			add(hashByte(hashByte(tag(tPrevPair), sp), '?'), 1, gPrev)
		}
	}
	// How it is written: shouting in capitals, "??" and "!!", and quoting
	// the other's words back ('priority' support), which is how sarcasm
	// shows in writing.
	caps, doubled, quoted := writtenShape(tc.text)
	if caps > 0 {
		add(hashByte(hashByte(tag(tShape), 'C'), byte(min(caps, 3))), 1, gShape)
	}
	if doubled {
		add(hashByte(tag(tShape), 'D'), 1, gShape)
	}
	if quoted {
		add(hashByte(tag(tShape), '\''), 1, gShape)
	}
	// Pictographs say in writing what the voice says in a call: 🙂, 🙄, 😡.
	for _, r := range s.symbols {
		add(hashString(hashByte(tag(tShortTok), sp), string(r)), 1, gWord)
	}
	if tc.short {
		// A short reaction carries little in its words; what it reacts to
		// and how (every token, fillers and starters too, and its
		// punctuation) says the rest.
		for _, t := range toks {
			add(hashString(hashByte(tag(tShortTok), sp), t.norm), 1, gWord)
		}
		if p := tc.prev; p != nil {
			add(hashString(hashByte(tag(tShortPrev), sp), string(p.quad)), 1, gPrev)
			add(hashString(hashByte(hashByte(tag(tShortPrev), sp), 'o'), string(p.octant)), 1, gPrev)
			for _, h := range p.concepts {
				add(hashByte(hashByte(h, '#'), sp), 1, gPrev)
			}
			if p.question {
				add(hashByte(hashByte(tag(tShortPrev), sp), '?'), 1, gPrev)
			}
		}
		add(hashByte(hashByte(tag(tTrail), sp), trailing(tc.text)), 1, gShape)
	}
	s.feats = fs
}

// writtenShape counts the words of three letters or more written in
// capitals, and reports whether the text doubles its question or
// exclamation marks and whether it quotes a word or phrase.
func writtenShape(text string) (caps int, doubled, quoted bool) {
	letters, upper := 0, true
	var last rune
	open := false // an opening quote seen
	prevLetter := false
	for i, r := range text {
		if unicode.IsLetter(r) {
			letters++
			upper = upper && unicode.IsUpper(r)
		} else {
			if letters >= 3 && upper {
				caps++
			}
			letters, upper = 0, true
		}
		if (r == '?' || r == '!') && (last == '?' || last == '!') {
			doubled = true
		}
		if isQuote(r) {
			next, _ := utf8.DecodeRuneInString(text[i+utf8.RuneLen(r):])
			nextLetter := unicode.IsLetter(next)
			switch {
			case !prevLetter && nextLetter:
				open = true
			case open && prevLetter && !nextLetter:
				quoted = true
			}
		}
		prevLetter = unicode.IsLetter(r) || unicode.IsDigit(r)
		last = r
	}
	if letters >= 3 && upper {
		caps++
	}
	return caps, doubled, quoted
}

func isQuote(r rune) bool {
	switch r {
	case '\'', '"', '‘', '’', '“', '”', '„':
		return true
	}
	return false
}

// trailing names how a text ends: an ellipsis, a question or exclamation
// mark, a full stop or nothing.
func trailing(text string) byte {
	t := strings.TrimRightFunc(text, unicode.IsSpace)
	switch {
	case strings.HasSuffix(t, "...") || strings.HasSuffix(t, "…"):
		return '~'
	case strings.HasSuffix(t, "?"):
		return '?'
	case strings.HasSuffix(t, "!"):
		return '!'
	case strings.HasSuffix(t, "."):
		return '.'
	}
	return '_'
}

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
