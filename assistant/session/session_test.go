package session_test

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/builtin"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/assistant/mock"
	"github.com/rooscoach/rooscoach/assistant/session"
	"github.com/rooscoach/rooscoach/assistant/transcript"
)

var update = flag.Bool("update", false, "rewrite the golden files of the live event texts")

var today = func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }

// admin opens and ends the sessions of the tests that are not about who
// may: an admin acts for any agent.
var admin = assistant.Principal{TokenID: 1, Name: "test admin", Role: assistant.RoleAdmin}

// stored is a fake store that keeps what the sessions store, on whose
// behalf, and knows the teams of some agents.
type stored struct {
	mu    sync.Mutex
	calls []*assistant.Call
	by    []assistant.Principal
	teams map[string]string
	// down fails FindCalls.
	down bool
}

func (s *stored) CreateCall(_ context.Context, by assistant.Principal, c *assistant.Call) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, old := range s.calls {
		if old.AgentID == c.AgentID && old.ExternalID == c.ExternalID {
			*c = *old
			return false, nil
		}
	}
	c.ID = int64(len(s.calls) + 1)
	s.calls = append(s.calls, c)
	s.by = append(s.by, by)
	return true, nil
}

// FindCalls finds the calls by agent, team and external id, as the store
// does; down makes it fail as a database that does not answer.
func (s *stored) FindCalls(_ context.Context, scope assistant.Scope, f assistant.CallFilter) (assistant.CallPage, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.down {
		return assistant.CallPage{}, assistant.Errorf(assistant.EUnavailable, "database down")
	}
	page := assistant.CallPage{Calls: []*assistant.Call{}}
	for i := len(s.calls) - 1; i >= 0; i-- {
		c := s.calls[i]
		if scope.Allows(c.AgentID, c.TeamID) && (f.AgentID == "" || c.AgentID == f.AgentID) && (f.TeamID == "" || c.TeamID == f.TeamID) &&
			(f.ExternalID == "" || c.ExternalID == f.ExternalID) {
			page.Calls = append(page.Calls, c)
		}
	}
	return page, nil
}

func (s *stored) FindAgentByID(_ context.Context, scope assistant.Scope, id string) (*assistant.AgentProfile, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	team, ok := s.teams[id]
	if !ok || !scope.Allows(id, team) {
		return nil, assistant.Errorf(assistant.ENotFound, "agent %s not found", id)
	}
	return &assistant.AgentProfile{ID: id, TeamID: team, Active: true}, nil
}

// FindTeamByID knows the teams by name only: none has a default
// jurisdiction of its own.
func (s *stored) FindTeamByID(_ context.Context, scope assistant.Scope, id string) (*assistant.Team, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, team := range s.teams {
		if team == id && scope.All {
			return &assistant.Team{ID: id, Active: true}, nil
		}
	}
	return nil, assistant.Errorf(assistant.ENotFound, "team %s not found", id)
}

// service returns the use cases over the built-in engine and st.
func service(st *stored) *coach.Service {
	an, _ := builtin.Analyzer(today)
	return &coach.Service{Analyzer: an, Store: &mock.CallStore{CreateCallFn: st.CreateCall, FindCallsFn: st.FindCalls, FindAgentByIDFn: st.FindAgentByID, FindTeamByIDFn: st.FindTeamByID}, Now: today}
}

func (s *stored) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.calls)
}

// newRegistry returns a registry over the built-in engine and a fake store.
func newRegistry(t *testing.T, cfg session.Config) (*session.Registry, *stored) {
	t.Helper()
	st := &stored{}
	cfg.Now = today
	r := session.NewRegistry(cfg, service(st))
	t.Cleanup(func() { r.Close(context.Background()) })
	return r, st
}

