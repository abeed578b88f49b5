package web_test

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// The pages a trainer and a lead read print every figure as they read it:
// a whole percent or a number with a decimal or two, never the raw float
// behind it (0,3333333333 or 63.410000000000004), in either language.
func TestPagesPrintRoundedFigures(t *testing.T) {
	s := newSite(t)
	s.seedHistory(t)
	page, err := s.svc.Calls(context.Background(), assistant.CommandLine(), assistant.CallFilter{AgentID: "anna", Limit: 1})
	if err != nil || len(page.Calls) == 0 {
		t.Fatalf("no call of anna: %v", err)
	}
	raw := regexp.MustCompile(`\d[.,]\d{` + strconv.Itoa(assistant.FigurePlaces+1) + `,}`)
	// Figures the pages must show, rounded: a percent, and a readability
	// score with its decimal mark.
	percent := regexp.MustCompile(`[ >]\d{1,3}%[ <]`)
	session, _, _ := signedIn(t, s, s.lead)
	for _, lang := range []string{"en", "nl"} {
		score := map[string]*regexp.Regexp{"en": regexp.MustCompile(`<strong>\d+\.\d</strong>`), "nl": regexp.MustCompile(`<strong>\d+,\d</strong>`)}[lang]
		for _, path := range []string{"/calls", fmt.Sprintf("/calls/%d", page.Calls[0].ID), "/agent?agent=anna", "/lead"} {
			status, body := get(t, s, path, lang, session)
			if status != 200 {
				t.Fatalf("GET %s in %s: %d", path, lang, status)
			}
			for _, m := range raw.FindAllString(body, -1) {
				t.Errorf("GET %s in %s prints an unrounded figure %s", path, lang, m)
			}
			if !percent.MatchString(body) {
				t.Errorf("GET %s in %s shows no percent at all: the test reads nothing", path, lang)
			}
			if path == fmt.Sprintf("/calls/%d", page.Calls[0].ID) && !score.MatchString(body) {
				t.Errorf("GET %s in %s: the readability score is not a number with one decimal", path, lang)
			}
		}
	}
}
