package phrasing

import (
	"context"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// A gapped form takes its first part where it belongs to the rest: the
// particle of "geeft aan" is not the "aan" of "aan … voldoet", so the
// rewrite stays grammatical.
func TestGappedFormTakesTheNearestFirstPart(t *testing.T) {
	e := New()
	text := "U geeft schriftelijk aan hoe u aan de eisen voldoet."
	p, err := e.Phrase(context.Background(), assistant.Utterance{Text: text, Language: assistant.Dutch})
	if err != nil {
		t.Fatal(err)
	}
	checkRewrites(t, text, p)
	if want := "U geeft schriftelijk aan hoe u zich aan de eisen houdt."; p.Suggested != want {
		t.Errorf("suggestion %q, want %q (findings %+v)", p.Suggested, want, p.Findings)
	}
}
