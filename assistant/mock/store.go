package mock

import (
	"cmp"
	"context"
	"fmt"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
	"github.com/rooscoach/rooscoach/assistant/coach"
)

var (
	_ coach.Store = (*CallStore)(nil)
	_ api.Store   = (*Directory)(nil)
)

// CallStore fakes what the use cases (package coach) need of the store:
// calls, reviews, the audit trail. A method whose
// field is nil panics, failing a test that reaches a store it should not.
// CreateCall keeps the store's rule of who stores in which team.
type CallStore struct {
	PingFn              func(ctx context.Context) error
	CreateCallFn        func(ctx context.Context, by assistant.Principal, c *assistant.Call) (bool, error)
	FindCallByIDFn      func(ctx context.Context, scope assistant.Scope, id int64) (*assistant.Call, error)
	FindCallsFn         func(ctx context.Context, scope assistant.Scope, f assistant.CallFilter) (assistant.CallPage, error)
	AuditFn             func(ctx context.Context, by assistant.Principal, e assistant.AuditEntry) error
	CreateReviewFn      func(ctx context.Context, by assistant.Principal, callID int64, in assistant.ReviewInput) (*assistant.Review, error)
	UpdateReviewFn      func(ctx context.Context, by assistant.Principal, id int64, in assistant.ReviewInput) (*assistant.Review, error)
	SaveReviewFn        func(ctx context.Context, by assistant.Principal, s assistant.ReviewSave) (*assistant.Review, error)
	PublishReviewFn     func(ctx context.Context, by assistant.Principal, id int64) (*assistant.Review, error)
	AcknowledgeReviewFn func(ctx context.Context, by assistant.Principal, id int64) (*assistant.Review, error)
	DisputeReviewFn     func(ctx context.Context, by assistant.Principal, id int64, in assistant.DisputeInput) (*assistant.Review, error)
	ResolveDisputeFn    func(ctx context.Context, by assistant.Principal, id, disputeID int64, in assistant.ResolveInput) (*assistant.Review, error)
	FindReviewFn        func(ctx context.Context, by assistant.Principal, id int64) (*assistant.Review, error)
	FindReviewsFn       func(ctx context.Context, by assistant.Principal, callID int64) ([]*assistant.Review, error)
	FindTeamByIDFn      func(ctx context.Context, scope assistant.Scope, id string) (*assistant.Team, error)
	FindAgentByIDFn     func(ctx context.Context, scope assistant.Scope, id string) (*assistant.AgentProfile, error)
	FindTrainerLabelsFn func(ctx context.Context, scope assistant.Scope, f assistant.CalibrationFilter) ([]assistant.TrainerLabel, error)
}

// CreateCall refuses with EForbidden, as the store does, a call an agent
// may not store: another agent's, or one in a team other than the agent's
// own (Scope.AllowsStore). The agent's team is what FindAgentByIDFn says,
// none when it is nil or does not find the agent, as for an agent the
// store has not seen; a call naming no team is in the agent's. Otherwise,
// and for every other principal, it calls CreateCallFn. Without this a
// test above the store could pass with a call the store refuses.
func (m *CallStore) CreateCall(ctx context.Context, by assistant.Principal, c *assistant.Call) (bool, error) {
	if err := m.checkAgentTeam(ctx, by.Scope(), c); err != nil {
		return false, err
	}
	return m.CreateCallFn(ctx, by, c)
}

// checkAgentTeam is the store's rule of who stores in which team.
func (m *CallStore) checkAgentTeam(ctx context.Context, scope assistant.Scope, c *assistant.Call) error {
	if scope.All || scope.AgentID == "" {
		return nil
	}
	var team string
	if m.FindAgentByIDFn != nil {
		a, err := m.FindAgentByIDFn(ctx, assistant.Scope{All: true}, c.AgentID)
		switch {
		case err == nil:
			team = a.TeamID
		case assistant.ErrorCode(err) != assistant.ENotFound:
			return fmt.Errorf("read team of agent %s: %w", c.AgentID, err)
		}
	}
	if !scope.AllowsStore(c.AgentID, team, cmp.Or(c.TeamID, team)) {
		return assistant.Errorf(assistant.EForbidden, "mock: agent %s may not store a call of agent %s in team %q (their team: %q)",
			scope.AgentID, c.AgentID, c.TeamID, team)
	}
	return nil
}

