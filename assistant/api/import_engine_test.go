package api_test

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
	"github.com/rooscoach/rooscoach/assistant/builtin"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/assistant/llm"
	"github.com/rooscoach/rooscoach/store"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// engine= of POST /v1/imports is read as the other routes read it: an
// unknown engine, or llm on a server without one, is the same 400 as
// POST /v1/calls gives, naming the three ways to configure a model, and
// nothing is stored.
func TestImportEngineRefused(t *testing.T) {
	e := newEnv(t, api.Config{})
	ct, body := multipartBody(t, map[string][]byte{"nl.txt": testdata(t, "calls/nl-betalingsregeling.txt")})
	for _, c := range []struct{ engine, says string }{
		{"llm", "OPENAI_API_KEY (OpenAI), AZURE_OPENAI_ENDPOINT with AZURE_OPENAI_API_KEY (Azure OpenAI) or OPENAI_BASE_URL (a local server such as Ollama or vLLM)"},
		{"gpt", `engine "gpt" is not known; use builtin, llm or auto.`},
	} {
		var imp, call api.Problem
		res := e.do("POST", "/v1/imports?agent_id=agent-sanne&engine="+c.engine, ct, body, &imp)
		checkProblem(t, res, imp, 400, c.says)
		e.do("POST", "/v1/calls?agent_id=agent-sanne&engine="+c.engine, "text/plain", testdata(t, "calls/nl-betalingsregeling.txt"), &call)
		if imp.Detail != call.Detail || imp.Code != call.Code {
			t.Errorf("engine=%s: the import answers %q (%s), POST /v1/calls %q (%s)", c.engine, imp.Detail, imp.Code, call.Detail, call.Code)
		}
	}
	if n := e.count("imports"); n != 0 {
		t.Errorf("%d imports stored from refused uploads", n)
	}
}

// The engine an import asks for travels with its jobs: a worker whose
// own default is the built-in engine analyses the files of an engine=llm
// import with the LLM, and those of an import that names none with its
// default.
func TestImportEngineOverHTTP(t *testing.T) {
	e, ts := newLLMEnv(t, assistant.ChooseBuiltin)
	// The worker is another service on the same database, as another
	// instance would be; it knows the LLM but does not default to it.
	eng, err := llm.New(llm.Config{APIKey: "sk-api-test", BaseURL: ts.BaseURL(), Model: "test-model",
		Timeout: 2 * time.Second, Deadline: 3 * time.Second, Backoff: 10 * time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(testLogWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	if err != nil {
		t.Fatal(err)
	}
	today := func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }
	an, _ := builtin.Analyzer(today)
	llmEngine := eng.Engine()
	worker := &coach.Service{Analyzer: an, Store: e.db, Imports: e.db, Now: today, LLM: &llmEngine, DefaultEngine: assistant.ChooseBuiltin}
	storetest.StartQueue(t, e.db, worker, store.QueueConfig{Workers: 2, PollInterval: 100 * time.Millisecond})

	for i, c := range []struct {
		query, want string
		options     assistant.EngineChoice
	}{
		{"&engine=llm", llm.Name, assistant.ChooseLLM},
		{"", assistant.Builtin, ""},
	} {
		ct, body := multipartBody(t, map[string][]byte{
			fmt.Sprintf("nl-%d.txt", i): testdata(t, "calls/nl-betalingsregeling.txt"),
			fmt.Sprintf("en-%d.txt", i): testdata(t, "calls/en-arrears.txt"),
		})
		var imp assistant.Import
		if res := e.do("POST", "/v1/imports?agent_id=agent-sanne&team_id=team-noord"+c.query, ct, body, &imp); res.StatusCode != http.StatusAccepted {
			t.Fatalf("POST /v1/imports%s: %d", c.query, res.StatusCode)
		}
		if imp.Options.Engine != c.options {
			t.Errorf("import%s: options %+v, want engine %q", c.query, imp.Options, c.options)
		}
		for deadline := time.Now().Add(30 * time.Second); !imp.Finished; {
			if time.Now().After(deadline) {
				t.Fatalf("import%s not finished: %+v", c.query, imp)
			}
			time.Sleep(100 * time.Millisecond)
			e.do("GET", "/v1/imports/"+itoa(imp.ID), "", nil, &imp)
		}
		if imp.Done != 2 {
			t.Fatalf("import%s: %+v, want both files done", c.query, imp)
		}
		var ids []int64
		if err := e.sql.Select(&ids, `SELECT call_id FROM import_files WHERE import_id = $1 ORDER BY idx`, imp.ID); err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			var call assistant.Call
			e.do("GET", fmt.Sprintf("/v1/calls/%d", id), "", nil, &call)
			if r := runOf(call.Engines, assistant.PartStance); r.Engine != c.want || r.FallbackReason != "" {
				t.Errorf("import%s: call %d's stance run %+v, want %s", c.query, id, r, c.want)
			}
		}
		// The choice is in the jobs themselves, for any instance to read.
		var args []json.RawMessage
		if err := e.sql.Select(&args, `SELECT args FROM river_job WHERE kind = 'import_file' AND (args->>'file_id')::bigint IN (SELECT id FROM import_files WHERE import_id = $1)`, imp.ID); err != nil {
			t.Fatal(err)
		}
		for _, a := range args {
			var job struct {
				Engine assistant.EngineChoice `json:"engine"`
			}
			if err := json.Unmarshal(a, &job); err != nil || job.Engine != c.options {
				t.Errorf("import%s: job args %s, want engine %q", c.query, a, c.options)
			}
		}
		if len(args) != 2 {
			t.Errorf("import%s: %d jobs, want 2", c.query, len(args))
		}
	}
}
