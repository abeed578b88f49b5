package phrasing

import (
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

// tokenize appends the words of lower[from:to] to dst.
//
// The phrasing engine keeps this reader rather than language.Tokenize
// because it works in byte offsets into a lower-cased copy of the turn, so
// that its tries match without allocating and its rewrites splice the
// original text; hyphenated words ("ww-uitkering") stay one token because
// the lexicon writes them so. It converts to character offsets only in its
// findings. A word is a run of
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
	"c.q": true, "d.d": true, "i.p.v": true, "m.a.w": true, "n.a.v": true, "d.m.v": true, "t.b.v": true, "enz": true,
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
	lineStart := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n':
			// A line of prose ends its sentence; a short line (a poem's,
			// a heading's) runs on, as it does for the readability
			// peers (textstat ignores line breaks altogether).
			if countWords(s[lineStart:i]) >= proseLine {
				flush(i)
			}
			lineStart = i + 1
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

// proseLine is the number of words from which a line ending in a line
// break is a sentence of its own.
const proseLine = 6

// countWords counts the runs of letters and digits in s.
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		w := isWordRune(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
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
