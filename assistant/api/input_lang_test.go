package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant/api"
)

// With Accept-Language nl, the API says what is wrong with a goal, a
// progress period or an audit filter in Dutch; without it, in English as
// before.
func TestInputErrorsInTheRequestLanguage(t *testing.T) {
	e := newEnv(t, api.Config{})
	e.post(e.token, "agent_id=agent-sanne&team_id=team-noord&external_id=g1")
	goal := "/v1/agents/agent-sanne/goals"
	for _, tt := range []struct {
		name, method, path, body, lang string
		want                           string
	}{
		{"threshold, nl", "POST", goal, `{"kind": "no-threats", "threshold": 1.5}`, "nl-NL,nl;q=0.9",
			"threshold 1.5 is geen aandeel dat een doel van soort no-threats kan vragen; geef een getal groter dan 0 en hoogstens 1, zoals 0.6 voor 60%, of laat threshold weg voor"},
		{"threshold, en", "POST", goal, `{"kind": "no-threats", "threshold": 1.5}`, "",
			"threshold 1.5 is not a share a no-threats goal can ask for; give a number more than 0 and at most 1, such as 0.6 for 60%, or leave threshold out for"},
		{"kind, nl", "POST", goal, `{"kind": "speed", "threshold": 0.5}`, "nl",
			`Doelsoort "speed" is onbekend; gebruik een van `},
		{"kind, en", "POST", goal, `{"kind": "speed", "threshold": 0.5}`, "en",
			`goal kind "speed" is not known; use one of `},
		{"target before start, nl", "POST", goal, `{"kind": "closing", "starts_on": "2026-11-09", "target_on": "2026-11-02"}`, "nl",
			"target_on 2026-11-02 ligt vóór starts_on 2026-11-09."},
		{"target before start, en", "POST", goal, `{"kind": "closing", "starts_on": "2026-11-09", "target_on": "2026-11-02"}`, "",
			"target_on 2026-11-02 is before starts_on 2026-11-09."},
		{"progress date, nl", "GET", "/v1/agents/agent-sanne/progress?from=2026-13-01", "", "nl",
			`from "2026-13-01" is geen datum of tijd; gebruik 2026-11-01 of RFC 3339, zoals 2026-11-01T09:00:00Z.`},
		{"progress date, en", "GET", "/v1/agents/agent-sanne/progress?from=2026-13-01", "", "",
			`from "2026-13-01" is not a date or time; use 2026-11-01 or RFC 3339 such as 2026-11-01T09:00:00Z.`},
		{"progress plus, nl", "GET", "/v1/agents/agent-sanne/progress?from=2026-11-01T09:00:00+01:00", "", "nl",
			`Een "+" in een tijdzone moet in een URL als %2B worden gestuurd: een kale "+" komt aan als spatie.`},
		{"progress order, nl", "GET", "/v1/agents/agent-sanne/progress?from=2026-11-10&to=2026-11-01", "", "nl",
			"to 2026-11-01 komt niet na from 2026-11-10; geef een periode die eindigt nadat hij begint."},
		{"progress order, en", "GET", "/v1/agents/agent-sanne/progress?from=2026-11-10&to=2026-11-01", "", "",
			"to 2026-11-01 does not come after from 2026-11-10; give a period that ends after it starts."},
		{"progress bucket, nl", "GET", "/v1/agents/agent-sanne/progress?bucket=year", "", "nl",
			`bucket "year" is onbekend; gebruik day, week of month.`},
		{"progress buckets, nl", "GET", "/v1/agents/agent-sanne/progress?from=2020-01-01&to=2026-01-01&bucket=day", "", "nl",
			"De periode bevat meer dan"},
		{"audit date, nl", "GET", "/v1/audit?from=2026-13-01", "", "nl",
			`from "2026-13-01" is geen datum of tijd; gebruik 2026-11-01 of RFC 3339.`},
		{"audit date, en", "GET", "/v1/audit?from=2026-13-01", "", "",
			`from "2026-13-01" is not a date or time; use 2026-11-01 or RFC 3339.`},
		{"audit action, nl", "GET", "/v1/audit?action=dance", "", "nl",
			`action "dance" is geen handeling die het auditlogboek vastlegt; gebruik een van `},
		{"audit action, en", "GET", "/v1/audit?action=dance", "", "",
			`action "dance" is not one the audit trail records; use one of `},
		{"audit id, nl", "GET", "/v1/audit?call_id=abc", "", "nl",
			`call_id "abc" is geen geldig id: geen getal; ids zijn positieve gehele getallen.`},
		{"audit limit, nl", "GET", "/v1/audit?limit=0", "", "nl",
			`limit "0" moet een getal van 1 tot en met 500 zijn.`},
		{"audit order, nl", "GET", "/v1/audit?from=2026-11-10&to=2026-11-01", "", "nl",
			"from moet vóór to liggen."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var p api.Problem
			h := http.Header{}
			if tt.body != "" {
				h.Set("Content-Type", "application/json")
			}
			if tt.lang != "" {
				h.Set("Accept-Language", tt.lang)
			}
			var body []byte
			if tt.body != "" {
				body = []byte(tt.body)
			}
			res := e.doWith(e.token, tt.method, tt.path, h, body, &p)
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d (%q), want 400", res.StatusCode, p.Detail)
			}
			if !strings.Contains(p.Detail, tt.want) {
				t.Errorf("detail %q does not say %q", p.Detail, tt.want)
			}
		})
	}
}
