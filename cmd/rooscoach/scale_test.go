package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/store"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// jsonURLRe finds the URL in serve's JSON log line.
var jsonURLRe = regexp.MustCompile(`"msg":"serving","url":"(http://[^"]+)"`)

func (in *instance) url(t *testing.T) string {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := jsonURLRe.FindStringSubmatch(in.logs.String()); m != nil {
			return m[1]
		}
	}
	t.Fatalf("the instance did not log its URL:\n%s", in.logs.String())
	return ""
}

// client talks to one instance with one token.
type client struct {
	t     *testing.T
	base  string
	token string
}

func (c client) do(method, path, ctype string, body []byte, out any) int {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+path, bytes.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	if out != nil && res.StatusCode < 300 && len(data) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			c.t.Fatalf("%s %s: %v: %s", method, path, err, data)
		}
	}
	return res.StatusCode
}

// TestTwoInstances runs two real rooscoach processes on one Postgres schema,
// as behind a load balancer, and sends every kind of request through both:
// a call posted on one is read, reviewed and erased through the other, an
// import made on one is followed on the other and worked by the shared job
// queue. A live session stays on its instance (sessions are sticky). The
// instances log JSON, and the request lines carry the request id, route,
// token id and duration, and no transcript text or token.
func TestTwoInstances(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.NewDSN(t)
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tok := func(tk assistant.Token) string {
		storetest.Teams(t, db, tk.TeamIDs...)
		s, err := db.CreateToken(ctx, assistant.CommandLine(), &tk)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	admin := tok(assistant.Token{Name: "admin", Role: assistant.RoleAdmin})
	logEnv := []string{"ROOSCOACH_LOG_FORMAT=json", "ROOSCOACH_LOG_LEVEL=info", "ROOSCOACH_DB_MAX_CONNS=8", "ROOSCOACH_DB_STATEMENT_TIMEOUT=20s"}
	a, b := startInstance(t, dsn, logEnv...), startInstance(t, dsn, logEnv...)
	aURL, bURL := a.url(t), b.url(t)
	adminA, adminB := client{t, aURL, admin}, client{t, bURL, admin}

	if s := adminA.do("POST", "/v1/teams", "application/json", []byte(`{"id":"team-noord"}`), nil); s != 201 {
		t.Fatalf("team: %d", s)
	}
	if s := adminB.do("POST", "/v1/agents", "application/json", []byte(`{"id":"agent-anna","team_id":"team-noord"}`), nil); s != 201 {
		t.Fatalf("agent made on B after the team on A: %d", s)
	}
	trainer := tok(assistant.Token{Name: "Ilse", Role: assistant.RoleTrainer, TeamIDs: []string{"team-noord"}})
	agent := tok(assistant.Token{Name: "Anna", Role: assistant.RoleAgent, AgentID: "agent-anna"})
	agentA, agentB := client{t, aURL, agent}, client{t, bURL, agent}
	trainerA, trainerB := client{t, aURL, trainer}, client{t, bURL, trainer}

	transcript, err := os.ReadFile("../../testdata/calls/nl-betalingsregeling.txt")
	if err != nil {
		t.Fatal(err)
	}
	// Posted on A, read on B; the same external id again on B is the same
	// call.
	var posted, again, read assistant.Call
	if s := agentA.do("POST", "/v1/calls?external_id=two-1", "text/plain", transcript, &posted); s != 201 {
		t.Fatalf("POST on A: %d", s)
	}
	if s := agentB.do("POST", "/v1/calls?external_id=two-1", "text/plain", transcript, &again); s != 200 || again.ID != posted.ID {
		t.Errorf("the same call posted on B: %d, id %d, want 200 and %d", s, again.ID, posted.ID)
	}
	if s := agentB.do("GET", fmt.Sprintf("/v1/calls/%d", posted.ID), "", nil, &read); s != 200 || len(read.Turns) != len(posted.Turns) {
		t.Fatalf("GET on B: %d, %d turns", s, len(read.Turns))
	}

	// Reviewed across both.
	var r assistant.Review
	body := fmt.Sprintf(`{"rating": 4, "note": "Rustig gesprek.", "turns": [{"turn_id": %d, "comment": "Goed gevraagd."}]}`, posted.Turns[1].ID)
	if s := trainerA.do("POST", fmt.Sprintf("/v1/calls/%d/reviews", posted.ID), "application/json", []byte(body), &r); s != 201 {
		t.Fatalf("review on A: %d", s)
	}
	if s := trainerB.do("POST", fmt.Sprintf("/v1/reviews/%d/publish", r.ID), "", nil, &r); s != 200 || r.Status != assistant.ReviewPublished {
		t.Fatalf("publish on B: %d %s", s, r.Status)
	}
	if s := agentA.do("POST", fmt.Sprintf("/v1/reviews/%d/acknowledge", r.ID), "", nil, &r); s != 200 || r.Status != assistant.ReviewAcknowledged {
		t.Errorf("acknowledge on A: %d %s", s, r.Status)
	}

	// Imported on B, followed on A, worked by the shared queue.
	var mp bytes.Buffer
	mw := multipart.NewWriter(&mp)
	for i, name := range []string{"en-arrears.txt", "en-formal.txt", "nl-ambtelijk.txt", "nl-loon-vraag.txt"} {
		data, err := os.ReadFile("../../testdata/calls/" + name)
		if err != nil {
			t.Fatal(err)
		}
		w, _ := mw.CreateFormFile("file", fmt.Sprintf("%d-%s", i, name))
		_, _ = w.Write(data)
	}
	_ = mw.Close()
	var imp assistant.Import
	if s := trainerB.do("POST", "/v1/imports?agent_id=agent-anna&team_id=team-noord", mw.FormDataContentType(), mp.Bytes(), &imp); s != 202 {
		t.Fatalf("import on B: %d", s)
	}
	for deadline := time.Now().Add(60 * time.Second); !imp.Finished; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("import not finished: %+v", imp)
		}
		if s := trainerA.do("GET", fmt.Sprintf("/v1/imports/%d", imp.ID), "", nil, &imp); s != 200 {
			t.Fatalf("import on A: %d", s)
		}
	}
	if imp.Done != 4 || imp.Created != 4 {
		t.Errorf("import = %+v, want 4 done and new", imp)
	}
	var page assistant.CallPage
	if s := trainerA.do("GET", "/v1/calls?agent_id=agent-anna&limit=100", "", nil, &page); s != 200 || len(page.Calls) != 5 {
		t.Errorf("calls listed on A: %d, %d calls, want 5", s, len(page.Calls))
	}
	var progress map[string]any
	if s := trainerB.do("GET", "/v1/agents/agent-anna/progress", "", nil, &progress); s != 200 {
		t.Errorf("progress on B: %d", s)
	}

	// A live session lives on the instance that opened it.
	var sess struct{ ID string }
	if s := agentA.do("POST", "/v1/sessions", "application/json", []byte(`{"language": "nl"}`), &sess); s != 201 || sess.ID == "" {
		t.Fatalf("session on A: %d", s)
	}
	if s := agentA.do("GET", "/v1/sessions/"+sess.ID, "", nil, nil); s != 200 {
		t.Errorf("session on A from A: %d", s)
	}
	if s := agentB.do("GET", "/v1/sessions/"+sess.ID, "", nil, nil); s != 404 {
		t.Errorf("session on A from B: %d, want 404 (sessions are sticky)", s)
	}

	// Erased on B, gone on A.
	if s := adminB.do("DELETE", fmt.Sprintf("/v1/calls/%d", posted.ID), "", nil, nil); s != 204 {
		t.Fatalf("erase on B: %d", s)
	}
	if s := agentA.do("GET", fmt.Sprintf("/v1/calls/%d", posted.ID), "", nil, nil); s != 404 {
		t.Errorf("erased call on A: %d, want 404", s)
	}

	checkRequestLogs(t, a.logs.String()+b.logs.String(), []string{admin, trainer, agent}, posted.Turns)
}

