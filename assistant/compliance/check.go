package compliance

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/arrangement"
	"github.com/rooscoach/rooscoach/prompts"
)

// Checker checks calls against the loaded rule packs. It is safe for
// concurrent use: after Load nothing in it changes.
type Checker struct {
	byJurisdiction map[string][]*rule
	byID           map[string]*rule
	def            string
}

var _ assistant.ComplianceChecker = (*Checker)(nil)

// Default returns the installation's default jurisdiction, or "".
func (c *Checker) Default() string { return c.def }

// ReasonText is the data of the compliance.* templates of package prompts,
// which word the reasons of a record in the call's language.
type ReasonText struct {
	// Turn and Quote point at the words concerned.
	Turn  int
	Quote string
	// Missing names what was not said; Within is the number of agent turns
	// it had to be said in (0: anywhere); AfterTurn is the turn it had to
	// follow, -1 for none.
	Missing   []string
	Within    int
	AfterTurn int
	// Local, Zone, Earliest and Latest describe a call's local time.
	Local, Zone, Earliest, Latest string
	// Count, Calls and Days describe the calls of an account; Since is the
	// date of an earlier conversation.
	Count, Calls, Days int
	Since              string
	// Stated, Principal and Allowed are the statutory costs check's amounts.
	Stated, Principal, Allowed assistant.Money
	VAT                        bool
	// Jurisdiction and Currency explain where the jurisdiction came from.
	Jurisdiction, Currency string
}

func reason(lang assistant.Language, name string, data ReasonText) string {
	return prompts.MustRender(lang, "compliance."+name, data)
}

// CheckCompliance checks the call in against the rules of its jurisdiction
// and the rules for all. Rules that count over the account's stored calls
// (first contact, call frequency) come back not applicable; CheckAccount
// checks them with the account's history.
func (c *Checker) CheckCompliance(ctx context.Context, in assistant.ComplianceInput) (assistant.Compliance, error) {
	lang := in.Language
	if !lang.Valid() {
		return assistant.Compliance{}, assistant.UnsupportedLanguage(string(lang))
	}
	out, err := c.resolve(in)
	if err != nil {
		return assistant.Compliance{}, err
	}
	cl := prepare(in)
	for _, r := range c.rules(out.Jurisdiction) {
		if err := ctx.Err(); err != nil {
			return assistant.Compliance{}, fmt.Errorf("check compliance: %w", err)
		}
		rc, applied := c.check(r, cl, nil)
		out.Rules = append(out.Rules, rc)
		out.Flagged = out.Flagged || (applied && r.Flag)
	}
	out.Tally()
	return out, nil
}

// rules returns the rules for all, then those of jurisdiction j.
func (c *Checker) rules(j string) []*rule {
	out := append([]*rule(nil), c.byJurisdiction[All]...)
	if j != "" && j != All {
		out = append(out, c.byJurisdiction[j]...)
	}
	return out
}

// resolve decides the jurisdiction of the call and why: the request's,
// else the default of the call's team, else the installation's default,
// else the currency of the call's money, else the
// language (Dutch is nl; English is spoken in uk and us alike, so an English
// call that names no currency is checked against the rules for all only).
func (c *Checker) resolve(in assistant.ComplianceInput) (assistant.Compliance, error) {
	lang := in.Language
	out := assistant.Compliance{Rules: []assistant.RuleCheck{}}
	j, err := assistant.ParseJurisdiction(in.Jurisdiction)
	if err != nil {
		return out, err
	}
	if j != "" {
		if j == All || len(c.byJurisdiction[j]) == 0 {
			return out, assistant.Errorf(assistant.EInvalid, "jurisdiction %q has no rule pack; rooscoach has packs for %s. Leave it out to infer it from the call.", in.Jurisdiction, strings.Join(c.Jurisdictions(), ", "))
		}
		out.Jurisdiction = j
		out.JurisdictionReason = reason(lang, "jurisdiction.given", ReasonText{Jurisdiction: j})
		return out, nil
	}
	// A team's default was checked against the packs when it was set; a
	// pack removed since then is no reason to refuse the team's calls, so
	// such a default is passed over.
	if tj := in.TeamJurisdiction; tj != "" && tj != All && len(c.byJurisdiction[tj]) > 0 {
		out.Jurisdiction = tj
		out.JurisdictionReason = reason(lang, "jurisdiction.team", ReasonText{Jurisdiction: tj})
		return out, nil
	}
	if c.def != "" {
		out.Jurisdiction = c.def
		out.JurisdictionReason = reason(lang, "jurisdiction.default", ReasonText{Jurisdiction: c.def})
		return out, nil
	}
	for _, f := range in.Facts {
		if f.Amount == nil {
			continue
		}
		if j := arrangement.JurisdictionOfCurrency(f.Amount.Currency); j != "" && len(c.byJurisdiction[j]) > 0 {
			out.Jurisdiction = j
			out.JurisdictionReason = reason(lang, "jurisdiction.currency", ReasonText{Jurisdiction: j, Currency: f.Amount.Currency, Turn: f.TurnIndex, Quote: f.Text})
			return out, nil
		}
	}
	if lang == assistant.Dutch && len(c.byJurisdiction["nl"]) > 0 {
		out.Jurisdiction = "nl"
		out.JurisdictionReason = reason(lang, "jurisdiction.language", ReasonText{Jurisdiction: "nl"})
		return out, nil
	}
	out.JurisdictionReason = reason(lang, "jurisdiction.none", ReasonText{})
	return out, nil
}

