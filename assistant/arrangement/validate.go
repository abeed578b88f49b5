package arrangement

import (
	"fmt"
	"regexp"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

func invalid(format string, args ...any) error {
	return assistant.Errorf(assistant.EInvalid, format, args...)
}

// CheckPolicy checks a policy's terms; prefix names the JSON object in
// messages ("policy" in a request, "" in a stored policy's body). Zero
// values that stand for a default are accepted.
func CheckPolicy(p Policy, prefix string) error {
	f := func(name string) string {
		if prefix == "" {
			return name
		}
		return prefix + "." + name
	}
	switch {
	case p.MinInstalment < 0:
		return invalid("%s must not be negative", f("min_instalment"))
	case p.MinInstalment > maxAmount:
		return invalid("%s is too large", f("min_instalment"))
	case p.MaxTermMonths < 1 || p.MaxTermMonths > maxTerm:
		return invalid("%s must be between 1 and %d", f("max_term_months"), maxTerm)
	case p.MaxDeferralMonths < 0:
		return invalid("%s must not be negative", f("max_deferral_months"))
	case p.MaxDeferralMonths >= p.MaxTermMonths:
		return invalid("%s must be less than %s", f("max_deferral_months"), f("max_term_months"))
	case p.SpareSharePercent < 0 || p.SpareSharePercent > 100:
		return invalid("%s must be between 1 and 100 (0 means 50)", f("spare_share_percent"))
	case p.ReviewMonths < 0 || p.ReviewMonths > 12:
		return invalid("%s must be between 1 and 12 (0 means 3)", f("review_months"))
	case p.TokenAmount < 0:
		return invalid("%s must not be negative", f("token_amount"))
	case p.TokenAmount > maxAmount:
		return invalid("%s is too large", f("token_amount"))
	case p.MayToken && p.TokenAmount != 0 && p.MinInstalment > 0 && p.TokenAmount >= p.MinInstalment:
		return invalid("%s must be below %s: a token payment is less than the smallest instalment", f("token_amount"), f("min_instalment"))
	case p.MinSettlementPercent < 0 || p.MinSettlementPercent > 99:
		return invalid("%s must be between 1 and 99", f("min_settlement_percent"))
	case p.MaySettle && p.MinSettlementPercent == 0:
		return invalid("%s must be between 1 and 99 when %s is true: say how much of the debt a settlement must bring in", f("min_settlement_percent"), f("may_settle"))
	}
	if g := p.SpendingGuidelines; g != nil {
		if _, err := time.Parse(dateLayout, g.Effective); err != nil {
			return invalid("%s must be a date as YYYY-MM-DD, not %q", f("spending_guidelines.effective"), g.Effective)
		}
		seen := map[assistant.BudgetCategory]bool{}
		for i, fig := range g.Figures {
			name := fmt.Sprintf("%s[%d]", f("spending_guidelines.figures"), i)
			switch {
			case !fig.Category.Valid():
				return invalid("%s.category %q is not a budget category; use one of %v", name, fig.Category, assistant.BudgetCategories)
			case seen[fig.Category]:
				return invalid("%s.category %q is given twice", name, fig.Category)
			case fig.Single < 0 || fig.Couple < 0 || fig.PerChild < 0:
				return invalid("%s must not hold negative amounts", name)
			case fig.Single > maxAmount || fig.Couple > maxAmount || fig.PerChild > maxAmount/maxChildren:
				return invalid("%s holds an amount that is too large", name)
			}
			seen[fig.Category] = true
		}
	}
	return nil
}

var policyIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)

// CheckCreditorPolicy checks a stored policy's identity and terms.
func CheckCreditorPolicy(p *assistant.CreditorPolicy) error {
	switch {
	case !policyIDPattern.MatchString(p.ID):
		return invalid("policy id %q must be 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit", p.ID)
	case len(p.Name) > 200:
		return invalid("name holds %d characters; at most 200", len(p.Name))
	}
	if _, ok := currencyOf[p.Jurisdiction]; !ok {
		return invalid("jurisdiction must be one of nl, uk, us, not %q", p.Jurisdiction)
	}
	seen := map[string]bool{}
	for i, t := range p.Teams {
		if err := assistant.CheckID(fmt.Sprintf("teams[%d]", i), t); err != nil {
			return err
		}
		if t == "" {
			return invalid("teams[%d] is empty", i)
		}
		if seen[t] {
			return invalid("team %q is listed twice", t)
		}
		seen[t] = true
	}
	return CheckPolicy(p.ArrangementPolicy, "")
}

var weekdays = map[string]time.Weekday{
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday, "thursday": time.Thursday,
	"friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday,
}

// workday is the Weekday of a payday on a working day: "the last working
// day of the month".
const workday = "workday"

