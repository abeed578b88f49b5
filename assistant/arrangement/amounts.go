package arrangement

import (
	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/language"
)

// Amount is an amount of money found in a text by the same reader that
// finds the facts of a call, for other analysers that must read amounts the
// same way (the compliance check of the Dutch statutory costs).
type Amount struct {
	// Money is the amount; its Currency is "" when the text names none.
	Money assistant.Money
	// From and To are the token range of the amount, To exclusive.
	From, To int
	// Certain is false for amounts that cannot be read with certainty: a
	// vague one ("a few hundred"), a range, or "1.250" where the separator
	// could be either.
	Certain bool
}

// ReadAmount reads an amount of money that starts at toks[i] ("€ 375",
// "375 euro", "£1,250.50"), as the fact reader does; ok is false when
// none starts there. lang decides which separator groups thousands.
func ReadAmount(toks []language.Token, i int, lang assistant.Language) (a Amount, ok bool) {
	m, ok := readMention(toks, i, lang, false)
	if !ok {
		return Amount{}, false
	}
	return Amount{
		Money:   assistant.Money{Amount: m.cents, Currency: m.currency},
		From:    m.from,
		To:      m.to,
		Certain: m.hasAmount && m.note == "",
	}, true
}

// JurisdictionOfCurrency returns the jurisdiction whose debts are in the
// ISO 4217 currency code (EUR nl, GBP uk, USD us), or "".
func JurisdictionOfCurrency(code string) string { return jurisdictionOf[code] }
