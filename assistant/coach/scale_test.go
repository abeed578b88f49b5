//go:build scale

// The scale benchmark of the progress views, on a data set made by
// `rooscoach seed` (make scale does both). It is kept out of make test and
// make bench by its build tag: seeding 100,000 calls takes minutes.

package coach_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/store"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// scaleURL is the seeded database: ROOSCOACH_SCALE_DATABASE_URL, or the
// rooscoach_scale database on the local Postgres.
func scaleURL() string {
	if u := os.Getenv("ROOSCOACH_SCALE_DATABASE_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/rooscoach_scale?sslmode=disable"
}

// BenchmarkProgressAtScale asks the progress views the way leads and agents
// do, in turn: an agent's last twelve weeks by week, an agent's last
// ninety days by day, a team's last twelve weeks by week (the team view
// with its agents compared) and a team's half year by month, each for a
// random agent or team and as the role that would ask. It reports the
// 50th, 95th and 99th percentile latency of each kind.
func BenchmarkProgressAtScale(b *testing.B) {
	ctx := context.Background()
	db, err := store.Open(ctx, scaleURL())
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	raw, err := sql.Open("postgres", scaleURL())
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	var calls, turns int
	if err := raw.QueryRow(`SELECT (SELECT count(*) FROM calls), (SELECT count(*) FROM turns)`).Scan(&calls, &turns); err != nil {
		b.Fatal(err)
	}
	if calls == 0 {
		b.Fatalf("%s holds no calls; seed it first (make scale)", scaleURL())
	}
	agents := column(b, raw, `SELECT id FROM agents ORDER BY id`)
	teams := column(b, raw, `SELECT id FROM teams ORDER BY id`)
	var newest time.Time
	if err := raw.QueryRow(`SELECT max(occurred_at) FROM calls`).Scan(&newest); err != nil {
		b.Fatal(err)
	}
	b.Logf("data set: %d calls, %d turns, %d agents, %d teams", calls, turns, len(agents), len(teams))

	svc := &coach.Service{Store: db, Progress: db, Now: func() time.Time { return newest }}
	// Every read is audited under its token, as in production, so each
	// asker gets a real token, made before the clock runs.
	as := func(p assistant.Principal) assistant.Principal {
		tok := assistant.Token{Name: "scale benchmark", Role: p.Role, AgentID: p.AgentID, TeamIDs: p.TeamIDs}
		storetest.Teams(b, db, p.TeamIDs...)
		if _, err := db.CreateToken(ctx, assistant.CommandLine(), &tok); err != nil {
			b.Fatal(err)
		}
		p.TokenID = tok.ID
		return p
	}
	agentAsks, leadAsks, trainerAsks := map[string]assistant.Principal{}, map[string]assistant.Principal{}, map[string]assistant.Principal{}
	for _, a := range agents {
		agentAsks[a] = as(assistant.Principal{Role: assistant.RoleAgent, AgentID: a})
	}
	for _, t := range teams {
		leadAsks[t] = as(assistant.Principal{Role: assistant.RoleLead, TeamIDs: []string{t}})
		trainerAsks[t] = as(assistant.Principal{Role: assistant.RoleTrainer, TeamIDs: []string{t}})
	}
	adminAsks := as(assistant.Principal{Role: assistant.RoleAdmin})
	today := newest.Format(time.DateOnly)
	kinds := []struct {
		name string
		ask  func(r *rand.Rand) error
	}{
		{"agent-12-weeks-by-week", func(r *rand.Rand) error {
			a := agents[r.IntN(len(agents))]
			f, err := assistant.NewProgressFilter("", today, "week", newest)
			if err != nil {
				return err
			}
			_, err = svc.AgentProgress(ctx, agentAsks[a], a, f)
			return err
		}},
		{"agent-90-days-by-day", func(r *rand.Rand) error {
			a := agents[r.IntN(len(agents))]
			f, err := assistant.NewProgressFilter(newest.AddDate(0, 0, -89).Format(time.DateOnly), today, "day", newest)
			if err != nil {
				return err
			}
			_, err = svc.AgentProgress(ctx, adminAsks, a, f)
			return err
		}},
		{"team-12-weeks-by-week", func(r *rand.Rand) error {
			t := teams[r.IntN(len(teams))]
			f, err := assistant.NewProgressFilter("", today, "week", newest)
			if err != nil {
				return err
			}
			_, err = svc.TeamProgress(ctx, leadAsks[t], t, f)
			return err
		}},
		{"team-26-weeks-by-month", func(r *rand.Rand) error {
			t := teams[r.IntN(len(teams))]
			f, err := assistant.NewProgressFilter(newest.AddDate(0, 0, -7*26).Format(time.DateOnly), today, "month", newest)
			if err != nil {
				return err
			}
			_, err = svc.TeamProgress(ctx, trainerAsks[t], t, f)
			return err
		}},
	}
	r := rand.New(rand.NewPCG(1, 2))
	latencies := make([][]time.Duration, len(kinds))
	b.ResetTimer()
	for i := range b.N {
		k := i % len(kinds)
		began := time.Now()
		if err := kinds[k].ask(r); err != nil {
			b.Fatalf("%s: %v", kinds[k].name, err)
		}
		latencies[k] = append(latencies[k], time.Since(began))
	}
	b.StopTimer()
	for k, kind := range kinds {
		ls := latencies[k]
		if len(ls) == 0 {
			continue
		}
		slices.Sort(ls)
		pct := func(p float64) time.Duration { return ls[min(len(ls)-1, int(p*float64(len(ls))))] }
		b.ReportMetric(float64(pct(0.95).Microseconds())/1000, kind.name+"-p95-ms")
		b.Logf("%-24s n=%4d  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %6.1f ms", kind.name, len(ls),
			ms(pct(0.5)), ms(pct(0.95)), ms(pct(0.99)), ms(ls[len(ls)-1]))
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func column(b *testing.B, db *sql.DB, query string) []string {
	b.Helper()
	rows, err := db.Query(query)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			b.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	if len(out) == 0 {
		b.Fatal(fmt.Sprintf("no rows for %s", query))
	}
	return out
}
