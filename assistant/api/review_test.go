package api_test

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
)

const js = "application/json"

// TestReviewWorkflowHTTP: a trainer reviews a call, the agent disputes a
// label, the trainer resolves the dispute, the agent acknowledges, and the
// audit trail shows each step with who took it, over real HTTP with real
// tokens.
func TestReviewWorkflowHTTP(t *testing.T) {
	o := newOrg(t)
	call := o.calls["agent-anna"]
	ilse, anna := o.tok["trainer-noord"], o.tok["anna"]
	status := func() assistant.CallReviewStatus {
		t.Helper()
		var c assistant.Call
		o.doAs(anna, "GET", fmt.Sprintf("/v1/calls/%d", call.ID), "", nil, &c)
		return c.ReviewStatus
	}
	if s := status(); s != assistant.CallNew {
		t.Fatalf("a new call's status: %s", s)
	}
	t0, t4 := call.Turns[0], call.Turns[4]
	goal := o.goal(ilse, "agent-anna")
	comment := "Je dreigt hier met de deurwaarder; vraag eerst wat haalbaar is."
	body := fmt.Sprintf(`{
		"note": "Duidelijk gesprek, maar het dreigen kost je de klant.",
		"turns": [
			{"turn_id": %d, "comment": %q, "octant": "aggressive"},
			{"turn_id": %d, "octant": %q}
		],
		"focus": [{"text": "Vraag wat de klant kan betalen voordat je gevolgen noemt.", "goal_ids": [%d]}]
	}`, t4.ID, comment, t0.ID, t0.Stance.Octant, goal)
	var r assistant.Review
	res := o.doAs(ilse, "POST", fmt.Sprintf("/v1/calls/%d/reviews", call.ID), js, []byte(body), &r)
	if res.StatusCode != http.StatusCreated || r.Status != assistant.ReviewDraft || res.Header.Get("Location") != fmt.Sprintf("/v1/reviews/%d", r.ID) {
		t.Fatalf("POST review: %d %+v (Location %q)", res.StatusCode, r, res.Header.Get("Location"))
	}
	if got := r.Turn(t4.ID); got == nil || got.EngineOctant != t4.Stance.Octant || got.Octant != assistant.Aggressive {
		t.Errorf("turn %d in the review: %+v; want the engine's %s beside the trainer's aggressive", t4.ID, got, t4.Stance.Octant)
	}
	if s := status(); s != assistant.CallInReview {
		t.Errorf("status after the draft: %s, want in_review", s)
	}
	var list struct{ Reviews []assistant.Review }
	o.doAs(anna, "GET", fmt.Sprintf("/v1/calls/%d/reviews", call.ID), "", nil, &list)
	if len(list.Reviews) != 0 {
		t.Errorf("the agent sees %d reviews while it is a draft", len(list.Reviews))
	}
	// Save the rating, then publish.
	rated := strings.Replace(body, `"note"`, `"rating": 3, "note"`, 1)
	if res := o.doAs(ilse, "PUT", fmt.Sprintf("/v1/reviews/%d", r.ID), js, []byte(rated), &r); res.StatusCode != 200 || r.Rating != 3 {
		t.Fatalf("PUT review: %d %+v", res.StatusCode, r)
	}
	if res := o.doAs(ilse, "POST", fmt.Sprintf("/v1/reviews/%d/publish", r.ID), "", nil, &r); res.StatusCode != 200 || r.Status != assistant.ReviewPublished {
		t.Fatalf("publish: %d %+v", res.StatusCode, r)
	}
	if s := status(); s != assistant.CallReviewed {
		t.Errorf("status after publishing: %s, want reviewed", s)
	}
	o.doAs(anna, "GET", fmt.Sprintf("/v1/calls/%d/reviews", call.ID), "", nil, &list)
	if len(list.Reviews) != 1 || list.Reviews[0].Note == "" || len(list.Reviews[0].Focus) != 1 {
		t.Fatalf("the agent reads %+v", list.Reviews)
	}
	if got := list.Reviews[0].Focus[0].GoalIDs; len(got) != 1 || got[0] != goal {
		t.Errorf("the focus point links goals %v, want [%d]", got, goal)
	}
	// The lead reads it too; a colleague does not.
	if res := o.doAs(o.tok["lead-noord"], "GET", fmt.Sprintf("/v1/reviews/%d", r.ID), "", nil, nil); res.StatusCode != 200 {
		t.Errorf("the lead reading the review: %d", res.StatusCode)
	}
	if res := o.doAs(o.tok["bram"], "GET", fmt.Sprintf("/v1/reviews/%d", r.ID), "", nil, nil); res.StatusCode != 404 {
		t.Errorf("a colleague reading the review: %d, want 404", res.StatusCode)
	}

	dispute := fmt.Sprintf(`{"turn_id": %d, "about": "label", "comment": "Ik noemde de gevolgen om eerlijk te zijn, niet om te dreigen."}`, t4.ID)
	if res := o.doAs(anna, "POST", fmt.Sprintf("/v1/reviews/%d/disputes", r.ID), js, []byte(dispute), &r); res.StatusCode != 201 || r.Status != assistant.ReviewDisputed {
		t.Fatalf("dispute: %d %+v", res.StatusCode, r)
	}
	if s := status(); s != assistant.CallDisputed {
		t.Errorf("status after the dispute: %s, want disputed", s)
	}
	d := r.Disputes[0]
	answer := `{"answer": "Je hebt gelijk dat je eerlijk was; de toon was wel concurrerend.", "octant": "competitive"}`
	if res := o.doAs(ilse, "POST", fmt.Sprintf("/v1/reviews/%d/disputes/%d/resolve", r.ID, d.ID), js, []byte(answer), &r); res.StatusCode != 200 || r.Status != assistant.ReviewPublished {
		t.Fatalf("resolve: %d %+v", res.StatusCode, r)
	}
	if got := r.Turn(t4.ID); got.Octant != assistant.Competitive || got.EngineOctant != t4.Stance.Octant {
		t.Errorf("after the answer: %+v; the trainer's label competitive, the engine's %s kept", got, t4.Stance.Octant)
	}
	if res := o.doAs(anna, "POST", fmt.Sprintf("/v1/reviews/%d/acknowledge", r.ID), "", nil, &r); res.StatusCode != 200 || r.Status != assistant.ReviewAcknowledged {
		t.Fatalf("acknowledge: %d %+v", res.StatusCode, r)
	}
	if s := status(); s != assistant.CallAcknowledged {
		t.Errorf("final status: %s, want acknowledged", s)
	}
	var got assistant.Call
	o.do("GET", fmt.Sprintf("/v1/calls/%d", call.ID), "", nil, &got)
	if got.Turns[4].Stance.Octant != t4.Stance.Octant {
		t.Errorf("the engine's octant of turn 4 changed to %s", got.Turns[4].Stance.Octant)
	}

	// The audit trail, oldest first, with who took each step.
	var trail assistant.AuditPage
	o.do("GET", fmt.Sprintf("/v1/audit?call_id=%d&limit=100", call.ID), "", nil, &trail)
	who := map[string]string{}
	for name, tok := range o.tok {
		var me assistant.Principal
		o.doAs(tok, "GET", "/v1/me", "", nil, &me)
		who[fmt.Sprint(me.TokenID)] = name
	}
	var steps []string
	for i := len(trail.Entries) - 1; i >= 0; i-- {
		e := trail.Entries[i]
		if strings.HasSuffix(string(e.Action), ".read") || strings.HasSuffix(string(e.Action), ".list") {
			continue
		}
		steps = append(steps, fmt.Sprintf("%s by %s", e.Action, who[fmt.Sprint(e.TokenID)]))
		for _, text := range []string{comment, "eerlijk", "Duidelijk gesprek"} {
			if strings.Contains(e.Detail, text) {
				t.Errorf("review text in the audit trail: %+v", e)
			}
		}
	}
	want := "call.create by  | review.create by trainer-noord | review.update by trainer-noord | review.publish by trainer-noord | " +
		"dispute.create by anna | dispute.resolve by trainer-noord | review.acknowledge by anna"
	if got := strings.Join(steps, " | "); got != want {
		t.Errorf("audit trail of the call:\n%s\nwant\n%s", got, want)
	}
	reads := 0
	for _, e := range trail.Entries {
		if e.Action == assistant.ActionCallRead && who[fmt.Sprint(e.TokenID)] == "anna" {
			reads++
		}
	}
	if reads == 0 {
		t.Error("the agent's reads of the call are not in the audit trail")
	}
}

