package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
)

// threatNL breaks nl.no-seizure-threat; the JSON form carries the account
// and the time zone.
const threatNL = "Medewerker: Goedemiddag, u spreekt met Sanne van Incasso Noord. Ik bel namens Energie Direct.\n" +
	"Klant: Ik kan nu niet alles betalen.\n" +
	"Medewerker: Als u niet betaalt, komen we beslag leggen op uw loon.\n"

func TestComplianceSectionStoredAndReturned(t *testing.T) {
	e := newEnv(t, api.Config{})
	var created assistant.Call
	res := e.do("POST", "/v1/calls?agent_id=a-1&external_id=c-1&account_ref=ACC-77&time_zone=Europe/Amsterdam", "text/plain", []byte(threatNL), &created)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("POST: status %d", res.StatusCode)
	}
	var got assistant.Call
	if res := e.do("GET", fmt.Sprintf("/v1/calls/%d", created.ID), "", nil, &got); res.StatusCode != http.StatusOK {
		t.Fatalf("GET: status %d", res.StatusCode)
	}
	c := got.Compliance
	if c == nil || c.Jurisdiction != "nl" || c.Worst != assistant.SeverityHigh || c.Breaches < 1 {
		t.Fatalf("GET compliance %+v; want nl, worst high, a breach", c)
	}
	if got.AccountRef != "ACC-77" || got.TimeZone != "Europe/Amsterdam" {
		t.Errorf("account %q, zone %q", got.AccountRef, got.TimeZone)
	}
	found := false
	for _, r := range c.Rules {
		if r.RuleID == "nl.no-seizure-threat" {
			found = r.Status == assistant.RuleBroken && len(r.Breaches) == 1 && r.Breaches[0].Text == "beslag leggen" && r.Breaches[0].TurnIndex == 2
		}
	}
	if !found {
		t.Errorf("nl.no-seizure-threat not broken with its quote in %+v", c.Rules)
	}

	// The analysis without storing has the same section, and the JSON
	// format carries the metadata.
	body, _ := json.Marshal(map[string]any{
		"agent_id": "a-1", "account_ref": "ACC-78", "time_zone": "America/New_York", "jurisdiction": "us",
		"occurred_at": "2026-11-23T02:30:00Z", "language": "en",
		"turns": []map[string]string{
			{"speaker": "agent", "text": "Good evening, this is Sam. This communication is from a debt collector."},
			{"speaker": "customer", "text": "It's half past nine at night!"},
			{"speaker": "agent", "text": "I'm sorry, I'll call back tomorrow."},
		},
	})
	var an api.AnalyzeResponse
	if res := e.do("POST", "/v1/analyze", "application/json", body, &an); res.StatusCode != http.StatusOK {
		t.Fatalf("analyze: status %d", res.StatusCode)
	}
	if an.AccountRef != "ACC-78" || an.TimeZone != "America/New_York" || an.Compliance == nil || an.Compliance.Jurisdiction != "us" {
		t.Fatalf("analyze: account %q, zone %q, compliance %+v", an.AccountRef, an.TimeZone, an.Compliance)
	}
	for _, r := range an.Compliance.Rules {
		if r.RuleID == "us.calling-hours" && (r.Status != assistant.RuleBroken || !strings.Contains(r.Reason, "21:30")) {
			t.Errorf("calling hours: %s %q, want broken at 21:30", r.Status, r.Reason)
		}
	}
}

// TestComplianceBadInput: an account reference or time zone that is not
// one, or a jurisdiction without a pack, is a 400 naming it; nothing is
// stored.
func TestComplianceBadInput(t *testing.T) {
	e := newEnv(t, api.Config{})
	tests := []struct {
		name, query, want string
	}{
		{"account_ref with a control character", "account_ref=" + url.QueryEscape("ACC\x01"), "account_ref holds a control character"},
		{"account_ref too long", "account_ref=" + strings.Repeat("x", 201), "account_ref is 201 characters long"},
		{"account_ref of spaces", "account_ref=%20%20", "account_ref is only spaces"},
		{"time zone unknown", "time_zone=Mars/Olympus", `time_zone "Mars/Olympus" is not a time zone`},
		{"time zone Local", "time_zone=Local", "is not a time zone"},
		{"time zone with a control character", "time_zone=" + url.QueryEscape("Europe/Amsterdam\x00"), "time_zone holds a control character"},
		{"jurisdiction without a pack", "jurisdiction=fr", `jurisdiction "fr" has no rule pack`},
		{"jurisdiction that is no code", "jurisdiction=n1", `jurisdiction "n1" is not known`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p api.Problem
			res := e.do("POST", "/v1/calls?agent_id=a-1&"+tt.query, "text/plain", []byte(threatNL), &p)
			if res.StatusCode != http.StatusBadRequest || !strings.Contains(p.Detail, tt.want) {
				t.Errorf("status %d, detail %q; want 400 saying %q", res.StatusCode, p.Detail, tt.want)
			}
		})
	}
	// The same in the JSON body.
	body := `{"agent_id": "a-1", "account_ref": "ACC\u0007", "turns": [{"speaker": "agent", "text": "Hallo, u spreekt met Sanne."}, {"speaker": "customer", "text": "Ja?"}]}`
	var p api.Problem
	if res := e.do("POST", "/v1/calls", "application/json", []byte(body), &p); res.StatusCode != http.StatusBadRequest || !strings.Contains(p.Detail, "account_ref holds a control character") {
		t.Errorf("JSON body: status %d, detail %q", res.StatusCode, p.Detail)
	}
	if n := e.count("calls"); n != 0 {
		t.Errorf("%d calls stored from bad input", n)
	}
}

