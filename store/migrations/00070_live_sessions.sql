-- Calls that came from a live session: the session's note (mode, when it
-- opened and ended, why it ended, how many utterances came) and what the
-- agent was shown when (tips, alerts, reminders, cards). Written once, in
-- the transaction that creates the call, and read with it. A call without
-- a row here was posted whole.

-- +goose Up
CREATE TABLE live_sessions (
    call_id    bigint PRIMARY KEY REFERENCES calls (id) ON DELETE CASCADE,
    session_id text NOT NULL CONSTRAINT live_sessions_session_id_check CHECK (session_id <> ''),
    mode       text NOT NULL CONSTRAINT live_sessions_mode_check CHECK (mode IN ('full', 'quiet')),
    opened_at  timestamptz NOT NULL,
    ended_at   timestamptz NOT NULL,
    end_reason text NOT NULL CONSTRAINT live_sessions_end_reason_check CHECK (end_reason IN ('ended', 'idle', 'shutdown')),
    utterances integer NOT NULL CONSTRAINT live_sessions_utterances_check CHECK (utterances >= 0),
    partials   integer NOT NULL CONSTRAINT live_sessions_partials_check CHECK (partials >= 0),
    CONSTRAINT live_sessions_times_check CHECK (ended_at >= opened_at)
);

CREATE TABLE live_events (
    call_id  bigint NOT NULL REFERENCES live_sessions (call_id) ON DELETE CASCADE,
    seq      integer NOT NULL CONSTRAINT live_events_seq_check CHECK (seq >= 1),
    type     text NOT NULL CONSTRAINT live_events_type_check CHECK (type IN (
                 'stance', 'tip', 'alert', 'closing-reminder', 'arrangement', 'referral', 'ended')),
    -- turn_idx is -1 for an event of no turn.
    turn_idx integer NOT NULL CONSTRAINT live_events_turn_idx_check CHECK (turn_idx >= -1),
    kind     text NOT NULL DEFAULT '',
    red_flag boolean NOT NULL DEFAULT false,
    text     text NOT NULL,
    shown_at timestamptz NOT NULL,
    PRIMARY KEY (call_id, seq)
);

-- +goose Down
DROP TABLE live_events;
DROP TABLE live_sessions;
