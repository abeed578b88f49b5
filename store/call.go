package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
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

// checkCurrencies rejects options that mix currencies, since an option is
// stored with one currency column.
func checkCurrencies(options []assistant.ArrangementOption) error {
	for i, o := range options {
		cur := o.Monthly.Currency
		same := o.Total.Currency == cur
		if o.Waived != nil {
			same = same && o.Waived.Currency == cur
		}
		for _, p := range o.Schedule {
			same = same && p.Amount.Currency == cur
		}
		if !same {
			return assistant.Errorf(assistant.EInvalid, "arrangement option %d mixes currencies; use one currency for its monthly amount, total, waived costs and schedule", i+1)
		}
	}
	return nil
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
		c.AgentID, nullString(c.TeamID)); err != nil {
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
	var referral sql.NullString
	if r := a.Arrangement.Referral; r != nil {
		if referral.String, err = marshal(r); err != nil {
			return nil, err
		}
		referral.Valid = true
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
			arrangement_flagged, flagged)
		VALUES ($1, $2, $3, $4, $5,
			$6, $7, $8, $9, $10,
			COALESCE($11, now()), $12::jsonb, $13::jsonb, $14, $15::jsonb, $16::jsonb,
			$17, $18)
		ON CONFLICT (agent_id, external_id) DO NOTHING
		RETURNING id, occurred_at, created_at`,
		nullString(c.ExternalID), c.AgentID, nullString(c.TeamID), a.Language, a.Format,
		nullString(string(a.Mapping.Method)), a.Mapping.Confidence, pq.StringArray(nonNil(a.Mapping.Agent)),
		pq.StringArray(nonNil(a.Mapping.Customer)), a.Mapping.Reason,
		occurredAt, summary, readability, a.JargonCount, closing, referral,
		a.Arrangement.Flagged, a.Flagged)
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

// createTurns inserts the turns of call id in one statement and returns the
// new turn ids by turn index.
func createTurns(ctx context.Context, q querier, callID int64, turns []assistant.TurnAnalysis) (map[int]int64, error) {
	if len(turns) == 0 {
		return map[int]int64{}, nil
	}
	// One array per column, unnested together: one round trip however long
	// the call. Empty strings stand for NULL in the optional columns.
	n := len(turns)
	var (
		idx                                = make([]int64, n)
		speaker, text, language, source    = make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		startMS, endMS                     = make([]int64, n), make([]int64, n)
		dominance, affiliation, confidence = make([]float64, n), make([]float64, n), make([]float64, n)
		octant, quadrant                   = make([]string, n), make([]string, n)
		cues, response, readability, tip   = make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		suggested                          = make([]string, n)
		err                                error
	)
	for i, t := range turns {
		idx[i] = int64(t.Index)
		speaker[i], text[i], language[i], source[i] = string(t.Speaker), t.Text, string(t.Language), t.SourceSpeaker
		startMS[i], endMS[i] = t.StartMS, t.EndMS
		dominance[i], affiliation[i], confidence[i] = t.Stance.Dominance, t.Stance.Affiliation, t.Stance.Confidence
		octant[i], quadrant[i] = string(t.Stance.Octant), string(t.Stance.Quadrant)
		if cues[i], err = marshal(nonNil(t.Stance.Cues)); err != nil {
			return nil, err
		}
		if t.Response != nil {
			if response[i], err = marshal(t.Response); err != nil {
				return nil, err
			}
		}
		if p := t.Phrasing; p != nil {
			if readability[i], err = marshal(p.Readability); err != nil {
				return nil, err
			}
			if tip[i], err = marshal(p.Tip); err != nil {
				return nil, err
			}
			suggested[i] = p.Suggested
		}
	}
	rows, err := q.QueryxContext(ctx, `
		INSERT INTO turns (call_id, idx, speaker, text, start_ms, end_ms, language, source_speaker,
			dominance, affiliation, octant, quadrant, confidence,
			cues, response, readability, tip, suggested)
		SELECT $1, t.idx, t.speaker, t.text, t.start_ms, t.end_ms, NULLIF(t.language, ''), t.source_speaker,
			t.dominance, t.affiliation, t.octant, t.quadrant, t.confidence,
			t.cues::jsonb, NULLIF(t.response, '')::jsonb, NULLIF(t.readability, '')::jsonb,
			NULLIF(t.tip, '')::jsonb, NULLIF(t.suggested, '')
		FROM unnest($2::integer[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::text[], $8::text[],
			$9::float8[], $10::float8[], $11::text[], $12::text[], $13::float8[],
			$14::text[], $15::text[], $16::text[], $17::text[], $18::text[])
			AS t(idx, speaker, text, start_ms, end_ms, language, source_speaker,
				dominance, affiliation, octant, quadrant, confidence,
				cues, response, readability, tip, suggested)
		RETURNING idx, id`,
		callID, pq.Int64Array(idx), pq.StringArray(speaker), pq.StringArray(text), pq.Int64Array(startMS),
		pq.Int64Array(endMS), pq.StringArray(language), pq.StringArray(source),
		pq.Float64Array(dominance), pq.Float64Array(affiliation), pq.StringArray(octant),
		pq.StringArray(quadrant), pq.Float64Array(confidence),
		pq.StringArray(cues), pq.StringArray(response), pq.StringArray(readability), pq.StringArray(tip),
		pq.StringArray(suggested))
	if err != nil {
		return nil, fmt.Errorf("insert turns: %w", err)
	}
	defer rows.Close()
	ids := make(map[int]int64, n)
	for rows.Next() {
		var i int
		var id int64
		if err := rows.Scan(&i, &id); err != nil {
			return nil, fmt.Errorf("insert turns: %w", err)
		}
		ids[i] = id
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("insert turns: %w", err)
	}
	return ids, nil
}

// createSuggestions inserts one row per phrasing finding of the turns.
func createSuggestions(ctx context.Context, q querier, turnIDs map[int]int64, turns []assistant.TurnAnalysis) error {
	var (
		turnID, idx, start, end     []int64
		kind, text, reason, rewrite []string
	)
	for _, t := range turns {
		if t.Phrasing == nil {
			continue
		}
		for i, f := range t.Phrasing.Findings {
			var rw string
			if f.Rewrite != nil {
				var err error
				if rw, err = marshal(f.Rewrite); err != nil {
					return err
				}
			}
			turnID = append(turnID, turnIDs[t.Index])
			idx = append(idx, int64(i))
			start, end = append(start, int64(f.Start)), append(end, int64(f.End))
			kind, text = append(kind, string(f.Kind)), append(text, f.Text)
			reason, rewrite = append(reason, f.Reason), append(rewrite, rw)
		}
	}
	if len(turnID) == 0 {
		return nil
	}
	if _, err := q.ExecContext(ctx, `
		INSERT INTO suggestions (turn_id, idx, kind, start, "end", text, reason, rewrite)
		SELECT s.turn_id, s.idx, s.kind, s.start, s."end", s.text, s.reason, NULLIF(s.rewrite, '')::jsonb
		FROM unnest($1::bigint[], $2::integer[], $3::text[], $4::integer[], $5::integer[],
			$6::text[], $7::text[], $8::text[])
			AS s(turn_id, idx, kind, start, "end", text, reason, rewrite)`,
		pq.Int64Array(turnID), pq.Int64Array(idx), pq.StringArray(kind), pq.Int64Array(start),
		pq.Int64Array(end), pq.StringArray(text), pq.StringArray(reason), pq.StringArray(rewrite)); err != nil {
		return fmt.Errorf("insert suggestions: %w", err)
	}
	return nil
}

// createFacts inserts the arrangement facts of call id, keeping their order.
func createFacts(ctx context.Context, q querier, callID int64, facts []assistant.Fact) error {
	if len(facts) == 0 {
		return nil
	}
	n := len(facts)
	var (
		idx, day, turnIdx, start, end = make([]int64, n), make([]int64, n), make([]int64, n), make([]int64, n), make([]int64, n)
		amount                        = make([]sql.NullInt64, n)
		kind, currency, cue           = make([]string, n), make([]string, n), make([]string, n)
		text, note                    = make([]string, n), make([]string, n)
		ambiguous                     = make([]bool, n)
	)
	for i, f := range facts {
		idx[i], day[i], turnIdx[i], start[i], end[i] = int64(i), int64(f.Day), int64(f.TurnIndex), int64(f.Start), int64(f.End)
		if f.Amount != nil {
			amount[i] = sql.NullInt64{Int64: f.Amount.Amount, Valid: true}
			currency[i] = f.Amount.Currency
		}
		kind[i], cue[i], text[i], note[i], ambiguous[i] = string(f.Kind), string(f.Cue), f.Text, f.Note, f.Ambiguous
	}
	if _, err := q.ExecContext(ctx, `
		INSERT INTO arrangement_facts (call_id, idx, kind, amount, currency, day, cue,
			turn_idx, text, start, "end", ambiguous, note)
		SELECT $1, f.idx, f.kind, f.amount, NULLIF(f.currency, ''), NULLIF(f.day, 0), NULLIF(f.cue, ''),
			f.turn_idx, f.text, f.start, f."end", f.ambiguous, f.note
		FROM unnest($2::integer[], $3::text[], $4::bigint[], $5::text[], $6::integer[], $7::text[],
			$8::integer[], $9::text[], $10::integer[], $11::integer[], $12::boolean[], $13::text[])
			AS f(idx, kind, amount, currency, day, cue, turn_idx, text, start, "end", ambiguous, note)`,
		callID, pq.Int64Array(idx), pq.StringArray(kind), pq.Array(amount), pq.StringArray(currency),
		pq.Int64Array(day), pq.StringArray(cue), pq.Int64Array(turnIdx), pq.StringArray(text),
		pq.Int64Array(start), pq.Int64Array(end), pq.BoolArray(ambiguous), pq.StringArray(note)); err != nil {
		return fmt.Errorf("insert arrangement facts: %w", err)
	}
	return nil
}

// createOptions inserts the arrangement options of call id, ranked from 1 in
// the engine's order.
func createOptions(ctx context.Context, q querier, callID int64, options []assistant.ArrangementOption) error {
	if len(options) == 0 {
		return nil
	}
	n := len(options)
	var (
		rank, monthly, total, months          = make([]int64, n), make([]int64, n), make([]int64, n), make([]int64, n)
		deferral                              = make([]int64, n)
		waived                                = make([]sql.NullInt64, n)
		kind, currency, schedule, why, script = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		fits, realistic                       = make([]bool, n), make([]bool, n)
		err                                   error
	)
	for i, o := range options {
		rank[i], monthly[i], total[i], months[i] = int64(i+1), o.Monthly.Amount, o.Total.Amount, int64(o.Months)
		kind[i], currency[i], why[i], script[i] = string(o.Kind), o.Monthly.Currency, o.Why, o.Script
		if schedule[i], err = marshal(nonNil(o.Schedule)); err != nil {
			return err
		}
		fits[i], realistic[i] = o.FitsPolicy, o.Realistic
		deferral[i] = int64(o.DeferralMonths)
		if o.Waived != nil {
			waived[i] = sql.NullInt64{Int64: o.Waived.Amount, Valid: true}
		}
	}
	if _, err := q.ExecContext(ctx, `
		INSERT INTO arrangement_options (call_id, rank, kind, monthly_amount, total_amount, currency,
			months, deferral_months, waived_amount, schedule, fits_policy, realistic, why, script)
		SELECT $1, o.rank, o.kind, o.monthly_amount, o.total_amount, NULLIF(o.currency, ''),
			o.months, o.deferral_months, o.waived_amount, o.schedule::jsonb, o.fits_policy, o.realistic,
			o.why, o.script
		FROM unnest($2::integer[], $3::text[], $4::bigint[], $5::bigint[], $6::text[],
			$7::integer[], $8::integer[], $9::bigint[], $10::text[], $11::boolean[], $12::boolean[],
			$13::text[], $14::text[])
			AS o(rank, kind, monthly_amount, total_amount, currency,
				months, deferral_months, waived_amount, schedule, fits_policy, realistic, why, script)`,
		callID, pq.Int64Array(rank), pq.StringArray(kind), pq.Int64Array(monthly), pq.Int64Array(total),
		pq.StringArray(currency), pq.Int64Array(months), pq.Int64Array(deferral), pq.Array(waived),
		pq.StringArray(schedule), pq.BoolArray(fits), pq.BoolArray(realistic), pq.StringArray(why),
		pq.StringArray(script)); err != nil {
		return fmt.Errorf("insert arrangement options: %w", err)
	}
	return nil
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
// analysis (summary, readability, jargon count, closing, referral, flags) but
// not their turns, facts and options: a list shows records, FindCallByID
// opens one. It returns EInvalid for a limit outside 0–100, From not before
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
			arrangement_flagged, flagged
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
	if r.Referral != nil {
		c.Arrangement.Referral = new(assistant.Referral)
		if err := unmarshal(r.Referral, c.Arrangement.Referral, "referral", r.ID); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// turnRow is a row of turns as scanned.
type turnRow struct {
	ID            int64          `db:"id"`
	Idx           int            `db:"idx"`
	Speaker       string         `db:"speaker"`
	Text          string         `db:"text"`
	StartMS       int64          `db:"start_ms"`
	EndMS         int64          `db:"end_ms"`
	Language      sql.NullString `db:"language"`
	SourceSpeaker string         `db:"source_speaker"`
	Dominance     float64        `db:"dominance"`
	Affiliation   float64        `db:"affiliation"`
	Octant        string         `db:"octant"`
	Quadrant      string         `db:"quadrant"`
	Confidence    float64        `db:"confidence"`
	Cues          []byte         `db:"cues"`
	Response      []byte         `db:"response"`
	Readability   []byte         `db:"readability"`
	Tip           []byte         `db:"tip"`
	Suggested     sql.NullString `db:"suggested"`
}

// suggestionRow is a row of suggestions with the index of its turn.
type suggestionRow struct {
	TurnIdx int    `db:"turn_idx"`
	Kind    string `db:"kind"`
	Start   int    `db:"start"`
	End     int    `db:"end"`
	Text    string `db:"text"`
	Reason  string `db:"reason"`
	Rewrite []byte `db:"rewrite"`
}

// factRow is a row of arrangement_facts as scanned.
type factRow struct {
	Kind      string         `db:"kind"`
	Amount    sql.NullInt64  `db:"amount"`
	Currency  sql.NullString `db:"currency"`
	Day       sql.NullInt64  `db:"day"`
	Cue       sql.NullString `db:"cue"`
	TurnIdx   int            `db:"turn_idx"`
	Text      string         `db:"text"`
	Start     int            `db:"start"`
	End       int            `db:"end"`
	Ambiguous bool           `db:"ambiguous"`
	Note      string         `db:"note"`
}

// optionRow is a row of arrangement_options as scanned.
type optionRow struct {
	Kind       string         `db:"kind"`
	Monthly    int64          `db:"monthly_amount"`
	Total      int64          `db:"total_amount"`
	Currency   sql.NullString `db:"currency"`
	Months     int            `db:"months"`
	Deferral   int            `db:"deferral_months"`
	Waived     sql.NullInt64  `db:"waived_amount"`
	Schedule   []byte         `db:"schedule"`
	FitsPolicy bool           `db:"fits_policy"`
	Realistic  bool           `db:"realistic"`
	Why        string         `db:"why"`
	Script     string         `db:"script"`
}

// loadDetails reads the turns, suggestions, facts and options of c.
func loadDetails(ctx context.Context, q querier, c *assistant.Call) error {
	var turns []turnRow
	if err := q.SelectContext(ctx, &turns, `
		SELECT id, idx, speaker, text, start_ms, end_ms, language, source_speaker,
			dominance, affiliation, octant, quadrant, confidence,
			cues, response, readability, tip, suggested
		FROM turns
		WHERE call_id = $1
		ORDER BY idx`, c.ID); err != nil {
		return fmt.Errorf("read turns: %w", err)
	}
	var suggestions []suggestionRow
	if err := q.SelectContext(ctx, &suggestions, `
		SELECT t.idx AS turn_idx, s.kind, s.start, s."end", s.text, s.reason, s.rewrite
		FROM suggestions s
		JOIN turns t ON t.id = s.turn_id
		WHERE t.call_id = $1
		ORDER BY t.idx, s.idx`, c.ID); err != nil {
		return fmt.Errorf("read suggestions: %w", err)
	}
	var facts []factRow
	if err := q.SelectContext(ctx, &facts, `
		SELECT kind, amount, currency, day, cue, turn_idx, text, start, "end", ambiguous, note
		FROM arrangement_facts
		WHERE call_id = $1
		ORDER BY idx`, c.ID); err != nil {
		return fmt.Errorf("read arrangement facts: %w", err)
	}
	var options []optionRow
	if err := q.SelectContext(ctx, &options, `
		SELECT kind, monthly_amount, total_amount, currency, months, deferral_months, waived_amount,
			schedule, fits_policy, realistic, why, script
		FROM arrangement_options
		WHERE call_id = $1
		ORDER BY rank`, c.ID); err != nil {
		return fmt.Errorf("read arrangement options: %w", err)
	}

	c.Turns = make([]assistant.TurnAnalysis, len(turns))
	byIdx := make(map[int]*assistant.TurnAnalysis, len(turns))
	for i, r := range turns {
		t := &c.Turns[i]
		if err := r.fill(t, c.ID); err != nil {
			return err
		}
		byIdx[r.Idx] = t
	}
	for _, r := range suggestions {
		f := assistant.Finding{
			Kind:   assistant.FindingKind(r.Kind),
			Text:   r.Text,
			Start:  r.Start,
			End:    r.End,
			Reason: r.Reason,
		}
		if r.Rewrite != nil {
			f.Rewrite = new(assistant.Rewrite)
			if err := unmarshal(r.Rewrite, f.Rewrite, "suggestion rewrite", c.ID); err != nil {
				return err
			}
		}
		// Suggestions are written only for phrased turns, so the turn has
		// its Phrasing.
		if t := byIdx[r.TurnIdx]; t != nil && t.Phrasing != nil {
			t.Phrasing.Findings = append(t.Phrasing.Findings, f)
		}
	}

	c.Arrangement.Facts = make([]assistant.Fact, len(facts))
	for i, r := range facts {
		f := assistant.Fact{
			Kind:      assistant.FactKind(r.Kind),
			Day:       int(r.Day.Int64),
			Cue:       assistant.Driver(r.Cue.String),
			TurnIndex: r.TurnIdx,
			Text:      r.Text,
			Start:     r.Start,
			End:       r.End,
			Ambiguous: r.Ambiguous,
			Note:      r.Note,
		}
		if r.Amount.Valid {
			f.Amount = &assistant.Money{Amount: r.Amount.Int64, Currency: r.Currency.String}
		}
		c.Arrangement.Facts[i] = f
	}

	c.Arrangement.Options = make([]assistant.ArrangementOption, len(options))
	for i, r := range options {
		o := assistant.ArrangementOption{
			Kind:           assistant.OptionKind(r.Kind),
			Monthly:        assistant.Money{Amount: r.Monthly, Currency: r.Currency.String},
			Months:         r.Months,
			DeferralMonths: r.Deferral,
			Total:          assistant.Money{Amount: r.Total, Currency: r.Currency.String},
			FitsPolicy:     r.FitsPolicy,
			Realistic:      r.Realistic,
			Why:            r.Why,
			Script:         r.Script,
		}
		if r.Waived.Valid {
			o.Waived = &assistant.Money{Amount: r.Waived.Int64, Currency: r.Currency.String}
		}
		if err := unmarshal(r.Schedule, &o.Schedule, "option schedule", c.ID); err != nil {
			return err
		}
		o.Schedule = nonNil(o.Schedule)
		c.Arrangement.Options[i] = o
	}
	return nil
}

// fill sets t from r; callID is for error messages.
func (r *turnRow) fill(t *assistant.TurnAnalysis, callID int64) error {
	t.ID = r.ID
	t.Turn = assistant.Turn{
		Index:         r.Idx,
		Speaker:       assistant.Speaker(r.Speaker),
		Text:          r.Text,
		StartMS:       r.StartMS,
		EndMS:         r.EndMS,
		Language:      assistant.Language(r.Language.String),
		SourceSpeaker: r.SourceSpeaker,
	}
	t.Stance = assistant.Stance{
		Dominance:   r.Dominance,
		Affiliation: r.Affiliation,
		Octant:      assistant.Octant(r.Octant),
		Quadrant:    assistant.Quadrant(r.Quadrant),
		Confidence:  r.Confidence,
	}
	if err := unmarshal(r.Cues, &t.Stance.Cues, "turn cues", callID); err != nil {
		return err
	}
	t.Stance.Cues = nonNil(t.Stance.Cues)
	if r.Response != nil {
		t.Response = new(assistant.Response)
		if err := unmarshal(r.Response, t.Response, "turn response", callID); err != nil {
			return err
		}
	}
	// A turn the phrasing engine looked at always has readability; its
	// findings are added from the suggestions rows.
	if r.Readability != nil {
		t.Phrasing = &assistant.Phrasing{Findings: []assistant.Finding{}, Suggested: r.Suggested.String}
		if err := unmarshal(r.Readability, &t.Phrasing.Readability, "turn readability", callID); err != nil {
			return err
		}
		if err := unmarshal(r.Tip, &t.Phrasing.Tip, "turn tip", callID); err != nil {
			return err
		}
	}
	return nil
}

// cursor is the position after which the next page starts.
type cursor struct {
	occurredAt time.Time
	id         int64
}

// encodeCursor makes the opaque NextCursor: microseconds (Postgres's
// precision, so the comparison is exact) and id, base64url-encoded.
func encodeCursor(c cursor) string {
	s := strconv.FormatInt(c.occurredAt.UnixMicro(), 10) + "." + strconv.FormatInt(c.id, 10)
	return base64.RawURLEncoding.EncodeToString([]byte(s))
}

// decodeCursor reads a cursor made by encodeCursor.
func decodeCursor(s string) (*cursor, error) {
	invalid := assistant.Errorf(assistant.EInvalid, "cursor is not valid")
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, invalid
	}
	micros, id, ok := strings.Cut(string(b), ".")
	if !ok {
		return nil, invalid
	}
	us, err := strconv.ParseInt(micros, 10, 64)
	if err != nil {
		return nil, invalid
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return nil, invalid
	}
	at := time.UnixMicro(us).UTC()
	// Only a cursor this store made is accepted; a forged one far outside
	// Postgres's timestamp range would otherwise fail inside the query.
	if at.Year() < 1 || at.Year() > 9999 {
		return nil, invalid
	}
	return &cursor{occurredAt: at, id: n}, nil
}

// marshal encodes v as JSON text for a jsonb parameter. lib/pq sends []byte
// as bytea, so jsonb goes as a string.
func marshal(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encode %T: %w", v, err)
	}
	return string(b), nil
}

// unmarshal decodes the jsonb column named what of call id into v.
func unmarshal(b []byte, v any, what string, id int64) error {
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("decode %s of call %d: %w", what, id, err)
	}
	return nil
}

// nullString maps "" to NULL.
func nullString(s string) sql.NullString {
	return sql.NullString{String: s, Valid: s != ""}
}

// nonNil returns s, or an empty slice for nil, so JSON and arrays get []
// rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// nilIfEmpty returns nil for an empty array, matching fields that omit
// empty lists.
func nilIfEmpty(a pq.StringArray) []string {
	if len(a) == 0 {
		return nil
	}
	return a
}
