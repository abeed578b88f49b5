package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/builtin"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/assistant/session"
	"github.com/rooscoach/rooscoach/store"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// TestEraseCallLeavesNothing erases a call of each origin (posted with an
// account and reviewed, imported, live) and checks every table of the
// schema: no row names an erased call, no text of it is left anywhere, the
// audit entry names nothing personal, and progress reads exactly as before.
func TestEraseCallLeavesNothing(t *testing.T) {
	o := newOrg(t)
	e := o.env
	today := func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }
	an, _ := builtin.Analyzer(today)
	worker := &coach.Service{Analyzer: an, Store: e.db, Progress: e.db, Imports: e.db, Now: today}
	storetest.StartQueue(t, e.db, worker, store.QueueConfig{Workers: 1, PollInterval: 100 * time.Millisecond})

	// 1. Posted with an account, read, reviewed and disputed.
	const account = "ACC-ERASE-7781"
	var posted assistant.Call
	if res := e.do("POST", "/v1/calls?agent_id=agent-anna&team_id=team-noord&external_id=erase-me&account_ref="+account+"&occurred_at=2026-11-20T10:00:00Z",
		"text/plain", sample(t, "nl-loon-vraag.txt"), &posted); res.StatusCode != http.StatusCreated {
		t.Fatalf("POST: %d", res.StatusCode)
	}
	var r assistant.Review
	body := fmt.Sprintf(`{"rating": 3, "note": "Goed gesprek.", "turns": [{"turn_id": %d, "comment": "Vraag eerst wat haalbaar is.", "octant": "aggressive"}]}`, posted.Turns[1].ID)
	if res := e.doAs(o.tok["trainer-noord"], "POST", fmt.Sprintf("/v1/calls/%d/reviews", posted.ID), "application/json", []byte(body), &r); res.StatusCode != http.StatusCreated {
		t.Fatalf("review: %d", res.StatusCode)
	}
	if res := e.doAs(o.tok["trainer-noord"], "POST", fmt.Sprintf("/v1/reviews/%d/publish", r.ID), "", nil, nil); res.StatusCode != http.StatusOK {
		t.Fatalf("publish: %d", res.StatusCode)
	}
	dispute := fmt.Sprintf(`{"turn_id": %d, "about": "label", "comment": "Ik was niet agressief."}`, posted.Turns[1].ID)
	if res := e.doAs(o.tok["anna"], "POST", fmt.Sprintf("/v1/reviews/%d/disputes", r.ID), "application/json", []byte(dispute), nil); res.StatusCode != http.StatusCreated {
		t.Fatalf("dispute: %d", res.StatusCode)
	}

	// 2. Imported through the job queue.
	ct, mp := multipartBody(t, map[string][]byte{"jansen-call.vtt": sample(t, "en-call.vtt")})
	var imp assistant.Import
	if res := e.do("POST", "/v1/imports?agent_id=agent-bram&team_id=team-noord", ct, mp, &imp); res.StatusCode != http.StatusAccepted {
		t.Fatalf("import: %d", res.StatusCode)
	}
	for deadline := time.Now().Add(30 * time.Second); !imp.Finished; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("import not finished: %+v", imp)
		}
		e.do("GET", "/v1/imports/"+itoa(imp.ID), "", nil, &imp)
	}
	var importedID int64
	if err := e.sql.Get(&importedID, `SELECT call_id FROM import_files WHERE import_id = $1`, imp.ID); err != nil {
		t.Fatal(err)
	}

	// 3. A live call.
	sess := e.openSession(`{"agent_id": "agent-anna", "team_id": "team-noord", "language": "en"}`)
	for _, turn := range liveScript(t, assistant.English)[:6] {
		e.do("POST", sess.Links.Utterances, "application/json", fmt.Appendf(nil, `{"speaker": %q, "text": %q, "final": true}`, turn.Speaker, turn.Text), nil)
	}
	var ended session.Result
	if e.do("POST", sess.Links.End, "", nil, &ended); ended.Call == nil {
		t.Fatalf("live session stored nothing: %+v", ended)
	}
	erased := []int64{posted.ID, importedID, ended.Call.ID}

	// The texts that must be gone: the account, and each call's longest
	// turn.
	texts := []string{account, "jansen-call"}
	for _, id := range erased {
		var c assistant.Call
		e.do("GET", "/v1/calls/"+itoa(id), "", nil, &c)
		longest := ""
		for _, turn := range c.Turns {
			if len([]rune(turn.Text)) > len([]rune(longest)) {
				longest = turn.Text
			}
		}
		texts = append(texts, longest)
	}

	progress := func() (string, string) {
		var agent, team map[string]any
		e.do("GET", "/v1/agents/agent-anna/progress?from=2026-01-01&to=2027-01-01", "", nil, &agent)
		e.do("GET", "/v1/teams/team-noord/progress?from=2026-01-01&to=2027-01-01", "", nil, &team)
		return fmt.Sprint(agent), fmt.Sprint(team)
	}
	agentBefore, teamBefore := progress()
	if !strings.Contains(teamBefore, "agent-bram") {
		t.Fatalf("team progress before erasure lacks the imported call: %s", teamBefore)
	}

	// Who may erase: not an agent or trainer, not another team's lead.
	for _, who := range []string{"anna", "trainer-noord"} {
		if res := e.doAs(o.tok[who], "DELETE", "/v1/calls/"+itoa(posted.ID), "", nil, nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("DELETE as %s: %d, want 403", who, res.StatusCode)
		}
	}
	if res := e.doAs(o.tok["lead-zuid"], "DELETE", "/v1/calls/"+itoa(posted.ID), "", nil, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("DELETE as another team's lead: %d, want 404", res.StatusCode)
	}
	// The team's lead erases two; an admin the third.
	for _, id := range erased[:2] {
		if res := e.doAs(o.tok["lead-noord"], "DELETE", "/v1/calls/"+itoa(id), "", nil, nil); res.StatusCode != http.StatusNoContent {
			t.Fatalf("DELETE /v1/calls/%d as the lead: %d", id, res.StatusCode)
		}
	}
	if res := e.do("DELETE", "/v1/calls/"+itoa(erased[2]), "", nil, nil); res.StatusCode != http.StatusNoContent {
		t.Fatalf("DELETE /v1/calls/%d as admin: %d", erased[2], res.StatusCode)
	}
	if res := e.do("DELETE", "/v1/calls/"+itoa(erased[2]), "", nil, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("DELETE again: %d, want 404", res.StatusCode)
	}
	if res := e.do("GET", "/v1/calls/"+itoa(posted.ID), "", nil, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("GET an erased call: %d", res.StatusCode)
	}

	checkErased(t, e, erased, texts)

	// The other calls are still there.
	for _, c := range o.calls {
		if res := e.do("GET", "/v1/calls/"+itoa(c.ID), "", nil, nil); res.StatusCode != http.StatusOK {
			t.Errorf("call %d of %s went too: %d", c.ID, c.AgentID, res.StatusCode)
		}
	}
	agentAfter, teamAfter := progress()
	if d := cmp.Diff(agentBefore, agentAfter); d != "" {
		t.Errorf("agent progress changed by the erasure (-before +after):\n%s", d)
	}
	if d := cmp.Diff(teamBefore, teamAfter); d != "" {
		t.Errorf("team progress changed by the erasure (-before +after):\n%s", d)
	}

	var entries []struct {
		TargetID string `db:"target_id"`
		Detail   string `db:"detail"`
		Via      string `db:"via"`
	}
	if err := e.sql.Select(&entries, `SELECT target_id, detail, via FROM audit WHERE action = 'call.erase'`); err != nil {
		t.Fatal(err)
	}
	if len(entries) != 3 {
		t.Errorf("%d call.erase entries, want 3", len(entries))
	}
	for _, en := range entries {
		if en.TargetID != "" || en.Detail != "erased (request)" {
			t.Errorf("erase entry %+v names more than why", en)
		}
	}
}

