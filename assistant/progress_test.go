package assistant

import (
	"encoding/json"
	"errors"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestNewProgressFilter(t *testing.T) {
	now := time.Date(2026, 12, 4, 15, 0, 0, 0, time.UTC)
	f, err := NewProgressFilter("", "", "", now)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC); !f.To.Equal(want) || !f.From.Equal(want.Add(-DefaultProgressPeriod)) || f.Bucket != BucketWeek {
		t.Errorf("defaults = %v to %v by %s, want twelve weeks up to and including today, by week", f.From, f.To, f.Bucket)
	}
	f, err = NewProgressFilter("2026-11-01", "2026-11-30", "day", now)
	if err != nil {
		t.Fatal(err)
	}
	if !f.To.Equal(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("to 2026-11-30 = %v, want the 30th included", f.To)
	}
	for _, c := range []struct{ from, to, bucket, says string }{
		{"2026-11-30", "2026-11-01", "week", "to 2026-11-01 does not come after from 2026-11-30;"},
		{"2026-12-10", "", "week", "to (today, 2026-12-04) does not come after from 2026-12-10;"},
		{"2026-11-30T10:00:00Z", "2026-11-30T10:00:00Z", "day", "to 2026-11-30T10:00:00Z does not come after from 2026-11-30T10:00:00Z;"},
		{"2026-11-01", "2026-11-30", "year", `bucket "year" is not known; use day, week or month`},
		{"last monday", "", "", `from "last monday" is not a date or time`},
		{"", "30-11-2026", "", `to "30-11-2026" is not a date or time`},
		// A "+" sent unencoded in a URL arrives as a space: said so.
		{"", "2026-12-06T10:00:00 02:00", "", `must be sent as %2B in a URL`},
		{"2016-01-01", "2026-01-01", "day", "more than 400 days; choose a shorter period or a longer bucket"},
		{"1999-01-01", "2000-02-01", "month", "outside the years calls can have"},
	} {
		_, err := NewProgressFilter(c.from, c.to, c.bucket, now)
		if ErrorCode(err) != EInvalid || !strings.Contains(ErrorMessage(err), c.says) {
			t.Errorf("from=%q to=%q bucket=%q: %v, want invalid saying %q", c.from, c.to, c.bucket, err, c.says)
		}
	}
}

// SpaceForPlus tells a zone's "+" read as a space from other bad times.
func TestSpaceForPlus(t *testing.T) {
	for v, want := range map[string]bool{
		"2026-12-06T10:00:00 02:00": true, "2026-12-06T10:00:00.5 01:00": true,
		"2026-12-06T10:00:00+02:00": false, "2026-12-06 10:00": false, "last monday": false, "2026-12-06T10:00:00-02:00": false,
	} {
		if got := SpaceForPlus(v); got != want {
			t.Errorf("SpaceForPlus(%q) = %v, want %v", v, got, want)
		}
		if hint := PlusHint(v); (hint != "") != want {
			t.Errorf("PlusHint(%q) = %q", v, hint)
		}
	}
}

func TestBucketStart(t *testing.T) {
	// 2026-11-29 is a Sunday: its ISO week began on Monday the 23rd.
	sunday := time.Date(2026, 11, 29, 23, 59, 0, 0, time.UTC)
	for b, want := range map[Bucket]string{BucketDay: "2026-11-29", BucketWeek: "2026-11-23", BucketMonth: "2026-11-01"} {
		if got := b.Start(sunday).Format(time.DateOnly); got != want {
			t.Errorf("%s start of %v = %s, want %s", b, sunday, got, want)
		}
	}
	// Times are cut in UTC: 00:30 in Amsterdam on a Monday is still Sunday.
	ams := time.FixedZone("CET", 3600)
	if got := BucketWeek.Start(time.Date(2026, 11, 30, 0, 30, 0, 0, ams)).Format(time.DateOnly); got != "2026-11-23" {
		t.Errorf("week of Monday 00:30 CET = %s, want 2026-11-23 (UTC)", got)
	}
}

func TestGoalEvaluateNothingMeasured(t *testing.T) {
	g := Goal{ID: 1, Kind: GoalArrangementOffered, Threshold: 1}
	r := g.Evaluate(ProgressCounts{Calls: 4})
	if r.Value != nil || r.Met || r.Measured != 0 {
		t.Errorf("no call with an offer: %+v, want no value and not met", r)
	}
	r = g.Evaluate(ProgressCounts{Calls: 4, OfferCalls: 2, Offered: 2})
	if r.Value == nil || *r.Value != 1 || !r.Met {
		t.Errorf("both offers answered: %+v, want met at 1", r)
	}
}

