package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
	"github.com/rooscoach/rooscoach/assistant/arrangement"
	"github.com/rooscoach/rooscoach/assistant/builtin"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/store"
)

// newAnalyzer wires the built-in engines, which need no network, with the
// dated figures of the file figures names (ROOSCOACH_FIGURES) when it is
// set.
func newAnalyzer(figures string) (*assistant.Analyzer, *arrangement.Engine, error) {
	an, arr := builtin.Analyzer(time.Now)
	if figures == "" {
		return an, arr, nil
	}
	data, err := os.ReadFile(figures)
	if err != nil {
		return nil, nil, fmt.Errorf("figures: %w", err)
	}
	f, err := arrangement.LoadFigures(data)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %s", figures, userMessage(err))
	}
	arr = arr.WithFigures(f)
	an.Adviser = arr
	return an, arr, nil
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
	logger.Info("serving", "url", srv.URL(), "database", cfg.Redacted(), "engine", "built-in")

	<-ctx.Done()
	logger.Info("shutting down; in-flight requests may finish", "grace", cfg.ShutdownGrace)
	shutdown, cancel := context.WithTimeout(context.Background(), cfg.ShutdownGrace)
	defer cancel()
	if err := srv.Close(shutdown); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	logger.Info("stopped")
	return nil
}

// openServer connects to Postgres, refuses a schema that is behind the
// binary, and starts listening.
func openServer(ctx context.Context, cfg *Config, logger *slog.Logger) (*api.Server, *store.DB, error) {
	db, err := openStore(ctx, cfg.DatabaseURL, logger)
	if err != nil {
		return nil, nil, err
	}
	if err := db.CheckSchema(ctx); err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("%w (run: rooscoach migrate)", err)
	}
	analyzer, arr, err := newAnalyzer(cfg.Figures)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	svc := &coach.Service{Analyzer: analyzer, Store: db, Policies: db, Arrangements: arr}
	srv := api.NewServer(api.Config{
		Addr:           cfg.Addr,
		BodyLimit:      cfg.BodyLimit,
		RequestTimeout: cfg.RequestTimeout,
		Logger:         logger,
	}, svc, db, svc)
	if err := srv.Open(); err != nil {
		db.Close()
		return nil, nil, err
	}
	return srv, db, nil
}

// openStore waits for Postgres for a while at start-up, since a service and
// its database often start together.
func openStore(ctx context.Context, dsn string, logger *slog.Logger) (*store.DB, error) {
	deadline := time.Now().Add(30 * time.Second)
	for {
		db, err := store.Open(ctx, dsn)
		if err == nil {
			return db, nil
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
	if err := db.Migrate(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	logger.Info("database is up to date", "database", cfg.Redacted())
	return nil
}
