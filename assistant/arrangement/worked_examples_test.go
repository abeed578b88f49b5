package arrangement_test

// These tests check testdata/worked_examples.json against itself, against the
// rules it cites and against the engine's WIK scale, so that the examples the
// issue-20 implementation will assert are right before anyone relies on them.
// docs/domain/arrangements.md explains every figure and its source.

import (
	"encoding/json"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant/arrangement"
)

func loadExamples(t *testing.T, v any) {
	t.Helper()
	b, err := os.ReadFile("testdata/worked_examples.json")
	if err != nil {
		t.Fatalf("read worked examples: %v", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decode worked examples: %v", err)
	}
}

// Every labelled figure says how we know it, and only unverified ones may go
// without a source.
func TestWorkedExamplesCiteSources(t *testing.T) {
	var doc any
	loadExamples(t, &doc)
	labelled := 0
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case map[string]any:
			if st, ok := x["status"].(string); ok && path != "/about" {
				labelled++
				if !slices.Contains([]string{"published", "derived", "unverified"}, st) {
					t.Errorf("%s: status %q is not published, derived or unverified", path, st)
				}
				src, _ := x["sources"].([]any)
				if st != "unverified" && len(src) == 0 {
					t.Errorf("%s: %s figure without sources", path, st)
				}
				if st == "derived" && x["arithmetic"] == nil && x["rule"] == nil && x["shapes"] == nil && x["fixed_costs"] == nil {
					t.Errorf("%s: derived figure without its arithmetic", path)
				}
			}
			for k, e := range x {
				walk(path+"/"+k, e)
			}
		case []any:
			for _, e := range x {
				walk(path+"/[]", e)
			}
		}
	}
	walk("", doc)
	if labelled < 20 {
		t.Errorf("only %d labelled figures; the file lost sections", labelled)
	}
}

func TestWorkedExamplesBuffer(t *testing.T) {
	var doc struct {
		Buffer []struct {
			ID          string `json:"id"`
			Income      int64  `json:"income"`
			NetIncome   int64  `json:"net_income"`
			Essential   int64  `json:"essential_outgoings"`
			EssentialNL int64  `json:"essential_costs"`
			Savings     int64  `json:"savings_contribution"`
			Protected   int64  `json:"protected_income"`
			Spare       int64  `json:"spare"`
			Share       int64  `json:"share_percent"`
			Cap         int64  `json:"cap"`
			Step        int64  `json:"round_step"`
			RoundCap    int64  `json:"round_cap"`
			Proposed    *int64 `json:"proposed"`
			Risk        bool   `json:"risk"`
		} `json:"hmrc_half_of_disposable"`
	}
	loadExamples(t, &doc)
	if len(doc.Buffer) < 4 {
		t.Fatalf("%d buffer examples, want at least 4", len(doc.Buffer))
	}
	for _, e := range doc.Buffer {
		spare := e.Income - e.Essential - e.Savings
		if e.Protected > 0 { // nl: income must also leave the beslagvrije voet
			spare = e.NetIncome - max(e.EssentialNL, e.Protected)
		}
		if spare != e.Spare {
			t.Errorf("%s: spare = %d, computed %d", e.ID, e.Spare, spare)
		}
		if want := spare * e.Share / 100; e.Cap != want {
			t.Errorf("%s: cap = %d, want floor(%d x %d%%) = %d", e.ID, e.Cap, spare, e.Share, want)
		}
		if e.Step > 0 && e.RoundCap != e.Cap/e.Step*e.Step {
			t.Errorf("%s: round cap = %d, want %d", e.ID, e.RoundCap, e.Cap/e.Step*e.Step)
		}
		if e.Proposed != nil && e.Risk != (*e.Proposed > e.Cap) {
			t.Errorf("%s: risk = %v for proposal %d against cap %d", e.ID, e.Risk, *e.Proposed, e.Cap)
		}
	}
}

