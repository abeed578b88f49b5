// Package api is rooscoach's HTTP layer: echo handlers that parse requests,
// call the use cases and the store, and write JSON or problem+json. It holds
// no SQL, no scoring and no wording of its own.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/arrangement"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/assistant/session"
)

// Store is what the API asks of the database directly, for the routes that
// are one store call each; *store.DB implements it. Calls and reviews go
// through the use cases, which also record reads in the audit trail.
type Store interface {
	Ping(ctx context.Context) error
	Authenticator
	Directory
}

// Directory manages who is who: tokens, teams and agents, and reads the
// audit trail. Changes take the principal, who is recorded in the audit
// trail in the change's own transaction; reads take the scope.
type Directory interface {
	CreateToken(ctx context.Context, by assistant.Principal, t *assistant.Token) (string, error)
	FindTokens(ctx context.Context, scope assistant.Scope) ([]*assistant.Token, error)
	FindTokenByID(ctx context.Context, scope assistant.Scope, id int64) (*assistant.Token, error)
	RevokeToken(ctx context.Context, by assistant.Principal, id int64) (*assistant.Token, error)

	CreateTeam(ctx context.Context, by assistant.Principal, t *assistant.Team) error
	FindTeams(ctx context.Context, scope assistant.Scope, inactive bool) ([]*assistant.Team, error)
	FindTeamByID(ctx context.Context, scope assistant.Scope, id string) (*assistant.Team, error)
	UpdateTeam(ctx context.Context, by assistant.Principal, id string, u assistant.TeamUpdate) (*assistant.Team, error)
	SetTeamActive(ctx context.Context, by assistant.Principal, id string, active bool) (*assistant.Team, error)

	CreateAgent(ctx context.Context, by assistant.Principal, a *assistant.AgentProfile) error
	FindAgents(ctx context.Context, scope assistant.Scope, f assistant.AgentFilter) (assistant.AgentPage, error)
	FindAgentByID(ctx context.Context, scope assistant.Scope, id string) (*assistant.AgentProfile, error)
	UpdateAgent(ctx context.Context, by assistant.Principal, id string, u assistant.AgentUpdate) (*assistant.AgentProfile, error)
	SetAgentActive(ctx context.Context, by assistant.Principal, id string, active bool) (*assistant.AgentProfile, error)

	FindAudit(ctx context.Context, scope assistant.Scope, f assistant.AuditFilter) (assistant.AuditPage, error)
}

// Planner computes payment arrangements from explicit figures;
// *arrangement.Engine implements it.
type Planner interface {
	Plan(ctx context.Context, req arrangement.Request) (arrangement.Response, error)
}

// Config holds the server's settings; cmd fills it from flags and the
// environment.
type Config struct {
	// Addr is the listen address, such as ":8080" or "127.0.0.1:0".
	Addr string
	// BodyLimit is the largest request body in bytes, after any gzip
	// encoding is undone; 0 means 2 MiB.
	BodyLimit int64
	// RequestTimeout bounds the work of one request on the routes that
	// answer at once; 0 means 30 s. Streaming routes set their own.
	RequestTimeout time.Duration
	// ImportLimit is the largest upload of POST /v1/imports in bytes; 0
	// means 64 MiB. Each file in it is still bounded by BodyLimit.
	ImportLimit int64
	// Live holds the limits of live sessions; zero fields take the
	// session package's defaults.
	Live session.Config
	// AuthOff serves every request as an admin that may take every role's
	// steps, without a token: today's open behaviour, for local
	// experiments only.
	AuthOff bool
	// TokenCacheTTL is how long a resolved token is remembered; 0 means
	// 30 s, a negative value not at all. A token revoked on another
	// instance keeps working here for up to this long.
	TokenCacheTTL time.Duration
	// Metrics is the registry the server counts into and serves at
	// GET /metrics; nil makes one of its own.
	Metrics *Metrics
	Logger  *slog.Logger
}

// Server serves the rooscoach API. It owns the router and the listener so
// that cmd never imports net/http or echo.
type Server struct {
	cfg      Config
	echo     *echo.Echo
	http     *http.Server
	ln       net.Listener
	logger   *slog.Logger
	coach    *coach.Service
	store    Store
	auth     Authenticator
	tokens   *tokenCache
	planner  Planner
	sessions *session.Registry
	// table lists the routes with their roles, for Routes.
	table []Route
	// browsers resolves the sessions of signed-in pages; nil until Mount
	// is given pages that have them.
	browsers BrowserSessions
	// pageErrors answers a browser's request for no route as a page; nil
	// until Mount is given pages that do.
	pageErrors RouteErrorPages
	// metrics counts requests; metricsHTTP serves them on an address of
	// their own when OpenMetrics is called.
	metrics     *Metrics
	metricsHTTP *http.Server
}

