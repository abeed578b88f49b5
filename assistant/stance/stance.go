// Package stance is the built-in Leary-rose classifier: it places a turn of a
// collection call, Dutch or English, on the rose from the phrases a coach
// would point at (commands, threats, apologies, open questions, proposals and
// the like), offline and deterministically.
//
// A turn is tokenised once (lower case, diacritics stripped, contractions
// expanded, fillers and stutters skipped, rune offsets kept) and matched
// against a lexicon of multi-word forms per language. Each form belongs to a
// concept with a pull on the two axes; negation in scope turns or weakens that
// pull, politeness turns demands toward together, and sentences are weighed
// so that what comes later and what follows "but" counts more.
//
// The lexicon alone follows the wording it was tuned on. A learned layer on
// top, a logistic regression over hashed features of the same tokens and
// cues (model.go, features.go), decides the octant from labelled data and
// places the coordinates inside it; the lexicon's cues stay the
// explanation, and short or contentless turns keep the lexicon's reading.
// The weights are embedded from model.bin, which
// `go run ./assistant/stance/internal/train` rebuilds from the labelled
// sets (train.go).
package stance

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/language"
)

// Classifier is the built-in stance engine. It implements
// [assistant.StanceClassifier]. Build it once with [New]; it is safe for
// concurrent use.
type Classifier struct {
	lex map[assistant.Language]*lexicon
	// model is the learned layer; nil reads with the lexicon alone.
	model *model
	pool  sync.Pool
}

var _ assistant.StanceClassifier = (*Classifier)(nil)

var (
	compiledOnce sync.Once
	compiled     map[assistant.Language]*lexicon
	builtinOnce  sync.Once
	builtin      *model
)

// New returns a Classifier with the lexicons and the learned model built
// into the binary. Both are loaded once per process and shared by every
// Classifier.
func New() *Classifier {
	builtinOnce.Do(func() {
		m, err := decodeModel(embeddedModel)
		if err != nil {
			panic(err) // the model file is embedded at build time; TestEmbeddedModel catches a bad one
		}
		builtin = m
	})
	c := newLexical()
	c.model = builtin
	return c
}

// NewWithModel returns a Classifier that uses the lexicons and the model
// file produced by [TrainModel], for evaluating a model before it is
// embedded.
// An empty modelFile gives the lexicons alone, for comparison.
func NewWithModel(modelFile []byte) (*Classifier, error) {
	if len(modelFile) == 0 {
		return newLexical(), nil
	}
	m, err := decodeModel(modelFile)
	if err != nil {
		return nil, err
	}
	c := newLexical()
	c.model = m
	return c, nil
}

// newLexical returns a Classifier that reads with the lexicons alone.
func newLexical() *Classifier {
	compiledOnce.Do(func() {
		nl, err := compile(assistant.Dutch, lexiconNL, wordsNL)
		if err != nil {
			panic(err) // the lexicons are Go tables; a bad one is a bug caught by every test
		}
		en, err := compile(assistant.English, lexiconEN, wordsEN)
		if err != nil {
			panic(err)
		}
		compiled = map[assistant.Language]*lexicon{assistant.Dutch: nl, assistant.English: en}
	})
	c := &Classifier{lex: compiled}
	c.pool.New = func() any { return new(scratch) }
	return c
}

// scored is a cue on its way to the result: where it is and what it pulls.
type scored struct {
	kind       assistant.CueKind
	first, end int // token range, end exclusive
	d, a       float64
	sent       int
	soften     bool
	polite     bool
	// concept names the lexicon concept matched, empty for sentence cues;
	// negated says a negation in scope turned it. Both feed the learned model.
	concept string
	negated bool
	// weight is how much the turn's shape (sentence, contrast) lets this
	// cue count, set by result.
	weight float64
}

// Weights of the aggregation. They are few on purpose: the lexicon carries
// the meaning, these only say how pieces combine.
const (
	negWindow        = 5    // content tokens before a form that a negation reaches
	negAfterNL       = 2    // Dutch puts "niet" after the verb: "dat begrijp ik niet"
	beforeContrast   = 0.35 // what precedes "maar"/"but" in a sentence
	afterContrast    = 1.15
	firstSentence    = 0.8 // a turn's first sentence; the last counts 1.25
	lastSentence     = 1.25
	questionOpenW    = 1.0
	questionClosedW  = 0.3
	scale            = 1.1 // magnitude at which coordinates reach about 0.6
	openingAgreement = 2.2
)

