package prompts

import (
	"math"
	"slices"
	"strings"
	"testing"
	"text/template"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// A wording that exists in one language only would leave half the agents
// without it.
func TestEveryTemplateInBothLanguages(t *testing.T) {
	nl, en := Names(assistant.Dutch), Names(assistant.English)
	slices.Sort(nl)
	slices.Sort(en)
	for _, n := range nl {
		if _, ok := slices.BinarySearch(en, n); !ok {
			t.Errorf("template %q has Dutch wording but no English", n)
		}
	}
	for _, n := range en {
		if _, ok := slices.BinarySearch(nl, n); !ok {
			t.Errorf("template %q has English wording but no Dutch", n)
		}
	}
	if len(nl) == 0 {
		t.Fatal("no templates parsed")
	}
}

func TestMoney(t *testing.T) {
	tests := []struct {
		lang assistant.Language
		m    assistant.Money
		want string
	}{
		{assistant.Dutch, assistant.Money{Amount: 125050, Currency: "EUR"}, "€ 1.250,50"},
		{assistant.Dutch, assistant.Money{Amount: 5000, Currency: "EUR"}, "€ 50"},
		{assistant.English, assistant.Money{Amount: 124050, Currency: "USD"}, "$1,240.50"},
		{assistant.English, assistant.Money{Amount: 4000, Currency: "GBP"}, "£40"},
		{assistant.English, assistant.Money{Amount: 123456789, Currency: "EUR"}, "€1,234,567.89"},
		{assistant.Dutch, assistant.Money{Amount: 7, Currency: "EUR"}, "€ 0,07"},
		// Dollars keep their cents, as US usage and CLDR's pattern do.
		{assistant.English, assistant.Money{Amount: 3500, Currency: "USD"}, "$35.00"},
		{assistant.Dutch, assistant.Money{Amount: 3500, Currency: "USD"}, "$ 35,00"},
	}
	for _, tt := range tests {
		if got := Money(tt.lang, tt.m); got != tt.want {
			t.Errorf("Money(%s, %v) = %q, want %q", tt.lang, tt.m, got, tt.want)
		}
	}
}

// Dates as each country writes them: CLDR's long date patterns (nl
// "d MMMM y", en_GB "d MMMM y", en "MMMM d, y").
func TestNumber(t *testing.T) {
	for _, c := range []struct {
		lang   assistant.Language
		v      float64
		digits int
		want   string
	}{
		// Halves round away from zero, as the figures are rounded
		// (assistant's roundFigure), not to even as strconv does.
		{assistant.Dutch, 2.25, 1, "2,3"},
		{assistant.English, 2.25, 1, "2.3"},
		{assistant.Dutch, 4.25, 1, "4,3"},
		{assistant.English, 4.25, 1, "4.3"},
		{assistant.Dutch, 0.125, 2, "0,13"},
		{assistant.English, 0.125, 2, "0.13"},
		{assistant.English, -0.125, 2, "-0.13"},
		{assistant.Dutch, 0.375, 2, "0,38"},
		{assistant.English, 12.5, 0, "13"},
		// The decimal a figure was written as decides, not the binary
		// double just below it: 1.005 is a half.
		{assistant.Dutch, 1.005, 2, "1,01"},
		{assistant.English, 999.95, 1, "1,000.0"},
		{assistant.Dutch, 9.96, 1, "10,0"},
		{assistant.English, 0.04, 1, "0.0"},
		{assistant.English, 0.05, 1, "0.1"},
		{assistant.English, 1e21, 0, "1,000,000,000,000,000,000,000"},
		{assistant.Dutch, 4.666, 2, "4,67"},
		{assistant.English, 4.666, 2, "4.67"},
		{assistant.Dutch, 1250.5, 1, "1.250,5"},
		{assistant.English, 1250.5, 1, "1,250.5"},
		{assistant.Dutch, 3, 0, "3"},
		{assistant.Dutch, -0.5, 2, "-0,50"},
		{assistant.Dutch, -0.01, 1, "0,0"},
		{assistant.Dutch, 1.25, -1, "1,25"},
		{assistant.English, 1.25, -1, "1.25"},
		{assistant.Dutch, 2, -1, "2"},
		{assistant.English, math.NaN(), 1, Missing},
	} {
		if got := Number(c.lang, c.v, c.digits); got != c.want {
			t.Errorf("Number(%s, %g, %d) = %q, want %q", c.lang, c.v, c.digits, got, c.want)
		}
	}
}

// Percent writes shares as whole percents, halves rounded away from zero.
func TestPercent(t *testing.T) {
	for v, want := range map[float64]string{0.125: "13%", 0.145: "15%", 0.5: "50%", 1: "100%", 0: "0%", 0.004: "0%", 0.005: "1%"} {
		if got := Percent(v); got != want {
			t.Errorf("Percent(%g) = %q, want %q", v, got, want)
		}
	}
	if got := Percent(math.NaN()); got != Missing {
		t.Errorf("Percent(NaN) = %q, want %q", got, Missing)
	}
}

func TestFormatDate(t *testing.T) {
	day := time.Date(2026, 12, 18, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		lang    assistant.Language
		country string
		want    string
	}{
		{assistant.Dutch, "nl", "18 december 2026"},
		{assistant.Dutch, "us", "18 december 2026"},
		{assistant.English, "uk", "18 December 2026"},
		{assistant.English, "nl", "18 December 2026"},
		{assistant.English, "us", "December 18, 2026"},
	}
	for _, tt := range tests {
		if got := FormatDate(tt.lang, DateOf(day, tt.country)); got != tt.want {
			t.Errorf("FormatDate(%s, %s) = %q, want %q", tt.lang, tt.country, got, tt.want)
		}
	}
	for m := 1; m <= 12; m++ {
		for _, lang := range assistant.Languages {
			got := FormatDate(lang, Date{Day: 1, Month: m, Year: 2027})
			if strings.ContainsAny(got, "-<") || len(strings.Fields(got)) != 3 {
				t.Errorf("month %d in %s: %q", m, lang, got)
			}
		}
	}
}

func TestRenderUnknown(t *testing.T) {
	if _, err := Render(assistant.Dutch, "no.such.prompt", nil); err == nil {
		t.Fatal("Render of an undefined template: want an error, got none")
	}
}

// A payday is named as the customer gave it: a weekday of the month has no
// day of the month to print.
func TestPayday(t *testing.T) {
	tests := []struct {
		p      Payday
		nl, en string
	}{
		{Payday{Day: 25}, "rond de 25e", "around day 25"},
		{Payday{Day: 31}, "aan het eind van de maand", "at the end of the month"},
		{Payday{Weekday: "friday", Nth: -1}, "op de laatste vrijdag van de maand", "on the last Friday of the month"},
		{Payday{Weekday: "monday", Nth: 1}, "op de eerste maandag van de maand", "on the first Monday of the month"},
		{Payday{Weekday: "wednesday", Nth: 3}, "op de derde woensdag van de maand", "on the third Wednesday of the month"},
		{Payday{Weekday: "workday", Nth: -1}, "op de laatste werkdag van de maand", "on the last working day of the month"},
		{Payday{Weekday: "workday", Nth: 1}, "op de eerste werkdag van de maand", "on the first working day of the month"},
	}
	for _, tt := range tests {
		for lang, want := range map[assistant.Language]string{assistant.Dutch: tt.nl, assistant.English: tt.en} {
			got, err := Render(lang, "payday", tt.p)
			if err != nil || got != want {
				t.Errorf("payday %+v in %s = %q, %v; want %q", tt.p, lang, got, err, want)
			}
		}
	}
}

// One month is singular in both languages, and large counts are grouped the
// language's way: no "1 maanden", no "1250 months".
func TestMonths(t *testing.T) {
	for _, c := range []struct {
		lang assistant.Language
		n    int
		want string
	}{
		{assistant.Dutch, 1, "1 maand"},
		{assistant.English, 1, "1 month"},
		{assistant.Dutch, 3, "3 maanden"},
		{assistant.English, 3, "3 months"},
		{assistant.Dutch, 0, "0 maanden"},
		{assistant.English, 0, "0 months"},
		{assistant.Dutch, 1250, "1.250 maanden"},
		{assistant.English, 1250, "1,250 months"},
	} {
		if got := Months(c.lang, c.n); got != c.want {
			t.Errorf("Months(%s, %d) = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}

func TestCount(t *testing.T) {
	for _, c := range []struct {
		lang      assistant.Language
		n         int
		one, many string
		want      string
	}{
		{assistant.Dutch, 1, "rekening", "rekeningen", "1 rekening"},
		{assistant.English, 1, "bill", "bills", "1 bill"},
		{assistant.Dutch, 12, "termijn", "termijnen", "12 termijnen"},
		{assistant.English, 12, "payment", "payments", "12 payments"},
		{assistant.Dutch, 1250, "termijn", "termijnen", "1.250 termijnen"},
		{assistant.English, 1250, "payment", "payments", "1,250 payments"},
		{assistant.English, -1, "day", "days", "-1 day"},
	} {
		if got := Count(c.lang, c.n, c.one, c.many); got != c.want {
			t.Errorf("Count(%s, %d, %q, %q) = %q, want %q", c.lang, c.n, c.one, c.many, got, c.want)
		}
	}
}

// The template functions give the same words as the Go ones.
func TestCountInTemplates(t *testing.T) {
	tpl := template.Must(template.New("t").Funcs(funcs).Parse(`{{months "nl" 1}}; {{months "en" 1250}}; {{count "nl" 1 "rekening" "rekeningen"}}; {{count "en" 2 "bill" "bills"}}`))
	var b strings.Builder
	if err := tpl.Execute(&b, nil); err != nil {
		t.Fatal(err)
	}
	if want := "1 maand; 1,250 months; 1 rekening; 2 bills"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}
