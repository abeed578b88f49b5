package assistant

import "math"

// What a trainer coaches is not where one turn sits on the rose but how it
// moved the other person. The dynamics of a call read every agent turn with
// the customer turn that answers it, by Leary's rules: dominance invites its
// complement, affiliation invites its like.

// hardshipShift is how far an agent turn must move up, or toward opposition,
// to count as growing more dominant or more opposed: about half the way from
// the centre of an octant to its neighbour's at a typical distance from
// the centre of the rose.
const hardshipShift = 0.25

// Invited returns the quadrant the rose predicts a turn in q invites from
// the other speaker: the complement of its dominance, the like of its
// affiliation. Above-together invites below-together, above-opposed invites
// below-opposed, and the other way round.
func Invited(q Quadrant) Quadrant {
	switch q {
	case AboveTogether:
		return BelowTogether
	case BelowTogether:
		return AboveTogether
	case AboveOpposed:
		return BelowOpposed
	case BelowOpposed:
		return AboveOpposed
	}
	return ""
}

// judgeable reports whether a stance is confident enough to judge a reaction by.
func judgeable(s Stance) bool { return s.Confidence >= lowConfidence }

// ComputeDynamics reads how the agent's turns moved the customer. It sets
// the Exchange of every agent turn that a customer turn answers and the
// Hardship flag of every agent turn that grows more dominant or more
// opposed right after the customer names hardship (a vulnerability fact on
// that turn, from the one vulnerability lexicon; see [FlagHardship]), and
// returns the call's totals and the turn where it tipped.
//
// read tells what each vulnerability fact is about; nil counts every one as
// hardship with no topic.
func ComputeDynamics(turns []TurnAnalysis, facts []Fact, read HardshipReader) Dynamics {
	var d Dynamics
	// The customer's latest clear turn before each exchange, and the
	// agent's latest turn, which a response to hardship is compared with.
	lastCustomer, lastAgent := -1, -1
	// sides records every clear customer turn's side, for the tipping
	// point: the last change of side that held to the end of the call.
	type side struct {
		turn, agentTurn int
		together        bool
	}
	var sides []side
	// The facts of each turn, for the hardship a customer turn names.
	byTurn := map[int][]Fact{}
	for _, f := range facts {
		byTurn[f.TurnIndex] = append(byTurn[f.TurnIndex], f)
	}
	for i := range turns {
		t := &turns[i]
		t.Exchange, t.Hardship = nil, nil
		switch t.Speaker {
		case Agent:
			if i > 0 && turns[i-1].Speaker == Customer {
				var prev *TurnAnalysis
				if lastAgent >= 0 {
					prev = &turns[lastAgent]
				}
				t.Hardship = FlagHardship(t, prev, byTurn[turns[i-1].Index], read)
				if t.Hardship != nil {
					d.HardshipFlags++
				}
			}
			if i+1 < len(turns) && turns[i+1].Speaker == Customer {
				var before *Stance
				if lastCustomer >= 0 {
					before = &turns[lastCustomer].Stance
				}
				x := exchange(t.Stance, turns[i+1].Stance, before)
				x.CustomerTurn = turns[i+1].Index
				t.Exchange = &x
				if x.Clear {
					d.Exchanges++
					if x.Customer.Together() {
						d.Together++
					}
					if x.AsExpected {
						d.AsExpected++
					}
					if x.IntoOpposition {
						d.PushedIntoOpposition++
					}
				}
			}
			lastAgent = i
		case Customer:
			if judgeable(t.Stance) {
				agentTurn := -1
				if lastAgent >= 0 {
					agentTurn = turns[lastAgent].Index
				}
				sides = append(sides, side{turn: t.Index, agentTurn: agentTurn, together: t.Stance.Quadrant.Together()})
				lastCustomer = i
			}
		}
	}
	for k := len(sides) - 1; k > 0; k-- {
		if sides[k].together == sides[k-1].together {
			continue
		}
		into := SideOpposed
		if sides[k].together {
			into = SideTogether
		}
		d.Tipping = &Tipping{AgentTurn: sides[k].agentTurn, CustomerTurn: sides[k].turn, Into: into}
		break
	}
	return d
}

