package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/lib/pq"
	"github.com/rooscoach/rooscoach/assistant"
)

// Page sizes of FindCalls.
const (
	defaultLimit = 20
	maxLimit     = 100
)

// CreateCall stores c and all its rows (turns with their stance and
// phrasing, suggestions, arrangement facts and options) in one transaction,
// creating the agent and team on first sight. It sets c.ID, c.CreatedAt and
// c.OccurredAt (the creation time when c had none).
//
// When c has an ExternalID that its agent has stored before, nothing is
// written: the stored record is loaded into *c and created is false, also
// when two requests race.
//
// It returns EInvalid when c breaks a rule of the schema (the message names
// which), EUnavailable when Postgres cannot be reached.
func (db *DB) CreateCall(ctx context.Context, c *assistant.Call) (created bool, err error) {
	if c.AgentID == "" {
		return false, assistant.Errorf(assistant.EInvalid, "agent_id is required: name the agent who made the call")
	}
	if err := checkCurrencies(c.Arrangement.Options); err != nil {
		return false, err
	}

	tx, err := db.db.BeginTxx(ctx, nil)
	if err != nil {
		return false, dbError(err, "create call for agent %s", c.AgentID)
	}
	defer tx.Rollback()

	row, err := createCall(ctx, tx, c)
	if err != nil {
		return false, dbError(err, "create call for agent %s", c.AgentID)
	}
	if row == nil {
		// The agent stored this external id before. Rolling back first
		// undoes the agent and team upserts and frees their locks.
		if err := tx.Rollback(); err != nil {
			return false, dbError(err, "create call for agent %s", c.AgentID)
		}
		return false, db.loadExisting(ctx, c)
	}
	if err := tx.Commit(); err != nil {
		if isExternalIDConflict(err) {
			return false, db.loadExisting(ctx, c)
		}
		return false, dbError(err, "create call %d for agent %s", row.ID, c.AgentID)
	}
	c.ID = row.ID
	c.OccurredAt = row.OccurredAt.UTC()
	c.CreatedAt = row.CreatedAt.UTC()
	for i := range c.Turns {
		c.Turns[i].ID = row.TurnIDs[c.Turns[i].Index]
	}
	return true, nil
}

// createdRow is what the database assigns to a new call.
type createdRow struct {
	ID         int64     `db:"id"`
	OccurredAt time.Time `db:"occurred_at"`
	CreatedAt  time.Time `db:"created_at"`
	// TurnIDs maps turn index to the new turn's id.
	TurnIDs map[int]int64 `db:"-"`
}

// loadExisting replaces *c with the stored call of the same agent and
// external id.
func (db *DB) loadExisting(ctx context.Context, c *assistant.Call) error {
	stored, err := db.findCall(ctx, callSelector{agentID: c.AgentID, externalID: c.ExternalID})
	if err != nil {
		return fmt.Errorf("load call %q of agent %s: %w", c.ExternalID, c.AgentID, err)
	}
	*c = *stored
	return nil
}

// isExternalIDConflict reports whether err is the unique violation of a
// re-posted external id. ON CONFLICT normally absorbs it; this covers the
// race that still reaches the constraint.
func isExternalIDConflict(err error) bool {
	var pqErr *pq.Error
	return errors.As(err, &pqErr) && pqErr.Code == "23505" && pqErr.Constraint == "calls_agent_id_external_id_key"
}

