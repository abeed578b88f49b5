// Package phrasing finds what in an agent's wording will lose or push away the
// customer (jargon, policy talk, commands, threats, blame, empty stock phrases,
// passive voice, long sentences, closed questions) and offers plainer, warmer
// wording in the language of the call. It also scores readability and checks
// how a call ends.
//
// The engine is deterministic and does no I/O: lexicons and templates are
// built once by New, so that a live tip costs microseconds.
package phrasing

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// maxWords is the longest sentence that still reads at B1 level; a sentence
// is flagged only from slack words more, so that a good question of 21
// words is left alone.
const (
	maxWords = 20
	slack    = 2
)

// Engine is the built-in phrasing engine. It is safe for concurrent use.
type Engine struct {
	langs map[assistant.Language]*lexicon
}

var _ assistant.Phraser = (*Engine)(nil)

// lexicon is everything the engine knows about one language.
type lexicon struct {
	lang assistant.Language
	// lex holds jargon, policy talk and stock phrases with their plain
	// wording; the key of an entry is its finding kind.
	lex                                      *trie
	commands, threats, markers               *trie
	ultimatums, links, blame, followUp       *trie
	distress, opposed, nextStep, summary     *trie
	warm                                     *trie
	reasons                                  map[assistant.FindingKind]string
	tips                                     map[string]string
	consequence, ack                         map[string]string
	question, questionEvent                  string
	closingNext, closingSummary, closingWarm string
}

// New builds the lexicons of both languages. It panics when a template the
// engine needs is missing, which the tests catch.
func New() *Engine {
	e := &Engine{langs: map[assistant.Language]*lexicon{}}
	for _, lang := range assistant.Languages {
		e.langs[lang] = newLexicon(lang)
	}
	return e
}

func newLexicon(lang assistant.Language) *lexicon {
	code := string(lang)
	l := &lexicon{
		lang:          lang,
		lex:           &trie{},
		commands:      keyed(commandWords[code]),
		threats:       keyed(threatWords[code]),
		markers:       plain(threatMarkers[code]),
		ultimatums:    plain(ultimatumWords[code]),
		links:         plain(ultimatumLinks[code]),
		blame:         plain(blameWords[code]),
		followUp:      plain(followUpWords[code]),
		distress:      keyed(distressWords[code]),
		opposed:       plain(opposedWords[code]),
		nextStep:      plain(nextStepWords[code]),
		summary:       plain(summaryWords[code]),
		warm:          plain(warmWords[code]),
		reasons:       map[assistant.FindingKind]string{},
		tips:          map[string]string{},
		consequence:   map[string]string{},
		ack:           map[string]string{},
		question:      prompts.MustRender(lang, "rewrite.stock.question", false),
		questionEvent: prompts.MustRender(lang, "rewrite.stock.question", true),
	}
	for _, e := range l.commands.entries() {
		e.startOnly = strings.HasPrefix(e.key, "imperative")
	}
	loadLexicon(l.lex, lang, "lexicon.jargon", string(assistant.FindingJargon))
	loadLexicon(l.lex, lang, "lexicon.policy", string(assistant.FindingPolicyTalk))
	loadLexicon(l.lex, lang, "lexicon.stock", string(assistant.FindingStockPhrase))
	for _, k := range allKinds {
		if k == assistant.FindingJargon || k == assistant.FindingLongSentence || k == assistant.FindingStockPhrase {
			continue
		}
		l.reasons[k] = prompts.MustRender(lang, "reason."+string(k), nil)
	}
	for _, name := range []string{"distress", "distress.pressure", "crisis", "deescalate", "deescalate.pressure", "stance.above-opposed", "stance.below-opposed", "ok", "threat", "ultimatum", "blame", "command", "policy-talk", "closed-question", "passive-voice", "long-sentence"} {
		l.tips[name] = prompts.MustRender(lang, "tip."+name, nil)
	}
	for _, k := range []string{"bailiff", "court", "seizure", "costs", "credit", "cutoff", "agency", "eviction"} {
		l.consequence[k] = prompts.MustRender(lang, "rewrite.consequence", k)
	}
	for _, k := range []string{"", "job", "illness", "death", "divorce", "money", "cope", "care", "crisis"} {
		l.ack[k] = prompts.MustRender(lang, "rewrite.stock.ack", k)
	}
	l.closingNext = prompts.MustRender(lang, "closing.next-step", nil)
	l.closingSummary = prompts.MustRender(lang, "closing.summary", nil)
	l.closingWarm = prompts.MustRender(lang, "closing.warm", nil)
	return l
}

