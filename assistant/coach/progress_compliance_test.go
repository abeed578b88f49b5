package coach_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/builtin"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/assistant/compliance/compliancetest"
	"github.com/rooscoach/rooscoach/assistant/transcript"
	"github.com/rooscoach/rooscoach/store"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// TestProgressCountsComplianceBreaches stores the compliance rule cases
// (Dutch and English calls that break and keep each rule, written for the
// checker's own tests) as the calls of three agents over four weeks, some
// of them through an analyzer without compliance checks, as calls stored
// before the checks existed are; the progress figures must match the
// breaches counted here from the rules of each stored record.
func TestProgressCountsComplianceBreaches(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, storetest.NewDSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	now := func() time.Time { return progressToday }
	checked, _ := builtin.Analyzer(now)
	if checked.Compliance == nil {
		t.Fatal("the built-in analyzer checks no compliance")
	}
	unchecked, _ := builtin.Analyzer(now)
	unchecked.Compliance = nil
	svc := &coach.Service{Analyzer: checked, Store: db, Progress: db, Now: now}
	old := &coach.Service{Analyzer: unchecked, Store: db, Progress: db, Now: now}

	cases, err := compliancetest.Cases()
	if err != nil {
		t.Fatal(err)
	}
	type agent struct{ id, team string }
	agents := []agent{{"agent-c1", "team-01"}, {"agent-c2", "team-01"}, {"agent-c3", "team-02"}}
	start := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC) // a Monday, four weeks before progressToday's week
	var calls []*assistant.Call
	uncheckedBreach := false
	for i, tc := range cases {
		if tc.AccountRef != "" {
			continue // the account rules need an account's history, not this test's
		}
		a := agents[i%len(agents)]
		at := start.AddDate(0, 0, 7*(i%4)+i%5).Add(time.Duration(i) * time.Minute)
		in := coach.Input{Data: []byte(tc.Transcript), MediaType: "text/plain", Options: transcript.Options{
			AgentID: a.id, TeamID: a.team, ExternalID: fmt.Sprintf("case-%d", i), Language: tc.Language,
			Jurisdiction: tc.Jurisdiction, TimeZone: tc.TimeZone, OccurredAt: at}}
		s := svc
		if i%5 == 0 {
			s = old
			uncheckedBreach = uncheckedBreach || tc.Want == assistant.RuleBroken
		}
		call, created, err := s.Ingest(ctx, admin, in)
		if err != nil || !created {
			t.Fatalf("ingest %s/%s: created %v, %v", tc.Rule, tc.Name, created, err)
		}
		full, err := db.FindCallByID(ctx, assistant.Scope{All: true}, call.ID)
		if err != nil {
			t.Fatal(err)
		}
		calls = append(calls, full)
	}

	// The set must hold what the figures are about, or the comparison
	// below proves little: breaches in a Dutch and in an English call, a
	// high or critical one, and a call that breaks a rule but was not
	// checked.
	var nlBreach, enBreach, severe bool
	for i, c := range calls {
		w := count(calls[i : i+1])
		switch {
		case w.breaches > 0 && c.Language == assistant.Dutch:
			nlBreach = true
		case w.breaches > 0 && c.Language == assistant.English:
			enBreach = true
		}
		severe = severe || w.severe > 0
	}
	if !nlBreach || !enBreach || !severe || !uncheckedBreach {
		t.Fatalf("the stored cases lack a breach in Dutch (%v), in English (%v), a high or critical one (%v) or an unchecked call that breaks a rule (%v)",
			nlBreach, enBreach, severe, uncheckedBreach)
	}

	f, err := assistant.NewProgressFilter("2026-11-02", "2026-11-29", "week", progressToday)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range agents {
		p, err := svc.AgentProgress(ctx, admin, a.id, f)
		if err != nil {
			t.Fatal(err)
		}
		var mine []*assistant.Call
		byWeek := map[time.Time][]*assistant.Call{}
		for _, c := range calls {
			if c.AgentID == a.id {
				mine = append(mine, c)
				byWeek[mondayOf(c.OccurredAt)] = append(byWeek[mondayOf(c.OccurredAt)], c)
			}
		}
		checkFigures(t, a.id+" total", p.Total.Figures, count(mine))
		if len(p.Buckets) != 4 {
			t.Fatalf("%s: %d weekly buckets, want 4", a.id, len(p.Buckets))
		}
		for _, b := range p.Buckets {
			checkFigures(t, a.id+" week of "+b.Start.Format(time.DateOnly), b.Figures, count(byWeek[b.Start]))
		}
	}

	// The team view: its total and, per agent, the period's breaches.
	fm, err := assistant.NewProgressFilter("2026-11-01", "2026-11-30", "month", progressToday)
	if err != nil {
		t.Fatal(err)
	}
	p, err := svc.TeamProgress(ctx, admin, "team-01", fm)
	if err != nil {
		t.Fatal(err)
	}
	var team []*assistant.Call
	perAgent := map[string][]*assistant.Call{}
	for _, c := range calls {
		if c.TeamID == "team-01" {
			team = append(team, c)
			perAgent[c.AgentID] = append(perAgent[c.AgentID], c)
		}
	}
	checkFigures(t, "team-01 total", p.Total.Figures, count(team))
	if len(p.Buckets) != 1 {
		t.Fatalf("team-01: %d monthly buckets, want 1", len(p.Buckets))
	}
	checkFigures(t, "team-01 November", p.Buckets[0].Figures, count(team))
	if len(p.Agents) != len(perAgent) {
		t.Fatalf("team-01 lists %d agents, want %d", len(p.Agents), len(perAgent))
	}
	for _, s := range p.Agents {
		w := count(perAgent[s.AgentID])
		if s.Breaches != w.breaches || s.CallsHighOrCritical != w.severe {
			t.Errorf("%s: breaches %d, high or critical %d; want %d, %d", s.AgentID, s.Breaches, s.CallsHighOrCritical, w.breaches, w.severe)
		}
		checkPerCall(t, s.AgentID+": breaches_per_call", s.BreachesPerCall, w)
	}
}
