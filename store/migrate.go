package store

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"github.com/rooscoach/rooscoach/assistant"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// ErrSchemaBehind is wrapped by the error [DB.CheckSchema] returns when the
// database lacks migrations this build carries.
var ErrSchemaBehind = errors.New("database schema is behind the migrations of this build")

// versionTable is goose's bookkeeping table, in the current schema.
const versionTable = goose.DefaultTablename

// Migrate applies the pending embedded migrations to the current schema (the
// first of search_path). Any number of instances may call it at once: a
// Postgres advisory lock lets one migrate while the others wait, then find
// nothing left to do.
func (db *DB) Migrate(ctx context.Context) error {
	_, err := db.MigrateReport(ctx)
	return err
}

// Migrated is what a run of migrations applied.
type Migrated struct {
	// Versions are rooscoach's own migrations applied, in order.
	Versions []int64
	// Queue is how many of the job queue's migrations were applied.
	Queue int
}

// Count is how many migrations were applied in all; 0 means the database
// was up to date.
func (m Migrated) Count() int { return len(m.Versions) + m.Queue }

// MigrateReport is [DB.Migrate], and says what it applied, so that the
// migrate command tells a fresh database from one already up to date.
func (db *DB) MigrateReport(ctx context.Context) (Migrated, error) {
	var m Migrated
	p, err := db.provider(ctx)
	if err != nil {
		return m, err
	}
	results, err := p.Up(ctx)
	for _, r := range results {
		if r.Error == nil && r.Source != nil {
			m.Versions = append(m.Versions, r.Source.Version)
		}
	}
	if err != nil {
		return m, dbError(err, "migrate database")
	}
	// The job queue's tables are River's, made by its own migrations.
	m.Queue, err = db.migrateQueue(ctx)
	return m, err
}

// CheckSchema returns an error wrapping [ErrSchemaBehind], coded
// EUnavailable, when a migration of this build has not been applied, so that
// serve refuses a stale schema instead of failing on every request. A schema
// ahead of this build (a newer instance migrated first during a rolling
// deploy) passes, since migrations only add. It changes nothing in the
// database.
func (db *DB) CheckSchema(ctx context.Context) error {
	// goose's own status methods create the version table when it is
	// missing; a check must not write, so it reads the table itself.
	var exists bool
	if err := db.db.GetContext(ctx, &exists, `SELECT to_regclass($1) IS NOT NULL`, versionTable); err != nil {
		return dbError(err, "check schema")
	}
	applied := map[int64]bool{}
	if exists {
		// goose records a down migration by deleting its row or, in older
		// versions, by a newer row with is_applied false: the latest row of
		// each version says whether it is applied.
		var rows []struct {
			Version int64 `db:"version_id"`
			Applied bool  `db:"is_applied"`
		}
		q := `
			SELECT DISTINCT ON (version_id) version_id, is_applied
			FROM ` + versionTable + `
			ORDER BY version_id, id DESC`
		if err := db.db.SelectContext(ctx, &rows, q); err != nil {
			return dbError(err, "check schema")
		}
		for _, r := range rows {
			applied[r.Version] = r.Applied
		}
	}
	sources, err := migrationSources()
	if err != nil {
		return err
	}
	var missing []int64
	for _, s := range sources {
		if !applied[s] {
			missing = append(missing, s)
		}
	}
	if len(missing) > 0 {
		return &assistant.Error{
			Code:    assistant.EUnavailable,
			Message: "The database schema is out of date; run rooscoach migrate.",
			Err:     fmt.Errorf("check schema: versions %v not applied: %w", missing, ErrSchemaBehind),
		}
	}
	return db.checkQueueSchema(ctx)
}

// migrationsFS returns the embedded migrations with the directory stripped,
// as goose wants them.
func migrationsFS() fs.FS {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		// The directory is embedded at build time; this cannot fail.
		panic(err)
	}
	return sub
}

// migrationSources returns the versions of the embedded migrations.
func migrationSources() ([]int64, error) {
	entries, err := fs.Glob(migrationsFS(), "*.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	versions := make([]int64, 0, len(entries))
	for _, name := range entries {
		v, err := goose.NumericComponent(name)
		if err != nil {
			return nil, fmt.Errorf("list migrations: %s: %w", name, err)
		}
		versions = append(versions, v)
	}
	return versions, nil
}

// provider returns a goose provider for the current schema, with a session
// lock so that concurrent instances migrate one at a time.
func (db *DB) provider(ctx context.Context) (*goose.Provider, error) {
	// The advisory lock is per database, but goose keeps its versions per
	// schema; a lock id derived from the schema lets separate schemas (one
	// per test, say) migrate in parallel while instances sharing one still
	// take turns.
	var schema *string
	if err := db.db.GetContext(ctx, &schema, `SELECT current_schema()`); err != nil {
		return nil, dbError(err, "migrate database")
	}
	if schema == nil {
		return nil, errors.New("migrate database: no schema of search_path exists; create it first")
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "rooscoach goose %s", *schema)
	locker, err := lock.NewPostgresSessionLocker(
		lock.WithLockID(int64(h.Sum64())),
		// Poll every second, for up to five minutes, so waiting instances
		// start soon after the first has migrated.
		lock.WithLockTimeout(1, 300),
	)
	if err != nil {
		return nil, fmt.Errorf("migrate database: %w", err)
	}
	opts := []goose.ProviderOption{
		goose.WithSessionLocker(locker),
		goose.WithDisableGlobalRegistry(true),
		// Migration numbers are given out in ranges to work that lands in
		// any order, so a database may have a higher number applied before a
		// lower one arrives (00060 before 00020). Each migration touches its
		// own tables and columns, so applying the lower one late is safe.
		goose.WithAllowOutofOrder(true),
	}
	if db.Logger != nil {
		opts = append(opts, goose.WithSlog(db.Logger))
	} else {
		opts = append(opts, goose.WithLogger(goose.NopLogger()))
	}
	p, err := goose.NewProvider(goose.DialectPostgres, db.db.DB, migrationsFS(), opts...)
	if err != nil {
		return nil, fmt.Errorf("migrate database: %w", err)
	}
	return p, nil
}
