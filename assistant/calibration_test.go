package assistant

import (
	"math"
	"testing"
)

// yesNo expands a 2×2 table of two raters into label pairs: a items both
// said yes, b first yes and second no, c first no and second yes, d both no.
func yesNo(a, b, c, d int) [][2]string {
	var pairs [][2]string
	for _, cell := range []struct {
		n     int
		first string
		other string
	}{{a, "yes", "yes"}, {b, "yes", "no"}, {c, "no", "yes"}, {d, "no", "no"}} {
		for range cell.n {
			pairs = append(pairs, [2]string{cell.first, cell.other})
		}
	}
	return pairs
}

// TestAgreePublishedExamples checks Cohen's kappa against worked examples
// that others published, with the figures they give:
//   - Wikipedia, "Cohen's kappa", section Examples
//     (https://en.wikipedia.org/wiki/Cohen%27s_kappa): 50 grant proposals
//     read by two readers, 20 both yes, 5 and 10 split, 15 both no: p_o
//     0.70, p_e 0.50, kappa 0.40; the same page's pair of tables with equal
//     agreement (60 of 100) but kappa 0.1304 and 0.2593.
//   - the same grant example worked in "Statistics - Cohen's Kappa
//     Coefficient" (http://howcodex.com/statistics/cohen_kappa_coefficient.htm).
//   - scikit-learn's cohen_kappa_score, which gives 0.0 when one rater says 1
//     throughout and the other 2 (a disagreement chance alone explains).
func TestAgreePublishedExamples(t *testing.T) {
	tests := []struct {
		name             string
		pairs            [][2]string
		agreement, kappa float64
	}{
		{"grant proposals", yesNo(20, 5, 10, 15), 0.70, 0.40},
		{"equal agreement, kappa 0.1304", yesNo(45, 15, 25, 15), 0.60, 0.1304},
		{"equal agreement, kappa 0.2593", yesNo(25, 35, 5, 35), 0.60, 0.2593},
		{"all yes against all no", yesNo(0, 3, 0, 0), 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Agree([]string{"yes", "no"}, tt.pairs)
			if err != nil {
				t.Fatal(err)
			}
			if a.Agreement == nil || math.Abs(*a.Agreement-tt.agreement) > 1e-9 {
				t.Errorf("agreement %v, want %v", deref(a.Agreement), tt.agreement)
			}
			if a.Kappa == nil || math.Abs(*a.Kappa-tt.kappa) > 1e-9 {
				t.Errorf("kappa %v, want %v", deref(a.Kappa), tt.kappa)
			}
			if a.Items != len(tt.pairs) {
				t.Errorf("items %d, want %d", a.Items, len(tt.pairs))
			}
		})
	}
}

func TestAgreeUndefined(t *testing.T) {
	a, err := Agree([]string{"yes", "no"}, nil)
	if err != nil || a.Agreement != nil || a.Kappa != nil || a.Items != 0 {
		t.Errorf("no items: %+v, %v; want no agreement and no kappa", a, err)
	}
	// Both raters say yes throughout: chance agreement is 1, kappa 0/0.
	a, err = Agree([]string{"yes", "no"}, yesNo(4, 0, 0, 0))
	if err != nil || a.Agreement == nil || *a.Agreement != 1 || a.Kappa != nil {
		t.Errorf("one category throughout: %+v, %v; want agreement 1 and no kappa", a, err)
	}
	if _, err := Agree([]string{"yes", "no"}, [][2]string{{"yes", "maybe"}}); err == nil {
		t.Error("a label outside the set was counted")
	}
}

