package language

import "strings"

// currencies name a currency by its symbol or a word, before or after an
// amount, in Dutch and English: "€ 50", "50 euro", "40 quid", "EUR 50".
var currencies = map[string]string{
	"€": "EUR", "£": "GBP", "$": "USD",
	"euro": "EUR", "euros": "EUR", "euro's": "EUR", "eur": "EUR",
	"pond": "GBP", "pound": "GBP", "pounds": "GBP", "quid": "GBP", "gbp": "GBP",
	"dollar": "USD", "dollars": "USD", "bucks": "USD", "usd": "USD",
}

// CurrencyOf returns the ISO 4217 code a currency symbol or a lower-cased
// currency word names ("€", "euro", "pond", "quid", "usd"), or "".
func CurrencyOf(w string) string { return currencies[w] }

// Digits is a number written in digits, read as an amount of money.
type Digits struct {
	// Hundredths is the value in hundredths of a unit: cents, pence.
	Hundredths int64
	// Grouping is set when the number has one separator followed by
	// exactly three digits: "1.250" is 1250 where '.' groups thousands
	// (Dutch) but 1.25 where it is the decimal point (English). Hundredths
	// reads it as grouping; a reader that knows the language decides.
	Grouping rune
}

// ParseDigits reads "1.250,50", "1,240.50", "980.00", "1250" or "12,5" as
// an amount, the way both Dutch and English write them. Where both
// separators occur, the last one is the decimal mark. With one separator,
// one or two digits after it make it the decimal mark; three make it
// ambiguous (see [Digits.Grouping]) unless it occurs more than once. Groups
// must be of three. Anything else, or more than 13 digits before the
// decimal mark, is not money and ok is false.
func ParseDigits(s string) (d Digits, ok bool) {
	lastDot, lastComma := strings.LastIndexByte(s, '.'), strings.LastIndexByte(s, ',')
	dec := -1
	var group byte
	switch {
	case lastDot >= 0 && lastComma >= 0:
		dec = max(lastDot, lastComma)
		group = ','
		if dec == lastComma {
			group = '.'
		}
	case lastDot >= 0 || lastComma >= 0:
		sep := byte('.')
		if lastComma >= 0 {
			sep = ','
		}
		at := max(lastDot, lastComma)
		after := len(s) - at - 1
		switch {
		case strings.Count(s, string(sep)) > 1:
			group = sep
		case after == 3:
			v, ok := digitsValue(strings.ReplaceAll(s, string(sep), ""))
			if !ok {
				return Digits{}, false
			}
			return Digits{Hundredths: v * 100, Grouping: rune(sep)}, true
		case after <= 2:
			dec = at
		default:
			return Digits{}, false
		}
	}
	intPart, frac := s, ""
	if dec >= 0 {
		intPart, frac = s[:dec], s[dec+1:]
		if len(frac) > 2 || len(frac) == 0 {
			return Digits{}, false
		}
	}
	if group != 0 {
		groups := strings.Split(intPart, string(group))
		for k, g := range groups {
			if (k == 0 && (len(g) == 0 || len(g) > 3)) || (k > 0 && len(g) != 3) {
				return Digits{}, false
			}
		}
		intPart = strings.Join(groups, "")
	}
	if strings.ContainsAny(intPart, ".,") || strings.ContainsAny(frac, ".,") {
		return Digits{}, false
	}
	v, ok := digitsValue(intPart)
	if !ok {
		return Digits{}, false
	}
	var c int64
	if frac != "" {
		c, _ = digitsValue(frac)
		if len(frac) == 1 {
			c *= 10
		}
	}
	return Digits{Hundredths: v*100 + c}, true
}

// digitsValue reads plain digits, refusing more than 13 so that hundredths
// stay far from overflow.
func digitsValue(s string) (int64, bool) {
	if s == "" || len(s) > 13 {
		return 0, false
	}
	var v int64
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		v = v*10 + int64(r-'0')
	}
	return v, true
}

// Amount is an amount of money read from a short text.
type Amount struct {
	// Currency is the ISO 4217 code the text names, "" when it names none.
	Currency string
	Digits
}

// ReadAmount reads the amount of a short text such as "€ 1.250,50",
// "1,250.50", "£312.45 a month", "25 euro" or "vijfentwintig euro": the
// first number in digits (by [ParseDigits]) or in words ([NumberWords]),
// and the currency a symbol or word of the text names ([CurrencyOf]). ok is
// false when the text has no number, or its first does not read as money.
// Longer texts, where an amount must be told from dates and references, are
// read token by token by their engines.
func ReadAmount(text string) (a Amount, ok bool) {
	toks := Tokenize(text)
	found := false
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if c := currencies[t.Text]; c != "" && (t.Kind == Symbol || t.Kind == Word) {
			if a.Currency == "" {
				a.Currency = c
			}
			continue
		}
		if found {
			continue
		}
		switch {
		case t.Kind == Number && !t.Ordinal:
			found = true
			if a.Digits, ok = ParseDigits(t.Text); !ok {
				return Amount{}, false
			}
		case t.Kind == Word:
			if v, end, ok := NumberWords(toks, i); ok {
				found = true
				a.Digits = Digits{Hundredths: v * 100}
				i = end - 1
			}
		}
	}
	return a, found
}
