package phrasing

import (
	"context"
	"testing"
	"unicode/utf8"

	"github.com/rooscoach/rooscoach/assistant"
)

// FuzzPhrase checks that no input makes the engine panic or report offsets
// outside the text. Run with a limit: go test -fuzz FuzzPhrase -fuzztime 30s.
func FuzzPhrase(f *testing.F) {
	for _, u := range benchUtterances {
		f.Add(u.Text, true)
	}
	f.Add("U moet, anders. Kunt u € 5 vóór 1/2 betalen?", true)
	f.Add("Pay. You must. the 3rd or? £", false)
	e := New()
	f.Fuzz(func(t *testing.T, text string, dutch bool) {
		if !utf8.ValidString(text) {
			return
		}
		lang := assistant.English
		if dutch {
			lang = assistant.Dutch
		}
		p, err := e.Phrase(context.Background(), assistant.Utterance{Text: text, Language: lang})
		if err != nil {
			t.Fatal(err)
		}
		n := utf8.RuneCountInString(text)
		for _, fd := range p.Findings {
			if fd.Start < 0 || fd.End > n || fd.Start > fd.End {
				t.Fatalf("finding %s at [%d,%d) outside %d runes", fd.Kind, fd.Start, fd.End, n)
			}
			if r := fd.Rewrite; r != nil && (r.Start < 0 || r.End > n || r.Start > r.End) {
				t.Fatalf("rewrite at [%d,%d) outside %d runes", r.Start, r.End, n)
			}
		}
	})
}
