package assistant

import (
	"context"
	"fmt"
	"unicode/utf8"
)

// Analyzer runs the analysis pipeline on parsed turns: stance for every turn,
// phrasing for the agent's turns, the closing check and the arrangement
// advice. It takes a Transcript, not bytes, so parsing stays with the caller.
type Analyzer struct {
	Stance      StanceClassifier
	Phrasing    Phraser
	Arrangement Arranger
	// ContextTurns is how many earlier turns the phrasing engine sees; 0
	// means 3.
	ContextTurns int
}

// MaxTurnRunes bounds one turn. Real turns are a few hundred characters;
// the rule-based engines grow faster than linearly with a turn's length, so
// an unsplit transcript of one "turn" would hold a core for seconds.
const MaxTurnRunes = 10000

// MaxTipRunes bounds the utterance of a live tip, which is one thing an agent
// says.
const MaxTipRunes = 2000

// MaxTipContext bounds the earlier turns sent with a tip; the advice looks at
// the last few only.
const MaxTipContext = 10

// closingTurns is how many agent turns at the end make up "the end of the
// call" for the peak-end summary.
const closingTurns = 3

// Analyze returns the coaching record of t. It fails with EInvalid when t
// holds no agent turn, since there is nothing to coach.
func (a *Analyzer) Analyze(ctx context.Context, t *Transcript) (*Analysis, error) {
	if t.AgentTurns() == 0 {
		return nil, Errorf(EInvalid, "The transcript has no agent turn: label the collector's lines with Agent: or Medewerker:.")
	}
	if !t.Language.Valid() {
		return nil, Errorf(EInvalid, "language %q is not supported; use nl or en", t.Language)
	}
	out := &Analysis{
		Language: t.Language,
		Format:   t.Format,
		Mapping:  t.Mapping,
		Turns:    make([]TurnAnalysis, len(t.Turns)),
	}
	for i, turn := range t.Turns {
		if n := utf8.RuneCountInString(turn.Text); n > MaxTurnRunes {
			return nil, Errorf(EInvalid, "Turn %d is %d characters long, more than the %d one turn may have. A turn is what one speaker says before the other speaks: check that the speakers are told apart.", i, n, MaxTurnRunes)
		}
	}
	lastCustomer := -1
	var agentReadability []Readability
	for i, turn := range t.Turns {
		// Analysis is CPU work; a request that timed out stops here
		// rather than finishing a call nobody waits for.
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("analyze turn %d: %w", i, err)
		}
		lang := turn.Language
		if lang == "" {
			lang = t.Language
		}
		st, err := a.Stance.Classify(ctx, turn.Text, lang)
		if err != nil {
			return nil, fmt.Errorf("classify turn %d: %w", i, err)
		}
		ta := TurnAnalysis{Turn: turn, Stance: st}
		if turn.Speaker == Agent {
			if lastCustomer >= 0 && (i == 0 || t.Turns[i-1].Speaker == Customer) {
				r := Respond(out.Turns[lastCustomer].Stance, st)
				r.ToTurn = lastCustomer
				ta.Response = &r
			}
			p, err := a.Phrasing.Phrase(ctx, Utterance{
				Text:     turn.Text,
				Language: lang,
				Stance:   &ta.Stance,
				Context:  a.context(out.Turns[:i]),
			})
			if err != nil {
				return nil, fmt.Errorf("phrase turn %d: %w", i, err)
			}
			ta.Phrasing = &p
			agentReadability = append(agentReadability, p.Readability)
			for _, f := range p.Findings {
				if f.Kind == FindingJargon {
					out.JargonCount++
				}
			}
		} else {
			lastCustomer = i
		}
		out.Turns[i] = ta
	}
	out.Summary = Summarize(out.Turns)
	out.Readability = CombineReadability(t.Language, agentReadability)

	closing, err := a.Phrasing.CheckClosing(ctx, t.Turns, t.Language)
	if err != nil {
		return nil, fmt.Errorf("check closing: %w", err)
	}
	out.Closing = closing

	adv, err := a.Arrangement.Advise(ctx, t.Turns, t.Language)
	if err != nil {
		return nil, fmt.Errorf("advise arrangement: %w", err)
	}
	if adv.Facts == nil {
		adv.Facts = []Fact{}
	}
	if adv.Options == nil {
		adv.Options = []ArrangementOption{}
	}
	out.Arrangement = adv
	out.Flagged = adv.Flagged
	return out, nil
}

func (a *Analyzer) context(before []TurnAnalysis) []ContextTurn {
	n := a.ContextTurns
	if n <= 0 {
		n = 3
	}
	if len(before) > n {
		before = before[len(before)-n:]
	}
	ctx := make([]ContextTurn, len(before))
	for i := range before {
		ctx[i] = ContextTurn{Speaker: before[i].Speaker, Text: before[i].Text, Stance: &before[i].Stance}
	}
	return ctx
}

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
}

// Tip analyses one agent utterance for live coaching. Context turns are
// classified first, so the advice can follow the customer's stance.
// Language must be set by the caller (detected when the agent did not say).
func (a *Analyzer) Tip(ctx context.Context, req TipRequest) (*TipResult, error) {
	if req.Text == "" {
		return nil, Errorf(EInvalid, "text is empty: send the agent's utterance in the text field")
	}
	if n := utf8.RuneCountInString(req.Text); n > MaxTipRunes {
		return nil, Errorf(EInvalid, "text is %d characters long; a tip is for one utterance of at most %d.", n, MaxTipRunes)
	}
	if !req.Language.Valid() {
		return nil, Errorf(EInvalid, "language %q is not supported; use nl or en", req.Language)
	}
	if len(req.Context) > MaxTipContext {
		return nil, Errorf(EInvalid, "context has %d turns; send the last %d at most.", len(req.Context), MaxTipContext)
	}
	for i := range req.Context {
		c := &req.Context[i]
		if !c.Speaker.Valid() {
			return nil, Errorf(EInvalid, "context[%d].speaker %q is not agent or customer", i, c.Speaker)
		}
		if n := utf8.RuneCountInString(c.Text); n > MaxTipRunes {
			return nil, Errorf(EInvalid, "context[%d].text is %d characters long; send at most %d per turn.", i, n, MaxTipRunes)
		}
		// A stance sent along is not trusted: the tip is only as good as
		// the stance it rests on, so the engine classifies every turn itself.
		st, err := a.Stance.Classify(ctx, c.Text, req.Language)
		if err != nil {
			return nil, fmt.Errorf("classify context turn %d: %w", i, err)
		}
		c.Stance = &st
	}
	st, err := a.Stance.Classify(ctx, req.Text, req.Language)
	if err != nil {
		return nil, fmt.Errorf("classify utterance: %w", err)
	}
	res := &TipResult{Language: req.Language, Stance: st}
	if n := len(req.Context); n > 0 && req.Context[n-1].Speaker == Customer {
		r := Respond(*req.Context[n-1].Stance, st)
		r.ToTurn = n - 1
		res.Response = &r
	}
	p, err := a.Phrasing.Phrase(ctx, Utterance{Text: req.Text, Language: req.Language, Stance: &st, Context: req.Context})
	if err != nil {
		return nil, fmt.Errorf("phrase utterance: %w", err)
	}
	res.Phrasing = p
	return res, nil
}