// createCall writes c and its rows with q, which should be a transaction.
// It returns nil, writing no call, when the agent's external id exists.
func createCall(ctx context.Context, q querier, c *assistant.Call) (*createdRow, error) {
	if c.TeamID != "" {
		if _, err := q.ExecContext(ctx, `
			INSERT INTO teams (id) VALUES ($1)
			ON CONFLICT (id) DO NOTHING`, c.TeamID); err != nil {
			return nil, fmt.Errorf("upsert team %s: %w", c.TeamID, err)
		}
	}
	if _, err := q.ExecContext(ctx, `
		INSERT INTO agents (id, team_id) VALUES ($1, $2)
		ON CONFLICT (id) DO NOTHING`,
		c.AgentID, orNull(c.TeamID)); err != nil {
		return nil, fmt.Errorf("upsert agent: %w", err)
	}
	// An agent's team is the latest one a call named; a call without a team
	// leaves it as it was. A separate UPDATE, unlike ON CONFLICT DO UPDATE,
	// locks the agent row only when the team changes, so an agent's calls
	// are not stored one at a time.
	if c.TeamID != "" {
		if _, err := q.ExecContext(ctx, `
			UPDATE agents SET team_id = $2
			WHERE id = $1 AND team_id IS DISTINCT FROM $2`,
			c.AgentID, c.TeamID); err != nil {
			return nil, fmt.Errorf("update team of agent: %w", err)
		}
	}

	a := &c.Analysis
	summary, err := marshal(a.Summary)
	if err != nil {
		return nil, err
	}
	readability, err := marshal(a.Readability)
	if err != nil {
		return nil, err
	}
	closing, err := marshal(a.Closing)
	if err != nil {
		return nil, err
	}
	referral, err := marshalOptional(a.Arrangement.Referral)
	if err != nil {
		return nil, err
	}
	engines, err := marshal(nonNil(a.Engines))
	if err != nil {
		return nil, err
	}
	afterCall, err := marshalOptional(a.AfterCallSummary)
	if err != nil {
		return nil, err
	}
	review, err := marshalOptional(a.DraftReview)
	if err != nil {
		return nil, err
	}
	usage, err := marshalOptional(a.LLMUsage)
	if err != nil {
		return nil, err
	}
	compliance, err := marshalOptional(a.Compliance)
	if err != nil {
		return nil, err
	}
	var jurisdiction, worst any
	breaches := 0
	if a.Compliance != nil {
		jurisdiction, worst, breaches = a.Compliance.Jurisdiction, orNull(a.Compliance.Worst), a.Compliance.Breaches
	}
	var occurredAt *time.Time
	if !c.OccurredAt.IsZero() {
		occurredAt = &c.OccurredAt
	}
	var row createdRow
	err = q.GetContext(ctx, &row, `
		INSERT INTO calls (external_id, agent_id, team_id, language, format,
			mapping_method, mapping_confidence, mapping_agent, mapping_customer, mapping_reason,
			occurred_at, summary, readability, jargon_count, closing, referral,
			arrangement_flagged, flagged, engines, after_call_summary, draft_review, llm_usage,
			account_ref, time_zone, compliance, jurisdiction, compliance_worst, compliance_breaches)
		VALUES ($1, $2, $3, $4, $5,
			$6, $7, $8, $9, $10,
			COALESCE($11, now()), $12::jsonb, $13::jsonb, $14, $15::jsonb, $16::jsonb,
			$17, $18, $19::jsonb, $20::jsonb, $21::jsonb, $22::jsonb,
			$23, $24, $25::jsonb, $26, $27, $28)
		ON CONFLICT (agent_id, external_id) DO NOTHING
		RETURNING id, occurred_at, created_at`,
		orNull(c.ExternalID), c.AgentID, orNull(c.TeamID), a.Language, a.Format,
		orNull(a.Mapping.Method), a.Mapping.Confidence, pq.StringArray(nonNil(a.Mapping.Agent)),
		pq.StringArray(nonNil(a.Mapping.Customer)), a.Mapping.Reason,
		occurredAt, summary, readability, a.JargonCount, closing, referral,
		a.Arrangement.Flagged, a.Flagged, engines, afterCall, review, usage,
		orNull(c.AccountRef), orNull(c.TimeZone), compliance, jurisdiction, worst, breaches)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("insert call: %w", err)
	}

	turnIDs, err := createTurns(ctx, q, row.ID, a.Turns)
	if err != nil {
		return nil, err
	}
	row.TurnIDs = turnIDs
	if a.DraftReview != nil {
		// The draft points at turns by index until they have ids; a trainer's
		// review, and the list of calls, want the ids.
		a.DraftReview.SetTurnIDs(turnIDs)
		review, err := marshal(a.DraftReview)
		if err != nil {
			return nil, err
		}
		if _, err := q.ExecContext(ctx, `UPDATE calls SET draft_review = $2::jsonb WHERE id = $1`, row.ID, review); err != nil {
			return nil, fmt.Errorf("store draft review: %w", err)
		}
	}
	if err := createSuggestions(ctx, q, turnIDs, a.Turns); err != nil {
		return nil, err
	}
	if err := createFacts(ctx, q, row.ID, a.Arrangement.Facts); err != nil {
		return nil, err
	}
	if err := createOptions(ctx, q, row.ID, a.Arrangement.Options); err != nil {
		return nil, err
	}
	return &row, nil
}

// FindCallByID returns the call with the given id and all its rows. It
// returns ENotFound when there is none.
func (db *DB) FindCallByID(ctx context.Context, id int64) (*assistant.Call, error) {
	c, err := db.findCall(ctx, callSelector{id: id})
	if err != nil {
		return nil, fmt.Errorf("find call %d: %w", id, err)
	}
	return c, nil
}

