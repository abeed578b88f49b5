package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// teamRow is a row of teams as scanned.
type teamRow struct {
	ID            string         `db:"id"`
	Name          sql.NullString `db:"name"`
	Jurisdiction  sql.NullString `db:"jurisdiction"`
	RetentionDays sql.NullInt64  `db:"retention_days"`
	CreatedAt     time.Time      `db:"created_at"`
	DeactivatedAt sql.NullTime   `db:"deactivated_at"`
}

func (r teamRow) team() *assistant.Team {
	return &assistant.Team{
		ID: r.ID, Name: r.Name.String, Jurisdiction: r.Jurisdiction.String, RetentionDays: int(r.RetentionDays.Int64), Active: !r.DeactivatedAt.Valid,
		CreatedAt: r.CreatedAt.UTC(), DeactivatedAt: nullTime(r.DeactivatedAt),
	}
}

const teamColumns = `id, name, jurisdiction, retention_days, created_at, deactivated_at`

// teamScope is the condition that keeps the teams s may read: an agent
// reads their own team.
func teamScope(s assistant.Scope, p *params) string {
	if !s.All && s.AgentID != "" {
		return "id IN (SELECT team_id FROM agents WHERE id = " + p.add(s.AgentID) + ")"
	}
	return scopeCondition(s, "", "id", p)
}

// CreateTeam makes t, recorded as done by by. It returns EConflict when the
// team exists already (also when a call or token made it first: give it a
// name with UpdateTeam), EInvalid for a bad id or name.
func (db *DB) CreateTeam(ctx context.Context, by assistant.Principal, t *assistant.Team) error {
	if err := t.Validate(); err != nil {
		return err
	}
	tx, err := db.db.BeginTxx(ctx, nil)
	if err != nil {
		return dbError(err, "create team %s", t.ID)
	}
	defer tx.Rollback()
	var row teamRow
	err = tx.GetContext(ctx, &row, `
		INSERT INTO teams (id, name, jurisdiction) VALUES ($1, $2, $3)
		ON CONFLICT (id) DO NOTHING
		RETURNING `+teamColumns, t.ID, orNull(t.Name), orNull(t.Jurisdiction))
	if errors.Is(err, sql.ErrNoRows) {
		return assistant.TeamExists(t.ID)
	}
	if err != nil {
		return dbError(err, "create team %s", t.ID)
	}
	var detail string
	if t.Jurisdiction != "" {
		detail = "jurisdiction " + t.Jurisdiction
	}
	if err := writeAudit(ctx, tx, by, assistant.AuditEntry{Action: assistant.ActionTeamCreate, Target: assistant.TargetTeam, TargetID: t.ID, Detail: detail}); err != nil {
		return dbError(err, "create team %s", t.ID)
	}
	if err := tx.Commit(); err != nil {
		return dbError(err, "create team %s", t.ID)
	}
	*t = *row.team()
	return nil
}

// FindTeams lists the teams scope may read, by id; deactivated ones only
// when inactive is true.
func (db *DB) FindTeams(ctx context.Context, scope assistant.Scope, inactive bool) ([]*assistant.Team, error) {
	var p params
	conds := []string{teamScope(scope, &p)}
	if !inactive {
		conds = append(conds, "deactivated_at IS NULL")
	}
	var rows []teamRow
	if err := db.db.SelectContext(ctx, &rows, `SELECT `+teamColumns+` FROM teams`+where(conds)+` ORDER BY id`, p...); err != nil {
		return nil, dbError(err, "find teams")
	}
	teams := make([]*assistant.Team, len(rows))
	for i, r := range rows {
		teams[i] = r.team()
	}
	return teams, nil
}

// FindTeamByID returns team id if scope may read it, else ENotFound.
func (db *DB) FindTeamByID(ctx context.Context, scope assistant.Scope, id string) (*assistant.Team, error) {
	return findTeam(ctx, db.db, scope, id, false)
}

