package assistant

import (
	"context"
	"strings"
)

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
	// Advise plans on facts. jurisdiction is the one named for the call
	// (by the request, else its team, else the installation), "" when
	// none: the referral is for that country even where the call names
	// no money.
	Advise(ctx context.Context, facts []Fact, lang Language, jurisdiction string) (ArrangementAdvice, error)
}

// Summarizer writes the after-call summary of a call for its record: the
// customer's situation, what was agreed and what the agent promised to do,
// in the call's language. The built-in engine has none.
type Summarizer interface {
	SummarizeCall(ctx context.Context, turns []Turn, lang Language) (AfterCallSummary, error)
}

// Reviewer drafts a trainer's review of a call: strengths and focus points,
// each pointing at turns. stances[i] is the stance of turns[i]. The draft is
// never published by itself; a trainer edits it and publishes it as their
// own. The built-in engine has none.
type Reviewer interface {
	DraftReview(ctx context.Context, turns []Turn, stances []Stance, lang Language) (DraftReview, error)
}

// Engine is one set of analysis capabilities under a name. The built-in
// engine has the first four; another engine may leave any of them nil, and
// the analyser then uses the built-in one for those parts. Summary and
// Review only another engine offers.
type Engine struct {
	// Name identifies the engine in the record ("builtin", "llm").
	Name     string
	Stance   StanceClassifier
	Phrasing Phraser
	Closing  ClosingChecker
	Facts    FactReader
	Summary  Summarizer
	Review   Reviewer
	// Model names the model behind the engine, such as "gpt-4o-mini"; empty
	// for the built-in engine.
	Model string
	// Prompts holds the version of the prompt each part was produced with,
	// stored with the part so that a record says which wording made it.
	Prompts map[Part]string
	// Parallel bounds how many calls of the engine one analysis makes at
	// once; 0 means one per CPU, right for engines that compute. An engine
	// that waits on a server does better with more.
	Parallel int
}

// Builtin is the name of the deterministic, offline engine.
const Builtin = "builtin"

// NoEngine is recorded for a part that only another engine offers when that
// engine failed: nobody produced it, and FallbackReason says why.
const NoEngine = "none"

// EngineChoice is the engine a request asks for.
type EngineChoice string

// The engines a request may ask for.
const (
	// ChooseBuiltin asks for the built-in engine alone.
	ChooseBuiltin EngineChoice = "builtin"
	// ChooseLLM asks for the language-model engine; the built-in one
	// answers any part it fails on.
	ChooseLLM EngineChoice = "llm"
	// ChooseAuto asks for the language model where one is configured and
	// the built-in engine otherwise.
	ChooseAuto EngineChoice = "auto"
)

// ParseEngineChoice reads an engine choice as a query parameter, flag or
// setting gives it; "" means the server's default and returns "". Anything
// else is EInvalid, naming the choices.
func ParseEngineChoice(s string) (EngineChoice, error) {
	switch c := EngineChoice(strings.ToLower(strings.TrimSpace(s))); c {
	case "", ChooseBuiltin, ChooseLLM, ChooseAuto:
		return c, nil
	}
	return "", Errorf(EInvalid, "engine %q is not known; use builtin, llm or auto.", s)
}

// Part names a part of the analysis that an engine produced.
type Part string

// Parts of an analysis.
const (
	PartStance   Part = "stance"
	PartPhrasing Part = "phrasing"
	PartClosing  Part = "closing"
	PartFacts    Part = "facts"
	PartAdvice   Part = "advice"
	// PartSummary is the after-call summary and PartReview the draft
	// review; only a language-model engine writes them.
	PartSummary Part = "summary"
	PartReview  Part = "review"
	// PartCompliance is always the built-in rule packs: what the law asks
	// is not left to a language model.
	PartCompliance Part = "compliance"
)

// EngineRun records which engine produced a part of an analysis, and why
// the built-in engine answered instead when another was asked for.
type EngineRun struct {
	Part   Part   `json:"part"`
	Engine string `json:"engine"`
	// Model and PromptVersion say which model and which version of the
	// prompt produced the part; empty for the built-in engine.
	Model         string `json:"model,omitempty"`
	PromptVersion string `json:"prompt_version,omitempty"`
	// FallbackReason is set when the engine asked for failed and the
	// built-in engine answered (or, for a part only the other engine
	// offers, nobody did: Engine is then NoEngine).
	FallbackReason string `json:"fallback_reason,omitempty"`
}
