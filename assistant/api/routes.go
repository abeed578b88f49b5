package api

import (
	"net/http"
	"slices"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
)

// Query parameters of the transcript routes.
var transcriptParams = []string{"agent_id", "external_id", "team_id", "language", "occurred_at", "format",
	"agent", "agent_speaker", "customer", "customer_speaker", "engine", "account_ref", "time_zone", "jurisdiction",
	"policy"}

// Route is an endpoint as routes declares it, for tests that try every
// route with every role.
type Route struct {
	Method string
	// Path is echo's template, such as "/v1/calls/:id".
	Path string
	// Roles may call the route; nil means it is open, without a token.
	Roles []assistant.Role
}

// Routes returns every route with the roles that may call it.
func (s *Server) Routes() []Route { return slices.Clone(s.table) }

// routes lists every endpoint in one place: who may call it (any other
// role gets 403, no token 401), the query parameters it takes (any other is
// refused, so that a misspelled one is never silently ignored) and how long
// it may work. What a role may read within a route (its own calls, its
// teams') is the store's scope, not decided here.
func (s *Server) routes() {
	quick := s.timeout(5 * time.Second)
	work := s.timeout(s.cfg.RequestTimeout)

	s.handle(http.MethodGet, "/healthz", s.handleHealth, nil, quick, query())
	s.handle(http.MethodGet, "/readyz", s.handleReady, nil, quick, query())
	s.handle(http.MethodGet, "/openapi.json", s.handleOpenAPI, nil, quick, query())

	// The metrics say how busy each route is and how many sessions are
	// open: not personal, but not for everyone either. A scraper without
	// a token gets them on ROOSCOACH_METRICS_ADDR (OpenMetrics).
	s.handle(http.MethodGet, "/metrics", s.handleMetrics, adminOnly, quick, query())

	s.handle(http.MethodGet, "/v1/me", s.handleMe, anyone, quick, query())

	s.handle(http.MethodPost, "/v1/calls", s.handleCallCreate, callPosters, work, query(transcriptParams...))
	s.handle(http.MethodGet, "/v1/calls", s.handleCallIndex, anyone, work, query("agent_id", "team_id", "external_id", "review_status", "from", "to", "limit", "cursor"))
	s.handle(http.MethodGet, "/v1/calls/:id", s.handleCallView, anyone, work, query())
	// Erasure is a data-protection decision: a lead's for the calls of
	// their team, an admin's for any; not the agent's or trainer's.
	s.handle(http.MethodDelete, "/v1/calls/:id", s.handleCallErase, erasers, work, query())
	s.handle(http.MethodPost, "/v1/analyze", s.handleAnalyze, anyone, work, query(transcriptParams...))
	// The agent page's tip box calls this route too, with the page's
	// session cookie and CSRF token instead of a bearer header.
	s.add(http.MethodPost, "/v1/tips", s.handleTip, anyone, work, s.authenticateBrowser, query("engine"))
	s.handle(http.MethodPost, "/v1/arrangements", s.handleArrangement, anyone, work, query())

	// Live sessions. An agent opens, streams to, reads and ends their own
	// sessions; an admin may do so for any agent (a contact-centre
	// platform's connector, a stuck session); trainers and leads follow
	// the sessions of their teams without taking part. Which session a
	// token may see is the registry's scope, as a call's is the store's.
	// The socket and the event stream last as long as the call, so they
	// take no timeout; the session's idle time and the connection's pings
	// bound them instead.
	s.handle(http.MethodPost, "/v1/sessions", s.handleSessionCreate, liveDrivers, quick, query("engine"))
	s.handle(http.MethodGet, "/v1/sessions/:id", s.handleSessionView, anyone, quick, query())
	s.handleSocket("/v1/sessions/:id/ws", s.handleSessionSocket, anyone, query("after"))
	s.handle(http.MethodGet, "/v1/sessions/:id/events", s.handleSessionEvents, anyone, nil, query("after"))
	s.handle(http.MethodPost, "/v1/sessions/:id/utterances", s.handleUtterance, liveDrivers, work, query())
	s.handle(http.MethodPost, "/v1/sessions/:id/end", s.handleSessionEnd, liveDrivers, work, query())

	// Creditor policies are the creditor's terms, not personal data: anyone
	// may read them; only an admin changes them.
	s.handle(http.MethodGet, "/v1/policies", s.handlePolicyIndex, anyone, quick, query("jurisdiction"))
	s.handle(http.MethodGet, "/v1/policies/:id", s.handlePolicyView, anyone, quick, query())
	s.handle(http.MethodPut, "/v1/policies/:id", s.handlePolicyPut, adminOnly, quick, query())
	s.handle(http.MethodDelete, "/v1/policies/:id", s.handlePolicyDelete, adminOnly, quick, query())

	s.handle(http.MethodPost, "/v1/calls/:id/reviews", s.handleReviewCreate, trainerOnly, work, query())
	s.handle(http.MethodGet, "/v1/calls/:id/reviews", s.handleReviewIndex, anyone, work, query())
	s.handle(http.MethodGet, "/v1/reviews/:id", s.handleReviewView, anyone, work, query())
	s.handle(http.MethodPut, "/v1/reviews/:id", s.handleReviewUpdate, trainerOnly, work, query())
	s.handle(http.MethodPost, "/v1/reviews/:id/publish", s.handleReviewPublish, trainerOnly, work, query())
	s.handle(http.MethodPost, "/v1/reviews/:id/acknowledge", s.handleReviewAcknowledge, agentOnly, work, query())
	s.handle(http.MethodPost, "/v1/reviews/:id/disputes", s.handleDisputeCreate, agentOnly, work, query())
	s.handle(http.MethodPost, "/v1/reviews/:id/disputes/:dispute/resolve", s.handleDisputeResolve, trainerOnly, work, query())
	s.handle(http.MethodGet, "/v1/calibration", s.handleCalibration, coachingReads, work, query("team", "from", "to"))

	// Progress and goals: what an agent, lead or trainer sees within a
	// route is the store's scope; another agent's or team's is 404.
	s.handle(http.MethodGet, "/v1/agents/:id/progress", s.handleAgentProgress, anyone, work, query("from", "to", "bucket"))
	s.handle(http.MethodGet, "/v1/teams/:id/progress", s.handleTeamProgress, coachingReads, work, query("from", "to", "bucket"))
	s.handle(http.MethodPost, "/v1/agents/:id/goals", s.handleGoalCreate, coachingReads, work, query())
	s.handle(http.MethodGet, "/v1/agents/:id/goals", s.handleGoalIndex, anyone, work, query())
	s.handle(http.MethodPost, "/v1/goals/:id/end", s.handleGoalEnd, coachingReads, work, query())

	// Imports post calls, so those who post calls make them.
	s.handle(http.MethodPost, "/v1/imports", s.handleImportCreate, callPosters, work, query(importParams...))
	s.handle(http.MethodGet, "/v1/imports/:id", s.handleImportView, anyone, work, query())

	s.handle(http.MethodPost, "/v1/tokens", s.handleTokenCreate, adminOnly, work, query())
	s.handle(http.MethodGet, "/v1/tokens", s.handleTokenIndex, adminOnly, work, query())
	s.handle(http.MethodGet, "/v1/tokens/:id", s.handleTokenView, adminOnly, work, query())
	s.handle(http.MethodDelete, "/v1/tokens/:id", s.handleTokenRevoke, adminOnly, work, query())

	s.handle(http.MethodPost, "/v1/teams", s.handleTeamCreate, adminOnly, work, query())
	s.handle(http.MethodGet, "/v1/teams", s.handleTeamIndex, anyone, work, query("inactive"))
	s.handle(http.MethodGet, "/v1/teams/:id", s.handleTeamView, anyone, work, query())
	s.handle(http.MethodPatch, "/v1/teams/:id", s.handleTeamUpdate, adminOnly, work, query())
	s.handle(http.MethodPost, "/v1/teams/:id/deactivate", s.handleTeamActive(false), adminOnly, work, query())
	s.handle(http.MethodPost, "/v1/teams/:id/activate", s.handleTeamActive(true), adminOnly, work, query())

	s.handle(http.MethodPost, "/v1/agents", s.handleAgentCreate, adminOnly, work, query())
	s.handle(http.MethodGet, "/v1/agents", s.handleAgentIndex, anyone, work, query("team_id", "inactive", "limit", "cursor"))
	s.handle(http.MethodGet, "/v1/agents/:id", s.handleAgentView, anyone, work, query())
	s.handle(http.MethodPatch, "/v1/agents/:id", s.handleAgentUpdate, adminOnly, work, query())
	s.handle(http.MethodPost, "/v1/agents/:id/deactivate", s.handleAgentActive(false), adminOnly, work, query())
	s.handle(http.MethodPost, "/v1/agents/:id/activate", s.handleAgentActive(true), adminOnly, work, query())
	// Erasing a person is an admin's decision: an agent with everything
	// that identifies them, a customer's account with its calls.
	s.handle(http.MethodDelete, "/v1/agents/:id", s.handleAgentErase, adminOnly, work, query())
	s.handle(http.MethodDelete, "/v1/accounts/:ref", s.handleAccountErase, adminOnly, work, query())

	s.handle(http.MethodGet, "/v1/audit", s.handleAuditIndex, adminOnly, work,
		query("token_id", "action", "target", "target_id", "call_id", "from", "to", "limit", "cursor"))
}

