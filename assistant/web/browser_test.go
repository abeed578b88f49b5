package web_test

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rooscoach/rooscoach/prompts"
)

// The browser tests drive Debian's Chromium through chromedp. One browser
// process serves the whole test binary; each user of a test gets a browser
// context of their own (cookies apart), as two people on two laptops.

//go:embed testdata/axe-core/axe.min.js
var axeSource string

var (
	browserOnce   sync.Once
	browserCtx    context.Context
	browserErr    error
	browserCancel = func() {}
	browserDir    string
)

func TestMain(m *testing.M) {
	code := m.Run()
	browserCancel()
	if browserDir != "" {
		os.RemoveAll(browserDir)
	}
	os.Exit(code)
}

// chromiumPath finds the browser: ROOSCOACH_CHROMIUM, else Debian's
// chromium, else one on the PATH.
func chromiumPath() string {
	if p := os.Getenv("ROOSCOACH_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser starts the shared headless Chromium on first use. A machine
// without one fails the test, saying how to install it: a browser test that
// passes without a browser would prove nothing.
func browser(t *testing.T) context.Context {
	t.Helper()
	browserOnce.Do(func() {
		path := chromiumPath()
		if _, err := os.Stat(path); path == "" || err != nil {
			browserErr = fmt.Errorf("no Chromium found for the browser tests (looked for %q): install it with `apt-get install -y chromium` "+
				"(make test does this when /usr/bin/chromium is missing), or point ROOSCOACH_CHROMIUM at a Chrome or Chromium binary", path)
			return
		}
		if browserDir, browserErr = os.MkdirTemp("", "rooscoach-chromium-"); browserErr != nil {
			return
		}
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
			chromedp.ExecPath(path),
			chromedp.UserDataDir(browserDir),
			chromedp.Headless,
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.NoFirstRun,
			chromedp.NoDefaultBrowserCheck,
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-dev-shm-usage", true),
			chromedp.Flag("disable-extensions", true),
			chromedp.Flag("disable-default-apps", true),
			chromedp.Flag("metrics-recording-only", true),
			chromedp.Flag("password-store", "basic"),
			chromedp.Flag("lang", "en-GB"),
			chromedp.WindowSize(1280, 800),
		)
		ctx, cancelCtx := chromedp.NewContext(alloc)
		browserCancel = func() { cancelCtx(); cancelAlloc() }
		// Running on the first tab starts the browser; it must be the
		// browser's own context, since the browser lives as long as it.
		if browserErr = chromedp.Do(ctx); browserErr != nil {
			browserErr = fmt.Errorf("start %s: %w", path, browserErr)
			return
		}
		browserCtx = ctx
	})
	if browserErr != nil {
		t.Fatal(browserErr)
	}
	return browserCtx
}

// user opens a tab in a fresh browser context, at 1280×800.
func user(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser(t), chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelT)
	do(t, ctx, chromedp.EmulateViewport(1280, 800))
	return ctx
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		t.Fatalf("at %s: %v", loc, err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// signIn signs in on the sign-in page with token.
func signIn(t *testing.T, ctx context.Context, s *site, token string) {
	t.Helper()
	do(t, ctx,
		chromedp.Navigate(s.url+"/signin"),
		chromedp.WaitVisible(chromedp.CSS("#token")),
		chromedp.SendKeys(chromedp.CSS("#token"), token),
		chromedp.Click(chromedp.CSS(`form[action="/signin"] button[type=submit]`)),
		chromedp.WaitNotPresent(chromedp.CSS("#token")),
	)
}

// axeViolation is what the tests report of an axe-core violation.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// checkAccessibility runs axe-core on the page and fails on serious and
// critical violations.
func checkAccessibility(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.EvaluateAsDevTools[any](axeSource+";true")); err != nil {
		t.Fatalf("%s: inject axe-core: %v", page, err)
	}
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(
		r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: run axe-core: %v", page, err)
	}
	var vs []axeViolation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Errorf("%s: accessibility (%s) %s: %s at %v", page, v.Impact, v.ID, v.Help, v.Nodes)
		} else {
			t.Logf("%s: accessibility (%s) %s: %s at %v", page, v.Impact, v.ID, v.Help, v.Nodes)
		}
	}
}

