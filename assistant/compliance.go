package assistant

import (
	"context"
	"time"
)

// Severity ranks how serious it is to break a compliance rule.
type Severity string

// Severities, from least to most serious.
const (
	SeverityInfo     Severity = "info"
	SeverityLow      Severity = "low"
	SeverityMedium   Severity = "medium"
	SeverityHigh     Severity = "high"
	SeverityCritical Severity = "critical"
)

// Severities lists the severities from least to most serious.
var Severities = []Severity{SeverityInfo, SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical}

// Rank orders severities: 1 for info up to 5 for critical, 0 for none or an
// unknown one, so that the worst of a call is a plain maximum.
func (s Severity) Rank() int {
	for i, v := range Severities {
		if v == s {
			return i + 1
		}
	}
	return 0
}

// Valid reports whether s is one of Severities.
func (s Severity) Valid() bool { return s.Rank() > 0 }

// RuleStatus is the outcome of checking one rule against a call.
type RuleStatus string

// Rule outcomes.
const (
	RuleKept          RuleStatus = "kept"
	RuleBroken        RuleStatus = "broken"
	RuleNotApplicable RuleStatus = "not-applicable"
)

// Quote points at words of a call: the turn, the text and its rune offsets
// in the turn, End exclusive.
type Quote struct {
	TurnIndex int     `json:"turn_index"`
	Speaker   Speaker `json:"speaker"`
	Text      string  `json:"text"`
	Start     int     `json:"start"`
	End       int     `json:"end"`
}

// RuleCheck is one rule of a compliance pack checked against a call, with
// the evidence for its outcome.
type RuleCheck struct {
	// RuleID is the rule's stable identifier, such as "nl.no-seizure-threat".
	RuleID string `json:"rule_id"`
	// Pack is the jurisdiction of the pack the rule came from: nl, uk, us,
	// or all for the rules that hold everywhere.
	Pack string `json:"pack"`
	// Title, and SayInstead when set, are in the call's language.
	Title    string     `json:"title"`
	Law      string     `json:"law"`
	Article  string     `json:"article"`
	Severity Severity   `json:"severity"`
	Status   RuleStatus `json:"status"`
	// Reason says in a sentence, in the call's language, why the rule was
	// kept, broken or did not apply.
	Reason string `json:"reason"`
	// Trigger is what brought a conditional rule into play, such as the
	// customer's words of a crisis.
	Trigger *Quote `json:"trigger,omitempty"`
	// Breaches are the words that broke the rule.
	Breaches []Quote `json:"breaches,omitempty"`
	// Missing names what had to be said and was not.
	Missing []string `json:"missing,omitempty"`
	// Said are the words that kept a rule that asks for something to be said.
	Said []Quote `json:"said,omitempty"`
	// RelatedCalls are the account's stored calls a rule that counts calls
	// counted.
	RelatedCalls []AccountCall `json:"related_calls,omitempty"`
	// SayInstead is set for a broken rule: what the agent could say.
	SayInstead string `json:"say_instead,omitempty"`
}

// Compliance is the compliance section of a call's record: every rule of
// the packs that apply, checked. It supports a compliance officer; it is not
// legal advice.
type Compliance struct {
	// Jurisdiction is nl, uk, us (or a team's own); empty when none could
	// be told, and then only the rules for all jurisdictions were checked.
	Jurisdiction string `json:"jurisdiction"`
	// JurisdictionReason says where the jurisdiction came from: the
	// request, the team's default, the currency or the language of the call.
	JurisdictionReason string      `json:"jurisdiction_reason"`
	Rules              []RuleCheck `json:"rules"`
	// Worst is the severity of the most serious broken rule; empty when none
	// was broken.
	Worst Severity `json:"worst_severity,omitempty"`
	// Breaches counts the broken rules.
	Breaches int `json:"breaches"`
	// Flagged is set when a rule that calls for a trainer's attention came
	// into play, such as a customer in crisis, whether it was kept or not.
	Flagged bool `json:"flagged"`
}

// Tally sets Worst and Breaches from the rules.
func (c *Compliance) Tally() {
	c.Worst, c.Breaches = "", 0
	for _, r := range c.Rules {
		if r.Status != RuleBroken {
			continue
		}
		c.Breaches++
		if r.Severity.Rank() > c.Worst.Rank() {
			c.Worst = r.Severity
		}
	}
}

// ComplianceInput is what the compliance rules read of a call.
type ComplianceInput struct {
	Turns    []Turn
	Language Language
	// Jurisdiction is the one the request named; empty to infer it.
	Jurisdiction string
	// TeamJurisdiction is the default of the call's team; it comes before
	// the installation's default and what the call itself tells.
	TeamJurisdiction string
	// Facts are the call's money facts: their currency tells the
	// jurisdiction when none was named.
	Facts []Fact
	// OccurredAt is when the call took place; zero when unknown.
	OccurredAt time.Time
	// TimeZone is the customer's IANA time zone; empty when unknown.
	TimeZone   string
	AccountRef string
}

// ComplianceInputOf is the input of the compliance rules for transcript t
// with the facts read from it.
func ComplianceInputOf(t *Transcript, facts []Fact) ComplianceInput {
	return ComplianceInput{
		Turns:            t.Turns,
		Language:         t.Language,
		Jurisdiction:     t.Jurisdiction,
		TeamJurisdiction: t.TeamJurisdiction,
		Facts:            facts,
		OccurredAt:       t.OccurredAt,
		TimeZone:         t.TimeZone,
		AccountRef:       t.AccountRef,
	}
}

// ComplianceChecker checks a call against the compliance rules of its
// jurisdiction. Rules that count over an account's stored calls cannot be
// checked from one call; it reports them not applicable, and the use case
// that reads the store checks them (see coach).
type ComplianceChecker interface {
	// CheckCompliance returns the compliance section of the call. It fails
	// with EInvalid when in names a jurisdiction without a rule pack.
	CheckCompliance(ctx context.Context, in ComplianceInput) (Compliance, error)
}

// AccountCall is a stored call of an account, as the rules that count
// calls see it.
type AccountCall struct {
	ID         int64     `json:"id"`
	OccurredAt time.Time `json:"occurred_at"`
}

// AccountHistory is what the store knows of an account's earlier calls.
type AccountHistory struct {
	// Earlier counts all stored calls of the account before the call.
	Earlier int
	// Calls are the stored calls of the account in the window asked for,
	// oldest first.
	Calls []AccountCall
}
