// Package storetest gives tests a Postgres schema of their own.
//
// Tests run against a real Postgres: ROOSCOACH_TEST_DATABASE_URL, or the
// local one on 127.0.0.1:5432 (`make test` starts it). Each test gets a
// randomly named schema, dropped when the test ends, so tests can run in
// parallel and leave nothing behind.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lib/pq"
	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/store"
)

// DefaultURL is the test database used when ROOSCOACH_TEST_DATABASE_URL is
// not set.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// URL returns the test database's connection string.
func URL() string {
	if u := os.Getenv("ROOSCOACH_TEST_DATABASE_URL"); u != "" {
		return u
	}
	return DefaultURL
}

// NewDSN creates a fresh schema, migrates it and returns a connection string
// whose search_path points at it. The schema is dropped when tb ends. It
// fails tb when Postgres cannot be reached.
func NewDSN(tb testing.TB) string {
	tb.Helper()
	dsn := NewEmptyDSN(tb)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		tb.Fatalf("open test schema: %v", err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		tb.Fatalf("migrate test schema: %v", err)
	}
	return dsn
}

// NewEmptyDSN is NewDSN without the migrations, for tests of migrating.
func NewEmptyDSN(tb testing.TB) string {
	tb.Helper()
	base := URL()
	admin, err := sql.Open("postgres", base)
	if err != nil {
		tb.Fatalf("test database URL %s: %v", redact(base), err)
	}
	defer admin.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := admin.PingContext(ctx); err != nil {
		tb.Fatalf("Postgres is not reachable at %s: %v\n"+
			"Start it with `make test` (it starts a local Postgres when none answers), "+
			"or point ROOSCOACH_TEST_DATABASE_URL at one.", redact(base), err)
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	schema := "rooscoach_test_" + hex.EncodeToString(b[:])
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+pq.QuoteIdentifier(schema)); err != nil {
		tb.Fatalf("create test schema: %v", err)
	}
	tb.Cleanup(func() {
		// The test's context may be gone by now; dropping needs its own.
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		admin, err := sql.Open("postgres", base)
		if err != nil {
			tb.Errorf("drop test schema %s: %v", schema, err)
			return
		}
		defer admin.Close()
		if _, err := admin.ExecContext(ctx, "DROP SCHEMA "+pq.QuoteIdentifier(schema)+" CASCADE"); err != nil {
			tb.Errorf("drop test schema %s: %v", schema, err)
		}
	})
	return WithSearchPath(base, schema)
}

// WithSearchPath returns dsn with its search_path set to schema. lib/pq
// passes the parameter on to Postgres, so every connection of a pool opened
// with the result works in schema.
func WithSearchPath(dsn, schema string) string {
	return WithParam(dsn, "search_path", schema)
}

// WithParam returns dsn, a URL or key=value connection string, with the
// connection parameter key set to value (a plain word: no quoting is done).
func WithParam(dsn, key, value string) string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err == nil {
			q := u.Query()
			q.Set(key, value)
			u.RawQuery = q.Encode()
			return u.String()
		}
	}
	return dsn + " " + key + "=" + value
}

// redact hides a password in a URL connection string for messages.
func redact(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.Scheme != "" {
		return u.Redacted()
	}
	return "the configured database"
}

