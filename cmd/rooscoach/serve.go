package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
	"github.com/rooscoach/rooscoach/assistant/arrangement"
	"github.com/rooscoach/rooscoach/assistant/builtin"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/assistant/compliance"
	"github.com/rooscoach/rooscoach/assistant/llm"
	"github.com/rooscoach/rooscoach/assistant/session"
	"github.com/rooscoach/rooscoach/assistant/web"
	"github.com/rooscoach/rooscoach/store"
)

// newAnalyzer wires the built-in engines, which need no network, with the
// compliance packs: the built-in ones, the team's own from rulesDir, and the
// team's default jurisdiction; and with the dated figures of the file
// figures names (ROOSCOACH_FIGURES), when set. A broken pack or figure stops
// the start with the file and what is wrong.
func newAnalyzer(rulesDir, jurisdiction, figures string) (*assistant.Analyzer, *arrangement.Engine, *compliance.Checker, error) {
	analyzer, planner := builtin.Analyzer(time.Now)
	rules, err := compliance.Load(compliance.Options{Dir: rulesDir, Default: jurisdiction})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("compliance rule packs:\n%w", err)
	}
	analyzer.Compliance = rules
	if planner, err = withFigures(planner, figures); err != nil {
		return nil, nil, nil, err
	}
	analyzer.Adviser = planner
	return analyzer, planner, rules, nil
}

// withFigures returns arr planning with the figures of the file path as
// well as the ones it ships; arr itself when path is empty.
func withFigures(arr *arrangement.Engine, path string) (*arrangement.Engine, error) {
	if path == "" {
		return arr, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("figures: %w", err)
	}
	f, err := arrangement.LoadFigures(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", path, userMessage(err))
	}
	return arr.WithFigures(f), nil
}

