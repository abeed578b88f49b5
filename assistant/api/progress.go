package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/coach"
)

// handleAgentProgress answers an agent's progress per day, week or month.
func (s *Server) handleAgentProgress(c echo.Context) error {
	f, err := s.progressFilter(c)
	if err != nil {
		return err
	}
	p, err := s.coach.AgentProgress(c.Request().Context(), principalOf(c), c.Param("id"), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
}

// handleTeamProgress answers a team's progress with its agents compared,
// those who need attention first.
func (s *Server) handleTeamProgress(c echo.Context) error {
	f, err := s.progressFilter(c)
	if err != nil {
		return err
	}
	p, err := s.coach.TeamProgress(c.Request().Context(), principalOf(c), c.Param("id"), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
}

func (s *Server) progressFilter(c echo.Context) (assistant.ProgressFilter, error) {
	q := c.QueryParams()
	return assistant.NewProgressFilter(q.Get("from"), q.Get("to"), q.Get("bucket"), s.now())
}

// goalRequest is the body of POST /v1/agents/{id}/goals.
type goalRequest struct {
	Kind      assistant.GoalKind `json:"kind"`
	Threshold *float64           `json:"threshold"`
	Note      string             `json:"note"`
	StartsOn  *assistant.Date    `json:"starts_on"`
	TargetOn  *assistant.Date    `json:"target_on"`
}

// handleGoalCreate sets a goal for an agent.
func (s *Server) handleGoalCreate(c echo.Context) error {
	var req goalRequest
	if err := s.decodeJSON(c, &req); err != nil {
		return err
	}
	g, err := s.coach.SetGoal(c.Request().Context(), principalOf(c), coach.GoalInput{
		AgentID: c.Param("id"), Kind: req.Kind, Threshold: req.Threshold, Note: req.Note,
		StartsOn: req.StartsOn, TargetOn: req.TargetOn,
	})
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/v1/agents/"+c.Param("id")+"/goals")
	return c.JSON(http.StatusCreated, g)
}

// handleGoalIndex lists an agent's goals, ended ones too.
func (s *Server) handleGoalIndex(c echo.Context) error {
	goals, err := s.coach.Goals(c.Request().Context(), principalOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"goals": goals})
}

// handleGoalEnd withdraws a goal as of today; it is kept, since past
// progress was measured against it.
func (s *Server) handleGoalEnd(c echo.Context) error {
	id, err := idParam(c, "id", "goal")
	if err != nil {
		return err
	}
	g, err := s.coach.EndGoal(c.Request().Context(), principalOf(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, g)
}

// now is the service's clock, so that tests with a fixed day ask for the
// same default period as the use cases count in.
func (s *Server) now() time.Time {
	if s.coach != nil && s.coach.Now != nil {
		return s.coach.Now()
	}
	return time.Now()
}
