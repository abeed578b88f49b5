package coach_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/assistant/mock"
)

var (
	ilse  = assistant.Principal{Name: "Ilse", Role: assistant.RoleTrainer, TokenID: 11, Via: assistant.ViaToken}
	joost = assistant.Principal{Name: "Joost", Role: assistant.RoleTrainer, TokenID: 12, Via: assistant.ViaToken}
	anna  = assistant.Principal{Name: "Anna", Role: assistant.RoleAgent, AgentID: "agent-anna", TokenID: 21, Via: assistant.ViaToken}
)

// disputedReview is Ilse's published review of a call of Anna's with a
// label and a comment on turn 100 and an open dispute of the label.
func disputedReview() *assistant.Review {
	return &assistant.Review{
		ID: 7, CallID: 3, AgentID: "agent-anna", ReviewerTokenID: ilse.TokenID, Reviewer: "Ilse",
		Status: assistant.ReviewDisputed, Rating: 3,
		Turns: []assistant.ReviewTurn{{TurnID: 100, Turn: 7, TurnIndex: 6, Comment: "Je dreigt hier.", Octant: assistant.Aggressive}},
		Disputes: []assistant.Dispute{
			{ID: 40, TurnID: 100, About: assistant.DisputeLabel, Comment: "Ik was duidelijk.", CreatedAt: now()},
		},
	}
}

func TestCheckRelabel(t *testing.T) {
	r := disputedReview()
	relabel := assistant.ResolveInput{Answer: "Eens: eerder concurrerend.", Octant: assistant.Competitive}
	keep := assistant.ResolveInput{Answer: "I keep the label: the threat was clear."}
	if err := coach.CheckRelabel(ilse, r, relabel); err != nil {
		t.Errorf("the author relabels: %v", err)
	}
	if err := coach.CheckRelabel(joost, r, keep); err != nil {
		t.Errorf("another trainer answers keeping the label: %v", err)
	}
	if err := coach.CheckRelabel(assistant.AuthOff(), r, relabel); err != nil {
		t.Errorf("authentication off: %v", err)
	}
	for name, by := range map[string]assistant.Principal{"other trainer": joost, "agent": anna} {
		err := coach.CheckRelabel(by, r, relabel)
		if assistant.ErrorCode(err) != assistant.EForbidden || !strings.Contains(assistant.ErrorMessage(err), "Only Ilse, who wrote review 7") {
			t.Errorf("%s relabels: %v, want forbidden naming Ilse", name, err)
		}
	}
}

func TestCheckDispute(t *testing.T) {
	r := disputedReview()
	tests := []struct {
		name string
		by   assistant.Principal
		in   assistant.DisputeInput
		code string
		want string
	}{
		{"label again (nl)", anna, assistant.DisputeInput{TurnID: 100, About: assistant.DisputeLabel, Comment: "Nog steeds niet eens."}, assistant.EConflict, "Dispute 40 of the label of turn 7 in review 7 is open already"},
		{"label again (en)", anna, assistant.DisputeInput{TurnID: 100, About: assistant.DisputeLabel, Comment: "Still not agreed."}, assistant.EConflict, "Dispute 40 of the label"},
		{"the comment", anna, assistant.DisputeInput{TurnID: 100, About: assistant.DisputeComment, Comment: "I did not threaten."}, "", ""},
		{"a colleague", assistant.Principal{Role: assistant.RoleAgent, AgentID: "agent-bram", Via: assistant.ViaToken}, assistant.DisputeInput{TurnID: 100, About: assistant.DisputeComment, Comment: "x"}, assistant.EForbidden, "Only the agent"},
		{"a turn not reviewed", anna, assistant.DisputeInput{TurnID: 101, About: assistant.DisputeComment, Comment: "x"}, assistant.EInvalid, "says nothing about turn_id 101"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := coach.CheckDispute(tt.by, r, tt.in)
			var ode *assistant.OpenDisputeError
			code := assistant.ErrorCode(err)
			msg := assistant.ErrorMessage(err)
			if errors.As(err, &ode) {
				code, msg = assistant.EConflict, err.Error()
			}
			if code != tt.code || !strings.Contains(msg, tt.want) {
				t.Errorf("%v, want %q naming %q", err, tt.code, tt.want)
			}
		})
	}
	// Answered, the label may be disputed again.
	r.Disputes[0].Answer, r.Disputes[0].ResolvedAt = "Ik houd het.", now().Add(time.Hour)
	if err := coach.CheckDispute(anna, r, assistant.DisputeInput{TurnID: 100, About: assistant.DisputeLabel, Comment: "Toch niet."}); err != nil {
		t.Errorf("disputing an answered label again: %v", err)
	}
}

// TestServiceRulesBeforeStore checks that the service applies the rules
// before the store is asked to change anything.
func TestServiceRulesBeforeStore(t *testing.T) {
	ctx := context.Background()
	changed := 0
	st := &mock.CallStore{
		FindReviewFn: func(context.Context, assistant.Principal, int64) (*assistant.Review, error) {
			return disputedReview(), nil
		},
		ResolveDisputeFn: func(context.Context, assistant.Principal, int64, int64, assistant.ResolveInput) (*assistant.Review, error) {
			changed++
			return disputedReview(), nil
		},
		DisputeReviewFn: func(context.Context, assistant.Principal, int64, assistant.DisputeInput) (*assistant.Review, error) {
			changed++
			return disputedReview(), nil
		},
	}
	s := &coach.Service{Store: st, Now: now}
	if _, err := s.ResolveDispute(ctx, joost, 7, 40, assistant.ResolveInput{Answer: "Concurrerend.", Octant: assistant.Competitive}); assistant.ErrorCode(err) != assistant.EForbidden {
		t.Errorf("another trainer relabels: %v, want forbidden", err)
	}
	if _, err := s.DisputeReview(ctx, anna, 7, assistant.DisputeInput{TurnID: 100, About: assistant.DisputeLabel, Comment: "Again."}); !errors.As(err, new(*assistant.OpenDisputeError)) {
		t.Errorf("a second dispute of the label: %v, want an OpenDisputeError", err)
	}
	if changed != 0 {
		t.Errorf("the store was asked to change %d times, want 0", changed)
	}
	if _, err := s.ResolveDispute(ctx, ilse, 7, 40, assistant.ResolveInput{Answer: "Concurrerend.", Octant: assistant.Competitive}); err != nil || changed != 1 {
		t.Errorf("the author relabels: %v (store changed %d)", err, changed)
	}
}
