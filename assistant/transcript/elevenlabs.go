package transcript

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// elevenDoc is an ElevenLabs Speech to Text (Scribe) response: words[] of
// type "word", "spacing" (the spaces between words, as written) or
// "audio_event" ("(laughter)"), with start and end in seconds and, with
// diarize on, a speaker_id ("speaker_0"). A multichannel response lists one
// such transcript per channel under transcripts[].
type elevenDoc struct {
	elevenTranscript
	Transcripts []elevenTranscript `json:"transcripts"`
}

type elevenTranscript struct {
	LanguageCode    string `json:"language_code"`
	Text            string `json:"text"`
	TranscriptionID string `json:"transcription_id"`
	ChannelIndex    *int   `json:"channel_index"`
	Words           []struct {
		Text      string   `json:"text"`
		Type      string   `json:"type"`
		Start     *float64 `json:"start"`
		End       *float64 `json:"end"`
		SpeakerID string   `json:"speaker_id"`
	} `json:"words"`
}

// readElevenLabs reads an ElevenLabs transcript. Speakers are the diarized
// speaker_ids, else the channels of a multichannel response; audio events
// are not speech and are left out.
func readElevenLabs(data []byte) (*source, error) {
	var doc elevenDoc
	if err := decodeJSON(data, &doc); err != nil {
		return nil, err
	}
	parts, path := []elevenTranscript{doc.elevenTranscript}, ""
	if len(doc.Transcripts) > 0 {
		parts, path = doc.Transcripts, "transcripts"
	}
	src := &source{method: assistant.MappingLabels, externalID: doc.TranscriptionID}
	var words []word
	named := false
	for c, t := range parts {
		prefix := ""
		if path != "" {
			prefix = fmt.Sprintf("%s[%d].", path, c)
		}
		src.language = cmp.Or(src.language, t.LanguageCode)
		if len(t.Words) == 0 && strings.TrimSpace(t.Text) != "" {
			w := word{text: t.Text, where: prefix + "text"}
			if len(parts) > 1 {
				w.label = fmt.Sprintf("channel %d", channelIndex(t.ChannelIndex, c))
				named = true
			}
			words = append(words, w)
			continue
		}
		for i, x := range t.Words {
			where := fmt.Sprintf("%swords[%d]", prefix, i)
			w := word{text: x.Text, glue: true, where: where}
			switch x.Type {
			case "word", "":
			case "spacing":
			case "audio_event":
				continue
			default:
				return nil, assistant.Errorf(assistant.EInvalid, "%s has type %q; ElevenLabs writes word, spacing or audio_event.", where, x.Type)
			}
			switch {
			case len(parts) > 1:
				w.label = fmt.Sprintf("channel %d", channelIndex(t.ChannelIndex, c))
			case strings.TrimSpace(x.SpeakerID) != "":
				w.label = strings.TrimSpace(x.SpeakerID)
			}
			if w.label != "" {
				named = true
			}
			var err error
			if w.start, err = msField(x.Start, 1000, where+".start"); err != nil {
				return nil, err
			}
			if w.end, err = msField(x.End, 1000, where+".end"); err != nil {
				return nil, err
			}
			if x.End != nil && x.Start != nil && w.end < w.start {
				return nil, readError(assistant.EInvalid, assistant.ReadProblem{Code: ReadEndsBeforeStart, Kind: "seconds", Path: where, Value: fmt.Sprint(*x.End), Before: fmt.Sprint(*x.Start)})
			}
			if x.Type == "spacing" {
				// A space takes the speaker of the word before it, so that
				// it never starts a turn of its own, and no time: the pause
				// before the other speaker is not part of this turn.
				w.label, w.start, w.end = "", 0, 0
			}
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		return nil, assistant.Errorf(assistant.EInvalid, "The ElevenLabs transcript has no words and no text.")
	}
	if named {
		fillLabels(words)
	} else {
		src.noSpeakers = true
	}
	if len(parts) > 1 {
		sortWordsByStart(words)
	}
	src.segments = wordsToSegments(words)
	return src, nil
}

func channelIndex(ix *int, i int) int {
	if ix != nil {
		return *ix
	}
	return i
}
