package phrasing

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/rooscoach/rooscoach/assistant/language"
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
// hold, as written in original. Amounts compare by value, currency and
// period ("€ 50 per maand" and "€50,00 per maand" are the same amount; "€
// 1.250" and "€ 12,50" are not, nor is "€ 12,50" without its "per maand"),
// the rest by their text without case and spacing. The engine refuses its
// own rewrites by it too (keeps), so that a template or a cut that loses a
// fact never reaches the agent.
func MissingFacts(original, rewrite string) []string {
	var missing []string
	keep := factsOf(rewrite)
	for _, f := range keptFacts(original) {
		if !keep[f.key] {
			if len(missing) == 0 || missing[len(missing)-1] != f.text {
				missing = append(missing, f.text)
			}
			keep[f.key] = true // name each once
		}
	}
	return missing
}

// keeps reports whether rewrite r keeps every fact of the text it replaces.
func (st *turnState) keeps(r *rw) bool {
	return MissingFacts(st.text[r.start:r.end], r.text) == nil
}

type keptFact struct{ key, text string }

func factsOf(s string) map[string]bool {
	m := map[string]bool{}
	// A period may come back in other words or another place ("elke
	// maand € 50", "monthly"): the rewrite keeps it when it names it.
	ls := strings.ToLower(s)
	periods := map[string]bool{"month": strings.Contains(ls, "maand") || strings.Contains(ls, "month"), "week": strings.Contains(ls, "week")}
	for _, f := range keptFacts(s) {
		m[f.key] = true
		if amount, ok := strings.CutPrefix(f.key, "amount:"); ok {
			for p, named := range periods {
				if named {
					m["period:"+amount+":"+p] = true
				}
			}
		}
	}
	return m
}

// factSpans returns the byte spans of the amounts, dates, percentages and
// references of s (l is s lowered by lowerSameWidth): the text a rewrite
// must neither change nor cut.
func factSpans(s, l string) [][]int {
	var spans [][]int
	for _, f := range keptFactSpans(s, l) {
		spans = append(spans, f.span)
	}
	return spans
}

type factSpan struct {
	kind string
	span []int
}

func keptFactSpans(s, l string) []factSpan {
	var out []factSpan
	var taken [][]int
	add := func(kind string, sp []int) {
		out = append(out, factSpan{kind, sp})
		taken = append(taken, sp)
	}
	for _, sp := range amountSpansL(l) {
		add("amount", sp)
	}
	for _, sp := range dateSpansL(l) {
		add("date", sp)
	}
	for _, sp := range percentRE.FindAllStringIndex(l, -1) {
		add("percent", sp)
	}
	for _, sp := range referenceRE.FindAllStringIndex(s, -1) {
		ref := s[sp[0]:sp[1]]
		placeholder := strings.HasPrefix(ref, "[")
		if inAny(taken, sp[0], sp[1]) || !placeholder && countDigits(ref) < 3 {
			continue
		}
		out = append(out, factSpan{"ref", sp})
	}
	return out
}

func keptFacts(s string) []keptFact {
	l := lowerSameWidth(s)
	var out []keptFact
	for _, f := range keptFactSpans(s, l) {
		text := s[f.span[0]:f.span[1]]
		switch f.kind {
		case "amount":
			v := amountValue(l[f.span[0]:f.span[1]])
			out = append(out, keptFact{"amount:" + v, text})
			if p := amountPeriod(l[f.span[0]:f.span[1]]); p != "" {
				out = append(out, keptFact{"period:" + v + ":" + p, text})
			}
		case "date":
			out = append(out, keptFact{"date:" + squash(l[f.span[0]:f.span[1]]), text})
		case "percent":
			out = append(out, keptFact{"percent:" + digitsOf(l[f.span[0]:f.span[1]]), text})
		default:
			out = append(out, keptFact{"ref:" + squash(strings.ToLower(text)), text})
		}
	}
	return out
}

// amountValue is the currency and the value in minor units of a lowered
// amount, so that "€ 1.250,00", "€1,250" and "1250 euro" are one value and
// "€ 12,50" another. It reads the amount as the arrangement engine reads
// amounts ([language.ReadAmount]), which takes "1.250" and "1,250" as
// thousands; what that reader refuses as money ("€ 1.2345") is compared by
// its text.
func amountValue(a string) string {
	v, ok := language.ReadAmount(a)
	if !ok {
		return "text:" + squash(a)
	}
	return v.Currency + ":" + strconv.FormatInt(v.Hundredths, 10)
}

// amountPeriod is the period an amount is due in ("per maand", "a week"),
// or "".
func amountPeriod(a string) string {
	switch {
	case strings.Contains(a, "maand") || strings.Contains(a, "month"):
		return "month"
	case strings.Contains(a, "week"):
		return "week"
	}
	return ""
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
