package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/rooscoach/rooscoach/assistant"
)

// The job queue is River (github.com/riverqueue/river) on this store's own
// lib/pq pool through its database/sql driver: its tables live beside ours
// (made by rivermigrate from Migrate), a job is inserted in the transaction
// that writes the rows it works on, and any number of rooscoach instances
// work the same queue. database/sql has no LISTEN, so workers poll.

// importQueue is the River queue of import jobs.
const importQueue = "imports"

// importFileArgs is the job of importing one file of an import. One job
// per file, not per import, so that every instance takes a share of a
// large import.
type importFileArgs struct {
	FileID int64 `json:"file_id"`
	// Engine is the engine the import asked for ("" for the default of
	// the instance that works the job). It travels with the job, so that
	// any instance that takes it analyses the file as asked.
	Engine assistant.EngineChoice `json:"engine,omitempty"`
}

// Kind names the job in River's table.
func (importFileArgs) Kind() string { return "import_file" }

// InsertOpts puts import jobs on their own queue.
func (importFileArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: importQueue, MaxAttempts: maxImportAttempts}
}

// maxImportAttempts bounds the tries of one file: a database that is down
// for a while is waited out with River's growing back-off, a file that
// fails for a bug in every try is marked failed in the end.
const maxImportAttempts = 8

// FileImporter works one file of an import; coach.Service implements it.
type FileImporter interface {
	// ImportFile imports file id with engine, the engine its import asked
	// for ("" for the default). It marks a bad file failed itself and
	// returns nil; an error means "try again later" (the database is
	// unreachable, say).
	ImportFile(ctx context.Context, id int64, engine assistant.EngineChoice) error
	// FailImportFile marks file id failed with reason, after its last try.
	FailImportFile(ctx context.Context, id int64, reason assistant.ImportReason) error
}

// QueueConfig tunes the job queue of one instance.
type QueueConfig struct {
	// Workers is how many files this instance works at once; 0 makes a
	// queue that only inserts jobs, for an instance that must not work.
	Workers int
	// PollInterval is how often an idle worker looks for new jobs; 0 means
	// one second. River refuses less than its fetch cooldown, 100 ms.
	PollInterval time.Duration
	// JobTimeout bounds the work on one file; 0 means one minute.
	JobTimeout time.Duration
	// RescueAfter is when a job still marked running is taken to be
	// orphaned by a killed instance and tried again; 0 means five minutes.
	// It must be longer than JobTimeout.
	RescueAfter time.Duration
	// ID names this instance in River's tables (who holds a job, who
	// leads); empty lets River choose.
	ID string
	// Retention is how long the calls of a team that sets no period of its
	// own (and of no team) are kept; 0 keeps them. The teams' own periods
	// are read from the database at each run.
	Retention time.Duration
	// RetentionEvery is how often retention is applied; 0 means hourly.
	// Only the instance River elects leader schedules the job, so a fleet
	// applies it once per period, not once per instance.
	RetentionEvery time.Duration
	// Now is retention's clock, replaced in tests; nil means time.Now.
	Now    func() time.Time
	Logger *slog.Logger
}

// Queue is the running job queue of one instance.
type Queue struct {
	client  *river.Client[*sql.Tx]
	working bool
}

// StartQueue starts this instance's job queue: it works import jobs with
// imp on cfg.Workers goroutines until Stop, and lets CreateImport queue
// jobs. A store has one queue at a time.
func (db *DB) StartQueue(ctx context.Context, imp FileImporter, cfg QueueConfig) (*Queue, error) {
	if cfg.PollInterval == 0 {
		cfg.PollInterval = time.Second
	}
	if cfg.JobTimeout == 0 {
		cfg.JobTimeout = time.Minute
	}
	if cfg.RescueAfter == 0 {
		cfg.RescueAfter = 5 * time.Minute
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.RetentionEvery == 0 {
		cfg.RetentionEvery = time.Hour
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	workers := river.NewWorkers()
	river.AddWorker(workers, &importWorker{imp: imp})
	river.AddWorker(workers, &retentionWorker{db: db, def: cfg.Retention, now: cfg.Now, logger: cfg.Logger})
	rc := &river.Config{
		ID:                   cfg.ID,
		Logger:               cfg.Logger,
		Workers:              workers,
		FetchPollInterval:    cfg.PollInterval,
		FetchCooldown:        min(cfg.PollInterval, 100*time.Millisecond),
		JobTimeout:           cfg.JobTimeout,
		RescueStuckJobsAfter: cfg.RescueAfter,
	}
	if cfg.Workers > 0 {
		rc.Queues = map[string]river.QueueConfig{importQueue: {MaxWorkers: cfg.Workers}, maintenanceQueue: {MaxWorkers: 1}}
		rc.PeriodicJobs = []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(cfg.RetentionEvery),
			func() (river.JobArgs, *river.InsertOpts) { return retentionArgs{}, nil },
			&river.PeriodicJobOpts{ID: retentionArgs{}.Kind(), RunOnStart: true})}
	}
	client, err := river.NewClient(riverdatabasesql.New(db.db.DB), rc)
	if err != nil {
		return nil, fmt.Errorf("start job queue: %w", err)
	}
	q := &Queue{client: client, working: cfg.Workers > 0}
	if q.working {
		if err := client.Start(ctx); err != nil {
			return nil, dbError(err, "start job queue")
		}
	}
	if !db.queue.CompareAndSwap(nil, q) {
		_ = q.Stop(ctx)
		return nil, errors.New("start job queue: this store's queue is started already")
	}
	return q, nil
}

