package store

import (
	"context"
	"database/sql"
)

// Stats returns the connection pool's figures, for the metrics.
func (db *DB) Stats() sql.DBStats { return db.db.Stats() }

// ImportJobStates counts the job queue's import jobs by River state
// (available, running, retryable, completed, discarded, …), for the
// metrics. Every instance sees the same figures: they are the queue's,
// not this instance's. Completed jobs count until River prunes them.
func (db *DB) ImportJobStates(ctx context.Context) (map[string]int64, error) {
	rows, err := db.db.QueryxContext(ctx, `SELECT state::text, count(*) FROM river_job WHERE kind = $1 GROUP BY state`, importFileArgs{}.Kind())
	if err != nil {
		return nil, dbError(err, "count import jobs")
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var state string
		var n int64
		if err := rows.Scan(&state, &n); err != nil {
			return nil, dbError(err, "count import jobs")
		}
		out[state] = n
	}
	if err := rows.Err(); err != nil {
		return nil, dbError(err, "count import jobs")
	}
	return out, nil
}
