package builtin_test

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/builtin"
	parse "github.com/rooscoach/rooscoach/assistant/transcript"
)

// TestHardshipFlagsOnSampleCalls: in the sample calls of both languages the
// agent answers a job loss with "as per our policy" / "conform onze
// voorwaarden", a turn that hides behind procedure right after the
// customer named hardship. That turn is the one to flag, although the agent
// had threatened just before and so is no further from the customer than
// then; the agent's later turn after the customer says when benefits come
// in (a payday, no hardship) is not. The warm answer to a bereavement is
// flagged nowhere.
func TestHardshipFlagsOnSampleCalls(t *testing.T) {
	an, _ := builtin.Analyzer(func() time.Time { return time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC) })
	for _, tc := range []struct {
		file    string
		flagged []int
		driver  assistant.Driver
		topic   string
	}{
		{"en-arrears.txt", []int{6}, assistant.DriverLifeEvent, "job"},
		{"nl-betalingsregeling.txt", []int{6}, assistant.DriverLifeEvent, "job"},
		{"nl-call.json", nil, "", ""},
		{"en-formal.txt", []int{4}, assistant.DriverLifeEvent, "death"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile("../../testdata/calls/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			call, err := parse.Parse(data, "", parse.Options{})
			if err != nil {
				t.Fatal(err)
			}
			a, err := an.Analyze(context.Background(), call)
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			for _, ta := range a.Turns {
				if h := ta.Hardship; h != nil {
					got = append(got, ta.Index)
					if h.Driver != tc.driver || h.Topic != tc.topic || h.CustomerTurn != ta.Index-1 {
						t.Errorf("turn %d: flag %+v, want driver %s, topic %s, after turn %d", ta.Index, h, tc.driver, tc.topic, ta.Index-1)
					}
				}
			}
			if !slices.Equal(got, tc.flagged) || a.Dynamics.HardshipFlags != len(tc.flagged) {
				for _, ta := range a.Turns {
					t.Logf("%d %-8s %-12s d%.2f a%.2f c%.2f %.60s", ta.Index, ta.Speaker, ta.Stance.Octant, ta.Stance.Dominance, ta.Stance.Affiliation, ta.Stance.Confidence, ta.Text)
				}
				t.Errorf("flagged turns %v (total %d), want %v", got, a.Dynamics.HardshipFlags, tc.flagged)
			}
		})
	}
}

// TestHardshipFlagNamesTheBereavement: a customer who says what a
// bereavement does to them ("I can't sleep") before naming it is flagged
// for the bereavement, a life event, not for the sleeplessness as health.
func TestHardshipFlagNamesTheBereavement(t *testing.T) {
	an, _ := builtin.Analyzer(func() time.Time { return time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC) })
	for _, call := range []*assistant.Transcript{
		transcript(assistant.Dutch,
			"Goedemiddag, u spreekt met Sanne van Noordkust. Ik bel over de rekening van 300 euro.",
			"Ik slaap slecht sinds mijn man is overleden.",
			"U moet die 300 euro wel voor vrijdag betalen, anders gaat het naar de deurwaarder.",
			"Ja.",
		),
		transcript(assistant.English,
			"Good afternoon, this is Sam from Northgate. I'm calling about the bill of 300 pounds.",
			"I can't sleep since my husband passed away.",
			"You must pay the 300 pounds by Friday, or it goes to the bailiffs.",
			"Right.",
		),
	} {
		t.Run(string(call.Language), func(t *testing.T) {
			a, err := an.Analyze(context.Background(), call)
			if err != nil {
				t.Fatal(err)
			}
			h := a.Turns[2].Hardship
			if h == nil || h.Driver != assistant.DriverLifeEvent || h.Topic != "death" {
				t.Errorf("flag on the demand after a bereavement = %+v, want life-event, death", h)
			}
		})
	}
}
