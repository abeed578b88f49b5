package api_test

import (
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
)

// The language of an answer: the first of nl and en the client names.
func TestAcceptLanguage(t *testing.T) {
	for h, want := range map[string]assistant.Language{
		"nl": assistant.Dutch, "nl-BE,fr;q=0.8": assistant.Dutch, "fr-FR, en;q=0.5, nl;q=0.3": assistant.English,
		"": assistant.English, "de": assistant.English,
	} {
		if got := api.AcceptLanguage(h); got != want {
			t.Errorf("%q: %s, want %s", h, got, want)
		}
	}
}