// checkRequestLogs checks the instances' JSON request lines: each carries
// the request id, the route template, the token id and the duration; no
// line holds a token or a turn's text.
func checkRequestLogs(t *testing.T, logs string, tokens []string, turns []assistant.TurnAnalysis) {
	t.Helper()
	seen := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(logs))
	for sc.Scan() {
		line := sc.Text()
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Errorf("a log line that is not JSON: %q", line)
			continue
		}
		for _, tk := range tokens {
			if strings.Contains(line, tk) || strings.Contains(line, tk[strings.Index(tk, "-")+1:]) {
				t.Errorf("a log line holds a token: %s", line)
			}
		}
		for _, turn := range turns {
			if len([]rune(turn.Text)) > 12 && strings.Contains(line, turn.Text) {
				t.Errorf("a log line holds transcript text: %s", line)
			}
		}
		if rec["msg"] != "request" {
			continue
		}
		route, _ := rec["route"].(string)
		seen[route] = true
		if id, _ := rec["request_id"].(string); id == "" {
			t.Errorf("request line without request_id: %s", line)
		}
		if _, ok := rec["duration"].(float64); !ok {
			t.Errorf("request line without a duration: %s", line)
		}
		if _, ok := rec["token_id"].(float64); !ok {
			t.Errorf("request line without token_id: %s", line)
		}
		if strings.Contains(line, `"route":"/v1/calls/1"`) || !strings.HasPrefix(route, "/") {
			t.Errorf("request line without a route template: %s", line)
		}
	}
	for _, route := range []string{"/v1/calls", "/v1/calls/:id", "/v1/imports/:id", "/v1/reviews/:id/publish", "/v1/sessions/:id"} {
		if !seen[route] {
			t.Errorf("no request line of %s", route)
		}
	}
}
