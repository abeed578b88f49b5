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
-- Up cannot be reversed, so Down leaves every name as it is, on purpose.
--
-- Reversing means setting back to NULL exactly the names Up wrote, and no
-- row says which those are: Up kept no record, and databases that ran it
-- cannot get one now. A name equal to the agent's first token's is no
-- sign either: the tokens made since this migration name their agents the
-- same way, and an admin may have given (before or after Up) that very
-- name. Clearing such names would erase names people chose.
--
-- Leaving them is harmless: agents.name dates from 00030, and the code
-- from before this migration reads a name wherever it finds one, so with
-- Down applied it shows these agents by name instead of "". Up again
-- touches only names that are NULL, so it repeats nothing.
SELECT 1;
