package transcript

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// whisperDoc is the JSON that OpenAI Whisper (verbose_json, the CLI's .json)
// and WhisperX write: segments with start and end in seconds, and in WhisperX
// a diarized speaker per segment.
type whisperDoc struct {
	Language string           `json:"language"`
	Segments []whisperSegment `json:"segments"`
}

type whisperSegment struct {
	Start   *float64        `json:"start"`
	End     *float64        `json:"end"`
	Text    string          `json:"text"`
	Speaker json.RawMessage `json:"speaker"`
}

// speakerName reads a diarized speaker written as a string ("SPEAKER_00") or
// a number (0).
func speakerName(raw json.RawMessage) string {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" {
		return ""
	}
	var str string
	if json.Unmarshal(raw, &str) == nil {
		return strings.TrimSpace(str)
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return "Speaker " + n.String()
	}
	return ""
}

// readWhisper reads Whisper and WhisperX JSON. Plain Whisper has no speakers,
// so its transcripts cannot be mapped; WhisperX speakers are mapped as
// declared or inferred. A WhisperX segment left without a speaker (no word
// overlapped a diarized turn) belongs to the speaker around it.
func readWhisper(data []byte) (*source, error) {
	var doc whisperDoc
	if err := decodeJSON(data, &doc); err != nil {
		return nil, err
	}
	return whisperSegments(doc.Segments, doc.Language, "segments", nil)
}

// whisperSegments turns Whisper-shaped segments into a source. party, when
// set, names the party of a diarized speaker (vCon).
func whisperSegments(in []whisperSegment, language, path string, party func(string) (string, assistant.Speaker)) (*source, error) {
	if len(in) == 0 {
		return nil, readError(assistant.EInvalid, assistant.ReadProblem{Code: ReadMissing, Field: path})
	}
	src := &source{method: assistant.MappingLabels, language: language}
	named := false
	for i, s := range in {
		where := fmt.Sprintf("%s[%d]", path, i)
		seg := segment{label: speakerName(s.Speaker), text: s.Text, where: where}
		var err error
		if seg.start, err = msField(s.Start, 1000, where+".start"); err != nil {
			return nil, err
		}
		if seg.end, err = msField(s.End, 1000, where+".end"); err != nil {
			return nil, err
		}
		if seg.label != "" {
			named = true
			if party != nil {
				seg.label, seg.role = party(seg.label)
			}
		}
		src.segments = append(src.segments, seg)
	}
	if !named {
		src.noSpeakers = true
		return src, nil
	}
	prev := ""
	for i := range src.segments {
		if src.segments[i].label == "" {
			src.segments[i].label = prev
		}
		prev = src.segments[i].label
	}
	// Leading segments without a speaker take the first named one.
	for i := len(src.segments) - 1; i >= 0; i-- {
		if src.segments[i].label == "" {
			src.segments[i].label = prev
		}
		prev = src.segments[i].label
	}
	for i := range src.segments {
		if src.segments[i].role == "" {
			src.segments[i].role = roleOf(src.segments[i].label)
		}
	}
	return src, nil
}