func TestWorkedExamplesRoundAmounts(t *testing.T) {
	var doc struct {
		Round struct {
			Examples []struct {
				ID                  string
				Total, Cap, Rounded int64
				Term                int64 `json:"term_months"`
				Exact               int64
				Payments, Last      int64
			}
		} `json:"round_amounts"`
	}
	loadExamples(t, &doc)
	for _, e := range doc.Round.Examples {
		if e.Total == 0 {
			if e.Rounded > e.Cap || e.Rounded%500 != 0 {
				t.Errorf("%s: %d is not a € 5 step at or below the cap %d", e.ID, e.Rounded, e.Cap)
			}
			continue
		}
		if want := (e.Total + e.Term - 1) / e.Term; e.Exact != want {
			t.Errorf("%s: exact = %d, want ceil(%d/%d) = %d", e.ID, e.Exact, e.Total, e.Term, want)
		}
		if e.Rounded > e.Cap || e.Rounded < e.Exact {
			t.Errorf("%s: rounded %d outside [exact %d, cap %d]", e.ID, e.Rounded, e.Exact, e.Cap)
		}
		if got := (e.Payments-1)*e.Rounded + e.Last; got != e.Total || e.Last <= 0 || e.Last > e.Rounded {
			t.Errorf("%s: %d payments of %d and a last of %d pay %d, want %d", e.ID, e.Payments-1, e.Rounded, e.Last, got, e.Total)
		}
		if e.Payments > e.Term {
			t.Errorf("%s: %d payments, over the %d-month term", e.ID, e.Payments, e.Term)
		}
	}
}

// The SFS toolkit's published example adds up except in the two places the
// fixture records; if either record is wrong, so is the note in the docs.
func TestWorkedExamplesSFS(t *testing.T) {
	var doc struct {
		SFS struct {
			Example struct {
				Income       map[string]int64        `json:"income"`
				Fixed        map[string]int64        `json:"fixed_costs"`
				Flexible     map[string]int64        `json:"flexible_costs"`
				Outgoings    int64                   `json:"total_outgoings"`
				Savings      int64                   `json:"savings_contribution"`
				Fee          int64                   `json:"debt_admin_fee"`
				Available    int64                   `json:"available_for_priority_debts"`
				Priority     []struct{ Offer int64 } `json:"priority_debts"`
				Inconsistent []struct {
					Field     string
					Printed   int64
					ByFormula int64 `json:"by_formula"`
					SumLines  int64 `json:"sum_of_lines"`
				} `json:"known_inconsistencies"`
			}
		}
	}
	loadExamples(t, &doc)
	e := doc.SFS.Example
	sum := func(m map[string]int64, skip string) (s int64) {
		for k, v := range m {
			if k != skip {
				s += v
			}
		}
		return s
	}
	if got := sum(e.Income, "total"); got != e.Income["total"] {
		t.Errorf("income lines add up to %d, total %d", got, e.Income["total"])
	}
	if got := sum(e.Flexible, "total"); got != e.Flexible["total"] {
		t.Errorf("flexible lines add up to %d, total %d", got, e.Flexible["total"])
	}
	if got := e.Fixed["printed_total"] + e.Flexible["total"]; got != e.Outgoings {
		t.Errorf("printed fixed + flexible = %d, total outgoings %d", got, e.Outgoings)
	}
	if got := e.Income["total"] - e.Outgoings - e.Savings - e.Fee; got != e.Available {
		t.Errorf("available for priority debts = %d, formula gives %d", e.Available, got)
	}
	var offers int64
	for _, p := range e.Priority {
		offers += p.Offer
	}
	if len(e.Inconsistent) != 2 {
		t.Fatalf("%d known inconsistencies, want 2", len(e.Inconsistent))
	}
	for _, k := range e.Inconsistent {
		switch k.Field {
		case "fixed_costs.printed_total":
			if lines := sum(e.Fixed, "printed_total"); lines != k.SumLines || lines == k.Printed {
				t.Errorf("fixed-cost lines add up to %d; fixture says %d against printed %d", lines, k.SumLines, k.Printed)
			}
		case "printed_available_for_non_priority_debts":
			if got := e.Available - offers; got != k.ByFormula || got == k.Printed {
				t.Errorf("available for non-priority debts by formula %d; fixture says %d against printed %d", got, k.ByFormula, k.Printed)
			}
		default:
			t.Errorf("unknown inconsistency %q", k.Field)
		}
	}
}

