package arrangement

import (
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/language"
)

// confirmWords in an agent turn take up the amount the customer just
// proposed: "Ja, dat spreken we af", "Great, let's do that".
var confirmWords = language.Compile(
	"akkoord", "afgesproken", "spreken we af", "dat spreken we af", "noteer ik", "ik noteer", "dat is goed",
	"zet ik dat", "leg ik vast", "agreed", "deal", "we agree", "i'll note", "i'll set that up", "let's do that",
	"that's fine", "i'll put that", "we'll do that",
)

// statement is an arrangement said as settled in one turn.
type statement struct {
	k         int // index into the prepared turns
	from, to  int // token range of the amount
	cents     int64
	currency  string
	frequency assistant.Frequency
	date      *saidDate
	proposed  bool // the customer's own amount, taken up by the agent
}

func frequencyOf(p period) assistant.Frequency {
	switch p {
	case perMonth:
		return assistant.Monthly
	case perWeek:
		return assistant.Weekly
	case perFortnight:
		return assistant.Fortnightly
	}
	return ""
}

// sentenceHas reports whether sentence s of ix holds one of words.
func sentenceHas(ix textIndex, s int, words []language.Pattern) bool {
	for i := range ix.toks {
		if ix.sentence[i] == s {
			if _, n := language.Longest(words, ix.toks, i); n > 0 {
				return true
			}
		}
	}
	return false
}

// statements returns the arrangements agent turns state as settled: an
// amount with a period (or "in één keer") in a sentence that says so
// ("even samengevat: u betaalt 50 euro per maand"), or, when the agent
// takes up what the customer just proposed ("Ja, dat spreken we af"), the
// customer's amount.
func statements(prep []prepared, callCurrency string) []statement {
	var out []statement
	for k := range prep {
		p := &prep[k]
		if p.turn.Speaker != assistant.Agent {
			continue
		}
		found := false
		for _, m := range p.mentions {
			if !m.hasAmount || m.note != "" {
				continue
			}
			s := p.ix.sentence[m.from]
			if !sentenceHas(p.ix, s, agreementWords) && (s == 0 || !sentenceHas(p.ix, s-1, agreementWords)) {
				continue
			}
			freq := frequencyOf(m.period)
			if m.period == noPeriod && sentenceHas(p.ix, s, onceWords) {
				freq = assistant.Once
			}
			if freq == "" {
				continue
			}
			st := statement{k: k, from: m.from, to: m.to, cents: m.cents, currency: m.currency, frequency: freq}
			if st.currency == "" {
				st.currency = callCurrency
			}
			st.date = dateIn(p, s, m.to)
			out = append(out, st)
			found = true
			break
		}
		if found || k == 0 || prep[k-1].turn.Speaker != assistant.Customer {
			continue
		}
		confirms := false
		for i := range p.toks {
			if _, n := language.Longest(confirmWords, p.toks, i); n > 0 {
				confirms = true
				break
			}
		}
		if !confirms {
			continue
		}
		prev := &prep[k-1]
		for i := len(prev.mentions) - 1; i >= 0; i-- {
			m := prev.mentions[i]
			if !m.hasAmount || m.note != "" || m.period == noPeriod {
				continue
			}
			if kw, ok := keywordOf(prev.ix, m); ok && kw.kind != assistant.FactOffer {
				continue
			}
			st := statement{k: k - 1, from: m.from, to: m.to, cents: m.cents, currency: m.currency,
				frequency: frequencyOf(m.period), proposed: true}
			if st.currency == "" {
				st.currency = callCurrency
			}
			if st.frequency == "" {
				continue
			}
			// The date may come with the agent's yes ("dan spreken we dat
			// af, vanaf 1 december") or with the customer's proposal.
			for s := 0; s <= p.ix.sentence[len(p.toks)-1] && st.date == nil; s++ {
				st.date = dateIn(p, s, 0)
			}
			if st.date == nil {
				st.date = dateIn(prev, prev.ix.sentence[m.from], m.to)
			}
			out = append(out, st)
			break
		}
	}
	return out
}

// dateIn returns the first date said in sentence s of p, preferring one
// after token from ("50 euro per maand, voor het eerst op 25 juni"), else
// the first in the sentences after it ("… 100 euro per maand. Voor het
// eerst op 24 juni.").
func dateIn(p *prepared, s, from int) *saidDate {
	var before *saidDate
	for i := range p.toks {
		si := p.ix.sentence[i]
		if si < s {
			continue
		}
		if si > s && before != nil {
			return before
		}
		d, ok := readDate(p.toks, i, p.lang)
		if !ok {
			continue
		}
		if si == s && i < from {
			if before == nil {
				before = &d
			}
			continue
		}
		return &d
	}
	return before
}

