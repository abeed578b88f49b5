package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/llm"
	"github.com/rooscoach/rooscoach/assistant/llm/llmtest"
)

// A trainer opening a call the language model analysed finds the review
// form filled in from its draft review, in the page's language, with the
// focus points on the turns they name; the agent never sees the draft, and
// a trainer's own saved review replaces it in the form.
func TestReviewFormStartsFromTheLLMDraft(t *testing.T) {
	s := newSite(t)
	ts := llmtest.New(t, "sk-web-test", "test-model")
	eng, err := llm.New(llm.Config{APIKey: "sk-web-test", BaseURL: ts.BaseURL(), Model: "test-model",
		Timeout: 2 * time.Second, Deadline: 3 * time.Second, Backoff: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	e := eng.Engine()
	s.svc.LLM = &e
	ctx := t.Context()
	for _, c := range []struct {
		file, lang, notice, focus string
	}{
		{"en-arrears.txt", "en", "Filled in from the language model", "Ask further about what the customer can pay."},
		{"nl-betalingsregeling.txt", "nl", "Ingevuld vanuit de conceptbeoordeling", "Vraag door naar wat de klant wel kan betalen."},
	} {
		in := coachInput(mustRead(t, c.file), "anna", s.team)
		in.Engine = assistant.ChooseLLM
		call, _, err := s.svc.Ingest(ctx, assistant.CommandLine(), in)
		if err != nil {
			t.Fatal(err)
		}
		if call.DraftReview == nil {
			t.Fatalf("%s: the LLM engine wrote no draft review", c.file)
		}
		page := func(token string) string {
			t.Helper()
			session, _, _ := signedIn(t, s, token)
			req, _ := http.NewRequest(http.MethodGet, s.url+"/calls/"+itoa(call.ID), nil)
			req.Header.Set("Accept-Language", c.lang)
			req.AddCookie(&http.Cookie{Name: session.Name, Value: session.Value})
			res, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body := readAll(t, res.Body)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("review page of %s: %d", c.file, res.StatusCode)
			}
			return body
		}
		trainer := page(s.trainer)
		if !strings.Contains(trainer, c.notice) {
			t.Errorf("%s: the trainer is not told the form comes from the draft", c.file)
		}
		focus := strings.Index(trainer, `name="focus"`)
		if focus < 0 || !strings.Contains(trainer[focus:], c.focus) {
			t.Errorf("%s: the focus field does not hold the draft's focus point %q", c.file, c.focus)
		}
		if strings.Count(trainer, c.focus) < 2 {
			t.Errorf("%s: the focus point %q is not on the turn it names", c.file, c.focus)
		}
		if agent := page(s.agent); strings.Contains(agent, c.focus) || strings.Contains(agent, c.notice) {
			t.Errorf("%s: the agent sees the language model's draft", c.file)
		}

		// Once the trainer saved their own review, the form is theirs.
		tr, err := s.db.Authenticate(ctx, s.trainer)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.svc.CreateReview(ctx, tr, call.ID, reviewInput(call.Turns[0].ID)); err != nil {
			t.Fatal(err)
		}
		if again := page(s.trainer); strings.Contains(again, c.notice) || !strings.Contains(again, "Ask before you propose.") {
			t.Errorf("%s: after the trainer saved a review the form still shows the draft", c.file)
		}
	}
}
