package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/store/storetest"
)

// notRunHere are the commands of the README that this test does not run,
// each with the reason; any other command in a sh block must run, so an
// example nobody runs cannot creep in.
var notRunHere = map[string]string{
	"make ":   "the set-up commands; CI runs make test itself",
	"go test": "the test commands themselves",
	"go run ./assistant/stance/internal/train": "retraining is checked by the stance tests (a stale model fails them)",
	"awk ":             "a filter for eval, shown with it",
	"cut ":             "a filter for eval, shown with it",
	"psql ":            "database administration on the reader's own server",
	"ollama ":          "needs a local Ollama server and a model download",
	"OPENAI_BASE_URL=": "needs a local LLM server (Ollama); the LLM engine is tested against llmtest",
	"go run ./cmd/rooscoach eval --engine both":            "needs an LLM; eval --engine both runs against llmtest in TestEvalBoth",
	"go run ./cmd/rooscoach eval testdata/stance/test":     "scores a held-out split, whose figures are reported, never checked by a test",
	"go run ./cmd/rooscoach eval testdata/stance/realtalk": "scores a held-out set of real talk, whose figures are reported, never checked by a test",
}

// readmeCommands returns the commands of the README's sh blocks, one per
// entry, with continuation lines joined.
func readmeCommands(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	in, cmd := false, ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "```sh"):
			in = true
			continue
		case strings.HasPrefix(line, "```"):
			in = false
			continue
		case !in:
			continue
		}
		line = strings.TrimSpace(line)
		if cmd == "" && (line == "" || strings.HasPrefix(line, "#")) {
			continue
		}
		if c, ok := strings.CutSuffix(line, "\\"); ok {
			cmd += c + " "
			continue
		}
		cmd += line
		// A single-quoted JSON body may span lines.
		if strings.Count(cmd, "'")%2 == 1 {
			cmd += "\n"
			continue
		}
		out = append(out, cmd)
		cmd = ""
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestREADMEExamples runs every example of the README the way a reader would
// after make run: the curl commands against a real server on a fresh
// database, in the order they appear, and the rooscoach commands through the
// real command. Examples must keep working on any day.
func TestREADMEExamples(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Fatalf("the README's examples use curl, which is not installed: apt-get install -y curl (%v)", err)
	}
	dsn := storetest.NewEmptyDSN(t)
	t.Setenv("DATABASE_URL", dsn)
	t.Setenv("ROOSCOACH_ADDR", "127.0.0.1:0")
	if _, stderr, err := runCmd(t, "", "migrate"); err != nil {
		t.Fatalf("migrate: %v\n%s", err, stderr)
	}
	ctx, stop := context.WithCancel(context.Background())
	var logs syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, nil, io.Discard, &logs) }()
	t.Cleanup(func() {
		stop()
		<-done
	})
	host := strings.TrimPrefix(waitForURL(t, &logs), "http://")
	// The README tells the reader to take the admin token from the log of
	// the first start; so does the test.
	t.Setenv("ROOSCOACH_TOKEN", firstToken(t, &logs))

	ran := 0
	for _, cmd := range readmeCommands(t) {
		if reason := skipReason(cmd); reason != "" {
			t.Logf("not run here (%s): %s", reason, cmd)
			continue
		}
		ran++
		switch {
		case strings.HasPrefix(cmd, "curl "), strings.HasPrefix(cmd, "S=$(curl "):
			// --fail-with-body turns an answer of 400 or more into an
			// error while still showing the problem. A command may keep
			// an id from one curl for the next in $S.
			line := strings.ReplaceAll(cmd, "localhost:8080", host)
			line = strings.ReplaceAll(line, "curl ", "curl --fail-with-body ")
			c := exec.Command("sh", "-c", line)
			c.Dir = "../.."
			out, err := c.CombinedOutput()
			if err != nil {
				t.Errorf("README example failed: %s\n%v\n%s", cmd, err, out)
			}
		case exportRe.MatchString(cmd):
			// export NAME=$(rooscoach …): the command's output, a token,
			// goes into the environment of the examples after it.
			m := exportRe.FindStringSubmatch(cmd)
			out, stderr, err := runCmd(t, "", readmeArgs(t, m[2])...)
			if err != nil {
				t.Errorf("README example failed: %s\n%v\n%s%s", cmd, err, out, stderr)
				continue
			}
			t.Setenv(m[1], strings.TrimSpace(out))
		case strings.HasPrefix(cmd, "go run ./cmd/rooscoach "), strings.HasPrefix(cmd, "rooscoach "):
			args := readmeArgs(t, strings.TrimPrefix(strings.TrimPrefix(cmd, "go run ./cmd/rooscoach "), "rooscoach "))
			for i, a := range args {
				// rooscoach live talks to the server, as curl does.
				args[i] = strings.ReplaceAll(a, "localhost:8080", host)
			}
			if out, stderr, err := runCmd(t, "", args...); err != nil {
				t.Errorf("README example failed: %s\n%v\n%s%s", cmd, err, out, stderr)
			}
		default:
			t.Errorf("the README shows a command this test does not know how to run: %q; run it here or list it in notRunHere with the reason", cmd)
		}
	}
	if ran < 3 {
		t.Errorf("ran %d README examples; the README's examples were not found", ran)
	}
}