// findTeam reads one team in scope, locking it when forUpdate.
func findTeam(ctx context.Context, q querier, scope assistant.Scope, id string, forUpdate bool) (*assistant.Team, error) {
	var p params
	conds := []string{"id = " + p.add(id), teamScope(scope, &p)}
	query := `SELECT ` + teamColumns + ` FROM teams` + where(conds)
	if forUpdate {
		query += " FOR UPDATE"
	}
	var row teamRow
	err := q.GetContext(ctx, &row, query, p...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, assistant.Errorf(assistant.ENotFound, "team %s not found", id)
	}
	if err != nil {
		return nil, dbError(err, "find team %s", id)
	}
	return row.team(), nil
}

// UpdateTeam changes team id as u says, recorded as done by by.
func (db *DB) UpdateTeam(ctx context.Context, by assistant.Principal, id string, u assistant.TeamUpdate) (*assistant.Team, error) {
	if err := u.Validate(); err != nil {
		return nil, err
	}
	// A field left out keeps its value; "" clears it (NULL).
	var changed []string
	var name, jurisdiction any
	if u.Name != nil {
		changed, name = append(changed, "name"), orNull(*u.Name)
	}
	if u.Jurisdiction != nil {
		changed, jurisdiction = append(changed, "jurisdiction "+cmp.Or(*u.Jurisdiction, "(none)")), orNull(*u.Jurisdiction)
	}
	return db.changeTeam(ctx, by, id, assistant.ActionTeamUpdate, strings.Join(changed, ", "), `
		UPDATE teams SET name = CASE WHEN $2 THEN $3 ELSE name END,
			jurisdiction = CASE WHEN $4 THEN $5 ELSE jurisdiction END
		WHERE id = $1`, u.Name != nil, name, u.Jurisdiction != nil, jurisdiction)
}

// SetTeamActive deactivates team id, or activates it again, recorded as
// done by by. A deactivated team keeps its calls and members; it is left out
// of lists and no agent can be moved into it. Setting the state it has
// already changes nothing.
func (db *DB) SetTeamActive(ctx context.Context, by assistant.Principal, id string, active bool) (*assistant.Team, error) {
	if active {
		return db.changeTeam(ctx, by, id, assistant.ActionTeamActivate, "", `UPDATE teams SET deactivated_at = NULL WHERE id = $1 AND deactivated_at IS NOT NULL`)
	}
	return db.changeTeam(ctx, by, id, assistant.ActionTeamDeactivate, "", `UPDATE teams SET deactivated_at = now() WHERE id = $1 AND deactivated_at IS NULL`)
}

// changeTeam runs update (whose $1 is the team id) on a team by may read,
// and records action when it changed a row.
func (db *DB) changeTeam(ctx context.Context, by assistant.Principal, id string, action assistant.Action, detail, update string, args ...any) (*assistant.Team, error) {
	tx, err := db.db.BeginTxx(ctx, nil)
	if err != nil {
		return nil, dbError(err, "change team %s", id)
	}
	defer tx.Rollback()
	if _, err := findTeam(ctx, tx, by.Scope(), id, true); err != nil {
		return nil, err
	}
	res, err := tx.ExecContext(ctx, update, append([]any{id}, args...)...)
	if err != nil {
		return nil, dbError(err, "change team %s", id)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		if err := writeAudit(ctx, tx, by, assistant.AuditEntry{Action: action, Target: assistant.TargetTeam, TargetID: id, Detail: detail}); err != nil {
			return nil, dbError(err, "change team %s", id)
		}
	}
	t, err := findTeam(ctx, tx, by.Scope(), id, false)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, dbError(err, "change team %s", id)
	}
	return t, nil
}

// checkTeamOpen checks that team id exists and is active, for an agent
// about to join it.
func checkTeamOpen(ctx context.Context, q querier, id string) error {
	var deactivated sql.NullTime
	err := q.GetContext(ctx, &deactivated, `SELECT deactivated_at FROM teams WHERE id = $1`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return assistant.Errorf(assistant.EInvalid, "Team %s does not exist; create it first.", id)
	}
	if err != nil {
		return fmt.Errorf("read team %s: %w", id, err)
	}
	if deactivated.Valid {
		return assistant.Errorf(assistant.EInvalid, "Team %s is deactivated; activate it first or choose another team.", id)
	}
	return nil
}
