package coach

import (
	"fmt"

	"github.com/rooscoach/rooscoach/assistant"
)

// The rules of the review workflow that go beyond who may take which step
// ([assistant.Review.Permit]). They read the review as it is; what they
// check does not change under them (a review's author never changes), or
// the database holds it as well (one open dispute per label or comment, a
// unique index), so that checking before the store's transaction is safe.

// CheckRelabel checks that by may answer a dispute of r with in: changing
// the trainer's label of a turn is the author's alone, since the label is
// their judgement; another trainer may answer and keep the label. With
// authentication off everyone may. The refusal, a *[RuleError]
// (EForbidden), names the author.
func CheckRelabel(by assistant.Principal, r *assistant.Review, in assistant.ResolveInput) error {
	if in.Octant == "" || by.Via == assistant.ViaAuthOff {
		return nil
	}
	if by.Role == assistant.RoleTrainer && r.ReviewerTokenID != 0 && by.TokenID == r.ReviewerTokenID {
		return nil
	}
	author, auteur := r.Reviewer, r.Reviewer
	if author == "" {
		author = fmt.Sprintf("the trainer of token %d", r.ReviewerTokenID)
		auteur = fmt.Sprintf("de trainer van token %d", r.ReviewerTokenID)
	}
	return &RuleError{Code: assistant.EForbidden,
		NL: fmt.Sprintf("Alleen %s, die beoordeling %d schreef, mag de labels ervan veranderen; beantwoord het bezwaar zonder nieuw label, of vraag %s het label te veranderen.",
			auteur, r.ID, auteur),
		EN: fmt.Sprintf("Only %s, who wrote review %d, may change its labels; answer the dispute without an octant, or ask %s to change the label.",
			author, r.ID, author)}
}

// RuleError is a refusal by a rule of the workflow, worded in Dutch and
// English, so that a page says it in its own language. It unwraps to an
// [assistant.Error] of Code with the English message, for the API.
type RuleError struct {
	Code   string
	NL, EN string
}

// Error implements the error interface, in English.
func (e *RuleError) Error() string { return e.EN }

// Text is the refusal in lang; English for any language but Dutch.
func (e *RuleError) Text(lang assistant.Language) string {
	if lang == assistant.Dutch {
		return e.NL
	}
	return e.EN
}

// Unwrap returns the refusal as a coded error.
func (e *RuleError) Unwrap() error {
	return &assistant.Error{Code: e.Code, Message: e.EN}
}

// CheckDispute checks that by may dispute what in names in r: the step is
// allowed ([assistant.Review.Permit]), r says it
// ([assistant.Review.CheckDispute]), and no dispute of that label or
// comment is open ([assistant.OpenDisputeError] otherwise).
func CheckDispute(by assistant.Principal, r *assistant.Review, in assistant.DisputeInput) error {
	if err := in.Validate(); err != nil {
		return err
	}
	if _, err := r.Permit(by, assistant.StepDispute); err != nil {
		return err
	}
	if err := r.CheckDispute(in); err != nil {
		return err
	}
	number := r.Turn(in.TurnID).TurnIndex + 1 // r.CheckDispute found the turn
	for _, d := range r.Disputes {
		if d.Open() && d.TurnID == in.TurnID && d.About == in.About {
			return &assistant.OpenDisputeError{ReviewID: r.ID, TurnID: in.TurnID, Turn: number, About: in.About, DisputeID: d.ID}
		}
	}
	return nil
}
