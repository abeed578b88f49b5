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

// Role sets of steps that more than one role may take. The API's routes
// and the web pages both check these, so that a page never lets a role do
// what the API refuses it.
var (
	// CallPosters post calls and imports: an agent their own, a trainer
	// and an admin those of their scope. A lead reads but does not post.
	CallPosters = []Role{RoleAgent, RoleTrainer, RoleAdmin}
	// CoachingReaders read a team's progress and calibration and set goals.
	CoachingReaders = []Role{RoleTrainer, RoleLead, RoleAdmin}
)

// Via says how a principal came to act. The audit trail records it beside
// the token id, so that a change made without a token still says where it
// came from.
type Via string

// The ways of acting.
const (
	// ViaToken: a request with a bearer token, the normal case.
	ViaToken Via = "token"
	// ViaCommandLine: someone with access to the database ran a rooscoach
	// command (token create, import). Acts as an admin without a token.
	ViaCommandLine Via = "cli"
	// ViaSystem: rooscoach itself, such as the admin token made on first
	// start.
	ViaSystem Via = "system"
	// ViaAuthOff: a request to a server run with ROOSCOACH_AUTH=off, where
	// anyone may do anything.
	ViaAuthOff Via = "auth-off"
)

// Valid reports whether v is one of the ways of acting.
func (v Via) Valid() bool {
	switch v {
	case ViaToken, ViaCommandLine, ViaSystem, ViaAuthOff:
		return true
	}
	return false
}

// Principal is who is asking: the token a request carries, resolved. Use
// cases and store queries take it as their scope, so that another agent's
// record is never read, not merely hidden afterwards.
type Principal struct {
	// TokenID identifies the token in the audit trail; never the token. It
	// is 0 for the principals that act without one.
	TokenID int64  `json:"token_id,omitempty"`
	Name    string `json:"name"`
	Role    Role   `json:"role"`
	// AgentID is set for RoleAgent.
	AgentID string `json:"agent_id,omitempty"`
	// TeamIDs holds the teams of a trainer (one or more) or a lead (one).
	TeamIDs []string `json:"team_ids,omitempty"`
	// Via is how the principal acts; "" reads as ViaToken.
	Via Via `json:"via,omitempty"`
}

// CommandLine is the principal of a rooscoach command run by someone who
// can reach the database, and so could read or change anything anyway.
func CommandLine() Principal {
	return Principal{Name: "command line", Role: RoleAdmin, Via: ViaCommandLine}
}

// System is the principal of what rooscoach does by itself.
func System() Principal {
	return Principal{Name: "rooscoach", Role: RoleAdmin, Via: ViaSystem}
}

// AuthOff is the principal of every request to a server run without
// authentication: an admin that may also take the steps of every other
// role, so that the whole workflow can be tried without tokens.
func AuthOff() Principal {
	return Principal{Name: "authentication off", Role: RoleAdmin, Via: ViaAuthOff}
}

// Can reports whether p may take a step meant for one of roles: its own
// role is among them, or authentication is off.
func (p Principal) Can(roles ...Role) bool {
	return p.Via == ViaAuthOff || slices.Contains(roles, p.Role)
}

// Is reports whether p is the agent agentID (or authentication is off):
// only the agent of a call acknowledges or disputes its reviews.
func (p Principal) Is(agentID string) bool {
	return p.Via == ViaAuthOff || (p.Role == RoleAgent && p.AgentID == agentID)
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

// AllowsStore reports whether s may store a call of agentID in teamID,
// where agentTeam is the agent's team now ("" for none). Beyond what s may
// read, an agent stores only in their own team: a call's team decides which
// trainers and leads read it, and only an admin puts an agent in a team.
func (s Scope) AllowsStore(agentID, agentTeam, teamID string) bool {
	if !s.All && s.AgentID != "" && teamID != agentTeam {
		return false
	}
	return s.Allows(agentID, teamID)
}
