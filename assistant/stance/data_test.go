package stance_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/rooscoach/rooscoach/assistant"
)

// The speaker-aware stance sets (issue 14) live under testdata/stance in
// train_v2/, dev_v2/, test_v2/ and extra_v2/, one file per language. Their format and labelling
// rules are in testdata/stance/README.md; the kinds, with the speakers and
// octants each allows, in testdata/stance/kinds.tsv.
const (
	stanceDir = "../../testdata/stance"
	v2Header  = "lang\tquadrant\ttext\toctant\tspeaker\tprevious\tkind"
)

// Floors that keep the sets from thinning out unnoticed; issue 14 asks for
// at least 1,500 rows per language, customers at least 40% of them, every
// kind well represented in both languages, a previous turn on most rows and
// a development split of about 15%.
const (
	minRowsPerLang      = 1500
	minCustomerShare    = 0.40
	minPreviousShare    = 0.80
	minPerKindLang      = 20
	minPerKindSpeaker   = 5 // for kinds both speakers can have
	devShareLo, devShHi = 0.10, 0.20
)

type kindRule struct {
	speakers map[assistant.Speaker]bool
	octants  map[assistant.Octant]bool
}

type v2Row struct {
	where    string
	lang     assistant.Language
	octant   assistant.Octant
	speaker  assistant.Speaker
	previous string
	kind     string
	dev      bool
}

func readKinds(t *testing.T) map[string]kindRule {
	t.Helper()
	lines := readLines(t, filepath.Join(stanceDir, "kinds.tsv"))
	if len(lines) == 0 || lines[0] != "kind\tspeakers\toctants\twhat it is" {
		t.Fatalf("kinds.tsv: want the header kind, speakers, octants, what it is")
	}
	kinds := map[string]kindRule{}
	for i, l := range lines[1:] {
		f := strings.Split(l, "\t")
		if len(f) != 4 || f[3] == "" {
			t.Fatalf("kinds.tsv:%d: want 4 non-empty tab-separated fields, got %q", i+2, l)
		}
		r := kindRule{speakers: map[assistant.Speaker]bool{}, octants: map[assistant.Octant]bool{}}
		for _, s := range strings.Split(f[1], ",") {
			if !assistant.Speaker(s).Valid() {
				t.Fatalf("kinds.tsv:%d: speaker %q is not agent or customer", i+2, s)
			}
			r.speakers[assistant.Speaker(s)] = true
		}
		for _, o := range strings.Split(f[2], ",") {
			if !assistant.Octant(o).Valid() {
				t.Fatalf("kinds.tsv:%d: %q is not an octant", i+2, o)
			}
			r.octants[assistant.Octant(o)] = true
		}
		if _, dup := kinds[f[0]]; dup {
			t.Fatalf("kinds.tsv:%d: kind %q listed twice", i+2, f[0])
		}
		kinds[f[0]] = r
	}
	return kinds
}

func readLines(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		out = append(out, strings.TrimSuffix(sc.Text(), "\r"))
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return out
}

// checkText returns what is wrong with a text field, or "".
func checkText(s string) string {
	if s != strings.TrimSpace(s) {
		return "has leading or trailing space"
	}
	for i, r := range []rune(s) {
		if unicode.IsControl(r) {
			return fmt.Sprintf("has a control character at rune %d", i)
		}
	}
	return ""
}

