package arrangement

import (
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/language"
)

// mention is an amount of money found in a turn.
type mention struct {
	from, to int // token range, to exclusive
	cents    int64
	currency string // "" when the text names none
	explicit bool   // a symbol, a currency word or a note named the currency
	period   period
	// note is set when the amount cannot be read with certainty (one of the
	// note codes of the arrangement.note template); hasAmount tells whether a
	// reading exists at all.
	note      string
	hasAmount bool
}

// Note codes, passed to the arrangement.note template.
const (
	noteVague      = "vague"       // "een paar tientjes", "a few hundred"
	noteRange      = "range"       // "50 of 60 euro"
	noteSeparator  = "separator"   // "1.250": thousands or decimals
	noteNoCurrency = "no-currency" // a bare number and no currency anywhere in the call
	noteNoPeriod   = "no-period"   // "ik kan 50 euro": once, or every month?
	notePeriodFrom = "period-from" // period taken from an earlier mention of the amount
	noteConverted  = "converted"   // per week, fortnight or year turned into per month
	noteAnswer     = "answer"      // read as the answer to the agent's question
)

// findMoney returns the amounts of money in toks, in order. In an answer to
// the agent's question about an amount, a bare number is read as one: the
// question gives it its meaning.
func findMoney(toks []language.Token, lang assistant.Language, answer bool) []mention {
	var out []mention
	for i := 0; i < len(toks); {
		if m, ok := readMention(toks, i, lang, answer); ok {
			out = append(out, m)
			i = m.to
			continue
		}
		i++
	}
	return out
}

// number is one number read at a position: digits or words.
type number struct {
	cents    int64
	grouping rune // see language.Digits
	digits   bool
	end      int
}

// readNumber reads digits or number words at toks[i].
func readNumber(toks []language.Token, i int) (number, bool) {
	if i >= len(toks) {
		return number{}, false
	}
	if t := toks[i]; t.Kind == language.Number {
		if t.Ordinal {
			return number{}, false
		}
		d, ok := language.ParseDigits(strings.TrimRight(t.Text, ",.-–—"))
		if !ok {
			return number{}, false
		}
		return number{cents: d.Hundredths, grouping: d.Grouping, digits: true, end: i + 1}, true
	}
	if v, end, ok := language.NumberWords(toks, i); ok {
		return number{cents: v * 100, end: end}, true
	}
	return number{}, false
}

func readMention(toks []language.Token, i int, lang assistant.Language, answer bool) (mention, bool) {
	// "een paar tientjes", "a few hundred quid": an amount, but a guess.
	if _, n := language.Longest(vague, toks, i); n > 0 && i+n < len(toks) && toks[i+n].Kind == language.Word && vagueUnits[toks[i+n].Text] {
		m := mention{from: i, to: i + n + 1, note: noteVague}
		if c := language.CurrencyOf(toks[i+n].Text); c != "" {
			m.currency, m.explicit = c, true
		} else if c := language.CurrencyOf(wordAt(toks, i+n+1)); c != "" {
			m.currency, m.explicit, m.to = c, true, i+n+2
		} else if nt, ok := notes[toks[i+n].Text]; ok && nt.currency != "" {
			m.currency, m.explicit = nt.currency, true
		}
		m.period, m.to = periodAfter(toks, m.to)
		return m, true
	}

	m := mention{from: i}
	j := i
	// A currency before the number: "€ 1.250,50", "EUR 50".
	if t := toks[i]; t.Kind == language.Symbol {
		m.currency, m.explicit = language.CurrencyOf(t.Text), true
		j++
	} else if c := language.CurrencyOf(t.Text); c != "" && t.Kind == language.Word && len(t.Text) == 3 && j+1 < len(toks) && toks[j+1].Kind == language.Number {
		m.currency, m.explicit = c, true
		j++
	}
	n, ok := readNumber(toks, j)
	if !ok {
		// "een tientje", "a tenner" on their own.
		if nt, isNote := notes[wordAt(toks, i)]; isNote && m.currency == "" {
			m.cents, m.hasAmount, m.to = nt.value*100, true, i+1
			m.currency, m.explicit = nt.currency, true
			if language.IsWord(toks, i-1, "a", "an", "een") {
				m.from = i - 1
			}
			m.period, m.to = periodAfterOrBefore(toks, m.from, m.to)
			return m, true
		}
		return mention{}, false
	}
	if !n.digits && m.currency != "" {
		return mention{}, false // "€ vijftig" is not how amounts are written
	}
	if n.digits && identifier(toks, j) {
		return mention{}, false
	}
	j = n.end
	m.cents, m.hasAmount = n.cents, true

	// "50 of 60 euro", "between £50 and £60": two amounts, no answer.
	rangeStart := language.IsWord(toks, i-1, "tussen", "between") && language.IsWord(toks, j, "en", "and")
	if (rangeStart || (j < len(toks) && rangeWords[toks[j].Text])) && j+1 < len(toks) {
		k := j + 1
		if toks[k].Kind == language.Symbol {
			k++
		}
		if n2, ok := readNumber(toks, k); ok && (n.digits == n2.digits) {
			m.note, m.hasAmount = noteRange, false
			if rangeStart {
				m.from = i - 1
			}
			j = n2.end
		}
	}

	// A currency or a note after the number: "1250 euro", "twee tientjes".
	if m.currency == "" {
		if c := language.CurrencyOf(wordAt(toks, j)); c != "" {
			m.currency, m.explicit = c, true
			j++
		} else if j < len(toks) && toks[j].Kind == language.Symbol {
			m.currency, m.explicit = language.CurrencyOf(toks[j].Text), true
			j++
		} else if nt, ok := notes[wordAt(toks, j)]; ok {
			m.cents *= nt.value
			m.currency, m.explicit = nt.currency, true
			j++
		}
	}
	m.to = j
	bare := !m.explicit
	m.period, m.to = periodAfterOrBefore(toks, m.from, m.to)
	if bare {
		// A bare number is money only with a period ("50 per maand") or,
		// written in digits, where a keyword may make it so; never when a
		// unit follows ("2 maanden", "60 days").
		if unitWords[wordAt(toks, m.to)] || wordAt(toks, m.to) == "%" {
			return mention{}, false
		}
		long := n.digits && len(strings.Trim(toks[n.end-1].Text, ",.-")) > 10
		switch {
		case long:
			return mention{}, false
		case answer && !n.digits && n.cents < 1000:
			// "Ik heb een baan": "een" is no amount, even in an answer.
			return mention{}, false
		case m.period == noPeriod && !n.digits && !answer:
			return mention{}, false
		}
	}
	// "1.250" groups thousands in Dutch and "1,250" in English; read so only
	// where the currency or the question makes it money in that language.
	if m.note == "" && n.grouping != 0 && !((m.explicit || answer) && n.grouping == groupSeparator(lang)) {
		m.note, m.hasAmount = noteSeparator, false
	}
	return m, true
}

