package api

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/assistant/transcript"
	"github.com/rooscoach/rooscoach/prompts"
)

// statusOf is the one place where error codes become HTTP statuses.
var statusOf = map[string]int{
	assistant.EInvalid:       http.StatusBadRequest,
	assistant.EUnauthorized:  http.StatusUnauthorized,
	assistant.EForbidden:     http.StatusForbidden,
	assistant.ENotFound:      http.StatusNotFound,
	assistant.EConflict:      http.StatusConflict,
	assistant.EUnsupported:   http.StatusUnsupportedMediaType,
	assistant.ETooLarge:      http.StatusRequestEntityTooLarge,
	assistant.EUnprocessable: http.StatusUnprocessableEntity,
	assistant.EUnavailable:   http.StatusServiceUnavailable,
	assistant.ERateLimited:   http.StatusTooManyRequests,
	assistant.EInternal:      http.StatusInternalServerError,
}

// Problem is an RFC 9457 problem details body.
type Problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail"`
	Instance string `json:"instance,omitempty"`
	// Code is the rooscoach error code, stable for scripts.
	Code string `json:"code"`
	// RequestID lets support find the log line of a 5xx.
	RequestID string `json:"request_id,omitempty"`
	// Errors lists the problems of a form (a review), each under the
	// field of the request it is about, in the request's language; Detail
	// then joins them.
	Errors []FieldProblem `json:"errors,omitempty"`
}

// FieldProblem is one problem of a request's input.
type FieldProblem struct {
	// Field is where in the request's JSON the problem is, such as
	// "rating" or "turns[1].octant".
	Field  string `json:"field"`
	Detail string `json:"detail"`
}

// handleError writes every error a handler returns as problem+json. Only
// server-side failures are logged as errors; a user's bad input is a warning
// without the body, which may hold personal data.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	code, status, detail := classify(err)
	if d, ok := routeDetail(err, c); ok {
		detail = d
		if s.pageErrors != nil && s.pageErrors.RouteError(c, err) {
			return
		}
	}
	lang := AcceptLanguage(c.Request().Header.Get("Accept-Language"))
	// The transcript reader's problems, which are worded in every
	// language, answer in the request's; the rest stays English.
	if d, ok := transcript.Describe(err, lang, transcript.DoorHTTP); ok && lang != assistant.English {
		detail = d
	}
	// So do the errors the prompts word (an assistant.Error with a Key).
	if d, ok := prompts.ErrorText(lang, err); ok && lang != assistant.English {
		detail = d
	}
	fields, summary := formProblems(err, lang)
	if fields != nil {
		detail = summary
	}
	rid := c.Response().Header().Get(echo.HeaderXRequestID)
	if status >= 500 {
		// The request logger records every request; only here is the cause known.
		s.logger.Error("request failed", "method", c.Request().Method, "path", c.Path(),
			"status", status, "request_id", rid, "err", err)
	}
	p := Problem{
		Type:      "urn:rooscoach:problem:" + code,
		Title:     http.StatusText(status),
		Status:    status,
		Detail:    detail,
		Instance:  c.Request().URL.Path,
		Code:      code,
		RequestID: rid,
		Errors:    fields,
	}
	c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
	c.Response().WriteHeader(status)
	if c.Request().Method == http.MethodHead {
		return
	}
	if werr := jsonEncode(c.Response(), p); werr != nil {
		s.logger.Debug("write problem", "err", werr)
	}
}

