// Command rooscoach is the one binary of rooscoach: it serves the API,
// migrates the database and analyses transcripts from the command line.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `rooscoach — an empathetic collections-conversation assistant

Usage:
  rooscoach serve     [flags]            serve the HTTP API (DATABASE_URL, ROOSCOACH_ADDR)
  rooscoach migrate   [flags]            apply pending database migrations
  rooscoach token     create|list|revoke make, list and revoke API tokens (rooscoach token -h)
  rooscoach analyze   [flags] FILE|-     analyse a transcript; --format json for JSON
  rooscoach classify  [--lang auto|nl|en] [--speaker agent|customer]
                                         one utterance per line in (optionally a tab and the
                                         turn it answers), one JSON object per line out
  rooscoach eval      [--engine builtin|llm|both] FILE.tsv
                                         stance accuracy per language, speaker and kind, the
                                         reliability of the confidences, confusion matrices,
                                         and the engines' agreement with both
  rooscoach arrange                      arrangement request JSON on stdin, options on stdout
  rooscoach import    [flags] DIR|FILE|ZIP...   import many recorded calls through the job queue
  rooscoach seed      [--calls N] [--agents N] [--teams N]   store a generated data set of analysed calls
  rooscoach live      [flags] FILE       play a transcript through a live session of a running
                                         server and print the events (ROOSCOACH_URL,
                                         ROOSCOACH_TOKEN)
  rooscoach erase     --account REF | --before DATE
                                         erase calls with everything derived from them
  rooscoach erase     --agent ID         erase an agent with everything that identifies them
  rooscoach retention TEAM [DAYS]        keep a team's calls DAYS days (0: ROOSCOACH_RETENTION);
                                         without DAYS, show how long they are kept
  rooscoach redact    TEAM on|off        store a team's transcripts with personal data replaced

Run "rooscoach COMMAND -h" for the flags of a command. Settings come from flags
and the environment; see the README.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "rooscoach:", err)
		}
		os.Exit(exitCode(err))
	}
}

// usageError marks a mistake on the command line (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func exitCode(err error) int {
	var ue usageError
	if errors.As(err, &ue) || errors.Is(err, flag.ErrHelp) {
		return 2
	}
	return 1
}

// run dispatches a subcommand. It takes its streams and environment as
// arguments so tests can drive the real command end to end.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usageError{"no command given"}
	}
	env := os.Getenv
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return runServe(ctx, rest, env, stderr)
	case "migrate":
		return runMigrate(ctx, rest, env, stderr)
	case "token":
		return runToken(ctx, rest, env, stdout, stderr)
	case "analyze":
		return runAnalyze(ctx, rest, env, stdin, stdout, stderr)
	case "classify":
		return runClassify(ctx, rest, stdin, stdout, stderr)
	case "eval":
		return runEval(ctx, rest, env, stdout, stderr)
	case "arrange":
		return runArrange(ctx, rest, env, stdin, stdout, stderr)
	case "import":
		return runImport(ctx, rest, env, stdout, stderr)
	case "seed":
		return runSeed(ctx, rest, env, stdout, stderr)
	case "live":
		return runLive(ctx, rest, env, stdout, stderr)
	case "erase":
		return runErase(ctx, rest, env, stdout, stderr)
	case "retention":
		return runRetention(ctx, rest, env, stdout, stderr)
	case "redact":
		return runRedact(ctx, rest, env, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return usageError{fmt.Sprintf("unknown command %q", cmd)}
}
