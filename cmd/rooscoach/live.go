package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/coder/websocket"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
	"github.com/rooscoach/rooscoach/assistant/session"
	"github.com/rooscoach/rooscoach/assistant/transcript"
)

// runLive plays a transcript through a live session of a running server,
// turn by turn over a WebSocket, as a contact-centre platform would stream
// a call (each turn as two partial results, then the final one), prints the
// events as they come, and ends the session, which stores the record. It
// is the smallest client of the live API, and the README's example. It
// sends a token (ROOSCOACH_TOKEN or --token): an agent's, for their own
// calls, or an admin's, for any agent's.
func runLive(ctx context.Context, args []string, env func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("live", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("url", cmp.Or(env("ROOSCOACH_URL"), "http://localhost:8080"), "the server (ROOSCOACH_URL)")
	token := fs.String("token", "", "the API token, an agent's or an admin's (default $ROOSCOACH_TOKEN; the variable keeps it out of the process list)")
	agent := fs.String("agent-id", "", "the agent the call is filed under; with an agent's token, that agent")
	external := fs.String("external-id", "", "the call's id in your dialler; the session's own when empty")
	lang := fs.String("language", "", "nl or en; detected when empty")
	mode := fs.String("mode", "full", "full, or quiet for alerts and red flags only")
	delay := fs.Duration("delay", 0, "pause after each utterance, to watch it as a call")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: rooscoach live [flags] FILE\n\nPlays a transcript through a live session of a running server and prints the events.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return usageError{"live takes one transcript file"}
	}
	data, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return fmt.Errorf("live: %w", err)
	}
	t, err := transcript.Parse(data, "", transcript.Options{})
	if err != nil {
		return fmt.Errorf("live: %s: %s", fs.Arg(0), assistant.ErrorMessage(err))
	}
	c := &liveClient{base: strings.TrimSuffix(*base, "/"), token: cmp.Or(*token, env("ROOSCOACH_TOKEN")), http: &http.Client{Timeout: 30 * time.Second}}
	open, _ := json.Marshal(session.OpenRequest{AgentID: *agent, ExternalID: *external, Language: *lang, Mode: assistant.LiveMode(*mode)})
	var sess api.SessionResponse
	if err := c.post(ctx, "/v1/sessions", open, &sess); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "session %s for %s\n", sess.ID, sess.AgentID)

	dctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	conn, _, err := websocket.Dial(dctx, "ws"+strings.TrimPrefix(c.base, "http")+sess.Links.WebSocket, &websocket.DialOptions{HTTPHeader: c.header()})
	cancel()
	if err != nil {
		return fmt.Errorf("live: open the session's socket: %w", err)
	}
	defer conn.CloseNow()
	done := make(chan error, 1)
	go func() { done <- printEvents(ctx, conn, stdout) }()

	for _, turn := range t.Turns {
		words := strings.Fields(turn.Text)
		utterances := []session.Utterance{}
		for _, n := range []int{len(words) / 3, 2 * len(words) / 3} {
			if n > 0 {
				utterances = append(utterances, session.Utterance{Speaker: turn.Speaker, Text: strings.Join(words[:n], " ")})
			}
		}
		start, end := turn.StartMS, turn.EndMS
		utterances = append(utterances, session.Utterance{Speaker: turn.Speaker, Text: turn.Text, Final: true, StartMS: &start, EndMS: &end})
		for _, u := range utterances {
			frame, _ := json.Marshal(u)
			wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			err := conn.Write(wctx, websocket.MessageText, frame)
			cancel()
			if err != nil {
				return fmt.Errorf("live: send turn %d: %w", turn.Index, err)
			}
			if *delay > 0 {
				time.Sleep(*delay)
			}
		}
	}
	// The socket carries the utterances in order; the session's state
	// shows when the last has been taken in, and then the end finds it.
	if err := c.waitForTurns(ctx, sess.ID, len(t.Turns)); err != nil {
		return err
	}
	var res session.Result
	if err := c.post(ctx, "/v1/sessions/"+sess.ID+"/end", nil, &res); err != nil {
		return err
	}
	if err := <-done; err != nil {
		return err
	}
	if res.Call == nil {
		fmt.Fprintf(stdout, "nothing stored: %s\n", res.Reason)
		return nil
	}
	fmt.Fprintf(stdout, "stored as /v1/calls/%d (%d turns, %d events shown)\n", res.Call.ID, len(res.Call.Turns), len(res.Call.Live.Events))
	return nil
}

// printEvents prints the session's events until the server closes the
// socket after the end.
func printEvents(ctx context.Context, conn *websocket.Conn, w io.Writer) error {
	for {
		_, data, err := conn.Read(ctx)
		if err != nil {
			if websocket.CloseStatus(err) == websocket.StatusNormalClosure {
				return nil
			}
			return fmt.Errorf("live: the socket closed: %w", err)
		}
		var e session.Event
		if err := json.Unmarshal(data, &e); err != nil {
			return fmt.Errorf("live: an event that is not JSON: %w", err)
		}
		turn := "      "
		if e.Turn >= 0 {
			turn = fmt.Sprintf("turn %-2d", e.Turn)
		}
		fmt.Fprintf(w, "%s %-16s %s\n", turn, e.Type, e.Text)
	}
}

// liveClient is the HTTP side of the live command.
type liveClient struct {
	base  string
	token string
	http  *http.Client
}

// header carries the token, when there is one: a server run with
// ROOSCOACH_AUTH=off asks for none.
func (c *liveClient) header() http.Header {
	h := http.Header{}
	if c.token != "" {
		h.Set("Authorization", "Bearer "+c.token)
	}
	return h
}

// post sends body (nil for none) and decodes the answer into out; a problem
// answer becomes an error with its detail.
func (c *liveClient) post(ctx context.Context, path string, body []byte, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+path, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("live: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	return c.do(req, out)
}

func (c *liveClient) do(req *http.Request, out any) error {
	for k, v := range c.header() {
		req.Header[k] = v
	}
	res, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("live: is the server running (rooscoach serve, or make run)? %w", err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return fmt.Errorf("live: read the answer of %s: %w", req.URL.Path, err)
	}
	if res.StatusCode >= 300 {
		var p api.Problem
		if json.Unmarshal(data, &p) == nil && p.Detail != "" {
			if res.StatusCode == http.StatusUnauthorized {
				p.Detail += " Give rooscoach live a token with ROOSCOACH_TOKEN or --token."
			}
			return fmt.Errorf("live: %s %s: %d %s", req.Method, req.URL.Path, res.StatusCode, p.Detail)
		}
		return fmt.Errorf("live: %s %s: %s", req.Method, req.URL.Path, res.Status)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("live: the answer of %s: %w", req.URL.Path, err)
	}
	return nil
}

// waitForTurns waits until the session holds n turns.
func (c *liveClient) waitForTurns(ctx context.Context, id string, n int) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/v1/sessions/"+id, nil)
		if err != nil {
			return fmt.Errorf("live: %w", err)
		}
		var st session.State
		if err := c.do(req, &st); err != nil {
			return err
		}
		if len(st.Turns) >= n {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("live: the session took %d of %d turns in 30 s", len(st.Turns), n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
