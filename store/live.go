package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// liveRow is a row of live_sessions as scanned.
type liveRow struct {
	SessionID  string    `db:"session_id"`
	Mode       string    `db:"mode"`
	OpenedAt   time.Time `db:"opened_at"`
	EndedAt    time.Time `db:"ended_at"`
	EndReason  string    `db:"end_reason"`
	Utterances int       `db:"utterances"`
	Partials   int       `db:"partials"`
}

// liveEventRow is a row of live_events as scanned.
type liveEventRow struct {
	Seq     int       `db:"seq"`
	Type    string    `db:"type"`
	TurnIdx int       `db:"turn_idx"`
	Kind    string    `db:"kind"`
	RedFlag bool      `db:"red_flag"`
	Text    string    `db:"text"`
	ShownAt time.Time `db:"shown_at"`
}

func (r liveEventRow) event(int64) (assistant.LiveEvent, error) {
	return assistant.LiveEvent{Seq: r.Seq, Type: assistant.EventType(r.Type), Turn: r.TurnIdx, Kind: r.Kind,
		RedFlag: r.RedFlag, Text: r.Text, At: r.ShownAt.UTC()}, nil
}

// createLive writes the live-session note of call id and the events it
// showed.
func createLive(ctx context.Context, q querier, callID int64, l *assistant.LiveSession) error {
	if _, err := q.ExecContext(ctx, `
		INSERT INTO live_sessions (call_id, session_id, mode, opened_at, ended_at, end_reason, utterances, partials)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		callID, l.SessionID, l.Mode, l.OpenedAt, l.EndedAt, l.EndReason, l.Utterances, l.Partials); err != nil {
		return fmt.Errorf("insert live session: %w", err)
	}
	b := newBulkInsert("live_events",
		"call_id bigint", "seq integer", "type text", "turn_idx integer", "kind text", "red_flag boolean",
		"text text", "shown_at timestamptz")
	for _, e := range l.Events {
		b.add(callID, e.Seq, e.Type, e.Turn, e.Kind, e.RedFlag, e.Text, e.At)
	}
	return b.exec(ctx, q)
}

// findLive reads the live-session note of call id; nil when the call was
// posted whole.
func findLive(ctx context.Context, q querier, callID int64) (*assistant.LiveSession, error) {
	var r liveRow
	err := q.GetContext(ctx, &r, `
		SELECT session_id, mode, opened_at, ended_at, end_reason, utterances, partials
		FROM live_sessions
		WHERE call_id = $1`, callID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read live session: %w", err)
	}
	events, err := findByCall(ctx, q, callID, "live events", liveEventRow.event, `
		SELECT seq, type, turn_idx, kind, red_flag, text, shown_at
		FROM live_events
		WHERE call_id = $1
		ORDER BY seq`)
	if err != nil {
		return nil, err
	}
	return &assistant.LiveSession{SessionID: r.SessionID, Mode: assistant.LiveMode(r.Mode), OpenedAt: r.OpenedAt.UTC(),
		EndedAt: r.EndedAt.UTC(), EndReason: r.EndReason, Utterances: r.Utterances, Partials: r.Partials, Events: events}, nil
}
