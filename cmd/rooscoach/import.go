package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/assistant/transcript"
)

// cliPrincipal is who the command line acts as (see assistant.CommandLine):
// database's connection string may read and write everything.
var cliPrincipal = assistant.CommandLine()

func runImport(ctx context.Context, args []string, env func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	// The configuration's flags are all read from the environment, but only
	// those that bear on importing are offered here: the server's (-addr,
	// -auth, -body-limit, …) would only mislead in import --help.
	all := flag.NewFlagSet("import-env", flag.ContinueOnError)
	cfg, err := loadConfig(all, env)
	if err != nil {
		return err
	}
	for _, name := range importConfigFlags {
		f := all.Lookup(name)
		fs.Var(f.Value, f.Name, f.Usage)
	}
	var (
		agentID  = fs.String("agent-id", "", "the agent of calls whose transcript names none")
		teamID   = fs.String("team-id", "", "the team of calls whose transcript names none")
		agent    = fs.String("agent", "", "speaker label of the agent in every transcript (name or SPEAKER_00, spk_0)")
		customer = fs.String("customer", "", "speaker label of the customer in every transcript")
		lang     = fs.String("language", "auto", "language of the calls: auto, nl or en")
		format   = fs.String("input-format", "", "transcript format of every file, detected per file when empty: "+strings.Join(transcript.Formats, ", "))
		// No default is shown: without it, each file gets the default of
		// the instance that works it, which need not be this one's.
		engine = fs.String("engine", "", "engine the calls are analysed with: builtin, llm or auto; when not given, the default (ROOSCOACH_ENGINE) of the instance that works each file")
		noWait = fs.Bool("no-wait", false, "queue the import and return; running rooscoach serve instances work it")
		resume = fs.Int64("resume", 0, "watch and work import ID, such as one left by an interrupted import")
	)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: rooscoach import [flags] DIR|FILE|ZIP...\n       rooscoach import --resume ID")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if (fs.NArg() == 0) == (*resume == 0) {
		fs.Usage()
		return usageError{"import takes files, folders or zips, or --resume ID"}
	}
	l, err := assistant.ParseLanguage(*lang)
	if err != nil {
		return usageError{"--language: " + assistant.ErrorMessage(err)}
	}
	var choice assistant.EngineChoice
	if flagGiven(fs, "engine") {
		if *resume != 0 {
			// The jobs of a queued import carry the engine it was made with.
			return usageError{"--engine is for a new import; a resumed import keeps the engine it was made with"}
		}
		if choice, err = assistant.ParseEngineChoice(*engine); err != nil || choice == "" {
			return usageError{fmt.Sprintf("--engine %q: want builtin, llm or auto", *engine)}
		}
		// This process works files of the import too: the choice is its
		// default as well.
		cfg.LLM.Engine = *engine
	}
	if *resume != 0 && (flagGiven(fs, "agent") || flagGiven(fs, "customer")) {
		return usageError{"--agent and --customer are for a new import; a resumed import keeps the speakers it was made with"}
	}
	opts := assistant.ImportOptions{AgentID: *agentID, TeamID: *teamID, Language: l, Format: *format, Engine: choice,
		AgentSpeaker: *agent, CustomerSpeaker: *customer}

	var files []assistant.UploadedFile
	for _, arg := range fs.Args() {
		fs, err := collectFiles(arg, cfg.BodyLimit)
		if err != nil {
			return err
		}
		files = append(files, fs...)
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
	svc, _, err := newService(db, cfg)
	if err != nil {
		return err
	}
	// The LLM as serve has it, so that this process works the files of an
	// import that asks for it (its own, or a resumed one) as a server
	// would. Its line per request at info would bury the progress bar:
	// warnings and errors show, and everything at debug when asked.
	level, _ := parseLevel(cfg.LogLevel)
	if level == slog.LevelInfo {
		level = slog.LevelWarn
	}
	wireLLM(ctx, cfg.LLM, svc, cfg.loggerAt(stderr, level))
	workers := cfg.ImportWorkers
	if *noWait {
		workers = 0
	}
	// The queue's own log lines would break the progress bar's line.
	queue, err := db.StartQueue(ctx, svc, cfg.queueConfig(workers, nil))
	if err != nil {
		return err
	}
	defer func() {
		stop, cancel := context.WithTimeout(context.Background(), cfg.ShutdownGrace)
		defer cancel()
		_ = queue.Stop(stop)
	}()

	var imp *assistant.Import
	if *resume != 0 {
		imp, err = svc.Import(ctx, cliPrincipal, *resume)
	} else {
		imp, err = svc.CreateImport(ctx, cliPrincipal, opts, files)
	}
	if err != nil {
		return errors.New(userMessage(err))
	}
	if *noWait {
		fmt.Fprintf(stdout, "import %d queued: %s, %d failed at once; follow it with GET /v1/imports/%d\n", imp.ID, countFiles(imp.Files), imp.Failed, imp.ID)
		return nil
	}
	imp, err = watchImport(ctx, svc, imp, *resume != 0, stderr)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintf(stderr, "\ninterrupted with %d of %d files left; nothing is lost: running rooscoach serve instances go on with it, or run rooscoach import --resume %d\n", imp.Left, imp.Files, imp.ID)
		}
		return err
	}
	writeImportSummary(stdout, imp)
	if imp.Failed > 0 {
		return fmt.Errorf("%d of %d files failed", imp.Failed, imp.Files)
	}
	return nil
}