// check checks rule r against the call. h is the account's history, nil
// when unknown. applied reports whether the rule came into play, for rules
// that flag the call.
func (c *Checker) check(r *rule, cl *call, h *assistant.AccountHistory) (rc assistant.RuleCheck, applied bool) {
	lang := cl.lang
	rc = assistant.RuleCheck{
		RuleID: r.ID, Pack: r.pack, Title: r.Title.in(lang), Law: r.Law, Article: r.Article,
		Severity: assistant.Severity(r.Severity),
	}
	na := func(name string, data ReasonText) (assistant.RuleCheck, bool) {
		rc.Status, rc.Reason = assistant.RuleNotApplicable, reason(lang, name, data)
		return rc, false
	}
	broken := func() {
		rc.Status = assistant.RuleBroken
		rc.SayInstead = r.SayInstead.in(lang)
	}

	switch r.Check {
	case CheckCallingHours:
		return c.checkHours(r, cl, rc)
	case CheckCallFrequency:
		return c.checkFrequency(r, cl, rc, h)
	case CheckStatutoryCosts:
		return c.checkCosts(r, cl, rc)
	}

	for i := range cl.turns {
		if s, ok := r.Unless.first(&cl.turns[i]); ok {
			q := cl.turns[i].quote(s)
			return na("na.unless", ReasonText{Turn: q.TurnIndex, Quote: q.Text})
		}
	}

	// from is the first turn the rule looks at for what is (not) said.
	from := 0
	if w := r.When; w != nil {
		switch {
		case w.FirstContact && h == nil:
			return na("na.history", ReasonText{})
		case w.FirstContact && h.Earlier > 0:
			return na("na.first-contact", ReasonText{Count: h.Earlier})
		case !w.FirstContact:
			trig, agent := trigger(w, cl)
			if trig == nil {
				return na("na.trigger", ReasonText{})
			}
			rc.Trigger = trig
			from = trig.TurnIndex + 1
			if agent {
				from = trig.TurnIndex
			}
		}
	}
	applied = true
	if r.Scope == ScopeCall {
		from = 0
	}
	var agentTurns []*turnText
	for i := range cl.turns {
		if cl.turns[i].turn.Speaker == assistant.Agent && i >= from {
			agentTurns = append(agentTurns, &cl.turns[i])
		}
	}

	for _, t := range agentTurns {
		for _, s := range r.MustNotSay.find(t) {
			rc.Breaches = append(rc.Breaches, t.quote(s))
		}
	}
	window := agentTurns
	if r.Within > 0 && len(window) > r.Within {
		window = window[:r.Within]
	}
	for _, g := range r.MustSay {
		found := false
		for _, t := range window {
			if s, ok := g.phrases.first(t); ok {
				rc.Said = append(rc.Said, t.quote(s))
				found = true
				break
			}
		}
		if !found {
			rc.Missing = append(rc.Missing, g.About.in(lang))
		}
	}

	data := ReasonText{Missing: rc.Missing, Within: r.Within, AfterTurn: -1}
	if rc.Trigger != nil && r.Scope != ScopeCall {
		data.AfterTurn = rc.Trigger.TurnIndex
	}
	if len(rc.Breaches) > 0 {
		data.Turn, data.Quote = rc.Breaches[0].TurnIndex, rc.Breaches[0].Text
	}
	if len(rc.Breaches) > 0 || len(rc.Missing) > 0 {
		broken()
		rc.Reason = reason(lang, "broken", data)
		return rc, true
	}
	rc.Status = assistant.RuleKept
	if len(rc.Said) > 0 {
		data.Turn, data.Quote = rc.Said[0].TurnIndex, rc.Said[0].Text
	}
	rc.Reason = reason(lang, "kept", data)
	return rc, true
}