func runServe(ctx context.Context, args []string, env func(string) string, stderr io.Writer) error {
	cfg, err := parseConfig("serve", args, env, stderr)
	if err != nil {
		return err
	}
	logger := cfg.logger(stderr)
	srv, db, err := openServer(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer db.Close()
	logger.Info("serving", "url", srv.URL(), "database", cfg.Redacted(), "engine", srv.engine, "llm", cfg.LLM.Describe(), "auth", cfg.Auth)

	<-ctx.Done()
	logger.Info("shutting down; in-flight requests may finish", "grace", cfg.ShutdownGrace)
	shutdown, cancel := context.WithTimeout(context.Background(), cfg.ShutdownGrace)
	defer cancel()
	if err := srv.Close(shutdown); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	// Files still at work after the grace are left to other instances or
	// the next start: their jobs stay queued.
	if err := srv.queue.Stop(shutdown); err != nil {
		logger.Warn("stopping the job queue", "err", err)
	}
	if srv.llm != nil {
		t := srv.llm.Totals()
		logger.Info("llm totals", "requests", t.Requests, "failures", t.Failures, "prompt_tokens", t.PromptTokens, "completion_tokens", t.CompletionTokens)
	}
	logger.Info("stopped")
	return nil
}

// server is the running API with what serve reports about it.
type server struct {
	*api.Server
	// engine is the default engine in force; llm is nil without an LLM.
	engine assistant.EngineChoice
	llm    *llm.Engine
	// queue works imports.
	queue *store.Queue
}

// wireLLM sets up the LLM engine of svc from cfg. What is wrong with it is
// logged in words that name the setting, and the service keeps serving on
// the built-in engine: a missing key, an unreachable server or an unknown
// model never stops rooscoach. An LLM that fails the start-up check starts
// paused (its circuit breaker open) and is asked again after the
// breaker's cool-down.
func wireLLM(ctx context.Context, cfg LLMConfig, svc *coach.Service, logger *slog.Logger) *llm.Engine {
	def, _ := assistant.ParseEngineChoice(cfg.Engine)
	svc.DefaultEngine = def
	eng, err := cfg.newLLM(logger)
	switch {
	case err != nil:
		logger.Error("the LLM engine is not set up; serving with the built-in engine", "reason", err)
	case eng == nil && def == assistant.ChooseLLM:
		logger.Warn("ROOSCOACH_ENGINE=llm, but no LLM is configured (set OPENAI_API_KEY, or OPENAI_BASE_URL for a local server); serving with the built-in engine")
	}
	if eng == nil {
		if def == assistant.ChooseLLM {
			svc.DefaultEngine = assistant.ChooseBuiltin
		}
		return nil
	}
	if err := eng.Check(ctx); err != nil {
		// Requests would otherwise each wait for their timeout before the
		// built-in engine answers; paused, they fall back at once, and the
		// breaker asks the LLM again after its cool-down.
		until := eng.Pause(err)
		logger.Warn("the LLM engine does not answer as configured; the built-in engine answers at once until it is asked again, and each record says why",
			"reason", assistant.ErrorMessage(err), "asked_again_at", until.UTC().Format(time.RFC3339))
	}
	e := eng.Engine()
	svc.LLM = &e
	return eng
}

// openServer connects to Postgres, refuses a schema that is behind the
// binary, starts the job queue and starts listening.
func openServer(ctx context.Context, cfg *Config, logger *slog.Logger) (*server, *store.DB, error) {
	db, err := openStorePool(ctx, cfg.DatabaseURL, store.Pool{MaxConns: cfg.DBMaxConns, StatementTimeout: cfg.StatementTimeout}, logger)
	if err != nil {
		return nil, nil, err
	}
	if err := db.CheckSchema(ctx); err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("%w (run: rooscoach migrate)", err)
	}
	if err := firstStart(ctx, cfg, db, logger); err != nil {
		db.Close()
		return nil, nil, err
	}
	svc, _, err := newService(db, cfg)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	eng := wireLLM(ctx, cfg.LLM, svc, logger)
	metrics, err := newMetrics(db, eng)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	svc.Observer = metrics
	queue, err := db.StartQueue(ctx, svc, cfg.queueConfig(cfg.ImportWorkers, logger))
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	srv := api.NewServer(api.Config{
		Addr:           cfg.Addr,
		BodyLimit:      cfg.BodyLimit,
		RequestTimeout: cfg.RequestTimeout,
		ImportLimit:    cfg.ImportLimit,
		Live:           session.Config{IdleTimeout: cfg.LiveIdleTimeout},
		AuthOff:        cfg.Auth == "off",
		Metrics:        metrics,
		Logger:         logger,
	}, svc, db, svc)
	pages, err := web.New(web.Config{ImportLimit: cfg.ImportLimit, FileLimit: cfg.BodyLimit, AuthOff: cfg.Auth == "off", Logger: logger}, svc, db)
	if err != nil {
		_ = queue.Stop(ctx)
		db.Close()
		return nil, nil, err
	}
	srv.Mount(pages)
	if err := srv.Open(); err != nil {
		_ = queue.Stop(ctx)
		db.Close()
		return nil, nil, err
	}
	if cfg.MetricsAddr != "" {
		u, err := srv.OpenMetrics(cfg.MetricsAddr)
		if err != nil {
			_ = srv.Close(ctx)
			_ = queue.Stop(ctx)
			db.Close()
			return nil, nil, err
		}
		logger.Info("serving metrics without a token", "url", u)
	}
	return &server{Server: srv, engine: cmp.Or(svc.DefaultEngine, assistant.ChooseBuiltin), llm: eng, queue: queue}, db, nil
}

// newMetrics makes the metrics registry with the database pool, the job
// queue's import jobs and, when configured, the LLM engine's totals.
func newMetrics(db *store.DB, eng *llm.Engine) (*api.Metrics, error) {
	m := api.NewMetrics()
	cs := []prometheus.Collector{api.DBPool(db.Stats), api.ImportJobs(db.ImportJobStates)}
	if eng != nil {
		cs = append(cs, api.LLMTotals(func() api.LLMCounts {
			t := eng.Totals()
			return api.LLMCounts{Requests: t.Requests, Failures: t.Failures, PromptTokens: t.PromptTokens, CompletionTokens: t.CompletionTokens}
		}))
	}
	if err := m.Register(cs...); err != nil {
		return nil, err
	}
	return m, nil
}