// allKinds lists the finding kinds from the most to the least important: the
// headline tip names the first one found.
var allKinds = []assistant.FindingKind{
	assistant.FindingThreat, assistant.FindingUltimatum, assistant.FindingBlame, assistant.FindingCommand,
	assistant.FindingPolicyTalk, assistant.FindingStockPhrase, assistant.FindingJargon,
	assistant.FindingClosedQuestion, assistant.FindingPassiveVoice, assistant.FindingLongSentence,
}

func plain(phrases []string) *trie {
	t := &trie{}
	for _, p := range phrases {
		t.add(&entry{phrase: p})
	}
	return t
}

// keyed builds a trie from "key: phrase" lines.
func keyed(lines []string) *trie {
	t := &trie{}
	for _, line := range lines {
		k, p, ok := strings.Cut(line, ":")
		if !ok {
			panic("phrasing: lexicon line without key: " + line)
		}
		t.add(&entry{phrase: strings.TrimSpace(p), key: k})
	}
	return t
}

func (t *trie) entries() []*entry {
	var out []*entry
	var walk func(*trie)
	walk = func(n *trie) {
		if n.entry != nil {
			out = append(out, n.entry)
		}
		for _, c := range n.next {
			walk(c)
		}
	}
	walk(t)
	return out
}

// loadLexicon reads "phrase = plain" lines from the template name.
func loadLexicon(t *trie, lang assistant.Language, name, kind string) {
	body := prompts.MustRender(lang, name, nil)
	for i, line := range strings.Split(body, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		phrase, repl, ok := strings.Cut(line, "=")
		if !ok {
			panic(fmt.Sprintf("phrasing: %s/%s line %d: want \"phrase = plain\", got %q", lang, name, i+1, line))
		}
		e := &entry{phrase: strings.ToLower(strings.TrimSpace(phrase)), key: kind}
		repl = strings.TrimSpace(repl)
		if r, ok := strings.CutSuffix(repl, "; clause"); ok {
			repl, e.clause = strings.TrimSpace(r), true
		}
		switch repl {
		case "!":
			e.skip = true
		default:
			e.plain = repl
		}
		t.add(e)
	}
}

// rewrite levels: a sentence rewrite wins over the clause and term rewrites
// inside it, a clause rewrite over the terms inside it.
const (
	levelTerm = iota
	levelClause
	levelSentence
)

type rw struct {
	start, end int // bytes in the turn
	text       string
	level      int
}

type finding struct {
	kind       assistant.FindingKind
	start, end int // bytes in the turn
	reason     string
	rw         *rw
}

// turnState carries what one Phrase call has learnt about the turn.
type turnState struct {
	l        *lexicon
	text     string
	lower    string
	toks     []token
	findings []finding
	rws      []*rw
	event    string // the customer's life event, from the context
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
	st := &turnState{l: l, text: u.Text, lower: lowerSameWidth(u.Text), event: ctxInfo.event}
	st.toks = tokenize(make([]token, 0, 48), st.lower, 0, len(st.lower))
	var sbuf [12]span
	sentences := splitSentences(sbuf[:0], u.Text)
	ti := 0
	for _, s := range sentences {
		for ti < len(st.toks) && st.toks[ti].start < s.start {
			ti++
		}
		tj := ti
		for tj < len(st.toks) && st.toks[tj].end <= s.end {
			tj++
		}
		st.sentence(s, ti, tj)
		ti = tj
	}
	p := assistant.Phrasing{
		Findings:    make([]assistant.Finding, 0, len(st.findings)),
		Readability: score(u.Language, sentences, st.toks),
	}
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
	p.Suggested = assemble(u.Text, st.rws)
	p.Tip = l.tip(st.findings, ctxInfo, u.Stance, u.Text)
	return p, nil
}

