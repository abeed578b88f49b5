package transcript

import (
	"fmt"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// whisperCppDoc is the JSON that whisper.cpp's command-line tool writes with
// -oj (output_json in examples/cli/cli.cpp): transcription[] of segments with
// offsets.from and offsets.to in milliseconds. With --diarize on a stereo
// recording a segment names its channel's speaker ("0", "1", "?" when
// unsure); with --tinydiarize, speaker_turn_next marks that the next
// segment is another speaker's.
type whisperCppDoc struct {
	Params struct {
		Language string `json:"language"`
	} `json:"params"`
	Result struct {
		Language string `json:"language"`
	} `json:"result"`
	Transcription []struct {
		Offsets *struct {
			From *float64 `json:"from"`
			To   *float64 `json:"to"`
		} `json:"offsets"`
		Text            string  `json:"text"`
		Speaker         *string `json:"speaker"`
		SpeakerTurnNext *bool   `json:"speaker_turn_next"`
	} `json:"transcription"`
}

// readWhisperCpp reads whisper.cpp JSON. Speakers from --diarize are named
// "Speaker 0" and "Speaker 1" ("?" segments belong to the speaker around
// them). Turns from --tinydiarize name no one, only that the speaker
// changes; in a call of two people they alternate, so they are read as
// "Speaker A" and "Speaker B", and which of them is the agent is left to the
// request or the mapping.
func readWhisperCpp(data []byte) (*source, error) {
	var doc whisperCppDoc
	if err := decodeJSON(data, &doc); err != nil {
		return nil, err
	}
	if len(doc.Transcription) == 0 {
		return nil, readError(assistant.EInvalid, assistant.ReadProblem{Code: ReadMissing, Format: "whispercpp", Field: `segments in "transcription"`})
	}
	lang := doc.Result.Language
	if lang == "" && doc.Params.Language != "auto" {
		lang = doc.Params.Language
	}
	src := &source{method: assistant.MappingLabels, language: lang}
	diarized, turns := false, false
	for _, t := range doc.Transcription {
		diarized = diarized || t.Speaker != nil
		turns = turns || t.SpeakerTurnNext != nil
	}
	var words []word
	turn := 0
	for i, t := range doc.Transcription {
		where := fmt.Sprintf("transcription[%d]", i)
		w := word{text: strings.TrimSpace(t.Text), where: where}
		if t.Offsets != nil {
			var err error
			if w.start, err = msField(t.Offsets.From, 1, where+".offsets.from"); err != nil {
				return nil, err
			}
			if w.end, err = msField(t.Offsets.To, 1, where+".offsets.to"); err != nil {
				return nil, err
			}
		}
		switch {
		case diarized:
			if t.Speaker != nil && *t.Speaker != "?" && strings.TrimSpace(*t.Speaker) != "" {
				w.label = "Speaker " + strings.TrimSpace(*t.Speaker)
			}
		case turns:
			w.label = "Speaker " + string(rune('A'+turn%2))
			if t.SpeakerTurnNext != nil && *t.SpeakerTurnNext {
				turn++
			}
		}
		// "[SPEAKER_TURN]" is how the tool also prints a turn in the text.
		w.text = strings.TrimSpace(strings.ReplaceAll(w.text, "[SPEAKER_TURN]", ""))
		if w.text != "" {
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		return nil, assistant.Errorf(assistant.EInvalid, "The whisper.cpp output has no segment with text.")
	}
	named := false
	for _, w := range words {
		named = named || w.label != ""
	}
	if !named {
		src.noSpeakers = true
		for _, w := range words {
			src.segments = append(src.segments, segment{text: w.text, start: w.start, end: w.end, where: w.where})
		}
		return src, nil
	}
	fillLabels(words)
	for _, w := range words {
		src.segments = append(src.segments, segment{label: w.label, role: roleOf(w.label), text: w.text, start: w.start, end: w.end, where: w.where})
	}
	return src, nil
}
