package coach

import (
	"context"
	"strconv"

	"github.com/rooscoach/rooscoach/assistant"
)

// The review workflow: a trainer reviews a call (a draft, then published),
// the call's agent acknowledges the review or disputes a label or comment,
// and a trainer answers each dispute. Who may take which step, and in which
// state, is [assistant.Review.Permit]; the store applies it to the locked
// review, so that two people acting at once cannot both win. Every step is
// in the audit trail, and so is every read.

// CreateReview starts by's review of call callID as a draft: SaveReview
// without a draft to edit.
func (s *Service) CreateReview(ctx context.Context, by assistant.Principal, callID int64, in assistant.ReviewInput) (*assistant.Review, error) {
	return s.SaveReview(ctx, by, assistant.ReviewSave{CallID: callID, Input: in})
}

// UpdateReview replaces the content of by's draft id: SaveReview of that
// draft.
func (s *Service) UpdateReview(ctx context.Context, by assistant.Principal, id int64, in assistant.ReviewInput) (*assistant.Review, error) {
	return s.SaveReview(ctx, by, assistant.ReviewSave{ReviewID: id, Input: in})
}

// SaveReview is the one use case behind the review form and the API's
// review writes: it starts a draft of call save.CallID or changes by's
// draft save.ReviewID, and publishes it when save.Publish is set, all in
// one transaction. Only trainers review, and only calls of their teams
// (another team's call is ENotFound). The form is checked against the call
// first: every problem comes back at once as a *[FormError] (EInvalid),
// and nothing is stored. A review that is no longer a draft is EConflict.
func (s *Service) SaveReview(ctx context.Context, by assistant.Principal, save assistant.ReviewSave) (*assistant.Review, error) {
	if !by.Can(assistant.RoleTrainer) {
		return nil, assistant.Errorf(assistant.EForbidden, "Only trainers review calls.")
	}
	callID := save.CallID
	if save.ReviewID != 0 {
		r, err := s.Store.FindReview(ctx, by, save.ReviewID)
		if err != nil {
			return nil, err
		}
		if callID != 0 && r.CallID != callID {
			return nil, assistant.Errorf(assistant.EInvalid, "Review %d is a review of call %d, not of call %d.", r.ID, r.CallID, callID)
		}
		// A published review is refused before its form is read: what
		// the trainer typed cannot change it, however it is checked.
		if _, err := r.Permit(by, assistant.StepEdit); err != nil {
			return nil, err
		}
		callID = r.CallID
	}
	call, err := s.Store.FindCallByID(ctx, by.Scope(), callID)
	if err != nil {
		return nil, err
	}
	save.Input.Turns = numberTurns(call, save.Input.Turns)
	if fe := CheckReviewForm(call, save.Input, save.Publish); fe != nil {
		return nil, fe
	}
	return s.Store.SaveReview(ctx, by, save)
}

// PublishReview publishes by's draft id for the agent to read.
func (s *Service) PublishReview(ctx context.Context, by assistant.Principal, id int64) (*assistant.Review, error) {
	return s.Store.PublishReview(ctx, by, id)
}

// AcknowledgeReview records that the call's agent accepts review id.
func (s *Service) AcknowledgeReview(ctx context.Context, by assistant.Principal, id int64) (*assistant.Review, error) {
	return s.Store.AcknowledgeReview(ctx, by, id)
}

// DisputeReview records the call's agent's objection to a label or comment
// of review id. The form is checked first: its problems come back at once
// as a *[FormError] (EInvalid); then the review ([CheckDispute]), the turn
// named by its number or its id. A review by cannot read is left to the
// store: for the agent a draft is ENotFound, for others it is not
// published yet (EConflict).
func (s *Service) DisputeReview(ctx context.Context, by assistant.Principal, id int64, in assistant.DisputeInput) (*assistant.Review, error) {
	if fe := CheckDisputeForm(in); fe != nil {
		return nil, fe
	}
	r, err := s.Store.FindReview(ctx, by, id)
	switch {
	case err == nil:
		// People name a turn by its number; the store keeps its id.
		if err := r.NumberTurn(&in); err != nil {
			return nil, err
		}
		if err := CheckDispute(by, r, in); err != nil {
			return nil, err
		}
	case assistant.ErrorCode(err) != assistant.ENotFound || in.TurnID == 0:
		// A turn named by number alone needs a review that by can read.
		return nil, err
	}
	return s.Store.DisputeReview(ctx, by, id, in)
}

