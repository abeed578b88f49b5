package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant/arrangement"
)

// handleArrangement runs the arrangement engine on explicit figures.
func (s *Server) handleArrangement(c echo.Context) error {
	var req arrangement.Request
	if err := s.decodeJSON(c, &req); err != nil {
		return err
	}
	res, err := s.planner.Plan(c.Request().Context(), req)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}
