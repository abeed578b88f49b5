package assistant_test

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/vulnerability"
)

// at places a stance at the centre of octant o, at radius 0.6, with
// confidence conf.
func at(o assistant.Octant, conf float64) assistant.Stance {
	r := o.CentreAngle() * math.Pi / 180
	return assistant.NewStance(0.6*math.Sin(r), 0.6*math.Cos(r), conf, nil)
}

// dialogue builds analysed turns from alternating speakers, the agent first
// unless the first stance is marked customer.
func dialogue(speakers string, stances ...assistant.Stance) []assistant.TurnAnalysis {
	out := make([]assistant.TurnAnalysis, len(stances))
	for i, st := range stances {
		sp := assistant.Agent
		if speakers[i] == 'c' {
			sp = assistant.Customer
		}
		out[i] = assistant.TurnAnalysis{Turn: assistant.Turn{Index: i, Speaker: sp, Text: "…"}, Stance: st}
	}
	return out
}

func TestInvited(t *testing.T) {
	for q, want := range map[assistant.Quadrant]assistant.Quadrant{
		assistant.AboveTogether: assistant.BelowTogether,
		assistant.BelowTogether: assistant.AboveTogether,
		assistant.AboveOpposed:  assistant.BelowOpposed,
		assistant.BelowOpposed:  assistant.AboveOpposed,
	} {
		if got := assistant.Invited(q); got != want {
			t.Errorf("Invited(%s) = %s, want %s: dominance invites its complement, affiliation its like", q, got, want)
		}
	}
}

// TestExchanges covers each kind of exchange: an answer as the rose
// predicts, one against it, drawn together, pushed into opposition, kept
// where it was, and one too uncertain to judge.
func TestExchanges(t *testing.T) {
	helping, leading := at(assistant.Helping, 0.9), at(assistant.Leading, 0.9)
	aggressive, competitive := at(assistant.Aggressive, 0.9), at(assistant.Competitive, 0.9)
	cooperating, withdrawn := at(assistant.Cooperating, 0.9), at(assistant.Withdrawn, 0.9)
	defiant, dependent := at(assistant.Defiant, 0.9), at(assistant.Dependent, 0.9)
	hm := assistant.NewStance(0.01, 0.02, 0.05, nil)
	for _, tc := range []struct {
		name     string
		speakers string
		stances  []assistant.Stance
		// agent is the agent turn whose exchange is checked.
		agent int
		want  assistant.Exchange
	}{
		{"an opposed first answer to a threat is pushed", "ac", []assistant.Stance{aggressive, defiant}, 0,
			assistant.Exchange{CustomerTurn: 1, Agent: assistant.AboveOpposed, Customer: assistant.BelowOpposed,
				Expected: assistant.BelowOpposed, AsExpected: true, Pull: assistant.PullOpposition, IntoOpposition: true, Clear: true}},
		{"an opposed first answer to help is not", "ac", []assistant.Stance{helping, defiant}, 0,
			assistant.Exchange{CustomerTurn: 1, Agent: assistant.AboveTogether, Customer: assistant.BelowOpposed,
				Expected: assistant.BelowTogether, Pull: assistant.PullOpposition, Clear: true}},
		{"first answer as predicted", "ac", []assistant.Stance{leading, cooperating}, 0,
			assistant.Exchange{CustomerTurn: 1, Agent: assistant.AboveTogether, Customer: assistant.BelowTogether,
				Expected: assistant.BelowTogether, AsExpected: true, Pull: assistant.PullTogether, Clear: true}},
		{"threat pushes into opposition", "cac", []assistant.Stance{dependent, aggressive, withdrawn}, 1,
			assistant.Exchange{CustomerTurn: 2, Agent: assistant.AboveOpposed, Customer: assistant.BelowOpposed,
				Expected: assistant.BelowOpposed, AsExpected: true, Pull: assistant.PullOpposition, IntoOpposition: true, Clear: true}},
		{"help draws an opposed customer together", "cac", []assistant.Stance{defiant, helping, cooperating}, 1,
			assistant.Exchange{CustomerTurn: 2, Agent: assistant.AboveTogether, Customer: assistant.BelowTogether,
				Expected: assistant.BelowTogether, AsExpected: true, Pull: assistant.PullTogether, Clear: true}},
		{"answered against the rose, side kept", "cac", []assistant.Stance{competitive, helping, competitive}, 1,
			assistant.Exchange{CustomerTurn: 2, Agent: assistant.AboveTogether, Customer: assistant.AboveOpposed,
				Expected: assistant.BelowTogether, Pull: assistant.PullNone, Clear: true}},
		{"deeper into opposition is no change of side", "cac",
			[]assistant.Stance{assistant.NewStance(-0.6, -0.1, 0.9, nil), competitive, defiant}, 1,
			assistant.Exchange{CustomerTurn: 2, Agent: assistant.AboveOpposed, Customer: assistant.BelowOpposed,
				Expected: assistant.BelowOpposed, AsExpected: true, Pull: assistant.PullNone, Clear: true}},
		{"a contentless answer is not judged", "ac", []assistant.Stance{leading, hm}, 0,
			assistant.Exchange{CustomerTurn: 1, Agent: assistant.AboveTogether, Customer: hm.Quadrant,
				Expected: assistant.BelowTogether, Pull: assistant.PullUnclear}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			turns := dialogue(tc.speakers, tc.stances...)
			assistant.ComputeDynamics(turns, nil, vulnerability.ReadHardship)
			got := turns[tc.agent].Exchange
			if got == nil {
				t.Fatalf("turn %d has no exchange", tc.agent)
			}
			if diff := cmp.Diff(tc.want, *got); diff != "" {
				t.Errorf("exchange (-want +got):\n%s", diff)
			}
			for i, turn := range turns {
				if i != tc.agent && turn.Exchange != nil {
					t.Errorf("turn %d (%s) has an exchange, want only agent turns a customer answers", i, turn.Speaker)
				}
			}
		})
	}
}

