package web_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// toDutch switches the interface to Dutch with the language form in the
// page's header, as a visitor would.
func toDutch(t *testing.T, ctx context.Context) {
	t.Helper()
	do(t, ctx,
		chromedp.SetValue(chromedp.CSS("#lang-choice"), "nl"),
		chromedp.Click(chromedp.CSS(`form[action="/language"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="nl"] #main`)),
	)
}

// The pages in Dutch, in a real browser: the agent's tip box names the
// stance in Dutch (its labels come with the page, the stance from
// POST /v1/tips), the review page labels each turn's octant in Dutch, the
// lead's page is Dutch, and each passes axe-core as the English ones do.
func TestDutchInterfaceInBrowser(t *testing.T) {
	s := newSite(t)
	s.seedHistory(t)
	dutch := make([]string, len(assistant.Octants))
	for i, o := range assistant.Octants {
		dutch[i] = o.Dutch()
	}

	agent := user(t)
	signIn(t, agent, s, s.agent)
	toDutch(t, agent)
	if h := eval[string](t, agent, `document.querySelector("#tip-h").textContent`); h != "Tipvak" {
		t.Errorf("the agent page's tip box is headed %q, want Tipvak", h)
	}
	do(t, agent, chromedp.SendKeys(chromedp.CSS("#tip-text"), "U moet vandaag betalen, anders dragen wij het dossier over aan de deurwaarder."))
	if _, err := chromedp.Run(agent, chromedp.Poll[bool](`document.querySelector("#tip-out").dataset.answered === document.querySelector("#tip-text").value.trim()`, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatalf("the Dutch tip box did not answer: %v", err)
	}
	if stance := eval[string](t, agent, `document.querySelector("#tip-stance").textContent`); !slices.Contains(dutch, stance) {
		t.Errorf("the Dutch tip box names the stance %q, not one of %q", stance, dutch)
	}
	if tip := eval[string](t, agent, `document.querySelector("#tip-tip").textContent`); tip == prompts.Missing || tip == "…" {
		t.Errorf("the Dutch tip box shows no tip: %q", tip)
	}
	checkAccessibility(t, agent, "agent (nl)")

	page, err := s.svc.Calls(context.Background(), principalAdmin(), callFilterAnna())
	if err != nil || len(page.Calls) == 0 {
		t.Fatalf("find a call of anna's: %v", err)
	}
	call, err := s.svc.Call(context.Background(), principalAdmin(), page.Calls[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	trainer := user(t)
	signIn(t, trainer, s, s.trainer)
	toDutch(t, trainer)
	do(t, trainer,
		chromedp.Navigate(fmt.Sprintf("%s/calls/%d", s.url, call.ID)),
		chromedp.WaitVisible(chromedp.CSS("svg.rose")),
	)
	if first := eval[string](t, trainer, `document.querySelector(".turn .octant-tag").textContent.trim()`); first != call.Turns[0].Stance.Octant.Dutch() {
		t.Errorf("turn 1 is labelled %q in Dutch, want %q", first, call.Turns[0].Stance.Octant.Dutch())
	}
	if h := eval[string](t, trainer, `document.querySelector("h1").textContent`); h != fmt.Sprintf("Beoordeling van gesprek %d", call.ID) {
		t.Errorf("the review page is headed %q", h)
	}
	checkAccessibility(t, trainer, "review (nl)")

	lead := user(t)
	signIn(t, lead, s, s.lead)
	toDutch(t, lead)
	do(t, lead, chromedp.WaitVisible(chromedp.CSS("#chart-0")))
	checkAccessibility(t, lead, "lead (nl)")
}
