package web

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// A review's status names who did it: the call's agent acknowledged it,
// and when; the trainer only wrote it. The review form says whose octant
// the turn has in the page's language.
func TestReviewPagesNameWhoAcknowledged(t *testing.T) {
	p, err := New(Config{}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 3, 14, 5, 0, 0, time.UTC)
	for _, c := range []struct {
		lang     assistant.Language
		octant   string
		want     []string
		wrong    []string
		wantForm string
	}{
		{assistant.Dutch, "leidend",
			[]string{"Bevestigd door anna op 2026-11-03 14:05", "Trainer: Ilse de Vries"},
			[]string{"Bevestigd door Ilse", "engine"},
			"Jouw octant (volgens rooscoach: leidend)"},
		{assistant.English, "leading",
			[]string{"Acknowledged by anna on 2026-11-03 14:05", "Trainer: Ilse de Vries"},
			[]string{"Acknowledged by Ilse", "engine"},
			"Your octant (rooscoach: leading)"},
	} {
		r := &assistant.Review{ID: 1, CallID: 3, AgentID: "anna", Reviewer: "Ilse de Vries", Status: assistant.ReviewAcknowledged,
			Rating: 4, AcknowledgedAt: at}
		call := &assistant.Call{ID: 3, AgentID: "anna", ReviewStatus: assistant.CallAcknowledged, Analysis: assistant.Analysis{Language: c.lang}}
		review := visible(renderPage(t, p, c.lang, "review", map[string]any{"Call": call, "Published": []*assistant.Review{r},
			"Turns":     []turnView{{ID: 1, Number: 1, Agent: true, Octant: assistant.Leading, OctantLabel: c.octant}},
			"CanReview": true, "Ratings": []int{1, 2, 3, 4, 5}, "TargetShare": 0.5, "Problems": map[string][]string{}}))
		agent := visible(renderPage(t, p, c.lang, "agent", map[string]any{"AgentID": "anna", "Reviews": []reviewView{{Review: r, Call: call}}}))
		review = strings.Join(strings.Fields(review), " ")
		agent = strings.Join(strings.Fields(agent), " ")
		for _, w := range c.want {
			if !strings.Contains(review, w) {
				t.Errorf("%s review page does not say %q:\n%s", c.lang, w, review)
			}
			if !strings.Contains(strings.ToLower(agent), strings.ToLower(w)) {
				t.Errorf("%s agent page does not say %q:\n%s", c.lang, w, agent)
			}
		}
		for _, w := range c.wrong {
			if strings.Contains(review, w) || strings.Contains(agent, w) {
				t.Errorf("%s pages say %q", c.lang, w)
			}
		}
		if !strings.Contains(review, c.wantForm) {
			t.Errorf("%s review form does not say %q", c.lang, c.wantForm)
		}
	}
}

// No Dutch interface text holds an English word a Dutch reader would trip
// over (proper names such as Flesch Reading Ease aside), nor switches from
// je to u.
func TestDutchTextsHaveNoEnglishWords(t *testing.T) {
	english := regexp.MustCompile(`(?i)\b(engine|the|by|review|reviewed|draft|your|you|with|acknowledged|disputed|published|upload|file|call|agent)\b`)
	formal := regexp.MustCompile(`(?i)\b(u|uw)\b`)
	for k, v := range dutch {
		if strings.HasPrefix(k, "scale.") || k == "lang.en" {
			continue
		}
		if m := english.FindString(v); m != "" {
			t.Errorf("Dutch text %q says %q: %q", k, m, v)
		}
		// The pages say je to the trainer, agent and lead throughout.
		if m := formal.FindString(v); m != "" {
			t.Errorf("Dutch text %q says %q where the pages say je: %q", k, m, v)
		}
	}
}
