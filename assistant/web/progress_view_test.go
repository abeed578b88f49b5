package web

import (
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// An agent whose calls held no agent turns has no target share: the
// standings show "—", not 0%; the reasons an agent needs attention, a
// falling target share among them, are named in the page's language; and a
// goal with no call since its start reads "not yet measurable", not "no".
func TestStandingsAndGoalsWithoutData(t *testing.T) {
	p, err := New(Config{}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	fell := -0.12
	lead := map[string]any{"Team": "noord", "Period": periodView{}, "Progress": &assistant.Progress{Agents: []assistant.AgentStanding{
		{AgentID: "anna", Calls: 4, TargetShare: ptr(0.41), EscalationsPerCall: ptr(0.5), JargonPerCall: ptr(1.0), TargetShareChange: &fell,
			NeedsAttention: true, Reasons: []string{assistant.ReasonTargetFell, assistant.ReasonGoalNotMet}},
		{AgentID: "bram", Calls: 2, EscalationsPerCall: ptr(0.0), JargonPerCall: ptr(0.0), Reasons: []string{}},
	}}}
	agent := map[string]any{"AgentID": "anna", "Period": periodView{}, "Goals": []goalView{
		{Goal: assistant.Goal{ID: 1, Kind: assistant.GoalTargetShare, Threshold: 0.6}, Result: &assistant.GoalResult{GoalID: 1, Status: assistant.GoalNotMeasurable}},
	}}
	for lang, want := range map[assistant.Language]struct{ fell, unmet, measurable string }{
		assistant.English: {"target share fell", "goal not met", "not yet measurable"},
		assistant.Dutch:   {"aandeel in het doelkwadrant gedaald", "doel niet gehaald", "nog niet meetbaar"},
	} {
		page := renderPage(t, p, lang, "lead", lead)
		rows := strings.Split(page, "<tr")
		var anna, bram string
		for _, r := range rows {
			switch {
			case strings.Contains(r, `agent=anna"`):
				anna = r
			case strings.Contains(r, `agent=bram"`):
				bram = r
			}
		}
		if !strings.Contains(anna, want.fell+", "+want.unmet) || !strings.Contains(anna, "<td>41%</td>") {
			t.Errorf("%s: anna's row does not read 41%% and %q: %s", lang, want.fell+", "+want.unmet, anna)
		}
		if !strings.Contains(bram, "<td>"+prompts.Missing+"</td>") || strings.Contains(bram, "0%") {
			t.Errorf("%s: bram's row, without agent turns, shows a target share instead of —: %s", lang, bram)
		}
		page = visible(renderPage(t, p, lang, "agent", agent))
		if !strings.Contains(page, want.measurable) {
			t.Errorf("%s: the agent page does not call a goal without calls since its start %q: %s", lang, want.measurable, page)
		}
	}
}
