-- One open dispute per label or comment: an agent who disputes the same
-- label (or comment) of a turn again while the first dispute awaits the
-- trainer's answer adds nothing for the trainer to answer, and two such
-- requests at once must not both be stored. The application refuses the
-- second (409); this index is what makes that hold under concurrency.

-- +goose Up

-- Disputes stored before this rule may repeat an open one; the newest of
-- each stays open and the older are closed as its duplicates, so that the
-- index can be built and the trainer still has one to answer.
UPDATE review_disputes d
SET answer = 'Closed as a duplicate of dispute ' || newest.id || '.', resolved_at = now()
FROM (
    SELECT DISTINCT ON (review_id, turn_id, about) id, review_id, turn_id, about
    FROM review_disputes
    WHERE resolved_at IS NULL
    ORDER BY review_id, turn_id, about, id DESC
) newest
WHERE d.resolved_at IS NULL
  AND d.review_id = newest.review_id AND d.turn_id = newest.turn_id AND d.about = newest.about
  AND d.id <> newest.id;

CREATE UNIQUE INDEX review_disputes_open_key ON review_disputes (review_id, turn_id, about)
    WHERE resolved_at IS NULL;

-- +goose Down
DROP INDEX review_disputes_open_key;
