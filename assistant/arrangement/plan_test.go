package arrangement

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/rooscoach/rooscoach/assistant"
)

// fixedNow is the clock of the tests: Monday 23 November 2026.
var fixedNow = func() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) }

func ptr(v int64) *int64 { return &v }

func kinds(opts []assistant.ArrangementOption) []assistant.OptionKind {
	var out []assistant.OptionKind
	for _, o := range opts {
		out = append(out, o.Kind)
	}
	return out
}

func sum(o assistant.ArrangementOption) int64 {
	var s int64
	for _, p := range o.Schedule {
		s += p.Amount.Amount
	}
	return s
}

func TestPlan(t *testing.T) {
	eur := func(principal int64) Debt { return Debt{Principal: principal, Currency: "EUR"} }
	tests := []struct {
		name string
		req  Request
		// wantKinds is the ranking; wantFirst checks the first option.
		wantKinds    []assistant.OptionKind
		wantMonthly  int64
		wantMonths   int
		wantFirstDue string
		wantLast     int64
		wantReferral string // the referral's code; "" for none
		wantWhy      string // a part of the first option's Why
		wantScript   string // a part of the first option's Script
	}{
		{
			name:      "customer's own amount clears it within policy and comes first",
			req:       Request{Debt: eur(125050), Jurisdiction: "nl", Today: "2026-06-10", StartDate: "2026-06-11", Customer: Customer{StatedMonthly: ptr(5000), Payday: 25}},
			wantKinds: []assistant.OptionKind{assistant.OptionCustomerProposal},
			// 25 × € 50 and € 0,50 in the 26th month.
			wantMonthly: 5000, wantMonths: 26, wantFirstDue: "2026-06-25", wantLast: 50,
			wantWhy:    "eigen voorstel",
			wantScript: "U zei dat u € 50 per maand kunt betalen",
		},
		{
			name: "customer's amount too slow: a temporary plan at it, said plainly, referral",
			req:  Request{Debt: eur(200000), Jurisdiction: "nl", Today: "2026-01-10", StartDate: "2026-01-31", Customer: Customer{StatedMonthly: ptr(3000), Income: ptr(200000), EssentialCosts: ptr(130000)}},
			// € 30 a month takes 67 months, the policy allows 36; nothing
			// above the customer's own € 30 may be proposed, so the
			// breathing shape comes first: € 30 for three months, then a
			// review. 31 January 2026 is a Saturday: the first payment
			// moves to Monday 2 February.
			wantKinds:   []assistant.OptionKind{assistant.OptionTemporary, assistant.OptionCustomerProposal},
			wantMonthly: 3000, wantMonths: 3, wantFirstDue: "2026-02-02", wantLast: 3000,
			wantReferral: "no-fit",
			wantWhy:      "duurt het 67 maanden. Dat is langer dan de 36 maanden die het beleid toestaat. Tijdelijk: € 30 per maand, 3 maanden lang. Op 30 april 2026",
			wantScript:   "U betaalt 3 maanden € 30 per maand",
		},
		{
			name: "budget leaves room: the gentle plan, the shortest, stepped and a pause",
			req: Request{Debt: eur(200000), Jurisdiction: "nl", Today: "2026-03-02", StartDate: "2026-03-10",
				Customer: Customer{Income: ptr(250000), EssentialCosts: ptr(200000), Household: &Household{Adults: 1}}},
			// A single's beslagvrije voet is at most € 2.093,67 (1 July
			// 2025), more than the € 2.000 of costs: € 406,33 is left, half
			// is € 203,16. € 2000 over 36 months is € 55,56, rounded up to
			// € 60 (33 × € 60 and € 20). The shortest asks € 200, the half
			// rounded down to a step of € 10: 10 months.
			wantKinds:   []assistant.OptionKind{assistant.OptionInstalments, assistant.OptionShortest, assistant.OptionStepped, assistant.OptionDeferral},
			wantMonthly: 6000, wantMonths: 34, wantFirstDue: "2026-03-10", wantLast: 2000,
			wantWhy:    "50% van wat de klant na de vaste lasten overhoudt (€ 203,16 van € 406,33 per maand)",
			wantScript: "€ 60 per maand",
		},
		{
			name: "budget leaves little: half of it for three months, then a review",
			req:  Request{Debt: eur(200000), Jurisdiction: "nl", Today: "2026-03-02", StartDate: "2026-03-10", Customer: Customer{Income: ptr(210000), EssentialCosts: ptr(200000)}},
			// € 100 left, half is € 50: € 55,56 a month does not fit it,
			// and € 50 takes 40 months, longer than policy.
			wantKinds:   []assistant.OptionKind{assistant.OptionTemporary, assistant.OptionInstalments},
			wantMonthly: 5000, wantMonths: 3, wantFirstDue: "2026-03-10", wantLast: 5000,
			wantReferral: "no-fit",
			wantWhy:      "Tijdelijk: € 50 per maand, 3 maanden lang. Op 10 juni 2026 kijkt u samen opnieuw; dan staat nog € 1.850 open.",
		},
		{
			name:        "stated more than the budget leaves: plan at half of what is left",
			req:         Request{Debt: Debt{Principal: 60000, Currency: "GBP"}, Jurisdiction: "uk", Language: "en", Today: "2026-03-02", StartDate: "2026-03-16", Customer: Customer{StatedMonthly: ptr(10000), Income: ptr(150000), EssentialCosts: ptr(148000)}},
			wantKinds:   []assistant.OptionKind{assistant.OptionInstalments},
			wantMonthly: 1000, wantMonths: 60, wantFirstDue: "2026-03-16",
			wantWhy: "The customer named £100 a month, but after essential costs only £20 is left.",
		},
		{
			name:         "nothing to spare: referral only",
			req:          Request{Debt: Debt{Principal: 50000, Currency: "USD"}, Jurisdiction: "us", Today: "2026-03-02", Customer: Customer{Income: ptr(180000), EssentialCosts: ptr(190000)}},
			wantKinds:    nil,
			wantReferral: "nothing",
		},
		{
			name: "a low Dutch income still leaves 5%: a small plan",
			req:  Request{Debt: eur(50000), Jurisdiction: "nl", Today: "2026-03-02", StartDate: "2026-03-16", Customer: Customer{Income: ptr(120000)}},
			// Beslagvrije voet 95% of € 1.200 = € 1.140; € 60 left, half is
			// € 30: the policy's € 25 minimum fits, 20 months.
			wantKinds:   []assistant.OptionKind{assistant.OptionInstalments, assistant.OptionShortest, assistant.OptionDeferral},
			wantMonthly: 2500, wantMonths: 20, wantFirstDue: "2026-03-16",
			wantWhy: "(€ 30 van € 60 per maand)",
		},
		{
			name:         "no income at all in nl: referral only",
			req:          Request{Debt: eur(50000), Jurisdiction: "nl", Today: "2026-03-02", Customer: Customer{Income: ptr(0)}},
			wantReferral: "nothing",
		},
		{
			name: "nothing known: lowest plan within policy, to be checked",
			req:  Request{Debt: eur(90000), Jurisdiction: "nl", Today: "2026-03-02"},
			// Half of € 25 is below the minimum: no stepped plan.
			wantKinds:   []assistant.OptionKind{assistant.OptionInstalments, assistant.OptionDeferral},
			wantMonthly: 2500, wantMonths: 36, wantFirstDue: "2026-03-16",
			wantWhy:    "vraag eerst wat haalbaar is",
			wantScript: "Wat kunt u elke maand echt missen?",
		},
		{
			name:        "vulnerable: options stay, a temporary plan and a pause join, referral added",
			req:         Request{Debt: Debt{Principal: 98000, Currency: "GBP"}, Jurisdiction: "uk", Today: "2026-06-10", Customer: Customer{StatedMonthly: ptr(4000), Payday: 3, Vulnerable: true}},
			wantKinds:   []assistant.OptionKind{assistant.OptionCustomerProposal, assistant.OptionTemporary, assistant.OptionDeferral},
			wantMonthly: 4000, wantMonths: 25, wantFirstDue: "2026-07-03", wantLast: 2000,
			wantReferral: "vulnerable",
			wantScript:   "You said you can pay £40 a month",
		},
		{
			name:        "affordable but nothing fits policy: shown, and referral",
			req:         Request{Debt: eur(500000), Jurisdiction: "nl", Today: "2026-03-02", Policy: &Policy{MinInstalment: 2500, MaxTermMonths: 12, MayTemporary: new(false)}, Customer: Customer{StatedMonthly: ptr(10000)}},
			wantKinds:   []assistant.OptionKind{assistant.OptionCustomerProposal},
			wantMonthly: 10000, wantMonths: 50,
			wantFirstDue: "2026-03-16", wantLast: 10000,
			wantReferral: "no-fit",
			wantWhy:      "langer dan de 12 maanden",
		},
		{
			name:        "costs waived when the policy allows and that makes it fit",
			req:         Request{Debt: Debt{Principal: 100000, Costs: 20000, Currency: "EUR"}, Jurisdiction: "nl", Today: "2026-03-02", Policy: &Policy{MaxTermMonths: 10, MayWaiveCosts: true, MayTemporary: new(false)}, Customer: Customer{StatedMonthly: ptr(10000)}},
			wantKinds:   []assistant.OptionKind{assistant.OptionCustomerProposal, assistant.OptionCustomerProposal},
			wantMonthly: 10000, wantMonths: 10, wantFirstDue: "2026-03-16", wantLast: 10000,
			wantWhy:    "€ 200 vervallen",
			wantScript: "De extra kosten van € 200",
		},
		{
			name: "term asked by the customer, due dates off a US bank holiday",
			req:  Request{Debt: Debt{Principal: 120000, Currency: "USD"}, Jurisdiction: "us", Today: "2026-01-31", TermMonths: 12},
			// 14 February 2026 is a Saturday and Monday the 16th is
			// Washington's Birthday: the first payment is Tuesday 17.
			wantKinds:   []assistant.OptionKind{assistant.OptionInstalments, assistant.OptionStepped, assistant.OptionDeferral},
			wantMonthly: 10000, wantMonths: 12, wantFirstDue: "2026-02-17", wantLast: 10000,
			wantScript: "For example $100.00 a month. That clears it in 12 months. The first payment is on February 17, 2026.",
		},
	}
	e := New(fixedNow)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := e.Plan(context.Background(), tt.req)
			if err != nil {
				t.Fatalf("Plan: %v", err)
			}
			if diff := cmp.Diff(tt.wantKinds, kinds(res.Options)); diff != "" {
				t.Errorf("option kinds (-want +got):\n%s", diff)
			}
			code := ""
			if res.Referral != nil {
				code = res.Referral.Code
			}
			if code != tt.wantReferral || res.Flagged != (tt.wantReferral != "") {
				t.Errorf("referral = %q, flagged = %v; want %q", code, res.Flagged, tt.wantReferral)
			}
			if len(tt.wantKinds) == 0 {
				if len(res.Options) != 0 {
					t.Errorf("options %v, want none", kinds(res.Options))
				}
				return
			}
			if len(res.Options) == 0 {
				t.Fatal("no options")
			}
			first := res.Options[0]
			if tt.wantMonthly != 0 && first.Monthly.Amount != tt.wantMonthly {
				t.Errorf("first monthly = %d, want %d", first.Monthly.Amount, tt.wantMonthly)
			}
			if tt.wantMonths != 0 && first.Months != tt.wantMonths {
				t.Errorf("first months = %d, want %d", first.Months, tt.wantMonths)
			}
			if tt.wantFirstDue != "" && first.Schedule[0].Due != tt.wantFirstDue {
				t.Errorf("first due = %s, want %s", first.Schedule[0].Due, tt.wantFirstDue)
			}
			if tt.wantLast != 0 && first.Schedule[len(first.Schedule)-1].Amount.Amount != tt.wantLast {
				t.Errorf("last payment = %d, want %d", first.Schedule[len(first.Schedule)-1].Amount.Amount, tt.wantLast)
			}
			if !strings.Contains(first.Why, tt.wantWhy) {
				t.Errorf("first Why = %q, want it to contain %q", first.Why, tt.wantWhy)
			}
			if !strings.Contains(first.Script, tt.wantScript) {
				t.Errorf("first Script = %q, want it to contain %q", first.Script, tt.wantScript)
			}
			for _, o := range res.Options {
				if sum(o) != o.Total.Amount {
					t.Errorf("%s: schedule sums to %d, total %d", o.Kind, sum(o), o.Total.Amount)
				}
			}
		})
	}
}

