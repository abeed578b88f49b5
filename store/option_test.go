package store_test

import (
	"context"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// Migration 20 drops the referral rows that used to end the options; the
// call keeps its referral.
func TestMigrationDropsReferralOptions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := mustOpen(t, storetest.NewEmptyDSN(t))
	if err := db.MigrateTo(ctx, 2); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO agents (id) VALUES ('agent-old')`,
		`INSERT INTO calls (agent_id, language, format, summary, readability, jargon_count, closing, referral, occurred_at)
		 VALUES ('agent-old', 'nl', 'text', '{}', '{}', 0, '{}', '{"jurisdiction":"nl","reason":"r","text":"t"}', now())`,
		`INSERT INTO arrangement_options (call_id, rank, kind, monthly_amount, total_amount, currency, months, fits_policy, realistic)
		 SELECT id, 1, 'customer-proposal', 5000, 60000, 'EUR', 12, true, true FROM calls`,
		`INSERT INTO arrangement_options (call_id, rank, kind, monthly_amount, total_amount, months, fits_policy, realistic)
		 SELECT id, 2, 'referral', 0, 0, 0, true, true FROM calls`,
	} {
		if err := db.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := db.Count(ctx, "arrangement_options"); err != nil || n != 1 {
		t.Errorf("%d options after the migration (%v), want the proposal only", n, err)
	}
	page, err := db.FindCalls(ctx, all, assistant.CallFilter{})
	if err != nil || len(page.Calls) != 1 || page.Calls[0].Arrangement.Referral == nil {
		t.Fatalf("calls %+v (%v), want the one call with its referral", page.Calls, err)
	}
	c, err := db.FindCallByID(ctx, all, page.Calls[0].ID)
	if err != nil || len(c.Arrangement.Options) != 1 || c.Arrangement.Options[0].Kind != assistant.OptionCustomerProposal {
		t.Errorf("call %+v (%v), want its proposal", c, err)
	}
	if c.Arrangement.Policy != nil || c.Arrangement.Agreement != nil {
		t.Errorf("an old call grew a policy or agreement: %+v", c.Arrangement)
	}
}

// A database migrated at main before issue 20 landed has 00050 and 00060
// but not 00020 and 00021: they are applied when they arrive.
func TestMigrationsArriveOutOfOrder(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := mustOpen(t, storetest.NewEmptyDSN(t))
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for _, v := range []int64{21, 20} {
		if err := db.MigrateVersionDown(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Count(ctx, "policies"); err == nil {
		t.Fatal("policies still there after 00021 down")
	}
	if err := db.CheckSchema(ctx); err == nil {
		t.Error("CheckSchema passes with 00020 and 00021 missing")
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("Migrate with lower versions missing: %v", err)
	}
	if err := db.CheckSchema(ctx); err != nil {
		t.Errorf("CheckSchema after: %v", err)
	}
	if _, err := db.Count(ctx, "policies"); err != nil {
		t.Errorf("policies after the late migration: %v", err)
	}
}
