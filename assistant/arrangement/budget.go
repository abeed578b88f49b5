package arrangement

import (
	"fmt"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// guideline returns the spending guideline of category c for household h,
// and whether there is one. Without a household there is none: a guideline
// for the wrong household would raise questions a customer need not answer.
func guideline(g *assistant.SpendingGuidelines, c assistant.BudgetCategory, h *Household) (int64, bool) {
	if g == nil || h == nil {
		return 0, false
	}
	for _, f := range g.Figures {
		if f.Category != c {
			continue
		}
		base := f.Single
		if h.Adults >= 2 {
			base = f.Couple
		}
		return base + int64(h.Children)*f.PerChild, true
	}
	return 0, false
}

// BudgetCheckText is the data of the arrangement.budget-check template.
type BudgetCheckText struct {
	Category  assistant.BudgetCategory
	Amount    assistant.Money
	Guideline assistant.Money
	Effective Date
	Source    string
}

// budgetChecks notes every budget line above the creditor's spending
// guideline for the household. The SFS asks advisers to explain such a line,
// not to cut it; guidelines not yet in force are not used.
func (c *checked) budgetChecks(b Budget) ([]assistant.BudgetCheck, error) {
	g := c.policy.SpendingGuidelines
	if g == nil {
		return nil, nil
	}
	eff, err := time.Parse(dateLayout, g.Effective)
	if err != nil || eff.After(c.today) {
		return nil, nil
	}
	var out []assistant.BudgetCheck
	for _, l := range b.Lines() {
		limit, ok := guideline(g, l.Category, c.Customer.Household)
		if !ok || l.Amount <= limit {
			continue
		}
		t := BudgetCheckText{Category: l.Category, Amount: c.money(l.Amount), Guideline: c.money(limit),
			Effective: c.date(eff), Source: g.Source}
		note, err := prompts.Render(c.lang, "arrangement.budget-check", t)
		if err != nil {
			return nil, fmt.Errorf("arrangement: budget check of %s: %w", l.Category, err)
		}
		out = append(out, assistant.BudgetCheck{Category: l.Category, Amount: t.Amount, Guideline: t.Guideline, Note: note})
	}
	return out, nil
}
