package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
)

// handleAuditIndex pages through the audit trail, newest first.
func (s *Server) handleAuditIndex(c echo.Context) error {
	q := c.QueryParams()
	f := assistant.AuditFilter{
		Action: assistant.Action(q.Get("action")), Target: q.Get("target"), TargetID: q.Get("target_id"), Cursor: q.Get("cursor"),
	}
	for _, p := range []struct {
		name string
		dst  *int64
	}{{"token_id", &f.TokenID}, {"call_id", &f.CallID}} {
		if v := q.Get(p.name); v != "" {
			n, err := parseID(p.name, v)
			if err != nil {
				return err
			}
			*p.dst = n
		}
	}
	if err := assistant.CheckID("target_id", f.TargetID); err != nil {
		return err
	}
	var err error
	if f.From, f.To, err = timeRange(c); err != nil {
		return err
	}
	if f.Limit, err = limitParam(c, 500); err != nil {
		return err
	}
	page, err := s.store.FindAudit(c.Request().Context(), principalOf(c).Scope(), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, page)
}
