package store

import (
	"context"
	"database/sql"
)

// QueryRowForTest runs a query for tests that compare rows the API does not
// show, such as call_stats.
func (db *DB) QueryRowForTest(ctx context.Context, query string, args ...any) *sql.Row {
	return db.db.QueryRowContext(ctx, query, args...)
}
