package language

import "strings"

// Pattern is a phrase of lexicon words matched against tokens. A word ending
// in "*" matches any word it starts ("zelfmoord*" matches "zelfmoordgedachten");
// "~" skips up to three words, never punctuation ("slaap ~ niet" matches "ik
// slaap er echt niet van"). A word written in digits matches that number
// ("bel 113").
type Pattern []string

// Compile turns phrases into patterns.
func Compile(phrases ...string) []Pattern {
	out := make([]Pattern, len(phrases))
	for i, p := range phrases {
		out[i] = strings.Fields(strings.ToLower(p))
	}
	return out
}

// maxGap is how many words "~" may skip.
const maxGap = 3

// Match reports how many tokens p covers starting at toks[i], or 0.
func (p Pattern) Match(toks []Token, i int) int {
	if len(p) == 0 {
		return 0
	}
	if p[0] == "~" {
		for skip := 0; skip <= maxGap; skip++ {
			if n := p[1:].Match(toks, i+skip); n > 0 {
				return skip + n
			}
			if i+skip >= len(toks) || toks[i+skip].Kind != Word {
				return 0
			}
		}
		return 0
	}
	if i >= len(toks) || !tokenMatches(p[0], toks[i]) {
		return 0
	}
	if len(p) == 1 {
		return 1
	}
	n := p[1:].Match(toks, i+1)
	if n == 0 {
		return 0
	}
	return n + 1
}

// tokenMatches reports whether the pattern word want matches t: a word, or
// a number when want is written in digits, so that a phone number ("113",
// "116 123") can be part of a phrase.
func tokenMatches(want string, t Token) bool {
	switch t.Kind {
	case Word:
		return wordMatches(want, t.Text)
	case Number:
		return want == t.Text && isDigits(want)
	}
	return false
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func wordMatches(want, got string) bool {
	if prefix, ok := strings.CutSuffix(want, "*"); ok {
		return strings.HasPrefix(got, prefix)
	}
	return want == got
}

// Longest returns the index of the longest of patterns matching at toks[i]
// and the number of tokens it covers; -1 and 0 when none matches.
func Longest(patterns []Pattern, toks []Token, i int) (index, n int) {
	index = -1
	for k, p := range patterns {
		if m := p.Match(toks, i); m > n {
			index, n = k, m
		}
	}
	return index, n
}

// IsWord reports whether toks[i] is a word among words.
func IsWord(toks []Token, i int, words ...string) bool {
	if i < 0 || i >= len(toks) || toks[i].Kind != Word {
		return false
	}
	for _, w := range words {
		if toks[i].Text == w {
			return true
		}
	}
	return false
}