// Stop stops taking jobs and waits until ctx is done for the files in
// progress; a file cut off is tried again by another instance, or by this
// one when it starts again.
func (q *Queue) Stop(ctx context.Context) error {
	if !q.working {
		return nil
	}
	if err := q.client.Stop(ctx); err != nil {
		return fmt.Errorf("stop job queue: %w", err)
	}
	return nil
}

// insertTx queues one job per file in tx, each with the engine to use.
func (q *Queue) insertTx(ctx context.Context, tx *sql.Tx, fileIDs []int64, engine assistant.EngineChoice) error {
	if len(fileIDs) == 0 {
		return nil
	}
	params := make([]river.InsertManyParams, len(fileIDs))
	for i, id := range fileIDs {
		params[i] = river.InsertManyParams{Args: importFileArgs{FileID: id, Engine: engine}}
	}
	if _, err := q.client.InsertManyTx(ctx, tx, params); err != nil {
		return fmt.Errorf("queue %d import jobs: %w", len(fileIDs), err)
	}
	return nil
}

// importWorker works import jobs.
type importWorker struct {
	river.WorkerDefaults[importFileArgs]
	imp FileImporter
}

// Work imports one file. A failure the importer could not pin on the file
// is returned, so River tries again with back-off; after the last try the
// file is marked failed, so that its import finishes.
func (w *importWorker) Work(ctx context.Context, job *river.Job[importFileArgs]) error {
	err := w.imp.ImportFile(ctx, job.Args.FileID, job.Args.Engine)
	if err == nil {
		return nil
	}
	if job.Attempt >= job.MaxAttempts {
		reason := assistant.ImportReason{Code: assistant.ReasonTries, Tries: job.Attempt, Detail: assistant.ErrorMessage(err)}
		if ferr := w.imp.FailImportFile(ctx, job.Args.FileID, reason); ferr != nil {
			return errors.Join(err, ferr)
		}
	}
	return err
}

// migrateQueue runs River's own migrations on the current schema under an
// advisory lock: rivermigrate takes no lock of its own, and instances
// starting together would otherwise race to create the same types. The
// migrations cannot share one transaction (one adds an enum value that the
// next uses), so the lock is a session's, held on a connection of its own
// while rivermigrate runs each migration in its transaction. It returns how
// many migrations it applied.
func (db *DB) migrateQueue(ctx context.Context) (int, error) {
	m, err := rivermigrate.New(riverdatabasesql.New(db.db.DB), nil)
	if err != nil {
		return 0, fmt.Errorf("migrate job queue: %w", err)
	}
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return 0, dbError(err, "migrate job queue")
	}
	defer conn.Close()
	// The lock is per schema, as goose's is (see provider).
	const key = `hashtext('rooscoach river ' || current_schema())`
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(`+key+`)`); err != nil {
		return 0, dbError(err, "migrate job queue")
	}
	defer func() {
		// A fresh context: the lock must go even when ctx has ended.
		unlock, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_, _ = conn.ExecContext(unlock, `SELECT pg_advisory_unlock(`+key+`)`)
	}()
	res, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return 0, dbError(err, "migrate job queue")
	}
	return len(res.Versions), nil
}

// checkQueueSchema returns an error when River's migrations are behind.
func (db *DB) checkQueueSchema(ctx context.Context) error {
	m, err := rivermigrate.New(riverdatabasesql.New(db.db.DB), nil)
	if err != nil {
		return fmt.Errorf("check job queue schema: %w", err)
	}
	res, err := m.Validate(ctx, nil)
	if err != nil {
		return dbError(err, "check job queue schema")
	}
	if !res.OK {
		return &assistant.Error{
			Code:    assistant.EUnavailable,
			Message: "The database schema is out of date; run rooscoach migrate.",
			Err:     fmt.Errorf("check job queue schema: %v: %w", res.Messages, ErrSchemaBehind),
		}
	}
	return nil
}
