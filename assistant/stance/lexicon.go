package stance

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// Angles of the octant centres, atan2(dominance, affiliation) in degrees.
const (
	angHelping     = 22.5
	angLeading     = 67.5
	angCompetitive = 112.5
	angAggressive  = 157.5
	angDefiant     = -157.5
	angWithdrawn   = -112.5
	angDependent   = -67.5
	angCooperating = -22.5
)

// negRule says what a negation in scope does to a concept.
type negRule uint8

const (
	negDefault  negRule = iota // by kind, see defaultNeg
	negKeep                    // negation changes nothing ("you must not")
	negWithdraw                // "can help" → "can't help": refusing from below
	negOppose                  // "I agree" → "I don't agree": contradicting from above
	negReassure                // a threat or blame denied ("no bailiff") reassures
	negDampen                  // weaker, same direction
)

// concept is one meaning the lexicons express in both languages. Its pull on
// the rose is language-independent; only the surface forms differ.
type concept struct {
	kind   assistant.CueKind
	weight float64
	angle  float64 // degrees
	neg    negRule
	// soften marks dominance that politeness turns toward together (a
	// command or deadline asked for rather than imposed).
	soften bool
}

func c(kind assistant.CueKind, weight, angle float64) concept {
	return concept{kind: kind, weight: weight, angle: angle}
}

func (k concept) with(n negRule) concept { k.neg = n; return k }
func (k concept) soft() concept          { k.soften = true; return k }

func defaultNeg(kind assistant.CueKind) negRule {
	switch kind {
	case assistant.CueCommand, assistant.CueInterruption:
		return negKeep
	case assistant.CueThreat, assistant.CueBlame, assistant.CueUltimatum, assistant.CueHostility, assistant.CueSarcasm:
		return negReassure
	case assistant.CueAgreement, assistant.CueApology, assistant.CueDeference, assistant.CuePermission:
		return negOppose
	case assistant.CuePolicyHiding, assistant.CuePassivity, assistant.CueHelplessness, assistant.CueRefusal, assistant.CueHedge:
		return negDampen
	}
	return negWithdraw
}

// element is one step of a compiled pattern: a word or a gap.
type element struct {
	word string
	gap  int // when > 0, skip up to gap content tokens
}

// pattern is one compiled surface form of a concept.
type pattern struct {
	concept  string
	id       int
	anchored bool // must start a clause (after discourse starters)
	// sentenceOnly narrows anchored to the start of a sentence.
	sentenceOnly bool
	// clauseEnd requires the form to end its clause ("No," but not "no
	// idea").
	clauseEnd bool
	elems     []element
	literals  int
	hasNeg    bool // contains a negation word itself ("geen probleem")
	// question restricts a pattern to questions (qYes) or statements (qNo).
	question int8
	kind     assistant.CueKind
	vecD     float64
	vecA     float64
	c        concept
}

// lexicon is a compiled per-language lexicon.
type lexicon struct {
	lang    assistant.Language
	byFirst map[string][]*pattern
	words   *wordSets
}

