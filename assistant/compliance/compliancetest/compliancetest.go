// Package compliancetest reads the rule cases of package compliance
// (testdata/rules/*.txtar), so that the checker's own tests and the tests
// that store calls and read the record back play the same calls.
package compliancetest

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// Case is one call of a rule's cases: a plain-text transcript and what the
// rule must make of it.
type Case struct {
	// Rule is the id of the rule the case is about; Name is "nl/broken",
	// "en/kept-published" and the like.
	Rule, Name string
	Language   assistant.Language
	// Want is the status the rule must have: the part of Name after the
	// language, up to a dash (broken, kept, na).
	Want assistant.RuleStatus
	// Jurisdiction, TimeZone, OccurredAt and AccountRef come from the
	// case's "# key: value" lines. AccountRef "first" marks the first call
	// of an account: a test gives it an account with no calls yet.
	Jurisdiction, TimeZone, AccountRef string
	OccurredAt                         time.Time
	// Quote, when set, is the text of the first breach.
	Quote string
	// Transcript is the call in rooscoach's plain-text format.
	Transcript string
}

// Dir is the folder of the cases.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "testdata", "rules")
}

// Cases reads every case of every rule.
func Cases() ([]Case, error) {
	files, err := filepath.Glob(filepath.Join(Dir(), "*.txtar"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no rule cases in %s", Dir())
	}
	var out []Case
	for _, f := range files {
		cs, err := read(f)
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	return out, nil
}

// read parses one archive: a comment, then cases introduced by "-- name --"
// lines.
func read(path string) ([]Case, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rule := strings.TrimSuffix(filepath.Base(path), ".txtar")
	var out []Case
	var cur *Case
	var body strings.Builder
	flush := func() error {
		if cur == nil {
			return nil
		}
		cur.Transcript = body.String()
		body.Reset()
		if strings.TrimSpace(cur.Transcript) == "" {
			return fmt.Errorf("%s: case %s has no transcript", path, cur.Name)
		}
		out = append(out, *cur)
		return nil
	}
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if name, ok := strings.CutPrefix(text, "-- "); ok && strings.HasSuffix(name, " --") {
			if err := flush(); err != nil {
				return nil, err
			}
			name = strings.TrimSuffix(strings.TrimSuffix(name, " --"), ".txt")
			lang, status, ok := strings.Cut(name, "/")
			if !ok {
				return nil, fmt.Errorf("%s:%d: case %q: want LANG/STATUS", path, line, name)
			}
			status, _, _ = strings.Cut(status, "-")
			c := &Case{Rule: rule, Name: name, Language: assistant.Language(lang)}
			switch status {
			case "broken":
				c.Want = assistant.RuleBroken
			case "kept":
				c.Want = assistant.RuleKept
			case "na":
				c.Want = assistant.RuleNotApplicable
			default:
				return nil, fmt.Errorf("%s:%d: case %q: want broken, kept or na after the language", path, line, name)
			}
			if !c.Language.Valid() {
				return nil, fmt.Errorf("%s:%d: case %q: language %q", path, line, name, lang)
			}
			cur = c
			continue
		}
		if cur == nil {
			continue // the archive's comment
		}
		if kv, ok := strings.CutPrefix(text, "# "); ok && body.Len() == 0 {
			k, v, _ := strings.Cut(kv, ": ")
			switch k {
			case "jurisdiction":
				cur.Jurisdiction = v
			case "time_zone":
				cur.TimeZone = v
			case "account_ref":
				cur.AccountRef = v
			case "quote":
				cur.Quote = v
			case "occurred_at":
				t, err := time.Parse(time.RFC3339, v)
				if err != nil {
					return nil, fmt.Errorf("%s:%d: occurred_at: %v", path, line, err)
				}
				cur.OccurredAt = t
			default:
				return nil, fmt.Errorf("%s:%d: unknown key %q", path, line, k)
			}
			continue
		}
		body.WriteString(text)
		body.WriteByte('\n')
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}
