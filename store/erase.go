package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/lib/pq"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/rooscoach/rooscoach/assistant"
)

// EraseCalls erases the calls f picks that scope s may see, each with
// everything derived from it in a transaction of its own: turns, findings,
// arrangement facts and options, reviews and disputes, the live session's
// note and events; import files lose their name and the audit trail's
// entries about the call lose its id. The call's anonymous figures in
// call_stats stay (their call_id goes NULL), so progress reads as before.
// Each erasure is recorded in the audit trail without naming the call, the
// account or the agent. It returns how many calls were erased; one call
// asked for by id that s cannot see is ENotFound.
//
// One transaction per call, not one for all: erasing a year of calls must
// not hold locks on them all at once, and what was erased stays erased if a
// later call fails.
func (db *DB) EraseCalls(ctx context.Context, by assistant.Principal, s assistant.Scope, f assistant.EraseFilter) (int, error) {
	if f.Empty() {
		return 0, assistant.Errorf(assistant.EInvalid, "Name the calls to erase: a call, an account, an agent or a date.")
	}
	ids, err := db.callsToErase(ctx, s, f)
	if err != nil {
		return 0, err
	}
	if f.CallID != 0 && len(ids) == 0 {
		return 0, assistant.Errorf(assistant.ENotFound, "call %d not found.", f.CallID)
	}
	for i, id := range ids {
		if err := db.eraseCall(ctx, by, id, f.Reason); err != nil {
			return i, err
		}
	}
	return len(ids), nil
}

func (db *DB) callsToErase(ctx context.Context, s assistant.Scope, f assistant.EraseFilter) ([]int64, error) {
	args := params{}
	conds := []string{scopeCondition(s, "agent_id", "team_id", &args)}
	if f.CallID != 0 {
		conds = append(conds, "id = "+args.add(f.CallID))
	}
	if f.AccountRef != "" {
		conds = append(conds, "account_ref = "+args.add(f.AccountRef))
	}
	if f.AgentID != "" {
		conds = append(conds, "agent_id = "+args.add(f.AgentID))
	}
	if !f.Before.IsZero() {
		conds = append(conds, "occurred_at < "+args.add(f.Before))
	}
	if f.TeamID != "" {
		conds = append(conds, "team_id = "+args.add(f.TeamID))
	}
	if f.NoTeam {
		conds = append(conds, "team_id IS NULL")
	}
	var ids []int64
	if err := db.db.SelectContext(ctx, &ids, `SELECT id FROM calls`+where(conds)+` ORDER BY id`, args...); err != nil {
		return nil, dbError(err, "find the calls to erase")
	}
	return ids, nil
}

// eraseCall erases one call in one transaction.
func (db *DB) eraseCall(ctx context.Context, by assistant.Principal, id int64, reason string) error {
	tx, err := db.db.BeginTxx(ctx, nil)
	if err != nil {
		return dbError(err, "erase a call")
	}
	defer tx.Rollback()
	steps := []struct{ what, query string }{
		// The trail keeps that something was done, not to which call.
		{"audit", `UPDATE audit SET call_id = NULL,
			target_id = CASE WHEN target = 'call' THEN '' ELSE target_id END
			WHERE call_id = $1 OR (target = 'call' AND target_id = $1::text)`},
		// A file name may name the customer; the import keeps its counts.
		{"import files", `UPDATE import_files SET name = '(erased)', data = NULL WHERE call_id = $1`},
		// The rest follows the call: ON DELETE CASCADE, and call_stats
		// ON DELETE SET NULL.
		{"call", `DELETE FROM calls WHERE id = $1`},
	}
	for _, st := range steps {
		if _, err := tx.ExecContext(ctx, st.query, id); err != nil {
			return dbError(err, "erase a call: %s", st.what)
		}
	}
	detail := "erased"
	if reason != "" {
		detail += " (" + reason + ")"
	}
	if err := writeAudit(ctx, tx, by, assistant.AuditEntry{Action: assistant.ActionCallErase, Target: assistant.TargetCall, Detail: detail}); err != nil {
		return dbError(err, "erase a call")
	}
	if err := tx.Commit(); err != nil {
		return dbError(err, "erase a call")
	}
	return nil
}

// TeamRetention returns the retention periods the teams set themselves.
func (db *DB) TeamRetention(ctx context.Context) (map[string]time.Duration, error) {
	var rows []struct {
		ID   string        `db:"id"`
		Days sql.NullInt64 `db:"retention_days"`
	}
	if err := db.db.SelectContext(ctx, &rows, `SELECT id, retention_days FROM teams WHERE retention_days IS NOT NULL`); err != nil {
		return nil, dbError(err, "read the teams' retention")
	}
	out := make(map[string]time.Duration, len(rows))
	for _, r := range rows {
		out[r.ID] = time.Duration(r.Days.Int64) * 24 * time.Hour
	}
	return out, nil
}

