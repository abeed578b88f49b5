package assistant

import "time"

// Turn is what one speaker says before the other takes over. Consecutive
// segments of one speaker (as speech-to-text cuts them) form a single turn.
type Turn struct {
	// Index is the position of the turn in the call, from 0.
	Index   int     `json:"index"`
	Speaker Speaker `json:"speaker"`
	Text    string  `json:"text"`
	// StartMS and EndMS are milliseconds from the start of the call; both are
	// zero when the transcript carries no times. EndMS is zero when only a
	// start was given.
	StartMS int64 `json:"start_ms"`
	EndMS   int64 `json:"end_ms"`
	// Language is set when the source says which language this turn is in;
	// otherwise the call's language applies.
	Language Language `json:"language,omitempty"`
	// SourceSpeaker is the label the transcript used for the speaker
	// ("Medewerker", "SPEAKER_00", "Anna de Vries"), kept so a trainer can see
	// how the speakers were mapped.
	SourceSpeaker string `json:"source_speaker,omitempty"`
}

// MappingMethod says how the speakers of a transcript were told apart.
type MappingMethod string

// The ways speakers get mapped, from most to least trustworthy.
const (
	// MappingLabels: the transcript's own labels say agent and customer
	// ("Agent:", "Klant:", <v Agent>, "speaker":"agent").
	MappingLabels MappingMethod = "labels"
	// MappingDeclared: the request named the agent or customer speaker.
	MappingDeclared MappingMethod = "declared"
	// MappingPlatform: the contact-centre platform's own roles (AGENT/CUSTOMER).
	MappingPlatform MappingMethod = "platform"
	// MappingInferred: a heuristic on what was said; see Confidence.
	MappingInferred MappingMethod = "inferred"
)

// SpeakerMapping records how the transcript's speakers became agent and
// customer, so that a trainer can trust or correct it.
type SpeakerMapping struct {
	Method MappingMethod `json:"method"`
	// Confidence is in [0, 1]; 1 for every method but MappingInferred.
	Confidence float64 `json:"confidence"`
	// Agent and Customer list the source labels mapped to each speaker.
	Agent    []string `json:"agent,omitempty"`
	Customer []string `json:"customer,omitempty"`
	// Reason explains an inferred mapping in a sentence.
	Reason string `json:"reason,omitempty"`
}

// Transcript is a parsed call: who spoke, what, and when, plus the metadata
// the source carried.
type Transcript struct {
	// ExternalID is the caller's own identifier of the call; together with
	// AgentID it makes a re-post idempotent.
	ExternalID string `json:"external_id,omitempty"`
	AgentID    string `json:"agent_id,omitempty"`
	// TeamID is the agent's team when the call was made; it stays with the
	// call when the agent moves to another team.
	TeamID string `json:"team_id,omitempty"`
	// AccountRef is the creditor's own reference of the debt the call is
	// about; the rules that count calls per debt count by it. It is the only
	// thing rooscoach keeps of an account: no name, no address.
	AccountRef string `json:"account_ref,omitempty"`
	// TimeZone is the customer's IANA time zone ("Europe/Amsterdam"), for
	// the rules on calling hours.
	TimeZone string `json:"time_zone,omitempty"`
	// Jurisdiction names the compliance pack the call is checked against
	// (nl, uk, us); empty to infer it from the call.
	Jurisdiction string `json:"jurisdiction,omitempty"`
	// TeamJurisdiction is the default jurisdiction of the call's team, set
	// by the use case that knows the team; it counts only when the call
	// names none.
	TeamJurisdiction string `json:"-"`
	// Language is the language of the call; detected when not given.
	Language   Language  `json:"language"`
	OccurredAt time.Time `json:"occurred_at,omitzero"`
	// Format names the source format, such as "text", "json", "webvtt",
	// "amazon", "genesys", "ccai", "whisper", "vcon".
	Format  string         `json:"format"`
	Mapping SpeakerMapping `json:"speaker_mapping"`
	Turns   []Turn         `json:"turns"`
}

// AgentTurns returns how many turns the agent speaks.
func (t *Transcript) AgentTurns() int {
	n := 0
	for _, turn := range t.Turns {
		if turn.Speaker == Agent {
			n++
		}
	}
	return n
}
