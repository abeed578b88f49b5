package store

import (
	"errors"
	"fmt"

	"github.com/lib/pq"
	"github.com/rooscoach/rooscoach/assistant"
)

// openDisputeIndex is the partial unique index that keeps one open dispute
// per label or comment (migration 00092).
const openDisputeIndex = "review_disputes_open_key"

// isUniqueViolation reports whether err is Postgres refusing a duplicate
// (23505) under constraint or index name.
func isUniqueViolation(err error, name string) bool {
	var pqErr *pq.Error
	return errors.As(err, &pqErr) && pqErr.Code == "23505" && pqErr.Constraint == name
}

// disputeInsertError is the error of storing dispute in of review r. The
// use case refuses a second open dispute of a label or comment before it
// gets here; a request that raced another past that check meets the index,
// and gets the same answer, an [assistant.OpenDisputeError], not a generic
// conflict.
func disputeInsertError(err error, r *assistant.Review, in assistant.DisputeInput) error {
	if isUniqueViolation(err, openDisputeIndex) {
		// The cause is not wrapped: the typed error is the whole answer, and
		// the driver's error would turn it into dbError's generic conflict.
		e := &assistant.OpenDisputeError{ReviewID: r.ID, TurnID: in.TurnID, About: in.About}
		if t := r.Turn(in.TurnID); t != nil {
			e.Turn = t.TurnIndex + 1
		}
		return e
	}
	return fmt.Errorf("insert dispute: %w", err)
}
