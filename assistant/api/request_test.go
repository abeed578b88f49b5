package api_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
	"github.com/rooscoach/rooscoach/assistant/builtin"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/assistant/mock"
)

// The tests in this file need no database: the store is a fake that fails
// the test when a route that should not reach it does.

var testToday = func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }

// newFakeServer serves the API on the built-in engine over a fake store that
// counts the calls stored. Authentication is off: these tests are about
// input, and the tests over a real database send real tokens.
func newFakeServer(t testing.TB) (*api.Server, *int) {
	t.Helper()
	stored := 0
	calls := &mock.CallStore{
		FindTeamByIDFn: mock.NoTeam,
		CreateCallFn: func(_ context.Context, _ assistant.Principal, c *assistant.Call) (bool, error) {
			stored++
			c.ID = int64(stored)
			return true, nil
		},
		FindCallByIDFn: func(context.Context, assistant.Scope, int64) (*assistant.Call, error) {
			return nil, assistant.Errorf(assistant.ENotFound, "no such call")
		},
		FindCallsFn: func(context.Context, assistant.Scope, assistant.CallFilter) (assistant.CallPage, error) {
			return assistant.CallPage{}, nil
		},
		AuditFn: func(context.Context, assistant.Principal, assistant.AuditEntry) error { return nil },
	}
	dir := &mock.Directory{PingFn: func(context.Context) error { return nil }}
	an, arr := builtin.Analyzer(testToday)
	srv := api.NewServer(api.Config{Addr: "127.0.0.1:0", BodyLimit: 64 << 10, AuthOff: true}, &coach.Service{Analyzer: an, Store: calls, Now: testToday}, dir, arr)
	return srv, &stored
}

// send makes one request through the server's handler.
func send(t testing.TB, h http.Handler, method, target string, header map[string]string, body []byte) (*http.Response, api.Problem) {
	t.Helper()
	req := httptest.NewRequest(method, target, bytes.NewReader(body))
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	var p api.Problem
	if res.StatusCode >= 400 {
		if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" {
			t.Errorf("%s %s: Content-Type %q, want application/problem+json", method, target, ct)
		}
		if err := json.NewDecoder(res.Body).Decode(&p); err != nil {
			t.Errorf("%s %s: problem body: %v", method, target, err)
		}
	}
	return res, p
}

const nlCall = "Agent: Goedemiddag, u spreekt met Sanne van Incasso Noord. Ik bel over de rekening van maart.\nKlant: Ik ben mijn baan kwijt.\nAgent: Wat naar. Wat zou u per maand kunnen betalen?\nKlant: Vijftig euro.\n"

