package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// Page sizes of FindAgents.
const (
	defaultAgentLimit = 100
	maxAgentLimit     = 500
)

// agentRow is a row of agents as scanned.
type agentRow struct {
	ID            string         `db:"id"`
	Name          sql.NullString `db:"name"`
	TeamID        sql.NullString `db:"team_id"`
	CreatedAt     time.Time      `db:"created_at"`
	DeactivatedAt sql.NullTime   `db:"deactivated_at"`
}

// agent is the agent of r. An agent nobody named (one a call made) is
// called by their id, so that no list or page shows an empty name.
func (r agentRow) agent() *assistant.AgentProfile {
	name := r.Name.String
	if name == "" {
		name = r.ID
	}
	return &assistant.AgentProfile{
		ID: r.ID, Name: name, TeamID: r.TeamID.String, Active: !r.DeactivatedAt.Valid,
		CreatedAt: r.CreatedAt.UTC(), DeactivatedAt: nullTime(r.DeactivatedAt),
	}
}

const agentColumns = `id, name, team_id, created_at, deactivated_at`

// CreateAgent makes a, recorded as done by by. Its team, when given, must
// exist and be active (EInvalid otherwise); an agent that exists, also one
// a call or token made first, is EConflict.
func (db *DB) CreateAgent(ctx context.Context, by assistant.Principal, a *assistant.AgentProfile) error {
	if err := a.Validate(); err != nil {
		return err
	}
	tx, err := db.db.BeginTxx(ctx, nil)
	if err != nil {
		return dbError(err, "create agent %s", a.ID)
	}
	defer tx.Rollback()
	if a.TeamID != "" {
		if err := checkTeamOpen(ctx, tx, a.TeamID); err != nil {
			return err
		}
	}
	var row agentRow
	err = tx.GetContext(ctx, &row, `
		INSERT INTO agents (id, name, team_id) VALUES ($1, $2, $3)
		ON CONFLICT (id) DO NOTHING
		RETURNING `+agentColumns, a.ID, orNull(a.Name), orNull(a.TeamID))
	if errors.Is(err, sql.ErrNoRows) {
		return assistant.AgentExists(a.ID)
	}
	if err != nil {
		return dbError(err, "create agent %s", a.ID)
	}
	if err := writeAudit(ctx, tx, by, assistant.AuditEntry{Action: assistant.ActionAgentCreate, Target: assistant.TargetAgent, TargetID: a.ID, Detail: teamDetail("", a.TeamID)}); err != nil {
		return dbError(err, "create agent %s", a.ID)
	}
	if err := tx.Commit(); err != nil {
		return dbError(err, "create agent %s", a.ID)
	}
	*a = *row.agent()
	return nil
}

// FindAgents returns one page of the agents scope may read (a trainer or
// lead: the agents in their teams now; an agent: themselves), by id.
func (db *DB) FindAgents(ctx context.Context, scope assistant.Scope, f assistant.AgentFilter) (assistant.AgentPage, error) {
	limit := f.Limit
	switch {
	case limit == 0:
		limit = defaultAgentLimit
	case limit < 0 || limit > maxAgentLimit:
		return assistant.AgentPage{}, assistant.Errorf(assistant.EInvalid, "limit must be between 1 and %d", maxAgentLimit)
	}
	var p params
	conds := []string{scopeCondition(scope, "id", "team_id", &p)}
	if f.TeamID != "" {
		conds = append(conds, "team_id = "+p.add(f.TeamID))
	}
	if !f.Inactive {
		conds = append(conds, "deactivated_at IS NULL")
	}
	if f.Cursor != "" {
		after, err := decodeKeyCursor(f.Cursor)
		if err != nil {
			return assistant.AgentPage{}, err
		}
		conds = append(conds, "id > "+p.add(after))
	}
	query := `SELECT ` + agentColumns + ` FROM agents` + where(conds) + ` ORDER BY id LIMIT ` + p.add(limit+1)
	var rows []agentRow
	if err := db.db.SelectContext(ctx, &rows, query, p...); err != nil {
		return assistant.AgentPage{}, dbError(err, "find agents")
	}
	page := assistant.AgentPage{Agents: make([]*assistant.AgentProfile, 0, min(len(rows), limit))}
	for i, r := range rows {
		if i == limit {
			page.NextCursor = encodeKeyCursor(rows[i-1].ID)
			break
		}
		page.Agents = append(page.Agents, r.agent())
	}
	return page, nil
}

// FindAgentByID returns agent id if scope may read them, else ENotFound.
func (db *DB) FindAgentByID(ctx context.Context, scope assistant.Scope, id string) (*assistant.AgentProfile, error) {
	return findAgent(ctx, db.db, scope, id, false)
}

