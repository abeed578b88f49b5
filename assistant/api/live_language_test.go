package api_test

import (
	"strings"
	"testing"

	"github.com/coder/websocket"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/session"
)

// Every event of a session speaks the call's language, its error events
// too: a Dutch session refuses a bad frame, an empty text, an unknown
// speaker and a follower's utterance in Dutch, an English one in English,
// over a real WebSocket.
func TestLiveErrorEventsInCallLanguage(t *testing.T) {
	t.Parallel()
	o := newOrg(t)
	anna, trainer := o.tok["anna"], o.tok["trainer-noord"]
	for _, c := range []struct {
		lang assistant.Language
		// want is what each refusal says, in the call's language; not
		// is what it must not say (the other language's words).
		want, not map[string]string
	}{
		{assistant.Dutch,
			map[string]string{
				"not-json": "Het frame is geen uiting: het is geen geldige JSON (regel 1, kolom 1)",
				"unknown":  "Het frame is geen uiting: het veld txt bestaat niet",
				"binary":   "Er kwam een binair frame",
				"speaker":  `spreker "manager" is niet agent of customer`,
				"empty":    "De tekst is leeg",
				"follow":   "U volgt sessie",
			},
			map[string]string{
				"not-json": "not valid JSON", "unknown": "unknown field", "binary": "binary frame",
				"speaker": "neither", "empty": "text is empty", "follow": "You follow",
			}},
		{assistant.English,
			map[string]string{
				"not-json": "The frame is not an utterance: The body is not valid JSON",
				"unknown":  `The frame is not an utterance: The body has an unknown field "txt"`,
				"binary":   "A binary frame came",
				"speaker":  `speaker "manager" is neither agent nor customer`,
				"empty":    "text is empty: send what was said.",
				"follow":   "You follow session",
			},
			map[string]string{
				"not-json": "geen", "unknown": "bestaat", "binary": "binair",
				"speaker": "spreker", "empty": "leeg", "follow": "volgt",
			}},
	} {
		t.Run(string(c.lang), func(t *testing.T) {
			sess := o.openSessionAs(anna, `{"language": "`+string(c.lang)+`"}`)
			ws := o.socketWith(sess.Links.WebSocket, bearerHeader(anna))
			follower := o.socketWith(sess.Links.WebSocket, bearerHeader(trainer))
			check := func(s *socket, what string) {
				t.Helper()
				ev := s.next(nil, func(ev session.Event) bool { return ev.Type == assistant.EventError })
				if !strings.Contains(ev.Text, c.want[what]) || strings.Contains(ev.Text, c.not[what]) || ev.Code == "" {
					t.Errorf("%s: error event %q (code %q); want one saying %q, not %q", what, ev.Text, ev.Code, c.want[what], c.not[what])
				}
			}
			ws.sendRaw(websocket.MessageText, []byte("Goedemiddag"))
			check(ws, "not-json")
			ws.sendRaw(websocket.MessageText, []byte(`{"speaker": "agent", "txt": "Hallo", "final": true}`))
			check(ws, "unknown")
			ws.sendRaw(websocket.MessageBinary, []byte{1, 2, 3})
			check(ws, "binary")
			ws.send(map[string]any{"speaker": "manager", "text": "Hallo", "final": true})
			check(ws, "speaker")
			ws.send(map[string]any{"speaker": "agent", "text": "  ", "final": true})
			check(ws, "empty")
			follower.send(session.Utterance{Speaker: assistant.Agent, Text: "Zeg eens iets.", Final: true})
			check(follower, "follow")
		})
	}
}
