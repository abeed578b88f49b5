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

// AgentErasure says what erasing an agent took away, as counts: the answer
// of DELETE /v1/agents/{id} and of `rooscoach erase --agent`. It names no
// person; AgentID is the id the caller gave.
type AgentErasure struct {
	AgentID string `json:"agent_id"`
	// Calls the agent made, each with its turns, findings, arrangement
	// advice, live-session note and events.
	Calls int `json:"calls"`
	// Reviews and Disputes of those calls, with their comments and focus
	// points.
	Reviews  int `json:"reviews"`
	Disputes int `json:"disputes"`
	// Goals set for the agent, notes included.
	Goals int `json:"goals"`
	// Tokens of the agent: they stop working at once.
	Tokens int `json:"tokens"`
	// CallStats are the progress figures of the agent's calls, those of
	// calls erased earlier too: they are about the agent, so they go.
	CallStats int `json:"call_stats"`
	// Imports the agent made or owned, with their files.
	Imports int `json:"imports"`
	// AuditEntries about the agent or made by them; the trail keeps one
	// entry saying that an agent was erased, by whom and when.
	AuditEntries int `json:"audit_entries"`
	// LiveSessions open on this instance that were dropped unstored.
	LiveSessions int `json:"live_sessions"`
}

// AccountErasure says what erasing a customer's account took away.
type AccountErasure struct {
	AccountRef string `json:"account_ref"`
	// Calls about the account, each erased with everything derived from
	// it; the agents' anonymous figures stay.
	Calls int `json:"calls"`
}