// script reads a sample call as turns.
func script(t *testing.T, path string) []assistant.Turn {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := transcript.Parse(data, "", transcript.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return tr.Turns
}

// play sends the turns as a transcriber would: two growing partials, then
// the final utterance. It returns every event by turn.
func play(t *testing.T, s *session.Session, turns []assistant.Turn) map[int][]session.Event {
	t.Helper()
	ctx := context.Background()
	out := map[int][]session.Event{}
	for _, turn := range turns {
		words := strings.Fields(turn.Text)
		for _, n := range []int{len(words) / 3, 2 * len(words) / 3} {
			if n == 0 {
				continue
			}
			evs, err := s.Add(ctx, session.Utterance{Speaker: turn.Speaker, Text: strings.Join(words[:n], " ")})
			if err != nil || len(evs) != 0 {
				t.Fatalf("partial of turn %d: events %v, err %v", turn.Index, evs, err)
			}
		}
		evs, err := s.Add(ctx, session.Utterance{Speaker: turn.Speaker, Text: turn.Text, Final: true})
		if err != nil {
			t.Fatalf("turn %d: %v", turn.Index, err)
		}
		for _, e := range evs {
			out[e.Turn] = append(out[e.Turn], e)
		}
	}
	return out
}

// kinds lists the events of a turn as type/kind.
func kinds(evs []session.Event) []string {
	var out []string
	for _, e := range evs {
		k := string(e.Type)
		if e.Type == assistant.EventAlert {
			k += "/" + e.Kind
		}
		out = append(out, k)
	}
	return out
}

// The sample calls (written for this test: an agent who threatens, a
// customer who pushes back and then names job loss, an agent who pushes
// on, the customer's own offer and payday, a thanks at the end) give each
// kind of event at the turn where a trainer would give it.
func TestPlayCall(t *testing.T) {
	want := map[int][]string{
		0: {"stance", "tip"},
		1: {"stance"},
		2: {"stance", "tip"},
		3: {"stance", "alert/" + assistant.AlertOpposition},
		4: {"stance", "tip"},
		5: {"stance", "referral"},
		6: {"stance", "tip", "alert/" + assistant.AlertHardship},
		7: {"stance", "arrangement"},
		8: {"stance", "tip"},
		9: {"stance", "closing-reminder"},
	}
	for _, lang := range assistant.Languages {
		t.Run(string(lang), func(t *testing.T) {
			r, st := newRegistry(t, session.Config{})
			s, _, err := r.Open(context.Background(), admin, session.OpenRequest{AgentID: "agent-sanne", Language: string(lang)})
			if err != nil {
				t.Fatal(err)
			}
			turns := script(t, "testdata/"+string(lang)+"-live.txt")
			got := play(t, s, turns)
			for i := range turns {
				if diff := cmp.Diff(want[i], kinds(got[i])); diff != "" {
					t.Errorf("turn %d: events (-want +got):\n%s", i, diff)
				}
			}
			for _, evs := range got {
				for _, e := range evs {
					if e.Text == "" || e.Seq == 0 || e.At.IsZero() {
						t.Errorf("event %+v lacks text, sequence number or time", e.LiveEvent)
					}
				}
			}
			card := got[7][1]
			if len(card.Options) == 0 || !strings.Contains(card.Text, map[assistant.Language]string{"nl": "€ 50", "en": "£40"}[lang]) {
				t.Errorf("arrangement card %q with %d options; want the customer's amount and options", card.Text, len(card.Options))
			}
			if !strings.Contains(got[6][2].Text, map[assistant.Language]string{"nl": "baan kwijtgeraakt", "en": "lost my job"}[lang]) {
				t.Errorf("hardship alert %q does not quote the customer", got[6][2].Text)
			}

			res, err := r.End(context.Background(), admin, s.ID(), session.EndRequest{})
			if err != nil || !res.Created || res.Call == nil {
				t.Fatalf("End: %+v, %v", res, err)
			}
			live := res.Call.Live
			if live == nil || live.EndReason != assistant.EndedByClient || live.Utterances != 10 || live.Partials == 0 {
				t.Fatalf("record's live note %+v", live)
			}
			// The record keeps what was shown besides the stances: 5 tips,
			// 2 alerts, 2 cards, 1 reminder.
			if n := len(live.Events); n != 10 {
				t.Errorf("record holds %d events, want 10: %+v", n, live.Events)
			}
			if len(res.Call.Turns) != 10 || res.Call.Format != "live" || res.Call.ExternalID != "live-"+s.ID() {
				t.Errorf("record: %d turns, format %q, external id %q", len(res.Call.Turns), res.Call.Format, res.Call.ExternalID)
			}
			again, err := r.End(context.Background(), admin, s.ID(), session.EndRequest{})
			if err != nil || again.Created || again.Call.ID != res.Call.ID || st.count() != 1 {
				t.Errorf("second End: %+v, %v; %d calls stored", again, err, st.count())
			}
			if !cmp.Equal(st.by, []assistant.Principal{admin}) {
				t.Errorf("stored on behalf of %+v; want whoever opened the session", st.by)
			}
		})
	}
}

// Quiet mode shows only alerts and red flags.
func TestQuietMode(t *testing.T) {
	r, _ := newRegistry(t, session.Config{})
	s, _, err := r.Open(context.Background(), admin, session.OpenRequest{AgentID: "agent-sanne", Language: "nl", Mode: assistant.LiveQuiet})
	if err != nil {
		t.Fatal(err)
	}
	got := play(t, s, script(t, "testdata/nl-live.txt"))
	var all []string
	for i := range 10 {
		for _, e := range got[i] {
			if e.Type != assistant.EventAlert && !e.RedFlag {
				t.Errorf("quiet mode showed %s at turn %d: %q", e.Type, i, e.Text)
			}
			all = append(all, string(e.Type)+"/"+e.Kind)
		}
	}
	// The threat of turn 2 is a red flag; so are both alerts and the
	// referral.
	want := []string{"tip/threat", "alert/" + assistant.AlertOpposition, "referral/nl", "alert/" + assistant.AlertHardship}
	if diff := cmp.Diff(want, all); diff != "" {
		t.Errorf("quiet events (-want +got):\n%s", diff)
	}
}

// A crisis is an alert at once, with the referral that gives the line.
func TestCrisis(t *testing.T) {
	r, _ := newRegistry(t, session.Config{})
	for lang, text := range map[string]string{"nl": "Ik wil er niet meer zijn, ik trek dit niet.", "en": "Honestly I want to die, I can't do this anymore."} {
		s, _, err := r.Open(context.Background(), admin, session.OpenRequest{AgentID: "agent-" + lang, Language: lang})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		if _, err := s.Add(ctx, session.Utterance{Speaker: assistant.Agent, Text: "Hello, how can I help?", Final: true}); err != nil {
			t.Fatal(err)
		}
		evs, err := s.Add(ctx, session.Utterance{Speaker: assistant.Customer, Text: text, Final: true})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"stance", "alert/crisis", "referral"}, kinds(evs)); diff != "" {
			t.Errorf("%s crisis events (-want +got):\n%s", lang, diff)
		}
	}
}

// Partials are replaced, never analysed, and a speaker's next final joins
// their turn, as the transcript reader joins segments.
func TestPartialsAndTurns(t *testing.T) {
	r, _ := newRegistry(t, session.Config{})
	s, _, _ := r.Open(context.Background(), admin, session.OpenRequest{AgentID: "a"})
	ctx := context.Background()
	add := func(sp assistant.Speaker, text string, final bool) []session.Event {
		t.Helper()
		evs, err := s.Add(ctx, session.Utterance{Speaker: sp, Text: text, Final: final})
		if err != nil {
			t.Fatal(err)
		}
		return evs
	}
	add(assistant.Agent, "Good after", false)
	add(assistant.Agent, "Good afternoon, this is", false)
	add(assistant.Customer, "Hel", false)
	st := s.State()
	if len(st.Turns) != 0 || st.Partial[assistant.Agent] != "Good afternoon, this is" || st.Partial[assistant.Customer] != "Hel" {
		t.Fatalf("state after partials: %+v", st)
	}
	add(assistant.Agent, "Good afternoon, this is James.", true)
	evs := add(assistant.Agent, "How are you today?", true)
	if evs[0].Turn != 0 || evs[0].Type != assistant.EventStance {
		t.Errorf("the agent's second final gave %+v; want events of turn 0 again", evs[0].LiveEvent)
	}
	st = s.State()
	if len(st.Turns) != 1 || st.Turns[0].Text != "Good afternoon, this is James. How are you today?" || st.Partial[assistant.Agent] != "" {
		t.Errorf("state: turns %+v, partials %v", st.Turns, st.Partial)
	}
	if st.Language != assistant.English || !st.LanguageDetected {
		t.Errorf("language %q detected %v; want en, detected", st.Language, st.LanguageDetected)
	}
}

