package assistant

import (
	"math"
	"testing"
)

func TestOctantAtCentres(t *testing.T) {
	for _, o := range Octants {
		rad := o.CentreAngle() * math.Pi / 180
		d, a := math.Sin(rad), math.Cos(rad)
		if got := OctantAt(d, a); got != o {
			t.Errorf("OctantAt(centre of %s: d=%.2f a=%.2f) = %s", o, d, a, got)
		}
	}
}

func TestOctantAtQuadrants(t *testing.T) {
	tests := []struct {
		name string
		d, a float64
		want Quadrant
	}{
		{"leads together", 0.6, 0.4, AboveTogether},
		{"follows together", -0.5, 0.5, BelowTogether},
		{"withdraws", -0.7, -0.2, BelowOpposed},
		{"attacks", 0.8, -0.6, AboveOpposed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := OctantAt(tt.d, tt.a)
			if o.Quadrant() != tt.want {
				t.Errorf("OctantAt(%v, %v) = %s in %s, want quadrant %s", tt.d, tt.a, o, o.Quadrant(), tt.want)
			}
			q := o.Quadrant()
			if q.Above() != (tt.d > 0) || q.Together() != (tt.a > 0) {
				t.Errorf("quadrant %s disagrees with signs of d=%v a=%v", q, tt.d, tt.a)
			}
		})
	}
}

func TestNewStanceClamps(t *testing.T) {
	s := NewStance(3, -2, 1.5, nil)
	if s.Dominance != 1 || s.Affiliation != -1 || s.Confidence != 1 {
		t.Errorf("NewStance did not clamp: %+v", s)
	}
	if s.Octant != OctantAt(1, -1) || s.Quadrant != AboveOpposed {
		t.Errorf("octant %s / quadrant %s disagree with coordinates", s.Octant, s.Quadrant)
	}
	if s.Cues == nil {
		t.Error("Cues is nil; want an empty slice so JSON shows []")
	}
}

func TestDutchLabels(t *testing.T) {
	if Leading.Dutch() != "leidend" || AboveTogether.Dutch() != "boven-samen" || Defiant.Dutch() != "opstandig" {
		t.Errorf("Dutch labels wrong: %s %s %s", Leading.Dutch(), AboveTogether.Dutch(), Defiant.Dutch())
	}
	for _, o := range Octants {
		if o.Dutch() == "" || !o.Valid() || !o.Quadrant().Valid() {
			t.Errorf("octant %s lacks a label or quadrant", o)
		}
	}
}

func stanceIn(q Quadrant, conf float64) Stance {
	for _, o := range Octants {
		if o.Quadrant() == q {
			rad := o.CentreAngle() * math.Pi / 180
			return NewStance(math.Sin(rad)*0.6, math.Cos(rad)*0.6, conf, nil)
		}
	}
	panic("no octant in " + q)
}

func TestRespond(t *testing.T) {
	tests := []struct {
		customer, agent Quadrant
		want            Effect
	}{
		{AboveOpposed, AboveTogether, Deescalates},
		{BelowOpposed, AboveTogether, Deescalates},
		{AboveOpposed, AboveOpposed, Escalates},
		{AboveOpposed, BelowOpposed, Escalates},
		{BelowTogether, AboveOpposed, Escalates},
		{BelowTogether, AboveTogether, Neutral},
		{AboveTogether, BelowTogether, Neutral},
	}
	for _, tt := range tests {
		r := Respond(stanceIn(tt.customer, 0.8), stanceIn(tt.agent, 0.8))
		if r.Effect != tt.want {
			t.Errorf("customer %s, agent %s: effect %s, want %s", tt.customer, tt.agent, r.Effect, tt.want)
		}
	}
	if r := Respond(stanceIn(AboveOpposed, 0.1), stanceIn(AboveOpposed, 0.9)); r.Effect != Neutral {
		t.Errorf("a customer turn of low confidence should not count as escalation; got %s", r.Effect)
	}
}

func TestSummarize(t *testing.T) {
	agent := func(q Quadrant) TurnAnalysis {
		return TurnAnalysis{Turn: Turn{Speaker: Agent}, Stance: stanceIn(q, 0.8)}
	}
	customer := TurnAnalysis{Turn: Turn{Speaker: Customer}, Stance: stanceIn(AboveOpposed, 0.8)}
	esc := agent(AboveOpposed)
	esc.Response = &Response{Effect: Escalates}
	turns := []TurnAnalysis{agent(AboveTogether), customer, esc, customer, agent(BelowOpposed), agent(AboveTogether), agent(AboveTogether)}
	s := Summarize(turns)
	if s.AgentTurns != 5 {
		t.Fatalf("AgentTurns = %d, want 5", s.AgentTurns)
	}
	if s.TargetShare != 0.6 || s.QuadrantShare[AboveTogether] != 0.6 || s.QuadrantShare[BelowOpposed] != 0.2 {
		t.Errorf("shares wrong: target %v, %v", s.TargetShare, s.QuadrantShare)
	}
	if s.Escalations != 1 {
		t.Errorf("Escalations = %d, want 1", s.Escalations)
	}
	if s.Closing.Quadrant != AboveTogether || len(s.Closing.Turns) != 3 || s.Closing.Turns[0] != 4 {
		t.Errorf("closing = %+v, want above-together over turns 4,5,6", s.Closing)
	}
	var sum float64
	for _, v := range s.OctantShare {
		sum += v
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("octant shares add up to %v, want 1", sum)
	}
}

func TestScoreReadability(t *testing.T) {
	// 2 sentences, 20 words, 30 syllables.
	r := ScoreReadability(Dutch, Readability{Sentences: 2, Words: 20, Syllables: 30, LongWords: 4})
	want := 206.84 - 0.77*150 - 0.93*10
	if math.Abs(r.Score-want) > 1e-9 || r.Scale != ScaleFleschDouma || r.MeanSentenceLength != 10 || r.LongWordShare != 0.2 {
		t.Errorf("Dutch readability = %+v, want score %v", r, want)
	}
	r = ScoreReadability(English, Readability{Sentences: 2, Words: 20, Syllables: 30})
	want = 206.835 - 1.015*10 - 84.6*1.5
	if math.Abs(r.Score-want) > 1e-9 || r.Scale != ScaleFleschReadingEase {
		t.Errorf("English readability = %+v, want score %v", r, want)
	}
	if r := CombineReadability(English, nil); r.Score != 0 || r.Words != 0 {
		t.Errorf("empty call readability = %+v, want zero", r)
	}
}
