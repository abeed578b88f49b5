package phrasing

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/language"
)

// A threat holds a consequence over the customer: a consequence (the
// bailiff, court, extra costs) with a condition or an announcement of what we
// will do in the same sentence. Named alone, a consequence is information
// ("Nothing goes to the solicitors"); negated, it is a reassurance. The
// rewrite names the consequences as something to avoid together.

// findThreats flags the threat in the sentence, from its condition or
// announcement to the end of the clause, and keeps the consequences for the
// rewrite.
func (st *turnState) findThreats(sn *sentence) {
	l, toks := st.l, sn.toks
	markers := l.markers.findAll(nil, toks, always)
	for _, m := range l.openers.findAll(nil, toks, always) {
		if sn.clauseStart(m.from) {
			markers = append(markers, m)
		}
	}
	if len(markers) == 0 {
		return
	}
	slices.SortFunc(markers, func(a, b match) int { return a.from - b.from })
	// A question asks about a consequence ("Are you worried the bailiffs
	// will come?") unless it holds it over the customer ("of wilt u soms
	// de deurwaarder aan de deur?").
	if sn.question && !l.threatAsked.has(toks) {
		return
	}
	// The customer asked what happens: a plain answer is the information
	// they asked for, but not one that announces our own step or menaces.
	if st.askedConsequence && !l.threatOwn.has(toks) {
		return
	}
	// A vague step ("verdere stappen", "further action") that only may
	// follow is no threat unless we announce it or hold it over the
	// customer: "Dan kan het CJIB verdere stappen nemen" informs.
	vagueMaybe := l.threatMaybe.has(toks) && !l.threatOwn.has(toks) && !l.threatAsked.has(toks)
	threatFrom, threatTo := -1, -1
	found := l.threats.findAll(nil, toks, always)
	for _, lm := range sn.legal {
		// The lexicon's legal steps count as consequences too: "onze
		// juridische afdeling", "a county court judgment".
		found = append(found, match{from: lm.from(), to: lm.to(), e: &entry{key: lm.f.e.key}})
	}
	slices.SortFunc(found, func(a, b match) int { return a.from - b.from })
	for _, m := range found {
		if m.e.key == "action" && vagueMaybe {
			continue
		}
		if negated(st.text, toks, m.from, markers) || l.neutralBefore(st.text, toks, m.from) || l.neutralAfter(st.text, toks, m.to) ||
			inName(st.text, toks, m.from) {
			continue
		}
		if !slices.Contains(sn.consequences, m.e.key) {
			sn.consequences = append(sn.consequences, m.e.key)
		}
		if threatFrom < 0 {
			// From the first condition or announcement before it: "Als u
			// niet betaalt, komen er extra kosten bij".
			threatFrom = toks[m.from].start
			for _, mk := range markers {
				if mk.to <= m.from {
					threatFrom = toks[mk.from].start
					break
				}
			}
		}
		threatTo = toks[m.to-1].end
	}
	if threatFrom < 0 {
		return
	}
	// A vague "further steps" adds nothing beside a named consequence.
	if len(sn.consequences) > 1 {
		sn.consequences = slices.DeleteFunc(sn.consequences, func(k string) bool { return k == "action" })
	}
	// To the end of the clause, so the finding reads as the whole
	// consequence: "… en kan er beslag worden gelegd op uw loon".
	for k := range toks {
		if toks[k].start >= threatTo {
			if sn.clauseStart(k) {
				break
			}
			threatTo = toks[k].end
		}
	}
	st.addSentence(sn, assistant.FindingThreat, threatFrom, threatTo, l.reasons[assistant.FindingThreat])
}

// threatening reports, for each of the sentences of text, whether it holds
// a threat. The closing check asks here, so that "U krijgt een brief van de
// deurwaarder" is never a next step by a word list of its own.
func (l *lexicon) threatening(text string, sentences []span) ([]bool, error) {
	st := &turnState{l: l, text: text, lower: lowerSameWidth(text)}
	st.toks = tokenize(nil, st.lower, 0, len(st.lower))
	out := make([]bool, len(sentences))
	ti := 0
	for i, s := range sentences {
		from, to := sentenceToks(st.toks, s, ti)
		ti = to
		sn := st.newSentence(s, from, to)
		if sn == nil {
			continue
		}
		// Legal steps ("a county court claim") are consequences too.
		if err := st.findTerms(sn); err != nil {
			return nil, err
		}
		st.findThreats(sn)
		out[i] = len(sn.consequences) > 0
	}
	return out, nil
}

// negated reports whether a negation within four words before token i (and
// not part of a condition such as "als u niet") denies the consequence: "gaat
// het dossier niet naar de deurwaarder".
func negated(text string, toks []token, i int, markers []match) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		// A negation in the clause before the one that holds the
		// consequence is the condition's: "Betaalt u niet, dan volgt een
		// dagvaarding" ("Nothing goes to the solicitors" stays negated).
		if strings.ContainsAny(text[toks[k].end:toks[k+1].start], ",;") {
			return false
		}
		// Both languages' negations count, as agents mix them, and so do
		// words that take a consequence away ("eliminate the late fees").
		if !language.NegatesAny(toks[k].lower) && !relief[toks[k].lower] {
			continue
		}
		inMarker := false
		for _, m := range markers {
			if k >= m.from && k < m.to {
				inMarker = true
			}
		}
		if !inMarker {
			return true
		}
	}
	return false
}

