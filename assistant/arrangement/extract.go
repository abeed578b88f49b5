package arrangement

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/language"
	"github.com/rooscoach/rooscoach/assistant/vulnerability"
	"github.com/rooscoach/rooscoach/prompts"
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
)

// NoteText is the data of the arrangement.note template, which explains an
// extracted fact to the agent.
type NoteText struct {
	Code   string
	Period string // "week", "fortnight", "year"
	Turn   int    // for period-from: the turn the period came from
}

// Extract finds the facts about the customer's money in a call: the
// outstanding amount (either speaker), what the customer offers per month,
// their income, essential costs and payday, and vulnerability cues (customer
// turns only). Amounts per week, fortnight or year are turned into per
// month, rounded down to the cent so that an offer is never overstated
// (€ 20 a week is € 86,66 a month). Amounts that cannot be read with
// certainty are reported with Ambiguous and a Note, and never used. lang is
// the call's language; a turn's own Language overrides it. An unsupported
// lang reads as Dutch here, for the fuzz tests' sake; [Engine.ReadFacts]
// refuses one.
func Extract(turns []assistant.Turn, lang assistant.Language) ([]assistant.Fact, error) {
	if !lang.Valid() {
		lang = assistant.Dutch
	}
	type prepared struct {
		turn     assistant.Turn
		lang     assistant.Language
		toks     []language.Token
		mentions []mention
	}
	prep := make([]prepared, len(turns))
	counts := map[string]int{}
	var order []string
	for k, t := range turns {
		l := lang
		if t.Language.Valid() {
			l = t.Language
		}
		toks := language.Tokenize(t.Text)
		ms := findMoney(toks, l)
		for _, m := range ms {
			if m.explicit && m.currency != "" {
				if counts[m.currency] == 0 {
					order = append(order, m.currency)
				}
				counts[m.currency]++
			}
		}
		prep[k] = prepared{turn: t, lang: l, toks: toks, mentions: ms}
	}
	// Amounts without a currency are in the call's currency: the one named
	// most often, or the euro in a Dutch call that names none.
	callCurrency := ""
	for _, c := range order {
		if callCurrency == "" || counts[c] > counts[callCurrency] {
			callCurrency = c
		}
	}
	if callCurrency == "" && lang == assistant.Dutch {
		callCurrency = "EUR"
	}

	var facts []assistant.Fact
	type offered struct {
		period period
		turn   int
	}
	offers := map[assistant.Money]offered{}
	for _, p := range prep {
		runes := []rune(p.turn.Text)
		customer := p.turn.Speaker == assistant.Customer
		ix := index(p.toks, customer)
		at := func(from, to int) (string, int, int) {
			s, e := p.toks[from].Start, p.toks[to-1].End
			return string(runes[s:e]), s, e
		}
		for _, m := range p.mentions {
			kind, ok := classify(ix, m, customer)
			if !ok {
				continue
			}
			f := assistant.Fact{Kind: kind, TurnIndex: p.turn.Index}
			f.Text, f.Start, f.End = at(m.from, m.to)
			if m.currency == "" {
				m.currency = callCurrency
				if m.explicit && m.currency == "" {
					m.currency = "GBP" // "a tenner" in a call that names no currency
				}
			}
			note := NoteText{Code: m.note}
			switch {
			case m.note != "":
			case m.currency == "" || (!m.explicit && m.period == noPeriod):
				// "het bedrag is 1250": likely euros, but a bare number
				// may as well be a date or a file number.
				note.Code = noteNoCurrency
			case kind != assistant.FactOutstanding && m.period == noPeriod:
				// Offers, income and costs are per month; without a period
				// the amount may be a one-off. An offer repeating an
				// earlier one takes its period.
				if o, ok := offers[assistant.Money{Amount: m.cents, Currency: m.currency}]; ok && kind == assistant.FactOffer {
					m.period = o.period
					note = NoteText{Code: notePeriodFrom, Turn: o.turn}
				} else {
					note.Code = noteNoPeriod
				}
			}
			if note.Code == "" && m.period != perMonth && kind != assistant.FactOutstanding {
				note = NoteText{Code: noteConverted, Period: periodName(m.period)}
			}
			f.Ambiguous = note.Code != "" && note.Code != notePeriodFrom && note.Code != noteConverted
			if note.Code != "" {
				var err error
				if f.Note, err = prompts.Render(p.lang, "arrangement.note", note); err != nil {
					return nil, fmt.Errorf("arrangement: note on turn %d: %w", p.turn.Index, err)
				}
			}
			if m.hasAmount && m.currency != "" {
				v := m.cents
				if !f.Ambiguous && kind != assistant.FactOutstanding {
					v = monthly(m.cents, m.period)
				}
				f.Amount = &assistant.Money{Amount: v, Currency: m.currency}
				if kind == assistant.FactOffer && customer && m.period != noPeriod {
					if _, seen := offers[assistant.Money{Amount: m.cents, Currency: m.currency}]; !seen {
						offers[assistant.Money{Amount: m.cents, Currency: m.currency}] = offered{m.period, p.turn.Index}
					}
				}
			}
			facts = append(facts, f)
		}
		if !customer {
			continue
		}
		for _, pd := range paydays(ix) {
			f := assistant.Fact{Kind: assistant.FactPayday, TurnIndex: p.turn.Index, Day: pd.day}
			f.Text, f.Start, f.End = at(pd.from, pd.to)
			facts = append(facts, f)
		}
		for _, sig := range vulnerability.FindTokens(p.turn.Text, p.toks) {
			facts = append(facts, assistant.Fact{Kind: assistant.FactVulnerability, TurnIndex: p.turn.Index,
				Cue: sig.Driver, Text: sig.Text, Start: sig.Start, End: sig.End})
		}
	}
	slices.SortStableFunc(facts, func(a, b assistant.Fact) int {
		return cmp.Or(cmp.Compare(a.TurnIndex, b.TurnIndex), cmp.Compare(a.Start, b.Start))
	})
	return facts, nil
}