// validate checks req and fills in the defaults. Every error is an
// *assistant.Error with code EInvalid naming the JSON field.
func validate(req Request, now time.Time, figures Figures) (checked, error) {
	c := checked{Request: req}
	want, ok := currencyOf[req.Jurisdiction]
	switch {
	case req.Jurisdiction == "":
		return checked{}, invalid("jurisdiction is missing; give the country whose rules apply: nl, uk or us")
	case !ok:
		return checked{}, invalid("jurisdiction must be one of nl, uk, us, not %q", req.Jurisdiction)
	}
	d := req.Debt
	switch {
	case !assistant.ValidCurrency(d.Currency):
		return checked{}, invalid("debt.currency %q is not a currency rooscoach handles (EUR, GBP, USD)", d.Currency)
	case d.Currency != want:
		return checked{}, invalid("debt.currency %s does not match jurisdiction %s, which uses %s", d.Currency, req.Jurisdiction, want)
	case d.Principal <= 0:
		return checked{}, invalid("debt.principal must be greater than 0")
	case d.Principal > maxAmount:
		return checked{}, invalid("debt.principal is too large")
	case d.Costs < 0:
		return checked{}, invalid("debt.costs must not be negative")
	case d.Costs > maxAmount:
		return checked{}, invalid("debt.costs is too large")
	case d.Interest < 0:
		return checked{}, invalid("debt.interest must not be negative")
	case d.Interest > maxAmount:
		return checked{}, invalid("debt.interest is too large")
	case d.AddStatutoryCosts && req.Jurisdiction != Netherlands:
		return checked{}, invalid("debt.add_statutory_costs applies to jurisdiction nl only")
	case len(d.Invoices) > maxInvoices:
		return checked{}, invalid("debt.invoices holds %d bills; at most %d", len(d.Invoices), maxInvoices)
	}
	if len(d.Invoices) > 0 {
		var sum int64
		for i, v := range d.Invoices {
			if v <= 0 || v > maxAmount {
				return checked{}, invalid("debt.invoices[%d] must be greater than 0 and not too large", i)
			}
			sum += v
		}
		if sum != d.Principal {
			return checked{}, invalid("debt.invoices add up to %d, but debt.principal is %d: the principal is the bills together", sum, d.Principal)
		}
	}
	if d.AddStatutoryCosts {
		// Bills reminded together carry the costs once over their sum
		// (das.nl; trustandlaw.nl): the same as on the principal.
		c.statutory = WIK(d.Principal)
	}
	c.total = d.Principal + d.Costs + d.Interest + c.statutory

	if req.PolicyID != "" {
		return checked{}, invalid("policy_id %q needs the service that keeps the policies; the engine on its own takes policy in full", req.PolicyID)
	}
	c.policy = DefaultPolicy(req.Jurisdiction)
	if p := req.Policy; p != nil {
		if err := CheckPolicy(*p, "policy"); err != nil {
			return checked{}, err
		}
		c.policy = withDefaults(*p, req.Jurisdiction)
	}
	if req.TermMonths < 0 {
		return checked{}, invalid("term_months must not be negative")
	}
	if req.TermMonths > c.policy.MaxTermMonths {
		return checked{}, invalid("term_months %d is over the policy's maximum of %d months (policy.max_term_months)", req.TermMonths, c.policy.MaxTermMonths)
	}

	if err := checkCustomer(req.Customer, req.Jurisdiction); err != nil {
		return checked{}, err
	}
	cu := req.Customer
	c.payday = payRule{day: cu.Payday, weekday: cu.PaydayWeekday, nth: cu.PaydayWeek}

	lang, err := assistant.ParseLanguage(string(req.Language))
	if err != nil {
		return checked{}, err
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
			return checked{}, invalid("today must be a date as YYYY-MM-DD, not %q", req.Today)
		}
		c.today = t
	}
	c.start = c.today.AddDate(0, 0, 14)
	if req.StartDate != "" {
		t, err := time.Parse(dateLayout, req.StartDate)
		if err != nil {
			return checked{}, invalid("start_date must be a date as YYYY-MM-DD, not %q", req.StartDate)
		}
		if t.Before(c.today) {
			return checked{}, invalid("start_date %s is in the past (today is %s)", req.StartDate, c.today.Format(dateLayout))
		}
		// A first payment years away is a typo, and dates past 9999 cannot
		// even be written: the plan's own dates must stay readable.
		if last := c.today.AddDate(0, maxStartMonths, 0); t.After(last) {
			return checked{}, invalid("start_date %s is more than %d months away; the first payment must fall by %s", req.StartDate, maxStartMonths, last.Format(dateLayout))
		}
		c.start = t
	}
	if err := c.assess(figures); err != nil {
		return checked{}, err
	}
	return c, nil
}

