package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/google/go-cmp/cmp"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
	"github.com/rooscoach/rooscoach/assistant/session"
)

// legView is the part of a call's JSON that tells it is one leg of a
// transferred call; a struct of its own so that the test reads the JSON
// as a client does.
type legView struct {
	ID         int64  `json:"id"`
	AgentID    string `json:"agent_id"`
	ExternalID string `json:"external_id"`
	Transfer   *struct {
		Legs []struct {
			ID      int64  `json:"id"`
			AgentID string `json:"agent_id"`
		} `json:"legs"`
	} `json:"transfer"`
}

// legs returns "id agent" of each leg the call's JSON names, in order; nil
// when it names none.
func (v legView) legs() []string {
	if v.Transfer == nil {
		return nil
	}
	var got []string
	for _, l := range v.Transfer.Legs {
		got = append(got, fmt.Sprintf("%d %s", l.ID, l.AgentID))
	}
	return got
}

// A transferred call keeps its one telephony id: agent Sanne talks first
// and hands the customer to her teammate Bram. Each leg is its agent's own
// coaching record under the same external_id, coached live over a real
// WebSocket; opening the same agent's leg again is refused, the legs list
// together, and each call's JSON names the legs its reader may read, never
// another team's call that happens to share the id.
func TestLiveTransferredCall(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{Live: session.Config{IdleTimeout: time.Hour}})
	e.do("POST", "/v1/teams", "application/json", []byte(`{"id":"team-noord"}`), nil)
	e.do("POST", "/v1/teams", "application/json", []byte(`{"id":"team-zuid"}`), nil)
	for _, a := range []string{`{"id":"agent-sanne","team_id":"team-noord"}`, `{"id":"agent-bram","team_id":"team-noord"}`, `{"id":"agent-cas","team_id":"team-zuid"}`} {
		if res := e.do("POST", "/v1/agents", "application/json", []byte(a), nil); res.StatusCode >= 300 {
			t.Fatalf("POST /v1/agents %s: %d", a, res.StatusCode)
		}
	}
	sanne := e.tokenFor(assistant.Token{Name: "Sanne", Role: assistant.RoleAgent, AgentID: "agent-sanne"})
	bram := e.tokenFor(assistant.Token{Name: "Bram", Role: assistant.RoleAgent, AgentID: "agent-bram"})
	trainer := e.tokenFor(assistant.Token{Name: "Noor", Role: assistant.RoleTrainer, TeamIDs: []string{"team-noord"}})
	lead := e.tokenFor(assistant.Token{Name: "Zeger", Role: assistant.RoleLead, TeamIDs: []string{"team-zuid"}})
	turns := liveScript(t, assistant.Dutch)

	// leg coaches one agent's part of the call live and ends it.
	leg := func(token, agent string, part []assistant.Turn) *assistant.Call {
		t.Helper()
		sess := e.openSessionAs(token, `{"external_id": "tel-123", "language": "nl"}`)
		if sess.AgentID != agent || sess.ExternalID != "tel-123" {
			t.Fatalf("opened %+v; want agent %s under tel-123", sess, agent)
		}
		ws := e.socketWith(sess.Links.WebSocket, bearerProtocol(token))
		for _, turn := range part {
			ws.send(session.Utterance{Speaker: turn.Speaker, Text: turn.Text, Final: true})
			ws.next(nil, func(ev session.Event) bool { return ev.Type == assistant.EventStance })
		}
		var end session.Result
		if res := e.doAs(token, "POST", sess.Links.End, "", nil, &end); res.StatusCode != http.StatusOK || !end.Created || end.Call == nil {
			t.Fatalf("end %s's leg: %d %+v", agent, res.StatusCode, end)
		}
		if err := <-ws.closed; websocket.CloseStatus(err) != websocket.StatusNormalClosure {
			t.Errorf("close after %s's end: %v; want a normal closure", agent, err)
		}
		if c := end.Call; c.AgentID != agent || c.ExternalID != "tel-123" || c.TeamID != "team-noord" || len(c.Turns) != len(part) {
			t.Errorf("%s's leg stored as agent %s, %q, team %s, %d turns; want under tel-123 in team-noord with %d turns",
				agent, c.AgentID, c.ExternalID, c.TeamID, len(c.Turns), len(part))
		}
		return end.Call
	}
	first := leg(sanne, "agent-sanne", turns[:3])
	// Bram's session opens under the same telephony id: his leg is his.
	second := leg(bram, "agent-bram", turns[3:6])

	// Each agent's leg is coached once: opening it again is a conflict
	// that names the agent's own record.
	for _, again := range []struct {
		token string
		call  *assistant.Call
	}{{sanne, first}, {bram, second}} {
		var p api.Problem
		res := e.doAs(again.token, "POST", "/v1/sessions", "application/json", []byte(`{"external_id": "tel-123", "language": "nl"}`), &p)
		want := fmt.Sprintf(`external_id "tel-123" belongs to call %d of agent %s already`, again.call.ID, again.call.AgentID)
		if res.StatusCode != http.StatusConflict || p.Code != assistant.EConflict || !strings.Contains(p.Detail, want) {
			t.Errorf("%s opens tel-123 again: %d %s %q; want 409 saying %q", again.call.AgentID, res.StatusCode, p.Code, p.Detail, want)
		}
	}
	// Another team's call that happens to have the same id.
	var other assistant.Call
	if res := e.do("POST", "/v1/calls?agent_id=agent-cas&external_id=tel-123", "text/plain", sample(t, "nl-betalingsregeling.txt"), &other); res.StatusCode != http.StatusCreated {
		t.Fatalf("POST team-zuid's call: %d", res.StatusCode)
	}
	if n := e.count("calls"); n != 3 {
		t.Errorf("%d calls stored; want the two legs and team-zuid's call", n)
	}

	// The list by external id: the legs its reader may read, newest first.
	list := func(token string) []string {
		t.Helper()
		var page struct {
			Calls []legView `json:"calls"`
		}
		if res := e.doAs(token, "GET", "/v1/calls?external_id=tel-123", "", nil, &page); res.StatusCode != http.StatusOK {
			t.Fatalf("GET /v1/calls?external_id=tel-123: %d", res.StatusCode)
		}
		var got []string
		for _, c := range page.Calls {
			got = append(got, fmt.Sprintf("%d %s", c.ID, c.AgentID))
		}
		return got
	}
	sanneLeg, bramLeg, casCall := fmt.Sprintf("%d agent-sanne", first.ID), fmt.Sprintf("%d agent-bram", second.ID), fmt.Sprintf("%d agent-cas", other.ID)
	for _, c := range []struct {
		who, token string
		want       []string
	}{
		{"the trainer of team-noord", trainer, []string{bramLeg, sanneLeg}},
		{"Sanne", sanne, []string{sanneLeg}},
		{"the lead of team-zuid", lead, []string{casCall}},
	} {
		if diff := cmp.Diff(c.want, list(c.token)); diff != "" {
			t.Errorf("calls under tel-123 for %s (-want +got):\n%s", c.who, diff)
		}
	}

	// Each leg's JSON names the legs of its call (its team's calls under the
	// id) in the order they were made, as far as its reader may read them.
	view := func(token string, id int64) legView {
		t.Helper()
		var v legView
		if res := e.doAs(token, "GET", fmt.Sprintf("/v1/calls/%d", id), "", nil, &v); res.StatusCode != http.StatusOK {
			t.Fatalf("GET call %d: %d", id, res.StatusCode)
		}
		return v
	}
	both := []string{sanneLeg, bramLeg}
	for _, c := range []struct {
		who, token string
		id         int64
		want       []string
	}{
		{"the trainer", trainer, first.ID, both},
		{"the trainer", trainer, second.ID, both},
		{"the admin", e.token, first.ID, both},
		{"the admin", e.token, second.ID, both},
		// Bram's leg is not Sanne's to read, nor hers to know of.
		{"Sanne", sanne, first.ID, nil},
		{"Bram", bram, second.ID, nil},
		// A call that shares the id in another team is no leg of it.
		{"the admin", e.token, other.ID, nil},
		{"the lead of team-zuid", lead, other.ID, nil},
	} {
		if diff := cmp.Diff(c.want, view(c.token, c.id).legs()); diff != "" {
			t.Errorf("legs of call %d as %s reads them (-want +got):\n%s", c.id, c.who, diff)
		}
	}
}
