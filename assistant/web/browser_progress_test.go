package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rooscoach/rooscoach/prompts"
)

// In Chromium, the lead page of a team with weeks and a month without
// calls: last month's rose shows prompts.Missing in every octant and says
// there were no calls, in English and then in Dutch; the target chart draws no line
// across the empty weeks; and the page passes axe-core.
func TestLeadPageEmptyPeriodsInBrowser(t *testing.T) {
	s := newSite(t)
	seedGaps(t, s)
	lead := user(t)
	signIn(t, lead, s, s.lead)
	do(t, lead, chromedp.WaitVisible(chromedp.CSS("#chart-0")))
	for _, c := range []struct{ lang, says string }{{"en", "no calls in this period"}, {"nl", "geen gesprekken in deze periode"}} {
		if c.lang == "nl" {
			toDutch(t, lead)
			do(t, lead, chromedp.WaitVisible(chromedp.CSS("#chart-0")))
		}
		shares := eval[[]string](t, lead, `[...document.querySelectorAll("svg.heat")[0].querySelectorAll(".heat-share")].map(e => e.textContent)`)
		if len(shares) != 8 {
			t.Fatalf("%s: last month's rose has %d shares, want 8", c.lang, len(shares))
		}
		for _, v := range shares {
			if v != prompts.Missing {
				t.Errorf("%s: last month's rose, without calls, shows %q, want %q", c.lang, v, prompts.Missing)
			}
		}
		says := eval[string](t, lead, `(e => e ? e.textContent : "")(document.querySelectorAll("svg.heat")[0].querySelector(".heat-empty"))`)
		if says != c.says {
			t.Errorf("%s: last month's rose says %q, want %q", c.lang, says, c.says)
		}
		if w := eval[float64](t, lead, `(e => e ? e.getBoundingClientRect().width : 0)(document.querySelectorAll("svg.heat")[0].querySelector(".heat-empty"))`); w <= 0 {
			t.Errorf("%s: the text %q is not visible in the rose", c.lang, c.says)
		}
		if n := eval[int](t, lead, `document.querySelectorAll("#chart-0 polyline").length`); n != 0 {
			t.Errorf("%s: the target chart draws %d lines across weeks without calls", c.lang, n)
		}
		if n := eval[int](t, lead, `document.querySelectorAll("#chart-0 circle").length`); n != 4 {
			t.Errorf("%s: the target chart has %d points, want 2 for the team and 2 for anna", c.lang, n)
		}
		checkAccessibility(t, lead, "lead with empty periods ("+c.lang+")")
	}
}
