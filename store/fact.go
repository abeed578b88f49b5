package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// factRow is a row of arrangement_facts as scanned.
type factRow struct {
	Kind      string         `db:"kind"`
	Amount    sql.NullInt64  `db:"amount"`
	Currency  sql.NullString `db:"currency"`
	Day       sql.NullInt64  `db:"day"`
	Cue       sql.NullString `db:"cue"`
	Category  sql.NullString `db:"category"`
	Weekday   sql.NullString `db:"weekday"`
	Nth       sql.NullInt64  `db:"nth"`
	Frequency sql.NullString `db:"frequency"`
	Date      sql.NullTime   `db:"date"`
	Promise   bool           `db:"promise"`
	TurnIdx   int            `db:"turn_idx"`
	Text      string         `db:"text"`
	Start     int            `db:"start"`
	End       int            `db:"end"`
	Ambiguous bool           `db:"ambiguous"`
	Note      string         `db:"note"`
}

// fact converts r. It has findByCall's signature, but a fact has no
// document to decode and so no error.
func (r factRow) fact(int64) (assistant.Fact, error) {
	f := assistant.Fact{
		Kind:      assistant.FactKind(r.Kind),
		Day:       int(r.Day.Int64),
		Category:  assistant.BudgetCategory(r.Category.String),
		Weekday:   r.Weekday.String,
		Nth:       int(r.Nth.Int64),
		Frequency: assistant.Frequency(r.Frequency.String),
		Promise:   r.Promise,
		Cue:       assistant.Driver(r.Cue.String),
		TurnIndex: r.TurnIdx,
		Text:      r.Text,
		Start:     r.Start,
		End:       r.End,
		Ambiguous: r.Ambiguous,
		Note:      r.Note,
		Amount:    money(r.Amount, r.Currency),
	}
	if r.Date.Valid {
		f.Date = r.Date.Time.Format(time.DateOnly)
	}
	return f, nil
}

// createFacts inserts the arrangement facts of call id, keeping their order.
func createFacts(ctx context.Context, q querier, callID int64, facts []assistant.Fact) error {
	b := newBulkInsert("arrangement_facts",
		"call_id bigint", "idx integer", "kind text", "amount bigint", "currency text", "day integer",
		"cue text", "turn_idx integer", "text text", "start integer", `"end" integer`,
		"ambiguous boolean", "note text", "category text", "weekday text", "nth integer",
		"frequency text", "date date", "promise boolean")
	for i, f := range facts {
		var amount, currency any
		if f.Amount != nil {
			amount, currency = f.Amount.Amount, orNull(f.Amount.Currency)
		}
		b.add(callID, i, f.Kind, amount, currency, orNull(f.Day),
			orNull(string(f.Cue)), f.TurnIndex, f.Text, f.Start, f.End,
			f.Ambiguous, f.Note, orNull(string(f.Category)), orNull(f.Weekday), orNull(f.Nth),
			orNull(string(f.Frequency)), orNull(f.Date), f.Promise)
	}
	return b.exec(ctx, q)
}

// findFacts reads the arrangement facts of call id in their order.
func findFacts(ctx context.Context, q querier, callID int64) ([]assistant.Fact, error) {
	return findByCall(ctx, q, callID, "arrangement facts", factRow.fact, `
		SELECT kind, amount, currency, day, cue, turn_idx, text, start, "end", ambiguous, note,
			category, weekday, nth, frequency, date, promise
		FROM arrangement_facts
		WHERE call_id = $1
		ORDER BY idx`)
}
