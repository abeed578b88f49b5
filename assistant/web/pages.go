// Package web serves rooscoach's own pages: sign-in, the trainer's call
// review, the agent's page with the tip box, the team lead's progress and
// the upload of recorded calls. The pages are rendered on the server with
// html/template from files embedded in the binary (the rose and the charts
// are SVG drawn here), so nothing is fetched from elsewhere at run time.
// They call the same use cases as the JSON API, with the same tokens and
// roles; a signed-in token travels in an HttpOnly, Secure, SameSite=Strict
// cookie and every form carries a CSRF token.
package web

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/prompts"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Authenticator resolves a token into the principal it stands for;
// *store.DB implements it.
type Authenticator interface {
	Authenticate(ctx context.Context, token string) (assistant.Principal, error)
}

// Config holds the pages' settings.
type Config struct {
	// ImportLimit is the largest upload in bytes; 0 means 64 MiB.
	ImportLimit int64
	// FileLimit is the largest file of an upload; 0 means 2 MiB.
	FileLimit int64
	// AuthOff serves every page as the AuthOff admin, as the API does with
	// authentication off.
	AuthOff bool
	Logger  *slog.Logger
}

// Pages serves the web pages.
type Pages struct {
	cfg   Config
	coach *coach.Service
	auth  Authenticator
	pages map[string]*template.Template
	// csrf guards every form, and the API routes the pages' scripts call
	// (see SessionToken).
	csrf echo.MiddlewareFunc
}

// New parses the embedded templates; svc runs the use cases and auth
// resolves the signed-in token.
func New(cfg Config, svc *coach.Service, auth Authenticator) (*Pages, error) {
	if cfg.ImportLimit <= 0 {
		cfg.ImportLimit = 64 << 20
	}
	if cfg.FileLimit <= 0 {
		cfg.FileLimit = 2 << 20
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	p := &Pages{cfg: cfg, coach: svc, auth: auth, pages: map[string]*template.Template{}}
	// Modern browsers are checked by their Sec-Fetch-Site header, others
	// by the token of the form or the X-CSRF-Token header against the
	// token's own strict cookie (double submit).
	p.csrf = middleware.CSRFWithConfig(middleware.CSRFConfig{
		TokenLookup:    "form:" + csrfField + ",header:" + csrfHeader,
		CookieName:     csrfCookie,
		CookiePath:     "/",
		CookieSecure:   true,
		CookieHTTPOnly: true,
		CookieSameSite: http.SameSiteStrictMode,
		ContextKey:     "csrf",
		// A form whose token no longer matches has most often outlived
		// its cookie; the person is told so in their language, not shown
		// the middleware's own message.
		ErrorHandler: func(error, echo.Context) error { return errFormExpired },
	})
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("list templates: %w", err)
	}
	for _, n := range names {
		if n == "templates/layout.html" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", n)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", n, err)
		}
		p.pages[strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")] = t
	}
	return p, nil
}

// Cookie names.
const (
	sessionCookie = "rooscoach_session"
	langCookie    = "rooscoach_lang"
	csrfCookie    = "rooscoach_csrf"
	csrfField     = "_csrf"
	csrfHeader    = "X-CSRF-Token"
)

// Mount registers the pages on e, each behind its own middleware (never
// e.Use or a group's Use, which would reach the API's routes too).
func (p *Pages) Mount(e *echo.Echo) {
	open := []echo.MiddlewareFunc{p.htmlErrors, p.language, p.csrf}
	signed := append(open[:len(open):len(open)], p.session)
	upload := []echo.MiddlewareFunc{p.htmlErrors, middleware.BodyLimit(fmt.Sprintf("%dB", p.cfg.ImportLimit)), p.language, p.csrf, p.session}
	signed = signed[:len(signed):len(signed)]

	static, _ := fs.Sub(staticFiles, "static")
	e.GET("/static/*", echo.WrapHandler(http.StripPrefix("/static/", staticHandler(static))))

	e.GET("/", p.handleHome, signed...)
	e.GET("/signin", p.handleSignInForm, open...)
	e.POST("/signin", p.handleSignIn, open...)
	e.POST("/signout", p.handleSignOut, open...)
	e.POST("/language", p.handleLanguage, open...)

	e.GET("/calls", p.handleCallList, signed...)
	e.GET("/calls/:id", p.handleCallReview, signed...)
	e.POST("/calls/:id/review", p.handleReviewSave, signed...)

	e.GET("/agent", p.handleAgent, signed...)
	e.POST("/reviews/:id/acknowledge", p.handleAcknowledge, signed...)
	e.POST("/reviews/:id/dispute", p.handleDispute, signed...)
	e.POST("/reviews/:id/disputes/:d/resolve", p.handleResolve, append(signed, p.only([]assistant.Role{assistant.RoleTrainer}))...)

	e.GET("/lead", p.handleLead, append(signed, p.only(assistant.CoachingReaders))...)

	// Uploading posts calls: the roles the API lets post them, checked
	// before the body is read.
	posters := p.only(assistant.CallPosters)
	e.GET("/upload", p.handleUploadForm, append(signed, posters)...)
	e.POST("/upload", p.handleUpload, append(upload, posters)...)
	e.GET("/imports/:id", p.handleImport, signed...)
}

