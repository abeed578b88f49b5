package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
	"github.com/rooscoach/rooscoach/assistant/arrangement"
	"github.com/rooscoach/rooscoach/assistant/builtin"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/store"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// env is one API under test: a real server over a real Postgres schema,
// and an admin token that requests carry unless they say otherwise.
type env struct {
	t     testing.TB
	url   string
	sql   *sqlx.DB
	db    *store.DB
	srv   *api.Server
	token string
}

type testLogWriter struct{ t testing.TB }

func (w testLogWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func newEnv(t testing.TB, cfg api.Config) *env {
	t.Helper()
	return newEnvDSN(t, storetest.NewDSN(t), cfg)
}

func newEnvDSN(t testing.TB, dsn string, cfg api.Config) *env {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	today := func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }
	an, arr := builtin.Analyzer(today)
	cfg.Logger = slog.New(slog.NewTextHandler(testLogWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if cfg.Live.Now == nil {
		// The sessions' clock runs from the tests' today, so that a call
		// opened now did not take place after today.
		start := time.Now()
		cfg.Live.Now = func() time.Time { return today().Add(time.Since(start)) }
	}
	svc := &coach.Service{Analyzer: an, Store: db, Policies: db, Arrangements: arr, Progress: db, Imports: db, Now: today}
	if cfg.Metrics == nil {
		cfg.Metrics = api.NewMetrics()
	}
	if err := cfg.Metrics.Register(api.DBPool(db.Stats), api.ImportJobs(db.ImportJobStates)); err != nil {
		t.Fatal(err)
	}
	svc.Observer = cfg.Metrics
	svc.Erasure = db
	svc.Redaction = db
	server := api.NewServer(cfg, svc, db, svc)
	srv := httptest.NewServer(server.Handler())
	t.Cleanup(srv.Close)
	// Live sessions end first: their streams would keep srv.Close waiting.
	t.Cleanup(func() { server.CloseSessions(context.Background()) })
	sdb, err := sqlx.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sdb.Close() })
	token, err := db.CreateToken(ctx, assistant.CommandLine(), &assistant.Token{Name: "test admin", Role: assistant.RoleAdmin})
	if err != nil {
		t.Fatalf("make the admin token: %v", err)
	}
	return &env{t: t, url: srv.URL, sql: sdb, db: db, srv: server, token: token}
}

// do sends a request with the admin token and decodes a JSON answer into
// out (when not nil).
func (e *env) do(method, path, contentType string, body []byte, out any) *http.Response {
	e.t.Helper()
	return e.doAs(e.token, method, path, contentType, body, out)
}

// doAs sends a request with token ("" for none) and decodes a JSON answer
// into out (when not nil).
func (e *env) doAs(token, method, path, contentType string, body []byte, out any) *http.Response {
	e.t.Helper()
	h := http.Header{}
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	return e.doWith(token, method, path, h, body, out)
}

