package assistant

import (
	"encoding/json"
	"errors"
	"reflect"
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
		{"2016-01-01", "2026-01-01", "day", "more than 400 days; choose a shorter period or a longer bucket"},
		{"1999-01-01", "2000-02-01", "month", "outside the years calls can have"},
	} {
		_, err := NewProgressFilter(c.from, c.to, c.bucket, now)
		if ErrorCode(err) != EInvalid || !strings.Contains(ErrorMessage(err), c.says) {
			t.Errorf("from=%q to=%q bucket=%q: %v, want invalid saying %q", c.from, c.to, c.bucket, err, c.says)
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