// compile builds the lexicon of one language from its surface forms. Forms
// are written with spaces between words; "a|b" offers alternatives, "*" a gap
// of up to three words ("*2": two), a leading "^" anchors the form at the
// start of a clause and "^^" at the start of a sentence, a trailing "$"
// makes it end a clause, a leading "?" limits it to questions and "!" to
// statements.
func compile(lang assistant.Language, forms map[string][]string, ws *wordSets) (*lexicon, error) {
	lx := &lexicon{lang: lang, byFirst: make(map[string][]*pattern), words: ws}
	names := make([]string, 0, len(forms))
	for name := range forms {
		names = append(names, name)
	}
	sort.Strings(names)
	var s scratch
	id := 0
	for _, name := range names {
		con, ok := concepts[name]
		if !ok {
			return nil, fmt.Errorf("lexicon %s: concept %q is not defined", lang, name)
		}
		if con.neg == negDefault {
			con.neg = defaultNeg(con.kind)
		}
		rad := con.angle * math.Pi / 180
		for _, form := range forms[name] {
			for _, variant := range alternatives(strings.Fields(form)) {
				p := &pattern{concept: name, id: id, kind: con.kind, c: con,
					vecD: con.weight * math.Sin(rad), vecA: con.weight * math.Cos(rad)}
				id++
				if first := variant[0]; strings.HasPrefix(first, "^^") && len(first) > 2 {
					variant = append([]string{"^^", first[2:]}, variant[1:]...)
				} else if len(first) > 1 && first != "^^" && strings.ContainsRune("^?!", rune(first[0])) {
					// A marker written against the first word: "^luister".
					variant = append([]string{first[:1], first[1:]}, variant[1:]...)
				}
				for i, part := range variant {
					switch {
					case i == 0 && part == "^":
						p.anchored = true
						continue
					case i == 0 && part == "^^":
						p.anchored, p.sentenceOnly = true, true
						continue
					case i == 0 && part == "?":
						p.question = 1
						continue
					case i == 0 && part == "!":
						p.question = -1
						continue
					case part == "$" && i == len(variant)-1:
						p.clauseEnd = true
						continue
					case part == "*":
						p.elems = append(p.elems, element{gap: 3})
						continue
					case len(part) == 2 && part[0] == '*':
						n, err := strconv.Atoi(part[1:])
						if err != nil {
							return nil, fmt.Errorf("lexicon %s: concept %s: bad gap %q", lang, name, part)
						}
						p.elems = append(p.elems, element{gap: n})
						continue
					}
					s.words(part)
					s.expand(lang)
					for _, t := range s.toks {
						if ws.filler[t.norm] && ws.verbAfter[t.norm] == nil {
							continue // the matcher never sees fillers
						}
						p.elems = append(p.elems, element{word: t.norm})
						p.literals++
						if ws.negation[t.norm] {
							p.hasNeg = true
						}
					}
				}
				if p.literals == 0 || p.elems[0].gap > 0 || p.elems[len(p.elems)-1].gap > 0 {
					return nil, fmt.Errorf("lexicon %s: concept %s: form %q must start and end with a word", lang, name, form)
				}
				first := p.elems[0].word
				lx.byFirst[first] = append(lx.byFirst[first], p)
			}
		}
	}
	return lx, nil
}

// alternatives expands "a|b c" into every combination of its parts.
func alternatives(parts []string) [][]string {
	out := [][]string{nil}
	for _, part := range parts {
		opts := strings.Split(part, "|")
		next := make([][]string, 0, len(out)*len(opts))
		for _, o := range out {
			for _, opt := range opts {
				v := append(append(make([]string, 0, len(o)+1), o...), opt)
				next = append(next, v)
			}
		}
		out = next
	}
	return out
}

// match tries p at content position ci and returns the content position just
// after the match, or -1. gapMask has bit k set when content position ci+k
// was skipped by a gap.
func (p *pattern) match(s *scratch, ci int) (end int, gapMask uint64) {
	end, gapMask = p.matchFrom(s, 0, ci, ci, 0)
	if end > 0 && p.clauseEnd && end < len(s.content) {
		last, next := s.toks[s.content[end-1]], s.toks[s.content[end]]
		if last.sent == next.sent && last.clause == next.clause {
			return -1, 0
		}
	}
	return end, gapMask
}

func (p *pattern) matchFrom(s *scratch, ei, ci, origin int, mask uint64) (int, uint64) {
	toks, content := s.toks, s.content
	for ei < len(p.elems) {
		e := p.elems[ei]
		if e.gap > 0 {
			// Try the shortest gap first; a gap stays inside one clause.
			for g := 0; g <= e.gap; g++ {
				if g > 0 {
					k := ci + g - 1
					if k >= len(content) || k-origin >= 64 {
						return -1, 0
					}
					prev := toks[content[ci-1]]
					cur := toks[content[k]]
					if cur.sent != prev.sent || cur.clause != prev.clause {
						return -1, 0
					}
					mask |= 1 << uint(k-origin)
				}
				if end, m := p.matchFrom(s, ei+1, ci+g, origin, mask); end >= 0 {
					return end, m
				}
			}
			return -1, 0
		}
		if ci >= len(content) {
			return -1, 0
		}
		t := toks[content[ci]]
		if t.norm != e.word {
			return -1, 0
		}
		if ci > origin && t.sent != toks[content[ci-1]].sent {
			return -1, 0
		}
		ci++
		ei++
	}
	return ci, mask
}
