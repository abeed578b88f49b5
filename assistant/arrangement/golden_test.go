package arrangement

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

var update = flag.Bool("update", false, "rewrite testdata/wording.golden")

// wordingCases are requests that together reach every wording of the
// arrangement templates: each shape, a risk, a freeze, a review, a
// settlement, every referral, the notes on costs and protected income and
// a budget check.
var wordingCases = []struct {
	name string
	req  Request
}{
	{"proposal-fits", Request{Debt: Debt{Principal: 125050, Currency: "EUR"}, Jurisdiction: "nl", Customer: Customer{StatedMonthly: ptr(5000), Payday: 25}}},
	{"proposal-risk", Request{Debt: Debt{Principal: 200000, Currency: "GBP"}, Jurisdiction: "uk",
		Customer: Customer{StatedMonthly: ptr(20000), Income: ptr(180000), EssentialCosts: ptr(150000)}}},
	{"plans-within-half", Request{Debt: Debt{Principal: 200000, Currency: "EUR"}, Jurisdiction: "nl",
		Customer: Customer{Income: ptr(250000), EssentialCosts: ptr(200000), Household: &Household{Adults: 1}}}},
	{"temporary-and-freeze", Request{Debt: Debt{Principal: 200000, Costs: 4000, Currency: "EUR"}, Jurisdiction: "nl",
		Policy:   &Policy{MinInstalment: 2500, MaxTermMonths: 36, MayTemporary: switchOn(), MayFreeze: true, MoveOffHolidays: switchOn()},
		Customer: Customer{StatedMonthly: ptr(3000), Vulnerable: true}}},
	{"token", Request{Debt: Debt{Principal: 100000, Currency: "GBP"}, Jurisdiction: "uk",
		Policy:   &Policy{MinInstalment: 2500, MaxTermMonths: 36, MayToken: true, TokenAmount: 100},
		Customer: Customer{Income: ptr(150000), EssentialCosts: ptr(148800)}}},
	{"settlement", Request{Debt: Debt{Principal: 100000, Currency: "USD"}, Jurisdiction: "us",
		Policy:   &Policy{MinInstalment: 2500, MaxTermMonths: 12, MaySettle: true, MinSettlementPercent: 60},
		Customer: Customer{LumpSum: ptr(70000), StatedMonthly: ptr(2000)}}},
	{"waived", Request{Debt: Debt{Principal: 100000, Costs: 20000, Currency: "EUR"}, Jurisdiction: "nl",
		Policy: &Policy{MaxTermMonths: 10, MayWaiveCosts: true, MayTemporary: new(false)}, Customer: Customer{StatedMonthly: ptr(10000)}}},
	{"stepped-and-pause", Request{Debt: Debt{Principal: 120000, Currency: "USD"}, Jurisdiction: "us", TermMonths: 12}},
	{"nothing-left", Request{Debt: Debt{Principal: 50000, Currency: "USD"}, Jurisdiction: "us", Customer: Customer{Income: ptr(180000), EssentialCosts: ptr(190000)}}},
	{"crisis", Request{Debt: Debt{Principal: 50000, Currency: "GBP"}, Jurisdiction: "uk", Customer: Customer{Crisis: true}}},
	{"small-bills", Request{Debt: Debt{Principal: 7500, Invoices: []int64{2500, 2500, 2500}, Currency: "EUR", AddStatutoryCosts: true}, Jurisdiction: "nl",
		Customer: Customer{Income: ptr(300000)}}},
	{"budget-check", Request{Debt: Debt{Principal: 100000, Currency: "GBP"}, Jurisdiction: "uk",
		Policy: &Policy{MinInstalment: 100, MaxTermMonths: 60, SpendingGuidelines: &assistant.SpendingGuidelines{Effective: "2026-04-06", Source: "test configuration",
			Figures: []assistant.Guideline{{Category: assistant.CategoryFoodHousekeeping, Single: 30000, Couple: 50000, PerChild: 10000}}}},
		Customer: Customer{Household: &Household{Adults: 1}, Budget: &Budget{Income: 200000, Housing: 80000, FoodHousekeeping: 45000}}}},
}

// TestWordingGolden renders what the engine says in both languages, side
// by side, into testdata/wording.golden: a change of wording shows in the
// diff of that file, and a template that fails or a language left out
// fails the test. Run with -update to rewrite it after a deliberate change.
func TestWordingGolden(t *testing.T) {
	var b strings.Builder
	e := New(fixedNow)
	for _, tc := range wordingCases {
		for _, lang := range assistant.Languages {
			req := tc.req
			req.Language = lang
			res, err := e.Plan(context.Background(), req)
			if err != nil {
				t.Fatalf("%s/%s: %v", tc.name, lang, err)
			}
			fmt.Fprintf(&b, "-- %s/%s --\n", tc.name, lang)
			for i, o := range res.Options {
				fmt.Fprintf(&b, "%d %s why: %s\n%d %s script: %s\n", i+1, o.Kind, o.Why, i+1, o.Kind, o.Script)
			}
			if r := res.Referral; r != nil {
				fmt.Fprintf(&b, "referral %s: %s\nreferral text: %s\n", r.Code, r.Reason, r.Text)
			}
			if res.StatutoryNote != "" {
				fmt.Fprintf(&b, "statutory: %s\n", res.StatutoryNote)
			}
			if p := res.Assessment.Protected; p != nil {
				fmt.Fprintf(&b, "protected: %s\n", p.Note)
			}
			for _, c := range res.Assessment.Checks {
				fmt.Fprintf(&b, "check: %s\n", c.Note)
			}
		}
	}
	got := b.String()
	for _, w := range []string{"<no value>", "%!", "{{"} {
		if strings.Contains(got, w) {
			t.Errorf("the wording holds %q: a template reads a field that is not there", w)
		}
	}
	const path = "testdata/wording.golden"
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestWordingGolden -update to write it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("wording differs from %s at line %d:\n got: %s\nwant: %s\n(run with -update after a deliberate change)", path, i+1, g, w)
			}
		}
	}
}
