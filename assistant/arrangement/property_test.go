package arrangement

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// randomRequest makes a valid request: amounts from a few euros to a house,
// sometimes a policy, sometimes what the customer can pay.
func randomRequest(r *rand.Rand) Request {
	j := []string{"nl", "uk", "us"}[r.IntN(3)]
	amount := func(maxCents int64) int64 {
		// Mostly consumer debts, now and then a large one.
		if r.IntN(10) == 0 {
			return r.Int64N(maxCents) + 1
		}
		return r.Int64N(500_000) + 1
	}
	req := Request{
		Debt:         Debt{Principal: amount(100_000_000), Currency: currencyOf[j]},
		Jurisdiction: j,
		Language:     []assistant.Language{"", assistant.Dutch, assistant.English}[r.IntN(3)],
		Today:        time.Date(2026, time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC).Format(dateLayout),
	}
	if r.IntN(2) == 0 {
		req.Debt.Costs = r.Int64N(50_000)
	}
	if r.IntN(3) == 0 {
		req.Debt.Interest = r.Int64N(20_000)
	}
	req.Debt.AddStatutoryCosts = j == "nl" && r.IntN(3) == 0
	if r.IntN(2) == 0 {
		term := 1 + r.IntN(72)
		req.Policy = &Policy{
			MinInstalment:     []int64{0, 100, 1000, 2500, 5000}[r.IntN(5)],
			MaxTermMonths:     term,
			MaxDeferralMonths: r.IntN(min(term, 4)),
			MayWaiveCosts:     r.IntN(2) == 0,
		}
	}
	maxTerm := DefaultPolicy(j).MaxTermMonths
	if req.Policy != nil {
		maxTerm = req.Policy.MaxTermMonths
	}
	if r.IntN(6) == 0 {
		req.TermMonths = 1 + r.IntN(maxTerm)
	}
	cu := &req.Customer
	if r.IntN(3) > 0 {
		cu.StatedMonthly = ptr([]int64{0, r.Int64N(2_000), r.Int64N(20_000), r.Int64N(200_000)}[r.IntN(4)])
	}
	if r.IntN(2) == 0 {
		cu.Income = ptr(r.Int64N(400_000))
		if r.IntN(3) > 0 {
			cu.EssentialCosts = ptr(r.Int64N(400_000))
		}
	}
	if j == "nl" && r.IntN(5) == 0 {
		cu.ProtectedIncome = ptr(r.Int64N(200_000))
	}
	cu.Payday = r.IntN(32)
	cu.Vulnerable = r.IntN(5) == 0
	cu.Crisis = r.IntN(30) == 0
	if r.IntN(2) == 0 {
		today, _ := time.Parse(dateLayout, req.Today)
		req.StartDate = today.AddDate(0, 0, r.IntN(60)).Format(dateLayout)
	}
	return req
}

// wantAffordable works out, independently of the engine, the most the
// customer can pay per month and whether anything is known.
func wantAffordable(req Request) (int64, bool) {
	cu := req.Customer
	var limits []int64
	if cu.StatedMonthly != nil {
		limits = append(limits, *cu.StatedMonthly)
	}
	if cu.Income != nil && cu.EssentialCosts != nil {
		limits = append(limits, *cu.Income-*cu.EssentialCosts)
	}
	if cu.Income != nil && req.Jurisdiction == "nl" {
		protected := int64(NLProtectedIncome)
		if cu.ProtectedIncome != nil {
			protected = *cu.ProtectedIncome
		}
		limits = append(limits, *cu.Income-protected)
	}
	if len(limits) == 0 {
		return 0, false
	}
	m := limits[0]
	for _, l := range limits {
		m = min(m, l)
	}
	return max(m, 0), true
}

// TestPlanProperties checks the engine's promises on thousands of generated
// requests.
func TestPlanProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 11))
	e := New(fixedNow)
	stats := map[string]int{}
	for n := range 5000 {
		req := randomRequest(r)
		res, err := e.Plan(context.Background(), req)
		if err != nil {
			t.Fatalf("case %d: Plan(%+v): %v", n, req, err)
		}
		if err := checkResponse(req, res, stats); err != nil {
			t.Fatalf("case %d: %v\nrequest: %+v\ncustomer: %s\npolicy: %+v\nresponse options: %v", n, err, req, describeCustomer(req.Customer), res.Policy, kinds(res.Options))
		}
	}
	// The generator must reach every branch, or the properties prove little.
	for _, k := range []string{"referral", "no-referral", "crisis", "customer-proposal", "instalment-plan", "stepped-plan", "deferral-then-plan", "waived", "unknown", "not-fitting"} {
		if stats[k] < 10 {
			t.Errorf("only %d generated cases with %s", stats[k], k)
		}
	}
}

