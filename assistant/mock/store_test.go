package mock_test

import (
	"context"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/mock"
)

// The fake store refuses what the real one refuses (store.checkAgentTeam):
// an agent stores only their own calls, and only in their own team, the one
// FindAgentByIDFn says (none for an agent it does not find). Trainers and
// admins pass to CreateCallFn, as do agents within the rule.
func TestCallStoreAgentOwnTeam(t *testing.T) {
	ctx := context.Background()
	teams := map[string]string{"anna": "noord"}
	var stored []*assistant.Call
	st := &mock.CallStore{
		CreateCallFn: func(_ context.Context, _ assistant.Principal, c *assistant.Call) (bool, error) {
			stored = append(stored, c)
			return true, nil
		},
		FindAgentByIDFn: func(_ context.Context, scope assistant.Scope, id string) (*assistant.AgentProfile, error) {
			team, ok := teams[id]
			if !ok || !scope.Allows(id, team) {
				return nil, assistant.Errorf(assistant.ENotFound, "agent %s not found", id)
			}
			return &assistant.AgentProfile{ID: id, TeamID: team, Active: true}, nil
		},
	}
	anna := assistant.Principal{Role: assistant.RoleAgent, AgentID: "anna"}
	nieuw := assistant.Principal{Role: assistant.RoleAgent, AgentID: "nieuw"}
	trainer := assistant.Principal{Role: assistant.RoleTrainer, TeamIDs: []string{"zuid"}}
	for _, tc := range []struct {
		name   string
		by     assistant.Principal
		agent  string
		team   string
		stores bool
	}{
		{"own team named", anna, "anna", "noord", true},
		{"team left out", anna, "anna", "", true},
		{"another team", anna, "anna", "zuid", false},
		{"another agent's call", anna, "bram", "noord", false},
		{"agent in no team, none named", nieuw, "nieuw", "", true},
		{"agent in no team naming one", nieuw, "nieuw", "noord", false},
		{"trainer", trainer, "cas", "zuid", true},
		{"admin", assistant.CommandLine(), "anna", "zuid", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := len(stored)
			_, err := st.CreateCall(ctx, tc.by, &assistant.Call{AgentID: tc.agent, TeamID: tc.team})
			if tc.stores {
				if err != nil || len(stored) != before+1 {
					t.Errorf("err %v, %d stored; want it stored", err, len(stored)-before)
				}
				return
			}
			if assistant.ErrorCode(err) != assistant.EForbidden || len(stored) != before {
				t.Errorf("err %v, %d stored; want forbidden, nothing stored", err, len(stored)-before)
			}
		})
	}
	// A directory that cannot answer fails the call rather than letting it
	// through.
	st.FindAgentByIDFn = func(context.Context, assistant.Scope, string) (*assistant.AgentProfile, error) {
		return nil, assistant.Errorf(assistant.EUnavailable, "database down")
	}
	if _, err := st.CreateCall(ctx, anna, &assistant.Call{AgentID: "anna", TeamID: "noord"}); assistant.ErrorCode(err) != assistant.EUnavailable {
		t.Errorf("directory down: %v, want unavailable", err)
	}
}
