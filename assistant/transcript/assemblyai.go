package transcript

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// assemblyDoc is an AssemblyAI transcript (GET /v2/transcript/{id}): with
// speaker_labels on, utterances[] hold each speaker's turns ("A", "B") with
// start and end in milliseconds; words[] hold the same words one by one.
type assemblyDoc struct {
	ID           string `json:"id"`
	Status       string `json:"status"`
	Error        string `json:"error"`
	LanguageCode string `json:"language_code"`
	Text         string `json:"text"`
	Utterances   []struct {
		Speaker json.RawMessage `json:"speaker"`
		Channel json.RawMessage `json:"channel"`
		Text    string          `json:"text"`
		Start   *float64        `json:"start"`
		End     *float64        `json:"end"`
	} `json:"utterances"`
	Words []struct {
		Speaker json.RawMessage `json:"speaker"`
		Text    string          `json:"text"`
		Start   *float64        `json:"start"`
		End     *float64        `json:"end"`
	} `json:"words"`
}

// readAssemblyAI reads an AssemblyAI transcript: its utterances, else its
// words grouped by speaker, else its text without speakers. Speakers are
// named as AssemblyAI letters them ("Speaker A").
func readAssemblyAI(data []byte) (*source, error) {
	var doc assemblyDoc
	if err := decodeJSON(data, &doc); err != nil {
		return nil, err
	}
	switch strings.ToLower(doc.Status) {
	case "error":
		return nil, assistant.Errorf(assistant.EInvalid, "The AssemblyAI transcript failed (status \"error\": %s); there is nothing to read.", clip(doc.Error, 120))
	case "queued", "processing":
		return nil, assistant.Errorf(assistant.EInvalid, "The AssemblyAI transcript is still %s; fetch it again when its status is \"completed\".", strings.ToLower(doc.Status))
	}
	src := &source{method: assistant.MappingLabels, language: doc.LanguageCode, externalID: doc.ID}
	if len(doc.Utterances) > 0 {
		for i, u := range doc.Utterances {
			where := fmt.Sprintf("utterances[%d]", i)
			seg := segment{label: speakerName(u.Speaker), text: u.Text, where: where}
			if seg.label == "" {
				return nil, readError(assistant.EInvalid, assistant.ReadProblem{Code: ReadMissing, Path: where, Field: "speaker"})
			}
			seg.label = "Speaker " + seg.label
			var err error
			if seg.start, err = msField(u.Start, 1, where+".start"); err != nil {
				return nil, err
			}
			if seg.end, err = msField(u.End, 1, where+".end"); err != nil {
				return nil, err
			}
			src.segments = append(src.segments, seg)
		}
		sortByStart(src.segments)
		return src, nil
	}
	named := false
	words := make([]word, 0, len(doc.Words))
	for i, w := range doc.Words {
		where := fmt.Sprintf("words[%d]", i)
		x := word{label: speakerName(w.Speaker), text: strings.TrimSpace(w.Text), where: where}
		if x.label != "" {
			named = true
			x.label = "Speaker " + x.label
		}
		var err error
		if x.start, err = msField(w.Start, 1, where+".start"); err != nil {
			return nil, err
		}
		if x.end, err = msField(w.End, 1, where+".end"); err != nil {
			return nil, err
		}
		if x.text != "" {
			words = append(words, x)
		}
	}
	switch {
	case named:
		fillLabels(words)
		src.segments = wordsToSegments(words)
	case len(words) > 0:
		src.noSpeakers = true
		src.segments = wordsToSegments(words)
	case strings.TrimSpace(doc.Text) != "":
		src.noSpeakers = true
		src.segments = []segment{{text: doc.Text, where: "text"}}
	default:
		return nil, assistant.Errorf(assistant.EInvalid, "The AssemblyAI transcript has no utterances, words or text.")
	}
	return src, nil
}
