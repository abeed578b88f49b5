-- Agents made by a token were left without a name, so the directory showed
-- them as "": name them after their first token, as new tokens now do.
-- Agents made by a call keep no name and read as their id.

-- +goose Up
UPDATE agents a SET name = t.name
FROM (SELECT DISTINCT ON (agent_id) agent_id, name
      FROM tokens WHERE agent_id IS NOT NULL
      ORDER BY agent_id, id) t
WHERE a.id = t.agent_id AND a.name IS NULL;

-- +goose Down
-- The names stay: nothing tells a backfilled name from one an admin gave.
SELECT 1;
