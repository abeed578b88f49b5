-- Creditors' arrangement policies (issue 20): the terms a creditor allows,
-- per jurisdiction, one of which may be the default for calls that choose
-- none, and the teams whose calls follow a policy.
--
-- The terms are read and written whole and checked by the arrangement
-- engine's rules before they are stored, so they are a document; what is
-- looked up (id, jurisdiction, default, teams) is in columns.

-- +goose Up
CREATE TABLE policies (
    id           text PRIMARY KEY CONSTRAINT policies_id_check CHECK (id ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    name         text NOT NULL DEFAULT '',
    jurisdiction text NOT NULL CONSTRAINT policies_jurisdiction_check CHECK (jurisdiction IN ('nl', 'uk', 'us')),
    is_default   boolean NOT NULL DEFAULT false,
    terms        jsonb NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- At most one default per jurisdiction.
CREATE UNIQUE INDEX policies_default_key ON policies (jurisdiction) WHERE is_default;

-- A team follows at most one policy; deleting the policy frees the team.
CREATE TABLE team_policies (
    team_id   text PRIMARY KEY REFERENCES teams (id),
    policy_id text NOT NULL REFERENCES policies (id) ON DELETE CASCADE
);

CREATE INDEX team_policies_policy_id_idx ON team_policies (policy_id);

-- +goose Down
DROP TABLE team_policies;
DROP TABLE policies;