// checkErased checks that the calls ids were erased leaving nothing of
// them (see storetest.CheckErased).
func checkErased(t *testing.T, e *env, ids []int64, texts []string) {
	t.Helper()
	storetest.CheckErased(t, e.sql.DB, ids, texts)
}

// TestRetentionJob runs the scheduled retention job through the job queue:
// a team's old calls go once its period is set, another team's stay (no
// default is set), and so do the team's recent ones.
func TestRetentionJob(t *testing.T) {
	o := newOrg(t)
	e := o.env
	oldNoord := e.post(e.token, "agent_id=agent-anna&team_id=team-noord&external_id=old-noord&occurred_at=2026-01-05T10:00:00Z")
	oldZuid := e.post(e.token, "agent_id=agent-cas&team_id=team-zuid&external_id=old-zuid&occurred_at=2026-01-05T10:00:00Z")
	recent := e.post(e.token, "agent_id=agent-anna&team_id=team-noord&external_id=recent&occurred_at=2026-11-20T10:00:00Z")
	if err := e.db.SetTeamRetention(context.Background(), assistant.CommandLine(), "team-noord", 30); err != nil {
		t.Fatal(err)
	}
	if err := e.db.SetTeamRetention(context.Background(), assistant.CommandLine(), "team-nergens", 30); assistant.ErrorCode(err) != assistant.ENotFound {
		t.Errorf("retention of an unknown team: %v", err)
	}
	today := func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }
	an, _ := builtin.Analyzer(today)
	worker := &coach.Service{Analyzer: an, Store: e.db, Progress: e.db, Imports: e.db, Now: today}
	storetest.StartQueue(t, e.db, worker, store.QueueConfig{Workers: 1, PollInterval: 100 * time.Millisecond, RetentionEvery: 500 * time.Millisecond, Now: today})
	gone := func(id int64) bool { return e.count("calls WHERE id = "+itoa(id)) == 0 }
	for deadline := time.Now().Add(45 * time.Second); !gone(oldNoord.ID); time.Sleep(200 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the retention job did not erase the old call of team-noord")
		}
	}
	if gone(oldZuid.ID) || gone(recent.ID) || gone(o.calls["agent-cas"].ID) {
		t.Errorf("retention erased a call it should keep: team-zuid's old one %v, team-noord's recent one %v", gone(oldZuid.ID), gone(recent.ID))
	}
	var detail string
	if err := e.sql.Get(&detail, `SELECT detail FROM audit WHERE action = 'call.erase' AND via = 'system' LIMIT 1`); err != nil || detail != "erased (retention)" {
		t.Errorf("retention's audit entry: %q %v", detail, err)
	}
	if n := e.count("call_stats WHERE call_id IS NULL"); n < 1 {
		t.Errorf("the erased call's figures went too")
	}
}

