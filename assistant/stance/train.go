package stance

import (
	"crypto/sha256"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/rooscoach/rooscoach/assistant"
)

// Training settings, chosen by 5-fold cross-validation over the training
// set the lexicon was not tuned on (see internal/train). The seed and the
// example order make a model a pure function of its data.
const (
	trainEpochs = 20
	trainRate   = 0.1  // AdaGrad step
	trainL2     = 3e-5 // per step, on the weights an example touches
	// hideTuned is the share of steps on an example the lexicon was tuned
	// on that hide the lexicon's cues and reading. On those examples the
	// lexicon is right nearly always, on new wording about three times in
	// four; without hiding, the model would trust it as if it were right
	// always.
	hideTuned     = 0.5
	trainSeedHigh = 20261 // PCG seed, fixed
	trainSeedLow  = 123
)

// TrainingSet is a labelled set to train on.
type TrainingSet struct {
	Examples []Example
	// LexiconTuned marks a set the lexicon was tuned on, such as the
	// development set, whose cues therefore look more reliable than they
	// are.
	LexiconTuned bool
}

// DataHash returns the SHA-256 of training sets as [TrainModel] sees them:
// for every set whether the lexicon was tuned on it, then language,
// quadrant, octant and text of every example, in order. A model file
// records the hash of the data it was trained on.
func DataHash(sets ...TrainingSet) [32]byte {
	h := sha256.New()
	for _, set := range sets {
		fmt.Fprintf(h, "set\t%t\t%d\n", set.LexiconTuned, len(set.Examples))
		for _, ex := range set.Examples {
			fmt.Fprintf(h, "%s\t%s\t%s\t%s\n", ex.Lang, ex.Quadrant, ex.Octant, ex.Text)
		}
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

// TrainModel fits the learned layer, a multinomial logistic regression over
// the octants, to labelled examples and returns the model file that
// [NewWithModel] reads and that is embedded as model.bin. Examples without
// an octant teach their quadrant only; turns the lexicon reads alone
// (contentless or short) are skipped. Training is deterministic: the same
// sets in the same order give the same bytes.
func TrainModel(sets ...TrainingSet) ([]byte, error) {
	type sample struct {
		fs    []feat
		rose  [numClasses]float64
		class int // octant class, -1 when only the quadrant is known
		quad  int
		tuned bool
	}
	lex := newLexical()
	var s scratch
	var samples []sample
	for _, set := range sets {
		for _, ex := range set.Examples {
			if !ex.Lang.Valid() || !ex.Quadrant.Valid() {
				return nil, assistant.Errorf(assistant.EInvalid, "line %d: example needs a language and a quadrant", ex.Line)
			}
			lang, st, _, contentless := lex.lexical(&s, ex.Text, ex.Lang)
			if contentless || s.short() {
				continue
			}
			s.featurize(lang, st)
			sm := sample{fs: append([]feat(nil), s.feats...), class: -1, quad: quadrantClass(ex.Quadrant), tuned: set.LexiconTuned}
			roseTerm(st.Dominance, st.Affiliation, &sm.rose)
			if ex.Octant != "" {
				sm.class = classOf(ex.Octant)
			}
			samples = append(samples, sm)
		}
	}
	if len(samples) == 0 {
		return nil, assistant.Errorf(assistant.EInvalid, "no training examples the model would read (all empty or short)")
	}
	w := make([]float64, (1<<hashBits)*numClasses)
	g2 := make([]float64, len(w))
	mask := uint32(1<<hashBits - 1)
	rng := rand.New(rand.NewPCG(trainSeedHigh, trainSeedLow))
	var z, p, grad [numClasses]float64
	rose, roseG2 := 0.0, 0.0
	for epoch := 0; epoch < trainEpochs; epoch++ {
		for _, i := range rng.Perm(len(samples)) {
			sm := &samples[i]
			hide := sm.tuned && rng.Float64() < hideTuned
			skip := func(f feat) bool { return hide && (f.g == gCue || f.g == gLexicon) }
			for c := range z {
				z[c] = float64(rose * sm.rose[c])
				if hide {
					z[c] = 0
				}
			}
			for _, f := range sm.fs {
				if skip(f) {
					continue
				}
				row := w[(f.h&mask)*numClasses:][:numClasses]
				for c := range z {
					z[c] += float64(float64(f.v) * row[c]) // conversions keep the compiler from fusing into FMA
				}
			}
			softmax(&z, &p)
			// The gradient of the log loss: the prediction minus the
			// target, which is the labelled octant or, with only a
			// quadrant, the model's own split of that quadrant.
			grad = p
			if sm.class >= 0 {
				grad[sm.class] -= 1
			} else {
				a, b := 2*sm.quad, 2*sm.quad+1
				sum := p[a] + p[b]
				grad[a] -= p[a] / sum
				grad[b] -= p[b] / sum
			}
			if !hide {
				gr := 0.0
				for c := range grad {
					gr += float64(grad[c] * sm.rose[c])
				}
				roseG2 += float64(gr * gr)
				rose -= trainRate * gr / math.Sqrt(roseG2+1e-8)
			}
			for _, f := range sm.fs {
				if skip(f) {
					continue
				}
				base := (f.h & mask) * numClasses
				for c := range grad {
					k := base + uint32(c)
					gr := float64(grad[c]*float64(f.v)) + float64(trainL2*w[k])
					if gr == 0 {
						continue
					}
					g2[k] += float64(gr * gr)
					w[k] -= trainRate * gr / math.Sqrt(g2[k]+1e-8)
				}
			}
		}
	}
	return encodeModel(w, rose, DataHash(sets...)), nil
}
