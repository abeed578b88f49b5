// Package store keeps rooscoach's coaching records in Postgres: agents, teams,
// calls with their turns, phrasing suggestions and arrangement advice.
//
// It uses database/sql through sqlx and lib/pq, with the schema in embedded
// SQL migrations run by goose. It knows nothing of HTTP: failures come back as
// *assistant.Error values with codes (ENotFound, EInvalid, EUnavailable) that
// the api package maps to statuses.
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rooscoach/rooscoach/assistant"
)

// Pool settings. Many instances share one Postgres, so each keeps its pool
// modest; idle connections are closed after a while so that a restarted or
// failed-over Postgres is not met with a pool of dead connections, and every
// connection is renewed now and then for the same reason.
const (
	maxOpenConns    = 20
	maxIdleConns    = 10
	connMaxIdleTime = 5 * time.Minute
	connMaxLifetime = 30 * time.Minute
)

// unavailableMessage is what users read when Postgres cannot be reached.
const unavailableMessage = "The database is not reachable; try again shortly."

// DB is the Postgres store. It is safe for concurrent use and holds no state
// besides the connection pool, so it recovers by itself when Postgres comes
// back after an outage.
type DB struct {
	db *sqlx.DB

	// Logger, when set, receives the migration log lines of Migrate; nil
	// keeps Migrate quiet.
	Logger *slog.Logger

	// queue is the job queue once StartQueue has run (job.go).
	queue atomic.Pointer[Queue]
}

// querier is what the unexported helpers need; both *sqlx.DB and *sqlx.Tx
// satisfy it, so a helper runs inside or outside a transaction alike.
type querier interface {
	GetContext(ctx context.Context, dest any, query string, args ...any) error
	SelectContext(ctx context.Context, dest any, query string, args ...any) error
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryxContext(ctx context.Context, query string, args ...any) (*sqlx.Rows, error)
}

var (
	_ querier = (*sqlx.DB)(nil)
	_ querier = (*sqlx.Tx)(nil)
)

// Open opens a connection pool to the Postgres database at dsn (a URL such as
// postgres://user@host:5432/db?sslmode=disable, or key=value pairs; run-time
// parameters such as search_path are passed on) and pings it. It does not
// migrate: see [DB.Migrate] and [DB.CheckSchema]. An unreachable database
// gives an EUnavailable error.
func Open(ctx context.Context, dsn string) (*DB, error) {
	return OpenPool(ctx, dsn, Pool{})
}

// Pool tunes the connection pool of one instance.
type Pool struct {
	// MaxConns is the most connections this instance opens; 0 means 20.
	// Instances times MaxConns must stay below Postgres's max_connections
	// (or PgBouncer's pool), with room for migrations and psql.
	MaxConns int
	// StatementTimeout makes Postgres cancel any statement that runs
	// longer, so that a runaway query cannot hold a connection for ever;
	// 0 leaves the server's setting.
	StatementTimeout time.Duration
}

// OpenPool is Open with the pool's settings.
func OpenPool(ctx context.Context, dsn string, p Pool) (*DB, error) {
	if p.MaxConns <= 0 {
		p.MaxConns = maxOpenConns
	}
	if p.StatementTimeout > 0 {
		// lib/pq passes unknown keys on as run-time parameters.
		dsn = withParam(dsn, "statement_timeout", strconv.FormatInt(p.StatementTimeout.Milliseconds(), 10))
	}
	// Parsing the DSN here rather than on first use turns a typo in the
	// configuration into an error at start-up.
	connector, err := pq.NewConnector(dsn)
	if err != nil {
		return nil, fmt.Errorf("open database: the connection string is not valid: %w", err)
	}
	sqldb := sql.OpenDB(connector)
	sqldb.SetMaxOpenConns(p.MaxConns)
	sqldb.SetMaxIdleConns(min(maxIdleConns, p.MaxConns))
	sqldb.SetConnMaxIdleTime(connMaxIdleTime)
	sqldb.SetConnMaxLifetime(connMaxLifetime)
	db := &DB{db: sqlx.NewDb(sqldb, "postgres")}
	if err := db.Ping(ctx); err != nil {
		_ = sqldb.Close()
		return nil, fmt.Errorf("open database: %w", refusedLogin(err))
	}
	return db, nil
}

// refusedLogin codes the errors of a Postgres that answered but will not
// let us in: a database that does not exist, a wrong user or password.
// Waiting does not cure them, so they are EInvalid with a message that
// says what to fix, not EUnavailable, which callers retry.
func refusedLogin(err error) error {
	var pqErr *pq.Error
	if !errors.As(err, &pqErr) {
		return err
	}
	switch {
	case pqErr.Code == "3D000": // invalid_catalog_name
		return &assistant.Error{Code: assistant.EInvalid, Err: err,
			Message: fmt.Sprintf("Postgres has no such database (%s): create it (createdb) or fix the database name in DATABASE_URL.", pqErr.Message)}
	case pqErr.Code.Class() == "28": // invalid_authorization_specification, invalid_password
		return &assistant.Error{Code: assistant.EInvalid, Err: err,
			Message: fmt.Sprintf("Postgres refused the login (%s): fix the user or password in DATABASE_URL, or Postgres's pg_hba.conf.", pqErr.Message)}
	}
	return err
}

