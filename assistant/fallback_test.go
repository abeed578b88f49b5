package assistant_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/mock"
)

// down is how an engine that waits on a server says it failed: a coded
// error whose message is the reason for the record.
var down = &assistant.Error{Code: assistant.EUnavailable, Message: "The LLM did not answer within 20s."}

// primary is an engine in the style of a language model: every part it
// offers answers with a stance, phrasing, summary and review of its own, or
// fails with err. It reports usage as such an engine does.
func primary(err error) assistant.Engine {
	usage := func(ctx context.Context) {
		assistant.RecordUsage(ctx, assistant.Usage{Model: "m-1", Requests: 1, PromptTokens: 100, CompletionTokens: 20, TotalTokens: 120, LatencyMS: 7})
	}
	return assistant.Engine{
		Name:     "llm",
		Model:    "m-1",
		Prompts:  map[assistant.Part]string{assistant.PartStance: "stance/v1", assistant.PartSummary: "summary/v1", assistant.PartReview: "review/v1", assistant.PartPhrasing: "rewrite/v1"},
		Parallel: 8,
		Stance: &mock.StanceClassifier{ClassifyTurnsFn: func(ctx context.Context, turns []assistant.Turn, _ assistant.Language) ([]assistant.Stance, error) {
			usage(ctx)
			if err != nil {
				return nil, err
			}
			out := make([]assistant.Stance, len(turns))
			for i := range out {
				out[i] = assistant.NewStance(-0.2, 0.6, 0.9, nil) // cooperating: not what the fakes say
			}
			return out, nil
		}},
		Phrasing: &mock.Phraser{PhraseFn: func(ctx context.Context, u assistant.Utterance) (assistant.Phrasing, error) {
			usage(ctx)
			if err != nil {
				return assistant.Phrasing{}, err
			}
			return assistant.Phrasing{Findings: []assistant.Finding{}, Suggested: "llm: " + u.Text, Tip: assistant.Tip{Kind: assistant.TipOK}}, nil
		}},
		Summary: &mock.Summarizer{SummarizeCallFn: func(ctx context.Context, _ []assistant.Turn, lang assistant.Language) (assistant.AfterCallSummary, error) {
			usage(ctx)
			return assistant.AfterCallSummary{Language: lang, Text: "Samenvatting.", Engine: "llm"}, err
		}},
		Review: &mock.Reviewer{DraftReviewFn: func(ctx context.Context, turns []assistant.Turn, stances []assistant.Stance, lang assistant.Language) (assistant.DraftReview, error) {
			usage(ctx)
			if len(stances) != len(turns) {
				return assistant.DraftReview{}, assistant.Errorf(assistant.EInternal, "review got %d stances for %d turns", len(stances), len(turns))
			}
			return assistant.DraftReview{Language: lang, Strengths: []assistant.ReviewPoint{{Text: "Goed.", Turns: []int{2}}}, Engine: "llm"}, err
		}},
	}
}

