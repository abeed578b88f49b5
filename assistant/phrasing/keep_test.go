package phrasing

import (
	"slices"
	"testing"
)

func TestMissingFacts(t *testing.T) {
	tests := []struct {
		name, original, rewrite string
		want                    []string
	}{
		{"all kept, Dutch", "U moet € 1.250,50 vóór 25 november betalen op dossier 2024-1183.",
			"Lukt het u om de € 1.250,50 vóór 25 november te betalen? Het gaat om dossier 2024-1183.", nil},
		{"all kept, English", "You must pay £40 by Friday, that's 8% interest on INV-20931.",
			"Could you manage £40 by Friday? The interest is 8% on INV-20931.", nil},
		{"amount written another way", "Het bedrag is € 50,00 per maand.", "Kunt u €50 per maand missen?", nil},
		{"placeholder kept", "Maak het over naar [IBAN-1] vóór vrijdag.", "Kunt u het vóór vrijdag naar [IBAN-1] overmaken?", nil},
		{"amount dropped", "U moet € 1.250,50 vóór vrijdag betalen.", "Lukt het u om vóór vrijdag te betalen?", []string{"€ 1.250,50"}},
		{"amount changed", "Pay £40 a month.", "Could you pay £45 a month?", []string{"£40 a month"}},
		{"date dropped", "You must pay by Friday.", "Could you pay soon?", []string{"Friday"}},
		{"percentage dropped", "Er komt 8 procent rente bij.", "Er komt rente bij.", []string{"8 procent"}},
		{"reference dropped", "Het gaat om dossier 2024-1183.", "Het gaat om uw dossier.", []string{"2024-1183"}},
		{"placeholder dropped", "Maak het over naar [IBAN-1].", "Maak het over naar ons rekeningnummer.", []string{"[IBAN-1]"}},
	}
	for _, tt := range tests {
		got := MissingFacts(tt.original, tt.rewrite)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: MissingFacts = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// An amount is its value in minor units with its currency and period: a
// rewrite that writes it another way keeps it, one that cuts it at a
// separator, swaps the currency or drops "per maand" does not.
func TestMissingFactsComparesAmountsByValue(t *testing.T) {
	tests := []struct {
		name, original, rewrite string
		want                    []string
	}{
		{"nl grouping kept", "U moet € 1.234,56 betalen.", "Lukt het u om €1.234,56 te betalen?", nil},
		{"en grouping kept", "You must pay £1,234.56.", "Could you pay £1,234.56?", nil},
		{"thousands without cents", "You must pay £1,250.", "Could you pay £1,250.00?", nil},
		{"word currency", "Het is 1.500 euro.", "Het is € 1.500.", nil},
		{"en cut at the comma", "You must pay £1,234.56.", "Could you pay £1?", []string{"£1,234.56"}},
		{"nl cut at the comma", "U moet € 1.234,56 betalen.", "Wilt u € 1.234?", []string{"€ 1.234,56"}},
		{"decimal comma cut", "You need to pay €1.250,50.", "Could you pay €1.250?", []string{"€1.250,50"}},
		{"thousands read as cents", "U moet € 1.250 betalen.", "Lukt het u om € 12,50 te betalen?", []string{"€ 1.250"}},
		{"currency changed", "You must pay £40.", "Could you pay €40?", []string{"£40"}},
		{"period dropped", "U moet € 12,50 per maand betalen.", "Lukt het u om € 12,50 te betalen?", []string{"€ 12,50 per maand"}},
		{"period kept in other words", "U betaalt € 12,50 per maand.", "Kunt u elke maand € 12,50 betalen?", nil},
		{"amount and period dropped, named once", "Pay £40 a month.", "Could you pay?", []string{"£40 a month"}},
	}
	for _, tt := range tests {
		got := MissingFacts(tt.original, tt.rewrite)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: MissingFacts(%q, %q) = %q, want %q", tt.name, tt.original, tt.rewrite, got, tt.want)
		}
	}
}
