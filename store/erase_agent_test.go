package store_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// TestEraseAgentJobErrors erases an agent whose name is in the error of a
// finished job of the queue ("create call for agent …"): that job goes,
// another agent's stays. An unknown agent is ENotFound.
func TestEraseAgentJobErrors(t *testing.T) {
	ctx := context.Background()
	dsn := newDSN(t)
	db := mustOpen(t, dsn)
	raw, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	// "agent-erase-me2" holds the erased id but is another agent.
	for _, agent := range []string{"agent-erase-me", "agent-stays", "agent-erase-me2"} {
		if _, err := db.CreateToken(ctx, assistant.CommandLine(), &assistant.Token{Name: agent, Role: assistant.RoleAgent, AgentID: agent}); err != nil {
			t.Fatal(err)
		}
		if _, err := raw.ExecContext(ctx, `INSERT INTO river_job (args, kind, max_attempts, state, finalized_at, errors)
			VALUES ('{}', 'import_file', 1, 'discarded', now(), ARRAY[jsonb_build_object('error', 'create call for agent ' || $1::text || ': boom')])`, agent); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.EraseAgent(ctx, assistant.CommandLine(), "agent-nobody"); assistant.ErrorCode(err) != assistant.ENotFound {
		t.Errorf("erase an unknown agent: %v, want ENotFound", err)
	}
	if _, err := db.EraseAgent(ctx, assistant.CommandLine(), "agent-erase-me"); err != nil {
		t.Fatal(err)
	}
	count := func(agent string) int {
		var n int
		if err := raw.QueryRowContext(ctx, `SELECT count(*) FROM river_job WHERE strpos(errors::text, $1) > 0`, agent).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count("agent-erase-me:"); n != 0 {
		t.Errorf("%d jobs still name the erased agent", n)
	}
	for _, other := range []string{"agent-stays", "agent-erase-me2"} {
		if n := count(other); n != 1 {
			t.Errorf("%d jobs of the other agent %s, want 1", n, other)
		}
	}
}
