package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/rooscoach/rooscoach/assistant"
)

// A call from a live session keeps what the agent was shown, and when.
func TestCreateCallLive(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t)
	opened := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	live := &assistant.LiveSession{SessionID: "0123abcd", Mode: assistant.LiveQuiet, OpenedAt: opened,
		EndedAt: opened.Add(3 * time.Minute), EndReason: assistant.EndedIdle, Utterances: 12, Partials: 30,
		Events: []assistant.LiveEvent{
			{Seq: 2, Type: assistant.EventAlert, Turn: 5, Kind: assistant.AlertHardship, RedFlag: true,
				Text: `De klant vertelde net "baan kwijt", en u wordt dominanter.`, At: opened.Add(40 * time.Second)},
			{Seq: 3, Type: assistant.EventReferral, Turn: -1, Kind: "nl", RedFlag: true, Text: "Verwijs door.", At: opened.Add(41 * time.Second)},
		}}
	c := fullCall(assistant.Dutch, "agent-anna", "live-1")
	c.Live = live
	if _, err := db.CreateCall(ctx, admin, c); err != nil {
		t.Fatalf("CreateCall: %v", err)
	}
	got, err := db.FindCallByID(ctx, all, c.ID)
	if err != nil {
		t.Fatalf("FindCallByID: %v", err)
	}
	if diff := cmp.Diff(live, got.Live); diff != "" {
		t.Errorf("live note (-want +got):\n%s", diff)
	}

	// A call posted whole has none.
	whole := fullCall(assistant.Dutch, "agent-anna", "whole-1")
	whole.Live = nil
	if _, err := db.CreateCall(ctx, admin, whole); err != nil {
		t.Fatal(err)
	}
	if got, err := db.FindCallByID(ctx, all, whole.ID); err != nil || got.Live != nil {
		t.Errorf("call posted whole: live = %+v, err %v; want nil", got.Live, err)
	}

	// Storing the same external id again writes no second note.
	again := fullCall(assistant.Dutch, "agent-anna", "live-1")
	again.Live = live
	if created, err := db.CreateCall(ctx, admin, again); err != nil || created {
		t.Fatalf("second CreateCall: created %v, err %v", created, err)
	}
	if again.ID != c.ID || again.Live == nil || len(again.Live.Events) != 2 {
		t.Errorf("second CreateCall loaded call %d with live %+v; want call %d with its note", again.ID, again.Live, c.ID)
	}

	// A mode the schema does not know is refused, and nothing is stored.
	bad := fullCall(assistant.Dutch, "agent-anna", "live-2")
	bad.Live = &assistant.LiveSession{SessionID: "x", Mode: "loud", OpenedAt: opened, EndedAt: opened, EndReason: assistant.EndedByClient}
	if _, err := db.CreateCall(ctx, admin, bad); assistant.ErrorCode(err) != assistant.EInvalid {
		t.Errorf("unknown mode: err %v, want EInvalid", err)
	}
}
