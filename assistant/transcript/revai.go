package transcript

import (
	"fmt"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// revDoc is a Rev.ai transcript (GET /speechtotext/v1/jobs/{id}/transcript
// as application/vnd.rev.transcript.v1.0+json): monologues of one speaker,
// each a list of elements, words ("text") with ts and end_ts in seconds and
// punctuation and spaces ("punct") as written.
type revDoc struct {
	Monologues []struct {
		Speaker     *int `json:"speaker"`
		SpeakerInfo *struct {
			DisplayName string `json:"display_name"`
		} `json:"speaker_info"`
		Elements []struct {
			Type  string   `json:"type"`
			Value string   `json:"value"`
			TS    *float64 `json:"ts"`
			EndTS *float64 `json:"end_ts"`
		} `json:"elements"`
	} `json:"monologues"`
}

// readRevAI reads a Rev.ai transcript: one segment per monologue, the
// speaker named "Speaker N" (or the display name Rev.ai was given). Elements
// of type "unknown" (<inaudible>) are not words and are left out.
func readRevAI(data []byte) (*source, error) {
	var doc revDoc
	if err := decodeJSON(data, &doc); err != nil {
		return nil, err
	}
	if len(doc.Monologues) == 0 {
		return nil, readError(assistant.EInvalid, assistant.ReadProblem{Code: ReadMissing, Format: "revai", Field: "monologues"})
	}
	src := &source{method: assistant.MappingLabels}
	var b strings.Builder
	for i, m := range doc.Monologues {
		where := fmt.Sprintf("monologues[%d]", i)
		var label string
		switch {
		case m.SpeakerInfo != nil && strings.TrimSpace(m.SpeakerInfo.DisplayName) != "":
			label = strings.Join(strings.Fields(m.SpeakerInfo.DisplayName), " ")
		case m.Speaker != nil:
			label = fmt.Sprintf("Speaker %d", *m.Speaker)
		default:
			return nil, readError(assistant.EInvalid, assistant.ReadProblem{Code: ReadMissing, Path: where, Field: "speaker"})
		}
		seg := segment{label: label, role: roleOf(label), where: where}
		b.Reset()
		timed := false
		for j, e := range m.Elements {
			ew := fmt.Sprintf("%s.elements[%d]", where, j)
			switch e.Type {
			case "text":
				start, err := msField(e.TS, 1000, ew+".ts")
				if err != nil {
					return nil, err
				}
				end, err := msField(e.EndTS, 1000, ew+".end_ts")
				if err != nil {
					return nil, err
				}
				if e.EndTS != nil && end < start {
					return nil, readError(assistant.EInvalid, assistant.ReadProblem{Code: ReadEndsBeforeStart, Kind: "seconds", Path: ew, Value: fmt.Sprint(*e.EndTS), Before: fmt.Sprint(*e.TS)})
				}
				if !timed && e.TS != nil {
					seg.start, timed = start, true
				}
				seg.end = max(seg.end, end)
				b.WriteString(e.Value)
			case "punct":
				b.WriteString(e.Value)
			case "unknown":
			default:
				return nil, assistant.Errorf(assistant.EInvalid, "%s has type %q; Rev.ai writes text, punct or unknown.", ew, e.Type)
			}
		}
		seg.text = b.String()
		src.segments = append(src.segments, seg)
	}
	sortByStart(src.segments)
	return src, nil
}
