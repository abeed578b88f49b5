package api_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/google/go-cmp/cmp"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
	"github.com/rooscoach/rooscoach/assistant/session"
	"github.com/rooscoach/rooscoach/assistant/transcript"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// liveScript reads a sample call of the session package as turns.
func liveScript(t *testing.T, lang assistant.Language) []assistant.Turn {
	t.Helper()
	data, err := os.ReadFile("../session/testdata/" + string(lang) + "-live.txt")
	if err != nil {
		t.Fatal(err)
	}
	tr, err := transcript.Parse(data, "", transcript.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return tr.Turns
}

// openSession opens a session with the admin token.
func (e *env) openSession(body string) api.SessionResponse {
	e.t.Helper()
	return e.openSessionAs(e.token, body)
}

func (e *env) openSessionAs(token, body string) api.SessionResponse {
	e.t.Helper()
	var s api.SessionResponse
	if res := e.doAs(token, "POST", "/v1/sessions", "application/json", []byte(body), &s); res.StatusCode != http.StatusCreated {
		e.t.Fatalf("POST /v1/sessions: %d %+v", res.StatusCode, s)
	}
	return s
}

// dial opens a session's socket with the admin token in the header.
func (e *env) dial(path string) (*websocket.Conn, *http.Response, error) {
	return e.dialWith(path, bearerHeader(e.token))
}

// bearerHeader sends token as a non-browser client does ("" for none).
func bearerHeader(token string) *websocket.DialOptions {
	h := http.Header{}
	if token != "" {
		h.Set("Authorization", "Bearer "+token)
	}
	return &websocket.DialOptions{HTTPHeader: h}
}

// bearerProtocol sends token as a browser does: as a subprotocol beside
// rooscoach's own, since it cannot set headers.
func bearerProtocol(token string) *websocket.DialOptions {
	return &websocket.DialOptions{Subprotocols: []string{"rooscoach", "bearer." + token}}
}

func (e *env) dialWith(path string, opts *websocket.DialOptions) (*websocket.Conn, *http.Response, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return websocket.Dial(ctx, "ws"+strings.TrimPrefix(e.url, "http")+path, opts)
}

// getAs starts a GET with token, for event streams; the caller closes
// the body.
func (e *env) getAs(token, path string) *http.Response {
	e.t.Helper()
	req, err := http.NewRequest("GET", e.url+path, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	return res
}

// socket is a WebSocket client of one session that collects what comes.
type socket struct {
	t      *testing.T
	conn   *websocket.Conn
	events chan session.Event
	// closed gets the close error once the server closes.
	closed chan error
}

// socket opens a session's socket with the admin token.
func (e *env) socket(path string) *socket {
	e.t.Helper()
	return e.socketWith(path, bearerHeader(e.token))
}

func (e *env) socketWith(path string, opts *websocket.DialOptions) *socket {
	e.t.Helper()
	conn, res, err := e.dialWith(path, opts)
	if err != nil {
		e.t.Fatalf("dial %s: %v (%v)", path, err, res)
	}
	s := &socket{t: e.t.(*testing.T), conn: conn, events: make(chan session.Event, 1000), closed: make(chan error, 1)}
	go func() {
		for {
			_, data, err := conn.Read(context.Background())
			if err != nil {
				s.closed <- err
				close(s.events)
				return
			}
			var ev session.Event
			if err := json.Unmarshal(data, &ev); err != nil {
				s.t.Errorf("event %s: %v", data, err)
			}
			s.events <- ev
		}
	}()
	s.t.Cleanup(func() { conn.CloseNow() })
	return s
}

func (s *socket) send(v any) {
	s.t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		s.t.Fatal(err)
	}
	s.sendRaw(websocket.MessageText, data)
}

func (s *socket) sendRaw(typ websocket.MessageType, data []byte) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.conn.Write(ctx, typ, data); err != nil {
		s.t.Fatalf("write: %v", err)
	}
}

// next returns the next event that match accepts, collecting the ones
// before it into *seen.
func (s *socket) next(seen *[]session.Event, match func(session.Event) bool) session.Event {
	s.t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				s.t.Fatalf("the connection closed before the event came: %v", <-s.closed)
			}
			if seen != nil {
				*seen = append(*seen, ev)
			}
			if match(ev) {
				return ev
			}
		case <-timeout:
			s.t.Fatal("no such event in 10 s")
		}
	}
}

