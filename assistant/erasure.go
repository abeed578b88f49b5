package assistant

import "time"

// EraseFilter picks the calls to erase: every call that matches all the
// fields set. At least one must be set.
type EraseFilter struct {
	// CallID picks one call.
	CallID int64
	// AccountRef picks the calls about one customer account.
	AccountRef string
	// AgentID picks the calls one agent made.
	AgentID string
	// Before picks the calls that took place before it.
	Before time.Time
	// TeamID, with Before, picks one team's calls; NoTeam the calls of no
	// team (retention's default period).
	TeamID string
	NoTeam bool
	// Reason says why, for the audit trail: "request", "retention".
	Reason string
}

// Empty reports whether f picks nothing in particular, which would erase
// every call.
func (f EraseFilter) Empty() bool {
	return f.CallID == 0 && f.AccountRef == "" && f.AgentID == "" && f.Before.IsZero()
}

// Retention is how long calls are kept: per team, with a default for the
// teams that set none and for calls of no team. Zero keeps calls for ever.
type Retention struct {
	Default time.Duration
	// Teams holds the teams' own periods.
	Teams map[string]time.Duration
}
