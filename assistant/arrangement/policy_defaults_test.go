package arrangement

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant/strictjson"
)

// A policy sent without a switch that is on by default keeps it on: an
// omitted move_off_holidays must not put a payment on a Saturday or on
// Christmas Day, nor an omitted may_temporary take the temporary plan
// away. A switch sent as false stays off.
func TestOmittedPolicySwitchesTakeTheDefault(t *testing.T) {
	tests := []struct {
		name, jurisdiction, currency, language string
		customer, policy                       string
		wantDue                                string
		wantMove, wantTemporary                bool
	}{
		// Saturday 19 December 2026 is today plus 14 days.
		{"omitted, nl", "nl", "EUR", "nl", `{}`, `{"min_instalment": 5000, "max_term_months": 12}`, "2026-12-21", true, true},
		{"omitted, uk", "uk", "GBP", "en", `{}`, `{"min_instalment": 5000, "max_term_months": 12}`, "2026-12-21", true, true},
		// Payday 25 falls on Christmas Day; 26 December is a Saturday.
		{"omitted, payday on Christmas, nl", "nl", "EUR", "nl", `{"stated_monthly": 5000, "payday": 25}`,
			`{"min_instalment": 2500, "max_term_months": 36, "max_deferral_months": 3, "may_waive_costs": false}`, "2026-12-28", true, true},
		{"omitted, payday on Christmas, uk", "uk", "GBP", "en", `{"stated_monthly": 5000, "payday": 25}`,
			`{"min_instalment": 2500, "max_term_months": 36, "max_deferral_months": 3, "may_waive_costs": false}`, "2026-12-29", true, true},
		{"explicitly off, nl", "nl", "EUR", "nl", `{}`,
			`{"min_instalment": 5000, "max_term_months": 12, "move_off_holidays": false, "may_temporary": false}`, "2026-12-19", false, false},
		{"explicitly off, uk", "uk", "GBP", "en", `{"stated_monthly": 5000, "payday": 25}`,
			`{"min_instalment": 2500, "max_term_months": 36, "move_off_holidays": false, "may_temporary": false}`, "2026-12-25", false, false},
		{"explicitly on, uk", "uk", "GBP", "en", `{}`,
			`{"min_instalment": 5000, "max_term_months": 12, "move_off_holidays": true, "may_temporary": true}`, "2026-12-21", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := fmt.Sprintf(`{"debt": {"principal": 60000, "currency": %q}, "jurisdiction": %q, "language": %q, "customer": %s, "policy": %s}`,
				tt.currency, tt.jurisdiction, tt.language, tt.customer, tt.policy)
			var req Request
			if err := strictjson.Decode([]byte(body), &req); err != nil {
				t.Fatal(err)
			}
			req.Today = "2026-12-05"
			res, err := New(fixedNow).Plan(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Options) == 0 {
				t.Fatalf("no options for %s", body)
			}
			if due := res.Options[0].Schedule[0].Due; due != tt.wantDue {
				t.Errorf("first due date %s, want %s", due, tt.wantDue)
			}
			applied, err := json.Marshal(res.Policy)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{fmt.Sprintf(`"move_off_holidays":%v`, tt.wantMove), fmt.Sprintf(`"may_temporary":%v`, tt.wantTemporary)} {
				if !strings.Contains(string(applied), want) {
					t.Errorf("policy applied %s; want %s", applied, want)
				}
			}
		})
	}
}
