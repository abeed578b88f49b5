package arrangement

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/strictjson"
)

// NLMaxima are the maximum amounts of the Dutch beslagvrije voet per
// leefsituatie (art. 475da lid 1 Rv), per month in euro cents, in force from
// Effective. The Minister of SZW publishes new ones every 1 January and
// 1 July in the Staatscourant.
type NLMaxima struct {
	Effective          string `json:"effective"`
	Single             int64  `json:"single"`
	SingleParent       int64  `json:"single_parent"`
	Couple             int64  `json:"couple"`
	CoupleWithChildren int64  `json:"couple_with_children"`
	Source             string `json:"source"`
}

// Figures are the published amounts the engine plans with that change by
// date. rooscoach ships the ones it could verify (see
// docs/domain/arrangements.md); newer ones come from configuration
// (ROOSCOACH_FIGURES) and win over the shipped ones of the same date.
type Figures struct {
	NLMaxima []NLMaxima `json:"nl_protected_income_maxima"`
}

// shippedMaxima are the maxima confirmed by the sources named; see
// testdata/worked_examples.json. 2021-07 to 2022-07, 2023-07 and 2024-07
// were not found, and 2026 was not verified: the engine marks amounts from
// an older half-year as stale.
var shippedMaxima = []NLMaxima{
	{"2021-01-01", 166140, 177952, 219934, 231745, "VNG, 'Wijziging bedragen beslagvrije voet', https://vng.nl/nieuws/wijziging-bedragen-beslagvrije-voet"},
	{"2023-01-01", 187281, 201584, 247003, 250997, "rendement.nl and boec.nl, 'beslagvrije voet per 1 januari 2023'"},
	{"2024-01-01", 199621, 216260, 263149, 274709, "schuldinfo.nl, 'Hoogte beslagvrije voet'"},
	{"2025-01-01", 207124, 224224, 273903, 285596, "aag.nl, 'Beslagvrije voet per 1 januari 2025'"},
	{"2025-07-01", 209367, 226467, 277107, 288800, "fundamentvoor.nl, 'Bedragen beslagvrije voet omhoog per 1 juli 2025'; arslan.nl"},
}

// ShippedFigures returns the figures rooscoach ships with.
func ShippedFigures() Figures {
	return Figures{NLMaxima: slices.Clone(shippedMaxima)}
}

// LoadFigures reads figures as JSON ({"nl_protected_income_maxima": [...]})
// and adds them to the shipped ones; an entry with the date of a shipped
// one replaces it. Every amount is checked: a typo in a legal maximum would
// misjudge every Dutch customer.
func LoadFigures(data []byte) (Figures, error) {
	var in Figures
	if err := strictjson.Decode(data, &in); err != nil {
		return Figures{}, fmt.Errorf("figures: %w", err)
	}
	byDate := map[string]NLMaxima{}
	for _, m := range shippedMaxima {
		byDate[m.Effective] = m
	}
	for i, m := range in.NLMaxima {
		name := fmt.Sprintf("nl_protected_income_maxima[%d]", i)
		if _, err := time.Parse(dateLayout, m.Effective); err != nil {
			return Figures{}, invalid("figures: %s.effective must be a date as YYYY-MM-DD, not %q", name, m.Effective)
		}
		for _, v := range []int64{m.Single, m.SingleParent, m.Couple, m.CoupleWithChildren} {
			// Euro cents: anything outside € 500–€ 10.000 a month is a
			// slip of the decimal point, not a legal maximum.
			if v < 50_000 || v > 1_000_000 {
				return Figures{}, invalid("figures: %s holds %d, not a monthly maximum in euro cents (between 50000 and 1000000)", name, v)
			}
		}
		if m.Source == "" {
			return Figures{}, invalid("figures: %s.source is empty: name the Staatscourant notice the amounts come from", name)
		}
		byDate[m.Effective] = m
	}
	out := Figures{}
	for _, m := range byDate {
		out.NLMaxima = append(out.NLMaxima, m)
	}
	slices.SortFunc(out.NLMaxima, func(a, b NLMaxima) int { return strings.Compare(a.Effective, b.Effective) })
	return out, nil
}

// maximaOn returns the maxima in force on day, and whether a later
// half-year has begun since they took effect, so that newer ones should
// exist. ok is false before the first known table.
func (f Figures) maximaOn(day time.Time) (m NLMaxima, stale, ok bool) {
	d := day.Format(dateLayout)
	for _, e := range f.NLMaxima {
		if e.Effective <= d && (!ok || e.Effective > m.Effective) {
			m, ok = e, true
		}
	}
	if !ok {
		return NLMaxima{}, false, false
	}
	half := time.Date(day.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	if day.Month() >= time.July {
		half = half.AddDate(0, 6, 0)
	}
	return m, m.Effective < half.Format(dateLayout), true
}

func (m NLMaxima) of(situation string) int64 {
	switch situation {
	case householdSingle:
		return m.Single
	case householdSingleParent:
		return m.SingleParent
	case householdCouple:
		return m.Couple
	default:
		// couple-with-children, and unknown: the highest maximum keeps
		// the most with a customer whose household nobody asked about.
		return max(m.Single, m.SingleParent, m.Couple, m.CoupleWithChildren)
	}
}

// protectedIncome works out the Dutch beslagvrije voet of a net monthly
// income (holiday allowance included) for a household on day.
//
// The law leaves at least 5% of the income for the creditors, and never
// protects more than the maximum of the household's leefsituatie. For a low
// income it is exactly 95% of the income, for a high one exactly the
// maximum (uwbeslagvrijevoet.nl, "Uitleg rekenregels"). For a middle income
// the official rekentool adds a compensation for lost toeslagen whose
// parameters rooscoach does not hold; the lower of the two bounds is then at
// or above the legal amount, so the estimate errs on the customer's side,
// and the note says to use the figure on the customer's letter.
func protectedIncome(income int64, h *Household, given *int64, day time.Time, f Figures) assistant.ProtectedIncome {
	p := assistant.ProtectedIncome{Household: h.situation()}
	if given != nil {
		p.Amount.Amount, p.Basis = *given, "given"
		return p
	}
	// Rounded up to the cent: the customer's part is never understated.
	ninetyFive := (income*95 + 99) / 100
	m, stale, ok := f.maximaOn(day)
	if !ok {
		p.Amount.Amount, p.Basis = ninetyFive, "95-percent"
		return p
	}
	p.Effective, p.Stale = m.Effective, stale
	if limit := m.of(p.Household); limit < ninetyFive {
		p.Amount.Amount, p.Basis = limit, "maximum"
	} else {
		p.Amount.Amount, p.Basis = ninetyFive, "95-percent"
	}
	return p
}
