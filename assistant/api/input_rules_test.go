package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant/api"
)

// TestInputErrorsHTTP: bad input the JSON API gets is answered 400,
// problem+json, with a detail that names the field or parameter and says
// what is expected: an amount in whole cents, a date as YYYY-MM-DD, an id
// that fits, a context turn with text. Dutch and English input alike.
func TestInputErrorsHTTP(t *testing.T) {
	e := newEnv(t, api.Config{})
	arrangement := func(principal string) string {
		return `{"debt": {"principal": ` + principal + `, "currency": "EUR"}, "jurisdiction": "nl", "language": "nl"}`
	}
	tests := []struct {
		name, method, path, body string
		want                     []string
	}{
		{"amount as decimal", "POST", "/v1/arrangements", arrangement(`1250.5`), []string{"debt.principal: use whole cents (125050 for 1250.5)", "integer minor units"}},
		{"amount as string (nl)", "POST", "/v1/arrangements", arrangement(`"1250,50"`), []string{"debt.principal: use whole cents (125050 for 1250,50)"}},
		{"amount as string (en)", "POST", "/v1/arrangements", arrangement(`"12.50"`), []string{"debt.principal: use whole cents (1250 for 12.50)"}},
		{"budget amount (en)", "POST", "/v1/arrangements", `{"debt": {"principal": 50000, "currency": "GBP"}, "jurisdiction": "uk", "language": "en", "customer": {"budget": {"income": 1800.00}}}`,
			[]string{"customer.budget.income: use whole cents (180000 for 1800.00)"}},
		{"date in Dutch order", "POST", "/v1/agents/agent-anna/goals", `{"kind": "target-share", "threshold": 0.6, "starts_on": "01-12-2026"}`,
			[]string{"starts_on must be a date as YYYY-MM-DD", `"01-12-2026"`}},
		{"date in English words", "POST", "/v1/agents/agent-anna/goals", `{"kind": "target-share", "threshold": 0.6, "starts_on": "2026-12-01", "target_on": "1 March 2027"}`,
			[]string{"target_on must be a date as YYYY-MM-DD", `"1 March 2027"`}},
		{"call id too large", "GET", "/v1/calls/99999999999999999999", "", []string{"call id 99999999999999999999 is not a valid id: too large"}},
		{"review id too large", "GET", "/v1/reviews/99999999999999999999", "", []string{"review id 99999999999999999999 is not a valid id: too large"}},
		{"import id not a number", "GET", "/v1/imports/twaalf", "", []string{`import id "twaalf" is not a valid id: not a number`}},
		{"goal id too large", "POST", "/v1/goals/99999999999999999999/end", "", []string{"goal id 99999999999999999999 is not a valid id: too large"}},
		{"goal id zero", "POST", "/v1/goals/0/end", "", []string{"goal id 0 is not a valid id: ids are positive"}},
		{"audit call_id too large", "GET", "/v1/audit?call_id=99999999999999999999", "", []string{"call_id 99999999999999999999 is not a valid id: too large"}},
		{"empty context text (nl)", "POST", "/v1/tips", `{"text": "Wat kunt u per maand betalen?", "language": "nl", "context": [{"speaker": "customer", "text": "Ik ben mijn baan kwijt."}, {"speaker": "customer", "text": "  "}]}`,
			[]string{"context[1].text is empty"}},
		{"empty context text (en)", "POST", "/v1/tips", `{"text": "What could you pay each month?", "context": [{"speaker": "customer", "text": ""}]}`,
			[]string{"context[0].text is empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p api.Problem
			ct := ""
			if tt.body != "" {
				ct = "application/json"
			}
			res := e.do(tt.method, tt.path, ct, []byte(tt.body), &p)
			if res.StatusCode != http.StatusBadRequest {
				t.Errorf("status %d (%q), want 400", res.StatusCode, p.Detail)
			}
			if got := res.Header.Get("Content-Type"); got != "application/problem+json" {
				t.Errorf("Content-Type %q", got)
			}
			for _, w := range tt.want {
				if !strings.Contains(p.Detail, w) {
					t.Errorf("detail %q, want it to name %q", p.Detail, w)
				}
			}
		})
	}
}
