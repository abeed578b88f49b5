package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/store"
)

// scoped is a small organisation: two teams, three agents, a call each and
// one by an agent without a team, with a token for every kind of reader.
type scoped struct {
	db    *store.DB
	calls map[string]int64 // by agent
	who   map[string]assistant.Principal
}

func newScoped(t *testing.T) *scoped {
	t.Helper()
	ctx := context.Background()
	db := newDB(t)
	s := &scoped{db: db, calls: map[string]int64{}, who: map[string]assistant.Principal{}}
	for _, c := range []struct{ agent, team string }{
		{"agent-anna", "team-noord"}, {"agent-bram", "team-noord"}, {"agent-cas", "team-zuid"}, {"agent-dirk", ""},
	} {
		call := fullCall(assistant.Dutch, c.agent, "x-"+c.agent)
		call.TeamID = c.team
		if _, err := db.CreateCall(ctx, admin, call); err != nil {
			t.Fatal(err)
		}
		s.calls[c.agent] = call.ID
	}
	s.who["anna"] = principal(t, db, assistant.Token{Name: "Anna", Role: assistant.RoleAgent, AgentID: "agent-anna"})
	s.who["trainer-noord"] = principal(t, db, assistant.Token{Name: "Ilse", Role: assistant.RoleTrainer, TeamIDs: []string{"team-noord"}})
	s.who["trainer-both"] = principal(t, db, assistant.Token{Name: "Joost", Role: assistant.RoleTrainer, TeamIDs: []string{"team-noord", "team-zuid"}})
	s.who["lead-zuid"] = principal(t, db, assistant.Token{Name: "Karin", Role: assistant.RoleLead, TeamIDs: []string{"team-zuid"}})
	s.who["admin"] = principal(t, db, assistant.Token{Name: "Lotte", Role: assistant.RoleAdmin})
	return s
}

// TestCallScope checks that each reader reads exactly their calls, and that
// a call they may not read answers exactly as a call that does not exist.
func TestCallScope(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newScoped(t)
	tests := []struct {
		who  string
		sees []string
	}{
		{"anna", []string{"agent-anna"}},
		{"trainer-noord", []string{"agent-anna", "agent-bram"}},
		{"trainer-both", []string{"agent-anna", "agent-bram", "agent-cas"}},
		{"lead-zuid", []string{"agent-cas"}},
		{"admin", []string{"agent-anna", "agent-bram", "agent-cas", "agent-dirk"}},
	}
	for _, tt := range tests {
		t.Run(tt.who, func(t *testing.T) {
			scope := s.who[tt.who].Scope()
			for agent, id := range s.calls {
				_, err := s.db.FindCallByID(ctx, scope, id)
				if slices.Contains(tt.sees, agent) {
					if err != nil {
						t.Errorf("call of %s: %v, want it read", agent, err)
					}
					continue
				}
				_, missing := s.db.FindCallByID(ctx, scope, 999999)
				if assistant.ErrorCode(err) != assistant.ENotFound {
					t.Errorf("call of %s: err %v, want not found", agent, err)
				}
				if got, want := assistant.ErrorMessage(err), assistant.ErrorMessage(missing); got != "call "+itoa(id)+" not found" || want != "call 999999 not found" {
					t.Errorf("another's call reads %q, a missing one %q: they must say the same", got, want)
				}
			}
			page, err := s.db.FindCalls(ctx, scope, assistant.CallFilter{Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			var agents []string
			for _, c := range page.Calls {
				agents = append(agents, c.AgentID)
			}
			slices.Sort(agents)
			if !slices.Equal(agents, tt.sees) {
				t.Errorf("lists calls of %v, want %v", agents, tt.sees)
			}
			// Asking for someone else's calls by name lists none of them.
			page, err = s.db.FindCalls(ctx, scope, assistant.CallFilter{AgentID: "agent-cas"})
			if err != nil {
				t.Fatal(err)
			}
			if want := slices.Contains(tt.sees, "agent-cas"); (len(page.Calls) == 1) != want {
				t.Errorf("agent_id=agent-cas lists %d calls, want them only if readable (%v)", len(page.Calls), want)
			}
		})
	}
	if _, err := s.db.FindCallByID(ctx, assistant.Scope{}, s.calls["agent-anna"]); assistant.ErrorCode(err) != assistant.ENotFound {
		t.Errorf("a zero scope read a call: %v", err)
	}
}

// TestCreateCallScope checks who may store which call, and that a refused
// call leaves nothing behind.
func TestCreateCallScope(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newScoped(t)
	before := map[string]int{}
	for _, table := range []string{"calls", "turns", "agents", "teams", "audit"} {
		before[table], _ = s.db.Count(ctx, table)
	}
	tests := []struct {
		name, who, agent, team, detail string
	}{
		{"AgentForColleague", "anna", "agent-bram", "", "only your own calls"},
		{"TrainerOtherTeamNamed", "trainer-noord", "agent-new", "team-zuid", "not in team team-zuid"},
		{"TrainerAgentOfOtherTeam", "trainer-noord", "agent-cas", "", "agent-cas is not in your teams"},
		{"TrainerAgentWithoutTeam", "trainer-noord", "agent-dirk", "", "has no team yet"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := fullCall(assistant.English, tt.agent, "scope-"+tt.name)
			c.TeamID = tt.team
			_, err := s.db.CreateCall(ctx, s.who[tt.who], c)
			if assistant.ErrorCode(err) != assistant.EForbidden {
				t.Fatalf("err %v, want forbidden", err)
			}
			if msg := assistant.ErrorMessage(err); !strings.Contains(msg, tt.detail) {
				t.Errorf("message %q lacks %q", msg, tt.detail)
			}
		})
	}
	for table, n := range before {
		if got, _ := s.db.Count(ctx, table); got != n {
			t.Errorf("%s: %d rows after refused calls, want %d", table, got, n)
		}
	}
	// What they may store goes in: an agent their own call, a trainer a
	// call of their team (also of a new agent, who joins it).
	for _, ok := range []struct{ who, agent, team string }{
		{"anna", "agent-anna", ""}, {"trainer-noord", "agent-bram", ""}, {"trainer-noord", "agent-new", "team-noord"},
	} {
		c := fullCall(assistant.Dutch, ok.agent, "ok-"+ok.who+ok.agent)
		c.TeamID = ok.team
		if _, err := s.db.CreateCall(ctx, s.who[ok.who], c); err != nil {
			t.Errorf("%s storing a call of %s: %v", ok.who, ok.agent, err)
		}
		if n, _ := s.db.Count(ctx, "audit WHERE action = 'call.create' AND token_id = "+itoa(s.who[ok.who].TokenID)+" AND call_id = "+itoa(c.ID)); n != 1 {
			t.Errorf("call %d of %s: %d audit entries by its poster, want 1", c.ID, ok.agent, n)
		}
	}
}

// TestAuditIsPartOfTheChange: a change whose audit entry cannot be written
// is not made, since the trail must have a line for every change.
func TestAuditIsPartOfTheChange(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t)
	nobody := assistant.Principal{Role: assistant.RoleAdmin} // a token principal without a token id
	if _, err := db.CreateCall(ctx, nobody, fullCall(assistant.Dutch, "agent-anna", "x")); err == nil {
		t.Fatal("a call was stored by someone the audit trail cannot name")
	}
	for _, table := range []string{"calls", "turns", "agents", "audit"} {
		if n, _ := db.Count(ctx, table); n != 0 {
			t.Errorf("%s: %d rows, want 0", table, n)
		}
	}
}
