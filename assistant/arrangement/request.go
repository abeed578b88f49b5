package arrangement

import (
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// Jurisdictions the engine knows: the referral text, the default policy and
// the currency depend on it.
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
)

// NLProtectedIncome approximates the Dutch beslagvrije voet in cents per month:
// about 95% of the 2025 social-assistance norm for a single adult. An
// arrangement that leaves less than this is not realistic. The real figure
// depends on the household and is set twice a year; pass
// Customer.ProtectedIncome when it is known.
const NLProtectedIncome = 133_000

// Request is the engine's input: the debt, the creditor's policy and what the
// customer can pay. POST /v1/arrangements and `rooscoach arrange` read it as
// JSON as it is. Amounts are integer minor units (cents, pence) of
// Debt.Currency.
type Request struct {
	Debt Debt `json:"debt"`
	// Policy is the creditor's policy; nil takes DefaultPolicy for the
	// jurisdiction.
	Policy   *Policy  `json:"policy,omitempty"`
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
	Principal int64 `json:"principal"`
	// Costs are collection costs already charged; Interest is interest
	// charged so far. Neither may be negative.
	Costs    int64 `json:"costs"`
	Interest int64 `json:"interest"`
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
	StatedMonthly *int64 `json:"stated_monthly,omitempty"`
	// Income and EssentialCosts are per month; together they give what is
	// left to pay with.
	Income         *int64 `json:"income,omitempty"`
	EssentialCosts *int64 `json:"essential_costs,omitempty"`
	// ProtectedIncome overrides NLProtectedIncome (nl only): the part of the
	// income that must stay with the customer.
	ProtectedIncome *int64 `json:"protected_income,omitempty"`
	// Payday is the day of the month money comes in, 1-31; 0 is unknown. A
	// payday past the end of a month falls on its last day.
	Payday int `json:"payday,omitempty"`
	// Vulnerable adds a referral and flags the call; options are still
	// listed. Crisis (self-harm or suicide) gives the crisis line and no
	// options at all.
	Vulnerable bool `json:"vulnerable,omitempty"`
	Crisis     bool `json:"crisis,omitempty"`
}

// Policy is what a creditor allows. Amounts are minor units of the debt's
// currency.
type Policy struct {
	// MinInstalment is the smallest regular payment accepted; 0 accepts any.
	MinInstalment int64 `json:"min_instalment"`
	// MaxTermMonths is the longest arrangement, deferral included; at least 1.
	MaxTermMonths int `json:"max_term_months"`
	// MaxDeferralMonths is the longest pause before the first payment; 0
	// offers no deferral.
	MaxDeferralMonths int `json:"max_deferral_months"`
	// MayWaiveCosts lets the engine offer to drop the collection costs when
	// nothing affordable clears the whole debt within the term.
	MayWaiveCosts bool `json:"may_waive_costs"`
}

// DefaultPolicy returns the policy used when a request carries none:
//
//   - nl: minimum € 25, at most 36 months, up to 3 months' deferral. 36 months
//     is the longest term Dutch collection agencies commonly accept outside
//     debt counselling; longer points to schuldhulpverlening.
//   - uk: minimum £1, at most 60 months, up to 2 months' deferral. FCA CONC
//     7.3 expects token payments to be accepted, so there is no real minimum;
//     2 months matches the 60-day Breathing Space.
//   - us: minimum $25, at most 36 months, up to 2 months' deferral.
//
// None of them waives costs: that is the creditor's decision to make.
func DefaultPolicy(jurisdiction string) Policy {
	switch jurisdiction {
	case UnitedKingdom:
		return Policy{MinInstalment: 100, MaxTermMonths: 60, MaxDeferralMonths: 2}
	case UnitedStates:
		return Policy{MinInstalment: 2500, MaxTermMonths: 36, MaxDeferralMonths: 2}
	default:
		return Policy{MinInstalment: 2500, MaxTermMonths: 36, MaxDeferralMonths: 3}
	}
}

// Response is the engine's answer.
type Response struct {
	// Total is what the customer owes: principal, costs, interest and, when
	// asked for, the statutory costs.
	Total assistant.Money `json:"total"`
	// StatutoryCosts is the WIK amount added, when Debt.AddStatutoryCosts.
	StatutoryCosts *assistant.Money `json:"statutory_costs,omitempty"`
	// Affordable is the most the customer can pay per month as the engine
	// reads it; nil when nothing is known about their means.
	Affordable *assistant.Money `json:"affordable,omitempty"`
	// Policy is the policy applied, defaults filled in.
	Policy Policy `json:"policy"`
	// Options are ranked: options that are affordable and fit policy first.
	Options []assistant.ArrangementOption `json:"options"`
	// Referral is set exactly when no affordable option fits policy, or the
	// customer shows vulnerability; Flagged is then true.
	Referral *assistant.Referral `json:"referral,omitempty"`
	Flagged  bool                `json:"flagged"`
}

// checked is a validated request with its defaults filled in.
type checked struct {
	Request
	policy     Policy
	lang       assistant.Language
	today      time.Time
	start      time.Time
	statutory  int64
	total      int64
	affordable int64
	known      bool // whether affordable means anything
}

const dateLayout = "2006-01-02"

