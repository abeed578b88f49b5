package web_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// In Chromium, the lead page of a team whose ids are not its names: the
// heading, the standings and each chart's key name the team and the agent,
// and the text of a chart says each line's name once, not once for the
// line and again for its first point.
func TestLeadPageNamesInBrowser(t *testing.T) {
	s := newSite(t)
	seedZuid(t, s)
	admin := user(t)
	signIn(t, admin, s, s.admin)
	for _, c := range []struct{ lang, heading string }{{"en", "Team progress · Team Zuid"}, {"nl", "Voortgang van het team · Team Zuid"}} {
		// The language form goes back to /lead without the team asked
		// for: the page is opened again after it.
		if c.lang == "nl" {
			toDutch(t, admin)
		}
		do(t, admin, chromedp.Navigate(s.url+"/lead?team=zuid-id"), chromedp.WaitVisible(chromedp.CSS("#chart-0")))
		if h := eval[string](t, admin, `document.querySelector("h1").innerText`); h != c.heading {
			t.Errorf("%s: heading %q, want %q", c.lang, h, c.heading)
		}
		if row := eval[string](t, admin, `document.querySelector("#standings tbody th").innerText`); row != "Sanne Bakker" {
			t.Errorf("%s: the standings name %q, want Sanne Bakker", c.lang, row)
		}
		key := eval[[]string](t, admin, `[...document.querySelectorAll("figure:has(#chart-0) .legend li")].map(li => li.innerText.trim())`)
		if !slices.Equal(key, []string{"Team Zuid", "Sanne Bakker"}) {
			t.Errorf("%s: the target chart's key reads %q", c.lang, key)
		}
		words := eval[[]string](t, admin, `(() => {
			const w = document.createTreeWalker(document.querySelector("figure:has(#chart-0)"), NodeFilter.SHOW_TEXT), out = [];
			while (w.nextNode()) { const s = w.currentNode.textContent.trim(); if (s) out.push(s); }
			return out;
		})()`)
		for i := 1; i < len(words); i++ {
			if words[i] == words[i-1] && (words[i] == "Sanne Bakker" || words[i] == "Team Zuid") {
				t.Errorf("%s: the target chart says %q twice in a row: %q", c.lang, words[i], words)
			}
		}
	}
}

// In Chromium, an admin's view of Sanne's page is titled with her name,
// and her acknowledged review names her, in English and in Dutch.
func TestAgentPageTitleInBrowser(t *testing.T) {
	s := newSite(t)
	seedAcknowledged(t, s)
	admin := user(t)
	signIn(t, admin, s, s.admin)
	for _, c := range []struct{ lang, title, acked string }{
		{"en", "Sanne Bakker's coaching", "Acknowledged by Sanne Bakker"},
		{"nl", "Coaching van Sanne Bakker", "Bevestigd door Sanne Bakker"},
	} {
		if c.lang == "nl" {
			toDutch(t, admin)
		}
		do(t, admin, chromedp.Navigate(s.url+"/agent?agent=sanne-id"), chromedp.WaitVisible(chromedp.CSS("#reviews-h")))
		if h := eval[string](t, admin, `document.querySelector("h1").innerText`); h != c.title {
			t.Errorf("%s: heading %q, want %q", c.lang, h, c.title)
		}
		if title := eval[string](t, admin, `document.title`); title != c.title+" · rooscoach" {
			t.Errorf("%s: title %q, want %q", c.lang, title, c.title+" · rooscoach")
		}
		if h := eval[string](t, admin, `document.querySelector(".review-card h3").innerText`); !strings.Contains(h, c.acked) {
			t.Errorf("%s: the review reads %q, want %q", c.lang, h, c.acked)
		}
	}
}
