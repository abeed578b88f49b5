package arrangement

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// propertyRuns is how many random requests TestPlanProperties plans: the
// issue asks for at least 10,000.
const propertyRuns = 10_000

// randomRequest makes a valid request: amounts from a few euros to a house,
// sometimes a policy with any of the shapes allowed, a budget or income and
// costs, a household, a lump sum, a payday of either kind.
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
		Today:        time.Date(2025+r.IntN(3), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC).Format(dateLayout),
	}
	if r.IntN(2) == 0 {
		req.Debt.Costs = r.Int64N(50_000)
	}
	if r.IntN(3) == 0 {
		req.Debt.Interest = r.Int64N(20_000)
	}
	req.Debt.AddStatutoryCosts = j == "nl" && r.IntN(3) == 0
	if r.IntN(8) == 0 && req.Debt.Principal < 1_000_000 {
		// Split the principal into bills reminded together.
		n := 2 + r.IntN(5)
		left := req.Debt.Principal
		for i := 0; i < n-1 && left > 1; i++ {
			v := 1 + r.Int64N(left-1)
			req.Debt.Invoices = append(req.Debt.Invoices, v)
			left -= v
		}
		req.Debt.Invoices = append(req.Debt.Invoices, left)
	}
	if r.IntN(2) == 0 {
		term := 1 + r.IntN(72)
		p := &Policy{
			MinInstalment:     []int64{0, 100, 1000, 2500, 5000}[r.IntN(5)],
			MaxTermMonths:     term,
			MaxDeferralMonths: r.IntN(min(term, 4)),
			MayWaiveCosts:     r.IntN(2) == 0,
			SpareSharePercent: []int{0, 0, 30, 50, 75, 100}[r.IntN(6)],
			MayTemporary:      []*bool{nil, switchOn(), new(false)}[r.IntN(3)],
			ReviewMonths:      r.IntN(7),
			MayFreeze:         r.IntN(3) == 0,
			MoveOffHolidays:   []*bool{nil, switchOn(), new(false)}[r.IntN(3)],
		}
		if r.IntN(2) == 0 && p.MinInstalment > 100 {
			p.MayToken, p.TokenAmount = true, []int64{0, 100, 500}[r.IntN(3)]
		}
		if r.IntN(3) == 0 {
			p.MaySettle, p.MinSettlementPercent = true, 1+r.IntN(99)
		}
		if r.IntN(6) == 0 {
			p.SpendingGuidelines = &assistant.SpendingGuidelines{Effective: "2025-04-07", Source: "test configuration",
				Figures: []assistant.Guideline{{Category: assistant.CategoryFoodHousekeeping, Single: 30_000, Couple: 50_000, PerChild: 10_000}}}
		}
		req.Policy = p
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
	switch r.IntN(4) {
	case 0:
		cu.Income = ptr(r.Int64N(400_000))
		if r.IntN(3) > 0 {
			cu.EssentialCosts = ptr(r.Int64N(400_000))
		}
	case 1:
		b := &Budget{Income: r.Int64N(500_000)}
		for _, c := range assistant.BudgetCategories {
			if r.IntN(2) == 0 {
				b.set(c, r.Int64N(100_000))
			}
		}
		cu.Budget = b
	}
	if r.IntN(2) == 0 {
		cu.Household = &Household{Adults: 1 + r.IntN(2), Children: r.IntN(4)}
	}
	if j == "nl" && r.IntN(5) == 0 {
		cu.ProtectedIncome = ptr(r.Int64N(200_000))
	}
	if r.IntN(5) == 0 {
		cu.LumpSum = ptr(r.Int64N(req.Debt.Principal + req.Debt.Costs + 1))
	}
	if r.IntN(4) == 0 {
		cu.PaydayWeekday = []string{"monday", "friday", "thursday", workday}[r.IntN(4)]
		cu.PaydayWeek = []int{1, -1}[r.IntN(2)]
		if cu.PaydayWeekday != workday && r.IntN(2) == 0 {
			cu.PaydayWeek = 1 + r.IntN(4)
		}
	} else {
		cu.Payday = r.IntN(32)
	}
	if j != "nl" && r.IntN(10) == 0 {
		// Half of what is left just above the plain plan's amount: the
		// narrow case where whole units would pass it (property 8).
		term := int64(maxTerm)
		if req.TermMonths > 0 {
			term = int64(req.TermMonths)
		}
		share := int64(50)
		if req.Policy != nil && req.Policy.SpareSharePercent != 0 {
			share = int64(req.Policy.SpareSharePercent)
		}
		total := req.Debt.Principal + req.Debt.Costs + req.Debt.Interest
		limit := (total+term-1)/term + r.Int64N(100)
		cu.StatedMonthly, cu.Budget = nil, nil
		cu.Income, cu.EssentialCosts = ptr((limit*100+share-1)/share), ptr(0)
	}
	cu.Vulnerable = r.IntN(5) == 0
	cu.Crisis = r.IntN(30) == 0
	if r.IntN(2) == 0 {
		today, _ := time.Parse(dateLayout, req.Today)
		req.StartDate = today.AddDate(0, 0, r.IntN(60)).Format(dateLayout)
	}
	return req
}

