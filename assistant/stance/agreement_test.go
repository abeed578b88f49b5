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
// only a check that the guide is applied the same way twice. A set whose
// annotators agree less has been fixed by an adjudicator, who settled every
// row they labelled differently by the guide (adjudicated.tsv); its
// agreement is then reported, and every disagreement must be settled, with
// the settled label in heldout.tsv.
const (
	minQuadrantKappa = 0.70
	minOctantKappa   = 0.60
	// minAdjudicatedKappa is the floor of an adjudicated set, on both
	// kappas: below it the annotators read the guide too differently for
	// a third reader's choice between them to make a set.
	minAdjudicatedKappa = 0.55
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
	for _, set := range []string{"realtalk", "realtalk2", "realtalk3"} {
		t.Run(set, func(t *testing.T) { secondAnnotatorAgrees(t, filepath.Join(stanceDir, set)) })
	}
}

func secondAnnotatorAgrees(t *testing.T, dir string) {
	first := readTSV(t, filepath.Join(dir, "heldout.tsv"))[1:]
	settled, adjudicated := readAdjudication(t, dir, first)
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
		gold := assistant.Octant(f[3])
		firstPass := gold
		if a, ok := settled[i+1]; ok {
			if a.first == a.second || a.second != o {
				t.Fatalf("row %d: adjudicated.tsv has the annotators' labels %s and %s, second_annotator.tsv %s", i+1, a.first, a.second, o)
			}
			if gold != a.decided {
				t.Errorf("row %d: heldout.tsv says %s, the adjudicator settled on %s", i+1, gold, a.decided)
			}
			firstPass = a.first
		} else if adjudicated && gold != o {
			t.Errorf("row %d: the annotators disagree (%s, %s) and no adjudicator settled it", i+1, gold, o)
		} else if adjudicated && strings.Contains(f[len(f)-1], "adjudicated") {
			t.Errorf("row %d: its rationale says it was adjudicated, adjudicated.tsv has no settlement for it", i+1)
		}
		for _, key := range []string{"all", f[0], f[4]} {
			quadrants[key] = append(quadrants[key], [2]assistant.Quadrant{firstPass.Quadrant(), o.Quadrant()})
			octants[key] = append(octants[key], [2]assistant.Octant{firstPass, o})
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
		if adjudicated && (*q.Kappa < minAdjudicatedKappa || *o.Kappa < minAdjudicatedKappa) {
			t.Errorf("%s: the annotators agree too little even for an adjudicated set: quadrant kappa %.3f, octant kappa %.3f (floor %.2f)",
				key, *q.Kappa, *o.Kappa, minAdjudicatedKappa)
		}
		if !adjudicated && (*q.Kappa < minQuadrantKappa || *o.Kappa < minOctantKappa) {
			t.Errorf("%s: the annotators agree too little to judge the engine: quadrant kappa %.3f (floor %.2f), octant kappa %.3f (floor %.2f)",
				key, *q.Kappa, minQuadrantKappa, *o.Kappa, minOctantKappa)
		}
	}
}

// settlement is an adjudicator's decision on a row the annotators labelled
// differently.
type settlement struct{ first, second, decided assistant.Octant }

// readAdjudication reads dir/adjudicated.tsv (id, first, second, octant,
// decided_by, reason), when there is one, by the row of heldout.tsv.
func readAdjudication(t *testing.T, dir string, heldout [][]string) (map[int]settlement, bool) {
	t.Helper()
	path := filepath.Join(dir, "adjudicated.tsv")
	if _, err := os.Stat(path); os.IsNotExist(err) {
		return nil, false
	}
	rows := readTSV(t, path)
	if got := rows[0]; len(got) != 6 || got[0] != "id" || got[1] != "first" || got[2] != "second" || got[3] != "octant" {
		t.Fatalf("adjudicated.tsv header %q, want id, first, second, octant, decided_by, reason", got)
	}
	out := map[int]settlement{}
	for n, r := range rows[1:] {
		id, err := strconv.Atoi(r[0])
		if err != nil || id < 1 || id > len(heldout) || len(r) != 6 {
			t.Fatalf("adjudicated.tsv line %d: want six columns and an id between 1 and %d, got %q", n+2, len(heldout), r)
		}
		s := settlement{assistant.Octant(r[1]), assistant.Octant(r[2]), assistant.Octant(r[3])}
		if !s.first.Valid() || !s.second.Valid() || !s.decided.Valid() || strings.TrimSpace(r[5]) == "" {
			t.Fatalf("adjudicated.tsv line %d: octants %q and a reason wanted", n+2, r[1:4])
		}
		if _, dup := out[id]; dup {
			t.Fatalf("adjudicated.tsv line %d: row %d is settled twice", n+2, id)
		}
		out[id] = s
	}
	return out, true
}
