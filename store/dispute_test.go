package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/lib/pq"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/store/storetest"
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

// Migration 00092 closes, before it builds the index of one open dispute
// per label or comment, the duplicates stored before the rule: of each
// review, turn and subject the newest open dispute stays open and the
// older are answered as its duplicates. Resolved disputes, and open ones
// of another turn or subject, are left as they were. Its Down drops the
// index; the duplicates it closed stay answered.
func TestMigrationClosesDuplicateDisputes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := mustOpen(t, storetest.NewEmptyDSN(t))
	if err := db.MigrateTo(ctx, 91); err != nil {
		t.Fatal(err)
	}
	c := fullCall(assistant.Dutch, "agent-dup", "dup-1")
	if _, err := db.CreateCall(ctx, admin, c); err != nil {
		t.Fatal(err)
	}
	a, b := c.Turns[0].ID, c.Turns[1].ID
	var review int64
	if err := db.QueryRowForTest(ctx, `INSERT INTO reviews (call_id, status, rating, published_at)
		VALUES ($1, 'disputed', 3, now()) RETURNING id`, c.ID).Scan(&review); err != nil {
		t.Fatal(err)
	}
	if err := db.Exec(ctx, `INSERT INTO review_turns (review_id, turn_id, comment, octant)
		VALUES ($1, $2, 'Te streng.', 'aggressive'), ($1, $3, 'Goed.', NULL)`, review, a, b); err != nil {
		t.Fatal(err)
	}
	dispute := func(turn int64, about, answer string) int64 {
		t.Helper()
		var id int64
		if err := db.QueryRowForTest(ctx, `INSERT INTO review_disputes (review_id, turn_id, about, comment, answer, resolved_at)
			VALUES ($1, $2, $3, 'Niet eens.', NULLIF($4, ''), CASE WHEN $4 = '' THEN NULL ELSE now() END) RETURNING id`,
			review, turn, about, answer).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	// Three open disputes of turn a's label (the last to stay open), one
	// of its comment, and on turn b's comment one answered and one open.
	label1, label2, label3 := dispute(a, "label", ""), dispute(a, "label", ""), dispute(a, "label", "")
	comment := dispute(a, "comment", "")
	answered := dispute(b, "comment", "Het commentaar blijft.")
	open := dispute(b, "comment", "")

	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate up over duplicates: %v", err)
	}
	type state struct {
		Answer string
		Open   bool
	}
	read := func(id int64) state {
		t.Helper()
		var answer sql.NullString
		var resolved sql.NullTime
		if err := db.QueryRowForTest(ctx, `SELECT answer, resolved_at FROM review_disputes WHERE id = $1`, id).Scan(&answer, &resolved); err != nil {
			t.Fatal(err)
		}
		if answer.Valid != resolved.Valid {
			t.Errorf("dispute %d: answer %v but resolved_at %v", id, answer, resolved)
		}
		return state{answer.String, !resolved.Valid}
	}
	dup := state{Answer: fmt.Sprintf("Closed as a duplicate of dispute %d.", label3)}
	for _, tc := range []struct {
		name string
		id   int64
		want state
	}{
		{"older label dispute", label1, dup},
		{"old label dispute", label2, dup},
		{"newest label dispute", label3, state{Open: true}},
		{"comment dispute of the same turn", comment, state{Open: true}},
		{"answered dispute", answered, state{Answer: "Het commentaar blijft."}},
		{"only open dispute of its comment", open, state{Open: true}},
	} {
		if got := read(tc.id); got != tc.want {
			t.Errorf("%s (%d): %+v, want %+v", tc.name, tc.id, got, tc.want)
		}
	}
	// The index holds now: a second open dispute of turn a's label is refused.
	err := db.Exec(ctx, `INSERT INTO review_disputes (review_id, turn_id, about, comment) VALUES ($1, $2, 'label', 'Nog eens.')`, review, a)
	var pqErr *pq.Error
	if !errors.As(err, &pqErr) || pqErr.Code != "23505" || pqErr.Constraint != "review_disputes_open_key" {
		t.Errorf("second open dispute after 00092: %v, want a unique violation of review_disputes_open_key", err)
	}

	if err := db.MigrateVersionDown(ctx, 92); err != nil {
		t.Fatalf("00092 down: %v", err)
	}
	if err := db.Exec(ctx, `INSERT INTO review_disputes (review_id, turn_id, about, comment) VALUES ($1, $2, 'label', 'Nog eens.')`, review, a); err != nil {
		t.Errorf("after 00092 down a second open dispute is still refused: %v", err)
	}
	if got := read(label1); got != dup {
		t.Errorf("after 00092 down the duplicate reads %+v, want %+v", got, dup)
	}
}