func TestWorkedExamplesProtectedIncome(t *testing.T) {
	var doc struct {
		NL struct {
			Max []struct {
				Effective      string `json:"effective"`
				Status         string `json:"status"`
				Alleenstaande  int64  `json:"alleenstaande"`
				Ouder          int64  `json:"alleenstaande_ouder"`
				ZonderKinderen int64  `json:"gehuwden_zonder_kinderen"`
				MetKinderen    int64  `json:"gehuwden_met_kinderen"`
			} `json:"max_amounts"`
			Examples []struct {
				ID, Effective, Household string
				Group                    string `json:"income_group"`
				Income                   int64  `json:"net_income_incl_vt"`
				Protected                int64  `json:"protected_income"`
				MinRepayment             int64  `json:"minimum_repayment"`
				Capacity                 int64  `json:"repayment_capacity"`
				NormIncl                 int64  `json:"norm_incl_vt"`
				NormExcl                 int64  `json:"norm_excl_vt"`
				VT                       int64  `json:"vt"`
				Protected95              int64  `json:"protected_income_95"`
				Tolerance                int64
			}
		} `json:"nl_beslagvrije_voet"`
	}
	loadExamples(t, &doc)
	table := map[string]map[string]int64{}
	var published []string
	for _, m := range doc.NL.Max {
		if m.Status != "published" {
			continue
		}
		published = append(published, m.Effective)
		table[m.Effective] = map[string]int64{"alleenstaande": m.Alleenstaande, "alleenstaande_ouder": m.Ouder,
			"gehuwden_zonder_kinderen": m.ZonderKinderen, "gehuwden_met_kinderen": m.MetKinderen}
	}
	// The maxima follow the norms, which have only gone up since 2021.
	slices.Sort(published)
	for i := 1; i < len(published); i++ {
		for h, v := range table[published[i]] {
			if prev := table[published[i-1]][h]; v <= prev {
				t.Errorf("maximum for %s fell from %d (%s) to %d (%s)", h, prev, published[i-1], v, published[i])
			}
		}
	}
	for _, e := range doc.NL.Examples {
		switch {
		case e.Group == "laag":
			if e.Protected != e.Income*95/100 || e.MinRepayment != e.Income-e.Protected || e.MinRepayment*20 < e.Income {
				t.Errorf("%s: 95%% of %d is not %d with %d repaid", e.ID, e.Income, e.Protected, e.MinRepayment)
			}
		case e.Group == "hoog":
			want, ok := table[e.Effective][e.Household]
			if !ok || e.Protected != want || e.Capacity != e.Income-want {
				t.Errorf("%s: protected %d, capacity %d; the %s maximum for %s is %d", e.ID, e.Protected, e.Capacity, e.Effective, e.Household, want)
			}
		case e.NormIncl > 0:
			half := (e.NormIncl*95 + 50) / 100 // half a cent up
			if e.NormExcl+e.VT != e.NormIncl || half != e.Protected95 || abs(half-e.NormExcl) > e.Tolerance {
				t.Errorf("%s: norm %d + vt %d vs %d; 95%% = %d (fixture %d)", e.ID, e.NormExcl, e.VT, e.NormIncl, half, e.Protected95)
			}
		default:
			t.Errorf("%s: no check for this example", e.ID)
		}
	}
}

func abs(v int64) int64 { return max(v, -v) }

