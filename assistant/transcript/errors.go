package transcript

import (
	"errors"
	"fmt"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// SpeakerProblem says what kept the speakers of a transcript from being
// mapped onto agent and customer.
type SpeakerProblem int

// Speaker problems.
const (
	// UnknownLabel: a label that is neither side, in a format whose labels
	// say the side (plain text, rooscoach JSON), where a typo is likelier
	// than a third person.
	UnknownLabel SpeakerProblem = iota + 1
	// ExtraLabel: more than one label besides those declared, in such a
	// format; only one can be mapped on its own.
	ExtraLabel
	// DeclaredNotFound: a declared speaker matches no label.
	DeclaredNotFound
	// Undeclared: labels that are neither the declared agent nor the
	// declared customer, in a format where labels are names.
	Undeclared
	// Unmappable: no mapping is confident enough to use.
	Unmappable
)

// SpeakerError is the error of a transcript whose speakers could not be
// mapped. It carries what the person who sent it needs to fix it, so that
// each front door can say how to declare the speakers in its own terms
// ("agent=Anna" on HTTP, "--agent Anna" on the command line); see
// [SpeakerError.Describe]. Parse returns it wrapped in an *assistant.Error
// (EInvalid, or EUnprocessable for Unmappable and Undeclared) whose message
// describes it in neutral words.
type SpeakerError struct {
	Problem SpeakerProblem
	// Where locates the problem in the input ("line 3", "turns[2]"); empty
	// when it concerns the whole transcript.
	Where string
	// Labels are the labels at fault: the unknown or extra label, the
	// declared name that matched nothing, the undeclared speakers.
	Labels []string
	// Side is the side a DeclaredNotFound name was declared as.
	Side assistant.Speaker
	// Found lists the speakers the transcript names, in order of first
	// appearance.
	Found []string
	// Reason says why an Unmappable transcript could not be mapped.
	Reason string
	// Agent and Customer are the labels an UnknownLabel transcript reads
	// well with when declared so: the two unknown labels in their order
	// when no label says a side, or the one unknown label as the side no
	// label says. Empty when the labels suggest nothing.
	Agent, Customer string
}

// Error describes e in neutral words.
func (e *SpeakerError) Error() string { return e.Describe(neutralDeclaration) }

// A Declaration writes the setting that declares label as side's speaker,
// in the terms of the caller's front door: "agent=Anna", "--agent Anna".
type Declaration func(side assistant.Speaker, label string) string

func neutralDeclaration(side assistant.Speaker, label string) string {
	return fmt.Sprintf("%s %q", side, label)
}

// Describe says what is wrong and how to fix it, writing declarations with
// declare.
func (e *SpeakerError) Describe(declare Declaration) string {
	label := "NAME"
	if len(e.Labels) > 0 {
		label = e.Labels[0]
	}
	switch e.Problem {
	case UnknownLabel:
		fix := fmt.Sprintf("declare it with %s or %s", declare(assistant.Agent, label), declare(assistant.Customer, label))
		switch {
		case e.Agent != "" && e.Customer != "":
			fix = fmt.Sprintf("declare the speakers with %s and %s", declare(assistant.Agent, e.Agent), declare(assistant.Customer, e.Customer))
		case e.Agent != "":
			fix = "declare it with " + declare(assistant.Agent, e.Agent)
		case e.Customer != "":
			fix = "declare it with " + declare(assistant.Customer, e.Customer)
		}
		return fmt.Sprintf("%s: unknown speaker label %q. Use Agent, Medewerker, Incassomedewerker or Collector for the agent and Klant, Customer, Debiteur or Caller for the customer, or %s.",
			e.Where, label, fix)
	case ExtraLabel:
		return fmt.Sprintf("%s: unknown speaker label %q; only one speaker besides those declared can be mapped on its own. Declare it with %s or %s.",
			e.Where, label, declare(assistant.Agent, label), declare(assistant.Customer, label))
	case DeclaredNotFound:
		return fmt.Sprintf("%s matches no speaker in the transcript; speakers found: %s.",
			declare(e.Side, label), quoteList(e.Found))
	case Undeclared:
		names := strings.Join(e.Labels, ",")
		return fmt.Sprintf("Speakers %s are neither the declared agent nor the declared customer; add them with %s or %s (names separated by commas).",
			quoteList(e.Labels), declare(assistant.Agent, names), declare(assistant.Customer, names))
	case Unmappable:
		return fmt.Sprintf("Could not tell the agent from the customer with confidence: %s. Speakers found: %s. Declare the agent with %s (and the customer likewise).",
			e.Reason, quoteList(e.Found), declare(assistant.Agent, label))
	}
	return "The speakers could not be mapped onto agent and customer."
}

// speakerError wraps e in an *assistant.Error with the code its problem
// calls for.
func speakerError(e *SpeakerError) error {
	code := assistant.EInvalid
	if e.Problem == Unmappable || e.Problem == Undeclared {
		code = assistant.EUnprocessable
	}
	return &assistant.Error{Code: code, Message: e.Error(), Err: e}
}

// FormatError is the error of a body in no format rooscoach reads. It names
// the formats it does read; the front door adds how to force one.
type FormatError struct {
	// What says what was read: "The body", "This JSON (top-level keys: …)".
	What string
	// Unlabelled is true when the body came as plain text and reads as
	// text, but no line starts with a speaker label: the format is
	// known, the labels are missing.
	Unlabelled bool
}

// Error describes e in neutral words.
func (e *FormatError) Error() string { return e.Describe("by naming it") }

// Describe says what is wrong, with force telling how to force a format in
// the caller's terms ("with format=NAME", "with --input-format NAME").
func (e *FormatError) Describe(force string) string {
	if e.Unlabelled {
		return fmt.Sprintf("%s is plain text with no speaker labels. Start each turn with its speaker and a colon: "+
			"\"Agent: ...\" or \"Medewerker: ...\" for the agent, \"Customer: ...\" or \"Klant: ...\" for the customer "+
			"(names such as \"Sanne: ...\" work once declared as the agent's or the customer's); or force another format %s.",
			e.What, force)
	}
	return fmt.Sprintf("%s is not a transcript format rooscoach reads. Accepted formats: %s. "+
		"Plain text needs a speaker label per turn (\"Agent: ...\", \"Klant: ...\"); force a format %s.",
		e.What, strings.Join(Formats, ", "), force)
}

// Advice is how a front door words the fixes a transcript error may call
// for: declaring a speaker and forcing a format.
type Advice struct {
	Declare Declaration
	// Force completes "force a format …": "with format=NAME".
	Force string
}

// Describe returns the message of err in the words of advice when err is
// one of the reader's typed errors, and false otherwise.
func (advice Advice) Describe(err error) (string, bool) {
	var se *SpeakerError
	var fe *FormatError
	switch {
	case errors.As(err, &se):
		return se.Describe(advice.Declare), true
	case errors.As(err, &fe):
		return fe.Describe(advice.Force), true
	}
	return "", false
}
