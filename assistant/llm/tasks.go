package llm

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/language"
	"github.com/rooscoach/rooscoach/assistant/phrasing"
	"github.com/rooscoach/rooscoach/assistant/redact"
	"github.com/rooscoach/rooscoach/prompts"
)

// The answers the model is asked for. Every field is required (strict
// structured output wants it so), quotes stand in for offsets (a model
// cannot count characters; rooscoach finds the quote in the turn and
// computes the offsets itself), and turns are named by id.
type (
	stanceAnswer struct {
		Turns []stanceTurn `json:"turns"`
	}
	stanceTurn struct {
		ID          string      `json:"id"`
		Octant      string      `json:"octant"`
		Dominance   float64     `json:"dominance"`
		Affiliation float64     `json:"affiliation"`
		Confidence  float64     `json:"confidence"`
		Cues        []stanceCue `json:"cues"`
	}
	stanceCue struct {
		Kind  string `json:"kind"`
		Quote string `json:"quote"`
	}
	rewriteAnswer struct {
		Findings  []rewriteFinding `json:"findings"`
		Suggested string           `json:"suggested"`
		Tip       rewriteTip       `json:"tip"`
	}
	rewriteFinding struct {
		Kind   string `json:"kind"`
		Quote  string `json:"quote"`
		Reason string `json:"reason"`
	}
	rewriteTip struct {
		Kind string `json:"kind"`
		Text string `json:"text"`
	}
	summaryAnswer struct {
		Situation string `json:"situation"`
		Agreement string `json:"agreement"`
		NextStep  string `json:"next_step"`
	}
	reviewAnswer struct {
		Strengths   []reviewPoint `json:"strengths"`
		FocusPoints []reviewPoint `json:"focus_points"`
	}
	reviewPoint struct {
		Text    string   `json:"text"`
		TurnIDs []string `json:"turn_ids"`
	}
)

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// The tasks, with their schemas built once.
var (
	stanceTask = newTask[stanceAnswer](prompts.TaskStance, map[string][]string{
		"stanceTurn.octant": strs(assistant.Octants), "stanceCue.kind": strs(assistant.CueKinds)})
	rewriteTask = newTask[rewriteAnswer](prompts.TaskRewrite, map[string][]string{
		"rewriteFinding.kind": strs(assistant.FindingKinds), "rewriteTip.kind": strs(assistant.TipKinds)})
	summaryTask = newTask[summaryAnswer](prompts.TaskSummary, nil)
	reviewTask  = newTask[reviewAnswer](prompts.TaskReview, nil)
)

// masker redacts what leaves and restores what comes back, for one call;
// with redaction off it passes text through.
type masker struct{ s *redact.Session }

func (e *Engine) masker() masker {
	if e.cfg.KeepPersonalData {
		return masker{}
	}
	return masker{redact.NewSession()}
}

func (m masker) hide(text string) string {
	if m.s == nil {
		return text
	}
	return m.s.Redact(text)
}

// restore puts the originals back into text, a field of the answer to what.
func (m masker) restore(what, text string) (string, error) {
	if m.s == nil {
		return text, nil
	}
	out, err := m.s.Restore(text)
	if err != nil {
		return "", &assistant.Error{Code: assistant.EUnprocessable, Err: err,
			Message: fmt.Sprintf("The LLM's %s holds a placeholder that was never sent (%s): it made up personal data.", what, strings.Join(unknownPlaceholders(m.s, text), ", "))}
	}
	return out, nil
}

func unknownPlaceholders(s *redact.Session, text string) []string {
	known := s.Originals()
	var out []string
	for _, p := range redact.Placeholders(text) {
		if _, ok := known[p]; !ok {
			out = append(out, p)
		}
	}
	return out
}

func turnID(i int) string { return "T" + strconv.Itoa(i) }

