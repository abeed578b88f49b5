package store

import (
	"context"

	"github.com/rooscoach/rooscoach/assistant"
)

// CreateCallsBulk stores many analysed calls in one transaction, on behalf
// of by, for generated data sets (rooscoach seed). Each call is written by
// the same code as CreateCall (its rows as one multi-row insert per table,
// its audit entry, its progress figures), so a seeded call reads back
// exactly as a posted one; only the transaction is shared. It sets each
// call's ID, CreatedAt and turn IDs. A call whose agent stored its external
// id before is left out, as CreateCall would. Run [DB.Analyze] after the
// first batch into an empty database, so that the planner knows the tables
// have grown.
func (db *DB) CreateCallsBulk(ctx context.Context, by assistant.Principal, calls []*assistant.Call) error {
	for _, c := range calls {
		if c.AgentID == "" {
			return assistant.Errorf(assistant.EInvalid, "agent_id is required: name the agent who made the call")
		}
		if err := checkCurrencies(c.Arrangement.Options); err != nil {
			return err
		}
	}
	tx, err := db.db.BeginTxx(ctx, nil)
	if err != nil {
		return dbError(err, "store %d calls", len(calls))
	}
	defer tx.Rollback()
	for _, c := range calls {
		row, err := createCall(ctx, tx, by, c)
		if err != nil {
			return dbError(err, "store %d calls", len(calls))
		}
		if row == nil {
			continue
		}
		c.ID = row.ID
		c.OccurredAt = row.OccurredAt.UTC()
		c.CreatedAt = row.CreatedAt.UTC()
		c.ReviewStatus = assistant.CallReviewStatus(row.ReviewStatus)
		for i := range c.Turns {
			c.Turns[i].ID = row.TurnIDs[c.Turns[i].Index]
		}
	}
	if err := tx.Commit(); err != nil {
		return dbError(err, "store %d calls", len(calls))
	}
	return nil
}

// Analyze refreshes the planner's statistics of the tables a call fills.
// Autovacuum does it in time; a bulk load outruns it, and while the
// planner takes the tables for empty it scans them whole for every call.
func (db *DB) Analyze(ctx context.Context) error {
	if _, err := db.db.ExecContext(ctx, `ANALYZE calls, turns, suggestions, arrangement_facts, arrangement_options, call_stats, audit`); err != nil {
		return dbError(err, "analyze tables")
	}
	return nil
}
