package web_test

import "github.com/rooscoach/rooscoach/assistant"

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
