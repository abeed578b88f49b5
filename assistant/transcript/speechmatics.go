package transcript

import (
	"fmt"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// speechmaticsDoc is a Speechmatics transcript (json-v2): results[] of words
// and punctuation with start_time and end_time in seconds, each with its
// alternatives; with speaker diarization the first alternative names the
// speaker ("S1", "S2", "UU" for unknown), with channel diarization the
// result names its channel.
type speechmaticsDoc struct {
	Job struct {
		ID string `json:"id"`
	} `json:"job"`
	Metadata struct {
		TranscriptionConfig struct {
			Language string `json:"language"`
		} `json:"transcription_config"`
	} `json:"metadata"`
	Results []struct {
		Type         string   `json:"type"`
		StartTime    *float64 `json:"start_time"`
		EndTime      *float64 `json:"end_time"`
		Channel      string   `json:"channel"`
		AttachesTo   string   `json:"attaches_to"`
		Alternatives []struct {
			Content  string `json:"content"`
			Speaker  string `json:"speaker"`
			Language string `json:"language"`
		} `json:"alternatives"`
	} `json:"results"`
}

// readSpeechmatics reads a Speechmatics json-v2 transcript. Words of the
// unknown speaker "UU" belong to the speaker around them; a transcript whose
// words are all "UU", or that names none, has no speakers.
func readSpeechmatics(data []byte) (*source, error) {
	var doc speechmaticsDoc
	if err := decodeJSON(data, &doc); err != nil {
		return nil, err
	}
	if len(doc.Results) == 0 {
		return nil, readError(assistant.EInvalid, assistant.ReadProblem{Code: ReadMissing, Format: "speechmatics", Field: "results"})
	}
	src := &source{method: assistant.MappingLabels, language: doc.Metadata.TranscriptionConfig.Language, externalID: doc.Job.ID}
	words := make([]word, 0, len(doc.Results))
	named := false
	for i, r := range doc.Results {
		where := fmt.Sprintf("results[%d]", i)
		if len(r.Alternatives) == 0 {
			return nil, assistant.Errorf(assistant.EInvalid, "%s has no alternatives, so it holds no word.", where)
		}
		alt := r.Alternatives[0]
		w := word{text: strings.TrimSpace(alt.Content), where: where}
		switch sp := strings.TrimSpace(alt.Speaker); {
		case sp != "" && sp != "UU":
			w.label = sp
		case r.Channel != "":
			w.label = r.Channel
		}
		if w.label != "" {
			named = true
		}
		if src.language == "" {
			src.language = alt.Language
		}
		var err error
		if w.start, err = msField(r.StartTime, 1000, where+".start_time"); err != nil {
			return nil, err
		}
		if w.end, err = msField(r.EndTime, 1000, where+".end_time"); err != nil {
			return nil, err
		}
		if r.EndTime != nil && w.end < w.start {
			return nil, readError(assistant.EInvalid, assistant.ReadProblem{Code: ReadEndsBeforeStart, Kind: "seconds", Path: where, Value: fmt.Sprint(*r.EndTime), Before: fmt.Sprint(*r.StartTime)})
		}
		switch r.Type {
		case "punctuation":
			w.glue = r.AttachesTo != "next" && r.AttachesTo != "none"
		case "word", "entity", "":
		default:
			return nil, assistant.Errorf(assistant.EInvalid, "%s has type %q; Speechmatics writes word, punctuation or entity.", where, r.Type)
		}
		if w.text != "" {
			words = append(words, w)
		}
	}
	if named {
		fillLabels(words)
	} else {
		src.noSpeakers = true
	}
	src.segments = wordsToSegments(words)
	return src, nil
}
