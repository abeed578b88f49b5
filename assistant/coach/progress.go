package coach

import (
	"context"
	"fmt"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// ProgressStore is what the progress and goal use cases need of the
// database; *store.DB implements it. Every method applies the scope it is
// given in its queries, and answers ENotFound for what lies outside it.
type ProgressStore interface {
	AgentProgress(ctx context.Context, s assistant.Scope, agentID string, f assistant.ProgressFilter) ([]assistant.ProgressRow, []assistant.Goal, error)
	TeamProgress(ctx context.Context, s assistant.Scope, teamID string, f assistant.ProgressFilter) ([]assistant.ProgressRow, []assistant.Goal, error)
	CreateGoal(ctx context.Context, p assistant.Principal, g *assistant.Goal) error
	FindGoals(ctx context.Context, s assistant.Scope, agentID string) ([]assistant.Goal, error)
	EndGoal(ctx context.Context, by assistant.Principal, id int64, on assistant.Date) (*assistant.Goal, error)
}

// AgentProgress returns agent agentID's progress over f's period as p may
// see it: an agent their own, a lead or trainer the calls made in their
// teams, an admin all. Another agent's progress is ENotFound, never a hint
// that it exists.
func (s *Service) AgentProgress(ctx context.Context, p assistant.Principal, agentID string, f assistant.ProgressFilter) (*assistant.Progress, error) {
	if err := checkRequiredID("agent id", agentID); err != nil {
		return nil, err
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	rows, goals, err := s.Progress.AgentProgress(ctx, p.Scope(), agentID, f)
	if err != nil {
		return nil, fmt.Errorf("agent progress: %w", err)
	}
	out := assistant.NewProgress(f, rows, goals, false)
	out.AgentID = agentID
	if err := s.auditProgress(ctx, p, assistant.TargetAgent, agentID, f); err != nil {
		return nil, err
	}
	return &out, nil
}

// TeamProgress returns team teamID's progress over f's period, with its
// agents compared and those who need attention first. A lead sees their
// team, a trainer their teams, an admin all; any other team, and every team
// for an agent, is ENotFound.
func (s *Service) TeamProgress(ctx context.Context, p assistant.Principal, teamID string, f assistant.ProgressFilter) (*assistant.Progress, error) {
	if err := checkRequiredID("team id", teamID); err != nil {
		return nil, err
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	rows, goals, err := s.Progress.TeamProgress(ctx, p.Scope(), teamID, f)
	if err != nil {
		return nil, fmt.Errorf("team progress: %w", err)
	}
	out := assistant.NewProgress(f, rows, goals, true)
	out.TeamID = teamID
	if err := s.auditProgress(ctx, p, assistant.TargetTeam, teamID, f); err != nil {
		return nil, err
	}
	return &out, nil
}

// auditProgress records who read whose progress over which period, after
// the read succeeded, so that a refused read leaves no trace of a record
// the reader may not know exists.
func (s *Service) auditProgress(ctx context.Context, p assistant.Principal, target, id string, f assistant.ProgressFilter) error {
	return s.Store.Audit(ctx, p, assistant.AuditEntry{Action: assistant.ActionProgressRead, Target: target, TargetID: id,
		Detail: f.From.Format(time.DateOnly) + " – " + f.To.Format(time.DateOnly) + " by " + string(f.Bucket)})
}

// GoalInput is a goal as a trainer or lead sets it. Threshold nil means the
// kind's default; StartsOn nil means today.
type GoalInput struct {
	AgentID   string             `json:"agent_id"`
	Kind      assistant.GoalKind `json:"kind"`
	Threshold *float64           `json:"threshold"`
	Note      string             `json:"note"`
	StartsOn  *assistant.Date    `json:"starts_on"`
	TargetOn  *assistant.Date    `json:"target_on"`
}

// mayCoach reports whether p's role sets and withdraws goals: trainers and
// leads coach; admins manage everything.
func mayCoach(p assistant.Principal) error {
	switch p.Role {
	case assistant.RoleTrainer, assistant.RoleLead, assistant.RoleAdmin:
		return nil
	}
	return assistant.Errorf(assistant.EForbidden, "Goals are set by a trainer or a lead; a token of role %q may only read them.", p.Role)
}

// SetGoal stores a new goal for an agent within p's scope. Only trainers,
// leads and admins set goals (EForbidden otherwise); a bad goal is
// EInvalid, naming what is wrong.
func (s *Service) SetGoal(ctx context.Context, p assistant.Principal, in GoalInput) (*assistant.Goal, error) {
	if err := mayCoach(p); err != nil {
		return nil, err
	}
	g := &assistant.Goal{AgentID: in.AgentID, Kind: in.Kind, Note: in.Note, TargetOn: in.TargetOn}
	if in.Threshold != nil {
		g.Threshold = *in.Threshold
	} else {
		g.Threshold = in.Kind.DefaultThreshold()
	}
	if in.StartsOn != nil {
		g.StartsOn = *in.StartsOn
	} else {
		g.StartsOn = assistant.DateOf(s.now())
	}
	if err := g.Validate(); err != nil {
		return nil, err
	}
	if err := s.Progress.CreateGoal(ctx, p, g); err != nil {
		return nil, fmt.Errorf("set goal: %w", err)
	}
	return g, nil
}

// Goals lists an agent's goals, ended ones too, for anyone who may see the
// agent's progress.
func (s *Service) Goals(ctx context.Context, p assistant.Principal, agentID string) ([]assistant.Goal, error) {
	if err := checkRequiredID("agent id", agentID); err != nil {
		return nil, err
	}
	goals, err := s.Progress.FindGoals(ctx, p.Scope(), agentID)
	if err != nil {
		return nil, fmt.Errorf("list goals: %w", err)
	}
	return goals, nil
}

// EndGoal withdraws a goal as of today. Only trainers, leads and admins
// withdraw goals.
func (s *Service) EndGoal(ctx context.Context, p assistant.Principal, id int64) (*assistant.Goal, error) {
	if err := mayCoach(p); err != nil {
		return nil, err
	}
	g, err := s.Progress.EndGoal(ctx, p, id, assistant.DateOf(s.now()))
	if err != nil {
		return nil, fmt.Errorf("end goal: %w", err)
	}
	return g, nil
}

// checkRequiredID checks an identifier that must be given.
func checkRequiredID(field, v string) error {
	if v == "" {
		return assistant.Errorf(assistant.EInvalid, "%s is required.", field)
	}
	return assistant.CheckID(field, v)
}
