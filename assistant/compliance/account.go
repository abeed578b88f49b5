package compliance

import (
	"context"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// HistoryWindow is how far before a call the rules that count an account's
// calls look: the longest call-frequency period of any pack, plus a day for
// the difference between the customer's calendar and UTC.
func (c *Checker) HistoryWindow() time.Duration {
	days := 0
	for _, r := range c.byID {
		if r.Check == CheckCallFrequency {
			days = max(days, r.Params.Days)
		}
	}
	return time.Duration(days+1) * 24 * time.Hour
}

// NeedsHistory reports whether any rule checked in comp needs the account's
// stored calls, so that a caller need not read them otherwise.
func (c *Checker) NeedsHistory(comp *assistant.Compliance) bool {
	for _, rc := range comp.Rules {
		if r := c.byID[rc.RuleID]; r != nil && needsHistory(r) {
			return true
		}
	}
	return false
}

func needsHistory(r *rule) bool {
	return r.Check == CheckCallFrequency || (r.When != nil && r.When.FirstContact)
}

// CheckAccount checks again, with the account's stored calls h, the rules
// of comp that need them (first contact, call frequency), and tallies comp
// anew. in is the input comp was checked on.
func (c *Checker) CheckAccount(ctx context.Context, comp *assistant.Compliance, in assistant.ComplianceInput, h assistant.AccountHistory) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	cl := prepare(in)
	for i, rc := range comp.Rules {
		r := c.byID[rc.RuleID]
		if r == nil || !needsHistory(r) {
			continue
		}
		checked, applied := c.check(r, cl, &h)
		comp.Rules[i] = checked
		comp.Flagged = comp.Flagged || (applied && r.Flag)
	}
	comp.Tally()
	return nil
}
