package web_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/assistant/transcript"
	"github.com/rooscoach/rooscoach/prompts"
)

// Weeks and months without calls are gaps, not zeros: the lead's charts
// break their lines there, and the rose of last month, which had no call,
// shows prompts.Missing in every octant and says why, in the page's language.
func TestLeadPageShowsEmptyPeriodsAsGaps(t *testing.T) {
	s := newSite(t)
	seedGaps(t, s)
	session, _, _ := signedIn(t, s, s.lead)
	heat := regexp.MustCompile(`(?s)<svg class="heat".*?</svg>`)
	for lang, empty := range map[string]string{"en": "no calls in this period", "nl": "geen gesprekken in deze periode"} {
		status, body := get(t, s, "/lead", lang, session)
		if status != 200 {
			t.Fatalf("GET /lead in %s: %d", lang, status)
		}
		roses := heat.FindAllString(body, -1)
		if len(roses) != 2 {
			t.Fatalf("%s: %d heat roses, want last month's and this month's", lang, len(roses))
		}
		last, this := roses[0], roses[1]
		if !strings.Contains(last, empty) || strings.Count(last, `class="heat-share">`+prompts.Missing+`</text>`) != len(assistant.Octants) || strings.Contains(last, "0%") {
			t.Errorf("%s: last month's rose, without calls, does not say %q with %s in every octant: %s", lang, empty, prompts.Missing, last)
		}
		if strings.Contains(this, empty) || strings.Contains(this, prompts.Missing+"</text>") {
			t.Errorf("%s: this month's rose, with a call, says there were none: %s", lang, this)
		}
		// The target chart: the team's and anna's two calls are points
		// with weeks between them, so no line joins them.
		chart := regexp.MustCompile(`(?s)<svg class="chart" id="chart-0".*?</svg>`).FindString(body)
		if n := strings.Count(chart, "<circle"); n != 4 {
			t.Errorf("%s: target chart has %d points, want 2 for the team and 2 for anna", lang, n)
		}
		if strings.Contains(chart, "<polyline") {
			t.Errorf("%s: target chart draws a line across the weeks without calls: %s", lang, chart)
		}
	}
}

// seedGaps stores two calls of anna: one seventy days ago, at least two
// months back, and one at the start of this month, so that last month and
// the weeks between hold no call.
func seedGaps(t *testing.T, s *site) {
	t.Helper()
	ctx := context.Background()
	now := time.Now().UTC()
	thisMonth := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	for i, at := range []time.Time{now.AddDate(0, 0, -70), thisMonth} {
		data, err := os.ReadFile(filepath.Join(callsPath, "nl-betalingsregeling.txt"))
		if err != nil {
			t.Fatal(err)
		}
		in := coach.Input{Data: data, Options: transcript.Options{AgentID: "anna", TeamID: s.team, ExternalID: "gap-" + itoa(int64(i)), OccurredAt: at}}
		if _, _, err := s.svc.Ingest(ctx, assistant.CommandLine(), in); err != nil {
			t.Fatal(err)
		}
	}
}