// A primary engine answers every part it offers, the built-in engine the
// rest (closing and facts here), and the record says so with the model and
// prompt version; the summary and draft review come with it, the usage of
// all its requests is added up.
func TestPrimaryAnswersWhatItOffers(t *testing.T) {
	f := &fakes{}
	an, err := f.analyzer().Using(primary(nil)).Analyze(context.Background(), call())
	if err != nil {
		t.Fatal(err)
	}
	want := []assistant.EngineRun{
		{Part: assistant.PartStance, Engine: "llm", Model: "m-1", PromptVersion: "stance/v1"},
		{Part: assistant.PartPhrasing, Engine: "llm", Model: "m-1", PromptVersion: "rewrite/v1"},
		{Part: assistant.PartClosing, Engine: "fake"},
		{Part: assistant.PartFacts, Engine: "fake"},
		{Part: assistant.PartAdvice, Engine: assistant.Builtin},
		{Part: assistant.PartSummary, Engine: "llm", Model: "m-1", PromptVersion: "summary/v1"},
		{Part: assistant.PartReview, Engine: "llm", Model: "m-1", PromptVersion: "review/v1"},
	}
	if diff := cmp.Diff(want, an.Engines); diff != "" {
		t.Errorf("engines (-want +got):\n%s", diff)
	}
	if len(f.classified) != 0 || len(f.phrased) != 0 {
		t.Errorf("the built-in engine was asked for stance (%d) or phrasing (%d) that the primary answered", len(f.classified), len(f.phrased))
	}
	if an.Turns[0].Stance.Octant != assistant.Cooperating || an.Turns[2].Phrasing.Suggested != "llm: Wat naar." {
		t.Errorf("turn stance %s, phrasing %+v: not the primary's", an.Turns[0].Stance.Octant, an.Turns[2].Phrasing)
	}
	if an.AfterCallSummary == nil || an.AfterCallSummary.Text != "Samenvatting." {
		t.Errorf("after-call summary = %+v", an.AfterCallSummary)
	}
	if an.DraftReview == nil || an.DraftReview.Status != assistant.ReviewDraft {
		t.Errorf("draft review = %+v, want one with status draft", an.DraftReview)
	}
	// 1 stance + 3 phrasing + summary + review requests.
	wantUsage := &assistant.Usage{Model: "m-1", Requests: 6, PromptTokens: 600, CompletionTokens: 120, TotalTokens: 720, LatencyMS: 42}
	if diff := cmp.Diff(wantUsage, an.LLMUsage); diff != "" {
		t.Errorf("usage (-want +got):\n%s", diff)
	}
}

// Every failure of the primary engine is answered by the built-in engine
// with the reason recorded; the parts only the primary offers are left out,
// with the reason.
func TestPrimaryFailsBuiltinAnswers(t *testing.T) {
	f := &fakes{}
	an, err := f.analyzer().Using(primary(down)).Analyze(context.Background(), call())
	if err != nil {
		t.Fatalf("Analyze with a failing primary: %v", err)
	}
	reason := down.Message
	want := []assistant.EngineRun{
		{Part: assistant.PartStance, Engine: "fake", FallbackReason: reason},
		{Part: assistant.PartPhrasing, Engine: "fake", FallbackReason: reason},
		{Part: assistant.PartClosing, Engine: "fake"},
		{Part: assistant.PartFacts, Engine: "fake"},
		{Part: assistant.PartAdvice, Engine: assistant.Builtin},
		{Part: assistant.PartSummary, Engine: assistant.NoEngine, FallbackReason: reason},
		{Part: assistant.PartReview, Engine: assistant.NoEngine, FallbackReason: reason},
	}
	if diff := cmp.Diff(want, an.Engines); diff != "" {
		t.Errorf("engines (-want +got):\n%s", diff)
	}
	if an.AfterCallSummary != nil || an.DraftReview != nil {
		t.Errorf("a failed summary %+v or review %+v was kept", an.AfterCallSummary, an.DraftReview)
	}
	if an.Turns[0].Stance.Quadrant != assistant.AboveTogether || len(f.phrased) != 3 {
		t.Errorf("the built-in engine did not answer: stance %s, %d turns phrased", an.Turns[0].Stance.Quadrant, len(f.phrased))
	}
	if an.LLMUsage == nil || an.LLMUsage.Requests != 6 {
		t.Errorf("usage %+v: failed requests cost too and must be counted", an.LLMUsage)
	}
}

// A phrasing part is one engine's: when the primary fails on one agent turn,
// the built-in engine phrases them all, so a record never mixes the two.
func TestPhrasingFallsBackWhole(t *testing.T) {
	f := &fakes{}
	p := primary(nil)
	var n atomic.Int32
	p.Phrasing = &mock.Phraser{PhraseFn: func(_ context.Context, u assistant.Utterance) (assistant.Phrasing, error) {
		if n.Add(1) == 2 {
			return assistant.Phrasing{}, assistant.Errorf(assistant.EUnprocessable, "The LLM's rewrite of the turn drops the amount € 50.")
		}
		return assistant.Phrasing{Suggested: "llm: " + u.Text}, nil
	}}
	an, err := f.analyzer().Using(p).Analyze(context.Background(), call())
	if err != nil {
		t.Fatal(err)
	}
	for _, ta := range an.Turns {
		if ta.Phrasing != nil && strings.HasPrefix(ta.Phrasing.Suggested, "llm: ") {
			t.Errorf("turn %d kept the primary's phrasing after the part fell back", ta.Index)
		}
	}
	if r := an.Engines[1]; r.Engine != "fake" || !strings.Contains(r.FallbackReason, "drops the amount") {
		t.Errorf("phrasing run = %+v", r)
	}
}