// findCall loads one whole call in a read-only snapshot, so that the call and
// its rows are read as of one moment.
func (db *DB) findCall(ctx context.Context, sel callSelector) (*assistant.Call, error) {
	tx, err := db.db.BeginTxx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return nil, dbError(err, "begin")
	}
	defer tx.Rollback()

	rows, err := findCallRows(ctx, tx, sel)
	if err != nil {
		return nil, dbError(err, "read call")
	}
	if len(rows) == 0 {
		if sel.id != 0 {
			return nil, assistant.Errorf(assistant.ENotFound, "call %d not found", sel.id)
		}
		return nil, assistant.Errorf(assistant.ENotFound, "call %q of agent %s not found", sel.externalID, sel.agentID)
	}
	c, err := rows[0].call()
	if err != nil {
		return nil, err
	}
	if err := loadDetails(ctx, tx, c); err != nil {
		return nil, dbError(err, "read call %d", c.ID)
	}
	if err := tx.Commit(); err != nil {
		return nil, dbError(err, "read call %d", c.ID)
	}
	return c, nil
}

// FindCalls returns one page of calls matching f, newest first by
// (OccurredAt, ID). Calls in a page carry their metadata and call-level
// analysis (summary, readability, jargon count, closing, referral, flags,
// compliance) but not their turns, facts and options: a list shows records,
// FindCallByID opens one. It returns EInvalid for a limit outside 0–100, From not before
// To, or a cursor that is not one this store gave out.
func (db *DB) FindCalls(ctx context.Context, f assistant.CallFilter) (assistant.CallPage, error) {
	sel := callSelector{agentID: f.AgentID, from: f.From, to: f.To, limit: f.Limit}
	switch {
	case f.Limit == 0:
		sel.limit = defaultLimit
	case f.Limit < 0 || f.Limit > maxLimit:
		return assistant.CallPage{}, assistant.Errorf(assistant.EInvalid, "limit must be between 1 and %d", maxLimit)
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		return assistant.CallPage{}, assistant.Errorf(assistant.EInvalid, "from must be before to")
	}
	if f.Cursor != "" {
		var err error
		if sel.before, err = decodeCursor(f.Cursor); err != nil {
			return assistant.CallPage{}, err
		}
	}
	// One more row than asked tells whether another page follows.
	sel.limit++
	rows, err := findCallRows(ctx, db.db, sel)
	if err != nil {
		return assistant.CallPage{}, dbError(err, "find calls")
	}
	page := assistant.CallPage{Calls: make([]*assistant.Call, 0, min(len(rows), sel.limit-1))}
	for i := range rows {
		if i == sel.limit-1 {
			last := page.Calls[len(page.Calls)-1]
			page.NextCursor = encodeCursor(cursor{occurredAt: last.OccurredAt, id: last.ID})
			break
		}
		c, err := rows[i].call()
		if err != nil {
			return assistant.CallPage{}, err
		}
		page.Calls = append(page.Calls, c)
	}
	return page, nil
}

// callSelector says which call rows findCallRows reads. Zero fields do not
// select; limit 0 means no limit.
type callSelector struct {
	id         int64
	agentID    string
	externalID string
	from, to   time.Time
	before     *cursor
	limit      int
}

// callRow is a row of calls as scanned.
type callRow struct {
	ID                 int64          `db:"id"`
	ExternalID         sql.NullString `db:"external_id"`
	AgentID            string         `db:"agent_id"`
	TeamID             sql.NullString `db:"team_id"`
	Language           string         `db:"language"`
	Format             string         `db:"format"`
	MappingMethod      sql.NullString `db:"mapping_method"`
	MappingConfidence  float64        `db:"mapping_confidence"`
	MappingAgent       pq.StringArray `db:"mapping_agent"`
	MappingCustomer    pq.StringArray `db:"mapping_customer"`
	MappingReason      string         `db:"mapping_reason"`
	OccurredAt         time.Time      `db:"occurred_at"`
	CreatedAt          time.Time      `db:"created_at"`
	Summary            []byte         `db:"summary"`
	Readability        []byte         `db:"readability"`
	JargonCount        int            `db:"jargon_count"`
	Closing            []byte         `db:"closing"`
	Referral           []byte         `db:"referral"`
	ArrangementFlagged bool           `db:"arrangement_flagged"`
	Flagged            bool           `db:"flagged"`
	Engines            []byte         `db:"engines"`
	AfterCallSummary   []byte         `db:"after_call_summary"`
	DraftReview        []byte         `db:"draft_review"`
	LLMUsage           []byte         `db:"llm_usage"`
	AccountRef         sql.NullString `db:"account_ref"`
	TimeZone           sql.NullString `db:"time_zone"`
	Compliance         []byte         `db:"compliance"`
}