// A team's default jurisdiction decides the pack of its calls that name
// none, before the call's own currency and language; it is checked against
// the loaded packs when set, and a call's own jurisdiction still wins.
func TestTeamJurisdictionDefault(t *testing.T) {
	e := newEnv(t, api.Config{})
	var team assistant.Team
	if res := e.do("POST", "/v1/teams", "application/json", []byte(`{"id":"team-harbour","name":"Harbour","jurisdiction":"GB"}`), &team); res.StatusCode != http.StatusCreated || team.Jurisdiction != "uk" {
		t.Fatalf("POST /v1/teams with jurisdiction GB: %d %+v, want 201 with uk", res.StatusCode, team)
	}
	for _, c := range []struct{ method, path, body, detail string }{
		{"POST", "/v1/teams", `{"id":"team-x","jurisdiction":"xx"}`, `jurisdiction "xx" has no rule pack; rooscoach has packs for nl, uk, us`},
		{"POST", "/v1/teams", `{"id":"team-y","jurisdiction":"auto"}`, `jurisdiction "auto" is no default`},
		{"PATCH", "/v1/teams/team-harbour", `{"jurisdiction":"n1"}`, `jurisdiction "n1" is not known`},
		{"PATCH", "/v1/teams/team-harbour", `{}`, "Give a field to change: name or jurisdiction."},
	} {
		var p api.Problem
		if res := e.do(c.method, c.path, "application/json", []byte(c.body), &p); res.StatusCode != http.StatusBadRequest || !strings.Contains(p.Detail, c.detail) {
			t.Errorf("%s %s %s: %d %q, want 400 naming %q", c.method, c.path, c.body, res.StatusCode, p.Detail, c.detail)
		}
	}

	// threatNL names no currency and is Dutch: on its own it is nl. In the
	// team it is uk, said in the call's language.
	post := func(query string, body string) *assistant.Compliance {
		t.Helper()
		var call assistant.Call
		if res := e.do("POST", "/v1/calls?"+query, "text/plain", []byte(body), &call); res.StatusCode != http.StatusCreated || call.Compliance == nil {
			t.Fatalf("POST /v1/calls?%s: %d %+v", query, res.StatusCode, call.Compliance)
		}
		return call.Compliance
	}
	if c := post("agent_id=a-1&external_id=alone", threatNL); c.Jurisdiction != "nl" {
		t.Errorf("a Dutch call of no team: jurisdiction %q, want nl from its language", c.Jurisdiction)
	}
	if c := post("agent_id=a-1&team_id=team-harbour&external_id=team", threatNL); c.Jurisdiction != "uk" || !strings.Contains(c.JurisdictionReason, "team van het gesprek heeft uk") {
		t.Errorf("a Dutch call of team-harbour: %q (%q), want uk from the team, said in Dutch", c.Jurisdiction, c.JurisdictionReason)
	}
	en := "Agent: Good afternoon, this is Sam from North Collections.\nCustomer: I can't pay it all.\nAgent: The balance is $312.45.\n"
	if c := post("agent_id=a-1&team_id=team-harbour&external_id=team-en", en); c.Jurisdiction != "uk" || !strings.Contains(c.JurisdictionReason, "call's team has uk") {
		t.Errorf("an English call in dollars of team-harbour: %q (%q), want uk from the team", c.Jurisdiction, c.JurisdictionReason)
	}
	if c := post("agent_id=a-1&team_id=team-harbour&external_id=given&jurisdiction=nl", threatNL); c.Jurisdiction != "nl" {
		t.Errorf("a call of team-harbour naming nl: %q, want nl", c.Jurisdiction)
	}

	// Cleared, the team's calls are what they tell again.
	var cleared assistant.Team
	if res := e.do("PATCH", "/v1/teams/team-harbour", "application/json", []byte(`{"jurisdiction":""}`), &cleared); res.StatusCode != http.StatusOK || cleared.Jurisdiction != "" || cleared.Name != "Harbour" {
		t.Fatalf("PATCH jurisdiction \"\": %d %+v", res.StatusCode, cleared)
	}
	if c := post("agent_id=a-1&team_id=team-harbour&external_id=after", en); c.Jurisdiction != "us" {
		t.Errorf("an English call in dollars after the default was cleared: %q, want us from its currency", c.Jurisdiction)
	}
	var trail assistant.AuditPage
	e.do("GET", "/v1/audit?target=team&target_id=team-harbour", "", nil, &trail)
	var details []string
	for _, en := range trail.Entries {
		details = append(details, string(en.Action)+" "+en.Detail)
	}
	if got, want := strings.Join(details, "; "), "team.update jurisdiction (none); team.create jurisdiction uk"; got != want {
		t.Errorf("audit of team-harbour: %q, want %q", got, want)
	}
}
