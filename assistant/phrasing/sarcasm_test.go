package phrasing

import (
	"context"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// Every sarcasm entry of the lexicon is found when an agent says it inside
// a longer turn, and is reported with the sarcasm reason and tip; the same
// words said sincerely are not.
func TestSarcasmEntriesFoundInASentence(t *testing.T) {
	e := New()
	frame := map[assistant.Language]string{
		assistant.Dutch:   "Goedemiddag. %s En de rekening van maart?",
		assistant.English: "Good afternoon. %s And the March bill?",
	}
	reason := map[assistant.Language]string{assistant.Dutch: "sarcastisch", assistant.English: "sarcastic"}
	tip := map[assistant.Language]string{assistant.Dutch: "sarcasme", assistant.English: "sarcasm"}
	n := map[assistant.Language]int{}
	for _, lang := range assistant.Languages {
		entries, err := loadLexicon(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, en := range entries {
			if en.kind != "sarcasm" {
				continue
			}
			for _, form := range en.forms {
				n[lang]++
				sentence := upperFirst(form)
				if !strings.HasSuffix(sentence, ".") {
					sentence += " nu."
					if lang == assistant.English {
						sentence = upperFirst(form) + " now."
					}
				}
				text := strings.Replace(frame[lang], "%s", sentence, 1)
				p, err := e.Phrase(context.Background(), assistant.Utterance{Text: text, Language: lang})
				if err != nil {
					t.Fatal(err)
				}
				found := false
				for _, f := range p.Findings {
					if f.Kind == assistant.FindingBelittling && strings.EqualFold(f.Text, form) {
						found = true
						if !strings.Contains(f.Reason, reason[lang]) {
							t.Errorf("%s: %q: reason %q does not call it %s", lang, form, f.Reason, reason[lang])
						}
					}
				}
				if !found {
					t.Errorf("%s: sarcasm %q not found in %q: %+v", lang, form, text, p.Findings)
				}
				if !strings.Contains(strings.ToLower(p.Tip.Text), tip[lang]) {
					t.Errorf("%s: %q: tip %q does not name the %s", lang, text, p.Tip.Text, tip[lang])
				}
			}
		}
	}
	if n[assistant.Dutch] < 10 || n[assistant.English] < 10 {
		t.Errorf("sarcasm forms: nl %d, en %d; want at least 10 each", n[assistant.Dutch], n[assistant.English])
	}
}

// Near-misses: each sarcastic line beside the same words said sincerely,
// or only part of the mocking phrase. The first is sarcasm, the second no
// finding of any belittling kind.
func TestSarcasmNearMissesNotFound(t *testing.T) {
	e := New()
	for _, c := range []struct {
		lang               assistant.Language
		sarcastic, sincere string
	}{
		{assistant.Dutch, "Nou, dat hoor ik ook voor het eerst.", "Dat hoor ik voor het eerst, vertelt u eens wat er is gebeurd."},
		{assistant.Dutch, "Neemt u vooral de tijd, het is pas drie maanden.", "Neemt u vooral de tijd om de brief rustig te lezen."},
		{assistant.Dutch, "Wat een verrassing, weer geen betaling.", "Wat een verrassing dat het nu al gelukt is, dank u wel!"},
		{assistant.Dutch, "Misschien eens uw post openen.", "Zijn onze brieven bij u aangekomen, of zal ik uw adres nakijken?"},
		{assistant.Dutch, "Nou, succes ermee.", "Succes met de nieuwe baan, en bel gerust als er iets verandert."},
		{assistant.Dutch, "Ja ja, dat zeggen ze allemaal.", "Dat zeggen ze bij de bank ook, dus dat klopt."},
		{assistant.English, "Oh brilliant, another excuse.", "Oh brilliant, that payment came through this morning."},
		{assistant.English, "Take your time, it's only been three months.", "Take your time, there's no rush at all."},
		{assistant.English, "Maybe try opening your post.", "Have our letters reached you, or should we check your address?"},
		{assistant.English, "Well, good luck with that then.", "Good luck with the new job, and call us if anything changes."},
		{assistant.English, "What a surprise, another missed payment.", "What a surprise to hear from you, thank you for calling."},
		{assistant.English, "I've heard that one before.", "I've heard from the team that the letter went out before Friday."},
	} {
		for _, text := range []string{c.sarcastic, c.sincere} {
			p, err := e.Phrase(context.Background(), assistant.Utterance{Text: text, Language: c.lang})
			if err != nil {
				t.Fatal(err)
			}
			flagged := false
			for _, f := range p.Findings {
				flagged = flagged || f.Kind == assistant.FindingBelittling
			}
			tipped := strings.Contains(strings.ToLower(p.Tip.Text), "sarcas")
			if text == c.sarcastic && (!flagged || !tipped) {
				t.Errorf("%s: %q: sarcasm not flagged (findings %+v, tip %q)", c.lang, text, p.Findings, p.Tip.Text)
			}
			if text == c.sincere && (flagged || tipped) {
				t.Errorf("%s: %q: sincere words flagged (findings %+v, tip %q)", c.lang, text, p.Findings, p.Tip.Text)
			}
		}
	}
}