func TestBadInputAnswers(t *testing.T) {
	srv, stored := newFakeServer(t)
	h := srv.Handler()
	text := map[string]string{"Content-Type": "text/plain"}
	jsonType := map[string]string{"Content-Type": "application/json"}
	tests := []struct {
		name, method, target string
		header               map[string]string
		body                 string
		status               int
		detail               string
	}{
		{"misspelled external_id", "POST", "/v1/calls?agent_id=a&externalid=x", text, nlCall, 400, "Unknown query parameter externalid: this route takes only agent_id, external_id"},
		{"misspelled occurred_at", "POST", "/v1/calls?agent_id=a&occured_at=2026-11-01", text, nlCall, 400, "occured_at"},
		{"agent= on the listing", "GET", "/v1/calls?agent=x", nil, "", 400, "Unknown query parameter agent: this route takes only agent_id, team_id, external_id, review_status, from, to, limit, cursor"},
		{"query on a route that takes none", "POST", "/v1/arrangements?lang=nl", jsonType, `{}`, 400, "this route takes no query parameters"},
		{"agent_id of 10,000 characters", "POST", "/v1/calls?agent_id=" + strings.Repeat("a", 10000), text, nlCall, 400, "agent_id is 10000 characters long; identifiers may have at most 200"},
		{"external_id of 3,000 characters", "POST", "/v1/calls?agent_id=a&external_id=" + strings.Repeat("x", 3000), text, nlCall, 400, "external_id is 3000 characters"},
		{"team_id of 3,000 characters", "POST", "/v1/calls?agent_id=a&team_id=" + strings.Repeat("t", 3000), text, nlCall, 400, "team_id is 3000 characters"},
		{"agent_id of only spaces", "POST", "/v1/calls?agent_id=%20%20%20", text, nlCall, 400, "agent_id is only spaces"},
		{"agent_id with a NUL", "GET", "/v1/calls?agent_id=a%00b", nil, "", 400, "agent_id holds a control character"},
		{"agent_id in the body twice", "POST", "/v1/calls", jsonType, `{"agent_id":"a","agent_id":"b","turns":[{"speaker":"agent","text":"Goedemiddag."}]}`, 400, `"agent_id" twice`},
		{"tip text twice", "POST", "/v1/tips", jsonType, `{"text":"hoi","text":"dag"}`, 400, `"text" twice`},
		{"occurred_at in year 1", "POST", "/v1/calls?agent_id=a&occurred_at=0001-01-01T00:00:00Z", text, nlCall, 400, "occurred_at 0001-01-01T00:00:00Z is before 2000-01-01"},
		{"occurred_at in 9999", "POST", "/v1/calls?agent_id=a&occurred_at=9999-01-01T00:00:00Z", text, nlCall, 400, "is in the future"},
		{"occurred_at in year 1 in the body", "POST", "/v1/calls", jsonType, `{"agent_id":"a","occurred_at":"0001-01-01T00:00:00Z","turns":[{"speaker":"agent","text":"Goedemiddag."}]}`, 400, "before 2000-01-01"},
		{"a NUL inside a JSON string", "POST", "/v1/calls", jsonType, `{"agent_id":"a","turns":[{"speaker":"agent","text":"Goede\u0000middag."}]}`, 400, "turns[0] holds a control character at position 6"},
		{"latin-1 charset", "POST", "/v1/calls?agent_id=a", map[string]string{"Content-Type": "text/plain; charset=iso-8859-1"}, nlCall, 415, "charset=iso-8859-1 is not accepted"},
		{"brotli encoding", "POST", "/v1/calls?agent_id=a", map[string]string{"Content-Type": "text/plain", "Content-Encoding": "br"}, nlCall, 415, `Content-Encoding "br" is not accepted`},
		{"gzip that is not gzip", "POST", "/v1/calls?agent_id=a", map[string]string{"Content-Type": "text/plain", "Content-Encoding": "gzip"}, nlCall, 400, "not gzip"},
		{"start_date in 9999", "POST", "/v1/arrangements", jsonType, `{"debt":{"principal":1000,"currency":"EUR"},"jurisdiction":"nl","start_date":"9999-12-31"}`, 400, "start_date 9999-12-31 is more than 12 months away"},
		{"language de", "POST", "/v1/calls?agent_id=a&language=de", text, nlCall, 400, `language "de" is not supported`},
		{"tip language fr", "POST", "/v1/tips", jsonType, `{"text":"hoi","language":"fr"}`, 400, `language "fr" is not supported`},
		{"arrangement language xx", "POST", "/v1/arrangements", jsonType, `{"debt":{"principal":1000,"currency":"EUR"},"jurisdiction":"nl","language":"xx"}`, 400, `language "xx" is not supported`},
		{"unmappable speakers say agent=", "POST", "/v1/calls?agent_id=a", map[string]string{"Content-Type": "text/vtt"}, "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Anna>Hallo</v>\n\n00:00:02.000 --> 00:00:03.000\n<v Piet>Dag</v>\n", 422, "agent=Anna (or agent_speaker=Anna)"},
		{"unknown label says customer=", "POST", "/v1/calls?agent_id=a", text, "Agent: Goedemiddag.\nBoss: Wat is er?\n", 400, "declare it with customer=Boss."},
		{"unknown format says format=", "POST", "/v1/calls?agent_id=a", jsonType, `{"rows":[]}`, 415, "force a format with format=NAME"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, p := send(t, h, tt.method, tt.target, tt.header, []byte(tt.body))
			if res.StatusCode != tt.status || !strings.Contains(p.Detail, tt.detail) {
				t.Errorf("%d %q, want %d with %q", res.StatusCode, p.Detail, tt.status, tt.detail)
			}
		})
	}
	if *stored != 0 {
		t.Errorf("%d calls stored after bad input", *stored)
	}
}

