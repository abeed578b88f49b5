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
	// Exchange is set for agent turns that a customer turn answers: how
	// the customer answered.
	Exchange *Exchange `json:"exchange,omitempty"`
	// Hardship is set for an agent turn that grew more dominant or more
	// opposed right after the customer named hardship.
	Hardship *HardshipFlag `json:"hardship_flag,omitempty"`
}

// Pull says which way an agent turn drew the customer.
type Pull string

// The ways an agent turn can draw the customer.
const (
	// PullTogether: the customer answered together after being opposed,
	// or together in their first answer.
	PullTogether Pull = "toward-together"
	// PullOpposition: the same toward opposition.
	PullOpposition Pull = "toward-opposition"
	// PullNone: the customer stayed on the side they were on.
	PullNone Pull = "none"
	// PullUnclear: a stance was too uncertain to judge ("Hm.").
	PullUnclear Pull = "unclear"
)

// Side is one half of the rose's affiliation axis.
type Side string

// The two sides: affiliation invites its like, so which side the customer
// is on is what an agent's turn can change.
const (
	SideTogether Side = "together"
	SideOpposed  Side = "opposed"
)

// Exchange is an agent turn read with the customer turn that answers it.
type Exchange struct {
	// CustomerTurn is the index of the customer turn that answers.
	CustomerTurn int      `json:"customer_turn"`
	Agent        Quadrant `json:"agent_quadrant"`
	Customer     Quadrant `json:"customer_quadrant"`
	// Expected is the quadrant the rose predicts the agent's turn invites
	// (see [Invited]); AsExpected says the customer answered from it.
	Expected   Quadrant `json:"expected_quadrant"`
	AsExpected bool     `json:"as_expected"`
	// Pull compares the side of the answer with the side of the customer's
	// turn before the agent's.
	Pull Pull `json:"pull"`
	// IntoOpposition says the agent's turn pushed the customer into
	// opposition: an opposed answer from a customer who was together, or
	// an opposed first answer to an opposed agent turn.
	IntoOpposition bool `json:"into_opposition"`
	// Clear is false when either stance was too uncertain to judge; such an
	// exchange is left out of the call's totals.
	Clear bool `json:"clear"`
}

// HardshipFlag marks an agent turn that grew more dominant or more opposed
// right after the customer named hardship: the moment a vulnerable customer
// most needs the agent to stay together.
type HardshipFlag struct {
	// CustomerTurn is the turn that named hardship, Driver the kind of
	// vulnerability, Topic what it is about ("death" for a bereavement) and
	// Cue the words that named it.
	CustomerTurn int    `json:"customer_turn"`
	Driver       Driver `json:"driver"`
	Topic        string `json:"topic,omitempty"`
	Cue          string `json:"cue"`
	// ComparedTo is the agent's turn before, the baseline; -1 when the
	// agent had not spoken and the centre of the rose was the baseline.
	// Hardship calls for moving toward the customer, so an agent who was
	// on the opposed side already and stays there is more opposed too, and
	// Affiliation is then measured from the centre of the rose.
	ComparedTo   int  `json:"compared_to"`
	MoreDominant bool `json:"more_dominant"`
	MoreOpposed  bool `json:"more_opposed"`
	// Dominance and Affiliation are the agent's moves along each axis.
	Dominance   float64 `json:"dominance_change"`
	Affiliation float64 `json:"affiliation_change"`
}

// Tipping is where a call tipped: the last time the customer changed sides,
// after which they stayed on the new side to the end of the call.
type Tipping struct {
	// AgentTurn is the agent turn the customer answered by changing sides
	// (-1 when the agent had not spoken), CustomerTurn the answer.
	AgentTurn    int  `json:"agent_turn"`
	CustomerTurn int  `json:"customer_turn"`
	Into         Side `json:"into"`
}

// Dynamics sums up how the agent's turns moved the customer over a call.
type Dynamics struct {
	// Exchanges counts the agent turns answered by a customer turn whose
	// stances were clear enough to judge; Together how many of those
	// answers were together (above or below); AsExpected how many came
	// from the quadrant the rose predicts.
	Exchanges  int `json:"exchanges"`
	Together   int `json:"together"`
	AsExpected int `json:"as_expected"`
	// PushedIntoOpposition counts the agent turns that pushed the customer
	// into opposition.
	PushedIntoOpposition int `json:"pushed_into_opposition"`
	// Tipping is nil when the customer never changed sides.
	Tipping *Tipping `json:"tipping,omitempty"`
	// HardshipFlags counts the agent turns with a HardshipFlag.
	HardshipFlags int `json:"hardship_flags"`
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
	// Dynamics is how the agent's turns moved the customer.
	Dynamics Dynamics `json:"dynamics"`
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
