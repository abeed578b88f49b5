package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/assistant/llm"
	"github.com/rooscoach/rooscoach/assistant/llm/llmtest"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// serveWith runs serve on a fresh migrated schema with the environment env
// and returns its base URL and its log.
func serveWith(t *testing.T, env map[string]string) (string, *syncBuffer) {
	t.Helper()
	t.Setenv("DATABASE_URL", storetest.NewDSN(t))
	t.Setenv("ROOSCOACH_ADDR", "127.0.0.1:0")
	for _, k := range []string{"OPENAI_API_KEY", "OPENAI_BASE_URL", "ROOSCOACH_ENGINE", "ROOSCOACH_LLM_MODEL", "AZURE_OPENAI_ENDPOINT"} {
		t.Setenv(k, env[k])
	}
	logs := &syncBuffer{}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, nil, io.Discard, logs) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return waitForURL(t, logs), logs
}

// analyze posts a sample to /v1/analyze with the admin token serve wrote
// to logs on its first start.
func analyze(t *testing.T, base string, logs *syncBuffer, query string) assistant.Analysis {
	t.Helper()
	body, err := os.ReadFile("../../testdata/calls/nl-betalingsregeling.txt")
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("POST", base+"/v1/analyze"+query, bytes.NewReader(body))
	req.Header.Set("Content-Type", "text/plain")
	req.Header.Set("Authorization", "Bearer "+firstToken(t, logs))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("POST /v1/analyze%s: %d %s", query, res.StatusCode, data)
	}
	var an assistant.Analysis
	if err := json.Unmarshal(data, &an); err != nil {
		t.Fatal(err)
	}
	return an
}

// A wrong key is said at start-up, naming the setting, and serve keeps
// serving: a request for the LLM is answered by the built-in engine with
// the reason in the record.
func TestServeWithBrokenLLM(t *testing.T) {
	ts := llmtest.New(t, "sk-right", "test-model")
	base, logs := serveWith(t, map[string]string{"OPENAI_API_KEY": "sk-wrong", "OPENAI_BASE_URL": ts.BaseURL(), "ROOSCOACH_LLM_MODEL": "test-model"})
	if !strings.Contains(logs.String(), "check OPENAI_API_KEY") {
		t.Errorf("start-up log does not say what is wrong:\n%s", logs)
	}
	an := analyze(t, base, logs, "?engine=llm")
	if r := an.Engines[0]; r.Engine != assistant.Builtin || !strings.Contains(r.FallbackReason, "OPENAI_API_KEY") {
		t.Errorf("stance run %+v", r)
	}
	if strings.Contains(logs.String(), "sk-wrong") {
		t.Error("the log shows the API key")
	}
}

// A server default of llm answers requests that name no engine with the
// LLM; an unknown model is said at start-up.
func TestServeDefaultLLM(t *testing.T) {
	ts := llmtest.New(t, "sk-right", "test-model")
	base, logs := serveWith(t, map[string]string{"OPENAI_API_KEY": "sk-right", "OPENAI_BASE_URL": ts.BaseURL(), "ROOSCOACH_LLM_MODEL": "test-model", "ROOSCOACH_ENGINE": "llm"})
	an := analyze(t, base, logs, "")
	if an.Engines[0].Engine != "llm" || an.AfterCallSummary == nil {
		t.Errorf("default engine llm: engines %+v, summary %v", an.Engines, an.AfterCallSummary)
	}
	if strings.Contains(logs.String(), "does not answer") {
		t.Errorf("a working LLM was reported broken:\n%s", logs)
	}
	if an := analyze(t, base, logs, "?engine=builtin"); an.Engines[0].Engine != assistant.Builtin {
		t.Errorf("engine=builtin: %+v", an.Engines)
	}

	ts2 := llmtest.New(t, "", "llama3.1:8b")
	_, logs2 := serveWith(t, map[string]string{"OPENAI_BASE_URL": ts2.BaseURL(), "ROOSCOACH_LLM_MODEL": "llama3"})
	if !strings.Contains(logs2.String(), `does not offer model \"llama3\"`) && !strings.Contains(logs2.String(), `does not offer model "llama3"`) {
		t.Errorf("an unknown model is not said at start-up:\n%s", logs2)
	}
}