// TestTippingPoint runs a sample call that starts together, tips into
// opposition at a threat and never comes back, with a contentless turn on
// the way that must not count as a change of sides.
func TestTippingPoint(t *testing.T) {
	turns := dialogue("acacacacac",
		at(assistant.Leading, 0.9),                 // 0 agent opens
		at(assistant.Cooperating, 0.8),             // 1
		at(assistant.Helping, 0.9),                 // 2
		at(assistant.Dependent, 0.7),               // 3 names hardship
		at(assistant.Competitive, 0.9),             // 4 demand: the call tips here
		at(assistant.Aggressive, 0.9),              // 5
		at(assistant.Withdrawn, 0.8),               // 6 hides behind policy
		assistant.NewStance(0.01, 0.02, 0.05, nil), // 7 "hm": no side
		at(assistant.Helping, 0.9),                 // 8 too late
		at(assistant.Defiant, 0.8),                 // 9 stays opposed
	)
	facts := []assistant.Fact{
		{Kind: assistant.FactVulnerability, Cue: assistant.DriverLifeEvent, TurnIndex: 3, Text: "lost my job"},
		{Kind: assistant.FactOffer, TurnIndex: 3, Text: "£40"},
	}
	d := assistant.ComputeDynamics(turns, facts, vulnerability.ReadHardship)
	want := assistant.Dynamics{
		Exchanges:            4, // 0→1, 2→3, 4→5, 8→9; 6→7 is not judged
		Together:             2,
		AsExpected:           2, // 0→1 and 2→3; 4→5 and 8→9 answered against the rose
		PushedIntoOpposition: 1,
		HardshipFlags:        1,
		Tipping:              &assistant.Tipping{AgentTurn: 4, CustomerTurn: 5, Into: assistant.SideOpposed},
	}
	if diff := cmp.Diff(want, d); diff != "" {
		t.Errorf("ComputeDynamics (-want +got):\n%s", diff)
	}
	h := turns[4].Hardship
	if h == nil || h.CustomerTurn != 3 || !h.MoreDominant || !h.MoreOpposed || h.ComparedTo != 2 || h.Driver != assistant.DriverLifeEvent {
		t.Errorf("turn 4 hardship flag = %+v, want one for the job loss in turn 3, more dominant and more opposed than turn 2", h)
	}
	if turns[6].Exchange == nil || turns[6].Exchange.Clear {
		t.Errorf("turn 6 exchange = %+v, want one that is not clear (the answer is contentless)", turns[6].Exchange)
	}

	// A call that starts opposed and is drawn together tips the other way;
	// one whose customer never changes sides does not tip.
	back := dialogue("cacac", at(assistant.Aggressive, 0.9), at(assistant.Helping, 0.9), at(assistant.Competitive, 0.8),
		at(assistant.Helping, 0.9), at(assistant.Cooperating, 0.8))
	if d := assistant.ComputeDynamics(back, nil, vulnerability.ReadHardship); d.Tipping == nil || *d.Tipping != (assistant.Tipping{AgentTurn: 3, CustomerTurn: 4, Into: assistant.SideTogether}) {
		t.Errorf("tipping of a call drawn together = %+v, want at agent turn 3 toward together", d.Tipping)
	}
	steady := dialogue("acac", at(assistant.Helping, 0.9), at(assistant.Cooperating, 0.8), at(assistant.Leading, 0.9), at(assistant.Dependent, 0.8))
	if d := assistant.ComputeDynamics(steady, nil, vulnerability.ReadHardship); d.Tipping != nil || d.Together != 2 || d.Exchanges != 2 {
		t.Errorf("steady call: %+v, want 2 exchanges, both together, no tipping point", d)
	}
}

