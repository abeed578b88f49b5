-- What issue 20 adds to a call's arrangement advice: the agreed arrangement
-- as a fact of its own, budget categories and paydays as weekdays of the
-- month, the new option shapes (shortest plan, temporary plan, token
-- payment, settlement) with their risk, round step, review and freeze, and
-- at call level the policy applied, the assessment of what the customer has
-- left and the comparison of what was agreed with the proposals.
--
-- A referral is no longer one of the options: it was kept twice, on the call
-- and as the last option; the option rows go, the call keeps it.

-- +goose Up
ALTER TABLE arrangement_facts
    DROP CONSTRAINT arrangement_facts_kind_check,
    ADD CONSTRAINT arrangement_facts_kind_check CHECK (kind IN (
        'outstanding', 'offer', 'income', 'costs', 'payday', 'vulnerability', 'agreed')),
    ADD COLUMN category text CONSTRAINT arrangement_facts_category_check CHECK (category IN (
        'housing', 'utilities', 'food_housekeeping', 'transport', 'childcare', 'other_essentials', 'priority_debts')),
    ADD COLUMN weekday text CONSTRAINT arrangement_facts_weekday_check CHECK (weekday IN (
        'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'workday')),
    ADD COLUMN nth integer CONSTRAINT arrangement_facts_nth_check CHECK (nth IN (-1, 1, 2, 3, 4)),
    ADD COLUMN frequency text CONSTRAINT arrangement_facts_frequency_check CHECK (frequency IN ('month', 'week', 'fortnight', 'once')),
    ADD COLUMN date date,
    ADD COLUMN promise boolean NOT NULL DEFAULT false,
    -- A weekday of the month needs to say which one, and the other way round.
    ADD CONSTRAINT arrangement_facts_weekday_nth_check CHECK ((weekday IS NULL) = (nth IS NULL));

DELETE FROM arrangement_options WHERE kind = 'referral';

ALTER TABLE arrangement_options
    DROP CONSTRAINT arrangement_options_kind_check,
    ADD CONSTRAINT arrangement_options_kind_check CHECK (kind IN (
        'customer-proposal', 'instalment-plan', 'shortest-plan', 'stepped-plan', 'temporary-plan',
        'token-payment', 'deferral-then-plan', 'settlement')),
    ADD COLUMN risk boolean NOT NULL DEFAULT false,
    -- The round step of the monthly amount in minor units; 0 when exact.
    ADD COLUMN step bigint NOT NULL DEFAULT 0 CONSTRAINT arrangement_options_step_check CHECK (step >= 0),
    -- A temporary plan or token payment runs until its review date; what is
    -- still owed then is remaining_amount, in the option's currency.
    ADD COLUMN review_date date,
    ADD COLUMN remaining_amount bigint,
    ADD COLUMN frozen boolean NOT NULL DEFAULT false,
    ADD CONSTRAINT arrangement_options_review_check CHECK ((review_date IS NULL) = (remaining_amount IS NULL));

-- Read whole with the call, so documents: the policy applied (its terms as
-- they were that day, since a stored policy may change later), the
-- assessment and the agreement check.
ALTER TABLE calls
    ADD COLUMN arrangement_policy jsonb,
    ADD COLUMN arrangement_assessment jsonb,
    ADD COLUMN arrangement_agreement jsonb;

-- +goose Down
ALTER TABLE calls
    DROP COLUMN arrangement_agreement,
    DROP COLUMN arrangement_assessment,
    DROP COLUMN arrangement_policy;

DELETE FROM arrangement_options WHERE kind NOT IN (
    'customer-proposal', 'instalment-plan', 'stepped-plan', 'deferral-then-plan');
ALTER TABLE arrangement_options
    DROP CONSTRAINT arrangement_options_review_check,
    DROP COLUMN frozen,
    DROP COLUMN remaining_amount,
    DROP COLUMN review_date,
    DROP COLUMN step,
    DROP COLUMN risk,
    DROP CONSTRAINT arrangement_options_kind_check,
    ADD CONSTRAINT arrangement_options_kind_check CHECK (kind IN (
        'customer-proposal', 'instalment-plan', 'stepped-plan', 'deferral-then-plan', 'referral'));

DELETE FROM arrangement_facts WHERE kind = 'agreed';
ALTER TABLE arrangement_facts
    DROP CONSTRAINT arrangement_facts_weekday_nth_check,
    DROP COLUMN promise,
    DROP COLUMN date,
    DROP COLUMN frequency,
    DROP COLUMN nth,
    DROP COLUMN weekday,
    DROP COLUMN category,
    DROP CONSTRAINT arrangement_facts_kind_check,
    ADD CONSTRAINT arrangement_facts_kind_check CHECK (kind IN (
        'outstanding', 'offer', 'income', 'costs', 'payday', 'vulnerability'));