// TestCalibrateHandCount checks engine-vs-trainer and trainer-vs-trainer
// figures against a count done by hand.
//
// Call 1, turns 11–14, reviewed by trainers A (review 1) and B (review 2):
//
//	turn  engine       A            B
//	11    leading      leading      helping
//	12    helping      helping      helping
//	13    aggressive   competitive  competitive
//	14    dependent    withdrawn    (none)
//
// Call 2, turn 21, reviewed by A alone (review 3): engine cooperating, A
// cooperating.
//
// Engine vs trainer, one pair per trainer label, 8 in all: (leading,leading)
// (leading,helping) (helping,helping) ×2 (aggressive,competitive) ×2
// (dependent,withdrawn) (cooperating,cooperating). Octants
// agree in 4 of 8: 0.5. Engine marginals over 8: leading 2, helping 2,
// aggressive 2, dependent 1, cooperating 1; trainer: leading 1, helping 3,
// competitive 2, withdrawn 1, cooperating 1. Chance = (2·1 + 2·3 + 1·1)/64
// = 9/64; kappa = (0.5 − 9/64)/(1 − 9/64) = 23/55 = 0.4182.
// Quadrants: above-together pairs 4 (all agree), above-opposed 2 (agree),
// below-together→below-opposed 1 (disagree), below-together 1 (agree):
// 7 of 8 = 0.875. Marginals: engine AT 4, AO 2, BT 2; trainer AT 4, AO 2,
// BO 1, BT 1. Chance = (16 + 4 + 2)/64 = 22/64; kappa = (0.875 − 0.34375)
// / 0.65625 = 0.8095.
//
// Trainer vs trainer (A first), turns 11–13: (leading,helping)
// (helping,helping) (competitive,competitive): octants 2 of 3, 0.6667;
// chance: A leading 1, helping 1, competitive 1; B helping 2, competitive 1
// → (1·2 + 1·1)/9 = 1/3; kappa = (2/3 − 1/3)/(2/3) = 0.5. Quadrants all
// agree (AT, AT, AO): 1; chance (2·2 + 1·1)/9 = 5/9; kappa 1.
func TestCalibrateHandCount(t *testing.T) {
	l := func(call, turn, review, reviewer int64, engine, trainer Octant) TrainerLabel {
		return TrainerLabel{CallID: call, TurnID: turn, ReviewID: review, ReviewerTokenID: reviewer, Engine: engine, Trainer: trainer}
	}
	labels := []TrainerLabel{
		l(1, 11, 1, 100, Leading, Leading), l(1, 11, 2, 200, Leading, Helping),
		l(1, 12, 1, 100, Helping, Helping), l(1, 12, 2, 200, Helping, Helping),
		l(1, 13, 1, 100, Aggressive, Competitive), l(1, 13, 2, 200, Aggressive, Competitive),
		l(1, 14, 1, 100, Dependent, Withdrawn),
		l(2, 21, 3, 100, Cooperating, Cooperating),
	}
	c, err := Calibrate(labels)
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, got Agreement, items int, agreement, kappa float64) {
		t.Helper()
		if got.Items != items || deref(got.Agreement) != agreement || deref(got.Kappa) != kappa {
			t.Errorf("%s: %d items, agreement %v, kappa %v; want %d, %v, %v", name, got.Items, deref(got.Agreement), deref(got.Kappa), items, agreement, kappa)
		}
	}
	if c.Reviews != 3 {
		t.Errorf("reviews %d, want 3", c.Reviews)
	}
	ev, tv := c.EngineVsTrainer, c.TrainerVsTrainer
	if ev.Turns != 8 || ev.Calls != 2 || tv.Turns != 3 || tv.Calls != 1 {
		t.Errorf("engine vs trainer %d turns in %d calls, trainers %d in %d; want 8 in 2, 3 in 1", ev.Turns, ev.Calls, tv.Turns, tv.Calls)
	}
	check("engine vs trainer, octants", ev.Octant, 8, 0.5, 0.4182)
	check("engine vs trainer, quadrants", ev.Quadrant, 8, 0.875, 0.8095)
	check("trainer vs trainer, octants", tv.Octant, 3, 0.6667, 0.5)
	check("trainer vs trainer, quadrants", tv.Quadrant, 3, 1, 1)

	// The confusion matrix, rows the engine: aggressive (row 3) went to
	// competitive (column 2) twice; dependent (6) to withdrawn (5) once.
	at := func(a Agreement, row, col string) int {
		for i, r := range a.Labels {
			for j, c := range a.Labels {
				if r == row && c == col {
					return a.Matrix[i][j]
				}
			}
		}
		t.Fatalf("no cell %s/%s", row, col)
		return 0
	}
	for _, cell := range []struct {
		row, col string
		n        int
	}{{"aggressive", "competitive", 2}, {"dependent", "withdrawn", 1}, {"leading", "helping", 1}, {"helping", "helping", 2}, {"competitive", "aggressive", 0}} {
		if got := at(ev.Octant, cell.row, cell.col); got != cell.n {
			t.Errorf("engine %s, trainer %s: %d, want %d", cell.row, cell.col, got, cell.n)
		}
	}
	if got := at(ev.Quadrant, "below-together", "below-opposed"); got != 1 {
		t.Errorf("quadrant below-together→below-opposed: %d, want 1", got)
	}

	// One trainer's two tokens over one call are not two trainers; nor is
	// one review compared with itself.
	same := []TrainerLabel{l(1, 11, 1, 100, Leading, Leading), l(1, 11, 2, 100, Leading, Helping)}
	if c, _ := Calibrate(same); c.TrainerVsTrainer.Turns != 0 {
		t.Errorf("one reviewer's labels paired: %d turns", c.TrainerVsTrainer.Turns)
	}
	if _, err := Calibrate([]TrainerLabel{l(1, 1, 1, 1, "up", Leading)}); err == nil {
		t.Error("a label that is no octant was counted")
	}
}

func deref(v *float64) float64 {
	if v == nil {
		return math.NaN()
	}
	return *v
}