// goal sets a coaching goal for agent with token and returns its id.
func (o *org) goal(token, agent string) int64 {
	o.t.Helper()
	var g assistant.Goal
	if res := o.doAs(token, "POST", "/v1/agents/"+agent+"/goals", js, []byte(`{"kind": "target-share", "threshold": 0.6}`), &g); res.StatusCode != http.StatusCreated {
		o.t.Fatalf("POST goal for %s: %d", agent, res.StatusCode)
	}
	return g.ID
}

// TestReviewGoalLinksHTTP links focus points to goals that are not the
// call's agent's: one that does not exist, one of a colleague in the
// trainer's team, one of an agent of another team. Each is refused with a
// 400 that names the goal id, the same words for a goal outside the
// trainer's scope as for one that does not exist, and nothing of the
// review is stored, neither by POST nor by PUT; the agent's own goal is
// taken.
func TestReviewGoalLinksHTTP(t *testing.T) {
	o := newOrg(t)
	anna, bram := o.calls["agent-anna"], o.calls["agent-bram"]
	ilse, joost := o.tok["trainer-noord"], o.tok["trainer-noord-2"]
	bramGoal, annaGoal := o.goal(ilse, "agent-bram"), o.goal(o.tok["lead-noord"], "agent-anna")
	casGoal := o.goal(o.tok["trainer-zuid"], "agent-cas")
	const missing = 987654
	var draft assistant.Review
	if res := o.doAs(joost, "POST", fmt.Sprintf("/v1/calls/%d/reviews", anna.ID), js,
		[]byte(fmt.Sprintf(`{"note": "Eerste versie.", "turns": [{"turn_id": %d, "comment": "Goed."}], "focus": [{"text": "Vat samen.", "goal_ids": [%d]}]}`, anna.Turns[0].ID, annaGoal)), &draft); res.StatusCode != http.StatusCreated {
		t.Fatalf("draft: %d", res.StatusCode)
	}
	counts := func() string {
		return fmt.Sprint(o.count("reviews"), o.count("review_turns"), o.count("review_focus"), o.count("review_disputes"),
			o.count("audit WHERE action NOT LIKE '%.read' AND action NOT LIKE '%.list'"), o.count("calls WHERE review_status <> 'new'"))
	}
	before := counts()
	// A review with a good turn, a good focus point and a bad link in the
	// second one: the bad link must undo the rest too.
	body := func(call assistant.Call, good, bad int64) []byte {
		return []byte(fmt.Sprintf(`{"note": "Samen leiden.", "rating": 4,
			"turns": [{"turn_id": %d, "comment": "Mooi samengevat.", "octant": "helping"}],
			"focus": [{"text": "Vat samen.", "goal_ids": [%d]}, {"text": "Vraag door.", "goal_ids": [%d, %d]}]}`, call.Turns[0].ID, good, good, bad))
	}
	answers := map[string]struct {
		Status       any
		Code, Detail string
	}{}
	for _, tt := range []struct {
		name, method, path string
		body               []byte
		goal               int64
		agent              string
	}{
		{"goal that does not exist", "POST", fmt.Sprintf("/v1/calls/%d/reviews", bram.ID), body(bram, bramGoal, missing), missing, "agent-bram"},
		{"goal of another team's agent", "POST", fmt.Sprintf("/v1/calls/%d/reviews", bram.ID), body(bram, bramGoal, casGoal), casGoal, "agent-bram"},
		{"goal of a colleague", "POST", fmt.Sprintf("/v1/calls/%d/reviews", bram.ID), body(bram, bramGoal, annaGoal), annaGoal, "agent-bram"},
		{"draft changed to a goal that does not exist", "PUT", fmt.Sprintf("/v1/reviews/%d", draft.ID), body(anna, annaGoal, missing), missing, "agent-anna"},
		{"draft changed to another team's goal", "PUT", fmt.Sprintf("/v1/reviews/%d", draft.ID), body(anna, annaGoal, casGoal), casGoal, "agent-anna"},
	} {
		who := ilse
		if tt.method == "PUT" {
			who = joost
		}
		// Decoded loosely: without the check, the answer is a review.
		var p struct {
			Status       any
			Code, Detail string
		}
		res := o.doAs(who, tt.method, tt.path, js, tt.body, &p)
		want := fmt.Sprintf("focus[1].goal_ids[1] %d is not a goal of agent %s", tt.goal, tt.agent)
		if res.StatusCode != http.StatusBadRequest || p.Code != assistant.EInvalid || !strings.Contains(p.Detail, want) {
			t.Errorf("%s: %d %s %q, want 400 invalid naming %q", tt.name, res.StatusCode, p.Code, p.Detail, want)
		}
		if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" {
			t.Errorf("%s: Content-Type %q", tt.name, ct)
		}
		answers[tt.name] = p
	}
	// Another team's goal reads as one that does not exist: the answer
	// does not tell that goal id exists.
	for _, pair := range [][2]string{{"goal that does not exist", "goal of another team's agent"}, {"draft changed to a goal that does not exist", "draft changed to another team's goal"}} {
		nothing, elsewhere := answers[pair[0]], answers[pair[1]]
		if want := strings.ReplaceAll(nothing.Detail, itoa(missing), itoa(casGoal)); elsewhere.Detail != want || elsewhere.Status != nothing.Status || elsewhere.Code != nothing.Code {
			t.Errorf("%s: %v %s %q; want the answer of a goal that does not exist, %v %s %q", pair[1], elsewhere.Status, elsewhere.Code, elsewhere.Detail, nothing.Status, nothing.Code, want)
		}
	}
	if after := counts(); after != before {
		t.Errorf("rows (reviews, turns, focus, disputes, audited changes, calls in review) went from %s to %s after refused goal links", before, after)
	}
	var got assistant.Review
	o.doAs(joost, "GET", fmt.Sprintf("/v1/reviews/%d", draft.ID), "", nil, &got)
	if got.Note != "Eerste versie." || len(got.Focus) != 1 || len(got.Focus[0].GoalIDs) != 1 || got.Focus[0].GoalIDs[0] != annaGoal {
		t.Errorf("the draft after refused changes: %+v", got)
	}
	// The agent's own goals are taken.
	var r assistant.Review
	if res := o.doAs(ilse, "POST", fmt.Sprintf("/v1/calls/%d/reviews", bram.ID), js, body(bram, bramGoal, bramGoal), &r); res.StatusCode != http.StatusCreated ||
		len(r.Focus) != 2 || fmt.Sprint(r.Focus[1].GoalIDs) != fmt.Sprint([]int64{bramGoal, bramGoal}) {
		t.Errorf("a review linking the agent's own goal: %d %+v", res.StatusCode, r.Focus)
	}
}

