package api

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
)

// AgentRequest is the body of POST /v1/agents.
type AgentRequest struct {
	// ID is the agent's id in the dialler or contact-centre platform.
	ID     string `json:"id"`
	Name   string `json:"name"`
	TeamID string `json:"team_id"`
}

func (s *Server) handleAgentCreate(c echo.Context) error {
	var req AgentRequest
	if err := s.decodeJSON(c, &req); err != nil {
		return err
	}
	a := &assistant.AgentProfile{ID: req.ID, Name: req.Name, TeamID: req.TeamID}
	if err := s.store.CreateAgent(c.Request().Context(), principalOf(c), a); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/v1/agents/"+url.PathEscape(a.ID))
	return c.JSON(http.StatusCreated, a)
}

// handleAgentIndex lists the agents the caller may read: all for an admin,
// those in their teams now for a trainer or lead, themselves for an agent.
func (s *Server) handleAgentIndex(c echo.Context) error {
	f := assistant.AgentFilter{TeamID: c.QueryParam("team_id"), Cursor: c.QueryParam("cursor")}
	if err := assistant.CheckID("team_id", f.TeamID); err != nil {
		return err
	}
	var err error
	if f.Inactive, err = boolParam(c, "inactive"); err != nil {
		return err
	}
	if f.Limit, err = limitParam(c, 500); err != nil {
		return err
	}
	page, err := s.store.FindAgents(c.Request().Context(), principalOf(c).Scope(), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, page)
}

func (s *Server) handleAgentView(c echo.Context) error {
	id, err := keyParam(c, "agent id")
	if err != nil {
		return err
	}
	a, err := s.store.FindAgentByID(c.Request().Context(), principalOf(c).Scope(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, a)
}

// handleAgentUpdate renames an agent or moves them to another team; their
// earlier calls stay with the team they were made in.
func (s *Server) handleAgentUpdate(c echo.Context) error {
	id, err := keyParam(c, "agent id")
	if err != nil {
		return err
	}
	var u assistant.AgentUpdate
	if err := s.decodeJSON(c, &u); err != nil {
		return err
	}
	a, err := s.store.UpdateAgent(c.Request().Context(), principalOf(c), id, u)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, a)
}

// handleAgentActive deactivates or activates an agent. Deactivating stops
// their tokens at once on this instance.
func (s *Server) handleAgentActive(active bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := keyParam(c, "agent id")
		if err != nil {
			return err
		}
		a, err := s.store.SetAgentActive(c.Request().Context(), principalOf(c), id, active)
		if err != nil {
			return err
		}
		if !active {
			s.tokens.forget(func(p assistant.Principal) bool { return p.Role == assistant.RoleAgent && p.AgentID == id })
		}
		return c.JSON(http.StatusOK, a)
	}
}

// handleAgentErase erases an agent with everything that identifies them
// and answers with what was erased, as counts. Their tokens stop working
// here at once, not when the cache's entries expire.
func (s *Server) handleAgentErase(c echo.Context) error {
	id, err := keyParam(c, "agent id")
	if err != nil {
		return err
	}
	// The agent's cached tokens go before the erasure too, so that no
	// request checked against the cache opens a session while it runs.
	agents := func(p assistant.Principal) bool { return p.AgentID == id }
	s.tokens.forget(agents)
	out, err := s.coach.EraseAgent(c.Request().Context(), principalOf(c), s.sessions, id)
	if err != nil {
		return err
	}
	s.tokens.forget(agents)
	return c.JSON(http.StatusOK, out)
}

// handleAccountErase erases every call about a customer's account, as
// `rooscoach erase --account` does, and answers how many.
func (s *Server) handleAccountErase(c echo.Context) error {
	ref := c.Param("ref")
	if err := assistant.CheckID("account_ref", ref); err != nil {
		return err
	}
	out, err := s.coach.EraseAccount(c.Request().Context(), principalOf(c), ref)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}
