package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/store/storetest"
)

func policy(id, jurisdiction string, def bool, teams ...string) *assistant.CreditorPolicy {
	return &assistant.CreditorPolicy{
		ID: id, Name: "Policy " + id, Jurisdiction: jurisdiction, Default: def, Teams: teams,
		ArrangementPolicy: assistant.ArrangementPolicy{
			MinInstalment: 1500, MaxTermMonths: 24, MaxDeferralMonths: 1, SpareSharePercent: 40,
			MayTemporary: new(true), ReviewMonths: 2, MayToken: true, TokenAmount: 200, MayFreeze: true,
			MaySettle: true, MinSettlementPercent: 70, MoveOffHolidays: new(true),
			SpendingGuidelines: &assistant.SpendingGuidelines{Effective: "2026-04-06", Source: "test configuration",
				Figures: []assistant.Guideline{{Category: assistant.CategoryFoodHousekeeping, Single: 30000, Couple: 50000, PerChild: 9000}}},
		},
	}
}

var ignoreTimes = cmpopts.IgnoreFields(assistant.CreditorPolicy{}, "CreatedAt", "UpdatedAt")

func TestPolicies(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t)
	storetest.Teams(t, db, "team-noord", "team-zuid", "team-west")

	a := policy("delta-water", "nl", false, "team-zuid", "team-noord")
	created, err := db.SavePolicy(ctx, admin, a)
	if err != nil || !created {
		t.Fatalf("SavePolicy: created %v, %v", created, err)
	}
	if a.CreatedAt.IsZero() || !a.CreatedAt.Equal(a.UpdatedAt) {
		t.Errorf("times %v and %v, want both set and equal on creation", a.CreatedAt, a.UpdatedAt)
	}
	got, err := db.FindPolicyByID(ctx, "delta-water")
	if err != nil {
		t.Fatal(err)
	}
	want := policy("delta-water", "nl", false, "team-noord", "team-zuid") // teams come back sorted
	if diff := cmp.Diff(want, got, ignoreTimes); diff != "" {
		t.Errorf("FindPolicyByID (-want +got):\n%s", diff)
	}

	t.Run("Replace", func(t *testing.T) {
		time.Sleep(5 * time.Millisecond)
		b := policy("delta-water", "nl", false, "team-west")
		b.MinInstalment = 2000
		created, err := db.SavePolicy(ctx, admin, b)
		if err != nil || created {
			t.Fatalf("SavePolicy again: created %v, %v; want a replacement", created, err)
		}
		got, err := db.FindPolicyByID(ctx, "delta-water")
		if err != nil {
			t.Fatal(err)
		}
		if got.MinInstalment != 2000 || !slicesEqual(got.Teams, []string{"team-west"}) || !got.UpdatedAt.After(got.CreatedAt) || !got.CreatedAt.Equal(a.CreatedAt) {
			t.Errorf("replaced policy %+v, want the new minimum and team, created_at kept, updated_at later", got)
		}
	})
	t.Run("TeamOfAnotherPolicy", func(t *testing.T) {
		_, err := db.SavePolicy(ctx, admin, policy("noord-energie", "nl", false, "team-west"))
		if assistant.ErrorCode(err) != assistant.EConflict {
			t.Fatalf("SavePolicy with a team of another policy: %v, want a conflict", err)
		}
		if msg := assistant.ErrorMessage(err); msg != "team team-west follows policy delta-water; take it out of that policy first" {
			t.Errorf("message %q", msg)
		}
		if _, err := db.FindPolicyByID(ctx, "noord-energie"); assistant.ErrorCode(err) != assistant.ENotFound {
			t.Errorf("the refused policy was stored: %v", err)
		}
	})
	t.Run("OneDefaultPerJurisdiction", func(t *testing.T) {
		for _, p := range []*assistant.CreditorPolicy{policy("nl-standaard", "nl", true), policy("nl-nieuw", "nl", true), policy("uk-standard", "uk", true)} {
			if _, err := db.SavePolicy(ctx, admin, p); err != nil {
				t.Fatal(err)
			}
		}
		ps, err := db.FindPolicies(ctx, "nl")
		if err != nil {
			t.Fatal(err)
		}
		var ids, defaults []string
		for _, p := range ps {
			ids = append(ids, p.ID)
			if p.Default {
				defaults = append(defaults, p.ID)
			}
		}
		if !slicesEqual(ids, []string{"delta-water", "nl-nieuw", "nl-standaard"}) || !slicesEqual(defaults, []string{"nl-nieuw"}) {
			t.Errorf("nl policies %v with defaults %v; want the three, the latest default only", ids, defaults)
		}
		all, err := db.FindPolicies(ctx, "")
		if err != nil || len(all) != 4 || all[3].ID != "uk-standard" || !all[3].Default {
			t.Errorf("all policies: %d, %v", len(all), err)
		}
	})
	t.Run("Delete", func(t *testing.T) {
		if err := db.DeletePolicy(ctx, admin, "delta-water"); err != nil {
			t.Fatal(err)
		}
		if err := db.DeletePolicy(ctx, admin, "delta-water"); assistant.ErrorCode(err) != assistant.ENotFound {
			t.Errorf("second delete: %v, want not found", err)
		}
		// The team is free again.
		if _, err := db.SavePolicy(ctx, admin, policy("noord-energie", "nl", false, "team-west")); err != nil {
			t.Errorf("team-west after its policy went: %v", err)
		}
	})
	t.Run("Audited", func(t *testing.T) {
		page, err := db.FindAudit(ctx, all, assistant.AuditFilter{Target: assistant.TargetPolicy, TargetID: "delta-water"})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range page.Entries {
			actions = append(actions, string(e.Action))
		}
		// Newest first: deleted, replaced, created.
		if !slicesEqual(actions, []string{"policy.delete", "policy.update", "policy.create"}) {
			t.Errorf("audit trail of delta-water: %v", actions)
		}
	})
	t.Run("SchemaRules", func(t *testing.T) {
		bad := policy("Met Spaties", "nl", false)
		_, err := db.SavePolicy(ctx, admin, bad)
		if assistant.ErrorCode(err) != assistant.EInvalid || assistant.ErrorMessage(err) != "The policy could not be stored: a policy id must be 1 to 64 lower-case letters, digits, '.', '_' or '-'." {
			t.Errorf("a bad id straight to the store: %v", err)
		}
	})
}

// Instances racing to make their policy the default leave exactly one.
func TestPolicyDefaultRace(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t)
	var wg sync.WaitGroup
	errs := make([]error, 6)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = db.SavePolicy(ctx, admin, policy("nl-"+string(rune('a'+i)), "nl", true))
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil && assistant.ErrorCode(err) != assistant.EConflict {
			t.Errorf("a racing save failed otherwise than by conflict: %v", err)
		}
	}
	ps, err := db.FindPolicies(ctx, "nl")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range ps {
		if p.Default {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d defaults after the race, want 1", n)
	}
}

func slicesEqual(a, b []string) bool { return cmp.Equal(a, b, cmpopts.EquateEmpty()) }
