package arrangement

import (
	"strconv"
	"strings"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/language"
)

// Dates and paydays as people say them in a call.

// saidDate is a date read from a call: a full date when month is set, or
// only a day of the month ("de 25e", "the 4th of next month").
type saidDate struct {
	from, to int // token range, to exclusive
	day      int
	// weekday and nth give "the last Friday of June" instead of day.
	weekday   string
	nth       int
	month     int // 0: not said
	year      int // 0: not said
	nextMonth bool
}

// ordinalDay returns the day of an ordinal token ("25e", "3rd"), or 0.
func ordinalDay(t language.Token) int {
	if t.Kind != language.Number || !t.Ordinal {
		return 0
	}
	end := strings.IndexFunc(t.Text, func(r rune) bool { return r < '0' || r > '9' })
	digits := t.Text
	if end >= 0 {
		digits = t.Text[:end]
	}
	d, err := strconv.Atoi(digits)
	if err != nil || d < 1 || d > 31 {
		return 0
	}
	return d
}

// plainDay returns the day of a number token of one or two digits, or 0.
func plainDay(t language.Token) int {
	if t.Kind != language.Number || t.Ordinal || len(t.Text) > 2 {
		return 0
	}
	d, err := strconv.Atoi(t.Text)
	if err != nil || d < 1 || d > 31 {
		return 0
	}
	return d
}

func yearAt(toks []language.Token, i int) (int, bool) {
	if i >= len(toks) || toks[i].Kind != language.Number || len(toks[i].Text) != 4 {
		return 0, false
	}
	y, err := strconv.Atoi(toks[i].Text)
	return y, err == nil && y >= 2000 && y <= 2100
}

// readDate reads a date starting at toks[i]: "25 juni", "1 July 2027",
// "July 1st", "the 3rd of July", "de 25e", "the 4th of next month", and in
// Dutch "25-06-2026" or "25/6" (day first). English numeric dates are left
// alone: 06/07 is June in the US and July in the UK.
func readDate(toks []language.Token, i int, lang assistant.Language) (saidDate, bool) {
	if i >= len(toks) {
		return saidDate{}, false
	}
	t := toks[i]
	withYear := func(d saidDate, k int) saidDate {
		if wordAt(toks, k) == "," {
			k++
		}
		if y, ok := yearAt(toks, k); ok {
			d.year, d.to = y, k+1
		}
		return d
	}
	// "25 juni", "1 July 2027", "3rd of July", "25e juni"
	if d := max(plainDay(t), ordinalDay(t)); d > 0 {
		k := i + 1
		if t.Ordinal && language.IsWord(toks, k, "of", "van") {
			k++
		}
		if m, ok := monthWords[wordAt(toks, k)]; ok {
			return withYear(saidDate{from: i, to: k + 1, day: d, month: m}, k+1), true
		}
	}
	// "July 1st", "July 1, 2027"
	if m, ok := monthWords[wordAt(toks, i)]; ok && i+1 < len(toks) {
		if d := max(plainDay(toks[i+1]), ordinalDay(toks[i+1])); d > 0 {
			return withYear(saidDate{from: i, to: i + 2, day: d, month: m}, i+2), true
		}
	}
	// "de laatste vrijdag van juni", "the last Friday of June"
	if nth, ok := nthWords[wordAt(toks, i)]; ok && weekdayWords[wordAt(toks, i+1)] != "" && language.IsWord(toks, i+2, "of", "van", "in") {
		if m, ok := monthWords[wordAt(toks, i+3)]; ok {
			sd := saidDate{from: i, to: i + 4, weekday: weekdayWords[wordAt(toks, i+1)], nth: nth, month: m}
			if language.IsWord(toks, i-1, "de", "the") {
				sd.from = i - 1
			}
			return withYear(sd, i+4), true
		}
	}
	// "de 25e", "the 4th of next month", "de 4e van volgende maand"
	if d := ordinalDay(t); d > 0 {
		sd := saidDate{from: i, to: i + 1, day: d}
		if language.IsWord(toks, i-1, "de", "the") {
			sd.from = i - 1
		}
		k := i + 1
		if language.IsWord(toks, k, "of", "van") {
			k++
		}
		switch {
		case language.IsWord(toks, k, "volgende", "next") && language.IsWord(toks, k+1, "maand", "month"):
			sd.nextMonth, sd.to = true, k+2
		case language.IsWord(toks, k, "de", "the") && language.IsWord(toks, k+1, "volgende", "next") && language.IsWord(toks, k+2, "maand", "month"):
			sd.nextMonth, sd.to = true, k+3
		}
		return sd, true
	}
	// "25-06-2026", "25/6" (Dutch only)
	if lang == assistant.Dutch {
		if d := plainDay(t); d > 0 && i+2 < len(toks) && toks[i+1].Kind == language.Punct && (toks[i+1].Text == "-" || toks[i+1].Text == "/") &&
			adjacent(toks, i, i+1) && adjacent(toks, i+1, i+2) && toks[i+2].Kind == language.Number {
			m, err := strconv.Atoi(toks[i+2].Text)
			if err == nil && m >= 1 && m <= 12 && len(toks[i+2].Text) <= 2 {
				sd := saidDate{from: i, to: i + 3, day: d, month: m}
				if i+4 < len(toks) && toks[i+3].Text == toks[i+1].Text && adjacent(toks, i+2, i+3) && adjacent(toks, i+3, i+4) {
					if y, ok := yearAt(toks, i+4); ok {
						sd.year, sd.to = y, i+5
					}
				}
				return sd, true
			}
		}
	}
	return saidDate{}, false
}

