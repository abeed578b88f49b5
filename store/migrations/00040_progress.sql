-- Progress over weeks and coaching goals.
--
-- A team lead's progress view aggregates thousands of calls per request and
-- must answer in well under 100 ms at 100,000 calls and 2,000,000 turns. The
-- figures of one call never change once it is stored (rows below calls are
-- written once), so each call's figures are counted once, in the transaction
-- that stores the call, into call_stats; a progress request then reads one
-- narrow row per call through an index on (agent or team, time) instead of
-- twenty turns and their findings.
--
-- The counting is one SQL function, record_call_stats, so that the store,
-- the seed generator and the backfill below count alike.

-- +goose Up

CREATE TABLE call_stats (
    call_id     bigint PRIMARY KEY REFERENCES calls (id) ON DELETE CASCADE,
    -- Copies of the call's columns, so that the progress queries never
    -- join calls: the agent, the team at the time of the call, when.
    agent_id    text NOT NULL,
    team_id     text,
    occurred_at timestamptz NOT NULL,
    language    text NOT NULL,
    agent_turns integer NOT NULL,
    -- Agent turns per octant; the quadrants are sums of two octants.
    leading_turns integer NOT NULL,
    helping_turns integer NOT NULL,
    cooperating_turns integer NOT NULL,
    dependent_turns integer NOT NULL,
    withdrawn_turns integer NOT NULL,
    defiant_turns integer NOT NULL,
    aggressive_turns integer NOT NULL,
    competitive_turns integer NOT NULL,
    -- Agent turns that escalated or de-escalated the customer turn they
    -- answered (turns.response).
    escalations   integer NOT NULL,
    deescalations integer NOT NULL,
    -- Phrasing findings in agent turns.
    jargon  integer NOT NULL,
    threats integer NOT NULL,
    -- Jargon in agent turns that start in the first two minutes of the call;
    -- NULL when the transcript carries no times, since "the first two
    -- minutes" cannot be told then.
    early_jargon integer,
    -- The closing check.
    next_step  boolean NOT NULL,
    summary    boolean NOT NULL,
    warm_close boolean NOT NULL,
    -- The counts behind the agent turns' readability, so that a bucket's
    -- score is computed from its counts, not averaged over calls.
    read_sentences  integer NOT NULL,
    read_words      integer NOT NULL,
    read_syllables  integer NOT NULL,
    read_long_words integer NOT NULL,
    -- The customer stated what they can pay: an offer the arrangement
    -- engine could read with certainty.
    customer_offer boolean NOT NULL,
    -- Arrangement options proposed (a referral to debt help is not one).
    arrangements integer NOT NULL,
    referred     boolean NOT NULL
);

-- The two progress queries: one agent's or one team's calls over a period.
-- Each index carries every figure, so a query reads a range of one index
-- (an index-only scan) instead of a heap page per call: a team's half year
-- is some 5,000 calls scattered over the table.
CREATE INDEX call_stats_agent_id_occurred_at_idx ON call_stats (agent_id, occurred_at)
    INCLUDE (team_id, language, agent_turns,
        leading_turns, helping_turns, cooperating_turns, dependent_turns,
        withdrawn_turns, defiant_turns, aggressive_turns, competitive_turns,
        escalations, deescalations, jargon, threats, early_jargon, next_step, summary, warm_close,
        read_sentences, read_words, read_syllables, read_long_words, customer_offer, arrangements, referred);
CREATE INDEX call_stats_team_id_occurred_at_idx ON call_stats (team_id, occurred_at)
    INCLUDE (agent_id, language, agent_turns,
        leading_turns, helping_turns, cooperating_turns, dependent_turns,
        withdrawn_turns, defiant_turns, aggressive_turns, competitive_turns,
        escalations, deescalations, jargon, threats, early_jargon, next_step, summary, warm_close,
        read_sentences, read_words, read_syllables, read_long_words, customer_offer, arrangements, referred);

