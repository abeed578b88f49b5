package stance

import (
	"cmp"
	"crypto/sha256"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/rooscoach/rooscoach/assistant"
)

// Training settings, chosen by 5-fold cross-validation over the training
// set the lexicon was not tuned on (see internal/train) and, for issue 14,
// on the speaker-aware development split and the older training set held
// out (-dev, -holdout): 10 epochs score as 20 did, at half the cost, and a
// stronger L2 or dropping features changed nothing. The seed and the example
// order make a model a pure function of its data.
const (
	trainEpochs = 10
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

// TrainingFile is a labelled file model.bin is trained on.
type TrainingFile struct {
	// Path is relative to the repository root.
	Path string
	// LexiconTuned marks a file the lexicon was tuned on.
	LexiconTuned bool
	// Dev marks the development split of the speaker-aware sets, which
	// `go run ./assistant/stance/internal/train -dev` holds out to report on.
	Dev bool
	// Weight is how many times each example is seen per epoch; 0 means
	// once. Real utterances are few next to the turns the team wrote, and
	// they are what the engine meets at work.
	Weight int
	// Real marks utterances quoted from real talk, with their source: the
	// confidence map is fitted on them (see calibration).
	Real bool
}

// TrainingFiles are the labelled sets model.bin is trained on, in order.
// The lexicon was tuned on the older development set, this package's
// paraphrases, the speaker-aware development split and the supplementary
// registers of extra_v2. The held-out splits
// (testdata/stance/test.tsv, test_v2/, realtalk/) are never among them.
var TrainingFiles = []TrainingFile{
	{Path: "testdata/stance/dev.tsv", LexiconTuned: true},
	{Path: "assistant/stance/testdata/paraphrase.tsv", LexiconTuned: true},
	{Path: "testdata/stance/train.tsv"},
	{Path: "testdata/stance/train_v2/nl.tsv"},
	{Path: "testdata/stance/train_v2/en.tsv"},
	{Path: "testdata/stance/dev_v2/nl.tsv", LexiconTuned: true, Dev: true},
	{Path: "testdata/stance/dev_v2/en.tsv", LexiconTuned: true, Dev: true},
	{Path: "testdata/stance/extra_v2/nl.tsv", LexiconTuned: true},
	{Path: "testdata/stance/extra_v2/en.tsv", LexiconTuned: true},
	// Own-written turns of the kinds real talk showed the engine missing
	// (issue 14, second round): customers asking for guidance in chat style,
	// evasive put-offs, agents pointing to another company or channel.
	{Path: "testdata/stance/extra_v3/nl.tsv", LexiconTuned: true},
	{Path: "testdata/stance/extra_v3/en.tsv", LexiconTuned: true},
	// Real utterances (issue 14, fourth round), labelled by the guide. The
	// Dutch lexicon's service-talk forms (promises to come back, redirects,
	// excuses for not paying now, fault reports) were added while reading
	// the Dutch rows' misses, so those rows count as lexicon-tuned.
	{Path: "testdata/stance/realtrain/nl.tsv", LexiconTuned: true, Weight: realWeight, Real: true},
	{Path: "testdata/stance/realtrain/nl2.tsv", LexiconTuned: true, Weight: realWeight, Real: true},
	{Path: "testdata/stance/realtrain/nl3.tsv", Real: true},
	{Path: "testdata/stance/realtrain/en.tsv", Weight: realWeight, Real: true},
	{Path: "testdata/stance/realtrain/en2.tsv", Weight: realWeight, Real: true},
}

// Set returns the training set of the file's examples, with the file's
// tuning, weight and realness.
func (f TrainingFile) Set(examples []Example) TrainingSet {
	return TrainingSet{Examples: examples, LexiconTuned: f.LexiconTuned, Weight: f.Weight, Real: f.Real}
}

// realWeight is how much more a real utterance counts than one the team
// wrote. Three: at two the model failed table cases of its own tests
// (a refusal followed by help, sarcasm from an agent), and cross-validation
// over the real turns (-cvreal 5) scores 2, 3 and 4 alike within a row or
// two.
const realWeight = 3

// TrainingSet is a labelled set to train on.
type TrainingSet struct {
	Examples []Example
	// LexiconTuned marks a set the lexicon was tuned on, such as the
	// development set, whose cues therefore look more reliable than they
	// are.
	LexiconTuned bool
	// Weight is how many times each example is seen per epoch; 0 means
	// once.
	Weight int
	// Real marks utterances of real talk, on whose held-out predictions
	// the confidence map is fitted when there are enough of them; their
	// Source keeps a page or a conversation in one fold.
	Real bool
}

// DataHash returns the SHA-256 of training sets as [TrainModel] sees them:
// for every set whether the lexicon was tuned on it, then language,
// quadrant, octant, speaker, text and previous turn of every example, in
// order, and for real sets each example's source, which decides its
// calibration fold. A model file records the hash of the data it was
// trained on.
func DataHash(sets ...TrainingSet) [32]byte {
	h := sha256.New()
	for _, set := range sets {
		fmt.Fprintf(h, "set\t%t\t%d\n", set.LexiconTuned, len(set.Examples))
		if set.Weight > 1 {
			fmt.Fprintf(h, "weight\t%d\n", set.Weight)
		}
		if set.Real {
			fmt.Fprintf(h, "real\n")
		}
		for _, ex := range set.Examples {
			fmt.Fprintf(h, "%s\t%s\t%s\t%s\t%s\t%s\n", ex.Lang, ex.Quadrant, ex.Octant, ex.Speaker, ex.Text, ex.Previous)
			if set.Real {
				fmt.Fprintf(h, "source\t%s\n", ex.Source)
			}
		}
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

// sample is an example as training sees it.
type sample struct {
	fs    []feat
	rose  [numClasses]float64
	class int // octant class, -1 when only the quadrant is known
	quad  int
	tuned bool
	lang  assistant.Language
	// weight is how many times fit sees the sample per epoch. Repeating
	// it there rather than copying it keeps every copy in one
	// calibration fold.
	weight int
	// real marks a turn of real talk, and fold its calibration fold,
	// shared by its page and conversation.
	real bool
	fold int
}

// samples turns labelled sets into training samples, reading every example
// as the classifier would: with its speaker and the turn it answers. Turns
// the lexicon reads alone (no word at all, or short with nothing to answer)
// are left out. realFolds holds the calibration fold of every example of
// the real sets, in order.
func samples(sets []TrainingSet, realFolds []int) ([]sample, error) {
	lex := newLexical()
	var s, ps scratch
	var ans answered
	var out []sample
	nreal := 0
	for _, set := range sets {
		for _, ex := range set.Examples {
			fold := -1
			if set.Real {
				fold = realFolds[nreal]
				nreal++
			}
			if !ex.Lang.Valid() || !ex.Quadrant.Valid() {
				return nil, assistant.Errorf(assistant.EInvalid, "line %d: example needs a language and a quadrant", ex.Line)
			}
			var prev *answered
			if ex.Previous != "" {
				_, pst, _, _ := lex.lexical(&ps, ex.Previous, ex.Lang)
				if ps.hasWords() {
					ps.summarize(&ans, pst)
					prev = &ans
				}
			}
			lang, st, _, contentless := lex.lexical(&s, ex.Text, ex.Lang)
			short := contentless || s.short()
			if !s.hasWords() || short && prev == nil {
				continue
			}
			s.featurize(lang, st)
			s.contextFeatures(st, turnContext{speaker: speakerByte(ex.Speaker), prev: prev, short: short, text: ex.Text})
			sm := sample{fs: append([]feat(nil), s.feats...), class: -1, quad: quadrantClass(ex.Quadrant), tuned: set.LexiconTuned, lang: ex.Lang, weight: max(set.Weight, 1), real: set.Real, fold: fold}
			roseTerm(st.Dominance, st.Affiliation, &sm.rose)
			if ex.Octant != "" {
				sm.class = classOf(ex.Octant)
			}
			out = append(out, sm)
		}
	}
	return out, nil
}

// TrainModel fits the learned layer, a multinomial logistic regression over
// the octants, to labelled examples and returns the model file that
// [NewWithModel] reads and that is embedded as model.bin. Examples without
// an octant teach their quadrant only. The confidence maps, one per
// language, are fitted on predictions for examples a model did not see:
// calibrationFolds models, each trained without one fold. Training is
// deterministic: the same sets in the same order give the same bytes.
func TrainModel(sets ...TrainingSet) ([]byte, error) {
	var real []Example
	for _, set := range sets {
		if set.Real {
			real = append(real, set.Examples...)
		}
	}
	realFolds, _ := ConversationFolds(real, calibrationFolds)
	all, err := samples(sets, realFolds)
	if err != nil {
		return nil, err
	}
	if len(all) == 0 {
		return nil, assistant.Errorf(assistant.EInvalid, "no training examples the model would read (all empty or short)")
	}
	var knots [numLanguages][]knot
	if len(all) >= calibrationMin {
		knots = calibration(all)
	}
	w, rose := fit(all)
	return encodeModel(w, rose, knots, DataHash(sets...)), nil
}

// Calibration settings: the folds whose held-out predictions fit the
// confidence maps, the fewest predictions of a language worth fitting a
// map on, and how many predictions each bin pools before the map is made
// monotone.
const (
	calibrationFolds = 3
	calibrationMin   = 200
	calibrationBin   = 30
)

// calibration fits a confidence map per language: each sample is scored by
// a model trained on the other folds, and the map of a language is fitted
// on its real turns when it has calibrationMin of them, else on all its
// turns. The team's own turns are easier than real talk (on them the model
// is right nine times in ten, on real talk about seven in ten, Dutch five in
// ten), so a map fitted on them promises users more than the engine keeps
// on a call. Real turns keep their page or conversation in one fold (see
// [ConversationFolds]); the team's own go to fold i%calibrationFolds by
// their order in their language, so that a turn and its translation,
// written in the same order, mostly share a fold. The predictions are
// pooled into bins of equal count, and the bins' accuracies made monotone
// by pooling adjacent violators.
func calibration(all []sample) [numLanguages][]knot {
	fold := make([]int, len(all))
	n := map[assistant.Language]int{}
	for i, sm := range all {
		if sm.real {
			fold[i] = sm.fold
			continue
		}
		fold[i] = n[sm.lang] % calibrationFolds
		n[sm.lang]++
	}
	var ownPreds, realPreds [numLanguages][]pred
	var p [numClasses]float64
	for f := 0; f < calibrationFolds; f++ {
		var train []sample
		for i := range all {
			if fold[i] != f {
				train = append(train, all[i])
			}
		}
		w, rose := fit(train)
		m := &model{mask: 1<<hashBits - 1, w: make([]float32, len(w)), rose: rose}
		for i, v := range w {
			m.w[i] = float32(v)
		}
		for i := range all {
			if fold[i] != f {
				continue
			}
			sm := &all[i]
			m.scoresRose(sm.fs, &sm.rose, &p)
			q, pq := quadrantOf(&p)
			right := 0.0
			if q == sm.quad {
				right = 1
			}
			li := langIndex(sm.lang)
			if sm.real {
				realPreds[li] = append(realPreds[li], pred{pq, right})
			} else {
				ownPreds[li] = append(ownPreds[li], pred{pq, right})
			}
		}
	}
	var knots [numLanguages][]knot
	for li := range knots {
		preds := realPreds[li]
		if len(preds) < calibrationMin {
			preds = append(preds, ownPreds[li]...)
		}
		if len(preds) >= calibrationMin {
			knots[li] = isotonic(preds)
		}
	}
	return knots
}

// pred is a held-out prediction: the probability of the predicted quadrant
// and whether it was right (1) or not (0).
type pred struct{ p, right float64 }

// isotonic fits a monotone map from probability to accuracy: the
// predictions sorted by probability are pooled into bins of calibrationBin,
// and adjacent bins pooled while a more probable bin is not more often
// right.
func isotonic(preds []pred) []knot {
	slices.SortStableFunc(preds, func(a, b pred) int { return cmp.Compare(a.p, b.p) })
	// At most maxKnots bins, so that decodeModel reads what is written.
	bins := min(max(len(preds)/calibrationBin, 1), maxKnots)
	type block struct{ p, q, n float64 }
	var blocks []block
	for b := 0; b < bins; b++ {
		lo, hi := b*len(preds)/bins, (b+1)*len(preds)/bins
		if hi <= lo {
			continue
		}
		var bl block
		for _, pr := range preds[lo:hi] {
			bl.p += pr.p
			bl.q += pr.right
			bl.n++
		}
		bl.p, bl.q = bl.p/bl.n, bl.q/bl.n
		blocks = append(blocks, bl)
		for len(blocks) > 1 && blocks[len(blocks)-2].q >= blocks[len(blocks)-1].q {
			x, y := blocks[len(blocks)-2], blocks[len(blocks)-1]
			nn := x.n + y.n
			blocks = append(blocks[:len(blocks)-2], block{(x.p*x.n + y.p*y.n) / nn, (x.q*x.n + y.q*y.n) / nn, nn})
		}
	}
	knots := make([]knot, len(blocks))
	for i, bl := range blocks {
		knots[i] = knot{float32(bl.p), float32(bl.q)}
	}
	return knots
}

// scoresRose is [model.scores] with the lexicon's projection already made.
func (m *model) scoresRose(fs []feat, rose *[numClasses]float64, p *[numClasses]float64) {
	var z [numClasses]float64
	for c := range z {
		z[c] = m.rose * rose[c]
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

// fit runs the stochastic gradient descent of the logistic regression over
// samples and returns the weights and the lexicon weight.
func fit(samples []sample) ([]float64, float64) {
	w := make([]float64, (1<<hashBits)*numClasses)
	g2 := make([]float64, len(w))
	mask := uint32(1<<hashBits - 1)
	rng := rand.New(rand.NewPCG(trainSeedHigh, trainSeedLow))
	var z, p, grad [numClasses]float64
	rose, roseG2 := 0.0, 0.0
	var order []int
	for i, sm := range samples {
		for range max(sm.weight, 1) {
			order = append(order, i)
		}
	}
	for epoch := 0; epoch < trainEpochs; epoch++ {
		for _, j := range rng.Perm(len(order)) {
			sm := &samples[order[j]]
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
	return w, rose
}
