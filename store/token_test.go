package store_test

import (
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/store"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// principal makes a token t describes and returns who it authenticates as.
func principal(tb testing.TB, db *store.DB, t assistant.Token) assistant.Principal {
	tb.Helper()
	ctx := context.Background()
	storetest.Teams(tb, db, t.TeamIDs...)
	token, err := db.CreateToken(ctx, admin, &t)
	if err != nil {
		tb.Fatalf("CreateToken %s: %v", t.Name, err)
	}
	p, err := db.Authenticate(ctx, token)
	if err != nil {
		tb.Fatalf("Authenticate %s: %v", t.Name, err)
	}
	return p
}

var tokenShape = regexp.MustCompile(`^[1-9][0-9]*-[0-9a-f]{40}$`)

func TestCreateTokenAndAuthenticate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t)
	tok := &assistant.Token{Name: "Sanne de Vries", Role: assistant.RoleTrainer, TeamIDs: []string{"team-zuid", "team-noord", "team-zuid"}}
	storetest.Teams(t, db, "team-noord", "team-zuid")
	token, err := db.CreateToken(ctx, admin, tok)
	if err != nil {
		t.Fatalf("CreateToken: %v", err)
	}
	if !tokenShape.MatchString(token) {
		t.Errorf("token %q is not id-secret with a 40-digit hex secret", token)
	}
	p, err := db.Authenticate(ctx, token)
	if err != nil {
		t.Fatalf("Authenticate: %v", err)
	}
	want := assistant.Principal{TokenID: tok.ID, Name: "Sanne de Vries", Role: assistant.RoleTrainer,
		TeamIDs: []string{"team-noord", "team-zuid"}, Via: assistant.ViaToken}
	if diff := cmp.Diff(want, p); diff != "" {
		t.Errorf("principal (-want +got):\n%s", diff)
	}
	// The teams were made on first sight, as a call naming them would.
	if n, _ := db.Count(ctx, "teams"); n != 2 {
		t.Errorf("%d teams, want the 2 the token names", n)
	}
	// The secret is nowhere in the database, only its hash.
	secret := token[strings.Index(token, "-")+1:]
	for _, table := range []string{"tokens", "audit", "token_teams"} {
		if n, err := db.Count(ctx, table+" t WHERE row_to_json(t)::text LIKE '%"+secret+"%'"); err != nil || n != 0 {
			t.Errorf("%s: %d rows hold the secret (err %v)", table, n, err)
		}
	}
	page, err := db.FindAudit(ctx, all, assistant.AuditFilter{Action: assistant.ActionTokenCreate})
	if err != nil || len(page.Entries) != 1 {
		t.Fatalf("audit of token.create: %+v, %v", page, err)
	}
	if e := page.Entries[0]; e.Via != assistant.ViaCommandLine || e.TokenID != 0 || e.TargetID != itoa(tok.ID) || e.Detail != "role trainer" {
		t.Errorf("audit entry %+v, want via cli, no token id, target %d, detail role trainer", e, tok.ID)
	}
}

func TestAuthenticateRefuses(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t)
	good, err := db.CreateToken(ctx, admin, &assistant.Token{Name: "Bram", Role: assistant.RoleAgent, AgentID: "agent-bram"})
	if err != nil {
		t.Fatal(err)
	}
	revoked := &assistant.Token{Name: "old", Role: assistant.RoleAgent, AgentID: "agent-old"}
	revokedToken, err := db.CreateToken(ctx, admin, revoked)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.RevokeToken(ctx, admin, revoked.ID); err != nil {
		t.Fatal(err)
	}
	gone := &assistant.Token{Name: "leaver", Role: assistant.RoleAgent, AgentID: "agent-gone"}
	goneToken, err := db.CreateToken(ctx, admin, gone)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetAgentActive(ctx, admin, "agent-gone", false); err != nil {
		t.Fatal(err)
	}
	id, secret, _ := strings.Cut(good, "-")
	flipped := []byte(secret)
	flipped[0] ^= 1 // a different hex digit
	if flipped[0] > 'f' || (flipped[0] > '9' && flipped[0] < 'a') {
		flipped[0] = '0'
	}
	tests := []struct {
		name, token, detail string
	}{
		{"Empty", "", "not valid"},
		{"NoDash", "garbage", "not valid"},
		{"ShortSecret", id + "-abc", "not valid"},
		{"NotHex", id + "-" + strings.Repeat("z", 40), "not valid"},
		{"WrongSecret", id + "-" + string(flipped), "not valid"},
		{"UnknownID", "999999-" + secret, "not valid"},
		{"NegativeID", "-1-" + secret, "not valid"},
		{"Revoked", revokedToken, "revoked"},
		{"DeactivatedAgent", goneToken, "agent-gone is deactivated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := db.Authenticate(ctx, tt.token)
			if code := assistant.ErrorCode(err); code != assistant.EUnauthorized {
				t.Fatalf("ErrorCode = %q, want %q (err %v)", code, assistant.EUnauthorized, err)
			}
			if msg := assistant.ErrorMessage(err); !strings.Contains(msg, tt.detail) {
				t.Errorf("message %q lacks %q", msg, tt.detail)
			}
		})
	}
	if _, err := db.Authenticate(ctx, good); err != nil {
		t.Errorf("the good token stopped working: %v", err)
	}
}

