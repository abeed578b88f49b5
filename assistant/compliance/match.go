package compliance

import (
	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/language"
	"github.com/rooscoach/rooscoach/assistant/vulnerability"
)

// turnText is a turn read once for every rule: its language, tokens and
// runes.
type turnText struct {
	turn  assistant.Turn
	lang  assistant.Language
	toks  []language.Token
	runes []rune
	// signals are the vulnerability cues of a customer turn.
	signals []vulnerability.Signal
}

// call is a call prepared for the rules.
type call struct {
	in    assistant.ComplianceInput
	lang  assistant.Language
	turns []turnText
}

func prepare(in assistant.ComplianceInput) *call {
	c := &call{in: in, lang: in.Language, turns: make([]turnText, len(in.Turns))}
	for i, t := range in.Turns {
		// A turn's own language wins; otherwise the call's, unless the turn
		// is clearly in the other one, since agents switch languages for a
		// customer and the rules must read each turn in the language it is in.
		lang := t.Language
		if !lang.Valid() {
			lang = language.Resolve(in.Language, t.Text)
		}
		tt := turnText{turn: t, lang: lang, toks: language.Tokenize(t.Text), runes: []rune(t.Text)}
		if t.Speaker == assistant.Customer {
			tt.signals = vulnerability.FindTokens(t.Text, tt.toks)
		}
		c.turns[i] = tt
	}
	return c
}

// span is a match of a pattern: tokens [from, to).
type span struct{ from, to int }

// quote returns the words of s in t.
func (t *turnText) quote(s span) assistant.Quote {
	start, end := t.toks[s.from].Start, t.toks[s.to-1].End
	return assistant.Quote{TurnIndex: t.turn.Index, Speaker: t.turn.Speaker, Text: string(t.runes[start:end]), Start: start, End: end}
}

// find returns the matches of p in t, in the patterns of t's language, the
// longest at each position, leaving out the negated ones ("we komen geen
// beslag leggen", "I won't call the police").
func (p *phrases) find(t *turnText) []span {
	if p == nil {
		return nil
	}
	pats := p.en
	if t.lang == assistant.Dutch {
		pats = p.nl
	}
	var out []span
	for i := 0; i < len(t.toks); {
		k, n := language.Longest(pats, t.toks, i)
		if k < 0 {
			i++
			continue
		}
		s := span{i, i + n}
		if !negated(t, s, pats[k]) {
			out = append(out, s)
		}
		i += n
	}
	return out
}

// first returns the first match of p in t.
func (p *phrases) first(t *turnText) (span, bool) {
	if m := p.find(t); len(m) > 0 {
		return m[0], true
	}
	return span{}, false
}

// negated reports whether a negation denies the match s of pattern p: one of
// the three words before it in the same sentence, a word inside it that the
// pattern does not name itself (what "~" skipped: "we komen geen beslag
// leggen"), or in Dutch the word right after it ("we bellen de politie
// niet"). Negations the pattern names ("kan ~ niet betalen") are its own.
func negated(t *turnText, s span, p language.Pattern) bool {
	neg := func(k int) bool { return t.toks[k].Kind == language.Word && language.Negates(t.lang, t.toks[k].Text) }
	for k := s.from - 1; k >= 0 && k >= s.from-3; k-- {
		if t.toks[k].Kind != language.Word {
			break
		}
		if neg(k) {
			return true
		}
	}
	for k := s.from; k < s.to; k++ {
		if neg(k) && !named(p, t.toks[k].Text) {
			return true
		}
	}
	return t.lang == assistant.Dutch && s.to < len(t.toks) && neg(s.to)
}

// named reports whether the pattern itself holds word.
func named(p language.Pattern, word string) bool {
	for _, w := range p {
		if w == word {
			return true
		}
	}
	return false
}
