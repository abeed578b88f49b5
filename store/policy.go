package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/lib/pq"
	"github.com/rooscoach/rooscoach/assistant"
)

// policyRow is a row of policies with its teams, as scanned.
type policyRow struct {
	ID           string         `db:"id"`
	Name         string         `db:"name"`
	Jurisdiction string         `db:"jurisdiction"`
	IsDefault    bool           `db:"is_default"`
	Terms        []byte         `db:"terms"`
	Teams        pq.StringArray `db:"teams"`
	CreatedAt    time.Time      `db:"created_at"`
	UpdatedAt    time.Time      `db:"updated_at"`
}

func (r policyRow) policy() (*assistant.CreditorPolicy, error) {
	p := &assistant.CreditorPolicy{
		ID: r.ID, Name: r.Name, Jurisdiction: r.Jurisdiction, Default: r.IsDefault,
		Teams: []string(r.Teams), CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
	if p.Teams == nil {
		p.Teams = []string{}
	}
	if err := json.Unmarshal(r.Terms, &p.ArrangementPolicy); err != nil {
		return nil, fmt.Errorf("decode terms of policy %s: %w", r.ID, err)
	}
	return p, nil
}

// selectPolicies reads policies with their teams; a WHERE clause on p may
// follow, and then the GROUP BY that policyGroup adds.
const selectPolicies = `
	SELECT p.id, p.name, p.jurisdiction, p.is_default, p.terms, p.created_at, p.updated_at,
		COALESCE(array_agg(tp.team_id ORDER BY tp.team_id) FILTER (WHERE tp.team_id IS NOT NULL), '{}') AS teams
	FROM policies p
	LEFT JOIN team_policies tp ON tp.policy_id = p.id`

const policyGroup = `
	GROUP BY p.id
	ORDER BY p.jurisdiction, p.id`

// SavePolicy creates policy p, or replaces the one with its ID, with its
// teams, which must exist (EInvalid names those that do not); created says
// which. The change is in the audit trail, done by by. When p is the default of its jurisdiction, the
// policy that was stops being one. A team that follows another policy is
// EConflict: it has to leave that one first, so that no team changes policy
// by accident. It sets p.CreatedAt and p.UpdatedAt. p must have been
// checked (arrangement.CheckCreditorPolicy); the schema's rules are the
// last line and give EInvalid.
func (db *DB) SavePolicy(ctx context.Context, by assistant.Principal, p *assistant.CreditorPolicy) (created bool, err error) {
	terms, err := marshal(p.ArrangementPolicy)
	if err != nil {
		return false, err
	}
	teams := nonNil(p.Teams)
	tx, err := db.db.BeginTxx(ctx, nil)
	if err != nil {
		return false, policyError(err, "save policy %s", p.ID)
	}
	defer tx.Rollback()

	var taken []struct {
		Team   string `db:"team_id"`
		Policy string `db:"policy_id"`
	}
	if err := tx.SelectContext(ctx, &taken, `
		SELECT team_id, policy_id FROM team_policies
		WHERE team_id = ANY($1) AND policy_id <> $2
		ORDER BY team_id`, pq.StringArray(teams), p.ID); err != nil {
		return false, policyError(err, "save policy %s", p.ID)
	}
	if len(taken) > 0 {
		return false, assistant.PolicyTeamTaken(taken[0].Team, taken[0].Policy)
	}
	if p.Default {
		if _, err := tx.ExecContext(ctx, `
			UPDATE policies SET is_default = false, updated_at = now()
			WHERE jurisdiction = $1 AND is_default AND id <> $2`, p.Jurisdiction, p.ID); err != nil {
			return false, policyError(err, "save policy %s", p.ID)
		}
	}
	var row struct {
		CreatedAt time.Time `db:"created_at"`
		UpdatedAt time.Time `db:"updated_at"`
		Inserted  bool      `db:"inserted"`
	}
	if err := tx.GetContext(ctx, &row, `
		INSERT INTO policies (id, name, jurisdiction, is_default, terms)
		VALUES ($1, $2, $3, $4, $5::jsonb)
		ON CONFLICT (id) DO UPDATE SET
			name = EXCLUDED.name, jurisdiction = EXCLUDED.jurisdiction, is_default = EXCLUDED.is_default,
			terms = EXCLUDED.terms, updated_at = now()
		RETURNING created_at, updated_at, (xmax = 0) AS inserted`,
		p.ID, p.Name, p.Jurisdiction, p.Default, terms); err != nil {
		return false, policyError(err, "save policy %s", p.ID)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM team_policies WHERE policy_id = $1`, p.ID); err != nil {
		return false, policyError(err, "save teams of policy %s", p.ID)
	}
	if len(teams) > 0 {
		// As for a token, teams typed by hand must exist: a typo would
		// otherwise make an empty team follow the policy, and the team
		// meant would not.
		if err := checkTeamsExist(ctx, tx, teams, ""); err != nil {
			if assistant.ErrorCode(err) == assistant.EInvalid {
				return false, err
			}
			return false, policyError(err, "save teams of policy %s", p.ID)
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO team_policies (team_id, policy_id) SELECT unnest($1::text[]), $2`,
			pq.StringArray(teams), p.ID); err != nil {
			return false, policyError(err, "save teams of policy %s", p.ID)
		}
	}
	action := assistant.ActionPolicyUpdate
	if row.Inserted {
		action = assistant.ActionPolicyCreate
	}
	if err := writeAudit(ctx, tx, by, assistant.AuditEntry{Action: action, Target: assistant.TargetPolicy, TargetID: p.ID}); err != nil {
		return false, policyError(err, "save policy %s", p.ID)
	}
	if err := tx.Commit(); err != nil {
		return false, policyError(err, "save policy %s", p.ID)
	}
	p.Teams = teams
	p.CreatedAt, p.UpdatedAt = row.CreatedAt.UTC(), row.UpdatedAt.UTC()
	return row.Inserted, nil
}

