package web_test

import (
	"html"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// A progress page refuses a date or a period with the words the API
// refuses it with, in the page's language: one wording, in the prompts.
func TestPeriodPagesSayThePromptsWords(t *testing.T) {
	s := newSite(t)
	session, _, _ := signedIn(t, s, s.lead)
	_, date := assistant.ParseMoment("from", "gisteren")
	_, plus := assistant.ParseMoment("to", "2026-12-06T10:00:00 02:00")
	_, order := assistant.NewProgressFilter("2026-11-01", "2026-10-01", "", time.Now())
	for _, c := range []struct {
		query string
		err   error
	}{
		{"from=gisteren", date},
		{"to=2026-12-06T10:00:00+02:00", plus},
		{"from=2026-11-01&to=2026-10-01", order},
	} {
		for _, lang := range []assistant.Language{assistant.English, assistant.Dutch} {
			want, ok := prompts.ErrorText(lang, c.err)
			if !ok {
				t.Fatalf("%s: %v has no wording", c.query, c.err)
			}
			status, body := get(t, s, "/lead?"+c.query, string(lang), session)
			if status != http.StatusBadRequest || !strings.Contains(html.UnescapeString(body), want) {
				t.Errorf("%s GET /lead?%s: %d %s, want 400 saying %q", lang, c.query, status, errorMessage(body), want)
			}
		}
	}
}
