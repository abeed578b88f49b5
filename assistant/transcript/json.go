package transcript

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/strictjson"
)

// decodeJSON unmarshals a platform's export into v. Unknown fields are
// fine (platforms add fields over time); syntax and type errors are
// explained by strictjson, with line and column, as everywhere.
func decodeJSON(data []byte, v any) error {
	if err := json.Unmarshal(data, v); err != nil {
		return jsonProblem(strictjson.Explain(data, err))
	}
	return nil
}

// jsonProblem turns strictjson's error into a ReadJSON error with its
// fault, so that the fault is worded in every language; the English stays
// strictjson's.
func jsonProblem(err error) error {
	f, ok := strictjson.FaultOf(err)
	if !ok {
		return err
	}
	kind := f.Kind
	var syn *json.SyntaxError
	if errors.As(err, &syn) && syn.Error() == "unexpected end of JSON input" {
		// encoding/json says so of a whole body read at once: an export
		// cut short, which the other languages say in those words.
		kind = strictjson.FaultTruncated
	}
	return wrapRead(assistant.ErrorCode(err), assistant.ReadProblem{Code: ReadJSON, Kind: string(kind), Field: f.Field,
		Line: f.Line, Column: f.Col, Detail: assistant.ErrorMessage(err)}, f)
}

// jsonSyntaxError explains why data is not the JSON expected. A nil err
// means data was sent as JSON but is none at all.
func jsonSyntaxError(data []byte, err error) error {
	if err == nil {
		var v any
		if err = json.Unmarshal(data, &v); err == nil {
			return assistant.Errorf(assistant.EInvalid, "The body is not the JSON expected.")
		}
	}
	return jsonProblem(strictjson.Explain(data, err))
}