// Bad input is refused with an error that names what is wrong, and the
// session goes on as if it had not come.
func TestBadUtterances(t *testing.T) {
	r, _ := newRegistry(t, session.Config{Rate: 1000, Burst: 1000, MaxUtterances: 3})
	s, _, _ := r.Open(context.Background(), admin, session.OpenRequest{AgentID: "a", Language: "nl"})
	ctx := context.Background()
	ms := func(v int64) *int64 { return &v }
	tests := []struct {
		name string
		u    session.Utterance
		code string
		want string
	}{
		{"speaker", session.Utterance{Speaker: "supervisor", Text: "Hallo", Final: true}, assistant.EInvalid, `speaker "supervisor" is neither agent nor customer`},
		{"no speaker", session.Utterance{Text: "Hallo", Final: true}, assistant.EInvalid, "speaker is missing"},
		{"empty", session.Utterance{Speaker: assistant.Agent, Text: "  ", Final: true}, assistant.EInvalid, "text is empty"},
		{"long", session.Utterance{Speaker: assistant.Agent, Text: strings.Repeat("a", 2001), Final: true}, assistant.EInvalid, "at most 2000"},
		{"control", session.Utterance{Speaker: assistant.Agent, Text: "Hal\x00lo", Final: true}, assistant.EInvalid, "control character at position 4"},
		{"times", session.Utterance{Speaker: assistant.Agent, Text: "Hallo", StartMS: ms(500), EndMS: ms(100), Final: true}, assistant.EInvalid, "end_ms 100 is before start_ms 500"},
		{"negative", session.Utterance{Speaker: assistant.Agent, Text: "Hallo", StartMS: ms(-1), Final: true}, assistant.EInvalid, "start_ms -1 is out of range"},
	}
	for _, tt := range tests {
		_, err := s.Add(ctx, tt.u)
		if assistant.ErrorCode(err) != tt.code || !strings.Contains(assistant.ErrorMessage(err), tt.want) {
			t.Errorf("%s: err %v; want %s with %q", tt.name, err, tt.code, tt.want)
		}
	}
	if st := s.State(); len(st.Turns) != 0 || len(st.Events) != 0 {
		t.Fatalf("refused utterances changed the session: %+v", st)
	}
	for i, sp := range []assistant.Speaker{assistant.Agent, assistant.Customer, assistant.Agent} {
		if _, err := s.Add(ctx, session.Utterance{Speaker: sp, Text: "Goedemiddag.", Final: true}); err != nil {
			t.Fatalf("utterance %d: %v", i, err)
		}
	}
	if _, err := s.Add(ctx, session.Utterance{Speaker: assistant.Customer, Text: "Nog een.", Final: true}); assistant.ErrorCode(err) != assistant.ETooLarge {
		t.Errorf("utterance past the limit: err %v, want ETooLarge", err)
	}
	if _, err := s.Add(ctx, session.Utterance{Speaker: assistant.Agent, Text: "Nog een", Final: false}); err != nil {
		t.Errorf("a partial past the limit of finals: %v", err)
	}
}

// A flood beyond the session's rate is refused utterance by utterance;
// the session takes utterances again once it slows down.
func TestRate(t *testing.T) {
	now := today()
	var mu sync.Mutex
	r := session.NewRegistry(session.Config{Rate: 2, Burst: 3, Now: func() time.Time { mu.Lock(); defer mu.Unlock(); return now }}, service(&stored{}))
	defer r.Close(context.Background())
	s, _, _ := r.Open(context.Background(), admin, session.OpenRequest{AgentID: "a", Language: "en"})
	ctx := context.Background()
	refused := 0
	for range 10 {
		if _, err := s.Add(ctx, session.Utterance{Speaker: assistant.Agent, Text: "Hello"}); assistant.ErrorCode(err) == assistant.ERateLimited {
			refused++
		} else if err != nil {
			t.Fatal(err)
		}
	}
	if refused != 7 {
		t.Errorf("%d of 10 utterances refused at once; want 7 past a burst of 3", refused)
	}
	mu.Lock()
	now = now.Add(time.Second)
	mu.Unlock()
	if _, err := s.Add(ctx, session.Utterance{Speaker: assistant.Agent, Text: "Hello there.", Final: true}); err != nil {
		t.Errorf("after a second: %v", err)
	}
}

// A subscriber that does not read loses its subscription; the session and
// other subscribers go on, and a new subscriber gets what it missed.
func TestSlowSubscriber(t *testing.T) {
	r, _ := newRegistry(t, session.Config{})
	s, _, _ := r.Open(context.Background(), admin, session.OpenRequest{AgentID: "a", Language: "nl"})
	slow, err := s.Subscribe(0, 1)
	if err != nil {
		t.Fatal(err)
	}
	fast, _ := s.Subscribe(0, 100)
	turns := script(t, "testdata/nl-live.txt")
	play(t, s, turns[:4])
	n := 0
	for range slow.C {
		n++
	}
	if !errors.Is(slow.Err(), session.ErrSlow) || n != 1 {
		t.Errorf("slow subscriber: %d events then %v; want 1 then ErrSlow", n, slow.Err())
	}
	if len(fast.C) != len(s.State().Events) {
		t.Errorf("fast subscriber has %d events, the session %d", len(fast.C), len(s.State().Events))
	}
	late, _ := s.Subscribe(2, 10)
	if e := <-late.C; e.Seq != 3 {
		t.Errorf("a subscriber after event 2 first got event %d", e.Seq)
	}
}

