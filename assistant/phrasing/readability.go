package phrasing

import (
	"strings"
	"unicode"

	"github.com/rooscoach/rooscoach/assistant"
)

// Score returns the readability of text in lang: Flesch–Douma for Dutch,
// Flesch reading ease for English, with the counts behind it. Words are runs
// of letters (numbers and amounts are not counted: they are read out in
// words the formula cannot see); syllables are counted by vowel groups.
func Score(text string, lang assistant.Language) assistant.Readability {
	lower := lowerSameWidth(text)
	var sbuf [12]span
	var tbuf [64]token
	return score(lang, splitSentences(sbuf[:0], text), tokenize(tbuf[:0], lower, 0, len(lower)))
}

// shortFragment is the longest run of words that is not counted as a
// sentence of its own ("Ja.", "OK, bye."): its words count, but a text of
// fragments would otherwise score as if it were easy prose. textstat, the
// most used peer, does the same (count_sentences ignores sentences of two
// words or fewer).
const shortFragment = 2

// score counts the words and syllables of toks sentence by sentence; Phrase
// calls it with the words it already has.
func score(lang assistant.Language, sentences []span, toks []token) assistant.Readability {
	var r assistant.Readability
	ti := 0
	for _, s := range sentences {
		words := 0
		for ; ti < len(toks) && toks[ti].start < s.end; ti++ {
			t := toks[ti]
			if t.start < s.start || !hasLetter(t.lower) {
				continue
			}
			words++
			syl := syllables(t.lower, lang)
			r.Syllables += syl
			if lang == assistant.Dutch {
				if letters(t.lower) > 6 {
					r.LongWords++
				}
			} else if syl >= 3 {
				r.LongWords++
			}
		}
		if words > shortFragment {
			r.Sentences++
		}
		r.Words += words
	}
	if r.Sentences == 0 && r.Words > 0 {
		r.Sentences = 1
	}
	return assistant.ScoreReadability(lang, r)
}

// Combine returns the readability of a call from the readability of its
// turns, from their counts rather than an average of scores, which would
// overweight short turns.
func Combine(lang assistant.Language, parts ...assistant.Readability) assistant.Readability {
	return assistant.CombineReadability(lang, parts)
}

func letters(w string) int {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

func isVowel(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'y', 'á', 'é', 'í', 'ó', 'ú', 'à', 'è', 'â', 'ê', 'î', 'ô', 'û', 'ë', 'ï', 'ö', 'ü':
		return true
	}
	return false
}

func hasDiaeresis(r rune) bool { return r == 'ë' || r == 'ï' || r == 'ö' || r == 'ü' }

// syllables counts the syllables of a lower-case word.
func syllables(w string, lang assistant.Language) int {
	if lang == assistant.Dutch {
		return syllablesNL(w)
	}
	return syllablesEN(w)
}

// syllablesNL counts vowel groups: a cluster such as "aa", "ee", "oe", "ie",
// "eu", "ui", "ou", "au" or "ij" is one syllable; a diaeresis starts a new
// one ("beëindigen"), and so does the fourth vowel of a cluster ("koeien").
func syllablesNL(w string) int {
	n := 0
	inGroup := false
	size := 0 // letters in the current vowel group
	prev := rune(0)
	for _, r := range w {
		vowel := isVowel(r) || (r == 'j' && prev == 'i' && inGroup)
		switch {
		case vowel && hasDiaeresis(r):
			n++
			inGroup, size = true, 1
		case vowel && !inGroup:
			n++
			inGroup, size = true, 1
		case vowel:
			size++
			if size == 4 {
				n++ // "koeien", "mooie": a diphthong then a new vowel
			}
		default:
			inGroup = false
		}
		prev = r
	}
	return max(n, 1)
}

// syllablesEN counts vowel groups, less a silent final "e" ("make") and a
// silent "-es" or "-ed" ("makes", "passed"), but not "-le" after a consonant
// ("table") or "-ed" after t or d ("added").
func syllablesEN(w string) int {
	w = strings.Trim(w, "'-")
	n := 0
	inGroup := false
	for i, r := range w {
		vowel := isVowel(r)
		if r == 'y' && i == 0 {
			vowel = false // "you", "yes": a consonant before a vowel
		}
		if vowel && !inGroup {
			n++
		}
		inGroup = vowel
	}
	if n > 1 {
		l := len(w)
		switch {
		case strings.HasSuffix(w, "le") && l > 2 && !isVowel(rune(w[l-3])):
		case strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "ee") && !strings.HasSuffix(w, "ye"):
			n--
		case strings.HasSuffix(w, "ed") && l > 2 && w[l-3] != 't' && w[l-3] != 'd' && !isVowel(rune(w[l-3])):
			n--
		case strings.HasSuffix(w, "les") && l > 3 && !isVowel(rune(w[l-4])):
		case strings.HasSuffix(w, "es") && l > 2 && !strings.ContainsRune("sxzgc", rune(w[l-3])) &&
			!strings.HasSuffix(w, "ches") && !strings.HasSuffix(w, "shes") && !isVowel(rune(w[l-3])):
			n--
		}
	}
	return max(n, 1)
}
