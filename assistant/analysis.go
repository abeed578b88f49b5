package assistant

// Effect says what an agent turn does to the customer's stance before it.
type Effect string

// Effects of an agent turn on the conversation, by Leary's rules: dominance
// invites its complement, affiliation invites its like.
const (
	Deescalates Effect = "de-escalates"
	Escalates   Effect = "escalates"
	Neutral     Effect = "neutral"
)

// Response is how an agent turn answered the customer turn before it.
type Response struct {
	// ToTurn is the index of the customer turn answered.
	ToTurn   int      `json:"to_turn"`
	Customer Quadrant `json:"customer_quadrant"`
	Agent    Quadrant `json:"agent_quadrant"`
	Effect   Effect   `json:"effect"`
}

// TurnAnalysis is a turn with everything rooscoach found in it.
type TurnAnalysis struct {
	// ID is the stored turn's identifier, set once the call is stored, so
	// that a trainer's review can point at the turn.
	ID int64 `json:"id,omitempty"`
	Turn
	Stance Stance `json:"stance"`
	// Response is set for agent turns that follow a customer turn.
	Response *Response `json:"response,omitempty"`
	// Phrasing is set for agent turns.
	Phrasing *Phrasing `json:"phrasing,omitempty"`
}

// ClosingStance is where the agent stands at the end of the call, the part
// customers remember best.
type ClosingStance struct {
	// Turns are the indexes of the closing agent turns considered.
	Turns       []int    `json:"turns"`
	Quadrant    Quadrant `json:"quadrant"`
	TargetShare float64  `json:"target_share"`
}

// Summary is the stance picture of a call's agent turns.
type Summary struct {
	AgentTurns    int                  `json:"agent_turns"`
	QuadrantShare map[Quadrant]float64 `json:"quadrant_share"`
	OctantShare   map[Octant]float64   `json:"octant_share"`
	// TargetShare is the share of agent turns in the target quadrant.
	TargetShare   float64       `json:"target_share"`
	Escalations   int           `json:"escalations"`
	Deescalations int           `json:"deescalations"`
	Closing       ClosingStance `json:"closing"`
}

// Analysis is the coaching record of a call before it is stored.
type Analysis struct {
	Language Language       `json:"language"`
	Format   string         `json:"format"`
	Mapping  SpeakerMapping `json:"speaker_mapping"`
	Turns    []TurnAnalysis `json:"turns"`
	Summary  Summary        `json:"summary"`
	// Readability is the agent turns' readability taken together.
	Readability Readability       `json:"readability"`
	JargonCount int               `json:"jargon_count"`
	Closing     ClosingCheck      `json:"closing"`
	Arrangement ArrangementAdvice `json:"arrangement"`
	// Compliance is the call checked against the compliance rules of its
	// jurisdiction; nil when the analyser has no compliance checker.
	Compliance *Compliance `json:"compliance,omitempty"`
	// Flagged marks a call where the customer showed vulnerability or could
	// not afford any payment, or where a compliance rule asks a trainer to
	// look (a customer in crisis).
	Flagged bool `json:"flagged"`
	// Engines says which engine produced each part.
	Engines []EngineRun `json:"engines"`
	// AfterCallSummary and DraftReview are written by a language-model
	// engine; nil when none was asked or it failed (Engines says why).
	AfterCallSummary *AfterCallSummary `json:"after_call_summary,omitempty"`
	DraftReview      *DraftReview      `json:"draft_review,omitempty"`
	// LLMUsage is what the language model cost for this call; nil when
	// none was asked.
	LLMUsage *Usage `json:"llm_usage,omitempty"`
}
