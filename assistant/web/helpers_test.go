package web_test

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/assistant/transcript"
)

func principalAdmin() assistant.Principal { return assistant.CommandLine() }

func callFilterAnna() assistant.CallFilter { return assistant.CallFilter{AgentID: "anna", Limit: 1} }

func indexOf(c *assistant.Call, turnID int64) int {
	for _, t := range c.Turns {
		if t.ID == turnID {
			return t.Index
		}
	}
	return -1
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(callsPath, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func coachInput(data []byte, agent, team string) coach.Input {
	return coach.Input{Data: data, Options: transcript.Options{AgentID: agent, TeamID: team}}
}

func reviewInput(turnID int64) assistant.ReviewInput {
	rating := 4
	return assistant.ReviewInput{Note: "Good start.", Rating: &rating,
		Turns: []assistant.ReviewTurnInput{{TurnID: turnID, Comment: "Too pushy here.", Octant: assistant.Competitive}},
		Focus: []assistant.FocusPoint{{Text: "Ask before you propose."}}}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
