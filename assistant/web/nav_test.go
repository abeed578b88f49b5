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
	"github.com/rooscoach/rooscoach/store/storetest"
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

// seedAcknowledged seeds team zuid (seedZuid) and a review of Sanne's
// call that she acknowledged; it returns Sanne's token.
func seedAcknowledged(t *testing.T, s *site) string {
	t.Helper()
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
	storetest.Teams(t, s.db, "zuid-id")
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
	return tok
}

// The agent page names who acknowledged a review by name, and for someone
// looking at another agent's page its title names that agent; the agent's
// own page stays "My coaching".
func TestAgentPageNamesTheAgent(t *testing.T) {
	s := newSite(t)
	tok := seedAcknowledged(t, s)
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

// A browser on an address no page has, or with a method the page does not
// take, gets a page in its language with a link home; API clients, and
// every /v1/ path, keep problem+json.
func TestUnknownPageInTheBrowsersLanguage(t *testing.T) {
	s := newSite(t)
	session, _, _ := signedIn(t, s, s.lead)
	const browserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	do := func(method, path, accept, lang string) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest(method, s.url+path, nil)
		req.Header.Set("Accept", accept)
		req.Header.Set("Accept-Language", lang)
		req.AddCookie(&http.Cookie{Name: session.Name, Value: session.Value})
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		return res, readAll(t, res.Body)
	}
	for _, c := range []struct {
		method, path, lang string
		status             int
		says               string
	}{
		{http.MethodGet, "/nope", "en", http.StatusNotFound, "There is no page at this address."},
		{http.MethodGet, "/nope", "nl", http.StatusNotFound, "Op dit adres staat geen pagina."},
		{http.MethodDelete, "/lead", "en", http.StatusMethodNotAllowed, "This address cannot be used this way."},
		{http.MethodDelete, "/lead", "nl", http.StatusMethodNotAllowed, "Dit adres kan niet op deze manier worden gebruikt."},
	} {
		res, body := do(c.method, c.path, browserAccept, c.lang)
		if res.StatusCode != c.status || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			t.Errorf("%s %s in %s from a browser: %d %s, want %d text/html", c.method, c.path, c.lang, res.StatusCode, res.Header.Get("Content-Type"), c.status)
			continue
		}
		seen := text(body)
		if !strings.Contains(body, `lang="`+c.lang+`"`) || !strings.Contains(seen, c.says) || !strings.Contains(body, `<a href="/">`) {
			t.Errorf("%s %s in %s: the page does not say %q with a link home: %s", c.method, c.path, c.lang, c.says, seen)
		}
		if c.status == http.StatusMethodNotAllowed && res.Header.Get("Allow") == "" {
			t.Errorf("%s %s: 405 without an Allow header", c.method, c.path)
		}
		for _, api := range []struct{ path, accept string }{{c.path, "application/json"}, {"/v1" + c.path, browserAccept}} {
			res, body := do(c.method, api.path, api.accept, c.lang)
			// /v1/lead has no route at all: 404.
			if (res.StatusCode != c.status && res.StatusCode != http.StatusNotFound) || res.Header.Get("Content-Type") != "application/problem+json" {
				t.Errorf("%s %s with Accept %s: %d %s %s, want problem+json", c.method, api.path, api.accept, res.StatusCode, res.Header.Get("Content-Type"), body)
			}
		}
	}
}

// The call list's filter takes the API's parameter, review_status, and a
// value it does not know is a 400 page naming the filter and the values it
// takes, in the page's language; the API answers the same with a 400
// problem+json.
func TestCallListRefusesAnUnknownFilterValue(t *testing.T) {
	s := newSite(t)
	seedZuid(t, s)
	session, _, _ := signedIn(t, s, s.admin)
	for lang, c := range map[string]struct{ says, values string }{
		"en": {`The filter review_status has no value "bogus".`, "new (New), in_review (Being reviewed), reviewed (Review published), acknowledged (Acknowledged), disputed (Disputed)"},
		"nl": {`Het filter review_status kent de waarde "bogus" niet.`, "new (Nieuw), in_review (Wordt beoordeeld), reviewed (Beoordeling gepubliceerd), acknowledged (Bevestigd), disputed (Bezwaar gemaakt)"},
	} {
		for _, path := range []string{"/calls?review_status=bogus", "/calls?status=bogus"} {
			status, body := get(t, s, path, lang, session)
			seen := text(body)
			says := c.says
			if strings.Contains(path, "?status") {
				says = strings.Replace(says, "review_status", "status", 1)
			}
			if status != http.StatusBadRequest || !strings.Contains(seen, says) || !strings.Contains(seen, c.values) {
				t.Errorf("GET %s in %s: %d, want 400 saying %q and %q: %s", path, lang, status, says, c.values, seen)
			}
		}
		// A value it knows filters: the one call is new, so none is reviewed.
		status, body := get(t, s, "/calls?review_status=reviewed", lang, session)
		if status != http.StatusOK || strings.Contains(body, `class="call-link"`) {
			t.Errorf("GET /calls?review_status=reviewed in %s: %d, want 200 without the new call", lang, status)
		}
		if status, body := get(t, s, "/calls?review_status=new", lang, session); status != http.StatusOK || !strings.Contains(body, `class="call-link"`) {
			t.Errorf("GET /calls?review_status=new in %s: %d, want 200 with the new call", lang, status)
		}
	}
	req, _ := http.NewRequest(http.MethodGet, s.url+"/v1/calls?review_status=bogus", nil)
	req.Header.Set("Authorization", "Bearer "+s.admin)
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if body := readAll(t, res.Body); res.StatusCode != http.StatusBadRequest || res.Header.Get("Content-Type") != "application/problem+json" ||
		!strings.Contains(body, "review_status") {
		t.Errorf("GET /v1/calls?review_status=bogus: %d %s %s, want 400 problem+json naming review_status", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
}
