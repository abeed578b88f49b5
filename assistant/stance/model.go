package stance

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"fmt"
	"math"
	"slices"

	"github.com/rooscoach/rooscoach/assistant"
)

// The learned layer. The lexicon alone follows the wording it was tuned on;
// a multinomial logistic regression over hashed features of the same tokens
// (words, word pairs, character n-grams, question marks and length, the
// lexicon's cues and its own reading) weighs that evidence as the labelled
// data do. It predicts the
// octant; the quadrant is the most probable pair of octants, and the
// coordinates are placed inside the predicted octant so that they, the
// octant and the quadrant always agree.

//go:embed model.bin
var embeddedModel []byte

// Layout of the model file and of the features. featureVersion changes
// whenever features change meaning, so that an old model file is refused
// rather than silently misread.
const (
	modelMagic     = "RCSTANCE"
	featureVersion = 4 // 4: a confidence map per language
	hashBits       = 16
	numClasses     = 8 // one per octant, see classOctants
	// maxKnots bounds each calibration map of a model file.
	maxKnots = 64
	// numLanguages is the number of confidence maps, one per language in
	// the order of assistant.Languages.
	numLanguages = 2
)

// langIndex is the index of a language's confidence map: its place in
// assistant.Languages, 0 for a language outside it.
func langIndex(l assistant.Language) int {
	return max(slices.Index(assistant.Languages, l), 0)
}

// classOctants maps a class to its octant. Consecutive pairs share a
// quadrant, so a quadrant's probability is the sum of a pair.
var classOctants = [numClasses]assistant.Octant{
	assistant.Helping, assistant.Leading, // above-together
	assistant.Competitive, assistant.Aggressive, // above-opposed
	assistant.Defiant, assistant.Withdrawn, // below-opposed
	assistant.Dependent, assistant.Cooperating, // below-together
}

func classOf(o assistant.Octant) int {
	for i, c := range classOctants {
		if c == o {
			return i
		}
	}
	return -1
}

func quadrantClass(q assistant.Quadrant) int {
	for i := 0; i < numClasses; i += 2 {
		if classOctants[i].Quadrant() == q {
			return i / 2
		}
	}
	return -1
}

// model is a trained weight table: numClasses weights per hash bucket,
// and rose, the one weight of the lexicon's coordinates projected on each
// octant's direction. That projection is shared by all classes, so a
// little data teaches how far to trust the lexicon everywhere on the rose.
type model struct {
	mask     uint32
	w        []float32
	rose     float64
	dataHash [32]byte
	// knots map, per language (see langIndex), the probability of the
	// predicted quadrant to how often such a prediction is right, fitted on
	// predictions for examples the model was not trained on (see calibrate).
	knots [numLanguages][]knot
}

// knot is one point of a calibration map: a prediction of probability p is
// right about q of the time.
type knot struct{ P, Q float32 }

type modelHeader struct {
	Version, Bits, Classes uint32
	Hash                   [32]byte
	Scale                  float32
	Rose                   float32
	Knots                  [numLanguages]uint32
}

// classDir holds sin and cos of each class's centre angle.
var classDir = func() (dir [numClasses][2]float64) {
	for c, o := range classOctants {
		r := o.CentreAngle() * math.Pi / 180
		dir[c] = [2]float64{math.Sin(r), math.Cos(r)}
	}
	return dir
}()

// roseTerm writes the lexicon's coordinates projected on each class's
// direction.
func roseTerm(d, a float64, t *[numClasses]float64) {
	for c := range t {
		t[c] = d*classDir[c][0] + a*classDir[c][1]
	}
}