// findAgent reads one agent in scope, locking the row when forUpdate.
func findAgent(ctx context.Context, q querier, scope assistant.Scope, id string, forUpdate bool) (*assistant.AgentProfile, error) {
	var p params
	conds := []string{"id = " + p.add(id), scopeCondition(scope, "id", "team_id", &p)}
	query := `SELECT ` + agentColumns + ` FROM agents` + where(conds)
	if forUpdate {
		query += " FOR UPDATE"
	}
	var row agentRow
	err := q.GetContext(ctx, &row, query, p...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, assistant.Errorf(assistant.ENotFound, "agent %s not found", id)
	}
	if err != nil {
		return nil, dbError(err, "find agent %s", id)
	}
	return row.agent(), nil
}

// UpdateAgent changes agent id as u says, recorded as done by by. Moving an
// agent to another team (which must exist and be active) leaves their
// earlier calls in the team they were made in.
func (db *DB) UpdateAgent(ctx context.Context, by assistant.Principal, id string, u assistant.AgentUpdate) (*assistant.AgentProfile, error) {
	if err := u.Validate(); err != nil {
		return nil, err
	}
	tx, err := db.db.BeginTxx(ctx, nil)
	if err != nil {
		return nil, dbError(err, "update agent %s", id)
	}
	defer tx.Rollback()
	old, err := findAgent(ctx, tx, by.Scope(), id, true)
	if err != nil {
		return nil, err
	}
	name, team := old.Name, old.TeamID
	var changed []string
	if u.Name != nil && *u.Name != old.Name {
		name = *u.Name
		// The name itself is personal data and stays out of the trail.
		changed = append(changed, "name")
	}
	if u.TeamID != nil && *u.TeamID != old.TeamID {
		if err := checkTeamOpen(ctx, tx, *u.TeamID); err != nil {
			return nil, err
		}
		team = *u.TeamID
		changed = append(changed, teamDetail(old.TeamID, team))
	}
	if len(changed) > 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE agents SET name = $2, team_id = $3 WHERE id = $1`, id, orNull(name), orNull(team)); err != nil {
			return nil, dbError(err, "update agent %s", id)
		}
		if err := writeAudit(ctx, tx, by, assistant.AuditEntry{Action: assistant.ActionAgentUpdate, Target: assistant.TargetAgent, TargetID: id, Detail: strings.Join(changed, "; ")}); err != nil {
			return nil, dbError(err, "update agent %s", id)
		}
	}
	a, err := findAgent(ctx, tx, by.Scope(), id, false)
	if err != nil && assistant.ErrorCode(err) != assistant.ENotFound {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, dbError(err, "update agent %s", id)
	}
	if a == nil {
		// Moved out of by's teams: the change stands, but by may no longer
		// read the agent.
		a = &assistant.AgentProfile{ID: id, Name: name, TeamID: team, Active: old.Active, CreatedAt: old.CreatedAt, DeactivatedAt: old.DeactivatedAt}
	}
	return a, nil
}

// SetAgentActive deactivates agent id, or activates them again, recorded
// as done by by. A deactivated agent keeps their records but their tokens
// stop working and lists leave them out. Setting the state they have
// already changes nothing.
func (db *DB) SetAgentActive(ctx context.Context, by assistant.Principal, id string, active bool) (*assistant.AgentProfile, error) {
	action, update := assistant.ActionAgentDeactivate, `UPDATE agents SET deactivated_at = now() WHERE id = $1 AND deactivated_at IS NULL`
	if active {
		action, update = assistant.ActionAgentActivate, `UPDATE agents SET deactivated_at = NULL WHERE id = $1 AND deactivated_at IS NOT NULL`
	}
	tx, err := db.db.BeginTxx(ctx, nil)
	if err != nil {
		return nil, dbError(err, "change agent %s", id)
	}
	defer tx.Rollback()
	if _, err := findAgent(ctx, tx, by.Scope(), id, true); err != nil {
		return nil, err
	}
	res, err := tx.ExecContext(ctx, update, id)
	if err != nil {
		return nil, dbError(err, "change agent %s", id)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		if err := writeAudit(ctx, tx, by, assistant.AuditEntry{Action: action, Target: assistant.TargetAgent, TargetID: id}); err != nil {
			return nil, dbError(err, "change agent %s", id)
		}
	}
	a, err := findAgent(ctx, tx, by.Scope(), id, false)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, dbError(err, "change agent %s", id)
	}
	return a, nil
}

// teamDetail says in the audit trail how an agent's team changed.
func teamDetail(from, to string) string {
	switch {
	case from == to:
		return ""
	case from == "":
		return "team_id " + to
	case to == "":
		return "team_id " + from + " → none"
	}
	return "team_id " + from + " → " + to
}
