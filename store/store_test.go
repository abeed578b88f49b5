package store_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/store"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// mustOpen opens the store at dsn and closes it when tb ends.
func mustOpen(tb testing.TB, dsn string) *store.DB {
	tb.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return db
}

// newDB opens a store on a fresh, migrated schema.
func newDB(tb testing.TB) *store.DB {
	tb.Helper()
	return mustOpen(tb, newDSN(tb))
}

// newDSN makes a fresh, migrated schema and returns its connection string.
func newDSN(tb testing.TB) string {
	tb.Helper()
	return storetest.NewDSN(tb)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// withDatabase and withUser return the test database's connection string
// naming another database or user.
func withDatabase(tb testing.TB, name string) string {
	tb.Helper()
	u := testURL(tb)
	u.Path = "/" + name
	return u.String()
}

func withUser(tb testing.TB, name string) string {
	tb.Helper()
	u := testURL(tb)
	u.User = url.User(name)
	return u.String()
}

func testURL(tb testing.TB) *url.URL {
	tb.Helper()
	u, err := url.Parse(storetest.URL())
	if err != nil || u.Scheme == "" {
		tb.Fatalf("the test database's connection string %q must be a URL here: %v", storetest.URL(), err)
	}
	return u
}

func TestOpen(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		dsn      string
		wantCode string
	}{
		{"ClosedPort", "postgres://postgres@127.0.0.1:1/postgres?sslmode=disable&connect_timeout=5", assistant.EUnavailable},
		{"ClosedPortKeyValue", "host=127.0.0.1 port=1 user=postgres sslmode=disable connect_timeout=5", assistant.EUnavailable},
		{"MalformedDSN", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=bogus", assistant.EInternal},
		// Postgres answers but will not let us in: waiting cures neither,
		// so neither is EUnavailable, which callers retry.
		{"MissingDatabase", withDatabase(t, "rooscoach_missing_7731"), assistant.EInvalid},
		{"UnknownRole", withUser(t, "rooscoach_nobody_7731"), assistant.EInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			db, err := store.Open(ctx, tt.dsn)
			if err == nil {
				db.Close()
				t.Fatal("Open succeeded, want an error")
			}
			if got := assistant.ErrorCode(err); got != tt.wantCode {
				t.Errorf("ErrorCode = %q, want %q (err: %v)", got, tt.wantCode, err)
			}
			if tt.wantCode == assistant.EUnavailable {
				if got := assistant.ErrorMessage(err); got != store.UnavailableMessage {
					t.Errorf("ErrorMessage = %q, want %q", got, store.UnavailableMessage)
				}
				var e *assistant.Error
				if errors.As(err, &e) && e.Err == nil {
					t.Error("the cause is not wrapped")
				}
			}
		})
	}
}

func TestMigrate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := mustOpen(t, storetest.NewEmptyDSN(t))

	tables := []string{"teams", "agents", "calls", "turns", "suggestions", "arrangement_facts", "arrangement_options", "policies", "team_policies"}
	checkTables := func(t *testing.T, want bool) {
		t.Helper()
		for _, table := range tables {
			_, err := db.Count(ctx, table)
			if got := err == nil; got != want {
				t.Errorf("table %s exists = %v, want %v (err: %v)", table, got, want, err)
			}
		}
	}
	checkSchema := func(t *testing.T, wantOK bool) {
		t.Helper()
		err := db.CheckSchema(ctx)
		if wantOK {
			if err != nil {
				t.Errorf("CheckSchema: %v, want nil", err)
			}
			return
		}
		if !errors.Is(err, store.ErrSchemaBehind) || assistant.ErrorCode(err) != assistant.EUnavailable {
			t.Errorf("CheckSchema = %v, want an unavailable error wrapping ErrSchemaBehind", err)
		}
	}

	t.Run("Empty", func(t *testing.T) {
		checkSchema(t, false)
		// CheckSchema reads only: the goose table must not appear.
		if _, err := db.Count(ctx, "goose_db_version"); err == nil {
			t.Error("CheckSchema created goose_db_version")
		}
	})
	t.Run("Up", func(t *testing.T) {
		if err := db.Migrate(ctx); err != nil {
			t.Fatalf("Migrate: %v", err)
		}
		checkTables(t, true)
		checkSchema(t, true)
	})
	t.Run("UpAgainIsNoop", func(t *testing.T) {
		if err := db.Migrate(ctx); err != nil {
			t.Fatalf("Migrate: %v", err)
		}
		checkSchema(t, true)
	})
	t.Run("Down", func(t *testing.T) {
		if err := db.MigrateDown(ctx); err != nil {
			t.Fatalf("MigrateDown: %v", err)
		}
		checkTables(t, false)
		checkSchema(t, false)
	})
	t.Run("UpAfterDown", func(t *testing.T) {
		if err := db.Migrate(ctx); err != nil {
			t.Fatalf("Migrate: %v", err)
		}
		checkTables(t, true)
		checkSchema(t, true)
	})
}

// TestMigrateConcurrent starts several instances at once on one schema, as a
// deploy of many replicas does.
func TestMigrateConcurrent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := storetest.NewEmptyDSN(t)
	const instances = 4
	dbs := make([]*store.DB, instances)
	for i := range dbs {
		dbs[i] = mustOpen(t, dsn)
	}
	errs := make([]error, instances)
	var wg sync.WaitGroup
	for i, db := range dbs {
		wg.Go(func() { errs[i] = db.Migrate(ctx) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("instance %d: Migrate: %v", i, err)
		}
	}
	if err := dbs[0].CheckSchema(ctx); err != nil {
		t.Errorf("CheckSchema: %v", err)
	}
}

// TestRecovery cuts every connection of the pool, as a Postgres restart
// does, and checks that the store reconnects by itself and that the failures
// in between read as unavailable.
func TestRecovery(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	// A name of its own marks this pool's connections, so that only they are
	// cut, not those of tests running alongside.
	app := fmt.Sprintf("rooscoach_recovery_%d", time.Now().UnixNano())
	db := mustOpen(t, storetest.WithParam(storetest.NewDSN(t), "application_name", app))
	admin := mustOpen(t, storetest.URL())

	// Several connections in the pool, so more than one is dead afterwards.
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			if _, err := db.FindCalls(ctx, all, assistant.CallFilter{}); err != nil {
				t.Errorf("FindCalls before the cut: %v", err)
			}
		})
	}
	wg.Wait()
	n, err := admin.Terminate(ctx, app)
	if err != nil {
		t.Fatalf("terminate backends: %v", err)
	}
	if n == 0 {
		t.Fatal("no connection of the pool was found to cut")
	}

	var lastErr error
	for attempt := range 5 {
		_, lastErr = db.FindCalls(ctx, all, assistant.CallFilter{})
		if lastErr == nil {
			t.Logf("recovered on attempt %d", attempt+1)
			if attempt > 3 {
				t.Errorf("needed %d attempts to recover", attempt+1)
			}
			return
		}
		if code := assistant.ErrorCode(lastErr); code != assistant.EUnavailable {
			t.Errorf("attempt %d: ErrorCode = %q, want %q (err: %v)", attempt, code, assistant.EUnavailable, lastErr)
		}
	}
	t.Fatalf("the store did not recover: %v", lastErr)
}
