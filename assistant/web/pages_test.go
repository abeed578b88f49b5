package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// client is a plain HTTP client that follows no redirect, so a test sees
// each answer as it is.
var client = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

var csrfField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// signInForm fetches the sign-in page and returns its CSRF cookie and field.
func signInForm(t *testing.T, s *site, lang string) (*http.Cookie, string, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.url+"/signin", nil)
	if lang != "" {
		req.Header.Set("Accept-Language", lang)
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body := readAll(t, res.Body)
	var ck *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "rooscoach_csrf" {
			ck = c
		}
	}
	m := csrfField.FindStringSubmatch(body)
	if ck == nil || m == nil {
		t.Fatalf("the sign-in page has no CSRF cookie or field: %d %q", res.StatusCode, body)
	}
	return ck, m[1], body
}

func postForm(t *testing.T, s *site, path string, form url.Values, cookies ...*http.Cookie) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.url+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for _, c := range cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

func TestSignInSetsAStrictCookieAndNeedsCSRF(t *testing.T) {
	s := newSite(t)
	csrf, field, _ := signInForm(t, s, "")

	if res := postForm(t, s, "/signin", url.Values{"token": {s.trainer}}); res.StatusCode != http.StatusBadRequest && res.StatusCode != http.StatusForbidden {
		t.Errorf("sign-in without a CSRF token: status %d, want 400 or 403", res.StatusCode)
	}
	if res := postForm(t, s, "/signin", url.Values{"token": {s.trainer}, "_csrf": {"forged"}}, csrf); res.StatusCode != http.StatusForbidden {
		t.Errorf("sign-in with a wrong CSRF token: status %d, want 403", res.StatusCode)
	}
	if res := postForm(t, s, "/signin", url.Values{"token": {"1-nonsense"}, "_csrf": {field}}, csrf); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("sign-in with a wrong token: status %d, want 401", res.StatusCode)
	}

	res := postForm(t, s, "/signin", url.Values{"token": {s.trainer}, "_csrf": {field}}, csrf)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/calls" {
		t.Fatalf("sign-in: status %d to %q, want 303 to /calls", res.StatusCode, res.Header.Get("Location"))
	}
	var session *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "rooscoach_session" {
			session = c
		}
	}
	if session == nil || !session.HttpOnly || !session.Secure || session.SameSite != http.SameSiteStrictMode {
		t.Fatalf("session cookie %+v: want HttpOnly, Secure, SameSite=Strict", session)
	}

	// The cookie opens the pages; without it they send the browser to sign in.
	req, _ := http.NewRequest(http.MethodGet, s.url+"/calls", nil)
	req.AddCookie(&http.Cookie{Name: session.Name, Value: session.Value})
	got, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	got.Body.Close()
	if got.StatusCode != http.StatusOK {
		t.Errorf("GET /calls signed in: %d", got.StatusCode)
	}
	anon, err := client.Get(s.url + "/calls")
	if err != nil {
		t.Fatal(err)
	}
	anon.Body.Close()
	if anon.StatusCode != http.StatusSeeOther || !strings.HasPrefix(anon.Header.Get("Location"), "/signin") {
		t.Errorf("GET /calls anonymous: %d to %q, want 303 to /signin", anon.StatusCode, anon.Header.Get("Location"))
	}
	// The API is untouched: it still wants a bearer token and answers JSON.
	apiRes, err := client.Get(s.url + "/v1/calls")
	if err != nil {
		t.Fatal(err)
	}
	apiRes.Body.Close()
	if apiRes.StatusCode != http.StatusUnauthorized || apiRes.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("GET /v1/calls without a token: %d %s", apiRes.StatusCode, apiRes.Header.Get("Content-Type"))
	}
}

func TestInterfaceLanguageFollowsAcceptLanguage(t *testing.T) {
	s := newSite(t)
	for _, c := range []struct{ header, want, lang string }{
		{"nl-NL,nl;q=0.9,en;q=0.8", "Inloggen", `lang="nl"`},
		{"en-GB,en;q=0.9", "Sign in", `lang="en"`},
		{"de-DE,nl;q=0.5", "Inloggen", `lang="nl"`},
		{"", "Sign in", `lang="en"`},
	} {
		_, _, body := signInForm(t, s, c.header)
		if !strings.Contains(body, c.want) || !strings.Contains(body, c.lang) {
			t.Errorf("Accept-Language %q: the page is not in %s", c.header, c.lang)
		}
	}
	// A choice made on the page wins over the header.
	csrf, field, _ := signInForm(t, s, "en")
	res := postForm(t, s, "/language", url.Values{"lang": {"nl"}, "_csrf": {field}, "next": {"/signin"}}, csrf)
	var lang *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "rooscoach_lang" {
			lang = c
		}
	}
	if lang == nil {
		t.Fatalf("choosing a language: %d, no cookie", res.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodGet, s.url+"/signin", nil)
	req.Header.Set("Accept-Language", "en")
	req.AddCookie(&http.Cookie{Name: lang.Name, Value: lang.Value})
	got, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Body.Close()
	if body := readAll(t, got.Body); !strings.Contains(body, "Inloggen") {
		t.Errorf("after choosing Dutch the sign-in page is not Dutch")
	}
}

