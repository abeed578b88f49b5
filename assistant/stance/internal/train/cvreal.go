package main

import (
	"context"
	"fmt"
	"hash/fnv"
	"os"
	"runtime"
	"slices"
	"sync"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/stance"
)

// crossValidateReal splits the real training turns into k folds, trains on
// the other folds plus every other training file, and scores the pooled
// answers on the held-out folds. Turns of one source or conversation share a
// fold (stance.ConversationFolds). Each fold's model fits its confidence
// maps on the real turns it was trained on, so the reliability table is an
// honest view of the confidences on real talk.
func crossValidateReal(k int, misses bool) error {
	rep, groups, n, err := crossValidatedReport(k, 1)
	if err != nil {
		return err
	}
	fmt.Printf("\n== %d-fold cross-validation over %d real training turns (%d groups)\n", k, n, groups)
	if err := rep.WriteText(os.Stdout); err != nil {
		return err
	}
	if misses {
		return rep.WriteMisses(os.Stdout)
	}
	return nil
}

// learningCurve repeats the cross-validation of crossValidateReal with only
// a share of the real turns outside each fold to train on, and prints the
// accuracy per language for each share. The folds and the turns scored stay
// the same at every share, so the rows of the table differ only in how much
// real talk the model saw. It answers whether gathering more real turns of
// the same kind would lift the engine: a flat curve says it would not.
func learningCurve(k int, shares []float64) error {
	fmt.Printf("\n== learning curve: %d-fold cross-validation over the real training turns, training on a share of the real turns outside each fold\n", k)
	fmt.Printf("%6s  %10s  %16s  %16s  %16s\n", "share", "real rows", "nl quadrant", "en quadrant", "all quadrant")
	for _, share := range shares {
		rep, _, n, err := crossValidatedReport(k, share)
		if err != nil {
			return err
		}
		acc := map[assistant.Language]string{}
		for _, sc := range rep.Languages {
			acc[sc.Lang] = fmt.Sprintf("%.1f%% (%d/%d)", 100*sc.QuadrantAccuracy, sc.QuadrantCorrect, sc.N)
		}
		fmt.Printf("%6.2f  %10s  %16s  %16s  %16s\n", share, fmt.Sprintf("~%.0f", share*float64(n)*float64(k-1)/float64(k)),
			acc[assistant.Dutch], acc[assistant.English],
			fmt.Sprintf("%.1f%% (%d/%d)", 100*rep.Overall.QuadrantAccuracy, rep.Overall.QuadrantCorrect, rep.Overall.N))
	}
	return nil
}

// kept reports whether a real turn is among the given share of the real
// turns a fold's model trains on. It hashes the text, so the choice is the
// same in every run and, at a larger share, keeps every turn a smaller one
// kept.
func kept(ex stance.Example, share float64) bool {
	if share >= 1 {
		return true
	}
	h := fnv.New32a()
	h.Write([]byte(ex.Text))
	return float64(h.Sum32()%10000) < share*10000
}

// crossValidatedReport runs the k folds of crossValidateReal, training on
// the given share of the real turns outside each fold (1: all of them), and
// returns the report over every real turn, the number of groups and of
// real turns.
func crossValidatedReport(k int, share float64) (stance.Report, int, int, error) {
	type row struct {
		ex   stance.Example
		file int // index into stance.TrainingFiles
	}
	var sets []stance.TrainingSet
	var rows []row
	for i, f := range stance.TrainingFiles {
		ex, err := read(f.Path)
		if err != nil {
			return stance.Report{}, 0, 0, err
		}
		sets = append(sets, f.Set(ex))
		if !f.Real {
			continue
		}
		for _, e := range ex {
			rows = append(rows, row{ex: e, file: i})
		}
	}
	if len(rows) == 0 {
		return stance.Report{}, 0, 0, fmt.Errorf("cross-validation: no real training file")
	}
	examples := make([]stance.Example, len(rows))
	for i, r := range rows {
		examples[i] = r.ex
	}
	fold, groups := stance.ConversationFolds(examples, k)
	// Train the k models, as many at once as there are cores.
	answers := make([]assistant.Stance, len(rows))
	errs := make([]error, k)
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for f := 0; f < k; f++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			train := slices.Clone(sets)
			held := map[int]bool{}
			for i, r := range rows {
				if fold[i] == f || !kept(r.ex, share) {
					held[r.file] = true
				}
			}
			for fi := range held {
				train[fi].Examples = nil
			}
			for i, r := range rows {
				if held[r.file] && fold[i] != f && kept(r.ex, share) {
					train[r.file].Examples = append(train[r.file].Examples, r.ex)
				}
			}
			m, err := stance.TrainModel(train...)
			if err != nil {
				errs[f] = err
				return
			}
			c, err := stance.NewWithModel(m)
			if err != nil {
				errs[f] = err
				return
			}
			for i, r := range rows {
				if fold[i] != f {
					continue
				}
				sts, err := c.ClassifyTurns(context.Background(), r.ex.Turns(), r.ex.Lang)
				if err != nil {
					errs[f] = err
					return
				}
				answers[i] = sts[len(sts)-1]
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return stance.Report{}, 0, 0, err
		}
	}
	table := answerTable{}
	scored := make([]stance.Example, len(rows))
	for i, r := range rows {
		table[key(r.ex)] = answers[i]
		scored[i] = r.ex
	}
	rep, err := stance.Evaluate(context.Background(), table, scored)
	return rep, groups, len(rows), err
}