// importConfigFlags are the configuration's flags rooscoach import offers:
// the database, the log, and what the analysis of the files it works
// depends on. --engine is the import's own flag.
var importConfigFlags = []string{"database-url", "log-level", "log-format", "rules-dir", "jurisdiction", "figures",
	"openai-base-url", "llm-model", "llm-timeout", "llm-redact", "import-workers"}

// watchImport shows a progress bar until no file of imp is left; resumed
// says whether imp was made by an earlier run.
func watchImport(ctx context.Context, svc *coach.Service, imp *assistant.Import, resumed bool, stderr io.Writer) (*assistant.Import, error) {
	if imp.Finished {
		// A resumed import that was finished meanwhile: nothing to watch.
		return imp, nil
	}
	bar := newImportBar(imp, resumed, stderr)
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		bar.update(imp)
		if imp.Finished {
			_ = bar.Finish()
			return imp, nil
		}
		select {
		case <-ctx.Done():
			return imp, ctx.Err()
		case <-tick.C:
		}
		next, err := svc.Import(ctx, cliPrincipal, imp.ID)
		if err != nil {
			if ctx.Err() != nil {
				return imp, ctx.Err()
			}
			return imp, fmt.Errorf("follow import %d: %s", imp.ID, userMessage(err))
		}
		imp = next
	}
}

// importBar is the progress bar of an import that is not finished. It
// counts the files finished while it watches, out of those left when it
// started: the bar's rate and time left are of this run's work. A resumed
// import's files done before, or a new import's files that failed at
// upload, would otherwise count as done in the bar's first instant, and
// make both nonsense; its description says how many there were.
type importBar struct {
	*progressbar.ProgressBar
	// before is the files finished (done or failed) when the bar started.
	before int
}

func newImportBar(imp *assistant.Import, resumed bool, w io.Writer) *importBar {
	before := imp.Done + imp.Failed
	desc := fmt.Sprintf("import %d", imp.ID)
	switch {
	case before == 0:
	case resumed:
		desc += fmt.Sprintf(" (%d of %d files done before)", before, imp.Files)
	default:
		// Only a new import's files that could not be read are finished
		// before it is worked.
		desc += fmt.Sprintf(" (%d of %d files failed at upload)", before, imp.Files)
	}
	return &importBar{before: before, ProgressBar: progressbar.NewOptions(imp.Files-before,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionShowCount(),
		progressbar.OptionSetItsString("files"),
		progressbar.OptionShowIts(),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }),
	)}
}

// update shows how far imp has come.
func (b *importBar) update(imp *assistant.Import) {
	_ = b.Set(imp.Done + imp.Failed - b.before)
}

// flagGiven reports whether the flag name was given on the command line.
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// countFiles is "1 file" or "n files".
func countFiles(n int) string {
	if n == 1 {
		return "1 file"
	}
	return strconv.Itoa(n) + " files"
}

func writeImportSummary(w io.Writer, imp *assistant.Import) {
	fmt.Fprintf(w, "import %d: %s: %d stored (%d new, %d stored before), %d failed\n",
		imp.ID, countFiles(imp.Files), imp.Done, imp.Created, imp.Done-imp.Created, imp.Failed)
	for _, f := range imp.Failures {
		fmt.Fprintf(w, "  %s: %s\n", f.Name, f.Reason)
	}
}

// collectFiles reads a file, the files of a folder (recursively, leaving
// out hidden ones) or the files of a zip. A file over limit bytes is
// returned with its reason rather than read, so it fails alone.
func collectFiles(arg string, limit int64) ([]assistant.UploadedFile, error) {
	info, err := os.Stat(arg)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	if !info.IsDir() {
		return readUpload(arg, filepath.Base(arg), info.Size(), limit)
	}
	var out []assistant.UploadedFile
	err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != arg {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(arg, p)
		if err != nil {
			return err
		}
		fs, err := readUpload(p, filepath.ToSlash(rel), fi.Size(), limit)
		out = append(out, fs...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	return out, nil
}

func readUpload(path, name string, size, limit int64) ([]assistant.UploadedFile, error) {
	isZip := strings.EqualFold(filepath.Ext(name), ".zip")
	if size > limit && !isZip {
		return []assistant.UploadedFile{{Name: name, Reason: &assistant.ImportReason{Code: assistant.ReasonTooLarge, Size: size, Limit: limit}}}, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	if !isZip {
		return []assistant.UploadedFile{{Name: name, Data: data}}, nil
	}
	files, err := coach.UnpackZip(name, data, limit)
	if err != nil {
		return nil, errors.New(userMessage(err))
	}
	for i := range files {
		files[i].Name = name + "/" + files[i].Name
	}
	return files, nil
}
