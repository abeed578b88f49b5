package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/lib/pq"
	"github.com/rooscoach/rooscoach/assistant"
)

// recordCallStats counts the progress figures of call id into call_stats,
// with the one SQL function that also backfilled the calls stored before
// it existed and that the seed generator uses.
func recordCallStats(ctx context.Context, q querier, ids ...int64) error {
	if _, err := q.ExecContext(ctx, `SELECT record_call_stats($1)`, pq.Int64Array(ids)); err != nil {
		return fmt.Errorf("count progress figures: %w", err)
	}
	return nil
}

// progressRow is one row of the progress query: the sums of one day,
// agent and language.
type progressRow struct {
	Day              time.Time `db:"day"`
	AgentID          string    `db:"agent_id"`
	Language         string    `db:"language"`
	Calls            int       `db:"calls"`
	AgentTurns       int       `db:"agent_turns"`
	Leading          int       `db:"leading_turns"`
	Helping          int       `db:"helping_turns"`
	Cooperating      int       `db:"cooperating_turns"`
	Dependent        int       `db:"dependent_turns"`
	Withdrawn        int       `db:"withdrawn_turns"`
	Defiant          int       `db:"defiant_turns"`
	Aggressive       int       `db:"aggressive_turns"`
	Competitive      int       `db:"competitive_turns"`
	Escalations      int       `db:"escalations"`
	Deescalations    int       `db:"deescalations"`
	Jargon           int       `db:"jargon"`
	Threats          int       `db:"threats"`
	TimedCalls       int       `db:"timed_calls"`
	EarlyJargonFree  int       `db:"early_jargon_free"`
	ThreatFree       int       `db:"threat_free"`
	NextStep         int       `db:"next_step"`
	Summary          int       `db:"summary"`
	WarmClose        int       `db:"warm_close"`
	CompleteClosings int       `db:"complete_closings"`
	OfferCalls       int       `db:"offer_calls"`
	Offered          int       `db:"offered"`
	ArrangementCalls int       `db:"arrangement_calls"`
	Referred         int       `db:"referred"`
	Sentences        int       `db:"sentences"`
	Words            int       `db:"words"`
	Syllables        int       `db:"syllables"`
	LongWords        int       `db:"long_words"`
	CheckedCalls     int       `db:"checked_calls"`
	Breaches         int       `db:"breaches"`
	BreachCalls      int       `db:"breach_calls"`
	SevereCalls      int       `db:"severe_calls"`
}

func (r progressRow) row() assistant.ProgressRow {
	lang := assistant.Language(r.Language)
	return assistant.ProgressRow{
		Day:      r.Day.UTC(),
		AgentID:  r.AgentID,
		Language: lang,
		ProgressCounts: assistant.ProgressCounts{
			Calls:      r.Calls,
			AgentTurns: r.AgentTurns,
			Octants: map[assistant.Octant]int{
				assistant.Leading: r.Leading, assistant.Helping: r.Helping,
				assistant.Cooperating: r.Cooperating, assistant.Dependent: r.Dependent,
				assistant.Withdrawn: r.Withdrawn, assistant.Defiant: r.Defiant,
				assistant.Aggressive: r.Aggressive, assistant.Competitive: r.Competitive,
			},
			Escalations:      r.Escalations,
			Deescalations:    r.Deescalations,
			Jargon:           r.Jargon,
			Threats:          r.Threats,
			TimedCalls:       r.TimedCalls,
			EarlyJargonFree:  r.EarlyJargonFree,
			ThreatFree:       r.ThreatFree,
			NextStep:         r.NextStep,
			Summary:          r.Summary,
			WarmClose:        r.WarmClose,
			CompleteClosings: r.CompleteClosings,
			OfferCalls:       r.OfferCalls,
			Offered:          r.Offered,
			ArrangementCalls: r.ArrangementCalls,
			Referred:         r.Referred,
			CheckedCalls:     r.CheckedCalls,
			Breaches:         r.Breaches,
			BreachCalls:      r.BreachCalls,
			SevereCalls:      r.SevereCalls,
			Readability: map[assistant.Language]assistant.Readability{
				lang: {Sentences: r.Sentences, Words: r.Words, Syllables: r.Syllables, LongWords: r.LongWords},
			},
		},
	}
}

