package language

import "strings"

var nlUnits = map[string]int64{
	"nul": 0, "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
	"tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16, "zeventien": 17,
	"achttien": 18, "negentien": 19,
}

var nlTens = map[string]int64{
	"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80, "negentig": 90,
}

// parseNL reads a Dutch number word up to the thousands, written as one word
// the way Dutch does ("honderdvijftig", "twaalfhonderd",
// "tweeduizenddriehonderdvijfenzeventig").
func parseNL(s string) (int64, bool) {
	if s == "" {
		return 0, false
	}
	if left, right, ok := strings.Cut(s, "duizend"); ok {
		l, r := int64(1), int64(0)
		if left != "" {
			var ok bool
			if l, ok = parseNLHundreds(left); !ok || l == 0 || l > 999 {
				return 0, false
			}
		}
		if right != "" {
			var ok bool
			if r, ok = parseNLHundreds(strings.TrimPrefix(right, "en")); !ok || r > 999 {
				return 0, false
			}
		}
		return l*1000 + r, true
	}
	return parseNLHundreds(s)
}

// parseNLHundreds reads up to 9999 written with "honderd", since Dutch says
// "twaalfhonderd" for 1200.
func parseNLHundreds(s string) (int64, bool) {
	if left, right, ok := strings.Cut(s, "honderd"); ok {
		l, r := int64(1), int64(0)
		if left != "" {
			var ok bool
			if l, ok = parseNLTens(left); !ok || l == 0 {
				return 0, false
			}
		}
		if right != "" {
			var ok bool
			if r, ok = parseNLTens(strings.TrimPrefix(right, "en")); !ok {
				return 0, false
			}
		}
		return l*100 + r, true
	}
	return parseNLTens(s)
}

// parseNLTens reads 0-99: "vijftig", "vijfenzeventig", "tweeëntwintig".
func parseNLTens(s string) (int64, bool) {
	if v, ok := nlUnits[s]; ok {
		return v, true
	}
	if v, ok := nlTens[s]; ok {
		return v, true
	}
	for w, tens := range nlTens {
		prefix, ok := strings.CutSuffix(s, w)
		if !ok {
			continue
		}
		for _, and := range []string{"en", "ën"} {
			if u, ok := strings.CutSuffix(prefix, and); ok {
				if v, ok := nlUnits[u]; ok && v >= 1 && v <= 9 {
					return tens + v, true
				}
			}
		}
	}
	return 0, false
}

var enNumbers = map[string]int64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

// NumberWords reads number words starting at toks[i], in English ("a hundred",
// "two hundred and fifty", "twelve hundred", "forty-five") or Dutch
// ("vijftig", "honderdvijftig", also split as "twee honderd"). It returns the
// value in units and the index after the last word; ok is false when no
// number word starts there.
func NumberWords(toks []Token, i int) (int64, int, bool) {
	if v, end, ok := englishNumber(toks, i); ok {
		return v, end, true
	}
	// Dutch writes numbers as one word, speech-to-text sometimes splits them:
	// try the longest run of words that reads as one number.
	for n := min(4, len(toks)-i); n >= 1; n-- {
		var b strings.Builder
		all := true
		for k := i; k < i+n; k++ {
			if toks[k].Kind != Word {
				all = false
				break
			}
			b.WriteString(toks[k].Text)
		}
		if !all {
			continue
		}
		if v, ok := parseNL(b.String()); ok {
			return v, i + n, true
		}
	}
	return 0, i, false
}

func englishNumber(toks []Token, i int) (int64, int, bool) {
	var total, cur int64
	j := i
	seen := false
	if IsWord(toks, j, "a", "an", "one") && IsWord(toks, j+1, "hundred", "thousand") {
		cur = 1
		j++
	}
	for ; j < len(toks) && toks[j].Kind == Word; j++ {
		w := toks[j].Text
		if v, ok := enNumbers[w]; ok {
			cur += v
		} else if w == "hundred" {
			cur = max(cur, 1) * 100
		} else if w == "thousand" {
			total += max(cur, 1) * 1000
			cur = 0
		} else if w == "and" && seen && j+1 < len(toks) && toks[j+1].Kind == Word && enNumbers[toks[j+1].Text] > 0 {
			continue
		} else {
			break
		}
		seen = true
	}
	if !seen {
		return 0, i, false
	}
	return total + cur, j, true
}
