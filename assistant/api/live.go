package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/coder/websocket"
	"github.com/labstack/echo/v4"
	"golang.org/x/time/rate"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/session"
)

// Live sessions over HTTP: a WebSocket carries utterances in and events
// out; clients that cannot use one post utterances and read the events in
// the answer or as server-sent events.

const (
	// eventBuffer is how many events may wait for one client. A client
	// that falls further behind is dropped, never waited for: the analysis
	// serves every client of the session and the next utterance.
	eventBuffer = 256
	// frameLimit bounds one WebSocket frame: an utterance of 2,000
	// characters, each escaped in JSON at worst, with room to spare.
	frameLimit = 32 << 10
	// frameRate and frameBurst bound the frames one connection may send,
	// whatever they hold; the session has its own rate for utterances.
	frameRate  = 50
	frameBurst = 100
	// writeTimeout bounds writing one event to a client.
	writeTimeout = 10 * time.Second
	// pingEvery keeps a quiet connection open through proxies and finds a
	// peer that went away.
	pingEvery = 30 * time.Second
	// keepAliveEvery is the comment line that keeps an event stream open.
	keepAliveEvery = 15 * time.Second
)

// SessionResponse is the answer of POST /v1/sessions.
type SessionResponse struct {
	ID         string `json:"id"`
	AgentID    string `json:"agent_id"`
	ExternalID string `json:"external_id"`
	// Language is the declared language; empty when it is detected.
	Language assistant.Language `json:"language,omitempty"`
	Mode     assistant.LiveMode `json:"mode"`
	OpenedAt time.Time          `json:"opened_at"`
	// Links are the session's routes.
	Links SessionLinks `json:"links"`
}

// SessionLinks are the routes of one session.
type SessionLinks struct {
	WebSocket  string `json:"ws"`
	Events     string `json:"events"`
	Utterances string `json:"utterances"`
	End        string `json:"end"`
}

// UtteranceResponse is the answer of POST /v1/sessions/{id}/utterances.
type UtteranceResponse struct {
	Events []session.Event `json:"events"`
}

// handleSessionCreate opens a live session. Opening again with the same
// agent and external id while the first is open returns it with 200.
func (s *Server) handleSessionCreate(c echo.Context) error {
	engine, err := engineParam(c)
	if err != nil {
		return err
	}
	if err := s.coach.CheckEngine(engine); err != nil {
		return err
	}
	var req session.OpenRequest
	if err := s.decodeJSON(c, &req); err != nil {
		return err
	}
	req.Engine = engine
	sess, created, err := s.sessions.Open(c.Request().Context(), principalOf(c), req)
	if err != nil {
		return err
	}
	base := "/v1/sessions/" + sess.ID()
	status := http.StatusOK
	if created {
		status = http.StatusCreated
		c.Response().Header().Set(echo.HeaderLocation, base)
	}
	lang, _ := assistant.ParseLanguage(req.Language)
	return c.JSON(status, SessionResponse{ID: sess.ID(), AgentID: sess.AgentID(), ExternalID: sess.ExternalID(),
		Language: lang, Mode: sess.Mode(), OpenedAt: sess.OpenedAt(),
		Links: SessionLinks{WebSocket: base + "/ws", Events: base + "/events", Utterances: base + "/utterances", End: base + "/end"}})
}

// handleSessionView returns a session's state: its turns with their
// stance, pending partials and the events shown.
func (s *Server) handleSessionView(c echo.Context) error {
	sess, err := s.sessions.Get(principalOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, sess.State())
}

// drivenSession returns the session of the request's path if the asker may
// drive it (add utterances, end it).
func (s *Server) drivenSession(c echo.Context) (*session.Session, error) {
	by := principalOf(c)
	sess, err := s.sessions.Get(by, c.Param("id"))
	if err != nil {
		return nil, err
	}
	if err := sess.CheckDriver(by); err != nil {
		return nil, err
	}
	return sess, nil
}

// handleUtterance takes one utterance over plain HTTP and answers with the
// events it gave (an empty list for a partial one).
func (s *Server) handleUtterance(c echo.Context) error {
	sess, err := s.drivenSession(c)
	if err != nil {
		return err
	}
	var u session.Utterance
	if err := s.decodeJSON(c, &u); err != nil {
		return err
	}
	events, err := sess.Add(c.Request().Context(), u)
	if err != nil {
		return err
	}
	if events == nil {
		events = []session.Event{}
	}
	return c.JSON(http.StatusOK, UtteranceResponse{Events: events})
}

// handleSessionEnd ends a session and stores its record. Ending it again
// answers with the same record and created false. The body is optional: a
// JSON object whose external_id files the record under another external
// id, as a client does when the session's belongs to a stored call (409).
func (s *Server) handleSessionEnd(c echo.Context) error {
	// Who may not end the session learns that before anything about
	// the body.
	sess, err := s.drivenSession(c)
	if err != nil {
		return err
	}
	by := principalOf(c)
	var req session.EndRequest
	if err := s.decodeOptionalJSON(c, &req); err != nil {
		return err
	}
	res, err := s.sessions.End(c.Request().Context(), by, sess.ID(), req)
	if err != nil {
		return err
	}
	if res.Call != nil {
		c.Response().Header().Set(echo.HeaderLocation, "/v1/calls/"+strconv.FormatInt(res.Call.ID, 10))
	}
	return c.JSON(http.StatusOK, res)
}