// doWith is doAs with the request's headers given whole.
func (e *env) doWith(token, method, path string, header http.Header, body []byte, out any) *http.Response {
	e.t.Helper()
	req, err := http.NewRequest(method, e.url+path, bytes.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	maps.Copy(req.Header, header)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	checkAnswer(e.t, req, res, data)
	// A route that answers in another type (GET /metrics) leaves out be.
	if out != nil && strings.Contains(res.Header.Get("Content-Type"), "json") {
		if err := json.Unmarshal(data, out); err != nil {
			e.t.Fatalf("%s %s: decode %q: %v", method, path, data, err)
		}
	}
	return res
}

func (e *env) count(table string) int {
	e.t.Helper()
	var n int
	if err := e.sql.Get(&n, "SELECT count(*) FROM "+table); err != nil {
		e.t.Fatalf("count %s: %v", table, err)
	}
	return n
}

// testdata reads a file of the repository's testdata folder.
func testdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("../../testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func sample(t testing.TB, name string) []byte {
	t.Helper()
	return testdata(t, "calls/"+name)
}

func TestCallCreateAndView(t *testing.T) {
	e := newEnv(t, api.Config{})
	tests := []struct {
		name, file, contentType, query string
		lang                           assistant.Language
	}{
		{"Dutch plain text", "nl-betalingsregeling.txt", "text/plain", "?agent_id=a-17&external_id=call-1", assistant.Dutch},
		{"English plain text, curl's default type", "en-arrears.txt", "application/x-www-form-urlencoded", "?agent_id=a-17&external_id=call-2", assistant.English},
		{"our JSON", "nl-call.json", "application/json", "", assistant.Dutch},
		{"WebVTT", "en-call.vtt", "text/vtt", "?agent_id=a-22", assistant.English},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var created assistant.Call
			res := e.do("POST", "/v1/calls"+tt.query, tt.contentType, sample(t, tt.file), &created)
			if res.StatusCode != http.StatusCreated {
				t.Fatalf("POST %s: status %d, want 201", tt.file, res.StatusCode)
			}
			if created.ID == 0 || created.Language != tt.lang || len(created.Turns) < 4 || created.AgentID == "" {
				t.Fatalf("created record incomplete: id %d, language %s, %d turns, agent %q", created.ID, created.Language, len(created.Turns), created.AgentID)
			}
			if loc := res.Header.Get("Location"); loc != fmt.Sprintf("/v1/calls/%d", created.ID) {
				t.Errorf("Location = %q", loc)
			}
			for _, turn := range created.Turns {
				if !turn.Stance.Octant.Valid() {
					t.Errorf("turn %d has no stance: %+v", turn.Index, turn.Stance)
				}
				if turn.Speaker == assistant.Agent && turn.Phrasing == nil {
					t.Errorf("agent turn %d has no phrasing", turn.Index)
				}
			}
			var got assistant.Call
			if res := e.do("GET", fmt.Sprintf("/v1/calls/%d", created.ID), "", nil, &got); res.StatusCode != http.StatusOK {
				t.Fatalf("GET: status %d", res.StatusCode)
			}
			a, _ := json.Marshal(created)
			b, _ := json.Marshal(got)
			if !bytes.Equal(a, b) {
				t.Errorf("GET returns another record than POST did:\nPOST %s\nGET  %s", a, b)
			}
			// The dynamics are part of the record: every agent turn the
			// customer answers carries its exchange, the call its totals.
			for i, turn := range got.Turns {
				answered := i+1 < len(got.Turns) && got.Turns[i+1].Speaker == assistant.Customer
				if (turn.Speaker == assistant.Agent && answered) != (turn.Exchange != nil) {
					t.Errorf("turn %d (%s): exchange %+v", turn.Index, turn.Speaker, turn.Exchange)
				}
			}
			if got.Dynamics.Exchanges == 0 || !bytes.Contains(b, []byte(`"dynamics":{"exchanges":`)) || !bytes.Contains(b, []byte(`"exchange":{"customer_turn":`)) {
				t.Errorf("GET /v1/calls/%d lacks the dynamics: %+v", got.ID, got.Dynamics)
			}
		})
	}
}

func TestCallRepostIsIdempotent(t *testing.T) {
	e := newEnv(t, api.Config{})
	body := sample(t, "nl-betalingsregeling.txt")
	var first, second assistant.Call
	if res := e.do("POST", "/v1/calls?agent_id=a-1&external_id=x-9", "text/plain", body, &first); res.StatusCode != http.StatusCreated {
		t.Fatalf("first POST: %d", res.StatusCode)
	}
	turns := e.count("turns")
	if res := e.do("POST", "/v1/calls?agent_id=a-1&external_id=x-9", "text/plain", body, &second); res.StatusCode != http.StatusOK {
		t.Fatalf("re-POST: status %d, want 200", res.StatusCode)
	}
	if second.ID != first.ID {
		t.Errorf("re-POST returned id %d, want the existing %d", second.ID, first.ID)
	}
	if n := e.count("calls"); n != 1 {
		t.Errorf("%d calls stored after a re-post, want 1", n)
	}
	if n := e.count("turns"); n != turns {
		t.Errorf("turns went from %d to %d after a re-post", turns, n)
	}
	// The same external id from another agent is another call.
	var other assistant.Call
	if res := e.do("POST", "/v1/calls?agent_id=a-2&external_id=x-9", "text/plain", body, &other); res.StatusCode != http.StatusCreated || other.ID == first.ID {
		t.Errorf("same external_id, other agent: status %d id %d, want 201 and a new id", res.StatusCode, other.ID)
	}
	// The list finds the calls stored under an external id, every agent's.
	for query, want := range map[string][]int64{
		"external_id=x-9":              {other.ID, first.ID},
		"external_id=x-9&agent_id=a-2": {other.ID},
		"external_id=x-8":              {},
	} {
		var page assistant.CallPage
		if res := e.do("GET", "/v1/calls?"+query, "", nil, &page); res.StatusCode != http.StatusOK {
			t.Fatalf("GET /v1/calls?%s: %d", query, res.StatusCode)
		}
		got := []int64{}
		for _, c := range page.Calls {
			got = append(got, c.ID)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("GET /v1/calls?%s (-want +got):\n%s", query, diff)
		}
	}
	var p api.Problem
	if res := e.do("GET", "/v1/calls?external_id=x%00y", "", nil, &p); res.StatusCode != http.StatusBadRequest || !strings.Contains(p.Detail, "external_id") {
		t.Errorf("GET /v1/calls with a control character in external_id: %d %q; want 400 naming external_id", res.StatusCode, p.Detail)
	}
}

