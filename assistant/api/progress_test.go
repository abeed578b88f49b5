package api_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
	"github.com/rooscoach/rooscoach/assistant/builtin"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/store"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// newCoachingEnv is newEnv with a job queue at work on its database, so
// that imports get done.
func newCoachingEnv(t *testing.T) *env {
	t.Helper()
	e := newEnv(t, api.Config{})
	today := func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }
	an, _ := builtin.Analyzer(today)
	worker := &coach.Service{Analyzer: an, Store: e.db, Progress: e.db, Imports: e.db, Now: today}
	storetest.StartQueue(t, e.db, worker, store.QueueConfig{Workers: 2, PollInterval: 100 * time.Millisecond})
	return e
}

func checkProblem(t *testing.T, res *http.Response, p api.Problem, status int, says string) {
	t.Helper()
	if res.StatusCode != status || res.Header.Get("Content-Type") != "application/problem+json" || !strings.Contains(p.Detail, says) {
		t.Errorf("got %d %s %q, want %d problem+json saying %q", res.StatusCode, res.Header.Get("Content-Type"), p.Detail, status, says)
	}
}

func TestProgressOverHTTP(t *testing.T) {
	e := newCoachingEnv(t)
	for i, c := range []struct{ file, at string }{
		{"calls/nl-betalingsregeling.txt", "2026-11-03T10:00:00Z"},
		{"calls/en-arrears.txt", "2026-11-10T10:00:00Z"},
		{"calls/en-call.vtt", "2026-11-17T10:00:00Z"},
	} {
		res := e.do("POST", "/v1/calls?agent_id=agent-sanne&team_id=team-noord&external_id=c"+string(rune('1'+i))+"&occurred_at="+c.at, "", testdata(t, c.file), nil)
		if res.StatusCode != http.StatusCreated && res.StatusCode != http.StatusOK {
			t.Fatalf("post %s: %d", c.file, res.StatusCode)
		}
	}
	var p assistant.Progress
	res := e.do("GET", "/v1/agents/agent-sanne/progress?from=2026-11-02&to=2026-11-22&bucket=week", "", nil, &p)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("agent progress: %d", res.StatusCode)
	}
	if len(p.Buckets) != 3 || p.Total.Calls != 3 || p.Buckets[0].Calls != 1 || p.Total.AgentTurns == 0 {
		t.Errorf("agent progress = %d buckets, %d calls (%d in the first), %d agent turns; want 3 weeks with a call each", len(p.Buckets), p.Total.Calls, p.Buckets[0].Calls, p.Total.AgentTurns)
	}

	var g assistant.Goal
	res = e.do("POST", "/v1/agents/agent-sanne/goals", "application/json", []byte(`{"kind": "target-share", "threshold": 0.6, "starts_on": "2026-11-02", "note": "Leid samen"}`), &g)
	if res.StatusCode != http.StatusCreated || g.ID == 0 || g.Threshold != 0.6 {
		t.Fatalf("create goal: %d %+v", res.StatusCode, g)
	}
	var team assistant.Progress
	res = e.do("GET", "/v1/teams/team-noord/progress?from=2026-11-02&to=2026-11-22", "", nil, &team)
	if res.StatusCode != http.StatusOK || len(team.Agents) != 1 || team.Agents[0].Goals != 1 || len(team.Total.Goals) != 1 {
		t.Errorf("team progress: %d, agents %+v, goals %+v; want one agent with the one goal", res.StatusCode, team.Agents, team.Total.Goals)
	}
	var ended assistant.Goal
	if res := e.do("POST", "/v1/goals/"+itoa(g.ID)+"/end", "", nil, &ended); res.StatusCode != http.StatusOK || ended.EndedOn == nil {
		t.Errorf("end goal: %d %+v", res.StatusCode, ended)
	}

	for _, c := range []struct {
		path   string
		body   string
		status int
		says   string
	}{
		{"/v1/agents/agent-sanne/progress?from=2026-11-22&to=2026-11-02", "", 400, "to 2026-11-02 does not come after from 2026-11-22"},
		{"/v1/agents/agent-sanne/progress?bucket=year", "", 400, `bucket "year" is not known; use day, week or month`},
		{"/v1/agents/agent-sanne/progress?form=2026-11-01", "", 400, "Unknown query parameter form"},
		{"/v1/agents/nobody/progress", "", 404, "agent nobody not found"},
		{"/v1/teams/team-zuid/progress", "", 404, "team team-zuid not found"},
		{"/v1/agents/agent-sanne/goals", `{"kind": "be-kind"}`, 400, `goal kind "be-kind" is not known`},
		{"/v1/agents/agent-sanne/goals", `{"kind": "closing", "threshold": 7}`, 400, "threshold 7 is not a share"},
		{"/v1/agents/agent-sanne/goals", `{"kind": "closing", "starts_on": "01-11-2026"}`, 400, "Field starts_on must be a date as YYYY-MM-DD"},
	} {
		var prob api.Problem
		method := "GET"
		var body []byte
		if c.body != "" {
			method, body = "POST", []byte(c.body)
		}
		res := e.do(method, c.path, "application/json", body, &prob)
		checkProblem(t, res, prob, c.status, c.says)
	}
}