// progressRows sums call_stats per day, agent and language for the calls
// of one agent or one team in f's period, within scope s; the caller sums
// the days into f's buckets, and measures goals on the days they ran. The
// (agent_id, occurred_at) and (team_id, occurred_at) indexes serve it.
func progressRows(ctx context.Context, q querier, s assistant.Scope, agentID, teamID string, f assistant.ProgressFilter) ([]assistant.ProgressRow, error) {
	args := params{f.From, f.To}
	cond := "occurred_at >= $1 AND occurred_at < $2 AND " + scopeCondition(s, "agent_id", "team_id", &args)
	if agentID != "" {
		cond += " AND agent_id = " + args.add(agentID)
	}
	if teamID != "" {
		cond += " AND team_id = " + args.add(teamID)
	}
	var rows []progressRow
	err := q.SelectContext(ctx, &rows, `
		SELECT date_trunc('day', occurred_at, 'UTC') AS day, agent_id, language,
			count(*) AS calls,
			sum(agent_turns) AS agent_turns,
			sum(leading_turns) AS leading_turns, sum(helping_turns) AS helping_turns,
			sum(cooperating_turns) AS cooperating_turns, sum(dependent_turns) AS dependent_turns,
			sum(withdrawn_turns) AS withdrawn_turns, sum(defiant_turns) AS defiant_turns,
			sum(aggressive_turns) AS aggressive_turns, sum(competitive_turns) AS competitive_turns,
			sum(escalations) AS escalations, sum(deescalations) AS deescalations,
			sum(jargon) AS jargon, sum(threats) AS threats,
			count(early_jargon) AS timed_calls,
			count(*) FILTER (WHERE early_jargon = 0) AS early_jargon_free,
			count(*) FILTER (WHERE threats = 0) AS threat_free,
			count(*) FILTER (WHERE next_step) AS next_step,
			count(*) FILTER (WHERE summary) AS summary,
			count(*) FILTER (WHERE warm_close) AS warm_close,
			count(*) FILTER (WHERE next_step AND summary) AS complete_closings,
			count(*) FILTER (WHERE customer_offer) AS offer_calls,
			count(*) FILTER (WHERE customer_offer AND arrangements > 0) AS offered,
			count(*) FILTER (WHERE arrangements > 0) AS arrangement_calls,
			count(*) FILTER (WHERE referred) AS referred,
			sum(read_sentences) AS sentences, sum(read_words) AS words,
			sum(read_syllables) AS syllables, sum(read_long_words) AS long_words,
			-- Calls not checked for compliance have NULL breaches: they are
			-- left out of these four, not counted as calls without breach.
			count(breaches) AS checked_calls,
			COALESCE(sum(breaches), 0) AS breaches,
			count(*) FILTER (WHERE breaches > 0) AS breach_calls,
			count(*) FILTER (WHERE severe_breach) AS severe_calls
		FROM call_stats
		WHERE `+cond+`
		GROUP BY 1, 2, 3
		ORDER BY 1, 2, 3`, args...)
	if err != nil {
		return nil, err
	}
	out := make([]assistant.ProgressRow, len(rows))
	for i, r := range rows {
		out[i] = r.row()
	}
	return out, nil
}

// AgentProgress returns the progress rows of agent agentID over f's period
// and the agent's goals active in it, as far as scope s reaches: an agent
// reads their own, a lead or trainer the calls made in their teams. It
// returns ENotFound when the agent does not exist or is not within s.
func (db *DB) AgentProgress(ctx context.Context, s assistant.Scope, agentID string, f assistant.ProgressFilter) ([]assistant.ProgressRow, []assistant.Goal, error) {
	tx, err := db.db.BeginTxx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return nil, nil, dbError(err, "progress of agent %s", agentID)
	}
	defer tx.Rollback()
	if err := checkAgentVisible(ctx, tx, s, agentID); err != nil {
		return nil, nil, err
	}
	rows, err := progressRows(ctx, tx, s, agentID, "", f)
	if err != nil {
		return nil, nil, dbError(err, "progress of agent %s", agentID)
	}
	goals, err := findGoals(ctx, tx, goalSelector{agentID: agentID, from: f.From, to: f.To})
	if err != nil {
		return nil, nil, dbError(err, "progress of agent %s", agentID)
	}
	return rows, goals, tx.Commit()
}

// TeamProgress returns the progress rows of the calls made in team teamID
// over f's period, per agent, and the goals active in it of the agents who
// made them. The team must be within scope s: an agent's scope reaches no
// team. It returns ENotFound when the team does not exist or is not within
// s.
func (db *DB) TeamProgress(ctx context.Context, s assistant.Scope, teamID string, f assistant.ProgressFilter) ([]assistant.ProgressRow, []assistant.Goal, error) {
	if !s.All && !slices.Contains(s.TeamIDs, teamID) {
		return nil, nil, assistant.Errorf(assistant.ENotFound, "team %s not found.", teamID)
	}
	tx, err := db.db.BeginTxx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return nil, nil, dbError(err, "progress of team %s", teamID)
	}
	defer tx.Rollback()
	var exists bool
	if err := tx.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM teams WHERE id = $1)`, teamID); err != nil {
		return nil, nil, dbError(err, "progress of team %s", teamID)
	}
	if !exists {
		return nil, nil, assistant.Errorf(assistant.ENotFound, "team %s not found.", teamID)
	}
	rows, err := progressRows(ctx, tx, s, "", teamID, f)
	if err != nil {
		return nil, nil, dbError(err, "progress of team %s", teamID)
	}
	var agents []string
	seen := map[string]bool{}
	for _, r := range rows {
		if !seen[r.AgentID] {
			seen[r.AgentID] = true
			agents = append(agents, r.AgentID)
		}
	}
	var goals []assistant.Goal
	if len(agents) > 0 {
		if goals, err = findGoals(ctx, tx, goalSelector{agentIDs: agents, from: f.From, to: f.To}); err != nil {
			return nil, nil, dbError(err, "progress of team %s", teamID)
		}
	}
	return rows, goals, tx.Commit()
}

// checkAgentVisible returns ENotFound unless agent id exists and scope s
// reaches it: all, the agent itself, or a team of s that is the agent's
// team now or was when one of their calls was made.
func checkAgentVisible(ctx context.Context, q querier, s assistant.Scope, id string) error {
	var args params
	idArg := args.add(id)
	cond := scopeCondition(s, "a.id", "a.team_id", &args)
	if len(s.TeamIDs) > 0 && !s.All && s.AgentID == "" {
		cond = "(" + cond + " OR EXISTS (SELECT 1 FROM calls c WHERE c.agent_id = a.id AND " +
			scopeCondition(s, "c.agent_id", "c.team_id", &args) + "))"
	}
	var visible bool
	if err := q.GetContext(ctx, &visible, `SELECT EXISTS (SELECT 1 FROM agents a WHERE a.id = `+idArg+` AND `+cond+`)`, args...); err != nil {
		return dbError(err, "find agent %s", id)
	}
	if !visible {
		return assistant.Errorf(assistant.ENotFound, "agent %s not found.", id)
	}
	return nil
}
