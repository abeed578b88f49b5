package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
)

// RouteError answers a browser that asks for an address no page has, or
// with a method the page does not take, with a page in its language that
// leads home (api.RouteErrorPages). The API's paths, and clients that do
// not ask for HTML, keep their problem+json.
func (p *Pages) RouteError(c echo.Context, err error) bool {
	r := c.Request()
	if r.URL.Path == "/v1" || strings.HasPrefix(r.URL.Path, "/v1/") || !wantsHTML(r.Header.Get("Accept")) {
		return false
	}
	status, key := http.StatusNotFound, "page_not_found"
	if errors.Is(err, echo.ErrMethodNotAllowed) {
		status, key = http.StatusMethodNotAllowed, "page_method"
	}
	page := func(c echo.Context) error {
		return p.render(c, status, "error", map[string]any{"Status": status, "Message": text(langOf(c))[key], "Back": "/"})
	}
	// Only a safe method gets the CSRF token the page's language form
	// needs; any other would be checked against one it never had.
	h := p.language(p.signedInIfAny(page))
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		h = p.language(p.csrf(p.signedInIfAny(page)))
	}
	if err := h(c); err != nil {
		p.cfg.Logger.Error("route error page failed", "status", status, "err", err)
		return false
	}
	return true
}

// wantsHTML says whether an Accept header asks for HTML rather than JSON:
// a browser's does, an API client's names JSON or nothing in particular.
func wantsHTML(accept string) bool {
	return strings.Contains(accept, "text/html") && !strings.Contains(accept, "json")
}

// signedInIfAny is session for a page anyone may see: a working session
// cookie shows the navigation of the signed-in, and none is no error.
func (p *Pages) signedInIfAny(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		pr := assistant.AuthOff()
		if !p.cfg.AuthOff {
			ck, err := c.Cookie(sessionCookie)
			if err != nil || ck.Value == "" {
				return next(c)
			}
			if pr, err = p.auth.Authenticate(c.Request().Context(), ck.Value); err != nil {
				return next(c)
			}
		}
		c.Set(principalKey, pr)
		c.SetRequest(c.Request().WithContext(api.WithPrincipal(c.Request().Context(), pr)))
		return next(c)
	}
}