// Playing a sample call turn by turn over a real WebSocket, with partials,
// gives the alerts, the arrangement card, the referral and the closing
// reminder; the end stores the record once, and it equals what POST
// /v1/calls makes of the same turns, with what was shown when.
func TestLiveWebSocket(t *testing.T) {
	t.Parallel()
	for _, lang := range assistant.Languages {
		t.Run(string(lang), func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, api.Config{})
			// Sanne is in team-noord, which her session names.
			e.do("POST", "/v1/teams", "application/json", []byte(`{"id":"team-noord"}`), nil)
			e.do("POST", "/v1/agents", "application/json", []byte(`{"id":"agent-sanne","team_id":"team-noord"}`), nil)
			// The agent's own token, sent as a browser sends it.
			sanne := e.tokenFor(assistant.Token{Name: "Sanne", Role: assistant.RoleAgent, AgentID: "agent-sanne"})
			sess := e.openSessionAs(sanne, `{"agent_id": "agent-sanne", "team_id": "team-noord", "language": "`+string(lang)+`"}`)
			ws := e.socketWith(sess.Links.WebSocket, bearerProtocol(sanne))
			if got := ws.conn.Subprotocol(); got != "rooscoach" {
				t.Errorf("subprotocol %q selected; want rooscoach, never the token", got)
			}
			turns := liveScript(t, lang)
			var seen []session.Event
			for _, turn := range turns {
				words := strings.Fields(turn.Text)
				ws.send(session.Utterance{Speaker: turn.Speaker, Text: strings.Join(words[:len(words)/2], " ")})
				ws.send(session.Utterance{Speaker: turn.Speaker, Text: turn.Text, Final: true})
				ws.next(&seen, func(ev session.Event) bool { return ev.Type == assistant.EventStance && ev.Turn == turn.Index })
			}
			var end session.Result
			if res := e.doAs(sanne, "POST", sess.Links.End, "", nil, &end); res.StatusCode != http.StatusOK || !end.Created || end.Call == nil {
				t.Fatalf("end: %d %+v", res.StatusCode, end)
			}
			ended := ws.next(&seen, func(ev session.Event) bool { return ev.Type == assistant.EventEnded })
			if ended.CallID != end.Call.ID {
				t.Errorf("ended event names call %d, the end %d", ended.CallID, end.Call.ID)
			}
			if err := <-ws.closed; websocket.CloseStatus(err) != websocket.StatusNormalClosure || !strings.Contains(err.Error(), fmt.Sprintf("/v1/calls/%d", end.Call.ID)) {
				t.Errorf("close after the end: %v; want a normal closure naming the record", err)
			}
			var got []string
			for _, ev := range seen {
				if ev.Type == assistant.EventAlert || ev.Type == assistant.EventArrangement || ev.Type == assistant.EventReferral || ev.Type == assistant.EventClosing {
					got = append(got, fmt.Sprintf("%d %s %s", ev.Turn, ev.Type, ev.Kind))
				}
			}
			want := []string{"3 alert " + assistant.AlertOpposition, "5 referral " + map[assistant.Language]string{"nl": "nl", "en": "uk"}[lang],
				"6 alert " + assistant.AlertHardship, "7 arrangement customer-proposal", "9 closing-reminder closing"}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}

			// The stored record, as anyone reads it.
			var live assistant.Call
			e.do("GET", fmt.Sprintf("/v1/calls/%d", end.Call.ID), "", nil, &live)
			if live.Live == nil || live.Live.EndReason != "ended" || live.Live.Utterances != 10 || live.Live.Partials != 10 || len(live.Live.Events) != 10 {
				t.Fatalf("live note of the record: %+v", live.Live)
			}
			for _, ev := range live.Live.Events {
				if ev.At.Before(live.Live.OpenedAt) || ev.At.After(live.Live.EndedAt) || ev.Text == "" {
					t.Errorf("stored event %+v is not within the session or has no text", ev)
				}
			}

			// The same turns through POST /v1/calls make the same record.
			var body struct {
				Turns []map[string]any `json:"turns"`
			}
			for _, turn := range live.Turns {
				body.Turns = append(body.Turns, map[string]any{"speaker": turn.Speaker, "text": turn.Text, "start_ms": turn.StartMS, "end_ms": turn.EndMS})
			}
			data, _ := json.Marshal(body)
			q := url.Values{"agent_id": {"agent-sanne"}, "team_id": {"team-noord"}, "external_id": {"posted"}, "language": {string(lang)},
				"occurred_at": {live.OccurredAt.Format(time.RFC3339Nano)}}
			var posted assistant.Call
			if res := e.do("POST", "/v1/calls?"+q.Encode(), "application/json", data, &posted); res.StatusCode != http.StatusCreated {
				t.Fatalf("POST /v1/calls: %d", res.StatusCode)
			}
			e.do("GET", fmt.Sprintf("/v1/calls/%d", posted.ID), "", nil, &posted)
			if live.Format != "live" || posted.Format != "json" {
				t.Errorf("formats %q and %q; want live and json", live.Format, posted.Format)
			}
			for _, c := range []*assistant.Call{&live, &posted} {
				c.ID, c.CreatedAt, c.ExternalID, c.Format, c.Live = 0, time.Time{}, "", "", nil
				for i := range c.Turns {
					c.Turns[i].ID = 0
				}
			}
			if diff := cmp.Diff(posted, live); diff != "" {
				t.Errorf("the live record differs from POST /v1/calls's (-posted +live):\n%s", diff)
			}

			// Ending again stores nothing twice; the session takes no more.
			var again session.Result
			if res := e.do("POST", sess.Links.End, "", nil, &again); res.StatusCode != http.StatusOK || again.Created || again.Call.ID != end.Call.ID {
				t.Errorf("second end: %d %+v", res.StatusCode, again)
			}
			if n := e.count("calls"); n != 2 {
				t.Errorf("%d calls stored; want the live one and the posted one", n)
			}
			// The audit trail says the agent's token stored the live call.
			var by string
			if err := e.sql.Get(&by, `SELECT t.name FROM audit a JOIN tokens t ON t.id = a.token_id WHERE a.action = 'call.create' AND a.call_id = $1`, end.Call.ID); err != nil || by != "Sanne" {
				t.Errorf("the live call was stored by %q (%v); want Sanne's token", by, err)
			}
			var p api.Problem
			if res := e.do("POST", sess.Links.Utterances, "application/json", []byte(`{"speaker": "agent", "text": "Nog iets?", "final": true}`), &p); res.StatusCode != http.StatusConflict || !strings.Contains(p.Detail, "has ended") {
				t.Errorf("utterance after the end: %d %+v", res.StatusCode, p)
			}
			if _, res, err := e.dialWith(sess.Links.WebSocket, bearerProtocol(sanne)); err == nil || res == nil || res.StatusCode != http.StatusConflict {
				t.Errorf("socket after the end: %v, %v; want 409", err, res)
			}
		})
	}
}

// sse reads a server-sent event stream into events until it ends.
func sse(t *testing.T, res *http.Response) <-chan session.Event {
	out := make(chan session.Event, 1000)
	go func() {
		defer close(out)
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		var id, name string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "id: "):
				id = strings.TrimPrefix(line, "id: ")
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				var ev session.Event
				if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &ev); err != nil {
					t.Errorf("event data %q: %v", line, err)
				}
				if name != string(ev.Type) || id != fmt.Sprint(ev.Seq) {
					t.Errorf("event %s with id %s carries type %s, seq %d", name, id, ev.Type, ev.Seq)
				}
				out <- ev
			}
		}
	}()
	return out
}

