package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
)

// TeamRequest is the body of POST /v1/teams.
type TeamRequest struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Jurisdiction is the team's default rule pack; see assistant.Team.
	Jurisdiction string `json:"jurisdiction"`
}

func (s *Server) handleTeamCreate(c echo.Context) error {
	var req TeamRequest
	if err := s.decodeJSON(c, &req); err != nil {
		return err
	}
	t := &assistant.Team{ID: req.ID, Name: req.Name, Jurisdiction: req.Jurisdiction}
	if err := t.Validate(); err != nil {
		return err
	}
	if err := s.coach.CheckTeamJurisdiction(t.Jurisdiction); err != nil {
		return err
	}
	if err := s.store.CreateTeam(c.Request().Context(), principalOf(c), t); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/v1/teams/"+t.ID)
	return c.JSON(http.StatusCreated, t)
}

// handleTeamIndex lists the teams the caller may read: all for an admin,
// theirs for a trainer or lead, their own team for an agent.
func (s *Server) handleTeamIndex(c echo.Context) error {
	inactive, err := boolParam(c, "inactive")
	if err != nil {
		return err
	}
	teams, err := s.store.FindTeams(c.Request().Context(), principalOf(c).Scope(), inactive)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"teams": teams})
}

func (s *Server) handleTeamView(c echo.Context) error {
	id, err := keyParam(c, "team id")
	if err != nil {
		return err
	}
	t, err := s.store.FindTeamByID(c.Request().Context(), principalOf(c).Scope(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, t)
}

func (s *Server) handleTeamUpdate(c echo.Context) error {
	id, err := keyParam(c, "team id")
	if err != nil {
		return err
	}
	var u assistant.TeamUpdate
	if err := s.decodeJSON(c, &u); err != nil {
		return err
	}
	if err := u.Validate(); err != nil {
		return err
	}
	if u.Jurisdiction != nil {
		if err := s.coach.CheckTeamJurisdiction(*u.Jurisdiction); err != nil {
			return err
		}
	}
	t, err := s.store.UpdateTeam(c.Request().Context(), principalOf(c), id, u)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, t)
}

// handleTeamActive deactivates or activates a team.
func (s *Server) handleTeamActive(active bool) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := keyParam(c, "team id")
		if err != nil {
			return err
		}
		t, err := s.store.SetTeamActive(c.Request().Context(), principalOf(c), id, active)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, t)
	}
}

// keyParam reads the path parameter id as the text id of a what (a team or
// an agent), checked as every identifier is.
func keyParam(c echo.Context, what string) (string, error) {
	id := c.Param("id")
	if err := assistant.CheckID(what, id); err != nil {
		return "", err
	}
	return id, nil
}
