-- What the LLM engine adds to a call's record: the after-call summary, the
-- draft review (a draft until a trainer publishes a review built on it) and
-- what the model cost (requests, tokens, latency, model). Each is written
-- once with the call and read whole with it, so a document; NULL when the
-- call was analysed without a language model.

-- +goose Up
ALTER TABLE calls
	ADD COLUMN after_call_summary jsonb,
	ADD COLUMN draft_review jsonb,
	ADD COLUMN llm_usage jsonb;

-- +goose Down
ALTER TABLE calls
	DROP COLUMN llm_usage,
	DROP COLUMN draft_review,
	DROP COLUMN after_call_summary;
