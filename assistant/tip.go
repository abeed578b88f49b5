package assistant

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"
)

// TipRequest is what an agent sends during a call: what was just said or is
// about to be said, and optionally the turns before it.
type TipRequest struct {
	Text     string        `json:"text"`
	Language Language      `json:"language,omitempty"`
	Context  []ContextTurn `json:"context,omitempty"`
}

// TipResult is the live answer to a TipRequest.
type TipResult struct {
	Language Language `json:"language"`
	Stance   Stance   `json:"stance"`
	// Response is set when the context ends with a customer turn.
	Response *Response `json:"response,omitempty"`
	Phrasing
	Engines []EngineRun `json:"engines"`
	// LLMUsage is what the language model cost for this tip; nil when none
	// was asked.
	LLMUsage *Usage `json:"llm_usage,omitempty"`
}

// Tip analyses one agent utterance for live coaching. Context turns are
// classified with it, so the advice can follow the customer's stance; a
// stance a client sent along is not trusted, since the tip is only as good as
// the stance it rests on. Language must be valid; the caller detects it when
// the agent did not say.
func (a *Analyzer) Tip(ctx context.Context, req TipRequest) (*TipResult, error) {
	if strings.TrimSpace(req.Text) == "" {
		return nil, Errorf(EInvalid, "text is empty: send what the agent said or is about to say.")
	}
	if n := utf8.RuneCountInString(req.Text); n > MaxTipRunes {
		return nil, Errorf(EInvalid, "text is %d characters long; a tip is for one utterance of at most %d.", n, MaxTipRunes)
	}
	if !req.Language.Valid() {
		return nil, UnsupportedLanguage(string(req.Language))
	}
	if len(req.Context) > MaxTipContext {
		return nil, Errorf(EInvalid, "context has %d turns; send the last %d at most.", len(req.Context), MaxTipContext)
	}
	turns := make([]Turn, 0, len(req.Context)+1)
	for i, c := range req.Context {
		if !c.Speaker.Valid() {
			return nil, Errorf(EInvalid, "context[%d].speaker %q is not agent or customer.", i, c.Speaker)
		}
		// An empty turn says nothing to classify, and an engine would place
		// it on the rose all the same.
		if strings.TrimSpace(c.Text) == "" {
			return nil, Errorf(EInvalid, "context[%d].text is empty: send what was said in that turn, or leave the turn out.", i)
		}
		if n := utf8.RuneCountInString(c.Text); n > MaxTipRunes {
			return nil, Errorf(EInvalid, "context[%d].text is %d characters long; send at most %d per turn.", i, n, MaxTipRunes)
		}
		turns = append(turns, Turn{Index: i, Speaker: c.Speaker, Text: c.Text})
	}
	turns = append(turns, Turn{Index: len(turns), Speaker: Agent, Text: req.Text})
	var meter *UsageMeter
	if a.Primary.Name != "" {
		ctx, meter = WithUsageMeter(ctx)
	}
	stances, stanceRun, err := runPart(ctx, a, PartStance, func(e Engine) bool { return e.Stance != nil },
		func(ctx context.Context, e Engine) ([]Stance, error) {
			return classify(ctx, e, turns, req.Language)
		})
	if err != nil {
		return nil, fmt.Errorf("tip: %w", err)
	}
	for i := range req.Context {
		req.Context[i].Stance = &stances[i]
	}
	st := stances[len(stances)-1]
	res := &TipResult{Language: req.Language, Stance: st}
	if n := len(req.Context); n > 0 && req.Context[n-1].Speaker == Customer {
		r := Respond(*req.Context[n-1].Stance, st)
		r.ToTurn = n - 1
		res.Response = &r
	}
	p, phraseRun, err := runPart(ctx, a, PartPhrasing, func(e Engine) bool { return e.Phrasing != nil },
		func(ctx context.Context, e Engine) (Phrasing, error) {
			p, err := e.Phrasing.Phrase(ctx, Utterance{Text: req.Text, Language: req.Language, Stance: &st, Context: req.Context})
			if err != nil {
				return p, fmt.Errorf("phrase utterance: %w", err)
			}
			return p, nil
		})
	if err != nil {
		return nil, err
	}
	res.Phrasing = p
	res.Engines = []EngineRun{stanceRun, phraseRun}
	if meter != nil {
		res.LLMUsage = meter.Total()
	}
	return res, nil
}
