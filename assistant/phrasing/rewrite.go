package phrasing

import (
	"slices"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"

	"github.com/rooscoach/rooscoach/prompts"
)

// What every rewrite shares: the facts it must keep, the templates it is
// written from, and the assembly of term, clause and sentence rewrites into
// one suggestion.

// factData holds the amounts and dates of a sentence as written.
type factData struct {
	Amount, Date string
	// Pay is set when the action is a payment, so that the alternative
	// offered is another date rather than another moment.
	Pay          bool
	Clause       string
	Consequences []string
}

// render writes the template name in the language of the turn. It runs on
// the request path, so a broken template is an error for the caller, not a
// panic.
func (st *turnState) render(name string, data any) (string, error) {
	return prompts.Render(st.l.lang, name, data)
}

// join lists amounts or dates the way the language does: "€ 50 en € 20".
// A date that opened its sentence loses its capital, except an English day
// or month, which keeps it everywhere.
func (st *turnState) join(parts []string) string {
	for i := range parts {
		if w := strings.ToLower(firstWord(parts[i])); st.l.lang == assistant.English && (months[w] || weekdays[w] || w == "may") {
			continue
		}
		parts[i] = lowerFirst(parts[i])
	}
	return strings.Join(parts, st.l.words.and)
}

// facts returns the amounts and dates of body, the text of the turn from
// byte start; with prep the dates keep their preposition ("vóór vrijdag").
func (st *turnState) facts(start int, body string, prep bool) factData {
	lower := st.lower[start : start+len(body)]
	amounts, dates := factPartsL(body, lower)
	if !prep {
		dates = dateCoresL(body, lower)
	}
	return factData{Amount: st.join(amounts), Date: st.join(dates)}
}

// applyInner returns sentence s with the clause and term rewrites inside it
// applied.
func (st *turnState) applyInner(s span) string {
	var inner []*rw
	for _, r := range st.rws {
		if r.level < levelSentence && r.start >= s.start && r.end <= s.end {
			inner = append(inner, r)
		}
	}
	out := assemble(st.text[s.start:s.end], shift(inner, s.start))
	if out == "" {
		return st.text[s.start:s.end]
	}
	return out
}

func shift(rws []*rw, by int) []*rw {
	out := make([]*rw, len(rws))
	for i, r := range rws {
		c := *r
		c.start -= by
		c.end -= by
		out[i] = &c
	}
	return out
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
	capNext := false
	write := func(s string) {
		if capNext && s != "" {
			s, capNext = upperFirst(s), false
		}
		b.WriteString(s)
	}
	for _, r := range chosen {
		write(text[at:r.start])
		write(r.text)
		capNext = capNext || r.capNext
		at = r.end
	}
	write(text[at:])
	out := strings.TrimSpace(b.String())
	for strings.Contains(out, "  ") {
		out = strings.ReplaceAll(out, "  ", " ")
	}
	if out == text {
		return ""
	}
	return out
}

// joinWords joins the non-empty parts with a space.
func joinWords(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(p)
	}
	return b.String()
}