// newService wires the use cases on db with the built-in engine and the
// compliance rule packs; serve adds the LLM engine when one is configured.
// It returns the arrangement engine too, which serves explicit figures.
func newService(db *store.DB, cfg *Config) (*coach.Service, *arrangement.Engine, error) {
	analyzer, planner, rules, err := newAnalyzer(cfg.RulesDir, cfg.Jurisdiction, cfg.Figures)
	if err != nil {
		return nil, nil, err
	}
	return &coach.Service{
		Analyzer: analyzer, Store: db, Accounts: db, AccountRules: rules, Policies: db, Arrangements: planner,
		Progress: db, Imports: db, FileLimit: cfg.BodyLimit, Erasure: db,
		RedactAll: cfg.RedactTranscripts, Redaction: db,
	}, planner, nil
}

// firstStart makes sure somebody can get in. With authentication off it
// says so, loudly, at every start. Otherwise, when no token exists at all
// (a new installation), it makes one admin token and writes it to the log,
// the one time it is ever shown, so that `make run` works for a new user.
func firstStart(ctx context.Context, cfg *Config, db *store.DB, logger *slog.Logger) error {
	if cfg.Auth == "off" {
		logger.Warn("AUTHENTICATION IS OFF (ROOSCOACH_AUTH=off): anyone who can reach this port reads and changes every record as an admin, without a token. Use this only for local experiments, never with real calls.")
		return nil
	}
	token, created, err := db.CreateFirstToken(ctx)
	if err != nil {
		return fmt.Errorf("make the first admin token: %w", err)
	}
	if created {
		logger.Warn("FIRST START: there was no API token, so rooscoach made this admin token. It is shown only this once: keep it safe, sign in with it at the web pages (/) or send it as Authorization: Bearer TOKEN, and use it to make the other tokens (see the README, \"Who may see what\").",
			"token", token)
	}
	return nil
}

// openStore waits for Postgres for a while at start-up, since a service and
// its database often start together.
func openStore(ctx context.Context, dsn string, logger *slog.Logger) (*store.DB, error) {
	return openStorePool(ctx, dsn, store.Pool{}, logger)
}

// openStorePool is openStore with the pool's settings, for serve: the
// commands that migrate or erase in bulk take no statement timeout.
func openStorePool(ctx context.Context, dsn string, pool store.Pool, logger *slog.Logger) (*store.DB, error) {
	deadline := time.Now().Add(30 * time.Second)
	for {
		db, err := store.OpenPool(ctx, dsn, pool)
		if err == nil {
			return db, nil
		}
		if assistant.ErrorCode(err) != assistant.EUnavailable {
			// A missing database, a refused login, a bad connection
			// string: waiting cures none of them.
			return nil, fmt.Errorf("open database: %s", userMessage(err))
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return nil, fmt.Errorf("open database: %w", err)
		}
		logger.Warn("database not reachable yet; retrying", "err", err)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

func runMigrate(ctx context.Context, args []string, env func(string) string, stderr io.Writer) error {
	cfg, err := parseConfig("migrate", args, env, stderr)
	if err != nil {
		return err
	}
	logger := cfg.logger(stderr)
	db, err := openStore(ctx, cfg.DatabaseURL, logger)
	if err != nil {
		return err
	}
	defer db.Close()
	// Migrate runs goose on rooscoach's own migrations, then rivermigrate
	// on the job queue's.
	m, err := db.MigrateReport(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if m.Count() == 0 {
		logger.Info("database is up to date: no migrations were pending", "database", cfg.Redacted())
		return nil
	}
	versions := make([]string, len(m.Versions))
	for i, v := range m.Versions {
		versions[i] = fmt.Sprintf("%05d", v)
	}
	msg := fmt.Sprintf("applied %d migrations", len(m.Versions))
	if m.Queue > 0 {
		msg += fmt.Sprintf(" and %d of the job queue", m.Queue)
	}
	logger.Info(msg, "database", cfg.Redacted(), "versions", strings.Join(versions, " "))
	return nil
}
