package arrangement

import (
	"fmt"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// Reasons for a referral, passed to the arrangement.reason template.
const (
	reasonCrisis     = "crisis"     // self-harm or suicide was mentioned
	reasonVulnerable = "vulnerable" // a vulnerability cue
	reasonNothing    = "nothing"    // the customer can pay nothing now
	reasonNoFit      = "no-fit"     // what they can pay does not clear the debt within policy
)

// Date is a calendar date for the templates, which spell out the month in
// the customer's language.
type Date struct{ Day, Month, Year int }

func dateOf(t time.Time) Date { return Date{t.Day(), int(t.Month()), t.Year()} }

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
	StatedAbove      bool // the stated amount is more than income minus costs leaves
	StatedMonths     int  // how long the stated amount would take
	StatedOverPolicy bool
}

// ReferralText is the data of the arrangement.reason and
// arrangement.referral templates.
type ReferralText struct {
	Jurisdiction string
	Reason       string
	Crisis       bool
}

func (c *checked) option(d draft, first bool) (assistant.ArrangementOption, error) {
	dates := c.dueDates(d.deferral, len(d.amounts))
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
		First:         dateOf(dates[0]),
		Last:          dateOf(dates[len(dates)-1]),
		Fits:          d.fits,
		Realistic:     d.realistic,
		MaxTerm:       c.policy.MaxTermMonths,
		MinInstalment: c.money(c.policy.MinInstalment),
		TooLong:       d.deferral+len(d.amounts) > c.policy.MaxTermMonths,
		TooLow:        smallest < c.policy.MinInstalment && smallest < d.total,
		Known:         c.known,
		Affordable:    c.money(c.affordable),
	}
	if d.waived > 0 {
		w := c.money(d.waived)
		t.Waived = &w
	}
	if s := c.Customer.StatedMonthly; first && s != nil && *s > 0 && d.kind != assistant.OptionCustomerProposal {
		t.StatedNote = true
		t.Stated = c.money(*s)
		t.StatedAbove = c.known && *s > c.affordable
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
		Why:            why,
		Script:         script,
		DeferralMonths: d.deferral,
		Waived:         t.Waived,
	}
	return o, nil
}

func (c *checked) referral(reason string) (assistant.Referral, error) {
	t := ReferralText{Jurisdiction: c.Jurisdiction, Reason: reason, Crisis: reason == reasonCrisis}
	why, err := prompts.Render(c.lang, "arrangement.reason", t)
	if err != nil {
		return assistant.Referral{}, fmt.Errorf("arrangement: %w", err)
	}
	text, err := prompts.Render(c.lang, "arrangement.referral", t)
	if err != nil {
		return assistant.Referral{}, fmt.Errorf("arrangement: %w", err)
	}
	return assistant.Referral{Jurisdiction: c.Jurisdiction, Reason: why, Text: text}, nil
}
