package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
	"github.com/rooscoach/rooscoach/assistant/builtin"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/store"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// TestEraseAgentLeavesNothing gives an agent every kind of record (a name,
// a token, calls posted by others and by themselves, a review they
// disputed, a goal with a note, an import, reads of their progress, an open
// live session), erases them over the API, and checks every text column of
// every table: neither their id nor their name nor the goal's note nor
// their dispute is left, their token is refused, and progress no longer
// shows them.
func TestEraseAgentLeavesNothing(t *testing.T) {
	o := newOrg(t)
	e := o.env
	today := func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }
	an, _ := builtin.Analyzer(today)
	worker := &coach.Service{Analyzer: an, Store: e.db, Progress: e.db, Imports: e.db, Now: today}
	storetest.StartQueue(t, e.db, worker, store.QueueConfig{Workers: 1, PollInterval: 100 * time.Millisecond})

	const (
		id      = "agent-wilhelmina-7731"
		name    = "Wilhelmina Zevenbergen"
		note    = "Oefent de samenvatting aan het eind, zoals besproken op 12 november"
		dispute = "Ik was hier niet bot maar duidelijk, vind ik."
	)
	if res := e.do("POST", "/v1/agents", "application/json", []byte(`{"id":"`+id+`","name":"`+name+`","team_id":"team-noord"}`), nil); res.StatusCode != http.StatusCreated {
		t.Fatalf("POST /v1/agents: %d", res.StatusCode)
	}
	own := e.tokenFor(assistant.Token{Name: name, Role: assistant.RoleAgent, AgentID: id})
	if res := e.doAs(own, "GET", "/v1/me", "", nil, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("GET /v1/me as the agent: %d", res.StatusCode)
	}
	posted := e.post(e.token, "agent_id="+id+"&team_id=team-noord&external_id=w-1&account_ref=ACC-W-1&occurred_at=2026-11-20T10:00:00Z")
	e.post(own, "external_id=w-2&occurred_at=2026-11-21T10:00:00Z")

	var r assistant.Review
	body := fmt.Sprintf(`{"rating": 3, "note": "Goed gesprek.", "turns": [{"turn_id": %d, "comment": "Vraag eerst wat haalbaar is.", "octant": "aggressive"}]}`, posted.Turns[1].ID)
	if res := e.doAs(o.tok["trainer-noord"], "POST", fmt.Sprintf("/v1/calls/%d/reviews", posted.ID), "application/json", []byte(body), &r); res.StatusCode != http.StatusCreated {
		t.Fatalf("review: %d", res.StatusCode)
	}
	if res := e.doAs(o.tok["trainer-noord"], "POST", fmt.Sprintf("/v1/reviews/%d/publish", r.ID), "", nil, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("publish: %d", res.StatusCode)
	}
	if res := e.doAs(own, "POST", fmt.Sprintf("/v1/reviews/%d/disputes", r.ID), "application/json",
		fmt.Appendf(nil, `{"turn_id": %d, "about": "label", "comment": %q}`, posted.Turns[1].ID, dispute), nil); res.StatusCode != http.StatusCreated {
		t.Fatalf("dispute: %d", res.StatusCode)
	}
	if res := e.doAs(o.tok["trainer-noord"], "POST", "/v1/agents/"+id+"/goals", "application/json",
		fmt.Appendf(nil, `{"kind": "closing", "note": %q}`, note), nil); res.StatusCode != http.StatusCreated {
		t.Fatalf("goal: %d", res.StatusCode)
	}
	ct, mp := multipartBody(t, map[string][]byte{"wilhelmina-call.vtt": sample(t, "en-call.vtt")})
	var imp assistant.Import
	if res := e.doAs(own, "POST", "/v1/imports", ct, mp, &imp); res.StatusCode != http.StatusAccepted {
		t.Fatalf("import: %d", res.StatusCode)
	}
	for deadline := time.Now().Add(30 * time.Second); !imp.Finished; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("import not finished: %+v", imp)
		}
		e.doAs(own, "GET", "/v1/imports/"+itoa(imp.ID), "", nil, &imp)
	}
	// An import an admin made for the agent: its options name them.
	ct, mp = multipartBody(t, map[string][]byte{"gesprek-wilhelmina.vtt": sample(t, "en-call.vtt")})
	var forHer assistant.Import
	if res := e.do("POST", "/v1/imports?agent_id="+id+"&team_id=team-noord", ct, mp, &forHer); res.StatusCode != http.StatusAccepted {
		t.Fatalf("import for the agent: %d", res.StatusCode)
	}
	for deadline := time.Now().Add(30 * time.Second); !forHer.Finished; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("import not finished: %+v", forHer)
		}
		e.do("GET", "/v1/imports/"+itoa(forHer.ID), "", nil, &forHer)
	}
	if res := e.doAs(own, "GET", "/v1/agents/"+id+"/progress?from=2026-01-01&to=2027-01-01", "", nil, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("progress as the agent: %d", res.StatusCode)
	}
	e.do("GET", "/v1/calls?agent_id="+id, "", nil, nil)
	sess := e.openSessionAs(own, `{"language": "en"}`)
	for _, turn := range liveScript(t, assistant.English)[:4] {
		e.doAs(own, "POST", sess.Links.Utterances, "application/json", fmt.Appendf(nil, `{"speaker": %q, "text": %q, "final": true}`, turn.Speaker, turn.Text), nil)
	}
	teamProgress := func() string {
		return e.getRaw("/v1/teams/team-noord/progress?from=2026-01-01&to=2027-01-01")
	}
	if !strings.Contains(teamProgress(), id) {
		t.Fatalf("team progress before erasure lacks the agent")
	}

	// Who may erase: an admin only; the others get 403 as problem+json.
	for _, who := range []string{"lead-noord", "trainer-noord", "anna"} {
		var p api.Problem
		res := e.doAs(o.tok[who], "DELETE", "/v1/agents/"+id, "", nil, &p)
		if res.StatusCode != http.StatusForbidden || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/problem+json") {
			t.Errorf("DELETE as %s: %d %s, want 403 problem+json", who, res.StatusCode, res.Header.Get("Content-Type"))
		}
	}
	if res := e.doAs(own, "DELETE", "/v1/agents/"+id, "", nil, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("DELETE as the agent themselves: %d, want 403", res.StatusCode)
	}
	var missing api.Problem
	if res := e.do("DELETE", "/v1/agents/agent-nobody", "", nil, &missing); res.StatusCode != http.StatusNotFound || !strings.Contains(missing.Detail, "agent-nobody") {
		t.Errorf("DELETE an unknown agent: %d %+v, want 404", res.StatusCode, missing)
	}

	var erased assistant.AgentErasure
	if res := e.do("DELETE", "/v1/agents/"+id, "", nil, &erased); res.StatusCode != http.StatusOK {
		t.Fatalf("DELETE /v1/agents/%s: %d", id, res.StatusCode)
	}
	want := assistant.AgentErasure{AgentID: id, Calls: 4, Reviews: 1, Disputes: 1, Goals: 1, Tokens: 1, CallStats: 4, Imports: 2, LiveSessions: 1}
	got := erased
	got.AuditEntries = 0
	if got != want || erased.AuditEntries < 8 {
		t.Errorf("erased %+v, want %+v and at least 8 audit entries", erased, want)
	}

	if res := e.doAs(own, "GET", "/v1/me", "", nil, nil); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("the erased agent's token: GET /v1/me %d, want 401", res.StatusCode)
	}
	for _, path := range []string{"/v1/agents/" + id, "/v1/agents/" + id + "/progress?from=2026-01-01&to=2027-01-01", "/v1/agents/" + id + "/goals"} {
		if res := e.do("GET", path, "", nil, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s after erasure: %d, want 404", path, res.StatusCode)
		}
	}
	if p := teamProgress(); strings.Contains(p, id) || strings.Contains(p, name) {
		t.Errorf("team progress still shows the erased agent: %.300s", p)
	}
	// The live session is gone, and ending it cannot store a call that
	// brings the agent back.
	e.do("POST", sess.Links.End, "", nil, nil)
	if n := e.count("agents WHERE id = '" + id + "'"); n != 0 {
		t.Errorf("the agent is back after their session was ended: %d rows", n)
	}
	if res := e.do("DELETE", "/v1/agents/"+id, "", nil, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("DELETE again: %d, want 404", res.StatusCode)
	}

	storetest.CheckNowhere(t, e.sql.DB, []string{id, name, note, dispute, "wilhelmina-call", "gesprek-wilhelmina", "ACC-W-1"})

	var entries []struct {
		TargetID string `db:"target_id"`
		Detail   string `db:"detail"`
		TokenID  *int64 `db:"token_id"`
	}
	if err := e.sql.Select(&entries, `SELECT target_id, detail, token_id FROM audit WHERE action = 'agent.erase'`); err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].TargetID != "" || entries[0].TokenID == nil || !strings.HasPrefix(entries[0].Detail, "erased: 4 calls") {
		t.Errorf("agent.erase entries %+v, want one by the admin's token naming nobody", entries)
	}
	// The other agents keep everything.
	for _, c := range o.calls {
		if res := e.do("GET", "/v1/calls/"+itoa(c.ID), "", nil, nil); res.StatusCode != http.StatusOK {
			t.Errorf("call %d of %s went too: %d", c.ID, c.AgentID, res.StatusCode)
		}
	}
	if res := e.doAs(o.tok["anna"], "GET", "/v1/me", "", nil, nil); res.StatusCode != http.StatusOK {
		t.Errorf("another agent's token: %d", res.StatusCode)
	}
}

