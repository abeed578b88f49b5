package arrangement

import (
	"fmt"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// Reasons for a referral, passed to the arrangement.reason template and kept
// as Referral.Code.
const (
	reasonCrisis     = "crisis"     // self-harm or suicide was mentioned
	reasonVulnerable = "vulnerable" // a vulnerability cue
	reasonNothing    = "nothing"    // the customer can pay nothing now
	reasonNoFit      = "no-fit"     // what they can pay does not clear the debt within policy
)

// Date is a calendar date for the templates, which write it the way the
// customer's country does: "18 december 2026", "18 December 2026",
// "December 18, 2026" (Country "us").
type Date = prompts.Date

func (c *checked) date(t time.Time) Date { return prompts.DateOf(t, c.Jurisdiction) }

// OptionText is the data of the arrangement.why.* and arrangement.script.*
// templates, one pair per option kind.
type OptionText struct {
	Jurisdiction string
	// Monthly is the regular payment; Low and LowMonths the start of a
	// stepped plan; Deferral the months before the first payment.
	Monthly, Low     assistant.Money
	LowMonths        int
	Deferral         int
	Total            assistant.Money
	Months           int
	First, Last      Date
	Fits, Realistic  bool
	MaxTerm          int
	MinInstalment    assistant.Money
	TooLong, TooLow  bool // why an option does not fit policy
	Known            bool // whether anything is known of what the customer can pay
	Affordable       assistant.Money
	Waived           *assistant.Money
	StatedNote       bool // the first option says why the customer's own amount is not it
	Stated           assistant.Money
	StatedAbove      bool // the stated amount is more than the customer has left
	StatedMonths     int  // how long the stated amount would take
	StatedOverPolicy bool
	// SpareKnown says Spare (what is left after essential costs) and Cap
	// (the policy's Share of it) are known.
	SpareKnown bool
	Spare, Cap assistant.Money
	Share      int
	// Risk marks the customer's own amount above Cap.
	Risk bool
	// Review, ReviewDate and Remaining describe a temporary plan or token
	// payment: months until the review, its date, what is owed then.
	Review     int
	ReviewDate Date
	Remaining  assistant.Money
	// Gather marks a vulnerable customer's temporary plan while what they
	// can pay is unknown: the agent asks them to list income and costs
	// before the review. BelowMinimum marks one at what they can spare,
	// below the policy's minimum.
	Gather, BelowMinimum bool
	// Frozen: interest and charges stop while the plan runs.
	Frozen bool
	// Debt is the whole debt, for a settlement's script.
	Debt assistant.Money
}

// ReferralText is the data of the arrangement.reason and
// arrangement.referral templates.
type ReferralText struct {
	Jurisdiction string
	Reason       string
	Crisis       bool
	// Known says Limit (the most the customer can pay a month, as the
	// figures show) is known, for a reason that names it.
	Known bool
	Limit assistant.Money
}

func (c *checked) option(d draft, first bool) (assistant.ArrangementOption, error) {
	n := len(d.amounts)
	if d.review > 0 {
		n++ // the date of the review
	}
	dates := c.dueDates(d.deferral, n)
	sched := make([]assistant.Payment, len(d.amounts))
	for i, a := range d.amounts {
		sched[i] = assistant.Payment{Due: dates[i].Format(dateLayout), Amount: c.money(a)}
	}
	smallest := d.monthly
	if d.lowMonths > 0 {
		smallest = d.low
	}
	t := OptionText{
		Jurisdiction:  c.Jurisdiction,
		Monthly:       c.money(d.monthly),
		Low:           c.money(d.low),
		LowMonths:     d.lowMonths,
		Deferral:      d.deferral,
		Total:         c.money(d.total),
		Months:        len(d.amounts),
		First:         c.date(dates[0]),
		Last:          c.date(dates[len(d.amounts)-1]),
		Fits:          d.fits,
		Realistic:     d.realistic,
		MaxTerm:       c.policy.MaxTermMonths,
		MinInstalment: c.money(c.policy.MinInstalment),
		TooLong:       d.deferral+len(d.amounts) > c.policy.MaxTermMonths,
		TooLow:        smallest < c.policy.MinInstalment && smallest < d.total && d.kind != assistant.OptionToken,
		Known:         c.known,
		Affordable:    c.money(c.limit),
		SpareKnown:    c.spareKnown,
		Spare:         c.money(c.spare),
		Cap:           c.money(c.cap),
		Share:         c.policy.SpareSharePercent,
		Risk:          d.risk,
		Review:        d.review,
		Remaining:     c.money(d.remaining),
		Gather:        d.gather,
		BelowMinimum:  d.belowMinimum,
		Frozen:        d.frozen,
		Debt:          c.money(c.total),
	}
	if d.waived > 0 {
		w := c.money(d.waived)
		t.Waived = &w
	}
	var reviewDate string
	if d.review > 0 {
		// The review falls when the next payment would, before any move
		// off a holiday: it is a date for the agent, not a due date.
		rd := c.anchors(d.deferral, d.review+1)[d.review]
		t.ReviewDate = c.date(rd)
		reviewDate = rd.Format(dateLayout)
	}
	if s := c.Customer.StatedMonthly; first && s != nil && *s > 0 && d.kind != assistant.OptionCustomerProposal {
		t.StatedNote = true
		t.Stated = c.money(*s)
		t.StatedAbove = c.spareKnown && *s > c.spare
		t.StatedMonths = int(min(ceilDiv(c.total, *s), 1<<30))
		t.StatedOverPolicy = t.StatedMonths > c.policy.MaxTermMonths
	}
	why, err := prompts.Render(c.lang, "arrangement.why."+string(d.kind), t)
	if err != nil {
		return assistant.ArrangementOption{}, fmt.Errorf("arrangement: %w", err)
	}
	script, err := prompts.Render(c.lang, "arrangement.script."+string(d.kind), t)
	if err != nil {
		return assistant.ArrangementOption{}, fmt.Errorf("arrangement: %w", err)
	}
	o := assistant.ArrangementOption{
		Kind:           d.kind,
		Monthly:        t.Monthly,
		Months:         len(d.amounts),
		Schedule:       sched,
		Total:          t.Total,
		FitsPolicy:     d.fits,
		Realistic:      d.realistic,
		Risk:           d.risk,
		Step:           d.step,
		Why:            why,
		Script:         script,
		DeferralMonths: d.deferral,
		Waived:         t.Waived,
		ReviewDate:     reviewDate,
		Frozen:         d.frozen,
	}
	if d.review > 0 {
		r := t.Remaining
		o.Remaining = &r
	}
	return o, nil
}

func (c *checked) referral(reason string) (assistant.Referral, error) {
	t := ReferralText{Jurisdiction: c.Jurisdiction, Reason: reason, Crisis: reason == reasonCrisis,
		Known: c.known, Limit: c.money(c.limit)}
	why, err := prompts.Render(c.lang, "arrangement.reason", t)
	if err != nil {
		return assistant.Referral{}, fmt.Errorf("arrangement: %w", err)
	}
	text, err := prompts.Render(c.lang, "arrangement.referral", t)
	if err != nil {
		return assistant.Referral{}, fmt.Errorf("arrangement: %w", err)
	}
	return assistant.Referral{Jurisdiction: c.Jurisdiction, Code: reason, Reason: why, Text: text}, nil
}

// StatutoryText is the data of the arrangement.statutory template: the
// statutory costs of several bills reminded together.
type StatutoryText struct {
	Invoices int
	Sum      assistant.Money // the bills together
	Once     assistant.Money // the costs, once over the sum
	Each     assistant.Money // what a reminder per bill would have charged
}

func (c *checked) statutoryNote() (string, error) {
	var each int64
	for _, v := range c.Debt.Invoices {
		each += WIK(v)
	}
	t := StatutoryText{Invoices: len(c.Debt.Invoices), Sum: c.money(c.Debt.Principal), Once: c.money(c.statutory), Each: c.money(each)}
	s, err := prompts.Render(c.lang, "arrangement.statutory", t)
	if err != nil {
		return "", fmt.Errorf("arrangement: %w", err)
	}
	return s, nil
}

// ProtectedText is the data of the arrangement.protected template.
type ProtectedText struct {
	assistant.ProtectedIncome
	EffectiveDate Date
}

func (c *checked) protectedNote(p assistant.ProtectedIncome) (string, error) {
	t := ProtectedText{ProtectedIncome: p}
	if e, err := time.Parse(dateLayout, p.Effective); err == nil {
		t.EffectiveDate = c.date(e)
	}
	s, err := prompts.Render(c.lang, "arrangement.protected", t)
	if err != nil {
		return "", fmt.Errorf("arrangement: %w", err)
	}
	return s, nil
}
