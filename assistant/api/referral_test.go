package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
	"github.com/rooscoach/rooscoach/assistant/session"
)

// vulnerableEN and vulnerableNL name no money; the customer lost their job
// and cannot sleep.
const (
	vulnerableEN = "Agent: Hello, this is Sam from the collections team.\n" +
		"Customer: I lost my job last month and I cannot sleep.\n" +
		"Agent: I am sorry to hear that.\n"
	vulnerableNL = "Medewerker: Goedemiddag, u spreekt met Sam van de incassoafdeling.\n" +
		"Klant: Ik ben vorige maand mijn baan kwijtgeraakt en ik kan niet meer slapen.\n" +
		"Medewerker: Wat vervelend om te horen.\n"
)

// debtHelp names each country's free debt help, as the referral text
// words it in either language.
var debtHelp = map[string]string{"nl": "schuldhulpverlening", "uk": "StepChange", "us": "NFCC"}

// checkReferral checks that r refers to the free debt help of jurisdiction
// want, and of every country when want is "".
func checkReferral(t *testing.T, what string, r *assistant.Referral, want string) {
	t.Helper()
	if r == nil {
		t.Errorf("%s: no referral, want one for %q", what, want)
		return
	}
	if r.Jurisdiction != want || r.Code != "vulnerable" {
		t.Errorf("%s: referral %s %q, want %q vulnerable", what, r.Jurisdiction, r.Code, want)
	}
	for j, name := range debtHelp {
		if named := strings.Contains(r.Text, name); named != (want == "" || want == j) {
			t.Errorf("%s: referral %q names %s: %v, want %v", what, r.Text, name, named, !named)
		}
	}
}

// A vulnerable customer in a call that names no money is referred to the
// free debt help of the call's country in every language: the one the
// request names, else the team's, as the compliance checks take it; an
// English call that names none gets every country's. The same holds for a
// stored call and for a live session.
func TestVulnerableCustomerReferred(t *testing.T) {
	e := newEnv(t, api.Config{})
	for _, tt := range []struct {
		body, jurisdiction, want string
	}{
		{vulnerableEN, "uk", "uk"},
		{vulnerableEN, "nl", "nl"},
		{vulnerableNL, "nl", "nl"},
		{vulnerableNL, "uk", "uk"},
		{vulnerableNL, "", "nl"},
		{vulnerableEN, "", ""},
	} {
		what := fmt.Sprintf("POST /v1/analyze?jurisdiction=%s %.10q", tt.jurisdiction, tt.body)
		var an api.AnalyzeResponse
		if res := e.do("POST", "/v1/analyze?jurisdiction="+url.QueryEscape(tt.jurisdiction), "text/plain", []byte(tt.body), &an); res.StatusCode != http.StatusOK || an.Analysis == nil {
			t.Fatalf("%s: status %d", what, res.StatusCode)
		}
		adv := an.Arrangement
		if !adv.Flagged || len(adv.Options) != 0 {
			t.Errorf("%s: flagged %v, options %d; want flagged without options", what, adv.Flagged, len(adv.Options))
		}
		checkReferral(t, what, adv.Referral, tt.want)
		if an.Compliance == nil || an.Compliance.Jurisdiction != tt.want {
			t.Errorf("%s: compliance %+v, want it checked for %q as the referral is", what, an.Compliance, tt.want)
		}
	}

	// A call of a uk team is referred in the uk, stored and read back.
	if res := e.do("POST", "/v1/teams", "application/json", []byte(`{"id":"team-harbour","name":"Harbour","jurisdiction":"uk"}`), nil); res.StatusCode != http.StatusCreated {
		t.Fatalf("POST /v1/teams: %d", res.StatusCode)
	}
	var created assistant.Call
	if res := e.do("POST", "/v1/calls?agent_id=a-1&team_id=team-harbour&external_id=vuln-1", "text/plain", []byte(vulnerableEN), &created); res.StatusCode != http.StatusCreated {
		t.Fatalf("POST /v1/calls: %d", res.StatusCode)
	}
	var stored assistant.Call
	if res := e.do("GET", fmt.Sprintf("/v1/calls/%d", created.ID), "", nil, &stored); res.StatusCode != http.StatusOK {
		t.Fatalf("GET the call: %d", res.StatusCode)
	}
	checkReferral(t, "stored call of team-harbour", stored.Arrangement.Referral, "uk")

	// So is a live session of that team: the card while the call runs, and
	// the record it ends in.
	sess := e.openSession(`{"agent_id": "a-1", "team_id": "team-harbour", "language": "en"}`)
	var events []session.Event
	for _, u := range []string{
		`{"speaker": "agent", "text": "Hello, this is Sam from the collections team.", "final": true}`,
		`{"speaker": "customer", "text": "I lost my job last month and I cannot sleep.", "final": true}`,
	} {
		var ur api.UtteranceResponse
		if res := e.do("POST", sess.Links.Utterances, "application/json", []byte(u), &ur); res.StatusCode != http.StatusOK {
			t.Fatalf("utterance %s: %d", u, res.StatusCode)
		}
		events = append(events, ur.Events...)
	}
	var card *assistant.Referral
	for _, ev := range events {
		if ev.Type == assistant.EventReferral {
			card = ev.Referral
			if ev.Kind != "uk" || !ev.RedFlag {
				t.Errorf("referral event kind %q, red flag %v; want uk, red flag", ev.Kind, ev.RedFlag)
			}
		}
	}
	checkReferral(t, "live referral card", card, "uk")
	var end session.Result
	if res := e.do("POST", sess.Links.End, "", nil, &end); res.StatusCode != http.StatusOK || end.Call == nil {
		t.Fatalf("end the session: %d", res.StatusCode)
	}
	checkReferral(t, "live session's record", end.Call.Arrangement.Referral, "uk")
}
