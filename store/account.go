package store

import (
	"context"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// maxAccountCalls bounds the calls of one account read for a window: the
// rules count up to a handful a week, and an account with more in the
// window breaks them anyway.
const maxAccountCalls = 1000

// FindAccountHistory returns what the store knows of account ref before the
// time at: how many stored calls it has before at, and those that took
// place in [from, at], oldest first. Calls of every agent count: the rules
// count calls about one debt, whoever made them. It returns EUnavailable
// when Postgres cannot be reached.
func (db *DB) FindAccountHistory(ctx context.Context, ref string, from, at time.Time) (assistant.AccountHistory, error) {
	var h assistant.AccountHistory
	if ref == "" {
		return h, nil
	}
	if err := db.db.GetContext(ctx, &h.Earlier, `
		SELECT count(*) FROM calls
		WHERE account_ref = $1 AND occurred_at < $2`, ref, at); err != nil {
		return h, dbError(err, "count calls of an account")
	}
	var rows []struct {
		ID         int64     `db:"id"`
		OccurredAt time.Time `db:"occurred_at"`
	}
	if err := db.db.SelectContext(ctx, &rows, `
		SELECT id, occurred_at FROM calls
		WHERE account_ref = $1 AND occurred_at >= $2 AND occurred_at <= $3
		ORDER BY occurred_at, id
		LIMIT $4`, ref, from, at, maxAccountCalls); err != nil {
		return h, dbError(err, "find calls of an account")
	}
	for _, r := range rows {
		h.Calls = append(h.Calls, assistant.AccountCall{ID: r.ID, OccurredAt: r.OccurredAt.UTC()})
	}
	return h, nil
}