// TestEraseAccountOverAPI erases a customer's calls by account reference,
// as the CLI does: an admin only, 404 for an account no call names.
func TestEraseAccountOverAPI(t *testing.T) {
	o := newOrg(t)
	e := o.env
	const account = "ACC-KLANT-55120"
	a := e.post(e.token, "agent_id=agent-anna&external_id=k-1&account_ref="+account)
	b := e.post(e.token, "agent_id=agent-bram&external_id=k-2&account_ref="+account)
	if res := e.doAs(o.tok["lead-noord"], "DELETE", "/v1/accounts/"+account, "", nil, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("DELETE as a lead: %d, want 403", res.StatusCode)
	}
	var out assistant.AccountErasure
	if res := e.do("DELETE", "/v1/accounts/"+account, "", nil, &out); res.StatusCode != http.StatusOK || out.Calls != 2 {
		t.Fatalf("DELETE /v1/accounts/%s: %d %+v, want 200 and 2 calls", account, res.StatusCode, out)
	}
	for _, id := range []int64{a.ID, b.ID} {
		if res := e.do("GET", "/v1/calls/"+itoa(id), "", nil, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("call %d after its account was erased: %d", id, res.StatusCode)
		}
	}
	if res := e.do("DELETE", "/v1/accounts/"+account, "", nil, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("DELETE again: %d, want 404", res.StatusCode)
	}
	storetest.CheckNowhere(t, e.sql.DB, []string{account})
}
