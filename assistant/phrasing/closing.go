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
	// langs are the phrasing lexicons: a sentence that threatens is no
	// next step, and the threat detector is the one to say which do.
	langs map[assistant.Language]*lexicon
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

// NewClosing builds the closing check of both languages. It panics when a
// template it needs is missing, which the tests catch.
func NewClosing() *Closing { return New().closing }

// newClosingLexicon builds the closing phrases of lang from its word
// tables. It panics when a template it needs is missing.
func newClosingLexicon(lang assistant.Language, w *words) *closingLexicon {
	return &closingLexicon{
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

// completeStep reports whether toks, the words of a sentence sp of lower,
// a lower-cased turn, make a next step of a promise or an action. A promise
// to call back or find out needs a when. So does an action on the record
// ("dan zet ik dat zo in het systeem"), unless the sentence gives the
// customer's part instead: what they pay or from when ("I'll set up £40 a
// month, taken on the 4th"); without either the customer does not know what
// happens next.
func (l *closingLexicon) completeStep(lower string, sp span, toks []token) bool {
	when := l.when.has(toks)
	if l.promise.has(toks) && when {
		return true
	}
	return l.action.has(toks) && (when || l.customerPart.has(toks) ||
		len(amountSpansL(lower[sp.start:sp.end])) > 0 || len(dateSpansL(lower[sp.start:sp.end])) > 0)
}

// judgeEnd says whether an agent turn holds a next step, a summary and a
// warm close. A sentence that threatens is no next step, however it opens:
// "U krijgt een brief van de deurwaarder", "You'll get a letter from our
// solicitors".
func (l *lexicon) judgeEnd(text string) (cc assistant.ClosingCheck, err error) {
	c := l.closing
	lower := lowerSameWidth(text)
	toks := tokenize(nil, lower, 0, len(lower))
	cc.Summary = c.summary.has(toks)
	cc.WarmClose = c.warm.has(toks)
	sents := splitSentences(nil, text)
	threat, err := l.threatening(text, sents)
	if err != nil {
		return cc, err
	}
	for i, sp := range sents {
		if threat[i] {
			continue
		}
		st := tokenize(nil, lower, sp.start, sp.end)
		if c.nextStep.has(st) || c.completeStep(lower, sp, st) {
			cc.NextStep = true
			break
		}
	}
	return cc, nil
}

// missingTip names in lang what the end lacks, or "" when it lacks
// nothing.
func (l *lexicon) missingTip(lang assistant.Language, cc assistant.ClosingCheck) (string, error) {
	c := l.closing
	var missing []string
	if !cc.NextStep {
		missing = append(missing, c.addNextStep)
	}
	if !cc.Summary {
		missing = append(missing, c.addSummary)
	}
	if !cc.WarmClose {
		missing = append(missing, c.addWarm)
	}
	if len(missing) == 0 {
		return "", nil
	}
	list, err := prompts.Render(lang, "closing.list", struct {
		Items []string
		Last  string
	}{missing[:len(missing)-1], missing[len(missing)-1]})
	if err != nil {
		return "", err
	}
	return prompts.Render(lang, "closing.missing", list)
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
		tc, err := l.judgeEnd(turns[i].Text)
		if err != nil {
			return assistant.ClosingCheck{}, fmt.Errorf("check closing: %w", err)
		}
		cc.NextStep = cc.NextStep || tc.NextStep
		cc.Summary = cc.Summary || tc.Summary
		cc.WarmClose = cc.WarmClose || tc.WarmClose
	}
	var err error
	if cc.Tip, err = l.missingTip(lang, cc); err != nil {
		return assistant.ClosingCheck{}, fmt.Errorf("check closing: %w", err)
	}
	return cc, nil
}