// means works out, independently of the engine, what the customer has
// left, the policy's share of it and the most the engine's options may ask.
type means struct {
	spareKnown, known bool
	spare, cap, limit int64
	stated            *int64
}

func wantMeans(req Request, res Response) (means, error) {
	cu := req.Customer
	share := int64(50)
	if req.Policy != nil && req.Policy.SpareSharePercent != 0 {
		share = int64(req.Policy.SpareSharePercent)
	}
	income, essential := cu.Income, cu.EssentialCosts
	if b := cu.Budget; b != nil {
		in := b.Income
		es := b.Housing + b.Utilities + b.FoodHousekeeping + b.Transport + b.Childcare + b.OtherEssentials + b.PriorityDebts
		income, essential = &in, &es
	}
	var m means
	var protected int64
	if income != nil && req.Jurisdiction == "nl" {
		p := res.Assessment.Protected
		if p == nil {
			return m, fmt.Errorf("no protected income for a Dutch income")
		}
		protected = p.Amount.Amount
		// The law leaves at least 5% for the creditors and never protects
		// more than the household's maximum.
		ninetyFive := (*income*95 + 99) / 100
		switch {
		case cu.ProtectedIncome != nil:
			if protected != *cu.ProtectedIncome {
				return m, fmt.Errorf("protected income %d, given %d", protected, *cu.ProtectedIncome)
			}
		case protected > ninetyFive:
			return m, fmt.Errorf("protected income %d above 95%% of the income %d", protected, *income)
		case p.Basis == "95-percent" && protected != ninetyFive:
			return m, fmt.Errorf("protected income %d on basis 95%% of %d", protected, *income)
		case p.Basis == "maximum" && protected >= ninetyFive:
			return m, fmt.Errorf("protected income %d is the maximum, but 95%% of the income is %d", protected, ninetyFive)
		}
	}
	switch {
	case income != nil && essential != nil:
		m.spareKnown, m.spare = true, max(*income-max(*essential, protected), 0)
	case income != nil && req.Jurisdiction == "nl":
		m.spareKnown, m.spare = true, max(*income-protected, 0)
	}
	if m.spareKnown {
		m.cap = m.spare * share / 100
		m.known, m.limit = true, m.cap
	}
	if s := cu.StatedMonthly; s != nil {
		m.stated = s
		if !m.known || *s < m.limit {
			m.limit = *s
		}
		m.known = true
	}
	return m, nil
}

