package coach_test

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/builtin"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/assistant/synth"
	"github.com/rooscoach/rooscoach/assistant/transcript"
	"github.com/rooscoach/rooscoach/store"
	"github.com/rooscoach/rooscoach/store/storetest"
)

var (
	lead1   = assistant.Principal{Name: "Lead one", Role: assistant.RoleLead, TeamIDs: []string{"team-01"}}
	trainer = assistant.Principal{Name: "Sanne", Role: assistant.RoleTrainer, TeamIDs: []string{"team-01", "team-02"}}
)

// progressToday is the fixed "now" of the progress tests: the calls lie in
// the six weeks before it.
var progressToday = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

// progressFixture stores a small generated set through the real ingest use
// case: four agents in two teams over six weeks, in Dutch and English, with
// and without turn times, and agent-0004 moving from team-02 to team-01
// halfway. It returns the service and every stored call, read back whole.
func progressFixture(t *testing.T) (*coach.Service, []*assistant.Call, *store.DB) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, storetest.NewDSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	an, _ := builtin.Analyzer(func() time.Time { return progressToday })
	svc := &coach.Service{Analyzer: an, Store: db, Progress: db, Now: func() time.Time { return progressToday }}

	r := rand.New(rand.NewPCG(16, 2))
	agents := synth.Team(r, 4, 2)
	// A strong agent who slides and a weak one who climbs, so the team
	// view has someone to put first.
	agents[0].Skill, agents[0].Trend = 0.95, -0.15
	agents[1].Skill, agents[1].Trend = 0.3, 0.1
	start := time.Date(2026, 10, 19, 9, 0, 0, 0, time.UTC) // a Monday
	var calls []*assistant.Call
	n := 0
	for week := range 6 {
		for _, a := range agents {
			if a.ID == "agent-0004" && week >= 3 {
				a.TeamID = "team-01"
			}
			for k := range 2 {
				lang := assistant.Dutch
				if (n+k)%3 == 0 {
					lang = assistant.English
				}
				at := start.AddDate(0, 0, 7*week+r.IntN(7)).Add(time.Duration(r.IntN(8*60)) * time.Minute)
				text := synth.Transcript(r, synth.Call{Agent: a, Language: lang, OccurredAt: at, Turns: 8 + r.IntN(10), Timed: n%4 != 0, Week: week})
				call, created, err := svc.Ingest(ctx, admin, coach.Input{Data: []byte(text), Options: transcriptOptions(a, lang, at, n)})
				if err != nil {
					t.Fatalf("ingest call %d: %v\n%s", n, err, text)
				}
				if !created {
					t.Fatalf("call %d was not created", n)
				}
				full, err := db.FindCallByID(ctx, assistant.Scope{All: true}, call.ID)
				if err != nil {
					t.Fatal(err)
				}
				calls = append(calls, full)
				n++
			}
		}
	}
	return svc, calls, db
}

// want holds the figures of a set of calls, counted here from the stored
// records turn by turn, apart from the SQL that the service uses.
type want struct {
	calls, agentTurns             int
	octants                       map[assistant.Octant]int
	escalations, deescalations    int
	jargon                        int
	timed, earlyFree, threatFree  int
	nextStep, summary, warm, full int
	offerCalls, offered           int
	arrangements, referred        int
	read                          map[assistant.Language][4]int
	// Compliance, from the rules of the stored record: calls checked,
	// rules broken, calls with a breach, calls whose worst broken rule is
	// high or critical.
	checked, breaches, breachCalls, severe int
}

