package api_test

import (
	"bufio"
	"context"
	"io"
	"net/http"
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

// scraped is one scrape of GET /metrics: each series, as "name{labels}",
// with its value.
type scraped map[string]float64

func parseScrape(t testing.TB, body io.Reader) scraped {
	t.Helper()
	out := scraped{}
	sc := bufio.NewScanner(body)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			t.Fatalf("metrics line %q: %v", line, err)
		}
		out[line[:i]] = v
	}
	return out
}

// scrape reads GET /metrics with the admin token.
func (e *env) scrape() scraped {
	e.t.Helper()
	req, _ := http.NewRequest("GET", e.url+"/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+e.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") {
		e.t.Fatalf("GET /metrics: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	return parseScrape(e.t, res.Body)
}

func (m scraped) atLeast(t testing.TB, series string, want float64) {
	t.Helper()
	got, ok := m[series]
	if !ok {
		t.Errorf("no series %s in /metrics", series)
		return
	}
	if got < want {
		t.Errorf("%s = %v, want at least %v", series, got, want)
	}
}

// TestMetrics scrapes /metrics after real requests, an import through the
// job queue and an open live session, and checks every listed series.
func TestMetrics(t *testing.T) {
	metrics := api.NewMetrics()
	e := newEnv(t, api.Config{Metrics: metrics})
	today := func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }
	an, _ := builtin.Analyzer(today)
	// The job queue's worker reports its analyses to the same registry, as
	// it does in serve, where it is the same service.
	worker := &coach.Service{Analyzer: an, Store: e.db, Progress: e.db, Imports: e.db, Now: today, Observer: metrics}
	storetest.StartQueue(t, e.db, worker, store.QueueConfig{Workers: 1, PollInterval: 100 * time.Millisecond})

	var nl, en assistant.Call
	if res := e.do("POST", "/v1/calls?agent_id=a-1", "text/plain", sample(t, "nl-betalingsregeling.txt"), &nl); res.StatusCode != 201 {
		t.Fatalf("POST nl: %d", res.StatusCode)
	}
	if res := e.do("POST", "/v1/calls?agent_id=a-1", "text/plain", sample(t, "en-arrears.txt"), &en); res.StatusCode != 201 {
		t.Fatalf("POST en: %d", res.StatusCode)
	}
	e.do("GET", "/v1/calls/"+itoa(nl.ID), "", nil, nil)
	e.do("GET", "/v1/calls/"+itoa(en.ID), "", nil, nil)
	e.do("GET", "/v1/calls/999999", "", nil, nil)
	sess := e.openSession(`{"agent_id": "agent-sanne", "language": "nl"}`)

	ct, body := multipartBody(t, map[string][]byte{"en.vtt": sample(t, "en-call.vtt")})
	var imp assistant.Import
	if res := e.do("POST", "/v1/imports?agent_id=agent-sanne", ct, body, &imp); res.StatusCode != http.StatusAccepted {
		t.Fatalf("import: %d", res.StatusCode)
	}
	for deadline := time.Now().Add(30 * time.Second); !imp.Finished; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("import not finished: %+v", imp)
		}
		e.do("GET", "/v1/imports/"+itoa(imp.ID), "", nil, &imp)
	}

	// River marks a job completed a moment after its work is done.
	m := e.scrape()
	for deadline := time.Now().Add(10 * time.Second); m[`rooscoach_import_jobs{state="completed"}`] == 0 && time.Now().Before(deadline); m = e.scrape() {
		time.Sleep(100 * time.Millisecond)
	}
	// Per route template and status: ids never become labels.
	m.atLeast(t, `rooscoach_http_requests_total{method="GET",route="/v1/calls/:id",status="200"}`, 2)
	m.atLeast(t, `rooscoach_http_requests_total{method="GET",route="/v1/calls/:id",status="404"}`, 1)
	m.atLeast(t, `rooscoach_http_requests_total{method="POST",route="/v1/calls",status="201"}`, 2)
	m.atLeast(t, `rooscoach_http_request_duration_seconds_count{method="POST",route="/v1/calls",status="201"}`, 2)
	m.atLeast(t, `rooscoach_http_request_duration_seconds_bucket{method="POST",route="/v1/calls",status="201",le="+Inf"}`, 2)
	// The times of one route's errors and successes apart, so that a p95
	// of the calls found is not the p95 of the calls not found.
	m.atLeast(t, `rooscoach_http_request_duration_seconds_count{method="GET",route="/v1/calls/:id",status="200"}`, 2)
	m.atLeast(t, `rooscoach_http_request_duration_seconds_count{method="GET",route="/v1/calls/:id",status="404"}`, 1)
	m.atLeast(t, `rooscoach_http_request_duration_seconds_bucket{method="GET",route="/v1/calls/:id",status="404",le="+Inf"}`, 1)
	// Every request the counter counts is timed under the same labels.
	for series, n := range m {
		labels, ok := strings.CutPrefix(series, "rooscoach_http_requests_total")
		if !ok {
			continue
		}
		if got, ok := m["rooscoach_http_request_duration_seconds_count"+labels]; !ok || got != n {
			t.Errorf("%s = %v, but the histogram's count under the same labels is %v (there: %v)", series, n, got, ok)
		}
	}
	for series := range m {
		if strings.Contains(series, "/v1/calls/"+itoa(nl.ID)) || strings.Contains(series, sess.ID) {
			t.Errorf("a raw path became a label: %s", series)
		}
	}
	m.atLeast(t, `rooscoach_analyses_total{engine="builtin",language="nl"}`, 1)
	// Two posted, one imported.
	m.atLeast(t, `rooscoach_analyses_total{engine="builtin",language="en"}`, 2)
	m.atLeast(t, `rooscoach_import_jobs{state="completed"}`, 1)
	m.atLeast(t, `rooscoach_import_jobs{state="running"}`, 0)
	m.atLeast(t, `rooscoach_live_sessions_open`, 1)
	m.atLeast(t, `rooscoach_db_open_connections`, 1)
	m.atLeast(t, `rooscoach_db_max_open_connections`, 1)
	m.atLeast(t, `rooscoach_db_wait_count_total`, 0)
	m.atLeast(t, `go_goroutines`, 1)

	// Only admins read them on the main address …
	agent := e.tokenFor(assistant.Token{Name: "Anna", Role: assistant.RoleAgent, AgentID: "agent-anna"})
	if res := e.doAs(agent, "GET", "/metrics", "", nil, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("GET /metrics as an agent: %d, want 403", res.StatusCode)
	}
	// … and anyone who reaches the metrics address, without a token.
	u, err := e.srv.OpenMetrics("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.srv.Close(context.Background()) })
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", u, res.StatusCode)
	}
	parseScrape(t, res.Body).atLeast(t, `rooscoach_live_sessions_open`, 1)
}
