-- Trainers' reviews of calls and agents' answers to them.
--
-- A review keeps the trainer's octant for a turn beside the engine's, which
-- stays in turns.octant untouched: calibration compares the two.

-- +goose Up

-- Where a call stands in the review workflow, derived from its reviews by
-- the store in the transaction that changes them, so that "calls to
-- review" is a plain filter.
ALTER TABLE calls ADD COLUMN review_status text NOT NULL DEFAULT 'new'
    CONSTRAINT calls_review_status_check
    CHECK (review_status IN ('new', 'in_review', 'reviewed', 'acknowledged', 'disputed'));

CREATE TABLE reviews (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id           bigint NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    -- The trainer, by the token they wrote with; NULL with authentication off.
    reviewer_token_id bigint REFERENCES tokens (id),
    status            text NOT NULL DEFAULT 'draft'
                      CONSTRAINT reviews_status_check CHECK (status IN ('draft', 'published', 'acknowledged', 'disputed')),
    note              text NOT NULL DEFAULT '',
    rating            smallint CONSTRAINT reviews_rating_check CHECK (rating BETWEEN 1 AND 5),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    published_at      timestamptz,
    acknowledged_at   timestamptz,
    CONSTRAINT reviews_published_check CHECK (status = 'draft' OR (rating IS NOT NULL AND published_at IS NOT NULL)),
    -- One review per trainer per call: a second opinion is another trainer's.
    CONSTRAINT reviews_call_id_reviewer_token_id_key UNIQUE (call_id, reviewer_token_id)
);

-- What the trainer says about a turn: a comment, their own octant, or both.
CREATE TABLE review_turns (
    review_id bigint NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    turn_id   bigint NOT NULL REFERENCES turns (id) ON DELETE CASCADE,
    comment   text NOT NULL DEFAULT '',
    octant    text CONSTRAINT review_turns_octant_check CHECK (octant IN (
                  'leading', 'helping', 'cooperating', 'dependent',
                  'withdrawn', 'defiant', 'aggressive', 'competitive')),
    CONSTRAINT review_turns_content_check CHECK (comment <> '' OR octant IS NOT NULL),
    PRIMARY KEY (review_id, turn_id)
);

-- Calibration reads the labels of a team's reviewed turns.
CREATE INDEX review_turns_turn_id_idx ON review_turns (turn_id) WHERE octant IS NOT NULL;

-- What the agent should practise, in the trainer's order. Goals are kept
-- elsewhere; their ids are links without a foreign key, so that reviews do
-- not depend on how goals are stored.
CREATE TABLE review_focus (
    review_id bigint NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    idx       integer NOT NULL,
    text      text NOT NULL CONSTRAINT review_focus_text_check CHECK (text <> ''),
    goal_ids  bigint[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (review_id, idx)
);

-- An agent's objection to a label or comment, and the trainer's answer.
CREATE TABLE review_disputes (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    review_id   bigint NOT NULL,
    turn_id     bigint NOT NULL,
    about       text NOT NULL CONSTRAINT review_disputes_about_check CHECK (about IN ('label', 'comment')),
    comment     text NOT NULL CONSTRAINT review_disputes_comment_check CHECK (comment <> ''),
    created_at  timestamptz NOT NULL DEFAULT now(),
    answer      text,
    resolved_at timestamptz,
    -- The trainer's label after resolving, when they changed it.
    octant      text CONSTRAINT review_disputes_octant_check CHECK (octant IN (
                    'leading', 'helping', 'cooperating', 'dependent',
                    'withdrawn', 'defiant', 'aggressive', 'competitive')),
    CONSTRAINT review_disputes_resolved_check CHECK ((answer IS NULL) = (resolved_at IS NULL)),
    -- A dispute is about something the review says about a turn.
    CONSTRAINT review_disputes_turn_fkey FOREIGN KEY (review_id, turn_id)
        REFERENCES review_turns (review_id, turn_id) ON DELETE CASCADE
);

CREATE INDEX review_disputes_review_id_idx ON review_disputes (review_id);

-- +goose Down
DROP TABLE review_disputes;
DROP TABLE review_focus;
DROP TABLE review_turns;
DROP TABLE reviews;
ALTER TABLE calls DROP COLUMN review_status;
