package assistant

import "time"

// FactKind names a fact about the customer's money taken from a call.
type FactKind string

// Facts the extraction reports.
const (
	FactOutstanding   FactKind = "outstanding"   // the amount still owed
	FactOffer         FactKind = "offer"         // what the customer says they can pay, per month
	FactIncome        FactKind = "income"        // monthly income
	FactCosts         FactKind = "costs"         // monthly essential costs, all or one budget category
	FactPayday        FactKind = "payday"        // when money comes in
	FactVulnerability FactKind = "vulnerability" // a cue of vulnerability (job loss, illness, …)
	// FactAgreed is the arrangement the agent and the customer settled on in
	// the call, kept apart from what the engine proposes so that the two can
	// be compared.
	//
	// A FactAgreed without Amount is a referral to free debt help (the
	// municipality's schuldhulpverlening, StepChange, Citizens Advice,
	// National Debtline) that the call settled on instead of a payment:
	// Text names the help, Promise says the customer said yes to it.
	FactAgreed FactKind = "agreed"
)

// Outcomes of a call, in AgreementCheck.Outcome.
const (
	OutcomeArrangement = "arrangement" // an arrangement to pay
	OutcomeReferral    = "referral"    // a referral to free debt help, nothing agreed to pay
)

// Frequency says how often an agreed amount is paid.
type Frequency string

// Frequencies of an agreed arrangement.
const (
	Monthly     Frequency = "month"
	Weekly      Frequency = "week"
	Fortnightly Frequency = "fortnight"
	Once        Frequency = "once"
)

// BudgetCategory is a category of essential spending, after the UK Standard
// Financial Statement (SFS) that debt advisers and creditors use.
type BudgetCategory string

// Budget categories. The SFS groups them as home and contents, utilities and
// water, food and housekeeping, transport and travel, care and health
// (childcare), other essential costs, and priority debts.
const (
	CategoryHousing          BudgetCategory = "housing"
	CategoryUtilities        BudgetCategory = "utilities"
	CategoryFoodHousekeeping BudgetCategory = "food_housekeeping"
	CategoryTransport        BudgetCategory = "transport"
	CategoryChildcare        BudgetCategory = "childcare"
	CategoryOtherEssentials  BudgetCategory = "other_essentials"
	CategoryPriorityDebts    BudgetCategory = "priority_debts"
)

// BudgetCategories lists the categories in the SFS's order.
var BudgetCategories = []BudgetCategory{CategoryHousing, CategoryUtilities, CategoryFoodHousekeeping,
	CategoryTransport, CategoryChildcare, CategoryOtherEssentials, CategoryPriorityDebts}

// Valid reports whether c is one of BudgetCategories.
func (c BudgetCategory) Valid() bool {
	for _, k := range BudgetCategories {
		if c == k {
			return true
		}
	}
	return false
}