// ResolveDispute records a trainer's answer to a dispute of review id,
// its form checked first (a *[FormError] with every problem); only the review's author changes a label in answering ([CheckRelabel]).
func (s *Service) ResolveDispute(ctx context.Context, by assistant.Principal, id, disputeID int64, in assistant.ResolveInput) (*assistant.Review, error) {
	if fe := CheckResolveForm(in); fe != nil {
		return nil, fe
	}
	if in.Octant != "" {
		r, err := s.Store.FindReview(ctx, by, id)
		if err != nil {
			return nil, err
		}
		if err := CheckRelabel(by, r, in); err != nil {
			return nil, err
		}
	}
	return s.Store.ResolveDispute(ctx, by, id, disputeID, in)
}

// Review returns review id if by may read it, and records the read.
func (s *Service) Review(ctx context.Context, by assistant.Principal, id int64) (*assistant.Review, error) {
	r, err := s.Store.FindReview(ctx, by, id)
	if err != nil {
		return nil, err
	}
	if err := s.Store.Audit(ctx, by, assistant.AuditEntry{
		Action: assistant.ActionReviewRead, Target: assistant.TargetReview, TargetID: strconv.FormatInt(id, 10), CallID: r.CallID,
	}); err != nil {
		return nil, err
	}
	return r, nil
}

// Reviews returns the reviews of call callID that by may read (an agent
// and a lead see published ones, a trainer also their own draft), and
// records the read.
func (s *Service) Reviews(ctx context.Context, by assistant.Principal, callID int64) ([]*assistant.Review, error) {
	rs, err := s.Store.FindReviews(ctx, by, callID)
	if err != nil {
		return nil, err
	}
	if err := s.Store.Audit(ctx, by, assistant.AuditEntry{Action: assistant.ActionReviewList, Target: assistant.TargetReview, CallID: callID}); err != nil {
		return nil, err
	}
	return rs, nil
}

// Calibration compares the engine's octants with the trainers' on the
// turns trainers labelled in the published reviews of calls f selects, and
// trainers with each other where two reviewed one call. A team outside by's
// scope is ENotFound; no team means all of by's. Trainers, leads and admins
// read it.
func (s *Service) Calibration(ctx context.Context, by assistant.Principal, f assistant.CalibrationFilter) (*assistant.Calibration, error) {
	if !by.Can(assistant.RoleTrainer, assistant.RoleLead, assistant.RoleAdmin) {
		return nil, assistant.Errorf(assistant.EForbidden, "Calibration is for trainers, leads and admins.")
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		return nil, assistant.Errorf(assistant.EInvalid, "from must be before to.")
	}
	if f.TeamID != "" {
		if _, err := s.Store.FindTeamByID(ctx, by.Scope(), f.TeamID); err != nil {
			return nil, err
		}
	}
	labels, err := s.Store.FindTrainerLabels(ctx, by.Scope(), f)
	if err != nil {
		return nil, err
	}
	c, err := assistant.Calibrate(labels)
	if err != nil {
		return nil, err
	}
	c.TeamID, c.From, c.To = f.TeamID, f.From, f.To
	if err := s.Store.Audit(ctx, by, assistant.AuditEntry{Action: assistant.ActionCalibrationRead, Target: assistant.TargetCalibration, TargetID: f.TeamID}); err != nil {
		return nil, err
	}
	return &c, nil
}