func count(calls []*assistant.Call) want {
	w := want{octants: map[assistant.Octant]int{}, read: map[assistant.Language][4]int{}}
	for _, c := range calls {
		w.calls++
		timed, early, threats := false, 0, 0
		for _, tu := range c.Turns {
			if tu.StartMS > 0 || tu.EndMS > 0 {
				timed = true
			}
			if tu.Speaker != assistant.Agent {
				continue
			}
			w.agentTurns++
			w.octants[tu.Stance.Octant]++
			if tu.Response != nil {
				switch tu.Response.Effect {
				case assistant.Escalates:
					w.escalations++
				case assistant.Deescalates:
					w.deescalations++
				}
			}
			if tu.Phrasing == nil {
				continue
			}
			for _, f := range tu.Phrasing.Findings {
				switch f.Kind {
				case assistant.FindingJargon:
					w.jargon++
					if tu.StartMS < 120000 {
						early++
					}
				case assistant.FindingThreat:
					threats++
				}
			}
		}
		if timed {
			w.timed++
			if early == 0 {
				w.earlyFree++
			}
		}
		if threats == 0 {
			w.threatFree++
		}
		if c.Closing.NextStep {
			w.nextStep++
		}
		if c.Closing.Summary {
			w.summary++
		}
		if c.Closing.WarmClose {
			w.warm++
		}
		if c.Closing.NextStep && c.Closing.Summary {
			w.full++
		}
		offer := slices.ContainsFunc(c.Arrangement.Facts, func(f assistant.Fact) bool {
			return f.Kind == assistant.FactOffer && !f.Ambiguous
		})
		proposed := len(c.Arrangement.Options) > 0
		if offer {
			w.offerCalls++
			if proposed {
				w.offered++
			}
		}
		if proposed {
			w.arrangements++
		}
		if c.Arrangement.Referral != nil {
			w.referred++
		}
		if c.Compliance != nil {
			w.checked++
			broken, severe := 0, false
			for _, rc := range c.Compliance.Rules {
				if rc.Status != assistant.RuleBroken {
					continue
				}
				broken++
				if rc.Severity == assistant.SeverityHigh || rc.Severity == assistant.SeverityCritical {
					severe = true
				}
			}
			w.breaches += broken
			if broken > 0 {
				w.breachCalls++
			}
			if severe {
				w.severe++
			}
		}
		r := w.read[c.Language]
		r[0] += c.Readability.Sentences
		r[1] += c.Readability.Words
		r[2] += c.Readability.Syllables
		r[3] += c.Readability.LongWords
		w.read[c.Language] = r
	}
	return w
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// near allows for the rounding of figures to assistant.FigurePlaces
// decimals, and for the sum of two rounded shares' difference.
func near(a, b float64) bool { return math.Abs(a-b) <= 1e-4 }

// shareIs reports whether got is n/d: nil when d is 0, since an empty
// bucket has no share, and n/d rounded otherwise.
func shareIs(got *float64, n, d int) bool {
	if d == 0 {
		return got == nil
	}
	return got != nil && near(*got, ratio(n, d))
}

// checkFigures compares figures the service gave with the hand count.
func checkFigures(t *testing.T, where string, got assistant.Figures, w want) {
	t.Helper()
	ints := []struct {
		name      string
		got, want int
	}{
		{"calls", got.Calls, w.calls},
		{"agent_turns", got.AgentTurns, w.agentTurns},
		{"escalations", got.Escalations, w.escalations},
		{"deescalations", got.Deescalations, w.deescalations},
		{"arrangements_proposed", got.ArrangementsProposed, w.arrangements},
		{"customers_referred", got.CustomersReferred, w.referred},
		{"compliance.checked_calls", got.Compliance.CheckedCalls, w.checked},
		{"compliance.not_checked_calls", got.Compliance.NotCheckedCalls, w.calls - w.checked},
		{"compliance.breaches", got.Compliance.Breaches, w.breaches},
		{"compliance.calls_with_breach", got.Compliance.CallsWithBreach, w.breachCalls},
		{"compliance.calls_high_or_critical", got.Compliance.CallsHighOrCritical, w.severe},
	}
	for _, c := range ints {
		if c.got != c.want {
			t.Errorf("%s: %s = %d, want %d", where, c.name, c.got, c.want)
		}
	}
	quadrants := map[assistant.Quadrant]int{}
	for _, o := range assistant.Octants {
		quadrants[o.Quadrant()] += w.octants[o]
		if !shareIs(got.OctantShare[o], w.octants[o], w.agentTurns) {
			t.Errorf("%s: octant_share[%s] = %v, want %d/%d", where, o, deref(got.OctantShare[o]), w.octants[o], w.agentTurns)
		}
	}
	for _, q := range assistant.Quadrants {
		if !shareIs(got.QuadrantShare[q], quadrants[q], w.agentTurns) {
			t.Errorf("%s: quadrant_share[%s] = %v, want %d/%d", where, q, deref(got.QuadrantShare[q]), quadrants[q], w.agentTurns)
		}
	}
	floats := []struct {
		name string
		got  *float64
		n, d int
	}{
		{"target_share", got.TargetShare, quadrants[assistant.AboveTogether], w.agentTurns},
		{"escalations_per_call", got.EscalationsPerCall, w.escalations, w.calls},
		{"jargon_per_call", got.JargonPerCall, w.jargon, w.calls},
		{"closing.next_step", got.Closing.NextStep, w.nextStep, w.calls},
		{"closing.summary", got.Closing.Summary, w.summary, w.calls},
		{"closing.warm_close", got.Closing.WarmClose, w.warm, w.calls},
		{"closing.complete", got.Closing.Complete, w.full, w.calls},
	}
	for _, c := range floats {
		if !shareIs(c.got, c.n, c.d) {
			t.Errorf("%s: %s = %v, want %d/%d", where, c.name, deref(c.got), c.n, c.d)
		}
	}
	checkPerCall(t, where+": compliance.breaches_per_call", got.Compliance.BreachesPerCall, w)
	if len(got.Readability) != len(w.read) {
		t.Errorf("%s: readability for %d languages, want %d", where, len(got.Readability), len(w.read))
	}
	for _, lr := range got.Readability {
		r := w.read[lr.Language]
		if lr.Sentences != r[0] || lr.Words != r[1] || lr.Syllables != r[2] || lr.LongWords != r[3] {
			t.Errorf("%s: readability %s counts = %d/%d/%d/%d, want %v", where, lr.Language, lr.Sentences, lr.Words, lr.Syllables, lr.LongWords, r)
		}
		// The formulas, written out again: Flesch–Douma for Dutch, Flesch
		// reading ease for English.
		wd, s, sy := float64(r[1]), float64(r[0]), float64(r[2])
		score := 206.835 - 1.015*(wd/s) - 84.6*(sy/wd)
		if lr.Language == assistant.Dutch {
			score = 206.84 - 0.77*(100*sy/wd) - 0.93*(wd/s)
		}
		// Scores are rounded to assistant.FigurePlaces decimals.
		if math.Abs(lr.Score-score) > 5e-5 {
			t.Errorf("%s: readability %s score = %v, want %v", where, lr.Language, lr.Score, score)
		}
	}
}

// checkPerCall compares breaches per call with the hand count: per
// checked call, and none at all when no call was checked.
func checkPerCall(t *testing.T, where string, got *float64, w want) {
	t.Helper()
	if w.checked == 0 {
		if got != nil {
			t.Errorf("%s = %v with no call checked, want null", where, *got)
		}
		return
	}
	if got == nil || !near(*got, ratio(w.breaches, w.checked)) {
		t.Errorf("%s = %v, want %d/%d", where, deref(got), w.breaches, w.checked)
	}
}

// goalValue is the share goal g measures on the hand count.
func goalValue(g assistant.Goal, w want) (float64, int) {
	switch g.Kind {
	case assistant.GoalTargetShare:
		return ratio(w.octants[assistant.Leading]+w.octants[assistant.Helping], w.agentTurns), w.agentTurns
	case assistant.GoalNoEarlyJargon:
		return ratio(w.earlyFree, w.timed), w.timed
	case assistant.GoalClosing:
		return ratio(w.full, w.calls), w.calls
	case assistant.GoalNoThreats:
		return ratio(w.threatFree, w.calls), w.calls
	case assistant.GoalArrangementOffered:
		return ratio(w.offered, w.offerCalls), w.offerCalls
	}
	panic("unknown goal kind " + g.Kind)
}

func checkGoal(t *testing.T, where string, got assistant.GoalResult, g assistant.Goal, w want) {
	t.Helper()
	v, n := goalValue(g, w)
	if got.Measured != n {
		t.Errorf("%s: goal %s measured %d, want %d", where, g.Kind, got.Measured, n)
	}
	if n == 0 {
		if got.Value != nil || got.Met {
			t.Errorf("%s: goal %s with nothing measured = %v met %v, want no value, not met", where, g.Kind, got.Value, got.Met)
		}
		return
	}
	if got.Value == nil || !near(*got.Value, v) {
		t.Errorf("%s: goal %s value = %v, want %v", where, g.Kind, deref(got.Value), v)
	}
	if got.Met != (v >= g.Threshold) {
		t.Errorf("%s: goal %s met = %v at %v against %v", where, g.Kind, got.Met, v, g.Threshold)
	}
}

// mondayOf is the start of the ISO week of t, written out apart from
// Bucket.Start.
func mondayOf(t time.Time) time.Time {
	t = t.UTC()
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	for d.Weekday() != time.Monday {
		d = d.AddDate(0, 0, -1)
	}
	return d
}

func TestAgentProgressMatchesHandCount(t *testing.T) {
	svc, calls, db := progressFixture(t)
	ctx := context.Background()
	lead1 := withToken(t, db, lead1)
	const agent = "agent-0001"
	goalInputs := []coach.GoalInput{
		{AgentID: agent, Kind: assistant.GoalTargetShare, StartsOn: date("2026-10-19"), TargetOn: date("2026-12-31")},
		{AgentID: agent, Kind: assistant.GoalNoEarlyJargon, StartsOn: date("2026-10-19")},
		{AgentID: agent, Kind: assistant.GoalClosing, Threshold: ptr(0.5), StartsOn: date("2026-11-02")},
		{AgentID: agent, Kind: assistant.GoalNoThreats, StartsOn: date("2026-10-19")},
		{AgentID: agent, Kind: assistant.GoalArrangementOffered, Threshold: ptr(0.75), StartsOn: date("2026-10-19")},
	}
	var goals []assistant.Goal
	for _, in := range goalInputs {
		g, err := svc.SetGoal(ctx, lead1, in)
		if err != nil {
			t.Fatalf("set goal %s: %v", in.Kind, err)
		}
		goals = append(goals, *g)
	}

	f, err := assistant.NewProgressFilter("2026-10-19", "2026-11-29", "week", progressToday)
	if err != nil {
		t.Fatal(err)
	}
	p, err := svc.AgentProgress(ctx, admin, agent, f)
	if err != nil {
		t.Fatal(err)
	}
	var mine []*assistant.Call
	byWeek := map[time.Time][]*assistant.Call{}
	for _, c := range calls {
		if c.AgentID == agent {
			mine = append(mine, c)
			byWeek[mondayOf(c.OccurredAt)] = append(byWeek[mondayOf(c.OccurredAt)], c)
		}
	}
	if len(mine) != 12 {
		t.Fatalf("the fixture gave agent %s %d calls, want 12", agent, len(mine))
	}
	if len(p.Buckets) != 6 {
		t.Fatalf("got %d weekly buckets for six weeks, want 6", len(p.Buckets))
	}
	w := count(mine)
	checkFigures(t, "total", p.Total.Figures, w)
	if len(p.Total.Goals) != len(goals) {
		t.Fatalf("total has %d goal results, want %d", len(p.Total.Goals), len(goals))
	}
	for _, r := range p.Total.Goals {
		// A goal is measured on the calls made since it started, not on
		// the whole period asked for.
		g := goalByID(t, goals, r.GoalID)
		checkGoal(t, "total", r, g, count(since(mine, g)))
	}
	for _, b := range p.Buckets {
		where := "week of " + b.Start.Format(time.DateOnly)
		if b.Start.Weekday() != time.Monday {
			t.Errorf("%s: does not start on a Monday", where)
		}
		bw := count(byWeek[b.Start])
		checkFigures(t, where, b.Figures, bw)
		var active []assistant.Goal
		for _, g := range goals {
			if g.StartsOn.Before(b.End) {
				active = append(active, g)
			}
		}
		if len(b.Goals) != len(active) {
			t.Fatalf("%s: %d goal results, want %d", where, len(b.Goals), len(active))
		}
		met := 0
		for _, r := range b.Goals {
			checkGoal(t, where, r, goalByID(t, active, r.GoalID), bw)
			if r.Met {
				met++
			}
		}
		if b.GoalsMet != met {
			t.Errorf("%s: goals_met = %d, want %d", where, b.GoalsMet, met)
		}
	}

	// By day, the buckets still add up to the whole period.
	fd, err := assistant.NewProgressFilter("2026-10-19", "2026-11-29", "day", progressToday)
	if err != nil {
		t.Fatal(err)
	}
	pd, err := svc.AgentProgress(ctx, admin, agent, fd)
	if err != nil {
		t.Fatal(err)
	}
	if len(pd.Buckets) != 42 {
		t.Errorf("got %d daily buckets, want 42", len(pd.Buckets))
	}
	sum := 0
	for _, b := range pd.Buckets {
		sum += b.Calls
	}
	if sum != len(mine) {
		t.Errorf("daily buckets hold %d calls, want %d", sum, len(mine))
	}
	checkFigures(t, "total by day", pd.Total.Figures, w)
}

func TestTeamProgressComparesAgents(t *testing.T) {
	svc, calls, db := progressFixture(t)
	lead1 := withToken(t, db, lead1)
	ctx := context.Background()
	f, err := assistant.NewProgressFilter("2026-10-19", "2026-11-29", "week", progressToday)
	if err != nil {
		t.Fatal(err)
	}
	p, err := svc.TeamProgress(ctx, lead1, "team-01", f)
	if err != nil {
		t.Fatal(err)
	}
	// The team's calls are those made in it: agent-0004's only after the
	// move.
	var teamCalls []*assistant.Call
	perAgent := map[string][2][]*assistant.Call{}
	mid := f.Mid()
	for _, c := range calls {
		if c.TeamID != "team-01" {
			continue
		}
		teamCalls = append(teamCalls, c)
		halves := perAgent[c.AgentID]
		if mondayOf(c.OccurredAt).Before(mid) {
			halves[0] = append(halves[0], c)
		} else {
			halves[1] = append(halves[1], c)
		}
		perAgent[c.AgentID] = halves
	}
	checkFigures(t, "team total", p.Total.Figures, count(teamCalls))
	if len(p.Agents) != len(perAgent) {
		t.Fatalf("team view lists %d agents, want %d", len(p.Agents), len(perAgent))
	}
	seenCalm := false
	for _, s := range p.Agents {
		halves := perAgent[s.AgentID]
		whole := count(append(slices.Clone(halves[0]), halves[1]...))
		if s.Calls != whole.calls {
			t.Errorf("%s: calls = %d, want %d", s.AgentID, s.Calls, whole.calls)
		}
		if s.Breaches != whole.breaches || s.CallsHighOrCritical != whole.severe {
			t.Errorf("%s: breaches %d, high or critical %d; want %d, %d", s.AgentID, s.Breaches, s.CallsHighOrCritical, whole.breaches, whole.severe)
		}
		checkPerCall(t, s.AgentID+": breaches_per_call", s.BreachesPerCall, whole)
		if !shareIs(s.TargetShare, whole.octants[assistant.Leading]+whole.octants[assistant.Helping], whole.agentTurns) {
			t.Errorf("%s: target_share = %v, want %d/%d", s.AgentID, deref(s.TargetShare), whole.octants[assistant.Leading]+whole.octants[assistant.Helping], whole.agentTurns)
		}
		var reasons []string
		if len(halves[0]) > 0 && len(halves[1]) > 0 {
			e, l := count(halves[0]), count(halves[1])
			dt := ratio(l.octants[assistant.Leading]+l.octants[assistant.Helping], l.agentTurns) -
				ratio(e.octants[assistant.Leading]+e.octants[assistant.Helping], e.agentTurns)
			de := ratio(l.escalations, l.calls) - ratio(e.escalations, e.calls)
			if s.TargetShareChange == nil || !near(*s.TargetShareChange, dt) {
				t.Errorf("%s: target_share_change = %v, want %v", s.AgentID, s.TargetShareChange, dt)
			}
			if s.EscalationsChange == nil || !near(*s.EscalationsChange, de) {
				t.Errorf("%s: escalations change = %v, want %v", s.AgentID, s.EscalationsChange, de)
			}
			if dt <= -0.05 {
				reasons = append(reasons, assistant.ReasonTargetFell)
			}
			if de >= 0.2 {
				reasons = append(reasons, assistant.ReasonEscalationsRose)
			}
		} else if s.TargetShareChange != nil {
			t.Errorf("%s: a change with a half without calls", s.AgentID)
		}
		if !slices.Equal(s.Reasons, reasons) {
			t.Errorf("%s: reasons = %q, want %q", s.AgentID, s.Reasons, reasons)
		}
		// Those who need attention come first.
		if s.NeedsAttention && seenCalm {
			t.Errorf("%s needs attention but is listed after an agent who does not", s.AgentID)
		}
		if !s.NeedsAttention {
			seenCalm = true
		}
	}
	if !p.Agents[0].NeedsAttention {
		t.Errorf("nobody needs attention; the sliding agent-0001 should: %+v", p.Agents)
	}
}

func TestProgressScope(t *testing.T) {
	svc, _, db := progressFixture(t)
	ctx := context.Background()
	f, err := assistant.NewProgressFilter("2026-10-19", "2026-11-29", "month", progressToday)
	if err != nil {
		t.Fatal(err)
	}
	// Real tokens: every read is audited under its token.
	agent1 := withToken(t, db, assistant.Principal{Name: "Agent one", Role: assistant.RoleAgent, AgentID: "agent-0001"})
	lead2 := withToken(t, db, assistant.Principal{Name: "Lead two", Role: assistant.RoleLead, TeamIDs: []string{"team-02"}})
	lead1, trainer := withToken(t, db, lead1), withToken(t, db, trainer)
	for _, c := range []struct {
		name  string
		p     assistant.Principal
		agent string
		team  string
		code  string
	}{
		{"agent reads own progress", agent1, "agent-0001", "", ""},
		{"agent asks a colleague's progress", agent1, "agent-0002", "", assistant.ENotFound},
		{"agent asks a team's progress", agent1, "", "team-01", assistant.ENotFound},
		{"lead reads own team", lead1, "", "team-01", ""},
		{"lead asks another team", lead1, "", "team-02", assistant.ENotFound},
		{"lead reads an agent of the team", lead1, "agent-0001", "", ""},
		{"lead asks an agent of another team", lead1, "agent-0002", "", assistant.ENotFound},
		{"lead reads an agent who joined the team", lead1, "agent-0004", "", ""},
		{"old lead reads an agent who left", lead2, "agent-0004", "", ""},
		{"trainer reads both teams", trainer, "", "team-02", ""},
		{"admin asks a team that does not exist", admin, "", "team-99", assistant.ENotFound},
		{"admin asks an agent that does not exist", admin, "agent-9999", "", assistant.ENotFound},
	} {
		t.Run(c.name, func(t *testing.T) {
			var err error
			if c.team != "" {
				_, err = svc.TeamProgress(ctx, c.p, c.team, f)
			} else {
				_, err = svc.AgentProgress(ctx, c.p, c.agent, f)
			}
			if got := assistant.ErrorCode(err); got != c.code {
				t.Fatalf("code %q (%v), want %q", got, err, c.code)
			}
			if c.code == assistant.ENotFound && !strings.Contains(assistant.ErrorMessage(err), "not found") {
				t.Errorf("message %q does not say not found", assistant.ErrorMessage(err))
			}
		})
	}

	// A lead who reads an agent who moved in sees only the calls made in
	// the lead's team; the old lead only those made before.
	p1, err := svc.AgentProgress(ctx, lead1, "agent-0004", f)
	if err != nil {
		t.Fatal(err)
	}
	p2, err := svc.AgentProgress(ctx, lead2, "agent-0004", f)
	if err != nil {
		t.Fatal(err)
	}
	pa, err := svc.AgentProgress(ctx, admin, "agent-0004", f)
	if err != nil {
		t.Fatal(err)
	}
	if p1.Total.Calls == 0 || p2.Total.Calls == 0 || p1.Total.Calls+p2.Total.Calls != pa.Total.Calls {
		t.Errorf("calls of the moved agent: new lead %d + old lead %d, want both > 0 adding to %d", p1.Total.Calls, p2.Total.Calls, pa.Total.Calls)
	}
}

func TestGoals(t *testing.T) {
	svc, _, db := progressFixture(t)
	ctx := context.Background()
	// Setting and ending goals is in the audit trail, under a real token.
	lead1, trainer := withToken(t, db, lead1), withToken(t, db, trainer)
	agent1 := assistant.Principal{Role: assistant.RoleAgent, AgentID: "agent-0001"}

	g, err := svc.SetGoal(ctx, trainer, coach.GoalInput{AgentID: "agent-0001", Kind: assistant.GoalTargetShare, Note: "Leid samen / lead together"})
	if err != nil {
		t.Fatal(err)
	}
	if g.Threshold != 0.6 || g.StartsOn.String() != "2026-11-30" || g.SetBy != "Sanne" || g.ID == 0 {
		t.Errorf("goal = %+v, want the default threshold 0.6, today's start, set by Sanne", g)
	}
	for _, c := range []struct {
		name string
		p    assistant.Principal
		in   coach.GoalInput
		code string
		says string
	}{
		{"agent may not set goals", agent1, coach.GoalInput{AgentID: "agent-0001", Kind: assistant.GoalClosing}, assistant.EForbidden, "trainer or a lead"},
		{"unknown kind", lead1, coach.GoalInput{AgentID: "agent-0001", Kind: "be-nice"}, assistant.EInvalid, `goal kind "be-nice" is not known`},
		{"threshold over 1", lead1, coach.GoalInput{AgentID: "agent-0001", Kind: assistant.GoalClosing, Threshold: ptr(60.0)}, assistant.EInvalid, "threshold 60 is not a share"},
		{"target before start", lead1, coach.GoalInput{AgentID: "agent-0001", Kind: assistant.GoalClosing, StartsOn: date("2026-12-01"), TargetOn: date("2026-11-01")}, assistant.EInvalid, "target_on 2026-11-01 is before starts_on 2026-12-01"},
		{"no agent", lead1, coach.GoalInput{Kind: assistant.GoalClosing}, assistant.EInvalid, "agent_id is required"},
		{"agent of another team", lead1, coach.GoalInput{AgentID: "agent-0002", Kind: assistant.GoalClosing}, assistant.ENotFound, "agent agent-0002 not found"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := svc.SetGoal(ctx, c.p, c.in)
			if assistant.ErrorCode(err) != c.code || !strings.Contains(assistant.ErrorMessage(err), c.says) {
				t.Fatalf("got %v, want code %s saying %q", err, c.code, c.says)
			}
		})
	}
	list, err := svc.Goals(ctx, agent1, "agent-0001")
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].ID != g.ID {
		t.Fatalf("the agent's goals = %+v, want the one set", list)
	}
	if _, err := svc.Goals(ctx, agent1, "agent-0002"); assistant.ErrorCode(err) != assistant.ENotFound {
		t.Errorf("an agent listing a colleague's goals: %v, want not found", err)
	}
	if _, err := svc.EndGoal(ctx, agent1, g.ID); assistant.ErrorCode(err) != assistant.EForbidden {
		t.Errorf("an agent ending a goal: %v, want forbidden", err)
	}
	ended, err := svc.EndGoal(ctx, lead1, g.ID)
	if err != nil {
		t.Fatal(err)
	}
	if ended.EndedOn == nil || ended.EndedOn.String() != "2026-11-30" {
		t.Errorf("ended goal = %+v, want ended today", ended)
	}
	if _, err := svc.EndGoal(ctx, lead1, g.ID); assistant.ErrorCode(err) != assistant.EConflict {
		t.Errorf("ending a goal twice: %v, want conflict", err)
	}
	lead2 := assistant.Principal{Role: assistant.RoleLead, TeamIDs: []string{"team-02"}}
	if _, err := svc.EndGoal(ctx, lead2, g.ID); assistant.ErrorCode(err) != assistant.ENotFound {
		t.Errorf("another team's lead ending the goal: %v, want not found", err)
	}
}

