package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strconv"

	"github.com/lib/pq"

	"github.com/rooscoach/rooscoach/assistant"
)

// EraseAgent erases agent id with everything that identifies them, in one
// transaction: their calls (with all that derives from them: turns,
// findings, arrangement advice, reviews, disputes, live-session notes), the
// progress figures of their calls (call_stats, of calls erased earlier
// too: the figures carry the agent's id, so they are not anonymous), their
// goals, their tokens, the imports they made or owned, the audit entries
// about them, their calls, goals and tokens or made with their tokens, and
// the agent row itself. The trail keeps one entry, agent.erase by by,
// naming nobody. Unknown agent: ENotFound.
//
// One transaction, unlike [DB.EraseCalls]: an agent half erased (tokens
// gone, calls left, or the other way round) is a state nobody should have
// to reason about, and a failure must leave them whole to try again.
func (db *DB) EraseAgent(ctx context.Context, by assistant.Principal, id string) (assistant.AgentErasure, error) {
	out := assistant.AgentErasure{AgentID: id}
	tx, err := db.db.BeginTxx(ctx, nil)
	if err != nil {
		return out, dbError(err, "erase agent %s", id)
	}
	defer tx.Rollback()
	var found string
	err = tx.GetContext(ctx, &found, `SELECT id FROM agents WHERE id = $1 FOR UPDATE`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return out, assistant.Errorf(assistant.ENotFound, "agent %s not found.", id)
	}
	if err != nil {
		return out, dbError(err, "erase agent %s", id)
	}
	var calls, tokens, goals, reviews, disputes []int64
	for _, sel := range []struct {
		into  *[]int64
		query string
	}{
		{&calls, `SELECT id FROM calls WHERE agent_id = $1 ORDER BY id FOR UPDATE`},
		{&tokens, `SELECT id FROM tokens WHERE agent_id = $1 ORDER BY id FOR UPDATE`},
		{&goals, `SELECT id FROM goals WHERE agent_id = $1 ORDER BY id FOR UPDATE`},
		{&reviews, `SELECT r.id FROM reviews r JOIN calls c ON c.id = r.call_id WHERE c.agent_id = $1 ORDER BY r.id`},
		{&disputes, `SELECT d.id FROM review_disputes d JOIN reviews r ON r.id = d.review_id
			JOIN calls c ON c.id = r.call_id WHERE c.agent_id = $1 ORDER BY d.id`},
	} {
		if err := tx.SelectContext(ctx, sel.into, sel.query, id); err != nil {
			return out, dbError(err, "erase agent %s: find their records", id)
		}
	}
	out.Calls, out.Tokens, out.Goals, out.Reviews, out.Disputes = len(calls), len(tokens), len(goals), len(reviews), len(disputes)
	callArr, tokenArr := pq.Int64Array(calls), pq.Int64Array(tokens)
	texts := func(ids []int64) pq.StringArray {
		s := make(pq.StringArray, len(ids))
		for i, id := range ids {
			s[i] = strconv.FormatInt(id, 10)
		}
		return s
	}
	steps := []struct {
		what  string
		count *int
		query string
		args  []any
	}{
		// Everything in the trail that is about the agent or was done
		// with their tokens goes: an entry kept without its actor or
		// target would still say when the agent did what.
		{"audit", &out.AuditEntries, `DELETE FROM audit WHERE token_id = ANY($2)
			OR call_id = ANY($3)
			OR (target = 'agent' AND target_id = $1)
			OR (target = 'call' AND target_id = ANY($4))
			OR (target = 'token' AND target_id = ANY($5))
			OR (target = 'goal' AND target_id = ANY($6))
			OR (target = 'review' AND target_id = ANY($7))
			OR (target = 'dispute' AND target_id = ANY($8))
			OR strpos(replace(detail, ',', ';') || ';', 'agent_id ' || $1 || ';') > 0`,
			[]any{id, tokenArr, callArr, texts(calls), texts(tokens), texts(goals), texts(reviews), texts(disputes)}},
		// A file of someone else's import may hold one of the calls; the
		// import keeps its counts, as when a call is erased.
		{"import files", nil, `UPDATE import_files SET name = '(erased)', data = NULL WHERE call_id = ANY($1)`, []any{callArr}},
		// An import made for the agent (agent_id given) holds only their
		// calls, and its options and speaker labels may name them.
		{"imports", &out.Imports, `DELETE FROM imports WHERE owner_agent_id = $1 OR created_by_token = ANY($2)
			OR options->>'agent_id' = $1`, []any{id, tokenArr}},
		// The rest of a call follows it: ON DELETE CASCADE.
		{"calls", nil, `DELETE FROM calls WHERE agent_id = $1`, []any{id}},
		{"call_stats", &out.CallStats, `DELETE FROM call_stats WHERE agent_id = $1`, []any{id}},
		{"goals", nil, `DELETE FROM goals WHERE agent_id = $1`, []any{id}},
		{"token teams", nil, `DELETE FROM token_teams WHERE token_id = ANY($1)`, []any{tokenArr}},
		{"reviewer tokens", nil, `UPDATE reviews SET reviewer_token_id = NULL WHERE reviewer_token_id = ANY($1)`, []any{tokenArr}},
		{"tokens", nil, `DELETE FROM tokens WHERE agent_id = $1`, []any{id}},
		{"agent", nil, `DELETE FROM agents WHERE id = $1`, []any{id}},
	}
	for _, st := range steps {
		res, err := tx.ExecContext(ctx, st.query, st.args...)
		if err != nil {
			return out, dbError(err, "erase agent %s: %s", id, st.what)
		}
		if st.count != nil {
			n, _ := res.RowsAffected()
			*st.count = int(n)
		}
	}
	if err := forgetJobErrors(ctx, tx, id); err != nil {
		return out, dbError(err, "erase agent %s: job queue", id)
	}
	if err := writeAudit(ctx, tx, by, assistant.AuditEntry{Action: assistant.ActionAgentErase, Target: assistant.TargetAgent,
		Detail: fmt.Sprintf("erased: %d calls, %d reviews, %d disputes, %d goals, %d tokens, %d call_stats, %d imports, %d audit entries",
			out.Calls, out.Reviews, out.Disputes, out.Goals, out.Tokens, out.CallStats, out.Imports, out.AuditEntries)}); err != nil {
		return out, dbError(err, "erase agent %s", id)
	}
	if err := tx.Commit(); err != nil {
		return out, dbError(err, "erase agent %s", id)
	}
	return out, nil
}

