package store_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// Migration 90 counts each call's compliance into call_stats: the calls
// stored before it get their counts from their record, a call never
// checked stays NULL (not checked, not "no breaches"), the progress
// indexes carry the new columns, and its Down leaves a schema that stores
// calls as before.
func TestMigrationCountsComplianceInProgress(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := mustOpen(t, storetest.NewEmptyDSN(t))
	if err := db.MigrateTo(ctx, 80); err != nil {
		t.Fatal(err)
	}
	// Before 00090: a Dutch call that broke a high rule, an English one
	// checked with a medium breach and a low one, and one never checked.
	nl := fullCall(assistant.Dutch, "agent-mig", "mig-nl")
	en := fullCall(assistant.English, "agent-mig", "mig-en")
	en.Compliance.Rules[1].Severity = assistant.SeverityMedium
	en.Compliance.Rules[2].Status = assistant.RuleBroken
	en.Compliance.Rules[2].Severity = assistant.SeverityLow
	en.Compliance.Tally()
	none := fullCall(assistant.English, "agent-mig", "mig-none")
	none.Compliance = nil
	for _, c := range []*assistant.Call{nl, en, none} {
		if _, err := db.CreateCall(ctx, assistant.CommandLine(), c); err != nil {
			t.Fatalf("store %s before 00090: %v", c.ExternalID, err)
		}
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	// After it, a call stored by the new record_call_stats.
	after := fullCall(assistant.Dutch, "agent-mig", "mig-after")
	after.Compliance.Rules[1].Severity = assistant.SeverityCritical
	after.Compliance.Tally()
	if _, err := db.CreateCall(ctx, assistant.CommandLine(), after); err != nil {
		t.Fatal(err)
	}

	stats := func(t *testing.T, id int64) (sql.NullInt64, sql.NullBool) {
		t.Helper()
		var n sql.NullInt64
		var severe sql.NullBool
		if err := db.QueryRowForTest(ctx, `SELECT breaches, severe_breach FROM call_stats WHERE call_id = $1`, id).Scan(&n, &severe); err != nil {
			t.Fatal(err)
		}
		return n, severe
	}
	for _, tc := range []struct {
		call     *assistant.Call
		breaches int64
		severe   bool
	}{{nl, 1, true}, {en, 2, false}, {after, 1, true}} {
		n, severe := stats(t, tc.call.ID)
		if !n.Valid || n.Int64 != tc.breaches || !severe.Valid || severe.Bool != tc.severe {
			t.Errorf("%s: breaches %v, severe %v; want %d, %v", tc.call.ExternalID, n, severe, tc.breaches, tc.severe)
		}
	}
	if n, severe := stats(t, none.ID); n.Valid || severe.Valid {
		t.Errorf("a call never checked has breaches %v, severe %v; want NULL, NULL", n, severe)
	}
	for _, idx := range []string{"call_stats_agent_id_occurred_at_idx", "call_stats_team_id_occurred_at_idx"} {
		var def string
		if err := db.QueryRowForTest(ctx, `SELECT pg_get_indexdef($1::regclass)`, idx).Scan(&def); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(def, "breaches, severe_breach)") || !strings.Contains(def, "referred") {
			t.Errorf("%s no longer covers every figure: %s", idx, def)
		}
	}

	if err := db.MigrateVersionDown(ctx, 90); err != nil {
		t.Fatalf("00090 down: %v", err)
	}
	var cols int
	if err := db.QueryRowForTest(ctx, `SELECT count(*) FROM information_schema.columns
		WHERE table_name = 'call_stats' AND column_name IN ('breaches', 'severe_breach') AND table_schema = current_schema()`).Scan(&cols); err != nil {
		t.Fatal(err)
	}
	if cols != 0 {
		t.Errorf("%d compliance columns left in call_stats after 00090 down", cols)
	}
	for _, idx := range []string{"call_stats_agent_id_occurred_at_idx", "call_stats_team_id_occurred_at_idx"} {
		var def string
		if err := db.QueryRowForTest(ctx, `SELECT pg_get_indexdef($1::regclass)`, idx).Scan(&def); err != nil {
			t.Fatalf("%s after 00090 down: %v", idx, err)
		}
		if !strings.Contains(def, "INCLUDE") || !strings.Contains(def, "referred") {
			t.Errorf("%s after 00090 down does not cover the figures: %s", idx, def)
		}
	}
	// The old record_call_stats is back: a call stores and is counted.
	down := fullCall(assistant.English, "agent-mig", "mig-down")
	if _, err := db.CreateCall(ctx, assistant.CommandLine(), down); err != nil {
		t.Fatalf("store a call after 00090 down: %v", err)
	}
	var counted bool
	if err := db.QueryRowForTest(ctx, `SELECT EXISTS (SELECT 1 FROM call_stats WHERE call_id = $1)`, down.ID).Scan(&counted); err != nil || !counted {
		t.Errorf("a call stored after 00090 down has no progress figures (%v)", err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("00090 up again: %v", err)
	}
	if n, _ := stats(t, down.ID); !n.Valid || n.Int64 != int64(down.Compliance.Breaches) {
		t.Errorf("the backfill gave the call stored while 00090 was down breaches %v, want %d", n, down.Compliance.Breaches)
	}
}
