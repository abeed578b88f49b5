package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/lib/pq"
	"github.com/rooscoach/rooscoach/assistant"
)

// goalRow is a row of goals as scanned.
type goalRow struct {
	ID        int64         `db:"id"`
	AgentID   string        `db:"agent_id"`
	Kind      string        `db:"kind"`
	Threshold float64       `db:"threshold"`
	Note      string        `db:"note"`
	StartsOn  time.Time     `db:"starts_on"`
	TargetOn  sql.NullTime  `db:"target_on"`
	EndedOn   sql.NullTime  `db:"ended_on"`
	SetBy     string        `db:"set_by"`
	CreatedAt time.Time     `db:"created_at"`
	Token     sql.NullInt64 `db:"set_by_token"`
}

func (r goalRow) goal() assistant.Goal {
	g := assistant.Goal{
		ID:        r.ID,
		AgentID:   r.AgentID,
		Kind:      assistant.GoalKind(r.Kind),
		Threshold: r.Threshold,
		Note:      r.Note,
		StartsOn:  assistant.DateOf(r.StartsOn),
		SetBy:     r.SetBy,
		CreatedAt: r.CreatedAt.UTC(),
	}
	if r.TargetOn.Valid {
		d := assistant.DateOf(r.TargetOn.Time)
		g.TargetOn = &d
	}
	if r.EndedOn.Valid {
		d := assistant.DateOf(r.EndedOn.Time)
		g.EndedOn = &d
	}
	return g
}

const goalColumns = `id, agent_id, kind, threshold, note, starts_on, target_on, ended_on, set_by, set_by_token, created_at`

// CreateGoal stores g, set by principal p, with its entry in the audit
// trail, and fills in its ID and CreatedAt. The agent must be within p's
// scope; ENotFound otherwise. A goal of the same kind for the agent that is
// still measured on g's first day is EConflict naming it. g must have been
// validated.
func (db *DB) CreateGoal(ctx context.Context, p assistant.Principal, g *assistant.Goal) error {
	tx, err := db.db.BeginTxx(ctx, nil)
	if err != nil {
		return dbError(err, "create goal for agent %s", g.AgentID)
	}
	defer tx.Rollback()
	if err := checkAgentVisible(ctx, tx, p.Scope(), g.AgentID); err != nil {
		return err
	}
	if err := checkGoalOverlap(ctx, tx, g); err != nil {
		return err
	}
	var target any
	if g.TargetOn != nil {
		target = g.TargetOn.Time
	}
	var row goalRow
	if err := tx.GetContext(ctx, &row, `
		INSERT INTO goals (agent_id, kind, threshold, note, starts_on, target_on, set_by, set_by_token)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		RETURNING `+goalColumns,
		g.AgentID, g.Kind, g.Threshold, g.Note, g.StartsOn.Time, target, p.Name, orNull(p.TokenID)); err != nil {
		return dbError(err, "create goal for agent %s", g.AgentID)
	}
	if err := writeAudit(ctx, tx, p, assistant.AuditEntry{
		Action: assistant.ActionGoalCreate, Target: assistant.TargetGoal, TargetID: itoa(row.ID),
		Detail: "agent_id " + row.AgentID + ", kind " + row.Kind,
	}); err != nil {
		return dbError(err, "create goal for agent %s", g.AgentID)
	}
	if err := tx.Commit(); err != nil {
		return dbError(err, "create goal for agent %s", g.AgentID)
	}
	*g = row.goal()
	return nil
}

// checkGoalOverlap refuses g when the agent has a goal of its kind still
// measured on g's first day: two thresholds for one figure would leave the
// agent guessing which one counts. A new goal has no end yet, so any goal
// not ended by then overlaps it. The agent's row is locked first, so that
// two coaches setting the same goal at once store one.
func checkGoalOverlap(ctx context.Context, q querier, g *assistant.Goal) error {
	if _, err := q.ExecContext(ctx, `SELECT 1 FROM agents WHERE id = $1 FOR NO KEY UPDATE`, g.AgentID); err != nil {
		return dbError(err, "lock agent %s", g.AgentID)
	}
	var rows []goalRow
	if err := q.SelectContext(ctx, &rows, `
		SELECT `+goalColumns+` FROM goals
		WHERE agent_id = $1 AND kind = $2 AND (ended_on IS NULL OR ended_on > $3)
		ORDER BY starts_on, id LIMIT 1`, g.AgentID, g.Kind, g.StartsOn.Time); err != nil {
		return dbError(err, "find goals of agent %s", g.AgentID)
	}
	if len(rows) == 0 {
		return nil
	}
	old := rows[0].goal()
	return assistant.GoalOverlap(*g, old)
}

