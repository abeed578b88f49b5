package compliance

import (
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// The reasons count turns, days and calls with the noun that goes with the
// number, in both languages: "1 beurt", "1 turn", "3 dagen", "3 days".
func TestReasonsCountInTheirLanguage(t *testing.T) {
	for _, c := range []struct {
		name   string
		data   ReasonText
		nl, en []string
	}{
		{"broken", ReasonText{Missing: []string{"de naam"}, Within: 1, AfterTurn: -1},
			[]string{"eerste 1 beurt van"}, []string{"first 1 turn)"}},
		{"broken", ReasonText{Missing: []string{"de naam"}, Within: 3, AfterTurn: -1},
			[]string{"eerste 3 beurten van"}, []string{"first 3 turns)"}},
		{"frequency.kept", ReasonText{Count: 1, Days: 1, Calls: 7},
			[]string{"in 1 dag (maximaal 7)"}, []string{"in 1 day (at most 7)"}},
		{"frequency.broken", ReasonText{Count: 8, Days: 7, Calls: 7},
			[]string{"in 7 opeenvolgende dagen:"}, []string{"within 7 consecutive days:"}},
		{"frequency.broken", ReasonText{Count: 2, Days: 1, Calls: 1},
			[]string{"in 1 dag:"}, []string{"within 1 day:"}},
		{"frequency.conversation", ReasonText{Since: "2026-12-01", Days: 1},
			[]string{"binnen 1 dag daarna"}, []string{"within 1 day of it"}},
		{"na.first-contact", ReasonText{Count: 1},
			[]string{"heeft 1 eerder opgeslagen gesprek."}, []string{"has 1 earlier stored call."}},
		{"na.first-contact", ReasonText{Count: 2},
			[]string{"heeft 2 eerder opgeslagen gesprekken."}, []string{"has 2 earlier stored calls."}},
	} {
		for lang, want := range map[assistant.Language][]string{assistant.Dutch: c.nl, assistant.English: c.en} {
			got := reason(lang, c.name, c.data)
			for _, w := range want {
				if !strings.Contains(got, w) {
					t.Errorf("%s/%s %+v = %q; want it to say %q", lang, c.name, c.data, got, w)
				}
			}
		}
	}
}
