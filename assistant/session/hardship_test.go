package session_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/session"
)

// hardshipAlerts lists the turns of the hardship alerts among events.
func hardshipAlerts(got map[int][]session.Event) []int {
	var out []int
	for i, evs := range got {
		for _, e := range evs {
			if e.Type == assistant.EventAlert && e.Kind == assistant.AlertHardship {
				out = append(out, i)
			}
		}
	}
	slices.Sort(out)
	return out
}

// hardshipFlags lists the turns the stored analysis flags.
func hardshipFlags(c *assistant.Call) []int {
	var out []int
	for _, ta := range c.Turns {
		if ta.Hardship != nil {
			out = append(out, ta.Index)
		}
	}
	return out
}

// An agent who answers a bereavement coldly ("That is not our problem")
// grows more opposed, not more dominant: the live alert comes all the same,
// on that turn and quoting the customer, as the stored record flags it.
func TestHardshipAlertWhenMoreOpposed(t *testing.T) {
	for _, tc := range []struct {
		lang  assistant.Language
		turns []string
		cue   string
	}{
		{assistant.Dutch, []string{"Goedemiddag, u spreekt met Sanne van Noordkust. Hoe gaat het met u?", "Mijn man is vorige maand overleden.", "Dat is niet ons probleem."}, "overleden"},
		{assistant.English, []string{"Good afternoon, this is Sam from Northgate. How are you doing today?", "My husband died last month.", "That is not our problem."}, "died"},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			r, _ := newRegistry(t, session.Config{})
			s, _, err := r.Open(context.Background(), admin, session.OpenRequest{AgentID: "agent-sanne", Language: string(tc.lang)})
			if err != nil {
				t.Fatal(err)
			}
			var turns []assistant.Turn
			for i, text := range tc.turns {
				turns = append(turns, assistant.Turn{Index: i, Speaker: []assistant.Speaker{assistant.Agent, assistant.Customer}[i%2], Text: text})
			}
			got := play(t, s, turns)
			res, err := r.End(context.Background(), admin, s.ID(), session.EndRequest{})
			if err != nil {
				t.Fatal(err)
			}
			// The case is what it claims: the record flags turn 2 as more
			// opposed and not more dominant.
			if h := res.Call.Turns[2].Hardship; h == nil || h.MoreDominant || !h.MoreOpposed {
				t.Fatalf("stored flag of turn 2 = %+v; want more opposed, not more dominant", h)
			}
			if alerts := hardshipAlerts(got); !slices.Equal(alerts, []int{2}) {
				t.Fatalf("hardship alerts at turns %v; want at turn 2", alerts)
			}
			for _, e := range got[2] {
				if e.Kind == assistant.AlertHardship && !strings.Contains(e.Text, tc.cue) {
					t.Errorf("hardship alert %q does not quote the customer's %q", e.Text, tc.cue)
				}
			}
		})
	}
}

// On every sample call the live hardship alerts land on the agent turns
// the stored analysis flags, and on no others, quoting the cue the flag
// names.
func TestHardshipAlertsMatchAnalysisOnSampleCalls(t *testing.T) {
	files, err := filepath.Glob("../../testdata/calls/*")
	if err != nil {
		t.Fatal(err)
	}
	flagged := 0
	langs := map[assistant.Language]bool{}
	for _, path := range files {
		if filepath.Ext(path) == ".md" {
			continue
		}
		t.Run(filepath.Base(path), func(t *testing.T) {
			turns := script(t, path)
			// Three utterances a turn: no transcriber is that quick.
			r, _ := newRegistry(t, session.Config{Rate: 1000, Burst: 1000})
			lang := assistant.Language(strings.SplitN(filepath.Base(path), "-", 2)[0])
			s, _, err := r.Open(context.Background(), admin, session.OpenRequest{AgentID: "agent-sanne", Language: string(lang)})
			if err != nil {
				t.Fatal(err)
			}
			got := play(t, s, turns)
			res, err := r.End(context.Background(), admin, s.ID(), session.EndRequest{})
			if err != nil {
				t.Fatal(err)
			}
			alerts, flags := hardshipAlerts(got), hardshipFlags(res.Call)
			if !slices.Equal(alerts, flags) {
				for _, ta := range res.Call.Turns {
					t.Logf("%d %-8s %-12s d%.2f a%.2f %.60s", ta.Index, ta.Speaker, ta.Stance.Octant, ta.Stance.Dominance, ta.Stance.Affiliation, ta.Text)
				}
				t.Errorf("live hardship alerts at turns %v; the stored analysis flags %v", alerts, flags)
			}
			for _, ta := range res.Call.Turns {
				if h := ta.Hardship; h != nil {
					for _, e := range got[ta.Index] {
						if e.Kind == assistant.AlertHardship && !strings.Contains(e.Text, `"`+h.Cue+`"`) {
							t.Errorf("turn %d: alert %q does not quote %q, the cue the record names", ta.Index, e.Text, h.Cue)
						}
					}
				}
			}
			flagged += len(flags)
			if len(flags) > 0 {
				langs[lang] = true
			}
		})
	}
	// The comparison means something only if some calls of both
	// languages are flagged.
	if !langs[assistant.Dutch] || !langs[assistant.English] {
		t.Errorf("flags in %v over %d calls (%d flags); want sample calls of both languages flagged", langs, len(files), flagged)
	}
}