// FindGoals returns the goals of agent agentID, oldest first, ended ones
// too. The agent must be within scope s; ENotFound otherwise.
func (db *DB) FindGoals(ctx context.Context, s assistant.Scope, agentID string) ([]assistant.Goal, error) {
	if err := checkAgentVisible(ctx, db.db, s, agentID); err != nil {
		return nil, err
	}
	goals, err := findGoals(ctx, db.db, goalSelector{agentID: agentID})
	if err != nil {
		return nil, dbError(err, "find goals of agent %s", agentID)
	}
	return goals, nil
}

// EndGoal withdraws goal id as of day on, on behalf of by, with its entry
// in the audit trail: it is no longer measured from then. The goal's agent
// must be within by's scope; ENotFound otherwise, and EConflict when the
// goal has ended already, EInvalid when on is before its start.
func (db *DB) EndGoal(ctx context.Context, by assistant.Principal, id int64, on assistant.Date) (*assistant.Goal, error) {
	s := by.Scope()
	tx, err := db.db.BeginTxx(ctx, nil)
	if err != nil {
		return nil, dbError(err, "end goal %d", id)
	}
	defer tx.Rollback()
	var row goalRow
	err = tx.GetContext(ctx, &row, `SELECT `+goalColumns+` FROM goals WHERE id = $1 FOR UPDATE`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, assistant.Errorf(assistant.ENotFound, "goal %d not found.", id)
	}
	if err != nil {
		return nil, dbError(err, "end goal %d", id)
	}
	if err := checkAgentVisible(ctx, tx, s, row.AgentID); err != nil {
		return nil, assistant.Errorf(assistant.ENotFound, "goal %d not found.", id)
	}
	if row.EndedOn.Valid {
		return nil, assistant.GoalEnded(id, assistant.Date{Time: row.EndedOn.Time})
	}
	if on.Before(row.StartsOn) {
		return nil, assistant.Errorf(assistant.EInvalid, "ended_on %s is before the goal's start %s.", on, row.StartsOn.Format(time.DateOnly))
	}
	if err := tx.GetContext(ctx, &row, `UPDATE goals SET ended_on = $2 WHERE id = $1 RETURNING `+goalColumns, id, on.Time); err != nil {
		return nil, dbError(err, "end goal %d", id)
	}
	if err := writeAudit(ctx, tx, by, assistant.AuditEntry{
		Action: assistant.ActionGoalEnd, Target: assistant.TargetGoal, TargetID: itoa(id),
		Detail: "ended_on " + on.String(),
	}); err != nil {
		return nil, dbError(err, "end goal %d", id)
	}
	if err := tx.Commit(); err != nil {
		return nil, dbError(err, "end goal %d", id)
	}
	g := row.goal()
	return &g, nil
}

// goalSelector says which goals findGoals reads: of one agent or of
// several, and, when from and to are set, only those active in [from, to).
type goalSelector struct {
	agentID  string
	agentIDs []string
	from, to time.Time
}

func findGoals(ctx context.Context, q querier, sel goalSelector) ([]assistant.Goal, error) {
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if sel.agentID != "" {
		where = append(where, "agent_id = "+arg(sel.agentID))
	}
	if sel.agentIDs != nil {
		where = append(where, "agent_id = ANY("+arg(pq.StringArray(sel.agentIDs))+")")
	}
	if !sel.to.IsZero() {
		// Dates compare with the period's times at midnight UTC,
		// whatever the session's time zone.
		where = append(where, "starts_on < ("+arg(sel.to)+"::timestamptz AT TIME ZONE 'UTC')")
	}
	if !sel.from.IsZero() {
		where = append(where, "(ended_on IS NULL OR ended_on > ("+arg(sel.from)+"::timestamptz AT TIME ZONE 'UTC'))")
	}
	query := `SELECT ` + goalColumns + ` FROM goals`
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += " ORDER BY agent_id, starts_on, id"
	var rows []goalRow
	if err := q.SelectContext(ctx, &rows, query, args...); err != nil {
		return nil, err
	}
	goals := make([]assistant.Goal, len(rows))
	for i, r := range rows {
		goals[i] = r.goal()
	}
	return goals, nil
}