-- +goose StatementBegin
CREATE FUNCTION record_call_stats(ids bigint[]) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO call_stats (call_id, agent_id, team_id, occurred_at, language, agent_turns,
        leading_turns, helping_turns, cooperating_turns, dependent_turns,
        withdrawn_turns, defiant_turns, aggressive_turns, competitive_turns,
        escalations, deescalations, jargon, threats, early_jargon,
        next_step, summary, warm_close,
        read_sentences, read_words, read_syllables, read_long_words,
        customer_offer, arrangements, referred)
    SELECT c.id, c.agent_id, c.team_id, c.occurred_at, c.language, t.agent_turns,
        t.leading_turns, t.helping_turns, t.cooperating_turns, t.dependent_turns, t.withdrawn_turns, t.defiant_turns, t.aggressive_turns, t.competitive_turns,
        t.escalations, t.deescalations, t.jargon, t.threats,
        CASE WHEN t.timed THEN t.early_jargon END,
        COALESCE((c.closing ->> 'next_step')::boolean, false),
        COALESCE((c.closing ->> 'summary')::boolean, false),
        COALESCE((c.closing ->> 'warm_close')::boolean, false),
        COALESCE((c.readability ->> 'sentences')::integer, 0),
        COALESCE((c.readability ->> 'words')::integer, 0),
        COALESCE((c.readability ->> 'syllables')::integer, 0),
        COALESCE((c.readability ->> 'long_words')::integer, 0),
        EXISTS (SELECT 1 FROM arrangement_facts af
                WHERE af.call_id = c.id AND af.kind = 'offer' AND NOT af.ambiguous),
        (SELECT count(*) FROM arrangement_options ao WHERE ao.call_id = c.id),
        c.referral IS NOT NULL
    FROM calls c
    -- One pass over the call's turns, and for each agent turn an index
    -- lookup of its findings: a join of turns and suggestions lets the
    -- planner scan all suggestions per call while its statistics lag behind
    -- a bulk load.
    CROSS JOIN LATERAL (
        SELECT count(*) FILTER (WHERE tt.speaker = 'agent') AS agent_turns,
            count(*) FILTER (WHERE tt.speaker = 'agent' AND tt.octant = 'leading') AS leading_turns,
            count(*) FILTER (WHERE tt.speaker = 'agent' AND tt.octant = 'helping') AS helping_turns,
            count(*) FILTER (WHERE tt.speaker = 'agent' AND tt.octant = 'cooperating') AS cooperating_turns,
            count(*) FILTER (WHERE tt.speaker = 'agent' AND tt.octant = 'dependent') AS dependent_turns,
            count(*) FILTER (WHERE tt.speaker = 'agent' AND tt.octant = 'withdrawn') AS withdrawn_turns,
            count(*) FILTER (WHERE tt.speaker = 'agent' AND tt.octant = 'defiant') AS defiant_turns,
            count(*) FILTER (WHERE tt.speaker = 'agent' AND tt.octant = 'aggressive') AS aggressive_turns,
            count(*) FILTER (WHERE tt.speaker = 'agent' AND tt.octant = 'competitive') AS competitive_turns,
            count(*) FILTER (WHERE tt.speaker = 'agent' AND tt.response ->> 'effect' = 'escalates') AS escalations,
            count(*) FILTER (WHERE tt.speaker = 'agent' AND tt.response ->> 'effect' = 'de-escalates') AS deescalations,
            COALESCE(bool_or(tt.start_ms > 0 OR tt.end_ms > 0), false) AS timed,
            COALESCE(sum(sf.jargon) FILTER (WHERE tt.speaker = 'agent'), 0) AS jargon,
            COALESCE(sum(sf.threats) FILTER (WHERE tt.speaker = 'agent'), 0) AS threats,
            COALESCE(sum(sf.jargon) FILTER (WHERE tt.speaker = 'agent' AND tt.start_ms < 120000), 0) AS early_jargon
        FROM turns tt
        CROSS JOIN LATERAL (
            SELECT count(*) FILTER (WHERE s.kind = 'jargon') AS jargon,
                count(*) FILTER (WHERE s.kind = 'threat') AS threats
            FROM suggestions s WHERE s.turn_id = tt.id
        ) sf
        WHERE tt.call_id = c.id
    ) t
    WHERE c.id = ANY (ids)
    ON CONFLICT (call_id) DO NOTHING
$$;
-- +goose StatementEnd

-- Calls stored before this migration get their figures now.
SELECT record_call_stats(ARRAY(SELECT id FROM calls));

-- A coaching goal for one agent, set by a trainer or a lead. Each goal is a
-- share that must reach its threshold: the share of agent turns in the
-- target quadrant, or the share of calls that meet the goal's rule.
CREATE TABLE goals (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agent_id  text NOT NULL REFERENCES agents (id),
    kind      text NOT NULL CONSTRAINT goals_kind_check CHECK (kind IN (
                  'target-share', 'no-early-jargon', 'closing', 'no-threats', 'arrangement-offered')),
    threshold double precision NOT NULL CONSTRAINT goals_threshold_check CHECK (threshold BETWEEN 0 AND 1),
    note      text NOT NULL DEFAULT '',
    starts_on date NOT NULL,
    target_on date,
    -- Set when the goal is withdrawn; it is kept, since past progress was
    -- measured against it.
    ended_on  date,
    -- Who set it: the token's id (no foreign key: tokens come and go) and
    -- the name it carried.
    set_by_token bigint,
    set_by       text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT goals_dates_check CHECK (target_on IS NULL OR target_on >= starts_on),
    CONSTRAINT goals_ended_check CHECK (ended_on IS NULL OR ended_on >= starts_on)
);

CREATE INDEX goals_agent_id_idx ON goals (agent_id, starts_on);

-- +goose Down
DROP TABLE goals;
DROP FUNCTION record_call_stats(bigint[]);
DROP TABLE call_stats;
