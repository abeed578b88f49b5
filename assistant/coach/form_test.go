package coach_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/assistant/mock"
)

// reviewCall is a call of three turns with ids 11, 12 and 13.
func reviewCall() *assistant.Call {
	c := &assistant.Call{ID: 7, AgentID: "anna", TeamID: "noord"}
	for i := range 3 {
		c.Turns = append(c.Turns, assistant.TurnAnalysis{ID: int64(11 + i), Turn: assistant.Turn{Index: i}})
	}
	return c
}

func rating(n int) *int { return &n }

// Every problem of the form comes back at once, each by its field and in
// both languages.
func TestCheckReviewForm(t *testing.T) {
	long := strings.Repeat("a", assistant.MaxCommentRunes+1)
	tests := []struct {
		name    string
		in      assistant.ReviewInput
		publish bool
		// want is field → a piece of the English and of the Dutch message.
		want map[string][2]string
	}{
		{"a good form", assistant.ReviewInput{Note: "Goed.", Rating: rating(4),
			Turns: []assistant.ReviewTurnInput{{TurnID: 11, Comment: "Mooi.", Octant: assistant.Helping}, {TurnID: 13, Octant: assistant.Leading}},
			Focus: []assistant.FocusPoint{{Text: "Vat samen."}}}, true, nil},
		{"empty comment", assistant.ReviewInput{Turns: []assistant.ReviewTurnInput{{TurnID: 12, Comment: "  "}}}, false,
			map[string][2]string{"comment-12": {"says nothing about turn 2", "Het commentaar op beurt 2 is leeg"}}},
		{"oversized comment", assistant.ReviewInput{Turns: []assistant.ReviewTurnInput{{TurnID: 11, Comment: long}}}, false,
			map[string][2]string{"comment-11": {"turns[0].comment is 4001 characters long; it may have at most 4000", "Het commentaar op beurt 1 is 4001 tekens lang; het maximum is 4000"}}},
		{"unknown turn", assistant.ReviewInput{Turns: []assistant.ReviewTurnInput{{TurnID: 99, Comment: "x"}}}, false,
			map[string][2]string{"turn-99": {"turns[0].turn_id 99 is not a turn of call 7", "Beurt-id 99 hoort niet bij gesprek 7"}}},
		{"unknown label", assistant.ReviewInput{Turns: []assistant.ReviewTurnInput{{TurnID: 12, Octant: "sideways"}}}, false,
			map[string][2]string{"octant-12": {`turns[0].octant "sideways" is not an octant of the rose`, `Label "sideways" van beurt 2 is geen octant van de roos`}}},
		{"focus point without text", assistant.ReviewInput{Focus: []assistant.FocusPoint{{Text: "Vat samen."}, {Text: " "}}}, false,
			map[string][2]string{"focus": {"focus[1].text is empty", "Oefenpunt 2 heeft geen tekst"}}},
		{"rating out of range", assistant.ReviewInput{Rating: rating(7)}, false,
			map[string][2]string{"rating": {"rating 7 is out of range", "Cijfer 7 kan niet"}}},
		{"publishing without a rating", assistant.ReviewInput{Note: "x"}, true,
			map[string][2]string{"rating": {"give a rating from 1 to 5 before publishing", "Geef een cijfer van 1 tot 5 voordat je publiceert"}}},
		{"control character in the note", assistant.ReviewInput{Note: "a\x00b"}, false,
			map[string][2]string{"note": {"note holds a control character at position 2", "In de algemene opmerking staat een stuurteken op positie 2"}}},
		{"several problems at once", assistant.ReviewInput{Rating: rating(0),
			Turns: []assistant.ReviewTurnInput{{TurnID: 11, Comment: "Goed."}, {TurnID: 12, Comment: long}, {TurnID: 13, Octant: "up"}},
			Focus: []assistant.FocusPoint{{Text: ""}}}, false,
			map[string][2]string{"rating": {"rating 0", "Cijfer 0"}, "comment-12": {"4001 characters", "4001 tekens"},
				"octant-13": {`"up" is not an octant`, `"up" van beurt 3`}, "focus": {"focus[0].text is empty", "Oefenpunt 1 heeft geen tekst"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fe := coach.CheckReviewForm(reviewCall(), tt.in, tt.publish)
			if tt.want == nil {
				if fe != nil {
					t.Fatalf("a good form: %v", fe)
				}
				return
			}
			if fe == nil {
				t.Fatalf("no problems, want %v", tt.want)
			}
			if len(fe.Problems) != len(tt.want) {
				t.Errorf("%d problems %+v, want %d", len(fe.Problems), fe.Problems, len(tt.want))
			}
			for field, w := range tt.want {
				en, nl := fe.Field(field, assistant.English), fe.Field(field, assistant.Dutch)
				if len(en) != 1 || !strings.Contains(en[0], w[0]) {
					t.Errorf("%s in English: %q, want %q", field, en, w[0])
				}
				if len(nl) != 1 || !strings.Contains(nl[0], w[1]) {
					t.Errorf("%s in Dutch: %q, want %q", field, nl, w[1])
				}
			}
			// The API answers it as any invalid input, in English.
			if assistant.ErrorCode(fe) != assistant.EInvalid || !strings.Contains(assistant.ErrorMessage(fe), fe.Problems[0].EN) {
				t.Errorf("as an error: %s %q", assistant.ErrorCode(fe), assistant.ErrorMessage(fe))
			}
		})
	}
}

// SaveReview checks the form against the call before it stores anything,
// refuses a published review before reading the form, and is for trainers.
func TestSaveReviewChecksTheFormFirst(t *testing.T) {
	ctx := context.Background()
	trainer := assistant.Principal{Role: assistant.RoleTrainer, TokenID: 5, TeamIDs: []string{"noord"}}
	var saved []assistant.ReviewSave
	st := &mock.CallStore{
		FindCallByIDFn: func(context.Context, assistant.Scope, int64) (*assistant.Call, error) { return reviewCall(), nil },
		FindReviewFn: func(_ context.Context, _ assistant.Principal, id int64) (*assistant.Review, error) {
			status := assistant.ReviewDraft
			if id == 2 {
				status = assistant.ReviewPublished
			}
			return &assistant.Review{ID: id, CallID: 7, ReviewerTokenID: 5, Status: status}, nil
		},
		SaveReviewFn: func(_ context.Context, _ assistant.Principal, s assistant.ReviewSave) (*assistant.Review, error) {
			saved = append(saved, s)
			return &assistant.Review{ID: 1, CallID: 7}, nil
		},
	}
	svc := &coach.Service{Store: st}
	bad := assistant.ReviewInput{Turns: []assistant.ReviewTurnInput{{TurnID: 99, Comment: "x"}}}
	good := assistant.ReviewInput{Rating: rating(4), Turns: []assistant.ReviewTurnInput{{TurnID: 12, Comment: "Goed."}}}

	_, err := svc.SaveReview(ctx, trainer, assistant.ReviewSave{CallID: 7, Input: bad})
	var fe *coach.FormError
	if !errors.As(err, &fe) || len(fe.Field("turn-99", assistant.English)) != 1 {
		t.Errorf("a turn of another call: %v, want a form error on turn-99", err)
	}
	if _, err := svc.SaveReview(ctx, trainer, assistant.ReviewSave{ReviewID: 2, Input: good}); assistant.ErrorCode(err) != assistant.EConflict || !strings.Contains(assistant.ErrorMessage(err), "only a draft") {
		t.Errorf("saving a published review: %v, want conflict", err)
	}
	if _, err := svc.SaveReview(ctx, trainer, assistant.ReviewSave{ReviewID: 1, CallID: 8, Input: good}); assistant.ErrorCode(err) != assistant.EInvalid {
		t.Errorf("a draft named with another call: %v, want invalid", err)
	}
	agent := assistant.Principal{Role: assistant.RoleAgent, AgentID: "anna"}
	if _, err := svc.SaveReview(ctx, agent, assistant.ReviewSave{CallID: 7, Input: good}); assistant.ErrorCode(err) != assistant.EForbidden {
		t.Errorf("an agent saving a review: %v, want forbidden", err)
	}
	if len(saved) != 0 {
		t.Fatalf("refused saves reached the store: %+v", saved)
	}
	if _, err := svc.SaveReview(ctx, trainer, assistant.ReviewSave{ReviewID: 1, Input: good, Publish: true}); err != nil || len(saved) != 1 || !saved[0].Publish {
		t.Errorf("a good save: %v, stored %+v", err, saved)
	}
}

// Names gives agents and teams their names, and their ids where they have
// none or are not the reader's to see.
func TestNames(t *testing.T) {
	asked := 0
	st := &mock.CallStore{
		FindAgentByIDFn: func(_ context.Context, _ assistant.Scope, id string) (*assistant.AgentProfile, error) {
			asked++
			if id == "anna" {
				return &assistant.AgentProfile{ID: id, Name: "Anna de Boer"}, nil
			}
			return nil, assistant.Errorf(assistant.ENotFound, "agent %s not found", id)
		},
		FindTeamByIDFn: func(_ context.Context, _ assistant.Scope, id string) (*assistant.Team, error) {
			if id == "noord" {
				return &assistant.Team{ID: id, Name: "Team Noord"}, nil
			}
			return &assistant.Team{ID: id}, nil
		},
	}
	n, err := (&coach.Service{Store: st}).Names(context.Background(), assistant.Principal{Role: assistant.RoleLead, TeamIDs: []string{"noord"}},
		[]string{"anna", "anna", "bram"}, []string{"noord", "zuid"})
	if err != nil {
		t.Fatal(err)
	}
	if n.Agent("anna") != "Anna de Boer" || n.Agent("bram") != "bram" || n.Team("noord") != "Team Noord" || n.Team("zuid") != "zuid" {
		t.Errorf("names: %s, %s, %s, %s", n.Agent("anna"), n.Agent("bram"), n.Team("noord"), n.Team("zuid"))
	}
	if asked != 2 {
		t.Errorf("asked the store for %d agents, want each once (2)", asked)
	}
}

// The dispute and resolve forms list every problem at once, by field and
// in both languages, as the review form does.
func TestCheckDisputeAndResolveForms(t *testing.T) {
	long := strings.Repeat("a", assistant.MaxCommentRunes+1)
	tests := []struct {
		name string
		fe   *coach.FormError
		want map[string][2]string
	}{
		{"a good dispute", coach.CheckDisputeForm(assistant.DisputeInput{Turn: 7, About: assistant.DisputeLabel, Comment: "Ik leidde."}), nil},
		{"an empty dispute", coach.CheckDisputeForm(assistant.DisputeInput{Comment: "  "}), map[string][2]string{
			"turn":    {"turn_id is missing", "Kies de beurt waartegen je bezwaar maakt."},
			"about":   {"about is missing", "Kies of je bezwaar maakt tegen het label of tegen het commentaar."},
			"comment": {"comment is empty; say why you see it differently.", "Je uitleg is leeg; zeg waarom je het anders ziet."}}},
		{"a long dispute about something unknown", coach.CheckDisputeForm(assistant.DisputeInput{TurnID: 3, About: "tone", Comment: long}), map[string][2]string{
			"about":   {`about "tone" is not known`, `Bezwaar "tone" kan niet`},
			"comment": {"comment is 4001 characters long", "Je uitleg is 4001 tekens lang"}}},
		{"a good answer", coach.CheckResolveForm(assistant.ResolveInput{Answer: "Het label blijft.", Octant: assistant.Leading}), nil},
		{"an empty answer with an unknown label", coach.CheckResolveForm(assistant.ResolveInput{Answer: " ", Octant: "up"}), map[string][2]string{
			"answer": {"answer is empty; tell the agent what you decided and why.", "Je antwoord is leeg; vertel de medewerker wat je besloot en waarom."},
			"octant": {`octant "up" is not an octant of the rose`, `Label "up" is geen octant van de roos`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.want == nil {
				if tt.fe != nil {
					t.Fatalf("a good form: %v", tt.fe)
				}
				return
			}
			if tt.fe == nil || len(tt.fe.Problems) != len(tt.want) {
				t.Fatalf("problems %v, want %d", tt.fe, len(tt.want))
			}
			for field, w := range tt.want {
				en, nl := tt.fe.Field(field, assistant.English), tt.fe.Field(field, assistant.Dutch)
				if len(en) != 1 || !strings.Contains(en[0], w[0]) || len(nl) != 1 || !strings.Contains(nl[0], w[1]) {
					t.Errorf("%s: %q and %q, want %q and %q", field, en, nl, w[0], w[1])
				}
			}
			if assistant.ErrorCode(tt.fe) != assistant.EInvalid {
				t.Errorf("as an error: %s", assistant.ErrorCode(tt.fe))
			}
		})
	}
}