// policyError is dbError for policies, whose unique violations mean a
// concurrent change: another default set, or a team taken, at the same
// moment.
func policyError(err error, format string, args ...any) error {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) && pqErr.Code == "23505" {
		what := ""
		switch pqErr.Constraint {
		case "policies_default_key":
			what = assistant.PolicyRaceDefault
		case "team_policies_pkey":
			what = assistant.PolicyRaceTeam
		}
		e := assistant.PolicyRace(what)
		e.Err = fmt.Errorf(format+": %w", append(args, err)...)
		return e
	}
	return dbError(err, format, args...)
}

// FindPolicyByID returns the policy with the given id, or ENotFound.
func (db *DB) FindPolicyByID(ctx context.Context, id string) (*assistant.CreditorPolicy, error) {
	var rows []policyRow
	if err := db.db.SelectContext(ctx, &rows, selectPolicies+`
		WHERE p.id = $1`+policyGroup, id); err != nil {
		return nil, dbError(err, "find policy %s", id)
	}
	if len(rows) == 0 {
		return nil, assistant.Errorf(assistant.ENotFound, "policy %q not found", id)
	}
	return rows[0].policy()
}

// FindPolicies returns the policies of a jurisdiction ("" for all), by
// jurisdiction and id.
func (db *DB) FindPolicies(ctx context.Context, jurisdiction string) ([]*assistant.CreditorPolicy, error) {
	var rows []policyRow
	if err := db.db.SelectContext(ctx, &rows, selectPolicies+`
		WHERE $1 = '' OR p.jurisdiction = $1`+policyGroup, jurisdiction); err != nil {
		return nil, dbError(err, "find policies")
	}
	out := make([]*assistant.CreditorPolicy, 0, len(rows))
	for _, r := range rows {
		p, err := r.policy()
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// DeletePolicy deletes a policy; its teams follow none afterwards. Stored
// calls keep the terms they were planned under. The deletion is in the
// audit trail, done by by. ENotFound when there is no such policy.
func (db *DB) DeletePolicy(ctx context.Context, by assistant.Principal, id string) error {
	tx, err := db.db.BeginTxx(ctx, nil)
	if err != nil {
		return dbError(err, "delete policy %s", id)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `DELETE FROM policies WHERE id = $1`, id)
	if err != nil {
		return dbError(err, "delete policy %s", id)
	}
	if n, err := res.RowsAffected(); err != nil {
		return dbError(err, "delete policy %s", id)
	} else if n == 0 {
		return assistant.Errorf(assistant.ENotFound, "policy %q not found", id)
	}
	if err := writeAudit(ctx, tx, by, assistant.AuditEntry{Action: assistant.ActionPolicyDelete, Target: assistant.TargetPolicy, TargetID: id}); err != nil {
		return dbError(err, "delete policy %s", id)
	}
	if err := tx.Commit(); err != nil {
		return dbError(err, "delete policy %s", id)
	}
	return nil
}