func kindRank(k assistant.FindingKind) int {
	for i, a := range allKinds {
		if a == k {
			return i
		}
	}
	return len(allKinds)
}

// assemble applies the rewrites that do not overlap a rewrite of a higher
// level to text; it returns "" when nothing changes.
func assemble(text string, rws []*rw) string {
	if len(rws) == 0 {
		return ""
	}
	chosen := make([]*rw, 0, len(rws))
	for level := levelSentence; level >= levelTerm; level-- {
		for _, r := range rws {
			if r.level != level {
				continue
			}
			ok := true
			for _, c := range chosen {
				if r.start < c.end && c.start < r.end {
					ok = false
					break
				}
			}
			if ok {
				chosen = append(chosen, r)
			}
		}
	}
	slices.SortFunc(chosen, func(a, b *rw) int { return a.start - b.start })
	var b strings.Builder
	at := 0
	for _, r := range chosen {
		b.WriteString(text[at:r.start])
		b.WriteString(r.text)
		at = r.end
	}
	b.WriteString(text[at:])
	out := b.String()
	if out == text {
		return ""
	}
	return out
}

// contextInfo is what the turns before the utterance say about the customer.
type contextInfo struct {
	// distress: the last customer turn signals distress; distressEarlier:
	// any customer turn in the context does.
	distress        bool
	distressEarlier bool
	crisis          bool
	event           string
	opposed         bool
}

func (l *lexicon) readContext(turns []assistant.ContextTurn) contextInfo {
	var ci contextInfo
	last := -1
	for i, t := range turns {
		if t.Speaker == assistant.Customer {
			last = i
		}
	}
	var buf [64]token
	for i, t := range turns {
		if t.Speaker != assistant.Customer {
			continue
		}
		lower := lowerSameWidth(t.Text)
		toks := tokenize(buf[:0], lower, 0, len(lower))
		// The first cue of the latest turn names the event: the customer
		// leads with what matters most to them.
		turnEvent := ""
		for _, m := range l.distress.findAll(nil, toks, always) {
			if m.e.key == "money" || m.e.key == "care" {
				// Benefits or caring are vulnerability, not distress: they
				// shape an acknowledgement but do not change the tip.
				if turnEvent == "" {
					turnEvent = m.e.key
				}
				continue
			}
			ci.distressEarlier = true
			ci.distress = ci.distress || i == last
			if m.e.key == "crisis" {
				ci.crisis = true
			} else if turnEvent == "" {
				turnEvent = m.e.key
			}
		}
		if turnEvent != "" {
			ci.event = turnEvent
		}
		if i == last {
			// A guess is no ground for telling an agent the customer is
			// against them: below this confidence the words decide.
			if t.Stance != nil && t.Stance.Confidence >= trustedStance {
				ci.opposed = !t.Stance.Quadrant.Together() && t.Stance.Quadrant.Valid()
			} else {
				ci.opposed = l.opposed.has(toks)
			}
		}
	}
	if ci.crisis {
		ci.event = "crisis"
	}
	return ci
}

func always(int) bool { return true }

// trustedStance is the confidence from which a stance may steer the tip.
const trustedStance = 0.5

func trusted(s *assistant.Stance) bool { return s != nil && s.Confidence >= trustedStance }