// TestRedactedTranscripts stores a team's calls without the IBAN and phone
// number in them once the team chose so, and analyses them as before;
// another team's calls keep them.
func TestRedactedTranscripts(t *testing.T) {
	o := newOrg(t)
	e := o.env
	if err := e.db.SetTeamRedaction(context.Background(), assistant.CommandLine(), "team-noord", true); err != nil {
		t.Fatal(err)
	}
	var redacted, kept assistant.Call
	if res := e.do("POST", "/v1/calls?agent_id=agent-anna&team_id=team-noord&external_id=pii-1", "text/plain", []byte(piiCall), &redacted); res.StatusCode != http.StatusCreated {
		t.Fatalf("POST: %d", res.StatusCode)
	}
	if res := e.do("POST", "/v1/calls?agent_id=agent-cas&team_id=team-zuid&external_id=pii-2", "text/plain", []byte(piiCall), &kept); res.StatusCode != http.StatusCreated {
		t.Fatalf("POST: %d", res.StatusCode)
	}
	if n := e.count(fmt.Sprintf("turns WHERE call_id = %d AND (text LIKE '%%0417%%' OR text LIKE '%%12345678%%')", redacted.ID)); n != 0 {
		t.Errorf("%d stored turns of team-noord hold the IBAN or phone number", n)
	}
	if n := e.count(fmt.Sprintf("turns WHERE call_id = %d AND text LIKE '%%[IBAN-1]%%' AND text LIKE '%%[PHONE-1]%%'", redacted.ID)); n != 1 {
		t.Errorf("%d stored turns of team-noord with the placeholders, want 1", n)
	}
	if n := e.count(fmt.Sprintf("turns WHERE call_id = %d AND text LIKE '%%0417%%'", kept.ID)); n != 2 {
		t.Errorf("team-zuid's call: %d turns with the IBAN, want 2 (not redacted)", n)
	}
	// The analysis reads the same call: the arrangement still says 50 a month.
	if len(redacted.Turns) != len(kept.Turns) || redacted.Summary.AgentTurns != kept.Summary.AgentTurns {
		t.Errorf("redaction changed the analysis: %d/%d turns", len(redacted.Turns), len(kept.Turns))
	}
	if err := e.db.SetTeamRedaction(context.Background(), assistant.CommandLine(), "team-nergens", true); assistant.ErrorCode(err) != assistant.ENotFound {
		t.Errorf("redaction of an unknown team: %v", err)
	}
}