// withParam adds key=value to a connection string, a URL or key=value pairs.
func withParam(dsn, key, value string) string {
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		q := u.Query()
		q.Set(key, value)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return dsn + " " + key + "=" + value
}

// Close closes the connection pool, waiting for queries in progress.
func (db *DB) Close() error {
	return db.db.Close()
}

// Ping checks that Postgres answers, for readiness checks. An unreachable
// database gives an EUnavailable error.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.db.PingContext(ctx); err != nil {
		return dbError(err, "ping database")
	}
	return nil
}

// constraintMessages tells a person what a violated constraint means, by the
// constraint names of the migrations. Input is normally validated before it
// reaches the store; these are the last line, and still name the field.
var constraintMessages = map[string]string{
	"agents_id_check":                           "agent_id must not be empty",
	"teams_id_check":                            "team_id must not be empty",
	"teams_jurisdiction_check":                  "a team's jurisdiction must be the code of a rule pack, such as nl, uk or us",
	"calls_language_check":                      "the call's language must be nl or en",
	"calls_mapping_method_check":                "the speaker mapping method must be labels, declared, platform or inferred",
	"calls_mapping_confidence_check":            "the speaker mapping confidence must be between 0 and 1",
	"calls_jargon_count_check":                  "jargon_count must not be negative",
	"calls_account_ref_check":                   "account_ref must not be empty",
	"calls_time_zone_check":                     "time_zone must not be empty",
	"calls_compliance_worst_check":              "the compliance section's worst severity must be info, low, medium, high or critical",
	"calls_compliance_breaches_check":           "the compliance section's breaches must not be negative",
	"calls_compliance_check":                    "a compliance section needs its jurisdiction, and a jurisdiction its compliance section",
	"turns_idx_check":                           "turn indexes must not be negative",
	"turns_speaker_check":                       "every turn's speaker must be agent or customer",
	"turns_language_check":                      "a turn's language must be nl, en or empty",
	"turns_dominance_check":                     "a turn's dominance must be between -1 and 1",
	"turns_affiliation_check":                   "a turn's affiliation must be between -1 and 1",
	"turns_octant_check":                        "every turn's stance must name one of the eight octants",
	"turns_quadrant_check":                      "a turn's quadrant must be the quadrant of its octant",
	"turns_confidence_check":                    "a turn's confidence must be between 0 and 1",
	"turns_times_check":                         "a turn's start_ms must not be negative and its end_ms not before its start_ms",
	"turns_phrasing_check":                      "a phrased turn needs both readability and a tip",
	"turns_call_id_idx_key":                     "turn indexes must be unique within a call",
	"suggestions_kind_check":                    "every phrasing finding needs a kind",
	"suggestions_offsets_check":                 "a phrasing finding's start must not be negative nor after its end",
	"arrangement_facts_kind_check":              "a fact's kind must be outstanding, offer, income, costs, payday, vulnerability or agreed",
	"arrangement_facts_category_check":          "a fact's category must be a budget category: housing, utilities, food_housekeeping, transport, childcare, other_essentials or priority_debts",
	"arrangement_facts_weekday_check":           "a payday's weekday must be monday to sunday, or workday",
	"arrangement_facts_nth_check":               "a payday's week in the month must be 1 to 4, or -1 for the last",
	"arrangement_facts_weekday_nth_check":       "a payday on a weekday of the month needs both the weekday and which one",
	"arrangement_facts_frequency_check":         "an agreed arrangement's frequency must be month, week, fortnight or once",
	"arrangement_facts_currency_check":          "a fact's currency must be an ISO 4217 code such as EUR",
	"arrangement_facts_day_check":               "a payday must be a day of the month, 1 to 31",
	"arrangement_facts_money_check":             "a fact with a currency needs an amount",
	"arrangement_facts_offsets_check":           "a fact's start must not be negative nor after its end",
	"arrangement_facts_turn_fkey":               "every fact must point at a turn of the call",
	"arrangement_options_kind_check":            "an option's kind must be customer-proposal, instalment-plan, shortest-plan, stepped-plan, temporary-plan, token-payment, deferral-then-plan or settlement",
	"arrangement_options_step_check":            "an option's round step must not be negative",
	"arrangement_options_review_check":          "an option with a review date needs the amount remaining then, and the other way round",
	"arrangement_options_currency_check":        "an option's currency must be an ISO 4217 code such as EUR",
	"arrangement_options_months_check":          "an option's months must not be negative",
	"arrangement_options_deferral_months_check": "an option's deferral_months must not be negative",
	"arrangement_options_money_check":           "an option with amounts needs a currency",

	"calls_exchanges_check":          "the dynamics' exchanges must not be negative",
	"calls_hardship_flags_check":     "the dynamics' hardship_flags must not be negative",
	"calls_tipping_into_check":       "a call tips into together or opposed",
	"calls_exchanges_counts_check":   "the dynamics' together, as_expected and pushed_into_opposition counts must be between 0 and exchanges",
	"calls_tipping_check":            "a tipping point needs its agent turn, customer turn and direction",
	"agents_team_id_fkey":            "the team must exist",
	"calls_review_status_check":      "a call's review status must be new, in_review, reviewed, acknowledged or disputed",
	"tokens_name_check":              "a token needs a name",
	"tokens_role_check":              "a token's role must be agent, trainer, lead or admin",
	"tokens_agent_check":             "an agent token, and only an agent token, names an agent",
	"token_teams_team_id_fkey":       "a token's teams must exist",
	"reviews_rating_check":           "a rating must be from 1 to 5",
	"reviews_published_check":        "a published review needs a rating",
	"review_turns_octant_check":      "a trainer's octant must be one of the eight octants",
	"review_turns_content_check":     "a reviewed turn needs a comment or an octant",
	"review_turns_turn_id_fkey":      "every reviewed turn must exist",
	"review_focus_text_check":        "a focus point needs text",
	"review_disputes_about_check":    "a dispute is about a label or a comment",
	"review_disputes_comment_check":  "a dispute needs the agent's comment",
	"review_disputes_turn_fkey":      "a dispute must be about a turn the review comments on",
	"review_disputes_resolved_check": "a resolved dispute needs an answer",

	"policies_id_check":           "a policy id must be 1 to 64 lower-case letters, digits, '.', '_' or '-'",
	"policies_jurisdiction_check": "a policy's jurisdiction must be nl, uk or us",
}

