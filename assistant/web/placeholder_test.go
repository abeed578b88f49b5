package web

import (
	"regexp"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// A figure that could not be measured reads the same on every page, in
// both languages: the standings' target share, the agent page's goal
// value, and a heat rose's octant, each the one placeholder.
func TestMissingFiguresShowOnePlaceholder(t *testing.T) {
	p, err := New(Config{}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	lead := map[string]any{"Team": "noord", "Period": periodView{}, "Progress": &assistant.Progress{Agents: []assistant.AgentStanding{
		{AgentID: "bram", Calls: 2, Reasons: []string{}},
	}}}
	agent := map[string]any{"AgentID": "anna", "Period": periodView{}, "Goals": []goalView{
		// Not measured in the period, and no result at all.
		{Goal: assistant.Goal{ID: 1, Kind: assistant.GoalTargetShare, Threshold: 0.6}, Result: &assistant.GoalResult{GoalID: 1, Status: assistant.GoalNotMeasurable}},
		{Goal: assistant.Goal{ID: 2, Kind: assistant.GoalClosing, Threshold: 0.8}},
	}}
	otherDash := regexp.MustCompile(`>\s*[–—-]\s*<`)
	for _, lang := range assistant.Languages {
		pages := map[string]string{
			"standings": renderPage(t, p, lang, "lead", lead),
			"goals":     renderPage(t, p, lang, "agent", agent),
			"heat rose": string(heatRose("heat-0", "anna", map[assistant.Octant]*float64{}, lang)),
		}
		want := map[string]int{"standings": 3, "goals": 2, "heat rose": len(assistant.Octants)}
		for name, page := range pages {
			n := strings.Count(page, ">"+prompts.Missing+"<")
			if n < want[name] {
				t.Errorf("%s, %s: %d missing figures read %q, want %d: %s", lang, name, n, prompts.Missing, want[name], page)
			}
			for _, m := range otherDash.FindAllString(page, -1) {
				if m != ">"+prompts.Missing+"<" {
					t.Errorf("%s, %s: a missing figure reads %q, not %q", lang, name, m, prompts.Missing)
				}
			}
		}
	}
}
