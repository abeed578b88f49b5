// Package phrasing finds what in an agent's wording will lose or push away the
// customer (jargon, policy talk, commands, threats, blame, empty stock phrases,
// passive voice, long sentences, closed questions) and offers plainer, warmer
// wording in the language of the call. It also scores readability and checks
// how a call ends (Closing).
//
// Each finding kind has its detector and its rewrite in a file named for it
// (threat.go, command.go, …); sentence.go runs them over a sentence and picks
// the rewrite. The words they look for are in lexicon_nl.go and lexicon_en.go.
// repair.go guards the suggestion as a whole: an order, order-officialese
// or sarcasm that the rewrites leave in it is repaired, or the turn gets
// advice instead of a broken sentence.
//
// The engine is deterministic and does no I/O: lexicons and templates are
// built once by New, so that a live tip costs microseconds.
package phrasing

import (
	"context"
	"fmt"
	"slices"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/vulnerability"
)

// Engine is the built-in phrasing engine. It is safe for concurrent use.
type Engine struct {
	langs map[assistant.Language]*lexicon
	// closing is the closing check, a capability of its own that the engine
	// also offers.
	closing *Closing
}

var _ assistant.Phraser = (*Engine)(nil)

// New builds the lexicons of both languages. It panics when a template the
// engine needs is missing, which the tests catch.
func New() *Engine {
	e := &Engine{langs: map[assistant.Language]*lexicon{}}
	for _, lang := range assistant.Languages {
		e.langs[lang] = newLexicon(lang)
	}
	e.closing = &Closing{langs: e.langs}
	return e
}

// allKinds lists the finding kinds from the most to the least important: the
// headline tip names the first one found.
var allKinds = []assistant.FindingKind{
	assistant.FindingThreat, assistant.FindingUltimatum, assistant.FindingBlame, assistant.FindingCommand,
	assistant.FindingPolicyTalk, assistant.FindingStockPhrase, assistant.FindingBelittling, assistant.FindingJargon,
	assistant.FindingOfficialese, assistant.FindingClosedQuestion, assistant.FindingPassiveVoice, assistant.FindingLongSentence,
}

// Phrase analyses one agent utterance in the light of the turns before it. It
// fails with EInvalid for a language other than nl or en.
func (e *Engine) Phrase(ctx context.Context, u assistant.Utterance) (assistant.Phrasing, error) {
	if err := ctx.Err(); err != nil {
		return assistant.Phrasing{}, fmt.Errorf("phrase: %w", err)
	}
	l := e.langs[u.Language]
	if l == nil {
		return assistant.Phrasing{}, assistant.Errorf(assistant.EInvalid, "language %q is not supported; use nl or en", u.Language)
	}
	ctxInfo := l.readContext(u.Context)
	// Words of self-harm in the utterance itself (the customer's words
	// typed into the tip box, or an agent repeating them) are a crisis as
	// much as in the customer's turn: a crisis is recognised the same way
	// everywhere, and no wording advice comes before the crisis line.
	if crisis, _, _ := vulnerability.Assess(vulnerability.Find(u.Text)); crisis {
		ctxInfo.crisis, ctxInfo.event = true, vulnerability.TopicCrisis
	}
	st := &turnState{l: l, text: u.Text, lower: lowerSameWidth(u.Text), event: ctxInfo.event, askedConsequence: ctxInfo.askedConsequence}
	st.toks = tokenize(make([]token, 0, 48), st.lower, 0, len(st.lower))
	var sbuf [12]span
	sentences := splitSentences(sbuf[:0], u.Text)
	ti := 0
	for _, s := range sentences {
		from, to := sentenceToks(st.toks, s, ti)
		if err := st.analyse(s, from, to); err != nil {
			return assistant.Phrasing{}, fmt.Errorf("phrase: %w", err)
		}
		ti = to
	}
	p := assistant.Phrasing{
		Findings:    make([]assistant.Finding, 0, len(st.findings)),
		Readability: score(u.Language, sentences, st.toks),
	}
	st.dropExplained(sentences)
	st.findings = slices.DeleteFunc(st.findings, func(f finding) bool { return f.drop })
	suggested := st.guard(sentences)
	slices.SortStableFunc(st.findings, func(a, b finding) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return kindRank(a.kind) - kindRank(b.kind)
	})
	for _, f := range st.findings {
		af := assistant.Finding{
			Kind:   f.kind,
			Text:   u.Text[f.start:f.end],
			Start:  runeOffset(u.Text, f.start),
			End:    runeOffset(u.Text, f.end),
			Reason: f.reason,
		}
		if f.rw != nil {
			af.Rewrite = &assistant.Rewrite{
				Start:    runeOffset(u.Text, f.rw.start),
				End:      runeOffset(u.Text, f.rw.end),
				Original: u.Text[f.rw.start:f.rw.end],
				Text:     f.rw.text,
			}
		}
		p.Findings = append(p.Findings, af)
	}
	p.Suggested = suggested
	acked := l.ack.has(st.toks)
	st.pressAfter(ctxInfo)
	if s := st.answerFirst(ctxInfo, acked); s != "" {
		p.Suggested = s
		// What presses for payment is no rewrite to offer now: the
		// suggestion answers the customer instead. In a crisis the
		// suggestion replaces the whole turn, and no rewrite of it is
		// offered.
		for i := range p.Findings {
			if ctxInfo.crisis || st.inPressing(st.findings[i].start) {
				p.Findings[i].Rewrite = nil
			}
		}
	}
	end, err := st.endOf()
	if err != nil {
		return assistant.Phrasing{}, fmt.Errorf("phrase: %w", err)
	}
	tip, err := l.tip(st.findings, ctxInfo, u.Stance, u.Text, acked, st.pressesForPayment(), shortReply(st.toks), end)
	if err != nil {
		return assistant.Phrasing{}, fmt.Errorf("phrase: %w", err)
	}
	p.Tip = tip
	return p, nil
}

// sentenceToks returns the range of toks, searched from index ti on, that
// holds the words of sentence s.
func sentenceToks(toks []token, s span, ti int) (from, to int) {
	for ti < len(toks) && toks[ti].start < s.start {
		ti++
	}
	tj := ti
	for tj < len(toks) && toks[tj].end <= s.end {
		tj++
	}
	return ti, tj
}

func kindRank(k assistant.FindingKind) int {
	for i, a := range allKinds {
		if a == k {
			return i
		}
	}
	return len(allKinds)
}

// CheckClosing judges how the call ends; see Closing.CheckClosing.
func (e *Engine) CheckClosing(ctx context.Context, turns []assistant.Turn, lang assistant.Language) (assistant.ClosingCheck, error) {
	return e.closing.CheckClosing(ctx, turns, lang)
}