func periodName(p period) string {
	switch p {
	case perWeek:
		return "week"
	case perFortnight:
		return "fortnight"
	case perYear:
		return "year"
	}
	return "month"
}

// monthly turns an amount per period into per month, rounded down to the
// cent: 52 weeks and 26 fortnights make 12 months.
func monthly(cents int64, p period) int64 {
	switch p {
	case perWeek:
		return cents * 52 / 12
	case perFortnight:
		return cents * 26 / 12
	case perYear:
		return cents / 12
	}
	return cents
}

// findMoney returns the amounts of money in toks, in order.
func findMoney(toks []language.Token, lang assistant.Language) []mention {
	var out []mention
	for i := 0; i < len(toks); {
		if m, ok := readMention(toks, i, lang); ok {
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
	grouping rune // see digitsResult
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
		d := parseDigits(strings.TrimRight(t.Text, ",.-–—"))
		if !d.ok {
			return number{}, false
		}
		return number{cents: d.cents, grouping: d.grouping, digits: true, end: i + 1}, true
	}
	if v, end, ok := numberWords(toks, i); ok {
		return number{cents: v * 100, end: end}, true
	}
	return number{}, false
}

func readMention(toks []language.Token, i int, lang assistant.Language) (mention, bool) {
	// "een paar tientjes", "a few hundred quid": an amount, but a guess.
	if _, n := language.Longest(vague, toks, i); n > 0 && i+n < len(toks) && toks[i+n].Kind == language.Word && vagueUnits[toks[i+n].Text] {
		m := mention{from: i, to: i + n + 1, note: noteVague}
		if c, ok := currencyWords[toks[i+n].Text]; ok {
			m.currency, m.explicit = c, true
		} else if c, ok := currencyWords[wordAt(toks, i+n+1)]; ok {
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
		m.currency, m.explicit = currencySymbols[t.Text], true
		j++
	} else if c, ok := currencyWords[t.Text]; ok && t.Kind == language.Word && len(t.Text) == 3 && j+1 < len(toks) && toks[j+1].Kind == language.Number {
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
		if c, ok := currencyWords[wordAt(toks, j)]; ok {
			m.currency, m.explicit = c, true
			j++
		} else if j < len(toks) && toks[j].Kind == language.Symbol {
			m.currency, m.explicit = currencySymbols[toks[j].Text], true
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
		if m.period == noPeriod && (!n.digits || len(strings.Trim(toks[j-1].Text, ",.-")) > 10) {
			return mention{}, false
		}
	}
	if m.note == "" && n.grouping != 0 && !(m.explicit && n.grouping == groupSeparator(lang)) {
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

// keyword is a keyword found in a turn: toks[at:at+n] says kind.
type keyword struct {
	at, n int
	kind  assistant.FactKind
}

// textIndex is what Extract works out once per turn, so that each amount is
// classified without rescanning its sentence.
type textIndex struct {
	toks     []language.Token
	sentence []int // sentence number of each token
	keywords []keyword
	income   map[int]bool // sentences that speak of income
}

func index(toks []language.Token, customer bool) textIndex {
	ix := textIndex{toks: toks, sentence: make([]int, len(toks)), income: map[int]bool{}}
	n := 0
	for i, t := range toks {
		ix.sentence[i] = n
		if t.SentenceEnd {
			n++
		}
	}
	lexicons := []struct {
		kind  assistant.FactKind
		words []language.Pattern
	}{
		{assistant.FactOutstanding, outstandingWords},
		{assistant.FactIncome, incomeWords},
		{assistant.FactCosts, costsWords},
		{assistant.FactOffer, offerWords},
	}
	for k := 0; k < len(toks); {
		if _, n := language.Longest(incomeWords, toks, k); n > 0 {
			ix.income[ix.sentence[k]] = true
		}
		best := keyword{at: k}
		for _, lx := range lexicons {
			if lx.kind == assistant.FactOffer && !customer {
				continue
			}
			if _, n := language.Longest(lx.words, toks, k); n > best.n {
				best.n, best.kind = n, lx.kind
			}
		}
		if best.n == 0 {
			k++
			continue
		}
		ix.keywords = append(ix.keywords, best)
		k += best.n
	}
	return ix
}

// classify decides what an amount is from the keywords of its sentence: the
// nearest before it, else the nearest after it. Only the customer makes
// offers; what the agent says per month is the agent's proposal, not a fact
// about the customer.
func classify(ix textIndex, m mention, customer bool) (assistant.FactKind, bool) {
	sent := ix.sentence[m.from]
	var kind assistant.FactKind
	k, _ := slices.BinarySearchFunc(ix.keywords, m.from, func(kw keyword, at int) int { return cmp.Compare(kw.at, at) })
	if k > 0 && ix.sentence[ix.keywords[k-1].at] == sent {
		kind = ix.keywords[k-1].kind
	} else {
		for ; k < len(ix.keywords) && ix.sentence[ix.keywords[k].at] == sent; k++ {
			if ix.keywords[k].at >= m.to {
				kind = ix.keywords[k].kind
				break
			}
		}
	}
	if m.period != noPeriod {
		switch {
		case kind == assistant.FactIncome || kind == assistant.FactCosts:
			return kind, true
		case customer:
			return assistant.FactOffer, true
		}
		return "", false
	}
	if kind == assistant.FactOffer && !customer {
		return "", false
	}
	return kind, kind != ""
}

type payday struct {
	from, to, day int
}

// paydays finds the day money comes in: "ik krijg de 25e mijn loon", "my
// universal credit comes in on the 3rd". An ordinal counts only in a
// sentence that speaks of income, so that "betalen op de 4e" is not a
// payday.
func paydays(ix textIndex) []payday {
	toks := ix.toks
	var out []payday
	for i, t := range toks {
		if t.Kind != language.Number || !t.Ordinal || !ix.income[ix.sentence[i]] {
			continue
		}
		end := strings.IndexFunc(t.Text, func(r rune) bool { return r < '0' || r > '9' })
		digits := t.Text
		if end >= 0 {
			digits = t.Text[:end]
		}
		d, err := strconv.Atoi(digits)
		if err != nil || d < 1 || d > 31 {
			continue
		}
		start := i
		if language.IsWord(toks, i-1, "de", "the") {
			start = i - 1
		}
		out = append(out, payday{from: start, to: i + 1, day: d})
	}
	return out
}
