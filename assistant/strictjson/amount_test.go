package strictjson

import (
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// request has amounts in minor units beside integers that are not money,
// and dates.
type request struct {
	CallID int64 `json:"call_id"`
	Debt   struct {
		Principal int64   `json:"principal" unit:"minor"`
		Invoices  []int64 `json:"invoices" unit:"minor"`
	} `json:"debt"`
	Offer  *assistant.Money `json:"offer"`
	Months int              `json:"months"`
	Goals  []struct {
		StartsOn assistant.Date  `json:"starts_on"`
		TargetOn *assistant.Date `json:"target_on"`
	} `json:"goals"`
}

// TestDecodeExplainsAmountsAndDates: a decimal or a string given for an
// amount is answered in cents, naming the field (with a decimal point or a
// Dutch comma); an id given a decimal is not told about money; a date in
// another form names its field path and YYYY-MM-DD.
func TestDecodeExplainsAmountsAndDates(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string // parts of the message
		not      string   // a part it must not have
	}{
		{"amount as decimal", `{"debt": {"principal": 12.5}}`, []string{"debt.principal: use whole cents (1250 for 12.5)", "integer minor units (cents)", "line 1, column"}, ""},
		{"amount as string (en)", `{"debt": {"principal": "12.50"}}`, []string{"debt.principal: use whole cents (1250 for 12.50)", "not a JSON string"}, ""},
		{"amount as string (nl comma)", `{"debt": {"principal": "12,50"}}`, []string{"debt.principal: use whole cents (1250 for 12,50)"}, ""},
		{"amount in a list", `{"debt": {"invoices": [1000, 7.25]}}`, []string{"debt.invoices: use whole cents (725 for 7.25)"}, ""},
		{"money amount", `{"offer": {"amount": 99.99, "currency": "EUR"}}`, []string{"offer.amount: use whole cents (9999 for 99.99)"}, ""},
		{"amount as text", `{"debt": {"principal": "twaalf euro"}}`, []string{"debt.principal: use whole cents (1250 for 12.50)"}, ""},
		{"id as decimal", `{"call_id": 12.5}`, []string{"Field call_id must be a whole number, not a JSON number 12.5"}, "cents"},
		{"count as string", `{"months": "12"}`, []string{"Field months must be a whole number, not a JSON string"}, "cents"},
		{"date nl order", `{"goals": [{"starts_on": "01-12-2026"}]}`, []string{`Field goals.starts_on must be a date as YYYY-MM-DD (such as 2026-12-01), not a JSON string "01-12-2026"`}, ""},
		{"date en order", `{"goals": [{"target_on": "12/01/2026"}]}`, []string{`Field goals.target_on must be a date as YYYY-MM-DD`, `"12/01/2026"`}, ""},
		{"date as number", `{"goals": [{"starts_on": 20261201}]}`, []string{`Field goals.starts_on must be a date as YYYY-MM-DD`, "number 20261201"}, ""},
		{"date out of range", `{"goals": [{"starts_on": "2026-13-01"}]}`, []string{`goals.starts_on must be a date as YYYY-MM-DD`}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var r request
			err := Decode([]byte(tc.in), &r)
			if code := assistant.ErrorCode(err); code != assistant.EInvalid {
				t.Fatalf("Decode(%s) = %v, want invalid", tc.in, err)
			}
			msg := assistant.ErrorMessage(err)
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q, want it to contain %q", msg, w)
				}
			}
			if tc.not != "" && strings.Contains(msg, tc.not) {
				t.Errorf("message %q mentions %q", msg, tc.not)
			}
		})
	}
	var ok request
	if err := Decode([]byte(`{"debt": {"principal": 1250}, "goals": [{"starts_on": "2026-12-01"}]}`), &ok); err != nil || ok.Goals[0].StartsOn.String() != "2026-12-01" {
		t.Errorf("a good body: %v, %+v", err, ok)
	}
}
