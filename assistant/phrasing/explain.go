package phrasing

import (
	"regexp"
	"strconv"
	"sync"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// explainer holds the lexicons Explain reads, built on first use: a page
// that shows no findings in another language never pays for them.
var explainer = sync.OnceValue(New)

var (
	firstNumber = regexp.MustCompile(`\d+`)
	lastQuoted  = regexp.MustCompile(`"([^"]+)"[^"]*$`)
)

// Explain returns the reason of f, a finding of a call in language call,
// in language page. A finding keeps only its reason in the call's
// language, so the reason is rendered again from the same template with
// what the finding and the lexicon still say: the term's plain wording,
// whether it is left out, the question that took its place. The
// replacement it advises stays in the call's language, as the agent would
// say it. Only a rendering that gives back the stored reason word for word
// in the call's language is trusted; otherwise the stored reason is
// returned as it is, so that no advice is ever lost on the way.
func Explain(f assistant.Finding, call, page assistant.Language) string {
	if page == call || f.Reason == "" {
		return f.Reason
	}
	e := explainer()
	from, to := e.langs[call], e.langs[page]
	if from == nil || to == nil {
		return f.Reason
	}
	for _, c := range from.reasonCandidates(f) {
		s, err := prompts.Render(call, "reason."+string(f.Kind), c.data)
		if err != nil || joinWords(s, from.advice[c.advice]) != f.Reason {
			continue
		}
		s, err = prompts.Render(page, "reason."+string(f.Kind), c.data)
		if err != nil {
			continue
		}
		return joinWords(s, to.advice[c.advice])
	}
	return f.Reason
}

// reasonCandidate is data a reason may have been rendered from, with the
// advice (advice.*) the guard may have put after it.
type reasonCandidate struct {
	data   reasonData
	advice string
}

// reasonCandidates lists what f's reason may have been rendered from, as
// the detectors and the guard (repair.go) render it.
func (l *lexicon) reasonCandidates(f assistant.Finding) []reasonCandidate {
	switch f.Kind {
	case assistant.FindingLongSentence:
		n, err := strconv.Atoi(firstNumber.FindString(f.Reason))
		if err != nil {
			return nil
		}
		return []reasonCandidate{{data: reasonData{Words: n, Max: maxWords}}}
	case assistant.FindingStockPhrase:
		return []reasonCandidate{{data: reasonData{Text: f.Text}}}
	case assistant.FindingJargon, assistant.FindingOfficialese, assistant.FindingBelittling:
	default:
		return []reasonCandidate{{}}
	}
	lower := lowerSameWidth(f.Text)
	toks := tokenize(nil, lower, 0, len(lower))
	var out []reasonCandidate
	for _, m := range l.terms.find(nil, toks, func(*termForm, [][2]int) bool { return true }) {
		e := m.f.e
		if e.finding != f.Kind || m.from() != 0 || m.to() != len(toks) {
			continue
		}
		d := reasonData{Text: lowerFirst(f.Text), Kind: e.kind, Omit: m.f.rw.omits()}
		if len(e.plain) > 0 {
			if e.plain[0] == omitMark {
				d.Omit = true
			} else {
				d.Plain = e.plain[0]
			}
		}
		for _, rewritten := range []bool{f.Rewrite != nil, f.Rewrite == nil} {
			d.Rewritten = rewritten
			out = append(out, reasonCandidate{data: d})
			if q := lastQuoted.FindStringSubmatch(f.Reason); q != nil {
				asked := d
				asked.Asked = q[1]
				out = append(out, reasonCandidate{data: asked})
			}
			hollow := d
			hollow.Plain, hollow.Omit = "", false
			out = append(out, reasonCandidate{data: hollow, advice: "hollow"})
		}
	}
	// A term the lexicon no longer holds, or a reason that named no
	// replacement, is said again as it was: without advice.
	for _, text := range []string{lowerFirst(f.Text), f.Text} {
		out = append(out, reasonCandidate{data: reasonData{Text: text, Rewritten: f.Rewrite != nil}})
	}
	return out
}
