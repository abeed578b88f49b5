package api

import (
	"context"
	"crypto/sha256"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
)

// Authenticator resolves a bearer token into the principal it stands for;
// *store.DB implements it. Its errors are EUnauthorized for a token that
// does not work, EUnavailable when it cannot tell.
type Authenticator interface {
	Authenticate(ctx context.Context, token string) (assistant.Principal, error)
}

// principalKey keys the principal in a request's context.
type principalKey struct{}

// WithPrincipal returns ctx carrying p as the request's principal, for
// routes served beside the API (the web pages) that resolve their own
// token: the request log then names the role and token id of their
// requests as it does for the API's.
func WithPrincipal(ctx context.Context, p assistant.Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// principalOf returns who is asking. Every route with roles runs behind
// authenticate, so the principal is there; an open route has none and must
// not ask.
func principalOf(c echo.Context) assistant.Principal {
	p, _ := c.Request().Context().Value(principalKey{}).(assistant.Principal)
	return p
}

// authenticate resolves the request's bearer token into a principal on the
// request's context, or answers 401. With authentication off, every request
// is the AuthOff principal.
func (s *Server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return s.authenticateWith(bearer, next)
}

// authenticateWith is authenticate with the token read by tokenOf.
func (s *Server) authenticateWith(tokenOf func(*http.Request) (string, error), next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		var p assistant.Principal
		if s.cfg.AuthOff {
			p = assistant.AuthOff()
		} else {
			token, err := tokenOf(c.Request())
			if err == nil {
				p, err = s.principal(c.Request().Context(), token)
			}
			if err != nil {
				if assistant.ErrorCode(err) == assistant.EUnauthorized {
					// RFC 6750: a 401 says which scheme would work.
					c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="rooscoach"`)
				}
				return err
			}
		}
		req := c.Request()
		c.SetRequest(req.WithContext(WithPrincipal(req.Context(), p)))
		return next(c)
	}
}

// bearer reads the token of an "Authorization: Bearer TOKEN" header.
func bearer(r *http.Request) (string, error) {
	h := r.Header.Get(echo.HeaderAuthorization)
	if h == "" {
		return "", assistant.Errorf(assistant.EUnauthorized, "No token: send one as Authorization: Bearer TOKEN. An admin makes tokens (rooscoach token create, or POST /v1/tokens).")
	}
	scheme, token, _ := strings.Cut(strings.TrimSpace(h), " ")
	if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return "", assistant.Errorf(assistant.EUnauthorized, "The Authorization header must be Bearer TOKEN; the %q scheme is not accepted.", scheme)
	}
	return strings.TrimSpace(token), nil
}

// bearerOrSession reads the bearer token, or, for a request without an
// Authorization header, the token of a signed-in page's session (see
// BrowserSessions). Only the routes the pages call take it.
func (s *Server) bearerOrSession(c echo.Context) (string, error) {
	if c.Request().Header.Get(echo.HeaderAuthorization) == "" && s.browsers != nil {
		if token, ok, err := s.browsers.SessionToken(c); ok {
			return token, err
		}
	}
	return bearer(c.Request())
}

// principal resolves token, from the cache when it was resolved lately.
func (s *Server) principal(ctx context.Context, token string) (assistant.Principal, error) {
	if p, ok := s.tokens.get(token); ok {
		return p, nil
	}
	p, err := s.auth.Authenticate(ctx, token)
	if err != nil {
		return assistant.Principal{}, err
	}
	s.tokens.put(token, p)
	return p, nil
}

// allow refuses, with 403, a principal whose role is not among roles.
func allow(roles []assistant.Role) echo.MiddlewareFunc {
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = string(r)
	}
	who := strings.Join(names, ", ")
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			p := principalOf(c)
			if !p.Can(roles...) {
				return assistant.Errorf(assistant.EForbidden, "This route is for %s; your token is %s token.", who, article(p.Role))
			}
			return next(c)
		}
	}
}

// article puts "a" or "an" before a role's name.
func article(r assistant.Role) string {
	if r == "" {
		return "a roleless"
	}
	if strings.IndexByte("aeiou", string(r)[0]) >= 0 {
		return "an " + string(r)
	}
	return "a " + string(r)
}

// Role sets of the routes.
var (
	anyone        = assistant.Roles
	adminOnly     = []assistant.Role{assistant.RoleAdmin}
	trainerOnly   = []assistant.Role{assistant.RoleTrainer}
	agentOnly     = []assistant.Role{assistant.RoleAgent}
	callPosters   = assistant.CallPosters
	coachingReads = assistant.CoachingReaders
	erasers       = []assistant.Role{assistant.RoleLead, assistant.RoleAdmin}
	// liveDrivers open live sessions, send utterances and end them: an
	// agent their own, an admin any agent's.
	liveDrivers = []assistant.Role{assistant.RoleAgent, assistant.RoleAdmin}
)

// tokenCache remembers resolved tokens for a short while, so that live
// tips do not wait for Postgres on every request and keep working through
// a short outage of it. The price is that a revoked token, or a
// deactivated agent's, works on other instances until its entry expires
// (this instance forgets it at once). Keys are hashes of the tokens, so the
// cache holds no token.
type tokenCache struct {
	ttl time.Duration
	now func() time.Time

	mu      sync.Mutex
	entries map[[sha256.Size]byte]cachedPrincipal
}

type cachedPrincipal struct {
	p     assistant.Principal
	until time.Time
}

// maxCachedTokens bounds the cache; beyond it the cache starts over, which
// costs one lookup per token.
const maxCachedTokens = 10000

func newTokenCache(ttl time.Duration) *tokenCache {
	return &tokenCache{ttl: ttl, now: time.Now, entries: map[[sha256.Size]byte]cachedPrincipal{}}
}

func (tc *tokenCache) get(token string) (assistant.Principal, bool) {
	if tc.ttl <= 0 {
		return assistant.Principal{}, false
	}
	key := sha256.Sum256([]byte(token))
	tc.mu.Lock()
	defer tc.mu.Unlock()
	e, ok := tc.entries[key]
	if !ok || tc.now().After(e.until) {
		delete(tc.entries, key)
		return assistant.Principal{}, false
	}
	return e.p, true
}

func (tc *tokenCache) put(token string, p assistant.Principal) {
	if tc.ttl <= 0 {
		return
	}
	key := sha256.Sum256([]byte(token))
	tc.mu.Lock()
	defer tc.mu.Unlock()
	if len(tc.entries) >= maxCachedTokens {
		clear(tc.entries)
	}
	tc.entries[key] = cachedPrincipal{p: p, until: tc.now().Add(tc.ttl)}
}

// forget drops the entries of the principals match selects: a revoked
// token, a deactivated agent's tokens.
func (tc *tokenCache) forget(match func(assistant.Principal) bool) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	for k, e := range tc.entries {
		if match(e.p) {
			delete(tc.entries, k)
		}
	}
}

// handleMe says who the token is: role, name, agent or teams.
func (s *Server) handleMe(c echo.Context) error {
	return c.JSON(http.StatusOK, principalOf(c))
}