func TestDateJSON(t *testing.T) {
	g := Goal{StartsOn: Date{time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}}
	b, err := json.Marshal(g)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"starts_on":"2026-12-01"`) {
		t.Errorf("goal JSON %s does not write starts_on as a plain date", b)
	}
	var back Goal
	if err := json.Unmarshal(b, &back); err != nil || !back.StartsOn.Equal(g.StartsOn.Time) {
		t.Errorf("round trip: %v, %v", back.StartsOn, err)
	}
	// A wrong date is a type error, for encoding/json to add the field's
	// path; package strictjson words it (its TestDecodeExplainsAmountsAndDates).
	var d Date
	var typ *json.UnmarshalTypeError
	if err := json.Unmarshal([]byte(`{"starts_on": "01-12-2026"}`), &back); !errors.As(err, &typ) ||
		typ.Field != "starts_on" || typ.Value != `string "01-12-2026"` || typ.Type != reflect.TypeFor[Date]() {
		t.Errorf("a date the other way round: %#v", err)
	}
	if err := json.Unmarshal([]byte(`20261201`), &d); !errors.As(err, &typ) || typ.Value != "number 20261201" {
		t.Errorf("a date as a number: %v", err)
	}
	if got := (Date{}).JSONFormat(); !strings.Contains(got, "YYYY-MM-DD") {
		t.Errorf("JSONFormat %q does not give the format", got)
	}
}

// Calls not checked for compliance are not calls without breaches: they
// are left out of breaches per call, which is null while no call was
// checked.
func TestComplianceFiguresLeaveOutCallsNotChecked(t *testing.T) {
	old := ProgressCounts{Calls: 3}
	b, err := json.Marshal(old.Figures().Compliance)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"checked_calls":0,"not_checked_calls":3,"breaches":0,"breaches_per_call":null,"calls_with_breach":0,"calls_high_or_critical":0}`; string(b) != want {
		t.Errorf("three calls never checked: %s, want %s", b, want)
	}
	old.Add(ProgressCounts{Calls: 2, CheckedCalls: 2, Breaches: 3, BreachCalls: 1, SevereCalls: 1})
	f := old.Figures().Compliance
	if f.CheckedCalls != 2 || f.NotCheckedCalls != 3 || f.Breaches != 3 || f.CallsWithBreach != 1 || f.CallsHighOrCritical != 1 {
		t.Errorf("three old calls and two checked: %+v", f)
	}
	if f.BreachesPerCall == nil || *f.BreachesPerCall != 1.5 {
		t.Errorf("breaches per call = %v, want 3 breaches over 2 checked calls", f.BreachesPerCall)
	}
}

var (
	day1 = time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC) // a Monday
	week = 7 * 24 * time.Hour
)

// row is one day's counts of an agent: calls calls with turns agent turns,
// target of them above-together.
func row(agent string, day time.Time, calls, turns, target, escalations int) ProgressRow {
	return ProgressRow{Day: day, AgentID: agent, Language: Dutch, ProgressCounts: ProgressCounts{
		Calls: calls, AgentTurns: turns, Escalations: escalations, CompleteClosings: calls,
		Octants: map[Octant]int{Leading: target, Withdrawn: turns - target},
	}}
}

// A week without calls has no shares: null in the JSON, not 0, while its
// counts are there as 0.
func TestEmptyBucketHasNullShares(t *testing.T) {
	f := ProgressFilter{From: day1, To: day1.Add(3 * week), Bucket: BucketWeek}
	p := NewProgress(f, []ProgressRow{row("a", day1, 2, 10, 6, 0), row("a", day1.Add(2*week), 2, 10, 5, 0)}, nil, false)
	if len(p.Buckets) != 3 {
		t.Fatalf("%d buckets, want 3", len(p.Buckets))
	}
	b, err := json.Marshal(p.Buckets[1])
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"calls":0`, `"agent_turns":0`, `"target_share":null`, `"escalations_per_call":null`, `"jargon_per_call":null`,
		`"leading":null`, `"above-together":null`, `"next_step":null`, `"complete":null`, `"breaches_per_call":null`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("empty week %s: no %s", b, want)
		}
	}
	if got := p.Buckets[0].TargetShare; got == nil || *got != 0.6 {
		t.Errorf("first week target share = %v, want 0.6", got)
	}
	// Calls without agent turns: the call figures are there, the turn
	// shares are not.
	fig := ProgressCounts{Calls: 1}.Figures()
	if fig.TargetShare != nil || fig.EscalationsPerCall == nil || *fig.EscalationsPerCall != 0 {
		t.Errorf("a call without agent turns: target %v, escalations per call %v; want null and 0", fig.TargetShare, fig.EscalationsPerCall)
	}
}

// Figures are rounded once, as they are made: no float noise in the JSON.
func TestFiguresAreRounded(t *testing.T) {
	c := ProgressCounts{Calls: 3, AgentTurns: 3, Jargon: 1, Octants: map[Octant]int{Leading: 1, Helping: 1, Withdrawn: 1},
		Readability: map[Language]Readability{English: {Sentences: 3, Words: 20, Syllables: 29}}}
	b, err := json.Marshal(c.Figures())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"target_share":0.6667`, `"jargon_per_call":0.3333`, `"leading":0.3333`, `"score":77.3983`, `"mean_sentence_length":6.6667`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("figures %s: no %s", b, want)
		}
	}
	if long := regexp.MustCompile(`\d\.\d{5,}`).FindString(string(b)); long != "" {
		t.Errorf("figures %s hold %s, more than %d decimals", b, long, FigurePlaces)
	}
}

