package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// served is a running `rooscoach serve` of a test, with its admin token
// and a connection to its schema.
type served struct {
	t     *testing.T
	base  string
	token string
	db    *sql.DB
}

// startServe runs the real serve command on the schema of dsn, with the
// environment env (besides DATABASE_URL and the address), until stop or
// the end of the test. token is the admin token of an earlier start; ""
// reads the one a first start writes to its log.
func startServe(t *testing.T, dsn string, env map[string]string, token string) (s *served, stop func()) {
	t.Helper()
	t.Setenv("DATABASE_URL", dsn)
	t.Setenv("ROOSCOACH_ADDR", "127.0.0.1:0")
	for k, v := range env {
		t.Setenv(k, v)
	}
	var logs syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve", "--shutdown-grace=5s"}, nil, io.Discard, &logs) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("serve: %v", err)
				}
			case <-time.After(15 * time.Second):
				t.Error("serve did not stop")
			}
		})
	}
	t.Cleanup(stop)
	s = &served{t: t, base: waitForURL(t, &logs), token: token}
	if token == "" {
		s.token = firstToken(t, &logs)
	}
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s.db = db
	return s, stop
}

// do sends a request with token and decodes a JSON answer into out.
func (s *served) do(token, method, path, contentType string, body []byte, out any) int {
	s.t.Helper()
	req, err := http.NewRequest(method, s.base+path, bytes.NewReader(body))
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	if out != nil && res.StatusCode < 300 {
		if err := json.Unmarshal(data, out); err != nil {
			s.t.Fatalf("%s %s: decode %s: %v", method, path, data, err)
		}
	}
	if res.StatusCode >= 300 {
		s.t.Logf("%s %s: %d %s", method, path, res.StatusCode, data)
	}
	return res.StatusCode
}

// uniqueCall is a Dutch call whose second turn names marker, so that what
// is left of the call can be searched for.
func uniqueCall(marker string) []byte {
	return []byte("Medewerker: Goedemiddag, u spreekt met Sanne van Incasso Noord. Ik bel over de openstaande rekening.\n" +
		"Klant: Ja, dat klopt. Ik kan de rekening van " + marker + " niet in één keer betalen.\n" +
		"Medewerker: Dat begrijp ik. Wat zou u per maand kunnen betalen?\n" +
		"Klant: Vijftig euro per maand lukt wel.\n" +
		"Medewerker: Dan spreken we vijftig euro per maand af. Bedankt voor uw tijd.\n")
}

// post stores a call of agent in team (none for "") under external id ext
// for account ref (none for ""), taking place at, whose text names ext.
func (s *served) post(agent, team, ext, account string, at time.Time) int64 {
	s.t.Helper()
	q := url.Values{"agent_id": {agent}, "external_id": {ext}, "occurred_at": {at.UTC().Format(time.RFC3339)}, "language": {"nl"}}
	if team != "" {
		q.Set("team_id", team)
	}
	if account != "" {
		q.Set("account_ref", account)
	}
	var c assistant.Call
	if status := s.do(s.token, "POST", "/v1/calls?"+q.Encode(), "text/plain", uniqueCall("marker-"+ext), &c); status != http.StatusCreated {
		s.t.Fatalf("POST call %s: %d", ext, status)
	}
	return c.ID
}

// review has a trainer of team review call id, with a comment naming
// marker, and publish it.
func (s *served) review(trainer string, call int64, marker string) {
	s.t.Helper()
	var c assistant.Call
	if status := s.do(s.token, "GET", "/v1/calls/"+strconv.FormatInt(call, 10), "", nil, &c); status != http.StatusOK {
		s.t.Fatalf("GET call %d: %d", call, status)
	}
	body := fmt.Sprintf(`{"rating": 3, "turns": [{"turn_id": %d, "comment": %q, "octant": "helping"}], "focus": [{"text": "Vraag door."}]}`, c.Turns[0].ID, "Opmerking "+marker)
	var r assistant.Review
	if status := s.do(trainer, "POST", fmt.Sprintf("/v1/calls/%d/reviews", call), "application/json", []byte(body), &r); status != http.StatusCreated {
		s.t.Fatalf("review of call %d: %d", call, status)
	}
	if status := s.do(trainer, "POST", fmt.Sprintf("/v1/reviews/%d/publish", r.ID), "", nil, nil); status != http.StatusOK {
		s.t.Fatalf("publish review %d: %d", r.ID, status)
	}
}

