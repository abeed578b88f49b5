package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/lib/pq"
	"github.com/rooscoach/rooscoach/assistant"
)

// A token is "id-secret": the id finds the row, and the secret, 160 random
// bits in hex, proves the holder. Only sha256(secret) is stored; random
// secrets that long need no slow hash, since nobody can guess one to test
// against a stolen hash.
const secretBytes = 20

// lastUsedEvery is how stale a token's last_used_at may grow before a
// request writes it again, so that authenticating is a read nearly always.
const lastUsedEvery = 5 * time.Minute

// FirstTokenName is the name of the admin token made on first start.
const FirstTokenName = "first admin"

// tokenRow is a row of tokens as scanned, with its teams and, for an agent
// token, whether the agent is deactivated.
type tokenRow struct {
	ID                 int64          `db:"id"`
	Name               string         `db:"name"`
	Role               string         `db:"role"`
	AgentID            sql.NullString `db:"agent_id"`
	SecretHash         []byte         `db:"secret_hash"`
	CreatedAt          time.Time      `db:"created_at"`
	LastUsedAt         sql.NullTime   `db:"last_used_at"`
	RevokedAt          sql.NullTime   `db:"revoked_at"`
	TeamIDs            pq.StringArray `db:"team_ids"`
	AgentDeactivatedAt sql.NullTime   `db:"agent_deactivated_at"`
}

func (r *tokenRow) token() *assistant.Token {
	return &assistant.Token{
		ID: r.ID, Name: r.Name, Role: assistant.Role(r.Role), AgentID: r.AgentID.String,
		TeamIDs: nilIfEmpty(r.TeamIDs), CreatedAt: r.CreatedAt.UTC(),
		LastUsedAt: nullTime(r.LastUsedAt), RevokedAt: nullTime(r.RevokedAt),
	}
}

const tokenSelect = `
		SELECT t.id, t.name, t.role, t.agent_id, t.secret_hash, t.created_at, t.last_used_at, t.revoked_at,
			ARRAY(SELECT tt.team_id FROM token_teams tt WHERE tt.token_id = t.id ORDER BY tt.team_id) AS team_ids,
			a.deactivated_at AS agent_deactivated_at
		FROM tokens t
		LEFT JOIN agents a ON a.id = t.agent_id`

// CreateToken makes the token t describes (Name, Role and its binding: an
// agent for an agent token, teams for a trainer or lead), recorded as done
// by by, and returns it as "id-secret": the only time the secret exists
// outside its holder. An agent it names is made when new, as a call naming
// them would; the teams it names must exist. It sets t.ID and t.CreatedAt;
// EInvalid names a wrong role or binding, or the teams that do not exist.
func (db *DB) CreateToken(ctx context.Context, by assistant.Principal, t *assistant.Token) (string, error) {
	if err := t.Validate(); err != nil {
		return "", err
	}
	tx, err := db.db.BeginTxx(ctx, nil)
	if err != nil {
		return "", dbError(err, "create token")
	}
	defer tx.Rollback()
	tok, err := createToken(ctx, tx, by, t)
	if err != nil {
		return "", dbError(err, "create token")
	}
	if err := tx.Commit(); err != nil {
		return "", dbError(err, "create token")
	}
	return tok, nil
}

