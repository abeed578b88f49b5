package assistant

import "context"

// StanceClassifier places a piece of text on Leary's rose. The built-in
// implementation is stance.Classifier; a later LLM engine implements it too.
type StanceClassifier interface {
	// Classify returns the stance of text, spoken in lang.
	Classify(ctx context.Context, text string, lang Language) (Stance, error)
}

// Phraser finds what in an agent's wording will lose the customer and offers
// plainer, warmer wording. The built-in implementation is phrasing.Engine.
type Phraser interface {
	// Phrase analyses one agent utterance in the light of the turns before it.
	Phrase(ctx context.Context, u Utterance) (Phrasing, error)
	// CheckClosing judges how the call ends.
	CheckClosing(ctx context.Context, turns []Turn, lang Language) (ClosingCheck, error)
}

// Arranger reads the customer's situation from a call and proposes payment
// arrangements the customer can keep. The built-in implementation is
// arrangement.Engine.
type Arranger interface {
	// Advise extracts facts from the turns and proposes options. A call that
	// names no outstanding amount gets facts but no options.
	Advise(ctx context.Context, turns []Turn, lang Language) (ArrangementAdvice, error)
}
