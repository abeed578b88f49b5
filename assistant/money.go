package assistant

import "fmt"

// Money is an amount in integer minor units (cents, pence) of an ISO 4217
// currency. It is never a float. A field of minor units carries the tag
// unit:"minor", here and in requests, so that a decimal given for it is
// answered in those words (package strictjson).
type Money struct {
	// Amount is in minor units: 1250 with EUR is € 12,50.
	Amount   int64  `json:"amount" unit:"minor"`
	Currency string `json:"currency"`
}

// Currencies lists the ISO 4217 codes rooscoach handles, with their number of
// minor units.
var Currencies = map[string]int{"EUR": 2, "GBP": 2, "USD": 2}

// ValidCurrency reports whether code is a currency rooscoach handles.
func ValidCurrency(code string) bool { _, ok := Currencies[code]; return ok }

// String formats m for logs and tests, such as "EUR 1250.50"; wording for
// customers comes from the prompts package.
func (m Money) String() string {
	sign := ""
	a := m.Amount
	if a < 0 {
		sign, a = "-", -a
	}
	return fmt.Sprintf("%s %s%d.%02d", m.Currency, sign, a/100, a%100)
}