// The small-claim examples agree with the statutory scale the engine uses.
func TestWorkedExamplesWIK(t *testing.T) {
	var doc struct {
		WIK struct {
			Examples []struct {
				ID         string
				Instalment int64
				Missed     int64
				Invoices   []int64
				Reminders  int64
				Costs      int64
			}
		} `json:"nl_wik_small_claims"`
	}
	loadExamples(t, &doc)
	for _, e := range doc.WIK.Examples {
		claims := e.Invoices
		for range e.Missed {
			claims = append(claims, e.Instalment)
		}
		var total int64
		for _, c := range claims {
			total += c
		}
		var costs int64
		switch e.Reminders {
		case 1: // one reminder: principals added, costs once
			costs = arrangement.WIK(total)
		case int64(len(claims)): // a reminder per claim
			for _, c := range claims {
				costs += arrangement.WIK(c)
			}
		default:
			t.Fatalf("%s: %d reminders for %d claims", e.ID, e.Reminders, len(claims))
		}
		if costs != e.Costs {
			t.Errorf("%s: costs %d, the scale gives %d", e.ID, e.Costs, costs)
		}
	}
}

type holiday struct {
	Name            string
	Date            string
	FederalObserved string  `json:"federal_observed"`
	BankClosed      *string `json:"bank_closed"`
}

type holidayDoc struct {
	Holidays struct {
		NL struct{ Years map[string][]holiday } `json:"nl"`
		UK struct {
			Years     map[string][]holiday
			Published struct{ Dates []string } `json:"published_substitute_days"`
		} `json:"uk-ew"`
		US struct {
			Years     map[string][]holiday
			Published map[string]any `json:"published_fed_statutory_dates"`
		} `json:"us"`
	}
	DueDates []struct {
		ID, Jurisdiction, Due, Moved string
	} `json:"due_date_examples"`
}

