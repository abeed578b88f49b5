package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// The call page of one leg of a transferred call says so and links the
// other legs its reader may read, in the page's language; an agent, who
// may not read a teammate's leg, is not told of it.
func TestCallPageNamesTheLegsOfATransferredCall(t *testing.T) {
	s := newSite(t)
	ctx := t.Context()
	at := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	var legs []*assistant.Call
	for i, agent := range []string{"anna", "bram"} {
		in := coachInput(mustRead(t, "nl-betalingsregeling.txt"), agent, s.team)
		in.Options.ExternalID, in.Options.OccurredAt = "tel-9", at.Add(time.Duration(i)*6*time.Minute)
		c, created, err := s.svc.Ingest(ctx, assistant.CommandLine(), in)
		if err != nil || !created {
			t.Fatalf("store %s's leg: %v (created %v)", agent, err, created)
		}
		legs = append(legs, c)
	}
	page := func(token, lang string, id int64) string {
		t.Helper()
		session, _, _ := signedIn(t, s, token)
		req, _ := http.NewRequest(http.MethodGet, s.url+"/calls/"+itoa(id), nil)
		req.Header.Set("Accept-Language", lang)
		req.AddCookie(&http.Cookie{Name: session.Name, Value: session.Value})
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body := readAll(t, res.Body)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET /calls/%d: %d", id, res.StatusCode)
		}
		return body
	}
	words := map[string]string{"nl": "Eén deel van een doorverbonden gesprek", "en": "One leg of a transferred call"}
	for lang, want := range words {
		body := page(s.trainer, lang, legs[0].ID)
		i := strings.Index(body, `id="review-transfer"`)
		if i < 0 || !strings.Contains(body[i:], want) || !strings.Contains(body[i:], `href="/calls/`+itoa(legs[1].ID)+`"`) {
			t.Errorf("%s: the trainer's page of the first leg does not say %q and link the second leg", lang, want)
		}
		if strings.Contains(body, `href="/calls/`+itoa(legs[0].ID)+`"`) {
			t.Errorf("%s: the page links to itself as another leg", lang)
		}
	}
	if body := page(s.agent, "en", legs[0].ID); strings.Contains(body, `id="review-transfer"`) {
		t.Errorf("Anna's page of her leg tells of Bram's")
	}
}
