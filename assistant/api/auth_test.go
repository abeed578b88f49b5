package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// tokenFor makes a real token t describes and returns it.
func (e *env) tokenFor(t assistant.Token) string {
	e.t.Helper()
	storetest.Teams(e.t, e.db, t.TeamIDs...)
	token, err := e.db.CreateToken(context.Background(), assistant.CommandLine(), &t)
	if err != nil {
		e.t.Fatalf("make token %s: %v", t.Name, err)
	}
	return token
}

// raw sends a GET with the admin token and returns the body as sent.
func (e *env) raw(method, path string) []byte {
	e.t.Helper()
	req, err := http.NewRequest(method, e.url+path, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+e.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return b
}

// post stores a sample transcript as token would, and returns the call.
func (e *env) post(token, query string) assistant.Call {
	e.t.Helper()
	var c assistant.Call
	if res := e.doAs(token, "POST", "/v1/calls?"+query, "text/plain", sample(e.t, "nl-betalingsregeling.txt"), &c); res.StatusCode != http.StatusCreated {
		e.t.Fatalf("POST /v1/calls?%s: status %d", query, res.StatusCode)
	}
	return c
}

// TestRolesAndRoutes tries every route with no token, a wrong token and a
// token of every role: a route with roles answers 401 without a valid
// token, 403 to any other role, and neither to its own roles; an open route
// answers without a token.
func TestRolesAndRoutes(t *testing.T) {
	e := newEnv(t, api.Config{})
	tokens := map[assistant.Role]string{
		assistant.RoleAgent:   e.tokenFor(assistant.Token{Name: "Anna", Role: assistant.RoleAgent, AgentID: "agent-anna"}),
		assistant.RoleTrainer: e.tokenFor(assistant.Token{Name: "Ilse", Role: assistant.RoleTrainer, TeamIDs: []string{"team-noord"}}),
		assistant.RoleLead:    e.tokenFor(assistant.Token{Name: "Karin", Role: assistant.RoleLead, TeamIDs: []string{"team-noord"}}),
		assistant.RoleAdmin:   e.token,
	}
	routes := e.srv.Routes()
	if len(routes) < 30 {
		t.Fatalf("only %d routes declared", len(routes))
	}
	open := 0
	for _, r := range routes {
		// Ids no record has, so that no allowed request changes anything.
		path := strings.NewReplacer(":id", "999999", ":dispute", "999998").Replace(r.Path)
		name := r.Method + " " + r.Path
		if r.Roles == nil {
			open++
			if res := e.doAs("", r.Method, path, "", nil, nil); res.StatusCode != http.StatusOK {
				t.Errorf("%s is open but answers %d without a token", name, res.StatusCode)
			}
			continue
		}
		for _, bad := range []struct{ what, token string }{{"no token", ""}, {"a made-up token", "1-" + strings.Repeat("0", 40)}} {
			var p api.Problem
			res := e.doAs(bad.token, r.Method, path, "", nil, &p)
			if res.StatusCode != http.StatusUnauthorized || p.Code != assistant.EUnauthorized {
				t.Errorf("%s with %s: %d %+v, want 401", name, bad.what, res.StatusCode, p)
			}
			if got := res.Header.Get("WWW-Authenticate"); !strings.HasPrefix(got, "Bearer") {
				t.Errorf("%s with %s: WWW-Authenticate %q", name, bad.what, got)
			}
		}
		for _, role := range assistant.Roles {
			var p api.Problem
			res := e.doAs(tokens[role], r.Method, path, "application/json", nil, &p)
			if slices.Contains(r.Roles, role) {
				if res.StatusCode == http.StatusUnauthorized || res.StatusCode == http.StatusForbidden {
					t.Errorf("%s as %s: %d %q, want the route to take the request", name, role, res.StatusCode, p.Detail)
				}
				continue
			}
			an := map[assistant.Role]string{assistant.RoleAgent: "an agent", assistant.RoleTrainer: "a trainer", assistant.RoleLead: "a lead", assistant.RoleAdmin: "an admin"}[role]
			if res.StatusCode != http.StatusForbidden || !strings.Contains(p.Detail, "your token is "+an+" token") {
				t.Errorf("%s as %s: %d %q, want 403 naming the role", name, role, res.StatusCode, p.Detail)
			}
		}
	}
	if open != 3 {
		t.Errorf("%d open routes, want only /healthz, /readyz and /openapi.json", open)
	}
	// Nothing the walk sent may have stored anything.
	for _, table := range []string{"calls", "reviews", "review_disputes"} {
		if n := e.count(table); n != 0 {
			t.Errorf("%s: %d rows after the walk", table, n)
		}
	}
	if n := e.count("tokens WHERE revoked_at IS NOT NULL"); n != 0 {
		t.Errorf("the walk revoked %d tokens", n)
	}
}

// org is a small organisation over a real server: teams noord and zuid,
// agents anna and bram in noord and cas in zuid, a call each, and a token
// for each kind of person.
type org struct {
	*env
	calls map[string]assistant.Call
	tok   map[string]string
}

func newOrg(t *testing.T) *org {
	e := newEnv(t, api.Config{})
	o := &org{env: e, calls: map[string]assistant.Call{}, tok: map[string]string{}}
	for _, team := range []string{"team-noord", "team-zuid"} {
		if res := e.do("POST", "/v1/teams", "application/json", []byte(`{"id":"`+team+`"}`), nil); res.StatusCode != http.StatusCreated {
			t.Fatalf("POST /v1/teams %s: %d", team, res.StatusCode)
		}
	}
	for _, a := range []struct{ id, team string }{{"agent-anna", "team-noord"}, {"agent-bram", "team-noord"}, {"agent-cas", "team-zuid"}} {
		if res := e.do("POST", "/v1/agents", "application/json", []byte(`{"id":"`+a.id+`","team_id":"`+a.team+`"}`), nil); res.StatusCode != http.StatusCreated {
			t.Fatalf("POST /v1/agents %s: %d", a.id, res.StatusCode)
		}
		o.calls[a.id] = e.post(e.token, "agent_id="+a.id+"&external_id=first-"+a.id)
	}
	o.tok["anna"] = e.tokenFor(assistant.Token{Name: "Anna", Role: assistant.RoleAgent, AgentID: "agent-anna"})
	o.tok["bram"] = e.tokenFor(assistant.Token{Name: "Bram", Role: assistant.RoleAgent, AgentID: "agent-bram"})
	o.tok["trainer-noord"] = e.tokenFor(assistant.Token{Name: "Ilse", Role: assistant.RoleTrainer, TeamIDs: []string{"team-noord"}})
	o.tok["trainer-noord-2"] = e.tokenFor(assistant.Token{Name: "Joost", Role: assistant.RoleTrainer, TeamIDs: []string{"team-noord"}})
	o.tok["trainer-zuid"] = e.tokenFor(assistant.Token{Name: "Karin", Role: assistant.RoleTrainer, TeamIDs: []string{"team-zuid"}})
	o.tok["lead-noord"] = e.tokenFor(assistant.Token{Name: "Lies", Role: assistant.RoleLead, TeamIDs: []string{"team-noord"}})
	o.tok["lead-zuid"] = e.tokenFor(assistant.Token{Name: "Mark", Role: assistant.RoleLead, TeamIDs: []string{"team-zuid"}})
	return o
}

// TestWhoSeesWhat checks over real HTTP with real tokens that each role
// reads exactly what it should, and that another's record answers exactly as
// a record that does not exist.
func TestWhoSeesWhat(t *testing.T) {
	o := newOrg(t)
	tests := []struct {
		who  string
		sees []string
	}{
		{"anna", []string{"agent-anna"}},
		{"bram", []string{"agent-bram"}},
		{"trainer-noord", []string{"agent-anna", "agent-bram"}},
		{"trainer-zuid", []string{"agent-cas"}},
		{"lead-noord", []string{"agent-anna", "agent-bram"}},
		{"lead-zuid", []string{"agent-cas"}},
	}
	var missing api.Problem
	o.do("GET", "/v1/calls/999999", "", nil, &missing)
	for _, tt := range tests {
		t.Run(tt.who, func(t *testing.T) {
			token := o.tok[tt.who]
			for agent, c := range o.calls {
				var p api.Problem
				res := o.doAs(token, "GET", fmt.Sprintf("/v1/calls/%d", c.ID), "", nil, &p)
				if slices.Contains(tt.sees, agent) {
					if res.StatusCode != http.StatusOK {
						t.Errorf("call of %s: %d %q, want 200", agent, res.StatusCode, p.Detail)
					}
					continue
				}
				// Another's call: 404, and the same answer as a call that
				// does not exist, but for the id.
				want := strings.ReplaceAll(missing.Detail, "999999", fmt.Sprint(c.ID))
				if res.StatusCode != http.StatusNotFound || p.Detail != want || p.Code != missing.Code {
					t.Errorf("call of %s: %d %+v, want 404 %q", agent, res.StatusCode, p, want)
				}
			}
			var page assistant.CallPage
			o.doAs(token, "GET", "/v1/calls", "", nil, &page)
			var agents []string
			for _, c := range page.Calls {
				agents = append(agents, c.AgentID)
			}
			slices.Sort(agents)
			if !slices.Equal(agents, tt.sees) {
				t.Errorf("lists calls of %v, want %v", agents, tt.sees)
			}
		})
	}

	// Leads and trainers of another team do not see the team, its agents,
	// its calibration or its calls' reviews.
	for _, tt := range []struct{ who, path string }{
		{"lead-zuid", "/v1/teams/team-noord"},
		{"lead-zuid", "/v1/agents/agent-anna"},
		{"lead-zuid", "/v1/calibration?team=team-noord"},
		{"trainer-noord", "/v1/calibration?team=team-zuid"},
		{"trainer-zuid", fmt.Sprintf("/v1/calls/%d/reviews", o.calls["agent-anna"].ID)},
		{"anna", "/v1/agents/agent-bram"},
		{"anna", "/v1/teams/team-zuid"},
	} {
		var p api.Problem
		if res := o.doAs(o.tok[tt.who], "GET", tt.path, "", nil, &p); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s GET %s: %d %q, want 404", tt.who, tt.path, res.StatusCode, p.Detail)
		}
	}
	// And see their own.
	for _, tt := range []struct{ who, path string }{
		{"lead-noord", "/v1/teams/team-noord"},
		{"lead-noord", "/v1/agents/agent-anna"},
		{"lead-noord", "/v1/calibration?team=team-noord"},
		{"anna", "/v1/agents/agent-anna"},
		{"anna", "/v1/teams/team-noord"},
		{"anna", "/v1/me"},
	} {
		var p api.Problem
		if res := o.doAs(o.tok[tt.who], "GET", tt.path, "", nil, &p); res.StatusCode != http.StatusOK {
			t.Errorf("%s GET %s: %d %q, want 200", tt.who, tt.path, res.StatusCode, p.Detail)
		}
	}
	var me assistant.Principal
	o.doAs(o.tok["trainer-noord"], "GET", "/v1/me", "", nil, &me)
	if me.Role != assistant.RoleTrainer || me.Name != "Ilse" || !slices.Equal(me.TeamIDs, []string{"team-noord"}) {
		t.Errorf("/v1/me for Ilse: %+v", me)
	}
}

