// Command train fits the stance classifier's learned layer to the labelled
// sets (stance.TrainingFiles) and writes assistant/stance/model.bin, which
// the package embeds. Run it from the repository root after the training
// data or the features change:
//
//	go run ./assistant/stance/internal/train
//
// With -dev it trains without the speaker-aware development split and
// reports on that split (per language, speaker and kind, with the
// reliability of the confidences), against the lexicon alone; -misses lists
// what it got wrong. With -cv K it reports K-fold cross-validated accuracy
// over the older training set; with -cvreal K, over the real training turns
// (the files marked Real), a conversation or page in one fold, each fold's
// confidence maps fitted without it; -curve adds a learning curve, the same
// folds trained on shares of the real turns. With -score FILE it trains on every training
// file and reports on FILE, a development set of seven columns such as the
// first seven of testdata/stance/realdev/real.tsv (-misses lists the misses);
// it refuses the held-out splits. The held-out splits are never read.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/stance"
)

func main() {
	out := flag.String("out", "assistant/stance/model.bin", "where to write the model")
	cv := flag.Int("cv", 0, "report K-fold cross-validation over the older training set (0: skip)")
	dev := flag.Bool("dev", false, "train without the development split and report on it; writes nothing")
	misses := flag.Bool("misses", false, "list the misses of -dev and -cv")
	lexicon := flag.Bool("lexicon", true, "with -dev, also report the lexicon alone")
	holdout := flag.String("holdout", "", "comma-separated training files to hold out and report on, as -dev does")
	score := flag.String("score", "", "train on every training file and report on this development file (7 columns, as rooscoach eval reads them); writes nothing")
	cvReal := flag.Int("cvreal", 0, "report K-fold cross-validation over the real training turns, one source or conversation per fold (0: skip)")
	curve := flag.String("curve", "", "with -cvreal K, a learning curve instead: comma-separated shares of the real training turns to train on, such as 0,0.5,1")
	flag.Parse()
	if *cvReal > 1 && *curve != "" {
		shares, err := parseShares(*curve)
		if err == nil {
			err = learningCurve(*cvReal, shares)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "train:", err)
			os.Exit(1)
		}
		return
	}
	if *cvReal > 1 {
		if err := crossValidateReal(*cvReal, *misses); err != nil {
			fmt.Fprintln(os.Stderr, "train:", err)
			os.Exit(1)
		}
		return
	}
	if *score != "" {
		if err := scoreFile(*score, *misses); err != nil {
			fmt.Fprintln(os.Stderr, "train:", err)
			os.Exit(1)
		}
		return
	}
	if *holdout != "" {
		held = map[string]bool{}
		for _, p := range strings.Split(*holdout, ",") {
			held[p] = true
		}
	}
	if err := run(*out, *cv, *dev || *holdout != "", *misses, *lexicon); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func run(out string, k int, dev, misses, lexicon bool) error {
	var sets, train []stance.TrainingSet
	var heldOut []stance.Example
	for _, f := range stance.TrainingFiles {
		ex, err := read(f.Path)
		if err != nil {
			return err
		}
		set := f.Set(ex)
		sets = append(sets, set)
		if held != nil && held[f.Path] || held == nil && f.Dev {
			heldOut = append(heldOut, ex...)
		} else {
			train = append(train, set)
		}
		fmt.Printf("%s: %d examples\n", f.Path, len(ex))
	}
	if dev {
		return report("held out", train, heldOut, misses, lexicon)
	}
	if k > 1 {
		return crossValidate(k, sets, misses)
	}
	m, err := stance.TrainModel(sets...)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, m, 0o644); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	fmt.Printf("wrote %s (%d bytes)\n", out, len(m))
	return nil
}