// readV2 checks every row of one speaker-aware file against the format and
// the kinds, reporting each problem with its file and line.
func readV2(t *testing.T, name string, kinds map[string]kindRule, dev bool) []v2Row {
	t.Helper()
	lines := readLines(t, name)
	if len(lines) == 0 || lines[0] != v2Header {
		t.Errorf("%s: want the header %q", name, v2Header)
		return nil
	}
	wantLang := assistant.Language(strings.TrimSuffix(filepath.Base(name), ".tsv"))
	var rows []v2Row
	for i, l := range lines[1:] {
		where := fmt.Sprintf("%s:%d", name, i+2)
		f := strings.Split(l, "\t")
		if len(f) != 7 {
			t.Errorf("%s: want 7 tab-separated fields, got %d", where, len(f))
			continue
		}
		r := v2Row{where: where, lang: assistant.Language(f[0]), octant: assistant.Octant(f[3]),
			speaker: assistant.Speaker(f[4]), previous: f[5], kind: f[6], dev: dev}
		q := assistant.Quadrant(f[1])
		switch {
		case r.lang != wantLang:
			t.Errorf("%s: language %q in the %s file", where, f[0], wantLang)
		case !q.Valid():
			t.Errorf("%s: %q is not a quadrant", where, f[1])
		case !r.octant.Valid():
			t.Errorf("%s: %q is not an octant", where, f[3])
		case r.octant.Quadrant() != q:
			t.Errorf("%s: octant %s lies in %s, not in %s", where, r.octant, r.octant.Quadrant(), q)
		case !r.speaker.Valid():
			t.Errorf("%s: speaker %q is not agent or customer", where, f[4])
		case f[2] == "":
			t.Errorf("%s: the text is empty", where)
		case checkText(f[2]) != "":
			t.Errorf("%s: the text %s", where, checkText(f[2]))
		case checkText(f[5]) != "":
			t.Errorf("%s: the previous turn %s", where, checkText(f[5]))
		case strings.EqualFold(f[2], f[5]):
			t.Errorf("%s: the previous turn repeats the text", where)
		default:
			k, ok := kinds[r.kind]
			switch {
			case !ok:
				t.Errorf("%s: kind %q is not in kinds.tsv", where, r.kind)
			case !k.speakers[r.speaker]:
				t.Errorf("%s: kind %s is not for the %s", where, r.kind, r.speaker)
			case !k.octants[r.octant]:
				t.Errorf("%s: kind %s does not take octant %s (kinds.tsv)", where, r.kind, r.octant)
			case r.kind == "short-reaction" && r.previous == "":
				t.Errorf("%s: a short reaction needs the turn it answers", where)
			default:
				rows = append(rows, r)
			}
		}
	}
	return rows
}

