package builtin_test

import (
	"context"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/builtin"
)

func transcript(lang assistant.Language, lines ...string) *assistant.Transcript {
	t := &assistant.Transcript{Language: lang, Format: "text"}
	for i, text := range lines {
		sp := assistant.Agent
		if i%2 == 1 {
			sp = assistant.Customer
		}
		t.Turns = append(t.Turns, assistant.Turn{Index: i, Speaker: sp, Text: text})
	}
	return t
}

// TestDynamicsOfSampleCalls runs two sample calls through the built-in
// engine, one per language: the English one goes well until the customer
// names hardship and the agent answers with a threat, after which the call
// tips into opposition for good; the Dutch one starts with an angry customer
// whom the agent draws together.
func TestDynamicsOfSampleCalls(t *testing.T) {
	an, _ := builtin.Analyzer(func() time.Time { return time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC) })
	for _, tc := range []struct {
		name string
		call *assistant.Transcript
		// tipping is the agent turn where the call tips, and into where.
		tipping int
		into    assistant.Side
		// flagged is the agent turn with a hardship flag, -1 for none.
		flagged int
		// pushed is how many agent turns pushed the customer into opposition.
		pushed int
	}{
		{
			name: "en, tips into opposition after hardship",
			call: transcript(assistant.English,
				"Good morning, this is Tom from Northgate, calling about your energy account. Is now a good time to talk?",
				"Yes, that's fine, go ahead.",
				"Thanks. There's 640 pounds outstanding on the account. Could you tell me what happened with the last payments?",
				"I lost my job in September and I'm on universal credit now, so I fell behind.",
				"You still have to pay the full 640 by Friday, or it goes to the bailiffs.",
				"That's ridiculous! You can't send bailiffs after someone who's just lost their job!",
				"Those are the rules. The system doesn't let me change it.",
				"Then I'm not paying a penny until I've spoken to a solicitor.",
			),
			tipping: 4, into: assistant.SideOpposed, flagged: 4, pushed: 1,
		},
		{
			name: "nl, drawn together",
			call: transcript(assistant.Dutch,
				"Goedemiddag, u spreekt met Sanne van Noordkust, ik bel over uw rekening van Energie Plus.",
				"Alweer jullie! Ik heb die rekening nooit gehad en ik betaal niks, stelletje oplichters.",
				"Ik hoor dat u boos bent, en dat snap ik. Zullen we samen kijken waar die rekening vandaan komt?",
				"Nou, ik weet het echt niet, er klopt niks van!",
				"Ik zie dat de brieven naar uw oude adres zijn gestuurd. Dat is onze fout, de kosten haal ik eraf.",
				"O. Nou, dat is netjes. Dan wil ik het bedrag zelf wel betalen, kan dat in twee keer?",
				"Ja hoor, dat kan. Ik zet twee termijnen klaar en stuur u vandaag de bevestiging.",
				"Prima, dank u wel.",
			),
			// The customer was angry from the first word: no agent turn
			// pushed them there.
			tipping: 4, into: assistant.SideTogether, flagged: -1, pushed: 0,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := an.Analyze(context.Background(), tc.call)
			if err != nil {
				t.Fatal(err)
			}
			for _, ta := range a.Turns {
				t.Logf("%d %-8s %-12s %.2f %s", ta.Index, ta.Speaker, ta.Stance.Octant, ta.Stance.Confidence, ta.Text)
			}
			d := a.Dynamics
			if d.Tipping == nil || d.Tipping.AgentTurn != tc.tipping || d.Tipping.Into != tc.into {
				t.Errorf("tipping point = %+v, want agent turn %d, into %s", d.Tipping, tc.tipping, tc.into)
			}
			if d.PushedIntoOpposition != tc.pushed {
				t.Errorf("pushed into opposition %d times, want %d", d.PushedIntoOpposition, tc.pushed)
			}
			if d.Exchanges != 4 {
				t.Errorf("%d exchanges judged, want 4 (every agent turn is answered)", d.Exchanges)
			}
			for _, ta := range a.Turns {
				flagged := ta.Hardship != nil
				if flagged != (ta.Index == tc.flagged) {
					t.Errorf("turn %d hardship flag = %+v, want flagged only at turn %d", ta.Index, ta.Hardship, tc.flagged)
				}
				if (ta.Speaker == assistant.Agent) != (ta.Exchange != nil) {
					t.Errorf("turn %d (%s): exchange %+v, want one on every agent turn the customer answers", ta.Index, ta.Speaker, ta.Exchange)
				}
			}
			if d.HardshipFlags != map[bool]int{true: 1, false: 0}[tc.flagged >= 0] {
				t.Errorf("HardshipFlags = %d", d.HardshipFlags)
			}
		})
	}
}