// recordOf names what failed to be stored, by a constraint's table, for
// the start of the message: "The call could not be stored: …".
func recordOf(constraint string) string {
	for _, r := range []struct{ prefix, what string }{
		{"tokens_", "token"}, {"token_teams_", "token"}, {"review", "review"},
		{"audit_", "audit entry"}, {"agents_team_id_fkey", "agent"},
		{"policies_", "policy"}, {"team_policies_", "policy"},
	} {
		if strings.HasPrefix(constraint, r.prefix) {
			return r.what
		}
	}
	return "call"
}

// dbError wraps err with the context given by format and args, and codes it:
// EUnavailable when Postgres could not be reached, EInvalid when the data
// broke a constraint or a data rule, EConflict for other unique violations.
// Anything else is wrapped uncoded and so reads as internal.
func dbError(err error, format string, args ...any) error {
	wrapped := fmt.Errorf(format+": %w", append(args, err)...)
	if unavailable(err) {
		return &assistant.Error{Code: assistant.EUnavailable, Message: unavailableMessage, Err: wrapped}
	}
	var pqErr *pq.Error
	if !errors.As(err, &pqErr) {
		return wrapped
	}
	switch {
	case pqErr.Code == "23505" && pqErr.Constraint != "turns_call_id_idx_key":
		return &assistant.Error{Code: assistant.EConflict, Message: "The record exists already.", Err: wrapped}
	case pqErr.Code.Class() == "23":
		what, ok := constraintMessages[pqErr.Constraint]
		if !ok {
			what = fmt.Sprintf("it breaks the rule %s", pqErr.Constraint)
		}
		return &assistant.Error{Code: assistant.EInvalid, Message: fmt.Sprintf("The %s could not be stored: %s.", recordOf(pqErr.Constraint), what), Err: wrapped}
	case pqErr.Code.Class() == "22":
		// Data exceptions: text with a NUL byte, a currency longer than three
		// letters and the like. The server's message names the problem and
		// holds no data.
		return &assistant.Error{Code: assistant.EInvalid, Message: fmt.Sprintf("The call could not be stored: %s.", pqErr.Message), Err: wrapped}
	}
	return wrapped
}

// unavailable reports whether err means Postgres could not be reached or
// went away, as opposed to rejecting what was sent.
func unavailable(err error) bool {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		switch {
		case pqErr.Code.Class() == "08": // connection exception
			return true
		case pqErr.Code == "57P01", // admin_shutdown
			pqErr.Code == "57P02", // crash_shutdown
			pqErr.Code == "57P03", // cannot_connect_now: starting up or shutting down
			pqErr.Code == "53300": // too_many_connections
			return true
		}
		return false
	}
	var netErr *net.OpError
	var dnsErr *net.DNSError
	switch {
	case errors.Is(err, driver.ErrBadConn),
		errors.Is(err, io.EOF),
		errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNREFUSED),
		errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.EPIPE),
		errors.As(err, &netErr),
		errors.As(err, &dnsErr):
		return true
	case errors.Is(err, context.DeadlineExceeded):
		// Postgres did not answer in time: whether dialing or querying, the
		// caller should try again later rather than fix its input.
		return true
	}
	// Some drivers' dial errors carry no type, only text.
	return strings.Contains(err.Error(), "connection refused")
}
