// Package prompts holds the words rooscoach speaks to agents and customers:
// rewrite and tip wording, arrangement scripts and referral texts, and the
// prompts of the LLM engine, as embedded text/template files with Dutch and
// English side by side.
//
// Keeping the wording here lets a trainer change what agents are told without
// touching the analysis code. Every template is defined once per language as
// "nl/NAME" and "en/NAME"; a name missing in one language fails the tests.
package prompts

import (
	"bytes"
	"embed"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

//go:embed templates/*.tmpl
var files embed.FS

// The templates are parsed once at start-up, so a broken one fails every test
// and the binary at boot rather than in the middle of a call.
var all = template.Must(template.New("prompts").Funcs(funcs).ParseFS(files, "templates/*.tmpl"))

// funcs are the functions every template may call: "money", "months"
// and "count" take the language first, as in {{months "nl" .Months}}.
var funcs = template.FuncMap{
	"money":  Money,
	"months": Months,
	"count":  Count,
	"bytes":  Bytes,
	"json":   jsonText,
	// The reader's errors (read.tmpl).
	"declare": declare,
	"force":   force,
	"first":   first,
	"join":    strings.Join,
	// The errors (error.tmpl) quote a value as Go's %q does.
	"quote": strconv.Quote,
}

var bufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Render executes the template NAME in language lang with data.
func Render(lang assistant.Language, name string, data any) (string, error) {
	t := all.Lookup(string(lang) + "/" + name)
	if t == nil {
		return "", fmt.Errorf("prompt %s/%s: not defined", lang, name)
	}
	buf := bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufs.Put(buf)
	if err := t.Execute(buf, data); err != nil {
		return "", fmt.Errorf("prompt %s/%s: %w", lang, name, err)
	}
	return strings.TrimSpace(buf.String()), nil
}

// MustRender is Render for templates whose data is fixed by the caller's own
// types; an error there is a bug caught by the golden tests.
func MustRender(lang assistant.Language, name string, data any) string {
	s, err := Render(lang, name, data)
	if err != nil {
		panic(err)
	}
	return s
}

// Names returns the names of the templates defined for lang, without the
// language prefix.
func Names(lang assistant.Language) []string {
	var names []string
	prefix := string(lang) + "/"
	for _, t := range all.Templates() {
		if n, ok := strings.CutPrefix(t.Name(), prefix); ok {
			names = append(names, n)
		}
	}
	return names
}

var symbols = map[string]string{"EUR": "€", "GBP": "£", "USD": "$"}

// Money formats m the way a customer of lang reads it in running text:
// "€ 1.250,50" in Dutch, "€1,250.50" in English. Whole amounts drop the
// cents in Dutch ("€ 50", Taaladvies) and in British English ("£40", GOV.UK
// style: "Do not show zero pence"); dollars keep them ("$35.00"), as US
// usage and CLDR's pattern do.
func Money(lang assistant.Language, m assistant.Money) string {
	sym, ok := symbols[m.Currency]
	if !ok {
		sym = m.Currency + " "
	}
	a := m.Amount
	sign := ""
	if a < 0 {
		sign, a = "-", -a
	}
	units, cents := a/100, a%100
	thousands, decimal := separators(lang)
	if lang == assistant.Dutch && ok {
		sym += " "
	}
	s := group(units, thousands)
	if cents != 0 || m.Currency == "USD" {
		s += decimal + fmt.Sprintf("%02d", cents)
	}
	return sign + sym + s
}

// separators are lang's thousands separator and decimal mark: Dutch
// writes 1.250,5 where English writes 1,250.5.
func separators(lang assistant.Language) (thousands, decimal string) {
	if lang == assistant.Dutch {
		return ".", ","
	}
	return ",", "."
}

// Missing stands for a figure that could not be measured, in both
// languages and on every page: an em dash, never 0 or an empty cell, which
// a lead would read as a measurement.
const Missing = "—"

// Number formats v with digits decimals the way a reader of lang reads it:
// "2,2" in Dutch, "2.2" in English. Numbers of a thousand or more are
// grouped ("1.250,5", "1,250.5"); NaN and infinities print as Missing. With
// digits -1 it uses as few decimals as v needs ("1,25", "2").
//
// Halves round away from zero ("4,25" → "4,3"), as package assistant
// rounds its figures, not to even as strconv does; and the half is judged
// on the shortest decimal that reads back as v, so 1.005 is a half though
// the double nearest it lies just below.
func Number(lang assistant.Language, v float64, digits int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Missing
	}
	units, frac := roundHalfUp(strconv.FormatFloat(math.Abs(v), 'f', -1, 64), digits)
	thousands, decimal := separators(lang)
	out := groupDigits(units, thousands)
	if frac != "" {
		out += decimal + frac
	}
	if v < 0 && strings.Trim(units+frac, "0") != "" { // no "-0,0"
		out = "-" + out
	}
	return out
}

