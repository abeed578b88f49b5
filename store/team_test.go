package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

func TestTeams(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t)
	noord := &assistant.Team{ID: "team-noord", Name: "Noord"}
	if err := db.CreateTeam(ctx, admin, noord); err != nil {
		t.Fatalf("CreateTeam: %v", err)
	}
	if !noord.Active || noord.CreatedAt.IsZero() || noord.Name != "Noord" {
		t.Errorf("created team %+v", noord)
	}
	if err := db.CreateTeam(ctx, admin, &assistant.Team{ID: "team-noord"}); assistant.ErrorCode(err) != assistant.EConflict {
		t.Errorf("second team-noord: %v, want conflict", err)
	}
	for _, bad := range []assistant.Team{{}, {ID: "  "}, {ID: "t", Name: "a\x01"}} {
		if err := db.CreateTeam(ctx, admin, &bad); assistant.ErrorCode(err) != assistant.EInvalid {
			t.Errorf("CreateTeam(%+v): %v, want invalid", bad, err)
		}
	}
	// A team a call named first has no name until an admin gives it one.
	c := fullCall(assistant.Dutch, "agent-cas", "x")
	c.TeamID = "team-zuid"
	if _, err := db.CreateCall(ctx, admin, c); err != nil {
		t.Fatal(err)
	}
	name := "Zuid"
	zuid, err := db.UpdateTeam(ctx, admin, "team-zuid", assistant.TeamUpdate{Name: &name})
	if err != nil || zuid.Name != "Zuid" {
		t.Fatalf("UpdateTeam: %+v, %v", zuid, err)
	}
	if _, err := db.UpdateTeam(ctx, admin, "team-west", assistant.TeamUpdate{Name: &name}); assistant.ErrorCode(err) != assistant.ENotFound {
		t.Errorf("rename of a missing team: %v, want not found", err)
	}

	lead := principal(t, db, assistant.Token{Name: "Karin", Role: assistant.RoleLead, TeamIDs: []string{"team-zuid"}})
	cas := principal(t, db, assistant.Token{Name: "Cas", Role: assistant.RoleAgent, AgentID: "agent-cas"})
	for _, tt := range []struct {
		who   string
		scope assistant.Scope
		want  string
	}{{"admin", all, "team-noord,team-zuid"}, {"lead", lead.Scope(), "team-zuid"}, {"agent", cas.Scope(), "team-zuid"}, {"nobody", assistant.Scope{}, ""}} {
		teams, err := db.FindTeams(ctx, tt.scope, false)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, tm := range teams {
			ids = append(ids, tm.ID)
		}
		if got := strings.Join(ids, ","); got != tt.want {
			t.Errorf("%s lists teams %q, want %q", tt.who, got, tt.want)
		}
	}
	if _, err := db.FindTeamByID(ctx, lead.Scope(), "team-noord"); assistant.ErrorCode(err) != assistant.ENotFound {
		t.Errorf("a lead reading another team: %v, want not found", err)
	}

	for range 2 { // the second changes nothing
		got, err := db.SetTeamActive(ctx, admin, "team-noord", false)
		if err != nil || got.Active || got.DeactivatedAt.IsZero() {
			t.Fatalf("deactivate: %+v, %v", got, err)
		}
	}
	if teams, _ := db.FindTeams(ctx, all, false); len(teams) != 1 {
		t.Errorf("%d active teams listed, want 1", len(teams))
	}
	if teams, _ := db.FindTeams(ctx, all, true); len(teams) != 2 {
		t.Errorf("%d teams listed with inactive ones, want 2", len(teams))
	}
	if got, err := db.SetTeamActive(ctx, admin, "team-noord", true); err != nil || !got.Active {
		t.Errorf("activate: %+v, %v", got, err)
	}
	page, err := db.FindAudit(ctx, all, assistant.AuditFilter{Target: assistant.TargetTeam, TargetID: "team-noord"})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range page.Entries {
		actions = append(actions, string(e.Action))
	}
	if got, want := strings.Join(actions, " "), "team.activate team.deactivate team.create"; got != want {
		t.Errorf("audit of team-noord, newest first: %q, want %q", got, want)
	}
}