// TestReviewBadInputHTTP sends what the issue lists as bad input and more:
// each gets a 4xx problem that names what is wrong, and nothing is stored.
func TestReviewBadInputHTTP(t *testing.T) {
	o := newOrg(t)
	call, other := o.calls["agent-anna"], o.calls["agent-cas"]
	ilse := o.tok["trainer-noord"]
	reviews := fmt.Sprintf("/v1/calls/%d/reviews", call.ID)
	turn := call.Turns[0].ID
	// A draft to dispute too early, and a published review for the rest.
	var draft, published assistant.Review
	if res := o.doAs(o.tok["trainer-noord-2"], "POST", reviews, js, []byte(fmt.Sprintf(`{"turns":[{"turn_id":%d,"comment":"ok"}]}`, turn)), &draft); res.StatusCode != 201 {
		t.Fatalf("draft: %d", res.StatusCode)
	}
	if res := o.doAs(ilse, "POST", reviews, js, []byte(fmt.Sprintf(`{"rating":4,"turns":[{"turn_id":%d,"comment":"Goed."}]}`, turn)), &published); res.StatusCode != 201 {
		t.Fatalf("review: %d", res.StatusCode)
	}
	if res := o.doAs(ilse, "POST", fmt.Sprintf("/v1/reviews/%d/publish", published.ID), "", nil, nil); res.StatusCode != 200 {
		t.Fatalf("publish: %d", res.StatusCode)
	}
	counts := func() string {
		return fmt.Sprint(o.count("reviews"), o.count("review_turns"), o.count("review_focus"), o.count("review_disputes"),
			o.count("audit WHERE action NOT LIKE '%.read' AND action NOT LIKE '%.list'"))
	}
	before := counts()
	tests := []struct {
		name, who, method, path, body string
		status                        int
		detail                        string
	}{
		{"turn of another call", "trainer-noord-2", "PUT", fmt.Sprintf("/v1/reviews/%d", draft.ID),
			fmt.Sprintf(`{"turns":[{"turn_id":%d,"comment":"x"}]}`, other.Turns[0].ID), 400,
			fmt.Sprintf("turns[0].turn_id %d is not a turn of call %d", other.Turns[0].ID, call.ID)},
		{"octant that does not exist", "trainer-noord-2", "PUT", fmt.Sprintf("/v1/reviews/%d", draft.ID),
			fmt.Sprintf(`{"turns":[{"turn_id":%d,"octant":"sideways"}]}`, turn), 400, `octant "sideways" is not an octant of the rose`},
		{"rating of 7", "trainer-noord-2", "PUT", fmt.Sprintf("/v1/reviews/%d", draft.ID), `{"rating":7}`, 400, "rating 7 is out of range; rate the call from 1 (poor) to 5 (excellent)"},
		{"rating as text", "trainer-noord-2", "PUT", fmt.Sprintf("/v1/reviews/%d", draft.ID), `{"rating":"five"}`, 400, "Field rating must be"},
		{"misspelled field", "trainer-noord-2", "PUT", fmt.Sprintf("/v1/reviews/%d", draft.ID), `{"ratting":4}`, 400, `unknown field "ratting"`},
		{"dispute of an unpublished review", "anna", "POST", fmt.Sprintf("/v1/reviews/%d/disputes", draft.ID),
			fmt.Sprintf(`{"turn_id":%d,"about":"comment","comment":"Niet eens."}`, turn), 404, fmt.Sprintf("review %d not found", draft.ID)},
		{"dispute of a label not given", "anna", "POST", fmt.Sprintf("/v1/reviews/%d/disputes", published.ID),
			fmt.Sprintf(`{"turn_id":%d,"about":"label","comment":"Niet eens."}`, turn), 400, "gives turn " + fmt.Sprint(turn) + " no label of its own"},
		{"dispute by a colleague", "bram", "POST", fmt.Sprintf("/v1/reviews/%d/disputes", published.ID),
			fmt.Sprintf(`{"turn_id":%d,"about":"comment","comment":"x"}`, turn), 404, fmt.Sprintf("review %d not found", published.ID)},
		{"acknowledge by a colleague", "bram", "POST", fmt.Sprintf("/v1/reviews/%d/acknowledge", published.ID), ``, 404, "not found"},
		{"review of another team's call", "trainer-zuid", "POST", reviews, `{"note":"x"}`, 404, fmt.Sprintf("call %d not found", call.ID)},
		{"second review by the same trainer", "trainer-noord", "POST", reviews, `{"note":"x"}`, 409, fmt.Sprintf("review %d", published.ID)},
		{"changing a published review", "trainer-noord", "PUT", fmt.Sprintf("/v1/reviews/%d", published.ID), `{"note":"x"}`, 409, "only a draft can be changed"},
		{"publishing another's draft", "trainer-noord", "POST", fmt.Sprintf("/v1/reviews/%d/publish", draft.ID), ``, 404, "not found"},
		{"publishing without a rating", "trainer-noord-2", "POST", fmt.Sprintf("/v1/reviews/%d/publish", draft.ID), ``, 400, "no rating"},
		{"resolving a dispute that is not there", "trainer-noord", "POST", fmt.Sprintf("/v1/reviews/%d/disputes/424242/resolve", published.ID), `{"answer":"x"}`, 404, "dispute 424242"},
		{"resolving without an answer", "trainer-noord", "POST", fmt.Sprintf("/v1/reviews/%d/disputes/1/resolve", published.ID), `{"answer":" "}`, 400, "answer is empty"},
		{"a review id that is no number", "trainer-noord", "PUT", "/v1/reviews/abc", `{}`, 400, `review id "abc"`},
		{"an empty body", "trainer-noord", "POST", reviews, ``, 400, "empty"},
		{"a lead writing a review", "lead-noord", "POST", reviews, `{"note":"x"}`, 403, "This route is for trainer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p api.Problem
			res := o.doAs(o.tok[tt.who], tt.method, tt.path, js, []byte(tt.body), &p)
			if res.StatusCode != tt.status || !strings.Contains(p.Detail, tt.detail) {
				t.Errorf("%d %q, want %d naming %q", res.StatusCode, p.Detail, tt.status, tt.detail)
			}
			if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("Content-Type %q", ct)
			}
		})
	}
	if after := counts(); after != before {
		t.Errorf("rows (reviews, turns, focus, disputes, audited changes) went from %s to %s after bad input", before, after)
	}
}

