package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/store"
)

// reviewed is a call of agent-anna in team-noord with the people who review
// and answer it.
type reviewed struct {
	db                      *store.DB
	call                    *assistant.Call
	other                   *assistant.Call // a call of another team
	ilse, joost, anna, bram assistant.Principal
	zuid                    assistant.Principal // a trainer of another team
}

func newReviewed(t *testing.T) *reviewed {
	t.Helper()
	ctx := context.Background()
	db := newDB(t)
	r := &reviewed{db: db, call: fullCall(assistant.Dutch, "agent-anna", "r-1"), other: fullCall(assistant.English, "agent-cas", "r-2")}
	r.other.TeamID = "team-zuid"
	for _, c := range []*assistant.Call{r.call, r.other} {
		if _, err := db.CreateCall(ctx, admin, c); err != nil {
			t.Fatal(err)
		}
	}
	r.ilse = principal(t, db, assistant.Token{Name: "Ilse", Role: assistant.RoleTrainer, TeamIDs: []string{"team-noord"}})
	r.joost = principal(t, db, assistant.Token{Name: "Joost", Role: assistant.RoleTrainer, TeamIDs: []string{"team-noord"}})
	r.zuid = principal(t, db, assistant.Token{Name: "Karin", Role: assistant.RoleTrainer, TeamIDs: []string{"team-zuid"}})
	r.anna = principal(t, db, assistant.Token{Name: "Anna", Role: assistant.RoleAgent, AgentID: "agent-anna"})
	r.bram = principal(t, db, assistant.Token{Name: "Bram", Role: assistant.RoleAgent, AgentID: "agent-bram"})
	return r
}

func (r *reviewed) turn(i int) int64 { return r.call.Turns[i].ID }

// goal sets a coaching goal for agent and returns its id.
func (r *reviewed) goal(t *testing.T, agent string, kind ...assistant.GoalKind) int64 {
	t.Helper()
	k := assistant.GoalTargetShare
	if len(kind) > 0 {
		k = kind[0]
	}
	g := &assistant.Goal{AgentID: agent, Kind: k, Threshold: 0.6, StartsOn: assistant.DateOf(time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC))}
	if err := r.db.CreateGoal(context.Background(), admin, g); err != nil {
		t.Fatal(err)
	}
	return g.ID
}

func (r *reviewed) status(t *testing.T) assistant.CallReviewStatus {
	t.Helper()
	c, err := r.db.FindCallByID(context.Background(), all, r.call.ID)
	if err != nil {
		t.Fatal(err)
	}
	return c.ReviewStatus
}

func intp(n int) *int { return &n }