// exchange judges the customer's answer to an agent turn, against the
// customer's own turn before it (nil when the customer had not spoken).
func exchange(agent, customer Stance, before *Stance) Exchange {
	x := Exchange{Agent: agent.Quadrant, Customer: customer.Quadrant, Expected: Invited(agent.Quadrant), Pull: PullUnclear}
	if !judgeable(agent) || !judgeable(customer) {
		return x
	}
	x.Clear = true
	x.AsExpected = customer.Quadrant == x.Expected
	// Only a change of side counts: within a side, the coordinates move
	// with the classifier's certainty as much as with the customer, and
	// cooperating turned dependent is no step toward opposition a trainer
	// would name. A first answer went where it went; it was pushed into
	// opposition only by an opposed turn, since affiliation invites its
	// like, and a customer who is angry from the first word was not.
	together := customer.Quadrant.Together()
	switch {
	case before != nil && before.Quadrant.Together() == together:
		x.Pull = PullNone
	case together:
		x.Pull = PullTogether
	default:
		x.Pull = PullOpposition
		x.IntoOpposition = before != nil || !agent.Quadrant.Together()
	}
	return x
}

// HardshipReader tells what a vulnerability fact is about, in the terms of
// the one vulnerability lexicon: its topic ("job", "death", "cope", …) and
// whether it names distress the customer suffers rather than a
// circumstance such as benefits. Facts carry only the driver, so the
// dynamics ask the lexicon through this.
type HardshipReader func(f Fact) (topic string, distress bool)

// named is a vulnerability fact as its reader read it.
type named struct {
	Fact
	topic    string
	distress bool
}

// rank orders the distress cues of one customer turn by which the
// flag names: a crisis always; then what happened (a bereavement, a job
// loss, an illness) over what it does to the customer ("I can't sleep",
// "ik trek het niet meer"), which the lexicon files under health as coping
// and which would name "health" for a widow who cannot sleep; of equal
// rank the first said.
func (f named) rank() int {
	switch {
	case f.Cue == DriverCrisis:
		return 0
	case f.topic == CopingTopic:
		return 2
	}
	return 1
}

// CopingTopic is the topic of a vulnerability fact about not coping ("I
// can't sleep", "ik kan niet meer"), the one topic the dynamics tell apart;
// the vulnerability lexicon's TopicCope is this value.
const CopingTopic = "cope"

// FlagHardship is the vulnerability × stance rule, the one rule both the
// call analysis ([ComputeDynamics]) and a live session's alert apply. It
// flags agent turn agent, which directly follows a customer turn whose
// facts are facts, when the customer named hardship there and the agent
// grew more dominant or more opposed than in prev, the agent's turn before
// (nil when the agent had not spoken yet: the centre of the rose is the
// baseline then). read tells what each vulnerability fact is about; nil
// counts every one as hardship with no topic.
//
// Only distress counts: benefits, a debt adviser, caring for someone are
// circumstances, named as often as the day money comes in as hardship: "my
// universal credit comes in on the 3rd". An agent who was on the opposed
// side already and stays there counts as more opposed, and affiliation is
// then measured from the centre: one who threatened and, told of a job
// loss, hides behind policy has moved off the threat but not toward the
// customer, which is what a trainer coaches. Both stances must be clear
// enough to judge.
func FlagHardship(agent *TurnAnalysis, prev *TurnAnalysis, facts []Fact, read HardshipReader) *HardshipFlag {
	f, ok := namedHardship(facts, read)
	if !ok {
		return nil
	}
	now := agent.Stance
	base := Stance{Confidence: 1}
	if prev != nil {
		base = prev.Stance
	}
	if !judgeable(now) || !judgeable(base) {
		return nil
	}
	up := now.Dominance - base.Dominance
	away := max(base.Affiliation, 0) - now.Affiliation
	// Leading where one was helping is less affiliative without being
	// opposed: more opposed means moving toward opposition and landing on
	// its side of the rose.
	stayed := prev != nil && !base.Quadrant.Together()
	dominant, opposed := up >= hardshipShift, (away >= hardshipShift || stayed) && !now.Quadrant.Together()
	if !dominant && !opposed {
		return nil
	}
	h := &HardshipFlag{CustomerTurn: f.TurnIndex, Driver: f.Cue, Topic: f.topic, Cue: f.Text,
		MoreDominant: dominant, MoreOpposed: opposed,
		Dominance: round2(up), Affiliation: round2(-away), ComparedTo: -1}
	if prev != nil {
		h.ComparedTo = prev.Index
	}
	return h
}

// namedHardship returns the distress cue a customer turn's facts name,
// the first of the highest rank, and whether there is one.
func namedHardship(facts []Fact, read HardshipReader) (named, bool) {
	var best named
	found := false
	for _, f := range facts {
		if f.Kind != FactVulnerability {
			continue
		}
		n := named{Fact: f, distress: true}
		if read != nil {
			n.topic, n.distress = read(f)
		}
		if n.distress && (!found || n.rank() < best.rank()) {
			best, found = n, true
		}
	}
	return best, found
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