// NewServer wires the routes: svc runs the use cases (analysis, storage,
// tips), st serves the reads and planner the arrangement engine.
func NewServer(cfg Config, svc *coach.Service, st Store, planner Planner) *Server {
	if cfg.BodyLimit <= 0 {
		cfg.BodyLimit = 2 << 20
	}
	if cfg.ImportLimit <= 0 {
		cfg.ImportLimit = 64 << 20
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = 30 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.TokenCacheTTL == 0 {
		cfg.TokenCacheTTL = 30 * time.Second
	}
	if cfg.Live.Logger == nil {
		cfg.Live.Logger = cfg.Logger
	}
	if cfg.Metrics == nil {
		cfg.Metrics = NewMetrics()
	}
	s := &Server{cfg: cfg, echo: echo.New(), logger: cfg.Logger, coach: svc, store: st, auth: st,
		tokens: newTokenCache(cfg.TokenCacheTTL), planner: planner, sessions: session.NewRegistry(cfg.Live, svc), metrics: cfg.Metrics}
	// A second server on the same registry (none in production) keeps the
	// first one's gauge.
	_ = s.metrics.Register(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "rooscoach_live_sessions_open", Help: "Live sessions open on this instance (sessions are sticky to their instance).",
	}, func() float64 { return float64(s.sessions.OpenCount()) }))
	s.echo.HideBanner = true
	s.echo.HidePort = true
	s.echo.HTTPErrorHandler = s.handleError
	s.echo.Use(
		middleware.RequestID(),
		s.metrics.observe,
		middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
			LogStatus: true, LogMethod: true, LogURIPath: true, LogLatency: true, LogRequestID: true,
			HandleError: true,
			LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
				level := slog.LevelInfo
				if v.Status >= 400 {
					level = slog.LevelWarn
				}
				// The route template, not the path: a path holds ids, and
				// the query may hold names.
				attrs := []slog.Attr{slog.String("method", v.Method), slog.String("route", c.Path()), slog.Int("status", v.Status),
					slog.Duration("duration", v.Latency), slog.String("request_id", v.RequestID)}
				// The role and token id say who without naming anyone.
				if p := principalOf(c); p.Role != "" {
					attrs = append(attrs, slog.String("role", string(p.Role)), slog.Int64("token_id", p.TokenID))
				}
				s.logger.LogAttrs(c.Request().Context(), level, "request", attrs...)
				return nil
			},
		}),
		middleware.Recover(),
	)
	s.routes()
	s.http = &http.Server{
		Handler:           s.echo,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		// No server-wide write timeout: it would cut off streaming routes.
		// The routes that answer at once set their own write deadline.
		IdleTimeout: 2 * time.Minute,
		ErrorLog:    slog.NewLogLogger(cfg.Logger.Handler(), slog.LevelWarn),
	}
	return s
}

// Handler returns the server's HTTP handler, for tests with httptest.
func (s *Server) Handler() http.Handler { return s.echo }

// Open starts listening on the configured address and serves in the
// background until Close.
func (s *Server) Open() error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.cfg.Addr, err)
	}
	s.ln = problemListener{ln}
	go func() {
		if err := s.http.Serve(s.ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.logger.Error("serve", "err", err)
		}
	}()
	return nil
}

// URL returns the base URL the server listens on, such as
// "http://127.0.0.1:8080".
func (s *Server) URL() string {
	if s.ln == nil {
		return ""
	}
	addr := s.ln.Addr().(*net.TCPAddr)
	host := addr.IP.String()
	if addr.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(addr.Port))
}

// Close stops accepting connections and waits for in-flight requests to
// finish until ctx is done.
//
// Live sessions still open are ended and stored first: that also ends
// their sockets and event streams, which Shutdown would otherwise wait for.
func (s *Server) Close(ctx context.Context) error {
	serr := s.sessions.Close(ctx)
	if s.metricsHTTP != nil {
		_ = s.metricsHTTP.Shutdown(ctx)
	}
	if err := s.http.Shutdown(ctx); err != nil {
		return fmt.Errorf("shut down http server: %w", err)
	}
	if serr != nil {
		return fmt.Errorf("end live sessions: %w", serr)
	}
	return nil
}

// CloseSessions ends and stores the open live sessions, for servers run
// through [Server.Handler] (tests), which Close does not stop.
func (s *Server) CloseSessions(ctx context.Context) error { return s.sessions.Close(ctx) }

func jsonEncode(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// Pages is a set of routes served beside the API by the same server, such
// as the web pages; it registers its own routes on the router.
type Pages interface {
	Mount(e *echo.Echo)
}

// BrowserSessions is what Pages that sign people in offer the API: the
// token of a signed-in browser, so that a page's script can call an API
// route (the tip box calls POST /v1/tips) although the token sits in a
// cookie no script can read.
type BrowserSessions interface {
	// SessionToken returns the token of the session cookie of c's
	// request; ok is false when it has none. A request with the cookie
	// that fails the pages' CSRF check answers an error, so that another
	// site's page can never borrow the session.
	SessionToken(c echo.Context) (token string, ok bool, err error)
}

// RouteErrorPages is what Pages that answer browsers in their own words
// offer the API's error handler: a request that reaches no route never
// passes a page's own middleware, so the handler asks the pages first.
type RouteErrorPages interface {
	// RouteError answers err, echo's error for a path no route has or a
	// method the path does not take, as a page when c's request is a
	// browser's for a page, and reports whether it did. The API's paths
	// and clients that do not ask for HTML are left to problem+json.
	RouteError(c echo.Context, err error) bool
}

// Mount serves p's routes beside the API's. When p also implements
// BrowserSessions, the routes that pages call take its sessions; when it
// implements RouteErrorPages, a browser that asks for no route gets its page.
func (s *Server) Mount(p Pages) {
	p.Mount(s.echo)
	if bs, ok := p.(BrowserSessions); ok {
		s.browsers = bs
	}
	if rp, ok := p.(RouteErrorPages); ok {
		s.pageErrors = rp
	}
}
