package web_test

import (
	"context"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// seedZuid adds team zuid-id ("Team Zuid") with agent sanne-id ("Sanne
// Bakker"), whose ids are not their names, and one Dutch call of hers
// that holds officialese ("teneinde"); it returns the call's id.
func seedZuid(t *testing.T, s *site) int64 {
	t.Helper()
	ctx := context.Background()
	by := assistant.CommandLine()
	if err := s.db.CreateTeam(ctx, by, &assistant.Team{ID: "zuid-id", Name: "Team Zuid"}); err != nil {
		t.Fatal(err)
	}
	if err := s.db.CreateAgent(ctx, by, &assistant.AgentProfile{ID: "sanne-id", Name: "Sanne Bakker", TeamID: "zuid-id"}); err != nil {
		t.Fatal(err)
	}
	in := coachInput(mustRead(t, "nl-ambtelijk.txt"), "sanne-id", "zuid-id")
	in.Options.OccurredAt = time.Now().UTC().AddDate(0, 0, -1)
	call, _, err := s.svc.Ingest(ctx, by, in)
	if err != nil {
		t.Fatal(err)
	}
	return call.ID
}

// text is what a reader sees of a page: tags dropped, what html/template
// escapes written plainly, white space collapsed.
func text(page string) string {
	return strings.Join(strings.Fields(html.UnescapeString(visible(page))), " ")
}

var visibleTags = regexp.MustCompile(`(?s)<script.*?</script>|<[^>]*>`)

func visible(page string) string { return visibleTags.ReplaceAllString(page, " ") }

// The lead page names the team and its agents as /calls does, never by
// their ids, in both languages.
func TestLeadPageShowsNames(t *testing.T) {
	s := newSite(t)
	seedZuid(t, s)
	session, _, _ := signedIn(t, s, s.admin)
	for lang, heading := range map[string]string{"en": "Team progress · Team Zuid", "nl": "Voortgang van het team · Team Zuid"} {
		status, body := get(t, s, "/lead?team=zuid-id", lang, session)
		if status != http.StatusOK {
			t.Fatalf("GET /lead in %s: %d", lang, status)
		}
		seen := text(body)
		if !strings.Contains(seen, heading) {
			t.Errorf("%s: the lead page does not say %q", lang, heading)
		}
		for _, id := range []string{"sanne-id", "zuid-id"} {
			if strings.Contains(seen, id) {
				t.Errorf("%s: the lead page shows the id %q", lang, id)
			}
		}
		// A line's name is said once, not once for the line and again
		// for its first point.
		for _, twice := range []string{"Sanne Bakker Sanne Bakker", "Team Zuid Team Zuid"} {
			if strings.Contains(seen, twice) {
				t.Errorf("%s: the charts say %q", lang, twice)
			}
		}
		standings := regexp.MustCompile(`(?s)<table class="list" id="standings">.*?</table>`).FindString(body)
		if !strings.Contains(text(standings), "Sanne Bakker") {
			t.Errorf("%s: the standings do not name Sanne Bakker: %s", lang, text(standings))
		}
		for _, ul := range regexp.MustCompile(`(?s)<ul class="legend".*?</ul>`).FindAllString(body, -1) {
			if got := text(ul); got != "Team Zuid Sanne Bakker" {
				t.Errorf("%s: a chart's key reads %q, want %q", lang, got, "Team Zuid Sanne Bakker")
			}
		}
	}
}

// A finding of a Dutch call keeps its advice on an English page: the
// frame in English, the replacement in Dutch as the agent would say it.
func TestFindingAdviceInThePageLanguage(t *testing.T) {
	s := newSite(t)
	id := seedZuid(t, s)
	session, _, _ := signedIn(t, s, s.admin)
	for lang, want := range map[string]string{"en": `"teneinde" is officialese. Say "om" instead`, "nl": `"teneinde" is ambtelijke taal. Zeg liever "om"`} {
		status, body := get(t, s, "/calls/"+itoa(id), lang, session)
		if status != http.StatusOK {
			t.Fatalf("GET /calls/%d in %s: %d", id, lang, status)
		}
		if !strings.Contains(text(body), want) {
			t.Errorf("%s: the review page does not say %q", lang, want)
		}
	}
}

// The agent page names who acknowledged a review by name, and for someone
// looking at another agent's page its title names that agent; the agent's
// own page stays "My coaching".
func TestAgentPageNamesTheAgent(t *testing.T) {
	s := newSite(t)
	id := seedZuid(t, s)
	ctx := t.Context()
	by := assistant.CommandLine()
	tok, err := s.db.CreateToken(ctx, by, &assistant.Token{Name: "Sanne", Role: assistant.RoleAgent, AgentID: "sanne-id"})
	if err != nil {
		t.Fatal(err)
	}
	sanne, err := s.db.Authenticate(ctx, tok)
	if err != nil {
		t.Fatal(err)
	}
	ttok, err := s.db.CreateToken(ctx, by, &assistant.Token{Name: "Tom (trainer)", Role: assistant.RoleTrainer, TeamIDs: []string{"zuid-id"}})
	if err != nil {
		t.Fatal(err)
	}
	trainer, err := s.db.Authenticate(ctx, ttok)
	if err != nil {
		t.Fatal(err)
	}
	call, err := s.svc.Call(ctx, by, id)
	if err != nil {
		t.Fatal(err)
	}
	review, err := s.svc.CreateReview(ctx, trainer, id, reviewInput(call.Turns[0].ID))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.svc.PublishReview(ctx, trainer, review.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.svc.AcknowledgeReview(ctx, sanne, review.ID); err != nil {
		t.Fatal(err)
	}
	admin, _, _ := signedIn(t, s, s.admin)
	own, _, _ := signedIn(t, s, tok)
	for _, c := range []struct {
		lang, title, acked, ownTitle string
	}{
		{"en", "Sanne Bakker's coaching", "Acknowledged by Sanne Bakker", "My coaching"},
		{"nl", "Coaching van Sanne Bakker", "Bevestigd door Sanne Bakker", "Mijn coaching"},
	} {
		status, body := get(t, s, "/agent?agent=sanne-id", c.lang, admin)
		if status != http.StatusOK {
			t.Fatalf("GET /agent in %s: %d", c.lang, status)
		}
		seen := text(body)
		if !strings.Contains(body, "<title>"+escapedQuote(c.title)+" · rooscoach</title>") || !strings.Contains(seen, c.title) || strings.Contains(seen, c.ownTitle) {
			t.Errorf("%s: an admin's view of Sanne's page is not titled %q", c.lang, c.title)
		}
		if !strings.Contains(seen, c.acked) || strings.Contains(seen, "sanne-id") {
			t.Errorf("%s: the review does not say %q, or the page shows the id", c.lang, c.acked)
		}
		status, body = get(t, s, "/agent", c.lang, own)
		if status != http.StatusOK || !strings.Contains(body, "<title>"+c.ownTitle+" · rooscoach</title>") || !strings.Contains(text(body), c.acked) {
			t.Errorf("%s: Sanne's own page: %d, want titled %q and saying %q", c.lang, status, c.ownTitle, c.acked)
		}
	}
}

// escapedQuote is s with its apostrophes as html/template writes them.
func escapedQuote(s string) string { return strings.ReplaceAll(s, "'", "&#39;") }
