package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
)

// AnalyzeResponse is the answer of POST /v1/analyze: the analysis with the
// transcript's metadata, not stored.
type AnalyzeResponse struct {
	ExternalID string    `json:"external_id,omitempty"`
	AgentID    string    `json:"agent_id,omitempty"`
	TeamID     string    `json:"team_id,omitempty"`
	AccountRef string    `json:"account_ref,omitempty"`
	TimeZone   string    `json:"time_zone,omitempty"`
	OccurredAt time.Time `json:"occurred_at,omitzero"`
	*assistant.Analysis
}

// NewAnalyzeResponse is the answer for transcript t analysed as an.
func NewAnalyzeResponse(t *assistant.Transcript, an *assistant.Analysis) AnalyzeResponse {
	return AnalyzeResponse{ExternalID: t.ExternalID, AgentID: t.AgentID, TeamID: t.TeamID, AccountRef: t.AccountRef,
		TimeZone: t.TimeZone, OccurredAt: t.OccurredAt, Analysis: an}
}

// handleAnalyze analyses a transcript without storing it.
func (s *Server) handleAnalyze(c echo.Context) error {
	in, err := s.transcriptInput(c)
	if err != nil {
		return err
	}
	t, an, err := s.coach.Analyze(c.Request().Context(), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, NewAnalyzeResponse(t, an))
}

// handleCallCreate analyses a transcript and stores the coaching record.
// Posting the same external_id for the same agent again returns the record
// already stored, with 200 instead of 201.
func (s *Server) handleCallCreate(c echo.Context) error {
	in, err := s.transcriptInput(c)
	if err != nil {
		return err
	}
	call, created, err := s.coach.Ingest(c.Request().Context(), in)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
		c.Response().Header().Set(echo.HeaderLocation, "/v1/calls/"+strconv.FormatInt(call.ID, 10))
	}
	return c.JSON(status, call)
}

// handleCallView returns one coaching record.
func (s *Server) handleCallView(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return assistant.Errorf(assistant.EInvalid, "call id %q is not a positive number.", c.Param("id"))
	}
	call, err := s.store.FindCallByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, call)
}

// handleCallIndex lists coaching records, newest first, a page at a time.
func (s *Server) handleCallIndex(c echo.Context) error {
	q := c.QueryParams()
	f := assistant.CallFilter{AgentID: q.Get("agent_id"), Cursor: q.Get("cursor")}
	if err := assistant.CheckID("agent_id", f.AgentID); err != nil {
		return err
	}
	var err error
	if v := q.Get("from"); v != "" {
		if f.From, err = parseTime(v); err != nil {
			return assistant.Errorf(assistant.EInvalid, "from %q is not a date or time; use 2026-11-01 or RFC 3339.", v)
		}
	}
	if v := q.Get("to"); v != "" {
		if f.To, err = parseTime(v); err != nil {
			return assistant.Errorf(assistant.EInvalid, "to %q is not a date or time; use 2026-11-30 or RFC 3339.", v)
		}
		if len(v) == len(time.DateOnly) {
			// A team lead asking up to the 30th means the 30th too.
			f.To = f.To.AddDate(0, 0, 1)
		}
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		return assistant.Errorf(assistant.EInvalid, "from must be before to.")
	}
	if v := q.Get("limit"); v != "" {
		if f.Limit, err = strconv.Atoi(v); err != nil || f.Limit < 1 || f.Limit > 100 {
			return assistant.Errorf(assistant.EInvalid, "limit %q must be a number from 1 to 100.", v)
		}
	}
	page, err := s.store.FindCalls(c.Request().Context(), f)
	if err != nil {
		return err
	}
	if page.Calls == nil {
		page.Calls = []*assistant.Call{}
	}
	return c.JSON(http.StatusOK, page)
}
