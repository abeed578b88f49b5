package phrasing

import (
	"context"
	"fmt"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// Closing judges how a call ends. Customers remember the end of a call best
// (the peak-end rule), and a good end holds three things: a next step, a
// summary of what was agreed, and a warm close. It is safe for concurrent
// use.
type Closing struct {
	langs map[assistant.Language]*closingLexicon
}

// closingLexicon is what the closing check knows about one language.
type closingLexicon struct {
	nextStep, summary, warm *trie
	// promise and when together make a next step in one sentence; action
	// with when or the customer's part (customerPart, an amount or a date).
	promise, when, action, customerPart *trie
	// What to add, as items of the tip's list.
	addNextStep, addSummary, addWarm string
}

// NewClosing builds the closing phrases of both languages. It panics when a
// template it needs is missing, which the tests catch.
func NewClosing() *Closing {
	c := &Closing{langs: map[assistant.Language]*closingLexicon{}}
	for _, lang := range assistant.Languages {
		w := wordsOf(lang)
		if w == nil {
			panic(fmt.Sprintf("phrasing: no word tables for language %q", lang))
		}
		c.langs[lang] = &closingLexicon{
			nextStep:     plain(w.closingNextStep),
			summary:      plain(w.closingSummary),
			warm:         plain(w.closingWarm),
			promise:      plain(w.closingPromise),
			when:         plain(w.closingWhen),
			action:       plain(w.closingAction),
			customerPart: plain(w.closingCustomerPart),
			addNextStep:  prompts.MustRender(lang, "closing.next-step", nil),
			addSummary:   prompts.MustRender(lang, "closing.summary", nil),
			addWarm:      prompts.MustRender(lang, "closing.warm", nil),
		}
	}
	return c
}

// completeStep reports whether a sentence of lower, a lower-cased turn,
// makes a next step of a promise or an action. A promise to call back or
// find out needs a when. So does an action on the record ("dan zet ik dat
// zo in het systeem"), unless the sentence gives the customer's part
// instead: what they pay or from when ("I'll set up £40 a month, taken on
// the 4th"); without either the customer does not know what happens next.
func (l *closingLexicon) completeStep(lower string) bool {
	for _, sp := range splitSentences(nil, lower) {
		toks := tokenize(nil, lower, sp.start, sp.end)
		when := l.when.has(toks)
		if l.promise.has(toks) && when {
			return true
		}
		if l.action.has(toks) && (when || l.customerPart.has(toks) ||
			len(amountSpansL(lower[sp.start:sp.end])) > 0 || len(dateSpansL(lower[sp.start:sp.end])) > 0) {
			return true
		}
	}
	return false
}

// CheckClosing judges how the call ends from its last three agent turns:
// whether they hold a next step, a summary and a warm close. It fails with
// EInvalid for a language other than nl or en.
func (c *Closing) CheckClosing(ctx context.Context, turns []assistant.Turn, lang assistant.Language) (assistant.ClosingCheck, error) {
	if err := ctx.Err(); err != nil {
		return assistant.ClosingCheck{}, fmt.Errorf("check closing: %w", err)
	}
	l := c.langs[lang]
	if l == nil {
		return assistant.ClosingCheck{}, assistant.Errorf(assistant.EInvalid, "language %q is not supported; use nl or en", lang)
	}
	var cc assistant.ClosingCheck
	seen := 0
	for i := len(turns) - 1; i >= 0 && seen < 3; i-- {
		if turns[i].Speaker != assistant.Agent {
			continue
		}
		seen++
		lower := lowerSameWidth(turns[i].Text)
		toks := tokenize(nil, lower, 0, len(lower))
		cc.NextStep = cc.NextStep || l.nextStep.has(toks) || l.completeStep(lower)
		cc.Summary = cc.Summary || l.summary.has(toks)
		cc.WarmClose = cc.WarmClose || l.warm.has(toks)
	}
	var missing []string
	if !cc.NextStep {
		missing = append(missing, l.addNextStep)
	}
	if !cc.Summary {
		missing = append(missing, l.addSummary)
	}
	if !cc.WarmClose {
		missing = append(missing, l.addWarm)
	}
	if len(missing) == 0 {
		return cc, nil
	}
	list, err := prompts.Render(lang, "closing.list", struct {
		Items []string
		Last  string
	}{missing[:len(missing)-1], missing[len(missing)-1]})
	if err != nil {
		return assistant.ClosingCheck{}, fmt.Errorf("check closing: %w", err)
	}
	if cc.Tip, err = prompts.Render(lang, "closing.missing", list); err != nil {
		return assistant.ClosingCheck{}, fmt.Errorf("check closing: %w", err)
	}
	return cc, nil
}
