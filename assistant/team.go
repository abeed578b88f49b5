package assistant

import (
	"strings"
	"time"
)

// Team is a team of agents that a lead follows and trainers review. Teams
// made by a call or a token that named them first have no name until an
// admin gives them one.
type Team struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Jurisdiction is the rule pack the team's calls are checked against
	// when a call names none (nl, uk, us or a team's own pack); empty: the
	// installation's default, else what the call tells.
	Jurisdiction string `json:"jurisdiction,omitempty"`
	// RetentionDays is how many days the team's calls are kept; 0: the
	// installation's default (ROOSCOACH_RETENTION).
	RetentionDays int       `json:"retention_days,omitempty"`
	Active        bool      `json:"active"`
	CreatedAt     time.Time `json:"created_at"`
	DeactivatedAt time.Time `json:"deactivated_at,omitzero"`
}

// Validate checks a team about to be made, and writes its jurisdiction
// as the code of the pack ("GB" is uk). Whether that pack exists is the
// compliance checker's to say.
func (t *Team) Validate() error {
	if t.ID == "" {
		return Errorf(EInvalid, "A team needs an id.")
	}
	if err := CheckID("id", t.ID); err != nil {
		return err
	}
	j, err := teamJurisdiction(t.Jurisdiction)
	if err != nil {
		return err
	}
	t.Jurisdiction = j
	return checkName(t.Name)
}

// teamJurisdiction reads a team's default jurisdiction; "" clears it.
// "auto" is refused rather than read as "none", since a team that sets it
// asks for something: to infer it is what no default does already.
func teamJurisdiction(s string) (string, error) {
	if strings.EqualFold(strings.TrimSpace(s), "auto") {
		return "", Errorf(EInvalid, "jurisdiction %q is no default: give a rule pack's code such as nl, uk or us, or \"\" for none (then each call's own).", s)
	}
	return ParseJurisdiction(s)
}

// TeamUpdate changes a team; nil fields stay as they are.
type TeamUpdate struct {
	Name *string `json:"name"`
	// Jurisdiction sets the team's default jurisdiction; "" removes it.
	Jurisdiction *string `json:"jurisdiction"`
}

// Validate checks the fields that are set, and writes the jurisdiction as
// the code of its pack.
func (u *TeamUpdate) Validate() error {
	if u.Name == nil && u.Jurisdiction == nil {
		return Errorf(EInvalid, "Give a field to change: name or jurisdiction.")
	}
	if u.Jurisdiction != nil {
		j, err := teamJurisdiction(*u.Jurisdiction)
		if err != nil {
			return err
		}
		u.Jurisdiction = &j
	}
	if u.Name != nil {
		return checkName(*u.Name)
	}
	return nil
}

// AgentProfile is an agent as a resource: who they are, not what they said.
// (Agent is the speaker.) ID is the agent's id in the dialler or
// contact-centre platform, the agent_id calls are posted with. Agents are
// also made when a call or a token first names them.
type AgentProfile struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// TeamID is the agent's team now. A call keeps the team it was made in,
	// so moving an agent does not move their earlier calls.
	TeamID        string    `json:"team_id,omitempty"`
	Active        bool      `json:"active"`
	CreatedAt     time.Time `json:"created_at"`
	DeactivatedAt time.Time `json:"deactivated_at,omitzero"`
}

// Validate checks an agent about to be made.
func (a *AgentProfile) Validate() error {
	if a.ID == "" {
		return Errorf(EInvalid, "An agent needs an id: their id in the dialler or contact-centre platform.")
	}
	if err := CheckID("id", a.ID); err != nil {
		return err
	}
	if err := CheckID("team_id", a.TeamID); err != nil {
		return err
	}
	return checkName(a.Name)
}

// AgentUpdate changes an agent; nil fields stay as they are.
type AgentUpdate struct {
	Name *string `json:"name"`
	// TeamID moves the agent to another team (which must exist and be
	// active); their earlier calls stay with the team they were made in.
	TeamID *string `json:"team_id"`
}

// Validate checks the fields that are set.
func (u *AgentUpdate) Validate() error {
	if u.Name == nil && u.TeamID == nil {
		return Errorf(EInvalid, "Give a field to change: name or team_id.")
	}
	if u.Name != nil {
		if err := checkName(*u.Name); err != nil {
			return err
		}
	}
	if u.TeamID != nil {
		if *u.TeamID == "" {
			return Errorf(EInvalid, "team_id is empty; name the team to move the agent to.")
		}
		if err := CheckID("team_id", *u.TeamID); err != nil {
			return err
		}
	}
	return nil
}

// AgentFilter selects agents for listing. Zero fields do not filter.
type AgentFilter struct {
	TeamID string
	// Inactive lists deactivated agents too.
	Inactive bool
	// Limit is the page size, 1–500 (default 100).
	Limit int
	// Cursor is the NextCursor of the previous page.
	Cursor string
}

// AgentPage is one page of agents, by id.
type AgentPage struct {
	Agents     []*AgentProfile `json:"agents"`
	NextCursor string          `json:"next_cursor,omitempty"`
}

// checkName checks a display name: it may be empty, but not only spaces,
// over MaxIDRunes characters or hold control characters.
func checkName(name string) error {
	if name != "" && strings.TrimSpace(name) == "" {
		return Errorf(EInvalid, "name is only spaces; give a name or leave it out.")
	}
	return CheckID("name", name)
}

// TeamExists is the conflict of creating team id, which exists already.
func TeamExists(id string) *Error {
	return Worded(EConflict, "team.exists", map[string]any{"Team": id},
		"Team %s exists already; change its name with an update instead.", id)
}

// AgentExists is the conflict of creating agent id, who exists already.
func AgentExists(id string) *Error {
	return Worded(EConflict, "agent.exists", map[string]any{"Agent": id},
		"Agent %s exists already; change their name or team with an update instead.", id)
}
