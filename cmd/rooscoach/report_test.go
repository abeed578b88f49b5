package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// The report rounds its figures as the pages do (prompts.Percent and
// prompts.Number): halves away from zero, and a share such as 0.145 is
// 14.5%, not the 14.4999… that 100*0.145 makes. fmt's %.0f rounds halves
// to even, which put "12%" in the report where the page says "13%". The
// figures print alike whatever the call's language.
func TestReportRoundsAsThePages(t *testing.T) {
	for _, lang := range assistant.Languages {
		an := &assistant.Analysis{
			Language: lang,
			Mapping:  assistant.SpeakerMapping{Method: assistant.MappingInferred, Confidence: 0.625},
			Summary: assistant.Summary{
				AgentTurns:    8,
				TargetShare:   0.125,
				QuadrantShare: map[assistant.Quadrant]float64{assistant.Quadrants[0]: 0.145, assistant.Quadrants[1]: 0.855},
				Closing:       assistant.ClosingStance{Turns: []int{5, 7}, Quadrant: assistant.TargetQuadrant, TargetShare: 0.625},
			},
			Dynamics:    assistant.Dynamics{Exchanges: 8, Together: 1},
			Readability: assistant.Readability{Score: 62.5, MeanSentenceLength: 12.25},
		}
		var buf bytes.Buffer
		if err := writeReport(&buf, an); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		for _, want := range []string{
			"(confidence 0.63:",
			"in " + string(assistant.TargetQuadrant) + ": 13%",
			string(assistant.Quadrants[0]) + " ", " 15%\n", " 86%\n",
			"1 (13%) answered together",
			"(63% in target)",
			": 63, 12.3 words per sentence",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: report lacks %q:\n%s", lang, want, out)
			}
		}
	}
}