// labelledCall stores a call of agent in team whose turns the engine put
// in the given octants (each at its octant's centre), for calibration
// figures that can be counted by hand.
func (e *env) labelledCall(agent, team string, at time.Time, octants ...assistant.Octant) *assistant.Call {
	e.t.Helper()
	turns := make([]assistant.TurnAnalysis, len(octants))
	for i, o := range octants {
		rad := o.CentreAngle() * math.Pi / 180
		turns[i] = assistant.TurnAnalysis{
			Turn:   assistant.Turn{Index: i, Speaker: assistant.Agent, Text: fmt.Sprintf("Zin %d.", i)},
			Stance: assistant.NewStance(0.8*math.Sin(rad), 0.8*math.Cos(rad), 0.9, nil),
		}
		if turns[i].Stance.Octant != o {
			e.t.Fatalf("turn %d lands in %s, not %s", i, turns[i].Stance.Octant, o)
		}
	}
	c := &assistant.Call{AgentID: agent, TeamID: team, OccurredAt: at,
		Analysis: assistant.Analysis{Language: assistant.Dutch, Format: "json", Turns: turns, Summary: assistant.Summarize(turns)}}
	if _, err := e.db.CreateCall(context.Background(), assistant.CommandLine(), c); err != nil {
		e.t.Fatal(err)
	}
	return c
}

