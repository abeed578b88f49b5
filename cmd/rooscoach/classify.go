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
	"github.com/rooscoach/rooscoach/assistant/llm"
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

func runEval(ctx context.Context, args []string, env func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg, err := loadConfig(flag.NewFlagSet("eval-env", flag.ContinueOnError), env)
	if err != nil {
		return err
	}
	which := fs.String("engine", "builtin", "engine to evaluate: builtin, llm (from OPENAI_API_KEY, OPENAI_BASE_URL, ROOSCOACH_LLM_MODEL) or both, with their agreement")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() < 1 {
		return usageError{"eval takes one or more FILE.tsv with rows lang<TAB>quadrant<TAB>text"}
	}
	type engine struct {
		name string
		c    *recorder
	}
	var engines []engine
	switch *which {
	case "builtin", "both":
		engines = append(engines, engine{assistant.Builtin, &recorder{c: stance.New()}})
	case "llm":
	default:
		return usageError{fmt.Sprintf("--engine %q: want builtin, llm or both", *which)}
	}
	if *which == "llm" || *which == "both" {
		eng, err := cfg.LLM.newLLM(cfg.logger(stderr))
		if err != nil {
			return fmt.Errorf("LLM engine: %w", err)
		}
		if eng == nil {
			return usageError{"--engine " + *which + " needs an LLM: set OPENAI_API_KEY, or OPENAI_BASE_URL for a local server such as Ollama"}
		}
		engines = append(engines, engine{llm.Name, &recorder{c: eng}})
	}
	for _, name := range fs.Args() {
		examples, err := readExamples(name)
		if err != nil {
			return err
		}
		for _, e := range engines {
			e.c.got = e.c.got[:0]
			report, err := stance.Evaluate(ctx, e.c, examples)
			if err != nil {
				return fmt.Errorf("evaluate %s on the %s engine: %s", name, e.name, userMessage(err))
			}
			fmt.Fprintf(stdout, "== %s (%s engine)\n", name, e.name)
			if err := report.WriteText(stdout); err != nil {
				return err
			}
		}
		if len(engines) == 2 {
			a := agreementOf(engines[0].c.got, engines[1].c.got)
			fmt.Fprintf(stdout, "\n== %s: agreement of the %s and %s engines\n", name, engines[0].name, engines[1].name)
			fmt.Fprintf(stdout, "quadrant  %.1f%% (%d/%d), Cohen's kappa %.2f\noctant    %.1f%% (%d/%d)\n",
				100*a.quadrant, a.sameQuadrant, a.n, a.kappa, 100*a.octant, a.sameOctant, a.n)
		}
	}
	return nil
}

// recorder keeps the stance a classifier gave each example, in order, so
// that two engines can be compared example by example.
type recorder struct {
	c   assistant.StanceClassifier
	got []assistant.Stance
}

func (r *recorder) ClassifyTurns(ctx context.Context, turns []assistant.Turn, lang assistant.Language) ([]assistant.Stance, error) {
	st, err := r.c.ClassifyTurns(ctx, turns, lang)
	if err == nil && len(st) > 0 {
		r.got = append(r.got, st[len(st)-1])
	}
	return st, err
}

type agreement struct {
	n, sameQuadrant, sameOctant int
	quadrant, octant, kappa     float64
}

// agreementOf compares two engines' answers on the same examples: the
// share of equal quadrants and octants, and Cohen's kappa on quadrants,
// which discounts the agreement two engines would reach by chance.
func agreementOf(a, b []assistant.Stance) agreement {
	var g agreement
	g.n = min(len(a), len(b))
	if g.n == 0 {
		return g
	}
	ca, cb := map[assistant.Quadrant]int{}, map[assistant.Quadrant]int{}
	for i := 0; i < g.n; i++ {
		if a[i].Quadrant == b[i].Quadrant {
			g.sameQuadrant++
		}
		if a[i].Octant == b[i].Octant {
			g.sameOctant++
		}
		ca[a[i].Quadrant]++
		cb[b[i].Quadrant]++
	}
	n := float64(g.n)
	g.quadrant, g.octant = float64(g.sameQuadrant)/n, float64(g.sameOctant)/n
	chance := 0.0
	for _, q := range assistant.Quadrants {
		chance += float64(ca[q]) / n * float64(cb[q]) / n
	}
	if chance < 1 {
		g.kappa = (g.quadrant - chance) / (1 - chance)
	} else {
		g.kappa = 1
	}
	return g
}
