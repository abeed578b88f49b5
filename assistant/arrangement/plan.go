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
	now     func() time.Time
	figures Figures
}

// New returns an engine reading today's date from now, which tests replace
// with a fixed clock. A nil now means time.Now. It plans with the figures
// rooscoach ships; see [Engine.WithFigures].
func New(now func() time.Time) *Engine {
	if now == nil {
		now = time.Now
	}
	return &Engine{now: now, figures: ShippedFigures()}
}

// WithFigures returns a copy of e that plans with f (see [LoadFigures]).
func (e *Engine) WithFigures(f Figures) *Engine {
	c := *e
	c.figures = f
	return &c
}

var (
	_ assistant.FactReader = (*Engine)(nil)
	_ assistant.Adviser    = (*Engine)(nil)
)

// steppedLowMonths is how many months a stepped plan pays its low amount.
const steppedLowMonths = 3

// Plan proposes ranked payment arrangements for req. It never proposes a
// payment above the policy's share of what the customer has left, nor above
// what they said they can pay, except the customer's own amount, which it
// marks as a risk when it is above the share. The customer's own amount
// comes first when it clears the debt within policy; a referral is set
// exactly when no affordable option clears the debt within policy or the
// customer shows vulnerability. Bad input returns an *assistant.Error with
// code EInvalid whose message names the JSON field.
func (e *Engine) Plan(ctx context.Context, req Request) (Response, error) {
	if err := ctx.Err(); err != nil {
		return Response{}, err
	}
	c, err := validate(req, e.now().UTC(), e.figures)
	if err != nil {
		return Response{}, err
	}
	return c.plan()
}

// draft is an option before its wording is rendered.
type draft struct {
	kind      assistant.OptionKind
	total     int64 // what this schedule pays
	waived    int64 // costs left out of total, or the part a settlement writes off
	monthly   int64 // the regular payment
	step      int64 // the round step of monthly, 0 when exact
	low       int64 // stepped: the payment of the first lowMonths months
	lowMonths int
	deferral  int
	// review is the number of months a temporary plan or token payment
	// runs before it is looked at again; remaining is then still owed.
	review    int
	remaining int64
	// gather marks a vulnerable customer's temporary plan while their
	// means are unknown; belowMinimum one at what they can spare, under
	// the policy's minimum.
	gather, belowMinimum bool
	amounts              []int64
	fits                 bool
	realistic            bool
	risk                 bool
	frozen               bool
}

func (c *checked) money(v int64) assistant.Money {
	return assistant.Money{Amount: v, Currency: c.Debt.Currency}
}