// handle registers a route. A route with roles answers only requests with
// a token of one of them: authentication and the role check come first,
// before any input is looked at, so that a stranger learns nothing from the
// answer; the route's time limit covers them too.
func (s *Server) handle(method, path string, h echo.HandlerFunc, roles []assistant.Role, limit echo.MiddlewareFunc, params echo.MiddlewareFunc) {
	s.add(method, path, h, roles, limit, s.authenticate, params)
}

// handleSocket registers a WebSocket route: as handle, but the token may
// also come as a subprotocol (see socketToken), since a browser cannot set
// headers on a WebSocket. It takes no time limit: the socket lasts as long
// as the call.
func (s *Server) handleSocket(path string, h echo.HandlerFunc, roles []assistant.Role, params echo.MiddlewareFunc) {
	s.add(http.MethodGet, path, h, roles, nil, s.authenticateSocket, params)
}

// authenticateBrowser is authenticate for the routes the pages call: a
// bearer token or a signed-in page's session.
func (s *Server) authenticateBrowser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		tokenOf := func(*http.Request) (string, error) { return s.bearerOrSession(c) }
		return s.authenticateWith(tokenOf, next)(c)
	}
}

// add registers a route; a nil limit means none.
func (s *Server) add(method, path string, h echo.HandlerFunc, roles []assistant.Role, limit, auth, params echo.MiddlewareFunc) {
	var mw []echo.MiddlewareFunc
	if limit != nil {
		mw = append(mw, limit)
	}
	if roles != nil {
		mw = append(mw, auth, allow(roles))
	}
	mw = append(mw, params)
	s.echo.Add(method, path, h, mw...)
	s.table = append(s.table, Route{Method: method, Path: path, Roles: roles})
}

// EchoRoutes returns the routes as the router has them registered, which
// is what answers; the OpenAPI test holds openapi.json against them rather
// than against the table, so that a route added past add is caught too.
func (s *Server) EchoRoutes() []Route {
	var out []Route
	for _, r := range s.echo.Routes() {
		out = append(out, Route{Method: r.Method, Path: r.Path})
	}
	return out
}
