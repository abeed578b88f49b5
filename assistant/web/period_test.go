package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/assistant/transcript"
)

// seedOld stores a call of anna's 200 days ago, well before the twelve
// weeks the lead page shows by default, and returns its date.
func seedOld(t *testing.T, s *site) time.Time {
	t.Helper()
	at := time.Now().UTC().AddDate(0, 0, -200)
	in := coach.Input{Data: mustRead(t, "nl-betalingsregeling.txt"), Options: transcript.Options{AgentID: "anna", TeamID: s.team, ExternalID: "old", OccurredAt: at}}
	if _, _, err := s.svc.Ingest(context.Background(), assistant.CommandLine(), in); err != nil {
		t.Fatal(err)
	}
	return at
}

var chart0 = regexp.MustCompile(`(?s)<svg class="chart" id="chart-0".*?</svg>`)

// The lead page shows the period and bucket its query asks for: an old
// week by week, months by month; its form shows them, and its links to
// the agents carry them, in both languages.
func TestLeadPageShowsThePeriodAsked(t *testing.T) {
	s := newSite(t)
	seedGaps(t, s)
	old := seedOld(t, s)
	session, _, _ := signedIn(t, s, s.lead)
	from, to := old.AddDate(0, 0, -10).Format(time.DateOnly), old.AddDate(0, 0, 10).Format(time.DateOnly)
	for _, lang := range []string{"en", "nl"} {
		_, body := get(t, s, "/lead", lang, session)
		if n := strings.Count(chart0.FindString(body), "<circle"); n != 4 {
			t.Errorf("%s: default period: %d points, want 4 (the old call lies outside)", lang, n)
		}
		q := url.Values{"team": {s.team}, "from": {from}, "to": {to}, "bucket": {"week"}}
		status, body := get(t, s, "/lead?"+q.Encode(), lang, session)
		if status != http.StatusOK {
			t.Fatalf("%s: GET /lead?%s: %d", lang, q.Encode(), status)
		}
		if n := strings.Count(chart0.FindString(body), "<circle"); n != 2 {
			t.Errorf("%s: from %s to %s: %d points, want 2 (the old call, team and anna)", lang, from, to, n)
		}
		for _, want := range []string{`name="from" value="` + from + `"`, `name="to" value="` + to + `"`, `<option value="week" selected>`} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: the period form does not keep %s", lang, want)
			}
		}
		if want := `href="/agent?agent=anna&amp;bucket=week&amp;from=` + from + `&amp;to=` + to + `"`; !strings.Contains(body, want) {
			t.Errorf("%s: the link to anna's page does not carry the period: want %s", lang, want)
		}

		q = url.Values{"from": {old.AddDate(0, 0, -40).Format(time.DateOnly)}, "bucket": {"month"}}
		_, body = get(t, s, "/lead?"+q.Encode(), lang, session)
		if n := strings.Count(chart0.FindString(body), "<circle"); n != 6 {
			t.Errorf("%s: by month since %s: %d points, want 6 (three months, team and anna)", lang, q.Get("from"), n)
		}
		if !strings.Contains(body, `<option value="month" selected>`) {
			t.Errorf("%s: the bucket chosen is not shown as chosen", lang)
		}

		// anna's page over the same old period shows the old call alone.
		q = url.Values{"agent": {"anna"}, "from": {from}, "to": {to}}
		status, body = get(t, s, "/agent?"+q.Encode(), lang, session)
		if status != http.StatusOK {
			t.Fatalf("%s: GET /agent?%s: %d", lang, q.Encode(), status)
		}
		agentChart := regexp.MustCompile(`(?s)<svg class="chart" id="agent-target".*?</svg>`).FindString(body)
		if n := strings.Count(agentChart, "<circle"); n != 1 {
			t.Errorf("%s: anna's page from %s to %s: %d points, want 1", lang, from, to, n)
		}
		if !strings.Contains(body, `name="from" value="`+from+`"`) {
			t.Errorf("%s: anna's page has no period form keeping from", lang)
		}
	}
}

// A period value the lead page cannot read is refused with 400 and a
// page naming the field and the value, in the page's language, on the
// lead page and on the agent page alike.
func TestPeriodPagesRefuseBadValues(t *testing.T) {
	s := newSite(t)
	session, _, _ := signedIn(t, s, s.lead)
	says := map[string]string{"en": "Choose one of", "nl": "Kies een van"}
	dates := map[string]string{"en": "is not a date", "nl": "is geen datum"}
	periods := map[string]string{"en": "cannot be shown", "nl": "kan niet getoond worden"}
	for _, c := range []struct {
		query, field, value string
		says                map[string]string
	}{
		{"bucket=year", "bucket", "year", says},
		{"from=gisteren", "from", "gisteren", dates},
		{"to=2026-13-01", "to", "2026-13-01", dates},
		{"from=2026-11-01&to=2026-10-01", "2026-11-01", "2026-10-01", periods},
		{"from=2000-01-01&bucket=day", "2000-01-01", "day", periods},
	} {
		for _, page := range []string{"/lead?", "/agent?agent=anna&"} {
			for _, lang := range []string{"en", "nl"} {
				status, body := get(t, s, page+c.query, lang, session)
				if status != http.StatusBadRequest {
					t.Errorf("%s GET %s%s: %d, want 400", lang, page, c.query, status)
					continue
				}
				text := html.UnescapeString(body)
				if !strings.Contains(text, c.field) || !strings.Contains(text, c.value) || !strings.Contains(text, c.says[lang]) {
					t.Errorf("%s GET %s%s: the page does not name %s %q saying %q: %s", lang, page, c.query, c.field, c.value, c.says[lang], errorMessage(body))
				}
			}
		}
	}
}

