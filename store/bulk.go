package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/lib/pq"
)

// bulkInsert is one INSERT of many rows into a table. Each column travels as
// one array parameter that unnest turns back into rows, so the rows of a call
// are stored in one round trip however long the call, and never meet
// Postgres's limit of 65,535 parameters, which a placeholder per value would
// reach at a few thousand turns.
type bulkInsert struct {
	table string
	// columns name each column with the Postgres type its values are sent
	// as, e.g. `"end" integer`; values[c] holds column c of every row.
	columns []string
	values  [][]any
	// err is the first row that did not fit the columns, returned by
	// statement so that a mistake fails the insert rather than the process.
	err error
}

// newBulkInsert starts an insert into table of the given columns, each
// written as its name and type ("idx integer", "cues jsonb").
func newBulkInsert(table string, columns ...string) *bulkInsert {
	return &bulkInsert{table: table, columns: columns, values: make([][]any, len(columns))}
}

// add appends a row: one value per column, in the order of the columns. A
// nil value, or a driver.Valuer that gives nil, stores NULL; values of
// string and integer kinds (typed identifiers, int) are converted as
// database/sql converts any argument.
func (b *bulkInsert) add(row ...any) {
	if len(row) != len(b.columns) {
		if b.err == nil {
			b.err = fmt.Errorf("insert into %s: a row of %d values for %d columns", b.table, len(row), len(b.columns))
		}
		return
	}
	for c, v := range row {
		b.values[c] = append(b.values[c], v)
	}
}

// len returns the number of rows added.
func (b *bulkInsert) len() int {
	if len(b.values) == 0 {
		return 0
	}
	return len(b.values[0])
}

// statement returns the INSERT with its arguments, ending in RETURNING
// returning when that is not empty.
func (b *bulkInsert) statement(returning string) (string, []any, error) {
	if b.err != nil {
		return "", nil, b.err
	}
	names := make([]string, len(b.columns))
	arrays := make([]string, len(b.columns))
	args := make([]any, len(b.columns))
	for c, col := range b.columns {
		name, typ, ok := strings.Cut(col, " ")
		if !ok {
			return "", nil, fmt.Errorf("insert into %s: column %q has no type", b.table, col)
		}
		names[c] = name
		arrays[c] = "$" + strconv.Itoa(c+1) + "::" + typ + "[]"
		args[c] = pq.GenericArray{A: b.values[c]}
	}
	query := "INSERT INTO " + b.table + " (" + strings.Join(names, ", ") + ")\n" +
		"SELECT * FROM unnest(" + strings.Join(arrays, ", ") + ")"
	if returning != "" {
		query += "\nRETURNING " + returning
	}
	return query, args, nil
}

// exec runs the insert with q; with no rows it does nothing.
func (b *bulkInsert) exec(ctx context.Context, q querier) error {
	if b.len() == 0 {
		return b.err
	}
	query, args, err := b.statement("")
	if err != nil {
		return err
	}
	if _, err := q.ExecContext(ctx, query, args...); err != nil {
		return fmt.Errorf("insert %s: %w", b.table, err)
	}
	return nil
}