// Classify places text on the rose without knowing who said it or what it
// answers. lang may be empty, in which case the language is detected
// ([language.Detect]); any other value than nl or en is an invalid-input
// error.
func (c *Classifier) Classify(ctx context.Context, text string, lang assistant.Language) (assistant.Stance, error) {
	return c.ClassifyReply(ctx, text, lang, "", "")
}

// ClassifyReply places text on the rose as said by speaker (empty when
// unknown) in answer to previous, the other speaker's turn (empty when
// there is none). The same words mean a different stance from the agent than
// from the customer, and a short reaction ("oh, okay", "nee") takes its
// stance from what it answers, with a low confidence. lang is as for
// [Classifier.Classify]; a text without any word is no turn and gets
// confidence 0.
func (c *Classifier) ClassifyReply(ctx context.Context, text string, lang assistant.Language, speaker assistant.Speaker, previous string) (assistant.Stance, error) {
	if err := ctx.Err(); err != nil {
		return assistant.Stance{}, err
	}
	if lang != "" && !lang.Valid() {
		return assistant.Stance{}, assistant.UnsupportedLanguage(string(lang))
	}
	if speaker != "" && !speaker.Valid() {
		return assistant.Stance{}, assistant.Errorf(assistant.EInvalid, "speaker %q is not agent or customer", speaker)
	}
	s := c.pool.Get().(*scratch)
	defer c.pool.Put(s)
	var prev *answered
	if c.model != nil && strings.TrimSpace(previous) != "" {
		l := lang
		if l == "" {
			l = language.Detect(text + "\n" + previous)
		}
		_, pst, _, _ := c.lexical(s, previous, l)
		if s.hasWords() {
			s.summarize(&s.answers[0], pst)
			prev = &s.answers[0]
		}
	}
	_, st, _ := c.classify(s, text, lang, speakerByte(speaker), prev)
	return st, nil
}

// ClassifyTurns classifies every turn of a call in its language: the turn's
// own where the transcript set one, else lang. Each turn is read as said by
// its speaker in answer to the other speaker's latest turn. It implements
// [assistant.StanceClassifier].
func (c *Classifier) ClassifyTurns(ctx context.Context, turns []assistant.Turn, lang assistant.Language) ([]assistant.Stance, error) {
	s := c.pool.Get().(*scratch)
	defer c.pool.Put(s)
	// The latest turn of each speaker, as the other's answer reads it.
	var has [2]bool
	out := make([]assistant.Stance, len(turns))
	for i, t := range turns {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		l := cmp.Or(t.Language, lang)
		if l != "" && !l.Valid() {
			return nil, fmt.Errorf("turn %d: %w", i, assistant.UnsupportedLanguage(string(l)))
		}
		sp := speakerByte(t.Speaker)
		self := 0
		if sp == 'c' {
			self = 1
		}
		var prev *answered
		if sp != 0 && has[1-self] {
			prev = &s.answers[1-self]
		}
		_, st, lex := c.classify(s, t.Text, l, sp, prev)
		out[i] = st
		if c.model != nil && sp != 0 && s.hasWords() {
			s.summarize(&s.answers[self], lex)
			has[self] = true
		}
	}
	return out, nil
}

// classify reads text, said by speaker (0 when unknown) in answer to prev
// (nil when none), with the scratch buffers of s. It returns the language,
// the stance and the lexicon's reading.
func (c *Classifier) classify(s *scratch, text string, lang assistant.Language, speaker byte, prev *answered) (assistant.Language, assistant.Stance, assistant.Stance) {
	lang, lex, evidence, contentless := c.lexical(s, text, lang)
	if !s.hasWords() {
		// No word and no pictograph: no turn at all.
		return lang, assistant.NewStance(0, 0, 0, nil), lex
	}
	if c.model == nil {
		return lang, lex, lex
	}
	short := contentless || s.short()
	if short && prev == nil {
		return lang, lex, lex
	}
	tc := turnContext{speaker: speaker, prev: prev, short: short, text: text}
	return lang, c.model.refine(s, lang, lex, evidence, tc, contentless), lex
}

