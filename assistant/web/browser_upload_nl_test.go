package web_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// A Dutch trainer uploads in a real browser with the format chosen on the
// form: the file in that format is imported, the other fails with its
// reason in Dutch, naming the format, and the upload and import pages pass
// axe-core.
func TestDutchUploadWithFormatInBrowser(t *testing.T) {
	s := newSite(t)
	vtt, err := filepath.Abs(filepath.Join(callsPath, "en-call.vtt"))
	if err != nil {
		t.Fatal(err)
	}
	txt, err := filepath.Abs(filepath.Join(callsPath, "nl-betalingsregeling.txt"))
	if err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(t.TempDir(), "leeg.vtt")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	trainer := user(t)
	signIn(t, trainer, s, s.trainer)
	toDutch(t, trainer)
	do(t, trainer,
		chromedp.Navigate(s.url+"/upload"),
		chromedp.WaitVisible(chromedp.CSS("#format")),
	)
	if label := eval[string](t, trainer, `document.querySelector("label[for=format]").textContent`); label != "Formaat" {
		t.Errorf("the format field is labelled %q, want Formaat", label)
	}
	if first := eval[string](t, trainer, `document.querySelector("#format").selectedOptions[0].textContent`); first != "Herkennen" {
		t.Errorf("the format field starts at %q, want Herkennen", first)
	}
	do(t, trainer,
		chromedp.SetUploadFiles(chromedp.CSS("#files"), []string{vtt, txt, empty}),
		chromedp.SendKeys(chromedp.CSS("#agent_id"), "anna"),
		chromedp.SetValue(chromedp.CSS("#format"), "webvtt"),
	)
	checkAccessibility(t, trainer, "upload (nl)")
	do(t, trainer, chromedp.Click(chromedp.CSS(`form[action="/upload"] button[type=submit]`)))

	deadline := time.Now().Add(30 * time.Second)
	for {
		state, _ := chromedp.Run(trainer, chromedp.Evaluate[string](`(document.querySelector("#import-state a") ? "done " : "") + document.body.innerText`))
		if strings.HasPrefix(state, "done ") {
			if !strings.Contains(state, "1 klaar") || !strings.Contains(state, "2 mislukt") {
				t.Fatalf("import finished with %q", state)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the import did not finish: %q", state)
		}
		time.Sleep(300 * time.Millisecond)
	}
	failed := eval[string](t, trainer, `document.querySelector("#import-failures").innerText`)
	for _, want := range []string{
		"nl-betalingsregeling.txt", "Het bestand is niet in het formaat webvtt dat bij het uploaden is gekozen; het lijkt text te zijn.",
		"leeg.vtt", "Het bestand is leeg (0 bytes).",
	} {
		if !strings.Contains(failed, want) {
			t.Errorf("the Dutch import page's failures do not say %q: %q", want, failed)
		}
	}
	if strings.Contains(failed, "The file") {
		t.Errorf("the Dutch import page shows an English reason: %q", failed)
	}
	checkAccessibility(t, trainer, "import (nl)")
}