// decodeModel reads a model file: magic, feature version, hash bits,
// classes, the SHA-256 of the training data, a scale, the lexicon weight,
// the number of calibration knots per language, int16 weights and the
// knots, language by language, little-endian.
func decodeModel(b []byte) (*model, error) {
	r := bytes.NewReader(b)
	magic := make([]byte, len(modelMagic))
	if _, err := r.Read(magic); err != nil || string(magic) != modelMagic {
		return nil, fmt.Errorf("stance model: not a model file (bad magic)")
	}
	var hdr modelHeader
	if err := binary.Read(r, binary.LittleEndian, &hdr); err != nil {
		return nil, fmt.Errorf("stance model: read header: %w", err)
	}
	if hdr.Version != featureVersion || hdr.Bits != hashBits || hdr.Classes != numClasses {
		return nil, fmt.Errorf("stance model: features v%d, %d bits, %d classes; this build wants v%d, %d bits, %d classes: re-train with go run ./assistant/stance/internal/train",
			hdr.Version, hdr.Bits, hdr.Classes, featureVersion, hashBits, numClasses)
	}
	for li, k := range hdr.Knots {
		if k > maxKnots {
			return nil, fmt.Errorf("stance model: %d calibration knots for %s, at most %d allowed", k, assistant.Languages[li], maxKnots)
		}
	}
	n := (1 << hashBits) * numClasses
	q := make([]int16, n)
	if err := binary.Read(r, binary.LittleEndian, q); err != nil {
		return nil, fmt.Errorf("stance model: read %d weights: %w", n, err)
	}
	var knots [numLanguages][]knot
	for li := range knots {
		knots[li] = make([]knot, hdr.Knots[li])
		if err := binary.Read(r, binary.LittleEndian, knots[li]); err != nil {
			return nil, fmt.Errorf("stance model: read %d calibration knots for %s: %w", hdr.Knots[li], assistant.Languages[li], err)
		}
	}
	if r.Len() != 0 {
		return nil, fmt.Errorf("stance model: %d bytes after the weights", r.Len())
	}
	for li, ks := range knots {
		for i, k := range ks {
			if !(k.P >= 0 && k.P <= 1 && k.Q >= 0 && k.Q <= 1) || i > 0 && (k.P < ks[i-1].P || k.Q < ks[i-1].Q) {
				return nil, fmt.Errorf("stance model: calibration knot %d for %s (%v, %v) is out of [0, 1] or out of order", i, assistant.Languages[li], k.P, k.Q)
			}
		}
	}
	m := &model{mask: 1<<hashBits - 1, w: make([]float32, n), rose: float64(hdr.Rose), dataHash: hdr.Hash, knots: knots}
	for i, v := range q {
		m.w[i] = float32(v) * hdr.Scale
	}
	return m, nil
}

// encodeModel writes w (float64 training weights) in the format
// decodeModel reads.
func encodeModel(w []float64, rose float64, knots [numLanguages][]knot, dataHash [32]byte) []byte {
	maxAbs := 0.0
	for _, v := range w {
		maxAbs = math.Max(maxAbs, math.Abs(v))
	}
	scale := float32(1)
	if maxAbs > 0 {
		scale = float32(maxAbs / 32767)
	}
	var buf bytes.Buffer
	buf.WriteString(modelMagic)
	var counts [numLanguages]uint32
	for i, ks := range knots {
		counts[i] = uint32(len(ks))
	}
	hdr := modelHeader{featureVersion, hashBits, numClasses, dataHash, scale, float32(rose), counts}
	_ = binary.Write(&buf, binary.LittleEndian, hdr) // a bytes.Buffer does not fail
	q := make([]int16, len(w))
	for i, v := range w {
		q[i] = int16(math.Round(v / float64(scale)))
	}
	_ = binary.Write(&buf, binary.LittleEndian, q)
	for _, ks := range knots {
		_ = binary.Write(&buf, binary.LittleEndian, ks)
	}
	return buf.Bytes()
}

// calibrate maps the probability p the model gives its quadrant in a turn
// of language lang to the share of such predictions that are right, by
// linear interpolation between the language's knots. Without knots it
// returns p.
func (m *model) calibrate(p float64, lang assistant.Language) float64 {
	k := m.knots[langIndex(lang)]
	switch {
	case len(k) == 0:
		return p
	case p <= float64(k[0].P):
		return float64(k[0].Q)
	case p >= float64(k[len(k)-1].P):
		return float64(k[len(k)-1].Q)
	}
	i := 1
	for p > float64(k[i].P) {
		i++
	}
	lo, hi := k[i-1], k[i]
	if hi.P == lo.P {
		return float64(hi.Q)
	}
	t := (p - float64(lo.P)) / float64(hi.P-lo.P)
	return float64(lo.Q) + t*float64(hi.Q-lo.Q)
}

