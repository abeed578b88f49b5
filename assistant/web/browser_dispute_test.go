package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rooscoach/rooscoach/assistant"
)

// In the browser, the agent disputes the trainer's label from their page;
// the trainer finds the open dispute on the call's review page, answers it
// with a short note, and the agent reads the answer on their page.
func TestAgentDisputesAndTrainerResolvesInBrowser(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	call := reviewedCall(t, s)
	trainerP, err := s.db.Authenticate(ctx, s.trainer)
	if err != nil {
		t.Fatal(err)
	}
	turn := call.Turns[0].ID
	review, err := s.svc.SaveReview(ctx, trainerP, assistant.ReviewSave{CallID: call.ID, Input: reviewInput(turn), Publish: true})
	if err != nil {
		t.Fatal(err)
	}

	agent := user(t)
	signIn(t, agent, s, s.agent)
	do(t, agent,
		chromedp.WaitVisible(chromedp.CSS(".review-card.open")),
		chromedp.Click(chromedp.CSS(".review-card.open details.dispute summary")),
		chromedp.SetValue(chromedp.CSS(fmt.Sprintf("#turn-%d", review.ID)), itoa(turn)),
		chromedp.Click(chromedp.CSS(`.review-card.open input[name=about][value=label]`)),
		chromedp.SendKeys(chromedp.CSS(fmt.Sprintf("#why-%d", review.ID)), "I was leading, not competing."),
		chromedp.Click(chromedp.CSS(`.review-card.open details.dispute button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".notice")),
	)
	got, err := s.svc.Review(ctx, trainerP, review.ID)
	if err != nil || len(got.Disputes) != 1 || !got.Disputes[0].Open() {
		t.Fatalf("after the agent's dispute: %+v, %v", got, err)
	}
	d := got.Disputes[0]
	open := eval[string](t, agent, fmt.Sprintf(`document.querySelector("#dispute-%d.open").innerText`, d.ID))
	if !strings.Contains(open, "I was leading, not competing.") || !strings.Contains(open, "open") {
		t.Errorf("the agent's page shows the dispute as %q", open)
	}

	trainer := user(t)
	signIn(t, trainer, s, s.trainer)
	do(t, trainer,
		chromedp.Navigate(fmt.Sprintf("%s/calls/%d", s.url, call.ID)),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf("#dispute-%d form.resolve", d.ID))),
	)
	if n := eval[int](t, trainer, `document.querySelectorAll("#review-form").length`); n != 0 {
		t.Errorf("the trainer's published review still has %d edit forms", n)
	}
	checkAccessibility(t, trainer, "review with a dispute")
	do(t, trainer,
		chromedp.SendKeys(chromedp.CSS(fmt.Sprintf("#answer-%d", d.ID)), "Agreed: you led. Label changed."),
		chromedp.SetValue(chromedp.CSS(fmt.Sprintf("#relabel-%d", d.ID)), "leading"),
		chromedp.Click(chromedp.CSS(fmt.Sprintf("#dispute-%d form.resolve button[type=submit]", d.ID))),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf("#dispute-%d.resolved", d.ID))),
	)
	if notice := eval[string](t, trainer, `document.querySelector(".notice").innerText`); !strings.Contains(notice, "Dispute resolved") {
		t.Errorf("after resolving the trainer reads %q", notice)
	}
	if n := eval[int](t, trainer, `document.querySelectorAll("form.resolve").length`); n != 0 {
		t.Errorf("%d resolve forms remain after resolving the only dispute", n)
	}

	if r, err := s.svc.Review(ctx, trainerP, review.ID); err != nil || r.Turn(turn).Octant != assistant.Leading || r.Turn(turn).EngineOctant == "" {
		t.Errorf("after resolving with a new label the review's turn is %+v (%v), want the trainer's label leading beside the engine's", r.Turn(turn), err)
	}
	do(t, agent,
		chromedp.Navigate(s.url+"/agent"),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf("#dispute-%d.resolved", d.ID))),
	)
	answered := eval[string](t, agent, fmt.Sprintf(`document.querySelector("#dispute-%d").innerText`, d.ID))
	if !strings.Contains(answered, "Agreed: you led. Label changed.") || !strings.Contains(answered, "resolved") || !strings.Contains(answered, "label changed to: leading") {
		t.Errorf("the agent's page shows the answered dispute as %q", answered)
	}
	checkAccessibility(t, agent, "agent with a resolved dispute")
}
