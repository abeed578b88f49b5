package assistant

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"
)

// Analyzer runs the analysis pipeline on parsed turns, in two passes: first
// the stance of every turn (the classifier sees the whole call at once, so
// it can read each turn with the one it answers and an engine can batch
// it), then, concurrently, the phrasing of the agent's turns, the closing
// check and the facts of the call; last the arrangement advice on those
// facts, and the compliance rules of the call's jurisdiction. It takes a
// Transcript, not bytes, so parsing stays with the caller.
type Analyzer struct {
	// Engine is the built-in engine; every capability must be set.
	Engine Engine
	// Adviser plans arrangements on the facts an engine read.
	Adviser Adviser
	// Compliance checks the call against the rule packs; nil leaves the
	// record without a compliance section.
	Compliance ComplianceChecker
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
	eng := a.Engine
	out := &Analysis{
		Language: t.Language,
		Format:   t.Format,
		Mapping:  t.Mapping,
		Turns:    make([]TurnAnalysis, len(t.Turns)),
	}

	stances, err := eng.Stance.ClassifyTurns(ctx, t.Turns, t.Language)
	if err != nil {
		return nil, fmt.Errorf("classify turns: %w", err)
	}
	if len(stances) != len(t.Turns) {
		return nil, fmt.Errorf("classify turns: %d stances for %d turns", len(stances), len(t.Turns))
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

	// The second pass: each goroutine writes only its own slot, so the
	// result is the same whatever order they finish in.
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range out.Turns {
		if out.Turns[i].Speaker != Agent {
			continue
		}
		g.Go(func() error {
			ta := &out.Turns[i]
			p, err := eng.Phrasing.Phrase(gctx, Utterance{
				Text:     ta.Text,
				Language: cmp.Or(ta.Language, t.Language),
				Stance:   &ta.Stance,
				Context:  a.context(out.Turns[:i]),
			})
			if err != nil {
				return fmt.Errorf("phrase turn %d: %w", i, err)
			}
			ta.Phrasing = &p
			return nil
		})
	}
	var facts []Fact
	g.Go(func() error {
		c, err := eng.Closing.CheckClosing(gctx, t.Turns, t.Language)
		if err != nil {
			return fmt.Errorf("check closing: %w", err)
		}
		out.Closing = c
		return nil
	})
	g.Go(func() error {
		var err error
		if facts, err = eng.Facts.ReadFacts(gctx, t.Turns, t.Language); err != nil {
			return fmt.Errorf("read facts: %w", err)
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		return nil, err
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

	adv, err := a.Adviser.Advise(ctx, facts, t.Language)
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
	out.Engines = eng.runs(PartStance, PartPhrasing, PartClosing, PartFacts)
	out.Engines = append(out.Engines, EngineRun{Part: PartAdvice, Engine: Builtin})

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

// runs records that e produced parts.
func (e Engine) runs(parts ...Part) []EngineRun {
	out := make([]EngineRun, len(parts))
	for i, p := range parts {
		out[i] = EngineRun{Part: p, Engine: e.Name}
	}
	return out
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
