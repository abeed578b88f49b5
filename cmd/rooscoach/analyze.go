package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

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
		accountRef  = fs.String("account-ref", "", "the creditor's reference of the debt the call is about")
		timeZone    = fs.String("time-zone", "", "the customer's IANA time zone, such as Europe/Amsterdam or America/New_York")
		occurredAt  = fs.String("occurred-at", "", "when the call took place, RFC 3339 (for the calling-hours rule)")
		juris       = fs.String("jurisdiction", "", "the compliance pack to check against: nl, uk or us; inferred from the call when empty (ROOSCOACH_JURISDICTION sets the team's default, ROOSCOACH_RULES_DIR its own packs)")
		engine      = fs.String("engine", "", "builtin, llm or auto; default ROOSCOACH_ENGINE or builtin (the LLM from OPENAI_API_KEY, OPENAI_BASE_URL, ROOSCOACH_LLM_MODEL)")
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
	var err error
	opts := transcript.Options{Format: *inputFormat, AgentSpeaker: *agent, CustomerSpeaker: *customer, AgentID: *agentID, ExternalID: *externalID,
		AccountRef: *accountRef, TimeZone: *timeZone}
	if opts.Jurisdiction, err = assistant.ParseJurisdiction(*juris); err != nil {
		return usageError{"--jurisdiction: " + assistant.ErrorMessage(err)}
	}
	if *occurredAt != "" {
		if opts.OccurredAt, err = time.Parse(time.RFC3339, *occurredAt); err != nil {
			return usageError{fmt.Sprintf("--occurred-at %q: want an RFC 3339 time such as 2026-11-23T10:15:00-05:00", *occurredAt)}
		}
	}
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
	choice, err := assistant.ParseEngineChoice(*engine)
	if err != nil {
		return usageError{"--engine: " + assistant.ErrorMessage(err)}
	}
	cfg, err := loadConfig(flag.NewFlagSet("analyze-env", flag.ContinueOnError), env)
	if err != nil {
		return err
	}
	analyzer, arr, _, err := newAnalyzer(cfg.RulesDir, cfg.Jurisdiction, cfg.Figures)
	if err != nil {
		return err
	}
	svc := &coach.Service{Analyzer: analyzer, Arrangements: arr}
	if _, err := assistant.ParseEngineChoice(cfg.LLM.Engine); err == nil {
		svc.DefaultEngine = assistant.EngineChoice(cfg.LLM.Engine)
	}
	eng, err := cfg.LLM.newLLM(cfg.logger(stderr))
	if err != nil {
		return fmt.Errorf("LLM engine: %w", err)
	}
	if eng != nil {
		e := eng.Engine()
		svc.LLM = &e
	}
	t, an, err := svc.Analyze(ctx, coach.Input{Data: data, Options: opts, Engine: choice})
	if err != nil {
		return fmt.Errorf("%s: %s", name, describe(err))
	}
	if output == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(api.NewAnalyzeResponse(t, an))
	}
	return writeReport(stdout, an)
}

// describe is what the command line says of an error of reading or
// analysing a transcript: the reader's problem in this command's flags.
func describe(err error) string {
	if msg, ok := transcript.Describe(err, assistant.English, transcript.DoorCLI); ok {
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