// forgetJobErrors deletes the finished jobs of the queue whose errors name
// agent id: a failed try keeps its error message ("create call for agent
// …") in River's table until River clears finished jobs, a day later.
// Jobs still to run are left to run: an erased file's job finds nothing.
func forgetJobErrors(ctx context.Context, q querier, id string) error {
	var queue bool
	if err := q.GetContext(ctx, &queue, `SELECT to_regclass('river_job') IS NOT NULL`); err != nil {
		return err
	}
	if !queue {
		return nil
	}
	var jobs []struct {
		ID     int64  `db:"id"`
		Errors string `db:"errors"`
	}
	if err := q.SelectContext(ctx, &jobs, `SELECT id, errors::text AS errors FROM river_job
		WHERE state IN ('completed', 'discarded', 'cancelled') AND strpos(errors::text, $1) > 0`, id); err != nil {
		return err
	}
	// The id as a word of its own: erasing agent "a1" must not take the
	// jobs of agent "a10", nor a "7" that is part of a time.
	word := regexp.MustCompile(`(^|[^\pL\pN_.-])` + regexp.QuoteMeta(id) + `($|[^\pL\pN_-])`)
	var ids pq.Int64Array
	for _, j := range jobs {
		if word.MatchString(j.Errors) {
			ids = append(ids, j.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	_, err := q.ExecContext(ctx, `DELETE FROM river_job WHERE id = ANY($1)`, ids)
	return err
}
