package arrangement

import (
	"time"
)

// payRule is when money comes in: a day of the month (31 is the last day of
// every month), or the nth weekday of the month (nth -1 is the last), or
// the first or last working day. The zero payRule is unknown.
type payRule struct {
	day     int
	weekday string
	nth     int
}

func (r payRule) known() bool { return r.day > 0 || r.weekday != "" }

// in returns the payday of month m of year y (m may run past 12) in
// jurisdiction j, whose holidays decide what a working day is.
func (r payRule) in(j string, y int, m time.Month) time.Time {
	first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	y, m = first.Year(), first.Month()
	switch {
	case r.weekday == workday && r.nth < 0:
		d := ymd(y, m+1, 0)
		for !BusinessDay(j, d) {
			d = d.AddDate(0, 0, -1)
		}
		return d
	case r.weekday == workday:
		return nextBusinessDay(j, first)
	case r.weekday != "":
		return nthWeekday(y, m, weekdays[r.weekday], r.nth)
	}
	return dayOf(y, m, r.day)
}

// dueDates returns n monthly due dates, the first deferral months after the
// first possible one. With a known payday every date is that payday of its
// month; otherwise the start date's day, the last day in shorter months.
// With the policy's MoveOffHolidays a date on a weekend or public holiday
// moves to the next business day.
func (c *checked) dueDates(deferral, n int) []time.Time {
	out := c.anchors(deferral, n)
	if c.policy.MovesOffHolidays() {
		for i, d := range out {
			out[i] = nextBusinessDay(c.Jurisdiction, d)
		}
	}
	return out
}

// anchors are the due dates before any move off holidays.
func (c *checked) anchors(deferral, n int) []time.Time {
	rule := c.payday
	if !rule.known() {
		rule = payRule{day: c.start.Day()}
	}
	first := rule.in(c.Jurisdiction, c.start.Year(), c.start.Month())
	if first.Before(c.start) {
		first = rule.in(c.Jurisdiction, c.start.Year(), c.start.Month()+1)
	}
	out := make([]time.Time, n)
	for i := range out {
		out[i] = rule.in(c.Jurisdiction, first.Year(), first.Month()+time.Month(deferral+i))
	}
	return out
}

// dayOf returns day of the given month, or the month's last day when it is
// shorter; month may run past 12.
func dayOf(year int, month time.Month, day int) time.Time {
	firstOfMonth := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
	last := firstOfMonth.AddDate(0, 1, -1).Day()
	return firstOfMonth.AddDate(0, 0, min(day, last)-1)
}
