package main

import (
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
	if err != nil || strings.TrimSpace(out) != itoa(own)+" calls erased" {
		t.Fatalf("erase --agent: %q %v %s", out, err, stderr)
	}
	if n := count(`SELECT count(*) FROM calls WHERE agent_id = '` + agent + `'`); n != 0 {
		t.Errorf("%d calls of %s left", n, agent)
	}
	if out, _, err := runCmd(t, "", "erase", "--before", "2100-01-01"); err != nil || !strings.HasSuffix(strings.TrimSpace(out), "calls erased") {
		t.Fatalf("erase --before: %q %v", out, err)
	}
	if n := count(`SELECT count(*) FROM calls`); n != 0 {
		t.Errorf("%d calls left after erase --before 2100-01-01", n)
	}
	if n := count(`SELECT count(*) FROM call_stats WHERE call_id IS NULL`); n != stats {
		t.Errorf("%d anonymous figures rows, want the %d of before", n, stats)
	}
	if n := count(`SELECT count(*) FROM audit WHERE action = 'call.erase' AND via = 'cli'`); n != 40 {
		t.Errorf("%d erase entries in the audit trail, want 40", n)
	}

	for _, bad := range [][]string{{"erase"}, {"erase", "--before", "gisteren"}, {"retention", "team-x"}, {"retention", "team-x", "-3"}} {
		if _, _, err := runCmd(t, "", bad...); exitCode(err) != 2 {
			t.Errorf("%v: %v, want a usage error", bad, err)
		}
	}
	if _, _, err := runCmd(t, "", "retention", "team-does-not-exist", "30"); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("retention of an unknown team: %v", err)
	}
}
