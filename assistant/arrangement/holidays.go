package arrangement

import (
	"sync"
	"time"
)

// Public holidays on which no payment is due, per jurisdiction, worked out
// from the rules that set them (docs/domain/arrangements.md §6):
//
//   - nl: the days of the Algemene termijnenwet art. 3 (Nieuwjaarsdag, Goede
//     Vrijdag, tweede Paas- en Pinksterdag, Koningsdag, 5 mei, Hemelvaart,
//     beide Kerstdagen); Koningsdag is 26 April when 27 April is a Sunday.
//   - uk: the bank holidays of England and Wales; New Year's Day, Christmas
//     and Boxing Day on a weekend get a substitute weekday.
//   - us: the days Federal Reserve Banks are closed: the federal holidays,
//     a Sunday holiday moving to Monday and a Saturday one closing nothing.
//
// Extra days set by royal proclamation or decree (the UK's 2022 and 2023
// extra bank holidays) are not rules; testdata/worked_examples.json holds the
// published lists for 2026–2028 that these rules are checked against.

// easter returns Easter Sunday of year y (Western, Gregorian: the anonymous
// algorithm of Meeus, Jones and Butcher).
func easter(y int) time.Time {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	n := h + l - 7*m + 114
	return ymd(y, time.Month(n/31), n%31+1)
}

func ymd(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// nthWeekday returns the nth weekday wd of the month; n = -1 is the last.
func nthWeekday(y int, m time.Month, wd time.Weekday, n int) time.Time {
	if n < 0 {
		last := ymd(y, m+1, 0)
		return last.AddDate(0, 0, -int((last.Weekday()-wd+7)%7))
	}
	first := ymd(y, m, 1)
	return first.AddDate(0, 0, int((wd-first.Weekday()+7)%7)+7*(n-1))
}

func isWeekend(d time.Time) bool { return d.Weekday() == time.Saturday || d.Weekday() == time.Sunday }

// holidays returns the days of year y on which jurisdiction j has no
// business day besides weekends.
func holidays(j string, y int) []time.Time {
	e := easter(y)
	switch j {
	case Netherlands:
		kd := ymd(y, time.April, 27)
		if kd.Weekday() == time.Sunday {
			kd = kd.AddDate(0, 0, -1)
		}
		return []time.Time{ymd(y, 1, 1), e.AddDate(0, 0, -2), e.AddDate(0, 0, 1), kd, ymd(y, 5, 5),
			e.AddDate(0, 0, 39), e.AddDate(0, 0, 50), ymd(y, 12, 25), ymd(y, 12, 26)}
	case UnitedKingdom:
		ny := ymd(y, 1, 1)
		for isWeekend(ny) {
			ny = ny.AddDate(0, 0, 1)
		}
		xmas, boxing := ymd(y, 12, 25), ymd(y, 12, 26)
		switch xmas.Weekday() {
		case time.Friday:
			boxing = ymd(y, 12, 28)
		case time.Saturday:
			xmas, boxing = ymd(y, 12, 27), ymd(y, 12, 28)
		case time.Sunday:
			xmas = ymd(y, 12, 27)
		}
		return []time.Time{ny, e.AddDate(0, 0, -2), e.AddDate(0, 0, 1), nthWeekday(y, 5, time.Monday, 1),
			nthWeekday(y, 5, time.Monday, -1), nthWeekday(y, 8, time.Monday, -1), xmas, boxing}
	case UnitedStates:
		fixed := []time.Time{ymd(y, 1, 1), ymd(y, 6, 19), ymd(y, 7, 4), ymd(y, 11, 11), ymd(y, 12, 25)}
		out := []time.Time{nthWeekday(y, 1, time.Monday, 3), nthWeekday(y, 2, time.Monday, 3),
			nthWeekday(y, 5, time.Monday, -1), nthWeekday(y, 9, time.Monday, 1), nthWeekday(y, 10, time.Monday, 2),
			nthWeekday(y, 11, time.Thursday, 4)}
		for _, d := range fixed {
			switch d.Weekday() {
			case time.Sunday:
				out = append(out, d.AddDate(0, 0, 1))
			case time.Saturday:
				// Federal Reserve Banks stay open the Friday before.
			default:
				out = append(out, d)
			}
		}
		return out
	}
	return nil
}

type yearKey struct {
	j string
	y int
}

// closedDays caches the holidays of a jurisdiction's year as a set.
var closedDays sync.Map // yearKey → map[time.Time]bool

func isHoliday(j string, d time.Time) bool {
	k := yearKey{j, d.Year()}
	v, ok := closedDays.Load(k)
	if !ok {
		set := map[time.Time]bool{}
		for _, h := range holidays(j, d.Year()) {
			set[h] = true
		}
		v, _ = closedDays.LoadOrStore(k, set)
	}
	return v.(map[time.Time]bool)[d]
}

// BusinessDay reports whether d is a day payments are processed in
// jurisdiction j: not a weekend and not a public holiday.
func BusinessDay(j string, d time.Time) bool {
	d = ymd(d.Year(), d.Month(), d.Day())
	return !isWeekend(d) && !isHoliday(j, d)
}

// nextBusinessDay returns d, or the first business day of j after it.
func nextBusinessDay(j string, d time.Time) time.Time {
	for !BusinessDay(j, d) {
		d = d.AddDate(0, 0, 1)
	}
	return d
}
