package web_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// get fetches path signed in with session, in lang, and returns the
// answer's status and body.
func get(t *testing.T, s *site, path, lang string, session *http.Cookie) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.url+path, nil)
	req.Header.Set("Accept-Language", lang)
	req.AddCookie(&http.Cookie{Name: session.Name, Value: session.Value})
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	return res.StatusCode, readAll(t, res.Body)
}

// postUpload posts the upload form with one transcript file.
func postUpload(t *testing.T, s *site, field string, cookies ...*http.Cookie) (int, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range map[string]string{"_csrf": field, "agent_id": "anna", "team_id": s.team} {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	f, err := w.CreateFormFile("files", "en-formal.txt")
	if err != nil {
		t.Fatal(err)
	}
	f.Write(mustRead(t, "en-formal.txt"))
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, s.url+"/upload", &b)
	req.Header.Set("Content-Type", w.FormDataContentType())
	for _, c := range cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	return res.StatusCode, readAll(t, res.Body)
}

// The upload page posts calls, so it takes the roles POST /v1/imports
// takes: a lead gets a 403 page in their language, stores nothing and
// finds no link to it; the others upload.
func TestUploadIsForThoseWhoPostCalls(t *testing.T) {
	s := newSite(t)
	session, csrf, field := signedIn(t, s, s.lead)
	for lang, want := range map[string]string{"en": "This page is not for your role (team lead).", "nl": "Deze pagina is niet voor jouw rol (teamleider)."} {
		status, body := get(t, s, "/upload", lang, session)
		if status != http.StatusForbidden || !strings.Contains(body, want) || !strings.Contains(body, `lang="`+lang+`"`) {
			t.Errorf("GET /upload as a lead in %s: %d, want 403 saying %q; %.300s", lang, status, want, body)
		}
	}
	if status, body := postUpload(t, s, field, session, csrf); status != http.StatusForbidden || !strings.Contains(body, "<html") {
		t.Errorf("POST /upload as a lead: %d, want a 403 page; %.300s", status, body)
	}
	page, err := s.svc.Calls(t.Context(), principalAdmin(), callFilterAnna())
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Calls) != 0 {
		t.Errorf("a lead's refused upload stored %d call(s)", len(page.Calls))
	}
	if _, body := get(t, s, "/calls", "en", session); strings.Contains(body, `href="/upload"`) {
		t.Errorf("the lead's pages link to the upload")
	}

	for _, token := range []string{s.trainer, s.agent, s.admin} {
		session, csrf, field := signedIn(t, s, token)
		if status, _ := get(t, s, "/upload", "en", session); status != http.StatusOK {
			t.Errorf("GET /upload: %d, want 200", status)
		}
		if status, body := postUpload(t, s, field, session, csrf); status != http.StatusSeeOther {
			t.Errorf("POST /upload: %d, want 303; %.300s", status, body)
		}
	}
}

// The lead page reads a team's progress, as GET /v1/teams/{id}/progress
// does: an agent gets a 403 page, not a form asking for a team.
func TestLeadPageRefusesAnAgent(t *testing.T) {
	s := newSite(t)
	session, _, _ := signedIn(t, s, s.agent)
	for lang, want := range map[string]string{"en": "This page is not for your role (agent).", "nl": "Deze pagina is niet voor jouw rol (medewerker)."} {
		if status, body := get(t, s, "/lead", lang, session); status != http.StatusForbidden || !strings.Contains(body, want) {
			t.Errorf("GET /lead as an agent in %s: %d, want 403 saying %q; %.300s", lang, status, want, body)
		}
	}
	if _, body := get(t, s, "/agent", "en", session); strings.Contains(body, `href="/lead"`) {
		t.Errorf("the agent's page links to the lead page")
	}
	session, _, _ = signedIn(t, s, s.lead)
	if status, _ := get(t, s, "/lead", "en", session); status != http.StatusOK {
		t.Errorf("GET /lead as a lead: %d, want 200", status)
	}
}

// syncBuffer is a buffer the server's goroutines write logs to while the
// test reads them.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A page's request line names the role and token id, as the API's lines
// do, and never the token.
func TestPageRequestsLogRoleAndTokenID(t *testing.T) {
	var logs syncBuffer
	s := newSiteLogging(t, &logs)
	trainer, err := s.db.Authenticate(t.Context(), s.trainer)
	if err != nil {
		t.Fatal(err)
	}
	session, _, _ := signedIn(t, s, s.trainer)
	for _, path := range []string{"/calls", "/upload", "/lead"} {
		if status, _ := get(t, s, path, "en", session); status != http.StatusOK {
			t.Fatalf("GET %s: %d", path, status)
		}
	}
	seen := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(logs.String()))
	for sc.Scan() {
		if strings.Contains(sc.Text(), s.trainer) {
			t.Errorf("a log line holds the token: %s", sc.Text())
		}
		var line struct {
			Msg     string `json:"msg"`
			Route   string `json:"route"`
			Role    string `json:"role"`
			TokenID int64  `json:"token_id"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil || line.Msg != "request" {
			continue
		}
		if line.Role == "trainer" && line.TokenID == trainer.TokenID {
			seen[line.Route] = true
		}
	}
	for _, route := range []string{"/calls", "/upload", "/lead"} {
		if !seen[route] {
			t.Errorf("no request line for %s with role trainer and token_id %d:\n%s", route, trainer.TokenID, logs.String())
		}
	}
}
