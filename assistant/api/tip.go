package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
)

// handleTip answers an agent during a live call: the stance of what they
// said, what in it will lose the customer, a better wording and one headline
// tip. It stores nothing and must answer in milliseconds.
func (s *Server) handleTip(c echo.Context) error {
	engine, err := engineParam(c)
	if err != nil {
		return err
	}
	var req assistant.TipRequest
	if err := s.decodeJSON(c, &req); err != nil {
		return err
	}
	res, err := s.coach.Tip(c.Request().Context(), req, engine)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}
