package arrangement

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// Stepped plans and plans without their costs pay whole euros, pounds or
// dollars a month, rounded up, the last payment taking what is left: over
// many debts and terms the payments add up to the debt exactly and none is
// negative or zero (docs/domain/arrangements.md §8).
func TestWholeUnitsSteppedAndWaived(t *testing.T) {
	r := rand.New(rand.NewPCG(20, 8))
	e := New(fixedNow)
	seen := map[assistant.OptionKind]int{}
	waived := 0
	for i := range 3000 {
		term := 2 + r.IntN(71)
		req := Request{
			Debt:         Debt{Principal: 1 + r.Int64N(2_000_000), Costs: r.Int64N(40_000), Currency: "EUR"},
			Jurisdiction: "nl",
			Language:     assistant.Languages[i%len(assistant.Languages)],
			Policy:       &Policy{MinInstalment: []int64{0, 100, 1000, 2500}[r.IntN(4)], MaxTermMonths: term, MayWaiveCosts: true},
		}
		if i%2 == 1 {
			// What is left clears the debt without its costs within the
			// term but not with them, so that the plan without them is
			// offered; sometimes whole units of it pass the limit.
			req.Debt.Currency, req.Jurisdiction = "GBP", "uk"
			least := (req.Debt.Principal + int64(term) - 1) / int64(term)
			most := (req.Debt.Principal+req.Debt.Costs+int64(term)-1)/int64(term) - 1
			limit := least + r.Int64N(max(1, most-least+1))
			req.Customer.Income, req.Customer.EssentialCosts = ptr(100_000+2*limit+r.Int64N(2)), ptr(int64(100_000))
		}
		res, err := e.Plan(context.Background(), req)
		if err != nil {
			t.Fatalf("%+v: %v", req, err)
		}
		for _, o := range res.Options {
			isWaived := o.Waived != nil && o.Kind == assistant.OptionInstalments
			if o.Kind != assistant.OptionStepped && !isWaived {
				continue
			}
			seen[o.Kind]++
			if isWaived {
				waived++
			}
			if err := checkWhole(res, o); err != nil {
				t.Fatalf("debt %d + costs %d, term %d, stated %v: %s %v", req.Debt.Principal, req.Debt.Costs, term, req.Customer.StatedMonthly, o.Kind, err)
			}
		}
	}
	if seen[assistant.OptionStepped] < 100 || waived < 100 {
		t.Errorf("too few plans checked: %d stepped, %d without costs", seen[assistant.OptionStepped], waived)
	}
}

func checkWhole(res Response, o assistant.ArrangementOption) error {
	var sum int64
	regular := o.Monthly.Amount
	for k, p := range o.Schedule {
		v := p.Amount.Amount
		if v <= 0 {
			return fmt.Errorf("payment %d is %d", k, v)
		}
		sum += v
		if k < len(o.Schedule)-1 && v != regular && o.Kind != assistant.OptionStepped {
			return fmt.Errorf("payment %d is %d, not the regular %d", k, v, regular)
		}
	}
	if sum != o.Total.Amount {
		return fmt.Errorf("payments add up to %d, total %d", sum, o.Total.Amount)
	}
	if last := o.Schedule[len(o.Schedule)-1].Amount.Amount; last > regular {
		return fmt.Errorf("last payment %d above the regular %d", last, regular)
	}
	limit := int64(-1)
	if res.Affordable != nil {
		limit = res.Affordable.Amount
	}
	switch {
	case regular%100 == 0:
		if o.Step != 100 && regular < o.Total.Amount {
			return fmt.Errorf("regular %d whole but step %d", regular, o.Step)
		}
	case regular >= o.Total.Amount:
	case regular == o.Schedule[len(o.Schedule)-1].Amount.Amount && (len(o.Schedule) == 1 || o.Schedule[len(o.Schedule)-2].Amount.Amount != regular):
		// One payment at this amount clears what is left.
	case limit >= 0 && (regular+99)/100*100 > limit:
	default:
		return fmt.Errorf("regular %d is not whole units, though %d fits (limit %d)", regular, (regular+99)/100*100, limit)
	}
	return nil
}
