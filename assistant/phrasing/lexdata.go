package phrasing

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// The plain-language lexicon is data (lexicon/nl.tsv, lexicon/en.tsv,
// described in lexicon/README.md): several hundred terms per language from
// the public plain-language guides, each with its kind, its plain wording
// and, per form, the rewrite that is safe to make in a sentence. It is
// embedded, so the binary needs no files at run time, and parsed once by New.

//go:embed lexicon/nl.tsv lexicon/en.tsv
var lexiconFiles embed.FS

// lexiconHeader is the header line every lexicon file starts with.
const lexiconHeader = "term\tkind\tpos\tplain\tgrammar\tsource\texample\trewrite\ttag"

// gapMark joins the parts of a form that other words may separate ("lost …
// af"); maxGap is how many words may stand between two parts.
const (
	gapMark   = "…"
	maxGap    = 8
	omitMark  = "(omit)"
	noRewrite = "-"
	// tailMark opens a word that goes to the end of the form's clause.
	tailMark = "+"
)

// Data kinds of the lexicon and the finding each one is reported as.
var dataKindFinding = map[string]assistant.FindingKind{
	"jargon":            assistant.FindingJargon,
	"threat-legal-step": assistant.FindingJargon, // a threat only with a marker: see threat.go
	"officialese":       assistant.FindingOfficialese,
	"letter-phrase":     assistant.FindingOfficialese,
	"wordy":             assistant.FindingOfficialese,
	"hidden-verb":       assistant.FindingOfficialese,
	"negative":          assistant.FindingOfficialese,
	"buzzword":          assistant.FindingOfficialese,
	"policy-talk":       assistant.FindingPolicyTalk,
	"stock-phrase":      assistant.FindingStockPhrase,
	"blame":             assistant.FindingBlame,
	"belittling":        assistant.FindingBelittling,
	// Sarcasm mocks the customer from above as belittling does, so it is
	// reported as belittling, with a reason and a tip of its own.
	"sarcasm": assistant.FindingBelittling,
	// A dismissive end ("dan weet u het", "that's it then") brushes the
	// customer off from above as belittling does; its reason and tip say
	// how to end instead.
	"dismissive": assistant.FindingBelittling,
}

// senseTags name the tests that tell an ambiguous form's flagged sense from
// its everyday one (see sense.go); consequenceTags name what a
// threat-legal-step holds over the customer, worded by rewrite.consequence.
var (
	senseTags = wordSet([]string{
		"start", "connective", "relative", "verb", "noun", "adjective", "preposition", "softener", "pay", "money", "alone",
		"figurative", "abstract", "opener", "offer", "expletive", "pointer", "amount", "small", "relprep",
		"end", "step",
	})
	// plainword marks a legal step named in everyday words ("deurwaarder",
	// "solicitors"): a consequence when threatened, never jargon on its own.
	plainwordTag    = "plainword"
	consequenceTags = wordSet([]string{
		"bailiff", "court", "seizure", "costs", "credit", "cutoff", "agency", "eviction", "legal", "department", "action",
	})
)

// lexEntry is one line of a lexicon file.
type lexEntry struct {
	line    int
	forms   []string
	kind    string
	finding assistant.FindingKind
	pos     string
	plain   []string
	grammar string
	sources []string
	example string
	// rewrites holds, per form, the rewrite column's item.
	rewrites  []string
	sense     string // a senseTags test, or ""
	key       string // a consequenceTags key, or ""
	plainword bool
}

// termForm is one form of an entry as the matcher reads it: the words of
// each gap-separated part, and the rewrite that fits it.
type termForm struct {
	e     *lexEntry
	text  string
	parts [][]string
	rw    formRewrite
}

// formRewrite is a parsed rewrite item: "-" (none), "(omit)", or the
// replacement of each part, optionally with the gender of a Dutch noun
// ("het:oorspronkelijke bedrag"), a trailing comma for an adverbial clause
// that opens a sentence, and after "/" a light wording for where the first
// (a clause of its own) cannot stand before more words.
type formRewrite struct {
	ok     bool
	parts  []string // "" leaves a part out
	light  []string
	gender string
	clause bool
	// tail is a word written at the end of the form's clause, where Dutch
	// puts an infinitive: "u komt in aanmerking voor een regeling" → "u
	// kunt een regeling krijgen" ("kunt … (omit) +krijgen").
	tail string
}

// omits reports whether the rewrite leaves the whole form out.
func (r formRewrite) omits() bool {
	if !r.ok {
		return false
	}
	for _, p := range r.parts {
		if p != "" {
			return false
		}
	}
	return true
}

// loadLexicon parses the lexicon file of lang.
func loadLexicon(lang assistant.Language) ([]*lexEntry, error) {
	name := "lexicon/" + string(lang) + ".tsv"
	data, err := lexiconFiles.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("phrasing: read %s: %w", name, err)
	}
	return parseLexicon(name, data)
}