// roundHalfUp rounds the plain decimal s (digits, at most one ".") to
// digits decimals, a half up; digits -1 keeps s as it is. It returns the
// units and the decimals.
func roundHalfUp(s string, digits int) (units, frac string) {
	units, frac, _ = strings.Cut(s, ".")
	if digits < 0 || len(frac) == digits {
		return units, frac
	}
	if len(frac) < digits {
		return units, frac + strings.Repeat("0", digits-len(frac))
	}
	up := frac[digits] >= '5'
	d := []byte(units + frac[:digits])
	for i := len(d) - 1; up && i >= 0; i-- {
		if d[i] == '9' {
			d[i] = '0'
			continue
		}
		d[i]++
		up = false
	}
	if up {
		d = append([]byte{'1'}, d...)
	}
	return string(d[:len(d)-digits]), string(d[len(d)-digits:])
}

// Percent writes share v (1 is all) as a whole percent, halves rounded
// away from zero as [Number] rounds them: 0.125 is "13%". NaN and
// infinities print as Missing. Percents need no separators below 1000,
// so it serves both languages.
func Percent(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Missing
	}
	// Shift the decimal point in the decimal that reads back as v, not
	// by multiplying: 100*0.145 is 14.499999999999998.
	return Number(assistant.English, shift2(v), 0) + "%"
}

// shift2 is 100*v, computed on v's shortest decimal.
func shift2(v float64) float64 {
	s := strconv.FormatFloat(v, 'e', -1, 64)
	mant, exp, _ := strings.Cut(s, "e")
	e, _ := strconv.Atoi(exp)
	r, _ := strconv.ParseFloat(mant+"e"+strconv.Itoa(e+2), 64)
	return r
}

// Count writes n with the noun that goes with it in lang: one for exactly
// 1, many otherwise ("1 rekening", "12 termijnen", "0 bills"), the number
// grouped the language's way ("1.250" in Dutch, "1,250" in English). Dutch
// and English both take the singular for 1 only.
func Count(lang assistant.Language, n int, one, many string) string {
	noun := many
	if n == 1 || n == -1 {
		noun = one
	}
	return Number(lang, float64(n), 0) + " " + noun
}

// Months writes a number of months in lang: "1 maand", "3 maanden",
// "1 month", "1,250 months".
func Months(lang assistant.Language, n int) string {
	if lang == assistant.Dutch {
		return Count(lang, n, "maand", "maanden")
	}
	return Count(lang, n, "month", "months")
}

// Bytes writes a size in lang the way an upload's limits are named: in
// whole MiB or KiB when it is some ("2 MiB"), else in bytes grouped the
// language's way ("1.600 bytes" in Dutch, "1,600 bytes" in English), so
// that a size is never rounded below a limit it exceeds.
func Bytes(lang assistant.Language, n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return Number(lang, float64(n>>20), 0) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return Number(lang, float64(n>>10), 0) + " KiB"
	case n == 1:
		return "1 byte"
	}
	return Number(lang, float64(n), 0) + " bytes"
}

func group(n int64, sep string) string {
	return groupDigits(strconv.FormatInt(n, 10), sep)
}

// groupDigits puts sep between each three digits of s from the right.
func groupDigits(s, sep string) string {
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// Date is a calendar date for the templates, which write it the way the
// customer's country does: Country "us" puts the month first.
type Date struct {
	Day, Month, Year int
	// Country is the jurisdiction (nl, uk, us) whose way of writing dates
	// applies.
	Country string
}

// DateOf returns t as a Date of country.
func DateOf(t time.Time, country string) Date {
	return Date{Day: t.Day(), Month: int(t.Month()), Year: t.Year(), Country: country}
}

// FormatDate writes d the way a customer of lang in d's country reads it:
// "18 december 2026" in Dutch, "18 December 2026" in British English,
// "December 18, 2026" in American English (CLDR's long date patterns).
func FormatDate(lang assistant.Language, d Date) string {
	s, err := Render(lang, "date", d)
	if err != nil {
		// "date" is defined for every language, which a test checks.
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	return s
}

// Payday is when money comes in, for the templates, which name it the way
// the customer gave it: a day of the month ("around day 25"), or a weekday
// of the month ("on the last Friday of the month"), which has no day.
type Payday struct {
	// Day is the day of the month, 1-31; 31 is the end of every month.
	Day int
	// Weekday ("monday"…"sunday", or "workday" for a working day) and Nth
	// (1-4, -1 for the last) are set instead of Day for a weekday of the
	// month.
	Weekday string
	Nth     int
}

// PaydayOf returns the payday a payday fact names.
func PaydayOf(f assistant.Fact) Payday {
	return Payday{Day: f.Day, Weekday: f.Weekday, Nth: f.Nth}
}
