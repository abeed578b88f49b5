package stance_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// Agreement floors for the real-talk held-out sets: a second annotator, who
// saw neither the first labels nor the engine, labelled every row blind
// (the "Second annotator" section of each set's README). When the two
// agree this well, the set can judge the engine; a relabelling that drops
// below them makes the set, not the engine, the first thing to fix. Both
// annotators work to the same guide, so this is not an independent truth,
// only a check that the guide is applied the same way twice.
const (
	minQuadrantKappa = 0.70
	minOctantKappa   = 0.60
)

func readTSV(t *testing.T, path string) [][]string {
	t.Helper()
	// Plain tab-separated lines: quotes in the texts are text, not CSV
	// quoting.
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	for line := range strings.Lines(string(b)) {
		if line = strings.TrimRight(line, "\r\n"); line != "" {
			rows = append(rows, strings.Split(line, "\t"))
		}
	}
	return rows
}

func TestRealTalkSecondAnnotatorAgrees(t *testing.T) {
	for _, set := range []string{"realtalk", "realtalk2"} {
		t.Run(set, func(t *testing.T) { secondAnnotatorAgrees(t, filepath.Join(stanceDir, set)) })
	}
}

func secondAnnotatorAgrees(t *testing.T, dir string) {
	first := readTSV(t, filepath.Join(dir, "heldout.tsv"))[1:]
	second := readTSV(t, filepath.Join(dir, "second_annotator.tsv"))
	if got := second[0]; len(got) < 3 || got[0] != "id" || got[1] != "quadrant" || got[2] != "octant" {
		t.Fatalf("second_annotator.tsv header %q, want id, quadrant, octant, …", got)
	}
	second = second[1:]
	if len(second) != len(first) {
		t.Fatalf("the second annotator labelled %d rows of %d", len(second), len(first))
	}
	quadrants := map[string][][2]assistant.Quadrant{}
	octants := map[string][][2]assistant.Octant{}
	for i, s := range second {
		if id, err := strconv.Atoi(s[0]); err != nil || id != i+1 {
			t.Fatalf("row %d of second_annotator.tsv has id %q, want %d (the row of heldout.tsv)", i+1, s[0], i+1)
		}
		o := assistant.Octant(s[2])
		if !o.Valid() || string(o.Quadrant()) != s[1] {
			t.Fatalf("row %d: octant %q and quadrant %q do not go together", i+1, s[2], s[1])
		}
		f := first[i]
		for _, key := range []string{"all", f[0], f[4]} {
			quadrants[key] = append(quadrants[key], [2]assistant.Quadrant{assistant.Quadrant(f[1]), o.Quadrant()})
			octants[key] = append(octants[key], [2]assistant.Octant{assistant.Octant(f[3]), o})
		}
	}
	for _, key := range []string{"all", "nl", "en", "agent", "customer"} {
		q, err := assistant.Agree(assistant.Quadrants, quadrants[key])
		if err != nil {
			t.Fatal(err)
		}
		o, err := assistant.Agree(assistant.Octants, octants[key])
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%-8s n=%3d  quadrant agreement %.3f kappa %.3f  octant agreement %.3f kappa %.3f",
			key, q.Items, *q.Agreement, *q.Kappa, *o.Agreement, *o.Kappa)
		if *q.Kappa < minQuadrantKappa || *o.Kappa < minOctantKappa {
			t.Errorf("%s: the annotators agree too little to judge the engine: quadrant kappa %.3f (floor %.2f), octant kappa %.3f (floor %.2f)",
				key, *q.Kappa, minQuadrantKappa, *o.Kappa, minOctantKappa)
		}
	}
}
