package transcript

import (
	"cmp"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// amazonDoc is the part of an Amazon Transcribe Call Analytics output, or an
// Amazon Connect Contact Lens analysis file, that holds the conversation.
// Call Analytics writes ParticipantRole on each item; Contact Lens writes
// ParticipantId and lists the roles under Participants.
type amazonDoc struct {
	JobName          string `json:"JobName"`
	LanguageCode     string `json:"LanguageCode"`
	CustomerMetadata struct {
		ContactID string `json:"ContactId"`
	} `json:"CustomerMetadata"`
	Participants []struct {
		ParticipantID   string `json:"ParticipantId"`
		ParticipantRole string `json:"ParticipantRole"`
	} `json:"Participants"`
	Transcript []struct {
		ID                string   `json:"Id"`
		ParticipantID     string   `json:"ParticipantId"`
		ParticipantRole   string   `json:"ParticipantRole"`
		Content           string   `json:"Content"`
		BeginOffsetMillis *float64 `json:"BeginOffsetMillis"`
		EndOffsetMillis   *float64 `json:"EndOffsetMillis"`
		// AbsoluteTime is set on Contact Lens chat transcripts, which have
		// no offsets.
		AbsoluteTime string `json:"AbsoluteTime"`
		// ContentType marks chat events (joins, typing, chat.ended),
		// which are not speech.
		ContentType string `json:"ContentType"`
	} `json:"Transcript"`
}

// platformRole maps a platform's participant role to a speaker. drop is true
// for participants that are neither side of the conversation: IVR, queue,
// bots, system messages.
func platformRole(role string) (sp assistant.Speaker, drop bool) {
	switch strings.ToLower(strings.TrimSpace(role)) {
	case "agent", "human_agent", "internal":
		return assistant.Agent, false
	case "customer", "end_user", "external":
		return assistant.Customer, false
	case "system", "ivr", "acd", "bot", "automated_agent", "virtual_agent", "voicemail", "fax", "workflow", "queue", "supervisor", "monitor":
		return "", true
	}
	return "", false
}

// readAmazon reads Amazon Transcribe Call Analytics and Contact Lens JSON.
func readAmazon(data []byte) (*source, error) {
	var doc amazonDoc
	if err := decodeJSON(data, &doc); err != nil {
		return nil, err
	}
	if len(doc.Transcript) == 0 {
		return nil, readError(assistant.EInvalid, assistant.ReadProblem{Code: ReadMissing, Format: "amazon", Field: `items in "Transcript"`})
	}
	roles := map[string]string{}
	for _, p := range doc.Participants {
		roles[p.ParticipantID] = p.ParticipantRole
	}
	src := &source{method: assistant.MappingPlatform, language: doc.LanguageCode,
		externalID: cmp.Or(doc.CustomerMetadata.ContactID, doc.JobName)}
	var base time.Time
	for i, item := range doc.Transcript {
		where := fmt.Sprintf("Transcript[%d]", i)
		role := item.ParticipantRole
		if role == "" {
			role = roles[item.ParticipantID]
		}
		if role == "" {
			role = item.ParticipantID
		}
		var at time.Time
		if item.BeginOffsetMillis == nil && item.AbsoluteTime != "" {
			var err error
			if at, err = time.Parse(time.RFC3339Nano, item.AbsoluteTime); err != nil {
				return nil, assistant.Errorf(assistant.EInvalid, "%s.AbsoluteTime %q is not an RFC 3339 time.", where, item.AbsoluteTime)
			}
			// Chat times count from the first message, system ones too.
			if base.IsZero() {
				base = at
				src.occurredAt = at
			}
		}
		sp, drop := platformRole(role)
		if drop || isChatEvent(item.ContentType, item.Content) {
			continue
		}
		label := cmp.Or(item.ParticipantID, item.ParticipantRole)
		if label == "" && strings.TrimSpace(item.Content) == "" {
			continue // an event of the chat itself, without text
		}
		if label == "" {
			return nil, assistant.Errorf(assistant.EInvalid, "%s has neither ParticipantRole nor ParticipantId.", where)
		}
		seg := segment{label: label, role: sp, text: item.Content, where: where}
		var err error
		if seg.start, err = msField(item.BeginOffsetMillis, 1, where+".BeginOffsetMillis"); err != nil {
			return nil, err
		}
		if seg.end, err = msField(item.EndOffsetMillis, 1, where+".EndOffsetMillis"); err != nil {
			return nil, err
		}
		if !at.IsZero() {
			seg.start = max(0, at.Sub(base).Milliseconds())
		}
		src.segments = append(src.segments, seg)
	}
	sortByStart(src.segments)
	return src, nil
}

// isChatEvent reports whether a Contact Lens chat item is an event rather
// than a message: joins, leaves, typing and chat.ended carry an event
// content type and no text, and chat.ended has no participant either. They
// are skipped, never a reason to refuse the file.
func isChatEvent(contentType, content string) bool {
	return strings.HasPrefix(strings.ToLower(contentType), "application/vnd.amazonaws.connect.event.") && strings.TrimSpace(content) == ""
}

// sortByStart orders speech-to-text segments by start time; platforms write
// the two channels' segments interleaved, not always in order.
func sortByStart(segs []segment) {
	sort.SliceStable(segs, func(i, j int) bool { return segs[i].start < segs[j].start })
}
