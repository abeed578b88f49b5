package assistant

import "time"

// Action names what was done to a record in the audit trail, as
// "record.verb". The values are stable: admins filter on them.
type Action string

// The actions the audit trail records. Changes are written in the
// transaction that makes them; reads of calls and reviews are written after
// the read.
const (
	ActionCallCreate Action = "call.create"
	ActionCallRead   Action = "call.read"
	ActionCallList   Action = "call.list"
	// ActionCallErase records the erasure of a call. Its entry names
	// neither the call nor the account nor the agent: only why (Detail).
	ActionCallErase Action = "call.erase"

	ActionReviewCreate      Action = "review.create"
	ActionReviewUpdate      Action = "review.update"
	ActionReviewPublish     Action = "review.publish"
	ActionReviewAcknowledge Action = "review.acknowledge"
	ActionReviewRead        Action = "review.read"
	ActionReviewList        Action = "review.list"
	ActionDisputeCreate     Action = "dispute.create"
	ActionDisputeResolve    Action = "dispute.resolve"

	ActionTokenCreate Action = "token.create"
	ActionTokenRevoke Action = "token.revoke"

	ActionTeamCreate     Action = "team.create"
	ActionTeamUpdate     Action = "team.update"
	ActionTeamDeactivate Action = "team.deactivate"
	ActionTeamActivate   Action = "team.activate"

	ActionAgentCreate     Action = "agent.create"
	ActionAgentUpdate     Action = "agent.update"
	ActionAgentDeactivate Action = "agent.deactivate"
	ActionAgentActivate   Action = "agent.activate"
	// ActionAgentErase records the erasure of an agent with everything
	// about them. Its entry names neither the agent nor their name: only
	// what was erased, as counts.
	ActionAgentErase Action = "agent.erase"

	ActionCalibrationRead Action = "calibration.read"
	// ActionProgressRead: an agent's or a team's coaching figures were read;
	// they are about people as much as the calls are.
	ActionProgressRead Action = "progress.read"

	ActionGoalCreate   Action = "goal.create"
	ActionGoalEnd      Action = "goal.end"
	ActionImportCreate Action = "import.create"
	ActionPolicyCreate Action = "policy.create"
	ActionPolicyUpdate Action = "policy.update"
	ActionPolicyDelete Action = "policy.delete"
)

// Actions lists every action, for validating filters.
var Actions = []Action{
	ActionCallCreate, ActionCallRead, ActionCallList, ActionCallErase,
	ActionReviewCreate, ActionReviewUpdate, ActionReviewPublish, ActionReviewAcknowledge,
	ActionReviewRead, ActionReviewList, ActionDisputeCreate, ActionDisputeResolve,
	ActionTokenCreate, ActionTokenRevoke,
	ActionTeamCreate, ActionTeamUpdate, ActionTeamDeactivate, ActionTeamActivate,
	ActionAgentCreate, ActionAgentUpdate, ActionAgentDeactivate, ActionAgentActivate, ActionAgentErase,
	ActionCalibrationRead, ActionProgressRead,
	ActionGoalCreate, ActionGoalEnd, ActionImportCreate,
	ActionPolicyCreate, ActionPolicyUpdate, ActionPolicyDelete,
}

// Target kinds: the kind of record an audit entry is about.
const (
	TargetCall        = "call"
	TargetReview      = "review"
	TargetDispute     = "dispute"
	TargetToken       = "token"
	TargetTeam        = "team"
	TargetAgent       = "agent"
	TargetCalibration = "calibration"
	TargetGoal        = "goal"
	TargetImport      = "import"
	TargetPolicy      = "policy"
)

// AuditEntry is one line of the audit trail: who did what to which record,
// when. It never holds a token, transcript text or a person's name; Detail
// says what changed in identifiers and states only ("team_id team-noord →
// team-zuid", "draft → published").
type AuditEntry struct {
	ID int64     `json:"id"`
	At time.Time `json:"at"`
	// TokenID is the token used; 0 when the actor had none (see Via).
	TokenID int64  `json:"token_id,omitempty"`
	Via     Via    `json:"via"`
	Action  Action `json:"action"`
	// Target and TargetID name the record; TargetID is empty for a list.
	Target   string `json:"target"`
	TargetID string `json:"target_id,omitempty"`
	// CallID is the call a call, review or dispute entry belongs to, so
	// that a call's whole history is one filter.
	CallID int64  `json:"call_id,omitempty"`
	Detail string `json:"detail,omitempty"`
}

// AuditFilter selects audit entries. Zero fields do not filter.
type AuditFilter struct {
	TokenID  int64
	Action   Action
	Target   string
	TargetID string
	CallID   int64
	// From and To bound At (From inclusive, To exclusive).
	From, To time.Time
	// Limit is the page size, 1–500 (default 100).
	Limit int
	// Cursor is the NextCursor of the previous page.
	Cursor string
}

// AuditPage is one page of the audit trail, newest first.
type AuditPage struct {
	Entries    []AuditEntry `json:"entries"`
	NextCursor string       `json:"next_cursor,omitempty"`
}
