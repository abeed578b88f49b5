package arrangement

import (
	"context"
	"fmt"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// adviseLeadDays is how long after the call the first payment falls when the
// payday is not known: the customer gets the same 14 days a Dutch reminder
// must give.
const adviseLeadDays = 14

// ReadFacts extracts the facts of a call (see [Extract]), dating an agreed
// first payment from the engine's clock. It implements
// [assistant.FactReader]; an unsupported lang is an EInvalid error.
func (e *Engine) ReadFacts(ctx context.Context, turns []assistant.Turn, lang assistant.Language) ([]assistant.Fact, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !lang.Valid() {
		return nil, assistant.UnsupportedLanguage(string(lang))
	}
	facts, err := Extract(turns, lang, e.now().UTC())
	if err != nil {
		return nil, err
	}
	if facts == nil {
		facts = []assistant.Fact{}
	}
	return facts, nil
}

// Policies is the choice of creditor policies for one call: the policy
// chosen for the call or its team, and the stored defaults per
// jurisdiction. Which one applies depends on the jurisdiction, which only
// the call's figures tell.
type Policies struct {
	// Chosen is the call's or its team's policy; Source says which
	// (assistant.PolicyFromCall or assistant.PolicyFromTeam).
	Chosen *assistant.CreditorPolicy
	Source string
	// Defaults are the stored default policies, at most one per
	// jurisdiction.
	Defaults []assistant.CreditorPolicy
	// Unread says the stored policies could not be read (the database was
	// down): rooscoach's own defaults apply, and the record says so.
	Unread bool
}

// PolicyNoteText is the data of the arrangement.policy-note template: a
// chosen policy was for another jurisdiction than the call's, or the stored
// policies could not be read.
type PolicyNoteText struct {
	ID, Jurisdiction, CallJurisdiction string
	Unread                             bool
}

// resolve returns the policy for a call in jurisdiction j: the chosen one
// when it is for j, else j's stored default, else rooscoach's own.
func (p Policies) resolve(j string, lang assistant.Language) (assistant.AppliedPolicy, error) {
	out := assistant.AppliedPolicy{Jurisdiction: j}
	if c := p.Chosen; c != nil {
		if c.Jurisdiction == j {
			out.ID, out.Name, out.Source, out.Terms = c.ID, c.Name, p.Source, withDefaults(c.ArrangementPolicy, j)
			return out, nil
		}
		note, err := prompts.Render(lang, "arrangement.policy-note", PolicyNoteText{ID: c.ID, Jurisdiction: c.Jurisdiction, CallJurisdiction: j})
		if err != nil {
			return out, fmt.Errorf("arrangement: %w", err)
		}
		out.Note = note
	}
	for _, d := range p.Defaults {
		if d.Jurisdiction == j {
			out.ID, out.Name, out.Source, out.Terms = d.ID, d.Name, assistant.PolicyFromDefault, withDefaults(d.ArrangementPolicy, j)
			return out, nil
		}
	}
	out.Source, out.Terms = assistant.PolicyFromBuiltin, DefaultPolicy(j)
	if p.Unread {
		note, err := prompts.Render(lang, "arrangement.policy-note", PolicyNoteText{Unread: true, CallJurisdiction: j})
		if err != nil {
			return out, fmt.Errorf("arrangement: %w", err)
		}
		out.Note = note
	}
	return out, nil
}

// adviser is an Engine bound to the policies of one call.
type adviser struct {
	e *Engine
	p Policies
}

// WithPolicies returns an adviser that plans under the creditor policies p
// (see [Policies]) instead of rooscoach's defaults.
func (e *Engine) WithPolicies(p Policies) assistant.Adviser { return adviser{e, p} }

// Advise implements [assistant.Adviser].
func (a adviser) Advise(ctx context.Context, facts []assistant.Fact, lang assistant.Language, jurisdiction string) (assistant.ArrangementAdvice, error) {
	return a.e.advise(ctx, facts, lang, jurisdiction, a.p)
}

// Advise plans options on the facts of a call under rooscoach's default
// policies; see [Engine.WithPolicies] for a creditor's own. It implements
// [assistant.Adviser].
//
// It plans when the facts name an outstanding amount that can be read with
// certainty. The latest usable mention of each fact counts, since customers
// and agents correct themselves; of several outstanding amounts in one turn,
// the largest. Costs named by budget category add up to the essential
// costs, unless a total named as such is larger. The jurisdiction follows
// the currency of the outstanding amount (EUR nl, GBP uk, USD us); facts in
// another currency are left out. The first payment is on the next payday
// when the customer named one, otherwise 14 days from today. The agreed
// arrangement, when the call has one, is compared with the figures, the
// policy and the options. A call with vulnerability cues but no outstanding
// amount gets the flag and the referral, without options: for the
// jurisdiction named for the call (by the request, its team or the
// installation; "" for none), else the one its money or its language tells,
// else with the help of every country rooscoach knows.
func (e *Engine) Advise(ctx context.Context, facts []assistant.Fact, lang assistant.Language, jurisdiction string) (assistant.ArrangementAdvice, error) {
	return e.advise(ctx, facts, lang, jurisdiction, Policies{})
}

func (e *Engine) advise(ctx context.Context, facts []assistant.Fact, lang assistant.Language, given string, pols Policies) (assistant.ArrangementAdvice, error) {
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
	categories := map[assistant.BudgetCategory]assistant.Fact{}
	agreedAt, referredAt := -1, -1
	vulnerable, crisis := false, false
	for i, f := range facts {
		switch {
		case f.Kind == assistant.FactAgreed && f.Amount == nil:
			referredAt = i
		case f.Kind == assistant.FactVulnerability:
			vulnerable = true
			crisis = crisis || f.Cue == assistant.DriverCrisis
		case f.Ambiguous:
		case f.Kind == assistant.FactAgreed:
			if f.Amount != nil {
				agreedAt = i
			}
		case f.Kind == assistant.FactOutstanding:
			// Within one turn the largest amount is the total: "€ 2.345,67
			// inclusief € 40 incassokosten".
			if prev, ok := latest[f.Kind]; ok && prev.TurnIndex == f.TurnIndex && prev.Amount.Amount >= f.Amount.Amount {
				continue
			}
			latest[f.Kind] = f
		case f.Kind == assistant.FactCosts && f.Category != "" && f.Amount != nil:
			categories[f.Category] = f
		case f.Kind == assistant.FactPayday || f.Amount != nil:
			latest[f.Kind] = f
		}
	}

	out, ok := latest[assistant.FactOutstanding]
	if !ok || out.Amount.Amount <= 0 || out.Amount.Amount > maxAmount {
		if vulnerable {
			// Help is offered even where the country is unknown: the
			// templates then name the help, or the crisis lines, of all
			// three.
			j := callJurisdiction(facts, lang, given)
			c := checked{Request: Request{Jurisdiction: j, Debt: Debt{Currency: currencyOf[j]}}, lang: lang}
			reason := reasonVulnerable
			if crisis {
				reason = reasonCrisis
			}
			ref, err := c.referral(reason)
			if err != nil {
				return assistant.ArrangementAdvice{}, err
			}
			adv.Referral, adv.Flagged = &ref, true
		}
		if agreedAt >= 0 {
			check, err := agreementWithoutDebt(agreedAt, facts, lang)
			if err != nil {
				return assistant.ArrangementAdvice{}, err
			}
			adv.Agreement = &check
			if check.Imposed || check.Promise && !check.Affordable {
				adv.Flagged = true
			}
		}
		return adv, referralOutcome(&adv, referredAt, lang)
	}

	cur := out.Amount.Currency
	j := jurisdictionOf[cur]
	applied, err := pols.resolve(j, lang)
	if err != nil {
		return assistant.ArrangementAdvice{}, err
	}
	terms := applied.Terms
	req := Request{
		Debt:         Debt{Principal: out.Amount.Amount, Currency: cur},
		Jurisdiction: j,
		Language:     lang,
		Policy:       &terms,
		Customer:     Customer{Vulnerable: vulnerable, Crisis: crisis},
	}
	amount := func(f assistant.Fact, ok bool) *int64 {
		if ok && f.Amount != nil && f.Amount.Currency == cur && f.Amount.Amount <= maxAmount {
			v := f.Amount.Amount
			return &v
		}
		return nil
	}
	at := func(k assistant.FactKind) *int64 { f, ok := latest[k]; return amount(f, ok) }
	req.Customer.StatedMonthly = at(assistant.FactOffer)
	income, total := at(assistant.FactIncome), at(assistant.FactCosts)
	var b Budget
	var parts int64
	named := false
	for _, c := range assistant.BudgetCategories {
		if v := amount(categories[c], categories[c].Amount != nil); v != nil {
			b.set(c, *v)
			parts += *v
			named = true
		}
	}
	switch {
	case named && income != nil && total == nil:
		b.Income = *income
		req.Customer.Budget = &b
	case named:
		req.Customer.Income = income
		v := parts
		if total != nil {
			v = max(v, *total)
		}
		req.Customer.EssentialCosts = &v
	default:
		req.Customer.Income, req.Customer.EssentialCosts = income, total
	}

	today := e.now().UTC()
	if f, ok := latest[assistant.FactPayday]; ok {
		req.Customer.Payday, req.Customer.PaydayWeekday, req.Customer.PaydayWeek = f.Day, f.Weekday, f.Nth
		req.StartDate = today.AddDate(0, 0, 1).Format(dateLayout)
	} else {
		req.StartDate = today.AddDate(0, 0, adviseLeadDays).Format(dateLayout)
	}
	req.Today = today.Format(dateLayout)

	if err := ctx.Err(); err != nil {
		return assistant.ArrangementAdvice{}, err
	}
	c, err := validate(req, today, e.figures)
	if err != nil {
		return assistant.ArrangementAdvice{}, fmt.Errorf("arrangement: advise on the call's figures: %w", err)
	}
	res, err := c.plan()
	if err != nil {
		return assistant.ArrangementAdvice{}, fmt.Errorf("arrangement: advise on the call's figures: %w", err)
	}
	adv.Options, adv.Referral, adv.Flagged = res.Options, res.Referral, res.Flagged
	adv.Policy = &applied
	assessment := res.Assessment
	adv.Assessment = &assessment
	if agreedAt >= 0 && facts[agreedAt].Amount.Currency == cur {
		check, err := c.compare(agreedAt, facts, res.Options)
		if err != nil {
			return assistant.ArrangementAdvice{}, err
		}
		adv.Agreement = &check
		// An arrangement the customer said yes to, but cannot keep or the
		// creditor does not allow, is for a trainer to see; so is one the
		// agent imposed, even when the customer went quiet.
		if check.Promise && (!check.Affordable || !check.WithinPolicy) || check.Imposed {
			adv.Flagged = true
		}
	}
	return adv, referralOutcome(&adv, referredAt, lang)
}

// referralOutcome makes the agent's referral to debt help, adv.Facts[at],
// the call's outcome when nothing was agreed to pay: going to debt help is
// a next step settled, not "no agreement". at < 0 is no referral.
func referralOutcome(adv *assistant.ArrangementAdvice, at int, lang assistant.Language) error {
	if at < 0 || adv.Agreement != nil {
		return nil
	}
	f := adv.Facts[at]
	ch := assistant.AgreementCheck{Outcome: assistant.OutcomeReferral, Fact: at, Promise: f.Promise,
		Affordable: true, WithinPolicy: true}
	codes := []string{"referred"}
	if !f.Promise {
		codes = append(codes, "no-promise")
	}
	for _, code := range codes {
		text, err := prompts.Render(lang, "arrangement.agreement", AgreementText{Code: code, Help: f.Text})
		if err != nil {
			return fmt.Errorf("arrangement: agreement %s: %w", code, err)
		}
		ch.Findings = append(ch.Findings, assistant.AgreementFinding{Code: code, Text: text})
	}
	adv.Agreement = &ch
	return nil
}

// AgreementText is the data of the arrangement.agreement template.
type AgreementText struct {
	Code            string
	Monthly, Stated assistant.Money
	Spare, Cap      assistant.Money
	Share           int
	MinInstalment   assistant.Money
	MaxTerm, Months int
	Rank            int
	// Help names the debt help of a referral ("referred").
	Help string
}

// compare checks the agreed arrangement facts[at] against what the customer
// said they can pay, what they have left, the policy and the options.
func (c *checked) compare(at int, facts []assistant.Fact, options []assistant.ArrangementOption) (assistant.AgreementCheck, error) {
	f := facts[at]
	p := c.policy
	m := monthly(f.Amount.Amount, periodOfFrequency(f.Frequency))
	if f.Frequency == assistant.Once {
		m = f.Amount.Amount
	}
	ch := assistant.AgreementCheck{
		Outcome: assistant.OutcomeArrangement, Fact: at, Amount: *f.Amount, Frequency: f.Frequency, Monthly: c.money(m), FirstDue: f.Date,
		Promise: f.Promise, Affordable: true, WithinPolicy: true,
	}
	t := AgreementText{Monthly: ch.Monthly, Spare: c.money(c.spare), Cap: c.money(c.cap), Share: p.SpareSharePercent,
		MinInstalment: c.money(p.MinInstalment), MaxTerm: p.MaxTermMonths}
	var codes []string
	if f.Frequency != assistant.Once && m > 0 {
		ch.Months = int(min(ceilDiv(c.total, m), 1<<30))
		t.Months = ch.Months
		var proposed bool
		codes, proposed = againstStated(&ch, &t, facts, m, c.Customer.StatedMonthly)
		switch {
		case c.spareKnown && m > c.spare:
			codes = append(codes, "above-spare")
			ch.Affordable = false
		case c.spareKnown && m > c.cap && proposed:
			codes = append(codes, "customer-proposed")
			ch.Risk = true
		case c.spareKnown && m > c.cap:
			codes = append(codes, "above-cap")
			ch.Risk = true
		}
		if m < p.MinInstalment && m < c.total {
			codes = append(codes, "below-minimum")
			ch.WithinPolicy = false
		}
		if ch.Months > p.MaxTermMonths {
			codes = append(codes, "too-long")
			ch.WithinPolicy = false
		}
	}
	for i, o := range options {
		if sameArrangement(f, o) {
			ch.MatchesOption = i + 1
			break
		}
	}
	if ch.MatchesOption > 0 {
		t.Rank = ch.MatchesOption
		codes = append(codes, "matches")
	} else {
		codes = append(codes, "no-match")
	}
	if !f.Promise {
		codes = append(codes, "no-promise")
	}
	return ch, findings(&ch, c.lang, codes, t)
}

// againstStated compares the agreed monthly amount m, in the currency of
// ch, with stated, what the customer said they can pay (nil when they did
// not say), and reports whether m is the customer's own amount.
func againstStated(ch *assistant.AgreementCheck, t *AgreementText, facts []assistant.Fact, m int64, stated *int64) (codes []string, proposed bool) {
	// The customer's own words come first: an amount they named
	// themselves is theirs to carry, even above the share.
	for _, o := range facts {
		if o.Kind == assistant.FactOffer && !o.Ambiguous && o.Amount != nil && o.Amount.Currency == ch.Amount.Currency && o.Amount.Amount == m {
			proposed = true
		}
	}
	if stated != nil && m > *stated {
		t.Stated = assistant.Money{Amount: *stated, Currency: ch.Amount.Currency}
		codes = append(codes, "above-stated")
		ch.Affordable = false
		// Above what the customer said and not their own amount: the
		// agent set the terms instead of asking what is realistic,
		// whatever the customer then said ("ok", nothing, or no).
		if !proposed {
			codes = append(codes, "imposed")
			ch.Imposed = true
		}
	}
	return codes, proposed
}

// findings words codes for ch in lang.
func findings(ch *assistant.AgreementCheck, lang assistant.Language, codes []string, t AgreementText) error {
	ch.Findings = make([]assistant.AgreementFinding, 0, len(codes))
	for _, code := range codes {
		t.Code = code
		text, err := prompts.Render(lang, "arrangement.agreement", t)
		if err != nil {
			return fmt.Errorf("arrangement: agreement %s: %w", code, err)
		}
		ch.Findings = append(ch.Findings, assistant.AgreementFinding{Code: code, Text: text})
	}
	return nil
}

// agreementWithoutDebt compares the agreed arrangement facts[at] of a call
// that names no usable outstanding amount with what the customer said they
// can pay: what was agreed is still there for a trainer, and an amount the
// agent imposed still shows. Without the debt there is no policy to check
// or option to match, which the finding no-debt says.
func agreementWithoutDebt(at int, facts []assistant.Fact, lang assistant.Language) (assistant.AgreementCheck, error) {
	f := facts[at]
	m := f.Amount.Amount
	if f.Frequency != assistant.Once {
		m = monthly(m, periodOfFrequency(f.Frequency))
	}
	ch := assistant.AgreementCheck{
		Outcome: assistant.OutcomeArrangement, Fact: at, Amount: *f.Amount, Frequency: f.Frequency,
		Monthly: assistant.Money{Amount: m, Currency: f.Amount.Currency}, FirstDue: f.Date,
		Promise: f.Promise, Affordable: true, WithinPolicy: true,
	}
	t := AgreementText{Monthly: ch.Monthly}
	var stated *int64
	for _, o := range facts {
		if o.Kind == assistant.FactOffer && !o.Ambiguous && o.Amount != nil && o.Amount.Currency == f.Amount.Currency && o.Amount.Amount <= maxAmount {
			v := o.Amount.Amount
			stated = &v
		}
	}
	var codes []string
	if f.Frequency != assistant.Once {
		codes, _ = againstStated(&ch, &t, facts, m, stated)
	}
	codes = append(codes, "no-debt")
	if !f.Promise {
		codes = append(codes, "no-promise")
	}
	return ch, findings(&ch, lang, codes, t)
}

// matchSlackDays is how far the agreed first payment may lie from an
// option's and still be that option: agents take the money a day or two
// after the payday the option is planned on ("taken on the 4th" for money
// in on the 3rd), or on the business day a holiday moves it to. A first
// payment weeks or months later is another arrangement.
const matchSlackDays = 7

// sameArrangement reports whether the agreed fact f is option o: the same
// amount per payment, paid as often, from the same first date (give or
// take matchSlackDays) when the call names one. The options are paid
// monthly, so a weekly amount is never one of them, even when it adds up
// to the same per month; a single payment is an option of one payment.
func sameArrangement(f assistant.Fact, o assistant.ArrangementOption) bool {
	if len(o.Schedule) == 0 || o.Monthly.Currency != f.Amount.Currency {
		return false
	}
	switch f.Frequency {
	case assistant.Monthly:
		if o.Monthly.Amount != f.Amount.Amount {
			return false
		}
	case assistant.Once:
		if len(o.Schedule) != 1 || o.Schedule[0].Amount != *f.Amount {
			return false
		}
	default:
		return false
	}
	if f.Date == "" {
		return true
	}
	agreed, err1 := time.Parse(dateLayout, f.Date)
	due, err2 := time.Parse(dateLayout, o.Schedule[0].Due)
	if err1 != nil || err2 != nil {
		return false
	}
	days := agreed.Sub(due).Hours() / 24
	return days >= -matchSlackDays && days <= matchSlackDays
}

// callJurisdiction is the jurisdiction of a call that names no usable
// outstanding amount, in the order the compliance checks take it: the one
// named for the call (given), when rooscoach has its referral; else the
// currency of any amount; else nl for a Dutch call. An English call
// without money and without a name stays unknown ("").
//
// lang must be valid.
func callJurisdiction(facts []assistant.Fact, lang assistant.Language, given string) string {
	if _, ok := currencyOf[given]; ok {
		return given
	}
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
