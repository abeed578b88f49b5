package api_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
	"github.com/rooscoach/rooscoach/assistant/arrangement"
	"github.com/rooscoach/rooscoach/store/storetest"
)

const deltaWater = `{
  "name": "Waterbedrijf Delta",
  "jurisdiction": "nl",
  "default": false,
  "teams": ["team-zuid"],
  "min_instalment": 1000,
  "max_term_months": 24,
  "max_deferral_months": 0,
  "may_waive_costs": false,
  "spare_share_percent": 50,
  "may_temporary": true,
  "review_months": 3,
  "may_freeze": true,
  "move_off_holidays": true
}`

func TestPolicyRoutes(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	storetest.Teams(t, e.db, "team-zuid")
	var p assistant.CreditorPolicy
	res := e.do(http.MethodPut, "/v1/policies/delta-water", "application/json", []byte(deltaWater), &p)
	if res.StatusCode != http.StatusCreated || res.Header.Get("Location") != "/v1/policies/delta-water" {
		t.Fatalf("PUT new: %d, Location %q", res.StatusCode, res.Header.Get("Location"))
	}
	if p.ID != "delta-water" || p.MinInstalment != 1000 || len(p.Teams) != 1 || p.CreatedAt.IsZero() {
		t.Errorf("created %+v", p)
	}
	res = e.do(http.MethodPut, "/v1/policies/delta-water", "application/json", []byte(strings.Replace(deltaWater, `"min_instalment": 1000`, `"min_instalment": 1500`, 1)), &p)
	if res.StatusCode != http.StatusOK || p.MinInstalment != 1500 {
		t.Errorf("PUT again: %d, minimum %d; want 200 and the new minimum", res.StatusCode, p.MinInstalment)
	}
	var got assistant.CreditorPolicy
	if res := e.do(http.MethodGet, "/v1/policies/delta-water", "", nil, &got); res.StatusCode != http.StatusOK || got.MinInstalment != 1500 || got.Name != "Waterbedrijf Delta" {
		t.Errorf("GET: %d %+v", res.StatusCode, got)
	}
	e.do(http.MethodPut, "/v1/policies/uk-standard", "application/json", []byte(`{"jurisdiction": "uk", "default": true, "min_instalment": 100, "max_term_months": 60}`), nil)
	var page api.PolicyPage
	if res := e.do(http.MethodGet, "/v1/policies", "", nil, &page); res.StatusCode != http.StatusOK || len(page.Policies) != 2 {
		t.Errorf("GET all: %d, %d policies", res.StatusCode, len(page.Policies))
	}
	if res := e.do(http.MethodGet, "/v1/policies?jurisdiction=uk", "", nil, &page); res.StatusCode != http.StatusOK || len(page.Policies) != 1 || page.Policies[0].ID != "uk-standard" || !page.Policies[0].Default {
		t.Errorf("GET uk: %d, %+v", res.StatusCode, page.Policies)
	}

	for _, tc := range []struct {
		name, method, path, body string
		status                   int
		detail                   string
	}{
		{"unknown jurisdiction", "GET", "/v1/policies?jurisdiction=de", "", 400, `jurisdiction must be one of nl, uk, us, not "de"`},
		{"unknown query", "GET", "/v1/policies?land=nl", "", 400, "Unknown query parameter land"},
		{"id differs", "PUT", "/v1/policies/delta-water", `{"id": "other", "jurisdiction": "nl", "max_term_months": 12}`, 400, `The body's id "other" is not the id in the path`},
		{"bad id", "PUT", "/v1/policies/Delta%20Water", `{"jurisdiction": "nl", "max_term_months": 12}`, 400, `policy id "Delta Water" must be`},
		{"bad terms", "PUT", "/v1/policies/kort", `{"jurisdiction": "nl", "max_term_months": 12, "max_deferral_months": 12}`, 400, "max_deferral_months must be less than max_term_months"},
		{"misspelled field", "PUT", "/v1/policies/kort", `{"jurisdiction": "nl", "max_terms": 12}`, 400, "max_terms"},
		{"team of another policy", "PUT", "/v1/policies/noord", `{"jurisdiction": "nl", "max_term_months": 12, "teams": ["team-zuid"]}`, 409, "team team-zuid follows policy delta-water"},
		{"not there", "GET", "/v1/policies/noord", "", 404, `policy "noord" not found`},
		{"delete not there", "DELETE", "/v1/policies/noord", "", 404, `policy "noord" not found`},
	} {
		var prob api.Problem
		res := e.do(tc.method, tc.path, "application/json", []byte(tc.body), &prob)
		if res.StatusCode != tc.status || !strings.Contains(prob.Detail, tc.detail) || res.Header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("%s: %d %q, want %d with %q", tc.name, res.StatusCode, prob.Detail, tc.status, tc.detail)
		}
	}

	if res := e.do(http.MethodDelete, "/v1/policies/uk-standard", "", nil, nil); res.StatusCode != http.StatusNoContent {
		t.Errorf("DELETE: %d, want 204", res.StatusCode)
	}
	if n := e.count("policies"); n != 1 {
		t.Errorf("%d policies stored, want 1", n)
	}
}

