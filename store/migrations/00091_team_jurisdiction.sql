-- A team's default jurisdiction for the compliance checks (issue 22): the
-- rule pack a call of the team is checked against when the call names none.
-- It comes before the installation's default (ROOSCOACH_JURISDICTION) and
-- before what the call itself tells (its currency, its language). NULL: no
-- default of the team's own. Which packs exist is the application's to
-- check when the default is set; here only the form of a pack's code.

-- +goose Up
ALTER TABLE teams ADD COLUMN jurisdiction text
    CONSTRAINT teams_jurisdiction_check CHECK (jurisdiction ~ '^[a-z][a-z-]{1,15}$');

-- +goose Down
ALTER TABLE teams DROP COLUMN jurisdiction;
