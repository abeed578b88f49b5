package arrangement

import (
	"context"
	"slices"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// The shapes debt advisers use, each where the policy allows it and only
// there (docs/domain/arrangements.md §2).
func TestPlanShapes(t *testing.T) {
	e := New(fixedNow)
	plan := func(t *testing.T, req Request) Response {
		t.Helper()
		if req.Today == "" {
			req.Today = "2026-03-02"
		}
		res, err := e.Plan(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	option := func(res Response, k assistant.OptionKind) *assistant.ArrangementOption {
		for i := range res.Options {
			if res.Options[i].Kind == k {
				return &res.Options[i]
			}
		}
		return nil
	}

	t.Run("token payment below the minimum, until a review", func(t *testing.T) {
		// £12 left, half is £6: less than the £25 minimum.
		req := Request{Debt: Debt{Principal: 100000, Currency: "GBP"}, Jurisdiction: "uk",
			Policy:   &Policy{MinInstalment: 2500, MaxTermMonths: 36, MayToken: true, TokenAmount: 100, ReviewMonths: 4},
			Customer: Customer{Income: ptr(150000), EssentialCosts: ptr(148800)}}
		res := plan(t, req)
		o := option(res, assistant.OptionToken)
		if o == nil || o.Monthly.Amount != 100 || o.Months != 4 || o.Remaining.Amount != 99600 || o.ReviewDate != "2026-07-16" || !o.FitsPolicy {
			t.Fatalf("token %+v, want £1 for 4 months, £996 remaining, review 16 July", o)
		}
		req.Policy.MayToken = false
		if o := option(plan(t, req), assistant.OptionToken); o != nil {
			t.Errorf("a token payment the policy forbids: %+v", o)
		}
	})
	t.Run("interest freeze for a customer in difficulty, where policy allows", func(t *testing.T) {
		req := Request{Debt: Debt{Principal: 200000, Currency: "EUR"}, Jurisdiction: "nl",
			Policy:   &Policy{MinInstalment: 2500, MaxTermMonths: 36, MayFreeze: true},
			Customer: Customer{StatedMonthly: ptr(6000), Vulnerable: true}}
		for _, o := range plan(t, req).Options {
			if !o.Frozen {
				t.Errorf("%s not frozen for a vulnerable customer under a policy that allows it", o.Kind)
			}
		}
		req.Customer.Vulnerable = false
		for _, o := range plan(t, req).Options {
			if o.Frozen {
				t.Errorf("%s frozen for a customer whose plan fits", o.Kind)
			}
		}
		req.Customer.Vulnerable, req.Policy.MayFreeze = true, false
		for _, o := range plan(t, req).Options {
			if o.Frozen {
				t.Errorf("%s frozen though the policy does not allow it", o.Kind)
			}
		}
	})
	t.Run("settlement from a lump sum, where policy allows", func(t *testing.T) {
		req := Request{Debt: Debt{Principal: 100000, Costs: 10000, Currency: "EUR"}, Jurisdiction: "nl",
			Policy:   &Policy{MinInstalment: 2500, MaxTermMonths: 36, MaySettle: true, MinSettlementPercent: 60},
			Customer: Customer{LumpSum: ptr(70000)}}
		o := option(plan(t, req), assistant.OptionSettlement)
		if o == nil || o.Total.Amount != 70000 || o.Waived.Amount != 40000 || o.Months != 1 || o.Schedule[0].Amount.Amount != 70000 {
			t.Fatalf("settlement %+v, want € 700 once and € 400 written off", o)
		}
		req.Customer.LumpSum = ptr(60000) // 54.5%: below the policy's 60%
		if o := option(plan(t, req), assistant.OptionSettlement); o != nil {
			t.Errorf("a settlement below the policy's share: %+v", o)
		}
		req.Customer.LumpSum, req.Policy.MaySettle, req.Policy.MinSettlementPercent = ptr(70000), false, 0
		if o := option(plan(t, req), assistant.OptionSettlement); o != nil {
			t.Errorf("a settlement the policy forbids: %+v", o)
		}
	})
	t.Run("no pause where policy forbids one", func(t *testing.T) {
		req := Request{Debt: Debt{Principal: 90000, Currency: "EUR"}, Jurisdiction: "nl",
			Policy: &Policy{MinInstalment: 2500, MaxTermMonths: 36}, Customer: Customer{Vulnerable: true}}
		if k := kinds(plan(t, req).Options); slices.Contains(k, assistant.OptionDeferral) {
			t.Errorf("options %v: a pause under max_deferral_months 0", k)
		}
	})
	t.Run("payday on the last Friday of the month", func(t *testing.T) {
		req := Request{Debt: Debt{Principal: 30000, Currency: "GBP"}, Jurisdiction: "uk", StartDate: "2026-03-02",
			Customer: Customer{StatedMonthly: ptr(10000), PaydayWeekday: "friday", PaydayWeek: -1}}
		o := plan(t, req).Options[0]
		var due []string
		for _, p := range o.Schedule {
			due = append(due, p.Due)
		}
		// 3 April 2026 is Good Friday, but the last Friday of April is the
		// 24th; March's is the 27th, May's the 29th.
		if !slices.Equal(due, []string{"2026-03-27", "2026-04-24", "2026-05-29"}) {
			t.Errorf("due %v, want the last Fridays", due)
		}
	})
	t.Run("payday on the last working day, off a holiday", func(t *testing.T) {
		req := Request{Debt: Debt{Principal: 30000, Currency: "EUR"}, Jurisdiction: "nl", Today: "2026-11-02", StartDate: "2026-11-02",
			Customer: Customer{StatedMonthly: ptr(10000), PaydayWeekday: "workday", PaydayWeek: -1}}
		o := plan(t, req).Options[0]
		var due []string
		for _, p := range o.Schedule {
			due = append(due, p.Due)
		}
		// 31 December 2026 is a Thursday and no holiday; 31 January 2027 a
		// Sunday, so the 29th.
		if !slices.Equal(due, []string{"2026-11-30", "2026-12-31", "2027-01-29"}) {
			t.Errorf("due %v, want the last working days", due)
		}
	})
	t.Run("the customer's own amount above the share: a risk, with plans within it beside", func(t *testing.T) {
		res := plan(t, Request{Debt: Debt{Principal: 200000, Currency: "GBP"}, Jurisdiction: "uk",
			Customer: Customer{StatedMonthly: ptr(20000), Income: ptr(180000), EssentialCosts: ptr(150000)}})
		first := res.Options[0]
		if first.Kind != assistant.OptionCustomerProposal || !first.Risk || !first.FitsPolicy {
			t.Fatalf("first %+v, want the customer's own £200, a risk", first)
		}
		s := option(res, assistant.OptionShortest)
		if s == nil || s.Monthly.Amount != 15000 || s.Risk {
			t.Errorf("shortest %+v, want £150, half of the £300 left", s)
		}
		if res.Referral != nil {
			t.Errorf("referral %+v, though plans within the share fit", res.Referral)
		}
	})
}
