-- Retention and erasure (issue 23). A call is erased with everything
-- derived from it, but the anonymous figures that progress counts
-- (call_stats: stance counts, findings, the closing check, readability)
-- stay, so that an agent's and a team's progress read the same after an
-- erasure: the figures lose their call instead of following it.
--
-- teams.retention_days is how long a team's calls are kept; NULL means the
-- default of the instance (ROOSCOACH_RETENTION), and no default keeps them.
-- teams.redact_transcripts stores the team's transcripts with IBANs, phone
-- numbers, e-mail addresses and the like replaced by placeholders.

-- +goose Up
ALTER TABLE call_stats DROP CONSTRAINT call_stats_call_id_fkey;
ALTER TABLE call_stats DROP CONSTRAINT call_stats_pkey;
ALTER TABLE call_stats ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;
ALTER TABLE call_stats ALTER COLUMN call_id DROP NOT NULL;
-- record_call_stats's ON CONFLICT (call_id) needs it; the figures of erased
-- calls (call_id NULL) do not conflict.
ALTER TABLE call_stats ADD CONSTRAINT call_stats_call_id_key UNIQUE (call_id);
-- Without the foreign key, a call deleted another way than by erasure must
-- not leave figures pointing nowhere.
ALTER TABLE call_stats ADD CONSTRAINT call_stats_call_id_fkey
    FOREIGN KEY (call_id) REFERENCES calls (id) ON DELETE SET NULL;

ALTER TABLE teams
    ADD COLUMN retention_days integer CONSTRAINT teams_retention_days_check CHECK (retention_days > 0),
    ADD COLUMN redact_transcripts boolean NOT NULL DEFAULT false;

-- +goose Down
ALTER TABLE teams DROP COLUMN redact_transcripts, DROP COLUMN retention_days;
DELETE FROM call_stats WHERE call_id IS NULL;
ALTER TABLE call_stats DROP CONSTRAINT call_stats_call_id_fkey;
ALTER TABLE call_stats DROP CONSTRAINT call_stats_call_id_key;
ALTER TABLE call_stats DROP COLUMN id;
ALTER TABLE call_stats ALTER COLUMN call_id SET NOT NULL;
ALTER TABLE call_stats ADD PRIMARY KEY (call_id);
ALTER TABLE call_stats ADD CONSTRAINT call_stats_call_id_fkey
    FOREIGN KEY (call_id) REFERENCES calls (id) ON DELETE CASCADE;
