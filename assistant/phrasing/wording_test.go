package phrasing

import (
	"context"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// phrase runs the engine on one utterance.
func phrase(t *testing.T, lang assistant.Language, text string) assistant.Phrasing {
	t.Helper()
	p, err := New().Phrase(context.Background(), assistant.Utterance{Text: text, Language: lang})
	if err != nil {
		t.Fatalf("%s %q: %v", lang, text, err)
	}
	return p
}

// An account handed over to the agency reads as handed over: "passed to
// us", "aan ons doorgegeven", not "we place your account with us" or the
// officialese "in behandeling gegeven aan".
func TestHandedOverReadsNaturally(t *testing.T) {
	for _, c := range []struct {
		lang     assistant.Language
		in, want string
	}{
		{assistant.English, "Your account is placed with us.", "Your account has been passed to us."},
		{assistant.English, "Your account has been placed with us.", "Your account has been passed to us."},
		{assistant.Dutch, "Uw dossier is in behandeling gegeven aan ons.", "Uw zaak is aan ons doorgegeven."},
		{assistant.Dutch, "Uw dossier is in behandeling gegeven aan ons kantoor.", "Uw zaak is doorgegeven aan ons kantoor."},
	} {
		if p := phrase(t, c.lang, c.in); p.Suggested != c.want {
			t.Errorf("%s %q: suggested %q, want %q", c.lang, c.in, p.Suggested, c.want)
		}
	}
}