// Clients without WebSockets post utterances and get the events in the
// answer, and follow them as server-sent events; a second stream that
// reconnects gets what it missed.
func TestLiveHTTPAndSSE(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	sess := e.openSession(`{"agent_id": "agent-james", "language": "en-GB"}`)
	res := e.getAs(e.token, sess.Links.Events)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("GET events: %+v", res)
	}
	stream := sse(t, res)
	var answered []session.Event
	for _, turn := range liveScript(t, assistant.English)[:8] {
		var partial, final api.UtteranceResponse
		e.do("POST", sess.Links.Utterances, "application/json", fmt.Appendf(nil, `{"speaker": %q, "text": %q}`, turn.Speaker, turn.Text[:len(turn.Text)/2]), &partial)
		if r := e.do("POST", sess.Links.Utterances, "application/json", fmt.Appendf(nil, `{"speaker": %q, "text": %q, "final": true, "start_ms": %d}`, turn.Speaker, turn.Text, turn.Index*5000), &final); r.StatusCode != http.StatusOK || len(partial.Events) != 0 || len(final.Events) == 0 {
			t.Fatalf("turn %d: %d, partial %v, final %v", turn.Index, r.StatusCode, partial.Events, final.Events)
		}
		answered = append(answered, final.Events...)
	}
	for i, want := range answered {
		select {
		case got := <-stream:
			if got.Seq != want.Seq || got.Text != want.Text {
				t.Fatalf("stream event %d: %d %q; the answer had %d %q", i, got.Seq, got.Text, want.Seq, want.Text)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("stream: event %d did not come", i)
		}
	}
	kindsOf := map[assistant.EventType]int{}
	for _, ev := range answered {
		kindsOf[ev.Type]++
	}
	if kindsOf[assistant.EventAlert] != 2 || kindsOf[assistant.EventArrangement] != 1 || kindsOf[assistant.EventReferral] != 1 {
		t.Errorf("events over HTTP: %v", kindsOf)
	}

	// A stream that reconnects after event 3 gets the rest again.
	req, _ := http.NewRequest("GET", e.url+sess.Links.Events, nil)
	req.Header.Set("Authorization", "Bearer "+e.token)
	req.Header.Set("Last-Event-ID", "3")
	res2, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	again := sse(t, res2)
	if ev := <-again; ev.Seq != 4 {
		t.Errorf("reconnected stream starts at event %d, want 4", ev.Seq)
	}

	var st session.State
	e.do("GET", "/v1/sessions/"+sess.ID, "", nil, &st)
	if st.Status != "open" || len(st.Turns) != 8 || st.Turns[2].StartMS != 10000 || len(st.Events) != len(answered) {
		t.Errorf("session state: %s, %d turns, %d events", st.Status, len(st.Turns), len(st.Events))
	}

	var end session.Result
	e.do("POST", sess.Links.End, "", nil, &end)
	for ev := range stream {
		if ev.Type == assistant.EventEnded && ev.CallID != end.Call.ID {
			t.Errorf("ended event names call %d, want %d", ev.CallID, end.Call.ID)
		}
	}
	// The stream has ended; so has the reconnected one.
	for range again {
	}
	var p api.Problem
	if r := e.do("GET", sess.Links.Events, "", nil, &p); r.StatusCode != http.StatusConflict {
		t.Errorf("events of an ended session: %d %+v", r.StatusCode, p)
	}
}

// Bad input gets an error event or a clear status and leaves the session
// working.
func TestLiveBadInput(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{Live: session.Config{Rate: 5, Burst: 5}})
	var p api.Problem
	for _, path := range []string{"/v1/sessions/nope/utterances", "/v1/sessions/nope/end"} {
		if res := e.do("POST", path, "application/json", []byte(`{"speaker": "agent", "text": "Hallo", "final": true}`), &p); res.StatusCode != http.StatusNotFound || !strings.Contains(p.Detail, `"nope"`) {
			t.Errorf("POST %s: %d %+v", path, res.StatusCode, p)
		}
	}
	if _, res, err := e.dial("/v1/sessions/nope/ws"); err == nil || res.StatusCode != http.StatusNotFound {
		t.Errorf("socket of an unknown session: %v %v", err, res)
	}
	for body, want := range map[string]string{
		`{"agent_id": "a", "mode": "loud"}`:      `mode "loud" is not known`,
		`{"language": "nl"}`:                     "agent_id is required",
		`{"agent_id": "a", "agent_id": "b"}`:     "agent_id",
		`{"agent_id": "a", "language": "fr-FR"}`: "fr",
	} {
		if res := e.do("POST", "/v1/sessions", "application/json", []byte(body), &p); res.StatusCode != http.StatusBadRequest || !strings.Contains(p.Detail, want) {
			t.Errorf("POST /v1/sessions %s: %d %q; want 400 with %q", body, res.StatusCode, p.Detail, want)
		}
	}
	if res := e.do("POST", "/v1/sessions?engine=llm", "application/json", []byte(`{"agent_id": "a"}`), &p); res.StatusCode != http.StatusBadRequest || !strings.Contains(p.Detail, "OPENAI_API_KEY") {
		t.Errorf("engine=llm without an LLM: %d %q", res.StatusCode, p.Detail)
	}

	// An English call, so that its error events speak the API's words
	// (TestLiveErrorEventsInCallLanguage has a Dutch one).
	sess := e.openSession(`{"agent_id": "agent-sanne", "language": "en"}`)
	ws := e.socket(sess.Links.WebSocket)
	errorEvent := func(want string) {
		t.Helper()
		ev := ws.next(nil, func(ev session.Event) bool { return ev.Type == assistant.EventError })
		if !strings.Contains(ev.Text, want) || ev.Code == "" {
			t.Errorf("error event %+v; want one saying %q", ev, want)
		}
	}
	ws.sendRaw(websocket.MessageText, []byte("Goedemiddag"))
	errorEvent("The frame is not an utterance")
	ws.sendRaw(websocket.MessageBinary, []byte{1, 2, 3})
	errorEvent("send each utterance as a JSON text frame")
	ws.send(map[string]any{"speaker": "manager", "text": "Hallo", "final": true})
	errorEvent(`speaker "manager" is neither agent nor customer`)
	ws.send(map[string]any{"speaker": "agent", "text": strings.Repeat("woord ", 400), "final": true})
	errorEvent("an utterance may have at most 2000")
	ws.send(map[string]any{"speaker": "agent", "txt": "Hallo", "final": true})
	errorEvent("txt")
	// A flood beyond the session's rate of 5 a second: the utterances past
	// it are refused, with a notice.
	for range 12 {
		ws.send(session.Utterance{Speaker: assistant.Agent, Text: "Goedemiddag"})
	}
	errorEvent("utterances a second")
	time.Sleep(1500 * time.Millisecond)
	ws.send(session.Utterance{Speaker: assistant.Agent, Text: "Goedemiddag, u spreekt met Sanne.", Final: true})
	if ev := ws.next(nil, func(ev session.Event) bool { return ev.Type != assistant.EventError }); ev.Type != assistant.EventStance || ev.Turn != 0 {
		t.Errorf("after the bad frames the session gave %+v; want the stance of turn 0", ev.LiveEvent)
	}
	// A frame over the read limit closes the connection with a reason;
	// the session goes on.
	// The server may close while the client still writes the frame's
	// tail; the reader sees the close frame either way.
	wctx, wcancel := context.WithTimeout(context.Background(), 5*time.Second)
	_ = ws.conn.Write(wctx, websocket.MessageText, []byte(`{"speaker": "agent", "text": "`+strings.Repeat("a", 40<<10)+`"}`))
	wcancel()
	if err := <-ws.closed; websocket.CloseStatus(err) != websocket.StatusMessageTooBig {
		t.Errorf("frame over the limit: %v; want a close with status 1009", err)
	}
	var st session.State
	e.do("GET", "/v1/sessions/"+sess.ID, "", nil, &st)
	if st.Status != "open" || len(st.Turns) != 1 {
		t.Errorf("session after the bad input: %s with %d turns", st.Status, len(st.Turns))
	}
	ws2 := e.socket(sess.Links.WebSocket + "?after=100")
	ws2.send(session.Utterance{Speaker: assistant.Customer, Text: "Ja, daar spreekt u mee.", Final: true})
	if ev := ws2.next(nil, func(session.Event) bool { return true }); ev.Turn != 1 {
		t.Errorf("a new socket got %+v; want the stance of turn 1", ev.LiveEvent)
	}
	if res := e.do("GET", sess.Links.WebSocket+"?after=x", "", nil, &p); res.StatusCode != http.StatusBadRequest {
		t.Errorf("after=x: %d", res.StatusCode)
	}
}