// hasWords reports whether the turn in s has a word or a pictograph.
func (s *scratch) hasWords() bool { return len(s.toks) > 0 || len(s.symbols) > 0 }

// lexical tokenises text into s, matches the lexicon and weighs its cues:
// the lexicon's reading, and what the learned layer builds on. An empty
// lang is detected.
func (c *Classifier) lexical(s *scratch, text string, lang assistant.Language) (assistant.Language, assistant.Stance, float64, bool) {
	s.words(text)
	if lang == "" {
		lang = language.Detect(text)
	}
	lx := c.lex[lang]
	s.expand(lang)
	s.mark(lx.words)
	s.cues = s.cues[:0]
	lx.scan(s)
	lx.sentenceCues(s)
	st, evidence, contentless := s.result(text)
	return lang, st, evidence, contentless
}

// scan matches the lexicon left to right, longest form first, and turns each
// match into a scored cue, negated where a negation is in scope.
func (lx *lexicon) scan(s *scratch) {
	toks, content := s.toks, s.content
	for ci := 0; ci < len(content); {
		t := toks[content[ci]]
		var best *pattern
		bestEnd, bestMask := -1, uint64(0)
		for _, p := range lx.byFirst[t.norm] {
			if p.anchored && (t.flags&(fStart|fClause) == 0 || p.sentenceOnly && t.flags&fStart == 0) {
				continue
			}
			if p.question != 0 && (p.question > 0) != s.sents[t.sent].question {
				continue
			}
			end, mask := p.match(s, ci)
			if end < 0 {
				continue
			}
			if end > bestEnd || (end == bestEnd && p.literals > best.literals) {
				best, bestEnd, bestMask = p, end, mask
			}
		}
		if best == nil {
			ci++
			continue
		}
		if best.hasNeg {
			for k := ci; k < bestEnd; k++ {
				if bestMask&(1<<uint(k-ci)) == 0 && toks[content[k]].flags&fNeg != 0 {
					toks[content[k]].flags |= fUsed
				}
			}
		}
		negAt := lx.negated(s, best, ci, bestEnd, bestMask)
		negated := negAt >= 0
		d, a, kind := best.vecD, best.vecA, best.kind
		if kind == assistant.CueThreat && s.sents[t.sent].question {
			// "And the bailiff, will he still come?" worries more than it
			// threatens; keep the pull, but weakly.
			d, a = d*0.3, a*0.3
		}
		if negated {
			d, a, kind = negate(best, d, a)
			s.cues = append(s.cues, scored{kind: assistant.CueNegation, first: negAt, end: negAt + 1, sent: t.sent})
		}
		s.cues = append(s.cues, scored{kind: kind, first: content[ci], end: content[bestEnd-1] + 1,
			d: d, a: a, sent: t.sent, soften: best.c.soften && !negated, polite: best.kind == assistant.CuePoliteness,
			concept: best.concept, negated: negated})
		ci = bestEnd
	}
}

// negated returns the token index of a negation word in the scope of the
// form matched at content positions [ci, end), and spends it; -1 when there
// is none.
func (lx *lexicon) negated(s *scratch, p *pattern, ci, end int, mask uint64) int {
	if p.c.neg == negKeep {
		return -1
	}
	toks, content := s.toks, s.content
	first := toks[content[ci]]
	neg := -1
	spend := func(k int) bool {
		t := &toks[content[k]]
		// "No" opening a reply ("yeah no that's fine") answers, it does
		// not negate what follows.
		if t.flags&fNeg != 0 && t.flags&fUsed == 0 && t.flags&(fStarter|fStart) != fStarter|fStart {
			t.flags |= fUsed
			neg = content[k]
			return true
		}
		return false
	}
	for k := ci; k < end; k++ {
		if mask&(1<<uint(k-ci)) != 0 && spend(k) {
			return neg
		}
	}
	for k := ci - 1; k >= 0 && k >= ci-negWindow; k-- {
		t := toks[content[k]]
		if t.sent != first.sent || t.clause != first.clause {
			break
		}
		if spend(k) {
			return neg
		}
	}
	if lx.lang == assistant.Dutch {
		last := toks[content[end-1]]
		for k := end; k < len(content) && k < end+negAfterNL; k++ {
			t := toks[content[k]]
			if t.sent != last.sent || t.clause != last.clause {
				break
			}
			if spend(k) {
				return neg
			}
		}
	}
	return -1
}