// Fact is one thing the call says about the customer's situation, with where
// it was said.
type Fact struct {
	Kind FactKind `json:"kind"`
	// Amount is set for money facts, normalised to per month where a period
	// was given; for FactAgreed it is one payment of Frequency.
	Amount *Money `json:"amount,omitempty"`
	// Category is the budget category of a FactCosts amount; empty when the
	// amount is all essential costs together.
	Category BudgetCategory `json:"category,omitempty"`
	// Day is the day of the month for FactPayday (31: the last day of every
	// month), and the day of the first payment of FactAgreed when the call
	// names a day but no month.
	Day int `json:"day,omitempty"`
	// Weekday and Nth give a payday that is a weekday of the month instead
	// of a day: "last Friday of the month" is friday and -1, "the first
	// Monday" monday and 1. Weekday "workday" means a working day: "the last
	// working day of the month".
	Weekday string `json:"weekday,omitempty"`
	Nth     int    `json:"nth,omitempty"`
	// Frequency, Date and Promise describe FactAgreed: how often Amount is
	// paid, the first payment date as YYYY-MM-DD when the call names one,
	// and whether the customer said yes to it.
	Frequency Frequency `json:"frequency,omitempty"`
	Date      string    `json:"date,omitempty"`
	Promise   bool      `json:"promise,omitempty"`
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

// OptionKind names the shape of a payment arrangement. A referral to debt
// help is not one: it is ArrangementAdvice.Referral.
type OptionKind string

// Arrangement option kinds: the shapes debt advisers use.
const (
	// OptionCustomerProposal is the customer's own amount, always first when
	// they named one that they can pay.
	OptionCustomerProposal OptionKind = "customer-proposal"
	// OptionInstalments is the lowest round amount that clears the debt
	// within the policy's term.
	OptionInstalments OptionKind = "instalment-plan"
	// OptionShortest asks the round amount just under policy's share of the
	// spare money: the shortest realistic term, one option among others.
	OptionShortest OptionKind = "shortest-plan"
	// OptionStepped starts low for a few months, then pays more.
	OptionStepped OptionKind = "stepped-plan"
	// OptionTemporary is a reduced amount for a few months, then a review:
	// "€ 25 a month for 3 months, then we look again".
	OptionTemporary OptionKind = "temporary-plan"
	// OptionToken is a nominal payment, below the policy's minimum, for a
	// customer with almost nothing left, until a review.
	OptionToken OptionKind = "token-payment"
	// OptionDeferral is a pause before the first payment.
	OptionDeferral OptionKind = "deferral-then-plan"
	// OptionSettlement is a lump sum the creditor accepts as full and final
	// payment; Waived is the part written off.
	OptionSettlement OptionKind = "settlement"
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
	// Schedule adds up exactly to Total; the last payment absorbs the
	// remainder.
	Schedule   []Payment `json:"schedule"`
	Total      Money     `json:"total"`
	FitsPolicy bool      `json:"fits_policy"`
	Realistic  bool      `json:"realistic"`
	// Risk marks a customer's own amount above the policy's share of what
	// they have left: allowed because they proposed it, but one to watch.
	Risk bool `json:"risk,omitempty"`
	// Step is the round step the monthly amount was rounded to, in minor
	// units (500 is € 5); 0 when it was left exact.
	Step int64 `json:"step,omitempty"`
	// Why says why the option is or is not realistic; Script is what the agent
	// can say, in the call's language.
	Why    string `json:"why"`
	Script string `json:"script"`
	// DeferralMonths is how many months pass before the first payment of a
	// deferral-then-plan; the term in policy is DeferralMonths + Months.
	DeferralMonths int `json:"deferral_months,omitempty"`
	// Waived is set when the option asks the creditor to waive the costs, or
	// for a settlement the part written off; Total is then the debt without
	// it.
	Waived *Money `json:"waived,omitempty"`
	// ReviewDate (YYYY-MM-DD) is when a temporary plan or token payment is
	// looked at again; the schedule runs until then only, and Remaining is
	// what is still owed at that date.
	ReviewDate string `json:"review_date,omitempty"`
	Remaining  *Money `json:"remaining,omitempty"`
	// Frozen says interest and charges stop while the plan runs, as the
	// policy allows for a customer in difficulty.
	Frozen bool `json:"frozen,omitempty"`
}

// Referral points a customer who cannot pay, or who shows vulnerability, to
// breathing space and free debt help.
type Referral struct {
	Jurisdiction string `json:"jurisdiction"`
	// Code says why: crisis, vulnerable, nothing (nothing is left to pay
	// with) or no-fit (what is left does not clear the debt within policy).
	Code   string `json:"code"`
	Reason string `json:"reason"`
	Text   string `json:"text"`
}

// ArrangementPolicy is what a creditor allows in an arrangement. Amounts
// are minor units of the debt's currency; zero values of the fields marked
// "0 means" take the default named.
type ArrangementPolicy struct {
	// MinInstalment is the smallest regular payment accepted; 0 accepts any.
	MinInstalment int64 `json:"min_instalment"`
	// MaxTermMonths is the longest arrangement, deferral included; at least 1.
	MaxTermMonths int `json:"max_term_months"`
	// MaxDeferralMonths is the longest pause before the first payment; 0
	// never offers a pause.
	MaxDeferralMonths int `json:"max_deferral_months"`
	// MayWaiveCosts lets the engine offer to drop the collection costs when
	// nothing affordable clears the whole debt within the term.
	MayWaiveCosts bool `json:"may_waive_costs"`
	// SpareSharePercent is the most a plan asks of what the customer has
	// left after essential costs, in percent; 0 means 50, HMRC's Time to Pay
	// practice.
	SpareSharePercent int `json:"spare_share_percent"`
	// MayTemporary allows a reduced amount for ReviewMonths, then a review.
	// It is a pointer because every default policy allows it: left out
	// (nil) it takes that default, and only false switches it off.
	MayTemporary *bool `json:"may_temporary"`
	// ReviewMonths is how long a temporary plan or token payment runs before
	// it is looked at again, 1–12; 0 means 3.
	ReviewMonths int `json:"review_months"`
	// MayToken allows a token payment of TokenAmount (0 means 1 unit: € 1,
	// £1, $1) below MinInstalment.
	MayToken    bool  `json:"may_token"`
	TokenAmount int64 `json:"token_amount"`
	// MayFreeze allows stopping interest and charges while a plan runs, for
	// a customer in difficulty.
	MayFreeze bool `json:"may_freeze"`
	// MaySettle allows accepting a lump sum of at least
	// MinSettlementPercent of the debt as full and final payment.
	MaySettle            bool `json:"may_settle"`
	MinSettlementPercent int  `json:"min_settlement_percent"`
	// MoveOffHolidays moves a due date on a weekend or public holiday of the
	// jurisdiction to the next business day. Like MayTemporary it is on in
	// every default policy, so left out (nil) it is on: a creditor that
	// forgets it must not get payments due on Christmas Day.
	MoveOffHolidays *bool `json:"move_off_holidays"`
	// SpendingGuidelines are the SFS spending guidelines (trigger figures)
	// the creditor holds under its SFS licence; budget lines above them get a
	// note. They are not public, so rooscoach ships none.
	SpendingGuidelines *SpendingGuidelines `json:"spending_guidelines,omitempty"`
}

// AllowsTemporary reports whether p allows a temporary plan: MayTemporary
// left out is the default, on.
func (p ArrangementPolicy) AllowsTemporary() bool { return p.MayTemporary == nil || *p.MayTemporary }

// MovesOffHolidays reports whether p moves due dates off weekends and
// holidays: MoveOffHolidays left out is the default, on.
func (p ArrangementPolicy) MovesOffHolidays() bool {
	return p.MoveOffHolidays == nil || *p.MoveOffHolidays
}

// SpendingGuidelines are spending guidelines per budget category, in force
// from Effective (the SFS sets them on the first Monday of April).
type SpendingGuidelines struct {
	// Effective is the date they apply from, YYYY-MM-DD.
	Effective string `json:"effective"`
	// Source says who supplied them, under which licence.
	Source  string      `json:"source"`
	Figures []Guideline `json:"figures"`
}

// Guideline is the monthly spending guideline of one budget category: for a
// single adult, for a couple, and on top of either per child.
type Guideline struct {
	Category BudgetCategory `json:"category"`
	Single   int64          `json:"single"`
	Couple   int64          `json:"couple"`
	PerChild int64          `json:"per_child"`
}

// CreditorPolicy is a creditor's arrangement policy as stored: its terms,
// the jurisdiction they are for, and the teams that follow it. One policy
// per jurisdiction may be the default for calls that choose none.
type CreditorPolicy struct {
	// ID names the policy in URLs: lower-case letters, digits, '.', '_' and
	// '-', at most 64.
	ID           string `json:"id"`
	Name         string `json:"name"`
	Jurisdiction string `json:"jurisdiction"`
	Default      bool   `json:"default"`
	// Teams are the teams whose calls follow this policy; a team follows at
	// most one.
	Teams []string `json:"teams"`
	ArrangementPolicy
	CreatedAt time.Time `json:"created_at,omitzero"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// Where the policy of a call or request came from.
const (
	PolicyFromCall    = "call"    // chosen for the call (policy= of POST /v1/calls)
	PolicyFromNamed   = "named"   // a stored policy an arrangement request names by policy_id
	PolicyFromTeam    = "team"    // the policy of the agent's team
	PolicyFromDefault = "default" // the stored default of the jurisdiction
	PolicyFromBuiltin = "builtin" // rooscoach's own default of the jurisdiction
	PolicyFromRequest = "request" // given in full with the request
)

// AppliedPolicy is the policy the options were planned under, and where it
// came from.
type AppliedPolicy struct {
	// ID and Name are set for a stored policy.
	ID           string            `json:"id,omitempty"`
	Name         string            `json:"name,omitempty"`
	Source       string            `json:"source"`
	Jurisdiction string            `json:"jurisdiction"`
	Terms        ArrangementPolicy `json:"terms"`
	// Note says why a chosen policy was not used (another jurisdiction).
	Note string `json:"note,omitempty"`
}

// ProtectedIncome is the part of a Dutch customer's income that must stay
// with them (beslagvrije voet), as the engine worked it out.
type ProtectedIncome struct {
	Amount Money `json:"amount"`
	// Household is the leefsituatie: single, single-parent, couple or
	// couple-with-children; "unknown" takes the highest maximum.
	Household string `json:"household"`
	// Basis is how the amount follows: "95-percent" of the income, the
	// legal "maximum" of the household, or "given" by the request.
	Basis string `json:"basis"`
	// Effective is the date of the maxima used (YYYY-MM-DD); Stale is true
	// when newer maxima apply that rooscoach has not been given.
	Effective string `json:"effective,omitempty"`
	Stale     bool   `json:"stale,omitempty"`
	Note      string `json:"note,omitempty"`
}

// BudgetCheck is a note on one line of a customer's budget: above the
// creditor's spending guideline for the household. Above a guideline is not
// wrong; it needs a word of explanation on the record.
type BudgetCheck struct {
	Category  BudgetCategory `json:"category"`
	Amount    Money          `json:"amount"`
	Guideline Money          `json:"guideline"`
	Note      string         `json:"note"`
}

// Assessment is what the customer's figures leave to pay with, per month.
// Pointer fields are nil when the figures do not tell.
type Assessment struct {
	Income *Money `json:"income,omitempty"`
	// Essential is the essential spending: the budget's categories added
	// up, or the essential costs given as one amount.
	Essential *Money `json:"essential,omitempty"`
	// Protected is the Dutch beslagvrije voet; spare money is income minus
	// the larger of Essential and Protected.
	Protected *ProtectedIncome `json:"protected_income,omitempty"`
	Spare     *Money           `json:"spare,omitempty"`
	// SharePercent of Spare, rounded down to the cent, is Cap: the most a
	// plan asks unless the customer proposed more.
	SharePercent int    `json:"share_percent"`
	Cap          *Money `json:"cap,omitempty"`
	// Stated is what the customer said they can pay.
	Stated *Money `json:"stated,omitempty"`
	// Limit is the most the engine's own options ask per month: the lower
	// of Cap and Stated.
	Limit  *Money        `json:"limit,omitempty"`
	Checks []BudgetCheck `json:"checks,omitempty"`
}

// AgreementFinding is one thing the comparison of the agreed arrangement
// with the proposals found, by code, worded for the trainer.
type AgreementFinding struct {
	// Code is one of: above-stated (more than the customer said they can
	// pay), above-spare (more than they have left), above-cap (more than
	// the policy's share of it), customer-proposed (above the share, but the
	// customer's own amount), below-minimum, too-long (outside policy),
	// matches (one of the proposals), no-match, no-promise (the customer
	// did not say yes), referred (the outcome is a referral to debt help),
	// imposed (the agent set an amount above what the customer said they
	// can pay, instead of asking what is realistic), no-debt (the call names
	// no outstanding amount, so policy and proposals were not checked).
	Code string `json:"code"`
	Text string `json:"text"`
}

// AgreementCheck compares the arrangement agreed in the call with what the
// customer can pay, the policy and the engine's proposals, for the coaching
// record.
type AgreementCheck struct {
	// Outcome is what the call settled on: OutcomeArrangement, or
	// OutcomeReferral when the agent referred the customer to debt help
	// and nothing was agreed to pay; a referral asks no money, so it is
	// affordable and within policy, and has no amount.
	Outcome string `json:"outcome"`
	// Fact is the index in ArrangementAdvice.Facts of the agreed fact.
	Fact      int       `json:"fact"`
	Amount    Money     `json:"amount,omitzero"`
	Frequency Frequency `json:"frequency,omitempty"`
	// Monthly is Amount per month (per week × 52 / 12, rounded down).
	Monthly  Money  `json:"monthly,omitzero"`
	FirstDue string `json:"first_due,omitempty"`
	Promise  bool   `json:"promise"`
	// Months is how many payments clear the debt at this amount.
	Months int `json:"months,omitempty"`
	// MatchesOption is the rank (from 1) of the proposal that is the same
	// arrangement: the same amount per payment, as often, from the same
	// first payment date give or take a few days; 0 when none.
	MatchesOption int `json:"matches_option,omitempty"`
	// Affordable is false when the agreement asks more than the customer
	// said they can pay or has left; WithinPolicy is false when the policy
	// does not allow it; Risk when it asks more than the policy's share of
	// what is left.
	Affordable   bool `json:"affordable"`
	WithinPolicy bool `json:"within_policy"`
	Risk         bool `json:"risk"`
	// Imposed is true when the agent set the amount above what the customer
	// said they can pay instead of asking what is realistic, whether the
	// customer then said yes, nothing or no; it flags the call.
	Imposed  bool               `json:"imposed,omitempty"`
	Findings []AgreementFinding `json:"findings"`
}

// ArrangementAdvice is what the arrangement engine makes of a call.
type ArrangementAdvice struct {
	Facts   []Fact              `json:"facts"`
	Options []ArrangementOption `json:"options"`
	// Referral is set when no affordable option fits policy or the customer
	// shows vulnerability. It is never one of the options.
	Referral *Referral `json:"referral,omitempty"`
	// Flagged marks the coaching record for a trainer: a referral, or an
	// agreement the customer said yes to but cannot afford or the policy
	// does not allow.
	Flagged bool `json:"flagged"`
	// Policy is the creditor policy the options were planned under.
	Policy *AppliedPolicy `json:"policy,omitempty"`
	// Assessment is what the call's figures leave to pay with.
	Assessment *Assessment `json:"assessment,omitempty"`
	// Agreement compares what was agreed in the call with the proposals.
	Agreement *AgreementCheck `json:"agreement,omitempty"`
}

// PolicyTeamTaken is the conflict of giving a policy team, which follows
// policy already.
func PolicyTeamTaken(team, policy string) *Error {
	return Worded(EConflict, "policy.team-taken", map[string]any{"Team": team, "Policy": policy},
		"team %s follows policy %s; take it out of that policy first", team, policy)
}

// What a concurrent change did to a policy being saved, for [PolicyRace].
const (
	PolicyRaceDefault = "default" // another policy became its jurisdiction's default
	PolicyRaceTeam    = "team"    // one of its teams was given to another policy
)

// PolicyRace is the conflict of saving a policy while another request
// changed the policies: what is PolicyRaceDefault, PolicyRaceTeam or ""
// for any other change.
func PolicyRace(what string) *Error {
	said := "another request changed the policies at the same time"
	switch what {
	case PolicyRaceDefault:
		said = "another policy became the default of this jurisdiction at the same time"
	case PolicyRaceTeam:
		said = "a team was given to another policy at the same time"
	}
	return Worded(EConflict, "policy.race", map[string]any{"What": what}, "The policy was not saved: %s; try again.", said)
}
