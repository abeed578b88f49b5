package phrasing

import (
	"strings"
	"unicode"

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

// findLongSentence flags a sentence of more than maxWords+slack words.
// Numbers and signs are no words a reader has to hold.
func (st *turnState) findLongSentence(sn *sentence) error {
	words := 0
	for _, t := range sn.toks {
		if hasLetter(t.lower) {
			words++
		}
	}
	if words <= maxWords+slack {
		return nil
	}
	reason, err := prompts.Render(st.l.lang, "reason.long-sentence", reasonData{Words: words, Max: maxWords})
	if err != nil {
		return err
	}
	sn.long = true
	st.addSentence(sn, assistant.FindingLongSentence, sn.start, sn.end, reason)
	return nil
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// sentenceCut is a place where a long sentence may be split: the separator,
// the word that opens the second sentence if it is kept, and what must
// follow the separator for the cut to be safe.
type sentenceCut struct {
	sep, keep string
	next      cutNext
}

// cutNext is what the second half of a cut must open with.
type cutNext int

const (
	// nextMain: a main clause of its own (opensMainClause).
	nextMain cutNext = iota
	// nextVerb: a finite verb, and keep is the subject that takes the
	// place of sep (", which means …" → ". This means …"; ", which we
	// sent" stays, as "This we sent" is no sentence).
	nextVerb
	// nextPronoun: a cut without a comma ("… and we found …"), safe only
	// where a subject pronoun and its finite verb follow (cutBare).
	nextPronoun
	// nextClause: the separator opens a clause that keep turns into a
	// sentence of its own (", because …" → ". This is because …"); the
	// first half must hold no condition, and the second be no list.
	nextClause
)

// split cuts a long sentence in two at a coordinating conjunction near its
// middle; it returns "" when there is no safe place. A cut is safe only
// where both halves stand as sentences of their own: the second opens a
// main clause (a subject pronoun, or a determiner followed soon by a finite
// verb: "…, and the hearing room is …", not "…, and the name, and phone
// number of …"), and the first holds no condition or subordinate clause the
// cut would strand ("If you ask …, and the room is large enough, we may …"
// cut after "ask …" leaves a condition without its main clause, and "…
// if the park has declared X, and the campsite is not covered" would turn
// the second condition into a statement).
func (st *turnState) split(s string) string {
	best, bestSep, bestKeep := -1, "", ""
	mid := len(s) / 2
	for _, c := range st.l.words.sentenceCuts {
		for i := 0; ; {
			j := strings.Index(s[i:], c.sep)
			if j < 0 {
				break
			}
			at := i + j
			left, right := s[:at], s[at+len(c.sep):]
			var ok bool
			switch c.next {
			case nextMain:
				ok = opensMainClause(st.l.lang, right)
			case nextVerb:
				ok = startsWithFinite(st.l.lang, right)
			case nextPronoun:
				ok = cutBare(st.l.lang, left, right)
			case nextClause:
				ok = !strings.Contains(right, ",")
			}
			if len(strings.Fields(left)) >= 5 && len(strings.Fields(right)) >= 5 && !holdsCondition(st.l.lang, left) && ok {
				if best < 0 || abs(at-mid) < abs(best-mid) {
					best, bestSep, bestKeep = at, c.sep, c.keep
				}
			}
			i = at + len(c.sep)
		}
	}
	if best < 0 {
		return ""
	}
	right := s[best+len(bestSep):]
	if bestKeep != "" {
		right = bestKeep + right
	}
	return s[:best] + ". " + upperFirst(right)
}

var (
	// cutConditions open a clause that a cut after it would strand.
	cutConditions = map[assistant.Language]map[string]bool{
		assistant.English: wordSet([]string{
			"if", "unless", "when", "whenever", "because", "although", "though", "while", "whether", "except", "once", "until", "where",
		}),
		assistant.Dutch: wordSet([]string{
			"als", "indien", "tenzij", "wanneer", "omdat", "hoewel", "terwijl", "of", "behalve", "zodra", "totdat", "nadat", "voordat", "mits",
		}),
	}
	// cutSubjects open a main clause by themselves.
	cutSubjects = wordSet([]string{
		"i", "you", "we", "they", "he", "she", "it", "there",
		"ik", "u", "je", "jij", "we", "wij", "ze", "zij", "hij", "het", "er", "dit",
	})
	// cutRelatives open a clause that leans on the one before.
	cutRelatives = wordSet([]string{"that", "which", "who", "whom", "whose", "dat", "die", "welke", "wat", "waarin", "waarbij"})
	// cutVerbs are finite verbs, besides the auxiliaries, that follow a
	// relative "which"/"wat" referring to the whole clause.
	cutVerbs = map[assistant.Language]map[string]bool{
		assistant.English: wordSet([]string{"means", "meant", "includes", "included", "covers", "covered", "shows", "gives", "makes", "allows", "leaves", "explains"}),
		assistant.Dutch:   wordSet([]string{"betekent", "betekende", "houdt", "geeft", "maakt", "laat"}),
	}
	cutFinite = map[assistant.Language]map[string]bool{
		assistant.English: wordSet([]string{
			"is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may", "might", "must",
			"shall", "should", "does", "do", "did",
		}),
		assistant.Dutch: wordSet([]string{
			"is", "zijn", "was", "waren", "heeft", "hebben", "had", "hadden", "wordt", "worden", "werd", "werden", "kan",
			"kunnen", "kon", "moet", "moeten", "mag", "mogen", "zal", "zullen", "wil", "willen", "gaat", "gaan", "staat",
			"staan", "geldt", "gelden", "krijgt", "krijgen", "komt", "komen", "blijft", "blijven",
		}),
	}
)

// startsWithFinite reports whether the text opens with a finite verb.
func startsWithFinite(lang assistant.Language, right string) bool {
	ws := strings.Fields(right)
	return len(ws) > 0 && (cutFinite[lang][strings.ToLower(ws[0])] || cutVerbs[lang][strings.ToLower(ws[0])])
}

// holdsCondition reports whether the text holds a word that opens a
// condition or a subordinate clause.
func holdsCondition(lang assistant.Language, left string) bool {
	for _, w := range strings.Fields(left) {
		if cutConditions[lang][strings.ToLower(strings.Trim(w, ",;:()\"'“”‘’"))] {
			return true
		}
	}
	return false
}

// opensMainClause reports whether the text opens with a clause that stands
// as a sentence: within its first six words, before any comma, a subject
// pronoun or a finite verb ("we have", "so far we have", "the room is"),
// and not a word that makes it a subordinate or relative clause.
func opensMainClause(lang assistant.Language, right string) bool {
	ws := strings.Fields(right)
	if len(ws) == 0 || cutConditions[lang][strings.ToLower(ws[0])] || cutRelatives[strings.ToLower(ws[0])] {
		return false
	}
	if cutFinite[lang][strings.ToLower(ws[0])] {
		// A finite verb first has no subject of its own: "…, and have
		// used IT" continues the clause before.
		return false
	}
	for k := 0; k < len(ws) && k < 6; k++ {
		w := strings.ToLower(strings.TrimRight(ws[k], ",;:"))
		if cutSubjects[w] || cutFinite[lang][w] {
			return true
		}
		if strings.HasSuffix(ws[k], ",") {
			return false
		}
	}
	return false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
