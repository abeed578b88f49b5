package transcript

import (
	"cmp"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// transcribeDoc is the standard output of an Amazon Transcribe batch job
// (not Call Analytics): the transcript as text, the recognised items, and
// speaker or channel labels when diarization or channel identification was
// on. Times are seconds written as strings ("4.87").
type transcribeDoc struct {
	JobName string `json:"jobName"`
	Results *struct {
		LanguageCode  string `json:"language_code"`
		SpeakerLabels *struct {
			Segments []struct {
				SpeakerLabel string `json:"speaker_label"`
				Items        []struct {
					StartTime    string `json:"start_time"`
					SpeakerLabel string `json:"speaker_label"`
				} `json:"items"`
			} `json:"segments"`
		} `json:"speaker_labels"`
		ChannelLabels *struct {
			Channels []struct {
				ChannelLabel string           `json:"channel_label"`
				Items        []transcribeItem `json:"items"`
			} `json:"channels"`
		} `json:"channel_labels"`
		Items         []transcribeItem `json:"items"`
		AudioSegments []struct {
			Transcript   string `json:"transcript"`
			StartTime    string `json:"start_time"`
			EndTime      string `json:"end_time"`
			SpeakerLabel string `json:"speaker_label"`
			ChannelLabel string `json:"channel_label"`
		} `json:"audio_segments"`
		Transcripts []struct {
			Transcript string `json:"transcript"`
		} `json:"transcripts"`
	} `json:"results"`
}

type transcribeItem struct {
	Type         string `json:"type"`
	StartTime    string `json:"start_time"`
	EndTime      string `json:"end_time"`
	SpeakerLabel string `json:"speaker_label"`
	ChannelLabel string `json:"channel_label"`
	LanguageCode string `json:"language_code"`
	Alternatives []struct {
		Content string `json:"content"`
	} `json:"alternatives"`
}

// readTranscribe reads Amazon Transcribe's standard JSON. Speakers are the
// labels it writes, spk_0 and spk_1 for diarized speakers and ch_0 and ch_1
// for channels; which one is the agent is for the request to declare or the
// mapping to infer. Newer outputs carry audio_segments, sentences with their
// speaker, which are read as they are; otherwise the items are joined into
// runs of one speaker. A job without diarization or channels names no
// speakers.
func readTranscribe(data []byte) (*source, error) {
	var doc transcribeDoc
	if err := decodeJSON(data, &doc); err != nil {
		return nil, err
	}
	r := doc.Results
	if r == nil {
		var top map[string]json.RawMessage
		if json.Unmarshal(data, &top) == nil && top["Transcript"] != nil {
			// Call Analytics output forced as "transcribe".
			return readAmazon(data)
		}
		return nil, readError(assistant.EInvalid, assistant.ReadProblem{Code: ReadMissing, Format: "transcribe", Field: `"results"`, Kind: "cut"})
	}
	src := &source{method: assistant.MappingLabels, language: r.LanguageCode, externalID: doc.JobName}

	labelled := false
	for _, a := range r.AudioSegments {
		if a.SpeakerLabel != "" || a.ChannelLabel != "" {
			labelled = true
		}
	}
	if labelled {
		for i, a := range r.AudioSegments {
			where := fmt.Sprintf("results.audio_segments[%d]", i)
			label := cmp.Or(a.SpeakerLabel, a.ChannelLabel)
			if label == "" {
				return nil, assistant.Errorf(assistant.EInvalid, "%s has neither speaker_label nor channel_label, though other segments have one.", where)
			}
			seg := segment{label: label, text: a.Transcript, where: where}
			var err error
			if seg.start, err = secondsString(a.StartTime, where+".start_time"); err != nil {
				return nil, err
			}
			if seg.end, err = secondsString(a.EndTime, where+".end_time"); err != nil {
				return nil, err
			}
			src.segments = append(src.segments, seg)
		}
		sortByStart(src.segments)
		return src, nil
	}

	// Old outputs put the speaker only in speaker_labels, keyed by the
	// items' start times.
	speakerAt := map[string]string{}
	if r.SpeakerLabels != nil {
		for _, s := range r.SpeakerLabels.Segments {
			for _, it := range s.Items {
				speakerAt[it.StartTime] = cmp.Or(it.SpeakerLabel, s.SpeakerLabel)
			}
		}
	}
	items, path := r.Items, "results.items"
	var channelOf []string
	if len(items) == 0 && r.ChannelLabels != nil {
		path = "results.channel_labels.channels"
		for _, ch := range r.ChannelLabels.Channels {
			for _, it := range ch.Items {
				items = append(items, it)
				channelOf = append(channelOf, ch.ChannelLabel)
			}
		}
	}
	if len(items) == 0 {
		if len(r.Transcripts) > 0 && strings.TrimSpace(r.Transcripts[0].Transcript) != "" {
			src.noSpeakers = true
			src.segments = []segment{{text: r.Transcripts[0].Transcript, where: "results.transcripts[0]"}}
			return src, nil
		}
		return nil, assistant.Errorf(assistant.EInvalid, "The Amazon Transcribe output has no items in \"results.items\" and no transcript.")
	}
	words := make([]word, 0, len(items))
	named := false
	var prevStart int64
	for i, it := range items {
		where := fmt.Sprintf("%s[%d]", path, i)
		if len(it.Alternatives) == 0 {
			return nil, assistant.Errorf(assistant.EInvalid, "%s has no alternatives, so it holds no word.", where)
		}
		w := word{text: strings.TrimSpace(it.Alternatives[0].Content), where: where}
		w.label = cmp.Or(it.SpeakerLabel, speakerAt[it.StartTime])
		if w.label == "" {
			w.label = it.ChannelLabel
		}
		if w.label == "" && channelOf != nil {
			w.label = channelOf[i]
		}
		switch strings.ToLower(it.Type) {
		case "punctuation":
			w.glue = true
			w.start = prevStart
		case "pronunciation", "":
			var err error
			if w.start, err = secondsString(it.StartTime, where+".start_time"); err != nil {
				return nil, err
			}
			if w.end, err = secondsString(it.EndTime, where+".end_time"); err != nil {
				return nil, err
			}
			if w.end != 0 && w.end < w.start {
				return nil, readError(assistant.EInvalid, assistant.ReadProblem{Code: ReadEndsBeforeStart, Kind: "seconds", Path: where, Value: fmt.Sprint(it.EndTime), Before: fmt.Sprint(it.StartTime)})
			}
			prevStart = w.start
		default:
			return nil, assistant.Errorf(assistant.EInvalid, "%s has type %q; Amazon Transcribe writes pronunciation or punctuation.", where, it.Type)
		}
		if w.label != "" {
			named = true
		} else if w.glue && len(words) > 0 {
			w.label = words[len(words)-1].label
		}
		if w.text == "" {
			continue
		}
		words = append(words, w)
	}
	if !named {
		src.noSpeakers = true
	} else {
		fillLabels(words)
	}
	// Channels are written one after the other; speech goes by time. The
	// sort is stable and punctuation carries its word's start, so it stays
	// behind its word.
	sort.SliceStable(words, func(i, j int) bool { return words[i].start < words[j].start })
	src.segments = wordsToSegments(words)
	return src, nil
}

// secondsString reads a time in seconds written as a string ("4.87"), as
// Amazon Transcribe and Speechmatics write them; "" is no time.
func secondsString(s, name string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, assistant.Errorf(assistant.EInvalid, "%s: %q is not a time in seconds.", name, clip(s, 20))
	}
	return msField(&v, 1000, name)
}
