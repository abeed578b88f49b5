package stance

import (
	"cmp"
	"crypto/sha256"
	"slices"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// ConversationFolds splits real examples into k folds for cross-validation
// and returns each example's fold and the number of groups. Turns of one
// source (page, tweet) or of one conversation (a turn whose previous turn is
// another example's text, or the same text twice) share a fold: a model
// scored on a reply it was trained on the question of, or on another line
// of the same scene, looks better than it is at work. Groups go largest
// first (ties by the hash of a member's source and text, so the split is
// fixed) to the fold of their language with the fewest examples so far, so
// folds are about equal in size within each language. k below 1 counts
// as 1.
func ConversationFolds(examples []Example, k int) (folds []int, groups int) {
	// One fold at least: a caller asking for none gets every example in
	// fold 0 rather than a panic.
	k = max(k, 1)
	parent := make([]int, len(examples))
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
	for i, ex := range examples {
		if ex.Source != "" {
			if j, ok := bySource[ex.Source]; ok {
				union(i, j)
			} else {
				bySource[ex.Source] = i
			}
		}
		t := normText(ex.Text)
		if j, ok := byText[t]; ok {
			union(i, j)
		} else {
			byText[t] = i
		}
	}
	for i, ex := range examples {
		if j, ok := byText[normText(ex.Previous)]; ok && ex.Previous != "" {
			union(i, j)
		}
	}
	members := map[int][]int{}
	for i := range examples {
		members[find(i)] = append(members[find(i)], i)
	}
	type group struct {
		rows []int
		lang assistant.Language
		hash [32]byte
	}
	gs := make([]group, 0, len(members))
	for _, m := range members {
		first := examples[m[0]]
		gs = append(gs, group{m, first.Lang, sha256.Sum256([]byte(first.Source + "\x00" + first.Text))})
	}
	slices.SortFunc(gs, func(a, b group) int {
		return cmp.Or(cmp.Compare(len(b.rows), len(a.rows)), slices.Compare(a.hash[:], b.hash[:]))
	})
	folds = make([]int, len(examples))
	size := map[assistant.Language][]int{}
	for _, g := range gs {
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
			folds[i] = f
		}
	}
	return folds, len(gs)
}

// normText folds case and spacing, so that a turn quoted twice with other
// spacing counts as one text.
func normText(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
