package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// Page sizes of FindAudit.
const (
	defaultAuditLimit = 100
	maxAuditLimit     = 500
)

// writeAudit appends e, done by by, with q: inside the transaction of the
// change it records, so that the trail has a line exactly for each change
// that was made. The entry's ID, At, TokenID and Via are taken from the
// database and by.
func writeAudit(ctx context.Context, q querier, by assistant.Principal, e assistant.AuditEntry) error {
	via := by.Via
	if via == "" {
		via = assistant.ViaToken
	}
	var tokenID any
	if via == assistant.ViaToken {
		if by.TokenID <= 0 {
			// A principal from a token always has its id; without one the
			// trail could not say who.
			return fmt.Errorf("audit %s: the actor has no token id", e.Action)
		}
		tokenID = by.TokenID
	}
	if _, err := q.ExecContext(ctx, `
		INSERT INTO audit (token_id, via, action, target, target_id, call_id, detail)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		tokenID, via, e.Action, e.Target, e.TargetID, orNull(e.CallID), e.Detail); err != nil {
		return fmt.Errorf("audit %s: %w", e.Action, err)
	}
	return nil
}

// Audit records that by read a record: the reads of calls and reviews are
// in the trail beside the changes. A change is recorded by the method that
// makes it, in its own transaction.
func (db *DB) Audit(ctx context.Context, by assistant.Principal, e assistant.AuditEntry) error {
	if err := writeAudit(ctx, db.db, by, e); err != nil {
		return dbError(err, "record %s", e.Action)
	}
	return nil
}

// auditRow is a row of audit as scanned.
type auditRow struct {
	ID       int64         `db:"id"`
	At       time.Time     `db:"at"`
	TokenID  sql.NullInt64 `db:"token_id"`
	Via      string        `db:"via"`
	Action   string        `db:"action"`
	Target   string        `db:"target"`
	TargetID string        `db:"target_id"`
	CallID   sql.NullInt64 `db:"call_id"`
	Detail   string        `db:"detail"`
}

// FindAudit returns one page of the audit trail matching f, newest first.
// Only a scope that reads everything (an admin's) may read the trail; any
// other gets EForbidden. It returns EInvalid for a limit outside 1–500, an
// unknown action, From not before To or a cursor this store did not make.
func (db *DB) FindAudit(ctx context.Context, scope assistant.Scope, f assistant.AuditFilter) (assistant.AuditPage, error) {
	if !scope.All {
		return assistant.AuditPage{}, assistant.Errorf(assistant.EForbidden, "Only admins read the audit trail.")
	}
	limit := f.Limit
	switch {
	case limit == 0:
		limit = defaultAuditLimit
	case limit < 0 || limit > maxAuditLimit:
		return assistant.AuditPage{}, assistant.Worded(assistant.EInvalid, "audit.limit", map[string]any{"Max": maxAuditLimit}, "limit must be between 1 and %d", maxAuditLimit)
	}
	if f.Action != "" && !slices.Contains(assistant.Actions, f.Action) {
		names := make([]string, len(assistant.Actions))
		for i, a := range assistant.Actions {
			names[i] = string(a)
		}
		return assistant.AuditPage{}, assistant.Worded(assistant.EInvalid, "audit.action", map[string]any{"Action": string(f.Action), "Actions": strings.Join(names, ", ")},
			"action %q is not one the audit trail records; use one of %s.", f.Action, strings.Join(names, ", "))
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		return assistant.AuditPage{}, assistant.Worded(assistant.EInvalid, "audit.order", nil, "from must be before to")
	}
	var p params
	var conds []string
	if f.Cursor != "" {
		before, err := decodeIDCursor(f.Cursor)
		if err != nil {
			return assistant.AuditPage{}, err
		}
		conds = append(conds, "id < "+p.add(before))
	}
	if f.TokenID != 0 {
		conds = append(conds, "token_id = "+p.add(f.TokenID))
	}
	if f.Action != "" {
		conds = append(conds, "action = "+p.add(f.Action))
	}
	if f.Target != "" {
		conds = append(conds, "target = "+p.add(f.Target))
	}
	if f.TargetID != "" {
		conds = append(conds, "target_id = "+p.add(f.TargetID))
	}
	if f.CallID != 0 {
		conds = append(conds, "call_id = "+p.add(f.CallID))
	}
	if !f.From.IsZero() {
		conds = append(conds, "at >= "+p.add(f.From))
	}
	if !f.To.IsZero() {
		conds = append(conds, "at < "+p.add(f.To))
	}
	// Ids grow with time and, unlike the transaction times in at, never
	// tie, so they order the trail and its pages.
	query := `
		SELECT id, at, token_id, via, action, target, target_id, call_id, detail
		FROM audit` + where(conds) + `
		ORDER BY id DESC
		LIMIT ` + p.add(limit+1)
	var rows []auditRow
	if err := db.db.SelectContext(ctx, &rows, query, p...); err != nil {
		return assistant.AuditPage{}, dbError(err, "read audit trail")
	}
	page := assistant.AuditPage{Entries: make([]assistant.AuditEntry, 0, min(len(rows), limit))}
	for i, r := range rows {
		if i == limit {
			page.NextCursor = encodeKeyCursor(itoa(rows[i-1].ID))
			break
		}
		page.Entries = append(page.Entries, assistant.AuditEntry{
			ID: r.ID, At: r.At.UTC(), TokenID: r.TokenID.Int64, Via: assistant.Via(r.Via),
			Action: assistant.Action(r.Action), Target: r.Target, TargetID: r.TargetID,
			CallID: r.CallID.Int64, Detail: r.Detail,
		})
	}
	return page, nil
}
