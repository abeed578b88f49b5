-- Which engine produced each part of a call's analysis (stance, phrasing,
-- closing check, facts, advice), and why the built-in engine answered when
-- another was asked for. Read whole with the call, so a document.

-- +goose Up
ALTER TABLE calls ADD COLUMN engines jsonb NOT NULL DEFAULT '[]';

-- +goose Down
ALTER TABLE calls DROP COLUMN engines;
