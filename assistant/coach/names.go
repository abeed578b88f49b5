package coach

import (
	"context"

	"github.com/rooscoach/rooscoach/assistant"
)

// Names holds the display names of agents and teams, so that a page shows
// people and teams by name rather than by their ids in the platform.
type Names struct {
	agents map[string]string
	teams  map[string]string
}

// Agent is the name of agent id, or id when it has none (or the reader
// may not see the agent).
func (n Names) Agent(id string) string {
	if name := n.agents[id]; name != "" {
		return name
	}
	return id
}

// Team is the name of team id, or id when it has none.
func (n Names) Team(id string) string {
	if name := n.teams[id]; name != "" {
		return name
	}
	return id
}

// Names looks up the names of agents and teams as by may read them. An id
// that is not found, or is outside by's scope, keeps its id as its name:
// a name is a nicety, not a reason to fail a page.
func (s *Service) Names(ctx context.Context, by assistant.Principal, agentIDs, teamIDs []string) (Names, error) {
	n := Names{agents: map[string]string{}, teams: map[string]string{}}
	scope := by.Scope()
	for _, id := range agentIDs {
		if _, done := n.agents[id]; done || id == "" {
			continue
		}
		a, err := s.Store.FindAgentByID(ctx, scope, id)
		switch {
		case assistant.ErrorCode(err) == assistant.ENotFound:
			n.agents[id] = ""
		case err != nil:
			return Names{}, err
		default:
			n.agents[id] = a.Name
		}
	}
	for _, id := range teamIDs {
		if _, done := n.teams[id]; done || id == "" {
			continue
		}
		t, err := s.Store.FindTeamByID(ctx, scope, id)
		switch {
		case assistant.ErrorCode(err) == assistant.ENotFound:
			n.teams[id] = ""
		case err != nil:
			return Names{}, err
		default:
			n.teams[id] = t.Name
		}
	}
	return n, nil
}
