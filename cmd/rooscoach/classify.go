package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/language"
	"github.com/rooscoach/rooscoach/assistant/stance"
)

// classification is one line of `rooscoach classify` output. Scripts and
// evaluations depend on these field names.
type classification struct {
	Text string             `json:"text"`
	Lang assistant.Language `json:"lang"`
	assistant.Stance
}

func runClassify(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("classify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := fs.String("lang", "auto", "language of the utterances: auto (per line), nl or en")
	if err := fs.Parse(args); err != nil {
		return err
	}
	fixed, err := assistant.ParseLanguage(*lang)
	if err != nil {
		return usageError{fmt.Sprintf("--lang: %s", assistant.ErrorMessage(err))}
	}
	c := stance.New()
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for n := 1; sc.Scan(); n++ {
		// A blank line still gets its line of output, so that line n of the
		// output always answers line n of the input.
		text := strings.TrimSpace(sc.Text())
		l := fixed
		if l == "" {
			l = language.Detect(text)
		}
		st, err := c.Classify(ctx, text, l)
		if err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
		if err := enc.Encode(classification{Text: text, Lang: l, Stance: st}); err != nil {
			return fmt.Errorf("write line %d: %w", n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read stdin: %w", err)
	}
	return nil
}

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() < 1 {
		return usageError{"eval takes one or more FILE.tsv with rows lang<TAB>quadrant<TAB>text"}
	}
	c := stance.New()
	for _, name := range fs.Args() {
		examples, err := readExamples(name)
		if err != nil {
			return err
		}
		report, err := stance.Evaluate(ctx, c, examples)
		if err != nil {
			return fmt.Errorf("evaluate %s: %w", name, err)
		}
		fmt.Fprintf(stdout, "== %s\n", name)
		if err := report.WriteText(stdout); err != nil {
			return err
		}
	}
	return nil
}
