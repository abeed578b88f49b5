package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
)

// reviewStatusFilter is the review status the call list is filtered by:
// review_status, as GET /v1/calls names it, or status, as the list's form
// once did. A value that is no status is refused, not ignored, so that a
// mistyped link does not silently list every call.
func reviewStatusFilter(c echo.Context) (assistant.CallReviewStatus, error) {
	name := "review_status"
	v := c.QueryParam(name)
	if v == "" && c.QueryParam("status") != "" {
		name, v = "status", c.QueryParam("status")
	}
	s := assistant.CallReviewStatus(v)
	if s == "" || s.Valid() {
		return s, nil
	}
	return "", &pageError{Status: http.StatusBadRequest, Key: "bad_filter", Back: "/calls", Args: func(lang assistant.Language) []any {
		t := text(lang)
		values := make([]string, len(assistant.CallReviewStatuses))
		for i, v := range assistant.CallReviewStatuses {
			values[i] = string(v) + " (" + label(t, "call_status", v) + ")"
		}
		return []any{name, v, strings.Join(values, ", ")}
	}}
}