// TestAgentMoveKeepsCalls checks that moving an agent to another team
// leaves their earlier calls in the team they were made in: the old team's
// trainer still reads them, the new team's does not, and calls from then on
// are the new team's.
func TestAgentMoveKeepsCalls(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t)
	for _, id := range []string{"team-noord", "team-zuid"} {
		if err := db.CreateTeam(ctx, admin, &assistant.Team{ID: id}); err != nil {
			t.Fatal(err)
		}
	}
	anna := &assistant.AgentProfile{ID: "agent-anna", Name: "Anna Jansen", TeamID: "team-noord"}
	if err := db.CreateAgent(ctx, admin, anna); err != nil {
		t.Fatalf("CreateAgent: %v", err)
	}
	before := fullCall(assistant.Dutch, "agent-anna", "before")
	before.TeamID = ""
	if _, err := db.CreateCall(ctx, admin, before); err != nil {
		t.Fatal(err)
	}
	zuid := "team-zuid"
	moved, err := db.UpdateAgent(ctx, admin, "agent-anna", assistant.AgentUpdate{TeamID: &zuid})
	if err != nil || moved.TeamID != "team-zuid" || moved.Name != "Anna Jansen" {
		t.Fatalf("UpdateAgent: %+v, %v", moved, err)
	}
	after := fullCall(assistant.Dutch, "agent-anna", "after")
	after.TeamID = ""
	if _, err := db.CreateCall(ctx, admin, after); err != nil {
		t.Fatal(err)
	}
	if before.TeamID != "team-noord" || after.TeamID != "team-zuid" {
		t.Errorf("calls made in %q then %q, want team-noord then team-zuid", before.TeamID, after.TeamID)
	}
	noord := principal(t, db, assistant.Token{Name: "Ilse", Role: assistant.RoleTrainer, TeamIDs: []string{"team-noord"}})
	if _, err := db.FindCallByID(ctx, noord.Scope(), before.ID); err != nil {
		t.Errorf("team-noord's trainer lost the call made in team-noord: %v", err)
	}
	if _, err := db.FindCallByID(ctx, noord.Scope(), after.ID); assistant.ErrorCode(err) != assistant.ENotFound {
		t.Errorf("team-noord's trainer reads a call made in team-zuid: %v", err)
	}
	if _, err := db.FindAgentByID(ctx, noord.Scope(), "agent-anna"); assistant.ErrorCode(err) != assistant.ENotFound {
		t.Errorf("team-noord's trainer still lists the agent who left: %v", err)
	}
	page, err := db.FindAudit(ctx, all, assistant.AuditFilter{Action: assistant.ActionAgentUpdate})
	if err != nil || len(page.Entries) != 1 || page.Entries[0].Detail != "team_id team-noord → team-zuid" {
		t.Errorf("audit of the move: %+v, %v", page.Entries, err)
	}
	if strings.Contains(page.Entries[0].Detail, "Anna") {
		t.Error("the agent's name is in the audit trail")
	}
}

