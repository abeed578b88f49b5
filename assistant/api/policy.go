package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/arrangement"
)

// PolicyPage is the answer of GET /v1/policies.
type PolicyPage struct {
	Policies []*assistant.CreditorPolicy `json:"policies"`
}

// handlePolicyIndex lists the creditor policies, of one jurisdiction when
// the query names it.
func (s *Server) handlePolicyIndex(c echo.Context) error {
	ps, err := s.coach.ListPolicies(c.Request().Context(), c.QueryParam("jurisdiction"))
	if err != nil {
		return err
	}
	if ps == nil {
		ps = []*assistant.CreditorPolicy{}
	}
	return c.JSON(http.StatusOK, PolicyPage{Policies: ps})
}

// handlePolicyView returns one creditor policy.
func (s *Server) handlePolicyView(c echo.Context) error {
	p, err := s.coach.Policy(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
}

// handlePolicyPut creates the policy of the path's id, or replaces it whole:
// 201 with Location when new, 200 when replaced. The body's id, when it has
// one, must be the path's; created_at and updated_at are the server's. A
// switch the body leaves out is stored as the default policy has it, so
// that GET shows what the policy does.
func (s *Server) handlePolicyPut(c echo.Context) error {
	var p assistant.CreditorPolicy
	if err := s.decodeJSON(c, &p); err != nil {
		return err
	}
	id := c.Param("id")
	if p.ID != "" && p.ID != id {
		return assistant.Errorf(assistant.EInvalid, "The body's id %q is not the id in the path, %q; leave it out or make them the same.", p.ID, id)
	}
	if p.Teams == nil {
		p.Teams = []string{}
	}
	p.ID = id
	p.ArrangementPolicy = arrangement.WithDefaultSwitches(p.ArrangementPolicy, p.Jurisdiction)
	created, err := s.coach.SavePolicy(c.Request().Context(), principalOf(c), &p)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
		c.Response().Header().Set(echo.HeaderLocation, "/v1/policies/"+id)
	}
	return c.JSON(status, p)
}

// handlePolicyDelete deletes a creditor policy: 204.
func (s *Server) handlePolicyDelete(c echo.Context) error {
	if err := s.coach.DeletePolicy(c.Request().Context(), principalOf(c), c.Param("id")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
