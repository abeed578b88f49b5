package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// A step of the review workflow that the review's state no longer allows
// (acknowledging twice, answering a dispute answered already) is refused
// with 409 in the page's language: no English, nor a label saying the
// detail is English, on a Dutch page.
func TestReviewConflictsInThePageLanguage(t *testing.T) {
	s := newSite(t)
	call := reviewedCall(t, s)
	review, agent := publishedReview(t, s, call)
	ctx := context.Background()
	// Two disputes, so that the review stays disputed when one is answered.
	if _, err := s.svc.DisputeReview(ctx, agent, review.ID,
		assistant.DisputeInput{TurnID: call.Turns[6].ID, About: assistant.DisputeLabel, Comment: "Ik leidde."}); err != nil {
		t.Fatal(err)
	}
	disputed, err := s.svc.DisputeReview(ctx, agent, review.ID,
		assistant.DisputeInput{TurnID: call.Turns[6].ID, About: assistant.DisputeComment, Comment: "Dat zei ik niet zo."})
	if err != nil {
		t.Fatal(err)
	}
	d := disputed.Disputes[0]
	trainer, csrf, field := signedIn(t, s, s.trainer)
	resolve := "/reviews/" + itoa(review.ID) + "/disputes/" + itoa(d.ID) + "/resolve"
	answer := url.Values{"_csrf": {field}, "answer": {"Het label blijft."}}
	if status, body, _ := send(t, s, resolve, "nl", answer, trainer, csrf); status != http.StatusSeeOther {
		t.Fatalf("the first answer: %d %.300s", status, body)
	}
	for _, c := range []struct{ lang, want, foreign string }{
		{"nl", "Bezwaar " + itoa(d.ID) + " is al beantwoord.", "Technische melding"},
		{"en", "Dispute " + itoa(d.ID) + " was resolved already.", "Bezwaar"},
	} {
		status, body, _ := send(t, s, resolve, c.lang, answer, trainer, csrf)
		if status != http.StatusConflict || !strings.Contains(body, c.want) {
			t.Errorf("%s: answering again: %d, want 409 saying %q; %.600s", c.lang, status, c.want, body)
		}
		if strings.Contains(body, c.foreign) || c.lang == "nl" && strings.Contains(body, "resolved already") {
			t.Errorf("%s: answering again is refused in another language: %.600s", c.lang, body)
		}
	}

	// The agent acknowledges a review once; the last answer reopens it.
	tessa, err := s.db.Authenticate(ctx, s.trainer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.svc.ResolveDispute(ctx, tessa, review.ID, disputed.Disputes[1].ID,
		assistant.ResolveInput{Answer: "Het commentaar blijft."}); err != nil {
		t.Fatal(err)
	}
	session, agentCSRF, agentField := signedIn(t, s, s.agent)
	ack := "/reviews/" + itoa(review.ID) + "/acknowledge"
	form := url.Values{"_csrf": {agentField}}
	if status, body, _ := send(t, s, ack, "nl", form, session, agentCSRF); status != http.StatusSeeOther {
		t.Fatalf("the first acknowledgement: %d %.300s", status, body)
	}
	for _, c := range []struct{ lang, want, foreign string }{
		{"nl", "Beoordeling " + itoa(review.ID) + " heb je al geaccepteerd.", "Technische melding"},
		{"en", "Review " + itoa(review.ID) + " is acknowledged already.", "Beoordeling"},
	} {
		status, body, _ := send(t, s, ack, c.lang, form, session, agentCSRF)
		if status != http.StatusConflict || !strings.Contains(body, c.want) {
			t.Errorf("%s: acknowledging again: %d, want 409 saying %q; %.600s", c.lang, status, c.want, body)
		}
		if strings.Contains(body, c.foreign) || c.lang == "nl" && strings.Contains(body, "acknowledged already") {
			t.Errorf("%s: acknowledging again is refused in another language: %.600s", c.lang, body)
		}
	}
}