// FindCallByID calls FindCallByIDFn.
func (m *CallStore) FindCallByID(ctx context.Context, scope assistant.Scope, id int64) (*assistant.Call, error) {
	return m.FindCallByIDFn(ctx, scope, id)
}

// FindCalls calls FindCallsFn.
func (m *CallStore) FindCalls(ctx context.Context, scope assistant.Scope, f assistant.CallFilter) (assistant.CallPage, error) {
	return m.FindCallsFn(ctx, scope, f)
}

// Audit calls AuditFn.
func (m *CallStore) Audit(ctx context.Context, by assistant.Principal, e assistant.AuditEntry) error {
	return m.AuditFn(ctx, by, e)
}

// CreateReview calls CreateReviewFn.
func (m *CallStore) CreateReview(ctx context.Context, by assistant.Principal, callID int64, in assistant.ReviewInput) (*assistant.Review, error) {
	return m.CreateReviewFn(ctx, by, callID, in)
}

// UpdateReview calls UpdateReviewFn.
func (m *CallStore) UpdateReview(ctx context.Context, by assistant.Principal, id int64, in assistant.ReviewInput) (*assistant.Review, error) {
	return m.UpdateReviewFn(ctx, by, id, in)
}

// SaveReview calls SaveReviewFn.
func (m *CallStore) SaveReview(ctx context.Context, by assistant.Principal, s assistant.ReviewSave) (*assistant.Review, error) {
	return m.SaveReviewFn(ctx, by, s)
}

// PublishReview calls PublishReviewFn.
func (m *CallStore) PublishReview(ctx context.Context, by assistant.Principal, id int64) (*assistant.Review, error) {
	return m.PublishReviewFn(ctx, by, id)
}

// AcknowledgeReview calls AcknowledgeReviewFn.
func (m *CallStore) AcknowledgeReview(ctx context.Context, by assistant.Principal, id int64) (*assistant.Review, error) {
	return m.AcknowledgeReviewFn(ctx, by, id)
}

// DisputeReview calls DisputeReviewFn.
func (m *CallStore) DisputeReview(ctx context.Context, by assistant.Principal, id int64, in assistant.DisputeInput) (*assistant.Review, error) {
	return m.DisputeReviewFn(ctx, by, id, in)
}

// ResolveDispute calls ResolveDisputeFn.
func (m *CallStore) ResolveDispute(ctx context.Context, by assistant.Principal, id, disputeID int64, in assistant.ResolveInput) (*assistant.Review, error) {
	return m.ResolveDisputeFn(ctx, by, id, disputeID, in)
}

// FindReview calls FindReviewFn.
func (m *CallStore) FindReview(ctx context.Context, by assistant.Principal, id int64) (*assistant.Review, error) {
	return m.FindReviewFn(ctx, by, id)
}

// FindReviews calls FindReviewsFn.
func (m *CallStore) FindReviews(ctx context.Context, by assistant.Principal, callID int64) ([]*assistant.Review, error) {
	return m.FindReviewsFn(ctx, by, callID)
}

// FindTeamByID calls FindTeamByIDFn.
func (m *CallStore) FindTeamByID(ctx context.Context, scope assistant.Scope, id string) (*assistant.Team, error) {
	return m.FindTeamByIDFn(ctx, scope, id)
}

// FindAgentByID calls FindAgentByIDFn.
func (m *CallStore) FindAgentByID(ctx context.Context, scope assistant.Scope, id string) (*assistant.AgentProfile, error) {
	return m.FindAgentByIDFn(ctx, scope, id)
}

// FindTrainerLabels calls FindTrainerLabelsFn.
func (m *CallStore) FindTrainerLabels(ctx context.Context, scope assistant.Scope, f assistant.CalibrationFilter) ([]assistant.TrainerLabel, error) {
	return m.FindTrainerLabelsFn(ctx, scope, f)
}

