// Command train fits the stance classifier's learned layer to the labelled
// sets and writes assistant/stance/model.bin, which the package embeds.
// Run it from the repository root after the training data changes:
//
//	go run ./assistant/stance/internal/train
//
// With -cv K it also reports K-fold cross-validated accuracy, and with
// -holdout the accuracy on each training file when the model is trained on
// the others, against the lexicon alone. The held-out test split is never
// read.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/stance"
)

// trainingFiles are the labelled sets, in the order the model is trained
// on them; TestEmbeddedModel in package stance lists the same files. The
// lexicon was tuned on the first two.
var trainingFiles = []struct {
	path  string
	tuned bool
}{
	{"testdata/stance/dev.tsv", true},
	{"assistant/stance/testdata/paraphrase.tsv", true},
	{"testdata/stance/train.tsv", false},
}

func main() {
	out := flag.String("out", "assistant/stance/model.bin", "where to write the model")
	cv := flag.Int("cv", 0, "report K-fold cross-validation (0: skip)")
	holdout := flag.Bool("holdout", false, "report each training file held out")
	write := flag.Bool("write", true, "write the model trained on all files")
	flag.BoolVar(&showMisses, "misses", false, "list the cross-validated misses")
	flag.Parse()
	if err := run(*out, *cv, *holdout, *write); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func run(out string, k int, holdout, write bool) error {
	sets := make([]stance.TrainingSet, len(trainingFiles))
	for i, f := range trainingFiles {
		ex, err := read(f.path)
		if err != nil {
			return err
		}
		sets[i] = stance.TrainingSet{Examples: ex, LexiconTuned: f.tuned}
		fmt.Printf("%s: %d examples\n", f.path, len(ex))
	}
	if holdout {
		for i, f := range trainingFiles {
			if len(sets[i].Examples) == 0 {
				continue
			}
			var rest []stance.TrainingSet
			for j := range sets {
				if j != i {
					rest = append(rest, sets[j])
				}
			}
			if err := report("held out "+f.path, rest, sets[i].Examples); err != nil {
				return err
			}
		}
	}
	if k > 1 {
		// The fair estimate for new wording: folds of the set the lexicon
		// was not tuned on, each scored by a model trained on everything
		// else. Then folds over all sets, which flatter the lexicon.
		last := len(sets) - 1
		if len(sets[last].Examples) >= k {
			if err := crossValidate(k, sets, []int{last}); err != nil {
				return err
			}
		}
		all := make([]int, len(sets))
		for i := range all {
			all[i] = i
		}
		if err := crossValidate(k, sets, all); err != nil {
			return err
		}
	}
	if write {
		m, err := stance.TrainModel(sets...)
		if err != nil {
			return err
		}
		if err := os.WriteFile(out, m, 0o644); err != nil {
			return fmt.Errorf("write model: %w", err)
		}
		fmt.Printf("wrote %s (%d bytes)\n", out, len(m))
	}
	return nil
}

// crossValidate splits the examples of the sets named by folded into k
// folds (the i-th example of a language in fold i%k, so that a turn and its
// translation, written in the same order, mostly share a fold and no model
// is scored on the translation of a turn it was trained on), trains on the
// other folds and
// every other set, and scores the pooled answers, with the lexicon alone
// for comparison.
func crossValidate(k int, sets []stance.TrainingSet, folded []int) error {
	isFolded := map[int]bool{}
	for _, i := range folded {
		isFolded[i] = true
	}
	answers := answerTable{}
	var scored []stance.Example
	for f := 0; f < k; f++ {
		var train []stance.TrainingSet
		var test []stance.Example
		n := map[assistant.Language]int{}
		for i, set := range sets {
			if !isFolded[i] {
				train = append(train, set)
				continue
			}
			part := stance.TrainingSet{LexiconTuned: set.LexiconTuned}
			for _, ex := range set.Examples {
				if n[ex.Lang]%k == f {
					test = append(test, ex)
				} else {
					part.Examples = append(part.Examples, ex)
				}
				n[ex.Lang]++
			}
			train = append(train, part)
		}
		m, err := stance.TrainModel(train...)
		if err != nil {
			return err
		}
		c, err := stance.NewWithModel(m)
		if err != nil {
			return err
		}
		for _, ex := range test {
			st, err := c.Classify(context.Background(), ex.Text, ex.Lang)
			if err != nil {
				return err
			}
			answers[key(ex.Lang, ex.Text)] = st
		}
		scored = append(scored, test...)
	}
	lex, err := stance.NewWithModel(nil)
	if err != nil {
		return err
	}
	for _, v := range []struct {
		name string
		c    assistant.StanceClassifier
	}{{"lexicon alone", lex}, {"lexicon + model", answers}} {
		rep, err := stance.Evaluate(context.Background(), v.c, scored)
		if err != nil {
			return err
		}
		fmt.Printf("\n== %d-fold cross-validation over %d examples of %d sets (%d sets always in training), %s\n",
			k, len(scored), len(folded), len(sets)-len(folded), v.name)
		if err := rep.WriteText(os.Stdout); err != nil {
			return err
		}
		if showMisses && v.name == "lexicon + model" {
			if err := rep.WriteMisses(os.Stdout); err != nil {
				return err
			}
		}
	}
	return nil
}

var showMisses bool

func read(name string) ([]stance.Example, error) {
	f, err := os.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil // train.tsv is optional
	}
	if err != nil {
		return nil, fmt.Errorf("open training data: %w", err)
	}
	defer f.Close()
	ex, err := stance.ReadExamples(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return ex, nil
}

// report trains on train, then scores test with the model and with the
// lexicon alone.
func report(title string, train []stance.TrainingSet, test []stance.Example) error {
	m, err := stance.TrainModel(train...)
	if err != nil {
		return err
	}
	for _, variant := range []struct {
		name  string
		model []byte
	}{{"lexicon alone", nil}, {"lexicon + model", m}} {
		c, err := stance.NewWithModel(variant.model)
		if err != nil {
			return err
		}
		rep, err := stance.Evaluate(context.Background(), c, test)
		if err != nil {
			return err
		}
		fmt.Printf("\n== %s, %s\n", title, variant.name)
		if err := rep.WriteText(os.Stdout); err != nil {
			return err
		}
	}
	return nil
}

// answerTable answers with the stances recorded for each text, so that
// cross-validated answers can be scored by stance.Evaluate.
type answerTable map[string]assistant.Stance

func key(lang assistant.Language, text string) string { return string(lang) + "\x00" + text }

func (t answerTable) ClassifyTurns(_ context.Context, turns []assistant.Turn, lang assistant.Language) ([]assistant.Stance, error) {
	out := make([]assistant.Stance, len(turns))
	for i, turn := range turns {
		st, ok := t[key(lang, turn.Text)]
		if !ok {
			return nil, fmt.Errorf("no answer recorded for %q", turn.Text)
		}
		out[i] = st
	}
	return out, nil
}