// scores writes the class probabilities into p, from the features and the
// lexicon's coordinates d, a.
func (m *model) scores(fs []feat, d, a float64, p *[numClasses]float64) {
	var z [numClasses]float64
	roseTerm(d, a, &z)
	for c := range z {
		z[c] *= m.rose
	}
	for _, f := range fs {
		row := m.w[(f.h&m.mask)*numClasses:][:numClasses]
		v := float64(f.v)
		for c := range z {
			z[c] += v * float64(row[c])
		}
	}
	softmax(&z, p)
}

func softmax(z, p *[numClasses]float64) {
	mx := z[0]
	for _, v := range z[1:] {
		mx = math.Max(mx, v)
	}
	sum := 0.0
	for c, v := range z {
		p[c] = math.Exp(v - mx)
		sum += p[c]
	}
	for c := range p {
		p[c] /= sum
	}
}

// Confidence caps for turns whose words carry little stance: a short
// reaction leans on the turn it answers, and a turn of fillers alone
// ("hm", "mm-hm") hardly says anything. Tips and alerts, which act only on
// confident stances, leave them alone.
const (
	shortConfidence       = 0.4
	contentlessConfidence = 0.2
)

// refine replaces the lexicon's placement of a turn by the model's, keeping
// the lexicon's cues as the explanation. The coordinates sit inside the
// predicted octant, leaning toward its quadrant neighbour as far as the
// neighbour is probable, at a distance that grows with the quadrant's
// probability and the cue evidence. Confidence is the calibrated
// probability of the quadrant, capped for short and contentless turns.
func (m *model) refine(s *scratch, lang assistant.Language, lex assistant.Stance, evidence float64, tc turnContext, contentless bool) assistant.Stance {
	s.featurize(lang, lex)
	s.contextFeatures(lex, tc)
	var p [numClasses]float64
	m.scores(s.feats, lex.Dominance, lex.Affiliation, &p)
	best, pq := quadrantOf(&p)
	o, other := 2*best, 2*best+1
	if p[other] > p[o] {
		o, other = other, o
	}
	centre := classOctants[o].CentreAngle()
	toward := classOctants[other].CentreAngle() - centre
	if toward > 180 {
		toward -= 360
	} else if toward < -180 {
		toward += 360
	}
	lean := p[other] / (p[o] + p[other]) // at most one half: stays inside the octant
	deg := centre + toward*0.95*lean
	ev := 1 - math.Exp(-evidence/0.9)
	certainty := (pq - 0.25) / 0.75
	r := 0.15 + 0.6*certainty + 0.2*ev
	conf := m.calibrate(pq, lang)
	switch {
	case contentless:
		conf, r = min(conf, contentlessConfidence), r*0.4
	case tc.short:
		conf, r = min(conf, shortConfidence), r*0.6
	}
	rad := deg * math.Pi / 180
	d, a := r*math.Sin(rad), r*math.Cos(rad)
	return assistant.NewStance(round3(d), round3(a), round3(conf), lex.Cues)
}

// quadrantOf returns the most probable quadrant class (the index of its
// octant pair) and its probability.
func quadrantOf(p *[numClasses]float64) (int, float64) {
	best, bestP := 0, -1.0
	for q := 0; q < numClasses/2; q++ {
		if v := p[2*q] + p[2*q+1]; v > bestP {
			best, bestP = q, v
		}
	}
	return best, bestP
}

// lexiconWords is the length up to which a turn is short: on its own it
// keeps the lexicon's reading (the older labelled data hold few short turns,
// nearly all below-opposed, so a model learns that short means withdrawn,
// and a coach's phrase list knows that "Ik begrijp het." or "I
// understand." is not), and as an answer it leans on the turn it answers.
const lexiconWords = 4

// short reports whether the turn in s has at most lexiconWords words
// besides discourse starters and fillers.
func (s *scratch) short() bool {
	n := 0
	for _, ti := range s.content {
		if s.toks[ti].flags&fStarter == 0 {
			n++
		}
	}
	return n <= lexiconWords
}
