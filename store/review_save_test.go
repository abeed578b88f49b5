package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// snapshot is what is stored about the reviews of r's call: each review
// with its status, note, rating, turn comments and labels and focus
// points, the call's review status and the audited changes of the call.
func (r *reviewed) snapshot(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	rs, err := r.db.FindReviews(ctx, admin, r.call.ID)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, rv := range rs {
		fmt.Fprintf(&b, "review %d %s %q %d;", rv.ID, rv.Status, rv.Note, rv.Rating)
		for _, tu := range rv.Turns {
			fmt.Fprintf(&b, " turn %d %q %s;", tu.TurnID, tu.Comment, tu.Octant)
		}
		for _, f := range rv.Focus {
			fmt.Fprintf(&b, " focus %q %v;", f.Text, f.GoalIDs)
		}
	}
	page, err := r.db.FindAudit(ctx, all, assistant.AuditFilter{CallID: r.call.ID, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	changes := 0
	for _, e := range page.Entries {
		if !strings.HasSuffix(string(e.Action), ".read") && !strings.HasSuffix(string(e.Action), ".list") {
			changes++
		}
	}
	fmt.Fprintf(&b, " call %s; %d audited changes", r.status(t), changes)
	return b.String()
}

// A save stores the review row, its turn comments and labels, its focus
// points and its publication together or not at all: a bad turn in the
// middle of the form, or a publication that fails after the draft was
// written, leaves nothing of a new review and the previous version of an
// edited draft.
func TestSaveReviewStoresAllOrNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newReviewed(t)
	goal := r.goal(t, "agent-anna")
	form := func(note string, rating *int, middle int64) assistant.ReviewInput {
		return assistant.ReviewInput{Note: note, Rating: rating,
			Turns: []assistant.ReviewTurnInput{
				{TurnID: r.turn(0), Comment: "Jargon: ingebrekestelling.", Octant: assistant.Aggressive},
				{TurnID: middle, Comment: "Hier vat je goed samen."},
				{TurnID: r.turn(2), Octant: assistant.Helping},
			},
			Focus: []assistant.FocusPoint{{Text: "Vraag wat haalbaar is.", GoalIDs: []int64{goal}}}}
	}
	empty := r.snapshot(t)

	// A new review whose middle turn comment is on another call's turn.
	_, err := r.db.SaveReview(ctx, r.ilse, assistant.ReviewSave{CallID: r.call.ID, Input: form("Eerste versie.", nil, r.other.Turns[0].ID)})
	if assistant.ErrorCode(err) != assistant.EInvalid || !strings.Contains(assistant.ErrorMessage(err), "turns[1].turn_id") {
		t.Errorf("a turn of another call in the middle: %v, want invalid naming turns[1]", err)
	}
	if got := r.snapshot(t); got != empty {
		t.Errorf("after a refused new review:\n got %s\nwant %s", got, empty)
	}
	// A new review published without a rating fails after its draft was
	// written in the transaction: the draft goes too.
	_, err = r.db.SaveReview(ctx, r.ilse, assistant.ReviewSave{CallID: r.call.ID, Input: form("Eerste versie.", nil, r.turn(1)), Publish: true})
	if assistant.ErrorCode(err) != assistant.EInvalid || !strings.Contains(assistant.ErrorMessage(err), "rating") {
		t.Errorf("publishing a new review without a rating: %v, want invalid naming the rating", err)
	}
	if got := r.snapshot(t); got != empty {
		t.Errorf("after a refused publication of a new review:\n got %s\nwant %s", got, empty)
	}

	draft, err := r.db.SaveReview(ctx, r.ilse, assistant.ReviewSave{CallID: r.call.ID, Input: form("Eerste versie.", nil, r.turn(1))})
	if err != nil {
		t.Fatalf("save a draft: %v", err)
	}
	if draft.Status != assistant.ReviewDraft || len(draft.Turns) != 3 || len(draft.Focus) != 1 || draft.Note != "Eerste versie." {
		t.Fatalf("draft %+v", draft)
	}
	saved := r.snapshot(t)

	// Edits that fail leave the first version as it was.
	for name, s := range map[string]assistant.ReviewSave{
		"a turn of another call in the middle": {ReviewID: draft.ID, Input: form("Tweede versie.", intp(4), r.other.Turns[0].ID)},
		"publishing without a rating":          {ReviewID: draft.ID, Input: form("Tweede versie.", nil, r.turn(1)), Publish: true},
		"the draft named with another call":    {ReviewID: draft.ID, CallID: r.other.ID, Input: form("Tweede versie.", intp(4), r.turn(1))},
	} {
		if _, err := r.db.SaveReview(ctx, r.ilse, s); assistant.ErrorCode(err) != assistant.EInvalid {
			t.Errorf("%s: %v, want invalid", name, err)
		}
		if got := r.snapshot(t); got != saved {
			t.Errorf("%s changed the draft:\n got %s\nwant %s", name, got, saved)
		}
	}
	if _, err := r.db.SaveReview(ctx, r.joost, assistant.ReviewSave{ReviewID: draft.ID, Input: form("Van Joost.", intp(4), r.turn(1))}); assistant.ErrorCode(err) != assistant.ENotFound {
		t.Errorf("another trainer saving the draft: %v, want not found", err)
	}
	if _, err := r.db.SaveReview(ctx, r.ilse, assistant.ReviewSave{CallID: r.call.ID, Input: form("Nog een.", nil, r.turn(1))}); assistant.ErrorCode(err) != assistant.EConflict {
		t.Errorf("a second new review of the same call: %v, want conflict", err)
	}
	if got := r.snapshot(t); got != saved {
		t.Errorf("refused saves changed the draft:\n got %s\nwant %s", got, saved)
	}

	// Edited and published in one save.
	pub, err := r.db.SaveReview(ctx, r.ilse, assistant.ReviewSave{ReviewID: draft.ID, CallID: r.call.ID, Input: form("Tweede versie.", intp(4), r.turn(1)), Publish: true})
	if err != nil {
		t.Fatalf("edit and publish: %v", err)
	}
	if pub.ID != draft.ID || pub.Status != assistant.ReviewPublished || pub.Note != "Tweede versie." || pub.Rating != 4 || pub.PublishedAt.IsZero() {
		t.Errorf("published %+v", pub)
	}
	if s := r.status(t); s != assistant.CallReviewed {
		t.Errorf("call status %s, want reviewed", s)
	}
	page, err := r.db.FindAudit(ctx, all, assistant.AuditFilter{CallID: r.call.ID, Action: assistant.ActionReviewPublish})
	if err != nil || len(page.Entries) != 1 {
		t.Errorf("publications audited: %d (%v), want 1", len(page.Entries), err)
	}
	// A published review is no longer a draft to save.
	published := r.snapshot(t)
	if _, err := r.db.SaveReview(ctx, r.ilse, assistant.ReviewSave{ReviewID: draft.ID, Input: form("Derde versie.", intp(5), r.turn(1))}); assistant.ErrorCode(err) != assistant.EConflict {
		t.Errorf("saving a published review: %v, want conflict", err)
	}
	if got := r.snapshot(t); got != published {
		t.Errorf("a refused save changed the published review:\n got %s\nwant %s", got, published)
	}
}
