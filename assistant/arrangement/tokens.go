package arrangement

import (
	"strings"
	"unicode"
)

type tokenKind int

const (
	tWord  tokenKind = iota // letters, lower-cased; hyphens split words
	tNum                    // digits with inner '.' or ','
	tSym                    // a currency symbol
	tPunct                  // punctuation; sentence ends are marked
	tBreak                  // a line break, which ends a sentence
)

// token is a piece of a turn with its rune offsets, End exclusive.
type token struct {
	kind       tokenKind
	text       string // lower-cased for words
	start, end int
	ordinal    bool // a number written as an ordinal: 25e, 25ste, 3rd, 15th
	sentence   bool // punctuation that ends a sentence
}

// ordinalSuffixes are what follows the digits of a day of the month.
var ordinalSuffixes = map[string]bool{"e": true, "ste": true, "de": true, "st": true, "nd": true, "rd": true, "th": true}

// tokenize splits text into tokens. Offsets are rune offsets.
func tokenize(text string) []token {
	rs := []rune(text)
	var out []token
	isLetter := func(i int) bool { return i < len(rs) && unicode.IsLetter(rs[i]) }
	isDigit := func(i int) bool { return i < len(rs) && rs[i] >= '0' && rs[i] <= '9' }
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case r == '\n':
			out = append(out, token{kind: tBreak, text: "\n", start: i, end: i + 1, sentence: true})
			i++
		case unicode.IsSpace(r):
			i++
		case unicode.IsLetter(r):
			j := i
			for j < len(rs) && (unicode.IsLetter(rs[j]) || ((rs[j] == '\'' || rs[j] == '’') && isLetter(j+1) && j > i)) {
				j++
			}
			w := strings.ToLower(strings.ReplaceAll(string(rs[i:j]), "’", "'"))
			out = append(out, token{kind: tWord, text: w, start: i, end: j})
			i = j
		case isDigit(i):
			j := i
			for j < len(rs) && (isDigit(j) || ((rs[j] == '.' || rs[j] == ',') && isDigit(j+1))) {
				j++
			}
			t := token{kind: tNum, text: string(rs[i:j]), start: i, end: j}
			// "€ 50,-" is fifty whole euros.
			if j+1 < len(rs) && (rs[j] == ',' || rs[j] == '.') && (rs[j+1] == '-' || rs[j+1] == '—' || rs[j+1] == '–') {
				j += 2
				t.end = j
			} else if isLetter(j) {
				k := j
				for isLetter(k) {
					k++
				}
				if ordinalSuffixes[strings.ToLower(string(rs[j:k]))] {
					t.ordinal = true
					j = k
					t.end = j
				}
			}
			out = append(out, t)
			i = j
		case r == '€' || r == '£' || r == '$':
			out = append(out, token{kind: tSym, text: string(r), start: i, end: i + 1})
			i++
		case r == '-' && isLetter(i+1) && i > 0 && unicode.IsLetter(rs[i-1]):
			i++ // inside a compound: "WW-uitkering", "forty-five"
		default:
			t := token{kind: tPunct, text: string(r), start: i, end: i + 1}
			switch r {
			case '.', '!', '?', ';':
				t.sentence = true
			case '–', '—':
				t.text = "-"
			}
			out = append(out, t)
			i++
		}
	}
	return out
}

// pattern is a phrase of lexicon words. A word ending in "*" matches any word
// it starts; "~" skips up to three words, never punctuation.
type pattern []string

func compile(phrases ...string) []pattern {
	out := make([]pattern, len(phrases))
	for i, p := range phrases {
		out[i] = strings.Fields(p)
	}
	return out
}

// match reports how many tokens p covers starting at toks[i], or 0.
func (p pattern) match(toks []token, i int) int {
	if len(p) == 0 {
		return 0
	}
	if p[0] == "~" {
		for skip := 0; skip <= 3; skip++ {
			if n := p[1:].match(toks, i+skip); n > 0 {
				return skip + n
			}
			if i+skip >= len(toks) || toks[i+skip].kind != tWord {
				return 0
			}
		}
		return 0
	}
	if i >= len(toks) || toks[i].kind != tWord || !wordMatches(p[0], toks[i].text) {
		return 0
	}
	if len(p) == 1 {
		return 1
	}
	n := p[1:].match(toks, i+1)
	if n == 0 {
		return 0
	}
	return n + 1
}

func wordMatches(want, got string) bool {
	if prefix, ok := strings.CutSuffix(want, "*"); ok {
		return strings.HasPrefix(got, prefix)
	}
	return want == got
}

// longest returns the longest of patterns matching at toks[i] and its length.
func longest(patterns []pattern, toks []token, i int) (int, int) {
	best, bestN := -1, 0
	for k, p := range patterns {
		if n := p.match(toks, i); n > bestN {
			best, bestN = k, n
		}
	}
	return best, bestN
}

// isWord reports whether toks[i] is a word among words.
func isWord(toks []token, i int, words ...string) bool {
	if i < 0 || i >= len(toks) || toks[i].kind != tWord {
		return false
	}
	for _, w := range words {
		if toks[i].text == w {
			return true
		}
	}
	return false
}
