package phrasing

import (
	"regexp"
	"slices"
	"strings"
)

// Amounts and dates must survive every rewrite unchanged, so the engine and
// its tests find them with the same code. The expressions are anchored and
// tried only where an amount or date can start (a digit, a currency sign, a
// month name); the dates that are words ("vrijdag", "today") come from a
// trie. An unanchored alternation over the whole turn cost ten times more.
var (
	amountRE = regexp.MustCompile(`^(?:[€£$]\s?\d[\d.,]*\d|[€£$]\s?\d|\d[\d.,]*\s?(?:euro|eur|pond|pounds?|dollars?)\b)(?:\s(?:per maand|per week|per month|a month|each month|every month|a week))?`)
	dateRE   = regexp.MustCompile(`^(?:\d{1,2}[-/]\d{1,2}(?:[-/]\d{2,4})?|\d{1,2}(?:e|ste|de|st|nd|rd|th)?\s(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|january|february|march|may|june|july|august|october)(?:\s\d{4})?|\d{1,2}(?:st|nd|rd|th)(?:\sof\s(?:january|february|march|april|may|june|july|august|september|october|november|december|each month|next month|the month))?|\d{1,2}e|(?:january|february|march|april|june|july|august|september|october|november|december)\s\d{1,2}(?:st|nd|rd|th)?)\b`)
	// datePrepRE is the preposition that gives a date its role, so that a
	// rewrite keeps "vóór vrijdag" and not just "vrijdag".
	datePrepRE = regexp.MustCompile(`(?:vóór|voor|uiterlijk|op|tot|per|vanaf|na|by|before|on|until|from|no later than)\s$`)
	dateWords  = plain([]string{
		"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"vandaag", "morgen", "overmorgen", "today", "tomorrow", "deze week", "volgende week", "this week",
		"next week", "eind van de maand", "end of the month",
	})
	weekdays = wordSet([]string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
	months   = map[string]bool{
		"january": true, "february": true, "march": true, "april": true, "june": true, "july": true,
		"august": true, "september": true, "october": true, "november": true, "december": true,
	}
)

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// numberStart reports whether a number starts at l[i] (not inside one).
func numberStart(l string, i int) bool {
	if !isDigitByte(l[i]) {
		return false
	}
	if i == 0 {
		return true
	}
	c := l[i-1]
	return !isDigitByte(c) && c != '.' && c != ',' && !(c >= 'a' && c <= 'z')
}

// amountSpans returns the byte spans of the amounts in s.
func amountSpans(s string) [][]int { return amountSpansL(lowerSameWidth(s)) }

// amountSpansL is amountSpans on text already lowered by lowerSameWidth.
func amountSpansL(s string) [][]int {
	var out [][]int
	for i := 0; i < len(s); i++ {
		c := s[i]
		sign := c == '$' || strings.HasPrefix(s[i:], "€") || strings.HasPrefix(s[i:], "£")
		if !sign && !numberStart(s, i) {
			continue
		}
		if sign && i > 0 && isDigitByte(s[i-1]) {
			continue
		}
		m := amountRE.FindStringIndex(s[i:min(len(s), i+40)])
		if m == nil {
			continue
		}
		out = append(out, []int{i, i + m[1]})
		i += m[1] - 1
	}
	return out
}

// dateSpans returns the byte spans of the dates in s that are not part of an
// amount ("25 euro" is no date).
func dateSpans(s string) [][]int { return dateSpansL(lowerSameWidth(s)) }

// dateSpansL is dateSpans on text already lowered by lowerSameWidth.
func dateSpansL(l string) [][]int {
	var out [][]int
	var amounts [][]int
	amountsDone := false
	for i := 0; i < len(l); i++ {
		if !numberStart(l, i) && !(l[i] >= 'a' && l[i] <= 'z' && (i == 0 || l[i-1] == ' ') && months[firstWord(l[i:])]) {
			continue
		}
		m := dateRE.FindStringIndex(l[i:min(len(l), i+40)])
		if m == nil {
			continue
		}
		if !amountsDone {
			amounts, amountsDone = amountSpansL(l), true
		}
		start, end := i, i+m[1]
		if inAny(amounts, start, end) {
			continue
		}
		if strings.HasSuffix(l[:start], "the ") {
			start -= 4
		} else if strings.HasSuffix(l[:start], "de ") && strings.HasSuffix(l[:end], "e") {
			start -= 3
		}
		out = append(out, []int{start, end})
		i = end - 1
	}
	var buf [48]token
	toks := tokenize(buf[:0], l, 0, len(l))
	words := 0
	for _, m := range dateWords.findAll(nil, toks, always) {
		start := toks[m.from].start
		// "the end of the month", "het eind van de maand": the article
		// belongs to the date.
		if m.from > 0 && (toks[m.from-1].lower == "the" || toks[m.from-1].lower == "het") && toks[m.from-1].end+1 == start {
			start = toks[m.from-1].start
		}
		out = append(out, []int{start, toks[m.to-1].end})
		words++
	}
	if words > 0 && len(out) > words {
		slices.SortFunc(out, func(a, b []int) int { return a[0] - b[0] })
	}
	return out
}

func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

func inAny(spans [][]int, start, end int) bool {
	for _, a := range spans {
		if a[0] < end && start < a[1] {
			return true
		}
	}
	return false
}

// factParts returns the amounts and the dates (with their preposition) of s,
// in order, as they are written.
func factParts(s string) (amounts, dates []string) { return factPartsL(s, lowerSameWidth(s)) }

// factPartsL is factParts with s already lowered into l.
func factPartsL(s, l string) (amounts, dates []string) {
	for _, m := range amountSpansL(l) {
		amounts = append(amounts, s[m[0]:m[1]])
	}
	for _, m := range dateSpansL(l) {
		start := m[0]
		if p := datePrepRE.FindStringIndex(l[max(0, start-20):start]); p != nil {
			start = max(0, start-20) + p[0]
		}
		end := m[1]
		if rest := s[end:]; strings.HasPrefix(strings.ToLower(rest), " nog") && (len(rest) == 4 || !isWordRune(rune(rest[4]))) {
			end += 4
		}
		dates = append(dates, s[start:end])
	}
	return amounts, dates
}

// dateCores returns the dates of s without preposition.
func dateCores(s string) []string { return dateCoresL(s, lowerSameWidth(s)) }

// dateCoresL is dateCores with s already lowered into l.
func dateCoresL(s, l string) []string {
	var out []string
	for _, m := range dateSpansL(l) {
		out = append(out, s[m[0]:m[1]])
	}
	return out
}