// TestPostOnlyYourOwn checks who may store which call over HTTP.
func TestPostOnlyYourOwn(t *testing.T) {
	o := newOrg(t)
	body := sample(t, "en-arrears.txt")
	calls := o.count("calls")
	for _, tt := range []struct {
		who, query string
		status     int
		detail     string
	}{
		{"anna", "agent_id=agent-bram", 403, "only your own calls: this one names agent_id agent-bram"},
		{"trainer-noord", "agent_id=agent-cas", 403, "agent-cas is not in your teams"},
		{"trainer-noord", "agent_id=agent-new&team_id=team-zuid", 403, "not in team team-zuid"},
		{"lead-noord", "agent_id=agent-anna", 403, "This route is for agent, trainer, admin"},
	} {
		var p api.Problem
		res := o.doAs(o.tok[tt.who], "POST", "/v1/calls?"+tt.query, "text/plain", body, &p)
		if res.StatusCode != tt.status || !strings.Contains(p.Detail, tt.detail) {
			t.Errorf("%s POST ?%s: %d %q, want %d naming %q", tt.who, tt.query, res.StatusCode, p.Detail, tt.status, tt.detail)
		}
	}
	if n := o.count("calls"); n != calls {
		t.Errorf("%d calls stored by refused posts", n-calls)
	}
	// An agent's own call needs no agent_id; a trainer's call of their team
	// is stored in it.
	own := o.post(o.tok["anna"], "external_id=mine")
	if own.AgentID != "agent-anna" || own.TeamID != "team-noord" {
		t.Errorf("anna's call stored for %s in %s, want agent-anna in team-noord", own.AgentID, own.TeamID)
	}
	byTrainer := o.post(o.tok["trainer-noord"], "agent_id=agent-bram&external_id=recorded-1")
	if byTrainer.TeamID != "team-noord" {
		t.Errorf("trainer's call stored in %q", byTrainer.TeamID)
	}
	var tip assistant.TipResult
	if res := o.doAs(o.tok["anna"], "POST", "/v1/tips", "application/json", []byte(`{"text":"Wat kunt u per maand betalen?"}`), &tip); res.StatusCode != 200 {
		t.Errorf("an agent's tip: %d", res.StatusCode)
	}
}