// negate returns the pull of a negated form.
func negate(p *pattern, d, a float64) (float64, float64, assistant.CueKind) {
	w := p.c.weight
	polar := func(deg, weight float64) (float64, float64) {
		r := deg * math.Pi / 180
		return weight * math.Sin(r), weight * math.Cos(r)
	}
	switch p.c.neg {
	case negWithdraw:
		d, a = polar(angWithdrawn, w*0.9)
		return d, a, assistant.CueRefusal
	case negOppose:
		d, a = polar(angCompetitive, w)
		return d, a, assistant.CueRefusal
	case negReassure:
		d, a = polar(angHelping, w*0.6)
		return d, a, assistant.CueReassurance
	case negDampen:
		return d * 0.4, a * 0.4, p.kind
	}
	return d, a, p.kind
}

// sentenceCues adds what only a whole sentence shows: an open or closed
// question.
func (lx *lexicon) sentenceCues(s *scratch) {
	ws := lx.words
	toks := s.toks
	unpunctuated := true
	for _, st := range s.sents {
		if st.terminated {
			unpunctuated = false
		}
	}
	for si := range s.sents {
		st := &s.sents[si]
		// The first content token after discourse starters.
		lead, next := -1, -1
		for _, ti := range s.content {
			t := toks[ti]
			if t.sent != si {
				continue
			}
			if lead < 0 {
				if t.flags&fStarter != 0 {
					continue
				}
				lead = ti
				continue
			}
			next = ti
			break
		}
		if lead < 0 {
			continue
		}
		lt := toks[lead]
		openWord := ws.openQ[lt.norm] && next >= 0 && toks[next].clause == lt.clause
		closedWord := ws.closedQ[lt.norm] && next >= 0 && ws.subject[toks[next].norm]
		if !st.question && unpunctuated && (openWord || closedWord) {
			st.question = true
		}
		if !st.question {
			continue
		}
		// A question already read as something stronger keeps that reading:
		// a reproach put as a question ("when are you finally going to
		// pay?") is no open question, and a lexicon question is not counted
		// twice.
		covered, asked := false, false
		for _, cu := range s.cues {
			if cu.sent != si || cu.kind == assistant.CuePoliteness || cu.kind == assistant.CueHedge {
				continue
			}
			covered = true
			if cu.a < -0.45 || cu.kind == assistant.CueOpenQuestion {
				asked = true
			}
		}
		switch {
		case asked:
		case openWord && ws.whyQ[lt.norm]:
			// "Why" asks for a justification: half a question, half a reproach.
			s.cues = append(s.cues, scored{kind: assistant.CueOpenQuestion, first: lead, end: lead + 1, d: 0.35, a: 0, sent: si})
		case openWord:
			d, a := polarOf(angHelping+5, questionOpenW)
			s.cues = append(s.cues, scored{kind: assistant.CueOpenQuestion, first: lead, end: lead + 1, d: d, a: a, sent: si})
		case !covered:
			d, a := polarOf(angLeading-10, questionClosedW)
			s.cues = append(s.cues, scored{kind: assistant.CueClosedQuestion, first: lead, end: lead + 1, d: d, a: a, sent: si})
		}
	}
}

func polarOf(deg, w float64) (float64, float64) {
	r := deg * math.Pi / 180
	return w * math.Sin(r), w * math.Cos(r)
}