// TestCalibrationHTTP checks the calibration figures over HTTP against the
// hand count of assistant's TestCalibrateHandCount, here from labels stored
// through the review routes:
//
// Call X (team-noord), engine octants leading, helping, aggressive,
// dependent; Ilse labels leading, helping, competitive, withdrawn; Joost
// helping, helping, competitive (turn 4 not labelled). Call Y (team-noord),
// engine cooperating; Ilse cooperating. Engine vs trainer: 8 pairs, octants
// 4/8 = 0.5, kappa 23/55 = 0.4182; quadrants 7/8 = 0.875, kappa 0.8095.
// Trainer vs trainer: 3 turns, octants 2/3 = 0.6667, kappa 0.5; quadrants
// 1, kappa 1.
//
// What must not count: a third trainer's draft on call X, a review of a
// call in team-zuid, and (with from) a call before the period.
func TestCalibrationHTTP(t *testing.T) {
	o := newOrg(t)
	day := time.Date(2026, 11, 10, 10, 0, 0, 0, time.UTC)
	x := o.labelledCall("agent-anna", "team-noord", day, assistant.Leading, assistant.Helping, assistant.Aggressive, assistant.Dependent)
	y := o.labelledCall("agent-bram", "team-noord", day.Add(time.Hour), assistant.Cooperating)
	z := o.labelledCall("agent-cas", "team-zuid", day, assistant.Leading, assistant.Leading)
	old := o.labelledCall("agent-anna", "team-noord", day.AddDate(0, -2, 0), assistant.Leading)
	review := func(who string, c *assistant.Call, publish bool, labels ...assistant.Octant) {
		t.Helper()
		var parts []string
		for i, l := range labels {
			if l != "" {
				parts = append(parts, fmt.Sprintf(`{"turn_id":%d,"octant":%q}`, c.Turns[i].ID, l))
			}
		}
		var r assistant.Review
		body := `{"rating":3,"turns":[` + strings.Join(parts, ",") + `]}`
		if res := o.doAs(o.tok[who], "POST", fmt.Sprintf("/v1/calls/%d/reviews", c.ID), js, []byte(body), &r); res.StatusCode != 201 {
			t.Fatalf("%s reviewing call %d: %d", who, c.ID, res.StatusCode)
		}
		if publish {
			if res := o.doAs(o.tok[who], "POST", fmt.Sprintf("/v1/reviews/%d/publish", r.ID), "", nil, nil); res.StatusCode != 200 {
				t.Fatalf("publish: %d", res.StatusCode)
			}
		}
	}
	review("trainer-noord", x, true, assistant.Leading, assistant.Helping, assistant.Competitive, assistant.Withdrawn)
	review("trainer-noord-2", x, true, assistant.Helping, assistant.Helping, assistant.Competitive)
	review("trainer-noord", y, true, assistant.Cooperating)
	third := o.tokenFor(assistant.Token{Name: "Nina", Role: assistant.RoleTrainer, TeamIDs: []string{"team-noord"}})
	o.tok["trainer-noord-3"] = third
	review("trainer-noord-3", x, false, assistant.Withdrawn, assistant.Withdrawn, assistant.Withdrawn, assistant.Withdrawn)
	review("trainer-zuid", z, true, assistant.Aggressive, assistant.Aggressive)
	review("trainer-noord", old, true, assistant.Aggressive)

	var c assistant.Calibration
	if res := o.doAs(o.tok["lead-noord"], "GET", "/v1/calibration?team=team-noord&from=2026-11-01&to=2026-11-30", "", nil, &c); res.StatusCode != 200 {
		t.Fatalf("GET /v1/calibration: %d", res.StatusCode)
	}
	check := func(name string, a assistant.Agreement, items int, agreement, kappa float64) {
		t.Helper()
		if a.Items != items || a.Agreement == nil || *a.Agreement != agreement || a.Kappa == nil || *a.Kappa != kappa {
			t.Errorf("%s: %d items, agreement %v, kappa %v; want %d, %v, %v", name, a.Items, a.Agreement, a.Kappa, items, agreement, kappa)
		}
	}
	if c.Reviews != 3 || c.TeamID != "team-noord" {
		t.Errorf("%d reviews for %q, want 3 for team-noord", c.Reviews, c.TeamID)
	}
	check("engine vs trainer, octants", c.EngineVsTrainer.Octant, 8, 0.5, 0.4182)
	check("engine vs trainer, quadrants", c.EngineVsTrainer.Quadrant, 8, 0.875, 0.8095)
	check("trainer vs trainer, octants", c.TrainerVsTrainer.Octant, 3, 0.6667, 0.5)
	check("trainer vs trainer, quadrants", c.TrainerVsTrainer.Quadrant, 3, 1, 1)
	if c.EngineVsTrainer.Calls != 2 || c.TrainerVsTrainer.Calls != 1 {
		t.Errorf("calls: %d and %d, want 2 and 1", c.EngineVsTrainer.Calls, c.TrainerVsTrainer.Calls)
	}
	// Without the period the old call's disagreement counts: 9 pairs.
	o.doAs(o.tok["trainer-noord"], "GET", "/v1/calibration", "", nil, &c)
	if c.EngineVsTrainer.Octant.Items != 9 {
		t.Errorf("without from and to: %d pairs, want 9", c.EngineVsTrainer.Octant.Items)
	}
	// An admin without a team reads every team: team-zuid's two pairs too.
	o.do("GET", "/v1/calibration", "", nil, &c)
	if c.EngineVsTrainer.Octant.Items != 11 {
		t.Errorf("admin over all teams: %d pairs, want 11", c.EngineVsTrainer.Octant.Items)
	}
	for _, bad := range []struct {
		who, query string
		status     int
	}{
		{"anna", "", 403}, {"trainer-noord", "?team=team-zuid", 404}, {"lead-noord", "?from=2026-12-01&to=2026-11-01", 400}, {"lead-noord", "?tem=team-noord", 400},
	} {
		if res := o.doAs(o.tok[bad.who], "GET", "/v1/calibration"+bad.query, "", nil, nil); res.StatusCode != bad.status {
			t.Errorf("%s GET /v1/calibration%s: %d, want %d", bad.who, bad.query, res.StatusCode, bad.status)
		}
	}
}