// Idle sessions end by themselves and are stored; one without an agent
// turn ends and stores nothing.
func TestIdle(t *testing.T) {
	now := today()
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	st := &stored{}
	r := session.NewRegistry(session.Config{IdleTimeout: time.Hour, Now: clock}, service(st))
	defer r.Close(context.Background())
	ctx := context.Background()
	talk, _, _ := r.Open(context.Background(), admin, session.OpenRequest{AgentID: "a", Language: "nl"})
	silent, _, _ := r.Open(context.Background(), admin, session.OpenRequest{AgentID: "a", Language: "nl"})
	followed, _, _ := r.Open(context.Background(), admin, session.OpenRequest{AgentID: "b", Language: "nl"})
	for _, s := range []*session.Session{talk, followed} {
		if _, err := s.Add(ctx, session.Utterance{Speaker: assistant.Agent, Text: "Goedemiddag, met Sanne.", Final: true}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := silent.Add(ctx, session.Utterance{Speaker: assistant.Customer, Text: "Hallo?", Final: true}); err != nil {
		t.Fatal(err)
	}
	sub, _ := followed.Subscribe(0, 10)
	defer sub.Close()
	r.Sweep(ctx)
	if talk.Ended() || st.count() != 0 {
		t.Fatal("a session ended before its idle time")
	}
	mu.Lock()
	now = now.Add(time.Hour)
	mu.Unlock()
	r.Sweep(ctx)
	if !talk.Ended() || !silent.Ended() || followed.Ended() {
		t.Errorf("after the idle time: talk ended %v, silent %v, followed %v; want true, true, false", talk.Ended(), silent.Ended(), followed.Ended())
	}
	if st.count() != 1 || st.calls[0].Live.EndReason != assistant.EndedIdle {
		t.Errorf("stored %d calls; want the idle one, ended idle", st.count())
	}
	if _, err := talk.Add(ctx, session.Utterance{Speaker: assistant.Agent, Text: "Bent u er nog?", Final: true}); assistant.ErrorCode(err) != assistant.EConflict ||
		!strings.Contains(assistant.ErrorMessage(err), "/v1/calls/1") {
		t.Errorf("utterance after the end: %v; want EConflict naming the record", err)
	}
	if res, err := r.End(ctx, admin, silent.ID(), session.EndRequest{}); err != nil || res.Call != nil || res.Reason == "" {
		t.Errorf("end of the silent session: %+v, %v; want no record and a reason", res, err)
	}
	// Long after, the ended sessions are forgotten.
	mu.Lock()
	now = now.Add(time.Hour)
	mu.Unlock()
	r.Sweep(ctx)
	if _, err := r.Get(admin, talk.ID()); assistant.ErrorCode(err) != assistant.ENotFound {
		t.Errorf("Get long after the end: %v, want ENotFound", err)
	}
}

// The registry's limits: sessions in all and per agent, a retried open.
func TestLimits(t *testing.T) {
	r, _ := newRegistry(t, session.Config{MaxSessions: 3, MaxPerAgent: 2})
	open := func(agent, ext string) (*session.Session, bool, error) {
		return r.Open(context.Background(), admin, session.OpenRequest{AgentID: agent, ExternalID: ext})
	}
	a1, _, _ := open("a", "call-1")
	again, created, err := open("a", "call-1")
	if err != nil || created || again != a1 {
		t.Errorf("open again with the same external id: created %v, err %v; want the same session", created, err)
	}
	open("a", "")
	if _, _, err := open("a", ""); assistant.ErrorCode(err) != assistant.ERateLimited {
		t.Errorf("third session of one agent: %v, want ERateLimited", err)
	}
	open("b", "")
	if _, _, err := open("c", ""); assistant.ErrorCode(err) != assistant.EUnavailable {
		t.Errorf("fourth session: %v, want EUnavailable", err)
	}
	if _, err := r.End(context.Background(), admin, a1.ID(), session.EndRequest{}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := open("c", ""); err != nil {
		t.Errorf("open after an end: %v", err)
	}
	for _, tt := range []struct {
		req  session.OpenRequest
		want string
	}{
		{session.OpenRequest{}, "agent_id is required"},
		{session.OpenRequest{AgentID: "a", Language: "de"}, "de"},
		{session.OpenRequest{AgentID: "a", Mode: "loud"}, `mode "loud" is not known`},
		{session.OpenRequest{AgentID: strings.Repeat("x", 201)}, "agent_id is 201 characters"},
	} {
		if _, _, err := r.Open(context.Background(), admin, tt.req); !strings.Contains(assistant.ErrorMessage(err), tt.want) {
			t.Errorf("Open(%+v): %v; want %q", tt.req, err, tt.want)
		}
	}
	if _, err := r.Get(admin, "nope"); assistant.ErrorCode(err) != assistant.ENotFound {
		t.Errorf("Get of an unknown id: %v", err)
	}
}

// Closing the registry stores the sessions in progress.
func TestCloseStores(t *testing.T) {
	st := &stored{}
	r := session.NewRegistry(session.Config{Now: today}, service(st))
	s, _, _ := r.Open(context.Background(), admin, session.OpenRequest{AgentID: "a", Language: "en"})
	if _, err := s.Add(context.Background(), session.Utterance{Speaker: assistant.Agent, Text: "Hello, this is James.", Final: true}); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if st.count() != 1 || st.calls[0].Live.EndReason != assistant.EndedOnShutdown {
		t.Errorf("stored %d calls on close", st.count())
	}
	if _, _, err := r.Open(context.Background(), admin, session.OpenRequest{AgentID: "a"}); assistant.ErrorCode(err) != assistant.EUnavailable {
		t.Errorf("open after close: %v", err)
	}
}

// TestEventTextsGolden renders every live event text in both languages; a
// change of wording shows as a diff (go test ./assistant/session -update
// rewrites the files).
func TestEventTextsGolden(t *testing.T) {
	for _, lang := range assistant.Languages {
		r, _ := newRegistry(t, session.Config{})
		var b strings.Builder
		for _, name := range []string{"nl-live.txt", "en-live.txt"} {
			s, _, _ := r.Open(context.Background(), admin, session.OpenRequest{AgentID: "a", Language: string(lang)})
			got := play(t, s, script(t, "testdata/"+name))
			for i := range 10 {
				for _, e := range got[i] {
					fmt.Fprintf(&b, "%d %s %s: %s\n", i, e.Type, e.Kind, e.Text)
				}
			}
			sub, _ := s.Subscribe(1<<30, 4)
			if _, err := r.End(context.Background(), admin, s.ID(), session.EndRequest{}); err != nil {
				t.Fatal(err)
			}
			e := <-sub.C
			fmt.Fprintf(&b, "%s: %s\n", e.Type, e.Text)
		}
		// A session where the agent never spoke stores nothing, and says so.
		s, _, _ := r.Open(context.Background(), admin, session.OpenRequest{AgentID: "a", Language: string(lang)})
		sub, _ := s.Subscribe(0, 4)
		if _, err := r.End(context.Background(), admin, s.ID(), session.EndRequest{}); err != nil {
			t.Fatal(err)
		}
		e := <-sub.C
		fmt.Fprintf(&b, "%s: %s\n", e.Type, e.Text)
		path := filepath.Join("testdata", "events."+string(lang)+".golden")
		if *update {
			if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./assistant/session -update)", err)
		}
		if diff := cmp.Diff(string(want), b.String()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", path, diff)
		}
	}
}

// Who may do what with a session: its agent opens, reads, drives and ends
// it; another agent, or a trainer or lead of another team, does not learn
// it exists; a trainer or lead of its team follows it without taking part;
// an admin does everything for any agent. The record is stored on behalf
// of whoever opened the session, whoever ends it.
func TestAccess(t *testing.T) {
	st := &stored{teams: map[string]string{"anna": "noord", "bram": "noord", "cas": "zuid"}}
	r := session.NewRegistry(session.Config{Now: today}, service(st))
	defer r.Close(context.Background())
	ctx := context.Background()
	agent := func(id string) assistant.Principal {
		return assistant.Principal{TokenID: 10, Name: id, Role: assistant.RoleAgent, AgentID: id}
	}
	anna, bram := agent("anna"), agent("bram")
	trainer := assistant.Principal{TokenID: 20, Name: "Sanne", Role: assistant.RoleTrainer, TeamIDs: []string{"noord"}}
	lead := assistant.Principal{TokenID: 30, Name: "Lotte", Role: assistant.RoleLead, TeamIDs: []string{"zuid"}}

	s, created, err := r.Open(ctx, anna, session.OpenRequest{Language: "nl"})
	if err != nil || !created || s.AgentID() != "anna" {
		t.Fatalf("an agent opens without agent_id: %v, created %v, agent %q; want their own session", err, created, s.AgentID())
	}
	for _, tt := range []struct {
		name string
		by   assistant.Principal
		req  session.OpenRequest
		want string
	}{
		{"another agent's", anna, session.OpenRequest{AgentID: "bram"}, "your token is agent anna's"},
		{"a trainer", trainer, session.OpenRequest{AgentID: "anna"}, "a trainer follows the sessions of their teams"},
		{"a lead", lead, session.OpenRequest{AgentID: "cas"}, "a lead follows"},
	} {
		if _, _, err := r.Open(ctx, tt.by, tt.req); assistant.ErrorCode(err) != assistant.EForbidden || !strings.Contains(assistant.ErrorMessage(err), tt.want) {
			t.Errorf("open %s: %v; want EForbidden with %q", tt.name, err, tt.want)
		}
	}

	// Another agent and a lead of another team get what an unknown id gets.
	_, unknown := r.Get(admin, "0000")
	for name, by := range map[string]assistant.Principal{"another agent": bram, "a lead of another team": lead} {
		_, err := r.Get(by, s.ID())
		if assistant.ErrorCode(err) != assistant.ENotFound || assistant.ErrorMessage(err) != strings.ReplaceAll(assistant.ErrorMessage(unknown), "0000", s.ID()) {
			t.Errorf("%s reads the session: %v; want the words of an unknown id", name, err)
		}
		if _, err := r.End(ctx, by, s.ID(), session.EndRequest{}); assistant.ErrorCode(err) != assistant.ENotFound {
			t.Errorf("%s ends the session: %v; want ENotFound", name, err)
		}
	}
	// The trainer of the agent's team follows it, but does not take part.
	got, err := r.Get(trainer, s.ID())
	if err != nil || got != s {
		t.Fatalf("the team's trainer reads the session: %v", err)
	}
	if err := s.CheckDriver(trainer); assistant.ErrorCode(err) != assistant.EForbidden || !strings.Contains(assistant.ErrorMessage(err), "only agent anna") {
		t.Errorf("the trainer drives: %v; want EForbidden naming the agent", err)
	}
	if _, err := r.End(ctx, trainer, s.ID(), session.EndRequest{}); assistant.ErrorCode(err) != assistant.EForbidden || s.Ended() {
		t.Errorf("the trainer ends the session: %v, ended %v; want EForbidden and the session open", err, s.Ended())
	}
	for _, by := range []assistant.Principal{anna, admin} {
		if err := s.CheckDriver(by); err != nil {
			t.Errorf("%s drives: %v", by.Name, err)
		}
	}
	if _, err := s.Add(ctx, session.Utterance{Speaker: assistant.Agent, Text: "Goedemiddag, met Anna.", Final: true}); err != nil {
		t.Fatal(err)
	}
	// An admin ends it; the record is still anna's doing.
	res, err := r.End(ctx, admin, s.ID(), session.EndRequest{})
	if err != nil || res.Call == nil || !cmp.Equal(st.by[0], anna) {
		t.Fatalf("admin ends anna's session: %+v, %v; stored on behalf of %+v, want anna", res, err, st.by)
	}

	// An admin opens for any agent, such as a platform's connector; the
	// session is the agent's own, and the team it names decides who
	// follows it (as the record is filed under that team).
	c, _, err := r.Open(ctx, admin, session.OpenRequest{AgentID: "cas", TeamID: "noord", Language: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Get(agent("cas"), c.ID()); err != nil {
		t.Errorf("cas reads the session an admin opened for them: %v", err)
	}
	if _, err := r.Get(trainer, c.ID()); err != nil {
		t.Errorf("the trainer of the team the session names: %v", err)
	}
	if _, err := r.Get(lead, c.ID()); assistant.ErrorCode(err) != assistant.ENotFound {
		t.Errorf("the lead of cas's own team, for a call filed under another: %v; want ENotFound", err)
	}
	if _, err := c.Add(ctx, session.Utterance{Speaker: assistant.Agent, Text: "Hello, this is Cas.", Final: true}); err != nil {
		t.Fatal(err)
	}
	if res, err := r.End(ctx, agent("cas"), c.ID(), session.EndRequest{}); err != nil || res.Call == nil || !cmp.Equal(st.by[1], admin) {
		t.Errorf("cas ends the session an admin opened: %+v, %v; want it stored on the admin's behalf", res, err)
	}

	// An agent the directory does not know has no team yet: only they and
	// admins see the session.
	d, _, err := r.Open(ctx, agent("dirk"), session.OpenRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Get(trainer, d.ID()); assistant.ErrorCode(err) != assistant.ENotFound {
		t.Errorf("a trainer reads the session of an agent without a team: %v", err)
	}
}

// When the directory cannot say an agent's team, the session opens for the
// agent and admins alone: the call matters more than a trainer watching.
func TestAccessDirectoryDown(t *testing.T) {
	an, _ := builtin.Analyzer(today)
	r := session.NewRegistry(session.Config{Now: today}, &coach.Service{Analyzer: an, Now: today, Store: &mock.CallStore{
		FindAgentByIDFn: func(context.Context, assistant.Scope, string) (*assistant.AgentProfile, error) {
			return nil, assistant.Errorf(assistant.EUnavailable, "database down")
		}}})
	defer r.Close(context.Background())
	anna := assistant.Principal{Role: assistant.RoleAgent, AgentID: "anna"}
	s, _, err := r.Open(context.Background(), anna, session.OpenRequest{})
	if err != nil {
		t.Fatalf("open with the directory down: %v", err)
	}
	trainer := assistant.Principal{Role: assistant.RoleTrainer, TeamIDs: []string{"noord"}}
	if _, err := r.Get(trainer, s.ID()); assistant.ErrorCode(err) != assistant.ENotFound {
		t.Errorf("a trainer reads it: %v", err)
	}
	if _, err := r.Get(anna, s.ID()); err != nil {
		t.Errorf("its agent reads it: %v", err)
	}
}

// An end whose external id belongs to a stored call that is not the
// session's is refused, naming the id and the call, and leaves the session
// open; an end under another id stores it. A shutdown, with nobody to ask,
// stores such a session under its own id.
func TestEndExternalIDTaken(t *testing.T) {
	ctx := context.Background()
	st := &stored{}
	r := session.NewRegistry(session.Config{Now: today}, service(st))
	// Each session opens under an id no stored call has; a recording
	// under the same id is stored while the call goes on.
	open := func(ext string) *session.Session {
		t.Helper()
		s, _, err := r.Open(ctx, admin, session.OpenRequest{AgentID: "agent-sanne", ExternalID: ext, Language: "nl"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Add(ctx, session.Utterance{Speaker: assistant.Agent, Text: "Goedemiddag, u spreekt met Sanne.", Final: true}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.CreateCall(ctx, admin, &assistant.Call{AgentID: "agent-sanne", ExternalID: ext}); err != nil {
			t.Fatal(err)
		}
		return s
	}
	s := open("crm-42")
	_, err := r.End(ctx, admin, s.ID(), session.EndRequest{})
	if assistant.ErrorCode(err) != assistant.EConflict || !strings.Contains(assistant.ErrorMessage(err), `external_id "crm-42" belongs to call 1 already`) {
		t.Fatalf("end under a taken external id: %v; want EConflict naming crm-42 and call 1", err)
	}
	if s.Ended() || s.State().Status != "open" || len(s.State().Turns) != 1 || st.count() != 1 {
		t.Fatalf("after the refused end: %s with %d turns, %d calls stored", s.State().Status, len(s.State().Turns), st.count())
	}
	for _, bad := range []string{"   ", "a\x00b", strings.Repeat("x", 300)} {
		if _, err := r.End(ctx, admin, s.ID(), session.EndRequest{ExternalID: &bad}); assistant.ErrorCode(err) != assistant.EInvalid || s.Ended() {
			t.Errorf("end under external id %.20q: %v; want EInvalid and the session open", bad, err)
		}
	}
	other := "crm-42-live"
	res, err := r.End(ctx, admin, s.ID(), session.EndRequest{ExternalID: &other})
	if err != nil || !res.Created || res.Call.ExternalID != other || st.count() != 2 {
		t.Fatalf("end under another external id: %+v, %v", res, err)
	}

	// On shutdown the session is stored under its own id.
	left := open("crm-43")
	if err := r.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if !left.Ended() || st.count() != 4 || st.calls[3].ExternalID != "live-"+left.ID() || st.calls[3].Live.EndReason != assistant.EndedOnShutdown {
		t.Errorf("after the shutdown: ended %v, %d calls, the last under %q", left.Ended(), st.count(), st.calls[len(st.calls)-1].ExternalID)
	}
}

// The platform may end a session at hang-up before the transcriber's final
// result comes: the pending partials are kept as their speakers' last
// words, the earlier begun first, however the session ends, and counted
// among the utterances. An end that is refused keeps them pending.
func TestEndKeepsPendingPartials(t *testing.T) {
	ctx := context.Background()
	now := today()
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	tick := func() { mu.Lock(); now = now.Add(time.Second); mu.Unlock() }
	st := &stored{}
	r := session.NewRegistry(session.Config{IdleTimeout: time.Hour, Now: clock}, service(st))
	defer r.Close(ctx)
	add := func(s *session.Session, sp assistant.Speaker, text string, final bool) {
		t.Helper()
		tick()
		if _, err := s.Add(ctx, session.Utterance{Speaker: sp, Text: text, Final: final}); err != nil {
			t.Fatal(err)
		}
	}
	type turn struct {
		Speaker assistant.Speaker
		Text    string
	}
	turnsOf := func(c *assistant.Call) []turn {
		var out []turn
		for _, t := range c.Turns {
			out = append(out, turn{t.Speaker, t.Text})
		}
		return out
	}

	// Ended by the client: the customer's partial is the last turn.
	s, _, _ := r.Open(ctx, admin, session.OpenRequest{AgentID: "a", Language: "en"})
	add(s, assistant.Agent, "How much could you pay each month?", true)
	add(s, assistant.Customer, "Yes, I can pay", false)
	add(s, assistant.Customer, "Yes, I can pay fifty pounds a month", false)
	res, err := r.End(ctx, admin, s.ID(), session.EndRequest{})
	if err != nil {
		t.Fatal(err)
	}
	want := []turn{{assistant.Agent, "How much could you pay each month?"}, {assistant.Customer, "Yes, I can pay fifty pounds a month"}}
	if diff := cmp.Diff(want, turnsOf(res.Call)); diff != "" {
		t.Fatalf("turns stored at the end (-want +got):\n%s", diff)
	}
	if l := res.Call.Live; l.Utterances != 2 || l.Partials != 2 {
		t.Errorf("live note counts %d utterances and %d partials; want 2 and 2", l.Utterances, l.Partials)
	}
	if c := res.Call.Turns[1]; c.StartMS != 2000 || c.EndMS != 3000 {
		t.Errorf("the kept partial runs %d–%d ms; want from its first partial (2000) to its last (3000)", c.StartMS, c.EndMS)
	}

	// Idle, both speakers pending: the earlier begun first.
	idle, _, _ := r.Open(ctx, admin, session.OpenRequest{AgentID: "b", Language: "nl"})
	add(idle, assistant.Agent, "Goedemiddag, u spreekt met Sanne.", true)
	add(idle, assistant.Customer, "Ik kan vijftig euro", false)
	add(idle, assistant.Agent, "Dat is", false)
	add(idle, assistant.Customer, "Ik kan vijftig euro per maand betalen.", false)
	mu.Lock()
	now = now.Add(time.Hour)
	mu.Unlock()
	r.Sweep(ctx)
	if !idle.Ended() || st.count() != 2 {
		t.Fatalf("the idle session did not end and store (%d calls)", st.count())
	}
	want = []turn{{assistant.Agent, "Goedemiddag, u spreekt met Sanne."}, {assistant.Customer, "Ik kan vijftig euro per maand betalen."}, {assistant.Agent, "Dat is"}}
	if diff := cmp.Diff(want, turnsOf(st.calls[1])); diff != "" {
		t.Errorf("turns stored at the idle end (-want +got):\n%s", diff)
	}
	if l := st.calls[1].Live; l.EndReason != assistant.EndedIdle || l.Utterances != 3 || l.Partials != 3 {
		t.Errorf("live note %+v; want idle, 3 utterances, 3 partials", l)
	}

	// A refused end (a recording under the session's external id was
	// stored while the call went on) keeps the partial pending; the
	// shutdown keeps it as the customer's turn, joined to the customer's
	// final words.
	left, _, _ := r.Open(ctx, admin, session.OpenRequest{AgentID: "c", ExternalID: "crm-7", Language: "en"})
	taken := &assistant.Call{AgentID: "c", ExternalID: "crm-7"}
	if _, err := st.CreateCall(ctx, admin, taken); err != nil {
		t.Fatal(err)
	}
	add(left, assistant.Agent, "When are you paid?", true)
	add(left, assistant.Customer, "On the first.", true)
	add(left, assistant.Customer, "So I could pay then", false)
	if _, err := r.End(ctx, admin, left.ID(), session.EndRequest{}); assistant.ErrorCode(err) != assistant.EConflict {
		t.Fatalf("end under a taken external id: %v; want EConflict", err)
	}
	if st := left.State(); len(st.Turns) != 2 || st.Partial[assistant.Customer] != "So I could pay then" {
		t.Fatalf("after the refused end: %d turns, partials %v; want 2 turns and the partial pending", len(st.Turns), st.Partial)
	}
	if err := r.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if st.count() != 4 {
		t.Fatalf("%d calls stored; want 4", st.count())
	}
	want = []turn{{assistant.Agent, "When are you paid?"}, {assistant.Customer, "On the first. So I could pay then"}}
	if diff := cmp.Diff(want, turnsOf(st.calls[3])); diff != "" {
		t.Errorf("turns stored at the shutdown (-want +got):\n%s", diff)
	}
	if l := st.calls[3].Live; l.EndReason != assistant.EndedOnShutdown || l.Utterances != 3 {
		t.Errorf("live note %+v; want shutdown, 3 utterances", l)
	}
}

// An error event carries the session's clock like every other event, and
// no sequence number: only its sender sees it, so it has no place among
// the session's numbered events, and seq is left out rather than sent as 0.
func TestErrorEvent(t *testing.T) {
	at := time.Date(2026, 11, 23, 9, 30, 15, 0, time.UTC)
	r := session.NewRegistry(session.Config{Now: func() time.Time { return at }}, service(&stored{}))
	defer r.Close(context.Background())
	for _, lang := range assistant.Languages {
		s, _, err := r.Open(context.Background(), admin, session.OpenRequest{AgentID: "a", Language: string(lang)})
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.Add(context.Background(), session.Utterance{Speaker: "manager", Text: "Hallo", Final: true})
		e := s.ErrorEvent(err)
		// The event speaks the call's language; the error itself, which
		// the HTTP API answers with, stays English as all its details.
		says := map[assistant.Language]string{assistant.Dutch: `De spreker "manager" is niet agent`, assistant.English: `speaker "manager" is neither`}[lang]
		if e.Type != assistant.EventError || e.Code != assistant.EInvalid || e.Turn != -1 || !e.At.Equal(at) || e.Seq != 0 ||
			!strings.Contains(e.Text, says) {
			t.Errorf("%s: error event %+v; want type error, code invalid, turn -1, at %s, no seq, saying %q", lang, e, at, says)
		}
		if msg := assistant.ErrorMessage(err); !strings.HasPrefix(msg, `speaker "manager" is neither agent nor customer`) {
			t.Errorf("%s: the error's message is %q; want the English one", lang, msg)
		}
		// An analysis failure says only what the client may know, in the
		// call's language too.
		says = map[assistant.Language]string{assistant.Dutch: "Er ging iets mis", assistant.English: "Internal error."}[lang]
		if e := s.ErrorEvent(errors.New("engine broke")); e.Code != assistant.EInternal || !strings.Contains(e.Text, says) || strings.Contains(e.Text, "engine") {
			t.Errorf("%s: error event of a failure %+v; want one saying %q", lang, e, says)
		}
		// A conflict the API words too, such as an utterance to a session
		// that has ended, the event says in the call's language as well.
		says = map[assistant.Language]string{assistant.Dutch: "Sessie x is beëindigd; het verslag is /v1/calls/3.", assistant.English: "Session x has ended; its record is /v1/calls/3."}[lang]
		if e := s.ErrorEvent(assistant.SessionEnded("x", 3)); e.Code != assistant.EConflict || !strings.Contains(e.Text, says) {
			t.Errorf("%s: error event of an ended session %+v; want one saying %q", lang, e, says)
		}
		data, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		var fields map[string]any
		if err := json.Unmarshal(data, &fields); err != nil {
			t.Fatal(err)
		}
		if _, ok := fields["seq"]; ok || fields["at"] != "2026-11-23T09:30:15Z" || fields["code"] != "invalid" {
			t.Errorf("%s: error event as JSON %s; want no seq, at 2026-11-23T09:30:15Z, code invalid", lang, data)
		}
		// The refused utterance left no numbered event behind.
		if evs := s.State().Events; len(evs) != 0 {
			t.Errorf("%s: the session shows %d events after a refused utterance", lang, len(evs))
		}
	}
}

// A session is not opened under the external id of a stored call of its
// agent or its team: the telephony system's id names one call, coached
// once. Another team's call with that id is no matter, nor is a session
// still open under it (opening again returns that one). When the database
// cannot say, the session opens all the same, and its first event warns,
// in the call's language, in every mode; the record does not keep it.
func TestOpenExternalIDTaken(t *testing.T) {
	ctx := context.Background()
	st := &stored{teams: map[string]string{"anna": "noord", "bram": "noord", "cas": "zuid"}}
	r := session.NewRegistry(session.Config{Now: today}, service(st))
	defer r.Close(ctx)
	for _, c := range []*assistant.Call{{AgentID: "anna", TeamID: "noord", ExternalID: "tel-1"}, {AgentID: "cas", TeamID: "zuid", ExternalID: "tel-2"}} {
		if _, err := st.CreateCall(ctx, admin, c); err != nil {
			t.Fatal(err)
		}
	}
	anna := assistant.Principal{Role: assistant.RoleAgent, AgentID: "anna"}
	bram := assistant.Principal{Role: assistant.RoleAgent, AgentID: "bram"}
	for _, tt := range []struct {
		name string
		by   assistant.Principal
		req  session.OpenRequest
		want string
	}{
		{"OwnCall", anna, session.OpenRequest{ExternalID: "tel-1"}, `external_id "tel-1" belongs to call 1 of agent anna already`},
		{"AdminForTheAgent", admin, session.OpenRequest{AgentID: "anna", ExternalID: "tel-1"}, `external_id "tel-1" belongs to call 1 of agent anna already`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, _, err := r.Open(ctx, tt.by, tt.req)
			if assistant.ErrorCode(err) != assistant.EConflict || !strings.Contains(assistant.ErrorMessage(err), tt.want) || s != nil {
				t.Errorf("open %+v: %v; want EConflict saying %q", tt.req, err, tt.want)
			}
		})
	}
	// A teammate's call under the id is another leg of a transferred call:
	// the agent it was handed to coaches their own.
	for _, tt := range []struct {
		name string
		by   assistant.Principal
		req  session.OpenRequest
	}{
		{"TeammatesCall", bram, session.OpenRequest{ExternalID: "tel-1"}},
		{"NamedTeam", admin, session.OpenRequest{AgentID: "dirk", TeamID: "zuid", ExternalID: "tel-2"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if s, created, err := r.Open(ctx, tt.by, tt.req); err != nil || !created || s.ExternalID() != tt.req.ExternalID {
				t.Errorf("open %+v: %v, created %v; want it opened under its external id", tt.req, err, created)
			}
		})
	}
	// Another team's call with the id, or none: the session opens, and
	// opening again while it is open returns it.
	s, created, err := r.Open(ctx, bram, session.OpenRequest{ExternalID: "tel-2"})
	if err != nil || !created {
		t.Fatalf("open under another team's external id: %v", err)
	}
	// A recording posted under the id while the call goes on does not
	// refuse a retry of the open: it is the same call.
	if _, err := st.CreateCall(ctx, admin, &assistant.Call{AgentID: "bram", TeamID: "noord", ExternalID: "tel-2"}); err != nil {
		t.Fatal(err)
	}
	if again, created, err := r.Open(ctx, bram, session.OpenRequest{ExternalID: "tel-2"}); err != nil || created || again != s {
		t.Errorf("open again while the session is open: %v, created %v", err, created)
	}
	if evs := s.State().Events; len(evs) != 0 {
		t.Errorf("a checked session shows %+v", evs)
	}

	st.mu.Lock()
	st.down = true
	st.mu.Unlock()
	want := map[assistant.Language]string{
		assistant.Dutch:   "Niet nagegaan of gespreks-id tel-1 al bij een opgeslagen gesprek hoort",
		assistant.English: "Could not check whether call id tel-1 belongs to a stored call",
	}
	for _, lang := range assistant.Languages {
		s, created, err := r.Open(ctx, anna, session.OpenRequest{ExternalID: "tel-1", Language: string(lang), Mode: assistant.LiveQuiet})
		if err != nil || !created {
			t.Fatalf("%s: open with the database down: %v", lang, err)
		}
		sub, err := s.Subscribe(0, 4)
		if err != nil {
			t.Fatal(err)
		}
		e := <-sub.C
		if e.Type != assistant.EventWarning || e.Kind != assistant.WarningExternalIDUnchecked || e.Seq != 1 || e.Turn != -1 || !e.At.Equal(today()) ||
			!strings.HasPrefix(e.Text, want[lang]) {
			t.Errorf("%s: first event %+v; want the warning, seq 1, saying %q", lang, e.LiveEvent, want[lang])
		}
		if _, err := s.Add(ctx, session.Utterance{Speaker: assistant.Agent, Text: "Goedemiddag.", Final: true}); err != nil {
			t.Fatal(err)
		}
		other := ""
		res, err := r.End(ctx, admin, s.ID(), session.EndRequest{ExternalID: &other})
		if err != nil {
			t.Fatal(err)
		}
		for _, le := range res.Call.Live.Events {
			if le.Type == assistant.EventWarning {
				t.Errorf("%s: the record keeps the warning %+v", lang, le)
			}
		}
	}
}

// The reasons a client's connection is closed with speak the call's
// language, also once the session ended and its language was detected,
// and fit in a close frame with the largest ids.
func TestCloseReasons(t *testing.T) {
	ctx := context.Background()
	r, _ := newRegistry(t, session.Config{})
	want := map[assistant.Language][2]string{
		assistant.Dutch:   {"de sessie is beëindigd; het verslag is /v1/calls/", "de events werden niet snel genoeg gelezen; maak opnieuw verbinding met ?after="},
		assistant.English: {"the session ended; its record is /v1/calls/", "events were not read fast enough; reconnect with ?after="},
	}
	for _, lang := range assistant.Languages {
		s, _, err := r.Open(ctx, admin, session.OpenRequest{AgentID: "a-" + string(lang)})
		if err != nil {
			t.Fatal(err)
		}
		slow, err := s.Subscribe(0, 1)
		if err != nil {
			t.Fatal(err)
		}
		play(t, s, script(t, "testdata/"+string(lang)+"-live.txt")[:4])
		for range slow.C {
		}
		if !errors.Is(slow.Err(), session.ErrSlow) {
			t.Fatalf("%s: the subscriber that did not read is not slow: %v", lang, slow.Err())
		}
		for _, after := range []int{7, math.MaxInt} {
			if got, w := s.SlowReason(after), want[lang][1]+strconv.Itoa(after); got != w || len(got) > session.MaxCloseReason {
				t.Errorf("%s: slow reason %q (%d bytes); want %q in at most %d", lang, got, len(got), w, session.MaxCloseReason)
			}
		}
		res, err := r.End(ctx, admin, s.ID(), session.EndRequest{})
		if err != nil || res.Call == nil {
			t.Fatalf("%s: end: %v", lang, err)
		}
		for _, id := range []int64{res.Call.ID, math.MaxInt64} {
			if got, w := s.EndedReason(id), want[lang][0]+strconv.FormatInt(id, 10); got != w || len(got) > session.MaxCloseReason {
				t.Errorf("%s: ended reason %q (%d bytes); want %q in at most %d", lang, got, len(got), w, session.MaxCloseReason)
			}
		}
	}
}