// A time whose "+" came through a URL unencoded, as a space, is refused
// with the advice to send it as %2B, on the pages and in the API.
func TestPlusSentAsSpaceIsExplained(t *testing.T) {
	s := newSite(t)
	session, _, _ := signedIn(t, s, s.lead)
	for lang, want := range map[string]string{"en": "%2B", "nl": "%2B"} {
		status, body := get(t, s, "/lead?to=2026-12-06T10:00:00+02:00", lang, session)
		if status != http.StatusBadRequest || !strings.Contains(body, want) || !strings.Contains(html.UnescapeString(body), `"+"`) {
			t.Errorf("%s: GET /lead with an unencoded +: %d %s, want 400 saying %s", lang, status, errorMessage(body), want)
		}
	}
	for _, path := range []string{"/v1/teams/noord/progress?to=2026-12-06T10:00:00+02:00", "/v1/calls?to=2026-12-06T10:00:00+02:00", "/v1/audit?from=2026-12-06T10:00:00+02:00"} {
		req, _ := http.NewRequest(http.MethodGet, s.url+path, nil)
		req.Header.Set("Authorization", "Bearer "+s.admin)
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body := readAll(t, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "%2B") {
			t.Errorf("GET %s: %d %s, want 400 saying %%2B", path, res.StatusCode, body)
		}
	}
}

// Switching the language keeps the page and its query: a lead page of a
// team asked for in the query stays that team's page, same period.
func TestLanguageSwitchKeepsTheQuery(t *testing.T) {
	s := newSite(t)
	session, csrf, field := signedIn(t, s, s.admin)
	page := "/lead?team=noord&bucket=month"
	status, body := get(t, s, page, "en", session)
	if status != http.StatusOK {
		t.Fatalf("GET %s: %d", page, status)
	}
	next := regexp.MustCompile(`name="next" value="([^"]*)"`).FindStringSubmatch(body)
	if next == nil || html.UnescapeString(next[1]) != page {
		t.Fatalf("the language form returns to %v, want %s", next, page)
	}
	res := postForm(t, s, "/language", url.Values{"lang": {"nl"}, "next": {html.UnescapeString(next[1])}, "_csrf": {field}}, csrf, session)
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != page {
		t.Errorf("POST /language: %d to %q, want 303 to %s", res.StatusCode, loc, page)
	}
}

// errorMessage is the message of an error page, for failure reports.
func errorMessage(body string) string {
	if m := regexp.MustCompile(`(?s)<main.*?</main>`).FindString(body); m != "" {
		return m
	}
	return body
}

// In Chromium: a trainer without a team of their own opens a team's lead
// page by month, switches to Dutch, and stays on that team's page by
// month; the period form then shows another old period, and the page
// passes axe-core.
func TestLeadPagePeriodInBrowser(t *testing.T) {
	s := newSite(t)
	seedGaps(t, s)
	old := seedOld(t, s)
	admin := user(t)
	signIn(t, admin, s, s.admin)
	do(t, admin, chromedp.Navigate(s.url+"/lead?team=noord&bucket=month"), chromedp.WaitVisible(chromedp.CSS("#chart-0")))
	toDutch(t, admin)
	do(t, admin, chromedp.WaitVisible(chromedp.CSS("#chart-0")))
	if loc := eval[string](t, admin, `location.pathname + location.search`); loc != "/lead?team=noord&bucket=month" {
		t.Errorf("after switching language the page is %s, want /lead?team=noord&bucket=month", loc)
	}
	if b := eval[string](t, admin, `document.querySelector("#period-bucket").value`); b != "month" {
		t.Errorf("after switching language the bucket is %q, want month", b)
	}
	from, to := old.AddDate(0, 0, -10).Format(time.DateOnly), old.AddDate(0, 0, 10).Format(time.DateOnly)
	do(t, admin,
		chromedp.SetValue(chromedp.CSS("#period-from"), from),
		chromedp.SetValue(chromedp.CSS("#period-to"), to),
		chromedp.SetValue(chromedp.CSS("#period-bucket"), "week"),
		chromedp.Click(chromedp.CSS(`form[action="/lead"] button[type=submit]`)),
		// The page shown from the form marks week as chosen; the one the
		// form was filled in on marks month.
		chromedp.WaitReady(chromedp.CSS(`#period-bucket option[value="week"][selected]`)),
		chromedp.WaitVisible(chromedp.CSS(`#chart-0`)),
	)
	if n := eval[int](t, admin, `document.querySelectorAll("#chart-0 circle").length`); n != 2 {
		t.Errorf("from %s to %s by week: %d points, want 2", from, to, n)
	}
	if href := eval[string](t, admin, `document.querySelector("#standings a").getAttribute("href")`); !strings.Contains(href, "from="+from) || !strings.Contains(href, "bucket=week") {
		t.Errorf("the link to the agent's page %s does not carry the period", href)
	}
	checkAccessibility(t, admin, "lead page with a period (nl)")
}