func TestBadInputStoresNothing(t *testing.T) {
	e := newEnv(t, api.Config{BodyLimit: 64 << 10})
	big := bytes.Repeat([]byte("Agent: Goedemorgen, u spreekt met Anna van Incasso Noord.\n"), 2000)
	tests := []struct {
		name, contentType, query string
		body                     []byte
		status                   int
		detail                   string // must appear in the problem's detail
	}{
		{"empty body", "text/plain", "?agent_id=a", nil, 400, "empty"},
		{"only blanks", "text/plain", "?agent_id=a", []byte("  \n\n "), 400, "empty"},
		{"invalid UTF-8", "text/plain", "?agent_id=a", []byte("Agent: Goedemorgen \xff\xfe\nKlant: ja"), 400, "UTF-8"},
		{"malformed JSON", "application/json", "", []byte(`{"agent_id":"a","turns":[{"speaker":"agent","text":"hoi"}`), 400, "JSON"},
		{"unknown speaker label", "text/plain", "?agent_id=a", []byte("Agent: Goedemorgen.\nKlant: Ja?\nRobot: Piep.\n"), 400, "line 3"},
		{"no agent turn", "text/plain", "?agent_id=a", []byte("Klant: Hallo?\nKlant: Is daar iemand?\n"), 400, "agent"},
		{"no agent id", "text/plain", "", sample(t, "nl-betalingsregeling.txt"), 400, "agent_id"},
		{"bad language", "text/plain", "?agent_id=a&language=de", sample(t, "nl-betalingsregeling.txt"), 400, "language"},
		{"bad occurred_at", "text/plain", "?agent_id=a&occurred_at=gisteren", sample(t, "nl-betalingsregeling.txt"), 400, "occurred_at"},
		{"a NUL byte", "text/plain", "?agent_id=a", []byte("Agent: Goedemorgen.\nKlant: Hal\x00lo\n"), 400, "line 2"},
		{"one endless turn", "text/plain", "?agent_id=a", []byte("Agent: " + strings.Repeat("en dan ", 2000) + "\nKlant: ja\n"), 400, "Turn 0"},
		{"query and body name other agents", "application/json", "?agent_id=someone-else", sample(t, "nl-call.json"), 400, "agent_id"},
		{"over the body limit", "text/plain", "?agent_id=a", big, 413, "limit"},
		{"unknown content type", "image/png", "?agent_id=a", []byte("\x89PNG"), 415, "image/png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p api.Problem
			res := e.do("POST", "/v1/calls"+tt.query, tt.contentType, tt.body, &p)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d (detail %q)", res.StatusCode, tt.status, p.Detail)
			}
			if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("Content-Type %q, want application/problem+json", ct)
			}
			if p.Status != tt.status || !strings.Contains(p.Detail, tt.detail) {
				t.Errorf("problem %+v: want status %d and a detail naming %q", p, tt.status, tt.detail)
			}
			if n := e.count("calls"); n != 0 {
				t.Errorf("%d calls stored after bad input", n)
			}
			if n := e.count("turns"); n != 0 {
				t.Errorf("%d turns stored after bad input", n)
			}
		})
	}
}

