package transcript

import (
	"cmp"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// deepgramDoc is Deepgram's pre-recorded response (POST /v1/listen), which
// vCon servers also store as transcript analyses. Times are seconds.
type deepgramDoc struct {
	Metadata struct {
		RequestID string `json:"request_id"`
	} `json:"metadata"`
	Results *struct {
		Utterances []struct {
			Speaker    *int     `json:"speaker"`
			Channel    int      `json:"channel"`
			Transcript string   `json:"transcript"`
			Start      *float64 `json:"start"`
			End        *float64 `json:"end"`
		} `json:"utterances"`
		Channels []struct {
			DetectedLanguage string `json:"detected_language"`
			Alternatives     []struct {
				Transcript string         `json:"transcript"`
				Words      []deepgramWord `json:"words"`
				Paragraphs struct {
					Paragraphs []struct {
						Speaker   *int     `json:"speaker"`
						Start     *float64 `json:"start"`
						End       *float64 `json:"end"`
						Sentences []struct {
							Text string `json:"text"`
						} `json:"sentences"`
					} `json:"paragraphs"`
				} `json:"paragraphs"`
			} `json:"alternatives"`
		} `json:"channels"`
	} `json:"results"`
}

type deepgramWord struct {
	Word           string   `json:"word"`
	PunctuatedWord string   `json:"punctuated_word"`
	Speaker        *int     `json:"speaker"`
	Start          *float64 `json:"start"`
	End            *float64 `json:"end"`
}

// readDeepgram reads a Deepgram response as a file of its own.
func readDeepgram(data []byte) (*source, error) {
	return deepgramSource(data, "", nil)
}

// deepgramSource reads Deepgram utterances, else each channel's first
// alternative: its words with their diarized speaker, else its paragraphs,
// else its transcript. With several channels the channel is the speaker
// ("channel 0"); with one, the diarized speaker ("Speaker 0"). A channel
// with no alternatives had no speech and is skipped. prefix is put before
// the field paths in messages (a vCon's "analysis[0].body."); party, when
// set, names the party of a speaker (vCon).
func deepgramSource(body []byte, prefix string, party func(string) (string, assistant.Speaker)) (*source, error) {
	var dg deepgramDoc
	if err := decodeJSON(body, &dg); err != nil {
		return nil, err
	}
	if dg.Results == nil {
		return nil, readError(assistant.EInvalid, assistant.ReadProblem{Code: ReadMissing, Format: "deepgram", Field: prefix + "results", Kind: "cut"})
	}
	res := dg.Results
	multi := len(res.Channels) > 1
	speaker := func(sp *int, ch int) json.RawMessage {
		switch {
		case multi:
			return json.RawMessage(fmt.Sprintf(`"channel %d"`, ch))
		case sp != nil:
			return json.RawMessage(fmt.Sprintf(`"Speaker %d"`, *sp))
		}
		return nil
	}
	lang := ""
	for _, ch := range res.Channels {
		lang = cmp.Or(lang, ch.DetectedLanguage)
	}
	var segs []whisperSegment
	if u := res.Utterances; len(u) > 0 {
		for _, x := range u {
			segs = append(segs, whisperSegment{Start: x.Start, End: x.End, Text: x.Transcript, Speaker: speaker(x.Speaker, x.Channel)})
		}
		src, err := whisperSegments(segs, lang, prefix+"results.utterances", party)
		if err != nil {
			return nil, err
		}
		sortByStart(src.segments)
		src.externalID = dg.Metadata.RequestID
		return src, nil
	}
	path := prefix + "results.channels"
	for c, ch := range res.Channels {
		if len(ch.Alternatives) == 0 {
			continue
		}
		alt := ch.Alternatives[0]
		if diarized(alt.Words) {
			words := make([]word, 0, len(alt.Words))
			for i, w := range alt.Words {
				where := fmt.Sprintf("%s[%d].alternatives[0].words[%d]", path, c, i)
				x := word{label: speakerName(speaker(w.Speaker, c)), text: strings.TrimSpace(cmp.Or(w.PunctuatedWord, w.Word)), where: where}
				var err error
				if x.start, err = msField(w.Start, 1000, where+".start"); err != nil {
					return nil, err
				}
				if x.end, err = msField(w.End, 1000, where+".end"); err != nil {
					return nil, err
				}
				if x.text != "" {
					words = append(words, x)
				}
			}
			fillLabels(words)
			for _, s := range wordsToSegments(words) {
				start, end := float64(s.start)/1000, float64(s.end)/1000
				segs = append(segs, whisperSegment{Start: &start, End: &end, Text: s.text, Speaker: json.RawMessage(fmt.Sprintf("%q", s.label))})
			}
			continue
		}
		if len(alt.Paragraphs.Paragraphs) == 0 {
			seg := whisperSegment{Text: alt.Transcript, Speaker: speaker(nil, c)}
			if n := len(alt.Words); n > 0 {
				seg.Start, seg.End = alt.Words[0].Start, alt.Words[n-1].End
			}
			segs = append(segs, seg)
			continue
		}
		for _, p := range alt.Paragraphs.Paragraphs {
			var texts []string
			for _, s := range p.Sentences {
				texts = append(texts, s.Text)
			}
			segs = append(segs, whisperSegment{Start: p.Start, End: p.End, Text: strings.Join(texts, " "), Speaker: speaker(p.Speaker, c)})
		}
	}
	if len(segs) == 0 {
		return nil, assistant.Errorf(assistant.EInvalid, "The Deepgram response has no utterances and no channel with alternatives in %s.", path)
	}
	src, err := whisperSegments(segs, lang, path, party)
	if err != nil {
		return nil, err
	}
	sortByStart(src.segments)
	src.externalID = dg.Metadata.RequestID
	return src, nil
}

// diarized reports whether any word carries a speaker.
func diarized(words []deepgramWord) bool {
	for _, w := range words {
		if w.Speaker != nil {
			return true
		}
	}
	return false
}
