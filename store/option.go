package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// optionRow is a row of arrangement_options as scanned.
type optionRow struct {
	Kind       string         `db:"kind"`
	Monthly    int64          `db:"monthly_amount"`
	Total      int64          `db:"total_amount"`
	Currency   sql.NullString `db:"currency"`
	Months     int            `db:"months"`
	Deferral   int            `db:"deferral_months"`
	Waived     sql.NullInt64  `db:"waived_amount"`
	Schedule   []byte         `db:"schedule"`
	FitsPolicy bool           `db:"fits_policy"`
	Realistic  bool           `db:"realistic"`
	Why        string         `db:"why"`
	Script     string         `db:"script"`
	Risk       bool           `db:"risk"`
	Step       int64          `db:"step"`
	ReviewDate sql.NullTime   `db:"review_date"`
	Remaining  sql.NullInt64  `db:"remaining_amount"`
	Frozen     bool           `db:"frozen"`
}

// option converts r, a row of call callID.
func (r optionRow) option(callID int64) (assistant.ArrangementOption, error) {
	o := assistant.ArrangementOption{
		Kind:           assistant.OptionKind(r.Kind),
		Monthly:        assistant.Money{Amount: r.Monthly, Currency: r.Currency.String},
		Months:         r.Months,
		DeferralMonths: r.Deferral,
		Total:          assistant.Money{Amount: r.Total, Currency: r.Currency.String},
		FitsPolicy:     r.FitsPolicy,
		Realistic:      r.Realistic,
		Why:            r.Why,
		Script:         r.Script,
		Waived:         money(r.Waived, r.Currency),
		Risk:           r.Risk,
		Step:           r.Step,
		Remaining:      money(r.Remaining, r.Currency),
		Frozen:         r.Frozen,
	}
	if r.ReviewDate.Valid {
		o.ReviewDate = r.ReviewDate.Time.Format(time.DateOnly)
	}
	if err := unmarshal(r.Schedule, &o.Schedule, "option schedule", callID); err != nil {
		return assistant.ArrangementOption{}, err
	}
	o.Schedule = nonNil(o.Schedule)
	return o, nil
}

// checkCurrencies rejects options that mix currencies, since an option is
// stored with one currency column.
func checkCurrencies(options []assistant.ArrangementOption) error {
	for i, o := range options {
		cur := o.Monthly.Currency
		same := o.Total.Currency == cur
		if o.Waived != nil {
			same = same && o.Waived.Currency == cur
		}
		if o.Remaining != nil {
			same = same && o.Remaining.Currency == cur
		}
		for _, p := range o.Schedule {
			same = same && p.Amount.Currency == cur
		}
		if !same {
			return assistant.Errorf(assistant.EInvalid, "arrangement option %d mixes currencies; use one currency for its monthly amount, total, waived costs, remaining amount and schedule", i+1)
		}
	}
	return nil
}

// createOptions inserts the arrangement options of call id, ranked from 1 in
// the engine's order.
func createOptions(ctx context.Context, q querier, callID int64, options []assistant.ArrangementOption) error {
	b := newBulkInsert("arrangement_options",
		"call_id bigint", "rank integer", "kind text", "monthly_amount bigint", "total_amount bigint",
		"currency text", "months integer", "deferral_months integer", "waived_amount bigint",
		"schedule jsonb", "fits_policy boolean", "realistic boolean", "why text", "script text",
		"risk boolean", "step bigint", "review_date date", "remaining_amount bigint", "frozen boolean")
	for i, o := range options {
		schedule, err := marshal(nonNil(o.Schedule))
		if err != nil {
			return err
		}
		var waived, remaining any
		if o.Waived != nil {
			waived = o.Waived.Amount
		}
		if o.Remaining != nil {
			remaining = o.Remaining.Amount
		}
		b.add(callID, i+1, o.Kind, o.Monthly.Amount, o.Total.Amount,
			orNull(o.Monthly.Currency), o.Months, o.DeferralMonths, waived,
			schedule, o.FitsPolicy, o.Realistic, o.Why, o.Script,
			o.Risk, o.Step, orNull(o.ReviewDate), remaining, o.Frozen)
	}
	return b.exec(ctx, q)
}

// findOptions reads the arrangement options of call id by rank.
func findOptions(ctx context.Context, q querier, callID int64) ([]assistant.ArrangementOption, error) {
	return findByCall(ctx, q, callID, "arrangement options", optionRow.option, `
		SELECT kind, monthly_amount, total_amount, currency, months, deferral_months, waived_amount,
			schedule, fits_policy, realistic, why, script, risk, step, review_date, remaining_amount, frozen
		FROM arrangement_options
		WHERE call_id = $1
		ORDER BY rank`)
}
