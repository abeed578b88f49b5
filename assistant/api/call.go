package api

import (
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"
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
	call, created, err := s.coach.Ingest(c.Request().Context(), principalOf(c), in)
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
	id, err := idParam(c, "id", "call")
	if err != nil {
		return err
	}
	call, err := s.coach.Call(c.Request().Context(), principalOf(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, call)
}

// handleCallIndex lists coaching records, newest first, a page at a time.
func (s *Server) handleCallIndex(c echo.Context) error {
	q := c.QueryParams()
	f := assistant.CallFilter{
		AgentID: q.Get("agent_id"), TeamID: q.Get("team_id"), ExternalID: q.Get("external_id"),
		ReviewStatus: assistant.CallReviewStatus(q.Get("review_status")), Cursor: q.Get("cursor"),
	}
	for _, p := range []struct{ name, v string }{{"agent_id", f.AgentID}, {"team_id", f.TeamID}, {"external_id", f.ExternalID}} {
		if err := assistant.CheckID(p.name, p.v); err != nil {
			return err
		}
	}
	if f.ReviewStatus != "" && !f.ReviewStatus.Valid() {
		return assistant.Errorf(assistant.EInvalid, "review_status %q is not known; use new, in_review, reviewed, acknowledged or disputed.", f.ReviewStatus)
	}
	var err error
	if f.From, f.To, err = timeRange(c); err != nil {
		return err
	}
	if f.Limit, err = limitParam(c, 100); err != nil {
		return err
	}
	page, err := s.coach.Calls(c.Request().Context(), principalOf(c), f)
	if err != nil {
		return err
	}
	if page.Calls == nil {
		page.Calls = []*assistant.Call{}
	}
	return c.JSON(http.StatusOK, page)
}

// idParam reads the path parameter name as the positive id of a what.
func idParam(c echo.Context, name, what string) (int64, error) {
	return parseID(what+" id", c.Param(name))
}

// parseID reads the record id v given as label ("call id", "call_id"): a
// positive whole number that fits an int64, as ids in the database are.
// The EInvalid message says which of these v is not.
func parseID(label, v string) (int64, error) {
	id, err := strconv.ParseInt(v, 10, 64)
	switch {
	case errors.Is(err, strconv.ErrRange) && strings.HasPrefix(v, "-"), err == nil && id <= 0:
		return 0, assistant.Worded(assistant.EInvalid, "id.negative", map[string]any{"Field": label, "Value": v}, "%s %s is not a valid id: ids are positive.", label, v)
	case errors.Is(err, strconv.ErrRange):
		return 0, assistant.Worded(assistant.EInvalid, "id.large", map[string]any{"Field": label, "Value": v, "Max": strconv.FormatInt(math.MaxInt64, 10)},
			"%s %s is not a valid id: too large (ids go up to %d).", label, v, int64(math.MaxInt64))
	case err != nil:
		return 0, assistant.Worded(assistant.EInvalid, "id.number", map[string]any{"Field": label, "Value": v},
			"%s %q is not a valid id: not a number; ids are positive whole numbers.", label, v)
	}
	return id, nil
}

// timeRange reads the from and to query parameters, each a date or an RFC
// 3339 time. A plain date as to includes its day: a team lead asking up to
// the 30th means the 30th too.
func timeRange(c echo.Context) (from, to time.Time, err error) {
	q := c.QueryParams()
	if v := q.Get("from"); v != "" {
		if from, err = parseTime(v); err != nil {
			return from, to, assistant.Worded(assistant.EInvalid, "range.moment", map[string]any{"Field": "from", "Value": v, "Example": "2026-11-01", "Plus": assistant.SpaceForPlus(v)},
				"from %q is not a date or time; use 2026-11-01 or RFC 3339.%s", v, assistant.PlusHint(v))
		}
	}
	if v := q.Get("to"); v != "" {
		if to, err = parseTime(v); err != nil {
			return from, to, assistant.Worded(assistant.EInvalid, "range.moment", map[string]any{"Field": "to", "Value": v, "Example": "2026-11-30", "Plus": assistant.SpaceForPlus(v)},
				"to %q is not a date or time; use 2026-11-30 or RFC 3339.%s", v, assistant.PlusHint(v))
		}
		if len(v) == len(time.DateOnly) {
			to = to.AddDate(0, 0, 1)
		}
	}
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		return from, to, assistant.Worded(assistant.EInvalid, "range.order", nil, "from must be before to.")
	}
	return from, to, nil
}

// limitParam reads the limit query parameter, 1 to max; 0 when not given.
func limitParam(c echo.Context, max int) (int, error) {
	v := c.QueryParam("limit")
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > max {
		return 0, assistant.Worded(assistant.EInvalid, "limit", map[string]any{"Value": v, "Max": max}, "limit %q must be a number from 1 to %d.", v, max)
	}
	return n, nil
}

// boolParam reads a true/false query parameter; false when not given.
func boolParam(c echo.Context, name string) (bool, error) {
	v := c.QueryParam(name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, assistant.Errorf(assistant.EInvalid, "%s %q must be true or false.", name, v)
	}
	return b, nil
}

// handleCallErase erases a call with everything derived from it; the
// anonymous figures of progress stay.
func (s *Server) handleCallErase(c echo.Context) error {
	id, err := idParam(c, "id", "call")
	if err != nil {
		return err
	}
	if err := s.coach.EraseCall(c.Request().Context(), principalOf(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
