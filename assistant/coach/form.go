package coach

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rooscoach/rooscoach/assistant"
)

// FormProblem is one thing wrong with a form, tied to the field it is
// about and worded in Dutch and English.
type FormProblem struct {
	// Field is the form field the problem is about, as the review form
	// names its fields: "note", "rating", "focus", "comment-TURNID",
	// "octant-TURNID" or "turn-TURNID" (a turn the call does not have).
	Field string
	// Path is where the problem is in the API's JSON input, such as
	// "rating", "turns[1].octant" or "focus[0].goal_ids[2]".
	Path string
	NL   string
	EN   string
}

// Text is the problem in lang; English for any language but Dutch.
func (p FormProblem) Text(lang assistant.Language) string {
	if lang == assistant.Dutch {
		return p.NL
	}
	return p.EN
}

// FormError lists what is wrong with a form, every problem at once, so
// that the person filling it in can put all of it right in one go. It
// unwraps to an EInvalid [assistant.Error] whose message is the English
// problems joined, so the API answers it as any invalid input.
type FormError struct {
	Problems []FormProblem
}

// Error implements the error interface, in English.
func (e *FormError) Error() string {
	return "invalid: " + e.message()
}

func (e *FormError) message() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.EN
	}
	return strings.Join(msgs, " ")
}

// Unwrap returns the problems as one EInvalid error.
func (e *FormError) Unwrap() error {
	return &assistant.Error{Code: assistant.EInvalid, Message: e.message()}
}

// Text is every problem in lang, joined: the form's error as one message.
func (e *FormError) Text(lang assistant.Language) string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Text(lang)
	}
	return strings.Join(msgs, " ")
}

// Field returns the problems of field, in lang.
func (e *FormError) Field(field string, lang assistant.Language) []string {
	var out []string
	for _, p := range e.Problems {
		if p.Field == field {
			out = append(out, p.Text(lang))
		}
	}
	return out
}

// Fields returns every problem in lang, by field.
func (e *FormError) Fields(lang assistant.Language) map[string][]string {
	out := map[string][]string{}
	for _, p := range e.Problems {
		out[p.Field] = append(out[p.Field], p.Text(lang))
	}
	return out
}

// add records a problem of field, at path in the JSON input.
func (e *FormError) add(field, path, nl, en string) {
	e.Problems = append(e.Problems, FormProblem{Field: field, Path: path, NL: nl, EN: en})
}

