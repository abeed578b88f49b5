package api

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/transcript"
)

// handleTip answers an agent during a live call: the stance of what they
// said, what in it will lose the customer, a better wording and one headline
// tip. It stores nothing and must answer in milliseconds.
func (s *Server) handleTip(c echo.Context) error {
	var req assistant.TipRequest
	if err := s.decodeJSON(c, &req); err != nil {
		return err
	}
	if strings.TrimSpace(req.Text) == "" {
		return assistant.Errorf(assistant.EInvalid, "text is empty: send what the agent said or is about to say.")
	}
	switch req.Language {
	case "", "auto":
		req.Language = transcript.DetectLanguage(req.Text)
	default:
		if !req.Language.Valid() {
			return assistant.Errorf(assistant.EInvalid, "language %q is not supported; use nl, en or leave it out.", req.Language)
		}
	}
	res, err := s.analyzer.Tip(c.Request().Context(), req)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}
