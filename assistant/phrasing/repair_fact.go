package phrasing

import (
	"regexp"
	"strings"
)

// startsWithFact reports whether s opens with an amount or a date ("£300",
// "€ 50", "vrijdag"), or with a date after the word that makes it a
// deadline ("vóór vrijdag", "uiterlijk 1 mei", "by Friday").
func startsWithFact(s string) bool { return leadingFact(s) > 0 }

// leadingFact returns the end of the amount or date that opens s, with the
// deadline word before it; 0 when s opens with neither.
func leadingFact(s string) int {
	l := lowerSameWidth(s)
	for _, sp := range amountSpansL(l) {
		if sp[0] == 0 {
			return sp[1]
		}
	}
	from := 0
	if m := dueWordRE.FindStringIndex(l); m != nil {
		from = m[1]
	}
	for _, sp := range dateSpansL(l) {
		if sp[0] >= from && sp[0] <= from+1 {
			return sp[1]
		}
	}
	return 0
}

// dueWordRE is the word that makes the date after it a deadline; "na" or
// "from" would make it a start, which orders nothing.
var dueWordRE = regexp.MustCompile(`^(?:vóór|voor|uiterlijk|op|by|before|no later than) `)

// dateAfter reports whether every "by"/"door" in s introduces a date ("by
// Friday"), not an actor ("by your partner").
func dateAfter(s, actor string) bool {
	l := " " + lowerSameWidth(s) + " "
	dates := dateSpansL(l)
	for at := 0; ; {
		i := strings.Index(l[at:], actor)
		if i < 0 {
			return true
		}
		i += at
		ok := false
		for _, d := range dates {
			if d[0] <= i+len(actor) && d[1] > i+len(actor) {
				ok = true
			}
		}
		if !ok {
			return false
		}
		at = i + len(actor) - 1
	}
}
