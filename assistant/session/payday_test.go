package session_test

import (
	"context"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/session"
)

// The arrangement card names the payday the way the customer gave it: a
// weekday of the month has no day of the month, and "day 0" would tell the
// agent nothing.
func TestArrangementCardNamesPayday(t *testing.T) {
	tests := []struct {
		lang     assistant.Language
		customer string
		want     string
	}{
		{assistant.English, "I can pay £50 a month. I get paid on the last Friday of the month.",
			"The customer named £50 a month and is paid on the last Friday of the month."},
		{assistant.Dutch, "Ik kan € 50 per maand betalen. Ik krijg mijn salaris op de laatste vrijdag van de maand.",
			"De klant noemde € 50 per maand en krijgt geld op de laatste vrijdag van de maand."},
		{assistant.English, "I can pay £50 a month. My wages come in on the first Monday of the month.",
			"is paid on the first Monday of the month."},
		{assistant.Dutch, "Ik kan € 50 per maand betalen. Mijn loon komt op de eerste maandag van de maand.",
			"krijgt geld op de eerste maandag van de maand."},
		{assistant.English, "I can pay £50 a month. My salary comes in on the last working day of the month.",
			"is paid on the last working day of the month."},
		{assistant.Dutch, "Ik kan € 50 per maand betalen. Mijn salaris komt op de laatste werkdag van de maand.",
			"krijgt geld op de laatste werkdag van de maand."},
		{assistant.English, "I can pay £50 a month. I get paid at the end of the month.",
			"is paid at the end of the month."},
		{assistant.Dutch, "Ik kan € 50 per maand betalen. Mijn salaris komt aan het eind van de maand.",
			"krijgt geld aan het eind van de maand."},
		// A day of the month stays as it was.
		{assistant.English, "I can pay £50 a month. My universal credit comes in on the 3rd.",
			"is paid around day 3."},
		{assistant.Dutch, "Ik kan € 50 per maand betalen. Mijn loon komt op de 25e.",
			"krijgt geld rond de 25e."},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang)+"/"+tt.want, func(t *testing.T) {
			r, _ := newRegistry(t, session.Config{})
			s, _, err := r.Open(context.Background(), admin, session.OpenRequest{AgentID: "agent-sanne", Language: string(tt.lang)})
			if err != nil {
				t.Fatal(err)
			}
			agent := map[assistant.Language]string{assistant.English: "Your account shows £600 outstanding. What could you manage each month?", assistant.Dutch: "Er staat nog € 600 open. Wat kunt u per maand missen?"}[tt.lang]
			got := play(t, s, []assistant.Turn{
				{Index: 0, Speaker: assistant.Agent, Text: agent},
				{Index: 1, Speaker: assistant.Customer, Text: tt.customer},
			})
			var card string
			for _, e := range got[1] {
				if e.Type == assistant.EventArrangement {
					card = e.Text
				}
			}
			if !strings.Contains(card, tt.want) {
				t.Errorf("arrangement card %q; want it to say %q", card, tt.want)
			}
		})
	}
}