func describeCustomer(c Customer) string {
	s := func(p *int64) string {
		if p == nil {
			return "nil"
		}
		return fmt.Sprint(*p)
	}
	return fmt.Sprintf("stated %s income %s costs %s protected %s payday %d vulnerable %v crisis %v",
		s(c.StatedMonthly), s(c.Income), s(c.EssentialCosts), s(c.ProtectedIncome), c.Payday, c.Vulnerable, c.Crisis)
}

func checkResponse(req Request, res Response, stats map[string]int) error {
	a, known := wantAffordable(req)
	if !known {
		stats["unknown"]++
	}
	wantTotal := req.Debt.Principal + req.Debt.Costs + req.Debt.Interest
	if req.Debt.AddStatutoryCosts {
		wantTotal += WIK(req.Debt.Principal)
	}
	if res.Total.Amount != wantTotal || res.Total.Currency != req.Debt.Currency {
		return fmt.Errorf("total %v, want %d %s", res.Total, wantTotal, req.Debt.Currency)
	}
	today, _ := time.Parse(dateLayout, req.Today)
	start := today.AddDate(0, 0, 14)
	if req.StartDate != "" {
		start, _ = time.Parse(dateLayout, req.StartDate)
	}
	p := res.Policy
	if req.Policy != nil && p != *req.Policy {
		return fmt.Errorf("policy %+v, want the request's %+v", p, *req.Policy)
	}

	if req.Customer.Crisis {
		stats["crisis"]++
		if len(res.Options) != 0 || res.Referral == nil || !res.Flagged {
			return fmt.Errorf("crisis: options %v, referral %v, flagged %v; want none, a referral, flagged", kinds(res.Options), res.Referral, res.Flagged)
		}
		return nil
	}

	affordableFit := false
	referralOptions := 0
	for i, o := range res.Options {
		if o.Kind == assistant.OptionReferral {
			referralOptions++
			if i != len(res.Options)-1 {
				return fmt.Errorf("referral option at %d of %d, want it last", i, len(res.Options))
			}
			continue
		}
		stats[string(o.Kind)]++
		if !o.FitsPolicy {
			stats["not-fitting"]++
		}
		if o.Waived != nil {
			stats["waived"]++
			if o.Total.Amount+o.Waived.Amount != wantTotal || o.Waived.Amount != req.Debt.Costs+res.statutory() || !p.MayWaiveCosts {
				return fmt.Errorf("%s: total %v + waived %v is not the debt %d, or waiving not allowed", o.Kind, o.Total, o.Waived, wantTotal)
			}
		} else if o.Total.Amount != wantTotal {
			return fmt.Errorf("%s: total %v, want %d", o.Kind, o.Total, wantTotal)
		}
		if len(o.Schedule) != o.Months || o.Months == 0 {
			return fmt.Errorf("%s: %d payments, months %d", o.Kind, len(o.Schedule), o.Months)
		}
		var s int64
		prev := start.AddDate(0, 0, -1)
		for k, pay := range o.Schedule {
			v := pay.Amount.Amount
			if v <= 0 {
				return fmt.Errorf("%s: payment %d is %d, not positive", o.Kind, k, v)
			}
			if known && v > a {
				return fmt.Errorf("%s: payment %d is %d, above the affordable %d", o.Kind, k, v, a)
			}
			if st := req.Customer.StatedMonthly; st != nil && v > *st {
				return fmt.Errorf("%s: payment %d is %d, above the stated %d", o.Kind, k, v, *st)
			}
			if v > o.Monthly.Amount {
				return fmt.Errorf("%s: payment %d is %d, above the option's monthly %d", o.Kind, k, v, o.Monthly.Amount)
			}
			if pay.Amount.Currency != req.Debt.Currency {
				return fmt.Errorf("%s: payment in %s", o.Kind, pay.Amount.Currency)
			}
			due, err := time.Parse(dateLayout, pay.Due)
			if err != nil || !due.After(prev) {
				return fmt.Errorf("%s: due date %s not after %s", o.Kind, pay.Due, prev.Format(dateLayout))
			}
			if pd := req.Customer.Payday; pd > 0 && due.Day() != pd && due.AddDate(0, 0, 1).Day() != 1 {
				return fmt.Errorf("%s: due %s not on payday %d", o.Kind, pay.Due, pd)
			}
			prev = due
			s += v
		}
		if s != o.Total.Amount {
			return fmt.Errorf("%s: schedule sums to %d, total %d", o.Kind, s, o.Total.Amount)
		}
		if o.FitsPolicy {
			if o.DeferralMonths+o.Months > p.MaxTermMonths {
				return fmt.Errorf("%s fits policy but takes %d+%d months, max %d", o.Kind, o.DeferralMonths, o.Months, p.MaxTermMonths)
			}
			// A term the customer asked for is kept, unless they cannot
			// afford it: then the plan is what they can afford.
			if req.TermMonths > 0 && o.Kind == assistant.OptionInstalments && o.Waived == nil && o.Months > req.TermMonths && (!known || o.Monthly.Amount != a) {
				return fmt.Errorf("instalment plan takes %d months, asked for %d", o.Months, req.TermMonths)
			}
			for k, pay := range o.Schedule[:len(o.Schedule)-1] {
				if pay.Amount.Amount < p.MinInstalment {
					return fmt.Errorf("%s fits policy but payment %d is %d, below the minimum %d", o.Kind, k, pay.Amount.Amount, p.MinInstalment)
				}
			}
		}
		if o.Realistic != known {
			return fmt.Errorf("%s: realistic %v, but affordability known %v", o.Kind, o.Realistic, known)
		}
		if o.Realistic && o.FitsPolicy {
			affordableFit = true
		}
		if o.Why == "" || o.Script == "" {
			return fmt.Errorf("%s: empty why or script", o.Kind)
		}
	}

	wantReferral := req.Customer.Vulnerable || (known && !affordableFit)
	if (res.Referral != nil) != wantReferral || res.Flagged != wantReferral || (referralOptions == 1) != wantReferral || referralOptions > 1 {
		return fmt.Errorf("referral %v, flagged %v, %d referral options; want referral %v (vulnerable %v, known %v, affordable option in policy %v)",
			res.Referral != nil, res.Flagged, referralOptions, wantReferral, req.Customer.Vulnerable, known, affordableFit)
	}
	if wantReferral {
		stats["referral"]++
	} else {
		stats["no-referral"]++
	}

	// The customer's own amount comes first when it is affordable and clears
	// the debt within policy.
	if st := req.Customer.StatedMonthly; st != nil && *st > 0 && *st <= a && !req.Customer.Crisis {
		months := (wantTotal + *st - 1) / *st
		if months <= int64(p.MaxTermMonths) && (*st >= p.MinInstalment || *st >= wantTotal) {
			first := res.Options[0]
			if first.Kind != assistant.OptionCustomerProposal || first.Monthly.Amount != *st || !first.FitsPolicy || first.Waived != nil {
				return fmt.Errorf("stated %d clears %d in %d months, but the first option is %s at %v", *st, wantTotal, months, first.Kind, first.Monthly)
			}
		}
	}
	// Known affordability with room to pay and an affordable plan in policy
	// must produce that plan, so a referral is never the lazy answer.
	if known && a > 0 && !req.Customer.Vulnerable {
		least := max((wantTotal+int64(p.MaxTermMonths)-1)/int64(p.MaxTermMonths), min(p.MinInstalment, wantTotal))
		if req.TermMonths > 0 {
			least = max((wantTotal+int64(req.TermMonths)-1)/int64(req.TermMonths), min(p.MinInstalment, wantTotal))
		}
		if least <= a && res.Referral != nil && req.TermMonths == 0 {
			return fmt.Errorf("a plan of %d a month fits policy and the affordable %d, yet a referral", least, a)
		}
	}
	return nil
}

// statutory returns the statutory costs of a response, 0 when none.
func (r Response) statutory() int64 {
	if r.StatutoryCosts == nil {
		return 0
	}
	return r.StatutoryCosts.Amount
}

func BenchmarkPlan(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	reqs := make([]Request, 256)
	for i := range reqs {
		reqs[i] = randomRequest(r)
	}
	e := New(fixedNow)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := e.Plan(context.Background(), reqs[i%len(reqs)]); err != nil {
			b.Fatal(err)
		}
	}
}
