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
	if *lang != "auto" && *lang != "" {
		opts.Language = assistant.Language(*lang)
		if !opts.Language.Valid() {
			return usageError{fmt.Sprintf("--language %q: want auto, nl or en", *lang)}
		}
	}

	name := fs.Arg(0)
	var data []byte
	var err error
	if name == "-" {
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return fmt.Errorf("read transcript: %w", err)
	}
	t, err := transcript.Parse(data, "", opts)
	if err != nil {
		msg := assistant.ErrorMessage(err)
		if assistant.ErrorCode(err) == assistant.EUnprocessable {
			msg += " On the command line: --agent NAME (and --customer NAME)."
		}
		return fmt.Errorf("%s: %s", name, msg)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	analyzer, _ := newAnalyzer()
	an, err := analyzer.Analyze(ctx, t)
	if err != nil {
		return fmt.Errorf("%s: %s", name, userMessage(err))
	}
	if output == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(api.AnalyzeResponse{ExternalID: t.ExternalID, AgentID: t.AgentID, OccurredAt: t.OccurredAt, Analysis: an})
	}
	return writeReport(stdout, an)
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
