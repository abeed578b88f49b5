package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
)

// sessionLength is how long a sign-in lasts; the token itself may be
// revoked sooner, which ends the session at the next page.
const sessionLength = 12 * time.Hour

func (p *Pages) handleSignInForm(c echo.Context) error {
	return p.render(c, http.StatusOK, "signin", map[string]any{"Next": safeNext(c.QueryParam("next"))})
}

// handleSignIn checks the token as the API would and keeps it in the
// session cookie: HttpOnly (no script reads it), Secure and SameSite=Strict
// (no other site sends it along).
func (p *Pages) handleSignIn(c echo.Context) error {
	token := strings.TrimSpace(c.FormValue("token"))
	next := safeNext(c.FormValue("next"))
	pr, err := p.auth.Authenticate(c.Request().Context(), token)
	if token == "" || err != nil {
		if err != nil && assistant.ErrorCode(err) != assistant.EUnauthorized {
			return err
		}
		return p.render(c, http.StatusUnauthorized, "signin", map[string]any{"Next": next, "Failed": true})
	}
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: token, Path: "/", MaxAge: int(sessionLength / time.Second),
		Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	if next == "" {
		next = homeOf(pr)
	}
	return c.Redirect(http.StatusSeeOther, next)
}

// SessionToken returns the token of the session cookie of c's request,
// for the API routes a page's script calls (the tip box calls
// POST /v1/tips). The cookie alone is not enough: the request must pass the
// same CSRF check as the pages' own forms, so that another site's page can
// never borrow the session.
func (p *Pages) SessionToken(c echo.Context) (string, bool, error) {
	ck, err := c.Cookie(sessionCookie)
	if err != nil || ck.Value == "" {
		return "", false, nil
	}
	passed := false
	if err := p.csrf(func(echo.Context) error { passed = true; return nil })(c); err != nil || !passed {
		return "", true, assistant.Errorf(assistant.EForbidden, "A signed-in page calls the API from its own site with its CSRF token in the %s header; this request is from another site or has no token that matches.", csrfHeader)
	}
	return ck.Value, true, nil
}

func (p *Pages) handleSignOut(c echo.Context) error {
	clearCookie(c, sessionCookie)
	return c.Redirect(http.StatusSeeOther, "/signin")
}

// handleLanguage keeps the visitor's choice of language for a year.
func (p *Pages) handleLanguage(c echo.Context) error {
	lang := assistant.Language(c.FormValue("lang"))
	if !lang.Valid() {
		return assistant.Errorf(assistant.EInvalid, "language %q is not nl or en.", lang)
	}
	c.SetCookie(&http.Cookie{Name: langCookie, Value: string(lang), Path: "/", MaxAge: 365 * 24 * 3600,
		Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	back := safeNext(c.FormValue("next"))
	if back == "" {
		back = "/"
	}
	return c.Redirect(http.StatusSeeOther, back)
}

// handleHome sends each role to its own page.
func (p *Pages) handleHome(c echo.Context) error {
	return c.Redirect(http.StatusSeeOther, homeOf(principalOf(c)))
}

func homeOf(p assistant.Principal) string {
	switch p.Role {
	case assistant.RoleAgent:
		return "/agent"
	case assistant.RoleLead:
		return "/lead"
	}
	return "/calls"
}

// safeNext keeps a return path only when it stays on this site.
func safeNext(s string) string {
	if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || strings.Contains(s, `\`) || s == "/signin" {
		return ""
	}
	return s
}
