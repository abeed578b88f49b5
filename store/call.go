package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
// creating the agent and team on first sight, and records it in the audit
// trail as done by by. It sets c.ID, c.CreatedAt, c.ReviewStatus,
// c.OccurredAt (the creation time when c had none) and c.TeamID (the
// agent's team when c named none: a call is made in the team its agent is
// in).
//
// A new agent joins the team the call names; an agent who has a team keeps
// it, since only an admin moves agents: importing last year's calls must not
// move anyone back. The call must fall in by's scope (its agent, or its team
// after the rule above), else EForbidden.
//
// When c has an ExternalID that its agent has stored before, nothing is
// written: the stored record is loaded into *c and created is false, also
// when two requests race.
//
// It returns EInvalid when c breaks a rule of the schema (the message names
// which), EUnavailable when Postgres cannot be reached.
func (db *DB) CreateCall(ctx context.Context, by assistant.Principal, c *assistant.Call) (created bool, err error) {
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

	row, err := createCall(ctx, tx, by, c)
	if err != nil {
		return false, dbError(err, "create call for agent %s", c.AgentID)
	}
	if row == nil {
		// The agent stored this external id before. Rolling back first
		// undoes the agent and team upserts and frees their locks.
		if err := tx.Rollback(); err != nil {
			return false, dbError(err, "create call for agent %s", c.AgentID)
		}
		return false, db.loadExisting(ctx, by.Scope(), c)
	}
	if err := tx.Commit(); err != nil {
		if isExternalIDConflict(err) {
			return false, db.loadExisting(ctx, by.Scope(), c)
		}
		return false, dbError(err, "create call %d for agent %s", row.ID, c.AgentID)
	}
	c.ID = row.ID
	c.OccurredAt = row.OccurredAt.UTC()
	c.CreatedAt = row.CreatedAt.UTC()
	c.ReviewStatus = assistant.CallReviewStatus(row.ReviewStatus)
	for i := range c.Turns {
		c.Turns[i].ID = row.TurnIDs[c.Turns[i].Index]
	}
	return true, nil
}

// createdRow is what the database assigns to a new call.
type createdRow struct {
	ID           int64     `db:"id"`
	OccurredAt   time.Time `db:"occurred_at"`
	CreatedAt    time.Time `db:"created_at"`
	ReviewStatus string    `db:"review_status"`
	// TurnIDs maps turn index to the new turn's id.
	TurnIDs map[int]int64 `db:"-"`
}

// loadExisting replaces *c with the stored call of the same agent and
// external id. A stored call outside scope is a conflict: the id is taken,
// but not by a call the poster may read.
func (db *DB) loadExisting(ctx context.Context, scope assistant.Scope, c *assistant.Call) error {
	stored, err := db.findCall(ctx, callSelector{scope: scope, agentID: c.AgentID, externalID: c.ExternalID})
	if assistant.ErrorCode(err) == assistant.ENotFound {
		e := assistant.ExternalIDHidden(c.AgentID, c.ExternalID)
		e.Err = err
		return e
	}
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

// checkAgentTeam refuses, before anything is written, a call an agent's
// scope may not store: another agent's, or one naming a team other than
// the agent's own. Otherwise an agent could make a team by naming it, or
// join one, and so choose which trainers and leads read their calls.
func checkAgentTeam(ctx context.Context, q querier, scope assistant.Scope, c *assistant.Call) error {
	if scope.All || scope.AgentID == "" {
		return nil
	}
	if c.AgentID != scope.AgentID {
		return assistant.Errorf(assistant.EForbidden, "You may store only your own calls (agent %s), not agent %s's.", scope.AgentID, c.AgentID)
	}
	var team sql.NullString
	err := q.GetContext(ctx, &team, `SELECT team_id FROM agents WHERE id = $1`, c.AgentID)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("read team of agent %s: %w", c.AgentID, err)
	}
	teamID := c.TeamID
	if teamID == "" {
		teamID = team.String
	}
	if scope.AllowsStore(c.AgentID, team.String, teamID) {
		return nil
	}
	if !team.Valid {
		return assistant.Errorf(assistant.EForbidden, "You may store calls only in your own team, and you are in no team yet: leave team_id out, or ask an admin to put you in team %s.", c.TeamID)
	}
	return assistant.Errorf(assistant.EForbidden, "You may store calls only in your own team (%s), not in team %s; leave team_id out to store the call in yours.", team.String, c.TeamID)
}