// classify maps an error to its code, status and user-facing message. echo's
// own errors (unknown route, wrong method, timeouts) get the same shape.
func classify(err error) (code string, status int, detail string) {
	var he *echo.HTTPError
	var mbe *http.MaxBytesError
	var ode *assistant.OpenDisputeError
	switch {
	case errors.As(err, &ode):
		// Refused by the use case or, in a race, by the database's index:
		// either way the store's words, which name the label or comment.
		return assistant.EConflict, statusOf[assistant.EConflict], ode.Error()
	case errors.As(err, &mbe):
		return assistant.ETooLarge, http.StatusRequestEntityTooLarge,
			"The body is larger than the limit of " + humanBytes(mbe.Limit) + "; split the transcript or ask for a higher limit."
	case errors.Is(err, context.Canceled):
		// The client hung up; nobody reads this answer and nothing failed.
		return "canceled", 499, "The request was canceled by the client."
	case errors.Is(err, context.DeadlineExceeded):
		return assistant.EUnavailable, http.StatusServiceUnavailable, "The request took too long and was stopped; try again."
	case errors.As(err, &he) && assistant.ErrorCode(err) == assistant.EInternal:
		detail := http.StatusText(he.Code)
		if m, ok := he.Message.(string); ok && m != "" {
			detail = m
		}
		return codeOfStatus(he.Code), he.Code, detail
	}
	code = assistant.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		code, status = assistant.EInternal, http.StatusInternalServerError
	}
	return code, status, describe(err)
}

// formProblems lists the problems of a form error in err, each under its
// place in the request's JSON, in lang as the web form words them, and
// joins them as the answer's detail. Other errors give nil.
func formProblems(err error, lang assistant.Language) ([]FieldProblem, string) {
	var fe *coach.FormError
	if !errors.As(err, &fe) || len(fe.Problems) == 0 {
		return nil, ""
	}
	fields := make([]FieldProblem, len(fe.Problems))
	texts := make([]string, len(fe.Problems))
	for i, p := range fe.Problems {
		texts[i] = p.Text(lang)
		fields[i] = FieldProblem{Field: p.Path, Detail: texts[i]}
	}
	return fields, strings.Join(texts, " ")
}

// AcceptLanguage returns the first of nl and en an Accept-Language header
// names, in its order (clients list by preference), or English.
func AcceptLanguage(h string) assistant.Language {
	for part := range strings.SplitSeq(h, ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		base, _, _ := strings.Cut(strings.ToLower(tag), "-")
		switch base {
		case "nl":
			return assistant.Dutch
		case "en":
			return assistant.English
		}
	}
	return assistant.English
}

// routeDetail words echo's answers for a path no route has and for a
// method the path does not take, which say no more than their status, and
// sets the Allow header a 405 must carry (RFC 9110, 15.5.6).
func routeDetail(err error, c echo.Context) (string, bool) {
	r := c.Request()
	switch {
	case errors.Is(err, echo.ErrNotFound):
		return "no route " + r.Method + " " + r.URL.Path, true
	case errors.Is(err, echo.ErrMethodNotAllowed):
		allow, _ := c.Get(echo.ContextKeyHeaderAllow).(string)
		if c.Response().Header().Get(echo.HeaderAllow) == "" && allow != "" {
			c.Response().Header().Set(echo.HeaderAllow, allow)
		}
		// OPTIONS, which echo answers on every path, says nothing about
		// what the path is for.
		var methods []string
		for m := range strings.SplitSeq(allow, ",") {
			if m = strings.TrimSpace(m); m != "" && m != http.MethodOptions {
				methods = append(methods, m)
			}
		}
		slices.Sort(methods)
		return "method " + r.Method + " not allowed on " + r.URL.Path + "; allowed: " + strings.Join(methods, ", "), true
	}
	return "", false
}

// describe is the message of err for someone calling the HTTP API: the
// transcript reader's problem worded in query parameters, in English.
func describe(err error) string {
	if msg, ok := transcript.Describe(err, assistant.English, transcript.DoorHTTP); ok {
		return msg
	}
	return assistant.ErrorMessage(err)
}

func codeOfStatus(status int) string {
	for code, s := range statusOf {
		if s == status {
			return code
		}
	}
	switch status {
	case http.StatusMethodNotAllowed:
		return "method_not_allowed"
	}
	if status >= 500 {
		return assistant.EInternal
	}
	return assistant.EInvalid
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return itoa(n>>20) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return itoa(n>>10) + " KiB"
	}
	return itoa(n) + " bytes"
}

// Classify maps err to its rooscoach code, HTTP status and user-facing
// message, as the API answers it, so that the web pages answer an error
// with the same status and words.
func Classify(err error) (code string, status int, detail string) { return classify(err) }
