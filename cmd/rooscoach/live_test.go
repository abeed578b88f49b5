package main

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/store/storetest"
)

// rooscoach live against a real server: an agent's token plays their own
// call and stores it; naming another agent is refused; without a token the
// error says how to give one.
func TestLiveCommand(t *testing.T) {
	t.Setenv("DATABASE_URL", storetest.NewEmptyDSN(t))
	t.Setenv("ROOSCOACH_ADDR", "127.0.0.1:0")
	if _, stderr, err := runCmd(t, "", "migrate"); err != nil {
		t.Fatalf("migrate: %v\n%s", err, stderr)
	}
	ctx, stop := context.WithCancel(context.Background())
	var logs syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, nil, io.Discard, &logs) }()
	t.Cleanup(func() {
		stop()
		<-done
	})
	url := waitForURL(t, &logs)
	agent, stderr, err := runCmd(t, "", "token", "create", "--role", "agent", "--agent", "agent-sanne", "--name", "Sanne")
	if err != nil {
		t.Fatalf("token create: %v\n%s", err, stderr)
	}
	t.Setenv("ROOSCOACH_TOKEN", strings.TrimSpace(agent))
	const call = "../../assistant/session/testdata/nl-live.txt"

	out, stderr, err := runCmd(t, "", "live", "--url", url, "--language", "nl", call)
	if err != nil {
		t.Fatalf("live with the agent's token: %v\n%s%s", err, out, stderr)
	}
	for _, want := range []string{"for agent-sanne", "alert", "arrangement", "closing-reminder", "stored as /v1/calls/"} {
		if !strings.Contains(out, want) {
			t.Errorf("live printed no %q:\n%s", want, out)
		}
	}

	if _, _, err := runCmd(t, "", "live", "--url", url, "--agent-id", "agent-bram", call); err == nil || !strings.Contains(err.Error(), "403") || !strings.Contains(err.Error(), "agent agent-sanne's") {
		t.Errorf("live for another agent: %v; want a 403 that says whose token it is", err)
	}
	t.Setenv("ROOSCOACH_TOKEN", "")
	if _, _, err := runCmd(t, "", "live", "--url", url, call); err == nil || !strings.Contains(err.Error(), "401") || !strings.Contains(err.Error(), "ROOSCOACH_TOKEN or --token") {
		t.Errorf("live without a token: %v; want a 401 that says how to give one", err)
	}
	// --token overrides the environment: an admin's plays any agent's call.
	if out, stderr, err := runCmd(t, "", "live", "--url", url, "--token", firstToken(t, &logs), "--agent-id", "agent-cas", "--language", "nl", call); err != nil || !strings.Contains(out, "for agent-cas") {
		t.Errorf("live with an admin's --token: %v\n%s%s", err, out, stderr)
	}
}
