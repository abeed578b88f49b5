package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/rooscoach/rooscoach/assistant"
)

// turnRow is a row of turns as scanned.
type turnRow struct {
	ID            int64          `db:"id"`
	Idx           int            `db:"idx"`
	Speaker       string         `db:"speaker"`
	Text          string         `db:"text"`
	StartMS       int64          `db:"start_ms"`
	EndMS         int64          `db:"end_ms"`
	Language      sql.NullString `db:"language"`
	SourceSpeaker string         `db:"source_speaker"`
	Dominance     float64        `db:"dominance"`
	Affiliation   float64        `db:"affiliation"`
	Octant        string         `db:"octant"`
	Quadrant      string         `db:"quadrant"`
	Confidence    float64        `db:"confidence"`
	Cues          []byte         `db:"cues"`
	Response      []byte         `db:"response"`
	Readability   []byte         `db:"readability"`
	Tip           []byte         `db:"tip"`
	Suggested     sql.NullString `db:"suggested"`
	Exchange      []byte         `db:"exchange"`
	Hardship      []byte         `db:"hardship"`
}

// turn converts r, a row of call callID.
func (r turnRow) turn(callID int64) (assistant.TurnAnalysis, error) {
	t := assistant.TurnAnalysis{
		ID: r.ID,
		Turn: assistant.Turn{
			Index:         r.Idx,
			Speaker:       assistant.Speaker(r.Speaker),
			Text:          r.Text,
			StartMS:       r.StartMS,
			EndMS:         r.EndMS,
			Language:      assistant.Language(r.Language.String),
			SourceSpeaker: r.SourceSpeaker,
		},
		Stance: assistant.Stance{
			Dominance:   r.Dominance,
			Affiliation: r.Affiliation,
			Octant:      assistant.Octant(r.Octant),
			Quadrant:    assistant.Quadrant(r.Quadrant),
			Confidence:  r.Confidence,
		},
	}
	if err := unmarshal(r.Cues, &t.Stance.Cues, "turn cues", callID); err != nil {
		return assistant.TurnAnalysis{}, err
	}
	t.Stance.Cues = nonNil(t.Stance.Cues)
	if r.Response != nil {
		t.Response = new(assistant.Response)
		if err := unmarshal(r.Response, t.Response, "turn response", callID); err != nil {
			return assistant.TurnAnalysis{}, err
		}
	}
	if r.Exchange != nil {
		t.Exchange = new(assistant.Exchange)
		if err := unmarshal(r.Exchange, t.Exchange, "turn exchange", callID); err != nil {
			return assistant.TurnAnalysis{}, err
		}
	}
	if r.Hardship != nil {
		t.Hardship = new(assistant.HardshipFlag)
		if err := unmarshal(r.Hardship, t.Hardship, "turn hardship flag", callID); err != nil {
			return assistant.TurnAnalysis{}, err
		}
	}
	// A turn the phrasing engine looked at always has readability; its
	// findings are added from the suggestions rows.
	if r.Readability != nil {
		t.Phrasing = &assistant.Phrasing{Findings: []assistant.Finding{}, Suggested: r.Suggested.String}
		if err := unmarshal(r.Readability, &t.Phrasing.Readability, "turn readability", callID); err != nil {
			return assistant.TurnAnalysis{}, err
		}
		if err := unmarshal(r.Tip, &t.Phrasing.Tip, "turn tip", callID); err != nil {
			return assistant.TurnAnalysis{}, err
		}
	}
	return t, nil
}

// createTurns inserts the turns of call id, each with its stance and
// phrasing, and returns the new turn ids by turn index.
func createTurns(ctx context.Context, q querier, callID int64, turns []assistant.TurnAnalysis) (map[int]int64, error) {
	if len(turns) == 0 {
		return map[int]int64{}, nil
	}
	b := newBulkInsert("turns",
		"call_id bigint", "idx integer", "speaker text", "text text", "start_ms bigint", "end_ms bigint",
		"language text", "source_speaker text",
		"dominance float8", "affiliation float8", "octant text", "quadrant text", "confidence float8",
		"cues jsonb", "response jsonb", "readability jsonb", "tip jsonb", "suggested text",
		"exchange jsonb", "hardship jsonb")
	for _, t := range turns {
		cues, err := marshal(nonNil(t.Stance.Cues))
		if err != nil {
			return nil, err
		}
		response, err := marshalOptional(t.Response)
		if err != nil {
			return nil, err
		}
		exchange, err := marshalOptional(t.Exchange)
		if err != nil {
			return nil, err
		}
		hardship, err := marshalOptional(t.Hardship)
		if err != nil {
			return nil, err
		}
		// Only a turn the phrasing engine looked at has readability, a tip
		// and perhaps a suggested wording.
		var readability, tip, suggested any
		if p := t.Phrasing; p != nil {
			if readability, err = marshal(p.Readability); err != nil {
				return nil, err
			}
			if tip, err = marshal(p.Tip); err != nil {
				return nil, err
			}
			suggested = orNull(p.Suggested)
		}
		s := t.Stance
		b.add(callID, t.Index, t.Speaker, t.Text, t.StartMS, t.EndMS,
			orNull(t.Language), t.SourceSpeaker,
			s.Dominance, s.Affiliation, s.Octant, s.Quadrant, s.Confidence,
			cues, response, readability, tip, suggested,
			exchange, hardship)
	}
	query, args, err := b.statement("idx, id")
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryxContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("insert turns: %w", err)
	}
	defer rows.Close()
	ids := make(map[int]int64, len(turns))
	for rows.Next() {
		var i int
		var id int64
		if err := rows.Scan(&i, &id); err != nil {
			return nil, fmt.Errorf("insert turns: %w", err)
		}
		ids[i] = id
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("insert turns: %w", err)
	}
	return ids, nil
}

// findTurns reads the turns of call id in order, without their phrasing
// findings, which live in suggestions.
func findTurns(ctx context.Context, q querier, callID int64) ([]assistant.TurnAnalysis, error) {
	return findByCall(ctx, q, callID, "turns", turnRow.turn, `
		SELECT id, idx, speaker, text, start_ms, end_ms, language, source_speaker,
			dominance, affiliation, octant, quadrant, confidence,
			cues, response, readability, tip, suggested, exchange, hardship
		FROM turns
		WHERE call_id = $1
		ORDER BY idx`)
}