func TestCallIndexPages(t *testing.T) {
	e := newEnv(t, api.Config{})
	body := sample(t, "en-arrears.txt")
	for i := range 5 {
		q := fmt.Sprintf("?agent_id=a-%d&external_id=c-%d&occurred_at=2026-11-%02dT10:00:00Z", i%2, i, 10+i)
		if res := e.do("POST", "/v1/calls"+q, "text/plain", body, nil); res.StatusCode != http.StatusCreated {
			t.Fatalf("POST %d: %d", i, res.StatusCode)
		}
	}
	var seen []int64
	cursor := ""
	for range 10 {
		var page assistant.CallPage
		if res := e.do("GET", "/v1/calls?limit=2&cursor="+cursor, "", nil, &page); res.StatusCode != http.StatusOK {
			t.Fatalf("GET page: %d", res.StatusCode)
		}
		for _, c := range page.Calls {
			seen = append(seen, c.ID)
		}
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	if len(seen) != 5 {
		t.Fatalf("paged through %d calls, want 5: %v", len(seen), seen)
	}
	var page assistant.CallPage
	e.do("GET", "/v1/calls?agent_id=a-0&from=2026-11-11&to=2026-11-30", "", nil, &page)
	if len(page.Calls) != 2 { // c-2 (12th) and c-4 (14th)
		t.Errorf("agent a-0 from the 11th: %d calls, want 2", len(page.Calls))
	}
	e.do("GET", "/v1/calls?agent_id=a-0&to=2026-11-12", "", nil, &page)
	if len(page.Calls) != 2 { // c-0 (10th) and c-2 (12th): a date includes its day
		t.Errorf("agent a-0 up to the 12th: %d calls, want 2", len(page.Calls))
	}
	for _, bad := range []string{"limit=0", "limit=abc", "from=yesterday", "cursor=not-a-cursor", "from=2026-11-30&to=2026-11-01"} {
		var p api.Problem
		if res := e.do("GET", "/v1/calls?"+bad, "", nil, &p); res.StatusCode != 400 {
			t.Errorf("GET /v1/calls?%s: status %d, want 400", bad, res.StatusCode)
		}
	}
	var p api.Problem
	if res := e.do("GET", "/v1/calls/999999", "", nil, &p); res.StatusCode != 404 {
		t.Errorf("unknown id: status %d, want 404", res.StatusCode)
	}
	if res := e.do("GET", "/v1/calls/abc", "", nil, &p); res.StatusCode != 400 {
		t.Errorf("non-numeric id: status %d, want 400", res.StatusCode)
	}
}

func TestAnalyzeStoresNothing(t *testing.T) {
	e := newEnv(t, api.Config{})
	var an api.AnalyzeResponse
	res := e.do("POST", "/v1/analyze", "text/plain", sample(t, "nl-betalingsregeling.txt"), &an)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	if an.Analysis == nil || len(an.Turns) == 0 || an.Summary.AgentTurns == 0 {
		t.Fatalf("analysis empty: %+v", an)
	}
	if n := e.count("calls"); n != 0 {
		t.Errorf("analyze stored %d calls", n)
	}
}

func TestTip(t *testing.T) {
	e := newEnv(t, api.Config{})
	body := []byte(`{"text":"U moet vóór vrijdag € 250 betalen, anders sturen we de deurwaarder.","context":[{"speaker":"customer","text":"Ik ben mijn baan kwijt en ik weet het niet meer."}]}`)
	var tip assistant.TipResult
	res := e.do("POST", "/v1/tips", "application/json", body, &tip)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	if tip.Language != assistant.Dutch {
		t.Errorf("language %s, want nl detected", tip.Language)
	}
	if tip.Stance.Quadrant.Together() {
		t.Errorf("a threat after distress classified %s", tip.Stance.Quadrant)
	}
	if len(tip.Findings) == 0 || tip.Tip.Text == "" || tip.Suggested == "" {
		t.Errorf("tip lacks findings, headline or rewrite: %+v", tip.Phrasing)
	}
	// After a hardship the suggestion answers it first and leaves the
	// payment, its amount, date and bailiff out of this turn.
	if !strings.Contains(tip.Suggested, "baan kwijt") || strings.Contains(tip.Suggested, "€ 250") ||
		strings.Contains(tip.Suggested, "vrijdag") || strings.Contains(tip.Suggested, "deurwaarder") {
		t.Errorf("rewrite after a lost job: %q, want it acknowledged and no payment pressed", tip.Suggested)
	}
	if tip.Response == nil {
		t.Error("no response judged against the customer's last turn")
	}
	// A stance sent along with the context is not believed.
	forged := []byte(`{"text":"Wat zou voor u haalbaar zijn?","context":[{"speaker":"customer","text":"Ik wil dat graag regelen.","stance":{"quadrant":"zzz","octant":"zzz","confidence":2,"dominance":9}}]}`)
	var got assistant.TipResult
	if res := e.do("POST", "/v1/tips", "application/json", forged, &got); res.StatusCode != http.StatusOK {
		t.Fatalf("forged stance: status %d", res.StatusCode)
	}
	if got.Response == nil || !got.Response.Customer.Valid() {
		t.Errorf("forged stance reached the answer: %+v", got.Response)
	}
	long := `{"text":"` + strings.Repeat("ja ", 1000) + `"}`
	for _, bad := range []string{long, `[]`, `{"text":"hi","context":"x"}`, `{}`, `{"text":"hi","language":"fr"}`, `{"text":"hi","context":[{"speaker":"robot","text":"x"}]}`, `{"txt":"hi"}`, `[`} {
		var p api.Problem
		if res := e.do("POST", "/v1/tips", "application/json", []byte(bad), &p); res.StatusCode != 400 {
			t.Errorf("POST /v1/tips %s: status %d, want 400", bad, res.StatusCode)
		}
	}
}

func TestHealth(t *testing.T) {
	e := newEnv(t, api.Config{})
	for _, path := range []string{"/healthz", "/readyz"} {
		if res := e.do("GET", path, "", nil, nil); res.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %d", path, res.StatusCode)
		}
	}
	var p api.Problem
	if res := e.do("GET", "/nowhere", "", nil, &p); res.StatusCode != 404 || p.Status != 404 {
		t.Errorf("unknown route: %d %+v, want a 404 problem", res.StatusCode, p)
	}
	if res := e.do("DELETE", "/v1/calls", "", nil, &p); res.StatusCode != 405 || p.Status != 405 {
		t.Errorf("wrong method: %d %+v, want a 405 problem", res.StatusCode, p)
	}
}