// CheckReviewForm checks a trainer's review of call against the call: the
// note, a rating of 1–5 (required to publish), comments that are neither
// empty nor too long on turns of this call, known octants, focus points
// with text. It returns every problem found, or nil when there is none.
// Whether linked goals are the agent's is the store's to check.
func CheckReviewForm(call *assistant.Call, in assistant.ReviewInput, publish bool) *FormError {
	e := &FormError{}
	checkFormText(e, "note", "de algemene opmerking", "note", in.Note, assistant.MaxNoteRunes)
	switch {
	case in.Rating != nil && (*in.Rating < 1 || *in.Rating > 5):
		e.add("rating", "rating", fmt.Sprintf("Cijfer %d kan niet; geef een cijfer van 1 (zwak) tot 5 (uitstekend).", *in.Rating),
			fmt.Sprintf("rating %d is out of range; rate the call from 1 (poor) to 5 (excellent).", *in.Rating))
	case in.Rating == nil && publish:
		e.add("rating", "rating", "Geef een cijfer van 1 tot 5 voordat je publiceert.",
			"There is no rating; give a rating from 1 to 5 before publishing.")
	}
	turns := map[int64]int{}
	numbered := map[int]bool{}
	for _, t := range call.Turns {
		turns[t.ID] = t.Index + 1
		numbered[t.Index+1] = true
	}
	if len(in.Turns) > assistant.MaxReviewTurns {
		e.add("turns", "turns", fmt.Sprintf("De beoordeling bespreekt %d beurten; het maximum is %d.", len(in.Turns), assistant.MaxReviewTurns),
			fmt.Sprintf("turns holds %d entries; a review comments on at most %d turns.", len(in.Turns), assistant.MaxReviewTurns))
	}
	seen := map[int64]bool{}
	for i, t := range in.Turns {
		key := strconv.FormatInt(t.TurnID, 10)
		field := fmt.Sprintf("turns[%d]", i)
		number, ok := turns[t.TurnID]
		switch {
		case t.Turn != 0 && !numbered[t.Turn]:
			e.add("turn-"+strconv.Itoa(t.Turn), field+".turn", fmt.Sprintf("Gesprek %d heeft geen beurt %d; het heeft %d beurten.", call.ID, t.Turn, len(call.Turns)),
				fmt.Sprintf("%s.turn %d is not a turn of call %d; it has %d turns, numbered from 1.", field, t.Turn, call.ID, len(call.Turns)))
			continue
		case t.Turn != 0 && number != t.Turn:
			e.add("turn-"+key, field+".turn", fmt.Sprintf("Beurt %d en beurt-id %d zijn verschillende beurten; geef er één.", t.Turn, t.TurnID),
				fmt.Sprintf("%s.turn %d and turn_id %d are different turns; give one of them.", field, t.Turn, t.TurnID))
			continue
		case !ok:
			e.add("turn-"+key, field+".turn_id", fmt.Sprintf("Beurt-id %d hoort niet bij gesprek %d; bespreek alleen de beurten van dit gesprek.", t.TurnID, call.ID),
				fmt.Sprintf("%s.turn_id %d is not a turn of call %d; review the turns of this call (its turns[].id).", field, t.TurnID, call.ID))
			continue
		case seen[t.TurnID]:
			e.add("turn-"+key, field+".turn_id", fmt.Sprintf("Beurt %d staat er twee keer in; geef elke beurt één keer.", number),
				fmt.Sprintf("%s names turn %d again; give each turn once, with its comment and octant together.", field, number))
			continue
		}
		seen[t.TurnID] = true
		if t.Octant != "" && !t.Octant.Valid() {
			e.add("octant-"+key, field+".octant", fmt.Sprintf("Label %q van beurt %d is geen octant van de roos; kies er een uit de lijst.", t.Octant, number),
				fmt.Sprintf("%s.octant %q is not an octant of the rose; use one of %s.", field, t.Octant, octantList()))
		}
		if strings.TrimSpace(t.Comment) == "" && t.Octant == "" {
			e.add("comment-"+key, field, fmt.Sprintf("Het commentaar op beurt %d is leeg; schrijf commentaar, kies een octant of allebei.", number),
				fmt.Sprintf("%s says nothing about turn %d; give a comment, an octant or both.", field, number))
			continue
		}
		checkFormText(e, "comment-"+key, fmt.Sprintf("het commentaar op beurt %d", number), field+".comment", t.Comment, assistant.MaxCommentRunes)
	}
	if len(in.Focus) > assistant.MaxFocusPoints {
		e.add("focus", "focus", fmt.Sprintf("Er zijn %d oefenpunten; geef er hoogstens %d.", len(in.Focus), assistant.MaxFocusPoints),
			fmt.Sprintf("focus holds %d points; give at most %d.", len(in.Focus), assistant.MaxFocusPoints))
	}
	for i, f := range in.Focus {
		field := fmt.Sprintf("focus[%d]", i)
		if strings.TrimSpace(f.Text) == "" {
			e.add("focus", field+".text", fmt.Sprintf("Oefenpunt %d heeft geen tekst; zeg wat de medewerker moet oefenen.", i+1),
				fmt.Sprintf("%s.text is empty; say what the agent should practise.", field))
			continue
		}
		checkFormText(e, "focus", fmt.Sprintf("oefenpunt %d", i+1), field+".text", f.Text, assistant.MaxCommentRunes)
		if len(f.GoalIDs) > assistant.MaxGoalLinks {
			e.add("focus", field+".goal_ids", fmt.Sprintf("Oefenpunt %d is aan %d doelen gekoppeld; hoogstens %d.", i+1, len(f.GoalIDs), assistant.MaxGoalLinks),
				fmt.Sprintf("%s links %d goals; link at most %d.", field, len(f.GoalIDs), assistant.MaxGoalLinks))
		}
		for j, g := range f.GoalIDs {
			if g <= 0 {
				e.add("focus", fmt.Sprintf("%s.goal_ids[%d]", field, j), fmt.Sprintf("Oefenpunt %d noemt doel %d; een doel-id is een positief getal.", i+1, g),
					fmt.Sprintf("%s.goal_ids[%d] is %d; goal ids are positive numbers.", field, j, g))
			}
		}
	}
	if len(e.Problems) == 0 {
		return nil
	}
	return e
}

