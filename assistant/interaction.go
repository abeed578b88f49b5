package assistant

// lowConfidence is the confidence below which a stance is too uncertain to
// call a response escalating or de-escalating: "Ja." answers nothing.
const lowConfidence = 0.25

// Confident reports whether s is certain enough to coach on: tips and
// alerts rest only on confident stances.
func (s Stance) Confident() bool { return s.Confidence >= lowConfidence }

// Respond judges how an agent stance answers a customer stance by Leary's
// rules: affiliation invites its like, so opposition met with opposition
// escalates and opposition met with togetherness de-escalates. Dominance
// invites its complement, which is why above-together is the answer that both
// calms and keeps the lead. ToTurn is left for the caller to set.
func Respond(customer, agent Stance) Response {
	r := Response{Customer: customer.Quadrant, Agent: agent.Quadrant, Effect: Neutral}
	if customer.Confidence < lowConfidence || agent.Confidence < lowConfidence {
		return r
	}
	switch {
	case !agent.Quadrant.Together():
		// Opposition from the agent escalates whatever the customer did:
		// against opposition it mirrors it, against togetherness it brings it in.
		r.Effect = Escalates
	case !customer.Quadrant.Together():
		r.Effect = Deescalates
	}
	return r
}

// Summarize computes the stance picture of a call from its analysed turns.
func Summarize(turns []TurnAnalysis) Summary {
	s := Summary{
		QuadrantShare: make(map[Quadrant]float64, len(Quadrants)),
		OctantShare:   make(map[Octant]float64, len(Octants)),
		Closing:       ClosingStance{Turns: []int{}},
	}
	for _, q := range Quadrants {
		s.QuadrantShare[q] = 0
	}
	for _, o := range Octants {
		s.OctantShare[o] = 0
	}
	var agent []int
	for i, t := range turns {
		if t.Speaker != Agent {
			continue
		}
		agent = append(agent, i)
		s.QuadrantShare[t.Stance.Quadrant]++
		s.OctantShare[t.Stance.Octant]++
		if t.Response != nil {
			switch t.Response.Effect {
			case Escalates:
				s.Escalations++
			case Deescalates:
				s.Deescalations++
			}
		}
	}
	s.AgentTurns = len(agent)
	if s.AgentTurns == 0 {
		return s
	}
	n := float64(s.AgentTurns)
	for q := range s.QuadrantShare {
		s.QuadrantShare[q] = roundFigure(s.QuadrantShare[q] / n)
	}
	for o := range s.OctantShare {
		s.OctantShare[o] = roundFigure(s.OctantShare[o] / n)
	}
	s.TargetShare = s.QuadrantShare[TargetQuadrant]

	// Peak-end: the last agent turns are what the customer takes away.
	closing := agent[max(0, len(agent)-closingTurns):]
	counts := map[Quadrant]int{}
	inTarget := 0
	for _, i := range closing {
		q := turns[i].Stance.Quadrant
		counts[q]++
		if q == TargetQuadrant {
			inTarget++
		}
	}
	// The most frequent quadrant wins; on a tie the very last turn decides,
	// since the final words weigh most.
	best := turns[closing[len(closing)-1]].Stance.Quadrant
	for _, q := range Quadrants {
		if counts[q] > counts[best] {
			best = q
		}
	}
	s.Closing = ClosingStance{Turns: closing, Quadrant: best, TargetShare: roundFigure(float64(inTarget) / float64(len(closing)))}
	return s
}