// findCallRows reads the call rows sel selects, newest first.
func findCallRows(ctx context.Context, q querier, sel callSelector) ([]callRow, error) {
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if sel.id != 0 {
		where = append(where, "id = "+arg(sel.id))
	}
	if sel.agentID != "" {
		where = append(where, "agent_id = "+arg(sel.agentID))
	}
	if sel.externalID != "" {
		where = append(where, "external_id = "+arg(sel.externalID))
	}
	if !sel.from.IsZero() {
		where = append(where, "occurred_at >= "+arg(sel.from))
	}
	if !sel.to.IsZero() {
		where = append(where, "occurred_at < "+arg(sel.to))
	}
	if sel.before != nil {
		// A row comparison, so the (occurred_at DESC, id DESC) indexes serve
		// the page start directly.
		where = append(where, fmt.Sprintf("(occurred_at, id) < (%s, %s)", arg(sel.before.occurredAt), arg(sel.before.id)))
	}
	query := `
		SELECT id, external_id, agent_id, team_id, language, format,
			mapping_method, mapping_confidence, mapping_agent, mapping_customer, mapping_reason,
			occurred_at, created_at, summary, readability, jargon_count, closing, referral,
			arrangement_flagged, flagged, engines, after_call_summary, draft_review, llm_usage,
			account_ref, time_zone, compliance
		FROM calls`
	if len(where) > 0 {
		query += "\n\t\tWHERE " + strings.Join(where, " AND ")
	}
	query += "\n\t\tORDER BY occurred_at DESC, id DESC"
	if sel.limit > 0 {
		query += "\n\t\tLIMIT " + arg(sel.limit)
	}
	var rows []callRow
	if err := q.SelectContext(ctx, &rows, query, args...); err != nil {
		return nil, err
	}
	return rows, nil
}

// call converts r to a call without turns, facts and options.
func (r *callRow) call() (*assistant.Call, error) {
	c := &assistant.Call{
		ID:         r.ID,
		ExternalID: r.ExternalID.String,
		AgentID:    r.AgentID,
		TeamID:     r.TeamID.String,
		AccountRef: r.AccountRef.String,
		TimeZone:   r.TimeZone.String,
		OccurredAt: r.OccurredAt.UTC(),
		CreatedAt:  r.CreatedAt.UTC(),
		Analysis: assistant.Analysis{
			Language: assistant.Language(r.Language),
			Format:   r.Format,
			Mapping: assistant.SpeakerMapping{
				Method:     assistant.MappingMethod(r.MappingMethod.String),
				Confidence: r.MappingConfidence,
				Agent:      nilIfEmpty(r.MappingAgent),
				Customer:   nilIfEmpty(r.MappingCustomer),
				Reason:     r.MappingReason,
			},
			JargonCount: r.JargonCount,
			Arrangement: assistant.ArrangementAdvice{Flagged: r.ArrangementFlagged},
			Flagged:     r.Flagged,
		},
	}
	if err := unmarshal(r.Summary, &c.Summary, "summary", r.ID); err != nil {
		return nil, err
	}
	if err := unmarshal(r.Readability, &c.Readability, "readability", r.ID); err != nil {
		return nil, err
	}
	if err := unmarshal(r.Closing, &c.Closing, "closing", r.ID); err != nil {
		return nil, err
	}
	if err := unmarshal(r.Engines, &c.Engines, "engines", r.ID); err != nil {
		return nil, err
	}
	if r.Compliance != nil {
		c.Compliance = new(assistant.Compliance)
		if err := unmarshal(r.Compliance, c.Compliance, "compliance", r.ID); err != nil {
			return nil, err
		}
	}
	if r.Referral != nil {
		c.Arrangement.Referral = new(assistant.Referral)
		if err := unmarshal(r.Referral, c.Arrangement.Referral, "referral", r.ID); err != nil {
			return nil, err
		}
	}
	if r.AfterCallSummary != nil {
		c.AfterCallSummary = new(assistant.AfterCallSummary)
		if err := unmarshal(r.AfterCallSummary, c.AfterCallSummary, "after-call summary", r.ID); err != nil {
			return nil, err
		}
	}
	if r.DraftReview != nil {
		c.DraftReview = new(assistant.DraftReview)
		if err := unmarshal(r.DraftReview, c.DraftReview, "draft review", r.ID); err != nil {
			return nil, err
		}
	}
	if r.LLMUsage != nil {
		c.LLMUsage = new(assistant.Usage)
		if err := unmarshal(r.LLMUsage, c.LLMUsage, "LLM usage", r.ID); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// loadDetails reads the turns of c with their phrasing findings, and its
// arrangement facts and options.
func loadDetails(ctx context.Context, q querier, c *assistant.Call) error {
	var err error
	if c.Turns, err = findTurns(ctx, q, c.ID); err != nil {
		return err
	}
	if err := findSuggestions(ctx, q, c.ID, c.Turns); err != nil {
		return err
	}
	if c.Arrangement.Facts, err = findFacts(ctx, q, c.ID); err != nil {
		return err
	}
	if c.Arrangement.Options, err = findOptions(ctx, q, c.ID); err != nil {
		return err
	}
	return nil
}

// nilIfEmpty returns nil for an empty array, matching fields that omit
// empty lists.
func nilIfEmpty(a pq.StringArray) []string {
	if len(a) == 0 {
		return nil
	}
	return a
}
