package assistant

import (
	"strings"
	"testing"
)

func TestStatusOfCall(t *testing.T) {
	tests := []struct {
		reviews []ReviewStatus
		want    CallReviewStatus
	}{
		{nil, CallNew},
		{[]ReviewStatus{ReviewDraft}, CallInReview},
		{[]ReviewStatus{ReviewPublished}, CallReviewed},
		{[]ReviewStatus{ReviewAcknowledged}, CallAcknowledged},
		{[]ReviewStatus{ReviewDisputed}, CallDisputed},
		// A second trainer's draft beside a published review: the agent's
		// turn comes first.
		{[]ReviewStatus{ReviewPublished, ReviewDraft}, CallReviewed},
		{[]ReviewStatus{ReviewAcknowledged, ReviewDraft}, CallInReview},
		{[]ReviewStatus{ReviewAcknowledged, ReviewPublished}, CallReviewed},
		{[]ReviewStatus{ReviewAcknowledged, ReviewDisputed, ReviewPublished}, CallDisputed},
	}
	for _, tt := range tests {
		if got := StatusOfCall(tt.reviews); got != tt.want {
			t.Errorf("StatusOfCall(%v) = %s, want %s", tt.reviews, got, tt.want)
		}
	}
}

// TestPermit walks the workflow's table: who may take which step in which
// state, and what the review becomes.
func TestPermit(t *testing.T) {
	trainer := Principal{TokenID: 10, Role: RoleTrainer, TeamIDs: []string{"t"}}
	colleague := Principal{TokenID: 11, Role: RoleTrainer, TeamIDs: []string{"t"}}
	agent := Principal{TokenID: 20, Role: RoleAgent, AgentID: "anna"}
	otherAgent := Principal{TokenID: 21, Role: RoleAgent, AgentID: "bram"}
	lead := Principal{TokenID: 30, Role: RoleLead, TeamIDs: []string{"t"}}
	review := func(s ReviewStatus, rating int, open int) *Review {
		r := &Review{ID: 1, CallID: 5, AgentID: "anna", ReviewerTokenID: 10, Status: s, Rating: rating}
		for range open {
			r.Disputes = append(r.Disputes, Dispute{ID: int64(len(r.Disputes) + 1)})
		}
		return r
	}
	tests := []struct {
		name string
		r    *Review
		p    Principal
		step ReviewStep
		want ReviewStatus
		code string
	}{
		{"reviewer edits draft", review(ReviewDraft, 0, 0), trainer, StepEdit, ReviewDraft, ""},
		{"colleague edits draft", review(ReviewDraft, 0, 0), colleague, StepEdit, "", EForbidden},
		{"reviewer edits published", review(ReviewPublished, 3, 0), trainer, StepEdit, "", EConflict},
		{"publish without rating", review(ReviewDraft, 0, 0), trainer, StepPublish, "", EInvalid},
		{"publish", review(ReviewDraft, 4, 0), trainer, StepPublish, ReviewPublished, ""},
		{"publish twice", review(ReviewPublished, 4, 0), trainer, StepPublish, "", EConflict},
		{"agent acknowledges", review(ReviewPublished, 4, 0), agent, StepAcknowledge, ReviewAcknowledged, ""},
		{"colleague agent acknowledges", review(ReviewPublished, 4, 0), otherAgent, StepAcknowledge, "", EForbidden},
		{"lead acknowledges", review(ReviewPublished, 4, 0), lead, StepAcknowledge, "", EForbidden},
		{"acknowledge a draft", review(ReviewDraft, 4, 0), agent, StepAcknowledge, "", EConflict},
		{"acknowledge twice", review(ReviewAcknowledged, 4, 0), agent, StepAcknowledge, "", EConflict},
		{"acknowledge while disputed", review(ReviewDisputed, 4, 1), agent, StepAcknowledge, "", EConflict},
		{"dispute", review(ReviewPublished, 4, 0), agent, StepDispute, ReviewDisputed, ""},
		{"dispute again", review(ReviewDisputed, 4, 1), agent, StepDispute, ReviewDisputed, ""},
		{"dispute a draft", review(ReviewDraft, 4, 0), agent, StepDispute, "", EConflict},
		{"dispute acknowledged", review(ReviewAcknowledged, 4, 0), agent, StepDispute, "", EConflict},
		{"resolve the last", review(ReviewDisputed, 4, 1), colleague, StepResolve, ReviewPublished, ""},
		{"resolve one of two", review(ReviewDisputed, 4, 2), trainer, StepResolve, ReviewDisputed, ""},
		{"agent resolves", review(ReviewDisputed, 4, 1), agent, StepResolve, "", EForbidden},
		{"resolve without dispute", review(ReviewPublished, 4, 0), trainer, StepResolve, "", EConflict},
		{"auth off may all", review(ReviewPublished, 4, 0), AuthOff(), StepAcknowledge, ReviewAcknowledged, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.r.Permit(tt.p, tt.step)
			if code := ErrorCode(err); code != tt.code {
				t.Fatalf("code %q (%v), want %q", code, err, tt.code)
			}
			if got != tt.want {
				t.Errorf("next state %q, want %q", got, tt.want)
			}
			if err != nil && !strings.Contains(ErrorMessage(err), "Review 1") && !strings.Contains(ErrorMessage(err), "call 5") && tt.code != EForbidden {
				t.Errorf("message %q names neither the review nor the call", ErrorMessage(err))
			}
		})
	}
}