// A review form with several problems answers 400 with each problem under
// the field of the request it is about, in the request's language as the
// web form words them (Accept-Language, nl or en), and a detail that joins
// them in that language.
func TestReviewFormErrorsHTTP(t *testing.T) {
	o := newOrg(t)
	call, other := o.calls["agent-anna"], o.calls["agent-cas"]
	turn := call.Turns[0].ID
	body := fmt.Sprintf(`{"rating":7,"turns":[{"turn_id":%d,"comment":"x"},{"turn_id":%d,"octant":"sideways"}],"focus":[{"text":" "}]}`,
		other.Turns[0].ID, turn)
	for _, tt := range []struct {
		accept string
		want   []api.FieldProblem
	}{
		{"en-GB,en;q=0.9", []api.FieldProblem{
			{Field: "rating", Detail: "rating 7 is out of range; rate the call from 1 (poor) to 5 (excellent)."},
			{Field: "turns[0].turn_id", Detail: fmt.Sprintf("turns[0].turn_id %d is not a turn of call %d; review the turns of this call (its turns[].id).", other.Turns[0].ID, call.ID)},
			{Field: "turns[1].octant", Detail: fmt.Sprintf(`turns[1].octant "sideways" is not an octant of the rose; use one of %s.`, octantNames())},
			{Field: "focus[0].text", Detail: "focus[0].text is empty; say what the agent should practise."},
		}},
		{"nl-NL,nl;q=0.9,en;q=0.5", []api.FieldProblem{
			{Field: "rating", Detail: "Cijfer 7 kan niet; geef een cijfer van 1 (zwak) tot 5 (uitstekend)."},
			{Field: "turns[0].turn_id", Detail: fmt.Sprintf("Beurt-id %d hoort niet bij gesprek %d; bespreek alleen de beurten van dit gesprek.", other.Turns[0].ID, call.ID)},
			{Field: "turns[1].octant", Detail: `Label "sideways" van beurt 1 is geen octant van de roos; kies er een uit de lijst.`},
			{Field: "focus[0].text", Detail: "Oefenpunt 1 heeft geen tekst; zeg wat de medewerker moet oefenen."},
		}},
	} {
		t.Run(tt.accept, func(t *testing.T) {
			var p api.Problem
			h := http.Header{"Content-Type": {js}, "Accept-Language": {tt.accept}}
			res := o.doWith(o.tok["trainer-noord"], "POST", fmt.Sprintf("/v1/calls/%d/reviews", call.ID), h, []byte(body), &p)
			if res.StatusCode != 400 || p.Code != assistant.EInvalid {
				t.Fatalf("%d %s, want 400 invalid", res.StatusCode, p.Code)
			}
			if diff := cmp.Diff(tt.want, p.Errors); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
			for _, fp := range tt.want {
				if !strings.Contains(p.Detail, fp.Detail) {
					t.Errorf("detail %q does not hold %q", p.Detail, fp.Detail)
				}
			}
		})
	}
	// Other bad input carries no field list.
	var p api.Problem
	res := o.doAs(o.tok["trainer-noord"], "POST", fmt.Sprintf("/v1/calls/%d/reviews", call.ID), js, []byte(`{"ratting":4}`), &p)
	if res.StatusCode != 400 || p.Errors != nil {
		t.Errorf("misspelled field: %d, errors %v; want 400 without errors", res.StatusCode, p.Errors)
	}
}

// octantNames lists the octants as the English messages do.
func octantNames() string {
	names := make([]string, len(assistant.Octants))
	for i, o := range assistant.Octants {
		names[i] = string(o)
	}
	return strings.Join(names, ", ")
}
