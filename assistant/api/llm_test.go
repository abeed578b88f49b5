package api_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
	"github.com/rooscoach/rooscoach/assistant/builtin"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/assistant/llm"
	"github.com/rooscoach/rooscoach/assistant/llm/llmtest"
	"github.com/rooscoach/rooscoach/store"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// newLLMEnv serves the API over a real Postgres schema with the LLM engine
// on an OpenAI-compatible test server, through the real go-openai client.
func newLLMEnv(t *testing.T, def assistant.EngineChoice) (*env, *llmtest.Server) {
	t.Helper()
	ctx := context.Background()
	dsn := storetest.NewDSN(t)
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ts := llmtest.New(t, "sk-api-test", "test-model")
	logger := slog.New(slog.NewTextHandler(testLogWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	eng, err := llm.New(llm.Config{APIKey: "sk-api-test", BaseURL: ts.BaseURL(), Model: "test-model",
		Timeout: 2 * time.Second, Deadline: 3 * time.Second, Backoff: 10 * time.Millisecond, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	e := eng.Engine()
	today := func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }
	an, arr := builtin.Analyzer(today)
	metrics := api.NewMetrics()
	if err := metrics.Register(api.LLMTotals(func() api.LLMCounts {
		t := eng.Totals()
		return api.LLMCounts{Requests: t.Requests, Failures: t.Failures, PromptTokens: t.PromptTokens, CompletionTokens: t.CompletionTokens}
	})); err != nil {
		t.Fatal(err)
	}
	svc := &coach.Service{Analyzer: an, Store: db, Imports: db, Now: today, LLM: &e, DefaultEngine: def, Observer: metrics}
	server := api.NewServer(api.Config{Logger: logger, Metrics: metrics}, svc, db, arr)
	srv := httptest.NewServer(server.Handler())
	t.Cleanup(srv.Close)
	sdb, err := sqlx.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sdb.Close() })
	token, err := db.CreateToken(ctx, assistant.CommandLine(), &assistant.Token{Name: "test admin", Role: assistant.RoleAdmin})
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, url: srv.URL, sql: sdb, db: db, srv: server, token: token}, ts
}

func runOf(runs []assistant.EngineRun, p assistant.Part) assistant.EngineRun {
	for _, r := range runs {
		if r.Part == p {
			return r
		}
	}
	return assistant.EngineRun{}
}

// A transcript with personal data in it, which must not reach the LLM.
const piiCall = `Medewerker: Goedemiddag, u spreekt met Sanne van Incassobureau Noordkust.
Klant: Mijn rekeningnummer is NL91 ABNA 0417 1643 00 en mijn nummer is 06-12345678.
Medewerker: U moet € 150 vóór vrijdag overmaken van NL91 ABNA 0417 1643 00.
Klant: Dat lukt niet, ik ben mijn baan kwijt. Ik kan 50 euro per maand.
Medewerker: Dan spreken we 50 euro per maand af. Ik stuur u vandaag de bevestiging.
`

// Every analysis route works on the LLM engine: the record says which
// engine produced what, and the after-call summary and draft review are
// stored and come back with GET /v1/calls/{id}.
func TestRoutesOnLLM(t *testing.T) {
	e, ts := newLLMEnv(t, "")
	var created assistant.Call
	res := e.do("POST", "/v1/calls?agent_id=a-1&external_id=llm-1&engine=llm", "text/plain", []byte(piiCall), &created)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("POST /v1/calls?engine=llm: status %d", res.StatusCode)
	}
	for _, p := range []assistant.Part{assistant.PartStance, assistant.PartPhrasing, assistant.PartSummary, assistant.PartReview} {
		if r := runOf(created.Engines, p); r.Engine != llm.Name || r.FallbackReason != "" {
			t.Errorf("%s: %+v, want llm", p, r)
		}
	}
	var got assistant.Call
	if res := e.do("GET", fmt.Sprintf("/v1/calls/%d", created.ID), "", nil, &got); res.StatusCode != http.StatusOK {
		t.Fatalf("GET: status %d", res.StatusCode)
	}
	if got.AfterCallSummary == nil || !strings.Contains(got.AfterCallSummary.Text, "NL91 ABNA 0417 1643 00") {
		t.Errorf("stored summary %+v: want it with the original IBAN", got.AfterCallSummary)
	}
	if r := got.DraftReview; r == nil || r.Status != assistant.ReviewDraft || len(r.Strengths[0].TurnIDs) != 1 || r.Strengths[0].TurnIDs[0] != got.Turns[r.Strengths[0].Turns[0]].ID {
		t.Errorf("stored review %+v: want a draft pointing at the stored turns' ids", r)
	}
	if got.LLMUsage == nil || got.LLMUsage.Requests == 0 || got.LLMUsage.Model != "test-model" {
		t.Errorf("stored usage %+v", got.LLMUsage)
	}
	if runOf(got.Engines, assistant.PartStance).PromptVersion == "" {
		t.Errorf("stored engines %+v lack the prompt version", got.Engines)
	}
	for _, r := range ts.Requests() {
		if bytes.Contains(r.Body, []byte("0417")) || bytes.Contains(r.Body, []byte("12345678")) {
			t.Errorf("a %s request left with personal data", llmtest.Task(r.Chat))
		}
	}

	var an api.AnalyzeResponse
	if res := e.do("POST", "/v1/analyze?engine=llm", "text/plain", []byte(piiCall), &an); res.StatusCode != http.StatusOK || an.AfterCallSummary == nil {
		t.Errorf("POST /v1/analyze?engine=llm: status %d, summary %v", res.StatusCode, an.AfterCallSummary)
	}
	var tip assistant.TipResult
	body := []byte(`{"text": "U moet vóór vrijdag € 250 betalen.", "context": [{"speaker": "customer", "text": "Ik ben mijn baan kwijt."}]}`)
	if res := e.do("POST", "/v1/tips?engine=llm", "application/json", body, &tip); res.StatusCode != http.StatusOK {
		t.Fatalf("POST /v1/tips?engine=llm: status %d", res.StatusCode)
	}
	if tip.Engines[0].Engine != llm.Name || tip.Engines[1].Engine != llm.Name || !strings.Contains(tip.Suggested, "€ 250") || tip.LLMUsage == nil {
		t.Errorf("tip on the LLM: %+v", tip)
	}
	m := e.scrape()
	m.atLeast(t, `rooscoach_analyses_total{engine="llm",language="nl"}`, 2)
	m.atLeast(t, `rooscoach_llm_requests_total`, 4)
	m.atLeast(t, `rooscoach_llm_tokens_total{kind="prompt"}`, 1)
	m.atLeast(t, `rooscoach_llm_tokens_total{kind="completion"}`, 1)
	var builtinTip assistant.TipResult
	if res := e.do("POST", "/v1/tips?engine=builtin", "application/json", body, &builtinTip); res.StatusCode != http.StatusOK || builtinTip.Engines[0].Engine != assistant.Builtin || builtinTip.LLMUsage != nil {
		t.Errorf("tip on engine=builtin: status %d, %+v", res.StatusCode, builtinTip.Engines)
	}
}

