package phrasing

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/vulnerability"
	"github.com/rooscoach/rooscoach/prompts"
)

// The keyed groups say what a phrase means to the rewrites (the threatened
// consequence, the customer's life event), so both languages must know the
// same keys, and each consequence needs wording in the rewrite template.
func TestLexiconsInStep(t *testing.T) {
	keys := func(gs []phraseGroup) []string {
		var out []string
		for _, g := range gs {
			out = append(out, g.key)
		}
		return out
	}
	for name, get := range map[string]func(*words) []phraseGroup{
		"threats": func(w *words) []phraseGroup { return w.threats },
	} {
		nl, en := keys(get(wordsNL)), keys(get(wordsEN))
		if strings.Join(nl, " ") != strings.Join(en, " ") {
			t.Errorf("%s: Dutch keys %v, English keys %v", name, nl, en)
		}
	}
	for _, lang := range assistant.Languages {
		// Every topic the shared vulnerability lexicon names has its own
		// acknowledgement, not the generic one.
		generic := prompts.MustRender(lang, "rewrite.stock.ack", "")
		for _, c := range vulnerability.Cues() {
			if c.Topic == "" {
				continue
			}
			if s := prompts.MustRender(lang, "rewrite.stock.ack", string(c.Topic)); s == generic {
				t.Errorf("%s: topic %q has only the generic acknowledgement", lang, c.Topic)
			}
		}
		for _, g := range wordsOf(lang).threats {
			s, err := prompts.Render(lang, "rewrite.consequence", g.key)
			if err != nil || s == "" {
				t.Errorf("%s: consequence %q has no wording (%q, %v)", lang, g.key, s, err)
			}
		}
	}
}

// A phrase is found by matching its words one by one against the tokens of a
// turn, so a phrase with a capital, punctuation or a doubled space would never
// match, and a phrase listed twice under another key would silently lose.
func TestLexiconPhrasesCanMatch(t *testing.T) {
	for _, lang := range assistant.Languages {
		w := wordsOf(lang)
		tables := map[string][]string{
			"threatMarkers": w.threatMarkers, "ultimatums": w.ultimatums, "ultimatumLinks": w.ultimatumLinks,
			"followUp": w.followUp, "opposed": w.opposed, "emotion": w.emotion, "ack": w.ack,
			"closingNextStep": w.closingNextStep, "closingSummary": w.closingSummary, "closingWarm": w.closingWarm,
			"closingPromise": w.closingPromise, "closingWhen": w.closingWhen, "farewell": w.farewell, "threatMaybe": w.threatMaybe,
		}
		for name, gs := range map[string][]phraseGroup{"commands": w.commands, "threats": w.threats} {
			for _, g := range gs {
				tables[name] = append(tables[name], g.phrases...)
			}
		}
		for name, phrases := range tables {
			if len(phrases) == 0 {
				t.Errorf("%s/%s: empty", lang, name)
			}
			seen := map[string]bool{}
			for _, p := range phrases {
				if seen[p] {
					t.Errorf("%s/%s: %q listed twice", lang, name, p)
				}
				seen[p] = true
				if got := tokenWords(p); got != p {
					t.Errorf("%s/%s: %q reads as the words %q and can never match", lang, name, p, got)
				}
			}
		}
		// Single-word sets are looked up one token at a time.
		for name, set := range map[string][]string{
			"conditional": w.conditional, "relative": w.relative, "conditionalOpeners": w.conditionalOpeners, "contactVerbs": w.contactVerbs,
			"stateVerbs": w.stateVerbs, "orConsequence": w.orConsequence, "dropConj": w.dropConj,
			"pressure": w.pressure, "pay": w.pay, "filler": w.filler,
		} {
			for _, word := range set {
				if got := tokenWords(word); got != word || strings.Contains(word, " ") {
					t.Errorf("%s/%s: %q is not one word (%q)", lang, name, word, got)
				}
			}
		}
	}
}

// The templates are read on the request path too (rewrites, reasons and tips
// that quote the agent). A template that fails there must come back as an
// error for the caller, not bring the server down. A lexicon built for Dutch
// but rendering as a language with no templates makes every render fail.
func TestRenderFailureIsAnError(t *testing.T) {
	const noTemplates = assistant.Language("xx")
	tests := []struct {
		lang assistant.Language
		text string
		want string // the template that fails first
	}{
		{assistant.Dutch, "Als u niet betaalt, komt de deurwaarder langs.", "rewrite.threat"},
		{assistant.Dutch, "U moet vóór vrijdag € 120 betalen.", "rewrite.command"},
		{assistant.Dutch, "Kunt u vrijdag betalen?", "rewrite.closed.when"},
		{assistant.Dutch, "Dat is vervelend.", "reason.stock-phrase"},
		{assistant.Dutch, "De vordering staat open.", "reason.jargon"},
		{assistant.English, "You should have paid the £120 by the 1st of March.", "rewrite.blame"},
		{assistant.English, "This is your last chance.", "rewrite.ultimatum"},
		{assistant.English, "I have called you about this account many times now and I have written to you and you have not answered any of it at all.", "reason.long-sentence"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			e := New()
			if _, err := e.Phrase(context.Background(), assistant.Utterance{Text: tt.text, Language: tt.lang}); err != nil {
				t.Fatalf("with the real templates: %v", err)
			}
			broken := *e.langs[tt.lang]
			broken.lang = noTemplates
			e.langs[tt.lang] = &broken
			_, err := e.Phrase(context.Background(), assistant.Utterance{Text: tt.text, Language: tt.lang})
			if err == nil || !strings.Contains(err.Error(), "xx/"+tt.want+":") {
				t.Errorf("%q: got error %v, want one naming xx/%s", tt.text, err, tt.want)
			}
		})
	}

	c := NewClosing()
	c.langs[noTemplates] = c.langs[assistant.English]
	_, err := c.CheckClosing(context.Background(), []assistant.Turn{{Speaker: assistant.Agent, Text: "Bye."}}, noTemplates)
	if err == nil || !strings.Contains(err.Error(), "xx/closing.") {
		t.Errorf("closing check with a broken template: got %v, want an error naming the template", err)
	}
	var ae *assistant.Error
	if errors.As(err, &ae) && ae.Code != assistant.EInternal {
		t.Errorf("a broken template is our bug, not the caller's: code %s", ae.Code)
	}
}

// The closing check is a capability of its own; the engine offers it too.
var (
	_ interface {
		CheckClosing(context.Context, []assistant.Turn, assistant.Language) (assistant.ClosingCheck, error)
	} = (*Closing)(nil)
	_ interface {
		CheckClosing(context.Context, []assistant.Turn, assistant.Language) (assistant.ClosingCheck, error)
	} = (*Engine)(nil)
)
