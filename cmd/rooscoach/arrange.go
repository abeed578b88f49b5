package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/rooscoach/rooscoach/assistant/arrangement"
	"github.com/rooscoach/rooscoach/assistant/stance"
	"github.com/rooscoach/rooscoach/assistant/strictjson"
)

func readExamples(name string) ([]stance.Example, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ex, err := stance.ReadExamples(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return ex, nil
}

func runArrange(ctx context.Context, args []string, env func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("arrange", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	data, err := io.ReadAll(stdin)
	if err != nil {
		return fmt.Errorf("read stdin: %w", err)
	}
	var req arrangement.Request
	if err := strictjson.Decode(data, &req); err != nil {
		return fmt.Errorf("arrangement request on stdin: %s", userMessage(err))
	}
	arr, err := withFigures(arrangement.New(time.Now), env("ROOSCOACH_FIGURES"))
	if err != nil {
		return err
	}
	res, err := arr.Plan(ctx, req)
	if err != nil {
		return fmt.Errorf("%s", userMessage(err))
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(res)
}