func TestArrangement(t *testing.T) {
	e := newEnv(t, api.Config{})
	body := []byte(`{"debt":{"principal":125050,"currency":"EUR"},"customer":{"stated_monthly":5000,"payday":25},"jurisdiction":"nl","language":"nl","start_date":"2026-12-01"}`)
	var res arrangement.Response
	if r := e.do("POST", "/v1/arrangements", "application/json", body, &res); r.StatusCode != http.StatusOK {
		t.Fatalf("status %d", r.StatusCode)
	}
	if len(res.Options) == 0 || res.Options[0].Kind != assistant.OptionCustomerProposal {
		t.Fatalf("first option is not the customer's own proposal: %+v", res.Options)
	}
	var sum int64
	for _, p := range res.Options[0].Schedule {
		sum += p.Amount.Amount
	}
	if sum != 125050 {
		t.Errorf("schedule adds up to %d cents, want 125050", sum)
	}
	tests := []struct{ body, field string }{
		{`{"debt":{"principal":-5,"currency":"EUR"},"jurisdiction":"nl"}`, "debt.principal"},
		{`{"debt":{"principal":0,"currency":"EUR"},"jurisdiction":"nl"}`, "debt.principal"},
		{`{"debt":{"principal":1000,"currency":"XYZ"},"jurisdiction":"nl"}`, "currency"},
		{`{"debt":{"principal":1000,"currency":"EUR"},"jurisdiction":"nl","start_date":"2020-01-01"}`, "start_date"},
		{`{"debt":{"principal":1000,"currency":"EUR"},"jurisdiction":"nl","term_months":999}`, "term_months"},
	}
	for _, tt := range tests {
		var p api.Problem
		if r := e.do("POST", "/v1/arrangements", "application/json", []byte(tt.body), &p); r.StatusCode != 400 || !strings.Contains(p.Detail, tt.field) {
			t.Errorf("%s: status %d detail %q, want 400 naming %s", tt.body, r.StatusCode, p.Detail, tt.field)
		}
	}
}