// validate checks req and fills in the defaults. Every error is an
// *assistant.Error with code EInvalid naming the JSON field.
func validate(req Request, now time.Time) (checked, error) {
	c := checked{Request: req}
	invalid := func(format string, args ...any) (checked, error) {
		return checked{}, assistant.Errorf(assistant.EInvalid, format, args...)
	}
	want, ok := currencyOf[req.Jurisdiction]
	if !ok {
		return invalid("jurisdiction must be one of nl, uk, us, not %q", req.Jurisdiction)
	}
	d := req.Debt
	switch {
	case !assistant.ValidCurrency(d.Currency):
		return invalid("debt.currency %q is not a currency rooscoach handles (EUR, GBP, USD)", d.Currency)
	case d.Currency != want:
		return invalid("debt.currency %s does not match jurisdiction %s, which uses %s", d.Currency, req.Jurisdiction, want)
	case d.Principal <= 0:
		return invalid("debt.principal must be greater than 0")
	case d.Principal > maxAmount:
		return invalid("debt.principal is too large")
	case d.Costs < 0:
		return invalid("debt.costs must not be negative")
	case d.Costs > maxAmount:
		return invalid("debt.costs is too large")
	case d.Interest < 0:
		return invalid("debt.interest must not be negative")
	case d.Interest > maxAmount:
		return invalid("debt.interest is too large")
	case d.AddStatutoryCosts && req.Jurisdiction != Netherlands:
		return invalid("debt.add_statutory_costs applies to jurisdiction nl only")
	}
	if d.AddStatutoryCosts {
		c.statutory = WIK(d.Principal)
	}
	c.total = d.Principal + d.Costs + d.Interest + c.statutory

	c.policy = DefaultPolicy(req.Jurisdiction)
	if p := req.Policy; p != nil {
		switch {
		case p.MinInstalment < 0:
			return invalid("policy.min_instalment must not be negative")
		case p.MinInstalment > maxAmount:
			return invalid("policy.min_instalment is too large")
		case p.MaxTermMonths < 1 || p.MaxTermMonths > maxTerm:
			return invalid("policy.max_term_months must be between 1 and %d", maxTerm)
		case p.MaxDeferralMonths < 0:
			return invalid("policy.max_deferral_months must not be negative")
		case p.MaxDeferralMonths >= p.MaxTermMonths:
			return invalid("policy.max_deferral_months must be less than policy.max_term_months")
		}
		c.policy = *p
	}
	if req.TermMonths < 0 {
		return invalid("term_months must not be negative")
	}
	if req.TermMonths > c.policy.MaxTermMonths {
		return invalid("term_months %d is over the policy's maximum of %d months (policy.max_term_months)", req.TermMonths, c.policy.MaxTermMonths)
	}

	cu := req.Customer
	for _, f := range []struct {
		name string
		v    *int64
	}{
		{"customer.stated_monthly", cu.StatedMonthly},
		{"customer.income", cu.Income},
		{"customer.essential_costs", cu.EssentialCosts},
		{"customer.protected_income", cu.ProtectedIncome},
	} {
		if f.v == nil {
			continue
		}
		if *f.v < 0 {
			return invalid("%s must not be negative", f.name)
		}
		if *f.v > maxAmount {
			return invalid("%s is too large", f.name)
		}
	}
	if cu.Payday < 0 || cu.Payday > 31 {
		return invalid("customer.payday must be a day of the month from 1 to 31, or 0 when unknown; got %d", cu.Payday)
	}
	if cu.ProtectedIncome != nil && req.Jurisdiction != Netherlands {
		return invalid("customer.protected_income applies to jurisdiction nl only")
	}

	lang, err := assistant.ParseLanguage(string(req.Language))
	if err != nil {
		return c, err
	}
	switch {
	case lang == "" && req.Jurisdiction == Netherlands:
		c.lang = assistant.Dutch
	case lang == "":
		c.lang = assistant.English
	default:
		c.lang = lang
	}

	c.today = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	if req.Today != "" {
		t, err := time.Parse(dateLayout, req.Today)
		if err != nil {
			return invalid("today must be a date as YYYY-MM-DD, not %q", req.Today)
		}
		c.today = t
	}
	c.start = c.today.AddDate(0, 0, 14)
	if req.StartDate != "" {
		t, err := time.Parse(dateLayout, req.StartDate)
		if err != nil {
			return invalid("start_date must be a date as YYYY-MM-DD, not %q", req.StartDate)
		}
		if t.Before(c.today) {
			return invalid("start_date %s is in the past (today is %s)", req.StartDate, c.today.Format(dateLayout))
		}
		// A first payment years away is a typo, and dates past 9999 cannot
		// even be written: the plan's own dates must stay readable.
		if last := c.today.AddDate(0, maxStartMonths, 0); t.After(last) {
			return invalid("start_date %s is more than %d months away; the first payment must fall by %s", req.StartDate, maxStartMonths, last.Format(dateLayout))
		}
		c.start = t
	}

	c.affordable, c.known = affordable(cu, req.Jurisdiction)
	return c, nil
}

// affordable returns the most the customer can pay per month and whether
// anything is known about it: the stated amount, or income minus essential
// costs, whichever is lower when both are known. In the Netherlands the
// payment must also leave the protected income (beslagvrije voet), so income
// alone is enough to bound it there.
func affordable(cu Customer, jurisdiction string) (int64, bool) {
	var a int64
	known := false
	take := func(v int64) {
		v = max(v, 0)
		if !known || v < a {
			a = v
		}
		known = true
	}
	if cu.StatedMonthly != nil {
		take(*cu.StatedMonthly)
	}
	if cu.Income != nil && cu.EssentialCosts != nil {
		take(*cu.Income - *cu.EssentialCosts)
	}
	if cu.Income != nil && jurisdiction == Netherlands {
		protected := int64(NLProtectedIncome)
		if cu.ProtectedIncome != nil {
			protected = *cu.ProtectedIncome
		}
		take(*cu.Income - protected)
	}
	return a, known
}
