package web_test

import (
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// A lead whose team has no call yet is told so, and how calls arrive,
// instead of meeting empty tables and charts; in either language.
func TestLeadPageOfATeamWithoutCalls(t *testing.T) {
	s := newSite(t)
	storetest.Teams(t, s.db, "leeg")
	token, err := s.db.CreateToken(t.Context(), assistant.CommandLine(), &assistant.Token{Name: "Lotte (lead)", Role: assistant.RoleLead, TeamIDs: []string{"leeg"}})
	if err != nil {
		t.Fatal(err)
	}
	session, _, _ := signedIn(t, s, token)
	for lang, want := range map[string][]string{
		"en": {"No calls in this team yet", "POST /v1/calls", "uploads transcripts"},
		"nl": {"Nog geen gesprekken in dit team", "POST /v1/calls", "transcripten uploadt"},
	} {
		status, body := get(t, s, "/lead", lang, session)
		if status != 200 {
			t.Fatalf("GET /lead in %s: %d", lang, status)
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the page of a team without calls does not say %q", lang, w)
			}
		}
		for _, empty := range []string{`id="standings"`, `class="chart"`, `class="heats"`} {
			if strings.Contains(body, empty) {
				t.Errorf("%s: the page of a team without calls still shows %s", lang, empty)
			}
		}
	}
	// The team with calls keeps its table and charts.
	seedGaps(t, s)
	session, _, _ = signedIn(t, s, s.lead)
	if _, body := get(t, s, "/lead", "nl", session); strings.Contains(body, "Nog geen gesprekken in dit team") || !strings.Contains(body, `class="chart"`) {
		t.Errorf("the page of a team with calls says it has none, or lacks its charts")
	}
}
