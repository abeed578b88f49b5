package assistant

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// ReviewStatus is where one trainer's review of a call stands.
type ReviewStatus string

// The states of a review. A trainer writes a draft and publishes it; the
// call's agent acknowledges it or disputes a label or comment; the trainer
// answers each dispute, and once none is open the review is published again,
// for the agent to acknowledge. The review a language model drafts with a
// call (DraftReview) is always a draft: only a trainer's review is
// published.
const (
	ReviewDraft        ReviewStatus = "draft"
	ReviewPublished    ReviewStatus = "published"
	ReviewAcknowledged ReviewStatus = "acknowledged"
	ReviewDisputed     ReviewStatus = "disputed"
)

// Valid reports whether s is one of the review states.
func (s ReviewStatus) Valid() bool {
	switch s {
	case ReviewDraft, ReviewPublished, ReviewAcknowledged, ReviewDisputed:
		return true
	}
	return false
}

// CallReviewStatus is where a call stands in the review workflow, taken
// from the reviews it has.
type CallReviewStatus string

// The review states of a call: new → in_review → reviewed → acknowledged or
// disputed.
const (
	CallNew          CallReviewStatus = "new"
	CallInReview     CallReviewStatus = "in_review"
	CallReviewed     CallReviewStatus = "reviewed"
	CallAcknowledged CallReviewStatus = "acknowledged"
	CallDisputed     CallReviewStatus = "disputed"
)

// CallReviewStatuses lists the review states of a call in workflow order.
var CallReviewStatuses = []CallReviewStatus{CallNew, CallInReview, CallReviewed, CallAcknowledged, CallDisputed}

// Valid reports whether s is one of the review states of a call.
func (s CallReviewStatus) Valid() bool {
	for _, v := range CallReviewStatuses {
		if s == v {
			return true
		}
	}
	return false
}

// StatusOfCall derives a call's review state from the states of its
// reviews. What needs someone's attention wins: an open dispute (the
// trainer's turn), then a published review not yet acknowledged (the
// agent's turn), then a draft (a trainer at work); a call whose every
// published review is acknowledged is acknowledged.
func StatusOfCall(reviews []ReviewStatus) CallReviewStatus {
	has := map[ReviewStatus]bool{}
	for _, s := range reviews {
		has[s] = true
	}
	switch {
	case has[ReviewDisputed]:
		return CallDisputed
	case has[ReviewPublished]:
		return CallReviewed
	case has[ReviewDraft]:
		return CallInReview
	case has[ReviewAcknowledged]:
		return CallAcknowledged
	}
	return CallNew
}

// Review is a trainer's review of one call.
type Review struct {
	ID     int64 `json:"id"`
	CallID int64 `json:"call_id"`
	// AgentID and TeamID are the call's, for the reader's convenience.
	AgentID string `json:"agent_id"`
	TeamID  string `json:"team_id,omitempty"`
	// ReviewerTokenID is the token the trainer wrote the review with;
	// Reviewer is that token's name.
	ReviewerTokenID int64        `json:"reviewer_token_id,omitempty"`
	Reviewer        string       `json:"reviewer"`
	Status          ReviewStatus `json:"status"`
	Note            string       `json:"note"`
	// Rating is 1–5; 0 in a draft that has none yet.
	Rating   int          `json:"rating,omitempty"`
	Turns    []ReviewTurn `json:"turns"`
	Focus    []FocusPoint `json:"focus"`
	Disputes []Dispute    `json:"disputes"`

	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
	PublishedAt    time.Time `json:"published_at,omitzero"`
	AcknowledgedAt time.Time `json:"acknowledged_at,omitzero"`
}

// ReviewTurn is what the trainer says about one turn: a comment, their own
// octant, or both.
type ReviewTurn struct {
	TurnID int64 `json:"turn_id"`
	// Turn is the turn's number in the call as people see it ("turn 7"),
	// from 1; TurnIndex is the same place from 0.
	Turn      int    `json:"turn"`
	TurnIndex int    `json:"turn_index"`
	Comment   string `json:"comment,omitempty"`
	// Octant is the trainer's label. EngineOctant is the engine's, kept
	// beside it and never overwritten: calibration compares the two.
	Octant       Octant `json:"octant,omitempty"`
	EngineOctant Octant `json:"engine_octant"`
}

// FocusPoint is something for the agent to practise.
type FocusPoint struct {
	Text string `json:"text"`
	// GoalIDs link the point to coaching goals, by id.
	GoalIDs []int64 `json:"goal_ids,omitempty"`
}

// DisputeAbout says what of a turn's review the agent disputes.
type DisputeAbout string