// A session nobody follows ends by itself after the idle time and is
// stored, noting why; the socket outlives the quick routes' timeout.
func TestLiveIdleAndLong(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{Live: session.Config{IdleTimeout: 300 * time.Millisecond}})
	idle := e.openSession(`{"agent_id": "agent-sanne", "external_id": "dialler-77", "language": "nl"}`)
	if res := e.do("POST", idle.Links.Utterances, "application/json", []byte(`{"speaker": "agent", "text": "Goedemiddag, u spreekt met Sanne.", "final": true}`), nil); res.StatusCode != http.StatusOK {
		t.Fatalf("utterance: %d", res.StatusCode)
	}
	followed := e.openSession(`{"agent_id": "agent-sanne", "language": "nl"}`)
	ws := e.socket(followed.Links.WebSocket)

	deadline := time.Now().Add(10 * time.Second)
	for e.count("live_sessions") == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	var reason, ext string
	if err := e.sql.QueryRow(`SELECT l.end_reason, c.external_id FROM live_sessions l JOIN calls c ON c.id = l.call_id`).Scan(&reason, &ext); err != nil || reason != "idle" || ext != "dialler-77" {
		t.Fatalf("idle session stored as %q, %q (%v); want idle under its external id", reason, ext, err)
	}

	// Past the 5 s of the quick routes, the followed session's socket
	// still works.
	time.Sleep(6 * time.Second)
	ws.send(session.Utterance{Speaker: assistant.Agent, Text: "Goedemiddag, u spreekt met Sanne.", Final: true})
	if ev := ws.next(nil, func(session.Event) bool { return true }); ev.Type != assistant.EventStance {
		t.Errorf("after 6 s the socket gave %+v", ev.LiveEvent)
	}
	if n := e.count("live_sessions"); n != 1 {
		t.Errorf("%d sessions stored; the followed one must stay open", n)
	}
}