// exportRe matches an example that keeps a command's output in a variable.
var exportRe = regexp.MustCompile(`^export ([A-Z_]+)=\$\((?:go run \./cmd/rooscoach|rooscoach) (.+)\)$`)

// readmeArgs splits the arguments of a rooscoach example as the shell
// would (quotes group words) and points repository paths at the root.
func readmeArgs(t *testing.T, line string) []string {
	t.Helper()
	var args []string
	var cur strings.Builder
	var quote rune
	inWord := false
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				args = append(args, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		t.Fatalf("README example has an unclosed quote: %s", line)
	}
	if inWord {
		args = append(args, cur.String())
	}
	for i, a := range args {
		if !strings.HasPrefix(a, "-") && (strings.HasPrefix(a, "testdata/") || strings.HasPrefix(a, "./")) {
			args[i] = "../../" + strings.TrimPrefix(a, "./")
		}
	}
	return args
}

func skipReason(cmd string) string {
	for prefix, reason := range notRunHere {
		if strings.HasPrefix(cmd, prefix) {
			return reason
		}
	}
	return ""
}

// TestREADMESectionsNamed checks that every message pointing a user at a
// section of the README (`the README, "Section"`) names a heading the README
// has: the first-start token message once named a section that did not exist.
func TestREADMESectionsNamed(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	headings := map[string]bool{}
	for _, line := range strings.Split(string(readme), "\n") {
		if h, ok := strings.CutPrefix(strings.TrimLeft(line, "#"), " "); ok && strings.HasPrefix(line, "#") {
			headings[h] = true
		}
	}
	// In Go source the quotes are escaped: README, \"Section\".
	named := regexp.MustCompile(`README, \\"([^"\\]+)\\"`)
	found := 0
	err = filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && path != "../.." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range named.FindAllStringSubmatch(string(src), -1) {
			found++
			if !headings[m[1]] {
				t.Errorf("%s points at the README section %q, which the README does not have", path, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 2 {
		t.Errorf("found %d pointers to README sections; the pattern no longer matches the messages", found)
	}
}

// TestREADMETryItFigures checks the figures of the abridged record in "Try
// it" against the engine: the summary and the dynamics are what a reader
// compares first, and they drift when the engine's judgement changes (the
// hardship flag once read 1 there after the engine had come to 0).
func TestREADMETryItFigures(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	out, stderr, err := runCmd(t, "", "analyze", "-format", "json", "../../testdata/calls/nl-betalingsregeling.txt")
	if err != nil {
		t.Fatalf("analyze: %v\n%s", err, stderr)
	}
	var got map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	number := regexp.MustCompile(`"(\w+)": (-?[0-9.]+)`)
	for _, part := range []string{"summary", "dynamics"} {
		line := ""
		for _, l := range strings.Split(string(readme), "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), `"`+part+`": {`) {
				line = l
				break
			}
		}
		if line == "" {
			t.Fatalf("README: no %q line in the record of \"Try it\"", part)
		}
		var figures map[string]any
		if err := json.Unmarshal(got[part], &figures); err != nil {
			t.Fatalf("%s: %v", part, err)
		}
		matches := number.FindAllStringSubmatch(line, -1)
		if len(matches) == 0 {
			t.Fatalf("README: no figure in %q", line)
		}
		for _, m := range matches {
			want, err := strconv.ParseFloat(m[2], 64)
			if err != nil {
				t.Fatal(err)
			}
			if v, ok := figures[m[1]].(float64); !ok || v != want {
				t.Errorf("README's %s.%s is %v, the engine gives %v", part, m[1], want, figures[m[1]])
			}
		}
	}
}