// trigger returns the first words that bring w into play, and whether the
// agent said them.
func trigger(w *when, cl *call) (*assistant.Quote, bool) {
	for i := range cl.turns {
		t := &cl.turns[i]
		switch t.turn.Speaker {
		case assistant.Customer:
			if s, ok := w.CustomerSays.first(t); ok {
				q := t.quote(s)
				return &q, false
			}
			for _, sig := range t.signals {
				if w.Vulnerability == VulnerabilityAny ||
					(w.Vulnerability == VulnerabilityCrisis && sig.Crisis()) ||
					(w.Vulnerability == VulnerabilityDistress && sig.Distress) {
					return &assistant.Quote{TurnIndex: t.turn.Index, Speaker: t.turn.Speaker, Text: sig.Text, Start: sig.Start, End: sig.End}, false
				}
			}
		case assistant.Agent:
			if s, ok := w.AgentSays.first(t); ok {
				q := t.quote(s)
				return &q, true
			}
		}
	}
	return nil, false
}

// checkHours checks that the call took place within calling hours in the
// customer's local time.
func (c *Checker) checkHours(r *rule, cl *call, rc assistant.RuleCheck) (assistant.RuleCheck, bool) {
	lang, p := cl.lang, r.Params
	data := ReasonText{Earliest: p.Earliest, Latest: p.Latest, Zone: cl.in.TimeZone}
	if cl.in.OccurredAt.IsZero() {
		rc.Status, rc.Reason = assistant.RuleNotApplicable, reason(lang, "na.time", data)
		return rc, false
	}
	loc, err := assistant.CheckTimeZone("time_zone", cl.in.TimeZone)
	if err != nil || loc == nil {
		rc.Status, rc.Reason = assistant.RuleNotApplicable, reason(lang, "na.zone", data)
		return rc, false
	}
	local := cl.in.OccurredAt.In(loc)
	data.Local = local.Format("15:04")
	// Seconds count: 21:00:30 is after 9 p.m.
	secs := local.Hour()*3600 + local.Minute()*60 + local.Second()
	if secs < p.earliest*60 || secs > p.latest*60 {
		rc.Status, rc.SayInstead = assistant.RuleBroken, r.SayInstead.in(lang)
		rc.Reason = reason(lang, "hours.broken", data)
		return rc, true
	}
	rc.Status, rc.Reason = assistant.RuleKept, reason(lang, "hours.kept", data)
	return rc, true
}