// TestStanceDataV2 checks the speaker-aware stance sets: format, labels
// consistent with the rose and with the kinds, and the volume and balance
// issue 14 asks for.
func TestStanceDataV2(t *testing.T) {
	kinds := readKinds(t)
	var rows []v2Row
	for _, split := range []string{"train_v2", "dev_v2", "test_v2", "extra_v2", "extra_v3"} {
		for _, lang := range []string{"nl", "en"} {
			rows = append(rows, readV2(t, filepath.Join(stanceDir, split, lang+".tsv"), kinds, split == "dev_v2")...)
		}
	}
	type lk struct {
		lang assistant.Language
		kind string
	}
	type lks struct {
		lk
		speaker assistant.Speaker
	}
	total, customers, withPrev, dev := map[assistant.Language]int{}, map[assistant.Language]int{}, map[assistant.Language]int{}, map[assistant.Language]int{}
	perKind, perKindSpeaker := map[lk]int{}, map[lks]int{}
	for _, r := range rows {
		total[r.lang]++
		if r.speaker == assistant.Customer {
			customers[r.lang]++
		}
		if r.previous != "" {
			withPrev[r.lang]++
		}
		if r.dev {
			dev[r.lang]++
		}
		perKind[lk{r.lang, r.kind}]++
		perKindSpeaker[lks{lk{r.lang, r.kind}, r.speaker}]++
	}
	for _, lang := range []assistant.Language{assistant.Dutch, assistant.English} {
		n := total[lang]
		if n < minRowsPerLang {
			t.Errorf("%s: %d rows, want at least %d", lang, n, minRowsPerLang)
			continue
		}
		share := func(k int) float64 { return float64(k) / float64(n) }
		if share(customers[lang]) < minCustomerShare {
			t.Errorf("%s: customers' turns are %.0f%% of rows, want at least %.0f%%", lang, 100*share(customers[lang]), 100*minCustomerShare)
		}
		if share(withPrev[lang]) < minPreviousShare {
			t.Errorf("%s: %.0f%% of rows give the previous turn, want at least %.0f%%", lang, 100*share(withPrev[lang]), 100*minPreviousShare)
		}
		if s := share(dev[lang]); s < devShareLo || s > devShHi {
			t.Errorf("%s: the development split holds %.0f%% of rows, want %.0f–%.0f%%", lang, 100*s, 100*devShareLo, 100*devShHi)
		}
		names := make([]string, 0, len(kinds))
		for k := range kinds {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			if c := perKind[lk{lang, k}]; c < minPerKindLang {
				t.Errorf("%s: kind %s has %d rows, want at least %d", lang, k, c, minPerKindLang)
			}
			if len(kinds[k].speakers) < 2 {
				continue
			}
			for s := range kinds[k].speakers {
				if c := perKindSpeaker[lks{lk{lang, k}, s}]; c < minPerKindSpeaker {
					t.Errorf("%s: kind %s has %d %s rows, want at least %d", lang, k, c, s, minPerKindSpeaker)
				}
			}
		}
	}
	// Every kind is documented in the README next to the octant it usually
	// gets.
	readme, err := os.ReadFile(filepath.Join(stanceDir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for k := range kinds {
		if !strings.Contains(string(readme), "`"+k+"`") {
			t.Errorf("README.md does not document the kind `%s`", k)
		}
	}
}

// olderDuplicates is how many texts the sets from before issue 14 may
// repeat among themselves. Three rows of
// assistant/stance/testdata/paraphrase.tsv that copied rows of test.tsv and
// train.tsv were removed for issue 14; none may come back.
const olderDuplicates = 0

// TestStanceTextsUnique checks that no text occurs twice, case and spacing
// aside, within or across the stance sets: the speaker-aware ones, the older
// development, training and held-out splits, the package's paraphrases and
// any held-out set of real talk, so that nothing trained on is also scored.
// Duplicates are reported by location only, so that the text of a held-out
// row is never shown.
func TestStanceTextsUnique(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(stanceDir, "*.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	nested, err := filepath.Glob(filepath.Join(stanceDir, "*", "*.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, nested...)
	files = append(files, "testdata/paraphrase.tsv")
	seen := map[string]string{}
	read, older := 0, 0
	for _, name := range files {
		// kinds.tsv and the second annotator's and adjudicator's labels
		// hold no texts.
		if b := filepath.Base(name); b == "kinds.tsv" || b == "second_annotator.tsv" || b == "adjudicated.tsv" {
			continue
		}
		lines := readLines(t, name)
		if len(lines) == 0 {
			continue
		}
		col := 2 // lang, quadrant, text, … unless the header says otherwise
		for i, h := range strings.Split(lines[0], "\t") {
			if strings.EqualFold(strings.TrimSpace(h), "text") {
				col = i
			}
		}
		for i, l := range lines[1:] {
			f := strings.Split(l, "\t")
			if len(f) <= col || strings.TrimSpace(f[col]) == "" || strings.HasPrefix(l, "#") {
				continue
			}
			key := strings.Join(strings.Fields(strings.ToLower(f[col])), " ")
			where := fmt.Sprintf("%s:%d", name, i+2)
			if first, dup := seen[key]; dup {
				if isV2(name) || isV2(first) {
					t.Errorf("%s repeats the text of %s", where, first)
				} else {
					older++
					t.Logf("%s repeats the text of %s (older sets)", where, first)
				}
				continue
			}
			seen[key] = where
			read++
		}
	}
	if older > olderDuplicates {
		t.Errorf("the older stance sets repeat %d texts among themselves, want at most %d", older, olderDuplicates)
	}
	if read < 2*minRowsPerLang {
		t.Errorf("read %d texts from %d files, want the speaker-aware sets among them", read, len(files))
	}
}

func isV2(where string) bool {
	for _, split := range []string{"train_v2", "dev_v2", "test_v2", "extra_v2", "extra_v3"} {
		if strings.Contains(where, split) {
			return true
		}
	}
	return false
}