// When the LLM fails, every route still answers, on the built-in engine,
// and the stored record keeps the reason.
func TestRoutesFallBack(t *testing.T) {
	e, ts := newLLMEnv(t, assistant.ChooseAuto)
	ts.Respond(func(llmtest.Request) llmtest.Reply { return llmtest.Reply{Status: http.StatusServiceUnavailable} })
	var created assistant.Call
	if res := e.do("POST", "/v1/calls?agent_id=a-1&external_id=down-1", "text/plain", []byte(piiCall), &created); res.StatusCode != http.StatusCreated {
		t.Fatalf("status %d", res.StatusCode)
	}
	var got assistant.Call
	e.do("GET", fmt.Sprintf("/v1/calls/%d", created.ID), "", nil, &got)
	if r := runOf(got.Engines, assistant.PartStance); r.Engine != assistant.Builtin || !strings.Contains(r.FallbackReason, "503") {
		t.Errorf("stored stance run %+v, want the built-in engine with the 503 as reason", r)
	}
	if r := runOf(got.Engines, assistant.PartSummary); r.Engine != assistant.NoEngine || r.FallbackReason == "" {
		t.Errorf("stored summary run %+v", r)
	}
	if got.AfterCallSummary != nil || got.DraftReview != nil {
		t.Error("a failed LLM left a summary or review")
	}
	var tip assistant.TipResult
	if res := e.do("POST", "/v1/tips", "application/json", []byte(`{"text": "You must pay today."}`), &tip); res.StatusCode != http.StatusOK || tip.Engines[0].FallbackReason == "" {
		t.Errorf("tip with the LLM down: status %d, %+v", res.StatusCode, tip.Engines)
	}
	m := e.scrape()
	m.atLeast(t, `rooscoach_engine_fallbacks_total{part="stance"}`, 1)
	m.atLeast(t, `rooscoach_engine_fallbacks_total{part="summary"}`, 1)
	m.atLeast(t, `rooscoach_llm_failures_total`, 1)
}

// engine=llm on a server without an LLM is a 400 naming the setting;
// engine=auto is the built-in engine there, and an unknown engine is a 400.
func TestEngineChoiceWithoutLLM(t *testing.T) {
	srv, _ := newFakeServer(t)
	h := srv.Handler()
	call := []byte("Agent: Good morning.\nCustomer: Hello.\n")
	for _, path := range []string{"/v1/analyze?engine=llm", "/v1/calls?agent_id=a&engine=llm"} {
		res, p := send(t, h, "POST", path, map[string]string{"Content-Type": "text/plain"}, call)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(p.Detail, "OPENAI_API_KEY") || !strings.Contains(p.Detail, "AZURE_OPENAI_ENDPOINT") || !strings.Contains(p.Detail, "OPENAI_BASE_URL") {
			t.Errorf("POST %s: %d %q, want 400 naming OPENAI_API_KEY, AZURE_OPENAI_ENDPOINT and OPENAI_BASE_URL", path, res.StatusCode, p.Detail)
		}
	}
	res, p := send(t, h, "POST", "/v1/tips?engine=llm", map[string]string{"Content-Type": "application/json"}, []byte(`{"text": "hi"}`))
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(p.Detail, "OPENAI_API_KEY") {
		t.Errorf("POST /v1/tips?engine=llm: %d %q", res.StatusCode, p.Detail)
	}
	if res, _ := send(t, h, "POST", "/v1/analyze?engine=auto", map[string]string{"Content-Type": "text/plain"}, call); res.StatusCode != http.StatusOK {
		t.Errorf("engine=auto without an LLM: status %d, want 200 on the built-in engine", res.StatusCode)
	}
	res, p = send(t, h, "POST", "/v1/analyze?engine=gpt", map[string]string{"Content-Type": "text/plain"}, call)
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(p.Detail, "builtin, llm or auto") {
		t.Errorf("engine=gpt: %d %q", res.StatusCode, p.Detail)
	}
}