// crossValidate splits the older training set (testdata/stance/train.tsv)
// into k folds (the i-th example of a language in fold i%k, so that a turn
// and its translation, written in the same order, mostly share a fold and
// no model is scored on the translation of a turn it was trained on), trains
// on the other folds and every other set, and scores the pooled answers.
func crossValidate(k int, sets []stance.TrainingSet, misses bool) error {
	folded := -1
	for i, f := range stance.TrainingFiles {
		if f.Path == "testdata/stance/train.tsv" {
			folded = i
		}
	}
	if folded < 0 {
		return fmt.Errorf("cross-validation: testdata/stance/train.tsv is not a training file")
	}
	answers := answerTable{}
	var scored []stance.Example
	for f := 0; f < k; f++ {
		var train []stance.TrainingSet
		var test []stance.Example
		n := map[assistant.Language]int{}
		for i, set := range sets {
			if i != folded {
				train = append(train, set)
				continue
			}
			part := set
			part.Examples = nil
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
			sts, err := c.ClassifyTurns(context.Background(), ex.Turns(), ex.Lang)
			if err != nil {
				return err
			}
			answers[key(ex)] = sts[len(sts)-1]
		}
		scored = append(scored, test...)
	}
	rep, err := stance.Evaluate(context.Background(), answers, scored)
	if err != nil {
		return err
	}
	fmt.Printf("\n== %d-fold cross-validation over %d examples of testdata/stance/train.tsv\n", k, len(scored))
	if err := rep.WriteText(os.Stdout); err != nil {
		return err
	}
	if misses {
		return rep.WriteMisses(os.Stdout)
	}
	return nil
}

// scoreFile trains on every training file and reports on the examples of
// name, a development set such as testdata/stance/realdev. The held-out
// splits are refused: they are scored once, with rooscoach eval, after the
// engine is finished, and their misses are never listed.
func scoreFile(name string, misses bool) error {
	for _, h := range []string{"realtalk", "test.tsv", "test_v2"} {
		if strings.Contains(name, h) {
			return fmt.Errorf("%s is a held-out split: score it once with rooscoach eval, never while tuning", name)
		}
	}
	var sets []stance.TrainingSet
	for _, f := range stance.TrainingFiles {
		ex, err := read(f.Path)
		if err != nil {
			return err
		}
		sets = append(sets, f.Set(ex))
	}
	test, err := read(name)
	if err != nil {
		return err
	}
	return report(name, sets, test, misses, false)
}

// held names the files -holdout holds out; nil means the development split.
var held map[string]bool

func read(name string) ([]stance.Example, error) {
	f, err := os.Open(name)
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

// report trains on train, then scores test with the model and, when
// lexicon is set, with the lexicon alone.
func report(title string, train []stance.TrainingSet, test []stance.Example, misses, lexicon bool) error {
	m, err := stance.TrainModel(train...)
	if err != nil {
		return err
	}
	variants := []struct {
		name  string
		model []byte
	}{{"lexicon + model", m}}
	if lexicon {
		variants = append([]struct {
			name  string
			model []byte
		}{{"lexicon alone", nil}}, variants...)
	}
	for _, variant := range variants {
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
		if misses && variant.model != nil {
			if err := rep.WriteMisses(os.Stdout); err != nil {
				return err
			}
		}
	}
	return nil
}

// answerTable answers with the stances recorded for each example, so that
// cross-validated answers can be scored by stance.Evaluate.
type answerTable map[string]assistant.Stance

func key(ex stance.Example) string {
	return string(ex.Lang) + "\x00" + string(ex.Speaker) + "\x00" + ex.Previous + "\x00" + ex.Text
}

func (t answerTable) ClassifyTurns(_ context.Context, turns []assistant.Turn, lang assistant.Language) ([]assistant.Stance, error) {
	last := turns[len(turns)-1]
	ex := stance.Example{Lang: lang, Speaker: last.Speaker, Text: last.Text}
	if len(turns) > 1 {
		ex.Previous = turns[len(turns)-2].Text
	}
	st, ok := t[key(ex)]
	if !ok {
		return nil, fmt.Errorf("no answer recorded for %q", last.Text)
	}
	out := make([]assistant.Stance, len(turns))
	out[len(out)-1] = st
	return out, nil
}

// parseShares reads -curve's comma-separated shares, each between 0 and 1.
func parseShares(s string) ([]float64, error) {
	var shares []float64
	for _, f := range strings.Split(s, ",") {
		x, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || x < 0 || x > 1 {
			return nil, fmt.Errorf("-curve: %q is not a share between 0 and 1", f)
		}
		shares = append(shares, x)
	}
	return shares, nil
}
