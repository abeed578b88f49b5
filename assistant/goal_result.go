package assistant

import "time"

// GoalResult is how a goal stands in a bucket or over a period.
type GoalResult struct {
	GoalID    int64    `json:"goal_id"`
	Kind      GoalKind `json:"kind"`
	Threshold float64  `json:"threshold"`
	// Value is the measured share; nil when nothing could be measured (no
	// calls, or none the goal applies to).
	Value *float64 `json:"value"`
	// Measured is how many agent turns (target-share) or calls the value is
	// a share of. Only calls made while the goal ran count: from its
	// starts_on, before its ended_on.
	Measured int  `json:"measured"`
	Met      bool `json:"met"`
	// Status is met, not_met or not_measurable: a goal with nothing to
	// measure since it started is not yet measurable, not failed.
	Status GoalStatus `json:"status"`
}

// GoalStatus is how a goal stands: met, not met, or not yet measurable.
type GoalStatus string

// Goal statuses.
const (
	GoalMet           GoalStatus = "met"
	GoalNotMet        GoalStatus = "not_met"
	GoalNotMeasurable GoalStatus = "not_measurable"
)

// GoalStatuses lists the goal statuses in a stable order.
var GoalStatuses = []GoalStatus{GoalMet, GoalNotMet, GoalNotMeasurable}

// Evaluate measures g on the counts c, which the caller has cut to the
// days the goal ran.
func (g *Goal) Evaluate(c ProgressCounts) GoalResult {
	r := GoalResult{GoalID: g.ID, Kind: g.Kind, Threshold: g.Threshold, Status: GoalNotMeasurable}
	var n int
	switch g.Kind {
	case GoalTargetShare:
		n, r.Measured = c.Octants[Leading]+c.Octants[Helping], c.AgentTurns
	case GoalNoEarlyJargon:
		n, r.Measured = c.EarlyJargonFree, c.TimedCalls
	case GoalClosing:
		n, r.Measured = c.CompleteClosings, c.Calls
	case GoalNoThreats:
		n, r.Measured = c.ThreatFree, c.Calls
	case GoalArrangementOffered:
		n, r.Measured = c.Offered, c.OfferCalls
	}
	if r.Value = share(n, r.Measured); r.Value != nil {
		// The exact share decides, not the rounded one shown.
		r.Met = float64(n) >= g.Threshold*float64(r.Measured)
		r.Status = GoalNotMet
		if r.Met {
			r.Status = GoalMet
		}
	}
	return r
}

// runs reports whether g was running on day, from its start up to the day
// it ended.
func (g *Goal) runs(day time.Time) bool {
	return !day.Before(g.StartsOn.Time) && (g.EndedOn == nil || day.Before(g.EndedOn.Time))
}

// evaluateDays measures g on the days among rows it ran.
func (g *Goal) evaluateDays(rows []ProgressRow) GoalResult {
	var c ProgressCounts
	for _, r := range rows {
		if g.runs(r.Day) {
			c.Add(r.ProgressCounts)
		}
	}
	return g.Evaluate(c)
}
