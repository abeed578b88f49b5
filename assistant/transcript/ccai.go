package transcript

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// ccaiDoc is a Google Contact Center AI Insights conversation: the upload
// format (entries[] with role, user_id and start_timestamp_usec) or the
// Conversation resource the API returns (transcript.transcriptSegments[]).
type ccaiDoc struct {
	Name         string `json:"name"`
	LanguageCode string `json:"languageCode"`
	StartTime    string `json:"startTime"`
	Entries      []struct {
		Text               string          `json:"text"`
		Role               string          `json:"role"`
		UserID             json.RawMessage `json:"user_id"`
		StartTimestampUsec json.RawMessage `json:"start_timestamp_usec"`
	} `json:"entries"`
	Transcript struct {
		TranscriptSegments []struct {
			Text               string `json:"text"`
			LanguageCode       string `json:"languageCode"`
			ChannelTag         *int   `json:"channelTag"`
			MessageTime        string `json:"messageTime"`
			SegmentParticipant struct {
				Role   string `json:"role"`
				UserID string `json:"userId"`
			} `json:"segmentParticipant"`
			Words []struct {
				StartOffset string `json:"startOffset"`
				EndOffset   string `json:"endOffset"`
			} `json:"words"`
		} `json:"transcriptSegments"`
	} `json:"transcript"`
}

// readCCAI reads a CCAI Insights conversation. Turns of the automated agent
// (a virtual agent) are dropped; timestamps in microseconds since the epoch
// become offsets from the first entry.
func readCCAI(data []byte) (*source, error) {
	var doc ccaiDoc
	if err := decodeJSON(data, &doc); err != nil {
		return nil, err
	}
	src := &source{method: assistant.MappingPlatform, language: doc.LanguageCode, externalID: lastPathPart(doc.Name)}
	if at, err := time.Parse(time.RFC3339Nano, doc.StartTime); err == nil {
		src.occurredAt = at
	}
	switch {
	case len(doc.Entries) > 0:
		base := int64(math.MaxInt64)
		for i, e := range doc.Entries {
			where := fmt.Sprintf("entries[%d]", i)
			usec, err := rawNumber(e.StartTimestampUsec)
			if err != nil {
				return nil, assistant.Errorf(assistant.EInvalid, "%s.start_timestamp_usec: %v.", where, err)
			}
			start, err := msField(usec, 0.001, where+".start_timestamp_usec")
			if err != nil {
				return nil, err
			}
			base = min(base, start)
			sp, drop := platformRole(e.Role)
			if drop {
				continue
			}
			label := e.Role
			if !sp.Valid() {
				id := strings.Trim(string(bytes.TrimSpace(e.UserID)), `"`)
				if id == "" {
					return nil, assistant.Errorf(assistant.EInvalid, "%s has neither a known role nor a user_id.", where)
				}
				label = "user " + id
			}
			src.segments = append(src.segments, segment{label: label, role: sp, text: e.Text, start: start, where: where})
		}
		for i := range src.segments {
			src.segments[i].start = relativeTo(src.segments[i].start, base)
		}
	case len(doc.Transcript.TranscriptSegments) > 0:
		var base time.Time
		for i, ts := range doc.Transcript.TranscriptSegments {
			where := fmt.Sprintf("transcript.transcriptSegments[%d]", i)
			sp, drop := platformRole(ts.SegmentParticipant.Role)
			if drop {
				continue
			}
			label := ts.SegmentParticipant.Role
			if !sp.Valid() {
				switch {
				case ts.SegmentParticipant.UserID != "":
					label = "user " + ts.SegmentParticipant.UserID
				case ts.ChannelTag != nil:
					label = fmt.Sprintf("channel %d", *ts.ChannelTag)
				default:
					return nil, assistant.Errorf(assistant.EInvalid, "%s has no participant role, user or channel.", where)
				}
			}
			seg := segment{label: label, role: sp, text: ts.Text, where: where}
			if l, err := assistant.ParseLanguage(ts.LanguageCode); err == nil && l != "" {
				seg.lang = l
			}
			if len(ts.Words) > 0 {
				var err error
				if seg.start, err = protoDuration(ts.Words[0].StartOffset, where+".words[0].startOffset"); err != nil {
					return nil, err
				}
				if seg.end, err = protoDuration(ts.Words[len(ts.Words)-1].EndOffset, where+".endOffset"); err != nil {
					return nil, err
				}
			} else if ts.MessageTime != "" {
				at, err := time.Parse(time.RFC3339Nano, ts.MessageTime)
				if err != nil {
					return nil, assistant.Errorf(assistant.EInvalid, "%s.messageTime %q is not an RFC 3339 time.", where, ts.MessageTime)
				}
				if base.IsZero() {
					base = at
				}
				seg.start = max(0, at.Sub(base).Milliseconds())
			}
			src.segments = append(src.segments, seg)
		}
	default:
		return nil, assistant.Errorf(assistant.EInvalid, "The CCAI conversation has no entries (\"entries\" or \"transcript.transcriptSegments\").")
	}
	sortByStart(src.segments)
	return src, nil
}

// rawNumber reads a JSON number that protobuf JSON may also write as a
// string ("1000000"); absent is nil.
func rawNumber(raw json.RawMessage) (*float64, error) {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" {
		return nil, nil
	}
	s = strings.Trim(s, `"`)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, fmt.Errorf("%s is not a number", clip(string(raw), 30))
	}
	return &v, nil
}

// protoDuration reads a protobuf JSON duration such as "1.500s" as ms.
func protoDuration(s, name string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "s"), 64)
	if err != nil || !strings.HasSuffix(s, "s") {
		return 0, assistant.Errorf(assistant.EInvalid, "%s: %q is not a duration such as \"1.5s\".", name, s)
	}
	return msField(&v, 1000, name)
}

func lastPathPart(s string) string {
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		return s[i+1:]
	}
	return s
}