// checkCustomer checks what the request says about the customer.
func checkCustomer(cu Customer, jurisdiction string) error {
	for _, f := range []struct {
		name string
		v    *int64
	}{
		{"customer.stated_monthly", cu.StatedMonthly},
		{"customer.income", cu.Income},
		{"customer.essential_costs", cu.EssentialCosts},
		{"customer.protected_income", cu.ProtectedIncome},
		{"customer.lump_sum", cu.LumpSum},
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
	if b := cu.Budget; b != nil {
		if cu.Income != nil || cu.EssentialCosts != nil {
			return invalid("customer.budget and customer.income or customer.essential_costs were both given: send the budget, which holds the income and the costs, or the two amounts, not both")
		}
		lines := append([]BudgetLine{{"income", b.Income}}, b.Lines()...)
		for _, l := range lines {
			if l.Amount < 0 {
				return invalid("customer.budget.%s must not be negative", l.Category)
			}
			if l.Amount > maxAmount {
				return invalid("customer.budget.%s is too large", l.Category)
			}
		}
	}
	if h := cu.Household; h != nil {
		if h.Adults < 1 || h.Adults > 2 {
			return invalid("customer.household.adults must be 1 or 2, not %d", h.Adults)
		}
		if h.Children < 0 || h.Children > maxChildren {
			return invalid("customer.household.children must be between 0 and %d, not %d", maxChildren, h.Children)
		}
	}
	if cu.Payday < 0 || cu.Payday > 31 {
		return invalid("customer.payday must be a day of the month from 1 to 31, or 0 when unknown; got %d", cu.Payday)
	}
	switch {
	case cu.PaydayWeekday == "" && cu.PaydayWeek != 0:
		return invalid("customer.payday_week needs customer.payday_weekday (such as \"friday\")")
	case cu.PaydayWeekday != "" && cu.Payday != 0:
		return invalid("customer.payday and customer.payday_weekday were both given; send one")
	case cu.PaydayWeekday != "":
		if _, ok := weekdays[cu.PaydayWeekday]; !ok && cu.PaydayWeekday != workday {
			return invalid("customer.payday_weekday %q must be a weekday in English (monday … sunday) or \"workday\"", cu.PaydayWeekday)
		}
		if cu.PaydayWeek != -1 && (cu.PaydayWeek < 1 || cu.PaydayWeek > 4) {
			return invalid("customer.payday_week must be 1 to 4, or -1 for the last in the month; got %d", cu.PaydayWeek)
		}
		if cu.PaydayWeekday == workday && cu.PaydayWeek != -1 && cu.PaydayWeek != 1 {
			return invalid("customer.payday_week must be 1 or -1 with \"workday\": the first or last working day of the month")
		}
	}
	if cu.ProtectedIncome != nil && jurisdiction != Netherlands {
		return invalid("customer.protected_income applies to jurisdiction nl only")
	}
	return nil
}

// assess works out what the customer has left, the policy's share of it and
// the most the engine's own options may ask.
func (c *checked) assess(figures Figures) error {
	cu := c.Customer
	money := func(v int64) *assistant.Money { m := c.money(v); return &m }
	a := &c.assessment
	a.SharePercent = c.policy.SpareSharePercent

	var income, essential *int64
	switch {
	case cu.Budget != nil:
		in, es := cu.Budget.Income, cu.Budget.Essential()
		income, essential = &in, &es
		var err error
		if a.Checks, err = c.budgetChecks(*cu.Budget); err != nil {
			return err
		}
	default:
		income, essential = cu.Income, cu.EssentialCosts
	}
	if income != nil {
		a.Income = money(*income)
	}
	if essential != nil {
		a.Essential = money(*essential)
	}
	var protected int64
	if income != nil && c.Jurisdiction == Netherlands {
		p := protectedIncome(*income, cu.Household, cu.ProtectedIncome, c.today, figures)
		p.Amount.Currency = c.Debt.Currency
		var err error
		if p.Note, err = c.protectedNote(p); err != nil {
			return err
		}
		a.Protected = &p
		protected = p.Amount.Amount
	}
	switch {
	case income != nil && essential != nil:
		c.spareKnown = true
		c.spare = max(*income-max(*essential, protected), 0)
	case income != nil && c.Jurisdiction == Netherlands:
		// The beslagvrije voet allows for the costs of living, so income
		// alone bounds what is left in the Netherlands.
		c.spareKnown = true
		c.spare = max(*income-protected, 0)
	}
	if c.spareKnown {
		// Rounded down, so that the cap never asks more than the share.
		c.cap = c.spare * int64(c.policy.SpareSharePercent) / 100
		a.Spare, a.Cap = money(c.spare), money(c.cap)
		c.known, c.limit = true, c.cap
	}
	if s := cu.StatedMonthly; s != nil {
		a.Stated = money(*s)
		if !c.known || *s < c.limit {
			c.limit = *s
		}
		c.known = true
	}
	if c.known {
		a.Limit = money(c.limit)
	}
	return nil
}