func TestReviewInputValidate(t *testing.T) {
	seven, zero, three := 7, 0, 3
	tests := []struct {
		name   string
		in     ReviewInput
		detail string
	}{
		{"fine", ReviewInput{Rating: &three, Note: "Goed.", Turns: []ReviewTurnInput{{TurnID: 1, Octant: Leading}, {TurnID: 2, Comment: "Nice."}}}, ""},
		{"no rating yet", ReviewInput{Note: "Later."}, ""},
		{"rating 7", ReviewInput{Rating: &seven}, "rating 7 is out of range"},
		{"rating 0", ReviewInput{Rating: &zero}, "rating 0 is out of range"},
		{"octant sideways", ReviewInput{Turns: []ReviewTurnInput{{TurnID: 1, Octant: "sideways"}}}, `turns[0].octant "sideways" is not an octant of the rose; use one of helping, leading`},
		{"quadrant for octant", ReviewInput{Turns: []ReviewTurnInput{{TurnID: 1, Octant: "above-together"}}}, `"above-together" is not an octant`},
		{"no turn id", ReviewInput{Turns: []ReviewTurnInput{{Comment: "x"}}}, "turns[0].turn_id is missing"},
		{"turn twice", ReviewInput{Turns: []ReviewTurnInput{{TurnID: 4, Comment: "x"}, {TurnID: 4, Octant: Leading}}}, "turns[1] names turn 4 again"},
		{"nothing said", ReviewInput{Turns: []ReviewTurnInput{{TurnID: 4, Comment: "  "}}}, "says nothing about turn 4"},
		{"control character", ReviewInput{Note: "a\x07b"}, "note holds a control character at position 2"},
		{"note too long", ReviewInput{Note: strings.Repeat("é", MaxNoteRunes+1)}, "note is 10001 characters long"},
		{"focus without text", ReviewInput{Focus: []FocusPoint{{GoalIDs: []int64{1}}}}, "focus[0].text is empty"},
		{"zero goal", ReviewInput{Focus: []FocusPoint{{Text: "x", GoalIDs: []int64{0}}}}, "focus[0].goal_ids[0] is 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.in.Validate()
			if tt.detail == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if ErrorCode(err) != EInvalid || !strings.Contains(ErrorMessage(err), tt.detail) {
				t.Errorf("%v, want invalid naming %q", err, tt.detail)
			}
		})
	}
	for _, tt := range []struct {
		in     DisputeInput
		detail string
	}{
		{DisputeInput{About: DisputeLabel, Comment: "x"}, "turn_id is missing"},
		{DisputeInput{TurnID: 1, Comment: "x"}, "about is missing"},
		{DisputeInput{TurnID: 1, About: DisputeLabel, Comment: "\n"}, "comment is empty"},
	} {
		if err := tt.in.Validate(); ErrorCode(err) != EInvalid || !strings.Contains(ErrorMessage(err), tt.detail) {
			t.Errorf("%+v: %v, want invalid naming %q", tt.in, err, tt.detail)
		}
	}
	if err := (&ResolveInput{Answer: "ok", Octant: "up"}).Validate(); ErrorCode(err) != EInvalid {
		t.Errorf("an answer with a bad octant: %v", err)
	}
}

func TestPrincipalCan(t *testing.T) {
	trainer := Principal{Role: RoleTrainer, TeamIDs: []string{"t"}}
	if !trainer.Can(RoleTrainer, RoleLead) || trainer.Can(RoleAdmin) {
		t.Error("a trainer's roles are misread")
	}
	if !AuthOff().Can(RoleAgent) || !AuthOff().Is("anyone") {
		t.Error("with authentication off every step is allowed")
	}
	if CommandLine().Can(RoleTrainer) || CommandLine().Is("anna") {
		t.Error("the command line is an admin, not a trainer or an agent")
	}
	agent := Principal{Role: RoleAgent, AgentID: "anna"}
	if !agent.Is("anna") || agent.Is("bram") {
		t.Error("an agent is themselves only")
	}
	if s := (Principal{Role: RoleTrainer}).Scope(); s.Allows("anna", "t") || s.Allows("anna", "") {
		t.Error("a trainer without teams reads something")
	}
}

// A dispute may name its turn by number, as people see it: NumberTurn
// finds the id among the turns the review speaks of.
func TestNumberTurn(t *testing.T) {
	r := &Review{ID: 3, Turns: []ReviewTurn{{TurnID: 122, Turn: 7, TurnIndex: 6}, {TurnID: 130, Turn: 15, TurnIndex: 14}}}
	tests := []struct {
		name string
		in   DisputeInput
		id   int64
		err  string
	}{
		{"by number", DisputeInput{Turn: 7}, 122, ""},
		{"by id", DisputeInput{TurnID: 130}, 130, ""},
		{"both, agreeing", DisputeInput{Turn: 15, TurnID: 130}, 130, ""},
		{"both, disagreeing", DisputeInput{Turn: 7, TurnID: 130}, 130, "turn 7 and turn_id 130 are different turns"},
		{"a number the review says nothing about", DisputeInput{Turn: 8}, 0, "Review 3 says nothing about turn 8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			err := r.NumberTurn(&in)
			if tt.err == "" {
				if err != nil || in.TurnID != tt.id {
					t.Errorf("turn_id %d, %v; want %d", in.TurnID, err, tt.id)
				}
				return
			}
			if ErrorCode(err) != EInvalid || !strings.Contains(ErrorMessage(err), tt.err) {
				t.Errorf("%v, want invalid naming %q", err, tt.err)
			}
		})
	}
}