// TestTokenLastUsed checks that last_used_at is written on first use and
// then only once it is a few minutes old, so that authenticating stays a
// read.
func TestTokenLastUsed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t)
	tok := &assistant.Token{Name: "Ilse", Role: assistant.RoleLead, TeamIDs: []string{"team-noord"}}
	storetest.Teams(t, db, "team-noord")
	token, err := db.CreateToken(ctx, admin, tok)
	if err != nil {
		t.Fatal(err)
	}
	lastUsed := func() time.Time {
		t.Helper()
		got, err := db.FindTokenByID(ctx, all, tok.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got.LastUsedAt
	}
	if !lastUsed().IsZero() {
		t.Fatal("a new token has a last use")
	}
	if _, err := db.Authenticate(ctx, token); err != nil {
		t.Fatal(err)
	}
	first := lastUsed()
	if first.IsZero() {
		t.Fatal("first use not written")
	}
	if _, err := db.Authenticate(ctx, token); err != nil {
		t.Fatal(err)
	}
	if again := lastUsed(); !again.Equal(first) {
		t.Errorf("last use rewritten within minutes: %v, then %v", first, again)
	}
	if err := db.Exec(ctx, `UPDATE tokens SET last_used_at = now() - interval '10 minutes' WHERE id = $1`, tok.ID); err != nil {
		t.Fatal(err)
	}
	stale := lastUsed()
	if _, err := db.Authenticate(ctx, token); err != nil {
		t.Fatal(err)
	}
	if fresh := lastUsed(); !fresh.After(stale.Add(9 * time.Minute)) {
		t.Errorf("a last use ten minutes old was not renewed: %v, then %v", stale, fresh)
	}
}

func TestCreateTokenInvalid(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t)
	tests := []struct {
		name   string
		tok    assistant.Token
		detail string
	}{
		{"NoName", assistant.Token{Role: assistant.RoleAdmin}, "needs a name"},
		{"NoRole", assistant.Token{Name: "x"}, "needs a role"},
		{"UnknownRole", assistant.Token{Name: "x", Role: "boss"}, `role "boss" is not known`},
		{"AgentWithoutAgent", assistant.Token{Name: "x", Role: assistant.RoleAgent}, "needs the agent"},
		{"AgentWithTeam", assistant.Token{Name: "x", Role: assistant.RoleAgent, AgentID: "a", TeamIDs: []string{"t"}}, "takes no teams"},
		{"TrainerWithoutTeam", assistant.Token{Name: "x", Role: assistant.RoleTrainer}, "at least one team"},
		{"LeadOfTwoTeams", assistant.Token{Name: "x", Role: assistant.RoleLead, TeamIDs: []string{"t1", "t2"}}, "exactly one team"},
		{"AdminWithTeam", assistant.Token{Name: "x", Role: assistant.RoleAdmin, TeamIDs: []string{"t"}}, "takes no teams"},
		{"TrainerWithAgent", assistant.Token{Name: "x", Role: assistant.RoleTrainer, TeamIDs: []string{"t"}, AgentID: "a"}, "Only an agent token names an agent"},
		{"EmptyTeam", assistant.Token{Name: "x", Role: assistant.RoleLead, TeamIDs: []string{""}}, "team id is empty"},
		{"NameWithNUL", assistant.Token{Name: "a\x00b", Role: assistant.RoleAdmin}, "control character"},
		{"UnknownTeam", assistant.Token{Name: "x", Role: assistant.RoleLead, TeamIDs: []string{"team-1"}}, "Team team-1 does not exist"},
		{"UnknownTeams", assistant.Token{Name: "x", Role: assistant.RoleTrainer, TeamIDs: []string{"t2", "t1"}}, "Teams t1, t2 do not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := db.CreateToken(ctx, admin, &tt.tok)
			if code := assistant.ErrorCode(err); code != assistant.EInvalid {
				t.Fatalf("ErrorCode = %q, want %q (err %v)", code, assistant.EInvalid, err)
			}
			if msg := assistant.ErrorMessage(err); !strings.Contains(msg, tt.detail) {
				t.Errorf("message %q lacks %q", msg, tt.detail)
			}
		})
	}
	for _, table := range []string{"tokens", "teams", "agents", "audit"} {
		if n, err := db.Count(ctx, table); err != nil || n != 0 {
			t.Errorf("%s: %d rows (err %v) after refused tokens, want 0", table, n, err)
		}
	}
}