// tip chooses the one headline tip: the customer's state first (crisis,
// distress, opposition), then the most important finding, then the agent's
// own stance.
func (l *lexicon) tip(fs []finding, ci contextInfo, own *assistant.Stance, text string) assistant.Tip {
	pressure := false
	var top *finding
	for i := range fs {
		switch fs[i].kind {
		case assistant.FindingThreat, assistant.FindingUltimatum, assistant.FindingCommand, assistant.FindingBlame:
			pressure = true
		}
		if top == nil || kindRank(fs[i].kind) < kindRank(top.kind) {
			top = &fs[i]
		}
	}
	switch {
	case ci.crisis:
		return assistant.Tip{Kind: assistant.TipDistress, Text: l.tips["crisis"]}
	case ci.distressEarlier && pressure:
		return assistant.Tip{Kind: assistant.TipDistress, Text: l.tips["distress.pressure"]}
	case ci.opposed && pressure:
		return assistant.Tip{Kind: assistant.TipDeescalate, Text: l.tips["deescalate.pressure"]}
	case ci.distress:
		return assistant.Tip{Kind: assistant.TipDistress, Text: l.tips["distress"]}
	case ci.opposed && !(trusted(own) && own.Quadrant.Together()):
		// An agent already answering together is de-escalating; the
		// findings, if any, are the better tip.
		return assistant.Tip{Kind: assistant.TipDeescalate, Text: l.tips["deescalate"]}
	}
	if !trusted(own) {
		own = nil
	}
	if top == nil || (own != nil && own.Quadrant == assistant.AboveOpposed && kindRank(top.kind) > kindRank(assistant.FindingCommand)) {
		switch {
		case own != nil && own.Quadrant == assistant.AboveOpposed:
			return assistant.Tip{Kind: assistant.TipDeescalate, Text: l.tips["stance.above-opposed"]}
		case own != nil && own.Quadrant == assistant.BelowOpposed:
			return assistant.Tip{Kind: assistant.TipDeescalate, Text: l.tips["stance.below-opposed"]}
		case top == nil:
			return assistant.Tip{Kind: assistant.TipOK, Text: l.tips["ok"]}
		}
	}
	switch top.kind {
	case assistant.FindingJargon, assistant.FindingStockPhrase:
		data := tipData{Text: text[top.start:top.end]}
		if top.kind == assistant.FindingJargon {
			data.Text = lowerFirst(data.Text)
		}
		if top.rw != nil && top.rw.level == levelTerm {
			data.Plain = lowerFirst(top.rw.text)
		}
		return assistant.Tip{Kind: assistant.TipOf(top.kind), Text: prompts.MustRender(l.lang, "tip."+string(top.kind), data)}
	}
	return assistant.Tip{Kind: assistant.TipOf(top.kind), Text: l.tips[string(top.kind)]}
}

type tipData struct{ Text, Plain string }

type reasonData struct {
	Text, Plain string
	Words, Max  int
}

// CheckClosing judges how the call ends from its last three agent turns:
// whether they hold a next step, a summary and a warm close. It fails with
// EInvalid for a language other than nl or en.
func (e *Engine) CheckClosing(ctx context.Context, turns []assistant.Turn, lang assistant.Language) (assistant.ClosingCheck, error) {
	if err := ctx.Err(); err != nil {
		return assistant.ClosingCheck{}, fmt.Errorf("check closing: %w", err)
	}
	l := e.langs[lang]
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
		cc.NextStep = cc.NextStep || l.nextStep.has(toks)
		cc.Summary = cc.Summary || l.summary.has(toks)
		cc.WarmClose = cc.WarmClose || l.warm.has(toks)
	}
	var missing []string
	if !cc.NextStep {
		missing = append(missing, l.closingNext)
	}
	if !cc.Summary {
		missing = append(missing, l.closingSummary)
	}
	if !cc.WarmClose {
		missing = append(missing, l.closingWarm)
	}
	if len(missing) > 0 {
		list := prompts.MustRender(lang, "closing.list", struct {
			Items []string
			Last  string
		}{missing[:len(missing)-1], missing[len(missing)-1]})
		cc.Tip = prompts.MustRender(lang, "closing.missing", list)
	}
	return cc, nil
}
