package api_test

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/coder/websocket"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
	"github.com/rooscoach/rooscoach/assistant/session"
)

// The reason a session's socket is closed with when the session ends is
// in the call's language, declared or detected, like its events: a Dutch
// agent's client shows it as it is.
func TestLiveCloseReasonInCallLanguage(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	want := map[assistant.Language]string{
		assistant.Dutch:   "de sessie is beëindigd; het verslag is /v1/calls/%d",
		assistant.English: "the session ended; its record is /v1/calls/%d",
	}
	for _, lang := range assistant.Languages {
		for _, declared := range []bool{true, false} {
			body := `{"agent_id": "agent-sanne"}`
			if declared {
				body = `{"agent_id": "agent-sanne", "language": "` + string(lang) + `"}`
			}
			sess := e.openSession(body)
			ws := e.socket(sess.Links.WebSocket)
			for _, turn := range liveScript(t, lang)[:4] {
				ws.send(session.Utterance{Speaker: turn.Speaker, Text: turn.Text, Final: true})
				ws.next(nil, func(ev session.Event) bool { return ev.Type == assistant.EventStance && ev.Turn == turn.Index })
			}
			var end session.Result
			if res := e.do("POST", sess.Links.End, "", nil, &end); res.StatusCode != http.StatusOK || end.Call == nil {
				t.Fatalf("%s (declared %v): end: %d %+v", lang, declared, res.StatusCode, end)
			}
			err := <-ws.closed
			var ce websocket.CloseError
			if !errors.As(err, &ce) || ce.Code != websocket.StatusNormalClosure || ce.Reason != fmt.Sprintf(want[lang], end.Call.ID) {
				t.Errorf("%s (declared %v): closed with %v; want a normal closure saying %q", lang, declared, err, fmt.Sprintf(want[lang], end.Call.ID))
			}
		}
	}
}