// What an agent may dispute.
const (
	DisputeLabel   DisputeAbout = "label"
	DisputeComment DisputeAbout = "comment"
)

// Dispute is an agent's objection to a label or comment of a review, with
// the trainer's answer once resolved.
type Dispute struct {
	ID     int64 `json:"id"`
	TurnID int64 `json:"turn_id"`
	// Turn is the disputed turn's number in the call, from 1.
	Turn      int          `json:"turn"`
	About     DisputeAbout `json:"about"`
	Comment   string       `json:"comment"`
	CreatedAt time.Time    `json:"created_at"`
	// Answer and ResolvedAt are set when the trainer resolved it.
	Answer     string    `json:"answer,omitempty"`
	ResolvedAt time.Time `json:"resolved_at,omitzero"`
	// Octant is the label the trainer changed theirs to in resolving a
	// label dispute; empty when they kept it.
	Octant Octant `json:"octant,omitempty"`
}

// Open reports whether the dispute awaits the trainer's answer.
func (d *Dispute) Open() bool { return d.ResolvedAt.IsZero() }

// OpenDisputes counts the disputes of r that await an answer.
func (r *Review) OpenDisputes() int {
	n := 0
	for i := range r.Disputes {
		if r.Disputes[i].Open() {
			n++
		}
	}
	return n
}

// Turn returns the review's entry for turnID, or nil.
func (r *Review) Turn(turnID int64) *ReviewTurn {
	for i := range r.Turns {
		if r.Turns[i].TurnID == turnID {
			return &r.Turns[i]
		}
	}
	return nil
}

// Limits of what a review holds. They are far above what a trainer writes
// by hand; a body beyond them is a mistake.
const (
	MaxNoteRunes    = 10000
	MaxCommentRunes = 4000
	MaxReviewTurns  = 2000
	MaxFocusPoints  = 50
	MaxGoalLinks    = 20
)

// ReviewInput is what a trainer writes: the body of creating a review and
// of replacing a draft.
type ReviewInput struct {
	Note string `json:"note"`
	// Rating is 1–5; it may wait until the review is published.
	Rating *int              `json:"rating"`
	Turns  []ReviewTurnInput `json:"turns"`
	Focus  []FocusPoint      `json:"focus"`
}

// ReviewTurnInput is the trainer's comment and label on one turn, named
// by its id (TurnID) or by its number in the call (Turn, from 1), or both
// when they agree.
type ReviewTurnInput struct {
	TurnID  int64  `json:"turn_id"`
	Turn    int    `json:"turn,omitempty"`
	Comment string `json:"comment"`
	Octant  Octant `json:"octant"`
}

// Validate checks what does not need the call: a rating of 1–5, known
// octants, each turn once and with something said about it, text within
// limits. Whether the turns belong to the call, and the goals to its
// agent, is the store's to check.
// Its errors are EInvalid and name the field.
func (in *ReviewInput) Validate() error {
	if in.Rating != nil && (*in.Rating < 1 || *in.Rating > 5) {
		return Errorf(EInvalid, "rating %d is out of range; rate the call from 1 (poor) to 5 (excellent).", *in.Rating)
	}
	if err := checkText("note", in.Note, MaxNoteRunes); err != nil {
		return err
	}
	if len(in.Turns) > MaxReviewTurns {
		return Errorf(EInvalid, "turns holds %d entries; a review comments on at most %d turns.", len(in.Turns), MaxReviewTurns)
	}
	seen := map[int64]bool{}
	for i, t := range in.Turns {
		field := fmt.Sprintf("turns[%d]", i)
		if t.TurnID <= 0 {
			return Errorf(EInvalid, "%s.turn_id is missing; give the id of the turn (turns[].id of the call).", field)
		}
		if seen[t.TurnID] {
			return Errorf(EInvalid, "%s names turn %d again; give each turn once, with its comment and octant together.", field, t.TurnID)
		}
		seen[t.TurnID] = true
		if t.Octant != "" && !t.Octant.Valid() {
			return Errorf(EInvalid, "%s.octant %q is not an octant of the rose; use one of %s.", field, t.Octant, octantNames())
		}
		if strings.TrimSpace(t.Comment) == "" && t.Octant == "" {
			return Errorf(EInvalid, "%s says nothing about turn %d; give a comment, an octant or both.", field, t.TurnID)
		}
		if err := checkText(field+".comment", t.Comment, MaxCommentRunes); err != nil {
			return err
		}
	}
	if len(in.Focus) > MaxFocusPoints {
		return Errorf(EInvalid, "focus holds %d points; give at most %d.", len(in.Focus), MaxFocusPoints)
	}
	for i, f := range in.Focus {
		field := fmt.Sprintf("focus[%d]", i)
		if strings.TrimSpace(f.Text) == "" {
			return Errorf(EInvalid, "%s.text is empty; say what the agent should practise.", field)
		}
		if err := checkText(field+".text", f.Text, MaxCommentRunes); err != nil {
			return err
		}
		if len(f.GoalIDs) > MaxGoalLinks {
			return Errorf(EInvalid, "%s links %d goals; link at most %d.", field, len(f.GoalIDs), MaxGoalLinks)
		}
		for j, g := range f.GoalIDs {
			if g <= 0 {
				return Errorf(EInvalid, "%s.goal_ids[%d] is %d; goal ids are positive numbers.", field, j, g)
			}
		}
	}
	return nil
}

