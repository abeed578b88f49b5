package phrasing

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rooscoach/rooscoach/assistant"
)

// A term rewrite replaces the form and repairs the sentence around it, or
// is not made at all: the finding then says what to say instead (see the
// reasons in prompts). What it repairs:
//   - the article and the relative pronoun of a Dutch noun whose plain
//     word has the other gender ("de hoofdsom die" → "het oorspronkelijke
//     bedrag dat"), and English "a"/"an";
//   - the parts of a separable verb or split phrase, each in its place ("u
//     lost het af" → "u betaalt het terug");
//   - a clause that opens a sentence and needs its comma;
//   - a left-out word: its space, a comma after it and the capital of the
//     word that now opens the sentence.
// It refuses what it cannot repair: a plain wording that is a clause of its
// own before more words of the same clause (Dutch puts the verb last, so
// "een afspraak om in delen te betalen voor" breaks the sentence), a
// reflexive "zich" after a subject other than "u", an adjective whose
// ending would change, and a left-out Dutch word at the start of a sentence
// (the verb would end up first, which asks a question).

// edit replaces text[start:end] of the turn.
type edit struct {
	start, end int
	text       string
	capNext    bool
}

var (
	nlDeHet = map[string][2]string{ // determiner → its de and het forms
		"de": {"de", "het"}, "het": {"de", "het"}, "deze": {"deze", "dit"}, "dit": {"deze", "dit"},
		"die": {"die", "dat"}, "dat": {"die", "dat"}, "onze": {"onze", "ons"}, "ons": {"onze", "ons"},
		"welke": {"welke", "welk"}, "welk": {"welke", "welk"}, "elke": {"elke", "elk"}, "elk": {"elke", "elk"},
		"iedere": {"iedere", "ieder"}, "ieder": {"iedere", "ieder"},
	}
	nlClauseWords   = []string{" te ", " dat ", " die ", " om ", " omdat ", " waarin ", " waarmee ", " als ", " wat "}
	nlOtherSubjects = wordSet([]string{"wij", "we", "ik", "jij", "je", "zij", "ze", "hij"})
)