// TestDirectoryHTTP manages teams, agents and tokens over HTTP as an admin.
func TestDirectoryHTTP(t *testing.T) {
	e := newEnv(t, api.Config{})
	js := "application/json"
	for _, tt := range []struct {
		method, path, body string
		status             int
		detail             string
	}{
		{"POST", "/v1/teams", `{"id":"team-noord","name":"Noord"}`, 201, ""},
		{"POST", "/v1/teams", `{"id":"team-noord"}`, 409, "exists already"},
		{"POST", "/v1/teams", `{"name":"Zonder id"}`, 400, "needs an id"},
		{"POST", "/v1/teams", `{"id":"team-zuid","colour":"red"}`, 400, "unknown field"},
		{"PATCH", "/v1/teams/team-noord", `{"name":"Noord-Holland"}`, 200, ""},
		{"PATCH", "/v1/teams/team-west", `{"name":"x"}`, 404, "team team-west not found"},
		{"POST", "/v1/agents", `{"id":"agent-anna","name":"Anna","team_id":"team-west"}`, 400, "team-west does not exist"},
		{"POST", "/v1/agents", `{"id":"agent-anna","name":"Anna","team_id":"team-noord"}`, 201, ""},
		{"POST", "/v1/teams", `{"id":"team-zuid"}`, 201, ""},
		{"PATCH", "/v1/agents/agent-anna", `{}`, 400, "Give a field to change"},
		{"POST", "/v1/tokens", `{"name":"Ilse","role":"trainer"}`, 400, "at least one team"},
		{"POST", "/v1/tokens", `{"name":"Ilse","role":"boss"}`, 400, `role "boss" is not known`},
		{"DELETE", "/v1/tokens/999", ``, 404, "token 999 not found"},
		{"GET", "/v1/audit?action=call.delete", ``, 400, `action "call.delete"`},
		{"GET", "/v1/audit?call_id=abc", ``, 400, "call_id"},
	} {
		var p api.Problem
		res := e.do(tt.method, tt.path, js, []byte(tt.body), &p)
		if res.StatusCode != tt.status || (tt.detail != "" && !strings.Contains(p.Detail, tt.detail)) {
			t.Errorf("%s %s %s: %d %q, want %d naming %q", tt.method, tt.path, tt.body, res.StatusCode, p.Detail, tt.status, tt.detail)
		}
	}
	before := e.post(e.token, "agent_id=agent-anna&external_id=before")
	var moved assistant.AgentProfile
	if res := e.do("PATCH", "/v1/agents/agent-anna", js, []byte(`{"team_id":"team-zuid"}`), &moved); res.StatusCode != 200 || moved.TeamID != "team-zuid" {
		t.Fatalf("move agent: %d %+v", res.StatusCode, moved)
	}
	after := e.post(e.token, "agent_id=agent-anna&external_id=after")
	var got assistant.Call
	e.do("GET", fmt.Sprintf("/v1/calls/%d", before.ID), "", nil, &got)
	if got.TeamID != "team-noord" || after.TeamID != "team-zuid" {
		t.Errorf("after the move: old call in %q, new call in %q; want team-noord and team-zuid", got.TeamID, after.TeamID)
	}

	var created api.TokenCreated
	if res := e.do("POST", "/v1/tokens", js, []byte(`{"name":"Anna","role":"agent","agent_id":"agent-anna"}`), &created); res.StatusCode != 201 || created.Secret == "" || created.ID == 0 {
		t.Fatalf("POST /v1/tokens: %d %+v", res.StatusCode, created)
	}
	if res := e.doAs(created.Secret, "GET", "/v1/me", "", nil, nil); res.StatusCode != 200 {
		t.Fatalf("the new token: %d", res.StatusCode)
	}
	res := e.do("GET", "/v1/tokens", "", nil, nil)
	var list struct {
		Tokens []assistant.Token `json:"tokens"`
	}
	raw := e.raw("GET", "/v1/tokens")
	if err := json.Unmarshal(raw, &list); err != nil || res.StatusCode != 200 || len(list.Tokens) != 2 {
		t.Fatalf("GET /v1/tokens: %d %s", res.StatusCode, raw)
	}
	secret := created.Secret[strings.Index(created.Secret, "-")+1:]
	if strings.Contains(string(raw), secret) {
		t.Error("the token list shows a secret")
	}
	// Deactivating the agent stops their token at once; so does revoking.
	if res := e.do("POST", "/v1/agents/agent-anna/deactivate", "", nil, nil); res.StatusCode != 200 {
		t.Fatalf("deactivate: %d", res.StatusCode)
	}
	var p api.Problem
	if res := e.doAs(created.Secret, "GET", "/v1/me", "", nil, &p); res.StatusCode != 401 || !strings.Contains(p.Detail, "deactivated") {
		t.Errorf("a deactivated agent's token: %d %q, want 401", res.StatusCode, p.Detail)
	}
	e.do("POST", "/v1/agents/agent-anna/activate", "", nil, nil)
	if res := e.doAs(created.Secret, "GET", "/v1/me", "", nil, nil); res.StatusCode != 200 {
		t.Errorf("after activating again: %d", res.StatusCode)
	}
	var revoked assistant.Token
	if res := e.do("DELETE", fmt.Sprintf("/v1/tokens/%d", created.ID), "", nil, &revoked); res.StatusCode != 200 || revoked.RevokedAt.IsZero() {
		t.Fatalf("revoke: %d %+v", res.StatusCode, revoked)
	}
	if res := e.doAs(created.Secret, "GET", "/v1/me", "", nil, &p); res.StatusCode != 401 || !strings.Contains(p.Detail, "revoked") {
		t.Errorf("a revoked token: %d %q, want 401 saying revoked", res.StatusCode, p.Detail)
	}

	var trail assistant.AuditPage
	e.do("GET", "/v1/audit?target=agent&target_id=agent-anna", "", nil, &trail)
	var actions []string
	for _, en := range trail.Entries {
		actions = append(actions, string(en.Action))
		if strings.Contains(en.Detail, "Anna") {
			t.Errorf("a name in the audit trail: %+v", en)
		}
	}
	if got, want := strings.Join(actions, " "), "agent.activate agent.deactivate agent.update agent.create"; got != want {
		t.Errorf("audit of agent-anna: %q, want %q", got, want)
	}
}

