package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
	"github.com/rooscoach/rooscoach/assistant/builtin"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/assistant/transcript"
	"github.com/rooscoach/rooscoach/assistant/web"
	"github.com/rooscoach/rooscoach/store"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// site is a real rooscoach server, API and pages, on a Postgres schema of
// its own with a job queue, and the tokens of one team.
type site struct {
	url  string
	svc  *coach.Service
	db   *store.DB
	team string
	// Tokens of the team's trainer, lead and agent anna, and an admin.
	trainer, lead, agent, admin string
}

type logWriter struct{ t testing.TB }

func (w logWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func newSite(t testing.TB) *site {
	t.Helper()
	return newSiteLogging(t, nil)
}

// newSiteLogging is newSite that writes its logs, from info level, as JSON
// to logs; nil logs writes warnings to the test's log.
func newSiteLogging(t testing.TB, logs io.Writer) *site {
	t.Helper()
	ctx := context.Background()
	dsn := storetest.NewDSN(t)
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	an, arr := builtin.Analyzer(time.Now)
	svc := &coach.Service{Analyzer: an, Store: db, Policies: db, Arrangements: arr, Progress: db, Imports: db}
	logger := slog.New(slog.NewTextHandler(logWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if logs != nil {
		logger = slog.New(slog.NewJSONHandler(logs, nil))
	}
	srv := api.NewServer(api.Config{Logger: logger}, svc, db, svc)
	pages, err := web.New(web.Config{Logger: logger}, svc, db)
	if err != nil {
		t.Fatal(err)
	}
	srv.Mount(pages)
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	worker := &coach.Service{Analyzer: an, Store: db, Progress: db, Imports: db}
	storetest.StartQueue(t, db, worker, store.QueueConfig{Workers: 2, PollInterval: 100 * time.Millisecond})
	s := &site{url: hs.URL, svc: svc, db: db, team: "noord"}
	by := assistant.CommandLine()
	if err := db.CreateTeam(ctx, by, &assistant.Team{ID: "noord", Name: "Team Noord"}); err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"anna", "bram"} {
		if err := db.CreateAgent(ctx, by, &assistant.AgentProfile{ID: a, Name: a, TeamID: "noord"}); err != nil {
			t.Fatal(err)
		}
	}
	tokens := []struct {
		to  *string
		tok assistant.Token
	}{
		{&s.trainer, assistant.Token{Name: "Tessa (trainer)", Role: assistant.RoleTrainer, TeamIDs: []string{"noord"}}},
		{&s.lead, assistant.Token{Name: "Lars (lead)", Role: assistant.RoleLead, TeamIDs: []string{"noord"}}},
		{&s.agent, assistant.Token{Name: "Anna", Role: assistant.RoleAgent, AgentID: "anna"}},
		{&s.admin, assistant.Token{Name: "admin", Role: assistant.RoleAdmin}},
	}
	for _, tk := range tokens {
		tok := tk.tok
		storetest.Teams(t, db, tok.TeamIDs...)
		if *tk.to, err = db.CreateToken(ctx, by, &tok); err != nil {
			t.Fatalf("token %s: %v", tok.Name, err)
		}
	}
	return s
}

// callsPath is the repository's sample transcripts.
var callsPath = filepath.Join("..", "..", "testdata", "calls")

// seedHistory stores the sample calls for both agents over the past
// weeks, so that the lead's charts have lines to draw.
func (s *site) seedHistory(t testing.TB) {
	t.Helper()
	ctx := context.Background()
	files := []string{"nl-betalingsregeling.txt", "en-arrears.txt", "nl-ambtelijk.txt", "en-formal.txt", "nl-loon-vraag.txt", "en-payday-question.txt"}
	now := time.Now().UTC()
	k := 0
	for week := 9; week >= 0; week-- {
		for i, agent := range []string{"anna", "bram"} {
			name := files[(week+i*3)%len(files)]
			data, err := os.ReadFile(filepath.Join(callsPath, name))
			if err != nil {
				t.Fatal(err)
			}
			k++
			in := coach.Input{Data: data, Options: transcript.Options{AgentID: agent, TeamID: s.team,
				ExternalID: "seed-" + name + "-" + agent + "-" + time.Duration(week).String(), OccurredAt: now.AddDate(0, 0, -7*week-i-1)}}
			if _, _, err := s.svc.Ingest(ctx, assistant.CommandLine(), in); err != nil {
				t.Fatalf("seed %s: %v", name, err)
			}
		}
	}
	start := assistant.DateOf(now.AddDate(0, 0, -70))
	for _, g := range []coach.GoalInput{
		{AgentID: "anna", Kind: assistant.GoalTargetShare, Note: "Lead from above-together: propose, then ask.", StartsOn: &start},
		{AgentID: "anna", Kind: assistant.GoalClosing, StartsOn: &start},
	} {
		if _, err := s.svc.SetGoal(ctx, assistant.CommandLine(), g); err != nil {
			t.Fatalf("seed goal: %v", err)
		}
	}
}

// readAll reads a response body for a test.
func readAll(t testing.TB, r io.Reader) string {
	t.Helper()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
