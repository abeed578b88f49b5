package arrangement

import (
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// Jurisdictions the engine knows: the referral text, the default policy, the
// holidays and the currency depend on it.
const (
	Netherlands   = "nl"
	UnitedKingdom = "uk"
	UnitedStates  = "us"
)

// currencyOf is the currency each jurisdiction's debts are in. A debt in
// another currency is rejected: the referral, the protected income and the
// statutory costs would all be for the wrong country.
var currencyOf = map[string]string{Netherlands: "EUR", UnitedKingdom: "GBP", UnitedStates: "USD"}

// jurisdictionOf is the inverse of currencyOf, used by Advise to pick the
// jurisdiction from the currency the call speaks of.
var jurisdictionOf = map[string]string{"EUR": Netherlands, "GBP": UnitedKingdom, "USD": UnitedStates}

// Limits that keep the arithmetic in int64 and the schedules a sane size.
const (
	// maxAmount is the largest amount in cents accepted in any field: 10
	// trillion in major units, far above any consumer debt, and small enough
	// that sums and the WIK arithmetic cannot overflow.
	maxAmount = 1_000_000_000_000_000
	// maxTerm is the longest policy term accepted, in months (50 years).
	maxTerm = 600
	// maxStartMonths is how far ahead a first payment may be set: a year
	// covers any deferral policy allows.
	maxStartMonths = 12
	// maxInvoices bounds debt.invoices: ten years of monthly bills.
	maxInvoices = 120
	// maxChildren bounds customer.household.children.
	maxChildren = 20
)

// Policy is what a creditor allows; see [assistant.ArrangementPolicy].
type Policy = assistant.ArrangementPolicy

// Request is the engine's input: the debt, the creditor's policy and what the
// customer can pay. POST /v1/arrangements and `rooscoach arrange` read it as
// JSON as it is. Amounts are integer minor units (cents, pence) of
// Debt.Currency.
type Request struct {
	Debt Debt `json:"debt"`
	// Policy is the creditor's policy; nil takes DefaultPolicy for the
	// jurisdiction.
	Policy *Policy `json:"policy,omitempty"`
	// PolicyID names a stored creditor policy instead; the service that
	// holds the policies resolves it into Policy before planning.
	PolicyID string   `json:"policy_id,omitempty"`
	Customer Customer `json:"customer"`
	// Jurisdiction is "nl", "uk" or "us"; it must match Debt.Currency
	// (EUR, GBP, USD).
	Jurisdiction string `json:"jurisdiction"`
	// Language is the language of the scripts and texts; empty means Dutch
	// for nl and English otherwise.
	Language assistant.Language `json:"language,omitempty"`
	// StartDate (YYYY-MM-DD) is the earliest date of the first payment; it may
	// not be before Today. Empty means Today plus 14 days. With a known
	// payday the first payment falls on the first payday on or after it.
	StartDate string `json:"start_date,omitempty"`
	// Today (YYYY-MM-DD) defaults to the engine's clock; tests set it to be
	// deterministic.
	Today string `json:"-"`
	// TermMonths, when set, is the term the customer asks for; the instalment
	// plan then spreads the debt over it. More than the policy's maximum is
	// rejected.
	TermMonths int `json:"term_months,omitempty"`
}

// Debt is what the customer owes, in minor units of Currency.
type Debt struct {
	// Principal is the original amount (hoofdsom); it must be greater than 0.
	Principal int64 `json:"principal" unit:"minor"`
	// Invoices, when given, are the due bills the principal is made of
	// (instalments of a subscription, monthly energy bills); they must add
	// up to it. Reminded together, they carry the statutory costs once, over
	// their sum, not once per bill.
	Invoices []int64 `json:"invoices,omitempty" unit:"minor"`
	// Costs are collection costs already charged; Interest is interest
	// charged so far. Neither may be negative.
	Costs    int64 `json:"costs" unit:"minor"`
	Interest int64 `json:"interest" unit:"minor"`
	// Currency is an ISO 4217 code rooscoach handles (EUR, GBP, USD).
	Currency string `json:"currency"`
	// AddStatutoryCosts adds the Dutch statutory collection costs (WIK) on
	// the principal; it applies to jurisdiction nl only.
	AddStatutoryCosts bool `json:"add_statutory_costs,omitempty"`
}

// Customer is what is known of the customer's means. Pointer fields are
// unknown when nil, which is not the same as zero.
type Customer struct {
	// StatedMonthly is what the customer says they can pay per month.
	StatedMonthly *int64 `json:"stated_monthly,omitempty" unit:"minor"`
	// Income and EssentialCosts are per month; together they give what is
	// left to pay with. Budget gives the same in categories; a request has
	// one or the other.
	Income         *int64  `json:"income,omitempty" unit:"minor"`
	EssentialCosts *int64  `json:"essential_costs,omitempty" unit:"minor"`
	Budget         *Budget `json:"budget,omitempty"`
	// Household is who lives on the income: it sets the Dutch protected
	// income and the spending guidelines that apply.
	Household *Household `json:"household,omitempty"`
	// ProtectedIncome overrides the computed beslagvrije voet (nl only):
	// the amount on the customer's own letter (modelmededeling) or from the
	// official rekentool.
	ProtectedIncome *int64 `json:"protected_income,omitempty" unit:"minor"`
	// LumpSum is money the customer says they can pay at once (savings,
	// family): a settlement is offered on it when the policy allows. The
	// engine never suggests borrowing to raise one.
	LumpSum *int64 `json:"lump_sum,omitempty" unit:"minor"`
	// Payday is the day of the month money comes in, 1-31; 0 is unknown. A
	// payday past the end of a month falls on its last day. PaydayWeekday
	// and PaydayWeek give a weekday of the month instead: "friday" and -1
	// for the last Friday, "workday" and -1 for the last working day.
	Payday        int    `json:"payday,omitempty"`
	PaydayWeekday string `json:"payday_weekday,omitempty"`
	PaydayWeek    int    `json:"payday_week,omitempty"`
	// Vulnerable adds a referral and flags the call, and puts breathing
	// space before a full plan where the policy allows a temporary plan:
	// with the means unknown, only a short temporary plan at the least the
	// policy asks, until income and costs are known; with less to spare than
	// the policy's minimum, only a temporary plan at what the customer can
	// spare; with means that do not clear the debt within the review
	// period, the temporary plan first. Means that clear it within the
	// review get the usual plans. Crisis (self-harm or suicide) gives the
	// crisis line and no options at all.
	Vulnerable bool `json:"vulnerable,omitempty"`
	Crisis     bool `json:"crisis,omitempty"`
}

// Budget is a customer's monthly income and essential spending in the
// categories of the UK Standard Financial Statement. Amounts are minor units
// per month; a category left out is 0.
type Budget struct {
	// Income is the household's net income from all sources.
	Income           int64 `json:"income" unit:"minor"`
	Housing          int64 `json:"housing,omitempty" unit:"minor"`
	Utilities        int64 `json:"utilities,omitempty" unit:"minor"`
	FoodHousekeeping int64 `json:"food_housekeeping,omitempty" unit:"minor"`
	Transport        int64 `json:"transport,omitempty" unit:"minor"`
	Childcare        int64 `json:"childcare,omitempty" unit:"minor"`
	OtherEssentials  int64 `json:"other_essentials,omitempty" unit:"minor"`
	// PriorityDebts are the payments on debts that come first (rent or
	// mortgage arrears, energy, council tax, fines): the SFS takes them off
	// before what is left for this debt.
	PriorityDebts int64 `json:"priority_debts,omitempty" unit:"minor"`
}

// Lines returns the budget's categories with their amounts, in the SFS's
// order.
func (b Budget) Lines() []BudgetLine {
	return []BudgetLine{
		{assistant.CategoryHousing, b.Housing},
		{assistant.CategoryUtilities, b.Utilities},
		{assistant.CategoryFoodHousekeeping, b.FoodHousekeeping},
		{assistant.CategoryTransport, b.Transport},
		{assistant.CategoryChildcare, b.Childcare},
		{assistant.CategoryOtherEssentials, b.OtherEssentials},
		{assistant.CategoryPriorityDebts, b.PriorityDebts},
	}
}

// BudgetLine is one category of a budget.
type BudgetLine struct {
	Category assistant.BudgetCategory
	Amount   int64
}

// Essential is what the categories add up to.
func (b Budget) Essential() int64 {
	var s int64
	for _, l := range b.Lines() {
		s += l.Amount
	}
	return s
}

// set puts amount into the line of category c.
func (b *Budget) set(c assistant.BudgetCategory, amount int64) {
	switch c {
	case assistant.CategoryHousing:
		b.Housing = amount
	case assistant.CategoryUtilities:
		b.Utilities = amount
	case assistant.CategoryFoodHousekeeping:
		b.FoodHousekeeping = amount
	case assistant.CategoryTransport:
		b.Transport = amount
	case assistant.CategoryChildcare:
		b.Childcare = amount
	case assistant.CategoryOtherEssentials:
		b.OtherEssentials = amount
	case assistant.CategoryPriorityDebts:
		b.PriorityDebts = amount
	}
}

// Household is who lives on the customer's income.
type Household struct {
	// Adults is 1 (single) or 2 (married or living together).
	Adults int `json:"adults"`
	// Children are those under 18 living at home.
	Children int `json:"children"`
}

// Leefsituaties of the beslagvrije voet, as the JSON names them.
const (
	householdSingle             = "single"
	householdSingleParent       = "single-parent"
	householdCouple             = "couple"
	householdCoupleWithChildren = "couple-with-children"
	householdUnknown            = "unknown"
)

// situation returns the leefsituatie of h; nil is unknown.
func (h *Household) situation() string {
	switch {
	case h == nil:
		return householdUnknown
	case h.Adults == 1 && h.Children == 0:
		return householdSingle
	case h.Adults == 1:
		return householdSingleParent
	case h.Children == 0:
		return householdCouple
	default:
		return householdCoupleWithChildren
	}
}

// DefaultPolicy returns the policy used when a request carries none:
//
//   - nl: minimum € 25, at most 36 months, up to 3 months' pause. 36 months
//     is the longest term Dutch collection agencies commonly accept outside
//     debt counselling; longer points to schuldhulpverlening.
//   - uk: minimum £1, at most 60 months, up to 2 months' pause. FCA CONC
//     7.3 expects token payments to be accepted, so there is no real
//     minimum: any amount is a regular payment or, for a customer in
//     difficulty, a temporary one; 2 months matches the 60-day Breathing
//     Space.
//   - us: minimum $25, at most 36 months, up to 2 months' pause.
//
// All ask at most half of what the customer has left (HMRC's Time to Pay
// practice), allow a temporary plan reviewed after 3 months, and move due
// dates off weekends and public holidays. None of them waives costs,
// freezes interest or settles for less: that is the creditor's decision.
func DefaultPolicy(jurisdiction string) Policy {
	p := Policy{MinInstalment: 2500, MaxTermMonths: 36, MaxDeferralMonths: 2, SpareSharePercent: 50,
		MayTemporary: switchOn(), ReviewMonths: 3, TokenAmount: 100, MoveOffHolidays: switchOn()}
	switch jurisdiction {
	case UnitedKingdom:
		p.MinInstalment, p.MaxTermMonths = 100, 60
	case UnitedStates:
	default:
		p.MaxDeferralMonths = 3
	}
	return p
}

// switchOn returns a policy switch that is on; each policy gets its own,
// so that changing one policy's switch changes no other.
func switchOn() *bool {
	on := true
	return &on
}

// WithDefaultSwitches returns p with the switches it leaves out (nil) set
// as in jurisdiction j's default policy: a creditor's policy that leaves
// out move_off_holidays means the default, not false. A stored policy is
// filled in before it is stored, so that it shows what it does.
func WithDefaultSwitches(p Policy, j string) Policy {
	d := DefaultPolicy(j)
	if p.MayTemporary == nil {
		p.MayTemporary = d.MayTemporary
	}
	if p.MoveOffHolidays == nil {
		p.MoveOffHolidays = d.MoveOffHolidays
	}
	return p
}

// withDefaults fills the zero values of p that stand for a default, and
// the switches it leaves out.
func withDefaults(p Policy, j string) Policy {
	p = WithDefaultSwitches(p, j)
	if p.SpareSharePercent == 0 {
		p.SpareSharePercent = 50
	}
	if p.ReviewMonths == 0 {
		p.ReviewMonths = 3
	}
	if p.TokenAmount == 0 {
		p.TokenAmount = 100
	}
	return p
}

// Response is the engine's answer.
type Response struct {
	// Total is what the customer owes: principal, costs, interest and, when
	// asked for, the statutory costs.
	Total assistant.Money `json:"total"`
	// StatutoryCosts is the WIK amount added, when Debt.AddStatutoryCosts;
	// StatutoryNote explains it for several invoices.
	StatutoryCosts *assistant.Money `json:"statutory_costs,omitempty"`
	StatutoryNote  string           `json:"statutory_note,omitempty"`
	// Affordable is the most the engine's own options ask per month: the
	// lower of what the customer said and the policy's share of what they
	// have left; nil when nothing is known about their means.
	Affordable *assistant.Money `json:"affordable,omitempty"`
	// Assessment shows how Affordable follows from the figures.
	Assessment assistant.Assessment `json:"assessment"`
	// Policy is the policy applied, defaults filled in; PolicyID and
	// PolicySource say where it came from.
	Policy       Policy `json:"policy"`
	PolicyID     string `json:"policy_id,omitempty"`
	PolicySource string `json:"policy_source"`
	// Options are ranked: options that are affordable and fit policy first.
	// A referral is never one of them.
	Options []assistant.ArrangementOption `json:"options"`
	// Referral is set exactly when no affordable option fits policy, or the
	// customer shows vulnerability; Flagged is then true.
	Referral *assistant.Referral `json:"referral,omitempty"`
	Flagged  bool                `json:"flagged"`
}

// checked is a validated request with its defaults filled in and the
// customer's means worked out.
type checked struct {
	Request
	policy     Policy
	lang       assistant.Language
	today      time.Time
	start      time.Time
	payday     payRule
	statutory  int64
	total      int64
	assessment assistant.Assessment

	// spareKnown says whether income and essential costs (or, in the
	// Netherlands, income alone) give what is left; spare and cap are then
	// set. cap is policy's share of spare.
	spareKnown bool
	spare, cap int64
	// known says whether anything is known of what the customer can pay;
	// limit is then the most the engine's own options ask.
	known bool
	limit int64
}

const dateLayout = "2006-01-02"
