package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/store"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// The pool's settings reach Postgres: the statement timeout cancels a
// statement that runs longer, and the pool opens no more than MaxConns.
func TestOpenPool(t *testing.T) {
	ctx := context.Background()
	db, err := store.OpenPool(ctx, storetest.NewDSN(t), store.Pool{MaxConns: 3, StatementTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := db.Stats().MaxOpenConnections; got != 3 {
		t.Errorf("max open connections %d, want 3", got)
	}
	if err := db.CheckSchema(ctx); err != nil {
		t.Fatalf("the search path was lost: %v", err)
	}
	if _, err := db.ImportJobStates(ctx); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	err = db.Exec(ctx, `SELECT pg_sleep(1)`)
	if err == nil || time.Since(start) > 900*time.Millisecond {
		t.Errorf("a 1 s statement under a 200 ms timeout: %v after %s", err, time.Since(start))
	}
}