// createCall writes c and its rows with q, which should be a transaction,
// and its audit entry. It returns nil, writing no call, when the agent's
// external id exists.
func createCall(ctx context.Context, q querier, by assistant.Principal, c *assistant.Call) (*createdRow, error) {
	given := c.TeamID
	if err := checkAgentTeam(ctx, q, by.Scope(), c); err != nil {
		return nil, err
	}
	if given != "" {
		if _, err := q.ExecContext(ctx, `
			INSERT INTO teams (id) VALUES ($1)
			ON CONFLICT (id) DO NOTHING`, given); err != nil {
			return nil, fmt.Errorf("upsert team %s: %w", given, err)
		}
	}
	if _, err := q.ExecContext(ctx, `
		INSERT INTO agents (id, team_id) VALUES ($1, $2)
		ON CONFLICT (id) DO NOTHING`,
		c.AgentID, orNull(given)); err != nil {
		return nil, fmt.Errorf("upsert agent: %w", err)
	}
	// An agent without a team joins the one the call names; one with a team
	// keeps it. Only an admin moves agents: otherwise importing old calls,
	// or a trainer naming their own team, would move an agent and with them
	// who may read their future calls. A separate UPDATE, unlike ON
	// CONFLICT DO UPDATE, locks the agent row only when it changes, so an
	// agent's calls are not stored one at a time.
	var agentTeam sql.NullString
	if given != "" {
		if _, err := q.ExecContext(ctx, `
			UPDATE agents SET team_id = $2
			WHERE id = $1 AND team_id IS NULL`,
			c.AgentID, given); err != nil {
			return nil, fmt.Errorf("set team of agent: %w", err)
		}
	} else {
		if err := q.GetContext(ctx, &agentTeam, `SELECT team_id FROM agents WHERE id = $1`, c.AgentID); err != nil {
			return nil, fmt.Errorf("read team of agent: %w", err)
		}
		c.TeamID = agentTeam.String
	}
	if scope := by.Scope(); !scope.Allows(c.AgentID, c.TeamID) {
		switch {
		case scope.AgentID != "":
			return nil, assistant.Errorf(assistant.EForbidden, "You may store only your own calls (agent %s), not agent %s's.", scope.AgentID, c.AgentID)
		case given != "":
			return nil, assistant.Errorf(assistant.EForbidden, "You may store calls only in your own teams (%s), not in team %s.", strings.Join(scope.TeamIDs, ", "), given)
		case agentTeam.Valid:
			return nil, assistant.Errorf(assistant.EForbidden, "Agent %s is not in your teams (%s); you may store calls only in your own teams.", c.AgentID, strings.Join(scope.TeamIDs, ", "))
		}
		return nil, assistant.Errorf(assistant.EForbidden, "Agent %s has no team yet; name one of your teams (%s) with team_id.", c.AgentID, strings.Join(scope.TeamIDs, ", "))
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
	policy, err := marshalOptional(a.Arrangement.Policy)
	if err != nil {
		return nil, err
	}
	assessment, err := marshalOptional(a.Arrangement.Assessment)
	if err != nil {
		return nil, err
	}
	agreement, err := marshalOptional(a.Arrangement.Agreement)
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
	dyn := a.Dynamics
	var tipAgent, tipCustomer, tipInto any
	if tp := dyn.Tipping; tp != nil {
		tipAgent, tipCustomer, tipInto = tp.AgentTurn, tp.CustomerTurn, string(tp.Into)
	}
	var row createdRow
	err = q.GetContext(ctx, &row, `
		INSERT INTO calls (external_id, agent_id, team_id, language, format,
			mapping_method, mapping_confidence, mapping_agent, mapping_customer, mapping_reason,
			occurred_at, summary, readability, jargon_count, closing, referral,
			arrangement_flagged, flagged, engines, after_call_summary, draft_review, llm_usage,
			account_ref, time_zone, compliance, jurisdiction, compliance_worst, compliance_breaches,
			arrangement_policy, arrangement_assessment, arrangement_agreement,
			exchanges, exchanges_together, exchanges_as_expected, pushed_into_opposition, hardship_flags,
			tipping_agent_turn, tipping_customer_turn, tipping_into)
		VALUES ($1, $2, $3, $4, $5,
			$6, $7, $8, $9, $10,
			COALESCE($11, now()), $12::jsonb, $13::jsonb, $14, $15::jsonb, $16::jsonb,
			$17, $18, $19::jsonb, $20::jsonb, $21::jsonb, $22::jsonb,
			$23, $24, $25::jsonb, $26, $27, $28,
			$29::jsonb, $30::jsonb, $31::jsonb,
			$32, $33, $34, $35, $36,
			$37, $38, $39)
		ON CONFLICT (agent_id, external_id) DO NOTHING
		RETURNING id, occurred_at, created_at, review_status`,
		orNull(c.ExternalID), c.AgentID, orNull(c.TeamID), a.Language, a.Format,
		orNull(a.Mapping.Method), a.Mapping.Confidence, pq.StringArray(nonNil(a.Mapping.Agent)),
		pq.StringArray(nonNil(a.Mapping.Customer)), a.Mapping.Reason,
		occurredAt, summary, readability, a.JargonCount, closing, referral,
		a.Arrangement.Flagged, a.Flagged, engines, afterCall, review, usage,
		orNull(c.AccountRef), orNull(c.TimeZone), compliance, jurisdiction, worst, breaches,
		policy, assessment, agreement,
		dyn.Exchanges, dyn.Together, dyn.AsExpected, dyn.PushedIntoOpposition, dyn.HardshipFlags,
		tipAgent, tipCustomer, tipInto)
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
	if c.Live != nil {
		if err := createLive(ctx, q, row.ID, c.Live); err != nil {
			return nil, err
		}
	}
	if err := writeAudit(ctx, q, by, assistant.AuditEntry{
		Action: assistant.ActionCallCreate, Target: assistant.TargetCall, TargetID: itoa(row.ID), CallID: row.ID,
	}); err != nil {
		return nil, err
	}
	if err := recordCallStats(ctx, q, row.ID); err != nil {
		return nil, err
	}
	return &row, nil
}

// FindCallByID returns the call with the given id and all its rows, if
// scope may read it. It returns ENotFound when there is none or it is not
// scope's: the two read the same, so that nobody learns of another agent's
// or team's call.
func (db *DB) FindCallByID(ctx context.Context, scope assistant.Scope, id int64) (*assistant.Call, error) {
	c, err := db.findCall(ctx, callSelector{scope: scope, id: id})
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
// compliance) but not their turns, facts, options and live-session note: a
// list shows records, FindCallByID opens one. It returns EInvalid for a
// limit outside 0–100, From not before To, a review status that is not
// one, or a cursor that is not one this store gave out. Only the calls
// scope may read are listed.
func (db *DB) FindCalls(ctx context.Context, scope assistant.Scope, f assistant.CallFilter) (assistant.CallPage, error) {
	sel, err := pageSelector(scope, f)
	if err != nil {
		return assistant.CallPage{}, err
	}
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

// pageSelector checks f and returns the selector of the page FindCalls
// reads for scope: one row more than asked, which tells whether another
// page follows.
func pageSelector(scope assistant.Scope, f assistant.CallFilter) (callSelector, error) {
	sel := callSelector{scope: scope, agentID: f.AgentID, teamID: f.TeamID, reviewStatus: f.ReviewStatus, externalID: f.ExternalID,
		from: f.From, to: f.To, limit: f.Limit}
	if f.ReviewStatus != "" && !f.ReviewStatus.Valid() {
		return sel, assistant.Errorf(assistant.EInvalid, "review_status %q is not known; use new, in_review, reviewed, acknowledged or disputed", f.ReviewStatus)
	}
	switch {
	case f.Limit == 0:
		sel.limit = defaultLimit
	case f.Limit < 0 || f.Limit > maxLimit:
		return sel, assistant.Errorf(assistant.EInvalid, "limit must be between 1 and %d", maxLimit)
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		return sel, assistant.Errorf(assistant.EInvalid, "from must be before to")
	}
	if f.Cursor != "" {
		var err error
		if sel.before, err = decodeCursor(f.Cursor); err != nil {
			return sel, err
		}
	}
	sel.limit++
	return sel, nil
}

// callSelector says which call rows findCallRows reads: those scope may
// read, narrowed by the other fields. Zero fields do not select; limit 0
// means no limit.
type callSelector struct {
	scope        assistant.Scope
	id           int64
	agentID      string
	teamID       string
	reviewStatus assistant.CallReviewStatus
	externalID   string
	from, to     time.Time
	before       *cursor
	limit        int
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
	Policy             []byte         `db:"arrangement_policy"`
	Assessment         []byte         `db:"arrangement_assessment"`
	Agreement          []byte         `db:"arrangement_agreement"`
	ReviewStatus       string         `db:"review_status"`
	// The dynamics' totals and tipping point.
	Exchanges            int            `db:"exchanges"`
	ExchangesTogether    int            `db:"exchanges_together"`
	ExchangesAsExpected  int            `db:"exchanges_as_expected"`
	PushedIntoOpposition int            `db:"pushed_into_opposition"`
	HardshipFlags        int            `db:"hardship_flags"`
	TippingAgentTurn     sql.NullInt64  `db:"tipping_agent_turn"`
	TippingCustomerTurn  sql.NullInt64  `db:"tipping_customer_turn"`
	TippingInto          sql.NullString `db:"tipping_into"`
}

// findCallRows reads the call rows sel selects, newest first.
func findCallRows(ctx context.Context, q querier, sel callSelector) ([]callRow, error) {
	query, p := callQuery(sel)
	var rows []callRow
	if err := q.SelectContext(ctx, &rows, query, p...); err != nil {
		return nil, err
	}
	return rows, nil
}

// callQuery is the query of findCallRows and its arguments, apart so that
// tests can EXPLAIN exactly what runs.
func callQuery(sel callSelector) (string, params) {
	var p params
	conds := []string{scopeCondition(sel.scope, "agent_id", "team_id", &p)}
	if sel.id != 0 {
		conds = append(conds, "id = "+p.add(sel.id))
	}
	if sel.agentID != "" {
		conds = append(conds, "agent_id = "+p.add(sel.agentID))
	}
	if sel.teamID != "" {
		conds = append(conds, "team_id = "+p.add(sel.teamID))
	}
	if sel.reviewStatus != "" {
		conds = append(conds, "review_status = "+p.add(sel.reviewStatus))
	}
	if sel.externalID != "" {
		conds = append(conds, "external_id = "+p.add(sel.externalID))
	}
	if !sel.from.IsZero() {
		conds = append(conds, "occurred_at >= "+p.add(sel.from))
	}
	if !sel.to.IsZero() {
		conds = append(conds, "occurred_at < "+p.add(sel.to))
	}
	if sel.before != nil {
		// A row comparison, so the (occurred_at DESC, id DESC) indexes serve
		// the page start directly.
		conds = append(conds, fmt.Sprintf("(occurred_at, id) < (%s, %s)", p.add(sel.before.occurredAt), p.add(sel.before.id)))
	}
	query := `
		SELECT id, external_id, agent_id, team_id, language, format,
			mapping_method, mapping_confidence, mapping_agent, mapping_customer, mapping_reason,
			occurred_at, created_at, summary, readability, jargon_count, closing, referral,
			arrangement_flagged, flagged, engines, after_call_summary, draft_review, llm_usage,
			account_ref, time_zone, compliance, review_status,
			arrangement_policy, arrangement_assessment, arrangement_agreement,
			exchanges, exchanges_together, exchanges_as_expected, pushed_into_opposition, hardship_flags,
			tipping_agent_turn, tipping_customer_turn, tipping_into
		FROM calls` + where(conds) + `
		ORDER BY occurred_at DESC, id DESC`
	if sel.limit > 0 {
		query += "\n\t\tLIMIT " + p.add(sel.limit)
	}
	return query, p
}

// call converts r to a call without turns, facts and options.
func (r *callRow) call() (*assistant.Call, error) {
	c := &assistant.Call{
		ID:           r.ID,
		ExternalID:   r.ExternalID.String,
		AgentID:      r.AgentID,
		TeamID:       r.TeamID.String,
		AccountRef:   r.AccountRef.String,
		TimeZone:     r.TimeZone.String,
		OccurredAt:   r.OccurredAt.UTC(),
		CreatedAt:    r.CreatedAt.UTC(),
		ReviewStatus: assistant.CallReviewStatus(r.ReviewStatus),
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
			Dynamics: assistant.Dynamics{
				Exchanges:            r.Exchanges,
				Together:             r.ExchangesTogether,
				AsExpected:           r.ExchangesAsExpected,
				PushedIntoOpposition: r.PushedIntoOpposition,
				HardshipFlags:        r.HardshipFlags,
			},
		},
	}
	if r.TippingInto.Valid {
		c.Dynamics.Tipping = &assistant.Tipping{AgentTurn: int(r.TippingAgentTurn.Int64),
			CustomerTurn: int(r.TippingCustomerTurn.Int64), Into: assistant.Side(r.TippingInto.String)}
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
	var err error
	if c.Arrangement.Policy, err = unmarshalOptional[assistant.AppliedPolicy](r.Policy, "arrangement policy", r.ID); err != nil {
		return nil, err
	}
	if c.Arrangement.Assessment, err = unmarshalOptional[assistant.Assessment](r.Assessment, "arrangement assessment", r.ID); err != nil {
		return nil, err
	}
	if c.Arrangement.Agreement, err = unmarshalOptional[assistant.AgreementCheck](r.Agreement, "arrangement agreement", r.ID); err != nil {
		return nil, err
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
	if c.Live, err = findLive(ctx, q, c.ID); err != nil {
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