// detectJSON names the reader for a JSON body from its top-level keys.
func detectJSON(data []byte) (string, error) {
	trimmed := bytes.TrimSpace(data)
	if trimmed[0] == '[' {
		var items []map[string]json.RawMessage
		if err := decodeJSON(data, &items); err != nil {
			return "", err
		}
		if len(items) > 0 && items[0]["speaker"] != nil && items[0]["text"] != nil {
			return "json", nil
		}
		return "", unsupported(nil, true)
	}
	var top map[string]json.RawMessage
	if err := decodeJSON(data, &top); err != nil {
		return "", err
	}
	has := func(k string) bool { return top[k] != nil }
	switch {
	case has("turns"):
		return "json", nil
	case has("vcon") || has("parties") && (has("dialog") || has("analysis")):
		return "vcon", nil
	case has("Transcript"):
		return "amazon", nil
	}
	if f := detectSpeechService(top); f != "" {
		return f, nil
	}
	switch {
	case has("transcripts"):
		return "genesys", nil
	case has("entries"):
		return "ccai", nil
	case has("transcript") && bytes.Contains(top["transcript"], []byte(`"transcriptSegments"`)):
		return "ccai", nil
	case has("segments"):
		return "whisper", nil
	}
	keys := make([]string, 0, len(top))
	for k := range top {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if len(keys) > 8 {
		keys = append(keys[:8], "…")
	}
	return "", unsupported(keys, false)
}

// ourTurn is a turn of rooscoach's own JSON format.
type ourTurn struct {
	Speaker  string   `json:"speaker"`
	Text     *string  `json:"text"`
	StartMS  *float64 `json:"start_ms"`
	EndMS    *float64 `json:"end_ms"`
	Language string   `json:"language"`
}

// ourCall is rooscoach's own JSON format.
type ourCall struct {
	ExternalID string `json:"external_id"`
	AgentID    string `json:"agent_id"`
	TeamID     string `json:"team_id"`
	AccountRef string `json:"account_ref"`
	TimeZone   string `json:"time_zone"`
	// Jurisdiction is the compliance pack: nl, uk or us.
	Jurisdiction string    `json:"jurisdiction"`
	Language     string    `json:"language"`
	OccurredAt   string    `json:"occurred_at"`
	Turns        []ourTurn `json:"turns"`
}

// readJSON reads rooscoach's JSON format: {"external_id", "agent_id",
// "team_id", "account_ref", "time_zone", "jurisdiction", "language",
// "occurred_at", "turns": [{"speaker", "text", "start_ms", "end_ms"}]}, or a
// bare list of turns.
func readJSON(data []byte) (*source, error) {
	// People write this format by hand: a key given twice or misspelled is
	// refused, not settled by guessing.
	var call ourCall
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '[' {
		if err := strictjson.Decode(data, &call.Turns); err != nil {
			return nil, jsonProblem(err)
		}
	} else if err := strictjson.Decode(data, &call); err != nil {
		return nil, jsonProblem(err)
	}
	src := &source{method: assistant.MappingLabels, strict: true, ownMetadata: true,
		externalID: call.ExternalID, agentID: call.AgentID, teamID: call.TeamID, language: call.Language,
		accountRef: call.AccountRef, timeZone: call.TimeZone, jurisdiction: call.Jurisdiction}
	if call.OccurredAt != "" {
		at, err := time.Parse(time.RFC3339, call.OccurredAt)
		if err != nil {
			return nil, assistant.Errorf(assistant.EInvalid, "occurred_at %q is not an RFC 3339 time such as 2026-05-12T10:15:00+02:00.", call.OccurredAt)
		}
		// A zero time would read as "not given" from here on: refuse it
		// while it can still be told apart.
		if at.Before(assistant.EarliestCall) {
			return nil, assistant.CheckOccurredAt(at, at)
		}
		src.occurredAt = at
	}
	if len(call.Turns) == 0 {
		return nil, readError(assistant.EInvalid, assistant.ReadProblem{Code: ReadMissing, Format: "json", Field: "turns"})
	}
	for i, t := range call.Turns {
		where := fmt.Sprintf("turns[%d]", i)
		if strings.TrimSpace(t.Speaker) == "" {
			return nil, readError(assistant.EInvalid, assistant.ReadProblem{Code: ReadMissing, Format: "json", Field: "speaker", Path: where})
		}
		if t.Text == nil || strings.TrimSpace(*t.Text) == "" {
			return nil, readError(assistant.EInvalid, assistant.ReadProblem{Code: ReadMissing, Format: "json", Field: "text", Path: where})
		}
		seg := segment{label: strings.TrimSpace(t.Speaker), role: roleOf(t.Speaker), text: *t.Text, where: where}
		var err error
		if seg.start, err = msField(t.StartMS, 1, where+".start_ms"); err != nil {
			return nil, err
		}
		if seg.end, err = msField(t.EndMS, 1, where+".end_ms"); err != nil {
			return nil, err
		}
		if seg.end != 0 && seg.end < seg.start {
			return nil, assistant.Errorf(assistant.EInvalid, "%s: end_ms %d is before start_ms %d.", where, seg.end, seg.start)
		}
		if t.Language != "" {
			lang, err := assistant.ParseLanguage(t.Language)
			if err != nil {
				return nil, assistant.Errorf(assistant.EInvalid, "%s: %s", where, assistant.ErrorMessage(err))
			}
			seg.lang = lang
		}
		src.segments = append(src.segments, seg)
	}
	return src, nil
}

// maxMS bounds times in milliseconds: a year of call is more than any
// transcript holds, and it keeps conversions far from overflow.
const maxMS = 366 * 24 * 3600 * 1000

// msField converts an optional time field, given in units of unitMS
// milliseconds (1 for ms, 1000 for seconds, 0.001 for µs), to ms.
func msField(v *float64, unitMS float64, name string) (int64, error) {
	if v == nil {
		return 0, nil
	}
	ms, err := toMS(*v, unitMS)
	if err != nil {
		return 0, assistant.Errorf(assistant.EInvalid, "%s: %v.", name, err)
	}
	return ms, nil
}

// toMS converts v, in units of unitMS milliseconds, to whole milliseconds.
func toMS(v, unitMS float64) (int64, error) {
	ms := v * unitMS
	switch {
	case math.IsNaN(ms) || math.IsInf(ms, 0):
		return 0, fmt.Errorf("%v is not a time", v)
	case ms < 0:
		return 0, fmt.Errorf("%v is negative", v)
	case ms > 1e15:
		return 0, fmt.Errorf("%v is too large for a time", v)
	}
	return int64(math.Round(ms)), nil
}

// relativeTo makes epoch times relative to the first one; times that are
// already offsets (smaller than a date in 1973) stay as they are.
func relativeTo(epochMS, base int64) int64 {
	const epochish = 100_000_000_000 // ms: 1973-03-03
	if base < epochish {
		return epochMS
	}
	return max(0, epochMS-base)
}

// checkTimes rejects segments whose times are out of bounds or end before
// they start.
func checkTimes(segs []segment) error {
	for _, s := range segs {
		if s.start > maxMS || s.end > maxMS {
			return assistant.Errorf(assistant.EInvalid, "%s: time %s is beyond any call's length.", s.where, clock(max(s.start, s.end)))
		}
		if s.end != 0 && s.end < s.start {
			return readError(assistant.EInvalid, at(assistant.ReadProblem{Code: ReadEndsBeforeStart,
				Value: strconv.FormatInt(s.end, 10), Before: strconv.FormatInt(s.start, 10)}, s.where))
		}
	}
	return nil
}