// ClassifyTurns places every turn of a call on the rose: the whole call in
// one request, or in windows under MaxPromptRunes for a long call, each
// window with the two turns before it as context. It implements
// [assistant.StanceClassifier].
func (e *Engine) ClassifyTurns(ctx context.Context, turns []assistant.Turn, lang assistant.Language) ([]assistant.Stance, error) {
	// The windows of a call share one deadline: the stance of a call is one
	// task, however long the call.
	ctx, cancel := context.WithTimeout(ctx, e.cfg.Deadline)
	defer cancel()
	m := e.masker()
	lt := make([]prompts.LLMTurn, len(turns))
	for i, t := range turns {
		lt[i] = prompts.LLMTurn{ID: turnID(i), Speaker: t.Speaker, Text: m.hide(t.Text)}
	}
	out := make([]assistant.Stance, len(turns))
	for _, w := range e.windows(lang, lt) {
		data := prompts.LLMData{}
		for i := w.context; i < w.from; i++ {
			t := lt[i]
			t.Context = true
			data.Turns = append(data.Turns, t)
		}
		data.Turns = append(data.Turns, lt[w.from:w.to]...)
		var ans stanceAnswer
		if _, err := e.ask(ctx, stanceTask, lang, data, &ans); err != nil {
			return nil, err
		}
		if err := stances(m, ans, turns, w.from, w.to, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// window is turns[from:to] to classify, after turns[context:from] given as
// context.
type window struct{ context, from, to int }

// windows splits a call so that each prompt stays under MaxPromptRunes. A
// turn too long for a window on its own gets one anyway: a turn cannot be
// split, and the server says if it is too much.
func (e *Engine) windows(lang assistant.Language, turns []prompts.LLMTurn) []window {
	empty, err := prompts.LLM(lang, prompts.TaskStance, prompts.LLMData{Schema: e.schemaIfJSON(stanceTask)})
	base := 0
	if err == nil {
		base = utf8.RuneCountInString(empty.System) + utf8.RuneCountInString(empty.User)
	}
	cost := func(t prompts.LLMTurn) int {
		// The JSON of a turn: its text and some 40 characters around it.
		return utf8.RuneCountInString(t.Text) + len(t.ID) + 40
	}
	const contextTurns = 2
	var out []window
	for from := 0; from < len(turns); {
		ctxFrom := max(0, from-contextTurns)
		size := base
		for i := ctxFrom; i < from; i++ {
			size += cost(turns[i])
		}
		to := from
		for to < len(turns) && (to == from || size+cost(turns[to]) <= e.cfg.MaxPromptRunes) {
			size += cost(turns[to])
			to++
		}
		out = append(out, window{context: ctxFrom, from: from, to: to})
		from = to
	}
	return out
}

func (e *Engine) schemaIfJSON(t task) string {
	if e.jsonMode.Load() {
		return t.schemaJSON
	}
	return ""
}

// stances checks the answer for turns[from:to] and writes it into out: one
// stance per turn asked, ids that were asked, octants from the vocabulary
// agreeing with coordinates in range, cues of known kinds quoting the turn.
func stances(m masker, ans stanceAnswer, turns []assistant.Turn, from, to int, out []assistant.Stance) error {
	bad := func(format string, args ...any) error {
		return assistant.Errorf(assistant.EUnprocessable, "The LLM's stance answer "+format, args...)
	}
	seen := map[int]bool{}
	for _, a := range ans.Turns {
		i, err := strconv.Atoi(strings.TrimPrefix(a.ID, "T"))
		if !strings.HasPrefix(a.ID, "T") || err != nil || i < from || i >= to {
			return bad("names turn %q, which was not asked for.", a.ID)
		}
		if seen[i] {
			return bad("gives turn %s twice.", a.ID)
		}
		seen[i] = true
		o := assistant.Octant(a.Octant)
		switch {
		case !o.Valid():
			return bad("gives turn %s the octant %q, which is not one of the eight.", a.ID, a.Octant)
		case !inRange(a.Dominance, -1, 1) || !inRange(a.Affiliation, -1, 1):
			return bad("gives turn %s coordinates (%g, %g) outside [-1, 1].", a.ID, a.Dominance, a.Affiliation)
		case !inRange(a.Confidence, 0, 1):
			return bad("gives turn %s a confidence of %g, outside [0, 1].", a.ID, a.Confidence)
		case assistant.OctantAt(a.Dominance, a.Affiliation) != o:
			return bad("gives turn %s the octant %s, but its coordinates (dominance %g, affiliation %g) lie in %s.", a.ID, o, a.Dominance, a.Affiliation, assistant.OctantAt(a.Dominance, a.Affiliation))
		}
		cues := make([]assistant.Cue, 0, len(a.Cues))
		for _, c := range a.Cues {
			k := assistant.CueKind(c.Kind)
			if !k.Valid() {
				return bad("gives turn %s a cue of kind %q, which is not a cue kind.", a.ID, c.Kind)
			}
			q, err := m.restore("stance cue", c.Quote)
			if err != nil {
				return err
			}
			start, end, ok := findQuote(turns[i].Text, q)
			if !ok {
				return bad("quotes %q as a cue of turn %s, which the turn does not say.", q, a.ID)
			}
			cues = append(cues, assistant.Cue{Kind: k, Text: string([]rune(turns[i].Text)[start:end]), Start: start, End: end})
		}
		out[i] = assistant.NewStance(a.Dominance, a.Affiliation, a.Confidence, cues)
	}
	for i := from; i < to; i++ {
		if !seen[i] {
			return bad("leaves out turn %s.", turnID(i))
		}
	}
	return nil
}

func inRange(v, lo, hi float64) bool { return !math.IsNaN(v) && v >= lo && v <= hi }

// findQuote returns the rune offsets of quote in text: exactly, or else
// without regard to case.
func findQuote(text, quote string) (start, end int, ok bool) {
	quote = strings.TrimSpace(quote)
	if quote == "" {
		return 0, 0, false
	}
	if b := strings.Index(text, quote); b >= 0 {
		start = utf8.RuneCountInString(text[:b])
		return start, start + utf8.RuneCountInString(quote), true
	}
	t, q := []rune(text), []rune(quote)
	for i := 0; i+len(q) <= len(t); i++ {
		match := true
		for j := range q {
			if unicode.ToLower(t[i+j]) != unicode.ToLower(q[j]) {
				match = false
				break
			}
		}
		if match {
			return i, i + len(q), true
		}
	}
	return 0, 0, false
}

// Phrase asks for the findings of an agent turn, a rewrite of the whole
// turn in the customer's language and one tip. It implements
// [assistant.Phraser]. Readability is measured, not asked: the built-in
// engine counts it. A crisis the shared lexicon finds in the turns keeps the
// built-in engine's crisis tip and crisis answer, whatever the model says:
// crisis always wins.
func (e *Engine) Phrase(ctx context.Context, u assistant.Utterance) (assistant.Phrasing, error) {
	base, err := e.base.Phrase(ctx, u)
	if err != nil {
		return assistant.Phrasing{}, fmt.Errorf("measure readability: %w", err)
	}
	m := e.masker()
	in := &prompts.LLMUtterance{Utterance: m.hide(u.Text), Context: []prompts.LLMTurn{}}
	for i, c := range u.Context {
		in.Context = append(in.Context, prompts.LLMTurn{ID: turnID(i), Speaker: c.Speaker, Text: m.hide(c.Text)})
	}
	var ans rewriteAnswer
	if _, err := e.ask(ctx, rewriteTask, u.Language, prompts.LLMData{Rewrite: in}, &ans); err != nil {
		return assistant.Phrasing{}, err
	}
	bad := func(format string, args ...any) error {
		return assistant.Errorf(assistant.EUnprocessable, "The LLM's rewrite answer "+format, args...)
	}
	out := assistant.Phrasing{Findings: []assistant.Finding{}, Readability: base.Readability}
	for _, f := range ans.Findings {
		k := assistant.FindingKind(f.Kind)
		if !k.Valid() {
			return out, bad("has a finding of kind %q, which is not a finding kind.", f.Kind)
		}
		q, err := m.restore("finding", f.Quote)
		if err != nil {
			return out, err
		}
		start, end, ok := findQuote(u.Text, q)
		if !ok {
			return out, bad("quotes %q as a finding, which the turn does not say.", q)
		}
		reason, err := m.restore("finding", f.Reason)
		if err != nil {
			return out, err
		}
		if err := inLanguage("finding reason", reason, u.Language); err != nil {
			return out, err
		}
		out.Findings = append(out.Findings, assistant.Finding{Kind: k, Text: string([]rune(u.Text)[start:end]), Start: start, End: end, Reason: reason})
	}
	suggested, err := m.restore("rewrite", strings.TrimSpace(ans.Suggested))
	if err != nil {
		return out, err
	}
	crisis := base.Tip.Kind == assistant.TipCrisis
	if crisis {
		// After a crisis the suggestion is the built-in crisis answer,
		// with no word of payment; the model's rewrite would have to
		// keep the turn's amounts, which is just what must go.
		out.Suggested, suggested = base.Suggested, ""
	}
	if suggested != "" && suggested != u.Text {
		if missing := phrasing.MissingFacts(u.Text, suggested); len(missing) > 0 {
			return out, bad("rewrites the turn without %s, which the rewrite must keep.", strings.Join(missing, ", "))
		}
		if err := inLanguage("rewrite", suggested, u.Language); err != nil {
			return out, err
		}
		out.Suggested = suggested
	}
	tk := assistant.TipKind(ans.Tip.Kind)
	tip, err := m.restore("tip", strings.TrimSpace(ans.Tip.Text))
	if err != nil {
		return out, err
	}
	switch {
	case !tk.Valid():
		return out, bad("has a tip of kind %q, which is not a tip kind.", ans.Tip.Kind)
	case tip == "":
		return out, bad("has an empty tip.")
	}
	if err := inLanguage("tip", tip, u.Language); err != nil {
		return out, err
	}
	out.Tip = assistant.Tip{Kind: tk, Text: tip}
	if crisis {
		out.Tip = base.Tip
	}
	return out, nil
}

// inLanguage refuses text that is clearly not in lang: a Dutch customer
// gets Dutch.
func inLanguage(what, text string, lang assistant.Language) error {
	if other := language.Clearly(text, lang); other != "" {
		return assistant.Errorf(assistant.EUnprocessable, "The LLM wrote the %s in %s, not in the call's language %s.", what, other, lang)
	}
	return nil
}

// SummarizeCall writes the after-call summary. It implements
// [assistant.Summarizer]. Every amount, date, percentage and reference in
// the summary must have been said in the call: a model that invents a figure
// for the record is refused.
func (e *Engine) SummarizeCall(ctx context.Context, turns []assistant.Turn, lang assistant.Language) (assistant.AfterCallSummary, error) {
	m := e.masker()
	data := prompts.LLMData{MaxWords: assistant.MaxSummaryWords}
	var said strings.Builder
	for i, t := range turns {
		data.Turns = append(data.Turns, prompts.LLMTurn{ID: turnID(i), Speaker: t.Speaker, Text: m.hide(t.Text)})
		said.WriteString(t.Text + "\n")
	}
	var ans summaryAnswer
	version, err := e.ask(ctx, summaryTask, lang, data, &ans)
	if err != nil {
		return assistant.AfterCallSummary{}, err
	}
	s := assistant.AfterCallSummary{Language: lang, Engine: Name, Model: e.cfg.Model, PromptVersion: version}
	parts := []*string{&s.Situation, &s.Agreement, &s.NextStep}
	for i, v := range []string{ans.Situation, ans.Agreement, ans.NextStep} {
		r, err := m.restore("summary", strings.TrimSpace(v))
		if err != nil {
			return s, err
		}
		if r == "" {
			return s, assistant.Errorf(assistant.EUnprocessable, "The LLM's summary leaves %s empty.", []string{"situation", "agreement", "next_step"}[i])
		}
		*parts[i] = r
	}
	s.Text = strings.Join([]string{endSentence(s.Situation), endSentence(s.Agreement), endSentence(s.NextStep)}, " ")
	// About 80 words: a quarter more is still a summary, twice as much is not.
	if n := len(strings.Fields(s.Text)); n > assistant.MaxSummaryWords*5/4 {
		return s, assistant.Errorf(assistant.EUnprocessable, "The LLM's summary is %d words long; a summary has about %d.", n, assistant.MaxSummaryWords)
	}
	if err := inLanguage("summary", s.Text, lang); err != nil {
		return s, err
	}
	if invented := phrasing.MissingFacts(s.Text, said.String()); len(invented) > 0 {
		return s, assistant.Errorf(assistant.EUnprocessable, "The LLM's summary names %s, which nobody said in the call.", strings.Join(invented, ", "))
	}
	return s, nil
}

func endSentence(s string) string {
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}

// DraftReview drafts a trainer's review: two or three strengths and two or
// three focus points, each pointing at turns of the call. It implements
// [assistant.Reviewer].
func (e *Engine) DraftReview(ctx context.Context, turns []assistant.Turn, stances []assistant.Stance, lang assistant.Language) (assistant.DraftReview, error) {
	m := e.masker()
	var data prompts.LLMData
	for i, t := range turns {
		lt := prompts.LLMTurn{ID: turnID(i), Speaker: t.Speaker, Text: m.hide(t.Text)}
		if i < len(stances) {
			lt.Octant = stances[i].Octant
		}
		data.Turns = append(data.Turns, lt)
	}
	var ans reviewAnswer
	version, err := e.ask(ctx, reviewTask, lang, data, &ans)
	if err != nil {
		return assistant.DraftReview{}, err
	}
	r := assistant.DraftReview{Status: assistant.ReviewDraft, Language: lang, Engine: Name, Model: e.cfg.Model, PromptVersion: version}
	for _, side := range []struct {
		name   string
		points []reviewPoint
		dst    *[]assistant.ReviewPoint
	}{{"strengths", ans.Strengths, &r.Strengths}, {"focus points", ans.FocusPoints, &r.FocusPoints}} {
		if n := len(side.points); n < assistant.MinReviewPoints || n > assistant.MaxReviewPoints {
			return r, assistant.Errorf(assistant.EUnprocessable, "The LLM's review has %d %s; a review has %d or %d.", n, side.name, assistant.MinReviewPoints, assistant.MaxReviewPoints)
		}
		for _, p := range side.points {
			text, err := m.restore("review", strings.TrimSpace(p.Text))
			if err != nil {
				return r, err
			}
			if text == "" {
				return r, assistant.Errorf(assistant.EUnprocessable, "The LLM's review has an empty point among its %s.", side.name)
			}
			if err := inLanguage("review", text, lang); err != nil {
				return r, err
			}
			if len(p.TurnIDs) == 0 {
				return r, assistant.Errorf(assistant.EUnprocessable, "The LLM's review has a point among its %s that points at no turn.", side.name)
			}
			point := assistant.ReviewPoint{Text: text}
			for _, id := range p.TurnIDs {
				i, err := strconv.Atoi(strings.TrimPrefix(id, "T"))
				if !strings.HasPrefix(id, "T") || err != nil || i < 0 || i >= len(turns) {
					return r, assistant.Errorf(assistant.EUnprocessable, "The LLM's review points at turn %q, which the call does not have.", id)
				}
				if !slices.Contains(point.Turns, i) {
					point.Turns = append(point.Turns, i)
				}
			}
			*side.dst = append(*side.dst, point)
		}
	}
	return r, nil
}
