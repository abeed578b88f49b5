package assistant

import "slices"

// Role is what a token may do.
type Role string

// The roles of the coaching workflow.
const (
	// RoleAgent reads their own calls, reviews and progress, and posts their
	// own calls and tips. Bound to one agent id.
	RoleAgent Role = "agent"
	// RoleTrainer reads and reviews the calls of their teams. Bound to one
	// or more teams.
	RoleTrainer Role = "trainer"
	// RoleLead reads their team's calls, reviews and progress. Bound to one
	// team.
	RoleLead Role = "lead"
	// RoleAdmin manages agents, teams and tokens, and reads everything.
	RoleAdmin Role = "admin"
)

// Roles lists the roles in a stable order.
var Roles = []Role{RoleAgent, RoleTrainer, RoleLead, RoleAdmin}

// Valid reports whether r is one of the roles.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Principal is who is asking: the token a request carries, resolved. Use
// cases and store queries take it as their scope, so that another agent's
// record is never read, not merely hidden afterwards.
type Principal struct {
	// TokenID identifies the token in the audit trail; never the token.
	TokenID int64  `json:"token_id"`
	Name    string `json:"name"`
	Role    Role   `json:"role"`
	// AgentID is set for RoleAgent.
	AgentID string `json:"agent_id,omitempty"`
	// TeamIDs holds the teams of a trainer (one or more) or a lead (one).
	TeamIDs []string `json:"team_ids,omitempty"`
}

// Scope is what a principal may read, as a store query applies it: all of
// it, one agent's records, or the records of some teams. A zero Scope reads
// nothing.
type Scope struct {
	All     bool
	AgentID string
	TeamIDs []string
}

// Scope returns what p may read.
func (p Principal) Scope() Scope {
	switch p.Role {
	case RoleAdmin:
		return Scope{All: true}
	case RoleAgent:
		return Scope{AgentID: p.AgentID}
	case RoleTrainer, RoleLead:
		return Scope{TeamIDs: p.TeamIDs}
	}
	return Scope{}
}

// Allows reports whether s covers a record of agentID made in teamID.
func (s Scope) Allows(agentID, teamID string) bool {
	switch {
	case s.All:
		return true
	case s.AgentID != "":
		return agentID == s.AgentID
	}
	return teamID != "" && slices.Contains(s.TeamIDs, teamID)
}