// staticHandler serves the embedded CSS and script with a short cache.
func staticHandler(files fs.FS) http.Handler {
	h := http.FileServerFS(files)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=300")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		h.ServeHTTP(w, r)
	})
}

// principalKey and langKey key the signed-in principal and the chosen
// language in echo's context.
const (
	principalKey = "web.principal"
	langKey      = "web.lang"
)

func principalOf(c echo.Context) assistant.Principal {
	p, _ := c.Get(principalKey).(assistant.Principal)
	return p
}

func langOf(c echo.Context) assistant.Language {
	l, _ := c.Get(langKey).(assistant.Language)
	if l == "" {
		return assistant.English
	}
	return l
}

// session resolves the token of the session cookie; without a working one
// a page sends the browser to the sign-in page.
func (p *Pages) session(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if p.cfg.AuthOff {
			c.Set(principalKey, assistant.AuthOff())
			c.SetRequest(c.Request().WithContext(api.WithPrincipal(c.Request().Context(), assistant.AuthOff())))
			return next(c)
		}
		ck, err := c.Cookie(sessionCookie)
		if err != nil || ck.Value == "" {
			return p.toSignIn(c)
		}
		pr, err := p.auth.Authenticate(c.Request().Context(), ck.Value)
		if err != nil {
			if assistant.ErrorCode(err) == assistant.EUnauthorized {
				clearCookie(c, sessionCookie)
				return p.toSignIn(c)
			}
			return err
		}
		c.Set(principalKey, pr)
		// The request log reads the principal from the request, as it
		// does for the API's routes.
		c.SetRequest(c.Request().WithContext(api.WithPrincipal(c.Request().Context(), pr)))
		return next(c)
	}
}

// only refuses, with 403, a principal whose role is not among roles: the
// same sets the API's routes take, so a page allows no more than the API.
func (p *Pages) only(roles []assistant.Role) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if me := principalOf(c); !me.Can(roles...) {
				return &textError{Code: assistant.EForbidden, Key: "page_forbidden", Role: me.Role}
			}
			return next(c)
		}
	}
}

func (p *Pages) toSignIn(c echo.Context) error {
	if c.Request().Method != http.MethodGet {
		return &textError{Code: assistant.EUnauthorized, Key: "signin_needed"}
	}
	return c.Redirect(http.StatusSeeOther, "/signin?next="+c.Request().URL.EscapedPath())
}

// language picks the interface language: the visitor's choice (a cookie),
// else the first Dutch or English tag of Accept-Language, else English.
func (p *Pages) language(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		lang := assistant.English
		if ck, err := c.Cookie(langCookie); err == nil && assistant.Language(ck.Value).Valid() {
			lang = assistant.Language(ck.Value)
		} else {
			lang = api.AcceptLanguage(c.Request().Header.Get("Accept-Language"))
		}
		c.Set(langKey, lang)
		return next(c)
	}
}

// htmlErrors answers an error of a page as a page, with the status the
// API gives the same error.
func (p *Pages) htmlErrors(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		err := next(c)
		if err == nil || c.Response().Committed {
			return err
		}
		code, status, detail := api.Classify(err)
		// A page's own error words the reader's mistake, whatever
		// Classify makes of it: nothing failed.
		var pe *pageError
		if status >= 500 && !errors.As(err, &pe) {
			p.cfg.Logger.Error("page failed", "route", c.Path(), "status", status, "err", err)
		}
		if code == "canceled" {
			return nil
		}
		if _, ok := c.Get(langKey).(assistant.Language); !ok {
			c.Set(langKey, api.AcceptLanguage(c.Request().Header.Get("Accept-Language")))
		}
		if errors.As(err, &pe) {
			back := pe.Back
			if back == "" {
				back = backOf(c)
			}
			return p.render(c, pe.Status, "error", map[string]any{"Status": pe.Status, "Message": pe.message(langOf(c)), "Back": back})
		}
		// An upload none of whose files can be imported lists them with
		// their reasons in the page's language.
		var refused *assistant.ImportRefused
		if errors.As(err, &refused) {
			files := make([]assistant.ImportFile, len(refused.Files))
			for i, f := range refused.Files {
				files[i] = assistant.ImportFile{Index: i, Name: f.Name, State: assistant.ImportFailed, Cause: f.Reason}
			}
			return p.render(c, status, "error", map[string]any{"Status": status, "Message": text(langOf(c))["import_refused"], "Files": files, "Back": backOf(c)})
		}
		// An error that words itself in both languages, or that the
		// prompts word, is said in the page's; nothing English, nor a
		// label saying so, on a Dutch page.
		msg, ok := prompts.ErrorText(langOf(c), err)
		var w worded
		if !ok && errors.As(err, &w) {
			msg, ok = w.Text(langOf(c)), true
		}
		if ok {
			back := "/"
			if c.Request().Method != http.MethodGet {
				back = backOf(c)
			}
			return p.render(c, status, "error", map[string]any{"Status": status, "Message": msg, "Back": back})
		}
		// The use cases word their other messages in English; a page in
		// another language says what kind of error it is in its own words
		// and keeps the English detail, marked as such, beneath.
		data := map[string]any{"Status": status, "Detail": detail, "Back": "/"}
		if langOf(c) != assistant.English {
			data["Message"] = label(text(langOf(c)), "error", code)
			data["Foreign"] = true
			// What is not there, or not the reader's, the page's own words
			// say whole; the English detail would only repeat it.
			if code == assistant.ENotFound {
				delete(data, "Detail")
			}
		}
		return p.render(c, status, "error", data)
	}
}