// replies reports whether the customer turn after prep[k] says yes to it,
// and whether it says no.
func replies(prep []prepared, k int) (yes, no bool) {
	if k+1 >= len(prep) || prep[k+1].turn.Speaker != assistant.Customer {
		return false, false
	}
	toks := prep[k+1].toks
	for i := range toks {
		if _, n := language.Longest(refuseWords, toks, i); n > 0 {
			no = true
		}
		if _, n := language.Longest(acceptWords, toks, i); n > 0 && !language.NegatesAny(wordAt(toks, i-1)) {
			yes = true
		}
	}
	return yes, no
}

// agreed returns the arrangement the call settled on: the latest one an
// agent turn states, with the first payment date said with it (or with an
// earlier statement of the same amount), and whether the customer promised
// it: they said yes to it, or proposed the amount themselves, and did not
// say no to the latest statement.
func agreed(prep []prepared, facts []assistant.Fact, callCurrency string, today time.Time) (assistant.Fact, bool) {
	sts := statements(prep, callCurrency)
	if len(sts) == 0 {
		return assistant.Fact{}, false
	}
	last := sts[len(sts)-1]
	if last.currency == "" {
		return assistant.Fact{}, false
	}
	p := &prep[last.k]
	runes := []rune(p.turn.Text)
	f := assistant.Fact{
		Kind:      assistant.FactAgreed,
		Amount:    &assistant.Money{Amount: last.cents, Currency: last.currency},
		Frequency: last.frequency,
		TurnIndex: p.turn.Index,
	}
	f.Start, f.End = p.toks[last.from].Start, p.toks[last.to-1].End
	f.Text = string(runes[f.Start:f.End])

	same := func(st statement) bool {
		return st.cents == last.cents && st.currency == last.currency && st.frequency == last.frequency
	}
	for i := len(sts) - 1; i >= 0 && f.Date == ""; i-- {
		if st := sts[i]; same(st) && st.date != nil {
			if t, ok := st.date.resolve(today); ok {
				f.Date = t.Format(dateLayout)
				if st.date.month == 0 {
					f.Day = st.date.day
				}
			}
		}
	}

	promised := last.proposed
	for _, st := range sts {
		if !same(st) {
			continue
		}
		if yes, _ := replies(prep, st.k); yes || st.proposed {
			promised = true
		}
	}
	monthlyAmount := monthly(last.cents, periodOfFrequency(last.frequency))
	for _, o := range facts {
		if o.Kind == assistant.FactOffer && !o.Ambiguous && o.Amount != nil && o.TurnIndex <= f.TurnIndex &&
			o.Amount.Currency == last.currency && o.Amount.Amount == monthlyAmount && last.frequency != assistant.Once {
			promised = true
		}
	}
	if _, no := replies(prep, last.k); no && !last.proposed {
		promised = false
	}
	f.Promise = promised
	return f, true
}

func periodOfFrequency(f assistant.Frequency) period {
	switch f {
	case assistant.Weekly:
		return perWeek
	case assistant.Fortnightly:
		return perFortnight
	}
	return perMonth
}

// referred returns the agent's latest referral to free debt help as an
// agreed fact without an amount: the help named, in the last agent turn
// that names one in a sentence not negated ("dat hoeft niet via de
// schuldhulpverlening"), and whether the customer said yes to it.
func referred(prep []prepared) (assistant.Fact, bool) {
	for k := len(prep) - 1; k >= 0; k-- {
		p := &prep[k]
		if p.turn.Speaker != assistant.Agent {
			continue
		}
		for i := range p.toks {
			_, n := language.Longest(debtHelpWords, p.toks, i)
			if n == 0 || negatedSentence(p, i) {
				continue
			}
			runes := []rune(p.turn.Text)
			f := assistant.Fact{Kind: assistant.FactAgreed, TurnIndex: p.turn.Index,
				Start: p.toks[i].Start, End: p.toks[i+n-1].End}
			f.Text = string(runes[f.Start:f.End])
			yes, no := replies(prep, k)
			f.Promise = yes && !no
			return f, true
		}
	}
	return assistant.Fact{}, false
}

// negatedSentence reports whether the sentence of p's token i says no
// before it: "not", "niet", "geen", "no need".
func negatedSentence(p *prepared, i int) bool {
	s := p.ix.sentence[i]
	for j := i - 1; j >= 0 && p.ix.sentence[j] == s; j-- {
		if language.NegatesAny(p.toks[j].Text) {
			return true
		}
	}
	return false
}
