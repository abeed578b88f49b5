package arrangement

import (
	"context"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// A vulnerable customer gets breathing space, not a full plan, unless what
// they can pay is clear and clears the debt within the review period: (a)
// with their means unknown, a short temporary plan with a review date and
// the advice to list income and costs; (b) with means that clear the debt
// within the review, the normal plan; (c) with less than the policy's
// minimum, a temporary plan at what they can pay and free debt help, never
// a plan above their means.
func TestVulnerableCustomerGetsBreathingSpace(t *testing.T) {
	e := New(fixedNow)
	for _, lang := range assistant.Languages {
		words := map[assistant.Language]struct{ gather, gatherScript, below string }{
			assistant.Dutch:   {"inkomsten en vaste lasten", "inkomsten en vaste lasten", "minder dan het minimum"},
			assistant.English: {"income and essential costs", "income and regular costs", "less than the minimum"},
		}[lang]
		t.Run(string(lang)+"/means unknown", func(t *testing.T) {
			res, err := e.Plan(context.Background(), Request{Debt: Debt{Principal: 120000, Currency: "EUR"}, Jurisdiction: "nl", Language: lang,
				Customer: Customer{Vulnerable: true}})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Options) != 1 || res.Options[0].Kind != assistant.OptionTemporary {
				t.Fatalf("options %v, want one temporary plan", kindsOf(res.Options))
			}
			o := res.Options[0]
			if o.ReviewDate == "" || o.Months != 1 || o.Remaining == nil || o.Remaining.Amount != 120000-o.Monthly.Amount {
				t.Errorf("temporary plan: review %q after %d months, remaining %v; want a review after 1 month", o.ReviewDate, o.Months, o.Remaining)
			}
			if o.Monthly.Amount > res.Policy.MinInstalment {
				t.Errorf("monthly %d above the policy's least %d", o.Monthly.Amount, res.Policy.MinInstalment)
			}
			if !strings.Contains(o.Why, words.gather) || !strings.Contains(o.Script, words.gatherScript) {
				t.Errorf("no advice to list income and costs:\nwhy: %s\nscript: %s", o.Why, o.Script)
			}
			if res.Referral == nil || res.Referral.Code != reasonVulnerable || !res.Flagged {
				t.Errorf("referral %+v flagged %v, want the vulnerable referral", res.Referral, res.Flagged)
			}
		})
		t.Run(string(lang)+"/clears within the review", func(t *testing.T) {
			res, err := e.Plan(context.Background(), Request{Debt: Debt{Principal: 90000, Currency: "EUR"}, Jurisdiction: "nl", Language: lang,
				Customer: Customer{Vulnerable: true, StatedMonthly: ptr(45000)}})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Options) == 0 || res.Options[0].Kind != assistant.OptionCustomerProposal || res.Options[0].Months != 2 {
				t.Fatalf("options %v, want the customer's own plan first, in 2 months", kindsOf(res.Options))
			}
			for _, o := range res.Options {
				if o.Kind == assistant.OptionTemporary {
					t.Errorf("a temporary plan beside a plan that clears the debt within the review")
				}
			}
			if res.Referral == nil {
				t.Errorf("no referral for a vulnerable customer")
			}
		})
		t.Run(string(lang)+"/longer than the review", func(t *testing.T) {
			res, err := e.Plan(context.Background(), Request{Debt: Debt{Principal: 120000, Currency: "GBP"}, Jurisdiction: "uk", Language: lang,
				Customer: Customer{Vulnerable: true, Income: ptr(200000), EssentialCosts: ptr(180000)}})
			if err != nil {
				t.Fatal(err)
			}
			if ks := kindsOf(res.Options); len(ks) < 2 || ks[0] != assistant.OptionTemporary {
				t.Fatalf("options %v, want breathing space before any full plan", ks)
			}
			if o := res.Options[0]; o.Monthly.Amount > res.Affordable.Amount || o.ReviewDate == "" {
				t.Errorf("temporary plan %d a month, review %q, can spare %v", o.Monthly.Amount, o.ReviewDate, res.Affordable)
			}
		})
		t.Run(string(lang)+"/below the minimum", func(t *testing.T) {
			res, err := e.Plan(context.Background(), Request{Debt: Debt{Principal: 120000, Currency: "EUR"}, Jurisdiction: "nl", Language: lang,
				Customer: Customer{Vulnerable: true, StatedMonthly: ptr(1500)}})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Options) != 1 || res.Options[0].Kind != assistant.OptionTemporary {
				t.Fatalf("options %v, want one temporary plan", kindsOf(res.Options))
			}
			o := res.Options[0]
			if o.Monthly.Amount != 1500 || o.ReviewDate == "" || o.Months != res.Policy.ReviewMonths {
				t.Errorf("temporary plan %d a month for %d months, review %q; want 1500 until the policy's review", o.Monthly.Amount, o.Months, o.ReviewDate)
			}
			for _, p := range o.Schedule {
				if p.Amount.Amount > 1500 {
					t.Errorf("payment %d above the 1500 the customer can pay", p.Amount.Amount)
				}
			}
			if !strings.Contains(o.Why, words.below) {
				t.Errorf("why %q does not say it is below the minimum", o.Why)
			}
			if res.Referral == nil || !res.Flagged || !strings.Contains(res.Referral.Text, map[assistant.Language]string{assistant.Dutch: "schuldhulpverlening", assistant.English: "schuldhulpverlening"}[lang]) {
				t.Errorf("referral %+v, want free debt help", res.Referral)
			}
		})
	}
}

func kindsOf(os []assistant.ArrangementOption) []assistant.OptionKind {
	var ks []assistant.OptionKind
	for _, o := range os {
		ks = append(ks, o.Kind)
	}
	return ks
}
