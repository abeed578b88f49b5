package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
	"github.com/rooscoach/rooscoach/assistant/session"
)

// An agent who answers a bereavement coldly grows more opposed, not more
// dominant. Over a real WebSocket the hardship alert comes on that turn,
// quoting the customer, and the stored record flags the same turn.
func TestLiveHardshipWhenMoreOpposed(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		lang  assistant.Language
		turns []string
		cue   string
	}{
		{assistant.Dutch, []string{"Goedemiddag, u spreekt met Sanne van Noordkust. Hoe gaat het met u?", "Mijn man is vorige maand overleden.", "Dat is niet ons probleem."}, "overleden"},
		{assistant.English, []string{"Good afternoon, this is Sam from Northgate. How are you doing today?", "My husband died last month.", "That is not our problem."}, "died"},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, api.Config{})
			sess := e.openSession(`{"agent_id": "agent-sanne", "language": "` + string(tc.lang) + `"}`)
			ws := e.socket(sess.Links.WebSocket)
			var seen []session.Event
			for i, text := range tc.turns {
				sp := []assistant.Speaker{assistant.Agent, assistant.Customer}[i%2]
				ws.send(session.Utterance{Speaker: sp, Text: text, Final: true})
				ws.next(&seen, func(ev session.Event) bool { return ev.Type == assistant.EventStance && ev.Turn == i })
			}
			var end session.Result
			if res := e.do("POST", sess.Links.End, "", nil, &end); res.StatusCode != http.StatusOK || end.Call == nil {
				t.Fatalf("end: %d %+v", res.StatusCode, end)
			}
			ws.next(&seen, func(ev session.Event) bool { return ev.Type == assistant.EventEnded })

			var stored assistant.Call
			e.do("GET", fmt.Sprintf("/v1/calls/%d", end.Call.ID), "", nil, &stored)
			if h := stored.Turns[2].Hardship; h == nil || h.MoreDominant || !h.MoreOpposed {
				t.Fatalf("stored flag of turn 2 = %+v; want more opposed, not more dominant", h)
			}
			var alerts []string
			for _, ev := range seen {
				if ev.Type == assistant.EventAlert && ev.Kind == assistant.AlertHardship {
					alerts = append(alerts, fmt.Sprintf("%d %s", ev.Turn, ev.Text))
				}
			}
			if len(alerts) != 1 || !strings.HasPrefix(alerts[0], "2 ") || !strings.Contains(alerts[0], `"`+tc.cue+`"`) {
				t.Errorf("hardship alerts %q; want one at turn 2 quoting %q", alerts, tc.cue)
			}
		})
	}
}
