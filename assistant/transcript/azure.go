package transcript

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// azureDoc is the result file of an Azure AI Speech batch transcription:
// recognizedPhrases[], each with its channel, the diarized speaker when
// diarization was on, its offset and duration (as ISO 8601 durations and in
// ticks of 100 ns), and its best recognitions in nBest.
type azureDoc struct {
	RecognizedPhrases []struct {
		RecognitionStatus string   `json:"recognitionStatus"`
		Channel           *int     `json:"channel"`
		Speaker           *int     `json:"speaker"`
		Offset            string   `json:"offset"`
		Duration          string   `json:"duration"`
		OffsetInTicks     *float64 `json:"offsetInTicks"`
		DurationInTicks   *float64 `json:"durationInTicks"`
		Locale            string   `json:"locale"`
		NBest             []struct {
			Display string `json:"display"`
			Lexical string `json:"lexical"`
		} `json:"nBest"`
	} `json:"recognizedPhrases"`
	CombinedRecognizedPhrases []struct {
		Display string `json:"display"`
	} `json:"combinedRecognizedPhrases"`
}

// readAzure reads an Azure batch transcription. Speakers are the diarized
// speakers ("Speaker 1"), else the channels of a stereo recording
// ("channel 0"); a mono recording without diarization names no speakers.
// Phrases that were not recognised (recognitionStatus other than Success)
// hold no speech and are skipped.
func readAzure(data []byte) (*source, error) {
	var doc azureDoc
	if err := decodeJSON(data, &doc); err != nil {
		return nil, err
	}
	if len(doc.RecognizedPhrases) == 0 {
		return nil, readError(assistant.EInvalid, assistant.ReadProblem{Code: ReadMissing, Format: "azure", Field: "recognizedPhrases"})
	}
	channels := map[int]bool{}
	speakers := false
	for _, p := range doc.RecognizedPhrases {
		if p.Channel != nil {
			channels[*p.Channel] = true
		}
		if p.Speaker != nil {
			speakers = true
		}
	}
	src := &source{method: assistant.MappingLabels, noSpeakers: !speakers && len(channels) < 2}
	for i, p := range doc.RecognizedPhrases {
		where := fmt.Sprintf("recognizedPhrases[%d]", i)
		if s := p.RecognitionStatus; s != "" && !strings.EqualFold(s, "Success") {
			continue
		}
		if len(p.NBest) == 0 {
			return nil, assistant.Errorf(assistant.EInvalid, "%s was recognised but has no nBest alternatives.", where)
		}
		seg := segment{text: cmp.Or(p.NBest[0].Display, p.NBest[0].Lexical), where: where}
		ch := 0
		if p.Channel != nil {
			ch = *p.Channel
		}
		switch {
		case speakers && p.Speaker == nil:
			return nil, assistant.Errorf(assistant.EInvalid, "%s has no speaker, though other phrases have one.", where)
		case speakers && len(channels) > 1:
			seg.label = fmt.Sprintf("channel %d speaker %d", ch, *p.Speaker)
		case speakers:
			seg.label = fmt.Sprintf("Speaker %d", *p.Speaker)
		case len(channels) > 1:
			seg.label = fmt.Sprintf("channel %d", ch)
		}
		var err error
		if seg.start, err = azureTime(p.OffsetInTicks, p.Offset, where+".offset"); err != nil {
			return nil, err
		}
		dur, err := azureTime(p.DurationInTicks, p.Duration, where+".duration")
		if err != nil {
			return nil, err
		}
		if dur > 0 {
			seg.end = seg.start + min(dur, maxMS)
		}
		if l, err := assistant.ParseLanguage(p.Locale); err == nil && l != "" {
			seg.lang = l
			src.language = cmp.Or(src.language, p.Locale)
		}
		src.segments = append(src.segments, seg)
	}
	if len(src.segments) == 0 {
		return nil, assistant.Errorf(assistant.EInvalid, "The Azure transcription has no phrase with recognitionStatus \"Success\".")
	}
	sortByStart(src.segments)
	return src, nil
}

// azureTime reads a time in ticks of 100 ns, else as an ISO 8601 duration
// ("PT1M2.5S").
func azureTime(ticks *float64, iso, name string) (int64, error) {
	if ticks != nil {
		return msField(ticks, 0.0001, name+"InTicks")
	}
	if iso == "" {
		return 0, nil
	}
	ms, ok := isoDuration(iso)
	if !ok {
		return 0, assistant.Errorf(assistant.EInvalid, "%s: %q is not an ISO 8601 duration such as \"PT1.5S\".", name, clip(iso, 30))
	}
	return ms, nil
}

// isoDuration reads the time part of an ISO 8601 duration ("PT1H2M3.5S")
// as milliseconds.
func isoDuration(s string) (int64, bool) {
	rest, ok := strings.CutPrefix(strings.ToUpper(s), "PT")
	if !ok || rest == "" {
		return 0, false
	}
	var total float64
	for rest != "" {
		i := strings.IndexAny(rest, "HMS")
		if i <= 0 {
			return 0, false
		}
		v, err := strconv.ParseFloat(rest[:i], 64)
		if err != nil || v < 0 {
			return 0, false
		}
		switch rest[i] {
		case 'H':
			total += v * 3600
		case 'M':
			total += v * 60
		case 'S':
			total += v
		}
		rest = rest[i+1:]
	}
	ms, err := toMS(total, 1000)
	return ms, err == nil
}
