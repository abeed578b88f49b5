package phrasing

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

var update = flag.Bool("update", false, "rewrite the findings, suggested and tip sections of the golden files")

// archive is a txtar archive: a comment, then files introduced by
// "-- name --" lines. golang.org/x/tools/txtar is not a dependency, and the
// format is small enough to read here.
type archive struct {
	comment string
	names   []string
	files   map[string]string
}

func parseArchive(data string) archive {
	a := archive{files: map[string]string{}}
	cur := ""
	var b strings.Builder
	flush := func() {
		if cur == "" {
			a.comment = b.String()
		} else {
			a.files[cur] = b.String()
		}
		b.Reset()
	}
	for _, line := range strings.SplitAfter(data, "\n") {
		t := strings.TrimRight(line, "\n")
		if strings.HasPrefix(t, "-- ") && strings.HasSuffix(t, " --") && len(t) > 6 {
			flush()
			cur = strings.TrimSpace(t[3 : len(t)-3])
			a.names = append(a.names, cur)
			continue
		}
		b.WriteString(line)
	}
	flush()
	return a
}

func (a archive) format() []byte {
	var b bytes.Buffer
	b.WriteString(a.comment)
	for _, n := range a.names {
		fmt.Fprintf(&b, "-- %s --\n", n)
		f := a.files[n]
		b.WriteString(f)
		if f != "" && !strings.HasSuffix(f, "\n") {
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

func (a *archive) set(name, content string) {
	if _, ok := a.files[name]; !ok {
		a.names = append(a.names, name)
	}
	a.files[name] = content
}

// utterance reads the input and context sections. Context lines are
// "customer: text" or "customer above-opposed: text" (with its quadrant).
func utterance(t *testing.T, a archive, lang assistant.Language) assistant.Utterance {
	t.Helper()
	u := assistant.Utterance{Text: strings.TrimSpace(a.files["input"]), Language: lang}
	if q := strings.TrimSpace(a.files["stance"]); q != "" {
		st := assistant.NewStance(0, 0, 1, nil)
		st.Quadrant = assistant.Quadrant(q)
		u.Stance = &st
	}
	for i, line := range strings.Split(strings.TrimSpace(a.files["context"]), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		head, text, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("context line %d: want \"speaker: text\", got %q", i+1, line)
		}
		fields := strings.Fields(head)
		ct := assistant.ContextTurn{Speaker: assistant.Speaker(fields[0]), Text: strings.TrimSpace(text)}
		if len(fields) > 1 {
			st := assistant.NewStance(0, 0, 1, nil)
			st.Quadrant = assistant.Quadrant(fields[1])
			ct.Stance = &st
		}
		u.Context = append(u.Context, ct)
	}
	return u
}

func formatFindings(p assistant.Phrasing) string {
	var b strings.Builder
	for _, f := range p.Findings {
		fmt.Fprintf(&b, "%s: %s\n", f.Kind, f.Text)
	}
	return b.String()
}

// Each golden file holds an agent utterance (and optionally the turns before
// it) with the findings, the suggested wording and the tip a person has read
// and accepted. Run with -update after changing a template, then read every
// changed file before committing it.
func TestGolden(t *testing.T) {
	e := New()
	for _, lang := range assistant.Languages {
		files, err := filepath.Glob(filepath.Join("testdata", string(lang), "*.txtar"))
		if err != nil {
			t.Fatal(err)
		}
		if len(files) < 15 {
			t.Errorf("%s: %d golden files, want at least 15", lang, len(files))
		}
		kinds := map[assistant.FindingKind]bool{}
		for _, file := range files {
			t.Run(string(lang)+"/"+strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
				data, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				a := parseArchive(string(data))
				u := utterance(t, a, lang)
				p, err := e.Phrase(context.Background(), u)
				if err != nil {
					t.Fatalf("Phrase: %v", err)
				}
				for _, f := range p.Findings {
					kinds[f.Kind] = true
				}
				checkRewrites(t, u.Text, p)
				got := map[string]string{
					"findings":  formatFindings(p),
					"suggested": p.Suggested + "\n",
					"tip":       string(p.Tip.Kind) + ": " + p.Tip.Text + "\n",
				}
				if *update {
					for _, n := range []string{"findings", "suggested", "tip"} {
						a.set(n, got[n])
					}
					if err := os.WriteFile(file, a.format(), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				for _, n := range []string{"findings", "suggested", "tip"} {
					if want := a.files[n]; strings.TrimSpace(want) != strings.TrimSpace(got[n]) {
						t.Errorf("%s (-want +got):\n-%s\n+%s", n, strings.TrimSpace(want), strings.TrimSpace(got[n]))
					}
				}
			})
		}
		for _, k := range allKinds {
			if !kinds[k] {
				t.Errorf("%s: no golden file shows a %s finding", lang, k)
			}
		}
	}
}

// checkRewrites asserts what every rewrite must keep and drop: the flagged
// text is gone, and every amount and date of the replaced text is still there,
// as written.
func checkRewrites(t *testing.T, text string, p assistant.Phrasing) {
	t.Helper()
	runes := []rune(text)
	for _, f := range p.Findings {
		if string(runes[f.Start:f.End]) != f.Text {
			t.Errorf("finding %s: offsets [%d,%d) give %q, want %q", f.Kind, f.Start, f.End, string(runes[f.Start:f.End]), f.Text)
		}
		if f.Reason == "" {
			t.Errorf("finding %s %q has no reason", f.Kind, f.Text)
		}
		r := f.Rewrite
		if r == nil {
			continue
		}
		if string(runes[r.Start:r.End]) != r.Original {
			t.Errorf("rewrite of %q: offsets give %q", r.Original, string(runes[r.Start:r.End]))
		}
		// An imperative's verb may stay, as long as it no longer opens
		// the sentence as an order ("Pay …" → "Would you be able to pay …").
		imperative := f.Kind == assistant.FindingCommand && !strings.Contains(f.Text, " ")
		if imperative && strings.HasPrefix(strings.ToLower(r.Text), strings.ToLower(f.Text)+" ") {
			t.Errorf("rewrite of imperative %q still opens with it: %q", f.Text, r.Text)
		}
		if f.Kind != assistant.FindingLongSentence && !imperative && containsWord(r.Text, f.Text) {
			t.Errorf("rewrite of %s %q still contains it: %q", f.Kind, f.Text, r.Text)
		}
		keepsFacts(t, r.Original, r.Text)
	}
	if p.Suggested != "" {
		switch p.Tip.Kind {
		case assistant.TipCrisis:
			// After a crisis no word of payment: not one amount.
			for _, m := range amountSpans(p.Suggested) {
				t.Errorf("crisis suggestion %q for %q names the amount %q", p.Suggested, text, p.Suggested[m[0]:m[1]])
			}
		case assistant.TipDistress:
			// After a hardship the sentence that presses for payment
			// goes, amounts and dates with it; every sentence kept
			// keeps all of its own.
			for _, s := range splitSentences(nil, text) {
				if sent := text[s.start:s.end]; keptAny(sent, p.Suggested) {
					keepsFacts(t, sent, p.Suggested)
				}
			}
		default:
			keepsFacts(t, text, p.Suggested)
		}
		for _, w := range belittlingWords(t) {
			if containsWord(p.Suggested, w) && !containsWord(text, w) {
				t.Errorf("suggestion %q for %q adds the belittling word %q", p.Suggested, text, w)
			}
		}
	}
}

var (
	belittlingOnce sync.Once
	belittling     []string
	belittlingErr  error
)

// belittlingWords returns the one-word belittling forms of both lexicons
// ("gewoon", "simply"): a rewrite must never bring one in.
func belittlingWords(t *testing.T) []string {
	t.Helper()
	belittlingOnce.Do(func() {
		for _, lang := range assistant.Languages {
			entries, err := loadLexicon(lang)
			if err != nil {
				belittlingErr = err
				return
			}
			for _, e := range entries {
				if e.kind != "belittling" {
					continue
				}
				for _, f := range e.forms {
					if !strings.Contains(f, " ") {
						belittling = append(belittling, f)
					}
				}
			}
		}
	})
	if belittlingErr != nil {
		t.Fatal(belittlingErr)
	}
	return belittling
}

func containsWord(s, term string) bool {
	ls, lt := " "+strings.ToLower(s)+" ", strings.ToLower(term)
	for i := 0; ; {
		j := strings.Index(ls[i:], lt)
		if j < 0 {
			return false
		}
		at := i + j
		before, after := ls[at-1], ls[at+len(lt)]
		if !isLetterByte(before) && !isLetterByte(after) {
			return true
		}
		i = at + 1
	}
}

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 0x80 }

// keptAny reports whether any amount or date of sentence is in out.
func keptAny(sentence, out string) bool {
	for _, m := range amountSpans(sentence) {
		if strings.Contains(out, sentence[m[0]:m[1]]) {
			return true
		}
	}
	for _, d := range dateCores(sentence) {
		if strings.Contains(strings.ToLower(out), strings.ToLower(d)) {
			return true
		}
	}
	return false
}

// keepsFacts checks that every amount and date of orig is in out unchanged
// (a date may lose the capital it had at the start of a sentence).
func keepsFacts(t *testing.T, orig, out string) {
	t.Helper()
	for _, m := range amountSpans(orig) {
		if a := orig[m[0]:m[1]]; !strings.Contains(out, a) {
			t.Errorf("amount %q of %q is missing from %q", a, orig, out)
		}
	}
	for _, d := range dateCores(orig) {
		if !strings.Contains(strings.ToLower(out), strings.ToLower(d)) {
			t.Errorf("date %q of %q is missing from %q", d, orig, out)
		}
	}
}
