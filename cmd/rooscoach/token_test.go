package main

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/store/storetest"
)

// serveFor runs serve until the test ends and returns its URL and log.
func serveFor(t *testing.T, args ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, stop := context.WithCancel(context.Background())
	var logs syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, append([]string{"serve"}, args...), nil, io.Discard, &logs) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return waitForURL(t, &logs), &logs
}

// get sends GET path with token and returns the status.
func get(t *testing.T, url, token string) int {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

func TestTokenCommand(t *testing.T) {
	t.Setenv("DATABASE_URL", storetest.NewEmptyDSN(t))
	t.Setenv("ROOSCOACH_ADDR", "127.0.0.1:0")
	if _, stderr, err := runCmd(t, "", "migrate"); err != nil {
		t.Fatalf("migrate: %v\n%s", err, stderr)
	}
	out, stderr, err := runCmd(t, "", "token", "create", "--role", "trainer", "--team", "T1", "--team", "T2", "--create-teams", "--name", "Sanne Visser")
	if err != nil {
		t.Fatalf("token create: %v\n%s", err, stderr)
	}
	trainer := strings.TrimSpace(out)
	if !tokenShape(trainer) || strings.Count(out, "\n") != 1 {
		t.Fatalf("token create printed %q, want the token alone on one line", out)
	}
	if !strings.Contains(stderr, "Made token 1: Sanne Visser, trainer, teams T1, T2") || strings.Contains(stderr, trainer) {
		t.Errorf("token create said %q", stderr)
	}
	for _, bad := range []struct {
		args []string
		want string
	}{
		{[]string{"token", "create", "--role", "agent", "--name", "Bram"}, "needs the agent"},
		{[]string{"token", "create", "--role", "lead", "--team", "T1", "--team", "T2", "--name", "x"}, "exactly one team"},
		{[]string{"token", "create", "--role", "trainer", "--team", "T1", "Sanne"}, "flags only"},
		{[]string{"token", "revoke", "abc"}, "not a token ID"},
		{[]string{"token", "revoke"}, "one token ID"},
		{[]string{"token", "frobnicate"}, "unknown token command"},
		{[]string{"token"}, "create, list or revoke"},
	} {
		_, _, err := runCmd(t, "", bad.args...)
		var ue usageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%v: err %v, want a usage error naming %q", bad.args, err, bad.want)
		}
	}
	if _, _, err := runCmd(t, "", "token", "revoke", "99"); err == nil || !strings.Contains(err.Error(), "token 99 not found") {
		t.Errorf("revoking an unknown token: %v", err)
	}

	// A token exists, so serve makes none, and the command line's token
	// works against it.
	base, logs := serveFor(t)
	if strings.Contains(logs.String(), "FIRST START") {
		t.Errorf("serve made a first token although one existed:\n%s", logs)
	}
	if got := get(t, base+"/v1/calls", trainer); got != 200 {
		t.Errorf("the trainer's token: %d", got)
	}
	list, _, err := runCmd(t, "", "token", "list")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(list, "Sanne Visser") || !strings.Contains(list, "teams T1, T2") || strings.Contains(list, trainer[2:]) {
		t.Errorf("token list:\n%s", list)
	}
	out, _, err = runCmd(t, "", "token", "revoke", "1")
	if err != nil || !strings.Contains(out, "Revoked token 1 (Sanne Visser, trainer)") {
		t.Fatalf("token revoke: %v %q", err, out)
	}
	// This instance cached the token for a short while; a fresh instance
	// refuses it at once.
	other, _ := serveFor(t)
	if got := get(t, other+"/v1/calls", trainer); got != 401 {
		t.Errorf("a revoked token on a fresh instance: %d, want 401", got)
	}
	list, _, _ = runCmd(t, "", "token", "list")
	row := strings.Fields(strings.Split(list, "\n")[1])
	if !strings.Contains(list, "REVOKED") || row[0] != "1" || row[len(row)-1] == "-" {
		t.Errorf("token list does not show the revocation:\n%s", list)
	}
}

