package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/assistant/transcript"
)

func runAnalyze(ctx context.Context, args []string, env func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		format      = fs.String("format", "text", "output: text (a readable report) or json; a transcript format name ("+strings.Join(transcript.Formats, ", ")+") instead forces the input format")
		inputFormat = fs.String("input-format", "", "transcript format, detected from the content when empty: "+strings.Join(transcript.Formats, ", "))
		lang        = fs.String("language", "auto", "language of the call: auto, nl or en")
		agent       = fs.String("agent", "", "speaker label of the agent in the transcript (name or SPEAKER_00)")
		customer    = fs.String("customer", "", "speaker label of the customer in the transcript")
		agentID     = fs.String("agent-id", "", "agent identifier recorded with the call")
		externalID  = fs.String("external-id", "", "the call's identifier in your own system")
	)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: rooscoach analyze [flags] FILE|-")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return usageError{"analyze takes one FILE, or - for standard input"}
	}
	output := *format
	if output != "text" && output != "json" {
		if !transcript.KnownFormat(output) {
			return usageError{fmt.Sprintf("--format %q: want text or json for the output, or a transcript format (%s)", output, strings.Join(transcript.Formats, ", "))}
		}
		if *inputFormat == "" {
			*inputFormat = output
		}
		output = "text"
	}
	if *inputFormat != "" && !transcript.KnownFormat(*inputFormat) {
		return usageError{fmt.Sprintf("--input-format %q: want one of %s", *inputFormat, strings.Join(transcript.Formats, ", "))}
	}
	opts := transcript.Options{Format: *inputFormat, AgentSpeaker: *agent, CustomerSpeaker: *customer, AgentID: *agentID, ExternalID: *externalID}
	l, err := assistant.ParseLanguage(*lang)
	if err != nil {
		return usageError{"--language: " + assistant.ErrorMessage(err)}
	}
	opts.Language = l

	name := fs.Arg(0)
	var data []byte
	if name == "-" {
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return fmt.Errorf("read transcript: %w", err)
	}
	analyzer, arr, err := newAnalyzer(env("ROOSCOACH_FIGURES"))
	if err != nil {
		return err
	}
	svc := &coach.Service{Analyzer: analyzer, Arrangements: arr}
	t, an, err := svc.Analyze(ctx, coach.Input{Data: data, Options: opts})
	if err != nil {
		return fmt.Errorf("%s: %s", name, describe(err))
	}
	if output == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(api.AnalyzeResponse{ExternalID: t.ExternalID, AgentID: t.AgentID, TeamID: t.TeamID, OccurredAt: t.OccurredAt, Analysis: an})
	}
	return writeReport(stdout, an)
}

// cliAdvice words the transcript reader's advice in this command's flags.
var cliAdvice = transcript.Advice{
	Declare: func(side assistant.Speaker, label string) string { return fmt.Sprintf("--%s %q", side, label) },
	Force:   "with --input-format NAME",
}

// describe is what the command line says of an error of reading or
// analysing a transcript.
func describe(err error) string {
	if msg, ok := cliAdvice.Describe(err); ok {
		return msg
	}
	return userMessage(err)
}

// userMessage is what the command line shows for err: the message meant for
// people, or, for an unexpected failure, the error itself, since the person
// at the terminal is the one who has to act on it.
func userMessage(err error) string {
	if assistant.ErrorCode(err) == assistant.EInternal {
		return err.Error()
	}
	return assistant.ErrorMessage(err)
}