// Live sessions under auth, with real tokens over real HTTP and a real
// WebSocket client: an agent opens, streams to, reads and ends their own
// session; another agent, and a lead of another team, get what an unknown
// session gets; the trainer of the agent's team follows it without taking
// part; an admin opens and ends sessions for any agent; no token is a 401,
// on the socket before the upgrade.
func TestLiveAuth(t *testing.T) {
	t.Parallel()
	o := newOrg(t)
	anna, bram, trainer := o.tok["anna"], o.tok["bram"], o.tok["trainer-noord"]

	// Anna opens her own session without naming herself; not Bram's.
	sess := o.openSessionAs(anna, `{"language": "nl"}`)
	if sess.AgentID != "agent-anna" {
		t.Errorf("anna's session is agent %q's", sess.AgentID)
	}
	var p api.Problem
	if res := o.doAs(anna, "POST", "/v1/sessions", "application/json", []byte(`{"agent_id": "agent-bram"}`), &p); res.StatusCode != http.StatusForbidden || !strings.Contains(p.Detail, "your token is agent agent-anna's") {
		t.Errorf("anna opens bram's session: %d %q; want 403", res.StatusCode, p.Detail)
	}
	// Nor one in another team, whose trainers would follow it: her own
	// team, named or not, decides who follows.
	for _, team := range []string{"team-zuid", "team-nieuw"} {
		if res := o.doAs(anna, "POST", "/v1/sessions", "application/json", []byte(`{"team_id": "`+team+`", "language": "nl"}`), &p); res.StatusCode != http.StatusForbidden || !strings.Contains(p.Detail, "only in your own team (team-noord), not in team "+team) {
			t.Errorf("anna opens a session in %s: %d %q; want 403", team, res.StatusCode, p.Detail)
		}
	}
	if own := o.openSessionAs(anna, `{"team_id": "team-noord", "language": "nl", "external_id": "own-team"}`); own.AgentID != "agent-anna" {
		t.Errorf("anna's session in her own team is agent %q's", own.AgentID)
	}
	for _, who := range []string{"trainer-noord", "lead-zuid"} {
		if res := o.doAs(o.tok[who], "POST", "/v1/sessions", "application/json", []byte(`{"agent_id": "agent-anna"}`), &p); res.StatusCode != http.StatusForbidden {
			t.Errorf("%s opens a session: %d %q; want 403", who, res.StatusCode, p.Detail)
		}
	}

	// No token, or a made-up one: 401 everywhere, the socket included,
	// with the header a client needs and no upgrade.
	for _, bad := range []string{"", "1-" + strings.Repeat("0", 40)} {
		for _, r := range []struct{ method, path string }{
			{"POST", "/v1/sessions"}, {"GET", "/v1/sessions/" + sess.ID}, {"GET", sess.Links.Events},
			{"POST", sess.Links.Utterances}, {"POST", sess.Links.End},
		} {
			if res := o.doAs(bad, r.method, r.path, "application/json", []byte(`{}`), &p); res.StatusCode != http.StatusUnauthorized || p.Code != assistant.EUnauthorized {
				t.Errorf("%s %s with token %q: %d %+v; want 401", r.method, r.path, bad, res.StatusCode, p)
			}
		}
		for name, opts := range map[string]*websocket.DialOptions{"header": bearerHeader(bad), "subprotocol": bearerProtocol(bad)} {
			_, res, err := o.dialWith(sess.Links.WebSocket, opts)
			if err == nil || res == nil || res.StatusCode != http.StatusUnauthorized || !strings.HasPrefix(res.Header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("socket with token %q as %s: %v %+v; want 401 before the upgrade", bad, name, err, res)
			}
		}
	}

	// Another agent and a lead of another team: 404, in the words of a
	// session that does not exist, on every route.
	var unknown api.Problem
	o.doAs(anna, "GET", "/v1/sessions/0000", "", nil, &unknown)
	want := strings.ReplaceAll(unknown.Detail, "0000", sess.ID)
	for _, who := range []string{"bram", "lead-zuid"} {
		for _, r := range []struct{ method, path string }{
			{"GET", "/v1/sessions/" + sess.ID}, {"GET", sess.Links.Events}, {"POST", sess.Links.Utterances}, {"POST", sess.Links.End},
		} {
			body := []byte(`{"speaker": "agent", "text": "Hallo", "final": true}`)
			if res := o.doAs(o.tok[who], r.method, r.path, "application/json", body, &p); (res.StatusCode != http.StatusNotFound || p.Detail != want) &&
				// A lead may not post to these routes at all.
				!(who == "lead-zuid" && r.method == "POST" && res.StatusCode == http.StatusForbidden) {
				t.Errorf("%s %s %s: %d %q; want 404 %q", who, r.method, r.path, res.StatusCode, p.Detail, want)
			}
		}
		if _, res, err := o.dialWith(sess.Links.WebSocket, bearerProtocol(o.tok[who])); err == nil || res == nil || res.StatusCode != http.StatusNotFound {
			t.Errorf("%s opens anna's socket: %v %+v; want 404", who, err, res)
		}
	}

	// Anna streams over the socket (token as a subprotocol); the trainer
	// of her team follows on a socket of their own (token in the header)
	// and on the event stream, and sees her turn.
	annaWS := o.socketWith(sess.Links.WebSocket, bearerProtocol(anna))
	trainerWS := o.socketWith(sess.Links.WebSocket, bearerHeader(trainer))
	stream := sse(t, o.getAs(trainer, sess.Links.Events))
	annaWS.send(session.Utterance{Speaker: assistant.Agent, Text: "Goedemiddag, u spreekt met Anna van Incasso Noord.", Final: true})
	for name, ws := range map[string]*socket{"anna": annaWS, "the trainer": trainerWS} {
		if ev := ws.next(nil, func(session.Event) bool { return true }); ev.Type != assistant.EventStance || ev.Turn != 0 {
			t.Errorf("%s's socket got %+v; want the stance of turn 0", name, ev.LiveEvent)
		}
	}
	select {
	case ev := <-stream:
		if ev.Type != assistant.EventStance {
			t.Errorf("the trainer's event stream got %+v", ev.LiveEvent)
		}
	case <-time.After(10 * time.Second):
		t.Error("the trainer's event stream got nothing")
	}
	// What the trainer sends is refused, on the socket and over HTTP; the
	// session does not change.
	trainerWS.send(session.Utterance{Speaker: assistant.Agent, Text: "Zeg eens iets aardigs.", Final: true})
	if ev := trainerWS.next(nil, func(ev session.Event) bool { return ev.Type == assistant.EventError }); ev.Code != assistant.EForbidden || !strings.Contains(ev.Text, "alleen medewerker agent-anna") {
		t.Errorf("the trainer's utterance: %+v; want a forbidden error event", ev)
	}
	for _, path := range []string{sess.Links.Utterances, sess.Links.End} {
		if res := o.doAs(trainer, "POST", path, "application/json", []byte(`{"speaker": "agent", "text": "Hallo", "final": true}`), &p); res.StatusCode != http.StatusForbidden {
			t.Errorf("the trainer POSTs %s: %d %q; want 403", path, res.StatusCode, p.Detail)
		}
	}
	var st session.State
	if res := o.doAs(trainer, "GET", "/v1/sessions/"+sess.ID, "", nil, &st); res.StatusCode != http.StatusOK || len(st.Turns) != 1 || st.AgentID != "agent-anna" {
		t.Errorf("the trainer reads the session: %d, %d turns", res.StatusCode, len(st.Turns))
	}

	// Anna ends it over HTTP; the record is hers, and Bram cannot read it.
	var end session.Result
	if res := o.doAs(anna, "POST", sess.Links.End, "", nil, &end); res.StatusCode != http.StatusOK || end.Call == nil || end.Call.AgentID != "agent-anna" || end.Call.TeamID != "team-noord" {
		t.Fatalf("anna ends her session: %d %+v", res.StatusCode, end)
	}
	if res := o.doAs(bram, "GET", fmt.Sprintf("/v1/calls/%d", end.Call.ID), "", nil, &p); res.StatusCode != http.StatusNotFound {
		t.Errorf("bram reads anna's live call: %d", res.StatusCode)
	}
	if res := o.doAs(anna, "GET", fmt.Sprintf("/v1/calls/%d", end.Call.ID), "", nil, nil); res.StatusCode != http.StatusOK {
		t.Errorf("anna reads her live call: %d", res.StatusCode)
	}

	// An admin, such as a platform's connector, opens a session for Cas;
	// Cas sends to it with her own token, and the admin ends it.
	cas := o.tokenFor(assistant.Token{Name: "Cas", Role: assistant.RoleAgent, AgentID: "agent-cas"})
	forCas := o.openSession(`{"agent_id": "agent-cas", "language": "en"}`)
	var u api.UtteranceResponse
	if res := o.doAs(cas, "POST", forCas.Links.Utterances, "application/json", []byte(`{"speaker": "agent", "text": "Hello, this is Cas from Northgate.", "final": true}`), &u); res.StatusCode != http.StatusOK || len(u.Events) == 0 {
		t.Errorf("cas sends to the session an admin opened for her: %d %+v", res.StatusCode, u)
	}
	if res := o.doAs(anna, "POST", forCas.Links.Utterances, "application/json", []byte(`{"speaker": "agent", "text": "Hello", "final": true}`), &p); res.StatusCode != http.StatusNotFound {
		t.Errorf("anna sends to cas's session: %d", res.StatusCode)
	}
	if res := o.do("POST", forCas.Links.End, "", nil, &end); res.StatusCode != http.StatusOK || end.Call == nil || end.Call.AgentID != "agent-cas" || end.Call.TeamID != "team-zuid" {
		t.Errorf("the admin ends cas's session: %d %+v", res.StatusCode, end)
	}
}

