-- The first schema: teams, agents, and coaching records (calls with their
-- turns, phrasing suggestions and arrangement advice).
--
-- Rows below calls are written once, in the transaction that creates the call,
-- and never updated: a later migration adds reviews and comments as tables of
-- their own that reference calls(id) and turns(id), so nothing here changes
-- when trainers start reviewing.
--
-- Vocabulary from DESIGN.md (speakers, languages, octants, quadrants, fact and
-- option kinds) is enforced with CHECK constraints, so that a bug upstream
-- fails the insert instead of storing a record no report can read. Every
-- constraint is named: the store turns the name into a message a person can
-- act on.

-- +goose Up

-- Teams exist so a team lead can follow a team; the name is filled in by
-- whoever administers teams later, so it may be missing at first.
CREATE TABLE teams (
    id   text PRIMARY KEY CONSTRAINT teams_id_check CHECK (id <> ''),
    name text
);

-- Agents are created the first time one of their calls is stored, so the
-- service needs no separate agent registration before it is useful.
CREATE TABLE agents (
    id         text PRIMARY KEY CONSTRAINT agents_id_check CHECK (id <> ''),
    team_id    text REFERENCES teams (id),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX agents_team_id_idx ON agents (team_id);

CREATE TABLE calls (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The caller's own id of the call; NULL when none was given, so calls
    -- without one never collide under the unique constraint below.
    external_id text CONSTRAINT calls_external_id_check CHECK (external_id <> ''),
    agent_id    text NOT NULL REFERENCES agents (id),
    -- The team at the time of the call, kept on the call because agents
    -- change teams and a team's history must not move with them.
    team_id     text REFERENCES teams (id),
    language    text NOT NULL CONSTRAINT calls_language_check CHECK (language IN ('nl', 'en')),
    format      text NOT NULL DEFAULT '',
    -- How the transcript's speakers became agent and customer, as columns so
    -- that "how many calls relied on an inferred mapping" is a plain query.
    mapping_method     text CONSTRAINT calls_mapping_method_check
                           CHECK (mapping_method IN ('labels', 'declared', 'platform', 'inferred')),
    mapping_confidence double precision NOT NULL DEFAULT 1
                           CONSTRAINT calls_mapping_confidence_check CHECK (mapping_confidence BETWEEN 0 AND 1),
    mapping_agent      text[] NOT NULL DEFAULT '{}',
    mapping_customer   text[] NOT NULL DEFAULT '{}',
    mapping_reason     text NOT NULL DEFAULT '',
    -- When the call took place; the store sets it to the creation time when
    -- the transcript carries none, so listing by it never meets a NULL.
    occurred_at timestamptz NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    -- Call-level results are derived from the turns below and only ever read
    -- whole, so they are documents rather than columns.
    summary      jsonb NOT NULL,
    readability  jsonb NOT NULL,
    jargon_count integer NOT NULL CONSTRAINT calls_jargon_count_check CHECK (jargon_count >= 0),
    closing      jsonb NOT NULL,
    -- Set when the customer should be pointed to debt help.
    referral     jsonb,
    -- The arrangement engine's own flag and the record's flag are kept apart:
    -- the record may be flagged for reasons beyond the arrangement.
    arrangement_flagged boolean NOT NULL DEFAULT false,
    flagged             boolean NOT NULL DEFAULT false,
    -- Re-posting a call must not create a second record.
    CONSTRAINT calls_agent_id_external_id_key UNIQUE (agent_id, external_id)
);

-- The list query: newest first, by agent or overall, paged by (occurred_at, id).
CREATE INDEX calls_agent_id_occurred_at_idx ON calls (agent_id, occurred_at DESC, id DESC);
CREATE INDEX calls_occurred_at_idx ON calls (occurred_at DESC, id DESC);

-- A turn has its own id so that a trainer's review can point at it.
CREATE TABLE turns (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id  bigint NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    idx      integer NOT NULL CONSTRAINT turns_idx_check CHECK (idx >= 0),
    speaker  text NOT NULL CONSTRAINT turns_speaker_check CHECK (speaker IN ('agent', 'customer')),
    text     text NOT NULL,
    start_ms bigint NOT NULL DEFAULT 0,
    -- end_ms is 0 when the source gave only a start time.
    end_ms   bigint NOT NULL DEFAULT 0,
    -- NULL when the call's language applies.
    language text CONSTRAINT turns_language_check CHECK (language IN ('nl', 'en')),
    source_speaker text NOT NULL DEFAULT '',
    -- The stance as columns: the team lead's "share of agent turns in the
    -- target quadrant over weeks" is an aggregate over these.
    dominance   double precision NOT NULL CONSTRAINT turns_dominance_check CHECK (dominance BETWEEN -1 AND 1),
    affiliation double precision NOT NULL CONSTRAINT turns_affiliation_check CHECK (affiliation BETWEEN -1 AND 1),
    octant      text NOT NULL CONSTRAINT turns_octant_check CHECK (octant IN (
                    'leading', 'helping', 'cooperating', 'dependent',
                    'withdrawn', 'defiant', 'aggressive', 'competitive')),
    -- The quadrant follows from the octant; storing both keeps aggregates
    -- simple, and this check keeps them from disagreeing.
    quadrant    text NOT NULL CONSTRAINT turns_quadrant_check CHECK (quadrant = CASE octant
                    WHEN 'leading' THEN 'above-together'
                    WHEN 'helping' THEN 'above-together'
                    WHEN 'cooperating' THEN 'below-together'
                    WHEN 'dependent' THEN 'below-together'
                    WHEN 'withdrawn' THEN 'below-opposed'
                    WHEN 'defiant' THEN 'below-opposed'
                    WHEN 'aggressive' THEN 'above-opposed'
                    WHEN 'competitive' THEN 'above-opposed'
                END),
    confidence  double precision NOT NULL CONSTRAINT turns_confidence_check CHECK (confidence BETWEEN 0 AND 1),
    cues        jsonb NOT NULL DEFAULT '[]',
    -- Set for agent turns that answer a customer turn.
    response    jsonb,
    -- readability and tip are set exactly for the turns the phrasing engine
    -- looked at (the agent's); suggested only when a rewrite changed the turn.
    readability jsonb,
    tip         jsonb,
    suggested   text,
    CONSTRAINT turns_times_check CHECK (start_ms >= 0 AND (end_ms = 0 OR end_ms >= start_ms)),
    CONSTRAINT turns_phrasing_check CHECK ((readability IS NULL) = (tip IS NULL)),
    CONSTRAINT turns_call_id_idx_key UNIQUE (call_id, idx)
);

-- One row per phrasing finding, so that "which jargon do agents use most"
-- is a GROUP BY.
CREATE TABLE suggestions (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    turn_id bigint NOT NULL REFERENCES turns (id) ON DELETE CASCADE,
    -- Keeps the engine's order of findings within the turn.
    idx     integer NOT NULL,
    -- No vocabulary check: the LLM engine may name kinds the built-in one
    -- does not, and a finding is still worth keeping.
    kind    text NOT NULL CONSTRAINT suggestions_kind_check CHECK (kind <> ''),
    -- Rune offsets in the turn's text, end exclusive.
    start   integer NOT NULL,
    "end"   integer NOT NULL,
    text    text NOT NULL,
    reason  text NOT NULL DEFAULT '',
    rewrite jsonb,
    CONSTRAINT suggestions_offsets_check CHECK (start >= 0 AND "end" >= start),
    CONSTRAINT suggestions_turn_id_idx_key UNIQUE (turn_id, idx)
);

-- Facts about the customer's money, each pointing at the turn it came from.
CREATE TABLE arrangement_facts (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id  bigint NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    idx      integer NOT NULL,
    kind     text NOT NULL CONSTRAINT arrangement_facts_kind_check CHECK (kind IN (
                 'outstanding', 'offer', 'income', 'costs', 'payday', 'vulnerability')),
    -- Money is integer minor units plus an ISO 4217 code, never a float.
    amount   bigint,
    currency char(3) CONSTRAINT arrangement_facts_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
    day      integer CONSTRAINT arrangement_facts_day_check CHECK (day BETWEEN 1 AND 31),
    cue      text,
    turn_idx integer NOT NULL,
    text     text NOT NULL,
    start    integer NOT NULL,
    "end"    integer NOT NULL,
    -- An ambiguous amount is reported but never used to compute options.
    ambiguous boolean NOT NULL DEFAULT false,
    note     text NOT NULL DEFAULT '',
    CONSTRAINT arrangement_facts_money_check CHECK (amount IS NOT NULL OR currency IS NULL),
    CONSTRAINT arrangement_facts_offsets_check CHECK (start >= 0 AND "end" >= start),
    CONSTRAINT arrangement_facts_call_id_idx_key UNIQUE (call_id, idx),
    -- A fact must point at a turn of its own call.
    CONSTRAINT arrangement_facts_turn_fkey FOREIGN KEY (call_id, turn_idx)
        REFERENCES turns (call_id, idx) ON DELETE CASCADE
);

-- The options the engine proposed, best first.
CREATE TABLE arrangement_options (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id  bigint NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    -- 1 is the engine's first choice.
    rank     integer NOT NULL CONSTRAINT arrangement_options_rank_check CHECK (rank >= 1),
    kind     text NOT NULL CONSTRAINT arrangement_options_kind_check CHECK (kind IN (
                 'customer-proposal', 'instalment-plan', 'stepped-plan', 'deferral-then-plan', 'referral')),
    -- Amounts in minor units of currency; one currency per option. A referral
    -- carries no money, hence the NULL currency it may have.
    monthly_amount bigint NOT NULL,
    total_amount   bigint NOT NULL,
    currency char(3) CONSTRAINT arrangement_options_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
    months   integer NOT NULL CONSTRAINT arrangement_options_months_check CHECK (months >= 0),
    -- Months before the first payment of a deferral-then-plan.
    deferral_months integer NOT NULL DEFAULT 0
                 CONSTRAINT arrangement_options_deferral_months_check CHECK (deferral_months >= 0),
    -- The costs the option asks the creditor to waive, in the option's
    -- currency; NULL when it asks for none.
    waived_amount bigint,
    -- The due payments, summing to total_amount; read whole, never queried.
    schedule jsonb NOT NULL DEFAULT '[]',
    fits_policy boolean NOT NULL,
    realistic   boolean NOT NULL,
    why      text NOT NULL DEFAULT '',
    script   text NOT NULL DEFAULT '',
    CONSTRAINT arrangement_options_money_check
        CHECK (currency IS NOT NULL OR (monthly_amount = 0 AND total_amount = 0 AND waived_amount IS NULL)),
    CONSTRAINT arrangement_options_call_id_rank_key UNIQUE (call_id, rank)
);

-- +goose Down
DROP TABLE arrangement_options;
DROP TABLE arrangement_facts;
DROP TABLE suggestions;
DROP TABLE turns;
DROP TABLE calls;
DROP TABLE agents;
DROP TABLE teams;
