package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// fieldErrors returns the problems listed beside the field with id in body.
func fieldErrors(body, id string) string {
	m := regexp.MustCompile(`(?s)<ul class="field-errors" id="` + regexp.QuoteMeta(id) + `-err">(.*?)</ul>`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1]
}

// Publishing without a rating names the field as the form labels it: a
// "Cijfer" in Dutch, a "Rating" in English.
func TestMissingRatingNamesTheField(t *testing.T) {
	s := newSite(t)
	call := reviewedCall(t, s)
	session, csrf, field := signedIn(t, s, s.trainer)
	form := url.Values{"_csrf": {field}, "note": {"Goed gesprek."}, "action": {"publish"}}
	for _, c := range []struct{ lang, label, want string }{
		{"nl", "Cijfer", "Geef een cijfer van 1 tot 5 voordat je publiceert."},
		{"en", "Rating", "give a rating from 1 to 5 before publishing."},
	} {
		status, body, _ := send(t, s, "/calls/"+itoa(call.ID)+"/review", c.lang, form, session, csrf)
		if status != http.StatusBadRequest {
			t.Fatalf("%s: publishing without a rating: %d, want 400", c.lang, status)
		}
		if !strings.Contains(body, "<legend>"+c.label) {
			t.Errorf("%s: the rating field is not labelled %q", c.lang, c.label)
		}
		if got := fieldErrors(body, "rating"); !strings.Contains(got, c.want) {
			t.Errorf("%s: beside the rating: %q, want %q", c.lang, got, c.want)
		}
	}
}