// resolve turns a said date into a calendar date on or after today: a date
// without a year is the next one to come, a day without a month the next
// such day (in the month after today's for "next month"). ok is false for a
// date that does not exist, such as 31 June.
func (d saidDate) resolve(today time.Time) (time.Time, bool) {
	y, m := today.Year(), today.Month()
	if d.weekday != "" {
		if d.year > 0 {
			y = d.year
		}
		t := nthWeekday(y, time.Month(d.month), weekdays[d.weekday], d.nth)
		if t.Before(today) && d.year == 0 {
			t = nthWeekday(y+1, time.Month(d.month), weekdays[d.weekday], d.nth)
		}
		return t, true
	}
	switch {
	case d.month > 0:
		m = time.Month(d.month)
		if d.year > 0 {
			y = d.year
		}
	case d.nextMonth:
		m++
	}
	t := time.Date(y, m, d.day, 0, 0, 0, 0, time.UTC)
	if t.Day() != d.day {
		return time.Time{}, false
	}
	if t.Before(today) && d.year == 0 && !d.nextMonth {
		if d.month > 0 {
			t = t.AddDate(1, 0, 0)
		} else {
			t = time.Date(y, m+1, d.day, 0, 0, 0, 0, time.UTC)
			if t.Day() != d.day {
				return time.Time{}, false
			}
		}
	}
	return t, true
}

var nthWords = map[string]int{
	"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "laatste": -1,
	"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1,
}

var weekdayWords = map[string]string{
	"maandag": "monday", "dinsdag": "tuesday", "woensdag": "wednesday", "donderdag": "thursday", "vrijdag": "friday",
	"zaterdag": "saturday", "zondag": "sunday",
	"monday": "monday", "tuesday": "tuesday", "wednesday": "wednesday", "thursday": "thursday", "friday": "friday",
	"saturday": "saturday", "sunday": "sunday",
}

// monthEnd says "at the end of the month": the last day.
var monthEnd = language.Compile(
	"eind van de maand", "einde van de maand", "eind van elke maand", "einde van de maand", "laatste dag van de maand", "eind van de maand",
	"end of the month", "end of each month", "end of every month", "last day of the month", "last day of each month",
)

// rest of "... of the month" after a weekday rule, covered by the fact's
// text.
var ofMonth = language.Compile("van de maand", "van elke maand", "in de maand", "of the month", "of each month", "of every month")

// readPayRule reads a payday said as a weekday or working day of the month
// ("de laatste vrijdag van de maand", "last Friday of the month", "the
// first working day"), or the end of the month, at toks[i].
func readPayRule(toks []language.Token, i int) (payRule, int, bool) {
	if _, n := language.Longest(monthEnd, toks, i); n > 0 {
		return payRule{day: 31}, i + n, true
	}
	nth, ok := nthWords[wordAt(toks, i)]
	if !ok {
		return payRule{}, i, false
	}
	k := i + 1
	var r payRule
	switch w := wordAt(toks, k); {
	case weekdayWords[w] != "":
		r, k = payRule{weekday: weekdayWords[w], nth: nth}, k+1
	case w == "werkdag" || w == "workday" || w == "weekday" || (w == "working" || w == "business") && language.IsWord(toks, k+1, "day"):
		if nth != 1 && nth != -1 {
			return payRule{}, i, false
		}
		r, k = payRule{weekday: workday, nth: nth}, k+1
		if w == "working" || w == "business" {
			k++
		}
	default:
		return payRule{}, i, false
	}
	if _, n := language.Longest(ofMonth, toks, k); n > 0 {
		k += n
	}
	return r, k, true
}
