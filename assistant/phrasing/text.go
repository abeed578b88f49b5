package phrasing

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a byte range [start, end) of the turn's text.
type span struct{ start, end int }

// token is a word of the turn: a byte range and its lower-case text.
type token struct {
	start, end int
	lower      string
}

// lowerSameWidth lower-cases s rune by rune, keeping any rune whose lower case
// would take another number of bytes. The result has the byte layout of s, so
// byte offsets found in it are valid in s.
func lowerSameWidth(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		l := unicode.ToLower(r)
		if r == '’' || r == '‘' {
			// Curly apostrophes stay three bytes wide; tokens normalise them.
			b.WriteRune(r)
			continue
		}
		if utf8.RuneLen(l) != utf8.RuneLen(r) {
			l = r
		}
		b.WriteRune(l)
	}
	return b.String()
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// tokenize appends the words of lower[from:to] to dst. A word is a run of
// letters and digits, joined by an apostrophe or hyphen between letters
// ("you're", "WW-uitkering").
func tokenize(dst []token, lower string, from, to int) []token {
	i := from
	for i < to {
		r, n := utf8.DecodeRuneInString(lower[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		start := i
		i += n
		for i < to {
			r, n = utf8.DecodeRuneInString(lower[i:])
			if isWordRune(r) {
				i += n
				continue
			}
			if r == '\'' || r == '’' || r == '-' {
				if i+n < to {
					r2, _ := utf8.DecodeRuneInString(lower[i+n:])
					if isWordRune(r2) {
						i += n
						continue
					}
				}
			}
			break
		}
		w := lower[start:i]
		if strings.ContainsRune(w, '’') {
			w = strings.ReplaceAll(w, "’", "'")
		}
		dst = append(dst, token{start: start, end: i, lower: w})
	}
	return dst
}

// abbreviations end with a full stop without ending the sentence.
var abbreviations = map[string]bool{
	"bijv": true, "bv": true, "o.a": true, "d.w.z": true, "m.b.t": true, "i.v.m": true, "t.a.v": true,
	"nr": true, "mr": true, "mrs": true, "ms": true, "dr": true, "e.g": true, "i.e": true, "etc": true,
	"no": true, "st": true, "dhr": true, "mevr": true, "ca": true, "incl": true, "excl": true, "vs": true,
}

// splitSentences returns the sentences of s as trimmed byte spans. A sentence
// ends at . ! ? or … followed by a space or the end, or at a line break; a
// full stop after a known abbreviation or between digits does not end one.
func splitSentences(dst []span, s string) []span {
	start := -1
	flush := func(end int) {
		if start >= 0 {
			e := end
			for e > start && (s[e-1] == ' ' || s[e-1] == '\t' || s[e-1] == '\r') {
				e--
			}
			if e > start {
				dst = append(dst, span{start, e})
			}
		}
		start = -1
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n':
			flush(i)
		case start < 0 && !unicode.IsSpace(r):
			start = i
		}
		if start >= 0 && (r == '.' || r == '!' || r == '?' || r == '…') {
			j := i + n
			for j < len(s) && (s[j] == '.' || s[j] == '!' || s[j] == '?' || s[j] == '"' || s[j] == '\'' || s[j] == ')') {
				j++
			}
			if j == len(s) || s[j] == ' ' || s[j] == '\n' || s[j] == '\t' || s[j] == '\r' {
				if r != '.' || !abbreviationBefore(s, start, i) {
					flush(j)
					i = j
					continue
				}
			}
		}
		i += n
	}
	flush(len(s))
	return dst
}

// abbreviationBefore reports whether the word ending at dot (a full stop) is a
// known abbreviation.
func abbreviationBefore(s string, from, dot int) bool {
	k := dot
	for k > from {
		r, n := utf8.DecodeLastRuneInString(s[:k])
		if !isWordRune(r) && r != '.' {
			break
		}
		k -= n
	}
	return abbreviations[strings.ToLower(s[k:dot])]
}

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
	months = map[string]bool{
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
		out = append(out, []int{toks[m.from].start, toks[m.to-1].end})
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

// upperFirst returns s with its first letter in upper case.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// lowerFirst returns s with its first letter in lower case, unless the first
// word is a name-like word that is capitalised everywhere ("I", "BKR").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	if n < len(s) {
		r2, _ := utf8.DecodeRuneInString(s[n:])
		if unicode.IsUpper(r2) {
			return s // an acronym
		}
	}
	if s == "I" || strings.HasPrefix(s, "I ") || strings.HasPrefix(s, "I'") {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// trimEnd cuts trailing punctuation and spaces off s and returns the cut-off
// final mark (".", "?", "!", or "").
func trimEnd(s string) (string, string) {
	mark := ""
	for len(s) > 0 {
		c := s[len(s)-1]
		if c == '.' || c == '!' || c == '?' || c == ',' || c == ';' || c == ':' || c == ' ' {
			if mark == "" && (c == '.' || c == '!' || c == '?') {
				mark = string(c)
			}
			s = s[:len(s)-1]
			continue
		}
		break
	}
	return s, mark
}

// runeOffset converts the byte offset b of s into a rune offset.
func runeOffset(s string, b int) int { return utf8.RuneCountInString(s[:b]) }