// Ending a session whose external id belongs to a stored call (here a
// recording posted before) is refused with a 409 that names the external id
// and the call, and the session stays open, its socket too: the agent goes
// on talking, and ends it again under another external id, or under none.
// Nothing is stored twice and nothing of the session is lost. A session
// the server ends by itself (idle), with nobody to ask, is stored under its
// own id instead.
func TestLiveEndExternalIDTaken(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{Live: session.Config{IdleTimeout: time.Hour}})
	// Sanne is in team-noord, which her session names.
	e.do("POST", "/v1/teams", "application/json", []byte(`{"id":"team-noord"}`), nil)
	e.do("POST", "/v1/agents", "application/json", []byte(`{"id":"agent-sanne","team_id":"team-noord"}`), nil)
	sanne := e.tokenFor(assistant.Token{Name: "Sanne", Role: assistant.RoleAgent, AgentID: "agent-sanne"})
	// The recording is posted while the call goes on: a session is not
	// opened under the id of a stored call (TestLiveOpenExternalIDTaken).
	sess := e.openSessionAs(sanne, `{"agent_id": "agent-sanne", "team_id": "team-noord", "external_id": "crm-42", "language": "nl"}`)
	var recorded assistant.Call
	if res := e.do("POST", "/v1/calls?agent_id=agent-sanne&team_id=team-noord&external_id=crm-42", "text/plain", sample(t, "nl-betalingsregeling.txt"), &recorded); res.StatusCode != http.StatusCreated {
		t.Fatalf("POST the recording: %d", res.StatusCode)
	}
	ws := e.socketWith(sess.Links.WebSocket, bearerProtocol(sanne))
	turns := liveScript(t, assistant.Dutch)
	say := func(turn assistant.Turn) {
		t.Helper()
		ws.send(session.Utterance{Speaker: turn.Speaker, Text: turn.Text, Final: true})
		ws.next(nil, func(ev session.Event) bool { return ev.Type == assistant.EventStance && ev.Turn == turn.Index })
	}
	for _, turn := range turns[:4] {
		say(turn)
	}
	taken := func(end, body, ext string, want int64) {
		t.Helper()
		var p api.Problem
		ct := ""
		if body != "" {
			ct = "application/json"
		}
		res := e.doAs(sanne, "POST", end, ct, []byte(body), &p)
		if res.StatusCode != http.StatusConflict || p.Code != assistant.EConflict || res.Header.Get("Content-Type") != "application/problem+json" ||
			!strings.Contains(p.Detail, fmt.Sprintf("external_id %q belongs to call %d already", ext, want)) {
			t.Fatalf("end %s: %d %s %q; want 409 naming external_id %q and call %d", body, res.StatusCode, p.Code, p.Detail, ext, want)
		}
	}
	taken(sess.Links.End, "", "crm-42", recorded.ID)
	taken(sess.Links.End, `{"external_id": "crm-42"}`, "crm-42", recorded.ID)

	// Still open, with its turns, and the socket still carries the call.
	var st session.State
	if e.doAs(sanne, "GET", "/v1/sessions/"+sess.ID, "", nil, &st); st.Status != "open" || len(st.Turns) != 4 {
		t.Fatalf("after the refused end the session is %s with %d turns; want open with 4", st.Status, len(st.Turns))
	}
	say(turns[4])
	// The recording is as it was, and the only call.
	var again assistant.Call
	e.do("GET", fmt.Sprintf("/v1/calls/%d", recorded.ID), "", nil, &again)
	if again.Live != nil || again.Format != recorded.Format || len(again.Turns) != len(recorded.Turns) || e.count("calls") != 1 {
		t.Errorf("the recording changed (%s, %d turns, live %v) or another call was stored (%d calls)", again.Format, len(again.Turns), again.Live, e.count("calls"))
	}
	var p api.Problem
	if res := e.doAs(sanne, "POST", sess.Links.End, "application/json", []byte(`{"externalid": "crm-43"}`), &p); res.StatusCode != http.StatusBadRequest || !strings.Contains(p.Detail, "externalid") {
		t.Errorf("end with a misspelled field: %d %q", res.StatusCode, p.Detail)
	}

	// Another external id: stored, with every turn, as the session's.
	var end session.Result
	res := e.doAs(sanne, "POST", sess.Links.End, "application/json", []byte(`{"external_id": "crm-42-live"}`), &end)
	if res.StatusCode != http.StatusOK || !end.Created || end.Call == nil {
		t.Fatalf("end under another external id: %d %+v", res.StatusCode, end)
	}
	if c := end.Call; c.ExternalID != "crm-42-live" || len(c.Turns) != 5 || c.Live == nil || c.Live.SessionID != sess.ID || c.Live.Utterances != 5 ||
		res.Header.Get("Location") != fmt.Sprintf("/v1/calls/%d", c.ID) {
		t.Errorf("stored %q with %d turns, live %+v, Location %q; want crm-42-live with 5 turns of session %s", c.ExternalID, len(c.Turns), c.Live, res.Header.Get("Location"), sess.ID)
	}
	if ended := ws.next(nil, func(ev session.Event) bool { return ev.Type == assistant.EventEnded }); ended.CallID != end.Call.ID {
		t.Errorf("ended event names call %d, the end %d", ended.CallID, end.Call.ID)
	}
	if err := <-ws.closed; websocket.CloseStatus(err) != websocket.StatusNormalClosure || !strings.Contains(err.Error(), fmt.Sprintf("/v1/calls/%d", end.Call.ID)) {
		t.Errorf("close after the end: %v; want a normal closure naming the record", err)
	}
	if e.doAs(sanne, "GET", "/v1/sessions/"+sess.ID, "", nil, &st); st.Status != "ended" || st.CallID != end.Call.ID || st.ExternalID != "crm-42-live" {
		t.Errorf("the ended session reads %s, call %d, external id %q", st.Status, st.CallID, st.ExternalID)
	}
	// Ending again answers with the record, whatever the body says.
	var second session.Result
	if res := e.doAs(sanne, "POST", sess.Links.End, "application/json", []byte(`{"external_id": "crm-44"}`), &second); res.StatusCode != http.StatusOK || second.Created || second.Call.ID != end.Call.ID {
		t.Errorf("second end: %d %+v", res.StatusCode, second)
	}

	// Without an external id: the session's own.
	plain := e.openSessionAs(sanne, `{"agent_id": "agent-sanne", "external_id": "crm-45", "language": "nl"}`)
	var recorded45 assistant.Call
	if res := e.do("POST", "/v1/calls?agent_id=agent-sanne&external_id=crm-45", "text/plain", sample(t, "nl-betalingsregeling.txt"), &recorded45); res.StatusCode != http.StatusCreated {
		t.Fatalf("POST the recording: %d", res.StatusCode)
	}
	ws2 := e.socketWith(plain.Links.WebSocket, bearerProtocol(sanne))
	ws2.send(session.Utterance{Speaker: turns[0].Speaker, Text: turns[0].Text, Final: true})
	ws2.next(nil, func(ev session.Event) bool { return ev.Type == assistant.EventStance })
	taken(plain.Links.End, "", "crm-45", recorded45.ID)
	if res := e.doAs(sanne, "POST", plain.Links.End, "application/json", []byte(`{"external_id": ""}`), &end); res.StatusCode != http.StatusOK || !end.Created ||
		end.Call.ExternalID != "live-"+plain.ID || len(end.Call.Turns) != 1 {
		t.Fatalf("end without an external id: %d %+v", res.StatusCode, end)
	}
	if n := e.count("calls"); n != 4 {
		t.Errorf("%d calls stored; want the two recordings and the two sessions", n)
	}
}

