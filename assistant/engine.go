package assistant

import "context"

// The capabilities an analysis engine offers. Each is a small interface so
// that a second engine (a language model) can offer some of them and leave
// the rest to the built-in one, and so that tests can fake any of them.

// StanceClassifier places the turns of a call on Leary's rose.
type StanceClassifier interface {
	// ClassifyTurns returns the stance of every turn, in order. turns[i] is
	// read with the turns before it, since the same words mean a different
	// stance from the agent than from the customer, and an answer leans on
	// what it answers. A turn's own Language overrides lang. Classifying a
	// whole call at once lets an engine batch it.
	ClassifyTurns(ctx context.Context, turns []Turn, lang Language) ([]Stance, error)
}

// Phraser finds what in an agent's wording will lose the customer and offers
// plainer, warmer wording. The built-in implementation is phrasing.Engine.
type Phraser interface {
	// Phrase analyses one agent utterance in the light of the turns before
	// it. It is called for several turns of a call at once.
	Phrase(ctx context.Context, u Utterance) (Phrasing, error)
}

// ClosingChecker judges how a call ends: the end is what the customer
// remembers.
type ClosingChecker interface {
	CheckClosing(ctx context.Context, turns []Turn, lang Language) (ClosingCheck, error)
}

// FactReader reads what a call says about the customer's money and
// situation: the outstanding amount, what they can pay, income, costs,
// payday and vulnerability. A language model may read these too; planning on
// them is always the deterministic [Adviser]'s.
type FactReader interface {
	ReadFacts(ctx context.Context, turns []Turn, lang Language) ([]Fact, error)
}

// Adviser proposes payment arrangements the customer can keep from the
// facts of a call, and a referral when nothing affordable fits or the
// customer is vulnerable. It is deterministic: the schedules add up to the
// cent, and the same facts always give the same advice.
type Adviser interface {
	Advise(ctx context.Context, facts []Fact, lang Language) (ArrangementAdvice, error)
}

// Engine is one set of analysis capabilities under a name. The built-in
// engine has all of them; another engine may leave some nil, and the
// analyser then uses the built-in one for those parts.
type Engine struct {
	// Name identifies the engine in the record ("builtin", "llm").
	Name     string
	Stance   StanceClassifier
	Phrasing Phraser
	Closing  ClosingChecker
	Facts    FactReader
}

// Builtin is the name of the deterministic, offline engine.
const Builtin = "builtin"

// Part names a part of the analysis that an engine produced.
type Part string

// Parts of an analysis.
const (
	PartStance   Part = "stance"
	PartPhrasing Part = "phrasing"
	PartClosing  Part = "closing"
	PartFacts    Part = "facts"
	PartAdvice   Part = "advice"
	// PartCompliance is always the built-in rule packs: what the law asks
	// is not left to a language model.
	PartCompliance Part = "compliance"
)

// EngineRun records which engine produced a part of an analysis, and why
// the built-in engine answered instead when another was asked for.
type EngineRun struct {
	Part   Part   `json:"part"`
	Engine string `json:"engine"`
	// FallbackReason is set when the engine asked for failed and the
	// built-in engine answered.
	FallbackReason string `json:"fallback_reason,omitempty"`
}