// signedIn signs in with token over plain HTTP and returns the cookies and
// CSRF field a form needs.
func signedIn(t *testing.T, s *site, token string) (session, csrf *http.Cookie, field string) {
	t.Helper()
	csrf, field, _ = signInForm(t, s, "en")
	res := postForm(t, s, "/signin", url.Values{"token": {token}, "_csrf": {field}}, csrf)
	for _, c := range res.Cookies() {
		if c.Name == "rooscoach_session" {
			session = c
		}
	}
	if session == nil {
		t.Fatalf("sign-in: %d, no session", res.StatusCode)
	}
	return session, csrf, field
}

// An agent disputes a label of a published review from their page; the
// review then waits for the trainer, and a forged form changes nothing.
func TestAgentDisputesAReview(t *testing.T) {
	s := newSite(t)
	ctx := t.Context()
	data := mustRead(t, "en-arrears.txt")
	trainer, err := s.db.Authenticate(ctx, s.trainer)
	if err != nil {
		t.Fatal(err)
	}
	call, _, err := s.svc.Ingest(ctx, trainer, coachInput(data, "anna", s.team))
	if err != nil {
		t.Fatal(err)
	}
	turn := call.Turns[0]
	review, err := s.svc.CreateReview(ctx, trainer, call.ID, reviewInput(turn.ID))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.svc.PublishReview(ctx, trainer, review.ID); err != nil {
		t.Fatal(err)
	}

	session, csrf, field := signedIn(t, s, s.agent)
	path := "/reviews/" + itoa(review.ID) + "/dispute"
	form := url.Values{"turn": {itoa(turn.ID)}, "about": {"label"}, "comment": {"I was leading, not competing."}}
	if res := postForm(t, s, path, form, session, csrf); res.StatusCode != http.StatusBadRequest && res.StatusCode != http.StatusForbidden {
		t.Errorf("a dispute without the CSRF field: %d, want it refused", res.StatusCode)
	}
	form.Set("_csrf", field)
	res := postForm(t, s, path, form, session, csrf)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/agent?done=disputed" {
		t.Fatalf("dispute: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	got, err := s.svc.Review(ctx, trainer, review.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != "disputed" || got.OpenDisputes() != 1 || got.Disputes[0].Comment != "I was leading, not competing." {
		t.Errorf("after the dispute the review is %s with %d open disputes", got.Status, got.OpenDisputes())
	}
}

// The tip box calls POST /v1/tips with the page's session: the cookie
// signs it in only when the request passes the pages' CSRF check (a
// browser's Sec-Fetch-Site of same-origin, else the page's token beside its
// cookie), and opens no other API route.
func TestTipBoxCallsTheAPIWithItsSession(t *testing.T) {
	s := newSite(t)
	session, csrf, field := signedIn(t, s, s.agent)
	tip := func(path, header, fetchSite string, cookies ...*http.Cookie) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, s.url+path, strings.NewReader(`{"text":"U moet vandaag betalen, anders dragen wij het dossier over aan de deurwaarder."}`))
		req.Header.Set("Content-Type", "application/json")
		if header != "" {
			req.Header.Set("X-CSRF-Token", header)
		}
		if fetchSite != "" {
			req.Header.Set("Sec-Fetch-Site", fetchSite)
		}
		for _, c := range cookies {
			req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		return res, readAll(t, res.Body)
	}

	res, body := tip("/v1/tips", field, "", session, csrf)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("POST /v1/tips from the signed-in page: %d %s", res.StatusCode, body)
	}
	if res, body := tip("/v1/tips", "", "same-origin", session); res.StatusCode != http.StatusOK {
		t.Errorf("POST /v1/tips from a browser's page of this site: %d %s", res.StatusCode, body)
	}
	var got struct {
		Stance struct{ Octant string } `json:"stance"`
		Tip    struct{ Text string }   `json:"tip"`
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil || got.Stance.Octant == "" || got.Tip.Text == "" {
		t.Errorf("the tip box's answer has no stance or tip: %v %s", err, body)
	}

	forged := &http.Cookie{Name: "rooscoach_session", Value: "1-nonsense"}
	for _, c := range []struct {
		name    string
		path    string
		header  string
		site    string
		cookies []*http.Cookie
		want    int
	}{
		{"no CSRF header", "/v1/tips", "", "", []*http.Cookie{session, csrf}, http.StatusForbidden},
		{"a CSRF header that does not match", "/v1/tips", "forged", "", []*http.Cookie{session, csrf}, http.StatusForbidden},
		{"no CSRF cookie", "/v1/tips", field, "", []*http.Cookie{session}, http.StatusForbidden},
		{"another site's page", "/v1/tips", field, "cross-site", []*http.Cookie{session, csrf}, http.StatusForbidden},
		{"no session", "/v1/tips", field, "", []*http.Cookie{csrf}, http.StatusUnauthorized},
		{"a session token that does not work", "/v1/tips", field, "", []*http.Cookie{forged, csrf}, http.StatusUnauthorized},
		{"another API route", "/v1/analyze", field, "same-origin", []*http.Cookie{session, csrf}, http.StatusUnauthorized},
	} {
		res, body := tip(c.path, c.header, c.site, c.cookies...)
		if res.StatusCode != c.want || res.Header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("%s: %d %s %s, want %d problem+json", c.name, res.StatusCode, res.Header.Get("Content-Type"), body, c.want)
		}
	}
}