func TestLanguageTagsEverywhere(t *testing.T) {
	srv, _ := newFakeServer(t)
	h := srv.Handler()
	for _, tc := range []struct{ target, ct, body string }{
		{"/v1/analyze?language=nl-NL", "text/plain", nlCall},
		{"/v1/analyze?language=NL", "text/plain", nlCall},
		{"/v1/tips", "application/json", `{"text":"Wat kunt u betalen?","language":"nl-BE"}`},
		{"/v1/arrangements", "application/json", `{"debt":{"principal":1000,"currency":"EUR"},"jurisdiction":"nl","language":"nl-NL"}`},
		{"/v1/analyze", "application/json", `{"language":"nl-NL","turns":[{"speaker":"agent","text":"Goedemiddag, wat kunt u betalen?"}]}`},
	} {
		if res, p := send(t, h, "POST", tc.target, map[string]string{"Content-Type": tc.ct}, []byte(tc.body)); res.StatusCode != 200 {
			t.Errorf("POST %s %s: %d %s", tc.target, tc.body, res.StatusCode, p.Detail)
		}
	}
}

// TestDeclaredLanguageStands: a call posted as Dutch stays Dutch in every
// turn a stray English word could tip.
func TestDeclaredLanguageStands(t *testing.T) {
	srv, _ := newFakeServer(t)
	body := "Agent: Goedemiddag, u spreekt met Sanne van Incasso Noord.\nKlant: Ok.\nAgent: Hmm.\nKlant: Yes, thank you.\n"
	req := httptest.NewRequest("POST", "/v1/analyze?language=nl", strings.NewReader(body))
	req.Header.Set("Content-Type", "text/plain")
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, req)
	var an api.AnalyzeResponse
	if err := json.NewDecoder(rec.Body).Decode(&an); err != nil || rec.Code != 200 {
		t.Fatalf("status %d: %v", rec.Code, err)
	}
	for _, turn := range an.Turns {
		if turn.Language != "" {
			t.Errorf("turn %d %q re-detected as %s", turn.Index, turn.Text, turn.Language)
		}
	}
}

func TestGzipBody(t *testing.T) {
	srv, stored := newFakeServer(t)
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	io.WriteString(zw, nlCall)
	zw.Close()
	res, p := send(t, srv.Handler(), "POST", "/v1/calls?agent_id=a", map[string]string{"Content-Type": "text/plain", "Content-Encoding": "gzip"}, buf.Bytes())
	if res.StatusCode != 201 || *stored != 1 {
		t.Fatalf("gzip body: %d %s, %d stored", res.StatusCode, p.Detail, *stored)
	}
	// A small gzip body that unpacks past the limit is refused like a large one.
	buf.Reset()
	zw = gzip.NewWriter(&buf)
	zw.Write(bytes.Repeat([]byte("Agent: hallo\n"), 20000))
	zw.Close()
	if res, p := send(t, srv.Handler(), "POST", "/v1/calls?agent_id=a", map[string]string{"Content-Type": "text/plain", "Content-Encoding": "gzip"}, buf.Bytes()); res.StatusCode != 413 {
		t.Errorf("gzip bomb: %d %s, want 413", res.StatusCode, p.Detail)
	}
}

