package coach

import (
	"context"
	"fmt"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/arrangement"
)

// PolicyStore is what the policy use cases need of the database;
// *store.DB implements it.
type PolicyStore interface {
	// SavePolicy creates or replaces p for by; created says which.
	SavePolicy(ctx context.Context, by assistant.Principal, p *assistant.CreditorPolicy) (created bool, err error)
	// FindPolicyByID returns ENotFound when there is no such policy.
	FindPolicyByID(ctx context.Context, id string) (*assistant.CreditorPolicy, error)
	// FindPolicies returns the policies of a jurisdiction, "" for all.
	FindPolicies(ctx context.Context, jurisdiction string) ([]*assistant.CreditorPolicy, error)
	// DeletePolicy deletes for by; ENotFound when there is no such
	// policy.
	DeletePolicy(ctx context.Context, by assistant.Principal, id string) error
}

// SavePolicy checks a creditor policy by the arrangement engine's rules and
// stores it for by, replacing the one with its ID; created says whether it
// is new.
func (s *Service) SavePolicy(ctx context.Context, by assistant.Principal, p *assistant.CreditorPolicy) (created bool, err error) {
	if err := s.needPolicies(); err != nil {
		return false, err
	}
	if err := arrangement.CheckCreditorPolicy(p); err != nil {
		return false, err
	}
	created, err = s.Policies.SavePolicy(ctx, by, p)
	if err != nil {
		return false, fmt.Errorf("save policy %s: %w", p.ID, err)
	}
	return created, nil
}

// Policy returns one stored policy.
func (s *Service) Policy(ctx context.Context, id string) (*assistant.CreditorPolicy, error) {
	if err := s.needPolicies(); err != nil {
		return nil, err
	}
	p, err := s.Policies.FindPolicyByID(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("find policy %s: %w", id, err)
	}
	return p, nil
}

// ListPolicies returns the stored policies of a jurisdiction (nl, uk, us),
// or all for "".
func (s *Service) ListPolicies(ctx context.Context, jurisdiction string) ([]*assistant.CreditorPolicy, error) {
	if err := s.needPolicies(); err != nil {
		return nil, err
	}
	switch jurisdiction {
	case "", arrangement.Netherlands, arrangement.UnitedKingdom, arrangement.UnitedStates:
	default:
		return nil, assistant.Errorf(assistant.EInvalid, "jurisdiction must be one of nl, uk, us, not %q", jurisdiction)
	}
	ps, err := s.Policies.FindPolicies(ctx, jurisdiction)
	if err != nil {
		return nil, fmt.Errorf("list policies: %w", err)
	}
	return ps, nil
}

// DeletePolicy deletes a stored policy for by; calls stored under it keep
// the terms they were planned with.
func (s *Service) DeletePolicy(ctx context.Context, by assistant.Principal, id string) error {
	if err := s.needPolicies(); err != nil {
		return err
	}
	if err := s.Policies.DeletePolicy(ctx, by, id); err != nil {
		return fmt.Errorf("delete policy %s: %w", id, err)
	}
	return nil
}

func (s *Service) needPolicies() error {
	if s.Policies == nil {
		return assistant.Errorf(assistant.EUnavailable, "Creditor policies are kept in the database; this command runs without one.")
	}
	return nil
}

// policiesFor returns the policies that may apply to a call that names
// policyID (may be empty) and is made by team teamID (may be empty): the
// named policy, else the team's, and the defaults per jurisdiction. A named
// policy that does not exist is EInvalid: the call cannot be planned as
// asked.
func (s *Service) policiesFor(ctx context.Context, policyID, teamID string) (arrangement.Policies, error) {
	var out arrangement.Policies
	if s.Policies == nil {
		if policyID != "" {
			return out, s.needPolicies()
		}
		return out, nil
	}
	all, err := s.Policies.FindPolicies(ctx, "")
	if err != nil {
		return out, fmt.Errorf("find the policies of the call: %w", err)
	}
	for _, p := range all {
		if p.Default {
			out.Defaults = append(out.Defaults, *p)
		}
		switch {
		case policyID != "" && p.ID == policyID:
			out.Chosen, out.Source = p, assistant.PolicyFromCall
		case policyID == "" && teamID != "" && out.Chosen == nil && contains(p.Teams, teamID):
			out.Chosen, out.Source = p, assistant.PolicyFromTeam
		}
	}
	if policyID != "" && out.Chosen == nil {
		return out, assistant.Errorf(assistant.EInvalid, "policy %q does not exist; GET /v1/policies lists the policies there are.", policyID)
	}
	return out, nil
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// Plan runs the arrangement engine on explicit figures under the policy the
// request names by policy_id, or the one it gives in full, or else the
// stored default of its jurisdiction, or else rooscoach's own default. The
// answer says which (policy_source).
func (s *Service) Plan(ctx context.Context, req arrangement.Request) (arrangement.Response, error) {
	if s.Arrangements == nil {
		return arrangement.Response{}, assistant.Errorf(assistant.EInternal, "The arrangement engine is not configured here.")
	}
	id, source := "", ""
	switch {
	case req.PolicyID != "" && req.Policy != nil:
		return arrangement.Response{}, assistant.Errorf(assistant.EInvalid, "policy and policy_id were both given; send the policy's terms or the id of a stored one, not both")
	case req.PolicyID != "":
		if err := s.needPolicies(); err != nil {
			return arrangement.Response{}, err
		}
		p, err := s.Policies.FindPolicyByID(ctx, req.PolicyID)
		if assistant.ErrorCode(err) == assistant.ENotFound {
			return arrangement.Response{}, assistant.Errorf(assistant.EInvalid, "policy_id %q does not exist; GET /v1/policies lists the policies there are.", req.PolicyID)
		}
		if err != nil {
			return arrangement.Response{}, fmt.Errorf("plan: %w", err)
		}
		if p.Jurisdiction != req.Jurisdiction {
			return arrangement.Response{}, assistant.Errorf(assistant.EInvalid, "policy_id %q is a policy for %s, but jurisdiction is %q", p.ID, p.Jurisdiction, req.Jurisdiction)
		}
		terms := p.ArrangementPolicy
		req.Policy, req.PolicyID = &terms, ""
		id, source = p.ID, assistant.PolicyFromNamed
	case req.Policy == nil && s.Policies != nil:
		ps, err := s.Policies.FindPolicies(ctx, req.Jurisdiction)
		if err != nil {
			return arrangement.Response{}, fmt.Errorf("plan: %w", err)
		}
		for _, p := range ps {
			if p.Default {
				terms := p.ArrangementPolicy
				req.Policy = &terms
				id, source = p.ID, assistant.PolicyFromDefault
			}
		}
	}
	res, err := s.Arrangements.Plan(ctx, req)
	if err != nil {
		return arrangement.Response{}, err
	}
	if source != "" {
		res.PolicyID, res.PolicySource = id, source
	}
	return res, nil
}