// TestCreateFirstToken starts several instances on an empty token table at
// once: exactly one admin token is made, and none once any exists.
func TestCreateFirstToken(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := newDSN(t)
	const instances = 4
	tokens := make([]string, instances)
	made := make([]bool, instances)
	errs := make([]error, instances)
	var wg sync.WaitGroup
	for i := range instances {
		db := mustOpen(t, dsn)
		wg.Go(func() { tokens[i], made[i], errs[i] = db.CreateFirstToken(ctx) })
	}
	wg.Wait()
	var first string
	for i := range instances {
		if errs[i] != nil {
			t.Fatalf("instance %d: %v", i, errs[i])
		}
		if made[i] {
			if first != "" {
				t.Fatal("two instances made a first token")
			}
			first = tokens[i]
		}
	}
	if first == "" {
		t.Fatal("no instance made the first token")
	}
	db := mustOpen(t, dsn)
	p, err := db.Authenticate(ctx, first)
	if err != nil || p.Role != assistant.RoleAdmin || p.Name != store.FirstTokenName {
		t.Fatalf("first token: %+v, %v; want an admin named %q", p, err, store.FirstTokenName)
	}
	if n, _ := db.Count(ctx, "tokens"); n != 1 {
		t.Errorf("%d tokens, want 1", n)
	}
	if n, _ := db.Count(ctx, "audit WHERE via = 'system' AND action = 'token.create'"); n != 1 {
		t.Errorf("%d system audit entries for the first token, want 1", n)
	}
	if _, made, err := db.CreateFirstToken(ctx); err != nil || made {
		t.Errorf("second start: made %v, err %v; want nothing made", made, err)
	}
}

func TestRevokeToken(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t)
	tok := &assistant.Token{Name: "Piet", Role: assistant.RoleAdmin}
	token, err := db.CreateToken(ctx, admin, tok)
	if err != nil {
		t.Fatal(err)
	}
	piet, err := db.Authenticate(ctx, token)
	if err != nil {
		t.Fatal(err)
	}
	// Piet's is the only admin token, so it stays until there is another.
	if _, err := db.RevokeToken(ctx, piet, tok.ID); assistant.ErrorCode(err) != assistant.EConflict || !strings.Contains(assistant.ErrorMessage(err), "last admin token") {
		t.Fatalf("revoking the last admin token: %v, want a conflict saying so", err)
	}
	principal(t, db, assistant.Token{Name: "Eva", Role: assistant.RoleAdmin})
	for range 2 {
		got, err := db.RevokeToken(ctx, piet, tok.ID)
		if err != nil || !got.Revoked() {
			t.Fatalf("RevokeToken: %+v, %v", got, err)
		}
	}
	if n, _ := db.Count(ctx, "audit WHERE action = 'token.revoke'"); n != 1 {
		t.Errorf("%d revoke entries after revoking twice, want 1", n)
	}
	if _, err := db.RevokeToken(ctx, admin, 999); assistant.ErrorCode(err) != assistant.ENotFound {
		t.Errorf("unknown token: %v, want not found", err)
	}
	lead := principal(t, db, assistant.Token{Name: "Lies", Role: assistant.RoleLead, TeamIDs: []string{"t"}})
	if _, err := db.RevokeToken(ctx, lead, tok.ID); assistant.ErrorCode(err) != assistant.EForbidden {
		t.Errorf("a lead revoking: %v, want forbidden", err)
	}
	if _, err := db.FindTokens(ctx, lead.Scope()); assistant.ErrorCode(err) != assistant.EForbidden {
		t.Errorf("a lead listing tokens: %v, want forbidden", err)
	}
}

// BenchmarkAuthenticate is the cost of resolving a token the API has not
// cached: one read by primary key and the hash comparison.
func BenchmarkAuthenticate(b *testing.B) {
	ctx := context.Background()
	db := newDB(b)
	storetest.Teams(b, db, "t1", "t2")
	token, err := db.CreateToken(ctx, admin, &assistant.Token{Name: "bench", Role: assistant.RoleTrainer, TeamIDs: []string{"t1", "t2"}})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := db.Authenticate(ctx, token); err != nil {
			b.Fatal(err)
		}
	}
}

// A deactivated team has no calls coming; a token for it would open a team
// page nobody looks after, so it is refused as an unknown team is.
func TestCreateTokenForDeactivatedTeam(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t)
	admin := assistant.System()
	if err := db.CreateTeam(ctx, admin, &assistant.Team{ID: "team-oud"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetTeamActive(ctx, admin, "team-oud", false); err != nil {
		t.Fatal(err)
	}
	for _, role := range []assistant.Role{assistant.RoleLead, assistant.RoleTrainer} {
		_, err := db.CreateToken(ctx, admin, &assistant.Token{Name: "x", Role: role, TeamIDs: []string{"team-oud"}})
		if assistant.ErrorCode(err) != assistant.EInvalid || !strings.Contains(assistant.ErrorMessage(err), "Team team-oud is deactivated") {
			t.Errorf("%s token for a deactivated team: %v, want invalid naming the team", role, err)
		}
	}
	if n, err := db.Count(ctx, "tokens"); err != nil || n != 0 {
		t.Errorf("tokens: %d rows (err %v), want 0", n, err)
	}
	if _, err := db.SetTeamActive(ctx, admin, "team-oud", true); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateToken(ctx, admin, &assistant.Token{Name: "x", Role: assistant.RoleLead, TeamIDs: []string{"team-oud"}}); err != nil {
		t.Errorf("token for the team activated again: %v", err)
	}
}