// TestReviewWorkflow walks a review from draft to acknowledged, through a
// dispute, checking the call's status, who sees what, and the audit trail.
func TestReviewWorkflow(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newReviewed(t)
	g1, g2 := r.goal(t, "agent-anna"), r.goal(t, "agent-anna", assistant.GoalClosing)
	in := assistant.ReviewInput{
		Note: "Goed begin; let op dreigen.",
		Turns: []assistant.ReviewTurnInput{
			{TurnID: r.turn(0), Comment: "Jargon: ingebrekestelling.", Octant: assistant.Aggressive},
			{TurnID: r.turn(2), Octant: assistant.Helping},
		},
		Focus: []assistant.FocusPoint{{Text: "Vraag wat haalbaar is.", GoalIDs: []int64{g1, g2}}, {Text: "Vat samen."}},
	}
	draft, err := r.db.CreateReview(ctx, r.ilse, r.call.ID, in)
	if err != nil {
		t.Fatalf("CreateReview: %v", err)
	}
	if draft.Status != assistant.ReviewDraft || draft.Reviewer != "Ilse" || len(draft.Turns) != 2 || len(draft.Focus) != 2 {
		t.Fatalf("draft %+v", draft)
	}
	if got := draft.Turns[0]; got.EngineOctant != assistant.Competitive || got.Octant != assistant.Aggressive || got.TurnIndex != 0 {
		t.Errorf("turn 0 of the review %+v: the engine's competitive beside the trainer's aggressive", got)
	}
	if got := draft.Focus[0].GoalIDs; len(got) != 2 || got[0] != g1 || got[1] != g2 {
		t.Errorf("goal links %v, want [%d %d]", got, g1, g2)
	}
	if s := r.status(t); s != assistant.CallInReview {
		t.Errorf("call status %s after a draft, want in_review", s)
	}
	// A draft is its reviewer's alone.
	for name, p := range map[string]assistant.Principal{"agent": r.anna, "other trainer": r.joost} {
		if _, err := r.db.FindReview(ctx, p, draft.ID); assistant.ErrorCode(err) != assistant.ENotFound {
			t.Errorf("%s reads the draft: %v", name, err)
		}
		if rs, err := r.db.FindReviews(ctx, p, r.call.ID); err != nil || len(rs) != 0 {
			t.Errorf("%s lists %d reviews (%v), want none", name, len(rs), err)
		}
	}
	if _, err := r.db.PublishReview(ctx, r.ilse, draft.ID); assistant.ErrorCode(err) != assistant.EInvalid || !strings.Contains(assistant.ErrorMessage(err), "rating") {
		t.Errorf("publishing without a rating: %v, want invalid naming the rating", err)
	}
	if _, err := r.db.PublishReview(ctx, r.joost, draft.ID); assistant.ErrorCode(err) != assistant.ENotFound {
		t.Errorf("another trainer publishing the draft: %v, want not found", err)
	}
	in.Rating = intp(3)
	if _, err := r.db.UpdateReview(ctx, r.ilse, draft.ID, in); err != nil {
		t.Fatalf("UpdateReview: %v", err)
	}
	published, err := r.db.PublishReview(ctx, r.ilse, draft.ID)
	if err != nil || published.Status != assistant.ReviewPublished || published.PublishedAt.IsZero() {
		t.Fatalf("PublishReview: %+v, %v", published, err)
	}
	if s := r.status(t); s != assistant.CallReviewed {
		t.Errorf("call status %s after publishing, want reviewed", s)
	}
	if _, err := r.db.UpdateReview(ctx, r.ilse, draft.ID, in); assistant.ErrorCode(err) != assistant.EConflict {
		t.Errorf("changing a published review: %v, want conflict", err)
	}
	if _, err := r.db.AcknowledgeReview(ctx, r.bram, draft.ID); assistant.ErrorCode(err) != assistant.ENotFound {
		t.Errorf("a colleague acknowledging: %v, want not found", err)
	}

	disputed, err := r.db.DisputeReview(ctx, r.anna, draft.ID, assistant.DisputeInput{TurnID: r.turn(0), About: assistant.DisputeLabel, Comment: "Ik was duidelijk, niet aanvallend."})
	if err != nil || disputed.Status != assistant.ReviewDisputed || len(disputed.Disputes) != 1 {
		t.Fatalf("DisputeReview: %+v, %v", disputed, err)
	}
	if s := r.status(t); s != assistant.CallDisputed {
		t.Errorf("call status %s after a dispute, want disputed", s)
	}
	if _, err := r.db.AcknowledgeReview(ctx, r.anna, draft.ID); assistant.ErrorCode(err) != assistant.EConflict {
		t.Errorf("acknowledging with a dispute open: %v, want conflict", err)
	}
	d := disputed.Disputes[0]
	if _, err := r.db.ResolveDispute(ctx, r.zuid, draft.ID, d.ID, assistant.ResolveInput{Answer: "x"}); assistant.ErrorCode(err) != assistant.ENotFound {
		t.Errorf("another team's trainer resolving: %v, want not found", err)
	}
	// The author relabels: changing a label is the author's alone (coach.CheckRelabel).
	resolved, err := r.db.ResolveDispute(ctx, r.ilse, draft.ID, d.ID, assistant.ResolveInput{Answer: "Eens: eerder concurrerend.", Octant: assistant.Competitive})
	if err != nil || resolved.Status != assistant.ReviewPublished {
		t.Fatalf("ResolveDispute: %+v, %v", resolved, err)
	}
	if got := resolved.Turns[0]; got.Octant != assistant.Competitive || got.EngineOctant != assistant.Competitive {
		t.Errorf("turn 0 after the answer %+v: trainer's label changed to competitive, engine's kept", got)
	}
	if got := resolved.Disputes[0]; got.Open() || got.Answer == "" || got.Octant != assistant.Competitive {
		t.Errorf("resolved dispute %+v", got)
	}
	if _, err := r.db.ResolveDispute(ctx, r.ilse, draft.ID, d.ID, assistant.ResolveInput{Answer: "nog eens"}); assistant.ErrorCode(err) != assistant.EConflict {
		t.Errorf("resolving twice: %v, want conflict", err)
	}
	if s := r.status(t); s != assistant.CallReviewed {
		t.Errorf("call status %s after the answer, want reviewed again", s)
	}
	acked, err := r.db.AcknowledgeReview(ctx, r.anna, draft.ID)
	if err != nil || acked.Status != assistant.ReviewAcknowledged || acked.AcknowledgedAt.IsZero() {
		t.Fatalf("AcknowledgeReview: %+v, %v", acked, err)
	}
	if s := r.status(t); s != assistant.CallAcknowledged {
		t.Errorf("call status %s, want acknowledged", s)
	}
	if _, err := r.db.DisputeReview(ctx, r.anna, draft.ID, assistant.DisputeInput{TurnID: r.turn(2), About: assistant.DisputeLabel, Comment: "x"}); assistant.ErrorCode(err) != assistant.EConflict {
		t.Errorf("disputing an acknowledged review: %v, want conflict", err)
	}
	// The engine's labels never changed.
	again, err := r.db.FindCallByID(ctx, all, r.call.ID)
	if err != nil {
		t.Fatal(err)
	}
	for i, turn := range again.Turns {
		if turn.Stance.Octant != r.call.Turns[i].Stance.Octant {
			t.Errorf("turn %d's engine octant went from %s to %s", i, r.call.Turns[i].Stance.Octant, turn.Stance.Octant)
		}
	}

	page, err := r.db.FindAudit(ctx, all, assistant.AuditFilter{CallID: r.call.ID})
	if err != nil {
		t.Fatal(err)
	}
	var steps []string
	for i := len(page.Entries) - 1; i >= 0; i-- {
		e := page.Entries[i]
		steps = append(steps, string(e.Action)+" ("+e.Detail+")")
	}
	want := []string{
		"call.create ()",
		"review.create ()",
		"review.update ()",
		"review.publish (draft → published)",
		"dispute.create (label of turn " + itoa(r.turn(0)) + "; published → disputed)",
		"dispute.resolve (label of turn " + itoa(r.turn(0)) + " aggressive → competitive; disputed → published)",
		"review.acknowledge (published → acknowledged)",
	}
	if got := strings.Join(steps, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("audit trail of the call:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}

// TestReviewBadInput checks that a review the workflow refuses stores
// nothing: no review, no turn, no line in the audit trail.
func TestReviewBadInput(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newReviewed(t)
	good := assistant.ReviewInput{Rating: intp(4), Turns: []assistant.ReviewTurnInput{{TurnID: r.turn(0), Comment: "ok"}}}
	annas, bram, cas := r.goal(t, "agent-anna"), r.goal(t, "agent-bram"), r.goal(t, "agent-cas")
	linking := func(goals ...int64) assistant.ReviewInput {
		in := good
		in.Focus = []assistant.FocusPoint{{Text: "Vat samen.", GoalIDs: []int64{annas}}, {Text: "Vraag door.", GoalIDs: goals}}
		return in
	}
	counts := func() map[string]int {
		m := map[string]int{}
		for _, table := range []string{"reviews", "review_turns", "review_focus", "review_disputes", "audit"} {
			m[table], _ = r.db.Count(ctx, table)
		}
		return m
	}
	before := counts()
	tests := []struct {
		name   string
		by     assistant.Principal
		call   int64
		in     assistant.ReviewInput
		code   string
		detail string
	}{
		{"TurnOfAnotherCall", r.ilse, r.call.ID, assistant.ReviewInput{Turns: []assistant.ReviewTurnInput{{TurnID: r.turn(1), Comment: "ok"}, {TurnID: r.other.Turns[0].ID, Comment: "x"}}},
			assistant.EInvalid, "turns[1].turn_id " + itoa(r.other.Turns[0].ID) + " is not a turn of call " + itoa(r.call.ID)},
		{"NoSuchOctant", r.ilse, r.call.ID, assistant.ReviewInput{Turns: []assistant.ReviewTurnInput{{TurnID: r.turn(0), Octant: "sideways"}}}, assistant.EInvalid, `octant "sideways" is not an octant`},
		{"RatingSeven", r.ilse, r.call.ID, assistant.ReviewInput{Rating: intp(7)}, assistant.EInvalid, "rating 7 is out of range"},
		{"RatingZero", r.ilse, r.call.ID, assistant.ReviewInput{Rating: intp(0)}, assistant.EInvalid, "rating 0 is out of range"},
		{"TurnTwice", r.ilse, r.call.ID, assistant.ReviewInput{Turns: []assistant.ReviewTurnInput{{TurnID: r.turn(0), Comment: "a"}, {TurnID: r.turn(0), Octant: assistant.Helping}}}, assistant.EInvalid, "again"},
		{"EmptyTurnEntry", r.ilse, r.call.ID, assistant.ReviewInput{Turns: []assistant.ReviewTurnInput{{TurnID: r.turn(0)}}}, assistant.EInvalid, "says nothing"},
		{"EmptyFocus", r.ilse, r.call.ID, assistant.ReviewInput{Focus: []assistant.FocusPoint{{Text: " "}}}, assistant.EInvalid, "focus[0].text is empty"},
		{"NegativeGoal", r.ilse, r.call.ID, assistant.ReviewInput{Focus: []assistant.FocusPoint{{Text: "x", GoalIDs: []int64{-1}}}}, assistant.EInvalid, "goal_ids[0]"},
		{"NoSuchGoal", r.ilse, r.call.ID, linking(annas, 999999), assistant.EInvalid, "focus[1].goal_ids[1] 999999 is not a goal of agent agent-anna"},
		{"GoalOfAColleague", r.ilse, r.call.ID, linking(bram), assistant.EInvalid, "focus[1].goal_ids[0] " + itoa(bram) + " is not a goal of agent agent-anna"},
		{"GoalOfAnotherTeam", r.ilse, r.call.ID, linking(cas), assistant.EInvalid, "focus[1].goal_ids[0] " + itoa(cas) + " is not a goal of agent agent-anna"},
		{"OtherTeamsCall", r.ilse, r.other.ID, good, assistant.ENotFound, "call " + itoa(r.other.ID) + " not found"},
		{"NoSuchCall", r.ilse, 999999, good, assistant.ENotFound, "call 999999 not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := r.db.CreateReview(ctx, tt.by, tt.call, tt.in)
			if assistant.ErrorCode(err) != tt.code || !strings.Contains(assistant.ErrorMessage(err), tt.detail) {
				t.Errorf("%v, want %s naming %q", err, tt.code, tt.detail)
			}
		})
	}
	after := counts()
	for table, n := range before {
		if after[table] != n {
			t.Errorf("%s: %d rows after refused reviews, want %d", table, after[table], n)
		}
	}

	rv, err := r.db.CreateReview(ctx, r.ilse, r.call.ID, good)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.db.CreateReview(ctx, r.ilse, r.call.ID, good); assistant.ErrorCode(err) != assistant.EConflict || !strings.Contains(assistant.ErrorMessage(err), "review "+itoa(rv.ID)) {
		t.Errorf("a second review by the same trainer: %v, want conflict naming review %d", err, rv.ID)
	}
	dispute := assistant.DisputeInput{TurnID: r.turn(0), About: assistant.DisputeComment, Comment: "Niet eens."}
	if _, err := r.db.DisputeReview(ctx, r.anna, rv.ID, dispute); assistant.ErrorCode(err) != assistant.ENotFound {
		t.Errorf("the agent disputing a draft: %v, want not found: for the agent it does not exist", err)
	}
	if _, err := r.db.PublishReview(ctx, r.ilse, rv.ID); err != nil {
		t.Fatal(err)
	}
	before = counts()
	for _, tt := range []struct {
		name   string
		in     assistant.DisputeInput
		detail string
	}{
		{"LabelNotGiven", assistant.DisputeInput{TurnID: r.turn(0), About: assistant.DisputeLabel, Comment: "x"}, "no label of its own"},
		{"TurnNotReviewed", assistant.DisputeInput{TurnID: r.turn(3), About: assistant.DisputeComment, Comment: "x"}, "says nothing about turn"},
		{"NoComment", assistant.DisputeInput{TurnID: r.turn(0), About: assistant.DisputeComment}, "comment is empty"},
		{"UnknownAbout", assistant.DisputeInput{TurnID: r.turn(0), About: "tone", Comment: "x"}, `about "tone"`},
	} {
		_, err := r.db.DisputeReview(ctx, r.anna, rv.ID, tt.in)
		if assistant.ErrorCode(err) != assistant.EInvalid || !strings.Contains(assistant.ErrorMessage(err), tt.detail) {
			t.Errorf("%s: %v, want invalid naming %q", tt.name, err, tt.detail)
		}
	}
	if after := counts(); after["review_disputes"] != before["review_disputes"] || after["audit"] != before["audit"] {
		t.Errorf("refused disputes left rows: %v, before %v", after, before)
	}
	if s := r.status(t); s != assistant.CallReviewed {
		t.Errorf("call status %s after refused disputes, want reviewed", s)
	}
}

// TestFindTrainerLabels checks that calibration reads published labels
// only, of calls in scope, each beside the engine's.
func TestFindTrainerLabels(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := newReviewed(t)
	for _, p := range []struct {
		by      assistant.Principal
		octant  assistant.Octant
		publish bool
	}{{r.ilse, assistant.Competitive, true}, {r.joost, assistant.Aggressive, false}} {
		rv, err := r.db.CreateReview(ctx, p.by, r.call.ID, assistant.ReviewInput{Rating: intp(3), Turns: []assistant.ReviewTurnInput{{TurnID: r.turn(0), Octant: p.octant}, {TurnID: r.turn(1), Comment: "alleen een opmerking"}}})
		if err != nil {
			t.Fatal(err)
		}
		if p.publish {
			if _, err := r.db.PublishReview(ctx, p.by, rv.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	labels, err := r.db.FindTrainerLabels(ctx, r.ilse.Scope(), assistant.CalibrationFilter{TeamID: "team-noord"})
	if err != nil {
		t.Fatal(err)
	}
	if len(labels) != 1 || labels[0].Engine != assistant.Competitive || labels[0].Trainer != assistant.Competitive || labels[0].ReviewerTokenID != r.ilse.TokenID {
		t.Errorf("labels %+v, want Ilse's one published label beside the engine's", labels)
	}
	if labels, err := r.db.FindTrainerLabels(ctx, r.zuid.Scope(), assistant.CalibrationFilter{}); err != nil || len(labels) != 0 {
		t.Errorf("another team's trainer reads %d labels (%v), want none", len(labels), err)
	}
}
