package assistant

import (
	"slices"
	"strings"
	"time"
)

// Token is an API token as it is listed: who it is for and what it may do,
// never its secret, which is shown once when the token is made and kept
// only as a hash.
type Token struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Role Role   `json:"role"`
	// AgentID is the agent an agent token speaks for (the id in the
	// dialler or contact-centre platform); empty for other roles.
	AgentID string `json:"agent_id,omitempty"`
	// TeamIDs are the teams of a trainer (one or more) or a lead (one).
	TeamIDs    []string  `json:"team_ids,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	LastUsedAt time.Time `json:"last_used_at,omitzero"`
	RevokedAt  time.Time `json:"revoked_at,omitzero"`
}

// Revoked reports whether the token no longer works.
func (t *Token) Revoked() bool { return !t.RevokedAt.IsZero() }

// Validate checks a token about to be made: a name, a known role, and the
// binding that role needs (one agent for an agent; one or more teams for a
// trainer; one team for a lead; nothing for an admin). Team ids are sorted
// and made unique. Its errors are EInvalid and name what is wrong.
func (t *Token) Validate() error {
	if strings.TrimSpace(t.Name) == "" {
		return Errorf(EInvalid, "A token needs a name that says whose it is, such as the person's name.")
	}
	if err := CheckID("name", t.Name); err != nil {
		return err
	}
	if !t.Role.Valid() {
		if t.Role == "" {
			return Errorf(EInvalid, "A token needs a role: agent, trainer, lead or admin.")
		}
		return Errorf(EInvalid, "role %q is not known; use agent, trainer, lead or admin.", t.Role)
	}
	if err := CheckID("agent", t.AgentID); err != nil {
		return err
	}
	for _, id := range t.TeamIDs {
		if id == "" {
			return Errorf(EInvalid, "A team id is empty; name each team.")
		}
		if err := CheckID("team", id); err != nil {
			return err
		}
	}
	slices.Sort(t.TeamIDs)
	t.TeamIDs = slices.Compact(t.TeamIDs)
	switch t.Role {
	case RoleAgent:
		if t.AgentID == "" {
			return Errorf(EInvalid, "An agent token needs the agent it is for: their id in the dialler or platform.")
		}
		if len(t.TeamIDs) > 0 {
			return Errorf(EInvalid, "An agent token takes no teams: an agent reads their own records, whatever their team.")
		}
	case RoleTrainer:
		if len(t.TeamIDs) == 0 {
			return Errorf(EInvalid, "A trainer token needs at least one team whose calls the trainer reviews.")
		}
	case RoleLead:
		if len(t.TeamIDs) != 1 {
			return Errorf(EInvalid, "A lead token needs exactly one team, the team they lead; this one names %d.", len(t.TeamIDs))
		}
	case RoleAdmin:
		if len(t.TeamIDs) > 0 {
			return Errorf(EInvalid, "An admin token takes no teams: admins manage every team.")
		}
	}
	if t.Role != RoleAgent && t.AgentID != "" {
		return Errorf(EInvalid, "Only an agent token names an agent; a %s token does not.", t.Role)
	}
	return nil
}

// Principal returns who a request with this token is.
func (t *Token) Principal() Principal {
	return Principal{TokenID: t.ID, Name: t.Name, Role: t.Role, AgentID: t.AgentID, TeamIDs: t.TeamIDs, Via: ViaToken}
}

// LastAdminToken is the conflict of revoking token id, the last admin
// token that works.
func LastAdminToken(id int64) *Error {
	return Worded(EConflict, "token.last-admin", map[string]any{"Token": id},
		"Token %d is the last admin token that works; revoking it would lock every admin out. Make another admin token first (POST /v1/tokens with role admin, or rooscoach token create --role admin), then revoke this one.", id)
}
