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
	"strings"
	"testing"
	"time"

	"github.com/lib/pq"
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
