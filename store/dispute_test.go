package store_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// TestOneOpenDisputePerLabel checks the database's side of the rule: with
// the use case's check bypassed, a second open dispute of one label is
// refused with the typed error, also when requests race, and once the
// first is answered the label may be disputed again.
func TestOneOpenDisputePerLabel(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newReviewed(t)
	in := assistant.ReviewInput{Rating: intp(3), Turns: []assistant.ReviewTurnInput{
		{TurnID: r.turn(0), Comment: "Jargon: ingebrekestelling.", Octant: assistant.Aggressive},
		{TurnID: r.turn(2), Comment: "You sound impatient here.", Octant: assistant.Competitive},
	}}
	rv, err := r.db.CreateReview(ctx, r.ilse, r.call.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.db.PublishReview(ctx, r.ilse, rv.ID); err != nil {
		t.Fatal(err)
	}
	label := func(turn int64, comment string) assistant.DisputeInput {
		return assistant.DisputeInput{TurnID: turn, About: assistant.DisputeLabel, Comment: comment}
	}

	// Racing requests (Dutch and English wording): exactly one is stored.
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		comment := "Ik was duidelijk, niet aanvallend."
		if i%2 == 1 {
			comment = "I was clear, not aggressive."
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = r.db.DisputeReview(ctx, r.anna, rv.ID, label(r.turn(0), comment))
		}()
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		var ode *assistant.OpenDisputeError
		switch {
		case err == nil:
			won++
		case errors.As(err, &ode):
			if ode.TurnID != r.turn(0) || ode.About != assistant.DisputeLabel || !strings.Contains(err.Error(), "open already") {
				t.Errorf("refused dispute: %v (%+v)", err, ode)
			}
		default:
			t.Errorf("racing dispute: %v, want stored or an OpenDisputeError", err)
		}
	}
	if won != 1 {
		t.Fatalf("%d of %d racing disputes of one label were stored, want 1", won, len(errs))
	}
	if n, _ := r.db.Count(ctx, "review_disputes"); n != 1 {
		t.Errorf("%d disputes stored, want 1", n)
	}

	// Another turn's label, and the comment of the disputed turn, are
	// other things to dispute.
	got, err := r.db.DisputeReview(ctx, r.anna, rv.ID, label(r.turn(2), "I was firm, not competitive."))
	if err != nil {
		t.Fatalf("dispute of another label: %v", err)
	}
	if _, err := r.db.DisputeReview(ctx, r.anna, rv.ID, assistant.DisputeInput{TurnID: r.turn(0), About: assistant.DisputeComment, Comment: "Dat woord gebruikte ik niet."}); err != nil {
		t.Fatalf("dispute of the comment beside a disputed label: %v", err)
	}

	// Answered, the label may be disputed again.
	var first assistant.Dispute
	for _, d := range got.Disputes {
		if d.TurnID == r.turn(0) && d.About == assistant.DisputeLabel {
			first = d
		}
	}
	if _, err := r.db.ResolveDispute(ctx, r.ilse, rv.ID, first.ID, assistant.ResolveInput{Answer: "Ik houd aanvallend aan."}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.db.DisputeReview(ctx, r.anna, rv.ID, label(r.turn(0), "Toch niet eens.")); err != nil {
		t.Errorf("disputing an answered label again: %v", err)
	}
}