func date(s string) *assistant.Date {
	d, err := assistant.ParseDate("date", s)
	if err != nil {
		panic(err)
	}
	return &d
}

func ptr[T any](v T) *T { return &v }

// since returns the calls made while goal g ran.
func since(calls []*assistant.Call, g assistant.Goal) []*assistant.Call {
	var out []*assistant.Call
	for _, c := range calls {
		if !c.OccurredAt.Before(g.StartsOn.Time) && (g.EndedOn == nil || c.OccurredAt.Before(g.EndedOn.Time)) {
			out = append(out, c)
		}
	}
	return out
}

func transcriptOptions(a synth.Agent, lang assistant.Language, at time.Time, n int) transcript.Options {
	return transcript.Options{AgentID: a.ID, TeamID: a.TeamID, Language: lang, OccurredAt: at, ExternalID: "fixture-" + strconv.Itoa(n)}
}

func goalByID(t *testing.T, goals []assistant.Goal, id int64) assistant.Goal {
	t.Helper()
	for _, g := range goals {
		if g.ID == id {
			return g
		}
	}
	t.Fatalf("a result for goal %d, which is not among %+v", id, goals)
	return assistant.Goal{}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// A goal set today is not judged on the calls before it: with no call since
// its start it is not yet measurable, counts as no unmet goal and gives no
// reason for attention; the weeks after the last call have null shares.
func TestGoalSetTodayIsNotYetMeasurable(t *testing.T) {
	svc, calls, db := progressFixture(t)
	ctx := context.Background()
	lead1 := withToken(t, db, lead1)
	const agent = "agent-0001"
	// A threshold no agent meets, so that judging it on the earlier calls
	// would flag the agent at once.
	g, err := svc.SetGoal(ctx, lead1, coach.GoalInput{AgentID: agent, Kind: assistant.GoalTargetShare, Threshold: ptr(1.0)})
	if err != nil {
		t.Fatal(err)
	}
	if !g.StartsOn.Equal(assistant.DateOf(progressToday).Time) {
		t.Fatalf("goal starts on %s, want today", g.StartsOn)
	}
	last := time.Time{}
	for _, c := range calls {
		if c.AgentID == agent && c.OccurredAt.After(last) {
			last = c.OccurredAt
		}
	}
	if !last.Before(g.StartsOn.Time) {
		t.Fatalf("the fixture has a call of %s on %v, after the goal's start", agent, last)
	}
	f, err := assistant.NewProgressFilter("2026-10-19", "2026-12-13", "week", progressToday)
	if err != nil {
		t.Fatal(err)
	}
	p, err := svc.TeamProgress(ctx, admin, "team-01", f)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, r := range p.Total.Goals {
		if r.GoalID == g.ID {
			found = true
			if r.Status != assistant.GoalNotMeasurable || r.Value != nil || r.Met {
				t.Errorf("team total: goal set today = %+v, want not measurable", r)
			}
		}
	}
	if !found {
		t.Fatalf("team total has no result for goal %d: %+v", g.ID, p.Total.Goals)
	}
	for _, s := range p.Agents {
		if s.AgentID == agent && (slices.Contains(s.Reasons, assistant.ReasonGoalNotMet) || s.GoalsMet != 0 || s.Goals != 1) {
			t.Errorf("%s: goals %d/%d, reasons %q; a goal set today is neither met nor a reason", agent, s.GoalsMet, s.Goals, s.Reasons)
		}
	}
	ap, err := svc.AgentProgress(ctx, admin, agent, f)
	if err != nil {
		t.Fatal(err)
	}
	// The weeks from 30 November on hold no call: null shares, zero counts.
	for _, b := range ap.Buckets {
		if b.Start.Before(assistant.BucketWeek.Start(progressToday)) {
			continue
		}
		if b.Calls != 0 || b.AgentTurns != 0 || b.TargetShare != nil || b.EscalationsPerCall != nil || b.OctantShare[assistant.Leading] != nil || b.Closing.Complete != nil {
			t.Errorf("week of %s without calls: %+v, want counts 0 and null shares", b.Start.Format(time.DateOnly), b.Figures)
		}
		if len(b.Goals) != 1 || b.Goals[0].Status != assistant.GoalNotMeasurable {
			t.Errorf("week of %s: goals %+v, want one not measurable", b.Start.Format(time.DateOnly), b.Goals)
		}
	}
}