// easter is the anonymous Gregorian computus (Meeus/Jones/Butcher).
func easter(y int) time.Time {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	n := h + l - 7*m + 114
	return date(y, time.Month(n/31), n%31+1)
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// nth returns the nth weekday wd of the month; n = -1 is the last.
func nth(y int, m time.Month, wd time.Weekday, n int) time.Time {
	if n < 0 {
		last := date(y, m+1, 0)
		return last.AddDate(0, 0, -int((last.Weekday()-wd+7)%7))
	}
	first := date(y, m, 1)
	return first.AddDate(0, 0, int((wd-first.Weekday()+7)%7)+7*(n-1))
}

func weekend(d time.Time) bool { return d.Weekday() == time.Saturday || d.Weekday() == time.Sunday }

// The holiday tables follow from the rules cited in the docs, and agree with
// the dates the Federal Reserve and GOV.UK publish.
func TestWorkedExamplesHolidays(t *testing.T) {
	var doc holidayDoc
	loadExamples(t, &doc)
	for y := 2026; y <= 2028; y++ {
		key := strconv.Itoa(y)
		e := easter(y)
		kd := date(y, time.April, 27)
		if kd.Weekday() == time.Sunday {
			kd = kd.AddDate(0, 0, -1)
		}
		nl := []time.Time{date(y, 1, 1), e.AddDate(0, 0, -2), e.AddDate(0, 0, 1), kd, date(y, 5, 5),
			e.AddDate(0, 0, 39), e.AddDate(0, 0, 50), date(y, 12, 25), date(y, 12, 26)}
		compareDates(t, "nl "+key, doc.Holidays.NL.Years[key], nl)

		ny := date(y, 1, 1)
		for weekend(ny) {
			ny = ny.AddDate(0, 0, 1)
		}
		xmas, boxing := date(y, 12, 25), date(y, 12, 26)
		switch xmas.Weekday() {
		case time.Friday:
			boxing = date(y, 12, 28)
		case time.Saturday:
			xmas, boxing = date(y, 12, 27), date(y, 12, 28)
		case time.Sunday:
			xmas = date(y, 12, 27)
		}
		uk := []time.Time{ny, e.AddDate(0, 0, -2), e.AddDate(0, 0, 1), nth(y, 5, time.Monday, 1),
			nth(y, 5, time.Monday, -1), nth(y, 8, time.Monday, -1), xmas, boxing}
		compareDates(t, "uk "+key, doc.Holidays.UK.Years[key], uk)

		us := []time.Time{date(y, 1, 1), nth(y, 1, time.Monday, 3), nth(y, 2, time.Monday, 3), nth(y, 5, time.Monday, -1),
			date(y, 6, 19), date(y, 7, 4), nth(y, 9, time.Monday, 1), nth(y, 10, time.Monday, 2), date(y, 11, 11),
			nth(y, 11, time.Thursday, 4), date(y, 12, 25)}
		compareDates(t, "us "+key, doc.Holidays.US.Years[key], us)
		for _, h := range doc.Holidays.US.Years[key] {
			d, _ := time.Parse(time.DateOnly, h.Date)
			fed, bank := d, &h.Date
			switch d.Weekday() {
			case time.Saturday:
				fed, bank = d.AddDate(0, 0, -1), nil
			case time.Sunday:
				fed = d.AddDate(0, 0, 1)
				s := fed.Format(time.DateOnly)
				bank = &s
			}
			if h.FederalObserved != fed.Format(time.DateOnly) || (bank == nil) != (h.BankClosed == nil) ||
				(bank != nil && *bank != *h.BankClosed) {
				t.Errorf("us %s: observed %s / bank %v, want %s / %v", h.Name, h.FederalObserved, h.BankClosed, fed.Format(time.DateOnly), bank)
			}
		}
		if pub, ok := doc.Holidays.US.Published[key].([]any); ok {
			for i, p := range pub {
				if p != doc.Holidays.US.Years[key][i].Date {
					t.Errorf("us %s: %s, the Federal Reserve publishes %v", key, doc.Holidays.US.Years[key][i].Date, p)
				}
			}
		}
	}
	for _, p := range doc.Holidays.UK.Published.Dates {
		found := false
		for _, hs := range doc.Holidays.UK.Years {
			found = found || slices.ContainsFunc(hs, func(h holiday) bool { return h.Date == p })
		}
		if !found {
			t.Errorf("uk: published substitute day %s missing", p)
		}
	}
}

func compareDates(t *testing.T, what string, got []holiday, want []time.Time) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d holidays, the rules give %d", what, len(got), len(want))
		return
	}
	for i, h := range got {
		if w := want[i].Format(time.DateOnly); h.Date != w {
			t.Errorf("%s: %s on %s, the rule gives %s", what, h.Name, h.Date, w)
		}
	}
}

// A due date on a weekend or holiday moves forward to the next business day
// of the jurisdiction; in the US a bank holiday on a Saturday closes nothing.
func TestWorkedExamplesDueDates(t *testing.T) {
	var doc holidayDoc
	loadExamples(t, &doc)
	closed := map[string]map[string]bool{"nl": {}, "uk-ew": {}, "us": {}}
	for _, hs := range doc.Holidays.NL.Years {
		for _, h := range hs {
			closed["nl"][h.Date] = true
		}
	}
	for _, hs := range doc.Holidays.UK.Years {
		for _, h := range hs {
			closed["uk-ew"][h.Date] = true
		}
	}
	for _, hs := range doc.Holidays.US.Years {
		for _, h := range hs {
			if h.BankClosed != nil {
				closed["us"][*h.BankClosed] = true
			}
		}
	}
	if len(doc.DueDates) < 4 {
		t.Fatalf("%d due-date examples, want at least 4", len(doc.DueDates))
	}
	for _, e := range doc.DueDates {
		d, err := time.Parse(time.DateOnly, e.Due)
		if err != nil {
			t.Fatalf("%s: %v", e.ID, err)
		}
		for weekend(d) || closed[e.Jurisdiction][d.Format(time.DateOnly)] {
			d = d.AddDate(0, 0, 1)
		}
		if got := d.Format(time.DateOnly); got != e.Moved {
			t.Errorf("%s: due %s moves to %s, fixture says %s", e.ID, e.Due, got, e.Moved)
		}
	}
}