// count runs a count query.
func (s *served) count(query string, args ...any) int {
	s.t.Helper()
	var n int
	if err := s.db.QueryRow(query, args...).Scan(&n); err != nil {
		s.t.Fatalf("%s: %v", query, err)
	}
	return n
}

func (s *served) exists(id int64) bool {
	return s.count(`SELECT count(*) FROM calls WHERE id = $1`, id) == 1
}

// trainer makes a trainer token for team through the token command.
func (s *served) trainer(team string) string {
	s.t.Helper()
	if status := s.do(s.token, "POST", "/v1/teams", "application/json", []byte(`{"id": "`+team+`"}`), nil); status != http.StatusCreated {
		s.t.Fatalf("POST /v1/teams %s: %d", team, status)
	}
	out, stderr, err := runCmd(s.t, "", "token", "create", "--role", "trainer", "--name", "Trainer "+team, "--team", team)
	if err != nil {
		s.t.Fatalf("token create: %v\n%s", err, stderr)
	}
	return strings.TrimSpace(out)
}

// TestServeAppliesDefaultRetention runs the real serve command with
// ROOSCOACH_RETENTION=30d: its retention job (River, scheduled by the
// leader) erases the calls older than 30 days of teams without a period of
// their own and of no team, each leaving nothing of it, its review
// included; the younger ones stay, and so do a team's calls within the
// longer period set with `rooscoach retention`.
func TestServeAppliesDefaultRetention(t *testing.T) {
	// The calls are stored by an instance that keeps them for ever, so
	// that retention does not race the set-up.
	dsn := storetest.NewDSN(t)
	s, stop := startServe(t, dsn, map[string]string{"ROOSCOACH_RETENTION": ""}, "")
	ilse := s.trainer("team-noord")
	now := time.Now()
	days := func(n int) time.Time { return now.AddDate(0, 0, -n) }
	old := map[string]int64{
		"noord-40d": s.post("agent-anna", "team-noord", "noord-40d", "ACC-RET-4711", days(40)),
		"none-40d":  s.post("agent-solo", "", "none-40d", "", days(40)),
		"lang-70d":  s.post("agent-bram", "team-lang", "lang-70d", "", days(70)),
	}
	young := map[string]int64{
		"noord-29d": s.post("agent-anna", "team-noord", "noord-29d", "ACC-RET-4712", days(29)),
		"none-20d":  s.post("agent-solo", "", "none-20d", "", days(20)),
		"lang-40d":  s.post("agent-bram", "team-lang", "lang-40d", "", days(40)),
		"lang-59d":  s.post("agent-bram", "team-lang", "lang-59d", "", days(59)),
	}
	s.review(ilse, old["noord-40d"], "review-noord-40d")
	s.review(ilse, young["noord-29d"], "review-noord-29d")
	// agent-solo is in no team, so their calls are of no team.
	if n := s.count(`SELECT count(*) FROM calls WHERE agent_id = 'agent-solo' AND team_id IS NULL`); n != 2 {
		t.Fatalf("%d calls of agent-solo without a team, want 2", n)
	}
	stop()
	if n := s.count(`SELECT count(*) FROM calls`); n != len(old)+len(young) {
		t.Fatalf("%d calls before retention, want %d", n, len(old)+len(young))
	}
	if out, stderr, err := runCmd(t, "", "retention", "team-lang", "60"); err != nil || !strings.Contains(out, "team-lang keeps calls 60 days") {
		t.Fatalf("retention team-lang 60: %q %v %s", out, err, stderr)
	}
	s, _ = startServe(t, dsn, map[string]string{
		"ROOSCOACH_RETENTION":       "30d",
		"ROOSCOACH_RETENTION_EVERY": "200ms",
		"ROOSCOACH_JOB_POLL":        "100ms",
	}, s.token)

	deadline := time.Now().Add(45 * time.Second)
	for {
		left := 0
		for _, id := range old {
			if s.exists(id) {
				left++
			}
		}
		if left == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the retention job left %d of the %d old calls", left, len(old))
		}
		time.Sleep(100 * time.Millisecond)
	}
	// The erasure of no team's calls comes last in a run: the run that
	// erased it went over every young call too.
	for name, id := range young {
		if !s.exists(id) {
			t.Errorf("call %s went, but is within its period", name)
		}
	}
	var ids []int64
	texts := []string{"ACC-RET-4711", "review-noord-40d"}
	for name, id := range old {
		ids = append(ids, id)
		texts = append(texts, "marker-"+name, name)
	}
	slices.Sort(ids)
	storetest.CheckErased(t, s.db, ids, texts)
	if n := s.count(`SELECT count(*) FROM audit WHERE action = 'call.erase' AND via = 'system' AND detail = 'erased (retention)'`); n != len(old) {
		t.Errorf("%d retention entries in the audit trail, want %d", n, len(old))
	}
	// The young call's review is whole.
	if n := s.count(`SELECT count(*) FROM reviews WHERE call_id = $1`, young["noord-29d"]); n != 1 {
		t.Errorf("the young call has %d reviews, want 1", n)
	}

	// Back to the default, team-lang's calls past 30 days go too.
	if out, stderr, err := runCmd(t, "", "retention", "team-lang", "0"); err != nil || !strings.Contains(out, "team-lang keeps calls as long as the default") {
		t.Fatalf("retention team-lang 0: %q %v %s", out, err, stderr)
	}
	for deadline := time.Now().Add(45 * time.Second); s.exists(young["lang-40d"]) || s.exists(young["lang-59d"]); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("team-lang's calls past the default stayed after its own period was taken back")
		}
	}
	for _, name := range []string{"noord-29d", "none-20d"} {
		if !s.exists(young[name]) {
			t.Errorf("call %s went, but is within the default period", name)
		}
	}
}

