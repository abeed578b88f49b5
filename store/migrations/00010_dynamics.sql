-- The dynamics of a call (issue 14): how each agent turn moved the customer.
--
-- Per call, the totals are columns, so that the coaching workflow's progress
-- (per agent over weeks: the share of customer answers that end together
-- after the agent's turns) is a plain SUM over calls rather than a walk
-- through documents. Calls stored before this migration have no exchanges
-- judged (0 and NULL), which a share over SUM(exchanges) simply skips.
--
-- Per turn, the exchange (an agent turn read with the customer turn that
-- answers it) and the hardship flag are only ever read with their turn, so
-- they are documents.

-- +goose Up
ALTER TABLE calls
    ADD COLUMN exchanges integer NOT NULL DEFAULT 0
        CONSTRAINT calls_exchanges_check CHECK (exchanges >= 0),
    ADD COLUMN exchanges_together integer NOT NULL DEFAULT 0,
    ADD COLUMN exchanges_as_expected integer NOT NULL DEFAULT 0,
    ADD COLUMN pushed_into_opposition integer NOT NULL DEFAULT 0,
    ADD COLUMN hardship_flags integer NOT NULL DEFAULT 0
        CONSTRAINT calls_hardship_flags_check CHECK (hardship_flags >= 0),
    -- Where the call tipped; all three NULL when the customer never
    -- changed sides. tipping_agent_turn is -1 when the customer changed
    -- sides before the agent had spoken.
    ADD COLUMN tipping_agent_turn integer,
    ADD COLUMN tipping_customer_turn integer,
    ADD COLUMN tipping_into text
        CONSTRAINT calls_tipping_into_check CHECK (tipping_into IN ('together', 'opposed')),
    ADD CONSTRAINT calls_exchanges_counts_check CHECK (
        exchanges_together BETWEEN 0 AND exchanges
        AND exchanges_as_expected BETWEEN 0 AND exchanges
        AND pushed_into_opposition BETWEEN 0 AND exchanges),
    ADD CONSTRAINT calls_tipping_check CHECK (
        (tipping_into IS NULL) = (tipping_customer_turn IS NULL)
        AND (tipping_into IS NULL) = (tipping_agent_turn IS NULL));

ALTER TABLE turns
    ADD COLUMN exchange jsonb,
    ADD COLUMN hardship jsonb;

-- +goose Down
ALTER TABLE turns
    DROP COLUMN hardship,
    DROP COLUMN exchange;

ALTER TABLE calls
    DROP CONSTRAINT calls_tipping_check,
    DROP CONSTRAINT calls_exchanges_counts_check,
    DROP COLUMN tipping_into,
    DROP COLUMN tipping_customer_turn,
    DROP COLUMN tipping_agent_turn,
    DROP COLUMN hardship_flags,
    DROP COLUMN pushed_into_opposition,
    DROP COLUMN exchanges_as_expected,
    DROP COLUMN exchanges_together,
    DROP COLUMN exchanges;
