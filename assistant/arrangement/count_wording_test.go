package arrangement

import (
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// Every option's wording says "1 maand" and "1 month", never "1 maanden"
// or "1 months", and groups a large count the language's way.
func TestOptionWordingCountsMonths(t *testing.T) {
	eur := func(v int64) assistant.Money { return assistant.Money{Amount: v, Currency: "EUR"} }
	kinds := []assistant.OptionKind{assistant.OptionCustomerProposal, assistant.OptionInstalments, assistant.OptionShortest,
		assistant.OptionStepped, assistant.OptionTemporary, assistant.OptionToken, assistant.OptionDeferral, assistant.OptionSettlement}
	text := func(n int, fits bool) OptionText {
		return OptionText{Jurisdiction: "nl", Monthly: eur(2500), Low: eur(1000), LowMonths: n, Deferral: n, Total: eur(250000),
			Months: n, Fits: fits, MaxTerm: n, MinInstalment: eur(2500), TooLong: !fits, Known: true, Affordable: eur(3000),
			StatedNote: true, Stated: eur(2000), StatedMonths: n, StatedOverPolicy: true, Review: n, Remaining: eur(1000), Debt: eur(250000)}
	}
	for _, c := range []struct {
		lang     assistant.Language
		n        int
		want     string
		notWants []string
	}{
		{assistant.Dutch, 1, "1 maand", []string{"1 maanden"}},
		{assistant.English, 1, "1 month", []string{"1 months"}},
		{assistant.Dutch, 1250, "1.250 maanden", []string{"1250 maanden", "1,250"}},
		{assistant.English, 1250, "1,250 months", []string{"1250 months", "1.250"}},
	} {
		seen := false
		for _, k := range kinds {
			for _, part := range []string{"why", "script"} {
				for _, fits := range []bool{true, false} {
					name := "arrangement." + part + "." + string(k)
					s, err := prompts.Render(c.lang, name, text(c.n, fits))
					if err != nil {
						t.Fatal(err)
					}
					for _, bad := range c.notWants {
						if strings.Contains(s, bad) {
							t.Errorf("%s/%s (n=%d): %q holds %q", c.lang, name, c.n, s, bad)
						}
					}
					seen = seen || strings.Contains(s, c.want)
				}
			}
		}
		if !seen {
			t.Errorf("%s: no wording says %q", c.lang, c.want)
		}
	}
	for _, c := range []struct {
		lang assistant.Language
		n    int
		want string
	}{
		{assistant.Dutch, 1, "1 rekening samen"},
		{assistant.English, 1, "1 bill together"},
		{assistant.Dutch, 3, "3 rekeningen samen"},
		{assistant.English, 3, "3 bills together"},
	} {
		s, err := prompts.Render(c.lang, "arrangement.statutory", StatutoryText{Invoices: c.n, Sum: eur(7500), Once: eur(4000), Each: eur(12000)})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(s, c.want) {
			t.Errorf("%s statutory with %d bills: %q, want it to start %q", c.lang, c.n, s, c.want)
		}
	}
}