// neutralBefore reports whether a word of the clause before token i names
// the consequence as something to prevent together or to explain: "Ik wil
// samen met u voorkomen dat uw dossier naar de deurwaarder gaat", "Then I'll
// explain what a bailiff does". A comma ends the clause: "Als u dit wilt
// voorkomen, betaal dan vandaag, anders komt de deurwaarder" still threatens.
func (l *lexicon) neutralBefore(text string, toks []token, i int) bool {
	from := 0
	for k := i - 1; k >= 0; k-- {
		if strings.ContainsAny(text[toks[k].end:toks[k+1].start], ",;") {
			from = k + 1
			break
		}
	}
	return l.threatNeutral.has(toks[from:i])
}

// neutralAfter reports whether a word of the clause after the consequence
// that ends at token to names it as something to prevent: Dutch puts the
// verb last ("Dan kunnen we samen verdere maatregelen voorkomen"). A
// purpose of our own step still threatens: "dan nemen wij verdere stappen
// om meer kosten te voorkomen", "we'll take further action to avoid more
// costs".
func (l *lexicon) neutralAfter(text string, toks []token, to int) bool {
	end := len(toks)
	for k := to; k < len(toks); k++ {
		if k > 0 && strings.ContainsAny(text[toks[k-1].end:toks[k].start], ",;") {
			end = k
			break
		}
	}
	var buf [4]match
	for _, m := range l.threatNeutral.findAll(buf[:0], toks[to:end], always) {
		if k := to + m.from; k == 0 || (toks[k-1].lower != "te" && toks[k-1].lower != "to") {
			return true
		}
	}
	return false
}

// inName reports whether token i, not the first of its sentence, is
// capitalised but not an acronym: part of an organisation's name such as
// "het Centraal Justitieel Incassobureau", which names who writes, not a
// step held over the customer ("het BKR" and "a CCJ" still count).
func inName(text string, toks []token, i int) bool {
	if i == 0 {
		return false
	}
	w := text[toks[i].start:toks[i].end]
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && w != strings.ToUpper(w)
}

// relief words take a consequence away rather than threaten it.
var relief = wordSet([]string{
	"remove", "removes", "eliminate", "eliminates", "waive", "waives", "cancel", "cancels", "freeze", "pause",
	"avoid", "prevent", "voorkomen", "vermijden", "kwijtschelden", "schrappen",
})

// threatRewrite names the consequences as something to avoid together and
// asks what would help, keeping the amounts and dates.
func (st *turnState) threatRewrite(sn *sentence) (string, error) {
	d := st.facts(sn.start, sn.body, true)
	for _, k := range sn.consequences {
		c := st.l.consequence[k]
		if k == "seizure" {
			var err error
			if c, err = st.render("rewrite.consequence", seizedWhat(sn.toks)); err != nil {
				return "", err
			}
		}
		d.Consequences = append(d.Consequences, c)
	}
	return st.render("rewrite.threat", d)
}

// seizedWhat returns the consequence key of a seizure as the sentence
// names it ("beslag op uw inboedel" is the customer's goods, "an
// attachment of earnings" their wages), or "seizure" when it names
// nothing: the rewrite must not threaten the loss of something the agent
// never mentioned.
func seizedWhat(toks []token) string {
	named := map[string]bool{}
	for k, t := range toks {
		if t.lower == "bank" && k+1 < len(toks) && toks[k+1].lower == "account" {
			named["seizure-bank"] = true
		}
		if key, ok := seizedObjects[t.lower]; ok {
			named[key] = true
		}
	}
	// The house is often only where the bailiff comes ("bij u aan huis",
	// "come to your home and seize your goods"): what is taken wins.
	for _, key := range []string{"seizure-wages", "seizure-income", "seizure-bank", "seizure-car", "seizure-goods", "seizure-home"} {
		if named[key] {
			return key
		}
	}
	return "seizure"
}

// seizedObjects are the words, in both languages, that name what a seizure
// takes.
var seizedObjects = map[string]string{
	"loon": "seizure-wages", "loonbeslag": "seizure-wages", "salaris": "seizure-wages",
	"wages": "seizure-wages", "earnings": "seizure-wages", "salary": "seizure-wages", "garnish": "seizure-wages", "garnishment": "seizure-wages",
	"inkomen": "seizure-income", "uitkering": "seizure-income", "income": "seizure-income", "benefits": "seizure-income",
	"inboedel": "seizure-goods", "spullen": "seizure-goods", "meubels": "seizure-goods", "bezittingen": "seizure-goods",
	"goods": "seizure-goods", "belongings": "seizure-goods", "possessions": "seizure-goods", "furniture": "seizure-goods",
	"bankrekening": "seizure-bank",
	"auto":         "seizure-car", "car": "seizure-car", "vehicle": "seizure-car",
	"woning": "seizure-home", "huis": "seizure-home", "home": "seizure-home", "house": "seizure-home",
}