// A session the server ends by itself after the idle time, whose external
// id belongs to a stored call, is stored under its own id: nobody is there
// to choose another, and its turns must not be lost.
func TestLiveIdleEndExternalIDTaken(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{Live: session.Config{IdleTimeout: 300 * time.Millisecond}})
	idle := e.openSession(`{"agent_id": "agent-sanne", "external_id": "dialler-78", "language": "nl"}`)
	// A client follows the session while the recording is posted, so it
	// idles only once the socket closes.
	ws := e.socket(idle.Links.WebSocket)
	if res := e.do("POST", idle.Links.Utterances, "application/json", []byte(`{"speaker": "agent", "text": "Goedemiddag, u spreekt met Sanne.", "final": true}`), nil); res.StatusCode != http.StatusOK {
		t.Fatalf("utterance: %d", res.StatusCode)
	}
	if res := e.do("POST", "/v1/calls?agent_id=agent-sanne&external_id=dialler-78", "text/plain", sample(t, "nl-betalingsregeling.txt"), nil); res.StatusCode != http.StatusCreated {
		t.Fatalf("POST the recording: %d", res.StatusCode)
	}
	ws.conn.Close(websocket.StatusNormalClosure, "")
	deadline := time.Now().Add(10 * time.Second)
	for e.count("live_sessions") == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	var reason, ext string
	if err := e.sql.QueryRow(`SELECT l.end_reason, c.external_id FROM live_sessions l JOIN calls c ON c.id = l.call_id`).Scan(&reason, &ext); err != nil || reason != "idle" || ext != "live-"+idle.ID {
		t.Fatalf("idle session stored as %q, %q (%v); want idle under live-%s", reason, ext, err, idle.ID)
	}
}

