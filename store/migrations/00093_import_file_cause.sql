-- Why a file of an import failed is kept as a code and its parameters
-- (assistant.ImportReason as JSON) instead of an English sentence, so that
-- the API words it in English and a page in the page's language. A reason
-- stored before as a sentence becomes the code "other" with the sentence
-- as its detail.

-- +goose Up
ALTER TABLE import_files ADD COLUMN cause jsonb;
UPDATE import_files SET cause = jsonb_build_object('code', 'other', 'detail', reason) WHERE reason <> '';
ALTER TABLE import_files DROP COLUMN reason;

-- +goose Down
ALTER TABLE import_files ADD COLUMN reason text NOT NULL DEFAULT '';
UPDATE import_files SET reason = coalesce(cause->>'detail', cause->>'code') WHERE cause IS NOT NULL;
ALTER TABLE import_files DROP COLUMN cause;
