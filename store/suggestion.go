package store

import (
	"context"
	"fmt"

	"github.com/rooscoach/rooscoach/assistant"
)

// suggestionRow is a row of suggestions with the index of its turn.
type suggestionRow struct {
	TurnIdx int    `db:"turn_idx"`
	Kind    string `db:"kind"`
	Start   int    `db:"start"`
	End     int    `db:"end"`
	Text    string `db:"text"`
	Reason  string `db:"reason"`
	Rewrite []byte `db:"rewrite"`
}

// createSuggestions inserts one row per phrasing finding of the turns, whose
// ids turnIDs gives by turn index.
func createSuggestions(ctx context.Context, q querier, turnIDs map[int]int64, turns []assistant.TurnAnalysis) error {
	b := newBulkInsert("suggestions",
		"turn_id bigint", "idx integer", "kind text", "start integer", `"end" integer`,
		"text text", "reason text", "rewrite jsonb")
	for _, t := range turns {
		if t.Phrasing == nil {
			continue
		}
		for i, f := range t.Phrasing.Findings {
			rewrite, err := marshalOptional(f.Rewrite)
			if err != nil {
				return err
			}
			b.add(turnIDs[t.Index], i, f.Kind, f.Start, f.End, f.Text, f.Reason, rewrite)
		}
	}
	return b.exec(ctx, q)
}

// findSuggestions reads the phrasing findings of call id into the Phrasing
// of their turns.
func findSuggestions(ctx context.Context, q querier, callID int64, turns []assistant.TurnAnalysis) error {
	var rows []suggestionRow
	if err := q.SelectContext(ctx, &rows, `
		SELECT t.idx AS turn_idx, s.kind, s.start, s."end", s.text, s.reason, s.rewrite
		FROM suggestions s
		JOIN turns t ON t.id = s.turn_id
		WHERE t.call_id = $1
		ORDER BY t.idx, s.idx`, callID); err != nil {
		return fmt.Errorf("read suggestions: %w", err)
	}
	byIdx := make(map[int]*assistant.TurnAnalysis, len(turns))
	for i := range turns {
		byIdx[turns[i].Index] = &turns[i]
	}
	for _, r := range rows {
		f := assistant.Finding{
			Kind:   assistant.FindingKind(r.Kind),
			Text:   r.Text,
			Start:  r.Start,
			End:    r.End,
			Reason: r.Reason,
		}
		if r.Rewrite != nil {
			f.Rewrite = new(assistant.Rewrite)
			if err := unmarshal(r.Rewrite, f.Rewrite, "suggestion rewrite", callID); err != nil {
				return err
			}
		}
		// Suggestions are written only for phrased turns, so the turn has
		// its Phrasing.
		if t := byIdx[r.TurnIdx]; t != nil && t.Phrasing != nil {
			t.Phrasing.Findings = append(t.Phrasing.Findings, f)
		}
	}
	return nil
}