// checkFrequency checks the calls of the account in the days up to this
// one: no more than Calls in Days consecutive days, and, with
// AfterConversation, none in the Days after a conversation, its date being
// the first day (Regulation F, 12 CFR 1006.14(b)(2)). Days are the
// customer's calendar days, in UTC when the time zone is unknown.
func (c *Checker) checkFrequency(r *rule, cl *call, rc assistant.RuleCheck, h *assistant.AccountHistory) (assistant.RuleCheck, bool) {
	lang, p := cl.lang, r.Params
	data := ReasonText{Calls: p.Calls, Days: p.Days}
	na := func(name string) (assistant.RuleCheck, bool) {
		rc.Status, rc.Reason = assistant.RuleNotApplicable, reason(lang, name, data)
		return rc, false
	}
	switch {
	case cl.in.AccountRef == "":
		return na("na.account")
	case cl.in.OccurredAt.IsZero():
		return na("na.time")
	case h == nil:
		return na("na.history")
	}
	loc := time.UTC
	if l, err := assistant.CheckTimeZone("time_zone", cl.in.TimeZone); err == nil && l != nil {
		loc = l
	}
	at := cl.in.OccurredAt.In(loc)
	day := func(t time.Time) time.Time {
		t = t.In(loc)
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	first := day(at).AddDate(0, 0, -(p.Days - 1))
	var within []assistant.AccountCall
	for _, prior := range h.Calls {
		if !prior.OccurredAt.After(cl.in.OccurredAt) && !day(prior.OccurredAt).Before(first) {
			within = append(within, prior)
		}
	}
	data.Count = len(within) + 1
	rc.RelatedCalls = within
	switch {
	case data.Count > p.Calls:
		rc.Status, rc.SayInstead = assistant.RuleBroken, r.SayInstead.in(lang)
		rc.Reason = reason(lang, "frequency.broken", data)
	case p.AfterConversation && len(within) > 0:
		rc.Status, rc.SayInstead = assistant.RuleBroken, r.SayInstead.in(lang)
		data.Since = within[len(within)-1].OccurredAt.In(loc).Format(time.DateOnly)
		rc.Reason = reason(lang, "frequency.conversation", data)
	default:
		rc.Status, rc.Reason = assistant.RuleKept, reason(lang, "frequency.kept", data)
	}
	return rc, true
}

// maxAmountGap is how many tokens may stand between the words that
// introduce an amount and the amount ("de incassokosten zijn in totaal €
// 375").
const maxAmountGap = 6

// checkCosts checks the collection costs an agent states against the
// statutory scale on the principal the agent names (Besluit vergoeding voor
// buitengerechtelijke incassokosten): stating more than the scale allows
// breaks the rule; VAT may come on top where the agent mentions it.
func (c *Checker) checkCosts(r *rule, cl *call, rc assistant.RuleCheck) (assistant.RuleCheck, bool) {
	lang, p := cl.lang, r.Params
	var costs, principal *amountAt
	vat := false
	for i := range cl.turns {
		t := &cl.turns[i]
		if t.turn.Speaker != assistant.Agent {
			continue
		}
		if costs == nil {
			costs = amountAfter(t, p.Costs)
		}
		if principal == nil {
			principal = amountAfter(t, p.Principal)
		}
		if _, ok := p.VAT.first(t); ok {
			vat = true
		}
	}
	switch {
	case costs == nil:
		rc.Status, rc.Reason = assistant.RuleNotApplicable, reason(lang, "na.costs", ReasonText{})
		return rc, false
	case principal == nil:
		rc.Status, rc.Reason = assistant.RuleNotApplicable, reason(lang, "na.principal", ReasonText{Turn: costs.quote.TurnIndex, Quote: costs.quote.Text})
		return rc, false
	}
	allowed := arrangement.WIK(principal.money.Amount)
	if vat {
		allowed += (allowed*21 + 50) / 100 // 21% Dutch VAT, rounded to the cent
	}
	data := ReasonText{Turn: costs.quote.TurnIndex, Quote: costs.quote.Text, Stated: costs.money, Principal: principal.money,
		Allowed: assistant.Money{Amount: allowed, Currency: "EUR"}, VAT: vat}
	rc.Trigger = &principal.quote
	if costs.money.Amount > allowed {
		rc.Status, rc.SayInstead = assistant.RuleBroken, r.SayInstead.in(lang)
		rc.Breaches = []assistant.Quote{costs.quote}
		rc.Reason = reason(lang, "costs.broken", data)
		return rc, true
	}
	rc.Status, rc.Said = assistant.RuleKept, []assistant.Quote{costs.quote}
	rc.Reason = reason(lang, "costs.kept", data)
	return rc, true
}

// amountAt is an amount in euros an agent stated, with the words that
// introduced it.
type amountAt struct {
	money assistant.Money
	quote assistant.Quote
}

// amountAfter finds the first certain euro amount that follows words of p
// in the same sentence of t.
func amountAfter(t *turnText, p *phrases) *amountAt {
	for _, s := range p.find(t) {
		for k := s.to; k < len(t.toks) && k <= s.to+maxAmountGap; k++ {
			if t.toks[k].SentenceEnd {
				break
			}
			a, ok := arrangement.ReadAmount(t.toks, k, t.lang)
			if !ok {
				continue
			}
			if !a.Certain || (a.Money.Currency != "" && a.Money.Currency != "EUR") {
				break
			}
			a.Money.Currency = "EUR"
			return &amountAt{money: a.Money, quote: t.quote(span{s.from, a.To})}
		}
	}
	return nil
}
