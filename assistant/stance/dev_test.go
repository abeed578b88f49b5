package stance

import (
	"context"
	"os"
	"strings"
	"testing"
)

// TestLabelledSets evaluates the sets the lexicons were tuned on and holds
// them to a floor, so that a change that breaks the engine shows: the
// project's development set and this package's own paraphrases (utterances
// written to probe wording the development set lacks). The held-out test
// split is evaluated by `rooscoach eval`, never here.
func TestLabelledSets(t *testing.T) {
	for _, tc := range []struct {
		name  string
		file  string
		floor float64
	}{
		{"dev", "../../testdata/stance/dev.tsv", 0.85},
		{"paraphrase", "testdata/paraphrase.tsv", 0.85},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := os.Open(tc.file)
			if err != nil {
				t.Fatalf("open %s: %v", tc.file, err)
			}
			defer f.Close()
			examples, err := ReadExamples(f)
			if err != nil {
				t.Fatal(err)
			}
			if len(examples) < 100 {
				t.Fatalf("%s has %d examples, want at least 100", tc.file, len(examples))
			}
			rep, err := Evaluate(context.Background(), New(), examples)
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Languages) != 2 {
				t.Errorf("%s scored %d languages, want nl and en", tc.file, len(rep.Languages))
			}
			failed := false
			for _, s := range rep.Languages {
				if s.QuadrantAccuracy < tc.floor {
					failed = true
					t.Errorf("%s: quadrant accuracy %.3f on %s, want at least %.2f", s.Lang, s.QuadrantAccuracy, tc.name, tc.floor)
				}
			}
			if failed || testing.Verbose() {
				var b strings.Builder
				if err := rep.WriteText(&b); err != nil {
					t.Fatal(err)
				}
				if err := rep.WriteMisses(&b); err != nil {
					t.Fatal(err)
				}
				t.Log("\n" + b.String())
			}
		})
	}
}

// TestRealDevelopmentSet holds the engine to a floor on the development set
// of real utterances (testdata/stance/realdev/real.tsv, issue 14 second
// round), so that a change that loses ground on real talk shows. The floor
// sits a few rows under the figure when the set was last measured (nl 73.0%,
// en 81.1%, fourth round); its source and rationale columns are read and not scored.
func TestRealDevelopmentSet(t *testing.T) {
	const file = "../../testdata/stance/realdev/real.tsv"
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("open %s: %v", file, err)
	}
	for _, line := range strings.Split(strings.TrimRight(string(raw), "\n"), "\n") {
		if fields := strings.Split(line, "\t"); len(fields) != 9 {
			t.Fatalf("%s: %d columns in %q, want 9", file, len(fields), line)
		}
	}
	examples, err := ReadExamples(strings.NewReader(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Evaluate(context.Background(), New(), examples)
	if err != nil {
		t.Fatal(err)
	}
	floors := map[string]float64{"nl": 0.65, "en": 0.75}
	if len(rep.Languages) != 2 {
		t.Fatalf("scored %d languages, want nl and en", len(rep.Languages))
	}
	for _, s := range rep.Languages {
		if floor := floors[string(s.Lang)]; s.QuadrantAccuracy < floor {
			t.Errorf("%s: quadrant accuracy %.3f on real talk (development), want at least %.2f", s.Lang, s.QuadrantAccuracy, floor)
		}
	}
}
