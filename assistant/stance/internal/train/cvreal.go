package main

import (
	"context"
	"fmt"
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
	type row struct {
		ex   stance.Example
		file int // index into stance.TrainingFiles
	}
	var sets []stance.TrainingSet
	var rows []row
	for i, f := range stance.TrainingFiles {
		ex, err := read(f.Path)
		if err != nil {
			return err
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
		return fmt.Errorf("cross-validation: no real training file")
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
				if fold[i] == f {
					held[r.file] = true
				}
			}
			for fi := range held {
				train[fi].Examples = nil
			}
			for i, r := range rows {
				if held[r.file] && fold[i] != f {
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
			return err
		}
	}
	table := answerTable{}
	scored := make([]stance.Example, len(rows))
	for i, r := range rows {
		table[key(r.ex)] = answers[i]
		scored[i] = r.ex
	}
	rep, err := stance.Evaluate(context.Background(), table, scored)
	if err != nil {
		return err
	}
	fmt.Printf("\n== %d-fold cross-validation over %d real training turns (%d groups)\n", k, len(rows), groups)
	if err := rep.WriteText(os.Stdout); err != nil {
		return err
	}
	if misses {
		return rep.WriteMisses(os.Stdout)
	}
	return nil
}