// result weighs the cues into the lexicon's coordinates and confidence. It
// also returns the summed strength of the cues and whether the turn is
// contentless (no cue and under four words), which the learned layer leaves
// as it is.
func (s *scratch) result(text string) (st assistant.Stance, evidence float64, contentless bool) {
	toks := s.toks
	nSent := len(s.sents)
	// Politeness in a sentence turns its softenable demands toward together.
	var polite [64]bool
	for _, cu := range s.cues {
		if cu.polite && cu.sent < len(polite) {
			polite[cu.sent] = true
		}
	}
	// Contrast: the first "but" of each sentence splits it.
	var sumD, sumA float64
	cues := make([]assistant.Cue, 0, len(s.cues))
	var runes []rune
	opens := s.opensWithAgreement()
	for i := range s.cues {
		cu := &s.cues[i]
		d, a := cu.d, cu.a
		if cu.soften && cu.sent < len(polite) && polite[cu.sent] {
			w := math.Hypot(d, a)
			d, a = polarOf(angLeading, w*0.8)
		}
		f := sentenceWeight(cu.sent, nSent)
		// A sentence followed by one that opens with "but" counts less.
		if cu.sent+1 < nSent && s.startsWithContrast(cu.sent+1) {
			f *= 0.6
		}
		if c := s.contrastSide(cu.first); c < 0 {
			f *= beforeContrast
		} else if c > 0 {
			f *= afterContrast
		}
		// A turn that opens by accepting ("Prima,", "Sure,") goes along
		// with the customer; what follows carries that acceptance out.
		if opens {
			switch cu.kind {
			case assistant.CueAgreement:
				if cu.sent == 0 {
					f *= openingAgreement
				}
			case assistant.CueNextStep, assistant.CueProposal:
				// Carrying out what was just accepted leads less.
				d *= 0.5
			}
		}
		cu.weight = f
		d, a = d*f, a*f
		sumD += d
		sumA += a
		evidence += math.Hypot(d, a)
		if runes == nil {
			runes = []rune(text)
		}
		start, end := toks[cu.first].start, toks[cu.end-1].end
		cues = append(cues, assistant.Cue{Kind: cu.kind, Text: string(runes[start:end]), Start: start, End: end,
			Dominance: round3(cu.d), Affiliation: round3(cu.a)})
	}
	slices.SortStableFunc(cues, func(x, y assistant.Cue) int { return x.Start - y.Start })
	mag := math.Hypot(sumD, sumA)
	if mag < 1e-9 {
		// Nothing telling: near the origin, which counts as helping, and
		// say so by a low confidence.
		words := 0
		for _, ti := range s.content {
			if toks[ti].flags&fStarter == 0 {
				words++
			}
		}
		if words < 4 {
			return assistant.NewStance(0.01, 0.02, 0.05, cues), 0, true
		}
		// A statement with content but no relational cue at all (no
		// question, no warmth, no proposal) reads as flat and distant: a
		// faint withdrawn lean, with a low confidence that says so.
		d, a := polarOf(angWithdrawn, 0.08)
		return assistant.NewStance(round3(d), round3(a), 0.15, cues), 0, false
	}
	r := math.Tanh(mag / scale)
	d, a := sumD/mag*r, sumA/mag*r
	agreement := mag / evidence
	// Distance of the angle to the nearest quadrant border, 0 on it, 1 in
	// the middle of a quadrant.
	deg := math.Atan2(d, a) * 180 / math.Pi
	m := math.Mod(math.Abs(deg), 90)
	margin := math.Min(m, 90-m) / 45
	conf := (1 - math.Exp(-evidence/0.9)) * (0.35 + 0.65*agreement) * (0.55 + 0.45*margin)
	return assistant.NewStance(round3(d), round3(a), round3(conf), cues), evidence, false
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

func sentenceWeight(i, n int) float64 {
	if n <= 1 {
		return 1
	}
	return firstSentence + (lastSentence-firstSentence)*float64(i)/float64(n-1)
}

// startsWithContrast reports whether sentence si opens with "maar"/"but".
func (s *scratch) startsWithContrast(si int) bool {
	for _, ti := range s.content {
		t := s.toks[ti]
		if t.sent == si {
			return t.flags&fContrast != 0
		}
	}
	return false
}

// contrastSide is -1 when token ti precedes the first contrast word of its
// sentence, 1 when it follows it and 0 when the sentence has none.
func (s *scratch) contrastSide(ti int) int {
	sent := s.toks[ti].sent
	for _, ci := range s.content {
		t := s.toks[ci]
		if t.sent != sent || t.flags&fContrast == 0 || t.flags&fStart != 0 {
			continue
		}
		if ti < ci {
			return -1
		}
		return 1
	}
	return 0
}

// opensWithAgreement reports whether the turn's first cue is an agreement in
// the first clause of its first sentence.
func (s *scratch) opensWithAgreement() bool {
	for _, cu := range s.cues {
		if cu.kind == assistant.CueNegation {
			continue
		}
		return cu.kind == assistant.CueAgreement && cu.sent == 0 && s.toks[cu.first].flags&fStart != 0
	}
	return false
}
