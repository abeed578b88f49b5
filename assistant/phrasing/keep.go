package phrasing

import (
	"regexp"
	"strings"
)

// What a rewrite must keep of its original, whoever wrote it: this engine's
// templates or a language model. The amounts and dates are found by the same
// code the engine's own rewrites are checked with (facts.go); percentages
// and references (account, case and invoice numbers, and the placeholders
// that stand for redacted personal data) are added for rewrites of whole
// turns, which may hold any of them.
var (
	percentRE = regexp.MustCompile(`\d+(?:[.,]\d+)?\s?(?:%|procent\b|percent\b|per cent\b)`)
	// A reference is a token of letters, digits and - / . with at least
	// three digits that is not an amount or a date: "2024-1183",
	// "INV-20931", "NL91ABNA0417164300", "[IBAN-1]".
	referenceRE = regexp.MustCompile(`\[[A-Z]+-\d+\]|[A-Za-z0-9][A-Za-z0-9/.-]*\d[A-Za-z0-9/.-]*[A-Za-z0-9]`)
)

// MissingFacts returns what of original the rewrite does not keep: each
// amount, date, percentage and reference of original that rewrite does not
// hold, as written in original. Amounts compare by value ("€ 50" and "€50,00"
// are the same amount), the rest by their text without case and spacing.
func MissingFacts(original, rewrite string) []string {
	var missing []string
	keep := factsOf(rewrite)
	for _, f := range keptFacts(original) {
		if !keep[f.key] {
			missing = append(missing, f.text)
			keep[f.key] = true // name each once
		}
	}
	return missing
}

type keptFact struct{ key, text string }

func factsOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, f := range keptFacts(s) {
		m[f.key] = true
	}
	return m
}

func keptFacts(s string) []keptFact {
	l := lowerSameWidth(s)
	var out []keptFact
	var taken [][]int
	for _, sp := range amountSpansL(l) {
		out = append(out, keptFact{"amount:" + amountValue(s[sp[0]:sp[1]]), s[sp[0]:sp[1]]})
		taken = append(taken, sp)
	}
	for _, sp := range dateSpansL(l) {
		out = append(out, keptFact{"date:" + squash(l[sp[0]:sp[1]]), s[sp[0]:sp[1]]})
		taken = append(taken, sp)
	}
	for _, sp := range percentRE.FindAllStringIndex(l, -1) {
		out = append(out, keptFact{"percent:" + digitsOf(l[sp[0]:sp[1]]), s[sp[0]:sp[1]]})
		taken = append(taken, sp)
	}
	for _, sp := range referenceRE.FindAllStringIndex(s, -1) {
		ref := s[sp[0]:sp[1]]
		placeholder := strings.HasPrefix(ref, "[")
		if inAny(taken, sp[0], sp[1]) || !placeholder && countDigits(ref) < 3 {
			continue
		}
		out = append(out, keptFact{"ref:" + squash(strings.ToLower(ref)), ref})
	}
	return out
}

// amountValue is the digits of an amount with zero cents dropped, so that
// "€ 1.250,00", "€1,250" and "1250 euro" are one value.
func amountValue(a string) string {
	d := digitsOf(a)
	for _, sep := range []string{",00", ".00", ",-"} {
		if strings.Contains(a, sep) {
			d = strings.TrimSuffix(d, "00")
		}
	}
	return d
}

func digitsOf(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if isDigitByte(s[i]) {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func countDigits(s string) int { return len(digitsOf(s)) }

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }
