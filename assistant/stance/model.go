package stance

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"fmt"
	"math"

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
	featureVersion = 2
	hashBits       = 16
	numClasses     = 8 // one per octant, see classOctants
)

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
}

type modelHeader struct {
	Version, Bits, Classes uint32
	Hash                   [32]byte
	Scale                  float32
	Rose                   float32
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
// classes, the SHA-256 of the training data, a scale and int16 weights,
// little-endian.
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
	n := (1 << hashBits) * numClasses
	q := make([]int16, n)
	if err := binary.Read(r, binary.LittleEndian, q); err != nil {
		return nil, fmt.Errorf("stance model: read %d weights: %w", n, err)
	}
	if r.Len() != 0 {
		return nil, fmt.Errorf("stance model: %d bytes after the weights", r.Len())
	}
	m := &model{mask: 1<<hashBits - 1, w: make([]float32, n), rose: float64(hdr.Rose), dataHash: hdr.Hash}
	for i, v := range q {
		m.w[i] = float32(v) * hdr.Scale
	}
	return m, nil
}

// encodeModel writes w (float64 training weights) in the format
// decodeModel reads.
func encodeModel(w []float64, rose float64, dataHash [32]byte) []byte {
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
	hdr := modelHeader{featureVersion, hashBits, numClasses, dataHash, scale, float32(rose)}
	_ = binary.Write(&buf, binary.LittleEndian, hdr) // a bytes.Buffer does not fail
	q := make([]int16, len(w))
	for i, v := range w {
		q[i] = int16(math.Round(v / float64(scale)))
	}
	_ = binary.Write(&buf, binary.LittleEndian, q)
	return buf.Bytes()
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

// refine replaces the lexicon's placement of a turn by the model's, keeping
// the lexicon's cues as the explanation. The coordinates sit inside the
// predicted octant, leaning toward its quadrant neighbour as far as the
// neighbour is probable, at a distance that grows with the quadrant's
// probability and the cue evidence. Confidence combines the model's
// probability and margin with the evidence, so that a turn with no cue at
// all is never confidently labelled.
func (m *model) refine(s *scratch, lang assistant.Language, lex assistant.Stance, evidence float64) assistant.Stance {
	s.featurize(lang, lex)
	var p [numClasses]float64
	m.scores(s.feats, lex.Dominance, lex.Affiliation, &p)
	best, second := 0, -1
	var pq [numClasses / 2]float64
	for q := range pq {
		pq[q] = p[2*q] + p[2*q+1]
		if pq[q] > pq[best] {
			best = q
		}
	}
	for q := range pq {
		if q != best && (second < 0 || pq[q] > pq[second]) {
			second = q
		}
	}
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
	certainty := (pq[best] - 0.25) / 0.75
	r := 0.15 + 0.6*certainty + 0.2*ev
	rad := deg * math.Pi / 180
	d, a := r*math.Sin(rad), r*math.Cos(rad)
	margin := pq[best] - pq[second]
	conf := pq[best] * (0.6 + 0.4*margin) * (0.45 + 0.55*ev)
	return assistant.NewStance(round3(d), round3(a), round3(conf), lex.Cues)
}

// lexiconWords is the length up to which a turn keeps the lexicon's
// reading. The labelled data hold few short turns, nearly all below-opposed
// ("Geen idee.", "Not my problem."), so the model learns that short means
// withdrawn; on the short turns there are, the lexicon is as accurate, and a
// coach's phrase list knows that "Ik begrijp het." or "I understand." is
// not withdrawn.
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