// afterParam reads the sequence number of the last event a client saw, from
// the after query parameter or an event stream's Last-Event-ID header.
func afterParam(c echo.Context) (int, error) {
	v := c.QueryParam("after")
	if v == "" {
		v = c.Request().Header.Get("Last-Event-ID")
	}
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, assistant.Errorf(assistant.EInvalid, "after %q is not the sequence number of an event (0 or more).", v)
	}
	return n, nil
}

// subscribe finds the session of the request and subscribes to it, so that
// an unknown or ended session is refused with a status before any stream
// starts.
func (s *Server) subscribe(c echo.Context) (*session.Session, *session.Subscription, error) {
	after, err := afterParam(c)
	if err != nil {
		return nil, nil, err
	}
	sess, err := s.sessions.Get(principalOf(c), c.Param("id"))
	if err != nil {
		return nil, nil, err
	}
	sub, err := sess.Subscribe(after, eventBuffer)
	if err != nil {
		return nil, nil, err
	}
	return sess, sub, nil
}

// The live socket's subprotocols. A browser cannot set headers on a
// WebSocket, so it sends its token as a subprotocol, bearer.TOKEN, and
// offers rooscoach beside it: the server selects rooscoach, never echoing
// the token, and a browser fails a handshake whose answer selects none of
// the subprotocols it offered. A rooscoach token (digits, a hyphen and hex
// digits) is a valid subprotocol name as it stands.
const (
	socketProtocol = "rooscoach"
	tokenProtocol  = "bearer."
)

// authenticateSocket is authenticate for the WebSocket route, which also
// takes the token as a subprotocol; it runs before the upgrade, so a
// request without a working token gets a plain 401 and no socket.
func (s *Server) authenticateSocket(next echo.HandlerFunc) echo.HandlerFunc {
	return s.authenticateWith(socketToken, next)
}

// socketToken reads the token of an Authorization header or, when there is
// none, of a bearer.TOKEN subprotocol.
func socketToken(r *http.Request) (string, error) {
	if r.Header.Get(echo.HeaderAuthorization) != "" {
		return bearer(r)
	}
	for _, h := range r.Header.Values("Sec-WebSocket-Protocol") {
		for _, p := range strings.Split(h, ",") {
			if token, ok := strings.CutPrefix(strings.TrimSpace(p), tokenProtocol); ok {
				if token == "" {
					return "", assistant.Errorf(assistant.EUnauthorized, "The subprotocol %s carries no token; offer %sTOKEN.", tokenProtocol, tokenProtocol)
				}
				return token, nil
			}
		}
	}
	return "", assistant.Errorf(assistant.EUnauthorized, "No token: send one as Authorization: Bearer TOKEN or, from a browser, as the subprotocol %sTOKEN beside %s: new WebSocket(url, [%q, %q + token]).", tokenProtocol, socketProtocol, socketProtocol, tokenProtocol)
}

// handleSessionSocket carries a session over a WebSocket: utterances in as
// JSON text frames, events out as JSON text frames. The token and the
// session are checked before the upgrade, so a stranger gets a plain 401,
// and an unknown, ended or unseen session a plain 404 or 409; the
// library's origin check stays on, so a page on another site cannot open
// the socket. Each connection has a read limit and a rate limit, and its
// events go through a bounded channel: a client that does not read them is
// disconnected, and nothing waits for it. A trainer or lead who follows
// the session gets its events; what they send is refused with an error
// event.
func (s *Server) handleSessionSocket(c echo.Context) error {
	by := principalOf(c)
	sess, sub, err := s.subscribe(c)
	if err != nil {
		return err
	}
	defer sub.Close()
	conn, err := websocket.Accept(c.Response(), c.Request(), &websocket.AcceptOptions{Subprotocols: []string{socketProtocol}})
	if err != nil {
		// Accept has answered the client (not a WebSocket request, or a
		// foreign origin).
		s.logger.Debug("websocket not accepted", "err", err)
		return nil
	}
	defer conn.CloseNow()
	conn.SetReadLimit(frameLimit)

	// The request's context must not be used after the upgrade; the
	// connection's own ends when either loop stops.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	private := make(chan session.Event, 16)
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.writeEvents(ctx, cancel, conn, sub, private)
	}()
	go s.ping(ctx, cancel, conn)
	s.readUtterances(ctx, conn, sess, sess.CheckDriver(by), private)
	cancel()
	<-done
	return nil
}

