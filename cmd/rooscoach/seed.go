package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"slices"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/synth"
	"github.com/rooscoach/rooscoach/assistant/transcript"
)

// seedTiers is how many skill levels the pool of analysed calls has; a
// seeded call takes a pool call of its agent's level that week.
const seedTiers = 10

func runSeed(ctx context.Context, args []string, env func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg, err := loadConfig(fs, env)
	if err != nil {
		return err
	}
	var (
		calls  = fs.Int("calls", 1000, "number of calls to make")
		agents = fs.Int("agents", 20, "number of agents")
		teams  = fs.Int("teams", 2, "number of teams")
		weeks  = fs.Int("weeks", 26, "the calls spread over this many weeks up to today")
		turns  = fs.Int("turns", 20, "mean number of turns per call")
		pool   = fs.Int("pool", 16, "distinct transcripts analysed per skill level and language; seeded calls reuse them")
		batch  = fs.Int("batch", 500, "calls stored per transaction")
		seed   = fs.Uint64("seed", 1, "random seed: the same seed makes the same data set")
	)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: rooscoach seed [--calls N] [--agents N] [--teams N] [--weeks N] [--seed N]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usageError{"seed takes no arguments, only flags"}
	case *calls < 1 || *agents < 1 || *teams < 1 || *weeks < 1 || *pool < 1 || *batch < 1:
		return usageError{"--calls, --agents, --teams, --weeks, --pool and --batch must be at least 1"}
	case *teams > *agents:
		return usageError{fmt.Sprintf("--teams %d is more than --agents %d: every team needs an agent", *teams, *agents)}
	case *turns < 6 || *turns > 200:
		return usageError{"--turns must be between 6 and 200"}
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	logger := cfg.logger(stderr)
	db, err := openStore(ctx, cfg.DatabaseURL, logger)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.CheckSchema(ctx); err != nil {
		return fmt.Errorf("%w (run: rooscoach migrate)", err)
	}

	began := time.Now()
	r := rand.New(rand.NewPCG(*seed, 0x5eed))
	team := synth.Team(r, *agents, *teams)
	langOf := seedLanguages(r, len(team))
	fmt.Fprintf(stdout, "analysing %d transcripts for the pool …\n", seedTiers*2**pool)
	analysed, err := seedPool(ctx, r, *pool, *turns)
	if err != nil {
		return err
	}

	end := assistant.DateOf(time.Now()).Time
	start := end.AddDate(0, 0, -7**weeks)
	span := end.Sub(start)
	stored, turnCount := 0, 0
	next := *calls / 10
	for stored < *calls {
		n := min(*batch, *calls-stored)
		out := make([]*assistant.Call, n)
		for i := range out {
			k := r.IntN(len(team))
			a := team[k]
			at := start.Add(time.Duration(r.Int64N(int64(span))))
			week := int(at.Sub(start) / (7 * 24 * time.Hour))
			skill := a.Skill + a.Trend*float64(week) + (r.Float64()-0.5)*0.2
			tier := min(seedTiers-1, max(0, int(skill*seedTiers)))
			choices := analysed[langOf[k]][tier]
			src := choices[r.IntN(len(choices))]
			c := &assistant.Call{AgentID: a.ID, TeamID: a.TeamID, OccurredAt: at, Analysis: *src}
			// Each call gets its own turns: the store writes their ids.
			c.Turns = slices.Clone(src.Turns)
			out[i] = c
			turnCount += len(c.Turns)
		}
		if err := db.CreateCallsBulk(ctx, assistant.CommandLine(), out); err != nil {
			return fmt.Errorf("seed: %w", err)
		}
		if stored == 0 {
			if err := db.Analyze(ctx); err != nil {
				return fmt.Errorf("seed: %w", err)
			}
		}
		stored += n
		if stored >= next || stored == *calls {
			fmt.Fprintf(stdout, "%d of %d calls stored (%d turns), %s\n", stored, *calls, turnCount, time.Since(began).Round(time.Second))
			next += max(1, *calls/10)
		}
	}
	fmt.Fprintf(stdout, "seeded %d calls with %d turns for %d agents in %d teams over %d weeks in %s\n",
		stored, turnCount, *agents, *teams, *weeks, time.Since(began).Round(time.Second))
	return nil
}

// seedPool analyses perTier transcripts per language and skill level with
// the built-in engine, on all cores.
func seedPool(ctx context.Context, r *rand.Rand, perTier, turns int) (map[assistant.Language][][]*assistant.Analysis, error) {
	type job struct {
		lang assistant.Language
		tier int
		text string
	}
	var jobs []job
	for _, lang := range assistant.Languages {
		for tier := range seedTiers {
			for i := range perTier {
				a := synth.Agent{Skill: (float64(tier) + 0.5) / seedTiers}
				n := turns - 4 + r.IntN(9)
				text := synth.Transcript(r, synth.Call{Agent: a, Language: lang, Turns: n, Timed: i%4 != 3})
				jobs = append(jobs, job{lang, tier, text})
			}
		}
	}
	// The built-in engine with the built-in compliance packs, as serve
	// runs it without settings of its own.
	analyzer, _, _, err := newAnalyzer("", "", "")
	if err != nil {
		return nil, err
	}
	results := make([]*assistant.Analysis, len(jobs))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, j := range jobs {
		g.Go(func() error {
			t, err := transcript.Parse([]byte(j.text), "text/plain", transcript.Options{Language: j.lang})
			if err != nil {
				return fmt.Errorf("seed pool: parse generated transcript: %w", err)
			}
			an, err := analyzer.Analyze(gctx, t)
			if err != nil {
				return fmt.Errorf("seed pool: analyse generated transcript: %w", err)
			}
			results[i] = an
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	out := map[assistant.Language][][]*assistant.Analysis{}
	for _, lang := range assistant.Languages {
		out[lang] = make([][]*assistant.Analysis, seedTiers)
	}
	for i, j := range jobs {
		out[j.lang][j.tier] = append(out[j.lang][j.tier], results[i])
	}
	return out, nil
}

// seedLanguages gives the language of each of n agents: three in ten
// (rounded, at least one when there are two agents or more) in English,
// the others in Dutch, the English ones drawn at random. Counted rather
// than drawn per agent: a draw per agent gave ten Dutch agents and not
// one English call for the README's --agents 10 with the default seed.
func seedLanguages(r *rand.Rand, n int) []assistant.Language {
	english := 0
	if n >= 2 {
		english = max(1, (3*n+5)/10)
	}
	langOf := make([]assistant.Language, n)
	for i := range langOf {
		langOf[i] = assistant.Dutch
	}
	for _, i := range r.Perm(n)[:english] {
		langOf[i] = assistant.English
	}
	return langOf
}
