-- Compliance checks per jurisdiction (issue 22): each call's account
-- reference and the customer's time zone, and the compliance section of its
-- record.
--
-- An account is only the creditor's own reference of a debt: rooscoach
-- keeps no name, address or other personal data of it. The rules that count
-- calls per debt (Regulation F's seven calls in seven days) read the calls
-- of one account_ref, hence the index.
--
-- The rules checked are read whole with the call, so they are a document;
-- what the progress figures add up per agent and week (the worst severity
-- and the number of broken rules) are columns beside it.

-- +goose Up
ALTER TABLE calls
    ADD COLUMN account_ref text CONSTRAINT calls_account_ref_check CHECK (account_ref <> ''),
    ADD COLUMN time_zone text CONSTRAINT calls_time_zone_check CHECK (time_zone <> ''),
    -- NULL for calls stored before compliance was checked.
    ADD COLUMN compliance jsonb,
    -- The jurisdiction checked, '' when only the rules for all applied.
    ADD COLUMN jurisdiction text,
    ADD COLUMN compliance_worst text CONSTRAINT calls_compliance_worst_check
        CHECK (compliance_worst IN ('info', 'low', 'medium', 'high', 'critical')),
    ADD COLUMN compliance_breaches integer NOT NULL DEFAULT 0
        CONSTRAINT calls_compliance_breaches_check CHECK (compliance_breaches >= 0),
    ADD CONSTRAINT calls_compliance_check CHECK ((compliance IS NULL) = (jurisdiction IS NULL));

CREATE INDEX calls_account_ref_occurred_at_idx ON calls (account_ref, occurred_at)
    WHERE account_ref IS NOT NULL;

-- +goose Down
DROP INDEX calls_account_ref_occurred_at_idx;
ALTER TABLE calls
    DROP CONSTRAINT calls_compliance_check,
    DROP COLUMN compliance_breaches,
    DROP COLUMN compliance_worst,
    DROP COLUMN jurisdiction,
    DROP COLUMN compliance,
    DROP COLUMN time_zone,
    DROP COLUMN account_ref;
