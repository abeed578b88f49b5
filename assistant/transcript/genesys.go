package transcript

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// genesysDoc is a Genesys Cloud conversation transcript, as the Speech and
// Text Analytics transcript URL serves it.
type genesysDoc struct {
	ConversationID        string   `json:"conversationId"`
	CommunicationID       string   `json:"communicationId"`
	ConversationStartTime *float64 `json:"conversationStartTime"`
	// Participants hold each participant's purpose and the window of the
	// call they were in; Genesys labels the IVR, the queue and the agent
	// all "internal" in phrases, so the windows tell them apart.
	Participants []struct {
		ParticipantPurpose string   `json:"participantPurpose"`
		StartTimeMs        *float64 `json:"startTimeMs"`
		EndTimeMs          *float64 `json:"endTimeMs"`
	} `json:"participants"`
	Transcripts []struct {
		Language string `json:"language"`
		Phrases  []struct {
			Text               string   `json:"text"`
			DecoratedText      string   `json:"decoratedText"`
			ParticipantPurpose string   `json:"participantPurpose"`
			StartTimeMs        *float64 `json:"startTimeMs"`
			Duration           struct {
				Milliseconds *float64 `json:"milliseconds"`
			} `json:"duration"`
		} `json:"phrases"`
	} `json:"transcripts"`
}

// readGenesys reads a Genesys Cloud transcript. Phrases of the IVR, the
// queue (acd), bots and other system participants are dropped: they are
// neither the agent nor the customer. An "internal" phrase is the agent's
// only when it falls in the window of an agent participant, where the file
// lists participants. Times are epoch milliseconds and become offsets from
// the start of the conversation, or from the first phrase when the start is
// not given.
func readGenesys(data []byte) (*source, error) {
	var doc genesysDoc
	if err := decodeJSON(data, &doc); err != nil {
		return nil, err
	}
	src := &source{method: assistant.MappingPlatform, externalID: doc.ConversationID}
	if doc.ConversationStartTime != nil && *doc.ConversationStartTime > 0 && *doc.ConversationStartTime < 1e14 {
		src.occurredAt = time.UnixMilli(int64(*doc.ConversationStartTime)).UTC()
	}
	base := int64(math.MaxInt64)
	phrases := 0
	for ti, tr := range doc.Transcripts {
		if src.language == "" {
			src.language = tr.Language
		}
		for pi, p := range tr.Phrases {
			phrases++
			where := fmt.Sprintf("transcripts[%d].phrases[%d]", ti, pi)
			start, err := msField(p.StartTimeMs, 1, where+".startTimeMs")
			if err != nil {
				return nil, err
			}
			base = min(base, start)
			purpose := strings.ToLower(strings.TrimSpace(p.ParticipantPurpose))
			if purpose == "internal" {
				purpose = doc.internalPurpose(start)
			}
			sp, drop := platformRole(purpose)
			if purpose == "user" {
				sp = assistant.Agent
			}
			if drop {
				continue
			}
			if purpose == "" {
				return nil, readError(assistant.EInvalid, assistant.ReadProblem{Code: ReadMissing, Path: where, Field: "participantPurpose"})
			}
			dur, err := msField(p.Duration.Milliseconds, 1, where+".duration.milliseconds")
			if err != nil {
				return nil, err
			}
			text := p.DecoratedText
			if strings.TrimSpace(text) == "" {
				text = p.Text
			}
			seg := segment{label: p.ParticipantPurpose, role: sp, text: text, start: start, where: where}
			if p.Duration.Milliseconds != nil {
				seg.end = start + min(dur, maxMS)
			}
			if l, err := assistant.ParseLanguage(tr.Language); err == nil && l != "" {
				seg.lang = l
			}
			src.segments = append(src.segments, seg)
		}
	}
	if phrases == 0 {
		return nil, readError(assistant.EInvalid, assistant.ReadProblem{Code: ReadMissing, Format: "genesys", Field: `phrases in "transcripts[].phrases"`})
	}
	if doc.ConversationStartTime != nil {
		if cs, err := toMS(*doc.ConversationStartTime, 1); err == nil && cs <= base {
			base = cs
		}
	}
	for i := range src.segments {
		s := &src.segments[i]
		rel := relativeTo(s.start, base)
		if s.end != 0 {
			s.end = rel + (s.end - s.start)
		}
		s.start = rel
	}
	sortByStart(src.segments)
	return src, nil
}

// internalPurpose says whose an "internal" phrase starting at start (epoch
// ms) is: the purpose of the non-customer participant whose window holds it,
// else of the nearest such window, else "internal" (the agent) when the file
// lists no participants.
func (doc *genesysDoc) internalPurpose(start int64) string {
	best, dist := "internal", int64(math.MaxInt64)
	for _, p := range doc.Participants {
		purpose := strings.ToLower(strings.TrimSpace(p.ParticipantPurpose))
		if purpose == "" || purpose == "customer" || purpose == "external" || p.StartTimeMs == nil {
			continue
		}
		from := int64(*p.StartTimeMs)
		to := int64(math.MaxInt64)
		if p.EndTimeMs != nil {
			to = int64(*p.EndTimeMs)
		}
		d := int64(0)
		switch {
		case start < from:
			d = from - start
		case start >= to:
			d = start - to + 1
		}
		if d < dist {
			best, dist = purpose, d
		}
	}
	return best
}