func wordAt(toks []language.Token, i int) string {
	if i < 0 || i >= len(toks) || (toks[i].Kind != language.Word && toks[i].Kind != language.Punct) {
		return ""
	}
	return toks[i].Text
}

// periodAfterOrBefore finds "per maand", "a week", "elke maand" right after
// the amount, or right before it ("elke maand 50 euro"), and widens the
// mention's end to cover a period after it.
func periodAfterOrBefore(toks []language.Token, from, to int) (period, int) {
	if p, end := periodAfter(toks, to); p != noPeriod {
		return p, end
	}
	// "80 euro per maand over" is covered above; "$150 left each month"
	// has a word between.
	if language.IsWord(toks, to, "left", "over", "spare") {
		if p, end := periodAfter(toks, to+1); p != noPeriod {
			return p, end
		}
	}
	if from >= 2 && periodLeads[wordAt(toks, from-2)] && wordAt(toks, from-2) != "a" {
		if p, ok := periodUnits[wordAt(toks, from-1)]; ok {
			return p, to
		}
	}
	// "fifty dollars on the 1st of every month", "50 euro, elke maand": a
	// period a little further on in the sentence, before any other amount.
	for k := to; k < min(len(toks), to+8); k++ {
		t := toks[k]
		if t.SentenceEnd || t.Kind == language.Symbol || (t.Kind == language.Number && !t.Ordinal) {
			break
		}
		if t.Kind == language.Word && (t.Text == "every" || t.Text == "each" || t.Text == "elke" || t.Text == "iedere") {
			if p, _ := periodAfter(toks, k); p != noPeriod {
				return p, to
			}
		}
	}
	return noPeriod, to
}

func periodAfter(toks []language.Token, i int) (period, int) {
	w := wordAt(toks, i)
	if p, ok := periodAdverbs[w]; ok {
		return p, i + 1
	}
	if w == "in" && language.IsWord(toks, i+1, "de", "het") {
		if p, ok := periodUnits[wordAt(toks, i+2)]; ok {
			return p, i + 3
		}
	}
	if periodLeads[w] {
		if p, ok := periodUnits[wordAt(toks, i+1)]; ok {
			return p, i + 2
		}
		// "per twee weken", "every two weeks"
		if language.IsWord(toks, i+1, "twee", "two", "2") && language.IsWord(toks, i+2, "weken", "weeks") {
			return perFortnight, i + 3
		}
	}
	if w == "om" && language.IsWord(toks, i+1, "de") && language.IsWord(toks, i+2, "twee") && language.IsWord(toks, i+3, "weken") {
		return perFortnight, i + 4
	}
	return noPeriod, i
}
