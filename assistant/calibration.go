package assistant

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// TrainerLabel is one trainer's octant for one turn, beside the engine's
// octant for the same turn: what calibration compares.
type TrainerLabel struct {
	CallID   int64
	TurnID   int64
	ReviewID int64
	// ReviewerTokenID tells trainers apart: two reviews of one call by
	// different trainers make a trainer-vs-trainer pair.
	ReviewerTokenID int64
	Engine          Octant
	Trainer         Octant
}

// Agreement compares two raters who each put the same items into one of a
// fixed set of categories.
type Agreement struct {
	// Labels are the categories, in the order of Matrix's rows and columns.
	Labels []string `json:"labels"`
	// Matrix[i][j] counts the items the first rater put in Labels[i] and
	// the second in Labels[j]; the diagonal is where they agree.
	Matrix [][]int `json:"matrix"`
	Items  int     `json:"items"`
	// Agreement is the share of items on the diagonal; nil without items.
	Agreement *float64 `json:"agreement"`
	// Kappa is Cohen's kappa, agreement corrected for what chance alone
	// would give: 1 is full agreement, 0 no better than chance. It is nil
	// without items, and when both raters used one and the same category
	// throughout, where chance agreement is 1 and kappa is undefined.
	Kappa *float64 `json:"kappa"`
}

// Agree counts pairs (first rater's label, second rater's) into a
// confusion matrix over labels and computes the observed agreement and
// Cohen's kappa, rounded to FigurePlaces decimals. A pair with a label outside
// labels is an error.
func Agree[L ~string](labels []L, pairs [][2]L) (Agreement, error) {
	a := Agreement{Labels: make([]string, len(labels)), Matrix: make([][]int, len(labels))}
	index := make(map[L]int, len(labels))
	for i, l := range labels {
		a.Labels[i] = string(l)
		a.Matrix[i] = make([]int, len(labels))
		index[l] = i
	}
	for _, p := range pairs {
		i, ok1 := index[p[0]]
		j, ok2 := index[p[1]]
		if !ok1 || !ok2 {
			return Agreement{}, fmt.Errorf("agreement: pair %q, %q has a label outside %v", p[0], p[1], labels)
		}
		a.Matrix[i][j]++
	}
	a.Items = len(pairs)
	if a.Items == 0 {
		return a, nil
	}
	n := float64(a.Items)
	var observed, chance float64
	for i := range a.Matrix {
		observed += float64(a.Matrix[i][i])
		var row, col int
		for j := range a.Matrix {
			row += a.Matrix[i][j]
			col += a.Matrix[j][i]
		}
		chance += float64(row) / n * float64(col) / n
	}
	observed /= n
	a.Agreement = roundedFigure(observed)
	if chance < 1-1e-12 {
		a.Kappa = roundedFigure((observed - chance) / (1 - chance))
	}
	return a, nil
}

// roundedFigure is v rounded as every figure is, by address.
func roundedFigure(v float64) *float64 {
	r := roundFigure(v)
	return &r
}

// RaterComparison compares two raters on turns, on the rose's octants and,
// coarser, its quadrants.
type RaterComparison struct {
	// Turns is the number of turn pairs compared; Calls the calls they are
	// in.
	Turns    int       `json:"turns"`
	Calls    int       `json:"calls"`
	Octant   Agreement `json:"octant"`
	Quadrant Agreement `json:"quadrant"`
}

// Calibration says how far a team can trust the engine: how often its
// octants agree with the trainers' on the turns trainers labelled, and, as
// a yardstick, how often trainers agree with each other where two reviewed
// the same call.
type Calibration struct {
	TeamID string    `json:"team_id,omitempty"`
	From   time.Time `json:"from,omitzero"`
	To     time.Time `json:"to,omitzero"`
	// Reviews is the number of published reviews whose labels count.
	Reviews int `json:"reviews"`
	// EngineVsTrainer has the engine as first rater (rows) and the trainer
	// as second (columns).
	EngineVsTrainer RaterComparison `json:"engine_vs_trainer"`
	// TrainerVsTrainer pairs every two reviews of one call by different
	// trainers, on the turns both labelled; the earlier review is the first
	// rater. Pairs of all trainers are pooled.
	TrainerVsTrainer RaterComparison `json:"trainer_vs_trainer"`
}

// Calibrate compares the labels. Every label must name valid octants.
func Calibrate(labels []TrainerLabel) (Calibration, error) {
	var c Calibration
	reviews := map[int64]bool{}
	var engine [][2]Octant
	engineCalls := map[int64]bool{}
	byTurn := map[int64][]TrainerLabel{}
	for _, l := range labels {
		if !l.Engine.Valid() || !l.Trainer.Valid() {
			return Calibration{}, fmt.Errorf("calibrate: turn %d has labels %q and %q, not both octants", l.TurnID, l.Engine, l.Trainer)
		}
		reviews[l.ReviewID] = true
		engine = append(engine, [2]Octant{l.Engine, l.Trainer})
		engineCalls[l.CallID] = true
		byTurn[l.TurnID] = append(byTurn[l.TurnID], l)
	}
	c.Reviews = len(reviews)

	var trainers [][2]Octant
	trainerCalls := map[int64]bool{}
	turnIDs := make([]int64, 0, len(byTurn))
	for id := range byTurn {
		turnIDs = append(turnIDs, id)
	}
	slices.Sort(turnIDs)
	for _, id := range turnIDs {
		ls := byTurn[id]
		slices.SortFunc(ls, func(a, b TrainerLabel) int { return cmp.Compare(a.ReviewID, b.ReviewID) })
		for i := range ls {
			for j := i + 1; j < len(ls); j++ {
				if ls[i].ReviewID == ls[j].ReviewID || (ls[i].ReviewerTokenID != 0 && ls[i].ReviewerTokenID == ls[j].ReviewerTokenID) {
					continue
				}
				trainers = append(trainers, [2]Octant{ls[i].Trainer, ls[j].Trainer})
				trainerCalls[ls[i].CallID] = true
			}
		}
	}
	var err error
	if c.EngineVsTrainer, err = compare(engine, len(engineCalls)); err != nil {
		return Calibration{}, err
	}
	if c.TrainerVsTrainer, err = compare(trainers, len(trainerCalls)); err != nil {
		return Calibration{}, err
	}
	return c, nil
}

// compare computes the octant and quadrant agreement of pairs.
func compare(pairs [][2]Octant, calls int) (RaterComparison, error) {
	quadrants := make([][2]Quadrant, len(pairs))
	for i, p := range pairs {
		quadrants[i] = [2]Quadrant{p[0].Quadrant(), p[1].Quadrant()}
	}
	rc := RaterComparison{Turns: len(pairs), Calls: calls}
	var err error
	if rc.Octant, err = Agree(Octants, pairs); err != nil {
		return rc, err
	}
	if rc.Quadrant, err = Agree(Quadrants, quadrants); err != nil {
		return rc, err
	}
	return rc, nil
}

// CalibrationFilter selects the reviews calibration reads: those of calls
// made in a team and a period. Zero fields do not filter.
type CalibrationFilter struct {
	TeamID string
	// From and To bound the calls' OccurredAt (From inclusive, To
	// exclusive).
	From, To time.Time
}