// CheckErased fails tb unless the calls ids were erased leaving nothing of
// them in db, a connection to the test's schema. It reads every table of
// the schema from information_schema rather than from a list, so that a
// table added later is checked too: no column named call_id holds one of
// ids, calls holds none of them, and no row of any table, read as text,
// holds one of texts (what the calls said, their account, their external
// ids). The calls' anonymous figures stay: call_stats must hold exactly
// len(ids) rows without a call, so ids must be every call erased in the
// schema.
func CheckErased(tb testing.TB, db *sql.DB, ids []int64, texts []string) {
	tb.Helper()
	ctx := context.Background()
	names := func(query string) []string {
		tb.Helper()
		rows, err := db.QueryContext(ctx, query)
		if err != nil {
			tb.Fatalf("%s: %v", query, err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				tb.Fatal(err)
			}
			out = append(out, s)
		}
		if err := rows.Err(); err != nil {
			tb.Fatal(err)
		}
		return out
	}
	count := func(query string, args ...any) int {
		tb.Helper()
		var n int
		if err := db.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
			tb.Fatalf("%s: %v", query, err)
		}
		return n
	}
	if len(ids) == 0 {
		tb.Fatal("CheckErased: no calls named")
	}
	tables := names(`SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`)
	if len(tables) < 20 || !slices.Contains(tables, "call_stats") || !slices.Contains(tables, "live_events") {
		tb.Fatalf("tables of the schema: %v", tables)
	}
	withCallID := names(`SELECT table_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND column_name = 'call_id' ORDER BY 1`)
	if len(withCallID) < 8 {
		tb.Fatalf("tables with a call_id: %v", withCallID)
	}
	for _, table := range withCallID {
		if n := count(`SELECT count(*) FROM `+pq.QuoteIdentifier(table)+` WHERE call_id = ANY($1)`, pq.Int64Array(ids)); n != 0 {
			tb.Errorf("%s: %d rows of the erased calls", table, n)
		}
	}
	if n := count(`SELECT count(*) FROM calls WHERE id = ANY($1)`, pq.Int64Array(ids)); n != 0 {
		tb.Errorf("calls: %d erased calls left", n)
	}
	for _, table := range tables {
		for _, text := range texts {
			if n := count(`SELECT count(*) FROM `+pq.QuoteIdentifier(table)+` r WHERE strpos(r::text, $1) > 0`, text); n != 0 {
				tb.Errorf("%s: %d rows hold %.40q", table, n, text)
			}
		}
	}
	if n := count(`SELECT count(*) FROM call_stats WHERE call_id IS NULL`); n != len(ids) {
		tb.Errorf("%d anonymous figures rows, want %d", n, len(ids))
	}
}

// StartQueue starts db's job queue with imp as its worker and stops it when
// the test ends.
func StartQueue(tb testing.TB, db *store.DB, imp store.FileImporter, cfg store.QueueConfig) *store.Queue {
	tb.Helper()
	q, err := db.StartQueue(context.Background(), imp, cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = q.Stop(ctx)
	})
	return q
}

// Teams makes the teams ids that do not exist yet, as an admin would
// before making tokens for them: a token does not make its teams.
func Teams(tb testing.TB, db *store.DB, ids ...string) {
	tb.Helper()
	for _, id := range ids {
		err := db.CreateTeam(context.Background(), assistant.System(), &assistant.Team{ID: id})
		if err != nil && assistant.ErrorCode(err) != assistant.EConflict {
			tb.Fatalf("make team %s: %v", id, err)
		}
	}
}

// CheckNowhere fails tb if any column of text type (text, varchar, char,
// json, jsonb, arrays of them, bytea) of any table of the current schema
// holds one of texts anywhere in its value. It reads the columns from
// information_schema rather than from a list, so that a column added
// later is checked too. It returns how many columns it read.
func CheckNowhere(tb testing.TB, db *sql.DB, texts []string) int {
	tb.Helper()
	ctx := context.Background()
	rows, err := db.QueryContext(ctx, `SELECT c.table_name, c.column_name, c.data_type
		FROM information_schema.columns c
		JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
		WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
		  AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')
		       OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar', '_bpchar', '_jsonb', '_json')))
		ORDER BY 1, 2`)
	if err != nil {
		tb.Fatal(err)
	}
	type column struct{ table, name, typ string }
	var cols []column
	for rows.Next() {
		var c column
		if err := rows.Scan(&c.table, &c.name, &c.typ); err != nil {
			tb.Fatal(err)
		}
		cols = append(cols, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	if len(cols) < 40 {
		tb.Fatalf("only %d text columns in the schema: %v", len(cols), cols)
	}
	for _, c := range cols {
		match := `strpos(` + pq.QuoteIdentifier(c.name) + `::text, $1) > 0`
		if c.typ == "bytea" {
			match = `position(convert_to($1, 'UTF8') in ` + pq.QuoteIdentifier(c.name) + `) > 0`
		}
		for _, text := range texts {
			var n int
			if err := db.QueryRowContext(ctx, `SELECT count(*) FROM `+pq.QuoteIdentifier(c.table)+` WHERE `+match, text).Scan(&n); err != nil {
				tb.Fatalf("%s.%s: %v", c.table, c.name, err)
			}
			if n != 0 {
				tb.Errorf("%s.%s: %d rows hold %.40q", c.table, c.name, n, text)
			}
		}
	}
	return len(cols)
}