// screenshot writes the viewport to docs/screenshots/NAME.png when
// ROOSCOACH_SCREENSHOTS=1, for the README.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if os.Getenv("ROOSCOACH_SCREENSHOTS") != "1" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := filepath.Join("..", "..", "docs", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A trainer uploads a transcript, reviews the call on its page and
// publishes; the agent sees the review to acknowledge and uses the tip box;
// the lead sees the team's charts. Each main page passes axe-core.
func TestReviewWorkflowInBrowser(t *testing.T) {
	s := newSite(t)
	s.seedHistory(t)

	// The trainer signs in and uploads a transcript.
	trainer := user(t)
	signIn(t, trainer, s, s.trainer)
	sample, err := filepath.Abs(filepath.Join(callsPath, "nl-betalingsregeling.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// A second file is no transcript: it fails alone, with its reason.
	notes := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(notes, []byte("bel terug morgen\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	do(t, trainer,
		chromedp.Navigate(s.url+"/upload"),
		chromedp.WaitVisible(chromedp.CSS("#files")),
		chromedp.SetUploadFiles(chromedp.CSS("#files"), []string{sample, notes}),
		chromedp.SendKeys(chromedp.CSS("#agent_id"), "anna"),
	)
	checkAccessibility(t, trainer, "upload")
	screenshot(t, trainer, "upload")
	do(t, trainer, chromedp.Click(chromedp.CSS(`form[action="/upload"] button[type=submit]`)))

	// The import page refreshes itself until the file is done.
	deadline := time.Now().Add(30 * time.Second)
	for {
		state, _ := chromedp.Run(trainer, chromedp.Evaluate[string](`(document.querySelector("#import-state a") ? "done " : "") + document.body.innerText`))
		if strings.HasPrefix(state, "done ") {
			if !strings.Contains(state, "1 done") || !strings.Contains(state, "1 failed") {
				t.Fatalf("import finished with %q", state)
			}
			if failed := eval[string](t, trainer, `document.querySelector("#import-failures").innerText`); !strings.Contains(failed, "notes.txt") {
				t.Errorf("the failed file is not listed with its reason: %q", failed)
			}
			screenshot(t, trainer, "import")
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the import did not finish: %q", state)
		}
		time.Sleep(300 * time.Millisecond)
	}

	// Its call is the newest of anna's (the seeded ones are older).
	page, err := s.svc.Calls(context.Background(), principalAdmin(), callFilterAnna())
	if err != nil || len(page.Calls) == 0 {
		t.Fatalf("find the uploaded call: %v", err)
	}
	call, err := s.svc.Call(context.Background(), principalAdmin(), page.Calls[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	rewrites := 0
	for _, tu := range call.Turns {
		if tu.Phrasing != nil {
			for _, f := range tu.Phrasing.Findings {
				if f.Rewrite != nil {
					rewrites++
				}
			}
		}
	}
	if rewrites == 0 {
		t.Fatal("the sample call has no rewrites to show; choose another sample")
	}
	do(t, trainer,
		chromedp.Navigate(fmt.Sprintf("%s/calls/%d", s.url, call.ID)),
		chromedp.WaitVisible(chromedp.CSS("svg.rose")),
	)
	if n := eval[int](t, trainer, `document.querySelectorAll("svg.rose .turn-point").length`); n != len(call.Turns) {
		t.Errorf("the rose has %d points, want one per turn (%d)", n, len(call.Turns))
	}
	if n := eval[int](t, trainer, `document.querySelectorAll("svg.rose .turn-point.agent circle.mark").length + document.querySelectorAll("svg.rose .turn-point.customer rect.mark").length`); n != len(call.Turns) {
		t.Errorf("%d points have their speaker's mark, want %d", n, len(call.Turns))
	}
	if n := eval[int](t, trainer, `document.querySelectorAll("svg.rose .turn-point.closing").length`); n != len(call.Summary.Closing.Turns) {
		t.Errorf("%d closing turns highlighted, want %d", n, len(call.Summary.Closing.Turns))
	}
	if n := eval[int](t, trainer, `document.querySelectorAll(".rewrite").length`); n != rewrites {
		t.Errorf("the page shows %d rewrites, want %d", n, rewrites)
	}
	if n := eval[int](t, trainer, `document.querySelectorAll("mark.finding").length`); n == 0 {
		t.Error("no finding is underlined in the transcript")
	}
	if n := eval[int](t, trainer, `document.querySelectorAll(".turn .octant-tag").length`); n != len(call.Turns) {
		t.Errorf("%d turns show their octant, want %d", n, len(call.Turns))
	}
	// The octant's name, in the interface's language, stands beside its colour.
	first := eval[string](t, trainer, `document.querySelector(".turn .octant-tag").textContent.trim()`)
	if first != string(call.Turns[0].Stance.Octant) {
		t.Errorf("turn 1 is labelled %q, want %q", first, call.Turns[0].Stance.Octant)
	}
	checkAccessibility(t, trainer, "review")
	screenshot(t, trainer, "review")

	// The trainer comments on the first agent turn, gives their own octant,
	// a rating and a focus point, saves a draft, then publishes.
	var agentTurn int64
	for _, tu := range call.Turns {
		if tu.Speaker == "agent" && tu.Phrasing != nil && len(tu.Phrasing.Findings) > 0 {
			agentTurn = tu.ID
			break
		}
	}
	sel := func(f string) chromedp.CSS { return chromedp.CSS(fmt.Sprintf(f, agentTurn)) }
	do(t, trainer,
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`#turn-%d details summary`, indexOf(call, agentTurn)))),
		chromedp.SendKeys(sel("#comment-%d"), "Noem eerst wat u de klant kunt bieden."),
		chromedp.SetValue(sel("#octant-%d"), "competitive"),
		chromedp.Click(chromedp.CSS(`input[name=rating][value="3"]`)),
		chromedp.SendKeys(chromedp.CSS("#focus"), "Vraag naar wat de klant kan missen"),
		chromedp.Click(chromedp.CSS(`button[value=draft]`)),
		chromedp.WaitVisible(chromedp.CSS(".notice")),
	)
	if got := eval[string](t, trainer, fmt.Sprintf(`document.querySelector("#comment-%d").value`, agentTurn)); got != "Noem eerst wat u de klant kunt bieden." {
		t.Fatalf("the saved draft shows comment %q", got)
	}
	do(t, trainer,
		chromedp.Click(chromedp.CSS(`button[value=publish]`)),
		chromedp.WaitVisible(chromedp.CSS("#published-h")),
	)

	// The agent signs in and finds the review to acknowledge.
	agent := user(t)
	signIn(t, agent, s, s.agent)
	do(t, agent, chromedp.WaitVisible(chromedp.CSS(".review-card.open")))
	card := eval[string](t, agent, `document.querySelector(".review-card.open").innerText`)
	for _, want := range []string{"Vraag naar wat de klant kan missen", "Noem eerst wat u de klant kunt bieden.", "competitive"} {
		if !strings.Contains(card, want) {
			t.Errorf("the agent's review card lacks %q: %q", want, card)
		}
	}
	if goals := eval[string](t, agent, `document.querySelector("#goals-h").parentElement.innerText`); !strings.Contains(goals, "Share in the target quadrant") || !strings.Contains(goals, "Complete closing") {
		t.Errorf("the agent's goals are not shown: %q", goals)
	}
	// The tip box answers as the agent types.
	do(t, agent, chromedp.SendKeys(chromedp.CSS("#tip-text"), "U moet vandaag betalen, anders dragen wij het dossier over aan de deurwaarder."))
	if _, err := chromedp.Run(agent, chromedp.Poll[bool](`document.querySelector("#tip-out").dataset.answered === document.querySelector("#tip-text").value.trim()`, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatalf("the tip box did not answer: %v", err)
	}
	stance := eval[string](t, agent, `document.querySelector("#tip-stance").textContent`)
	tip := eval[string](t, agent, `document.querySelector("#tip-tip").textContent`)
	plainer := eval[string](t, agent, `document.querySelector("#tip-plainer").textContent`)
	if stance == prompts.Missing || tip == prompts.Missing || plainer == prompts.Missing {
		t.Errorf("the tip box shows stance %q, plainer %q, tip %q", stance, plainer, tip)
	}
	checkAccessibility(t, agent, "agent")
	screenshot(t, agent, "agent")
	// Typing on changes the answer.
	do(t, agent, chromedp.SendKeys(chromedp.CSS("#tip-text"), " Ik begrijp dat het lastig is."))
	if _, err := chromedp.Run(agent, chromedp.Poll[bool](`document.querySelector("#tip-out").dataset.answered === document.querySelector("#tip-text").value.trim()`, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatalf("the tip box did not follow the typing: %v", err)
	}
	do(t, agent,
		chromedp.Click(chromedp.CSS(`.review-card.open form[action$="/acknowledge"] button`)),
		chromedp.WaitVisible(chromedp.CSS(".notice")),
	)
	if n := eval[int](t, agent, `document.querySelectorAll(".review-card.open").length`); n != 0 {
		t.Errorf("after acknowledging, %d reviews still wait", n)
	}

	// The lead sees the team's charts, per agent and for the team.
	lead := user(t)
	signIn(t, lead, s, s.lead)
	do(t, lead, chromedp.WaitVisible(chromedp.CSS("#chart-0")))
	if n := eval[int](t, lead, `document.querySelectorAll("#chart-0 .series").length`); n != 3 {
		t.Errorf("the target-share chart has %d lines, want the team's and two agents'", n)
	}
	if n := eval[int](t, lead, `document.querySelectorAll("#chart-0 .series circle").length`); n < 10 {
		t.Errorf("the target-share chart has %d points, want the weeks with calls", n)
	}
	if n := eval[int](t, lead, `document.querySelectorAll("svg.chart").length`); n != 7 {
		t.Errorf("%d charts, want 7", n)
	}
	// Breaches per call: every seeded call was checked, so each line has
	// its weeks, and each agent's row a number rather than "not checked".
	if n := eval[int](t, lead, `document.querySelectorAll("#chart-6 .series").length`); n != 3 {
		t.Errorf("the breaches chart has %d lines, want the team's and two agents'", n)
	}
	if n := eval[int](t, lead, `document.querySelectorAll("#chart-6 .series circle").length`); n < 10 {
		t.Errorf("the breaches chart has %d points, want the weeks with calls", n)
	}
	cells := eval[[]string](t, lead, `[...document.querySelectorAll("#standings tbody tr")].map(r => r.cells[5].textContent)`)
	if len(cells) != 2 {
		t.Errorf("standings list %d agents, want 2", len(cells))
	}
	for _, c := range cells {
		if _, err := strconv.ParseFloat(c, 64); err != nil {
			t.Errorf("breaches per call in the standings reads %q, want a number", c)
		}
	}
	if n := eval[int](t, lead, `document.querySelectorAll("svg.heat").length`); n != 4 {
		t.Errorf("%d heat-maps, want this month and last for two agents", n)
	}
	checkAccessibility(t, lead, "lead")
	screenshot(t, lead, "lead")
	do(t, lead, chromedp.ScrollIntoView(chromedp.CSS("#heat-h")))
	screenshot(t, lead, "lead-heat")
}
