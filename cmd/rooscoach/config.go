package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Config holds every setting of the service. Each comes from an environment
// variable and can be overridden by a flag of the same meaning.
type Config struct {
	DatabaseURL    string        // DATABASE_URL
	Addr           string        // ROOSCOACH_ADDR, default ":8080"
	BodyLimit      int64         // ROOSCOACH_BODY_LIMIT in bytes, default 2 MiB
	RequestTimeout time.Duration // ROOSCOACH_REQUEST_TIMEOUT, default 30s
	ShutdownGrace  time.Duration // ROOSCOACH_SHUTDOWN_GRACE, default 20s
	LogLevel       string        // ROOSCOACH_LOG_LEVEL: debug, info, warn, error
	LogFormat      string        // ROOSCOACH_LOG_FORMAT: text or json
	// Figures is a JSON file of dated figures the arrangement engine plans
	// with beyond the ones it ships (ROOSCOACH_FIGURES), such as newer
	// maxima of the Dutch beslagvrije voet.
	Figures string
}

const defaultDatabaseURL = "postgres://postgres@127.0.0.1:5432/rooscoach?sslmode=disable"

// loadConfig reads the environment into a Config and registers flags on fs
// that override it.
func loadConfig(fs *flag.FlagSet, env func(string) string) (*Config, error) {
	c := &Config{
		DatabaseURL:    env("DATABASE_URL"),
		Addr:           or(env("ROOSCOACH_ADDR"), ":8080"),
		BodyLimit:      2 << 20,
		RequestTimeout: 30 * time.Second,
		ShutdownGrace:  20 * time.Second,
		LogLevel:       or(env("ROOSCOACH_LOG_LEVEL"), "info"),
		LogFormat:      or(env("ROOSCOACH_LOG_FORMAT"), "text"),
		Figures:        env("ROOSCOACH_FIGURES"),
	}
	if c.DatabaseURL == "" {
		c.DatabaseURL = defaultDatabaseURL
	}
	if v := env("ROOSCOACH_BODY_LIMIT"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("ROOSCOACH_BODY_LIMIT %q: want a positive number of bytes", v)
		}
		c.BodyLimit = n
	}
	for name, dst := range map[string]*time.Duration{"ROOSCOACH_REQUEST_TIMEOUT": &c.RequestTimeout, "ROOSCOACH_SHUTDOWN_GRACE": &c.ShutdownGrace} {
		if v := env(name); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil || d <= 0 {
				return nil, fmt.Errorf("%s %q: want a duration such as 30s", name, v)
			}
			*dst = d
		}
	}
	fs.StringVar(&c.DatabaseURL, "database-url", c.DatabaseURL, "Postgres connection URL (DATABASE_URL)")
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen address (ROOSCOACH_ADDR)")
	fs.Int64Var(&c.BodyLimit, "body-limit", c.BodyLimit, "largest request body in bytes (ROOSCOACH_BODY_LIMIT)")
	fs.DurationVar(&c.RequestTimeout, "request-timeout", c.RequestTimeout, "time limit of one request (ROOSCOACH_REQUEST_TIMEOUT)")
	fs.DurationVar(&c.ShutdownGrace, "shutdown-grace", c.ShutdownGrace, "time in-flight requests get on SIGTERM (ROOSCOACH_SHUTDOWN_GRACE)")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "debug, info, warn or error (ROOSCOACH_LOG_LEVEL)")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "text or json (ROOSCOACH_LOG_FORMAT)")
	fs.StringVar(&c.Figures, "figures", c.Figures, "JSON file of dated figures for the arrangement engine (ROOSCOACH_FIGURES)")
	return c, nil
}

// parseConfig reads the environment and then the flags of subcommand name.
func parseConfig(name string, args []string, env func(string) string, stderr io.Writer) (*Config, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg, err := loadConfig(fs, env)
	if err != nil {
		return nil, err
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// Validate checks combinations the flag package cannot.
func (c *Config) Validate() error {
	if c.BodyLimit <= 0 {
		return usageError{"body limit must be positive"}
	}
	if _, err := parseLevel(c.LogLevel); err != nil {
		return err
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return usageError{fmt.Sprintf("log format %q: want text or json", c.LogFormat)}
	}
	return nil
}

// Redacted describes the database for logs as host, port and name only, so
// that no form of DSN (URL, query parameter, key=value) can leak a password.
func (c *Config) Redacted() string {
	if u, err := url.Parse(c.DatabaseURL); err == nil && u.Scheme != "" {
		return "postgres " + u.Host + u.Path
	}
	var host, port, name string
	for _, kv := range strings.Fields(c.DatabaseURL) {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "host":
			host = v
		case "port":
			port = v
		case "dbname":
			name = v
		}
	}
	return "postgres " + host + ":" + port + "/" + name
}

func (c *Config) logger(w io.Writer) *slog.Logger {
	level, _ := parseLevel(c.LogLevel)
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(strings.ToUpper(s))); err != nil {
		return 0, usageError{fmt.Sprintf("log level %q: want debug, info, warn or error", s)}
	}
	return l, nil
}

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