// TestAuthOff serves everyone as an admin without a token, as the
// configuration switch promises, reviews included.
func TestAuthOff(t *testing.T) {
	e := newEnv(t, api.Config{AuthOff: true})
	c := e.post("", "agent_id=agent-anna&external_id=open")
	var r assistant.Review
	body := fmt.Sprintf(`{"rating":4,"turns":[{"turn_id":%d,"octant":"leading"}]}`, c.Turns[0].ID)
	if res := e.doAs("", "POST", fmt.Sprintf("/v1/calls/%d/reviews", c.ID), "application/json", []byte(body), &r); res.StatusCode != 201 {
		t.Fatalf("review without a token: %d", res.StatusCode)
	}
	if res := e.doAs("", "POST", fmt.Sprintf("/v1/reviews/%d/publish", r.ID), "", nil, nil); res.StatusCode != 200 {
		t.Errorf("publish without a token: %d", res.StatusCode)
	}
	if n := e.count("audit WHERE via = 'auth-off' AND token_id IS NULL"); n < 3 {
		t.Errorf("%d audit entries say auth-off, want every step", n)
	}
}

// TestAgentPostsInOwnTeam checks over HTTP that an agent's token stores a
// call only for the agent, only in the agent's own team, and never makes a
// team or puts the agent in one.
func TestAgentPostsInOwnTeam(t *testing.T) {
	o := newOrg(t)
	// An agent known only from a token has no team yet.
	o.tok["dirk"] = o.tokenFor(assistant.Token{Name: "Dirk", Role: assistant.RoleAgent, AgentID: "agent-dirk"})
	body := sample(t, "nl-betalingsregeling.txt")
	calls, teams := o.count("calls"), o.count("teams")
	for _, tt := range []struct {
		who, query string
		detail     string
	}{
		{"anna", "agent_id=agent-anna&team_id=team-zuid", "only in your own team (team-noord), not in team team-zuid"},
		{"anna", "team_id=team-zuid", "only in your own team (team-noord), not in team team-zuid"},
		{"anna", "agent_id=agent-anna&team_id=team-nieuw", "only in your own team (team-noord), not in team team-nieuw"},
		{"anna", "agent_id=agent-cas&team_id=team-zuid", "only your own calls: this one names agent_id agent-cas"},
		{"anna", "agent_id=agent-bram&team_id=team-noord", "only your own calls: this one names agent_id agent-bram"},
		{"dirk", "team_id=team-noord", "you are in no team yet"},
		{"dirk", "team_id=team-nieuw", "you are in no team yet"},
	} {
		var p api.Problem
		res := o.doAs(o.tok[tt.who], "POST", "/v1/calls?"+tt.query, "text/plain", body, &p)
		if res.StatusCode != http.StatusForbidden || p.Code != assistant.EForbidden || !strings.Contains(p.Detail, tt.detail) {
			t.Errorf("%s POST ?%s: %d %q, want 403 naming %q", tt.who, tt.query, res.StatusCode, p.Detail, tt.detail)
		}
		if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" {
			t.Errorf("%s POST ?%s: Content-Type %q", tt.who, tt.query, ct)
		}
	}
	if n := o.count("calls"); n != calls {
		t.Errorf("%d calls stored by refused posts", n-calls)
	}
	if n := o.count("teams"); n != teams {
		t.Errorf("refused posts made %d teams", n-teams)
	}
	if n := o.count("agents WHERE id = 'agent-dirk' AND team_id IS NOT NULL"); n != 0 {
		t.Error("a post put agent-dirk in a team")
	}
	// Their own team, named or not, is fine; a teamless agent stores calls
	// without a team.
	for i, q := range []string{"agent_id=agent-anna&team_id=team-noord", "team_id=team-noord", ""} {
		c := o.post(o.tok["anna"], fmt.Sprintf("%s&external_id=own-%d", q, i))
		if c.AgentID != "agent-anna" || c.TeamID != "team-noord" {
			t.Errorf("anna POST ?%s: stored for %s in %q, want agent-anna in team-noord", q, c.AgentID, c.TeamID)
		}
	}
	if c := o.post(o.tok["dirk"], "external_id=dirk-1"); c.AgentID != "agent-dirk" || c.TeamID != "" {
		t.Errorf("dirk's call stored for %s in %q, want agent-dirk in no team", c.AgentID, c.TeamID)
	}
}