func TestPlanWaivedTotal(t *testing.T) {
	res, err := New(fixedNow).Plan(context.Background(), Request{
		Debt: Debt{Principal: 100000, Costs: 20000, Currency: "EUR"}, Jurisdiction: "nl", Today: "2026-03-01",
		Policy: &Policy{MaxTermMonths: 10, MayWaiveCosts: true, MayTemporary: new(false)}, Customer: Customer{StatedMonthly: ptr(10000)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Options) < 2 {
		t.Fatalf("want the full and the waived option, got %v", kinds(res.Options))
	}
	full, waived := res.Options[1], res.Options[0]
	if waived.Waived == nil || waived.Waived.Amount != 20000 || waived.Total.Amount != 100000 {
		t.Errorf("waived option: waived %v, total %v; want 20000 waived of a 100000 total", waived.Waived, waived.Total)
	}
	if full.FitsPolicy || full.Total.Amount != 120000 {
		t.Errorf("full option: fits %v, total %v; want not fitting, 120000", full.FitsPolicy, full.Total)
	}
}

func TestPlanStatutoryCosts(t *testing.T) {
	res, err := New(fixedNow).Plan(context.Background(), Request{
		Debt:         Debt{Principal: 125050, Interest: 1000, Currency: "EUR", AddStatutoryCosts: true},
		Jurisdiction: "nl", Today: "2026-03-01", Customer: Customer{StatedMonthly: ptr(10000)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.StatutoryCosts == nil || res.StatutoryCosts.Amount != 18758 { // 15% of € 1.250,50 = € 187,575
		t.Errorf("statutory costs = %v, want EUR 187.58", res.StatutoryCosts)
	}
	if res.Total.Amount != 125050+1000+18758 {
		t.Errorf("total = %v, want principal + interest + WIK", res.Total)
	}
}

func TestPlanCrisis(t *testing.T) {
	tests := []struct {
		jurisdiction, currency string
		lang                   assistant.Language
		line                   string
	}{
		{"nl", "EUR", "nl", "113"},
		{"nl", "EUR", "en", "0800-0113"},
		{"uk", "GBP", "en", "116 123"},
		{"uk", "GBP", "nl", "116 123"},
		{"us", "USD", "en", "988"},
		{"us", "USD", "nl", "988"},
	}
	for _, tt := range tests {
		t.Run(tt.jurisdiction+"/"+string(tt.lang), func(t *testing.T) {
			res, err := New(fixedNow).Plan(context.Background(), Request{
				Debt: Debt{Principal: 10000, Currency: tt.currency}, Jurisdiction: tt.jurisdiction, Language: tt.lang,
				Customer: Customer{StatedMonthly: ptr(5000), Crisis: true},
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Options) != 0 {
				t.Errorf("crisis: want no options, got %v", kinds(res.Options))
			}
			if res.Referral == nil || !res.Flagged {
				t.Fatalf("crisis: want a referral and the flag, got %+v", res)
			}
			if !strings.Contains(res.Referral.Text, tt.line) {
				t.Errorf("crisis text %q does not give %s", res.Referral.Text, tt.line)
			}
		})
	}
}

func TestPlanReferralPerJurisdiction(t *testing.T) {
	tests := []struct {
		jurisdiction, currency string
		lang                   assistant.Language
		want                   []string
	}{
		{"nl", "EUR", "nl", []string{"gemeente", "gratis", "schuldhulpverlening"}},
		{"nl", "EUR", "en", []string{"council", "free", "schuldhulpverlening"}},
		{"uk", "GBP", "en", []string{"Breathing Space", "MoneyHelper", "StepChange", "National Debtline", "Citizens Advice"}},
		{"uk", "GBP", "nl", []string{"Breathing Space", "MoneyHelper", "StepChange", "National Debtline", "Citizens Advice"}},
		{"us", "USD", "en", []string{"nonprofit", "NFCC", "right"}},
		{"us", "USD", "nl", []string{"non-profit", "NFCC", "recht"}},
	}
	for _, tt := range tests {
		t.Run(tt.jurisdiction+"/"+string(tt.lang), func(t *testing.T) {
			res, err := New(fixedNow).Plan(context.Background(), Request{
				Debt: Debt{Principal: 10000, Currency: tt.currency}, Jurisdiction: tt.jurisdiction, Language: tt.lang,
				Customer: Customer{StatedMonthly: ptr(0)},
			})
			if err != nil {
				t.Fatal(err)
			}
			if res.Referral == nil {
				t.Fatal("want a referral for a customer who can pay nothing")
			}
			for _, w := range tt.want {
				if !strings.Contains(res.Referral.Text, w) {
					t.Errorf("referral %q does not mention %q", res.Referral.Text, w)
				}
			}
		})
	}
}

func TestDueDates(t *testing.T) {
	tests := []struct {
		name   string
		start  string
		payday int
		want   []string
	}{
		{"start day when payday unknown, clamped to short months", "2027-01-31", 0, []string{"2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"}},
		{"payday later in the start month", "2026-11-24", 25, []string{"2026-11-25", "2026-12-25", "2027-01-25", "2027-02-25"}},
		{"payday passed: next month", "2026-11-26", 25, []string{"2026-12-25", "2027-01-25", "2027-02-25", "2027-03-25"}},
		{"payday on the start date", "2026-11-25", 25, []string{"2026-11-25", "2026-12-25", "2027-01-25", "2027-02-25"}},
		{"payday 31 in a leap year", "2028-01-05", 31, []string{"2028-01-31", "2028-02-29", "2028-03-31", "2028-04-30"}},
		{"payday 30 after February's end", "2027-02-28", 30, []string{"2027-02-28", "2027-03-30", "2027-04-30", "2027-05-30"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start, _ := time.Parse(dateLayout, tt.start)
			// Off the holidays the dates move; these are the plain ones.
			c := checked{start: start, payday: payRule{day: tt.payday}, policy: Policy{MoveOffHolidays: new(false)}}
			var got []string
			for _, d := range c.dueDates(0, len(tt.want)) {
				got = append(got, d.Format(dateLayout))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("due dates (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPlanInvalid(t *testing.T) {
	ok := func() Request {
		return Request{Debt: Debt{Principal: 10000, Currency: "EUR"}, Jurisdiction: "nl", Today: "2026-03-01"}
	}
	tests := []struct {
		name   string
		change func(*Request)
		want   string
	}{
		{"zero debt", func(r *Request) { r.Debt.Principal = 0 }, "debt.principal must be greater than 0"},
		{"negative principal", func(r *Request) { r.Debt.Principal = -5 }, "debt.principal must be greater than 0"},
		{"negative costs", func(r *Request) { r.Debt.Costs = -1 }, "debt.costs must not be negative"},
		{"negative interest", func(r *Request) { r.Debt.Interest = -1 }, "debt.interest must not be negative"},
		{"huge principal", func(r *Request) { r.Debt.Principal = maxAmount + 1 }, "debt.principal is too large"},
		{"unknown currency", func(r *Request) { r.Debt.Currency = "XYZ" }, `debt.currency "XYZ"`},
		{"lower-case currency", func(r *Request) { r.Debt.Currency = "eur" }, `debt.currency "eur"`},
		{"currency of another country", func(r *Request) { r.Debt.Currency = "GBP" }, "debt.currency GBP does not match jurisdiction nl"},
		{"unknown jurisdiction", func(r *Request) { r.Jurisdiction = "de" }, "jurisdiction must be one of nl, uk, us"},
		{"no jurisdiction", func(r *Request) { r.Jurisdiction = "" }, "jurisdiction is missing; give the country whose rules apply: nl, uk or us"},
		{"WIK outside nl", func(r *Request) {
			r.Jurisdiction, r.Debt.Currency, r.Debt.AddStatutoryCosts = "uk", "GBP", true
		}, "debt.add_statutory_costs applies to jurisdiction nl only"},
		{"negative stated amount", func(r *Request) { r.Customer.StatedMonthly = ptr(-1) }, "customer.stated_monthly must not be negative"},
		{"negative income", func(r *Request) { r.Customer.Income = ptr(-1) }, "customer.income must not be negative"},
		{"negative costs of living", func(r *Request) { r.Customer.EssentialCosts = ptr(-1) }, "customer.essential_costs must not be negative"},
		{"payday 32", func(r *Request) { r.Customer.Payday = 32 }, "customer.payday must be a day of the month"},
		{"payday negative", func(r *Request) { r.Customer.Payday = -1 }, "customer.payday must be a day of the month"},
		{"protected income outside nl", func(r *Request) {
			r.Jurisdiction, r.Debt.Currency, r.Customer.ProtectedIncome = "us", "USD", ptr(1)
		}, "customer.protected_income applies to jurisdiction nl only"},
		{"start date in the past", func(r *Request) { r.StartDate = "2026-02-28" }, "start_date 2026-02-28 is in the past"},
		{"start date not a date", func(r *Request) { r.StartDate = "1 maart" }, "start_date must be a date as YYYY-MM-DD"},
		{"today not a date", func(r *Request) { r.Today = "2026-13-01" }, "today must be a date"},
		{"term over policy", func(r *Request) { r.TermMonths = 37 }, "term_months 37 is over the policy's maximum of 36"},
		{"term over given policy", func(r *Request) {
			r.Policy, r.TermMonths = &Policy{MaxTermMonths: 12}, 13
		}, "term_months 13 is over the policy's maximum of 12"},
		{"negative term", func(r *Request) { r.TermMonths = -1 }, "term_months must not be negative"},
		{"policy without term", func(r *Request) { r.Policy = &Policy{} }, "policy.max_term_months must be between 1 and 600"},
		{"policy term too long", func(r *Request) { r.Policy = &Policy{MaxTermMonths: 601} }, "policy.max_term_months must be between 1 and 600"},
		{"negative minimum", func(r *Request) { r.Policy = &Policy{MaxTermMonths: 12, MinInstalment: -1} }, "policy.min_instalment must not be negative"},
		{"negative deferral", func(r *Request) { r.Policy = &Policy{MaxTermMonths: 12, MaxDeferralMonths: -1} }, "policy.max_deferral_months must not be negative"},
		{"deferral as long as the term", func(r *Request) { r.Policy = &Policy{MaxTermMonths: 12, MaxDeferralMonths: 12} }, "policy.max_deferral_months must be less than policy.max_term_months"},
		{"unknown language", func(r *Request) { r.Language = "de" }, `language "de" is not supported`},
		{"start date in year 9999", func(r *Request) { r.StartDate = "9999-12-31" }, "start_date 9999-12-31 is more than 12 months away"},
		{"policy id without a service", func(r *Request) { r.PolicyID = "delta-water" }, `policy_id "delta-water" needs the service that keeps the policies`},
		{"budget and income", func(r *Request) { r.Customer.Budget, r.Customer.Income = &Budget{Income: 1}, ptr(1) }, "customer.budget and customer.income or customer.essential_costs were both given"},
		{"negative budget line", func(r *Request) { r.Customer.Budget = &Budget{Income: 100000, Housing: -1} }, "customer.budget.housing must not be negative"},
		{"negative budget income", func(r *Request) { r.Customer.Budget = &Budget{Income: -1} }, "customer.budget.income must not be negative"},
		{"three adults", func(r *Request) { r.Customer.Household = &Household{Adults: 3} }, "customer.household.adults must be 1 or 2, not 3"},
		{"no adults", func(r *Request) { r.Customer.Household = &Household{} }, "customer.household.adults must be 1 or 2, not 0"},
		{"negative children", func(r *Request) { r.Customer.Household = &Household{Adults: 1, Children: -1} }, "customer.household.children must be between 0 and 20"},
		{"weekday in Dutch", func(r *Request) { r.Customer.PaydayWeekday, r.Customer.PaydayWeek = "vrijdag", -1 }, `customer.payday_weekday "vrijdag" must be a weekday in English`},
		{"week without weekday", func(r *Request) { r.Customer.PaydayWeek = 2 }, "customer.payday_week needs customer.payday_weekday"},
		{"payday twice", func(r *Request) {
			r.Customer.Payday, r.Customer.PaydayWeekday, r.Customer.PaydayWeek = 25, "friday", -1
		}, "customer.payday and customer.payday_weekday were both given"},
		{"fifth friday", func(r *Request) { r.Customer.PaydayWeekday, r.Customer.PaydayWeek = "friday", 5 }, "customer.payday_week must be 1 to 4, or -1"},
		{"second working day", func(r *Request) { r.Customer.PaydayWeekday, r.Customer.PaydayWeek = "workday", 2 }, `customer.payday_week must be 1 or -1 with "workday"`},
		{"invoices not the principal", func(r *Request) { r.Debt.Invoices = []int64{2500, 2500} }, "debt.invoices add up to 5000, but debt.principal is 10000"},
		{"invoice of nothing", func(r *Request) { r.Debt.Invoices = []int64{10000, 0} }, "debt.invoices[1] must be greater than 0"},
		{"negative lump sum", func(r *Request) { r.Customer.LumpSum = ptr(-5) }, "customer.lump_sum must not be negative"},
		{"share over 100", func(r *Request) { r.Policy = &Policy{MaxTermMonths: 12, SpareSharePercent: 120} }, "policy.spare_share_percent must be between 1 and 100"},
		{"review after a year", func(r *Request) { r.Policy = &Policy{MaxTermMonths: 12, ReviewMonths: 13} }, "policy.review_months must be between 1 and 12"},
		{"token as big as the minimum", func(r *Request) {
			r.Policy = &Policy{MaxTermMonths: 12, MinInstalment: 2500, MayToken: true, TokenAmount: 2500}
		}, "policy.token_amount must be below policy.min_instalment"},
		{"settlement without a share", func(r *Request) { r.Policy = &Policy{MaxTermMonths: 12, MaySettle: true} }, "policy.min_settlement_percent must be between 1 and 99 when policy.may_settle is true"},
		{"guideline of no category", func(r *Request) {
			r.Policy = &Policy{MaxTermMonths: 12, SpendingGuidelines: &assistant.SpendingGuidelines{Effective: "2026-04-06", Figures: []assistant.Guideline{{Category: "holidays"}}}}
		}, `policy.spending_guidelines.figures[0].category "holidays" is not a budget category`},
		{"guidelines without a date", func(r *Request) {
			r.Policy = &Policy{MaxTermMonths: 12, SpendingGuidelines: &assistant.SpendingGuidelines{Effective: "april"}}
		}, `policy.spending_guidelines.effective must be a date as YYYY-MM-DD, not "april"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := ok()
			tt.change(&req)
			_, err := New(fixedNow).Plan(context.Background(), req)
			var e *assistant.Error
			if !errors.As(err, &e) || e.Code != assistant.EInvalid {
				t.Fatalf("Plan: err = %v, want an *assistant.Error with code %s", err, assistant.EInvalid)
			}
			if !strings.Contains(e.Message, tt.want) {
				t.Errorf("message %q, want it to contain %q", e.Message, tt.want)
			}
		})
	}
	// The valid request the cases start from must pass, or every case above
	// would pass for the wrong reason.
	if _, err := New(fixedNow).Plan(context.Background(), ok()); err != nil {
		t.Fatalf("valid request: %v", err)
	}
}

// TestPlanLanguageTags: a regional tag is read as its language, as on every
// other route.
func TestPlanLanguageTags(t *testing.T) {
	for _, tag := range []string{"en-GB", "EN", "en_US"} {
		req := Request{Debt: Debt{Principal: 100000, Currency: "EUR"}, Jurisdiction: "nl", Language: assistant.Language(tag)}
		res, err := New(fixedNow).Plan(context.Background(), req)
		if err != nil {
			t.Fatalf("Plan with language %q: %v", tag, err)
		}
		if len(res.Options) == 0 || !strings.Contains(res.Options[0].Script, "month") {
			t.Errorf("language %q: want English scripts, got %+v", tag, res.Options)
		}
	}
}

func TestPlanDefaults(t *testing.T) {
	tests := []struct {
		jurisdiction, currency string
		wantLang               assistant.Language
		wantPolicy             Policy
	}{
		{"nl", "EUR", assistant.Dutch, Policy{MinInstalment: 2500, MaxTermMonths: 36, MaxDeferralMonths: 3, SpareSharePercent: 50, MayTemporary: switchOn(), ReviewMonths: 3, TokenAmount: 100, MoveOffHolidays: switchOn()}},
		{"uk", "GBP", assistant.English, Policy{MinInstalment: 100, MaxTermMonths: 60, MaxDeferralMonths: 2, SpareSharePercent: 50, MayTemporary: switchOn(), ReviewMonths: 3, TokenAmount: 100, MoveOffHolidays: switchOn()}},
		{"us", "USD", assistant.English, Policy{MinInstalment: 2500, MaxTermMonths: 36, MaxDeferralMonths: 2, SpareSharePercent: 50, MayTemporary: switchOn(), ReviewMonths: 3, TokenAmount: 100, MoveOffHolidays: switchOn()}},
	}
	for _, tt := range tests {
		t.Run(tt.jurisdiction, func(t *testing.T) {
			res, err := New(fixedNow).Plan(context.Background(), Request{Debt: Debt{Principal: 100000, Currency: tt.currency}, Jurisdiction: tt.jurisdiction})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantPolicy, res.Policy); diff != "" {
				t.Errorf("policy (-want +got):\n%s", diff)
			}
			// Today is 23 November 2026 on the fixed clock: start 14 days on.
			if got := res.Options[0].Schedule[0].Due; got != "2026-12-07" {
				t.Errorf("first due = %s, want 2026-12-07", got)
			}
			script := res.Options[0].Script
			isDutch := strings.Contains(script, "maanden")
			if isDutch == strings.Contains(script, "months") || isDutch != (tt.wantLang == assistant.Dutch) {
				t.Errorf("script %q not in %s", script, tt.wantLang)
			}
		})
	}
}

func TestLoadFigures(t *testing.T) {
	f, err := LoadFigures([]byte(`{"nl_protected_income_maxima": [
		{"effective": "2025-07-01", "single": 209400, "single_parent": 226467, "couple": 277107, "couple_with_children": 288800, "source": "a correction"},
		{"effective": "2026-01-01", "single": 212000, "single_parent": 230000, "couple": 280000, "couple_with_children": 292000, "source": "test configuration"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(f.NLMaxima); n != len(shippedMaxima)+1 {
		t.Errorf("%d maxima, want the shipped ones and one more", n)
	}
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	if m, stale, ok := f.maximaOn(day); !ok || stale || m.Effective != "2026-01-01" || m.Single != 212000 {
		t.Errorf("maxima on 1 March 2026: %+v stale %v", m, stale)
	}
	if m, _, _ := f.maximaOn(time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)); m.Single != 209400 {
		t.Errorf("a configured figure of a shipped date must replace it: %+v", m)
	}
	for _, tc := range []struct{ json, want string }{
		{`{"nl_protected_income_maxima": [{"effective": "1 juli", "single": 212000, "single_parent": 230000, "couple": 280000, "couple_with_children": 292000, "source": "x"}]}`, "effective must be a date"},
		{`{"nl_protected_income_maxima": [{"effective": "2026-07-01", "single": 2120, "single_parent": 230000, "couple": 280000, "couple_with_children": 292000, "source": "x"}]}`, "not a monthly maximum in euro cents"},
		{`{"nl_protected_income_maxima": [{"effective": "2026-07-01", "single": 212000, "single_parent": 230000, "couple": 280000, "couple_with_children": 292000}]}`, "source is empty"},
		{`{"nl_maxima": []}`, "nl_maxima"},
	} {
		if _, err := LoadFigures([]byte(tc.json)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("LoadFigures(%s): %v, want %q", tc.json, err, tc.want)
		}
	}
}
