package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant/api"
	"github.com/rooscoach/rooscoach/assistant/session"
)

// With Accept-Language nl, the API says in Dutch why a team, an agent, a
// goal or a live session cannot be made (409); without it, in English as
// before.
func TestConflictsInTheRequestLanguage(t *testing.T) {
	e := newEnv(t, api.Config{})
	e.post(e.token, "agent_id=agent-sanne&team_id=team-noord&external_id=g1")
	h := http.Header{"Content-Type": {"application/json"}}
	post := func(path, body, lang string) api.Problem {
		t.Helper()
		h := h.Clone()
		if lang != "" {
			h.Set("Accept-Language", lang)
		}
		var p api.Problem
		e.doWith(e.token, "POST", path, h, []byte(body), &p)
		return p
	}
	if p := post("/v1/teams", `{"id":"team-zuid"}`, ""); p.Status != 0 && p.Status != http.StatusCreated {
		t.Fatalf("POST /v1/teams: %d %q", p.Status, p.Detail)
	}
	goal := "/v1/agents/agent-sanne/goals"
	if p := post(goal, `{"kind": "closing", "starts_on": "2026-11-02"}`, ""); p.Status != 0 && p.Status != http.StatusCreated {
		t.Fatalf("POST %s: %d %q", goal, p.Status, p.Detail)
	}
	for _, tt := range []struct {
		name, path, body, lang, want string
	}{
		{"team, nl", "/v1/teams", `{"id":"team-zuid"}`, "nl-NL,nl;q=0.9",
			"Team team-zuid bestaat al; verander de naam met een update."},
		{"team, en", "/v1/teams", `{"id":"team-zuid"}`, "",
			"Team team-zuid exists already; change its name with an update instead."},
		{"agent, nl", "/v1/agents", `{"id":"agent-sanne"}`, "nl",
			"Medewerker agent-sanne bestaat al; verander de naam of het team met een update."},
		{"agent, en", "/v1/agents", `{"id":"agent-sanne"}`, "en",
			"Agent agent-sanne exists already; change their name or team with an update instead."},
		{"goal, nl", goal, `{"kind": "closing", "starts_on": "2026-11-09"}`, "nl",
			"Medewerker agent-sanne heeft al een doel van soort closing: doel "},
		{"goal, en", goal, `{"kind": "closing", "starts_on": "2026-11-09"}`, "",
			"Agent agent-sanne has a closing goal already: goal "},
		{"live external_id, nl", "/v1/sessions", `{"agent_id": "agent-sanne", "external_id": "g1"}`, "nl",
			`external_id "g1" hoort al bij gesprek 1 van medewerker agent-sanne: een gesprek wordt per medewerker één keer gecoacht`},
		{"live external_id, en", "/v1/sessions", `{"agent_id": "agent-sanne", "external_id": "g1"}`, "",
			`external_id "g1" belongs to call 1 of agent agent-sanne already: a call is coached once per agent`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := post(tt.path, tt.body, tt.lang)
			if p.Status != http.StatusConflict {
				t.Fatalf("status %d (%q), want 409", p.Status, p.Detail)
			}
			if !strings.Contains(p.Detail, tt.want) {
				t.Errorf("detail %q does not say %q", p.Detail, tt.want)
			}
		})
	}
}

// A live session's refusals over HTTP answer in the request's language,
// not the session's: an end whose external_id belongs to a stored call,
// and an utterance to a session that has ended, in Dutch with
// Accept-Language nl and in English without it.
func TestLiveConflictsInTheRequestLanguage(t *testing.T) {
	e := newEnv(t, api.Config{Live: session.Config{IdleTimeout: time.Hour}})
	stored := e.post(e.token, "agent_id=agent-sanne&team_id=team-noord&external_id=g1")
	sess := e.openSession(`{"agent_id": "agent-sanne", "language": "en"}`)
	send := func(lang string, want int) api.Problem {
		t.Helper()
		h := http.Header{"Content-Type": {"application/json"}}
		if lang != "" {
			h.Set("Accept-Language", lang)
		}
		var p api.Problem
		res := e.doWith(e.token, "POST", sess.Links.Utterances, h, []byte(`{"speaker": "agent", "text": "Goedemiddag, u spreekt met Sanne.", "final": true}`), &p)
		if res.StatusCode != want {
			t.Fatalf("utterance (%s): %d %q; want %d", lang, res.StatusCode, p.Detail, want)
		}
		return p
	}
	end := func(lang, body string, want int, out any) {
		t.Helper()
		h := http.Header{"Content-Type": {"application/json"}}
		if lang != "" {
			h.Set("Accept-Language", lang)
		}
		if res := e.doWith(e.token, "POST", sess.Links.End, h, []byte(body), out); res.StatusCode != want {
			t.Fatalf("end %s (%s): %d %+v; want %d", body, lang, res.StatusCode, out, want)
		}
	}
	send("", http.StatusOK)
	for _, tt := range []struct{ lang, want string }{
		{"nl", fmt.Sprintf(`external_id "g1" hoort al bij gesprek %d, dus de 1 beurten van deze sessie zijn er niet onder opgeslagen. De sessie blijft open`, stored.ID)},
		{"", fmt.Sprintf(`external_id "g1" belongs to call %d already, so this session's 1 turns were not stored under it. The session stays open`, stored.ID)},
	} {
		var p api.Problem
		end(tt.lang, `{"external_id": "g1"}`, http.StatusConflict, &p)
		if !strings.Contains(p.Detail, tt.want) {
			t.Errorf("end under a taken external_id (%q): %q; want %q", tt.lang, p.Detail, tt.want)
		}
	}
	var res session.Result
	end("nl", `{"external_id": ""}`, http.StatusOK, &res)
	for _, tt := range []struct{ lang, want string }{
		{"nl", fmt.Sprintf("Sessie %s is beëindigd; het verslag is /v1/calls/%d. Open een nieuwe sessie voor een nieuw gesprek.", sess.ID, res.Call.ID)},
		{"", fmt.Sprintf("Session %s has ended; its record is /v1/calls/%d. Open a new session for a new call.", sess.ID, res.Call.ID)},
	} {
		if p := send(tt.lang, http.StatusConflict); p.Detail != tt.want {
			t.Errorf("utterance after the end (%q): %q; want %q", tt.lang, p.Detail, tt.want)
		}
	}
}