// SetTeamRetention sets how many days team id's calls are kept; 0 returns
// the team to the default.
func (db *DB) SetTeamRetention(ctx context.Context, by assistant.Principal, id string, days int) error {
	if days < 0 {
		return assistant.Errorf(assistant.EInvalid, "retention_days must be 0 (the default) or more.")
	}
	tx, err := db.db.BeginTxx(ctx, nil)
	if err != nil {
		return dbError(err, "set the retention of team %s", id)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE teams SET retention_days = $2 WHERE id = $1`, id, orNull(days))
	if err != nil {
		return dbError(err, "set the retention of team %s", id)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return assistant.Errorf(assistant.ENotFound, "team %s not found.", id)
	}
	if err := writeAudit(ctx, tx, by, assistant.AuditEntry{Action: assistant.ActionTeamUpdate, Target: assistant.TargetTeam, TargetID: id, Detail: fmt.Sprintf("retention_days %d", days)}); err != nil {
		return dbError(err, "set the retention of team %s", id)
	}
	if err := tx.Commit(); err != nil {
		return dbError(err, "set the retention of team %s", id)
	}
	return nil
}

// ApplyRetention erases the calls older than their team's period (or the
// default's, for teams without one and calls of no team), as of now.
func (db *DB) ApplyRetention(ctx context.Context, by assistant.Principal, r assistant.Retention, now time.Time) (int, error) {
	total := 0
	erase := func(f assistant.EraseFilter) error {
		f.Reason = "retention"
		n, err := db.EraseCalls(ctx, by, assistant.Scope{All: true}, f)
		total += n
		return err
	}
	for team, d := range r.Teams {
		if err := erase(assistant.EraseFilter{TeamID: team, Before: now.Add(-d)}); err != nil {
			return total, err
		}
	}
	if r.Default > 0 {
		var others []string
		if err := db.db.SelectContext(ctx, &others, `SELECT id FROM teams WHERE NOT (id = ANY($1))`, pq.StringArray(keys(r.Teams))); err != nil {
			return total, dbError(err, "apply retention")
		}
		for _, team := range others {
			if err := erase(assistant.EraseFilter{TeamID: team, Before: now.Add(-r.Default)}); err != nil {
				return total, err
			}
		}
		if err := erase(assistant.EraseFilter{NoTeam: true, Before: now.Add(-r.Default)}); err != nil {
			return total, err
		}
	}
	return total, nil
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// maintenanceQueue is the River queue of the scheduled jobs.
const maintenanceQueue = "maintenance"

// retentionArgs is the scheduled job that applies retention.
type retentionArgs struct{}

// Kind names the job in River's table.
func (retentionArgs) Kind() string { return "apply_retention" }

// InsertOpts puts the job on the maintenance queue, once at a time.
func (retentionArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: maintenanceQueue, MaxAttempts: 3,
		UniqueOpts: river.UniqueOpts{ByState: []rivertype.JobState{rivertype.JobStateAvailable, rivertype.JobStatePending,
			rivertype.JobStateRunning, rivertype.JobStateRetryable, rivertype.JobStateScheduled}}}
}

// retentionWorker erases the calls past their team's period, or def.
type retentionWorker struct {
	river.WorkerDefaults[retentionArgs]
	db     *DB
	def    time.Duration
	now    func() time.Time
	logger *slog.Logger
}

// Work applies retention as of now.
func (w *retentionWorker) Work(ctx context.Context, _ *river.Job[retentionArgs]) error {
	teams, err := w.db.TeamRetention(ctx)
	if err != nil {
		return err
	}
	n, err := w.db.ApplyRetention(ctx, assistant.System(), assistant.Retention{Default: w.def, Teams: teams}, w.now())
	if n > 0 {
		w.logger.Info("retention applied", "erased_calls", n)
	}
	return err
}

// RedactsTranscripts reports whether team teamID stores its transcripts
// redacted; an unknown team does not.
func (db *DB) RedactsTranscripts(ctx context.Context, teamID string) (bool, error) {
	var on bool
	err := db.db.GetContext(ctx, &on, `SELECT redact_transcripts FROM teams WHERE id = $1`, teamID)
	if err == sql.ErrNoRows {
		return false, nil
	}
	if err != nil {
		return false, dbError(err, "read the redaction of team %s", teamID)
	}
	return on, nil
}

// SetTeamRedaction sets whether team id stores its transcripts redacted,
// from the next call on; stored calls stay as they are.
func (db *DB) SetTeamRedaction(ctx context.Context, by assistant.Principal, id string, on bool) error {
	tx, err := db.db.BeginTxx(ctx, nil)
	if err != nil {
		return dbError(err, "set the redaction of team %s", id)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE teams SET redact_transcripts = $2 WHERE id = $1`, id, on)
	if err != nil {
		return dbError(err, "set the redaction of team %s", id)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return assistant.Errorf(assistant.ENotFound, "team %s not found.", id)
	}
	if err := writeAudit(ctx, tx, by, assistant.AuditEntry{Action: assistant.ActionTeamUpdate, Target: assistant.TargetTeam, TargetID: id, Detail: fmt.Sprintf("redact_transcripts %t", on)}); err != nil {
		return dbError(err, "set the redaction of team %s", id)
	}
	if err := tx.Commit(); err != nil {
		return dbError(err, "set the redaction of team %s", id)
	}
	return nil
}
