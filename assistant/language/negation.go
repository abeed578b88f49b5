package language

import "github.com/rooscoach/rooscoach/assistant"

// negations are the words that deny what follows them, per language. The
// English list holds the contracted forms too: readers that do not expand
// "don't" into "do not" see them as one word.
var negations = map[assistant.Language]map[string]bool{
	assistant.Dutch: set("niet", "geen", "nooit", "niets", "niks", "nergens", "niemand"),
	assistant.English: set("not", "no", "never", "nothing", "none", "neither", "nor", "nobody",
		"don't", "doesn't", "didn't", "isn't", "wasn't", "aren't", "weren't", "haven't", "hasn't", "hadn't",
		"won't", "wont", "can't", "cannot", "couldn't", "wouldn't", "shouldn't", "mustn't"),
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Negates reports whether word, in lower case, is a negation in lang.
func Negates(lang assistant.Language, word string) bool { return negations[lang][word] }

// NegatesAny reports whether word is a negation in Dutch or English, for
// lexicons that read both languages at once because calls switch between
// them.
func NegatesAny(word string) bool {
	return negations[assistant.Dutch][word] || negations[assistant.English][word]
}

// Negations returns the negation words of lang, for engines that build their
// own lookup tables from them.
func Negations(lang assistant.Language) []string {
	out := make([]string, 0, len(negations[lang]))
	for w := range negations[lang] {
		out = append(out, w)
	}
	return out
}