// ROOSCOACH_ENGINE=llm without an LLM is said at start-up, and requests are
// served on the built-in engine, while an explicit engine=llm gets a 400.
func TestServeEngineLLMWithoutLLM(t *testing.T) {
	base, logs := serveWith(t, map[string]string{"ROOSCOACH_ENGINE": "llm"})
	if !strings.Contains(logs.String(), "no LLM is configured") {
		t.Errorf("start-up log:\n%s", logs)
	}
	if an := analyze(t, base, logs, ""); an.Engines[0].Engine != assistant.Builtin {
		t.Errorf("engines %+v", an.Engines)
	}
	req, _ := http.NewRequest("POST", base+"/v1/tips?engine=llm", strings.NewReader(`{"text": "hi"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+firstToken(t, logs))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("engine=llm without an LLM: status %d, want 400", res.StatusCode)
	}
}

// eval --engine both prints each engine's accuracy and their agreement.
func TestEvalBoth(t *testing.T) {
	ts := llmtest.New(t, "sk-right", "test-model")
	t.Setenv("OPENAI_API_KEY", "sk-right")
	t.Setenv("OPENAI_BASE_URL", ts.BaseURL())
	t.Setenv("ROOSCOACH_LLM_MODEL", "test-model")
	f := filepath.Join(t.TempDir(), "set.tsv")
	rows := "lang\tquadrant\ttext\n" +
		"nl\tabove-together\tWat zou voor u haalbaar zijn?\n" +
		"nl\tabove-opposed\tU moet vandaag betalen, anders komt de deurwaarder.\n" +
		"en\tabove-together\tWhat would work for you each month?\n" +
		"en\tabove-opposed\tYou must pay today or we take you to court.\n"
	if err := os.WriteFile(f, []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := runCmd(t, "", "eval", "--engine", "both", f)
	if err != nil {
		t.Fatalf("eval: %v\n%s", err, stderr)
	}
	for _, want := range []string{"(builtin engine)", "(llm engine)", "agreement of the builtin and llm engines", "Cohen's kappa"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
	// The oracle calls every agent turn leading: it agrees with the built-in
	// engine on the above-together rows only.
	if !strings.Contains(out, "quadrant  50.0% (2/4)") {
		t.Errorf("agreement line wrong:\n%s", out)
	}
	if len(ts.Requests()) != 4 {
		t.Errorf("%d LLM requests for 4 examples", len(ts.Requests()))
	}
	t.Setenv("OPENAI_API_KEY", "")
	t.Setenv("OPENAI_BASE_URL", "")
	if _, _, err := runCmd(t, "", "eval", "--engine", "llm", f); err == nil || !strings.Contains(err.Error(), "OPENAI_API_KEY") {
		t.Errorf("eval --engine llm without an LLM: err %v", err)
	}
}

// An LLM server that is down at start-up leaves the engine paused: the
// first tip is answered by the built-in engine at once, without a request
// to the server, and the log says why at warn; a server that comes up later
// is asked again after the breaker's cool-down (30 s, on a test clock) and
// answers the tips from then on.
func TestLLMDownAtStart(t *testing.T) {
	ts := llmtest.New(t, "sk-right", "test-model")
	ts.SetDown(true)
	var mu sync.Mutex
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		return now
	}
	analyzer, _, _, err := newAnalyzer("", "", "")
	if err != nil {
		t.Fatal(err)
	}
	svc := &coach.Service{Analyzer: analyzer}
	logs := &syncBuffer{}
	cfg := LLMConfig{Engine: "builtin", APIKey: "sk-right", BaseURL: ts.BaseURL(), Model: "test-model", Timeout: 10 * time.Second,
		ResponseFormat: llm.FormatJSONSchema, Redact: true, now: clock}
	if eng := wireLLM(context.Background(), cfg, svc, slog.New(slog.NewTextHandler(logs, nil))); eng == nil {
		t.Fatal("no LLM engine wired")
	}
	if l := logs.String(); !strings.Contains(l, "level=WARN") || !strings.Contains(l, "cannot be reached: check OPENAI_BASE_URL") ||
		!strings.Contains(l, "asked_again_at=2026-12-04T10:00:30Z") || strings.Contains(l, "sk-right") {
		t.Errorf("start-up log does not say at warn why and until when, or shows the key:\n%s", l)
	}

	tip := func() *assistant.TipResult {
		t.Helper()
		res, err := svc.Tip(context.Background(), assistant.TipRequest{Text: "U moet het bedrag vandaag nog overmaken.", Language: assistant.Dutch}, assistant.ChooseLLM)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	res := tip()
	if r := res.Engines[0]; r.Part != assistant.PartStance || r.Engine != assistant.Builtin || !strings.Contains(r.FallbackReason, "paused since it did not answer at start-up") {
		t.Errorf("first tip's stance run %+v, want the built-in engine with the pause as reason", r)
	}
	if n := len(ts.Requests()); n != 0 {
		t.Errorf("the first tip sent %d requests to a server found down at start-up, want none", n)
	}

	// Up, but within the cool-down: still paused.
	ts.SetDown(false)
	if res := tip(); res.Engines[0].Engine != assistant.Builtin || len(ts.Requests()) != 0 {
		t.Errorf("within the cool-down: engines %+v after %d requests", res.Engines, len(ts.Requests()))
	}
	mu.Lock()
	now = now.Add(31 * time.Second)
	mu.Unlock()
	res = tip()
	for _, r := range res.Engines {
		if r.Engine != llm.Name || r.FallbackReason != "" {
			t.Errorf("after the cool-down: %s run %+v, want the LLM", r.Part, r)
		}
	}
	if n := len(ts.Requests()); n != 2 {
		t.Errorf("after the cool-down: %d requests, want stance and rewrite", n)
	}
}