// A primary that answers for too few turns has failed, and says so; an
// unexpected error is recorded without its text, which may hold internals.
func TestPrimaryWrongAnswers(t *testing.T) {
	p := primary(nil)
	p.Stance = &mock.StanceClassifier{ClassifyTurnsFn: func(context.Context, []assistant.Turn, assistant.Language) ([]assistant.Stance, error) {
		return []assistant.Stance{assistant.NewStance(1, 1, 1, nil)}, nil
	}}
	p.Summary = &mock.Summarizer{SummarizeCallFn: func(context.Context, []assistant.Turn, assistant.Language) (assistant.AfterCallSummary, error) {
		return assistant.AfterCallSummary{}, context.DeadlineExceeded
	}}
	an, err := (&fakes{}).analyzer().Using(p).Analyze(context.Background(), call())
	if err != nil {
		t.Fatal(err)
	}
	if r := an.Engines[0]; r.Engine != "fake" || r.FallbackReason != "The llm engine classified 1 of 4 turns." {
		t.Errorf("stance run = %+v", r)
	}
	if r := an.Engines[5]; r.Part != assistant.PartSummary || r.FallbackReason != "The llm engine failed unexpectedly." {
		t.Errorf("summary run = %+v", r)
	}
}

// When the request itself is over, nobody can answer: the analysis fails
// rather than recording a fallback that never ran.
func TestCanceledRequestIsNoFallback(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	p := primary(nil)
	p.Stance = &mock.StanceClassifier{ClassifyTurnsFn: func(ctx context.Context, _ []assistant.Turn, _ assistant.Language) ([]assistant.Stance, error) {
		cancel()
		return nil, ctx.Err()
	}}
	_, err := (&fakes{}).analyzer().Using(p).Analyze(ctx, call())
	if err == nil {
		t.Fatal("Analyze after the request was canceled: no error")
	}
}

// A tip asks the primary too, and falls back the same way.
func TestTipFallsBack(t *testing.T) {
	req := func() assistant.TipRequest {
		return assistant.TipRequest{Text: "U moet betalen.", Language: assistant.Dutch,
			Context: []assistant.ContextTurn{{Speaker: assistant.Customer, Text: "Ik kan niet."}}}
	}
	res, err := (&fakes{}).analyzer().Using(primary(nil)).Tip(context.Background(), req())
	if err != nil {
		t.Fatal(err)
	}
	if res.Suggested != "llm: U moet betalen." || res.Engines[0].Engine != "llm" || res.LLMUsage == nil || res.LLMUsage.Requests != 2 {
		t.Errorf("tip on the primary: %+v", res)
	}
	res, err = (&fakes{}).analyzer().Using(primary(down)).Tip(context.Background(), req())
	if err != nil {
		t.Fatal(err)
	}
	want := []assistant.EngineRun{
		{Part: assistant.PartStance, Engine: "fake", FallbackReason: down.Message},
		{Part: assistant.PartPhrasing, Engine: "fake", FallbackReason: down.Message},
	}
	if diff := cmp.Diff(want, res.Engines); diff != "" {
		t.Errorf("tip engines (-want +got):\n%s", diff)
	}
}

func TestParseEngineChoice(t *testing.T) {
	for in, want := range map[string]assistant.EngineChoice{"": "", "LLM": assistant.ChooseLLM, " auto ": assistant.ChooseAuto, "builtin": assistant.ChooseBuiltin} {
		if got, err := assistant.ParseEngineChoice(in); err != nil || got != want {
			t.Errorf("ParseEngineChoice(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	_, err := assistant.ParseEngineChoice("gpt")
	if assistant.ErrorCode(err) != assistant.EInvalid || !strings.Contains(err.Error(), "builtin, llm or auto") {
		t.Errorf("ParseEngineChoice(gpt): %v", err)
	}
}