// TestFirstStart checks what a new user meets: with authentication off a
// loud warning and an open API; with it on and no token yet, one admin
// token in the log, the one time.
func TestFirstStart(t *testing.T) {
	t.Setenv("DATABASE_URL", storetest.NewEmptyDSN(t))
	t.Setenv("ROOSCOACH_ADDR", "127.0.0.1:0")
	if _, stderr, err := runCmd(t, "", "migrate"); err != nil {
		t.Fatalf("migrate: %v\n%s", err, stderr)
	}
	open, logs := serveFor(t, "--auth=off")
	if !strings.Contains(logs.String(), "AUTHENTICATION IS OFF") || strings.Contains(logs.String(), "FIRST START") {
		t.Errorf("serve with auth off logged:\n%s", logs)
	}
	if got := get(t, open+"/v1/calls", ""); got != 200 {
		t.Errorf("no token with auth off: %d, want 200", got)
	}

	base, logs := serveFor(t)
	token := firstToken(t, logs)
	if got := get(t, base+"/v1/calls", ""); got != 401 {
		t.Errorf("no token: %d, want 401", got)
	}
	if got := get(t, base+"/healthz", ""); got != 200 {
		t.Errorf("healthz without a token: %d, want 200", got)
	}
	if got := get(t, base+"/v1/tokens", token); got != 200 {
		t.Errorf("the first admin token listing tokens: %d", got)
	}
	_, again := serveFor(t)
	if strings.Contains(again.String(), "FIRST START") {
		t.Errorf("a second start printed another token:\n%s", again)
	}
	if _, _, err := runCmd(t, "", "serve", "--auth=maybe"); err == nil || !strings.Contains(err.Error(), "want on or off") {
		t.Errorf("--auth=maybe: %v", err)
	}
}

func tokenShape(s string) bool {
	id, secret, ok := strings.Cut(s, "-")
	return ok && id != "" && len(secret) == 40 && strings.Trim(secret, "0123456789abcdef") == "" && strings.Trim(id, "0123456789") == ""
}

// TestTokenCommandGuards: the command line refuses a token for a team that
// does not exist unless told to make it, and revokes the last admin token
// only with --force, since its user can always make another.
func TestTokenCommandGuards(t *testing.T) {
	t.Setenv("DATABASE_URL", storetest.NewEmptyDSN(t))
	if _, stderr, err := runCmd(t, "", "migrate"); err != nil {
		t.Fatalf("migrate: %v\n%s", err, stderr)
	}
	_, _, err := runCmd(t, "", "token", "create", "--role", "lead", "--team", "team-1", "--name", "Karin")
	if err == nil || !strings.Contains(err.Error(), "Team team-1 does not exist") || !strings.Contains(err.Error(), "--create-teams") {
		t.Errorf("token for an unknown team: err %v, want a refusal naming the team and --create-teams", err)
	}
	if list, _, _ := runCmd(t, "", "token", "list"); strings.Count(list, "\n") != 1 {
		t.Errorf("a token was made for the unknown team:\n%s", list)
	}
	// A token refused for another reason makes no team either.
	if _, _, err := runCmd(t, "", "token", "create", "--role", "admin", "--team", "team-2", "--name", "Eva", "--create-teams"); err == nil {
		t.Error("an admin token with a team was made")
	}
	if _, _, err := runCmd(t, "", "token", "create", "--role", "lead", "--team", "team-2", "--name", "Karin"); err == nil || !strings.Contains(err.Error(), "Team team-2 does not exist") {
		t.Errorf("team-2 was made for a refused token: %v", err)
	}
	out, stderr, err := runCmd(t, "", "token", "create", "--role", "lead", "--team", "team-1", "--name", "Karin", "--create-teams")
	if err != nil || !tokenShape(strings.TrimSpace(out)) || !strings.Contains(stderr, "Made team team-1") {
		t.Fatalf("token create --create-teams: %v %q %q", err, out, stderr)
	}
	if _, stderr, err := runCmd(t, "", "token", "create", "--role", "admin", "--name", "Eva"); err != nil {
		t.Fatalf("admin token: %v %s", err, stderr)
	}
	_, _, err = runCmd(t, "", "token", "revoke", "2")
	if err == nil || !strings.Contains(err.Error(), "last admin token") || !strings.Contains(err.Error(), "--force") {
		t.Errorf("revoking the last admin token: err %v, want a refusal pointing at --force", err)
	}
	out, stderr, err = runCmd(t, "", "token", "revoke", "2", "--force")
	if err != nil || !strings.Contains(out, "Revoked token 2") || !strings.Contains(stderr, "no admin token works") {
		t.Errorf("token revoke 2 --force: %v %q %q", err, out, stderr)
	}
}
