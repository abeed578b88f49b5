package assistant_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/mock"
)

// fakes is an engine of fakes that records what the analyser asked.
type fakes struct {
	mu         sync.Mutex
	classified [][]assistant.Turn
	phrased    []assistant.Utterance
	facts      []assistant.Fact
	advised    [][]assistant.Fact
}

// stanceOf gives agent turns above-together and customer turns
// below-opposed, with full confidence, so responses are predictable.
func stanceOf(t assistant.Turn) assistant.Stance {
	if t.Speaker == assistant.Agent {
		return assistant.NewStance(0.5, 0.5, 1, nil)
	}
	return assistant.NewStance(-0.5, -0.5, 1, nil)
}

func (f *fakes) analyzer() *assistant.Analyzer {
	return &assistant.Analyzer{
		Engine: assistant.Engine{
			Name: "fake",
			Stance: &mock.StanceClassifier{ClassifyTurnsFn: func(_ context.Context, turns []assistant.Turn, _ assistant.Language) ([]assistant.Stance, error) {
				f.mu.Lock()
				f.classified = append(f.classified, turns)
				f.mu.Unlock()
				out := make([]assistant.Stance, len(turns))
				for i, t := range turns {
					out[i] = stanceOf(t)
				}
				return out, nil
			}},
			Phrasing: &mock.Phraser{PhraseFn: func(_ context.Context, u assistant.Utterance) (assistant.Phrasing, error) {
				f.mu.Lock()
				f.phrased = append(f.phrased, u)
				f.mu.Unlock()
				return assistant.Phrasing{Findings: []assistant.Finding{{Kind: assistant.FindingJargon, Text: u.Text}},
					Readability: assistant.Readability{Sentences: 1, Words: 4, Syllables: 5}, Tip: assistant.Tip{Kind: assistant.TipOK}}, nil
			}},
			Closing: &mock.ClosingChecker{CheckClosingFn: func(context.Context, []assistant.Turn, assistant.Language) (assistant.ClosingCheck, error) {
				return assistant.ClosingCheck{NextStep: true}, nil
			}},
			Facts: &mock.FactReader{ReadFactsFn: func(context.Context, []assistant.Turn, assistant.Language) ([]assistant.Fact, error) {
				return f.facts, nil
			}},
		},
		Adviser: &mock.Adviser{AdviseFn: func(_ context.Context, facts []assistant.Fact, _ assistant.Language, _ string) (assistant.ArrangementAdvice, error) {
			f.advised = append(f.advised, facts)
			return assistant.ArrangementAdvice{Facts: facts, Flagged: len(facts) > 0}, nil
		}},
	}
}

func call() *assistant.Transcript {
	return &assistant.Transcript{Language: assistant.Dutch, Turns: []assistant.Turn{
		{Index: 0, Speaker: assistant.Agent, Text: "Goedemiddag."},
		{Index: 1, Speaker: assistant.Customer, Text: "Ik ben mijn baan kwijt."},
		{Index: 2, Speaker: assistant.Agent, Text: "Wat naar."},
		{Index: 3, Speaker: assistant.Agent, Text: "Wat kunt u betalen?", Language: assistant.English},
	}}
}

func TestAnalyzeTwoPasses(t *testing.T) {
	f := &fakes{facts: []assistant.Fact{{Kind: assistant.FactVulnerability, Cue: assistant.DriverLifeEvent, TurnIndex: 1}}}
	an, err := f.analyzer().Analyze(context.Background(), call())
	if err != nil {
		t.Fatal(err)
	}
	if len(f.classified) != 1 || len(f.classified[0]) != 4 {
		t.Fatalf("stance asked %d times (%v), want once for all 4 turns", len(f.classified), f.classified)
	}
	if len(f.phrased) != 3 {
		t.Fatalf("phrased %d turns, want the 3 agent turns", len(f.phrased))
	}
	for _, u := range f.phrased {
		for _, c := range u.Context {
			if c.Stance == nil || !c.Stance.Octant.Valid() {
				t.Errorf("phrasing of %q got a context turn without its stance: %+v", u.Text, c)
			}
		}
		if u.Text == "Wat kunt u betalen?" && u.Language != assistant.English {
			t.Errorf("a turn's own language was not passed on: %s", u.Language)
		}
	}
	if len(f.advised) != 1 || len(f.advised[0]) != 1 {
		t.Errorf("adviser got %v, want the facts read", f.advised)
	}
	if !an.Flagged || an.JargonCount != 3 || !an.Closing.NextStep {
		t.Errorf("flagged %v, jargon %d, closing %+v", an.Flagged, an.JargonCount, an.Closing)
	}
	if r := an.Turns[2].Response; r == nil || r.ToTurn != 1 || r.Effect != assistant.Deescalates {
		t.Errorf("turn 2 response = %+v, want a de-escalation of turn 1", r)
	}
	if an.Turns[3].Response != nil {
		t.Errorf("turn 3 follows the agent, yet has a response %+v", an.Turns[3].Response)
	}
	want := []assistant.EngineRun{
		{Part: assistant.PartStance, Engine: "fake"}, {Part: assistant.PartPhrasing, Engine: "fake"},
		{Part: assistant.PartClosing, Engine: "fake"}, {Part: assistant.PartFacts, Engine: "fake"},
		{Part: assistant.PartAdvice, Engine: assistant.Builtin},
	}
	if diff := cmp.Diff(want, an.Engines); diff != "" {
		t.Errorf("engines (-want +got):\n%s", diff)
	}
}

