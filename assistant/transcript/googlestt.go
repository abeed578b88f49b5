package transcript

import (
	"cmp"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// googleResult is one result of Google Cloud Speech-to-Text: v1 writes
// words with startTime, endTime and a numeric speakerTag, v2 with
// startOffset, endOffset and a speakerLabel.
type googleResult struct {
	Alternatives []struct {
		Transcript string `json:"transcript"`
		Words      []struct {
			Word         string          `json:"word"`
			StartTime    string          `json:"startTime"`
			EndTime      string          `json:"endTime"`
			StartOffset  string          `json:"startOffset"`
			EndOffset    string          `json:"endOffset"`
			SpeakerTag   int             `json:"speakerTag"`
			SpeakerLabel json.RawMessage `json:"speakerLabel"`
		} `json:"words"`
	} `json:"alternatives"`
	ChannelTag      int    `json:"channelTag"`
	LanguageCode    string `json:"languageCode"`
	ResultEndTime   string `json:"resultEndTime"`
	ResultEndOffset string `json:"resultEndOffset"`
}

// googleDoc is a recognize response, or the long-running operation that
// wraps one (v1 longrunningrecognize, polled until done).
type googleDoc struct {
	Results  []googleResult `json:"results"`
	Response *struct {
		Results []googleResult `json:"results"`
	} `json:"response"`
	Done  *bool `json:"done"`
	Error *struct {
		Message string `json:"message"`
	} `json:"error"`
}

// readGoogleSTT reads Google Cloud Speech-to-Text JSON. With diarization
// Google repeats every word, tagged with its speaker, in the last result;
// those words are read and the untagged earlier results are not, so nothing
// is counted twice. Without diarization, several channels name the
// speakers ("channel 1"); one channel names none. Results without
// alternatives hold no speech and are skipped.
func readGoogleSTT(data []byte) (*source, error) {
	var doc googleDoc
	if err := decodeJSON(data, &doc); err != nil {
		return nil, err
	}
	results, path := doc.Results, "results"
	if doc.Response != nil && len(results) == 0 {
		results, path = doc.Response.Results, "response.results"
	}
	if doc.Error != nil {
		return nil, assistant.Errorf(assistant.EInvalid, "The Google recognition failed: %s.", clip(doc.Error.Message, 120))
	}
	if doc.Done != nil && !*doc.Done {
		return nil, assistant.Errorf(assistant.EInvalid, "The Google recognition is not done yet; fetch the operation again when \"done\" is true.")
	}
	if len(results) == 0 {
		return nil, readError(assistant.EInvalid, assistant.ReadProblem{Code: ReadMissing, Format: "googlestt", Field: path})
	}
	src := &source{method: assistant.MappingLabels}
	for _, r := range results {
		src.language = cmp.Or(src.language, r.LanguageCode)
	}

	// The result whose words carry speakers, the last one where Google
	// repeats them all.
	tagged := -1
	for i, r := range results {
		if taggedWords(r) {
			tagged = i
		}
	}
	if tagged >= 0 {
		// v1 repeats all words, tagged, in the last result and leaves
		// the earlier ones untagged; v2 tags each result's own words, and
		// then all of them are read.
		first := tagged
		for i := 0; i < tagged; i++ {
			if taggedWords(results[i]) {
				first = 0
			}
		}
		var words []word
		for i := first; i <= tagged; i++ {
			r := results[i]
			if len(r.Alternatives) == 0 {
				continue
			}
			for j, w := range r.Alternatives[0].Words {
				where := fmt.Sprintf("%s[%d].alternatives[0].words[%d]", path, i, j)
				x := word{text: strings.TrimSpace(w.Word), where: where}
				if l := speakerName(w.SpeakerLabel); l != "" {
					x.label = "Speaker " + l
				} else if w.SpeakerTag > 0 {
					x.label = fmt.Sprintf("Speaker %d", w.SpeakerTag)
				}
				var err error
				if x.start, err = protoDuration(cmp.Or(w.StartTime, w.StartOffset), where+".startTime"); err != nil {
					return nil, err
				}
				if x.end, err = protoDuration(cmp.Or(w.EndTime, w.EndOffset), where+".endTime"); err != nil {
					return nil, err
				}
				if x.text != "" {
					words = append(words, x)
				}
			}
		}
		fillLabels(words)
		src.segments = wordsToSegments(words)
		return src, nil
	}

	channels := map[int]bool{}
	for _, r := range results {
		channels[r.ChannelTag] = true
	}
	src.noSpeakers = len(channels) < 2
	var prevEnd int64
	for i, r := range results {
		where := fmt.Sprintf("%s[%d]", path, i)
		if len(r.Alternatives) == 0 {
			continue
		}
		seg := segment{text: r.Alternatives[0].Transcript, where: where, start: prevEnd}
		if !src.noSpeakers {
			seg.label = fmt.Sprintf("channel %d", r.ChannelTag)
		}
		if ws := r.Alternatives[0].Words; len(ws) > 0 {
			var err error
			if seg.start, err = protoDuration(cmp.Or(ws[0].StartTime, ws[0].StartOffset), where+".alternatives[0].words[0].startTime"); err != nil {
				return nil, err
			}
		}
		end, err := protoDuration(cmp.Or(r.ResultEndTime, r.ResultEndOffset), where+".resultEndTime")
		if err != nil {
			return nil, err
		}
		if end >= seg.start {
			seg.end = end
		}
		// A result without word times starts where the one before it
		// in the file ended.
		prevEnd = max(prevEnd, end)
		if l, err := assistant.ParseLanguage(r.LanguageCode); err == nil && l != "" {
			seg.lang = l
		}
		src.segments = append(src.segments, seg)
	}
	if len(src.segments) == 0 {
		return nil, assistant.Errorf(assistant.EInvalid, "The Google Speech-to-Text response has no result with alternatives.")
	}
	sortByStart(src.segments)
	return src, nil
}

// taggedWords reports whether a result's words carry speakers.
func taggedWords(r googleResult) bool {
	if len(r.Alternatives) == 0 {
		return false
	}
	for _, w := range r.Alternatives[0].Words {
		if w.SpeakerTag > 0 || speakerName(w.SpeakerLabel) != "" {
			return true
		}
	}
	return false
}
