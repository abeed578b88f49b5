package language

import "testing"

// Amounts as Dutch and English write them, read by the one reader both the
// arrangement facts and the phrasing checks use.
func TestReadAmount(t *testing.T) {
	tests := []struct {
		in       string
		currency string
		want     int64
		grouping rune
		ok       bool
	}{
		{"€ 1.250,50", "EUR", 125050, 0, true},
		{"€1.250,50 per maand", "EUR", 125050, 0, true},
		{"1,250.50", "", 125050, 0, true},
		{"£312.45", "GBP", 31245, 0, true},
		{"$1,240.50 a month", "USD", 124050, 0, true},
		{"25 euro", "EUR", 2500, 0, true},
		{"1.500 euro", "EUR", 150000, '.', true},
		{"£1,250", "GBP", 125000, ',', true},
		{"€ 50,-", "EUR", 5000, 0, true},
		{"€ 12,5", "EUR", 1250, 0, true},
		{"EUR 50", "EUR", 5000, 0, true},
		{"40 pounds", "GBP", 4000, 0, true},
		{"300 pond", "GBP", 30000, 0, true},
		{"12 dollars", "USD", 1200, 0, true},
		{"vijfentwintig euro", "EUR", 2500, 0, true},
		{"twee honderd pond", "GBP", 20000, 0, true},
		{"twenty-five pounds", "GBP", 2500, 0, true},
		{"two hundred and fifty dollars", "USD", 25000, 0, true},
		{"€ 1.2345", "EUR", 0, 0, false},
		{"geen bedrag", "", 0, 0, false},
		{"no amount", "", 0, 0, false},
	}
	for _, tt := range tests {
		got, ok := ReadAmount(tt.in)
		if ok != tt.ok || ok && (got.Currency != tt.currency || got.Hundredths != tt.want || got.Grouping != tt.grouping) {
			t.Errorf("ReadAmount(%q) = %+v, %v; want %s %d grouping %q, %v", tt.in, got, ok, tt.currency, tt.want, tt.grouping, tt.ok)
		}
	}
}

func TestParseDigits(t *testing.T) {
	tests := []struct {
		in       string
		want     int64
		ok       bool
		grouping rune
	}{
		{"1250", 125000, true, 0},
		{"1.250,50", 125050, true, 0},
		{"1,240.50", 124050, true, 0},
		{"980.00", 98000, true, 0},
		{"12,5", 1250, true, 0},
		{"1.250.000", 125000000, true, 0},
		{"1,250,000.99", 125000099, true, 0},
		{"1.250", 125000, true, '.'},
		{"1,250", 125000, true, ','},
		{"1.2345", 0, false, 0},
		{"12.34.5", 0, false, 0},
		{"1,2.50", 0, false, 0},
		{"12345678901234", 0, false, 0},
	}
	for _, tt := range tests {
		got, ok := ParseDigits(tt.in)
		if got.Hundredths != tt.want || ok != tt.ok || got.Grouping != tt.grouping {
			t.Errorf("ParseDigits(%q) = %+v, %v; want %d %v %q", tt.in, got, ok, tt.want, tt.ok, tt.grouping)
		}
	}
}

func TestCurrencyOf(t *testing.T) {
	for in, want := range map[string]string{"€": "EUR", "£": "GBP", "$": "USD", "euro": "EUR", "pond": "GBP", "quid": "GBP", "bucks": "USD", "maand": ""} {
		if got := CurrencyOf(in); got != want {
			t.Errorf("CurrencyOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseNL(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"vijftig", 50, true},
		{"eenentwintig", 21, true},
		{"tweeëntwintig", 22, true},
		{"honderd", 100, true},
		{"honderdvijftig", 150, true},
		{"tweehonderdvijfenzeventig", 275, true},
		{"twaalfhonderd", 1200, true},
		{"vijftienhonderd", 1500, true},
		{"duizend", 1000, true},
		{"tweeduizenddriehonderd", 2300, true},
		{"negenhonderdnegenennegentig", 999, true},
		{"vijfduizend", 5000, true},
		{"tachtig", 80, true},
		{"achtentachtig", 88, true},
		{"maand", 0, false},
		{"tientje", 0, false},
		{"honderdmaand", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseNL(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseNL(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
