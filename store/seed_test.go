package store_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rooscoach/rooscoach/assistant"
)

// TestCreateCallsBulkRoundTrip: a call stored in bulk (rooscoach seed)
// reads back exactly as one stored by CreateCall, every field of it
// (fullCall sets them all, see TestFullCallIsFull), and its progress
// figures are counted the same.
func TestCreateCallsBulkRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t)
	for _, lang := range assistant.Languages {
		one := fullCall(lang, "agent-anna", "one-"+string(lang))
		if _, err := db.CreateCall(ctx, assistant.CommandLine(), one); err != nil {
			t.Fatal(err)
		}
		bulk := fullCall(lang, "agent-anna", "bulk-"+string(lang))
		bulk.OccurredAt = one.OccurredAt
		if err := db.CreateCallsBulk(ctx, assistant.CommandLine(), []*assistant.Call{bulk}); err != nil {
			t.Fatal(err)
		}
		got1, err := db.FindCallByID(ctx, assistant.Scope{All: true}, one.ID)
		if err != nil {
			t.Fatal(err)
		}
		got2, err := db.FindCallByID(ctx, assistant.Scope{All: true}, bulk.ID)
		if err != nil {
			t.Fatal(err)
		}
		// What the store assigns differs; the rest must not.
		got2.ID, got2.ExternalID, got2.CreatedAt = got1.ID, got1.ExternalID, got1.CreatedAt
		ids := map[int]int64{}
		for i := range got2.Turns {
			got2.Turns[i].ID = got1.Turns[i].ID
			ids[got1.Turns[i].Index] = got1.Turns[i].ID
		}
		if got2.DraftReview != nil {
			got2.DraftReview.SetTurnIDs(ids)
		}
		if diff := cmp.Diff(got1, got2); diff != "" {
			t.Errorf("%s: the bulk-stored call differs from CreateCall's (-CreateCall +bulk):\n%s", lang, diff)
		}
		var same bool
		if err := db.QueryRowForTest(ctx, `
			SELECT (SELECT row(s.agent_turns, s.leading_turns, s.helping_turns, s.escalations, s.jargon, s.threats,
					s.early_jargon, s.next_step, s.customer_offer, s.arrangements, s.referred, s.breaches, s.severe_breach)::text
				FROM call_stats s WHERE s.call_id = $1)
			= (SELECT row(s.agent_turns, s.leading_turns, s.helping_turns, s.escalations, s.jargon, s.threats,
					s.early_jargon, s.next_step, s.customer_offer, s.arrangements, s.referred, s.breaches, s.severe_breach)::text
				FROM call_stats s WHERE s.call_id = $2)`, one.ID, bulk.ID).Scan(&same); err != nil {
			t.Fatal(err)
		}
		if !same {
			t.Errorf("%s: progress figures of the bulk-stored call differ from CreateCall's", lang)
		}
	}
}
