package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
	"github.com/rooscoach/rooscoach/assistant/arrangement"
)

// A stored policy that leaves out a switch every default policy has on
// (move_off_holidays, may_temporary) has it on, as README's northside-water
// does; one that says false has it off. Plans under it follow suit: payday
// 25 December moves to the next business day only when the switch is on.
func TestPolicySwitchesLeftOut(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	tests := []struct {
		id, jurisdiction, currency, switches string
		want                                 bool
		wantDue                              string
	}{
		{"northside-water", "uk", "GBP", ``, true, "2026-12-29"},
		{"delta-water", "nl", "EUR", ``, true, "2026-12-28"},
		{"northside-off", "uk", "GBP", `, "move_off_holidays": false, "may_temporary": false`, false, "2026-12-25"},
		{"delta-off", "nl", "EUR", `, "move_off_holidays": false, "may_temporary": false`, false, "2026-12-25"},
		{"delta-on", "nl", "EUR", `, "move_off_holidays": true, "may_temporary": true`, true, "2026-12-28"},
	}
	for _, tt := range tests {
		body := fmt.Sprintf(`{"name": "Water", "jurisdiction": %q, "min_instalment": 500, "max_term_months": 48, "max_deferral_months": 2%s}`, tt.jurisdiction, tt.switches)
		var put, got assistant.CreditorPolicy
		if res := e.do(http.MethodPut, "/v1/policies/"+tt.id, "application/json", []byte(body), &put); res.StatusCode != http.StatusCreated {
			t.Fatalf("%s: PUT: %d", tt.id, res.StatusCode)
		}
		if res := e.do(http.MethodGet, "/v1/policies/"+tt.id, "", nil, &got); res.StatusCode != http.StatusOK {
			t.Fatalf("%s: GET: %d", tt.id, res.StatusCode)
		}
		for _, p := range []assistant.CreditorPolicy{put, got} {
			if p.MoveOffHolidays == nil || *p.MoveOffHolidays != tt.want || p.MayTemporary == nil || *p.MayTemporary != tt.want {
				t.Errorf("%s: move_off_holidays %v, may_temporary %v; want both %v", tt.id, p.MoveOffHolidays, p.MayTemporary, tt.want)
			}
		}
		plan := fmt.Sprintf(`{"debt": {"principal": 60000, "currency": %q}, "jurisdiction": %q, "policy_id": %q,
			"start_date": "2026-12-24", "customer": {"stated_monthly": 5000, "payday": 25}}`, tt.currency, tt.jurisdiction, tt.id)
		var res arrangement.Response
		if r := e.do(http.MethodPost, "/v1/arrangements", "application/json", []byte(plan), &res); r.StatusCode != http.StatusOK || len(res.Options) == 0 {
			t.Fatalf("%s: POST /v1/arrangements: %d, %d options", tt.id, r.StatusCode, len(res.Options))
		}
		if due := res.Options[0].Schedule[0].Due; due != tt.wantDue {
			t.Errorf("%s: first due date %s, want %s", tt.id, due, tt.wantDue)
		}
	}
}