// TestAgentNames checks that GET /v1/agents/{id} always shows a name: the
// name of the agent's token for an agent known only from it, the id for
// one known only from a call or made without a name.
func TestAgentNames(t *testing.T) {
	e := newEnv(t, api.Config{})
	js := "application/json"
	var created api.TokenCreated
	if res := e.do("POST", "/v1/tokens", js, []byte(`{"name":"Eva de Vries","role":"agent","agent_id":"agent-eva"}`), &created); res.StatusCode != 201 {
		t.Fatalf("POST /v1/tokens: %d", res.StatusCode)
	}
	e.post(e.token, "agent_id=agent-fenna&external_id=f-1")
	if res := e.do("POST", "/v1/tokens", js, []byte(`{"name":"Fenna Bos","role":"agent","agent_id":"agent-fenna"}`), &created); res.StatusCode != 201 {
		t.Fatalf("POST /v1/tokens: %d", res.StatusCode)
	}
	e.post(e.token, "agent_id=agent-gijs&external_id=g-1")
	if res := e.do("POST", "/v1/agents", js, []byte(`{"id":"agent-hans"}`), nil); res.StatusCode != 201 {
		t.Fatalf("POST /v1/agents: %d", res.StatusCode)
	}
	if res := e.do("POST", "/v1/agents", js, []byte(`{"id":"agent-iris","name":"Iris"}`), nil); res.StatusCode != 201 {
		t.Fatalf("POST /v1/agents: %d", res.StatusCode)
	}
	// A token for a named agent leaves the name the admin gave.
	if res := e.do("POST", "/v1/tokens", js, []byte(`{"name":"Iris' headset","role":"agent","agent_id":"agent-iris"}`), &created); res.StatusCode != 201 {
		t.Fatalf("POST /v1/tokens: %d", res.StatusCode)
	}
	want := map[string]string{"agent-eva": "Eva de Vries", "agent-fenna": "Fenna Bos", "agent-gijs": "agent-gijs", "agent-hans": "agent-hans", "agent-iris": "Iris"}
	for id, name := range want {
		var a assistant.AgentProfile
		if res := e.do("GET", "/v1/agents/"+id, "", nil, &a); res.StatusCode != 200 || a.Name != name {
			t.Errorf("GET /v1/agents/%s: %d name %q, want %q", id, res.StatusCode, a.Name, name)
		}
	}
	var page assistant.AgentPage
	e.do("GET", "/v1/agents", "", nil, &page)
	if len(page.Agents) != len(want) {
		t.Fatalf("GET /v1/agents: %d agents, want %d", len(page.Agents), len(want))
	}
	for _, a := range page.Agents {
		if a.Name != want[a.ID] {
			t.Errorf("GET /v1/agents: %s named %q, want %q", a.ID, a.Name, want[a.ID])
		}
	}
}