// multipartBody writes files as a multipart/form-data body.
func multipartBody(t *testing.T, files map[string][]byte) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for name, data := range files {
		w, err := mw.CreateFormFile("file", name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return mw.FormDataContentType(), buf.Bytes()
}

func TestImportOverHTTP(t *testing.T) {
	e := newCoachingEnv(t)
	ct, body := multipartBody(t, map[string][]byte{
		"nl.txt":    testdata(t, "calls/nl-betalingsregeling.txt"),
		"en.vtt":    testdata(t, "calls/en-call.vtt"),
		"empty.txt": {},
	})
	var imp assistant.Import
	res := e.do("POST", "/v1/imports?agent_id=agent-sanne&team_id=team-noord", ct, body, &imp)
	if res.StatusCode != http.StatusAccepted || imp.Files != 3 || res.Header.Get("Location") != "/v1/imports/"+itoa(imp.ID) {
		t.Fatalf("import: %d %+v at %s", res.StatusCode, imp, res.Header.Get("Location"))
	}
	deadline := time.Now().Add(30 * time.Second)
	for !imp.Finished {
		if time.Now().After(deadline) {
			t.Fatalf("import not finished: %+v", imp)
		}
		time.Sleep(100 * time.Millisecond)
		if res := e.do("GET", "/v1/imports/"+itoa(imp.ID), "", nil, &imp); res.StatusCode != http.StatusOK {
			t.Fatalf("GET import: %d", res.StatusCode)
		}
	}
	if imp.Done != 2 || imp.Failed != 1 || len(imp.Failures) != 1 || imp.Failures[0].Name != "empty.txt" || !strings.Contains(imp.Failures[0].Reason, "empty (0 bytes)") {
		t.Errorf("finished import = %+v, want 2 done and empty.txt failed as empty", imp)
	}
	if n := e.count("calls"); n != 2 {
		t.Errorf("%d calls stored, want 2", n)
	}

	for _, c := range []struct {
		name   string
		ct     string
		files  map[string][]byte
		raw    []byte
		status int
		says   string
	}{
		{"only a 0-byte file", "", map[string][]byte{"leeg.txt": {}}, nil, 400, "leeg.txt: The file is empty (0 bytes)."},
		{"a file in no known format", "", map[string][]byte{"scan.pdf": []byte("%PDF-1.7\nbinary stuff")}, nil, 400, "scan.pdf:"},
		{"JSON instead of files", "application/json", nil, []byte(`{"files": []}`), 415, "multipart/form-data"},
		{"a zip that is not one", "application/zip", nil, []byte("PK not really"), 400, "is not a zip archive"},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := e.count("imports")
			ct, body := c.ct, c.raw
			if c.files != nil {
				ct, body = multipartBody(t, c.files)
			}
			var prob api.Problem
			res := e.do("POST", "/v1/imports?agent_id=agent-sanne&team_id=team-noord", ct, body, &prob)
			checkProblem(t, res, prob, c.status, c.says)
			if e.count("imports") != before {
				t.Errorf("a refused import was stored")
			}
		})
	}
	var prob api.Problem
	checkProblem(t, e.do("GET", "/v1/imports/999999", "", nil, &prob), prob, 404, "import 999999 not found")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestProgressAndImportRoles checks over real HTTP with real tokens who
