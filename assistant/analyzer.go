package assistant

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"
)

// Analyzer runs the analysis pipeline on parsed turns, in two passes: first
// the stance of every turn (the classifier sees the whole call at once, so
// it can read each turn with the one it answers and an engine can batch
// it), then, concurrently, the phrasing of the agent's turns, the closing
// check, the facts of the call and, where an engine offers them, the
// after-call summary and the draft review; last the dynamics of the call
// (how each agent turn moved the customer, which needs the customer's
// hardship from the facts), the arrangement advice on those facts, and the
// compliance rules of the call's jurisdiction. It takes
// a Transcript, not bytes, so parsing stays with the caller.
//
// Each part is asked of the Primary engine when it offers it, and of the
// built-in Engine when it does not or when it fails: a language model that
// times out, answers nonsense or is switched off never costs the agent an
// answer. The record says which engine produced which part and why the
// built-in one answered ([EngineRun]). Compliance is always the built-in
// rule packs.
type Analyzer struct {
	// Engine is the built-in engine; its first four capabilities must be
	// set. Its failures are the analysis's failures.
	Engine Engine
	// Primary is the engine asked first; the zero Engine means none. It may
	// leave any capability nil.
	Primary Engine
	// Adviser plans arrangements on the facts an engine read.
	Adviser Adviser
	// Compliance checks the call against the rule packs; nil leaves the
	// record without a compliance section.
	Compliance ComplianceChecker
	// ContextTurns is how many earlier turns the phrasing engine sees; 0
	// means 3.
	ContextTurns int
	// Hardship reads the vulnerability facts for the dynamics; nil counts
	// every one as hardship.
	Hardship HardshipReader
}

