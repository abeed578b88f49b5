package main

import (
	"net/url"
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/rooscoach/rooscoach/store/storetest"
)

// TestEraseCommand erases seeded calls by agent and by date through the
// real command, and checks the figures of progress stay.
func TestEraseCommand(t *testing.T) {
	dsn := storetest.NewDSN(t)
	t.Setenv("DATABASE_URL", dsn)
	if _, stderr, err := runCmd(t, "", "seed", "--calls", "40", "--agents", "4", "--teams", "2"); err != nil {
		t.Fatalf("seed: %v\n%s", err, stderr)
	}
	sdb, err := sqlx.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	count := func(q string) int {
		t.Helper()
		var n int
		if err := sdb.Get(&n, q); err != nil {
			t.Fatal(err)
		}
		return n
	}
	stats := count(`SELECT count(*) FROM call_stats`)
	var agent string
	if err := sdb.Get(&agent, `SELECT agent_id FROM calls ORDER BY id LIMIT 1`); err != nil {
		t.Fatal(err)
	}
	own := count(`SELECT count(*) FROM calls WHERE agent_id = '` + agent + `'`)
	out, stderr, err := runCmd(t, "", "erase", "--agent", agent)
	if err != nil || !strings.HasPrefix(strings.TrimSpace(out), "agent "+agent+" erased: "+itoa(own)+" calls, ") {
		t.Fatalf("erase --agent: %q %v %s", out, err, stderr)
	}
	// The agent goes whole: calls, figures, tokens, the row itself.
	for _, table := range []string{"calls", "call_stats", "tokens", "goals", "agents"} {
		col := "agent_id"
		if table == "agents" {
			col = "id"
		}
		if n := count(`SELECT count(*) FROM ` + table + ` WHERE ` + col + ` = '` + agent + `'`); n != 0 {
			t.Errorf("%s: %d rows of %s left", table, n, agent)
		}
	}
	if _, _, err := runCmd(t, "", "erase", "--agent", agent); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("erase --agent again: %v, want not found", err)
	}
	stats -= own
	if out, _, err := runCmd(t, "", "erase", "--before", "2100-01-01"); err != nil || !strings.HasSuffix(strings.TrimSpace(out), "calls erased") {
		t.Fatalf("erase --before: %q %v", out, err)
	}
	if n := count(`SELECT count(*) FROM calls`); n != 0 {
		t.Errorf("%d calls left after erase --before 2100-01-01", n)
	}
	if n := count(`SELECT count(*) FROM call_stats WHERE call_id IS NULL`); n != stats {
		t.Errorf("%d anonymous figures rows, want the %d of before", n, stats)
	}
	if n := count(`SELECT count(*) FROM audit WHERE action = 'call.erase' AND via = 'cli'`); n != 40-own {
		t.Errorf("%d erase entries in the audit trail, want %d", n, 40-own)
	}
	if n := count(`SELECT count(*) FROM audit WHERE action = 'agent.erase' AND via = 'cli' AND target_id = ''`); n != 1 {
		t.Errorf("%d agent.erase entries in the audit trail, want 1", n)
	}

	for _, bad := range [][]string{{"erase"}, {"erase", "--before", "gisteren"}, {"erase", "--agent", "x", "--before", "2026-01-01"}, {"retention"}, {"retention", "team-x", "-3"}} {
		if _, _, err := runCmd(t, "", bad...); exitCode(err) != 2 {
			t.Errorf("%v: %v, want a usage error", bad, err)
		}
	}
	if _, _, err := runCmd(t, "", "retention", "team-does-not-exist", "30"); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("retention of an unknown team: %v", err)
	}
	if _, _, err := runCmd(t, "", "retention", "team-does-not-exist"); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("retention shown of an unknown team: %v", err)
	}
}

// TestRetentionShown sets a team's retention and reads it back, from the
// command and from GET /v1/teams/{id}.
func TestRetentionShown(t *testing.T) {
	dsn := storetest.NewDSN(t)
	t.Setenv("DATABASE_URL", dsn)
	if _, stderr, err := runCmd(t, "", "seed", "--calls", "4", "--agents", "2", "--teams", "1"); err != nil {
		t.Fatalf("seed: %v\n%s", err, stderr)
	}
	sdb, err := sqlx.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	var team string
	if err := sdb.Get(&team, `SELECT id FROM teams ORDER BY id LIMIT 1`); err != nil {
		t.Fatal(err)
	}
	show := func() string {
		t.Helper()
		out, stderr, err := runCmd(t, "", "retention", team)
		if err != nil {
			t.Fatalf("retention %s: %v %s", team, err, stderr)
		}
		return strings.TrimSpace(out)
	}
	if got, want := show(), "team "+team+" keeps calls as long as the default (ROOSCOACH_RETENTION)"; got != want {
		t.Errorf("before: %q, want %q", got, want)
	}
	if _, _, err := runCmd(t, "", "retention", team, "30"); err != nil {
		t.Fatal(err)
	}
	if got, want := show(), "team "+team+" keeps calls 30 days"; got != want {
		t.Errorf("after: %q, want %q", got, want)
	}
	s, _ := startServe(t, dsn, nil, "")
	var got struct {
		RetentionDays int `json:"retention_days"`
	}
	if code := s.do(s.token, "GET", "/v1/teams/"+team, "", nil, &got); code != 200 || got.RetentionDays != 30 {
		t.Errorf("GET /v1/teams/%s: %d %+v, want retention_days 30", team, code, got)
	}
}

// TestEraseMissingDatabase runs erase against a database that does not
// exist: it fails at once with a message saying so, instead of retrying
// as if Postgres were down.
func TestEraseMissingDatabase(t *testing.T) {
	u, err := url.Parse(storetest.URL())
	if err != nil || u.Scheme == "" {
		t.Fatalf("the test database's connection string %q must be a URL here: %v", storetest.URL(), err)
	}
	u.Path = "/rooscoach_does_not_exist_7731"
	t.Setenv("DATABASE_URL", u.String())
	_, stderr, err := runCmd(t, "", "erase", "--agent", "agent-0005")
	if err == nil || !strings.Contains(err.Error(), "no such database") || !strings.Contains(err.Error(), "rooscoach_does_not_exist_7731") {
		t.Errorf("erase on a missing database: %v, want a clear error naming it", err)
	}
	if strings.Contains(stderr, "retrying") {
		t.Errorf("erase retried a missing database:\n%s", stderr)
	}
}