func TestJSONRoutesContentTypes(t *testing.T) {
	e := newEnv(t, api.Config{})
	body := []byte(`{"text":"Wat zou voor u een haalbaar bedrag per maand zijn?"}`)
	for _, ct := range []string{"application/json", "application/json; charset=utf-8", "application/x-www-form-urlencoded", ""} {
		if res := e.do("POST", "/v1/tips", ct, body, nil); res.StatusCode != http.StatusOK {
			t.Errorf("Content-Type %q: status %d, want 200", ct, res.StatusCode)
		}
	}
	var p api.Problem
	if res := e.do("POST", "/v1/tips", "text/xml", body, &p); res.StatusCode != http.StatusUnsupportedMediaType {
		t.Errorf("text/xml: status %d, want 415", res.StatusCode)
	}
}

func TestJSONErrorsSpeakJSON(t *testing.T) {
	e := newEnv(t, api.Config{})
	tests := []struct{ path, body, want string }{
		{"/v1/tips", `[]`, "must be a JSON object"},
		{"/v1/arrangements", `{"debt":{"principal":1250.50,"currency":"EUR"},"jurisdiction":"nl"}`, "use whole cents"},
		{"/v1/tips", `{"text":"hoi",}`, "line 1"},
	}
	for _, tt := range tests {
		var p api.Problem
		if res := e.do("POST", tt.path, "application/json", []byte(tt.body), &p); res.StatusCode != 400 || !strings.Contains(p.Detail, tt.want) {
			t.Errorf("POST %s %s: %d %q, want 400 saying %q", tt.path, tt.body, res.StatusCode, p.Detail, tt.want)
		}
		if strings.Contains(p.Detail, "int64") || strings.Contains(p.Detail, "assistant.") {
			t.Errorf("detail leaks Go types: %q", p.Detail)
		}
	}
	// Names users give formats are understood.
	if res := e.do("POST", "/v1/analyze?format=vtt", "text/vtt", sample(t, "en-call.vtt"), nil); res.StatusCode != http.StatusOK {
		t.Errorf("format=vtt: status %d, want 200", res.StatusCode)
	}
}

// TestNoRouteProblems checks that a path no route has and a method a path
// does not take answer problem+json saying what was asked and, for the
// method, which ones the path takes, also in the Allow header.
func TestNoRouteProblems(t *testing.T) {
	e := newEnv(t, api.Config{})
	for _, tt := range []struct {
		method, path string
		status       int
		code, detail string
		allow        string
	}{
		{"GET", "/v1/foo", 404, assistant.ENotFound, "no route GET /v1/foo", ""},
		{"POST", "/nowhere/at/all", 404, assistant.ENotFound, "no route POST /nowhere/at/all", ""},
		{"DELETE", "/v1/calls", 405, "method_not_allowed", "method DELETE not allowed on /v1/calls; allowed: GET, POST", "OPTIONS, GET, POST"},
		{"PUT", "/v1/calls/12", 405, "method_not_allowed", "method PUT not allowed on /v1/calls/12; allowed: DELETE, GET", "OPTIONS, DELETE, GET"},
	} {
		var p api.Problem
		res := e.do(tt.method, tt.path, "", nil, &p)
		if res.StatusCode != tt.status || p.Status != tt.status || p.Code != tt.code || p.Detail != tt.detail {
			t.Errorf("%s %s: %d %+v, want %d %s %q", tt.method, tt.path, res.StatusCode, p, tt.status, tt.code, tt.detail)
		}
		if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" {
			t.Errorf("%s %s: Content-Type %q", tt.method, tt.path, ct)
		}
		if got := res.Header.Get("Allow"); got != tt.allow {
			t.Errorf("%s %s: Allow %q, want %q", tt.method, tt.path, got, tt.allow)
		}
	}
}