// Directory fakes what the API asks of the store directly: authentication,
// tokens, teams, agents and the audit trail.
type Directory struct {
	PingFn           func(ctx context.Context) error
	AuthenticateFn   func(ctx context.Context, token string) (assistant.Principal, error)
	CreateTokenFn    func(ctx context.Context, by assistant.Principal, t *assistant.Token) (string, error)
	FindTokensFn     func(ctx context.Context, scope assistant.Scope) ([]*assistant.Token, error)
	FindTokenByIDFn  func(ctx context.Context, scope assistant.Scope, id int64) (*assistant.Token, error)
	RevokeTokenFn    func(ctx context.Context, by assistant.Principal, id int64) (*assistant.Token, error)
	CreateTeamFn     func(ctx context.Context, by assistant.Principal, t *assistant.Team) error
	FindTeamsFn      func(ctx context.Context, scope assistant.Scope, inactive bool) ([]*assistant.Team, error)
	FindTeamByIDFn   func(ctx context.Context, scope assistant.Scope, id string) (*assistant.Team, error)
	UpdateTeamFn     func(ctx context.Context, by assistant.Principal, id string, u assistant.TeamUpdate) (*assistant.Team, error)
	SetTeamActiveFn  func(ctx context.Context, by assistant.Principal, id string, active bool) (*assistant.Team, error)
	CreateAgentFn    func(ctx context.Context, by assistant.Principal, a *assistant.AgentProfile) error
	FindAgentsFn     func(ctx context.Context, scope assistant.Scope, f assistant.AgentFilter) (assistant.AgentPage, error)
	FindAgentByIDFn  func(ctx context.Context, scope assistant.Scope, id string) (*assistant.AgentProfile, error)
	UpdateAgentFn    func(ctx context.Context, by assistant.Principal, id string, u assistant.AgentUpdate) (*assistant.AgentProfile, error)
	SetAgentActiveFn func(ctx context.Context, by assistant.Principal, id string, active bool) (*assistant.AgentProfile, error)
	FindAuditFn      func(ctx context.Context, scope assistant.Scope, f assistant.AuditFilter) (assistant.AuditPage, error)
}

// Ping calls PingFn.
func (m *Directory) Ping(ctx context.Context) error { return m.PingFn(ctx) }

// Authenticate calls AuthenticateFn.
func (m *Directory) Authenticate(ctx context.Context, token string) (assistant.Principal, error) {
	return m.AuthenticateFn(ctx, token)
}

// CreateToken calls CreateTokenFn.
func (m *Directory) CreateToken(ctx context.Context, by assistant.Principal, t *assistant.Token) (string, error) {
	return m.CreateTokenFn(ctx, by, t)
}

// FindTokens calls FindTokensFn.
func (m *Directory) FindTokens(ctx context.Context, scope assistant.Scope) ([]*assistant.Token, error) {
	return m.FindTokensFn(ctx, scope)
}

// FindTokenByID calls FindTokenByIDFn.
func (m *Directory) FindTokenByID(ctx context.Context, scope assistant.Scope, id int64) (*assistant.Token, error) {
	return m.FindTokenByIDFn(ctx, scope, id)
}

// RevokeToken calls RevokeTokenFn.
func (m *Directory) RevokeToken(ctx context.Context, by assistant.Principal, id int64) (*assistant.Token, error) {
	return m.RevokeTokenFn(ctx, by, id)
}

// CreateTeam calls CreateTeamFn.
func (m *Directory) CreateTeam(ctx context.Context, by assistant.Principal, t *assistant.Team) error {
	return m.CreateTeamFn(ctx, by, t)
}

// FindTeams calls FindTeamsFn.
func (m *Directory) FindTeams(ctx context.Context, scope assistant.Scope, inactive bool) ([]*assistant.Team, error) {
	return m.FindTeamsFn(ctx, scope, inactive)
}