// checkFormText checks free text: valid UTF-8, at most max characters, no
// control characters but line breaks and tabs. what names the field in
// Dutch, name in English and in the JSON input.
func checkFormText(e *FormError, field, what, name, v string, max int) {
	if !utf8.ValidString(v) {
		e.add(field, name, fmt.Sprintf("In %s staan tekens die geen geldige tekst zijn.", what), fmt.Sprintf("%s is not valid UTF-8.", name))
		return
	}
	if n := utf8.RuneCountInString(v); n > max {
		e.add(field, name, fmt.Sprintf("%s is %d tekens lang; het maximum is %d.", capital(what), n, max),
			fmt.Sprintf("%s is %d characters long; it may have at most %d.", name, n, max))
		return
	}
	if i, ok := assistant.ControlAt(v); ok {
		e.add(field, name, fmt.Sprintf("In %s staat een stuurteken op positie %d; haal het weg.", what, i+1),
			fmt.Sprintf("%s holds a control character at position %d; remove it.", name, i+1))
	}
}

func capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}

// octantList lists the octant ids for messages.
func octantList() string {
	names := make([]string, len(assistant.Octants))
	for i, o := range assistant.Octants {
		names[i] = string(o)
	}
	return strings.Join(names, ", ")
}

// CheckDisputeForm checks an agent's dispute on its own, as the agent's
// dispute form names its fields: "turn", "about" and "comment". Whether the
// review says what is disputed is checked against the review
// ([CheckDispute]). It returns every problem found, or nil.
func CheckDisputeForm(in assistant.DisputeInput) *FormError {
	e := &FormError{}
	switch {
	case in.Turn < 0:
		e.add("turn", "turn", fmt.Sprintf("Beurt %d bestaat niet; beurten tellen vanaf 1.", in.Turn),
			fmt.Sprintf("turn %d is not a turn number; turns are numbered from 1.", in.Turn))
	case in.TurnID <= 0 && in.Turn == 0:
		e.add("turn", "turn_id", "Kies de beurt waartegen je bezwaar maakt.",
			"turn_id is missing; give the turn whose label or comment you dispute, by its number in the call (turn) or its id (turn_id).")
	}
	switch in.About {
	case assistant.DisputeLabel, assistant.DisputeComment:
	case "":
		e.add("about", "about", "Kies of je bezwaar maakt tegen het label of tegen het commentaar.",
			"about is missing; say whether you dispute the trainer's label or comment.")
	default:
		e.add("about", "about", fmt.Sprintf("Bezwaar %q kan niet; maak bezwaar tegen het label of tegen het commentaar.", in.About),
			fmt.Sprintf("about %q is not known; dispute a label or a comment.", in.About))
	}
	if strings.TrimSpace(in.Comment) == "" {
		e.add("comment", "comment", "Je uitleg is leeg; zeg waarom je het anders ziet.",
			"comment is empty; say why you see it differently.")
	} else {
		checkFormText(e, "comment", "je uitleg", "comment", in.Comment, assistant.MaxCommentRunes)
	}
	if len(e.Problems) == 0 {
		return nil
	}
	return e
}

// CheckResolveForm checks a trainer's answer to a dispute on its own, as
// the resolve form names its fields: "answer" and "octant". It returns
// every problem found, or nil.
func CheckResolveForm(in assistant.ResolveInput) *FormError {
	e := &FormError{}
	if strings.TrimSpace(in.Answer) == "" {
		e.add("answer", "answer", "Je antwoord is leeg; vertel de medewerker wat je besloot en waarom.",
			"answer is empty; tell the agent what you decided and why.")
	} else {
		checkFormText(e, "answer", "je antwoord", "answer", in.Answer, assistant.MaxCommentRunes)
	}
	if in.Octant != "" && !in.Octant.Valid() {
		e.add("octant", "octant", fmt.Sprintf("Label %q is geen octant van de roos; kies er een uit de lijst.", in.Octant),
			fmt.Sprintf("octant %q is not an octant of the rose; use one of %s.", in.Octant, octantList()))
	}
	if len(e.Problems) == 0 {
		return nil
	}
	return e
}

// numberTurns fills the turn id of each entry of turns that names its turn
// by number (Turn) alone, from call: people see "turn 7", the store keeps
// ids. A number the call does not have is left for [CheckReviewForm] to
// name. turns is not changed; the filled entries are a copy.
func numberTurns(call *assistant.Call, turns []assistant.ReviewTurnInput) []assistant.ReviewTurnInput {
	out := make([]assistant.ReviewTurnInput, len(turns))
	for i, t := range turns {
		if t.TurnID == 0 && t.Turn > 0 {
			for _, ct := range call.Turns {
				if ct.Index+1 == t.Turn {
					t.TurnID = ct.ID
				}
			}
		}
		out[i] = t
	}
	return out
}