func TestLoneCRCall(t *testing.T) {
	srv, _ := newFakeServer(t)
	body := strings.ReplaceAll(nlCall, "\n", "\r")
	req := httptest.NewRequest("POST", "/v1/analyze", strings.NewReader(body))
	req.Header.Set("Content-Type", "text/plain")
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, req)
	var an api.AnalyzeResponse
	if err := json.NewDecoder(rec.Body).Decode(&an); err != nil || rec.Code != 200 {
		t.Fatalf("status %d: %v", rec.Code, err)
	}
	if len(an.Turns) != 4 {
		t.Errorf("a call with lone CR line ends read as %d turns, want 4", len(an.Turns))
	}
}

// TestServerErrorsAreProblems: the answers net/http writes itself, before
// any handler runs, have the problem+json shape too.
func TestServerErrorsAreProblems(t *testing.T) {
	srv, _ := newFakeServer(t)
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close(context.Background()) })
	addr := strings.TrimPrefix(srv.URL(), "http://")
	for _, tc := range []struct {
		name, request string
		status        int
		detail        string
	}{
		{"headers over the limit", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("a", 2<<20) + "\r\n\r\n", 431, "headers are larger"},
		{"a broken request line", "GARBAGE\r\n\r\n", 400, "could not be read as HTTP"},
		{"no Host header", "GET /healthz HTTP/1.1\r\n\r\n", 400, "Host"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(10 * time.Second))
			go io.WriteString(conn, tc.request)
			res, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			var p api.Problem
			if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("Content-Type %q", ct)
			}
			if err := json.NewDecoder(res.Body).Decode(&p); err != nil {
				t.Fatalf("body: %v", err)
			}
			if res.StatusCode != tc.status || p.Status != tc.status || !strings.Contains(p.Detail, tc.detail) {
				t.Errorf("%d %+v, want %d with %q", res.StatusCode, p, tc.status, tc.detail)
			}
		})
	}
	// An ordinary answer on the same listener is untouched.
	res, err := http.Get(srv.URL() + "/healthz")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", res, err)
	}
	res.Body.Close()
}

// TestErrorMapping: each error code becomes its one status, and an
// unexpected error never shows its cause.
func TestErrorMapping(t *testing.T) {
	for _, tc := range []struct {
		err    error
		status int
		code   string
		detail string
	}{
		{assistant.Errorf(assistant.ENotFound, "Call 7 not found."), 404, assistant.ENotFound, "Call 7 not found."},
		{assistant.Errorf(assistant.EUnavailable, "The database cannot be reached."), 503, assistant.EUnavailable, "cannot be reached"},
		{fmt.Errorf("find: %w", context.DeadlineExceeded), 503, assistant.EUnavailable, "took too long"},
		{errors.New("pq: secret table name"), 500, assistant.EInternal, "Internal error."},
		{&assistant.Error{Code: assistant.EConflict, Message: "Already reviewed.", Err: errors.New("cause")}, 409, assistant.EConflict, "Already reviewed."},
		{assistant.Errorf(assistant.EUnauthorized, "The token is not valid."), 401, assistant.EUnauthorized, "not valid"},
		{assistant.Errorf(assistant.EForbidden, "Only trainers review calls."), 403, assistant.EForbidden, "Only trainers"},
	} {
		st := &mock.CallStore{FindCallByIDFn: func(context.Context, assistant.Scope, int64) (*assistant.Call, error) { return nil, tc.err }}
		an, arr := builtin.Analyzer(testToday)
		h := api.NewServer(api.Config{AuthOff: true}, &coach.Service{Analyzer: an, Store: st}, &mock.Directory{}, arr).Handler()
		res, p := send(t, h, "GET", "/v1/calls/7", nil, nil)
		if res.StatusCode != tc.status || p.Code != tc.code || !strings.Contains(p.Detail, tc.detail) {
			t.Errorf("%v: %d %+v, want %d %s %q", tc.err, res.StatusCode, p, tc.status, tc.code, tc.detail)
		}
		if strings.Contains(p.Detail, "pq:") || strings.Contains(p.Detail, "cause") {
			t.Errorf("detail leaks the cause: %q", p.Detail)
		}
	}
}
