package arrangement

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// Engine is the built-in arrangement engine: it reads the facts of a call
// ([assistant.FactReader]) and plans on them ([assistant.Adviser]) or on
// explicit figures ([Engine.Plan]). Its zero value is not usable, call [New].
type Engine struct {
	now func() time.Time
}

// New returns an engine reading today's date from now, which tests replace
// with a fixed clock. A nil now means time.Now.
func New(now func() time.Time) *Engine {
	if now == nil {
		now = time.Now
	}
	return &Engine{now: now}
}

var (
	_ assistant.FactReader = (*Engine)(nil)
	_ assistant.Adviser    = (*Engine)(nil)
)

// steppedLowMonths is how many months a stepped plan pays its low amount.
const steppedLowMonths = 3

// Plan proposes ranked payment arrangements for req. It never proposes a
// payment above what the customer can afford; the customer's own amount
// comes first when it clears the debt within policy; a referral is added
// exactly when no affordable option fits policy or the customer shows
// vulnerability. Bad input returns an *assistant.Error with code EInvalid
// whose message names the JSON field.
func (e *Engine) Plan(ctx context.Context, req Request) (Response, error) {
	if err := ctx.Err(); err != nil {
		return Response{}, err
	}
	c, err := validate(req, e.now().UTC())
	if err != nil {
		return Response{}, err
	}
	return c.plan()
}

// draft is an option before its wording is rendered.
type draft struct {
	kind      assistant.OptionKind
	total     int64 // what this schedule pays off
	waived    int64 // costs left out of total
	monthly   int64 // the regular payment
	low       int64 // stepped: the payment of the first lowMonths months
	lowMonths int
	deferral  int
	amounts   []int64
	fits      bool
	realistic bool
}

func (c *checked) money(v int64) assistant.Money {
	return assistant.Money{Amount: v, Currency: c.Debt.Currency}
}

func (c *checked) plan() (Response, error) {
	res := Response{
		Total:   c.money(c.total),
		Policy:  c.policy,
		Options: []assistant.ArrangementOption{},
	}
	if c.statutory > 0 {
		m := c.money(c.statutory)
		res.StatutoryCosts = &m
	}
	if c.known {
		m := c.money(c.affordable)
		res.Affordable = &m
	}
	if c.Customer.Crisis {
		ref, err := c.referral(reasonCrisis)
		if err != nil {
			return Response{}, err
		}
		res.Referral, res.Flagged = &ref, true
		return res, nil
	}

	drafts := c.drafts()
	// Options the customer can afford and the creditor accepts come first;
	// the rest keep the order they were made in, which is the order of
	// preference.
	slices.SortStableFunc(drafts, func(a, b draft) int {
		return cmp.Compare(rank(a), rank(b))
	})
	for i, d := range drafts {
		o, err := c.option(d, i == 0)
		if err != nil {
			return Response{}, err
		}
		res.Options = append(res.Options, o)
	}

	reason := ""
	switch {
	case c.Customer.Vulnerable:
		reason = reasonVulnerable
	case c.known && c.affordable == 0:
		reason = reasonNothing
	case c.known && !slices.ContainsFunc(drafts, func(d draft) bool { return d.realistic && d.fits }):
		reason = reasonNoFit
	}
	if reason != "" {
		ref, err := c.referral(reason)
		if err != nil {
			return Response{}, err
		}
		res.Referral, res.Flagged = &ref, true
		res.Options = append(res.Options, assistant.ArrangementOption{
			Kind:       assistant.OptionReferral,
			Monthly:    c.money(0),
			Schedule:   []assistant.Payment{},
			Total:      c.money(c.total),
			FitsPolicy: true,
			Realistic:  true,
			Why:        ref.Reason,
			Script:     ref.Text,
		})
	}
	return res, nil
}

func rank(d draft) int {
	switch {
	case d.realistic && d.fits:
		return 0
	case d.fits:
		return 1
	default:
		return 2
	}
}

// drafts builds the candidate options, most preferred first. Every payment
// of every draft is at most the affordable amount when that is known.
func (c *checked) drafts() []draft {
	p := c.policy
	total := c.total
	var out []draft
	affordableOK := func(v int64) bool { return !c.known || v <= c.affordable }
	sizeOK := func(v, total int64) bool { return v >= p.MinInstalment || v >= total }

	var proposal *draft
	if s := c.Customer.StatedMonthly; s != nil && *s > 0 && affordableOK(*s) {
		if d, ok := c.build(draft{kind: assistant.OptionCustomerProposal, total: total, monthly: *s}); ok {
			d.fits = d.months() <= p.MaxTermMonths && sizeOK(*s, total)
			proposal = &d
			out = append(out, d)
		}
	}
	if c.known && c.affordable == 0 {
		return out
	}

	fitting := proposal != nil && proposal.fits
	if !fitting || c.TermMonths > 0 {
		term := p.MaxTermMonths
		if c.TermMonths > 0 {
			term = c.TermMonths
		}
		x := max(ceilDiv(total, int64(term)), min(p.MinInstalment, total))
		switch {
		case affordableOK(x):
			if d, ok := c.build(draft{kind: assistant.OptionInstalments, total: total, monthly: x, fits: true}); ok {
				out = append(out, d)
			}
		case proposal == nil && c.affordable > 0:
			// The least the policy accepts is more than the customer has:
			// show what they can afford, and that it does not fit.
			if d, ok := c.build(draft{kind: assistant.OptionInstalments, total: total, monthly: c.affordable}); ok {
				d.fits = d.months() <= p.MaxTermMonths && sizeOK(c.affordable, total)
				out = append(out, d)
			}
		}
	}
	if !fitting {
		if d, ok := c.stepped(); ok {
			out = append(out, d)
		}
		if p.MaxDeferralMonths > 0 {
			rest := p.MaxTermMonths - p.MaxDeferralMonths
			y := max(ceilDiv(total, int64(rest)), min(p.MinInstalment, total))
			if affordableOK(y) {
				if d, ok := c.build(draft{kind: assistant.OptionDeferral, total: total, monthly: y, deferral: p.MaxDeferralMonths, fits: true}); ok {
					out = append(out, d)
				}
			}
		}
	} else if c.Customer.Vulnerable && p.MaxDeferralMonths > 0 {
		// A customer whose life just changed may need a pause before the
		// amount they named; offer it when it still fits.
		d, ok := c.build(draft{kind: assistant.OptionDeferral, total: total, monthly: proposal.monthly, deferral: p.MaxDeferralMonths})
		if ok && d.deferral+d.months() <= p.MaxTermMonths {
			d.fits = true
			out = append(out, d)
		}
	}

	if p.MayWaiveCosts && c.known && !slices.ContainsFunc(out, func(d draft) bool { return d.realistic && d.fits }) {
		if d, ok := c.waived(proposal != nil); ok {
			out = append(out, d)
		}
	}
	for i := range out {
		out[i].realistic = c.known && slices.Max(out[i].amounts) <= c.affordable
	}
	return out
}

