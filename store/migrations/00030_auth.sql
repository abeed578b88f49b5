-- Who is who and who may see what: API tokens bound to a role and to an
-- agent or teams, teams and agents as resources an admin manages, and the
-- audit trail of who read or changed which record.

-- +goose Up

-- Teams and agents were made on first sight by the calls that named them;
-- now admins also make, rename and deactivate them. Deactivating keeps every
-- record: it hides a team or agent from lists and stops an agent's tokens.
ALTER TABLE teams
    ADD COLUMN created_at     timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN deactivated_at timestamptz;
ALTER TABLE agents
    ADD COLUMN name           text,
    ADD COLUMN deactivated_at timestamptz;

-- A trainer's or lead's list of calls is a team's calls, newest first.
CREATE INDEX calls_team_id_occurred_at_idx ON calls (team_id, occurred_at DESC, id DESC);

-- A token is `id-secret`; only sha256(secret) is kept, so that a copy of
-- the database holds no working token.
CREATE TABLE tokens (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text NOT NULL CONSTRAINT tokens_name_check CHECK (name <> ''),
    role         text NOT NULL CONSTRAINT tokens_role_check CHECK (role IN ('agent', 'trainer', 'lead', 'admin')),
    -- The agent an agent token speaks for; set exactly for agent tokens.
    agent_id     text REFERENCES agents (id),
    secret_hash  bytea NOT NULL CONSTRAINT tokens_secret_hash_check CHECK (length(secret_hash) = 32),
    created_at   timestamptz NOT NULL DEFAULT now(),
    -- Written at most every few minutes, so that authenticating stays a read.
    last_used_at timestamptz,
    revoked_at   timestamptz,
    CONSTRAINT tokens_agent_check CHECK ((role = 'agent') = (agent_id IS NOT NULL))
);

-- The teams of a trainer (one or more) or a lead (exactly one; the store
-- checks the count, which a row constraint cannot).
CREATE TABLE token_teams (
    token_id bigint NOT NULL REFERENCES tokens (id),
    team_id  text NOT NULL REFERENCES teams (id),
    PRIMARY KEY (token_id, team_id)
);

-- Who did what to which record, when. Rows are only ever added, in the
-- transaction of the change they record. No token, transcript text or
-- person's name goes here: token_id and record ids only.
CREATE TABLE audit (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    -- NULL when the actor had no token: the command line, rooscoach itself,
    -- or a server with authentication off (see via).
    token_id  bigint REFERENCES tokens (id),
    via       text NOT NULL CONSTRAINT audit_via_check CHECK (via IN ('token', 'cli', 'system', 'auth-off')),
    action    text NOT NULL CONSTRAINT audit_action_check CHECK (action ~ '^[a-z]+\.[a-z]+$'),
    target    text NOT NULL CONSTRAINT audit_target_check CHECK (target <> ''),
    target_id text NOT NULL DEFAULT '',
    -- No foreign key: the trail outlives the records it mentions.
    call_id   bigint,
    detail    text NOT NULL DEFAULT '',
    CONSTRAINT audit_token_check CHECK ((via = 'token') = (token_id IS NOT NULL))
);

-- The admin's views, newest (highest id) first: by time, by token, by
-- record, by call.
CREATE INDEX audit_at_idx ON audit (at);
CREATE INDEX audit_token_id_idx ON audit (token_id, id DESC);
CREATE INDEX audit_target_idx ON audit (target, target_id, id DESC);
CREATE INDEX audit_call_id_idx ON audit (call_id, id DESC) WHERE call_id IS NOT NULL;

-- +goose Down
DROP TABLE audit;
DROP TABLE token_teams;
DROP TABLE tokens;
DROP INDEX calls_team_id_occurred_at_idx;
ALTER TABLE agents DROP COLUMN deactivated_at, DROP COLUMN name;
ALTER TABLE teams DROP COLUMN deactivated_at, DROP COLUMN created_at;
