package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/llm"
	"github.com/rooscoach/rooscoach/assistant/llm/llmtest"
	"github.com/rooscoach/rooscoach/store"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// rooscoach import --engine llm wires the LLM as serve does and works the
// files with it; without --engine the files get the default (the built-in
// engine); an engine that cannot be used is refused before anything is
// stored.
func TestImportCommandEngine(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.NewDSN(t)
	t.Setenv("DATABASE_URL", dsn)
	t.Setenv("ROOSCOACH_JOB_POLL", "100ms")
	for _, k := range []string{"OPENAI_API_KEY", "OPENAI_BASE_URL", "ROOSCOACH_ENGINE", "ROOSCOACH_LLM_MODEL", "AZURE_OPENAI_ENDPOINT"} {
		t.Setenv(k, "")
	}
	call, err := os.ReadFile("../../testdata/calls/en-arrears.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, name := range []string{"with-llm.txt", "default.txt", "refused.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), call, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	file := func(name string) string { return filepath.Join(dir, name) }

	// No LLM configured: --engine llm is refused, naming the settings, and
	// an unknown engine is a usage error.
	if _, _, err := runCmd(t, "", "import", "--engine", "llm", "--agent-id", "agent-daan", file("refused.txt")); err == nil ||
		!strings.Contains(err.Error(), "OPENAI_API_KEY (OpenAI), AZURE_OPENAI_ENDPOINT with AZURE_OPENAI_API_KEY (Azure OpenAI) or OPENAI_BASE_URL") {
		t.Errorf("--engine llm without an LLM: err %v, want the settings named", err)
	}
	if _, _, err := runCmd(t, "", "import", "--engine", "gpt", "--agent-id", "agent-daan", file("refused.txt")); exitCode(err) != 2 || !strings.Contains(err.Error(), `--engine "gpt": want builtin, llm or auto`) {
		t.Errorf("--engine gpt: err %v, want a usage error", err)
	}
	if _, _, err := runCmd(t, "", "import", "--engine", "llm", "--resume", "1"); exitCode(err) != 2 {
		t.Errorf("--engine with --resume: err %v, want a usage error", err)
	}

	ts := llmtest.New(t, "sk-right", "test-model")
	t.Setenv("OPENAI_API_KEY", "sk-right")
	t.Setenv("OPENAI_BASE_URL", ts.BaseURL())
	t.Setenv("ROOSCOACH_LLM_MODEL", "test-model")
	for _, c := range []struct {
		args []string
		file string
		want string
	}{
		{[]string{"--engine", "llm"}, "with-llm.txt", llm.Name},
		{nil, "default.txt", assistant.Builtin},
	} {
		args := append(append([]string{"import", "--agent-id", "agent-daan"}, c.args...), file(c.file))
		out, stderr, err := runCmd(t, "", args...)
		if err != nil || !strings.Contains(out, "1 stored (1 new") {
			t.Fatalf("import %v: %v\n%s%s", c.args, err, out, stderr)
		}
		if strings.Contains(stderr, "llm request") {
			t.Errorf("import %v: the LLM's info lines are under the progress bar:\n%s", c.args, stderr)
		}
		got := storedCall(ctx, t, dsn, c.file)
		if r := got.Engines[0]; r.Part != assistant.PartStance || r.Engine != c.want || r.FallbackReason != "" {
			t.Errorf("import %v: stance run %+v, want %s", c.args, r, c.want)
		}
	}
	if len(ts.Requests()) == 0 {
		t.Error("the LLM was never asked")
	}
	if n := countRows(t, dsn, "calls"); n != 2 {
		t.Errorf("%d calls stored, want 2 (the refused imports store none)", n)
	}
}

// storedCall returns the call stored under external id ext.
func storedCall(ctx context.Context, t *testing.T, dsn, ext string) *assistant.Call {
	t.Helper()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	page, err := db.FindCalls(ctx, cliPrincipal.Scope(), assistant.CallFilter{AgentID: "agent-daan", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range page.Calls {
		if c.ExternalID == ext {
			full, err := db.FindCallByID(ctx, cliPrincipal.Scope(), c.ID)
			if err != nil {
				t.Fatal(err)
			}
			return full
		}
	}
	t.Fatalf("no call %s stored", ext)
	return nil
}

// countRows counts the rows of table in the schema of dsn.
func countRows(t *testing.T, dsn, table string) int {
	t.Helper()
	raw, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var n int
	if err := raw.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