// stepped starts at about half the plain plan's payment for
// steppedLowMonths months, then pays the least that still ends within the
// term. It cannot start at the customer's own amount: that amount is also
// the most they can pay, so there would be nothing to step up to.
func (c *checked) stepped() (draft, bool) {
	p := c.policy
	total := c.total
	rest := p.MaxTermMonths - steppedLowMonths
	if rest < 1 {
		return draft{}, false
	}
	plain := max(ceilDiv(total, int64(p.MaxTermMonths)), min(p.MinInstalment, total))
	low := max(wholeUnits(plain/2), p.MinInstalment)
	left := total - steppedLowMonths*low
	if low <= 0 || left <= 0 {
		return draft{}, false
	}
	high := ceilDiv(left, int64(rest))
	if high <= low || (c.known && high > c.affordable) {
		return draft{}, false
	}
	d, ok := c.build(draft{kind: assistant.OptionStepped, total: total, monthly: high, low: low, lowMonths: steppedLowMonths})
	d.fits = low >= p.MinInstalment && d.months() <= p.MaxTermMonths
	return d, ok
}

// waived offers the debt without its costs, when the policy allows it and
// nothing affordable clears the whole debt. The customer's own amount is
// used when it clears the rest within the term.
func (c *checked) waived(hasProposal bool) (draft, bool) {
	p := c.policy
	costs := c.Debt.Costs + c.statutory
	rest := c.total - costs
	if costs == 0 || c.affordable == 0 {
		return draft{}, false
	}
	kind := assistant.OptionInstalments
	x := max(ceilDiv(rest, int64(p.MaxTermMonths)), min(p.MinInstalment, rest))
	if s := c.Customer.StatedMonthly; hasProposal && ceilDiv(rest, *s) <= int64(p.MaxTermMonths) && (*s >= p.MinInstalment || *s >= rest) {
		kind, x = assistant.OptionCustomerProposal, *s
	}
	if x > c.affordable {
		return draft{}, false
	}
	d, ok := c.build(draft{kind: kind, total: rest, waived: costs, monthly: x, fits: true})
	return d, ok
}

// build fills in the amounts of d: lowMonths payments of low, then payments
// of monthly, the last one absorbing the remainder so that they add up to
// total exactly. It refuses schedules longer than maxTerm months, which no
// policy accepts.
func (c *checked) build(d draft) (draft, bool) {
	left := d.total - int64(d.lowMonths)*d.low
	if d.monthly <= 0 || d.total <= 0 || left <= 0 {
		return draft{}, false
	}
	n := int64(d.lowMonths) + ceilDiv(left, d.monthly)
	if n > maxTerm {
		return draft{}, false
	}
	d.amounts = make([]int64, 0, n)
	for range d.lowMonths {
		d.amounts = append(d.amounts, d.low)
	}
	for left > 0 {
		v := min(d.monthly, left)
		d.amounts = append(d.amounts, v)
		left -= v
	}
	return d, true
}

func (d draft) months() int { return len(d.amounts) }

// dueDates returns n monthly due dates, the first deferral months after the
// first possible one. With a known payday every date is that day of the
// month (the last day in shorter months); otherwise the start date's day.
func (c *checked) dueDates(deferral, n int) []time.Time {
	first := c.start
	anchor := c.start.Day()
	if pd := c.Customer.Payday; pd > 0 {
		anchor = pd
		first = dayOf(c.start.Year(), c.start.Month(), pd)
		if first.Before(c.start) {
			first = dayOf(c.start.Year(), c.start.Month()+1, pd)
		}
	}
	out := make([]time.Time, n)
	for i := range out {
		out[i] = dayOf(first.Year(), first.Month()+time.Month(deferral+i), anchor)
	}
	return out
}

// dayOf returns day of the given month, or the month's last day when it is
// shorter; month may run past 12.
func dayOf(year int, month time.Month, day int) time.Time {
	firstOfMonth := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
	last := firstOfMonth.AddDate(0, 1, -1).Day()
	return firstOfMonth.AddDate(0, 0, min(day, last)-1)
}

func ceilDiv(a, b int64) int64 { return (a + b - 1) / b }

// wholeUnits rounds cents down to whole euros, pounds or dollars, the way
// people name amounts, but never to zero.
func wholeUnits(v int64) int64 {
	if v < 100 {
		return v
	}
	return v / 100 * 100
}
