package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// MigrateDown reverts every migration, for the up/down/up test.
func (db *DB) MigrateDown(ctx context.Context) error {
	p, err := db.provider(ctx)
	if err != nil {
		return err
	}
	if _, err := p.DownTo(ctx, 0); err != nil {
		return fmt.Errorf("migrate down: %w", err)
	}
	return nil
}

// Count returns the number of rows in table, for tests that check nothing
// was half stored.
func (db *DB) Count(ctx context.Context, table string) (int, error) {
	var n int
	err := db.db.GetContext(ctx, &n, "SELECT count(*) FROM "+table)
	return n, err
}

// Exec runs a statement, for tests that reach around the API.
func (db *DB) Exec(ctx context.Context, query string, args ...any) error {
	_, err := db.db.ExecContext(ctx, query, args...)
	return err
}

// UnavailableMessage is what users read when Postgres is down.
const UnavailableMessage = unavailableMessage

// Terminate cuts the connections whose application_name is app, as a
// Postgres restart would, and returns how many it cut.
func (db *DB) Terminate(ctx context.Context, app string) (int, error) {
	var n int
	err := db.db.GetContext(ctx, &n, `
		SELECT count(pg_terminate_backend(pid))
		FROM pg_stat_activity
		WHERE application_name = $1`, app)
	return n, err
}

// SumExchanges is the query the coaching workflow's progress runs on the
// dynamics' columns: an agent's judged exchanges and how many ended
// together, over calls in [from, to).
func (db *DB) SumExchanges(ctx context.Context, agentID string, from, to time.Time) (exchanges, together int, err error) {
	var row struct {
		Exchanges int `db:"exchanges"`
		Together  int `db:"together"`
	}
	err = db.db.GetContext(ctx, &row, `
		SELECT COALESCE(sum(exchanges), 0) AS exchanges, COALESCE(sum(exchanges_together), 0) AS together
		FROM calls
		WHERE agent_id = $1 AND occurred_at >= $2 AND occurred_at < $3`, agentID, from, to)
	return row.Exchanges, row.Together, err
}

// MigrateTo applies the migrations up to version, for tests of what a
// migration does to rows stored before it.
func (db *DB) MigrateTo(ctx context.Context, version int64) error {
	p, err := db.provider(ctx)
	if err != nil {
		return err
	}
	if _, err := p.UpTo(ctx, version); err != nil {
		return fmt.Errorf("migrate up to %d: %w", version, err)
	}
	return nil
}

// MigrateVersionDown reverts one migration, for the test of migrations that
// arrive after higher ones were applied.
func (db *DB) MigrateVersionDown(ctx context.Context, version int64) error {
	p, err := db.provider(ctx)
	if err != nil {
		return err
	}
	if _, err := p.ApplyVersion(ctx, version, false); err != nil {
		return fmt.Errorf("migrate %d down: %w", version, err)
	}
	return nil
}

// ExplainFindCalls returns the plan Postgres makes for the query FindCalls
// runs for scope and f, for tests that the query meets its index.
func (db *DB) ExplainFindCalls(ctx context.Context, scope assistant.Scope, f assistant.CallFilter) (string, error) {
	sel, err := pageSelector(scope, f)
	if err != nil {
		return "", err
	}
	query, p := callQuery(sel)
	var lines []string
	if err := db.db.SelectContext(ctx, &lines, "EXPLAIN "+query, p...); err != nil {
		return "", fmt.Errorf("explain find calls: %w", err)
	}
	return strings.Join(lines, "\n"), nil
}