// FindTeamByID calls FindTeamByIDFn.
func (m *Directory) FindTeamByID(ctx context.Context, scope assistant.Scope, id string) (*assistant.Team, error) {
	return m.FindTeamByIDFn(ctx, scope, id)
}

// UpdateTeam calls UpdateTeamFn.
func (m *Directory) UpdateTeam(ctx context.Context, by assistant.Principal, id string, u assistant.TeamUpdate) (*assistant.Team, error) {
	return m.UpdateTeamFn(ctx, by, id, u)
}

// SetTeamActive calls SetTeamActiveFn.
func (m *Directory) SetTeamActive(ctx context.Context, by assistant.Principal, id string, active bool) (*assistant.Team, error) {
	return m.SetTeamActiveFn(ctx, by, id, active)
}

// CreateAgent calls CreateAgentFn.
func (m *Directory) CreateAgent(ctx context.Context, by assistant.Principal, a *assistant.AgentProfile) error {
	return m.CreateAgentFn(ctx, by, a)
}

// FindAgents calls FindAgentsFn.
func (m *Directory) FindAgents(ctx context.Context, scope assistant.Scope, f assistant.AgentFilter) (assistant.AgentPage, error) {
	return m.FindAgentsFn(ctx, scope, f)
}

// FindAgentByID calls FindAgentByIDFn.
func (m *Directory) FindAgentByID(ctx context.Context, scope assistant.Scope, id string) (*assistant.AgentProfile, error) {
	return m.FindAgentByIDFn(ctx, scope, id)
}

// UpdateAgent calls UpdateAgentFn.
func (m *Directory) UpdateAgent(ctx context.Context, by assistant.Principal, id string, u assistant.AgentUpdate) (*assistant.AgentProfile, error) {
	return m.UpdateAgentFn(ctx, by, id, u)
}

// SetAgentActive calls SetAgentActiveFn.
func (m *Directory) SetAgentActive(ctx context.Context, by assistant.Principal, id string, active bool) (*assistant.AgentProfile, error) {
	return m.SetAgentActiveFn(ctx, by, id, active)
}

// FindAudit calls FindAuditFn.
func (m *Directory) FindAudit(ctx context.Context, scope assistant.Scope, f assistant.AuditFilter) (assistant.AuditPage, error) {
	return m.FindAuditFn(ctx, scope, f)
}

// PolicyStore fakes the creditor policies of the store.
type PolicyStore struct {
	SavePolicyFn     func(ctx context.Context, by assistant.Principal, p *assistant.CreditorPolicy) (bool, error)
	FindPolicyByIDFn func(ctx context.Context, id string) (*assistant.CreditorPolicy, error)
	FindPoliciesFn   func(ctx context.Context, jurisdiction string) ([]*assistant.CreditorPolicy, error)
	DeletePolicyFn   func(ctx context.Context, by assistant.Principal, id string) error
}

// SavePolicy calls SavePolicyFn.
func (m *PolicyStore) SavePolicy(ctx context.Context, by assistant.Principal, p *assistant.CreditorPolicy) (bool, error) {
	return m.SavePolicyFn(ctx, by, p)
}

// FindPolicyByID calls FindPolicyByIDFn.
func (m *PolicyStore) FindPolicyByID(ctx context.Context, id string) (*assistant.CreditorPolicy, error) {
	return m.FindPolicyByIDFn(ctx, id)
}

// FindPolicies calls FindPoliciesFn.
func (m *PolicyStore) FindPolicies(ctx context.Context, jurisdiction string) ([]*assistant.CreditorPolicy, error) {
	return m.FindPoliciesFn(ctx, jurisdiction)
}

// DeletePolicy calls DeletePolicyFn.
func (m *PolicyStore) DeletePolicy(ctx context.Context, by assistant.Principal, id string) error {
	return m.DeletePolicyFn(ctx, by, id)
}

// NoTeam is a FindTeamByIDFn for a store that knows no team: the use
// cases that store a call ask for its team's defaults and go on without.
func NoTeam(_ context.Context, _ assistant.Scope, id string) (*assistant.Team, error) {
	return nil, assistant.Errorf(assistant.ENotFound, "team %s not found", id)
}
