-- Imports: many recorded calls uploaded at once, worked through the job
-- queue (River, whose own tables rivermigrate makes) by any number of
-- rooscoach instances.
--
-- An import is one row here and one row per file. The file's bytes wait in
-- its row until it is worked, so a crash or restart loses nothing; the
-- worker stores the call and marks its file done in one transaction, so a
-- file worked twice (a job rescued from a killed instance) stores its call
-- once.

-- +goose Up

CREATE TABLE imports (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    -- Who made it: the token's id (no foreign key: tokens come and go) and
    -- the name it carried.
    created_by_token bigint,
    created_by       text NOT NULL DEFAULT '',
    -- The scope of whoever made it: who may read its progress, and whose
    -- calls its files may hold.
    owner_all      boolean NOT NULL DEFAULT false,
    owner_agent_id text,
    owner_team_ids text[] NOT NULL DEFAULT '{}',
    -- The whole principal, for the worker that stores the calls later on
    -- the uploader's behalf (the audit trail names them).
    owner      jsonb NOT NULL DEFAULT '{}',
    -- What the upload said about every file (agent_id, team_id, language,
    -- format); a file's own metadata wins, as for POST /v1/calls.
    options jsonb NOT NULL DEFAULT '{}'
);

CREATE TABLE import_files (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    import_id bigint NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    -- The file's place in the upload, from 0.
    idx       integer NOT NULL,
    name      text NOT NULL,
    -- The file's bytes until it is worked; cleared then, since the call
    -- holds the transcript.
    data      bytea,
    state     text NOT NULL DEFAULT 'pending'
                  CONSTRAINT import_files_state_check CHECK (state IN ('pending', 'done', 'failed')),
    -- Why a failed file failed, in words a trainer can act on.
    reason    text NOT NULL DEFAULT '',
    call_id   bigint REFERENCES calls (id) ON DELETE SET NULL,
    -- false when the call was stored before under the same external id.
    created   boolean,
    finished_at timestamptz,
    CONSTRAINT import_files_import_id_idx_key UNIQUE (import_id, idx)
);

-- +goose Down
DROP TABLE import_files;
DROP TABLE imports;
