package phrasing

import (
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// cutPronouns are the subject pronouns that may open the second half of a
// cut made without a comma.
var cutPronouns = map[assistant.Language]map[string]bool{
	assistant.English: wordSet([]string{"i", "we", "you", "they", "he", "she", "it"}),
	assistant.Dutch:   wordSet([]string{"ik", "we", "wij", "u", "zij", "ze", "hij"}),
}

// cutBare reports whether a long sentence may be cut where "and"/"but"
// stands without a comma. Without the comma the conjunction as often joins
// two nouns ("the plan and the letter are …") or two verbs of one clause,
// so the cut is made only where a new main clause plainly starts: a
// subject pronoun and then a finite verb ("… and we have found …"; Dutch
// puts the verb second in a main clause, "… en we hebben …", so "… en u het
// bedrag heeft betaald" is a subordinate clause going on and no cut). A
// first half that holds a relative or "that" clause is left alone, as the
// second half may belong to it ("we think that you paid and you …").
func cutBare(lang assistant.Language, left, right string) bool {
	if strings.HasSuffix(strings.TrimSpace(left), ",") {
		return false // a cut with a comma has a rule of its own
	}
	ws := strings.Fields(right)
	if len(ws) < 2 || !cutPronouns[lang][strings.ToLower(ws[0])] {
		return false
	}
	if v := strings.ToLower(ws[1]); !cutFinite[lang][v] && !cutVerbs[lang][v] && !(lang == assistant.English && pastOrPresent(v)) {
		return false
	}
	for _, w := range strings.Fields(left) {
		w = strings.ToLower(strings.Trim(w, ",;:()\"'“”‘’"))
		if cutRelatives[w] || cutConditions[lang][w] {
			return false
		}
	}
	return true
}

// pastOrPresent reports whether an English word after a subject pronoun
// reads as its finite verb: a past tense in -ed or a common irregular
// one, or a plain present ("we found", "we called", "we send").
func pastOrPresent(w string) bool {
	if strings.HasSuffix(w, "ed") || cutIrregular[w] {
		return true
	}
	return cutPresent[w]
}

var (
	cutIrregular = wordSet([]string{
		"found", "sent", "got", "made", "took", "gave", "saw", "said", "told", "paid", "put", "left", "kept", "spoke",
		"wrote", "thought", "felt", "knew", "came", "went", "set", "heard", "met", "meant",
	})
	cutPresent = wordSet([]string{
		"need", "send", "see", "know", "think", "want", "can't", "won't", "don't", "didn't", "haven't", "hasn't",
		"call", "check", "pay", "get", "keep", "look", "add", "hold",
	})
)
