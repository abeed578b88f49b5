package arrangement

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/language"
	"github.com/rooscoach/rooscoach/assistant/vulnerability"
	"github.com/rooscoach/rooscoach/prompts"
)

// NoteText is the data of the arrangement.note template, which explains an
// extracted fact to the agent.
type NoteText struct {
	Code   string
	Period string // "week", "fortnight", "year"
	Turn   int    // for period-from: the turn the period came from; for answer: the question's
}

// question is what an agent turn asks about money, so that the customer's
// answer can be read in its light: "Wanneer komt uw loon binnen?" — "Altijd
// op de 24e."; "How much could you pay each month?" — "About 60."
type question struct {
	turn     int                      // the turn index of the question
	kind     assistant.FactKind       // the amount asked about; "" when none
	category assistant.BudgetCategory // for costs
	period   period                   // the period the question names
	payday   bool                     // asks when money comes in
}

// Extract finds the facts about the customer's money in a call: the
// outstanding amount (either speaker), what the customer offers per month,
// their income, essential costs (in budget categories where they name one)
// and payday, vulnerability cues (customer turns only), and the arrangement
// agent and customer agreed on. A customer's answer to the agent's question
// about an amount or a payday is read in the light of the question. Amounts
// per week, fortnight or year are turned into per month, rounded down to the
// cent so that an offer is never overstated (€ 20 a week is € 86,66 a
// month). Numbers that are article numbers of a law, account, policy or phone
// numbers, dates or times never become money. Amounts that cannot be read
// with certainty are reported with Ambiguous and a Note, and never used.
// lang is the call's language; a turn's own Language overrides it. today
// dates an agreed first payment said without a year ("25 juni"). An
// unsupported lang reads as Dutch here, for the fuzz tests' sake;
// [Engine.ReadFacts] refuses one.
func Extract(turns []assistant.Turn, lang assistant.Language, today time.Time) ([]assistant.Fact, error) {
	if !lang.Valid() {
		lang = assistant.Dutch
	}
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	prep := make([]prepared, len(turns))
	for k, t := range turns {
		l := lang
		if t.Language.Valid() {
			l = t.Language
		}
		prep[k] = prepared{turn: t, lang: l, toks: language.Tokenize(t.Text)}
		if t.Speaker == assistant.Agent {
			prep[k].asks = asked(prep[k].toks, t.Index)
		}
	}
	counts := map[string]int{}
	var order []string
	for k := range prep {
		p := &prep[k]
		if k > 0 && p.turn.Speaker == assistant.Customer && prep[k-1].turn.Speaker == assistant.Agent {
			p.answers = prep[k-1].asks
		}
		p.mentions = findMoney(p.toks, p.lang, p.answers != nil && p.answers.kind != "")
		for _, m := range p.mentions {
			if m.explicit && m.currency != "" {
				if counts[m.currency] == 0 {
					order = append(order, m.currency)
				}
				counts[m.currency]++
			}
		}
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
	for k := range prep {
		p := &prep[k]
		runes := []rune(p.turn.Text)
		customer := p.turn.Speaker == assistant.Customer
		p.ix = index(p.toks, customer)
		at := func(from, to int) (string, int, int) {
			s, e := p.toks[from].Start, p.toks[to-1].End
			return string(runes[s:e]), s, e
		}
		for i := range p.mentions {
			m := &p.mentions[i]
			if m.currency == "" {
				m.currency = callCurrency
				if m.explicit && m.currency == "" {
					m.currency = "GBP" // "a tenner" in a call that names no currency
				}
			}
			kw, hasKeyword := keywordOf(p.ix, *m)
			fromAnswer := false
			if q := p.answers; q != nil && q.kind != "" && !hasKeyword {
				// The answer names no kind of its own: it is what the
				// question asked about, per the period the question named.
				kw, hasKeyword, fromAnswer = keyword{kind: q.kind, category: q.category}, true, true
				if m.period == noPeriod && q.period != noPeriod {
					m.period = q.period
				}
			} else if q != nil && q.kind != "" && m.period == noPeriod && q.period != noPeriod && kw.kind != assistant.FactOutstanding {
				m.period, fromAnswer = q.period, true
			}
			kind, ok := classify(kw, hasKeyword, *m, customer)
			if !ok {
				continue
			}
			f := assistant.Fact{Kind: kind, TurnIndex: p.turn.Index}
			if kind == assistant.FactCosts {
				f.Category = kw.category
			}
			f.Text, f.Start, f.End = at(m.from, m.to)
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
			if note.Code == "" && fromAnswer {
				note = NoteText{Code: noteAnswer, Turn: p.answers.turn}
			}
			f.Ambiguous = note.Code != "" && note.Code != notePeriodFrom && note.Code != noteConverted && note.Code != noteAnswer
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
		askedPayday := p.answers != nil && p.answers.payday
		for _, pd := range paydays(p.ix, askedPayday) {
			f := assistant.Fact{Kind: assistant.FactPayday, TurnIndex: p.turn.Index, Day: pd.rule.day, Weekday: pd.rule.weekday, Nth: pd.rule.nth}
			f.Text, f.Start, f.End = at(pd.from, pd.to)
			if askedPayday && !p.ix.income[p.ix.sentence[pd.from]] {
				var err error
				if f.Note, err = prompts.Render(p.lang, "arrangement.note", NoteText{Code: noteAnswer, Turn: p.answers.turn}); err != nil {
					return nil, fmt.Errorf("arrangement: note on turn %d: %w", p.turn.Index, err)
				}
			}
			facts = append(facts, f)
		}
		for _, sig := range vulnerability.FindTokens(p.turn.Text, p.toks) {
			facts = append(facts, assistant.Fact{Kind: assistant.FactVulnerability, TurnIndex: p.turn.Index,
				Cue: sig.Driver, Text: sig.Text, Start: sig.Start, End: sig.End})
		}
	}
	// Debt help named beside an arrangement is advice; without one it is
	// what the call settled on.
	if a, ok := agreed(prep, facts, callCurrency, today); ok {
		facts = append(facts, a)
	} else if r, ok := referred(prep); ok {
		facts = append(facts, r)
	}
	slices.SortStableFunc(facts, func(a, b assistant.Fact) int {
		return cmp.Or(cmp.Compare(a.TurnIndex, b.TurnIndex), cmp.Compare(a.Start, b.Start))
	})
	return facts, nil
}

// prepared is a turn with what Extract works out once about it.
type prepared struct {
	turn     assistant.Turn
	lang     assistant.Language
	toks     []language.Token
	ix       textIndex
	mentions []mention
	asks     *question // what an agent turn asks about money
	answers  *question // the question a customer turn answers
}

// asked returns what the last question of an agent turn asks about money,
// or nil when it asks nothing about money.
func asked(toks []language.Token, turn int) *question {
	// The last question of the turn is the one the customer answers.
	end := -1
	for i := len(toks) - 1; i >= 0; i-- {
		if toks[i].Kind == language.Punct && toks[i].Text == "?" {
			end = i
			break
		}
	}
	if end < 0 {
		return nil
	}
	start := end
	for start > 0 && !toks[start-1].SentenceEnd {
		start--
	}
	sent := toks[start:end]
	q := &question{turn: turn}
	has := func(words []language.Pattern) bool {
		for i := range sent {
			if _, n := language.Longest(words, sent, i); n > 0 {
				return true
			}
		}
		return false
	}
	income := has(incomeWords)
	for i := range sent {
		if p, _ := periodAfter(sent, i); p != noPeriod {
			q.period = p
			break
		}
	}
	switch {
	case has(whenAsked) && income:
		q.payday = true
		return q
	case !has(amountAsked):
		return nil
	case income:
		q.kind = assistant.FactIncome
	case costsIn(sent, &q.category):
		q.kind = assistant.FactCosts
	case has(offerWords):
		q.kind = assistant.FactOffer
	case has(outstandingWords):
		q.kind = assistant.FactOutstanding
	default:
		return nil
	}
	return q
}

// costsIn reports whether toks speak of essential costs, and sets category
// to the most specific category named.
func costsIn(toks []language.Token, category *assistant.BudgetCategory) bool {
	found := false
	for i := range toks {
		for _, lx := range costsLexicon {
			if _, n := language.Longest(lx.words, toks, i); n > 0 {
				if !found || lx.category != "" {
					*category = lx.category
				}
				found = true
			}
		}
	}
	return found
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

// keyword is a keyword found in a turn: toks[at:at+n] says kind, and for
// costs the budget category.
type keyword struct {
	at, n    int
	kind     assistant.FactKind
	category assistant.BudgetCategory
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
	type lexicon struct {
		kind     assistant.FactKind
		category assistant.BudgetCategory
		words    []language.Pattern
	}
	lexicons := []lexicon{{kind: assistant.FactOutstanding, words: outstandingWords}, {kind: assistant.FactIncome, words: incomeWords}}
	for _, c := range costsLexicon {
		lexicons = append(lexicons, lexicon{assistant.FactCosts, c.category, c.words})
	}
	lexicons = append(lexicons, lexicon{kind: assistant.FactOffer, words: offerWords})
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
				best.n, best.kind, best.category = n, lx.kind, lx.category
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

// keywordOf finds the keyword that says what an amount is: the nearest
// before it in its sentence, else the nearest after it.
func keywordOf(ix textIndex, m mention) (keyword, bool) {
	sent := ix.sentence[m.from]
	k, _ := slices.BinarySearchFunc(ix.keywords, m.from, func(kw keyword, at int) int { return cmp.Compare(kw.at, at) })
	if k > 0 && ix.sentence[ix.keywords[k-1].at] == sent {
		return ix.keywords[k-1], true
	}
	for ; k < len(ix.keywords) && ix.sentence[ix.keywords[k].at] == sent; k++ {
		if ix.keywords[k].at >= m.to {
			return ix.keywords[k], true
		}
	}
	return keyword{}, false
}

// classify decides what an amount is from its keyword. Only the customer
// makes offers; what the agent says per month is the agent's proposal, not
// a fact about the customer.
func classify(kw keyword, found bool, m mention, customer bool) (assistant.FactKind, bool) {
	kind := kw.kind
	if !found {
		kind = ""
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
	from, to int
	rule     payRule
}

// paydays finds when money comes in: "ik krijg de 25e mijn loon", "my
// universal credit comes in on the 3rd", "mijn salaris komt de laatste
// vrijdag van de maand". A day counts only in a sentence that speaks of
// income, so that "betalen op de 4e" is not a payday, or anywhere in the
// answer to the agent's question when money comes in (asked).
func paydays(ix textIndex, asked bool) []payday {
	toks := ix.toks
	var out []payday
	for i := 0; i < len(toks); i++ {
		if !asked && !ix.income[ix.sentence[i]] {
			continue
		}
		if r, end, ok := readPayRule(toks, i); ok {
			start := i
			if language.IsWord(toks, i-1, "de", "the", "het") {
				start = i - 1
			}
			out = append(out, payday{from: start, to: end, rule: r})
			i = end - 1
			continue
		}
		d := ordinalDay(toks[i])
		if d == 0 {
			continue
		}
		start := i
		if language.IsWord(toks, i-1, "de", "the") {
			start = i - 1
		}
		out = append(out, payday{from: start, to: i + 1, rule: payRule{day: d}})
	}
	return out
}