// A call posted with a policy, or by a team that has one, is planned under
// it, and its record shows the policy, the assessment, the agreed
// arrangement and its comparison with the proposals.
func TestCallUnderPolicy(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	storetest.Teams(t, e.db, "team-zuid")
	if res := e.do(http.MethodPut, "/v1/policies/delta-water", "application/json", []byte(deltaWater), nil); res.StatusCode != http.StatusCreated {
		t.Fatalf("PUT policy: %d", res.StatusCode)
	}
	for _, tc := range []struct {
		query, source string
	}{
		{"policy=delta-water", assistant.PolicyFromCall},
		{"team_id=team-zuid", assistant.PolicyFromTeam},
	} {
		var c assistant.Call
		res := e.do(http.MethodPost, "/v1/calls?agent_id=agent-femke&external_id="+tc.source+"&"+tc.query, "text/plain", sample(t, "nl-loon-vraag.txt"), &c)
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("%s: POST: %d", tc.query, res.StatusCode)
		}
		var stored assistant.Call
		if res := e.do(http.MethodGet, "/v1/calls/"+strconv.FormatInt(c.ID, 10), "", nil, &stored); res.StatusCode != http.StatusOK {
			t.Fatalf("GET: %d", res.StatusCode)
		}
		a := stored.Arrangement
		if a.Policy == nil || a.Policy.ID != "delta-water" || a.Policy.Source != tc.source || a.Policy.Terms.MinInstalment != 1000 {
			t.Errorf("%s: policy %+v, want delta-water from %s", tc.query, a.Policy, tc.source)
		}
		// The policy forbids a pause: none is offered.
		for _, o := range a.Options {
			if o.Kind == assistant.OptionDeferral {
				t.Errorf("%s: a pause the policy forbids", tc.query)
			}
		}
		agreed := 0
		for _, f := range a.Facts {
			if f.Kind == assistant.FactAgreed {
				agreed++
				if f.Amount.Amount != 10000 || f.Date == "" || !f.Promise {
					t.Errorf("agreed fact %+v", f)
				}
			}
		}
		if agreed != 1 {
			t.Errorf("%s: %d agreed facts stored, want 1", tc.query, agreed)
		}
		if g := a.Agreement; g == nil || g.Affordable || len(g.Findings) == 0 || g.Findings[0].Code != "above-stated" {
			t.Errorf("%s: agreement %+v, want the agreed € 100 above the customer's € 60", tc.query, g)
		}
		if !stored.Flagged {
			t.Errorf("%s: not flagged", tc.query)
		}
	}
	var prob api.Problem
	if res := e.do(http.MethodPost, "/v1/calls?agent_id=agent-femke&policy=bestaat-niet", "text/plain", sample(t, "nl-loon-vraag.txt"), &prob); res.StatusCode != 400 || !strings.Contains(prob.Detail, `policy "bestaat-niet" does not exist`) {
		t.Errorf("unknown policy: %d %q", res.StatusCode, prob.Detail)
	}
	if n := e.count("calls"); n != 2 {
		t.Errorf("%d calls stored, want 2", n)
	}
}

func TestArrangementUnderStoredPolicy(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	storetest.Teams(t, e.db, "team-zuid")
	e.do(http.MethodPut, "/v1/policies/delta-water", "application/json", []byte(deltaWater), nil)
	body := `{"debt": {"principal": 60000, "currency": "EUR"}, "jurisdiction": "nl", "policy_id": "delta-water",
		"customer": {"budget": {"income": 190000, "housing": 90000, "utilities": 15000, "food_housekeeping": 35000}, "household": {"adults": 1, "children": 0}}}`
	var res arrangement.Response
	if r := e.do(http.MethodPost, "/v1/arrangements", "application/json", []byte(body), &res); r.StatusCode != http.StatusOK {
		t.Fatalf("POST: %d", r.StatusCode)
	}
	if res.PolicyID != "delta-water" || res.PolicySource != assistant.PolicyFromNamed || res.Policy.MinInstalment != 1000 {
		t.Errorf("policy %s from %s (min %d), want delta-water from %s", res.PolicyID, res.PolicySource, res.Policy.MinInstalment, assistant.PolicyFromNamed)
	}
	a := res.Assessment
	if a.Essential == nil || a.Essential.Amount != 140000 || a.Protected == nil || a.Spare == nil {
		b, _ := json.Marshal(a)
		t.Errorf("assessment %s, want the budget's essentials and the protected income", b)
	}
	var prob api.Problem
	if r := e.do(http.MethodPost, "/v1/arrangements", "application/json", []byte(strings.Replace(body, "delta-water", "onbekend", 1)), &prob); r.StatusCode != 400 || !strings.Contains(prob.Detail, `policy_id "onbekend" does not exist`) {
		t.Errorf("unknown policy_id: %d %q", r.StatusCode, prob.Detail)
	}
}