// A platform that ends the session at hang-up, before the transcriber's
// final result of the customer's last words comes, loses none of them: the
// pending partial is stored as the customer's last turn and counted among
// the utterances, over the socket and over plain HTTP, in both languages.
func TestLivePendingPartialKeptAtEnd(t *testing.T) {
	t.Parallel()
	words := map[assistant.Language][2]string{
		assistant.English: {"How much could you pay each month?", "Yes, I can pay fifty pounds a month"},
		assistant.Dutch:   {"Hoeveel zou u per maand kunnen betalen?", "Ja, ik kan vijftig euro per maand betalen"},
	}
	e := newEnv(t, api.Config{})
	sanne := e.tokenFor(assistant.Token{Name: "Sanne", Role: assistant.RoleAgent, AgentID: "agent-sanne"})
	for _, lang := range assistant.Languages {
		for _, via := range []string{"ws", "http"} {
			t.Run(string(lang)+"/"+via, func(t *testing.T) {
				agent, customer := words[lang][0], words[lang][1]
				sess := e.openSessionAs(sanne, `{"language": "`+string(lang)+`"}`)
				send := func(u session.Utterance) {
					t.Helper()
					data, _ := json.Marshal(u)
					if res := e.doAs(sanne, "POST", sess.Links.Utterances, "application/json", data, nil); res.StatusCode != http.StatusOK {
						t.Fatalf("utterance: %d", res.StatusCode)
					}
				}
				if via == "ws" {
					ws := e.socketWith(sess.Links.WebSocket, bearerProtocol(sanne))
					send = func(u session.Utterance) {
						t.Helper()
						ws.send(u)
					}
					send(session.Utterance{Speaker: assistant.Agent, Text: agent, Final: true})
					ws.next(nil, func(ev session.Event) bool { return ev.Type == assistant.EventTip })
				} else {
					send(session.Utterance{Speaker: assistant.Agent, Text: agent, Final: true})
				}
				send(session.Utterance{Speaker: assistant.Customer, Text: customer[:len(customer)/2]})
				send(session.Utterance{Speaker: assistant.Customer, Text: customer})
				// The socket's frames are read in turn; the session's state
				// shows when the last one was taken, as the tester saw it.
				var st session.State
				for deadline := time.Now().Add(10 * time.Second); st.Partial[assistant.Customer] != customer; time.Sleep(10 * time.Millisecond) {
					if time.Now().After(deadline) {
						t.Fatalf("the partial never showed in the session: %+v", st.Partial)
					}
					e.doAs(sanne, "GET", "/v1/sessions/"+sess.ID, "", nil, &st)
				}
				var end session.Result
				if res := e.doAs(sanne, "POST", sess.Links.End, "", nil, &end); res.StatusCode != http.StatusOK || end.Call == nil {
					t.Fatalf("end: %d %+v", res.StatusCode, end)
				}
				var call assistant.Call
				e.doAs(sanne, "GET", fmt.Sprintf("/v1/calls/%d", end.Call.ID), "", nil, &call)
				var got []string
				for _, turn := range call.Turns {
					got = append(got, string(turn.Speaker)+": "+turn.Text)
				}
				if diff := cmp.Diff([]string{"agent: " + agent, "customer: " + customer}, got); diff != "" {
					t.Errorf("stored turns (-want +got):\n%s", diff)
				}
				if call.Live == nil || call.Live.Utterances != 2 || call.Live.Partials != 2 {
					t.Errorf("live note %+v; want 2 utterances (one kept from a partial) and 2 partials", call.Live)
				}
			})
		}
	}
}

// What the socket refuses comes back to its client as an error event, as
// JSON: its code and message, the time on the session's clock, and no seq
// (only this client sees it, so it is neither replayed nor numbered).
func TestLiveErrorEventOnSocket(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	sess := e.openSession(`{"agent_id": "agent-sanne", "language": "nl"}`)
	conn, _, err := e.dial(sess.Links.WebSocket)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.CloseNow()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for frame, code := range map[string]string{
		"Goedemiddag": assistant.EInvalid,
		`{"speaker": "manager", "text": "Hallo", "final": true}`: assistant.EInvalid,
	} {
		if err := conn.Write(ctx, websocket.MessageText, []byte(frame)); err != nil {
			t.Fatal(err)
		}
		_, data, err := conn.Read(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var fields map[string]any
		if err := json.Unmarshal(data, &fields); err != nil {
			t.Fatalf("%s: %v", data, err)
		}
		at, err := time.Parse(time.RFC3339Nano, fmt.Sprint(fields["at"]))
		// The tests' session clock starts at 09:00 on their today.
		clock := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
		if _, ok := fields["seq"]; ok || fields["type"] != "error" || fields["code"] != code || err != nil || at.Before(clock) || at.After(clock.Add(time.Minute)) {
			t.Errorf("frame %q answered with %s; want an error event with code %s, at on the session's clock, and no seq", frame, data, code)
		}
	}
}

// A session is not opened under the external id of a stored call of the
// agent or of the session's team: 409, problem+json naming the id. When
// Postgres does not answer, the session opens all the same (the call must
// not wait for the database) and the socket's first event is a warning.
func TestLiveOpenExternalIDTaken(t *testing.T) {
	dsn := storetest.NewDSN(t)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	px := newProxy(t, u.Host)
	u.Host = px.addr
	e := newEnvDSN(t, u.String(), api.Config{})
	var recorded assistant.Call
	if res := e.do("POST", "/v1/calls?agent_id=agent-sanne&team_id=team-noord&external_id=tel-1", "text/plain", sample(t, "nl-betalingsregeling.txt"), &recorded); res.StatusCode != http.StatusCreated {
		t.Fatalf("POST the recording: %d", res.StatusCode)
	}
	for _, body := range []string{
		`{"agent_id": "agent-sanne", "external_id": "tel-1", "language": "nl"}`,
		// A teammate's session under the same call id: the call was
		// coached already.
		`{"agent_id": "agent-bram", "team_id": "team-noord", "external_id": "tel-1", "language": "nl"}`,
	} {
		var p api.Problem
		res := e.do("POST", "/v1/sessions", "application/json", []byte(body), &p)
		if want := fmt.Sprintf(`external_id "tel-1" belongs to call %d of agent agent-sanne already`, recorded.ID); res.StatusCode != http.StatusConflict ||
			res.Header.Get("Content-Type") != "application/problem+json" || p.Code != assistant.EConflict || !strings.Contains(p.Detail, want) {
			t.Errorf("open %s: %d %s %q; want 409 problem+json saying %q", body, res.StatusCode, res.Header.Get("Content-Type"), p.Detail, want)
		}
	}
	if n := e.count("calls"); n != 1 {
		t.Errorf("%d calls; want the recording alone", n)
	}
	// Another team's session under the id opens.
	e.openSession(`{"agent_id": "agent-cas", "team_id": "team-zuid", "external_id": "tel-1", "language": "nl"}`)

	px.stop()
	sess := e.openSession(`{"agent_id": "agent-sanne", "external_id": "tel-2", "language": "en"}`)
	ws := e.socket(sess.Links.WebSocket)
	first := ws.next(nil, func(session.Event) bool { return true })
	if first.Type != assistant.EventWarning || first.Kind != assistant.WarningExternalIDUnchecked || first.Seq != 1 ||
		!strings.Contains(first.Text, "Could not check whether call id tel-2 belongs to a stored call") {
		t.Errorf("first event with Postgres down: %+v; want the warning", first.LiveEvent)
	}
	// The call goes on.
	ws.send(session.Utterance{Speaker: assistant.Agent, Text: "Good afternoon, this is Sanne.", Final: true})
	if ev := ws.next(nil, func(session.Event) bool { return true }); ev.Type != assistant.EventStance || ev.Turn != 0 {
		t.Errorf("after the warning: %+v; want the stance of turn 0", ev.LiveEvent)
	}
	px.start()
}