// parseLexicon reads a lexicon file; every error names the line and what is
// wrong with it, since trainers edit these files by hand.
func parseLexicon(name string, data []byte) ([]*lexEntry, error) {
	var out []*lexEntry
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	header := false
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		if !header {
			if line != lexiconHeader {
				return nil, fmt.Errorf("%s:%d: header is %q, want %q", name, n, line, lexiconHeader)
			}
			header = true
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 9 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 9 (%s)", name, n, len(f), lexiconHeader)
		}
		e := &lexEntry{
			line: n, forms: splitCell(f[0]), kind: f[1], pos: f[2], plain: splitCell(f[3]), grammar: f[4],
			sources: splitCell(f[5]), example: f[6], rewrites: strings.Split(f[7], "|"),
		}
		fk, ok := dataKindFinding[e.kind]
		if !ok {
			return nil, fmt.Errorf("%s:%d: unknown kind %q", name, n, e.kind)
		}
		e.finding = fk
		if len(e.rewrites) != len(e.forms) {
			return nil, fmt.Errorf("%s:%d: %d rewrites for %d forms: give one per form, \"-\" where none is safe", name, n, len(e.rewrites), len(e.forms))
		}
		if f[8] != noRewrite {
			for _, t := range strings.Split(f[8], ",") {
				switch {
				case t == plainwordTag:
					e.plainword = true
				case senseTags[t]:
					e.sense = t
				case consequenceTags[t]:
					e.key = t
				default:
					return nil, fmt.Errorf("%s:%d: unknown tag %q", name, n, t)
				}
			}
		}
		for i, form := range e.forms {
			if _, err := parseRewrite(form, e.rewrites[i]); err != nil {
				return nil, fmt.Errorf("%s:%d: form %q: %w", name, n, form, err)
			}
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if !header {
		return nil, fmt.Errorf("%s: no header line", name)
	}
	return out, nil
}

func splitCell(cell string) []string {
	var out []string
	for _, a := range strings.Split(cell, "|") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// parseRewrite reads the rewrite item of form.
func parseRewrite(form, item string) (formRewrite, error) {
	var r formRewrite
	if item == noRewrite {
		return r, nil
	}
	nparts := len(strings.Split(form, gapMark))
	if item == omitMark {
		r.ok = true
		r.parts = make([]string, nparts)
		return r, nil
	}
	main, light, _ := strings.Cut(item, "/")
	main, r.tail, _ = strings.Cut(main, " "+tailMark)
	if main == omitMark && r.tail != "" && light == "" {
		// "(omit) +aanvragen": the form goes, and its verb goes to the end
		// of the clause ("een aanvraag doen voor uitstel" → "uitstel
		// aanvragen").
		r.ok = true
		r.parts = make([]string, nparts)
		return r, nil
	}
	var err error
	if r.parts, r.gender, r.clause, err = rewriteParts(main, nparts); err != nil {
		return r, err
	}
	if light == noRewrite {
		return r, fmt.Errorf("rewrite %q: leave out \"/%s\"; without a light wording there is no rewrite where the first cannot stand", item, noRewrite)
	}
	if light != "" {
		if r.light, _, _, err = rewriteParts(light, nparts); err != nil {
			return r, err
		}
	}
	r.ok = true
	return r, nil
}

func rewriteParts(s string, nparts int) (parts []string, gender string, clause bool, err error) {
	if g, rest, ok := strings.Cut(s, ":"); ok && (g == "de" || g == "het") {
		gender, s = g, rest
	}
	if c, ok := strings.CutSuffix(s, ","); ok {
		s, clause = c, true
	}
	for _, p := range strings.Split(s, gapMark) {
		p = strings.TrimSpace(p)
		if p == omitMark {
			p = ""
		}
		parts = append(parts, p)
	}
	if len(parts) != nparts {
		return nil, "", false, fmt.Errorf("rewrite %q has %d parts, the form %d", s, len(parts), nparts)
	}
	if strings.TrimSpace(strings.Join(parts, "")) == "" {
		return nil, "", false, fmt.Errorf("rewrite %q is empty: write %s to leave the form out", s, omitMark)
	}
	return parts, gender, clause, nil
}

// termForms lists the forms of entries, tokenized as the matcher reads a
// turn, with their rewrites.
func termForms(entries []*lexEntry) []*termForm {
	var out []*termForm
	for _, e := range entries {
		for i, form := range e.forms {
			rw, _ := parseRewrite(form, e.rewrites[i]) // checked by parseLexicon
			tf := &termForm{e: e, text: form, rw: rw}
			for _, part := range strings.Split(form, gapMark) {
				tf.parts = append(tf.parts, strings.Fields(tokenWords(part)))
			}
			out = append(out, tf)
		}
	}
	return out
}

// tokenWords returns the words the engine reads in p, joined by spaces.
func tokenWords(p string) string {
	lower := lowerSameWidth(p)
	var words []string
	for _, tk := range tokenize(nil, lower, 0, len(lower)) {
		words = append(words, tk.lower)
	}
	return strings.Join(words, " ")
}