// termRewrite builds the rewrite of match m in sentence sn, or nil when no
// safe rewrite exists.
func (st *turnState) termRewrite(sn *sentence, m termMatch) *rw {
	f := m.f
	if !f.rw.ok {
		return nil
	}
	toks := sn.toks
	dutch := st.l.lang == assistant.Dutch
	if f.e.pos == "preposition" && m.from() > 0 && determiners[toks[m.from()-1].lower] {
		return nil // "het betreffende besluit": an adjective here, not "over"
	}
	parts := f.rw.parts
	last := m.spans[len(m.spans)-1][1]
	atClauseEnd := last >= len(toks) || sn.clauseStart(last)
	// A noun phrase that opens its clause is the subject, before the
	// finite verb, where a clause inside it reads well: "Het bedrag dat u
	// nog moet betalen is € 312".
	subject := npStart(sn, m.from()) || (m.from() > 0 && npStart(sn, m.from()-1) && determiners[toks[m.from()-1].lower])
	if dutch && !atClauseEnd && !subject && heavy(parts) {
		if f.rw.light == nil {
			return nil
		}
		parts = f.rw.light
	}
	if m.from() > 0 && titleCase(st.text[toks[m.from()].start:toks[m.from()].end]) {
		// A capital inside the sentence is a name ("each DoD Component",
		// "Disaster Unemployment Assistance"); an abbreviation in capitals
		// ("the CCJ") is the term itself.
		return nil
	}
	if !dutch && f.e.pos == "verb" && !englishVerbSwapOK(toks, m.from(), last, parts) {
		return nil
	}
	if dutch && f.e.pos == "separable-verb" && slices.Contains(parts, "") {
		// The verb that takes the particle's place need not take the
		// same preposition: "een verzoek indienen bij de rechtbank" is
		// "sturen naar", never "sturen bij".
		for k := m.from(); k < len(toks) && (k == m.from() || !sn.clauseStart(k)); k++ {
			if toks[k].lower == "bij" && !inSpans(m.spans, k) {
				return nil
			}
		}
	}
	if dutch && len(m.spans) > 1 && strings.Contains(parts[0], " ") {
		// "stuur ons … (omit)" puts the object after the verb; after an
		// inverted subject ("Dient u dan bij ons … in?") it would land
		// before the subject.
		if k := m.spans[0][1]; k < len(toks) && (nlOtherSubjects[toks[k].lower] || toks[k].lower == "u") {
			return nil
		}
	}
	if dutch && m.from() > 0 && toks[m.from()-1].lower == "te" && strings.HasPrefix(parts[0], "zich ") {
		return nil // "te voldoen aan" would become "te zich houden aan"
	}
	if strings.HasSuffix(strings.Join(parts, " "), "?") && last < len(toks) {
		return nil // a question replaces a whole sentence, not its start
	}
	if f.e.pos == "sentence" && !atClauseEnd && (f.e.finding == assistant.FindingPolicyTalk || f.e.finding == assistant.FindingStockPhrase) {
		return nil // "Dat is de procedure bij …": a sentence's wording only fits alone
	}
	if dutch && len(m.spans) == 1 && separableFinite(parts, toks, m.from(), last, sn) {
		return nil
	}
	if dutch && strings.Contains(" "+strings.Join(parts, " ")+" ", " zich ") {
		for k := range toks {
			if nlOtherSubjects[toks[k].lower] && sameClause(sn, k, m.from()) {
				return nil
			}
		}
	}
	var edits []edit
	for pi, sp := range m.spans {
		start, end := toks[sp[0]].start, toks[sp[1]-1].end
		text := parts[pi]
		if text == "" {
			// A letter formula that does not end in "that" ("please
			// note", "be advised") takes what follows as its object:
			// "Please note the date …" without it is no sentence.
			object := f.e.kind == "letter-phrase" && !clauseLinks[toks[sp[1]-1].lower]
			e, ok := st.omitEdit(sn, sp[0], sp[1], dutch || object)
			if !ok {
				return nil
			}
			edits = append(edits, e)
			continue
		}
		if strings.HasSuffix(f.text, ".") && end < len(st.text) && st.text[end] == '.' && end+1 < sn.end {
			end++ // the full stop of an abbreviation ("c.q.", "d.d.") goes with it
		}
		if pi == 0 {
			if r, _ := utf8.DecodeRuneInString(st.text[start:]); unicode.IsUpper(r) && (sp[0] == 0 || titleCase(st.text[start:end])) {
				text = upperFirst(text) // not for "the CCJ" inside the sentence
			}
			if f.rw.clause {
				if end+1 < len(st.text) && st.text[end] == ' ' {
					if r2, _ := utf8.DecodeRuneInString(st.text[end+1:]); unicode.IsLetter(r2) {
						text += ","
					}
				}
			}
		}
		if (strings.HasSuffix(text, "?") || strings.HasSuffix(text, ".")) && end < len(st.text) && st.text[end] == '.' {
			end++ // a whole sentence put as a question: its full stop goes
		}
		edits = append(edits, edit{start: start, end: end, text: text})
	}
	if f.rw.tail != "" {
		// The infinitive goes after the last word of the clause; with
		// nothing between the form and the clause's end there is no
		// object to put before it, and no safe rewrite.
		k := last
		for k < len(toks) && !sn.clauseStart(k) && !subordinators[toks[k].lower] {
			k++
		}
		if k == last {
			return nil
		}
		for g := m.from(); g < last; g++ {
			if toks[g].lower == "niet" || toks[g].lower == "not" {
				return nil // "niet een korting" must become "geen korting": by hand
			}
		}
		at := toks[k-1].end
		edits = append(edits, edit{start: at, end: at, text: " " + f.rw.tail})
	}
	from := m.from()
	if dutch && f.rw.gender != "" && len(m.spans) == 1 {
		es, ok := st.agreeNL(sn, m, f.rw.gender)
		if !ok {
			return nil
		}
		edits = append(edits, es...)
	}
	if !dutch && from > 0 && len(parts) > 0 && parts[0] != "" {
		if a := toks[from-1].lower; a == "a" || a == "an" {
			want := "a"
			if startsWithVowelSound(parts[0]) {
				want = "an"
			}
			if want != a {
				t := toks[from-1]
				if unicode.IsUpper(rune(st.text[t.start])) {
					want = upperFirst(want)
				}
				edits = append(edits, edit{start: t.start, end: t.end, text: want})
			}
		}
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	start, end := edits[0].start, edits[len(edits)-1].end
	for _, e := range edits {
		start, end = min(start, e.start), max(end, e.end)
	}
	var b strings.Builder
	at := start
	// A left-out opener gives its capital to the next word; when that word
	// is inside this rewrite ("There are … that were missed" → "Payments
	// were missed"), it is written here, else assemble writes it.
	capNext := false
	write := func(s string) {
		if capNext && strings.TrimSpace(s) != "" {
			s, capNext = upperFirst(strings.TrimLeft(s, " ")), false
		}
		b.WriteString(s)
	}
	for _, e := range edits {
		write(st.text[at:e.start])
		write(e.text)
		capNext = capNext || e.capNext
		at = e.end
	}
	write(st.text[at:end])
	r := &rw{start: start, end: end, text: b.String(), level: levelTerm, capNext: capNext}
	if !st.keeps(r) {
		return nil // a swap that loses an amount, a date or a reference is no swap to offer
	}
	return r
}

// separableFinite reports whether a Dutch verb would be put where it must
// split: "Wij implementeren de regeling" cannot become "Wij uitvoeren de
// regeling" ("voeren … uit"). Such a verb is written whole only as an
// infinitive (after a modal, "te", or at the end of its clause) or a
// participle.
func separableFinite(parts []string, toks []token, from, to int, sn *sentence) bool {
	if len(parts) != 1 || strings.Contains(parts[0], " ") {
		return false
	}
	w := parts[0]
	sep := false
	for _, p := range []string{"uit", "terug", "goed", "mee", "aan", "af", "op", "in", "door", "over", "toe", "bij", "na", "weg", "vast", "samen"} {
		if strings.HasPrefix(w, p) && len(w) > len(p)+3 && strings.HasSuffix(w, "en") {
			sep = true
			break
		}
	}
	if !sep {
		return false
	}
	if to >= len(toks) || sn.clauseStart(to) {
		return false // at the end of its clause: an infinitive
	}
	if from > 0 && infinitiveSignals[toks[from-1].lower] {
		return false
	}
	return true
}

var infinitiveSignals = wordSet([]string{
	"te", "kunnen", "kan", "kunt", "moet", "moeten", "wil", "wilt", "willen", "gaan", "ga", "gaat", "zal", "zullen",
	"zult", "mag", "mogen", "laten", "laat", "hoeft", "hoeven",
})

// heavy reports whether a Dutch wording holds a clause of its own, which
// must end its clause: "een afspraak om in delen te betalen".
func heavy(parts []string) bool {
	words := strings.Fields(strings.Join(parts, " "))
	if len(words) < 3 {
		return false
	}
	s := " " + strings.Join(words[1:], " ") + " "
	for _, w := range nlClauseWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// npStart reports whether token k opens a clause, after a coordinating
// conjunction too ("…, en het openstaande saldo is").
func npStart(sn *sentence, k int) bool {
	return sn.clauseStart(k) || (k > 0 && coordinators[sn.toks[k-1].lower])
}

// sameClause reports whether tokens a and b of the sentence stand in one
// clause.
func sameClause(sn *sentence, a, b int) bool {
	if a > b {
		a, b = b, a
	}
	for k := a + 1; k <= b; k++ {
		if sn.clauseStart(k) {
			return false
		}
	}
	return true
}

// clauseLinks end a letter formula whose clause stands alone once the
// formula goes: "please note that …", "wij wijzen u erop dat …".
var clauseLinks = wordSet([]string{"that", "dat"})

// omitEdit leaves tokens [from, to) of the sentence out, with the space
// before them (or after them, at the start) and a comma or colon that
// followed a left-out opener. With needPunct, an opener goes only where
// such a comma or colon follows it: what comes after may be its object.
func (st *turnState) omitEdit(sn *sentence, from, to int, needPunct bool) (edit, bool) {
	toks := sn.toks
	start, end := toks[from].start, toks[to-1].end
	if from == 0 {
		rest := st.text[end:sn.end]
		trimmed := strings.TrimLeft(rest, " ")
		comma := strings.HasPrefix(trimmed, ",") || strings.HasPrefix(trimmed, ":")
		if needPunct && !comma && to < len(toks) {
			return edit{}, false
		}
		if to >= len(toks) {
			return edit{start: start, end: sn.end}, true
		}
		// The next word opens the sentence now: assemble gives it its
		// capital, so that a rewrite of that word still applies. Only
		// the space (or the comma) after the form goes: a currency sign
		// before the next token ("The sum of £300") is part of the
		// amount.
		next := toks[to].start
		if !comma {
			next = end + len(rest) - len(trimmed)
		}
		return edit{start: start, end: next, text: "", capNext: true}, true
	}
	// Mid-sentence: take the space before it, and a comma pair around it.
	s := start
	for s > sn.start && st.text[s-1] == ' ' {
		s--
	}
	if s > sn.start && st.text[s-1] == ',' && end < len(st.text) && st.text[end] == ',' {
		// ", inter alia," goes with both its commas.
		return edit{start: s - 1, end: end + 1}, true
	}
	return edit{start: s, end: end}, true
}

// agreeNL puts the determiner before a Dutch noun, and a relative pronoun
// right after it, in the gender of its plain word.
func (st *turnState) agreeNL(sn *sentence, m termMatch, gender string) ([]edit, bool) {
	toks := sn.toks
	idx := 0
	if gender == "het" {
		idx = 1
	}
	var out []edit
	k := m.from() - 1
	if k >= 0 && !sn.clauseStart(m.from()) {
		w := toks[k].lower
		if _, ok := nlDeHet[w]; !ok && strings.HasSuffix(w, "e") && k > 0 {
			// An adjective between: "de openstaande vordering".
			det := toks[k-1].lower
			if (det == "een" || det == "geen") && gender == "het" {
				return nil, false // "een openstaand bedrag": the ending changes
			}
			k--
		}
		if forms, ok := nlDeHet[toks[k].lower]; ok {
			want := forms[idx]
			if want != toks[k].lower {
				t := toks[k]
				if unicode.IsUpper(rune(st.text[t.start])) {
					want = upperFirst(want)
				}
				out = append(out, edit{start: t.start, end: t.end, text: want})
			}
		}
	}
	if to := m.to(); to < len(toks) && !sn.clauseStart(to) {
		if w := toks[to].lower; w == "die" || w == "dat" {
			want := [2]string{"die", "dat"}[idx]
			if want != w {
				out = append(out, edit{start: toks[to].start, end: toks[to].end, text: want})
			}
		}
	}
	return out, true
}

// startsWithVowelSound guesses whether "an" goes before s.
func startsWithVowelSound(s string) bool {
	l := strings.ToLower(s)
	for _, p := range []string{"uni", "use", "usu", "eu", "one", "once"} {
		if strings.HasPrefix(l, p) {
			return false
		}
	}
	for _, p := range []string{"hour", "honest"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return l != "" && strings.ContainsRune("aeiou", rune(l[0]))
}

// enReflexives are the English reflexive pronouns: "identified himself" is
// no "found himself".
var enReflexives = wordSet([]string{"myself", "yourself", "himself", "herself", "itself", "ourselves", "yourselves", "themselves"})

// englishVerbSwapOK reports whether an English verb at toks[from:last] can
// take its plain word without breaking the sentence. It refuses a verb
// before a reflexive pronoun ("identified himself" is no "found himself"),
// and a participle whose plain word is a phrasal verb or "got" where the
// sentence goes on with "to" or other than with a preposition: "you are
// determined to have" → "worked out to have", "can be determined
// eligible", "can be got by" are no English; "is permitted to" → "is
// allowed to" is.
func englishVerbSwapOK(toks []token, from, last int, parts []string) bool {
	next := ""
	if last < len(toks) {
		next = toks[last].lower
	}
	if enReflexives[next] {
		return false
	}
	if len(parts) == 0 || next == "" {
		return true
	}
	awkward := strings.Contains(parts[0], " ") || parts[0] == "got"
	if !awkward {
		return true
	}
	w := toks[last-1].lower
	if !strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "en") && w != "got" {
		return true
	}
	if next == "to" {
		return false
	}
	if from > 0 && enBe[toks[from-1].lower] {
		return parts[0] != "got" && prepositions[next]
	}
	return true
}

// inSpans reports whether token k is part of one of the spans.
func inSpans(spans [][2]int, k int) bool {
	for _, sp := range spans {
		if k >= sp[0] && k < sp[1] {
			return true
		}
	}
	return false
}

// titleCase reports whether w opens with a capital followed by a small
// letter, as a name does and an abbreviation does not.
func titleCase(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	r2, _ := utf8.DecodeRuneInString(w[n:])
	return unicode.IsUpper(r) && unicode.IsLower(r2)
}