func TestAnalyzeErrors(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name     string
		sabotage func(a *assistant.Analyzer)
		tr       func() *assistant.Transcript
		code     string
		want     string
	}{
		{"no agent turn", nil, func() *assistant.Transcript {
			return &assistant.Transcript{Language: assistant.Dutch, Turns: []assistant.Turn{{Speaker: assistant.Customer, Text: "Hallo?"}}}
		}, assistant.EInvalid, "no agent turn"},
		{"unsupported language", nil, func() *assistant.Transcript { tr := call(); tr.Language = "de"; return tr }, assistant.EInvalid, `language "de"`},
		{"a turn too long", nil, func() *assistant.Transcript {
			tr := call()
			tr.Turns[0].Text = strings.Repeat("a", assistant.MaxTurnRunes+1)
			return tr
		}, assistant.EInvalid, "Turn 0"},
		{"stance fails", func(a *assistant.Analyzer) {
			a.Engine.Stance = &mock.StanceClassifier{ClassifyTurnsFn: func(context.Context, []assistant.Turn, assistant.Language) ([]assistant.Stance, error) {
				return nil, boom
			}}
		}, call, assistant.EInternal, "classify turns: boom"},
		{"stance answers too few", func(a *assistant.Analyzer) {
			a.Engine.Stance = &mock.StanceClassifier{ClassifyTurnsFn: func(context.Context, []assistant.Turn, assistant.Language) ([]assistant.Stance, error) {
				return []assistant.Stance{{}}, nil
			}}
		}, call, assistant.EInternal, "1 stances for 4 turns"},
		{"phrasing fails", func(a *assistant.Analyzer) {
			a.Engine.Phrasing = &mock.Phraser{PhraseFn: func(context.Context, assistant.Utterance) (assistant.Phrasing, error) {
				return assistant.Phrasing{}, boom
			}}
		}, call, assistant.EInternal, "boom"},
		{"facts fail", func(a *assistant.Analyzer) {
			a.Engine.Facts = &mock.FactReader{ReadFactsFn: func(context.Context, []assistant.Turn, assistant.Language) ([]assistant.Fact, error) {
				return nil, boom
			}}
		}, call, assistant.EInternal, "read facts: boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := (&fakes{}).analyzer()
			if tt.sabotage != nil {
				tt.sabotage(a)
			}
			_, err := a.Analyze(context.Background(), tt.tr())
			if err == nil {
				t.Fatal("Analyze: no error")
			}
			if code := assistant.ErrorCode(err); code != tt.code {
				t.Errorf("code %q, want %q (%v)", code, tt.code, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestTip(t *testing.T) {
	f := &fakes{}
	res, err := f.analyzer().Tip(context.Background(), assistant.TipRequest{
		Text: "U moet betalen.", Language: assistant.Dutch,
		Context: []assistant.ContextTurn{{Speaker: assistant.Customer, Text: "Ik kan niet.",
			Stance: &assistant.Stance{Quadrant: "forged"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := f.classified[0]
	if len(got) != 2 || got[1].Speaker != assistant.Agent || got[1].Text != "U moet betalen." || got[0].Speaker != assistant.Customer {
		t.Errorf("classified %+v, want the customer's turn then the agent's utterance", got)
	}
	if res.Response == nil || res.Response.Customer != assistant.BelowOpposed {
		t.Errorf("response %+v: the forged stance was believed", res.Response)
	}
	if len(res.Findings) != 1 || res.Stance.Quadrant != assistant.AboveTogether {
		t.Errorf("tip %+v", res)
	}
	for _, bad := range []assistant.TipRequest{
		{Text: " ", Language: assistant.Dutch},
		{Text: "hoi", Language: "fr"},
		{Text: strings.Repeat("a", assistant.MaxTipRunes+1), Language: assistant.Dutch},
		{Text: "hoi", Language: assistant.Dutch, Context: make([]assistant.ContextTurn, assistant.MaxTipContext+1)},
		{Text: "hoi", Language: assistant.Dutch, Context: []assistant.ContextTurn{{Speaker: "robot", Text: "x"}}},
	} {
		if _, err := f.analyzer().Tip(context.Background(), bad); assistant.ErrorCode(err) != assistant.EInvalid {
			t.Errorf("Tip(%.40q, %q, %d context turns): err %v, want EInvalid", bad.Text, bad.Language, len(bad.Context), err)
		}
	}
}