// TestHardshipFlag holds the vulnerability × stance flag to its rule: an
// agent turn right after the customer names hardship, more dominant or more
// opposed than the agent's turn before it.
func TestHardshipFlag(t *testing.T) {
	hardship := []assistant.Fact{{Kind: assistant.FactVulnerability, Cue: assistant.DriverHealth, TurnIndex: 1, Text: "ziek"}}
	// Benefits named as the day money comes in are a circumstance, no
	// hardship.
	circumstance := []assistant.Fact{{Kind: assistant.FactVulnerability, Cue: assistant.DriverResilience, TurnIndex: 1, Text: "universal credit"}}
	for _, tc := range []struct {
		name         string
		before, then assistant.Stance
		facts        []assistant.Fact
		want         bool
		dom, opp     bool
	}{
		{"stays helping", at(assistant.Helping, 0.9), at(assistant.Helping, 0.9), hardship, false, false, false},
		{"helping to a command", at(assistant.Helping, 0.9), at(assistant.Competitive, 0.9), hardship, true, true, true},
		{"helping to hiding behind policy", at(assistant.Helping, 0.9), at(assistant.Withdrawn, 0.9), hardship, true, false, true},
		{"helping to leading", at(assistant.Helping, 0.9), at(assistant.Leading, 0.9), hardship, true, true, false},
		{"threat to help", at(assistant.Aggressive, 0.9), at(assistant.Helping, 0.9), hardship, false, false, false},
		// Off the threat, but hiding behind policy is still no step
		// toward the customer: measured from the centre, not the threat.
		{"threat to hiding behind policy", at(assistant.Aggressive, 0.9), at(assistant.Withdrawn, 0.9), hardship, true, false, true},
		{"threat to hiding behind policy, Dutch cue", at(assistant.Competitive, 0.9), at(assistant.Defiant, 0.9), hardship, true, false, true},
		{"only a circumstance named", at(assistant.Helping, 0.9), at(assistant.Leading, 0.9), circumstance, false, false, false},
		{"no hardship named", at(assistant.Helping, 0.9), at(assistant.Aggressive, 0.9), nil, false, false, false},
		{"too uncertain to judge", at(assistant.Helping, 0.9), at(assistant.Aggressive, 0.1), hardship, false, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			turns := dialogue("aca", tc.before, at(assistant.Dependent, 0.8), tc.then)
			d := assistant.ComputeDynamics(turns, tc.facts, vulnerability.ReadHardship)
			h := turns[2].Hardship
			if (h != nil) != tc.want {
				t.Fatalf("hardship flag = %+v, want flagged %v", h, tc.want)
			}
			if h == nil {
				if d.HardshipFlags != 0 {
					t.Errorf("HardshipFlags = %d, want 0", d.HardshipFlags)
				}
				return
			}
			if h.MoreDominant != tc.dom || h.MoreOpposed != tc.opp || h.CustomerTurn != 1 || h.ComparedTo != 0 || d.HardshipFlags != 1 {
				t.Errorf("hardship flag = %+v (total %d), want more dominant %v, more opposed %v, after turn 1, against turn 0", h, d.HardshipFlags, tc.dom, tc.opp)
			}
		})
	}
	// An agent who had not spoken yet is compared with the centre of the
	// rose; a crisis cue is the one reported.
	turns := dialogue("ca", at(assistant.Dependent, 0.8), at(assistant.Aggressive, 0.9))
	facts := []assistant.Fact{
		{Kind: assistant.FactVulnerability, Cue: assistant.DriverHealth, TurnIndex: 0, Text: "depressie"},
		{Kind: assistant.FactVulnerability, Cue: assistant.DriverCrisis, TurnIndex: 0, Text: "ik wil er niet meer zijn"},
	}
	assistant.ComputeDynamics(turns, facts, vulnerability.ReadHardship)
	if h := turns[1].Hardship; h == nil || h.ComparedTo != -1 || h.Driver != assistant.DriverCrisis {
		t.Errorf("opening answer to a crisis: hardship flag = %+v, want one against the centre (-1) naming the crisis", h)
	}
	// What happened is named over what it does to the customer, though
	// said second: the bereavement, not the sleeplessness.
	for _, lang := range []struct{ cope, death string }{{"slaap slecht", "overleden"}, {"can't sleep", "passed away"}} {
		turns = dialogue("ca", at(assistant.Dependent, 0.8), at(assistant.Aggressive, 0.9))
		facts = []assistant.Fact{
			{Kind: assistant.FactVulnerability, Cue: assistant.DriverHealth, TurnIndex: 0, Text: lang.cope},
			{Kind: assistant.FactVulnerability, Cue: assistant.DriverLifeEvent, TurnIndex: 0, Text: lang.death},
		}
		assistant.ComputeDynamics(turns, facts, vulnerability.ReadHardship)
		if h := turns[1].Hardship; h == nil || h.Driver != assistant.DriverLifeEvent || h.Topic != "death" || h.Cue != lang.death {
			t.Errorf("demand after %q and %q: hardship flag = %+v, want the bereavement", lang.cope, lang.death, h)
		}
	}
}