// Using returns a copy of a that asks primary first. The copy shares a's
// engines, which are safe for concurrent use.
func (a *Analyzer) Using(primary Engine) *Analyzer {
	b := *a
	b.Primary = primary
	return &b
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
// holds no agent turn, since there is nothing to coach, and when a turn is
// too long to be one turn.
func (a *Analyzer) Analyze(ctx context.Context, t *Transcript) (*Analysis, error) {
	if t.AgentTurns() == 0 {
		return nil, Errorf(EInvalid, "The transcript has no agent turn: label the collector's lines with Agent: or Medewerker:.")
	}
	if !t.Language.Valid() {
		return nil, UnsupportedLanguage(string(t.Language))
	}
	for i, turn := range t.Turns {
		if n := utf8.RuneCountInString(turn.Text); n > MaxTurnRunes {
			return nil, Errorf(EInvalid, "Turn %d is %d characters long, more than the %d one turn may have. A turn is what one speaker says before the other speaks: check that the speakers are told apart.", i, n, MaxTurnRunes)
		}
	}
	var meter *UsageMeter
	if a.Primary.Name != "" {
		ctx, meter = WithUsageMeter(ctx)
	}
	out := &Analysis{
		Language: t.Language,
		Format:   t.Format,
		Mapping:  t.Mapping,
		Turns:    make([]TurnAnalysis, len(t.Turns)),
	}

	stances, stanceRun, err := runPart(ctx, a, PartStance, func(e Engine) bool { return e.Stance != nil },
		func(ctx context.Context, e Engine) ([]Stance, error) {
			return classify(ctx, e, t.Turns, t.Language)
		})
	if err != nil {
		return nil, err
	}
	lastCustomer := -1
	for i, turn := range t.Turns {
		ta := TurnAnalysis{Turn: turn, Stance: stances[i]}
		if turn.Speaker == Agent {
			if lastCustomer >= 0 && t.Turns[i-1].Speaker == Customer {
				r := Respond(stances[lastCustomer], stances[i])
				r.ToTurn = lastCustomer
				ta.Response = &r
			}
		} else {
			lastCustomer = i
		}
		out.Turns[i] = ta
	}

	// The second pass: each goroutine writes only its own variables, so
	// the result is the same whatever order they finish in.
	var (
		phrasings                      []*Phrasing
		facts                          []Fact
		phraseRun, closingRun, factRun EngineRun
		summaryRun, reviewRun          *EngineRun
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		var err error
		phrasings, phraseRun, err = runPart(gctx, a, PartPhrasing, func(e Engine) bool { return e.Phrasing != nil },
			func(ctx context.Context, e Engine) ([]*Phrasing, error) {
				return a.phraseAll(ctx, e, t.Language, out.Turns)
			})
		return err
	})
	g.Go(func() error {
		var err error
		out.Closing, closingRun, err = runPart(gctx, a, PartClosing, func(e Engine) bool { return e.Closing != nil },
			func(ctx context.Context, e Engine) (ClosingCheck, error) {
				c, err := e.Closing.CheckClosing(ctx, t.Turns, t.Language)
				if err != nil {
					return c, fmt.Errorf("check closing: %w", err)
				}
				return c, nil
			})
		return err
	})
	g.Go(func() error {
		var err error
		facts, factRun, err = runPart(gctx, a, PartFacts, func(e Engine) bool { return e.Facts != nil },
			func(ctx context.Context, e Engine) ([]Fact, error) {
				f, err := e.Facts.ReadFacts(ctx, t.Turns, t.Language)
				if err != nil {
					return nil, fmt.Errorf("read facts: %w", err)
				}
				return f, nil
			})
		return err
	})
	if p := a.Primary; p.Summary != nil {
		g.Go(func() error {
			s, err := p.Summary.SummarizeCall(gctx, t.Turns, t.Language)
			summaryRun, err = onlyPrimary(gctx, p, PartSummary, err)
			if err == nil && summaryRun.FallbackReason == "" {
				out.AfterCallSummary = &s
			}
			return err
		})
	}
	if p := a.Primary; p.Review != nil {
		g.Go(func() error {
			r, err := p.Review.DraftReview(gctx, t.Turns, stances, t.Language)
			reviewRun, err = onlyPrimary(gctx, p, PartReview, err)
			if err == nil && reviewRun.FallbackReason == "" {
				r.Status = ReviewDraft
				out.DraftReview = &r
			}
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	for i := range out.Turns {
		out.Turns[i].Phrasing = phrasings[i]
	}

	var agentReadability []Readability
	for _, ta := range out.Turns {
		if ta.Phrasing == nil {
			continue
		}
		agentReadability = append(agentReadability, ta.Phrasing.Readability)
		for _, f := range ta.Phrasing.Findings {
			if f.Kind == FindingJargon {
				out.JargonCount++
			}
		}
	}
	out.Summary = Summarize(out.Turns)
	out.Readability = CombineReadability(t.Language, agentReadability)
	// The dynamics need the stances and, for the customer's hardship, the
	// facts of the call.
	out.Dynamics = ComputeDynamics(out.Turns, facts, a.Hardship)

	adv, err := a.Adviser.Advise(ctx, facts, t.Language, a.namedJurisdiction(cmp.Or(t.Jurisdiction, t.TeamJurisdiction)))
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
	out.Engines = []EngineRun{stanceRun, phraseRun, closingRun, factRun, {Part: PartAdvice, Engine: Builtin}}
	for _, r := range []*EngineRun{summaryRun, reviewRun} {
		if r != nil {
			out.Engines = append(out.Engines, *r)
		}
	}
	if meter != nil {
		out.LLMUsage = meter.Total()
	}

	if a.Compliance != nil {
		// Last, on the facts: their currency tells the jurisdiction of a
		// call that names none.
		c, err := a.Compliance.CheckCompliance(ctx, ComplianceInputOf(t, facts))
		if err != nil {
			return nil, fmt.Errorf("check compliance: %w", err)
		}
		out.Compliance = &c
		out.Flagged = out.Flagged || c.Flagged
		out.Engines = append(out.Engines, EngineRun{Part: PartCompliance, Engine: Builtin})
	}
	return out, nil
}

// namedJurisdiction is the jurisdiction named for a call: its own or its
// team's (named), else the installation's default, which the rule packs
// hold. "" when none is: the call's money or language may still tell.
// Compliance and advice read the same names, so that the referral is for
// the country whose rules the call is checked against.
func (a *Analyzer) namedJurisdiction(named string) string {
	if named != "" {
		return named
	}
	if d, ok := a.Compliance.(interface{ Default() string }); ok {
		return d.Default()
	}
	return ""
}

// classify asks e for the stance of every turn and checks it answered for
// each.
func classify(ctx context.Context, e Engine, turns []Turn, lang Language) ([]Stance, error) {
	stances, err := e.Stance.ClassifyTurns(ctx, turns, lang)
	if err != nil {
		return nil, fmt.Errorf("classify turns: %w", err)
	}
	if len(stances) != len(turns) {
		return nil, &Error{Code: EInternal, Message: fmt.Sprintf("The %s engine classified %d of %d turns.", e.Name, len(stances), len(turns)),
			Err: fmt.Errorf("classify turns: %d stances for %d turns", len(stances), len(turns))}
	}
	return stances, nil
}

// phraseAll phrases every agent turn of turns with e; the result has a nil
// entry for each customer turn.
func (a *Analyzer) phraseAll(ctx context.Context, e Engine, lang Language, turns []TurnAnalysis) ([]*Phrasing, error) {
	out := make([]*Phrasing, len(turns))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(cmp.Or(e.Parallel, runtime.GOMAXPROCS(0)))
	for i := range turns {
		if turns[i].Speaker != Agent {
			continue
		}
		g.Go(func() error {
			ta := &turns[i]
			p, err := e.Phrasing.Phrase(gctx, Utterance{
				Text:     ta.Text,
				Language: cmp.Or(ta.Language, lang),
				Stance:   &ta.Stance,
				Context:  a.context(turns[:i]),
			})
			if err != nil {
				return fmt.Errorf("phrase turn %d: %w", i, err)
			}
			out[i] = &p
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return out, nil
}

// runPart produces part with a's primary engine when it offers the part
// (offers says whether an engine does), and with the built-in engine when it
// does not or when the primary engine fails. It returns an error only when
// the built-in engine fails, or when ctx itself is done: then nobody can
// answer.
func runPart[T any](ctx context.Context, a *Analyzer, part Part, offers func(Engine) bool, run func(context.Context, Engine) (T, error)) (T, EngineRun, error) {
	var reason string
	if p := a.Primary; p.Name != "" && offers(p) {
		v, err := run(ctx, p)
		if err == nil {
			return v, p.run(part), nil
		}
		if ctx.Err() != nil {
			return v, EngineRun{}, err
		}
		reason = fallbackReason(p.Name, err)
	}
	v, err := run(ctx, a.Engine)
	if err != nil {
		return v, EngineRun{}, err
	}
	return v, EngineRun{Part: part, Engine: a.Engine.Name, FallbackReason: reason}, nil
}

// onlyPrimary records the outcome err of a part that only the primary
// engine offers: on failure the part is left out and the reason kept, and
// only the end of ctx is an error.
func onlyPrimary(ctx context.Context, p Engine, part Part, err error) (*EngineRun, error) {
	if err == nil {
		r := p.run(part)
		return &r, nil
	}
	if ctx.Err() != nil {
		return nil, err
	}
	return &EngineRun{Part: part, Engine: NoEngine, FallbackReason: fallbackReason(p.Name, err)}, nil
}

// fallbackReason is what the record says of a failure of engine name: the
// message of a coded error, which engines write for people, or a generic one
// for anything else, whose text may hold internals.
func fallbackReason(name string, err error) string {
	if ErrorCode(err) == EInternal {
		var e *Error
		if errors.As(err, &e) {
			return e.Message
		}
		return fmt.Sprintf("The %s engine failed unexpectedly.", name)
	}
	return ErrorMessage(err)
}

// run records that e produced part.
func (e Engine) run(part Part) EngineRun {
	return EngineRun{Part: part, Engine: e.Name, Model: e.Model, PromptVersion: e.Prompts[part]}
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
