package phrasing

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// A modal inside a relative clause describes ("the date on which you must
// pay"); it orders nothing, so it is no command and the sentence is not cut
// in two around it. An order in the main clause still is one.
func TestRelativeClauseModalIsNoCommand(t *testing.T) {
	e := New()
	for _, c := range []struct {
		lang    assistant.Language
		text    string
		command bool
	}{
		{assistant.English, "Please note the date by which you must pay, as agreed.", false},
		{assistant.English, "This is the date on which you must pay, as agreed.", false},
		{assistant.English, "We sent you the form which you must return by Friday.", false},
		{assistant.English, "Here is the account to which you have to pay £300.", false},
		{assistant.English, "The adviser who you need to call by Monday is Sam.", false},
		{assistant.English, "The amount is £300, which you must pay by Friday.", false},
		{assistant.Dutch, "Let op de datum waarop u moet betalen, zoals afgesproken.", false},
		{assistant.Dutch, "Dit is de datum waarop u moet betalen, zoals afgesproken.", false},
		{assistant.Dutch, "Dit is het rekeningnummer waarnaar u € 300 moet overmaken.", false},
		{assistant.Dutch, "Hier is de adviseur die u vóór maandag moet bellen.", false},
		{assistant.Dutch, "Het gaat om € 300, welke u vóór vrijdag dient te betalen.", false},
		// Orders stay orders, also after a demonstrative that looks like
		// a relative pronoun.
		{assistant.English, "You must pay £300 by Friday.", true},
		{assistant.Dutch, "U moet € 300 vóór vrijdag betalen.", true},
		{assistant.Dutch, "Het bedrag is € 300. Die moet u vóór vrijdag betalen.", true},
	} {
		p, err := e.Phrase(context.Background(), assistant.Utterance{Text: c.text, Language: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		checkRewrites(t, c.text, p)
		got := false
		for _, f := range p.Findings {
			got = got || f.Kind == assistant.FindingCommand
		}
		if got != c.command {
			t.Errorf("%s: %q: command flagged = %v, want %v (findings %+v)", c.lang, c.text, got, c.command, p.Findings)
		}
		if !c.command && p.Suggested != "" && len(splitSentences(nil, p.Suggested)) > len(splitSentences(nil, c.text)) {
			t.Errorf("%s: %q: suggestion %q cuts the sentence", c.lang, c.text, p.Suggested)
		}
	}
}

// A passive with two or more verbs asks for all of them: "The form must be
// signed and returned" → "Can you sign and send back the form?".
func TestRepairCoordinatedPassive(t *testing.T) {
	phraseCases(t, []repairCase{
		{assistant.English, "The form must be signed and returned.", "Can you sign and send back the form?"},
		{assistant.English, "The form must be completed, signed and returned by 1 May.", "Can you fill in, sign and send back the form by 1 May?"},
		{assistant.English, "The documents must be signed and sent by Friday.", "Can you sign and send the documents by Friday?"},
		{assistant.English, "The balance is to be paid or transferred by 1 May.", "Can you pay or transfer the balance by 1 May?"},
		{assistant.Dutch, "Het formulier moet ondertekend en teruggestuurd worden.", "Kunt u het formulier ondertekenen en terugsturen?"},
		{assistant.Dutch, "Het formulier dient vóór 1 mei ingevuld, ondertekend en teruggestuurd te worden.", "Kunt u het formulier vóór 1 mei invullen, ondertekenen en terugsturen?"},
		{assistant.Dutch, "Het formulier moet worden ondertekend en teruggestuurd.", "Kunt u het formulier ondertekenen en terugsturen?"},
		{assistant.Dutch, "Het bedrag moet vóór vrijdag betaald of overgemaakt worden.", "Kunt u het bedrag vóór vrijdag betalen of overmaken?"},
	})
}

// Where one of the verbs is one the guard cannot ask for, or a second
// clause follows "and", it gives advice rather than a question with a
// participle left in it.
func TestRepairCoordinatedPassiveUnknownVerb(t *testing.T) {
	e := New()
	for _, c := range []struct {
		lang   assistant.Language
		text   string
		broken string
	}{
		{assistant.English, "The form must be signed and witnessed.", "and witnessed"},
		{assistant.English, "The form must be signed and notarised by Friday.", "notarised"},
		{assistant.Dutch, "Het formulier moet ondertekend en gelegaliseerd worden.", "gelegaliseerd"},
		{assistant.Dutch, "Het formulier moet vóór vrijdag worden ondertekend en gewaarmerkt.", "gewaarmerkt"},
		// A second clause after "and" is no verb of the first.
		{assistant.English, "The form must be signed and the balance paid by Friday.", "the balance paid"},
		{assistant.Dutch, "Het formulier moet ondertekend en het bedrag betaald worden.", "ondertekend en"},
	} {
		p, err := e.Phrase(context.Background(), assistant.Utterance{Text: c.text, Language: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		checkRewrites(t, c.text, p)
		if strings.HasSuffix(p.Suggested, "?") {
			t.Errorf("%s: %q: suggestion %q asks a broken question", c.lang, c.text, p.Suggested)
		}
		advice := prompts.MustRender(c.lang, "advice.order", nil)
		advised := false
		for _, f := range p.Findings {
			advised = advised || strings.Contains(f.Reason, advice)
			if f.Rewrite != nil && strings.HasSuffix(f.Rewrite.Text, "?") {
				t.Errorf("%s: %q: %s %q has the broken rewrite %q", c.lang, c.text, f.Kind, f.Text, f.Rewrite.Text)
			}
		}
		if !advised {
			t.Errorf("%s: %q: no finding gives the advice: %+v", c.lang, c.text, p.Findings)
		}
	}
}

// An adverb beside the modal goes before the verb of the question, or
// goes altogether where it carries the pressure ("still", "echt").
func TestRepairAdverbPlacement(t *testing.T) {
	phraseCases(t, []repairCase{
		{assistant.English, "The balance still has to be paid by Friday.", "Can you pay the balance by Friday?"},
		{assistant.English, "The balance really must be paid by Friday.", "Can you pay the balance by Friday?"},
		{assistant.English, "The form also needs to be signed.", "Can you also sign the form?"},
		{assistant.English, "The form must also be signed and returned.", "Can you also sign and send back the form?"},
		{assistant.English, "The £300 is still to be paid by 1 May.", "Can you pay the £300 by 1 May?"},
		{assistant.English, "The remaining £300 must now be paid by 1 May.", "Can you pay the remaining £300 by 1 May?"},
		{assistant.English, "The form first has to be signed.", "Can you first sign the form?"},
		{assistant.Dutch, "Het bedrag moet nog vóór vrijdag betaald worden.", "Kunt u het bedrag nog vóór vrijdag betalen?"},
		{assistant.Dutch, "Het bedrag moet echt vóór vrijdag betaald worden.", "Kunt u het bedrag vóór vrijdag betalen?"},
		{assistant.Dutch, "Het bedrag moet toch echt nog vóór 1 mei worden betaald.", "Kunt u het bedrag nog vóór 1 mei betalen?"},
		// An adverb beside "you must" hides no command, and the
		// pressure words inside a command do not come back in its
		// question.
		{assistant.English, "You still have to pay £300 by Friday.", "Would you be able to pay £300 by Friday? If not, we can look for another date together."},
		{assistant.English, "You really need to pay the £300 by Friday.", "Would you be able to pay the £300 by Friday? If not, we can look for another date together."},
		{assistant.Dutch, "U moet het bedrag toch echt vóór vrijdag betalen.", "Lukt het u om het bedrag vóór vrijdag te betalen? Zo niet, dan zoeken we samen naar een andere datum."},
		{assistant.Dutch, "U moet de € 300 echt nog vóór 1 mei overmaken.", "Lukt het u om de € 300 nog vóór 1 mei over te maken? Zo niet, dan zoeken we samen naar een andere datum."},
	})
}

// "remitted" is a verb of paying like "paid"; "overgemaakt" and "voldaan"
// are its Dutch counterparts.
func TestRepairRemitted(t *testing.T) {
	phraseCases(t, []repairCase{
		{assistant.English, "The outstanding balance is to be remitted by Friday.", "Can you pay the balance by Friday?"},
		{assistant.English, "The amount must be remitted by 1 May.", "Can you pay the amount by 1 May?"},
		{assistant.English, "£300 must be remitted by Friday.", "Can you pay £300 by Friday?"},
		{assistant.Dutch, "Het openstaande bedrag dient vóór vrijdag te worden overgemaakt.", "Kunt u het openstaande bedrag vóór vrijdag overmaken?"},
		{assistant.Dutch, "Het bedrag moet vóór vrijdag voldaan worden.", "Kunt u het bedrag vóór vrijdag betalen?"},
	})
}

// quotedPlain finds the plain wording a term's reason recommends.
var quotedPlain = regexp.MustCompile(`(?:Say|Zeg liever) "([^"]+)"`)

// The reason of a swapped term names the word the swap puts in: "remit" →
// "pay" says "pay", not the entry's first alternative "payment". Every
// lexicon example with a rewrite is checked, in both languages.
func TestReasonNamesTheReplacement(t *testing.T) {
	e := New()
	cases := []struct {
		lang  assistant.Language
		text  string
		plain string
	}{
		{assistant.English, "Please remit £300 by Friday.", "pay"},
		{assistant.English, "We received your remittance of £300.", "payment"},
		{assistant.Dutch, "De rekening is voldaan.", "betaald"},
		{assistant.Dutch, "U kunt het bedrag voldoen met iDEAL.", "betalen"},
	}
	entries := map[assistant.Language][]*lexEntry{}
	for _, lang := range []assistant.Language{assistant.Dutch, assistant.English} {
		var err error
		if entries[lang], err = loadLexicon(lang); err != nil {
			t.Fatal(err)
		}
		for _, en := range entries[lang] {
			if en.example != "-" && len(en.plain) > 1 {
				cases = append(cases, struct {
					lang  assistant.Language
					text  string
					plain string
				}{lang, en.example, ""})
			}
		}
	}
	checked := 0
	for _, c := range cases {
		p, err := e.Phrase(context.Background(), assistant.Utterance{Text: c.text, Language: c.lang})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range p.Findings {
			q := quotedPlain.FindStringSubmatch(f.Reason)
			if q == nil || f.Rewrite == nil || f.Rewrite.Original != f.Text {
				continue
			}
			checked++
			if c.plain != "" && q[1] != c.plain {
				t.Errorf("%s: %q: reason recommends %q, want %q", c.lang, c.text, q[1], c.plain)
			}
			// The reason and the swap must agree where the entry lists
			// the swap's word among its alternatives.
			for _, en := range entries[c.lang] {
				if !containsStr(en.plain, q[1]) || !containsStr(en.plain, strings.ToLower(f.Rewrite.Text)) {
					continue
				}
				if q[1] != strings.ToLower(f.Rewrite.Text) {
					t.Errorf("%s: %q: %q is swapped for %q, but its reason recommends %q", c.lang, c.text, f.Text, f.Rewrite.Text, q[1])
				}
			}
		}
	}
	if checked < 20 {
		t.Errorf("only %d reasons checked", checked)
	}
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// startsWithFact takes a date with the word that makes it a deadline as
// the fact it opens with, in both languages.
func TestStartsWithFact(t *testing.T) {
	for s, want := range map[string]bool{
		"£300":               true,
		"€ 50 per maand":     true,
		"1 mei":              true,
		"vrijdag":            true,
		"vóór vrijdag":       true,
		"voor 1 mei":         true,
		"uiterlijk 1 mei":    true,
		"Vóór vrijdag nog":   true,
		"by Friday":          true,
		"before 1 May":       true,
		"het bedrag":         false,
		"the balance":        false,
		"by your partner":    false,
		"door uw werkgever":  false,
		"we know you can":    false,
		"voor uw informatie": false,
	} {
		if got := startsWithFact(s); got != want {
			t.Errorf("startsWithFact(%q) = %v, want %v", s, got, want)
		}
	}
}

// A letter formula that opens the sentence goes only where what follows
// stands as a sentence: after "that", a comma or a colon. "Please note the
// date …" without it would leave "The date …", a fragment. Dutch already
// keeps such an opener where no comma follows.
func TestLeftOutOpenerLeavesASentence(t *testing.T) {
	phraseCases(t, []repairCase{
		{assistant.English, "Please note the date by which you must pay, as agreed.", "Please note the date you must pay by, as agreed."},
		{assistant.English, "Please note your reference number.", ""},
		{assistant.English, "Be advised the fee of £25 applies from 1 May.", ""},
		{assistant.English, "Please note that a fee will be added.", "A fee will be added."},
		{assistant.English, "Please note, the fee of £25 applies from 1 May.", "The fee of £25 applies from 1 May."},
		{assistant.English, "Please note: the fee of £25 applies from 1 May.", "The fee of £25 applies from 1 May."},
		{assistant.Dutch, "Wij wijzen u op de datum waarop u moet betalen, zoals afgesproken.", ""},
		{assistant.Dutch, "Hierbij deel ik u mede: de rente loopt door.", "Ik laat u weten: de rente loopt door."},
	})
}
