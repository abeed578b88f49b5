package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rooscoach/rooscoach/assistant"
)

func TestBulkInsertStatement(t *testing.T) {
	b := newBulkInsert("suggestions", "turn_id bigint", `"end" integer`, "rewrite jsonb")
	b.add(int64(7), 12, nil)
	b.add(int64(8), 3, `{"text":"brief"}`)
	if b.len() != 2 {
		t.Errorf("len = %d, want 2", b.len())
	}
	query, args, err := b.statement("idx, id")
	if err != nil {
		t.Fatalf("statement: %v", err)
	}
	wantQuery := `INSERT INTO suggestions (turn_id, "end", rewrite)
SELECT * FROM unnest($1::bigint[], $2::integer[], $3::jsonb[])
RETURNING idx, id`
	if query != wantQuery {
		t.Errorf("query:\n%s\nwant:\n%s", query, wantQuery)
	}
	var arrays []string
	for _, a := range args {
		v, err := a.(pq.GenericArray).Value()
		if err != nil {
			t.Fatalf("array value: %v", err)
		}
		arrays = append(arrays, v.(string))
	}
	want := []string{`{7,8}`, `{12,3}`, `{NULL,"{\"text\":\"brief\"}"}`}
	if diff := cmp.Diff(want, arrays); diff != "" {
		t.Errorf("array arguments (-want +got):\n%s", diff)
	}
}

func TestBulkInsertMistakes(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		build   func() *bulkInsert
		wantErr string
	}{
		{"ShortRow", func() *bulkInsert {
			b := newBulkInsert("turns", "call_id bigint", "idx integer")
			b.add(int64(1))
			return b
		}, "insert into turns: a row of 1 values for 2 columns"},
		{"LongRowAfterGoodOne", func() *bulkInsert {
			b := newBulkInsert("turns", "call_id bigint", "idx integer")
			b.add(int64(1), 0)
			b.add(int64(1), 1, "extra")
			return b
		}, "insert into turns: a row of 3 values for 2 columns"},
		{"ColumnWithoutType", func() *bulkInsert {
			b := newBulkInsert("arrangement_facts", "call_id bigint", "note")
			b.add(int64(1), "x")
			return b
		}, `insert into arrangement_facts: column "note" has no type`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A nil querier: a mistake must stop the insert before it
			// reaches the database.
			err := tt.build().exec(ctx, nil)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("exec error = %v, want one saying %q", err, tt.wantErr)
			}
		})
	}
}

func TestBulkInsertNoRows(t *testing.T) {
	b := newBulkInsert("arrangement_options", "call_id bigint", "rank integer")
	// With nothing to insert, exec must not touch the (nil) querier.
	if err := b.exec(context.Background(), nil); err != nil {
		t.Errorf("exec without rows: %v", err)
	}
}

// encodeOnly is a querier that encodes the arguments of a statement as the
// driver would and stops there, so that a benchmark measures the client side
// of an insert without the database round trip.
type encodeOnly struct{ querier }

var errEncoded = errors.New("encoded, not sent")

func (encodeOnly) QueryxContext(_ context.Context, _ string, args ...any) (*sqlx.Rows, error) {
	for _, a := range args {
		if v, ok := a.(driver.Valuer); ok {
			if _, err := v.Value(); err != nil {
				return nil, err
			}
		}
	}
	return nil, errEncoded
}

// BenchmarkCreateTurns measures building and encoding the bulk insert of 200
// turns (18 columns); BenchmarkCreateCall has the whole call with the round
// trips.
func BenchmarkCreateTurns(b *testing.B) {
	turn := assistant.TurnAnalysis{
		Turn:   assistant.Turn{Speaker: assistant.Agent, Text: "Zullen we samen kijken wat voor u haalbaar is?", Language: assistant.Dutch, SourceSpeaker: "Medewerker"},
		Stance: assistant.NewStance(0.3, 0.7, 0.9, []assistant.Cue{{Kind: assistant.CueEmpathy, Text: "samen", Start: 9, End: 14}}),
		Phrasing: &assistant.Phrasing{
			Readability: assistant.Readability{Sentences: 1, Words: 9, Syllables: 13},
			Tip:         assistant.Tip{Kind: "ok", Text: "Goed zo: u vraagt wat haalbaar is."},
		},
	}
	turns := make([]assistant.TurnAnalysis, 200)
	for i := range turns {
		turns[i] = turn
		turns[i].Index, turns[i].StartMS, turns[i].EndMS = i, int64(i*4000), int64(i*4000+3500)
	}
	for b.Loop() {
		if _, err := createTurns(context.Background(), encodeOnly{}, 1, turns); !errors.Is(err, errEncoded) {
			b.Fatalf("createTurns: %v", err)
		}
	}
}