// TestEraseAccountCommand erases a customer's calls with `rooscoach erase
// --account`: every call of the account, of any agent and team or none,
// goes with everything of it (its review too), and no other call: not
// another account's, not one whose account differs only in case, not one
// without an account.
func TestEraseAccountCommand(t *testing.T) {
	s, _ := startServe(t, storetest.NewDSN(t), nil, "")
	ilse := s.trainer("team-noord")
	at := time.Date(2026, 10, 5, 10, 0, 0, 0, time.UTC)
	mine := map[string]int64{
		"acc-anna":  s.post("agent-anna", "team-noord", "acc-anna", "ACC-5501", at),
		"acc-cas":   s.post("agent-cas", "team-zuid", "acc-cas", "ACC-5501", at.Add(time.Hour)),
		"acc-none":  s.post("agent-solo", "", "acc-none", "ACC-5501", at.AddDate(-1, 0, 0)),
		"acc-later": s.post("agent-bram", "team-noord", "acc-later", "ACC-5501", at.AddDate(0, 1, 0)),
	}
	others := map[string]int64{
		"other-account": s.post("agent-anna", "team-noord", "other-account", "ACC-5502", at),
		"other-case":    s.post("agent-anna", "team-noord", "other-case", "acc-5501", at),
		"no-account":    s.post("agent-anna", "team-noord", "no-account", "", at),
	}
	s.review(ilse, mine["acc-anna"], "review-acc-anna")
	s.review(ilse, others["other-account"], "review-other-account")
	turns := map[int64]int{}
	for _, id := range others {
		turns[id] = s.count(`SELECT count(*) FROM turns WHERE call_id = $1`, id)
	}

	out, stderr, err := runCmd(t, "", "erase", "--account", "ACC-5501")
	if err != nil || strings.TrimSpace(out) != fmt.Sprintf("%d calls erased", len(mine)) {
		t.Fatalf("erase --account: %q %v\n%s", out, err, stderr)
	}
	var ids []int64
	texts := []string{"ACC-5501", "review-acc-anna"}
	for name, id := range mine {
		ids = append(ids, id)
		texts = append(texts, "marker-"+name, name)
	}
	slices.Sort(ids)
	storetest.CheckErased(t, s.db, ids, texts)
	for name, id := range others {
		if n := s.count(`SELECT count(*) FROM turns WHERE call_id = $1`, id); !s.exists(id) || n != turns[id] {
			t.Errorf("call %s: there %v with %d turns; want it untouched with %d", name, s.exists(id), n, turns[id])
		}
	}
	if n := s.count(`SELECT count(*) FROM reviews WHERE call_id = $1`, others["other-account"]); n != 1 {
		t.Errorf("another account's call has %d reviews, want 1", n)
	}
	if n := s.count(`SELECT count(*) FROM audit WHERE action = 'call.erase' AND via = 'cli' AND detail = 'erased (erase command)'`); n != len(mine) {
		t.Errorf("%d erase entries in the audit trail, want %d", n, len(mine))
	}
	// Again: nothing left to erase, and the others stay.
	if out, _, err := runCmd(t, "", "erase", "--account", "ACC-5501"); err != nil || strings.TrimSpace(out) != "0 calls erased" {
		t.Errorf("erase --account again: %q %v", out, err)
	}
	if n := s.count(`SELECT count(*) FROM calls`); n != len(others) {
		t.Errorf("%d calls left, want the %d others", n, len(others))
	}
}