// readUtterances reads frames until the client closes the connection or
// ctx ends. A frame that is not a valid utterance gets an error event for
// this client alone, in the call's language; the session is not harmed. When forbidden is not nil
// the client only follows the session, and every utterance gets it back.
func (s *Server) readUtterances(ctx context.Context, conn *websocket.Conn, sess *session.Session, forbidden error, private chan<- session.Event) {
	limiter := rate.NewLimiter(frameRate, frameBurst)
	var lastThrottle time.Time
	tell := func(err error) {
		select {
		case private <- sess.ErrorEvent(err):
		default:
			// A client flooding us with bad frames does not get an answer
			// to each.
		}
	}
	for {
		typ, data, err := conn.Read(ctx)
		if err != nil {
			return
		}
		if !limiter.Allow() {
			// One notice a second is enough to tell a flooding client.
			if now := time.Now(); now.Sub(lastThrottle) >= time.Second {
				lastThrottle = now
				tell(session.FrameRateError(frameRate))
			}
			continue
		}
		if typ != websocket.MessageText {
			tell(session.BinaryFrameError())
			continue
		}
		if forbidden != nil {
			tell(forbidden)
			continue
		}
		u, err := session.DecodeUtterance(data)
		if err != nil {
			tell(err)
			continue
		}
		if _, err := sess.Add(ctx, u); err != nil {
			if assistant.ErrorCode(err) == assistant.EConflict {
				// The session ended; the writer closes with the reason.
				tell(err)
				continue
			}
			if assistant.ErrorCode(err) == assistant.EInternal {
				s.logger.Error("live utterance failed", "session", sess.ID(), "err", err)
			}
			tell(err)
		}
	}
}

// writeEvents writes the session's events and this client's error events
// until the session ends, the client falls behind or ctx ends; then it
// closes the connection with a reason.
func (s *Server) writeEvents(ctx context.Context, cancel context.CancelFunc, conn *websocket.Conn, sub *session.Subscription, private <-chan session.Event) {
	defer cancel()
	last, callID := 0, int64(0)
	for {
		var e session.Event
		select {
		case <-ctx.Done():
			return
		case e = <-private:
		case ev, ok := <-sub.C:
			if !ok {
				if errors.Is(sub.Err(), session.ErrSlow) {
					_ = conn.Close(websocket.StatusPolicyViolation, fmt.Sprintf("events were not read fast enough; reconnect with ?after=%d", last))
				} else {
					reason := "the session ended"
					if callID != 0 {
						reason += "; its record is /v1/calls/" + strconv.FormatInt(callID, 10)
					}
					_ = conn.Close(websocket.StatusNormalClosure, reason)
				}
				return
			}
			e = ev
			last, callID = e.Seq, max(callID, e.CallID)
		}
		data, err := json.Marshal(e)
		if err != nil {
			s.logger.Error("encode live event", "err", err)
			continue
		}
		wctx, wcancel := context.WithTimeout(ctx, writeTimeout)
		err = conn.Write(wctx, websocket.MessageText, data)
		wcancel()
		if err != nil {
			return
		}
	}
}

// ping pings the client now and then; a client that does not answer is
// gone.
func (s *Server) ping(ctx context.Context, cancel context.CancelFunc, conn *websocket.Conn) {
	t := time.NewTicker(pingEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			pctx, pcancel := context.WithTimeout(ctx, writeTimeout)
			err := conn.Ping(pctx)
			pcancel()
			if err != nil {
				cancel()
				return
			}
		}
	}
}

// handleSessionEvents streams a session's events as server-sent events:
// each with its sequence number as id, its type as event name and the
// event as JSON data. A client that reconnects with Last-Event-ID (or
// ?after=) gets what it missed. The stream ends when the session does.
func (s *Server) handleSessionEvents(c echo.Context) error {
	sess, sub, err := s.subscribe(c)
	if err != nil {
		return err
	}
	defer sub.Close()
	w := c.Response()
	rc := http.NewResponseController(w.Writer)
	// The server's read timeout would end the stream after a minute: the
	// connection's pending read carries its deadline.
	_ = rc.SetReadDeadline(time.Time{})
	w.Header().Set(echo.HeaderContentType, "text/event-stream")
	w.Header().Set(echo.HeaderCacheControl, "no-cache")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if err := rc.Flush(); err != nil {
		return nil
	}
	send := func(id, name string, data []byte) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(writeTimeout))
		if id != "" {
			fmt.Fprintf(w, "id: %s\n", id)
		}
		if name != "" {
			fmt.Fprintf(w, "event: %s\n", name)
		}
		_, err := fmt.Fprintf(w, "data: %s\n\n", data)
		return err == nil && rc.Flush() == nil
	}
	keepAlive := time.NewTicker(keepAliveEvery)
	defer keepAlive.Stop()
	ctx := c.Request().Context()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-keepAlive.C:
			_ = rc.SetWriteDeadline(time.Now().Add(writeTimeout))
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil || rc.Flush() != nil {
				return nil
			}
		case e, ok := <-sub.C:
			if !ok {
				if errors.Is(sub.Err(), session.ErrSlow) {
					data, _ := json.Marshal(sess.ErrorEvent(session.SlowError()))
					send("", string(assistant.EventError), data)
				}
				return nil
			}
			data, err := json.Marshal(e)
			if err != nil {
				s.logger.Error("encode live event", "err", err)
				continue
			}
			if !send(strconv.Itoa(e.Seq), string(e.Type), data) {
				return nil
			}
		}
	}
}
