package assistant

// FactKind names a fact about the customer's money taken from a call.
type FactKind string

// Facts the extraction reports.
const (
	FactOutstanding   FactKind = "outstanding"   // the amount still owed
	FactOffer         FactKind = "offer"         // what the customer says they can pay, per month
	FactIncome        FactKind = "income"        // monthly income
	FactCosts         FactKind = "costs"         // monthly essential costs
	FactPayday        FactKind = "payday"        // day of the month money comes in
	FactVulnerability FactKind = "vulnerability" // a cue of vulnerability (job loss, illness, …)
)

// Fact is one thing the call says about the customer's situation, with where
// it was said.
type Fact struct {
	Kind FactKind `json:"kind"`
	// Amount is set for money facts, normalised to per month where a period
	// was given.
	Amount *Money `json:"amount,omitempty"`
	// Day is the day of the month for FactPayday.
	Day int `json:"day,omitempty"`
	// Cue names the vulnerability driver for FactVulnerability.
	Cue Driver `json:"cue,omitempty"`
	// TurnIndex, Text, Start and End point at the source: the turn and the
	// rune offsets of the matched text in it.
	TurnIndex int    `json:"turn_index"`
	Text      string `json:"text"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	// Ambiguous is true when the amount could not be read with certainty; such
	// a fact is reported, never used to compute options.
	Ambiguous bool   `json:"ambiguous,omitempty"`
	Note      string `json:"note,omitempty"`
}

// Driver names what makes a customer vulnerable. The first four are the
// drivers of FCA FG21/1; DriverCrisis (self-harm or suicide) stops
// collection talk at once and outranks the others everywhere.
type Driver string

// Vulnerability drivers.
const (
	DriverHealth     Driver = "health"
	DriverLifeEvent  Driver = "life-event"
	DriverResilience Driver = "resilience"
	DriverCapability Driver = "capability"
	DriverCrisis     Driver = "crisis"
)

// OptionKind names the shape of a payment arrangement.
type OptionKind string

// Arrangement option kinds.
const (
	OptionCustomerProposal OptionKind = "customer-proposal"
	OptionInstalments      OptionKind = "instalment-plan"
	OptionStepped          OptionKind = "stepped-plan"
	OptionDeferral         OptionKind = "deferral-then-plan"
	OptionReferral         OptionKind = "referral"
)

// Payment is one due payment of a schedule.
type Payment struct {
	// Due is the date as YYYY-MM-DD.
	Due    string `json:"due"`
	Amount Money  `json:"amount"`
}

// ArrangementOption is one way the customer could pay, ranked by the engine.
type ArrangementOption struct {
	Kind    OptionKind `json:"kind"`
	Monthly Money      `json:"monthly"`
	Months  int        `json:"months"`
	// Schedule adds up exactly to the total; the last payment absorbs the
	// remainder.
	Schedule   []Payment `json:"schedule"`
	Total      Money     `json:"total"`
	FitsPolicy bool      `json:"fits_policy"`
	Realistic  bool      `json:"realistic"`
	// Why says why the option is or is not realistic; Script is what the agent
	// can say, in the call's language.
	Why    string `json:"why"`
	Script string `json:"script"`
	// DeferralMonths is how many months pass before the first payment of a
	// deferral-then-plan; the term in policy is DeferralMonths + Months.
	DeferralMonths int `json:"deferral_months,omitempty"`
	// Waived is set when the option asks the creditor to waive the costs; Total
	// is then the debt without them.
	Waived *Money `json:"waived,omitempty"`
}

// Referral points a customer who cannot pay, or who shows vulnerability, to
// breathing space and free debt help.
type Referral struct {
	Jurisdiction string `json:"jurisdiction"`
	Reason       string `json:"reason"`
	Text         string `json:"text"`
}

// ArrangementAdvice is what the arrangement engine makes of a call.
type ArrangementAdvice struct {
	Facts   []Fact              `json:"facts"`
	Options []ArrangementOption `json:"options"`
	// Referral is set when no affordable option exists or the customer shows
	// vulnerability; Flagged then marks the coaching record.
	Referral *Referral `json:"referral,omitempty"`
	Flagged  bool      `json:"flagged"`
}