// A half of the period without agent turns is no fall of the target share:
// the change is null and the agent is not flagged for it.
func TestTrendSkipsHalfWithoutData(t *testing.T) {
	f := ProgressFilter{From: day1, To: day1.Add(4 * week), Bucket: BucketWeek}
	// Calls in both halves, but the later ones have no agent turns.
	p := NewProgress(f, []ProgressRow{row("a", day1, 2, 10, 8, 0), row("a", day1.Add(3*week), 2, 0, 0, 0)}, nil, true)
	s := p.Agents[0]
	if s.TargetShareChange != nil || s.NeedsAttention || len(s.Reasons) != 0 {
		t.Errorf("later half without agent turns: change %v, reasons %q; want no change and no attention", s.TargetShareChange, s.Reasons)
	}
	if s.EscalationsChange == nil || *s.EscalationsChange != 0 {
		t.Errorf("escalations change = %v, want 0 (both halves have calls)", s.EscalationsChange)
	}
	// A real fall is still read as one, rounded.
	p = NewProgress(f, []ProgressRow{row("a", day1, 3, 10, 8, 0), row("a", day1.Add(3*week), 3, 10, 5, 0)}, nil, true)
	s = p.Agents[0]
	if s.TargetShareChange == nil || *s.TargetShareChange != -0.3 || !slices.Equal(s.Reasons, []string{ReasonTargetFell}) {
		t.Errorf("0.8 to 0.5: change %v, reasons %q; want -0.3 and %q", s.TargetShareChange, s.Reasons, ReasonTargetFell)
	}
}

// A goal is measured on the calls made since it started: set today, it is
// not yet measurable, not failed on last week's calls.
func TestGoalMeasuredFromItsStart(t *testing.T) {
	f := ProgressFilter{From: day1, To: day1.Add(2 * week), Bucket: BucketWeek}
	today := day1.Add(week + 2*24*time.Hour) // Wednesday of the second week
	g := Goal{ID: 7, AgentID: "a", Kind: GoalTargetShare, Threshold: 0.6, StartsOn: Date{today}}
	rows := []ProgressRow{row("a", day1, 2, 10, 2, 0), row("a", day1.Add(week), 2, 10, 2, 0)}
	p := NewProgress(f, rows, []Goal{g}, true)
	if r := p.Total.Goals[0]; r.Status != GoalNotMeasurable || r.Value != nil || r.Met || r.Measured != 0 {
		t.Errorf("goal set today, no calls since: %+v, want not measurable", r)
	}
	if r := p.Buckets[1].Goals[0]; r.Status != GoalNotMeasurable {
		t.Errorf("this week, before the goal's start: %+v, want not measurable", r)
	}
	if s := p.Agents[0]; s.NeedsAttention || s.Goals != 1 || s.GoalsMet != 0 {
		t.Errorf("standing %+v: a goal set today needs no attention yet", s)
	}
	// A call on the start day counts, and only it.
	rows = append(rows, row("a", today, 1, 10, 7, 0))
	p = NewProgress(f, rows, []Goal{g}, true)
	if r := p.Total.Goals[0]; r.Status != GoalMet || r.Measured != 10 || r.Value == nil || *r.Value != 0.7 {
		t.Errorf("one call since the start at 70%%: %+v, want met on its 10 turns", r)
	}
	// And a goal failing since its start is unmet, a reason for attention.
	g.Threshold = 0.8
	p = NewProgress(f, rows, []Goal{g}, true)
	if r, s := p.Total.Goals[0], p.Agents[0]; r.Status != GoalNotMet || !slices.Contains(s.Reasons, ReasonGoalNotMet) {
		t.Errorf("70%% against 80%%: %+v, reasons %q; want not met and %q", r, s.Reasons, ReasonGoalNotMet)
	}
}

// A fall of exactly five points is a fall: the change is compared as it is
// shown, rounded, so 0.55 - 0.6 (-0.04999999999999993 in floats) still
// gives the reason "target share fell".
func TestTargetFellAtExactlyFivePoints(t *testing.T) {
	f := ProgressFilter{From: day1, To: day1.Add(4 * week), Bucket: BucketWeek}
	p := NewProgress(f, []ProgressRow{row("a", day1, 2, 10, 6, 0), row("a", day1.Add(3*week), 2, 20, 11, 0)}, nil, true)
	s := p.Agents[0]
	if s.TargetShareChange == nil || *s.TargetShareChange != -0.05 || !slices.Equal(s.Reasons, []string{ReasonTargetFell}) || !s.NeedsAttention {
		t.Errorf("0.6 to 0.55: change %v, reasons %q; want -0.05 and %q", s.TargetShareChange, s.Reasons, ReasonTargetFell)
	}
}