// sees whose progress, sets goals and follows imports: an agent their own,
// a lead their team's, a trainer their teams', an admin all; another
// agent's or team's answers 404 as if it did not exist, and a role that may
// not take a step gets 403.
func TestProgressAndImportRoles(t *testing.T) {
	e := newCoachingEnv(t)
	o := &org{env: e, calls: map[string]assistant.Call{}, tok: map[string]string{}}
	for _, team := range []string{"team-noord", "team-zuid"} {
		if res := e.do("POST", "/v1/teams", "application/json", []byte(`{"id":"`+team+`"}`), nil); res.StatusCode != http.StatusCreated {
			t.Fatalf("POST /v1/teams %s: %d", team, res.StatusCode)
		}
	}
	for _, a := range []struct{ id, team string }{{"agent-anna", "team-noord"}, {"agent-bram", "team-noord"}, {"agent-cas", "team-zuid"}} {
		if res := e.do("POST", "/v1/agents", "application/json", []byte(`{"id":"`+a.id+`","team_id":"`+a.team+`"}`), nil); res.StatusCode != http.StatusCreated {
			t.Fatalf("POST /v1/agents %s: %d", a.id, res.StatusCode)
		}
		o.calls[a.id] = e.post(e.token, "agent_id="+a.id+"&external_id=first-"+a.id)
	}
	tok := map[string]string{
		"admin":         e.token,
		"anna":          e.tokenFor(assistant.Token{Name: "Anna", Role: assistant.RoleAgent, AgentID: "agent-anna"}),
		"trainer-noord": e.tokenFor(assistant.Token{Name: "Ilse", Role: assistant.RoleTrainer, TeamIDs: []string{"team-noord"}}),
		"trainer-both":  e.tokenFor(assistant.Token{Name: "Joost", Role: assistant.RoleTrainer, TeamIDs: []string{"team-noord", "team-zuid"}}),
		"lead-noord":    e.tokenFor(assistant.Token{Name: "Lies", Role: assistant.RoleLead, TeamIDs: []string{"team-noord"}}),
		"lead-zuid":     e.tokenFor(assistant.Token{Name: "Mark", Role: assistant.RoleLead, TeamIDs: []string{"team-zuid"}}),
	}
	for _, c := range []struct {
		who, method, path, body string
		status                  int
	}{
		{"anna", "GET", "/v1/agents/agent-anna/progress", "", 200},
		{"anna", "GET", "/v1/agents/agent-bram/progress", "", 404},
		{"anna", "GET", "/v1/teams/team-noord/progress", "", 403},
		{"lead-noord", "GET", "/v1/teams/team-noord/progress", "", 200},
		{"lead-noord", "GET", "/v1/teams/team-zuid/progress", "", 404},
		{"lead-noord", "GET", "/v1/agents/agent-bram/progress", "", 200},
		{"lead-noord", "GET", "/v1/agents/agent-cas/progress", "", 404},
		{"lead-zuid", "GET", "/v1/teams/team-noord/progress", "", 404},
		{"trainer-both", "GET", "/v1/teams/team-zuid/progress", "", 200},
		{"trainer-noord", "GET", "/v1/teams/team-zuid/progress", "", 404},
		{"admin", "GET", "/v1/teams/team-zuid/progress", "", 200},
		{"", "GET", "/v1/agents/agent-anna/progress", "", 401},
		{"anna", "POST", "/v1/agents/agent-anna/goals", `{"kind": "no-threats"}`, 403},
		{"lead-noord", "POST", "/v1/agents/agent-cas/goals", `{"kind": "no-threats"}`, 404},
		{"lead-noord", "POST", "/v1/agents/agent-anna/goals", `{"kind": "no-threats"}`, 201},
		{"anna", "GET", "/v1/agents/agent-anna/goals", "", 200},
		{"anna", "GET", "/v1/agents/agent-bram/goals", "", 404},
		{"lead-zuid", "GET", "/v1/agents/agent-anna/goals", "", 404},
	} {
		var body []byte
		ct := ""
		if c.body != "" {
			body, ct = []byte(c.body), "application/json"
		}
		if res := e.doAs(tok[c.who], c.method, c.path, ct, body, nil); res.StatusCode != c.status {
			t.Errorf("%s %s as %s: %d, want %d", c.method, c.path, c.who, res.StatusCode, c.status)
		}
	}

	// Every progress read that answered is in the audit trail, with whose
	// figures and over which period; the refused ones left nothing.
	var trail assistant.AuditPage
	if res := e.do("GET", "/v1/audit?action=progress.read&limit=100", "", nil, &trail); res.StatusCode != http.StatusOK {
		t.Fatalf("GET /v1/audit?action=progress.read: %d", res.StatusCode)
	}
	var read []string
	for _, en := range trail.Entries {
		read = append(read, en.Target+":"+en.TargetID)
		if !strings.Contains(en.Detail, " by week") {
			t.Errorf("progress.read entry without its period: %+v", en)
		}
	}
	slices.Sort(read)
	if got, want := strings.Join(read, " "), "agent:agent-anna agent:agent-bram team:team-noord team:team-zuid team:team-zuid"; got != want {
		t.Errorf("progress reads in the audit trail: %q, want %q", got, want)
	}

	// Imports: an agent imports their own calls and follows that import;
	// a lead posts no calls, and so no import; another team's trainer does
	// not see a trainer's import.
	ct, body := multipartBody(t, map[string][]byte{"eigen.txt": testdata(t, "calls/nl-betalingsregeling.txt")})
	var mine assistant.Import
	if res := e.doAs(tok["anna"], "POST", "/v1/imports", ct, body, &mine); res.StatusCode != http.StatusAccepted {
		t.Fatalf("agent's own import: %d", res.StatusCode)
	}
	if res := e.doAs(tok["anna"], "GET", "/v1/imports/"+itoa(mine.ID), "", nil, nil); res.StatusCode != http.StatusOK {
		t.Errorf("agent following their import: %d", res.StatusCode)
	}
	ct, body = multipartBody(t, map[string][]byte{"cas.txt": testdata(t, "calls/nl-betalingsregeling.txt")})
	var prob api.Problem
	res := e.doAs(tok["anna"], "POST", "/v1/imports?agent_id=agent-cas", ct, body, &prob)
	checkProblem(t, res, prob, 400, "an agent imports only their own calls")
	if res := e.doAs(tok["lead-noord"], "POST", "/v1/imports?team_id=team-noord", ct, body, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("a lead importing: %d, want 403", res.StatusCode)
	}
	var theirs assistant.Import
	if res := e.doAs(tok["trainer-noord"], "POST", "/v1/imports?agent_id=agent-bram&team_id=team-noord", ct, body, &theirs); res.StatusCode != http.StatusAccepted {
		t.Fatalf("trainer's import: %d", res.StatusCode)
	}
	for who, status := range map[string]int{"trainer-noord": 200, "trainer-both": 200, "lead-zuid": 404, "anna": 404, "admin": 200} {
		if res := e.doAs(tok[who], "GET", "/v1/imports/"+itoa(theirs.ID), "", nil, nil); res.StatusCode != status {
			t.Errorf("GET the noord trainer's import as %s: %d, want %d", who, res.StatusCode, status)
		}
	}
	// The import's call is stored on the trainer's behalf: the audit trail
	// names the trainer's token.
	deadline := time.Now().Add(30 * time.Second)
	for !theirs.Finished && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
		e.doAs(tok["trainer-noord"], "GET", "/v1/imports/"+itoa(theirs.ID), "", nil, &theirs)
	}
	if theirs.Done != 1 {
		t.Fatalf("trainer's import = %+v, want its one call done", theirs)
	}
	var n int
	if err := e.sql.Get(&n, `SELECT count(*) FROM audit a JOIN tokens k ON k.id = a.token_id WHERE a.action = 'call.create' AND k.name = 'Ilse'`); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("%d audit entries of the trainer storing the imported call, want 1", n)
	}
	// Goals set and imports made are in the trail too; refused ones not.
	for action, want := range map[string]int{"goal.create": 1, "import.create": 2} {
		if err := e.sql.Get(&n, `SELECT count(*) FROM audit WHERE action = $1`, action); err != nil {
			t.Fatal(err)
		}
		if n != want {
			t.Errorf("%d audit entries %s, want %d", n, action, want)
		}
	}
}