func TestAgents(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t)
	if err := db.CreateTeam(ctx, admin, &assistant.Team{ID: "team-noord"}); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateTeam(ctx, admin, &assistant.Team{ID: "team-oud"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetTeamActive(ctx, admin, "team-oud", false); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		a      assistant.AgentProfile
		code   string
		detail string
	}{
		{"NoID", assistant.AgentProfile{}, assistant.EInvalid, "needs an id"},
		{"UnknownTeam", assistant.AgentProfile{ID: "a", TeamID: "team-west"}, assistant.EInvalid, "team-west does not exist"},
		{"DeactivatedTeam", assistant.AgentProfile{ID: "a", TeamID: "team-oud"}, assistant.EInvalid, "team-oud is deactivated"},
	} {
		err := db.CreateAgent(ctx, admin, &tt.a)
		if assistant.ErrorCode(err) != tt.code || !strings.Contains(assistant.ErrorMessage(err), tt.detail) {
			t.Errorf("%s: %v, want %s naming %q", tt.name, err, tt.code, tt.detail)
		}
	}
	for i := range 5 {
		a := &assistant.AgentProfile{ID: "agent-" + string(rune('a'+i)), TeamID: "team-noord"}
		if err := db.CreateAgent(ctx, admin, a); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.CreateAgent(ctx, admin, &assistant.AgentProfile{ID: "agent-a"}); assistant.ErrorCode(err) != assistant.EConflict {
		t.Errorf("second agent-a: %v, want conflict", err)
	}
	var seen []string
	f := assistant.AgentFilter{Limit: 2}
	for range 5 {
		page, err := db.FindAgents(ctx, all, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range page.Agents {
			seen = append(seen, a.ID)
		}
		if f.Cursor = page.NextCursor; f.Cursor == "" {
			break
		}
	}
	if got := strings.Join(seen, ","); got != "agent-a,agent-b,agent-c,agent-d,agent-e" {
		t.Errorf("paged through %s", got)
	}
	if _, err := db.FindAgents(ctx, all, assistant.AgentFilter{Cursor: "nope"}); assistant.ErrorCode(err) != assistant.EInvalid {
		t.Errorf("bad cursor: %v, want invalid", err)
	}
	oud := "team-oud"
	if _, err := db.UpdateAgent(ctx, admin, "agent-a", assistant.AgentUpdate{TeamID: &oud}); assistant.ErrorCode(err) != assistant.EInvalid {
		t.Errorf("moving into a deactivated team: %v, want invalid", err)
	}
	if _, err := db.SetAgentActive(ctx, admin, "agent-b", false); err != nil {
		t.Fatal(err)
	}
	page, err := db.FindAgents(ctx, all, assistant.AgentFilter{})
	if err != nil || len(page.Agents) != 4 {
		t.Errorf("active agents: %d, %v; want 4", len(page.Agents), err)
	}
	page, err = db.FindAgents(ctx, all, assistant.AgentFilter{Inactive: true})
	if err != nil || len(page.Agents) != 5 {
		t.Errorf("all agents: %d, %v; want 5", len(page.Agents), err)
	}
	b := principal(t, db, assistant.Token{Name: "Bea", Role: assistant.RoleAgent, AgentID: "agent-c"})
	page, err = db.FindAgents(ctx, b.Scope(), assistant.AgentFilter{})
	if err != nil || len(page.Agents) != 1 || page.Agents[0].ID != "agent-c" {
		t.Errorf("an agent lists %+v, %v; want only themselves", page.Agents, err)
	}
}

// TestAgentNamedAfterToken checks that an agent a token makes is named
// after the token, that a name an admin gave stands, and that migration
// 00095 names the agents tokens made before and its Down keeps the names.
func TestAgentNamedAfterToken(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t)
	if _, err := db.CreateToken(ctx, admin, &assistant.Token{Name: "Eva de Vries", Role: assistant.RoleAgent, AgentID: "agent-eva"}); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateAgent(ctx, admin, &assistant.AgentProfile{ID: "agent-iris", Name: "Iris"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateToken(ctx, admin, &assistant.Token{Name: "Iris' headset", Role: assistant.RoleAgent, AgentID: "agent-iris"}); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		for id, want := range map[string]string{"agent-eva": "Eva de Vries", "agent-iris": "Iris"} {
			a, err := db.FindAgentByID(ctx, all, id)
			if err != nil || a.Name != want {
				t.Errorf("%s: %s named %q (%v), want %q", when, id, a.Name, err, want)
			}
		}
	}
	check("made by a token")
	// As a token left it before 00095.
	if err := db.Exec(ctx, `UPDATE agents SET name = NULL WHERE id = 'agent-eva'`); err != nil {
		t.Fatal(err)
	}
	if err := db.Exec(ctx, `DELETE FROM goose_db_version WHERE version_id = 95`); err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	check("after migration 00095")
	// Its Down keeps every name (the migration says why).
	if err := db.MigrateVersionDown(ctx, 95); err != nil {
		t.Fatalf("00095 down: %v", err)
	}
	check("after 00095 down")
}
