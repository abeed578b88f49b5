-- Compliance in the progress figures (issue 22): breaches per agent and
-- team per week, beside the stance and phrasing figures.
--
-- Each call's compliance figures are counted into call_stats like the
-- others, so that progress stays a read of one index: the number of broken
-- rules, and whether the worst of them is high or critical.
--
-- Both are NULL for a call whose compliance was not checked (stored before
-- compliance checks existed): counting such a call as having no breaches
-- would make a week of old calls look spotless and lower breaches per call
-- wherever old and new calls mix. The progress figures count breaches per
-- checked call and report the calls checked. An erased call's figures that
-- were counted before this migration stay NULL too: its compliance is gone
-- with it.

-- +goose Up
ALTER TABLE call_stats
    ADD COLUMN breaches integer CONSTRAINT call_stats_breaches_check CHECK (breaches >= 0),
    -- The call's worst broken rule is high or critical.
    ADD COLUMN severe_breach boolean,
    ADD CONSTRAINT call_stats_compliance_check CHECK ((breaches IS NULL) = (severe_breach IS NULL));

-- Calls stored before this migration: their figures get the compliance
-- counts their record has, before the indexes are rebuilt with them.
UPDATE call_stats s
SET breaches = c.compliance_breaches,
    severe_breach = COALESCE(c.compliance_worst IN ('high', 'critical'), false)
FROM calls c
WHERE s.call_id = c.id AND c.compliance IS NOT NULL;

-- The two progress indexes carry every figure, the new ones too, so that a
-- progress request stays an index-only scan (see 00040 and BENCHMARKS.md,
-- "Progress views at 100,000 calls").
DROP INDEX call_stats_agent_id_occurred_at_idx;
DROP INDEX call_stats_team_id_occurred_at_idx;
CREATE INDEX call_stats_agent_id_occurred_at_idx ON call_stats (agent_id, occurred_at)
    INCLUDE (team_id, language, agent_turns,
        leading_turns, helping_turns, cooperating_turns, dependent_turns,
        withdrawn_turns, defiant_turns, aggressive_turns, competitive_turns,
        escalations, deescalations, jargon, threats, early_jargon, next_step, summary, warm_close,
        read_sentences, read_words, read_syllables, read_long_words, customer_offer, arrangements, referred,
        breaches, severe_breach);
CREATE INDEX call_stats_team_id_occurred_at_idx ON call_stats (team_id, occurred_at)
    INCLUDE (agent_id, language, agent_turns,
        leading_turns, helping_turns, cooperating_turns, dependent_turns,
        withdrawn_turns, defiant_turns, aggressive_turns, competitive_turns,
        escalations, deescalations, jargon, threats, early_jargon, next_step, summary, warm_close,
        read_sentences, read_words, read_syllables, read_long_words, customer_offer, arrangements, referred,
        breaches, severe_breach);

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION record_call_stats(ids bigint[]) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO call_stats (call_id, agent_id, team_id, occurred_at, language, agent_turns,
        leading_turns, helping_turns, cooperating_turns, dependent_turns,
        withdrawn_turns, defiant_turns, aggressive_turns, competitive_turns,
        escalations, deescalations, jargon, threats, early_jargon,
        next_step, summary, warm_close,
        read_sentences, read_words, read_syllables, read_long_words,
        customer_offer, arrangements, referred,
        breaches, severe_breach)
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
        c.referral IS NOT NULL,
        -- NULL when the call's compliance was not checked.
        CASE WHEN c.compliance IS NOT NULL THEN c.compliance_breaches END,
        CASE WHEN c.compliance IS NOT NULL THEN COALESCE(c.compliance_worst IN ('high', 'critical'), false) END
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

-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION record_call_stats(ids bigint[]) RETURNS void
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

-- Dropping the columns drops the indexes that include them; they come back
-- as 00040 made them.
ALTER TABLE call_stats
    DROP CONSTRAINT call_stats_compliance_check,
    DROP COLUMN severe_breach,
    DROP COLUMN breaches;
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