// A week without calls answers null shares and zero counts, figures carry
// at most four decimals, and a goal with no call since its start is
// not_measurable and no reason for attention, over real HTTP.
func TestProgressEmptyWeeksAndNewGoalsOverHTTP(t *testing.T) {
	e := newCoachingEnv(t)
	for i, c := range []struct{ file, at string }{
		{"calls/nl-betalingsregeling.txt", "2026-11-03T10:00:00Z"},
		{"calls/en-arrears.txt", "2026-11-17T10:00:00Z"},
	} {
		res := e.do("POST", "/v1/calls?agent_id=agent-sanne&team_id=team-noord&external_id=e"+strconv.Itoa(i)+"&occurred_at="+c.at, "", testdata(t, c.file), nil)
		if res.StatusCode != http.StatusCreated && res.StatusCode != http.StatusOK {
			t.Fatalf("post %s: %d", c.file, res.StatusCode)
		}
	}
	var raw struct {
		Buckets []json.RawMessage `json:"buckets"`
	}
	res := e.do("GET", "/v1/agents/agent-sanne/progress?from=2026-11-02&to=2026-11-22&bucket=week", "", nil, &raw)
	if res.StatusCode != http.StatusOK || len(raw.Buckets) != 3 {
		t.Fatalf("agent progress: %d, %d buckets; want 3 weeks", res.StatusCode, len(raw.Buckets))
	}
	empty := string(raw.Buckets[1])
	for _, want := range []string{`"calls":0`, `"agent_turns":0`, `"target_share":null`, `"escalations_per_call":null`, `"jargon_per_call":null`, `"leading":null`, `"complete":null`} {
		if !strings.Contains(empty, want) {
			t.Errorf("the week without calls %s has no %s", empty, want)
		}
	}
	for i := range 3 {
		if long := regexp.MustCompile(`\d\.\d{5,}`).FindString(string(raw.Buckets[i])); long != "" {
			t.Errorf("bucket %d holds %s: more than %d decimals", i, long, assistant.FigurePlaces)
		}
	}

	// Set after the last call: nothing to measure it on yet.
	var g assistant.Goal
	res = e.do("POST", "/v1/agents/agent-sanne/goals", "application/json", []byte(`{"kind": "target-share", "threshold": 1, "starts_on": "2026-11-18"}`), &g)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("create goal: %d", res.StatusCode)
	}
	var team assistant.Progress
	res = e.do("GET", "/v1/teams/team-noord/progress?from=2026-11-02&to=2026-11-22", "", nil, &team)
	if res.StatusCode != http.StatusOK || len(team.Agents) != 1 || len(team.Total.Goals) != 1 {
		t.Fatalf("team progress: %d, agents %+v, goals %+v", res.StatusCode, team.Agents, team.Total.Goals)
	}
	if r := team.Total.Goals[0]; r.Status != assistant.GoalNotMeasurable || r.Value != nil {
		t.Errorf("goal with no call since its start: %+v, want not_measurable with a null value", r)
	}
	if s := team.Agents[0]; slices.Contains(s.Reasons, assistant.ReasonGoalNotMet) {
		t.Errorf("standing %+v: a goal not yet measurable is no reason for attention", s)
	}
}
