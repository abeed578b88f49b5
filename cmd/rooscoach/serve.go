package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
	"github.com/rooscoach/rooscoach/assistant/arrangement"
	"github.com/rooscoach/rooscoach/assistant/builtin"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/store"
)

// newAnalyzer wires the built-in engines, which need no network.
func newAnalyzer() (*assistant.Analyzer, *arrangement.Engine) {
	return builtin.Analyzer(time.Now)
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
	logger.Info("serving", "url", srv.URL(), "database", cfg.Redacted(), "engine", "built-in", "auth", cfg.Auth)

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
	if err := firstStart(ctx, cfg, db, logger); err != nil {
		db.Close()
		return nil, nil, err
	}
	analyzer, planner := newAnalyzer()
	srv := api.NewServer(api.Config{
		Addr:           cfg.Addr,
		BodyLimit:      cfg.BodyLimit,
		RequestTimeout: cfg.RequestTimeout,
		AuthOff:        cfg.Auth == "off",
		Logger:         logger,
	}, &coach.Service{Analyzer: analyzer, Store: db}, db, planner)
	if err := srv.Open(); err != nil {
		db.Close()
		return nil, nil, err
	}
	return srv, db, nil
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
		logger.Warn("FIRST START: there was no API token, so rooscoach made this admin token. It is shown only this once: keep it safe, send it as Authorization: Bearer TOKEN, and use it to make the other tokens (see the README, Tokens and roles).",
			"token", token)
	}
	return nil
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
