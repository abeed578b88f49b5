-- Opening a live session refuses an external id a call of the agent's team
-- has already (409), and so asks "has team T a call with external id X?"
-- every time. calls_agent_id_external_id_key does not answer that: without
-- the agent, Postgres scans the whole of it, or the team's calls newest
-- first, and for an id not stored (the usual case) reads every one. Calls
-- without an external id are never looked up by it, so they stay out.

-- +goose Up
CREATE INDEX calls_team_id_external_id_idx ON calls (team_id, external_id)
    WHERE external_id IS NOT NULL;

-- +goose Down
DROP INDEX calls_team_id_external_id_idx;
