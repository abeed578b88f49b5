package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
)

// expectProblem checks that res is a problem+json answer with status and
// a detail holding every one of want.
func expectProblem(t *testing.T, what string, res *http.Response, p api.Problem, status int, want ...string) {
	t.Helper()
	if res.StatusCode != status {
		t.Fatalf("%s: status %d, want %d (detail %q)", what, res.StatusCode, status, p.Detail)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("%s: Content-Type %q, want application/problem+json", what, ct)
	}
	for _, w := range want {
		if !strings.Contains(p.Detail, w) {
			t.Errorf("%s: detail %q does not say %q", what, p.Detail, w)
		}
	}
}

// TestLastAdminTokenStays refuses to revoke the last admin token that
// works, since nobody could then get in but through the command line; once
// another admin token exists, the first may go.
func TestLastAdminTokenStays(t *testing.T) {
	e := newEnv(t, api.Config{})
	var me assistant.Principal
	if res := e.do("GET", "/v1/me", "", nil, &me); res.StatusCode != http.StatusOK {
		t.Fatalf("GET /v1/me: %d", res.StatusCode)
	}
	path := "/v1/tokens/" + itoa(me.TokenID)
	var p api.Problem
	res := e.do("DELETE", path, "", nil, &p)
	expectProblem(t, "revoke the last admin token", res, p, http.StatusConflict, "last admin token", "Make another admin token first")
	if res := e.do("GET", "/v1/me", "", nil, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("after the refused revoke, GET /v1/me: %d, want the token still working", res.StatusCode)
	}

	// A revoked admin token does not count as the other one.
	var spare api.TokenCreated
	if res := e.do("POST", "/v1/tokens", "application/json", []byte(`{"name": "spare admin", "role": "admin"}`), &spare); res.StatusCode != http.StatusCreated {
		t.Fatalf("make a second admin token: %d", res.StatusCode)
	}
	if res := e.do("DELETE", "/v1/tokens/"+itoa(spare.ID), "", nil, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("revoke the second admin token while the first works: %d", res.StatusCode)
	}
	res = e.do("DELETE", path, "", nil, &p)
	expectProblem(t, "revoke the last admin token after a revoked one", res, p, http.StatusConflict, "last admin token")

	var other api.TokenCreated
	if res := e.do("POST", "/v1/tokens", "application/json", []byte(`{"name": "second admin", "role": "admin"}`), &other); res.StatusCode != http.StatusCreated {
		t.Fatalf("make another admin token: %d", res.StatusCode)
	}
	if res := e.do("DELETE", path, "", nil, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("revoke the first admin token with another one working: %d, want 200", res.StatusCode)
	}
	res = e.doAs(other.Secret, "DELETE", "/v1/tokens/"+itoa(other.ID), "", nil, &p)
	expectProblem(t, "revoke the second, now last, admin token", res, p, http.StatusConflict, "last admin token")
}

// TestTokenForUnknownTeam refuses a token naming a team that does not
// exist, for every role that takes teams, instead of making the team: a
// typo would otherwise give someone an empty team.
func TestTokenForUnknownTeam(t *testing.T) {
	e := newEnv(t, api.Config{})
	if res := e.do("POST", "/v1/teams", "application/json", []byte(`{"id": "team-noord", "name": "Team Noord"}`), nil); res.StatusCode != http.StatusCreated {
		t.Fatalf("POST /v1/teams: %d", res.StatusCode)
	}
	for _, body := range []string{
		`{"name": "Karin", "role": "lead", "team_ids": ["team-1"]}`,
		`{"name": "Tessa", "role": "trainer", "team_ids": ["team-noord", "team-1"]}`,
	} {
		var p api.Problem
		res := e.do("POST", "/v1/tokens", "application/json", []byte(body), &p)
		expectProblem(t, body, res, p, http.StatusBadRequest, "team-1", "does not exist", "POST /v1/teams")
	}
	if n := e.count("teams"); n != 1 {
		t.Errorf("%d teams after the refused tokens, want only team-noord", n)
	}
	if n := e.count("tokens"); n != 1 {
		t.Errorf("%d tokens after the refused tokens, want only the admin's", n)
	}
	if res := e.do("POST", "/v1/tokens", "application/json", []byte(`{"name": "Karin", "role": "lead", "team_ids": ["team-noord"]}`), nil); res.StatusCode != http.StatusCreated {
		t.Errorf("token for an existing team: %d, want 201", res.StatusCode)
	}
}

// TestGoalGuards refuses a threshold that is no share above zero, naming
// the field and its range, and a second goal of the same kind for an
// agent while the first is still measured, naming the first.
func TestGoalGuards(t *testing.T) {
	e := newEnv(t, api.Config{})
	e.post(e.token, "agent_id=agent-sanne&team_id=team-noord&external_id=g1")
	for _, body := range []string{
		`{"kind": "closing", "threshold": 0}`,
		`{"kind": "target-share", "threshold": -0.5}`,
		`{"kind": "no-threats", "threshold": 1.5}`,
	} {
		var p api.Problem
		res := e.do("POST", "/v1/agents/agent-sanne/goals", "application/json", []byte(body), &p)
		expectProblem(t, body, res, p, http.StatusBadRequest, "threshold", "more than 0", "at most 1")
	}
	var first assistant.Goal
	if res := e.do("POST", "/v1/agents/agent-sanne/goals", "application/json", []byte(`{"kind": "closing", "threshold": 0.8, "starts_on": "2026-11-02"}`), &first); res.StatusCode != http.StatusCreated {
		t.Fatalf("first closing goal: %d", res.StatusCode)
	}
	var p api.Problem
	res := e.do("POST", "/v1/agents/agent-sanne/goals", "application/json", []byte(`{"kind": "closing", "threshold": 0.9, "starts_on": "2026-11-09"}`), &p)
	expectProblem(t, "second closing goal", res, p, http.StatusConflict, "goal "+itoa(first.ID), "closing", "/v1/goals/"+itoa(first.ID)+"/end")
	// Another kind is no conflict.
	if res := e.do("POST", "/v1/agents/agent-sanne/goals", "application/json", []byte(`{"kind": "no-threats", "starts_on": "2026-11-09"}`), nil); res.StatusCode != http.StatusCreated {
		t.Errorf("goal of another kind: %d, want 201", res.StatusCode)
	}
	// Once the first has ended, a new one of its kind may start.
	if res := e.do("POST", "/v1/goals/"+itoa(first.ID)+"/end", "", nil, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("end the first goal: %d", res.StatusCode)
	}
	if res := e.do("POST", "/v1/agents/agent-sanne/goals", "application/json", []byte(`{"kind": "closing", "threshold": 0.9}`), nil); res.StatusCode != http.StatusCreated {
		t.Errorf("closing goal after the first ended: %d, want 201", res.StatusCode)
	}
}

// TestPolicyForUnknownTeam refuses a policy naming a team that does not
// exist, as a token is refused, instead of making an empty team follow it.
func TestPolicyForUnknownTeam(t *testing.T) {
	e := newEnv(t, api.Config{})
	body := strings.Replace(deltaWater, `"teams": ["team-zuid"]`, `"teams": ["team-zuidd"]`, 1)
	var p api.Problem
	res := e.do(http.MethodPut, "/v1/policies/delta-water", "application/json", []byte(body), &p)
	expectProblem(t, "policy for an unknown team", res, p, http.StatusBadRequest, "Team team-zuidd does not exist", "POST /v1/teams")
	for _, table := range []string{"teams", "policies"} {
		if n := e.count(table); n != 0 {
			t.Errorf("%d %s after the refused policy, want 0", n, table)
		}
	}
}