// CreateFirstToken makes an admin token named FirstTokenName when there is
// no token at all, and returns it; created is false, and nothing changes,
// when any token exists. Instances starting together make one token
// between them: the table lock lets one look and insert at a time.
func (db *DB) CreateFirstToken(ctx context.Context) (token string, created bool, err error) {
	tx, err := db.db.BeginTxx(ctx, nil)
	if err != nil {
		return "", false, dbError(err, "create first token")
	}
	defer tx.Rollback()
	// SHARE ROW EXCLUSIVE conflicts with itself and with inserts, so a
	// second instance waits here until the first has committed its token.
	if _, err := tx.ExecContext(ctx, `LOCK TABLE tokens IN SHARE ROW EXCLUSIVE MODE`); err != nil {
		return "", false, dbError(err, "create first token")
	}
	var exists bool
	if err := tx.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM tokens)`); err != nil {
		return "", false, dbError(err, "create first token")
	}
	if exists {
		return "", false, nil
	}
	t := &assistant.Token{Name: FirstTokenName, Role: assistant.RoleAdmin}
	if token, err = createToken(ctx, tx, assistant.System(), t); err != nil {
		return "", false, dbError(err, "create first token")
	}
	if err := tx.Commit(); err != nil {
		return "", false, dbError(err, "create first token")
	}
	return token, true, nil
}

// createToken writes t with q, which should be a transaction.
func createToken(ctx context.Context, q querier, by assistant.Principal, t *assistant.Token) (string, error) {
	if t.AgentID != "" {
		// An agent first known from their token is named after it; one an
		// admin named keeps that name.
		if _, err := q.ExecContext(ctx, `
			INSERT INTO agents (id, name) VALUES ($1, $2)
			ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name WHERE agents.name IS NULL`, t.AgentID, orNull(t.Name)); err != nil {
			return "", fmt.Errorf("upsert agent: %w", err)
		}
	}
	if len(t.TeamIDs) > 0 {
		// A token does not make its teams, as a call does: a team id typed
		// by hand is a typo as often as a new team, and a new empty team
		// would hide the typo.
		if err := checkTeamsExist(ctx, q, t.TeamIDs, "; on the command line: rooscoach token create --create-teams"); err != nil {
			return "", err
		}
	}
	raw := make([]byte, secretBytes)
	if _, err := rand.Read(raw); err != nil {
		return "", fmt.Errorf("make secret: %w", err)
	}
	secret := hex.EncodeToString(raw)
	hash := sha256.Sum256([]byte(secret))
	var row struct {
		ID        int64     `db:"id"`
		CreatedAt time.Time `db:"created_at"`
	}
	if err := q.GetContext(ctx, &row, `
		INSERT INTO tokens (name, role, agent_id, secret_hash)
		VALUES ($1, $2, $3, $4)
		RETURNING id, created_at`,
		t.Name, t.Role, orNull(t.AgentID), hash[:]); err != nil {
		return "", fmt.Errorf("insert token: %w", err)
	}
	if len(t.TeamIDs) > 0 {
		b := newBulkInsert("token_teams", "token_id bigint", "team_id text")
		for _, team := range t.TeamIDs {
			b.add(row.ID, team)
		}
		if err := b.exec(ctx, q); err != nil {
			return "", err
		}
	}
	if err := writeAudit(ctx, q, by, assistant.AuditEntry{
		Action: assistant.ActionTokenCreate, Target: assistant.TargetToken, TargetID: itoa(row.ID), Detail: "role " + string(t.Role),
	}); err != nil {
		return "", err
	}
	t.ID, t.CreatedAt = row.ID, row.CreatedAt.UTC()
	return itoa(row.ID) + "-" + secret, nil
}

// checkTeamsExist returns EInvalid naming the teams of ids that do not
// exist, and how to make them: the API's way, then the command line's in
// cli when there is one; or naming a deactivated one, whose page nobody
// looks after any more.
func checkTeamsExist(ctx context.Context, q querier, ids []string, cli string) error {
	var closed []string
	if err := q.SelectContext(ctx, &closed, `
		SELECT id FROM teams WHERE id = ANY($1::text[]) AND deactivated_at IS NOT NULL
		ORDER BY id`, pq.StringArray(ids)); err != nil {
		return fmt.Errorf("check teams: %w", err)
	}
	if len(closed) > 0 {
		return assistant.Errorf(assistant.EInvalid, "Team %s is deactivated; activate it first (POST /v1/teams/%s/activate) or choose another team.", closed[0], closed[0])
	}
	var missing []string
	if err := q.SelectContext(ctx, &missing, `
		SELECT id FROM unnest($1::text[]) AS given(id)
		WHERE NOT EXISTS (SELECT 1 FROM teams WHERE teams.id = given.id)
		ORDER BY id`, pq.StringArray(ids)); err != nil {
		return fmt.Errorf("check teams: %w", err)
	}
	switch len(missing) {
	case 0:
		return nil
	case 1:
		return assistant.Errorf(assistant.EInvalid, "Team %s does not exist; check the spelling, or create the team first (as an admin: POST /v1/teams {\"id\": %q}%s).", missing[0], missing[0], cli)
	}
	return assistant.Errorf(assistant.EInvalid, "Teams %s do not exist; check the spelling, or create the teams first (as an admin: POST /v1/teams, once per team%s).", strings.Join(missing, ", "), cli)
}

// FindTokens lists every token, revoked ones too, by id. Only a scope that
// reads everything (an admin's) may list tokens; any other is EForbidden.
func (db *DB) FindTokens(ctx context.Context, scope assistant.Scope) ([]*assistant.Token, error) {
	if !scope.All {
		return nil, assistant.Errorf(assistant.EForbidden, "Only admins manage tokens.")
	}
	var rows []tokenRow
	if err := db.db.SelectContext(ctx, &rows, tokenSelect+` ORDER BY t.id`); err != nil {
		return nil, dbError(err, "find tokens")
	}
	tokens := make([]*assistant.Token, len(rows))
	for i := range rows {
		tokens[i] = rows[i].token()
	}
	return tokens, nil
}

// FindTokenByID returns token id, for an admin's scope; ENotFound when there
// is none.
func (db *DB) FindTokenByID(ctx context.Context, scope assistant.Scope, id int64) (*assistant.Token, error) {
	if !scope.All {
		return nil, assistant.Errorf(assistant.EForbidden, "Only admins manage tokens.")
	}
	row, err := findTokenRow(ctx, db.db, id, false)
	if err != nil {
		return nil, err
	}
	return row.token(), nil
}

// findTokenRow reads token id, locking it when forUpdate.
func findTokenRow(ctx context.Context, q querier, id int64, forUpdate bool) (*tokenRow, error) {
	query := tokenSelect + ` WHERE t.id = $1`
	if forUpdate {
		query += ` FOR UPDATE OF t`
	}
	var row tokenRow
	err := q.GetContext(ctx, &row, query, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, assistant.Errorf(assistant.ENotFound, "token %d not found", id)
	}
	if err != nil {
		return nil, dbError(err, "find token %d", id)
	}
	return &row, nil
}

// RevokeToken stops token id from working, recorded as done by by, and
// returns it. Revoking a revoked token changes nothing. The last admin
// token that works is EConflict: without it nobody could manage tokens
// but through the command line.
func (db *DB) RevokeToken(ctx context.Context, by assistant.Principal, id int64) (*assistant.Token, error) {
	return db.revokeToken(ctx, by, id, false)
}

// RevokeTokenAnyway is RevokeToken that revokes the last admin token too:
// for the command line, whose user can always make another.
func (db *DB) RevokeTokenAnyway(ctx context.Context, by assistant.Principal, id int64) (*assistant.Token, error) {
	return db.revokeToken(ctx, by, id, true)
}

func (db *DB) revokeToken(ctx context.Context, by assistant.Principal, id int64, lastAdmin bool) (*assistant.Token, error) {
	if !by.Scope().All {
		return nil, assistant.Errorf(assistant.EForbidden, "Only admins manage tokens.")
	}
	tx, err := db.db.BeginTxx(ctx, nil)
	if err != nil {
		return nil, dbError(err, "revoke token %d", id)
	}
	defer tx.Rollback()
	// The working admin tokens are locked before the token itself, so that
	// two admins revoking each other's token at once take turns and one
	// token stays; a revoked one drops out of the rows locked.
	var working []int64
	if err := tx.SelectContext(ctx, &working, `
		SELECT id FROM tokens WHERE role = 'admin' AND revoked_at IS NULL ORDER BY id FOR UPDATE`); err != nil {
		return nil, dbError(err, "revoke token %d", id)
	}
	row, err := findTokenRow(ctx, tx, id, true)
	if err != nil {
		return nil, err
	}
	if !row.RevokedAt.Valid && row.Role == string(assistant.RoleAdmin) && !lastAdmin && len(working) <= 1 {
		return nil, assistant.LastAdminToken(id)
	}
	if !row.RevokedAt.Valid {
		if err := tx.GetContext(ctx, &row.RevokedAt, `UPDATE tokens SET revoked_at = now() WHERE id = $1 RETURNING revoked_at`, id); err != nil {
			return nil, dbError(err, "revoke token %d", id)
		}
		if err := writeAudit(ctx, tx, by, assistant.AuditEntry{Action: assistant.ActionTokenRevoke, Target: assistant.TargetToken, TargetID: itoa(id)}); err != nil {
			return nil, dbError(err, "revoke token %d", id)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, dbError(err, "revoke token %d", id)
	}
	return row.token(), nil
}

// errBadToken is the one answer to a token that is not one: the caller
// learns nothing about which part was wrong.
var errBadToken = assistant.Errorf(assistant.EUnauthorized, "The token is not valid; send a token rooscoach issued, as Authorization: Bearer TOKEN.")

// Authenticate resolves token, as "id-secret", into the principal it
// stands for. A malformed, unknown or wrong token is EUnauthorized with one
// message for all; a revoked token, or an agent token of a deactivated
// agent, is EUnauthorized saying so (its holder proved the secret). The
// secret is compared in constant time. It writes the token's last use when
// that is more than a few minutes old.
func (db *DB) Authenticate(ctx context.Context, token string) (assistant.Principal, error) {
	id, secret, ok := parseToken(token)
	if !ok {
		return assistant.Principal{}, errBadToken
	}
	row, err := findTokenRow(ctx, db.db, id, false)
	if assistant.ErrorCode(err) == assistant.ENotFound {
		return assistant.Principal{}, errBadToken
	}
	if err != nil {
		return assistant.Principal{}, err
	}
	hash := sha256.Sum256([]byte(secret))
	if subtle.ConstantTimeCompare(hash[:], row.SecretHash) != 1 {
		return assistant.Principal{}, errBadToken
	}
	if row.RevokedAt.Valid {
		return assistant.Principal{}, assistant.Errorf(assistant.EUnauthorized, "This token was revoked on %s; ask an admin for a new one.", row.RevokedAt.Time.UTC().Format(time.DateOnly))
	}
	if row.AgentDeactivatedAt.Valid {
		return assistant.Principal{}, assistant.Errorf(assistant.EUnauthorized, "Agent %s is deactivated, and so are their tokens; ask an admin.", row.AgentID.String)
	}
	if !row.LastUsedAt.Valid || time.Since(row.LastUsedAt.Time) > lastUsedEvery {
		// The condition repeats the check in SQL so that instances racing
		// here write once; a failure only delays the bookkeeping.
		if _, err := db.db.ExecContext(ctx, `
			UPDATE tokens SET last_used_at = now()
			WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - $2::interval)`,
			id, fmt.Sprintf("%d seconds", int(lastUsedEvery.Seconds()))); err != nil {
			return assistant.Principal{}, dbError(err, "note use of token %d", id)
		}
	}
	return row.token().Principal(), nil
}

// parseToken splits "id-secret", checking the shapes of both.
func parseToken(s string) (id int64, secret string, ok bool) {
	head, secret, found := strings.Cut(s, "-")
	if !found || len(secret) != 2*secretBytes {
		return 0, "", false
	}
	id, err := strconv.ParseInt(head, 10, 64)
	if err != nil || id <= 0 {
		return 0, "", false
	}
	if _, err := hex.DecodeString(secret); err != nil {
		return 0, "", false
	}
	return id, secret, true
}
