package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/lib/pq"
	"github.com/rooscoach/rooscoach/assistant"
)

// CreateImport stores an import made by principal p with its files, and
// queues one job per file that has bytes, in one transaction with its
// entry in the audit trail: the import exists with its jobs or not at all. Files with a Reason are stored as
// failed, with the reason as its code and parameters. It sets imp.ID and imp.CreatedAt. The job queue must have been
// started with [DB.StartQueue].
func (db *DB) CreateImport(ctx context.Context, p assistant.Principal, imp *assistant.Import, files []assistant.UploadedFile) error {
	q := db.queue.Load()
	if q == nil {
		return errors.New("create import: the job queue is not started")
	}
	opts, err := json.Marshal(imp.Options)
	if err != nil {
		return fmt.Errorf("create import: %w", err)
	}
	owner, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("create import: %w", err)
	}
	s := p.Scope()
	tx, err := db.db.BeginTxx(ctx, nil)
	if err != nil {
		return dbError(err, "create import")
	}
	defer tx.Rollback()
	if err := tx.QueryRowxContext(ctx, `
		INSERT INTO imports (created_by_token, created_by, owner_all, owner_agent_id, owner_team_ids, owner, options)
		VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)
		RETURNING id, created_at`,
		orNull(p.TokenID), p.Name, s.All, orNull(s.AgentID), pq.StringArray(nonNil(s.TeamIDs)), string(owner), string(opts),
	).Scan(&imp.ID, &imp.CreatedAt); err != nil {
		return dbError(err, "create import")
	}
	idx := make([]int64, len(files))
	names := make([]string, len(files))
	data := make(pq.ByteaArray, len(files))
	states := make([]string, len(files))
	causes := make([]string, len(files))
	for i, f := range files {
		idx[i], names[i] = int64(i), f.Name
		states[i] = string(assistant.ImportPending)
		if f.Reason != nil {
			states[i] = string(assistant.ImportFailed)
			b, err := json.Marshal(f.Reason)
			if err != nil {
				return fmt.Errorf("create import: %w", err)
			}
			causes[i] = string(b)
		} else {
			data[i] = f.Data
		}
	}
	rows, err := tx.QueryContext(ctx, `
		INSERT INTO import_files (import_id, idx, name, data, state, cause, finished_at)
		SELECT $1, i, n, d, s, nullif(r, '')::jsonb, CASE WHEN s = 'failed' THEN now() END
		FROM unnest($2::integer[], $3::text[], $4::bytea[], $5::text[], $6::text[]) AS u (i, n, d, s, r)
		RETURNING id, state`,
		imp.ID, pq.Int64Array(idx), pq.StringArray(names), data, pq.StringArray(states), pq.StringArray(causes))
	if err != nil {
		return dbError(err, "create import %d", imp.ID)
	}
	var pending []int64
	for rows.Next() {
		var id int64
		var state string
		if err := rows.Scan(&id, &state); err != nil {
			rows.Close()
			return dbError(err, "create import %d", imp.ID)
		}
		if state == string(assistant.ImportPending) {
			pending = append(pending, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return dbError(err, "create import %d", imp.ID)
	}
	if err := q.insertTx(ctx, tx.Tx, pending, imp.Options.Engine); err != nil {
		return dbError(err, "queue import %d", imp.ID)
	}
	if err := writeAudit(ctx, tx, p, assistant.AuditEntry{
		Action: assistant.ActionImportCreate, Target: assistant.TargetImport, TargetID: itoa(imp.ID),
		Detail: fmt.Sprintf("%d files, %d queued", len(files), len(pending)),
	}); err != nil {
		return dbError(err, "create import %d", imp.ID)
	}
	if err := tx.Commit(); err != nil {
		return dbError(err, "create import %d", imp.ID)
	}
	imp.CreatedAt = imp.CreatedAt.UTC()
	return nil
}

// importRow is a row of imports with its files counted.
type importRow struct {
	ID        int64          `db:"id"`
	CreatedAt sql.NullTime   `db:"created_at"`
	CreatedBy string         `db:"created_by"`
	Options   []byte         `db:"options"`
	Files     int            `db:"files"`
	Done      int            `db:"done"`
	Failed    int            `db:"failed"`
	Created   int            `db:"created"`
	AgentID   sql.NullString `db:"owner_agent_id"`
}

// FindImport returns import id with its progress and failed files. The
// import must be within scope s: made by the agent of s, by someone with a
// team of s, or s reads all; ENotFound otherwise.
func (db *DB) FindImport(ctx context.Context, s assistant.Scope, id int64) (*assistant.Import, error) {
	args := []any{id}
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	var cond string
	switch {
	case s.All:
		cond = "true"
	case s.AgentID != "":
		cond = "i.owner_agent_id = " + arg(s.AgentID)
	case len(s.TeamIDs) > 0:
		// An admin's import (owner_all) is an admin's to follow: it may
		// hold any team's calls.
		cond = "i.owner_team_ids && " + arg(pq.StringArray(s.TeamIDs))
	default:
		cond = "false"
	}
	var row importRow
	err := db.db.GetContext(ctx, &row, `
		SELECT i.id, i.created_at, i.created_by, i.options, i.owner_agent_id,
			count(f.id) AS files,
			count(f.id) FILTER (WHERE f.state = 'done') AS done,
			count(f.id) FILTER (WHERE f.state = 'failed') AS failed,
			count(f.id) FILTER (WHERE f.state = 'done' AND f.created) AS created
		FROM imports i LEFT JOIN import_files f ON f.import_id = i.id
		WHERE i.id = $1 AND `+cond+`
		GROUP BY i.id`, args...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, assistant.Errorf(assistant.ENotFound, "import %d not found.", id)
	}
	if err != nil {
		return nil, dbError(err, "find import %d", id)
	}
	imp := &assistant.Import{
		ID: row.ID, CreatedAt: row.CreatedAt.Time.UTC(), CreatedBy: row.CreatedBy,
		Files: row.Files, Done: row.Done, Failed: row.Failed, Created: row.Created,
		Left: row.Files - row.Done - row.Failed, Failures: []assistant.ImportFile{},
	}
	imp.Finished = imp.Left == 0
	if err := json.Unmarshal(row.Options, &imp.Options); err != nil {
		return nil, fmt.Errorf("find import %d: decode options: %w", id, err)
	}
	var failed []struct {
		Idx   int    `db:"idx"`
		Name  string `db:"name"`
		Cause []byte `db:"cause"`
	}
	if err := db.db.SelectContext(ctx, &failed, `
		SELECT idx, name, coalesce(cause, '{"code":"other"}') AS cause FROM import_files
		WHERE import_id = $1 AND state = 'failed' ORDER BY idx`, id); err != nil {
		return nil, dbError(err, "find import %d", id)
	}
	for _, f := range failed {
		cause := new(assistant.ImportReason)
		if err := json.Unmarshal(f.Cause, cause); err != nil {
			return nil, fmt.Errorf("find import %d: decode the reason of file %d: %w", id, f.Idx, err)
		}
		imp.Failures = append(imp.Failures, assistant.ImportFile{Index: f.Idx, Name: f.Name, State: assistant.ImportFailed, Cause: cause})
	}
	return imp, nil
}

// FindImportFile returns file id of an import as the worker needs it: its
// bytes (nil once worked), its state, the upload's options and the scope of
// whoever uploaded it. It reads no scope of its own: only the job queue
// calls it, with an id it queued.
func (db *DB) FindImportFile(ctx context.Context, id int64) (*assistant.PendingImportFile, error) {
	var row struct {
		ID       int64  `db:"id"`
		ImportID int64  `db:"import_id"`
		Name     string `db:"name"`
		Data     []byte `db:"data"`
		State    string `db:"state"`
		Options  []byte `db:"options"`
		Owner    []byte `db:"owner"`
	}
	err := db.db.GetContext(ctx, &row, `
		SELECT f.id, f.import_id, f.name, f.data, f.state, i.options, i.owner
		FROM import_files f JOIN imports i ON i.id = f.import_id
		WHERE f.id = $1`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, assistant.Errorf(assistant.ENotFound, "import file %d not found.", id)
	}
	if err != nil {
		return nil, dbError(err, "find import file %d", id)
	}
	f := &assistant.PendingImportFile{
		ID: row.ID, ImportID: row.ImportID, Name: row.Name, Data: row.Data,
		State: assistant.ImportFileState(row.State),
	}
	if err := json.Unmarshal(row.Options, &f.Options); err != nil {
		return nil, fmt.Errorf("find import file %d: decode options: %w", id, err)
	}
	if err := json.Unmarshal(row.Owner, &f.Owner); err != nil {
		return nil, fmt.Errorf("find import file %d: decode owner: %w", id, err)
	}
	return f, nil
}

// CreateImportedCall stores c, the call of import file fileID, and marks
// the file done, in one transaction, so that a file worked twice (a job
// rescued from a killed instance while another still worked it) stores its
// call once: the file's row is locked first, and a file no longer pending
// is left alone with stored false. A call whose agent stored its external
// id before is not stored again; the file then points at the stored one.
// The call is stored on behalf of by, the uploader, whose scope it must
// fall in (EForbidden otherwise) and who is named in the audit trail. It
// sets c.ID and the other fields CreateCall sets.
func (db *DB) CreateImportedCall(ctx context.Context, fileID int64, by assistant.Principal, c *assistant.Call) (stored bool, err error) {
	if err := checkCurrencies(c.Arrangement.Options); err != nil {
		return false, err
	}
	tx, err := db.db.BeginTxx(ctx, nil)
	if err != nil {
		return false, dbError(err, "import file %d", fileID)
	}
	defer tx.Rollback()
	var state string
	if err := tx.GetContext(ctx, &state, `SELECT state FROM import_files WHERE id = $1 FOR UPDATE`, fileID); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return false, assistant.Errorf(assistant.ENotFound, "import file %d not found.", fileID)
		}
		return false, dbError(err, "import file %d", fileID)
	}
	if state != string(assistant.ImportPending) {
		return false, nil
	}
	row, err := createCall(ctx, tx, by, c)
	if err != nil {
		return false, dbError(err, "import file %d", fileID)
	}
	created := row != nil
	callID := int64(0)
	if created {
		callID = row.ID
	} else if err := tx.GetContext(ctx, &callID, `SELECT id FROM calls WHERE agent_id = $1 AND external_id = $2`, c.AgentID, c.ExternalID); err != nil {
		return false, dbError(err, "import file %d: find the call stored before", fileID)
	}
	if _, err := tx.ExecContext(ctx, `
		UPDATE import_files SET state = 'done', call_id = $2, created = $3, data = NULL, finished_at = now()
		WHERE id = $1`, fileID, callID, created); err != nil {
		return false, dbError(err, "import file %d", fileID)
	}
	if err := tx.Commit(); err != nil {
		return false, dbError(err, "import file %d", fileID)
	}
	c.ID = callID
	if created {
		c.OccurredAt = row.OccurredAt.UTC()
		c.CreatedAt = row.CreatedAt.UTC()
		for i := range c.Turns {
			c.Turns[i].ID = row.TurnIDs[c.Turns[i].Index]
		}
	}
	return true, nil
}

// FailImportFile marks import file fileID failed with reason, unless it is
// no longer pending.
func (db *DB) FailImportFile(ctx context.Context, fileID int64, reason assistant.ImportReason) error {
	cause, err := json.Marshal(reason)
	if err != nil {
		return fmt.Errorf("fail import file %d: %w", fileID, err)
	}
	if _, err := db.db.ExecContext(ctx, `
		UPDATE import_files SET state = 'failed', cause = $2::jsonb, data = NULL, finished_at = now()
		WHERE id = $1 AND state = 'pending'`, fileID, string(cause)); err != nil {
		return dbError(err, "fail import file %d", fileID)
	}
	return nil
}
