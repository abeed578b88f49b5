package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/language"
	"github.com/rooscoach/rooscoach/assistant/stance"
)

// classification is one line of `rooscoach classify` output. Scripts and
// evaluations depend on these field names.
type classification struct {
	Text     string             `json:"text"`
	Lang     assistant.Language `json:"lang"`
	Speaker  assistant.Speaker  `json:"speaker,omitempty"`
	Previous string             `json:"previous,omitempty"`
	// NoTurn marks a line without a word: no turn, and a stance of
	// confidence 0 only so that every line has the same fields.
	NoTurn bool `json:"no_turn,omitempty"`
	assistant.Stance
}

func runClassify(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("classify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := fs.String("lang", "auto", "language of the utterances: auto (per line), nl or en")
	speaker := fs.String("speaker", "", "who says the utterances: agent or customer (default: unknown)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `Usage: rooscoach classify [--lang auto|nl|en] [--speaker agent|customer] < utterances

One utterance per line in, one JSON object per line out. A line may carry,
after a tab, the other speaker's turn it answers: a short reaction ("oh,
okay") takes its stance from it.

`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	fixed, err := assistant.ParseLanguage(*lang)
	if err != nil {
		return usageError{fmt.Sprintf("--lang: %s", assistant.ErrorMessage(err))}
	}
	sp := assistant.Speaker(*speaker)
	if sp != "" && !sp.Valid() {
		return usageError{fmt.Sprintf("--speaker: %q is not agent or customer", *speaker)}
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
		text, previous, _ := strings.Cut(sc.Text(), "\t")
		text, previous = strings.TrimSpace(text), strings.TrimSpace(previous)
		l := fixed
		if l == "" {
			// A short reaction says too little to tell its language; the
			// turn it answers is in the same call.
			l = language.Detect(strings.TrimSpace(text + "\n" + previous))
		}
		st, err := c.ClassifyReply(ctx, text, l, sp, previous)
		if err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
		out := classification{Text: text, Lang: l, Speaker: sp, Previous: previous, Stance: st, NoTurn: !hasWord(text)}
		if err := enc.Encode(out); err != nil {
			return fmt.Errorf("write line %d: %w", n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read stdin: %w", err)
	}
	return nil
}

// hasWord reports whether text holds a letter, a digit or a pictograph.
func hasWord(text string) bool {
	return strings.IndexFunc(text, func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.So, r)
	}) >= 0
}

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `Usage: rooscoach eval FILE.tsv...

Scores the built-in stance engine on labelled rows, tab-separated: lang,
quadrant, text, and optionally octant, speaker, the previous turn (the other
speaker's turn that the row answers) and the kind of turn. It prints accuracy
per language, per speaker and per kind, the reliability of the confidences
and the confusion matrices.
`)
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() < 1 {
		return usageError{"eval takes one or more FILE.tsv with rows lang, quadrant, text[, octant[, speaker[, previous[, kind]]]]"}
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