// worded is an error that says itself in the page's language, as
// [coach.FormError] and [assistant.OpenDisputeError] do.
type worded interface {
	error
	Text(lang assistant.Language) string
}

// textError is an error the pages word from their texts in the page's
// language: Key names the text, with the name of Role filled in when set;
// Code codes it, for its status.
type textError struct {
	Code string
	Key  string
	Role assistant.Role
}

// Error implements the error interface, in English for the logs.
func (e *textError) Error() string { return e.Text(assistant.English) }

// Text is the error in lang.
func (e *textError) Text(lang assistant.Language) string {
	t := text(lang)
	if e.Role != "" {
		return fmt.Sprintf(t[e.Key], label(t, "role", e.Role))
	}
	return t[e.Key]
}

// Unwrap codes the error, for its status.
func (e *textError) Unwrap() error {
	return &assistant.Error{Code: e.Code, Message: e.Error()}
}

// pageError is an error the pages word themselves: Key names its text,
// with Args filled in when it takes some (Args of a lang give the words
// of that language), Status is the answer's status and Back, when set,
// the page to go back to. Err, when set, is the use case's error, whose
// words are the prompts' (one wording for the pages and the API): it is
// the message when Key is "", else it follows Args in Key's text.
type pageError struct {
	Status int
	Key    string
	Args   func(lang assistant.Language) []any
	Back   string
	Err    error
}

// Error implements the error interface, in English for the logs.
func (e *pageError) Error() string { return e.message(assistant.English) }

// Unwrap returns the use case's error.
func (e *pageError) Unwrap() error { return e.Err }

func (e *pageError) message(lang assistant.Language) string {
	var args []any
	if e.Args != nil {
		args = e.Args(lang)
	}
	if e.Err != nil {
		said, ok := prompts.ErrorText(lang, e.Err)
		if !ok {
			said = assistant.ErrorMessage(e.Err)
		}
		if e.Key == "" {
			return said
		}
		args = append(args, said)
	}
	if args == nil {
		return text(lang)[e.Key]
	}
	return fmt.Sprintf(text(lang)[e.Key], args...)
}

// errFormExpired answers a form sent with a CSRF token that does not match.
var errFormExpired = &pageError{Status: http.StatusForbidden, Key: "form_expired"}

// backOf is the page the request came from, when it is one of this site's,
// else the start page.
func backOf(c echo.Context) string {
	u, err := url.Parse(c.Request().Referer())
	if err != nil || u.Host != c.Request().Host || !strings.HasPrefix(u.Path, "/") {
		return "/"
	}
	return u.RequestURI()
}

// view is what every page's template gets beside its own data.
type view struct {
	T    map[string]string
	Lang assistant.Language
	CSRF string
	Me   assistant.Principal
	Path string
	// Return is the page's path and query, where the language form comes
	// back to: the path alone would lose what the query asked for (a
	// team, a period).
	Return string
	Notice string
	// CanUpload and CanLead say whether the navigation links to the
	// upload and the lead page, by the role sets those pages check.
	CanUpload, CanLead bool
	Data               any
}

// render writes page name with data.
func (p *Pages) render(c echo.Context, status int, name string, data any) error {
	t, ok := p.pages[name]
	if !ok {
		return fmt.Errorf("no page %q", name)
	}
	csrf, _ := c.Get("csrf").(string)
	me := principalOf(c)
	v := view{T: text(langOf(c)), Lang: langOf(c), CSRF: csrf, Me: me, Path: c.Request().URL.Path, Return: c.Request().URL.RequestURI(),
		Notice: noticeOf(c), Data: data,
		CanUpload: me.Role != "" && me.Can(assistant.CallPosters...), CanLead: me.Role != "" && me.Can(assistant.CoachingReaders...)}
	var b strings.Builder
	if err := t.Execute(&b, v); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	h := c.Response().Header()
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cache-Control", "no-store")
	return c.HTML(status, b.String())
}

// noticeOf is the message a redirect after a form asks to show, by key.
func noticeOf(c echo.Context) string {
	k := c.QueryParam("done")
	if k == "" {
		return ""
	}
	return text(langOf(c))["done_"+k]
}

func clearCookie(c echo.Context, name string) {
	c.SetCookie(&http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode})
}