// published are the days of the fixture's holiday tables, checked against
// the published lists: due dates in 2026–2028 are checked against them,
// not against the engine's own rules.
func publishedClosed(t *testing.T) map[string]map[string]bool {
	t.Helper()
	b, err := os.ReadFile("testdata/worked_examples.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Holidays map[string]struct {
			Years map[string][]struct {
				Date       string  `json:"date"`
				BankClosed *string `json:"bank_closed"`
			} `json:"years"`
		} `json:"holidays"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]bool{}
	for key, j := range map[string]string{"nl": "nl", "uk-ew": "uk", "us": "us"} {
		out[j] = map[string]bool{}
		for _, hs := range doc.Holidays[key].Years {
			for _, h := range hs {
				switch {
				case key != "us":
					out[j][h.Date] = true
				case h.BankClosed != nil:
					out[j][*h.BankClosed] = true
				}
			}
		}
		if len(out[j]) < 20 {
			t.Fatalf("holiday table %s has %d days", key, len(out[j]))
		}
	}
	return out
}

// TestPlanProperties checks the engine's promises (docs/domain/arrangements.md
// §8) on propertyRuns generated requests.
func TestPlanProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 11))
	e := New(fixedNow)
	closed := publishedClosed(t)
	stats := map[string]int{}
	for n := range propertyRuns {
		req := randomRequest(r)
		res, err := e.Plan(context.Background(), req)
		if err != nil {
			t.Fatalf("case %d: Plan(%+v): %v", n, req, err)
		}
		if err := checkResponse(req, res, closed, stats); err != nil {
			t.Fatalf("case %d: %v\nrequest: %+v\ncustomer: %s\npolicy: %+v\nresponse options: %v", n, err, req, describeCustomer(req.Customer), res.Policy, kinds(res.Options))
		}
	}
	// The generator must reach every branch, or the properties prove little.
	for _, k := range []string{"referral", "no-referral", "crisis", "nothing", "no-fit", "vulnerable",
		"customer-proposal", "instalment-plan", "shortest-plan", "stepped-plan", "temporary-plan", "token-payment",
		"deferral-then-plan", "settlement", "waived", "frozen", "risk", "rounded", "exact", "unknown", "not-fitting",
		"moved", "budget-check", "payday-weekday"} {
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
	return fmt.Sprintf("stated %s income %s costs %s budget %+v household %+v protected %s lump %s payday %d/%s/%d vulnerable %v crisis %v",
		s(c.StatedMonthly), s(c.Income), s(c.EssentialCosts), c.Budget, c.Household, s(c.ProtectedIncome), s(c.LumpSum),
		c.Payday, c.PaydayWeekday, c.PaydayWeek, c.Vulnerable, c.Crisis)
}

func checkResponse(req Request, res Response, closed map[string]map[string]bool, stats map[string]int) error {
	m, err := wantMeans(req, res)
	if err != nil {
		return err
	}
	if !m.known {
		stats["unknown"]++
	}
	if (res.Affordable != nil) != m.known || (m.known && res.Affordable.Amount != m.limit) {
		return fmt.Errorf("affordable %v, want %d (known %v)", res.Affordable, m.limit, m.known)
	}
	if a := res.Assessment; (a.Cap != nil) != m.spareKnown || (m.spareKnown && (a.Cap.Amount != m.cap || a.Spare.Amount != m.spare)) {
		return fmt.Errorf("assessment spare %v cap %v, want %d and %d (known %v)", a.Spare, a.Cap, m.spare, m.cap, m.spareKnown)
	}
	if len(res.Assessment.Checks) > 0 {
		stats["budget-check"]++
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
	want := DefaultPolicy(req.Jurisdiction)
	if req.Policy != nil {
		want = withDefaults(*req.Policy, req.Jurisdiction)
	}
	if !reflect.DeepEqual(p, want) {
		return fmt.Errorf("policy %+v, want %+v", p, want)
	}
	if req.Customer.PaydayWeekday != "" {
		stats["payday-weekday"]++
	}

	if req.Customer.Crisis {
		stats["crisis"]++
		if len(res.Options) != 0 || res.Referral == nil || !res.Flagged || res.Referral.Code != reasonCrisis {
			return fmt.Errorf("crisis: options %v, referral %+v, flagged %v; want none, a crisis referral, flagged", kinds(res.Options), res.Referral, res.Flagged)
		}
		return nil
	}

	affordableFit := false
	for _, o := range res.Options {
		stats[string(o.Kind)]++
		if err := checkOption(req, res, m, o, wantTotal, start, closed, stats); err != nil {
			return fmt.Errorf("%s: %w", o.Kind, err)
		}
		if o.Realistic && o.FitsPolicy && !o.Risk && o.Kind != assistant.OptionTemporary && o.Kind != assistant.OptionToken {
			affordableFit = true
		}
	}

	// 6. The referral is a field, set exactly when nothing affordable
	// clears the debt within policy or the customer is vulnerable, with a
	// reason the figures support.
	wantReferral := req.Customer.Vulnerable || (m.known && !affordableFit)
	if (res.Referral != nil) != wantReferral || res.Flagged != wantReferral {
		return fmt.Errorf("referral %v, flagged %v; want referral %v (vulnerable %v, known %v, affordable option in policy %v)",
			res.Referral != nil, res.Flagged, wantReferral, req.Customer.Vulnerable, m.known, affordableFit)
	}
	if wantReferral {
		stats["referral"]++
		var limit []int64
		if res.Affordable != nil {
			limit = append(limit, res.Affordable.Amount)
		}
		if err := amountsFrom(req, res.Referral.Reason, limit); err != nil {
			return fmt.Errorf("referral: %w", err)
		}
		wantCode := reasonNoFit
		switch {
		case req.Customer.Vulnerable:
			wantCode = reasonVulnerable
		case m.limit == 0:
			wantCode = reasonNothing
		}
		if res.Referral.Code != wantCode {
			return fmt.Errorf("referral code %s, want %s (limit %d)", res.Referral.Code, wantCode, m.limit)
		}
		stats[wantCode]++
	} else {
		stats["no-referral"]++
	}

	// The customer's own amount comes first when they can pay it and it
	// clears the debt within policy (CONC 7.3.6G).
	if st := m.stated; st != nil && *st > 0 && (!m.spareKnown || *st <= m.spare) {
		months := (wantTotal + *st - 1) / *st
		if months <= int64(p.MaxTermMonths) && (*st >= p.MinInstalment || *st >= wantTotal) {
			first := res.Options[0]
			if first.Kind != assistant.OptionCustomerProposal || first.Monthly.Amount != *st || !first.FitsPolicy {
				return fmt.Errorf("stated %d clears %d in %d months, but the first option is %s at %v", *st, wantTotal, months, first.Kind, first.Monthly)
			}
		}
	}
	// Known means with room to pay and a plan within policy at or under the
	// limit must produce that plan, so a referral is never the lazy answer.
	if m.known && m.limit > 0 && !req.Customer.Vulnerable && req.TermMonths == 0 {
		least := max((wantTotal+int64(p.MaxTermMonths)-1)/int64(p.MaxTermMonths), min(p.MinInstalment, wantTotal))
		if least <= m.limit && res.Referral != nil {
			return fmt.Errorf("a plan of %d a month fits policy and the limit %d, yet a referral", least, m.limit)
		}
	}
	return nil
}

func checkOption(req Request, res Response, m means, o assistant.ArrangementOption, wantTotal int64, start time.Time, closed map[string]map[string]bool, stats map[string]int) error {
	p := res.Policy
	if !o.FitsPolicy {
		stats["not-fitting"]++
	}
	if o.Kind == "referral" {
		return fmt.Errorf("a referral among the options")
	}
	// 3. No shape the policy forbids.
	switch {
	case o.Kind == assistant.OptionDeferral && p.MaxDeferralMonths == 0,
		o.Kind == assistant.OptionTemporary && !p.AllowsTemporary(),
		o.Kind == assistant.OptionToken && !p.MayToken,
		o.Kind == assistant.OptionSettlement && !p.MaySettle,
		o.Frozen && !p.MayFreeze,
		o.Waived != nil && o.Kind != assistant.OptionSettlement && !p.MayWaiveCosts:
		return fmt.Errorf("a shape the policy forbids (frozen %v, waived %v)", o.Frozen, o.Waived)
	}
	if o.Frozen {
		stats["frozen"]++
	}
	if o.Risk {
		stats["risk"]++
	}

	// 1. The schedule adds up; all payments but the last are equal (a
	// stepped plan's low months apart); the last is positive and no more.
	if len(o.Schedule) != o.Months || o.Months == 0 {
		return fmt.Errorf("%d payments, months %d", len(o.Schedule), o.Months)
	}
	var s int64
	prev := start.AddDate(0, 0, -1)
	regular := o.Monthly.Amount
	for k, pay := range o.Schedule {
		v := pay.Amount.Amount
		last := k == len(o.Schedule)-1
		switch {
		case v <= 0:
			return fmt.Errorf("payment %d is %d, not positive", k, v)
		case pay.Amount.Currency != req.Debt.Currency:
			return fmt.Errorf("payment in %s", pay.Amount.Currency)
		case v > regular:
			return fmt.Errorf("payment %d is %d, above the regular %d", k, v, regular)
		case !last && v != regular && o.Kind != assistant.OptionStepped:
			return fmt.Errorf("payment %d is %d, not the regular %d", k, v, regular)
		}
		due, err := time.Parse(dateLayout, pay.Due)
		if err != nil || !due.After(prev) {
			return fmt.Errorf("due date %s not after %s", pay.Due, prev.Format(dateLayout))
		}
		// 7. Off weekends and holidays when the policy says so, by the
		// published tables where they reach.
		if p.MovesOffHolidays() {
			wd := due.Weekday()
			if wd == time.Saturday || wd == time.Sunday || closed[req.Jurisdiction][pay.Due] || !BusinessDay(req.Jurisdiction, due) {
				return fmt.Errorf("due %s (%s) is no business day in %s", pay.Due, wd, req.Jurisdiction)
			}
		}
		prev = due
		s += v
	}
	if s != o.Total.Amount {
		return fmt.Errorf("schedule sums to %d, total %d", s, o.Total.Amount)
	}
	if p.MovesOffHolidays() && req.Customer.Payday > 0 {
		if d, _ := time.Parse(dateLayout, o.Schedule[0].Due); d.Day() != req.Customer.Payday && d.AddDate(0, 0, 1).Day() != 1 {
			stats["moved"]++
		}
	}

	// What the option pays off.
	switch {
	case o.Kind == assistant.OptionSettlement:
		ls := req.Customer.LumpSum
		if ls == nil || o.Total.Amount != *ls || o.Months != 1 || o.Waived == nil || o.Total.Amount+o.Waived.Amount != wantTotal ||
			o.Total.Amount*100 < wantTotal*int64(p.MinSettlementPercent) {
			return fmt.Errorf("settlement %v of %d with %v written off, lump sum %v, at least %d%%", o.Total, wantTotal, o.Waived, ls, p.MinSettlementPercent)
		}
	case o.Kind == assistant.OptionTemporary || o.Kind == assistant.OptionToken:
		// 5. A review within the policy's months; the rest is owed then,
		// not planned.
		review := min(p.ReviewMonths, p.MaxTermMonths)
		if req.Customer.Vulnerable && !m.known && o.Kind == assistant.OptionTemporary {
			// Breathing space while a vulnerable customer's means are
			// gathered: a short review.
			review = min(gatherMonths, review)
		}
		if o.Months != review || o.Remaining == nil || o.Remaining.Amount != wantTotal-o.Total.Amount || o.Remaining.Amount <= 0 {
			return fmt.Errorf("%d months of %d before review, remaining %v of %d", o.Months, review, o.Remaining, wantTotal)
		}
		first, _ := time.Parse(dateLayout, o.Schedule[0].Due)
		lastDue, _ := time.Parse(dateLayout, o.Schedule[o.Months-1].Due)
		reviewAt, err := time.Parse(dateLayout, o.ReviewDate)
		monthsOn := (reviewAt.Year()*12 + int(reviewAt.Month())) - (first.Year()*12 + int(first.Month()))
		if err != nil || !reviewAt.After(lastDue) || monthsOn > review || monthsOn < review-1 {
			return fmt.Errorf("review %s after a first payment %s and a last %s, %d months", o.ReviewDate, o.Schedule[0].Due, lastDue.Format(dateLayout), review)
		}
		if o.Kind == assistant.OptionToken && (o.Monthly.Amount != p.TokenAmount || o.Monthly.Amount >= p.MinInstalment) {
			return fmt.Errorf("token of %v, policy's %d below the minimum %d", o.Monthly, p.TokenAmount, p.MinInstalment)
		}
	case o.Waived != nil:
		stats["waived"]++
		if o.Total.Amount+o.Waived.Amount != wantTotal || o.Waived.Amount != req.Debt.Costs+res.statutory() {
			return fmt.Errorf("total %v + waived %v is not the debt %d", o.Total, o.Waived, wantTotal)
		}
	case o.Total.Amount != wantTotal:
		return fmt.Errorf("total %v, want %d", o.Total, wantTotal)
	}

	// 2. Nothing above the limit, except the customer's own amount, which is
	// a risk exactly when above the policy's share, and a lump sum.
	own := m.stated != nil && regular == *m.stated && (o.Kind == assistant.OptionCustomerProposal || o.Kind == assistant.OptionDeferral)
	switch {
	case o.Kind == assistant.OptionSettlement:
	case o.Kind == assistant.OptionCustomerProposal && !own:
		return fmt.Errorf("the customer's proposal %v is not their %v", o.Monthly, m.stated)
	case own:
		if o.Risk != (m.spareKnown && regular > m.cap) || (m.spareKnown && regular > m.spare) {
			return fmt.Errorf("own %d: risk %v, cap %d, spare %d", regular, o.Risk, m.cap, m.spare)
		}
	case o.Risk:
		return fmt.Errorf("risk on an amount the customer did not propose")
	case m.known && regular > m.limit:
		return fmt.Errorf("regular %d above the limit %d", regular, m.limit)
	}
	if o.Realistic != (m.known || o.Kind == assistant.OptionSettlement) {
		return fmt.Errorf("realistic %v, but means known %v", o.Realistic, m.known)
	}

	// 3 and 4. Within the term, and at least the minimum, except a token and
	// a single payment of all.
	if o.FitsPolicy {
		if o.DeferralMonths+o.Months > p.MaxTermMonths {
			return fmt.Errorf("fits policy but takes %d+%d months, max %d", o.DeferralMonths, o.Months, p.MaxTermMonths)
		}
		for k, pay := range o.Schedule[:len(o.Schedule)-1] {
			if pay.Amount.Amount < p.MinInstalment && o.Kind != assistant.OptionToken {
				return fmt.Errorf("fits policy but payment %d is %d, below the minimum %d", k, pay.Amount.Amount, p.MinInstalment)
			}
		}
		// A term the customer asked for is kept, unless they cannot afford
		// it: then the plan is what they can afford.
		needed := max((wantTotal+int64(req.TermMonths)-1)/max(int64(req.TermMonths), 1), min(p.MinInstalment, wantTotal))
		if req.TermMonths > 0 && o.Kind == assistant.OptionInstalments && o.Waived == nil && o.Months > req.TermMonths && (!m.known || needed <= m.limit) {
			return fmt.Errorf("instalment plan takes %d months, asked for %d", o.Months, req.TermMonths)
		}
	}

	// 8. Round amounts: a multiple of its step; exact only when even whole
	// units would pass the limit, or one payment clears it all.
	switch o.Kind {
	case assistant.OptionInstalments, assistant.OptionShortest, assistant.OptionTemporary, assistant.OptionDeferral, assistant.OptionStepped:
		if own {
			break
		}
		switch {
		case o.Step > 0:
			stats["rounded"]++
			if !slices.Contains(steps, o.Step) || regular%o.Step != 0 {
				return fmt.Errorf("regular %d is not a multiple of its step %d", regular, o.Step)
			}
		case regular >= wantTotal, regular >= o.Total.Amount:
		case o.Kind == assistant.OptionStepped && o.Months == steppedLowMonths+1:
			// One payment after the low months clears what is left.
		case regular < 100:
		case m.known && (regular+99)/100*100 > m.limit:
			stats["exact"]++
		default:
			return fmt.Errorf("regular %d left exact though whole units fit the limit %d (known %v)", regular, m.limit, m.known)
		}
	}

	// 9. No reason the figures do not support.
	spareWords := []string{"na de vaste lasten", "after essential costs"}
	statedWords := []string{"volgens eigen zeggen", "zegt te kunnen missen", "says they cannot spare", "says they can spare", "klant zelf noemde", "customer named"}
	for _, w := range spareWords {
		if !m.spareKnown && strings.Contains(o.Why, w) {
			return fmt.Errorf("why %q speaks of what is left, which is not known", o.Why)
		}
	}
	for _, w := range statedWords {
		if m.stated == nil && strings.Contains(o.Why, w) {
			return fmt.Errorf("why %q speaks of what the customer said, who said nothing", o.Why)
		}
	}
	if o.Why == "" || o.Script == "" {
		return fmt.Errorf("empty why or script")
	}
	// Every amount the texts name is one of the figures.
	allowed := []int64{regular, o.Total.Amount, p.MinInstalment, wantTotal}
	for _, pay := range o.Schedule {
		allowed = append(allowed, pay.Amount.Amount)
	}
	for _, m := range []*assistant.Money{o.Waived, o.Remaining, res.Affordable, res.Assessment.Cap, res.Assessment.Spare, res.Assessment.Stated} {
		if m != nil {
			allowed = append(allowed, m.Amount)
		}
	}
	if err := amountsFrom(req, o.Why+" "+o.Script, allowed); err != nil {
		return err
	}
	return nil
}

var moneyInText = regexp.MustCompile(`[€£$] ?\d{1,3}(?:[.,]\d{3})*(?:[.,]\d{2})?`)

// amountsFrom checks that every amount written in text is one of allowed,
// as the customer's language writes it.
func amountsFrom(req Request, text string, allowed []int64) error {
	lang, _ := assistant.ParseLanguage(string(req.Language))
	if lang == "" {
		lang = assistant.English
		if req.Jurisdiction == "nl" {
			lang = assistant.Dutch
		}
	}
	written := map[string]bool{}
	for _, a := range allowed {
		written[prompts.Money(lang, assistant.Money{Amount: a, Currency: req.Debt.Currency})] = true
	}
	for _, m := range moneyInText.FindAllString(text, -1) {
		if !written[m] {
			return fmt.Errorf("the text names %s, which is none of the figures: %q", m, text)
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

// The check of property 9 must see the amounts the texts write, or it
// proves nothing.
func TestAmountsFromSeesAmounts(t *testing.T) {
	nl := Request{Jurisdiction: "nl", Debt: Debt{Currency: "EUR"}}
	us := Request{Jurisdiction: "us", Debt: Debt{Currency: "USD"}}
	if err := amountsFrom(nl, "Vast bedrag van € 35 per maand, € 1.250,50 in totaal.", []int64{3500, 125050}); err != nil {
		t.Errorf("figures refused: %v", err)
	}
	if err := amountsFrom(nl, "U kunt € 80 per maand missen.", []int64{3500}); err == nil {
		t.Error("€ 80 is no figure, yet passed")
	}
	if err := amountsFrom(us, "At $1,240.50 a month.", []int64{124049}); err == nil {
		t.Error("$1,240.50 is no figure, yet passed")
	}
}
