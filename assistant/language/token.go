package language

import (
	"strings"
	"unicode"
)

// Kind is the kind of a token.
type Kind int

// Token kinds.
const (
	Word   Kind = iota // letters, lower-cased, joined by an apostrophe ("don't", "zo'n")
	Number             // digits with inner '.' or ',' ("1.250,50"), optionally an ordinal ("25e", "3rd")
	Symbol             // a currency symbol: €, £, $
	Punct              // punctuation
	Break              // a line break, which ends a sentence
)

// Token is a piece of a text with its character (rune) offsets, End
// exclusive.
type Token struct {
	Kind Kind
	// Text is lower-cased for words, with curly apostrophes made straight,
	// so that lexicons are written once in plain lower case.
	Text       string
	Start, End int
	// Ordinal marks a number written as a day of the month: 25e, 25ste, 3rd.
	Ordinal bool
	// SentenceEnd marks punctuation or a line break that ends a sentence.
	SentenceEnd bool
}

// ordinalSuffixes are what follows the digits of a day of the month.
var ordinalSuffixes = map[string]bool{"e": true, "ste": true, "de": true, "st": true, "nd": true, "rd": true, "th": true}

// Tokenize splits text into tokens with rune offsets. "€ 50,-" keeps the
// ",-" of whole euros with its number; "WW-uitkering" and "forty-five" are
// two words each, so that the pattern "ww uitkering" matches both spellings.
func Tokenize(text string) []Token {
	rs := []rune(text)
	out := make([]Token, 0, len(rs)/4+1)
	isLetter := func(i int) bool { return i < len(rs) && unicode.IsLetter(rs[i]) }
	isDigit := func(i int) bool { return i < len(rs) && rs[i] >= '0' && rs[i] <= '9' }
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case r == '\n' || r == '\r':
			out = append(out, Token{Kind: Break, Text: "\n", Start: i, End: i + 1, SentenceEnd: true})
			i++
			if r == '\r' && i < len(rs) && rs[i] == '\n' {
				out[len(out)-1].End = i + 1
				i++
			}
		case unicode.IsSpace(r):
			i++
		case unicode.IsLetter(r):
			j := i
			for j < len(rs) && (unicode.IsLetter(rs[j]) || isApostrophe(rs[j]) && j > i && isLetter(j+1)) {
				j++
			}
			w := string(rs[i:j])
			if strings.ContainsAny(w, "’‘") {
				w = strings.NewReplacer("’", "'", "‘", "'").Replace(w)
			}
			out = append(out, Token{Kind: Word, Text: strings.ToLower(w), Start: i, End: j})
			i = j
		case isDigit(i):
			j := i
			for j < len(rs) && (isDigit(j) || ((rs[j] == '.' || rs[j] == ',') && isDigit(j+1))) {
				j++
			}
			t := Token{Kind: Number, Text: string(rs[i:j]), Start: i, End: j}
			if j+1 < len(rs) && (rs[j] == ',' || rs[j] == '.') && (rs[j+1] == '-' || rs[j+1] == '—' || rs[j+1] == '–') {
				j += 2
				t.End = j
			} else if isLetter(j) {
				k := j
				for isLetter(k) {
					k++
				}
				if ordinalSuffixes[strings.ToLower(string(rs[j:k]))] {
					t.Ordinal = true
					j = k
					t.End = j
				}
			}
			out = append(out, t)
			i = j
		case r == '-' && isLetter(i+1) && i > 0 && unicode.IsLetter(rs[i-1]):
			i++ // inside a compound: "WW-uitkering", "forty-five"
		case r == '€' || r == '£' || r == '$':
			out = append(out, Token{Kind: Symbol, Text: string(r), Start: i, End: i + 1})
			i++
		default:
			t := Token{Kind: Punct, Text: string(r), Start: i, End: i + 1}
			switch r {
			case '.', '!', '?', ';', '…':
				t.SentenceEnd = true
			case '–', '—':
				t.Text = "-"
			}
			out = append(out, t)
			i++
		}
	}
	return out
}

// isApostrophe reports whether r joins two runs of letters into one word, as
// in "don't" and "zo'n".
func isApostrophe(r rune) bool { return r == '\'' || r == '’' }
