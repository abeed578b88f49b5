package main

import (
	"bufio"
	"cmp"
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/stance"
)

// realPrefix is where the real training turns live. They are few, from
// many pages and conversations, and they are what the engine meets at
// work, so cross-validating over them is the honest measure of a change
// while the real held-out sets stay unseen.
const realPrefix = "testdata/stance/realtrain/"

// crossValidateReal splits the real training turns into k folds, trains on
// the other folds plus every other training file, and scores the pooled
// answers on the held-out folds. Turns of one source (page, tweet) or of one
// conversation (a turn whose previous turn is another row's text) share a
// fold: a model scored on a reply it was trained on the question of, or on
// another line of the same scene, would look better than it is at work.
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
		sets = append(sets, stance.TrainingSet{Examples: ex, LexiconTuned: f.LexiconTuned, Weight: f.Weight})
		if !strings.HasPrefix(f.Path, realPrefix) {
			continue
		}
		for _, e := range ex {
			rows = append(rows, row{ex: e, file: i})
		}
	}
	if len(rows) == 0 {
		return fmt.Errorf("cross-validation: no training file under %s", realPrefix)
	}
	// Union-find over rows: same source, or one answers the other.
	parent := make([]int, len(rows))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int) { parent[find(a)] = find(b) }
	bySource, byText := map[string]int{}, map[string]int{}
	srcOf := map[int]string{}
	for i, r := range rows {
		src, err := sourceOf(stance.TrainingFiles[r.file].Path, r.ex.Line)
		if err != nil {
			return err
		}
		srcOf[i] = src
		if src != "" {
			if j, ok := bySource[src]; ok {
				union(i, j)
			} else {
				bySource[src] = i
			}
		}
		t := norm(r.ex.Text)
		if j, ok := byText[t]; ok {
			union(i, j)
		} else {
			byText[t] = i
		}
	}
	for i, r := range rows {
		if j, ok := byText[norm(r.ex.Previous)]; ok && r.ex.Previous != "" {
			union(i, j)
		}
	}
	// Groups, largest first (ties by the hash of a member's source and
	// text, so the split is fixed), each to the fold of its language with
	// the fewest rows so far: folds of about equal size in each language.
	members := map[int][]int{}
	for i := range rows {
		members[find(i)] = append(members[find(i)], i)
	}
	type group struct {
		rows []int
		lang assistant.Language
		hash [32]byte
	}
	var groups []group
	for _, m := range members {
		first := rows[m[0]]
		groups = append(groups, group{m, first.ex.Lang, sha256.Sum256([]byte(srcOf[m[0]] + "\x00" + first.ex.Text))})
	}
	slices.SortFunc(groups, func(a, b group) int {
		return cmp.Or(cmp.Compare(len(b.rows), len(a.rows)), slices.Compare(a.hash[:], b.hash[:]))
	})
	fold := make([]int, len(rows))
	size := map[assistant.Language][]int{}
	for _, g := range groups {
		if size[g.lang] == nil {
			size[g.lang] = make([]int, k)
		}
		f := 0
		for i, n := range size[g.lang] {
			if n < size[g.lang][f] {
				f = i
			}
		}
		size[g.lang][f] += len(g.rows)
		for _, i := range g.rows {
			fold[i] = f
		}
	}
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
			train := make([]stance.TrainingSet, len(sets))
			for i, set := range sets {
				train[i] = stance.TrainingSet{Examples: set.Examples, LexiconTuned: set.LexiconTuned, Weight: set.Weight}
			}
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
	fmt.Printf("\n== %d-fold cross-validation over %d real training turns (%d groups)\n", k, len(rows), len(groups))
	if err := rep.WriteText(os.Stdout); err != nil {
		return err
	}
	if misses {
		return rep.WriteMisses(os.Stdout)
	}
	return nil
}

func norm(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// sourceCache holds the source column of each real training file by line.
var sourceCache = map[string]map[int]string{}

func sources(path string) (map[int]string, error) {
	if m, ok := sourceCache[path]; ok {
		return m, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open training data: %w", err)
	}
	defer f.Close()
	m := map[int]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for line := 1; sc.Scan(); line++ {
		if cols := strings.Split(sc.Text(), "\t"); len(cols) > 7 {
			m[line] = strings.TrimSpace(cols[7])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	sourceCache[path] = m
	return m, nil
}

func sourceOf(path string, line int) (string, error) {
	m, err := sources(path)
	if err != nil {
		return "", err
	}
	return m[line], nil
}