// DisputeInput is an agent's objection to one label or comment, of the
// turn named by its id (TurnID) or by its number in the call (Turn, from
// 1), or both when they agree.
type DisputeInput struct {
	TurnID  int64        `json:"turn_id"`
	Turn    int          `json:"turn,omitempty"`
	About   DisputeAbout `json:"about"`
	Comment string       `json:"comment"`
}

// Validate checks the dispute on its own; whether the review has that
// label or comment is checked against the review.
func (in *DisputeInput) Validate() error {
	if in.TurnID <= 0 {
		return Errorf(EInvalid, "turn_id is missing; give the id of the turn whose label or comment you dispute.")
	}
	if in.About != DisputeLabel && in.About != DisputeComment {
		if in.About == "" {
			return Errorf(EInvalid, "about is missing; say whether you dispute the trainer's label or comment.")
		}
		return Errorf(EInvalid, "about %q is not known; dispute a label or a comment.", in.About)
	}
	if strings.TrimSpace(in.Comment) == "" {
		return Errorf(EInvalid, "comment is empty; say why you see it differently.")
	}
	return checkText("comment", in.Comment, MaxCommentRunes)
}

// ResolveInput is the trainer's answer to a dispute.
type ResolveInput struct {
	Answer string `json:"answer"`
	// Octant, for a label dispute, changes the trainer's label; empty keeps
	// it. The engine's label never changes.
	Octant Octant `json:"octant"`
}

// Validate checks the answer on its own.
func (in *ResolveInput) Validate() error {
	if strings.TrimSpace(in.Answer) == "" {
		return Errorf(EInvalid, "answer is empty; tell the agent what you decided and why.")
	}
	if in.Octant != "" && !in.Octant.Valid() {
		return Errorf(EInvalid, "octant %q is not an octant of the rose; use one of %s.", in.Octant, octantNames())
	}
	return checkText("answer", in.Answer, MaxCommentRunes)
}

// ReviewStep is a step of the review workflow.
type ReviewStep string

// The steps, each taken by one kind of person.
const (
	StepEdit        ReviewStep = "edit"        // the reviewer replaces a draft
	StepPublish     ReviewStep = "publish"     // the reviewer publishes a draft
	StepAcknowledge ReviewStep = "acknowledge" // the call's agent accepts a published review
	StepDispute     ReviewStep = "dispute"     // the call's agent objects to a label or comment
	StepResolve     ReviewStep = "resolve"     // a trainer of the call's team answers a dispute
)

