package arrangement

import (
	"context"
	"fmt"

	"github.com/rooscoach/rooscoach/assistant"
)

// adviseLeadDays is how long after the call the first payment falls when the
// payday is not known: the customer gets the same 14 days a Dutch reminder
// must give.
const adviseLeadDays = 14

// ReadFacts extracts the facts of a call (see [Extract]). It implements
// [assistant.FactReader]; an unsupported lang is an EInvalid error.
func (e *Engine) ReadFacts(ctx context.Context, turns []assistant.Turn, lang assistant.Language) ([]assistant.Fact, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !lang.Valid() {
		return nil, assistant.UnsupportedLanguage(string(lang))
	}
	facts, err := Extract(turns, lang)
	if err != nil {
		return nil, err
	}
	if facts == nil {
		facts = []assistant.Fact{}
	}
	return facts, nil
}

// Advise plans options on the facts of a call, when they name an
// outstanding amount that can be read with certainty. It implements
// [assistant.Adviser]. The latest usable mention of each fact counts, since
// customers and agents correct themselves; of several outstanding amounts in
// one turn, the largest. The jurisdiction follows the currency of the
// outstanding amount (EUR nl, GBP uk, USD us); facts in another currency are
// left out. The first payment is on the next payday when the customer named
// one, otherwise 14 days from today. A call with vulnerability cues but no
// outstanding amount gets the flag and, where the country can be told (or
// for a crisis, always), the referral, without options.
func (e *Engine) Advise(ctx context.Context, facts []assistant.Fact, lang assistant.Language) (assistant.ArrangementAdvice, error) {
	if err := ctx.Err(); err != nil {
		return assistant.ArrangementAdvice{}, err
	}
	if !lang.Valid() {
		return assistant.ArrangementAdvice{}, assistant.UnsupportedLanguage(string(lang))
	}
	adv := assistant.ArrangementAdvice{Facts: facts, Options: []assistant.ArrangementOption{}}
	if adv.Facts == nil {
		adv.Facts = []assistant.Fact{}
	}

	latest := map[assistant.FactKind]assistant.Fact{}
	vulnerable, crisis := false, false
	for _, f := range facts {
		switch {
		case f.Kind == assistant.FactVulnerability:
			vulnerable = true
			crisis = crisis || f.Cue == assistant.DriverCrisis
		case f.Ambiguous:
		case f.Kind == assistant.FactOutstanding:
			// Within one turn the largest amount is the total: "€ 2.345,67
			// inclusief € 40 incassokosten".
			if prev, ok := latest[f.Kind]; ok && prev.TurnIndex == f.TurnIndex && prev.Amount.Amount >= f.Amount.Amount {
				continue
			}
			latest[f.Kind] = f
		case f.Kind == assistant.FactPayday || f.Amount != nil:
			latest[f.Kind] = f
		}
	}

	out, ok := latest[assistant.FactOutstanding]
	if !ok || out.Amount.Amount <= 0 || out.Amount.Amount > maxAmount {
		if vulnerable {
			adv.Flagged = true
			// A crisis line is given even where the country is unknown:
			// the template then names the lines of all three.
			if j := callJurisdiction(facts, lang); j != "" || crisis {
				c := checked{Request: Request{Jurisdiction: j, Debt: Debt{Currency: currencyOf[j]}}, lang: lang}
				reason := reasonVulnerable
				if crisis {
					reason = reasonCrisis
				}
				ref, err := c.referral(reason)
				if err != nil {
					return assistant.ArrangementAdvice{}, err
				}
				adv.Referral = &ref
			}
		}
		return adv, nil
	}

	cur := out.Amount.Currency
	req := Request{
		Debt:         Debt{Principal: out.Amount.Amount, Currency: cur},
		Jurisdiction: jurisdictionOf[cur],
		Language:     lang,
		Customer:     Customer{Vulnerable: vulnerable, Crisis: crisis},
	}
	amount := func(k assistant.FactKind) *int64 {
		if f, ok := latest[k]; ok && f.Amount.Currency == cur && f.Amount.Amount <= maxAmount {
			v := f.Amount.Amount
			return &v
		}
		return nil
	}
	req.Customer.StatedMonthly = amount(assistant.FactOffer)
	req.Customer.Income = amount(assistant.FactIncome)
	req.Customer.EssentialCosts = amount(assistant.FactCosts)
	today := e.now().UTC()
	if f, ok := latest[assistant.FactPayday]; ok {
		req.Customer.Payday = f.Day
		req.StartDate = today.AddDate(0, 0, 1).Format(dateLayout)
	} else {
		req.StartDate = today.AddDate(0, 0, adviseLeadDays).Format(dateLayout)
	}
	req.Today = today.Format(dateLayout)

	res, err := e.Plan(ctx, req)
	if err != nil {
		return assistant.ArrangementAdvice{}, fmt.Errorf("arrangement: advise on the call's figures: %w", err)
	}
	adv.Options, adv.Referral, adv.Flagged = res.Options, res.Referral, res.Flagged
	return adv, nil
}

// callJurisdiction guesses the jurisdiction of a call that names no usable
// outstanding amount: from the currency of any amount, else nl for a Dutch
// call. An English call without money stays unknown.
//
// lang must be valid.
func callJurisdiction(facts []assistant.Fact, lang assistant.Language) string {
	for _, f := range facts {
		if f.Amount != nil {
			if j, ok := jurisdictionOf[f.Amount.Currency]; ok {
				return j
			}
		}
	}
	if lang == assistant.Dutch {
		return Netherlands
	}
	return ""
}
