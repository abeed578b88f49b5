package store

import (
	"context"
	"fmt"

	"github.com/rooscoach/rooscoach/assistant"
)

// SaveReview stores a trainer's review form in one transaction: a new
// draft of call s.CallID (checked as CreateReview checks it) or the
// content of by's draft s.ReviewID (as UpdateReview), then, when s.Publish
// is set, its publication (as PublishReview). The review row, its turn
// comments and labels, its focus points, the call's review status and the
// audit entries are written together: when any part fails nothing is
// stored, and an edited draft stays as it was. It returns the review as
// stored.
func (db *DB) SaveReview(ctx context.Context, by assistant.Principal, s assistant.ReviewSave) (*assistant.Review, error) {
	if err := s.Input.Validate(); err != nil {
		return nil, err
	}
	if s.ReviewID == 0 && s.CallID <= 0 {
		return nil, assistant.Errorf(assistant.EInvalid, "Name the call to review, or the draft to change.")
	}
	id := s.ReviewID
	what := fmt.Sprintf("save review of call %d", s.CallID)
	if id != 0 {
		what = fmt.Sprintf("save review %d", id)
	}
	err := db.inTx(ctx, what, func(tx querier) error {
		var r *assistant.Review
		if id == 0 {
			var err error
			if id, err = createReviewTx(ctx, tx, by, s.CallID, s.Input); err != nil {
				return err
			}
			if r, err = findReview(ctx, tx, by, id, false, true); err != nil {
				return err
			}
		} else {
			var err error
			if r, err = editReviewTx(ctx, tx, by, id, s.CallID, s.Input); err != nil {
				return err
			}
		}
		if s.Publish {
			r.Rating = int(ratingOf(s.Input.Rating))
			next, err := r.Permit(by, assistant.StepPublish)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `
				UPDATE reviews SET status = $2, published_at = now(), updated_at = now()
				WHERE id = $1`, id, next); err != nil {
				return fmt.Errorf("publish review: %w", err)
			}
			if err := writeAudit(ctx, tx, by, assistant.AuditEntry{
				Action: assistant.ActionReviewPublish, Target: assistant.TargetReview, TargetID: itoa(id), CallID: r.CallID,
				Detail: string(r.Status) + " → " + string(next),
			}); err != nil {
				return err
			}
		}
		return updateCallStatus(ctx, tx, r.CallID)
	})
	if err != nil {
		return nil, err
	}
	return db.FindReview(ctx, by, id)
}

// createReviewTx writes a new draft of call callID in tx, with its
// content and audit entry, and returns its id.
func createReviewTx(ctx context.Context, tx querier, by assistant.Principal, callID int64, in assistant.ReviewInput) (int64, error) {
	if err := lockCall(ctx, tx, by.Scope(), callID, true); err != nil {
		return 0, err
	}
	if err := checkOneReview(ctx, tx, by, callID); err != nil {
		return 0, err
	}
	if err := checkReviewTurns(ctx, tx, callID, in.Turns); err != nil {
		return 0, err
	}
	if err := checkReviewGoals(ctx, tx, callID, in.Focus); err != nil {
		return 0, err
	}
	var id int64
	if err := tx.GetContext(ctx, &id, `
		INSERT INTO reviews (call_id, reviewer_token_id, note, rating)
		VALUES ($1, $2, $3, $4)
		RETURNING id`, callID, orNull(by.TokenID), in.Note, rating(in.Rating)); err != nil {
		return 0, fmt.Errorf("insert review: %w", err)
	}
	if err := writeReviewContent(ctx, tx, id, in); err != nil {
		return 0, err
	}
	return id, writeAudit(ctx, tx, by, assistant.AuditEntry{
		Action: assistant.ActionReviewCreate, Target: assistant.TargetReview, TargetID: itoa(id), CallID: callID,
	})
}

// editReviewTx replaces the content of by's draft id in tx, with its audit
// entry, and returns the locked review. callID, when not 0, must be the
// draft's call.
func editReviewTx(ctx context.Context, tx querier, by assistant.Principal, id, callID int64, in assistant.ReviewInput) (*assistant.Review, error) {
	r, err := findReview(ctx, tx, by, id, false, true)
	if err != nil {
		return nil, err
	}
	if callID != 0 && r.CallID != callID {
		return nil, assistant.Errorf(assistant.EInvalid, "Review %d is a review of call %d, not of call %d.", id, r.CallID, callID)
	}
	if _, err := r.Permit(by, assistant.StepEdit); err != nil {
		return nil, err
	}
	if err := checkReviewTurns(ctx, tx, r.CallID, in.Turns); err != nil {
		return nil, err
	}
	if err := checkReviewGoals(ctx, tx, r.CallID, in.Focus); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE reviews SET note = $2, rating = $3, updated_at = now() WHERE id = $1`, id, in.Note, rating(in.Rating)); err != nil {
		return nil, fmt.Errorf("update review: %w", err)
	}
	for _, table := range []string{"review_turns", "review_focus"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE review_id = $1`, id); err != nil {
			return nil, fmt.Errorf("clear %s: %w", table, err)
		}
	}
	if err := writeReviewContent(ctx, tx, id, in); err != nil {
		return nil, err
	}
	return r, writeAudit(ctx, tx, by, assistant.AuditEntry{
		Action: assistant.ActionReviewUpdate, Target: assistant.TargetReview, TargetID: itoa(id), CallID: r.CallID,
	})
}

// checkOneReview refuses a second review of call callID by the same
// trainer, naming their first.
func checkOneReview(ctx context.Context, tx querier, by assistant.Principal, callID int64) error {
	if by.TokenID == 0 {
		return nil
	}
	var mine []int64
	if err := tx.SelectContext(ctx, &mine, `SELECT id FROM reviews WHERE call_id = $1 AND reviewer_token_id = $2`, callID, by.TokenID); err != nil {
		return fmt.Errorf("find own review: %w", err)
	}
	if len(mine) > 0 {
		return assistant.Worded(assistant.EConflict, "review.reviewed-already", map[string]any{"Call": callID, "Review": mine[0]},
			"You have reviewed call %d already: review %d. Change that review instead.", callID, mine[0])
	}
	return nil
}

// ratingOf is the rating of a form, 0 for none.
func ratingOf(r *int) int64 {
	if r == nil {
		return 0
	}
	return int64(*r)
}