// Permit checks that p may take step on r now, and returns the state r is
// in afterwards. r must be one p can read (the store's scope); within that,
// only the reviewer edits and publishes, only the call's agent acknowledges
// and disputes, and only a trainer resolves. A step the review's state does
// not allow is EConflict, a person who may not take it EForbidden; both
// messages say why.
func (r *Review) Permit(p Principal, step ReviewStep) (ReviewStatus, error) {
	switch step {
	case StepEdit, StepPublish:
		if p.Via != ViaAuthOff && (p.Role != RoleTrainer || p.TokenID != r.ReviewerTokenID) {
			return "", Errorf(EForbidden, "Only the trainer who wrote review %d may change or publish it.", r.ID)
		}
		if r.Status != ReviewDraft {
			return "", Worded(EConflict, "review.not-draft", map[string]any{"Review": r.ID, "Status": string(r.Status)},
				"Review %d is %s; only a draft can be changed or published.", r.ID, r.Status)
		}
		if step == StepPublish {
			if r.Rating == 0 {
				return "", Errorf(EInvalid, "Review %d has no rating; give a rating from 1 to 5 before publishing.", r.ID)
			}
			return ReviewPublished, nil
		}
		return ReviewDraft, nil
	case StepAcknowledge, StepDispute:
		if !p.Is(r.AgentID) {
			return "", Errorf(EForbidden, "Only the agent of call %d may acknowledge or dispute its reviews.", r.CallID)
		}
		switch r.Status {
		case ReviewDraft:
			return "", Worded(EConflict, "review.not-published", map[string]any{"Review": r.ID},
				"Review %d is not published yet; it can be acknowledged or disputed once the trainer publishes it.", r.ID)
		case ReviewAcknowledged:
			if step == StepAcknowledge {
				return "", Worded(EConflict, "review.acknowledged", map[string]any{"Review": r.ID}, "Review %d is acknowledged already.", r.ID)
			}
			return "", Worded(EConflict, "review.acknowledged-undisputable", map[string]any{"Review": r.ID},
				"Review %d is acknowledged already; it can no longer be disputed.", r.ID)
		case ReviewDisputed:
			if step == StepAcknowledge {
				return "", Worded(EConflict, "review.open-disputes", map[string]any{"Review": r.ID, "Open": r.OpenDisputes()},
					"Review %d has %d open dispute(s); acknowledge it once the trainer has answered.", r.ID, r.OpenDisputes())
			}
		}
		if step == StepAcknowledge {
			return ReviewAcknowledged, nil
		}
		return ReviewDisputed, nil
	case StepResolve:
		if !p.Can(RoleTrainer) {
			return "", Errorf(EForbidden, "Only a trainer may resolve a dispute.")
		}
		if r.Status != ReviewDisputed {
			return "", Worded(EConflict, "review.no-open-dispute", map[string]any{"Review": r.ID}, "Review %d has no open dispute.", r.ID)
		}
		if r.OpenDisputes() <= 1 {
			// The last open dispute answered: the review awaits the
			// agent's acknowledgement again.
			return ReviewPublished, nil
		}
		return ReviewDisputed, nil
	}
	return "", fmt.Errorf("review %d: unknown step %q", r.ID, step)
}

// CheckDispute checks that in disputes something r says: a label the
// trainer gave, or a comment they wrote, on a turn of r.
func (r *Review) CheckDispute(in DisputeInput) error {
	t := r.Turn(in.TurnID)
	switch {
	case t == nil && in.Turn != 0:
		return Errorf(EInvalid, "Review %d says nothing about turn %d; dispute a label or comment the review gives.", r.ID, in.Turn)
	case t == nil:
		return Errorf(EInvalid, "Review %d says nothing about turn_id %d; dispute a label or comment the review gives.", r.ID, in.TurnID)
	case in.About == DisputeLabel && t.Octant == "":
		return Errorf(EInvalid, "Review %d gives turn %d no label of its own; dispute its comment instead.", r.ID, t.TurnIndex+1)
	case in.About == DisputeComment && t.Comment == "":
		return Errorf(EInvalid, "Review %d has no comment on turn %d; dispute its label instead.", r.ID, t.TurnIndex+1)
	}
	return nil
}

// NumberTurn fills in.TurnID from in.Turn, the turn's number in the call,
// by the turns r says something about; a dispute of any other turn has
// nothing to dispute. A number and an id of different turns is EInvalid.
func (r *Review) NumberTurn(in *DisputeInput) error {
	if in.Turn == 0 {
		return nil
	}
	for _, t := range r.Turns {
		if t.TurnIndex+1 != in.Turn {
			continue
		}
		if in.TurnID != 0 && in.TurnID != t.TurnID {
			return Errorf(EInvalid, "turn %d and turn_id %d are different turns; give one of them.", in.Turn, in.TurnID)
		}
		in.TurnID = t.TurnID
		return nil
	}
	if in.TurnID != 0 && r.Turn(in.TurnID) != nil {
		return Errorf(EInvalid, "turn %d and turn_id %d are different turns; give one of them.", in.Turn, in.TurnID)
	}
	return Errorf(EInvalid, "Review %d says nothing about turn %d; dispute a label or comment the review gives.", r.ID, in.Turn)
}

// checkText checks free text a person wrote: valid UTF-8, at most max
// characters, no control characters but line breaks and tabs.
func checkText(field, v string, max int) error {
	if !utf8.ValidString(v) {
		return Errorf(EInvalid, "%s is not valid UTF-8.", field)
	}
	if n := utf8.RuneCountInString(v); n > max {
		return Errorf(EInvalid, "%s is %d characters long; it may have at most %d.", field, n, max)
	}
	if i, ok := ControlAt(v); ok {
		return Errorf(EInvalid, "%s holds a control character at position %d; remove it.", field, i+1)
	}
	return nil
}

// octantNames lists the octant ids for messages.
func octantNames() string {
	names := make([]string, len(Octants))
	for i, o := range Octants {
		names[i] = string(o)
	}
	return strings.Join(names, ", ")
}
