package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// findByCall reads the rows of call callID that query selects (its $1 is
// the call id) into R values, the row struct of a table, and converts each
// with convert, which is given the call id for its error messages; what
// names the rows in errors.
func findByCall[R, T any](ctx context.Context, q querier, callID int64, what string, convert func(R, int64) (T, error), query string) ([]T, error) {
	var rows []R
	if err := q.SelectContext(ctx, &rows, query, callID); err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	out := make([]T, len(rows))
	for i, r := range rows {
		var err error
		if out[i], err = convert(r, callID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// money is the optional amount of a row with its currency: nil when the
// amount is NULL.
func money(amount sql.NullInt64, currency sql.NullString) *assistant.Money {
	if !amount.Valid {
		return nil
	}
	return &assistant.Money{Amount: amount.Int64, Currency: currency.String}
}

// marshal encodes v as JSON text for a jsonb parameter. lib/pq sends []byte
// as bytea, so jsonb goes as a string.
func marshal(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encode %T: %w", v, err)
	}
	return string(b), nil
}

// marshalOptional is marshal for a document that may be absent: nil gives
// NULL rather than the JSON null, so "none" reads the same in every jsonb
// column.
func marshalOptional[T any](v *T) (any, error) {
	if v == nil {
		return nil, nil
	}
	return marshal(v)
}

// unmarshal decodes the jsonb column named what of call id into v.
func unmarshal(b []byte, v any, what string, id int64) error {
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("decode %s of call %d: %w", what, id, err)
	}
	return nil
}

// unmarshalOptional decodes the optional jsonb column named what of call id:
// NULL gives nil.
func unmarshalOptional[T any](b []byte, what string, id int64) (*T, error) {
	if b == nil {
		return nil, nil
	}
	v := new(T)
	if err := unmarshal(b, v, what, id); err != nil {
		return nil, err
	}
	return v, nil
}

// orNull returns nil, which stores NULL, for the zero value and v otherwise:
// the optional columns hold NULL, not an empty string or 0, for "none", so
// that their CHECK constraints judge only real values.
func orNull[T comparable](v T) any {
	var zero T
	if v == zero {
		return nil
	}
	return v
}

// nonNil returns s, or an empty slice for nil, so JSON and arrays get []
// rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// itoa formats a record id for the audit trail.
func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// nullTime returns the time of a nullable column, zero for NULL.
func nullTime(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}
