package assistant

import "time"

// Call is a stored coaching record: the call's metadata and its analysis.
type Call struct {
	// ID is assigned by the store.
	ID         int64     `json:"id"`
	ExternalID string    `json:"external_id,omitempty"`
	AgentID    string    `json:"agent_id"`
	TeamID     string    `json:"team_id,omitempty"`
	AccountRef string    `json:"account_ref,omitempty"`
	TimeZone   string    `json:"time_zone,omitempty"`
	OccurredAt time.Time `json:"occurred_at,omitzero"`
	CreatedAt  time.Time `json:"created_at"`
	// ReviewStatus is where the call stands in the review workflow; the
	// store sets it.
	ReviewStatus CallReviewStatus `json:"review_status,omitempty"`
	Analysis
	// Live is set when the call came from a live session: what the agent
	// was shown, and when.
	Live *LiveSession `json:"live,omitempty"`
	// Transfer is set, when the call is read, if it is one leg of a call
	// transferred from agent to agent, which the telephony system keeps
	// under one external id: the legs of its team under that id, as far as
	// the reader may read them. A reader who may read no other leg (an
	// agent, of a teammate's leg) is not told of them.
	Transfer *Transfer `json:"transfer,omitempty"`
}

// Transfer links the legs of a transferred call: each agent who had the
// customer on the line has their own coaching record of their part, under
// the call's one ExternalID.
type Transfer struct {
	// Legs are the legs in the order they were made (OccurredAt, then
	// ID), the call itself among them; at most [MaxLegs].
	Legs []CallLeg `json:"legs"`
}

// MaxLegs is the most legs a [Transfer] names.
const MaxLegs = 100

// CallLeg is one agent's leg of a transferred call.
type CallLeg struct {
	// ID is the leg's coaching record.
	ID         int64     `json:"id"`
	AgentID    string    `json:"agent_id"`
	OccurredAt time.Time `json:"occurred_at"`
}

// CallFilter selects calls for listing. Zero fields do not filter.
type CallFilter struct {
	AgentID string
	// TeamID selects the calls made in a team (the team at the time of the
	// call).
	TeamID       string
	ReviewStatus CallReviewStatus
	// ExternalID selects the calls stored under this id of the source
	// system (a telephony system's call id); several agents' calls may
	// have it.
	ExternalID string
	// From and To bound OccurredAt (From inclusive, To exclusive).
	From, To time.Time
	// Limit is the page size, 1–100 (default 20).
	Limit int
	// Cursor is the opaque NextCursor of the previous page.
	Cursor string
}

// CallPage is one page of calls, newest first.
type CallPage struct {
	Calls []*Call `json:"calls"`
	// NextCursor fetches the next page; empty on the last one.
	NextCursor string `json:"next_cursor,omitempty"`
}

// ExternalIDHidden is the conflict of storing a call of agentID under
// externalID, which one of the agent's calls has in a team the poster may
// not read.
func ExternalIDHidden(agentID, externalID string) *Error {
	return Worded(EConflict, "call.external-id-hidden", map[string]any{"Agent": agentID, "ExternalID": externalID},
		"Agent %s has a call with external_id %q already, in a team you may not read; give this call another external_id.", agentID, externalID)
}
