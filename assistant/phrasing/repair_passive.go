package phrasing

import (
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// The words of the guard's passive repairs: what may open a passive order
// before its subject, which adverbs stand beside its modal, and how the
// participles of one order become the plain verbs of one question.

// nlConnectives open a Dutch sentence before its verb, with the subject
// after it ("Daarnaast moet het bedrag nog betaald worden"); the question
// keeps them before its object: "Kunt u daarnaast het bedrag nog betalen?".
var nlConnectives = wordSet([]string{"daarnaast", "verder", "ook", "bovendien", "tevens", "eerst", "daarna", "vervolgens", "dan"})

// enConnectives open an English sentence before its subject, set off by a
// comma ("In addition, the balance must still be paid"); the question asks
// with the adverb each maps to: "Can you also pay the balance?".
var enConnectives = map[string]string{
	"in addition": "also", "additionally": "also", "also": "also", "besides": "also", "furthermore": "also",
	"moreover": "also", "on top of that": "also", "first": "first", "then": "then",
}

// toTheCustomer reports whether the words after a passive's verb send the
// money to the customer ("naar uw rekening", "to your account"): that is
// ours to do, not an order to them.
func toTheCustomer(rest string) bool {
	r := " " + lowerSameWidth(rest) + " "
	for _, p := range []string{" naar uw ", " op uw ", " aan u ", " to your ", " into your ", " to you "} {
		if strings.Contains(r, p) {
			return true
		}
	}
	return false
}

// enModalAdverbs may stand beside the modal of an English passive order
// ("The balance still has to be paid", "must also be signed"). The question
// keeps those that add a task or order the tasks (enKeptAdverbs) before its
// verb: "Can you also sign the form?"; the others carry urgency ("still",
// "now", "really") and go.
const enModalAdverbs = `still|now|also|really|just|then|first|definitely|absolutely|simply|certainly`

var enKeptAdverbs = wordSet([]string{"also", "first", "then"})

// repairAfterConnective repairs an English sentence that opens with a
// connective and a comma ("In addition, the balance must still be paid",
// or "Also, we'd ask you to …" after the rewrites) as the sentence after
// the comma, and asks with the connective's adverb: "Can you also pay the
// balance?". ok is false when the sentence has no such opening.
func (st *turnState) repairAfterConnective(core, lower string) (res repairResult, ok bool) {
	head, tail, found := strings.Cut(lower, ", ")
	adverb, known := enConnectives[head]
	if !found || !known || tail == "" {
		return repairResult{}, false
	}
	res = st.repairSentence(core[len(head)+2:])
	frame := repairRulesOf[assistant.English].question + " "
	if q, isQ := strings.CutPrefix(res.text, frame); isQ && !strings.HasPrefix(q, adverb+" ") {
		res.text = frame + adverb + " " + q
	}
	return res, true
}

// participles splits the participles a passive pattern matched ("ingevuld,
// ondertekend en teruggestuurd") and returns the conjunction that joins the
// last.
func participles(s string) (parts []string, conj string) {
	for _, w := range strings.Fields(strings.ReplaceAll(s, ",", " ")) {
		switch w {
		case "en", "of", "and", "or":
			conj = w
			continue
		}
		parts = append(parts, w)
	}
	return parts, conj
}

// participlesBefore takes from the end of a Dutch passive's middle the
// participles joined to the last one ("… ondertekend en" of "moet
// ondertekend en teruggestuurd worden").
func (r *repairRules) participlesBefore(mid, conj string, unsafe bool) (string, []string, string, bool) {
	words := strings.Fields(mid)
	n := len(words)
	if n == 0 {
		return mid, nil, conj, unsafe
	}
	if c := strings.ToLower(words[n-1]); c != "en" && c != "of" {
		return mid, nil, conj, unsafe
	} else {
		conj = c
	}
	n--
	var before []string
	for n > 0 {
		w := strings.ToLower(strings.TrimSuffix(words[n-1], ","))
		if _, ok := r.verbs[w]; !ok {
			// The word before "en" must be a participle; one before a
			// comma may be the end of a phrase of its own.
			if len(before) == 0 {
				unsafe = true
			}
			break
		}
		before = append([]string{w}, before...)
		n--
		if n == 0 || !strings.HasSuffix(words[n-1], ",") {
			break
		}
	}
	return strings.Join(words[:n], " "), before, conj, unsafe
}

// participlesAfter takes from the start of an English passive's rest the
// participles joined to the first ("signed and returned by Friday",
// "completed, signed and returned").
func (r *repairRules) participlesAfter(rest, conj string, unsafe bool) (string, []string, string, bool) {
	var more []string
	for {
		var sep string
		l := strings.ToLower(rest)
		switch {
		case strings.HasPrefix(l, ", "):
			sep = ","
		case strings.HasPrefix(l, "and "), strings.HasPrefix(l, "or "):
			sep = firstWord(l)
		default:
			return rest, more, conj, unsafe
		}
		after := strings.TrimSpace(strings.TrimPrefix(rest[len(sep):], " "))
		w := strings.ToLower(strings.TrimRight(firstWord(after), ",.;:"))
		if _, ok := r.verbs[w]; !ok {
			if sep != "," || strings.HasSuffix(w, "ed") {
				// "signed and witnessed", "signed and the balance
				// paid": nothing the question can take.
				return rest, more, conj, true
			}
			return rest, more, conj, unsafe // ", as agreed"
		}
		more = append(more, w)
		rest = strings.TrimSpace(after[len(w):])
		if sep != "," {
			return rest, more, sep, unsafe
		}
	}
}

// verbChain asks for the participles' plain verbs, joined as the speaker
// joined them ("sign and send back", "invullen, ondertekenen en
// terugsturen"); ok only when the guard knows every one.
func (r *repairRules) verbChain(parts []string, conj string) (string, bool) {
	plain := make([]string, len(parts))
	for i, p := range parts {
		v, ok := r.verbs[p]
		if !ok {
			return "", false
		}
		plain[i] = v
	}
	if len(plain) == 1 {
		return plain[0], true
	}
	return strings.Join(plain[:len(plain)-1], ", ") + " " + conj + " " + plain[len(plain)-1], true
}

// anyPay reports whether one of the participles is a verb of paying.
func (r *repairRules) anyPay(parts []string) bool {
	for _, p := range parts {
		if payVerbs[r.verbs[p]] {
			return true
		}
	}
	return false
}

// payVerbs are the plain verbs of paying an order asks for.
var payVerbs = wordSet([]string{"pay", "pay back", "clear", "transfer", "betalen", "overmaken", "terugbetalen"})

// lectureVerbs make an order a lecture ("You need to understand that …"),
// which no question repairs.
var lectureVerbs = wordSet([]string{"understand", "know", "realise", "realize", "remember", "accept", "appreciate"})
