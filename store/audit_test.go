package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

func TestFindAudit(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t)
	trainer := principal(t, db, assistant.Token{Name: "Ilse", Role: assistant.RoleTrainer, TeamIDs: []string{"team-noord"}})
	var calls []int64
	for i := range 3 {
		c := fullCall(assistant.Dutch, "agent-anna", "a-"+itoa(int64(i)))
		if _, err := db.CreateCall(ctx, trainer, c); err != nil {
			t.Fatal(err)
		}
		calls = append(calls, c.ID)
	}
	for _, id := range calls {
		if err := db.Audit(ctx, trainer, assistant.AuditEntry{Action: assistant.ActionCallRead, Target: assistant.TargetCall, TargetID: itoa(id), CallID: id}); err != nil {
			t.Fatal(err)
		}
	}
	count := func(f assistant.AuditFilter) int {
		t.Helper()
		page, err := db.FindAudit(ctx, all, f)
		if err != nil {
			t.Fatalf("FindAudit(%+v): %v", f, err)
		}
		return len(page.Entries)
	}
	// team.create + token.create (cli) + 3 call.create + 3 call.read by the
	// trainer.
	for _, tt := range []struct {
		name string
		f    assistant.AuditFilter
		want int
	}{
		{"All", assistant.AuditFilter{}, 8},
		{"ByToken", assistant.AuditFilter{TokenID: trainer.TokenID}, 6},
		{"ByAction", assistant.AuditFilter{Action: assistant.ActionCallRead}, 3},
		{"ByCall", assistant.AuditFilter{CallID: calls[1]}, 2},
		{"ByTarget", assistant.AuditFilter{Target: assistant.TargetCall, TargetID: itoa(calls[2])}, 2},
		{"FromNow", assistant.AuditFilter{From: time.Now().Add(time.Hour)}, 0},
		{"ToNow", assistant.AuditFilter{To: time.Now().Add(time.Hour)}, 8},
	} {
		if got := count(tt.f); got != tt.want {
			t.Errorf("%s: %d entries, want %d", tt.name, got, tt.want)
		}
	}

	// Pages of two, newest first, without gaps or repeats.
	var ids []int64
	f := assistant.AuditFilter{Limit: 2}
	for range 10 {
		page, err := db.FindAudit(ctx, all, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page.Entries {
			ids = append(ids, e.ID)
			if e.At.IsZero() || e.Via == "" {
				t.Errorf("entry %+v lacks its time or way", e)
			}
		}
		if f.Cursor = page.NextCursor; f.Cursor == "" {
			break
		}
	}
	if len(ids) != 8 {
		t.Fatalf("paged through %d entries, want 8", len(ids))
	}
	for i := 1; i < len(ids); i++ {
		if ids[i] >= ids[i-1] {
			t.Errorf("entries not newest first: %v", ids)
		}
	}

	for _, tt := range []struct {
		name   string
		f      assistant.AuditFilter
		detail string
	}{
		{"LimitTooLarge", assistant.AuditFilter{Limit: 501}, "limit"},
		{"UnknownAction", assistant.AuditFilter{Action: "call.delete"}, `action "call.delete"`},
		{"BadCursor", assistant.AuditFilter{Cursor: "MTIz"}, "cursor"},
		{"FromAfterTo", assistant.AuditFilter{From: time.Now(), To: time.Now().Add(-time.Hour)}, "from must be before to"},
	} {
		_, err := db.FindAudit(ctx, all, tt.f)
		if assistant.ErrorCode(err) != assistant.EInvalid || !strings.Contains(assistant.ErrorMessage(err), tt.detail) {
			t.Errorf("%s: %v, want invalid naming %q", tt.name, err, tt.detail)
		}
	}
	if _, err := db.FindAudit(ctx, trainer.Scope(), assistant.AuditFilter{}); assistant.ErrorCode(err) != assistant.EForbidden {
		t.Errorf("a trainer reading the trail: %v, want forbidden", err)
	}
}