func (c *checked) plan() (Response, error) {
	res := Response{
		Total:        c.money(c.total),
		Policy:       c.policy,
		PolicySource: assistant.PolicyFromBuiltin,
		Assessment:   c.assessment,
		Options:      []assistant.ArrangementOption{},
	}
	if c.Request.Policy != nil {
		res.PolicySource = assistant.PolicyFromRequest
	}
	if c.statutory > 0 {
		m := c.money(c.statutory)
		res.StatutoryCosts = &m
		if n := len(c.Debt.Invoices); n > 1 {
			note, err := c.statutoryNote()
			if err != nil {
				return Response{}, err
			}
			res.StatutoryNote = note
		}
	}
	if c.known {
		m := c.money(c.limit)
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
	case c.known && !affordableFit(drafts) && c.limit == 0:
		reason = reasonNothing
	case c.known && !affordableFit(drafts):
		reason = reasonNoFit
	}
	if reason != "" {
		ref, err := c.referral(reason)
		if err != nil {
			return Response{}, err
		}
		res.Referral, res.Flagged = &ref, true
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

// clears reports whether an option of kind k pays off the whole debt, as a
// temporary plan or token payment does not.
func clears(k assistant.OptionKind) bool {
	return k != assistant.OptionTemporary && k != assistant.OptionToken
}

// affordableFit reports whether some draft clears the debt within policy at
// an amount the customer can pay without going past the policy's share.
func affordableFit(ds []draft) bool {
	return slices.ContainsFunc(ds, func(d draft) bool { return d.realistic && d.fits && !d.risk && clears(d.kind) })
}

// drafts builds the candidate options, most preferred first. Every payment
// of every draft is at most the limit when that is known, except the
// customer's own amount and a settlement out of a lump sum.
func (c *checked) drafts() []draft {
	if ds, ok := c.breathing(); ok {
		return ds
	}
	p := c.policy
	total := c.total
	var out []draft
	within := func(v int64) bool { return !c.known || v <= c.limit }
	sizeOK := func(v, total int64) bool { return v >= p.MinInstalment || v >= total }

	var proposal *draft
	if s := c.Customer.StatedMonthly; s != nil && *s > 0 && (!c.spareKnown || *s <= c.spare) {
		if d, ok := c.build(draft{kind: assistant.OptionCustomerProposal, total: total, monthly: *s}); ok {
			d.fits = d.months() <= p.MaxTermMonths && sizeOK(*s, total)
			d.risk = c.spareKnown && *s > c.cap
			d.realistic = true
			proposal = &d
			out = append(out, d)
		}
	}
	if c.known && c.limit == 0 {
		return c.settle(out)
	}

	// A proposal above the policy's share is the customer's to make, but
	// the options within the share are shown beside it.
	fitting := proposal != nil && proposal.fits && !proposal.risk
	var plain int64 // the instalment plan's amount, 0 when there is none
	if !fitting || c.TermMonths > 0 {
		term := p.MaxTermMonths
		if c.TermMonths > 0 {
			term = c.TermMonths
		}
		x := max(ceilDiv(total, int64(term)), min(p.MinInstalment, total))
		r, step := x, int64(0)
		if x < total {
			r, step = roundUpWithin(x, c.limit, c.known)
		}
		switch {
		case within(r):
			if d, ok := c.build(draft{kind: assistant.OptionInstalments, total: total, monthly: r, step: step, fits: true}); ok {
				out = append(out, d)
				plain = r
			}
		case proposal == nil && c.limit > 0:
			// The least the policy accepts is more than the customer has:
			// show what they can afford, and that it does not fit.
			a, step := roundDown(c.limit)
			if d, ok := c.build(draft{kind: assistant.OptionInstalments, total: total, monthly: a, step: step}); ok {
				d.fits = d.months() <= p.MaxTermMonths && sizeOK(a, total)
				out = append(out, d)
				plain = a
			}
		}
	}
	if !fitting && c.known && c.limit > 0 {
		// The shortest realistic term: the round amount under the limit.
		// Offered beside the gentler plan, never instead of it.
		a, step := roundDown(c.limit)
		if a >= total {
			a, step = total, 0
		}
		if a > plain && sizeOK(a, total) && (proposal == nil || a != proposal.monthly) {
			if d, ok := c.build(draft{kind: assistant.OptionShortest, total: total, monthly: a, step: step}); ok && d.months() <= p.MaxTermMonths {
				d.fits = true
				out = append(out, d)
			}
		}
	}
	if !fitting {
		if d, ok := c.stepped(); ok {
			out = append(out, d)
		}
	}
	for i := range out {
		if out[i].kind != assistant.OptionCustomerProposal {
			out[i].realistic = c.known && slices.Max(out[i].amounts) <= c.limit
		}
	}

	// A customer in difficulty gets a breathing shape: a reduced amount
	// until a review, or a token payment when even the policy's minimum is
	// too much.
	if c.known && c.limit > 0 && (c.Customer.Vulnerable || !affordableFit(out)) {
		// A review after the policy's whole term would outlast it.
		review := min(p.ReviewMonths, p.MaxTermMonths)
		if a, step := roundDown(c.limit); p.AllowsTemporary() && a >= p.MinInstalment && a*int64(review) < total {
			d := c.holding(assistant.OptionTemporary, a, step, review)
			if c.Customer.Vulnerable {
				// What they can spare does not clear the debt within the
				// review: breathing space comes before a full plan, after
				// only the customer's own amount (CONC 7.3.6G).
				at := 0
				if proposal != nil {
					at = 1
				}
				out = slices.Insert(out, at, d)
			} else {
				out = append(out, d)
			}
		}
		if t := p.TokenAmount; p.MayToken && c.limit < p.MinInstalment && t <= c.limit && t*int64(review) < total {
			out = append(out, c.holding(assistant.OptionToken, t, 0, review))
		}
	}

	if p.MaxDeferralMonths > 0 {
		switch {
		case !fitting:
			rest := p.MaxTermMonths - p.MaxDeferralMonths
			y := max(ceilDiv(total, int64(rest)), min(p.MinInstalment, total))
			step := int64(0)
			if y < total {
				y, step = roundUpWithin(y, c.limit, c.known)
			}
			if within(y) {
				if d, ok := c.build(draft{kind: assistant.OptionDeferral, total: total, monthly: y, step: step, deferral: p.MaxDeferralMonths, fits: true}); ok {
					d.realistic = c.known
					out = append(out, d)
				}
			}
		case c.Customer.Vulnerable && proposal != nil:
			// A customer whose life just changed may need a pause before
			// the amount they named; offer it when it still fits.
			d, ok := c.build(draft{kind: assistant.OptionDeferral, total: total, monthly: proposal.monthly, deferral: p.MaxDeferralMonths})
			if ok && d.deferral+d.months() <= p.MaxTermMonths {
				d.fits, d.realistic, d.risk = true, true, proposal.risk
				out = append(out, d)
			}
		}
	}

	if p.MayWaiveCosts && c.known && !affordableFit(out) {
		if d, ok := c.waived(proposal); ok {
			out = append(out, d)
		}
	}
	out = c.settle(out)

	if p.MayFreeze && (c.Customer.Vulnerable || (c.known && !affordableFit(out)) || (c.known && c.limit < p.MinInstalment)) {
		for i := range out {
			out[i].frozen = out[i].kind != assistant.OptionSettlement
		}
	}
	return out
}

// gatherMonths is how long a vulnerable customer whose means are unknown
// pays the reduced amount before the review: time enough to list income
// and essential costs (the SFS), short enough that nothing is assumed.
const gatherMonths = 1

// breathing gives a vulnerable customer breathing space instead of a full
// plan, when the policy allows a temporary plan: with their means unknown,
// the least the policy accepts for gatherMonths, until their income and
// costs are known; with less than the policy's minimum to spare, what they
// can spare until the review, below the minimum, since a plan above their
// means is never kept (FCA CONC 7.3.5G(3), FG21/1). Otherwise ok is false
// and the usual options are planned: a customer whose figures are clear
// keeps a plan that clears the debt, and one who cannot clear it within
// the review period gets the temporary plan among them (drafts).
func (c *checked) breathing() (ds []draft, ok bool) {
	p := c.policy
	if !c.Customer.Vulnerable || !p.AllowsTemporary() {
		return nil, false
	}
	review := min(p.ReviewMonths, p.MaxTermMonths)
	if review < 1 {
		return nil, false
	}
	switch {
	case !c.known:
		a := p.MinInstalment
		if p.MayToken && p.TokenAmount > 0 {
			a = min(a, p.TokenAmount)
		}
		a = max(a, min(100, c.total))
		n := min(gatherMonths, review)
		if a*int64(n) >= c.total {
			return nil, false
		}
		d := c.holding(assistant.OptionTemporary, a, 0, n)
		d.realistic, d.gather = false, true
		return c.settle([]draft{d}), true
	case c.limit > 0 && c.limit < p.MinInstalment:
		a, step := roundDown(c.limit)
		if a*int64(review) >= c.total {
			return nil, false
		}
		// Below the minimum it does not fit the policy, and says so; the
		// creditor is asked, not the customer.
		d := c.holding(assistant.OptionTemporary, a, step, review)
		d.belowMinimum, d.fits = true, false
		return []draft{d}, true
	}
	return nil, false
}

// holding is a temporary plan or token payment: amount a month for review
// months, then a review; it does not clear the debt.
func (c *checked) holding(kind assistant.OptionKind, amount, step int64, review int) draft {
	d := draft{kind: kind, monthly: amount, step: step, review: review, fits: true, realistic: true}
	d.amounts = make([]int64, review)
	for i := range d.amounts {
		d.amounts[i] = amount
	}
	d.total = amount * int64(review)
	d.remaining = c.total - d.total
	return d
}

// settle adds a settlement to ds when the policy allows one and the
// customer named a lump sum that brings in at least the policy's share of
// the debt but not all of it. The lump sum is offered as it is: it is what
// the customer can raise, and the creditor decides on it.
func (c *checked) settle(ds []draft) []draft {
	p := c.policy
	ls := c.Customer.LumpSum
	if !p.MaySettle || ls == nil || *ls <= 0 || *ls >= c.total {
		return ds
	}
	least := ceilDiv(c.total*int64(p.MinSettlementPercent), 100)
	if *ls < least {
		return ds
	}
	return append(ds, draft{kind: assistant.OptionSettlement, total: *ls, waived: c.total - *ls, monthly: *ls,
		amounts: []int64{*ls}, fits: true, realistic: true})
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
	high, step := wholeUpWithin(ceilDiv(left, int64(rest)), left, c.limit, c.known)
	if high <= low || (c.known && high > c.limit) {
		return draft{}, false
	}
	d, ok := c.build(draft{kind: assistant.OptionStepped, total: total, monthly: high, step: step, low: low, lowMonths: steppedLowMonths})
	d.fits = low >= p.MinInstalment && d.months() <= p.MaxTermMonths
	return d, ok
}

// waived offers the debt without its costs, when the policy allows it and
// nothing affordable clears the whole debt. The customer's own amount is
// used when it clears the rest within the term.
func (c *checked) waived(proposal *draft) (draft, bool) {
	p := c.policy
	costs := c.Debt.Costs + c.statutory
	rest := c.total - costs
	if costs == 0 || c.limit == 0 {
		return draft{}, false
	}
	kind := assistant.OptionInstalments
	x, step := wholeUpWithin(max(ceilDiv(rest, int64(p.MaxTermMonths)), min(p.MinInstalment, rest)), rest, c.limit, c.known)
	risk := false
	if s := c.Customer.StatedMonthly; proposal != nil && ceilDiv(rest, *s) <= int64(p.MaxTermMonths) && (*s >= p.MinInstalment || *s >= rest) {
		kind, x, step, risk = assistant.OptionCustomerProposal, *s, 0, proposal.risk
	} else if x > c.limit {
		return draft{}, false
	}
	d, ok := c.build(draft{kind: kind, total: rest, waived: costs, monthly: x, step: step, fits: true, realistic: true, risk: risk})
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

func ceilDiv(a, b int64) int64 { return (a + b - 1) / b }

// wholeUnits rounds cents down to whole euros, pounds or dollars, the way
// people name amounts, but never to zero.
func wholeUnits(v int64) int64 {
	if v < 100 {
		return v
	}
	return v / 100 * 100
}
