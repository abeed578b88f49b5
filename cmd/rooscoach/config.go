package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/llm"
	"github.com/rooscoach/rooscoach/store"
)

// Config holds every setting of the service. Each comes from an environment
// variable and can be overridden by a flag of the same meaning.
type Config struct {
	DatabaseURL string // DATABASE_URL
	// DBMaxConns is the most Postgres connections this instance opens
	// (ROOSCOACH_DB_MAX_CONNS, default 20).
	DBMaxConns int
	// StatementTimeout is Postgres's statement_timeout for this
	// instance's connections (ROOSCOACH_DB_STATEMENT_TIMEOUT, default 0:
	// the server's setting).
	StatementTimeout time.Duration
	Addr             string // ROOSCOACH_ADDR, default ":8080"
	// MetricsAddr, when set, serves GET /metrics without a token on an
	// address of its own (ROOSCOACH_METRICS_ADDR), such as "127.0.0.1:9090";
	// on the main address /metrics takes an admin token.
	MetricsAddr    string
	BodyLimit      int64         // ROOSCOACH_BODY_LIMIT in bytes, default 2 MiB
	ImportLimit    int64         // ROOSCOACH_IMPORT_LIMIT in bytes, default 64 MiB: one upload of POST /v1/imports
	RequestTimeout time.Duration // ROOSCOACH_REQUEST_TIMEOUT, default 30s
	ShutdownGrace  time.Duration // ROOSCOACH_SHUTDOWN_GRACE, default 20s
	LogLevel       string        // ROOSCOACH_LOG_LEVEL: debug, info, warn, error
	LogFormat      string        // ROOSCOACH_LOG_FORMAT: text or json
	RulesDir       string        // ROOSCOACH_RULES_DIR: the team's own compliance packs
	Jurisdiction   string        // ROOSCOACH_JURISDICTION: the installation's default jurisdiction, after a team's own
	// Figures is a JSON file of dated figures the arrangement engine plans
	// with beyond the ones it ships (ROOSCOACH_FIGURES), such as newer
	// maxima of the Dutch beslagvrije voet.
	Figures string
	// Auth is ROOSCOACH_AUTH: "on" (the default) asks every request but
	// the health checks for a token; "off" serves everyone as an admin, for
	// local experiments only.
	Auth string
	// The job queue that works imports (River on Postgres).
	ImportWorkers int           // ROOSCOACH_IMPORT_WORKERS, default 2; 0 works no import here
	JobPoll       time.Duration // ROOSCOACH_JOB_POLL, default 1s
	JobTimeout    time.Duration // ROOSCOACH_JOB_TIMEOUT, default 1m
	JobRescue     time.Duration // ROOSCOACH_JOB_RESCUE_AFTER, default 5m
	// Retention is how long calls of teams without a period of their own
	// are kept (ROOSCOACH_RETENTION, such as 365d); 0 keeps them.
	Retention time.Duration
	// RedactTranscripts stores every transcript with personal data
	// replaced by placeholders (ROOSCOACH_REDACT_TRANSCRIPTS, default
	// false); a team may choose so for itself (rooscoach redact).
	RedactTranscripts bool
	// RetentionEvery is how often retention is applied
	// (ROOSCOACH_RETENTION_EVERY, default 1h).
	RetentionEvery time.Duration
	// LiveIdleTimeout ends a live session nobody follows after this long
	// without an utterance (ROOSCOACH_LIVE_IDLE_TIMEOUT, default 2m).
	LiveIdleTimeout time.Duration
	LLM             LLMConfig
}

// LLMConfig holds the settings of the LLM engine. It is configured when an
// API key, a base URL or an Azure endpoint is set.
type LLMConfig struct {
	// Engine is the engine of a request that names none (ROOSCOACH_ENGINE):
	// builtin (the default), llm or auto.
	Engine          string
	APIKey          string        // OPENAI_API_KEY (never a flag: flags show in ps)
	BaseURL         string        // OPENAI_BASE_URL: an OpenAI-compatible server (Ollama, vLLM, llama.cpp)
	Model           string        // ROOSCOACH_LLM_MODEL, default gpt-4o-mini
	AzureEndpoint   string        // AZURE_OPENAI_ENDPOINT
	AzureAPIKey     string        // AZURE_OPENAI_API_KEY
	AzureAPIVersion string        // AZURE_OPENAI_API_VERSION, default 2024-10-21
	AzureDeployment string        // AZURE_OPENAI_DEPLOYMENT, default the model
	Timeout         time.Duration // ROOSCOACH_LLM_TIMEOUT, default 10s, per task
	Retries         int           // ROOSCOACH_LLM_RETRIES, default 2
	MaxPromptRunes  int           // ROOSCOACH_LLM_MAX_PROMPT in characters, default 24000
	ResponseFormat  string        // ROOSCOACH_LLM_RESPONSE_FORMAT: json_schema or json_object
	Redact          bool          // ROOSCOACH_LLM_REDACT, default true
	// now is the circuit breaker's clock, replaced in tests; nil means
	// time.Now.
	now func() time.Time
}

// Configured reports whether an LLM is set up at all.
func (c LLMConfig) Configured() bool {
	return c.APIKey != "" || c.BaseURL != "" || c.AzureEndpoint != ""
}

// Describe names the LLM for logs: model and server, never the key.
func (c LLMConfig) Describe() string {
	if !c.Configured() {
		return "none (set OPENAI_API_KEY or OPENAI_BASE_URL)"
	}
	where := "api.openai.com"
	switch {
	case c.AzureEndpoint != "":
		where = "Azure " + hostOf(c.AzureEndpoint)
	case c.BaseURL != "":
		where = hostOf(c.BaseURL)
	}
	redaction := "personal data redacted"
	if !c.Redact {
		redaction = "personal data NOT redacted"
	}
	return c.Model + " at " + where + ", " + redaction
}

func hostOf(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		return u.Scheme + "://" + u.Host
	}
	return "the configured address"
}

const defaultDatabaseURL = "postgres://postgres@127.0.0.1:5432/rooscoach?sslmode=disable"

// loadConfig reads the environment into a Config and registers flags on fs
// that override it.
func loadConfig(fs *flag.FlagSet, env func(string) string) (*Config, error) {
	c := &Config{
		DatabaseURL:     env("DATABASE_URL"),
		Addr:            or(env("ROOSCOACH_ADDR"), ":8080"),
		MetricsAddr:     env("ROOSCOACH_METRICS_ADDR"),
		BodyLimit:       2 << 20,
		ImportLimit:     64 << 20,
		LiveIdleTimeout: 2 * time.Minute,
		RequestTimeout:  30 * time.Second,
		ShutdownGrace:   20 * time.Second,
		LogLevel:        or(env("ROOSCOACH_LOG_LEVEL"), "info"),
		LogFormat:       or(env("ROOSCOACH_LOG_FORMAT"), "text"),
		Auth:            or(env("ROOSCOACH_AUTH"), "on"),
		RulesDir:        env("ROOSCOACH_RULES_DIR"),
		Jurisdiction:    env("ROOSCOACH_JURISDICTION"),
		Figures:         env("ROOSCOACH_FIGURES"),
		ImportWorkers:   2,
		JobPoll:         time.Second,
		JobTimeout:      time.Minute,
		JobRescue:       5 * time.Minute,
	}
	if c.DatabaseURL == "" {
		c.DatabaseURL = defaultDatabaseURL
	}
	retention, err := parseRetention(env("ROOSCOACH_RETENTION"))
	if err != nil {
		return nil, err
	}
	c.Retention = retention
	c.RetentionEvery = time.Hour
	c.LLM = LLMConfig{
		Engine:          or(env("ROOSCOACH_ENGINE"), "builtin"),
		APIKey:          env("OPENAI_API_KEY"),
		BaseURL:         env("OPENAI_BASE_URL"),
		Model:           or(env("ROOSCOACH_LLM_MODEL"), "gpt-4o-mini"),
		AzureEndpoint:   env("AZURE_OPENAI_ENDPOINT"),
		AzureAPIKey:     env("AZURE_OPENAI_API_KEY"),
		AzureAPIVersion: or(env("AZURE_OPENAI_API_VERSION"), "2024-10-21"),
		AzureDeployment: env("AZURE_OPENAI_DEPLOYMENT"),
		Timeout:         10 * time.Second,
		Retries:         2,
		MaxPromptRunes:  24000,
		ResponseFormat:  or(env("ROOSCOACH_LLM_RESPONSE_FORMAT"), "json_schema"),
		Redact:          true,
	}
	if v := env("ROOSCOACH_LLM_REDACT"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return nil, fmt.Errorf("ROOSCOACH_LLM_REDACT %q: want true or false", v)
		}
		c.LLM.Redact = b
	}
	if v := env("ROOSCOACH_REDACT_TRANSCRIPTS"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return nil, fmt.Errorf("ROOSCOACH_REDACT_TRANSCRIPTS %q: want true or false", v)
		}
		c.RedactTranscripts = b
	}
	for name, dst := range map[string]*int{"ROOSCOACH_LLM_RETRIES": &c.LLM.Retries, "ROOSCOACH_LLM_MAX_PROMPT": &c.LLM.MaxPromptRunes} {
		if v := env(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return nil, fmt.Errorf("%s %q: want a number of 0 or more", name, v)
			}
			*dst = n
		}
	}
	if v := env("ROOSCOACH_DB_MAX_CONNS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 2 || n > 1000 {
			return nil, fmt.Errorf("ROOSCOACH_DB_MAX_CONNS %q: want a number from 2 to 1000", v)
		}
		c.DBMaxConns = n
	}
	if v := env("ROOSCOACH_BODY_LIMIT"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("ROOSCOACH_BODY_LIMIT %q: want a positive number of bytes", v)
		}
		c.BodyLimit = n
	}
	if v := env("ROOSCOACH_IMPORT_LIMIT"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("ROOSCOACH_IMPORT_LIMIT %q: want a positive number of bytes", v)
		}
		c.ImportLimit = n
	}
	if v := env("ROOSCOACH_IMPORT_WORKERS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 64 {
			return nil, fmt.Errorf("ROOSCOACH_IMPORT_WORKERS %q: want a number from 0 to 64", v)
		}
		c.ImportWorkers = n
	}
	for name, dst := range map[string]*time.Duration{
		"ROOSCOACH_REQUEST_TIMEOUT": &c.RequestTimeout, "ROOSCOACH_SHUTDOWN_GRACE": &c.ShutdownGrace, "ROOSCOACH_LLM_TIMEOUT": &c.LLM.Timeout,
		"ROOSCOACH_JOB_POLL": &c.JobPoll, "ROOSCOACH_JOB_TIMEOUT": &c.JobTimeout, "ROOSCOACH_JOB_RESCUE_AFTER": &c.JobRescue,
		"ROOSCOACH_LIVE_IDLE_TIMEOUT": &c.LiveIdleTimeout, "ROOSCOACH_RETENTION_EVERY": &c.RetentionEvery,
		"ROOSCOACH_DB_STATEMENT_TIMEOUT": &c.StatementTimeout,
	} {
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
	fs.StringVar(&c.MetricsAddr, "metrics-addr", c.MetricsAddr, "listen address of GET /metrics without a token; empty serves it to admins on the main address only (ROOSCOACH_METRICS_ADDR)")
	fs.Int64Var(&c.BodyLimit, "body-limit", c.BodyLimit, "largest request body in bytes (ROOSCOACH_BODY_LIMIT)")
	fs.DurationVar(&c.RequestTimeout, "request-timeout", c.RequestTimeout, "time limit of one request (ROOSCOACH_REQUEST_TIMEOUT)")
	fs.DurationVar(&c.ShutdownGrace, "shutdown-grace", c.ShutdownGrace, "time in-flight requests get on SIGTERM (ROOSCOACH_SHUTDOWN_GRACE)")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "debug, info, warn or error (ROOSCOACH_LOG_LEVEL)")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "text or json (ROOSCOACH_LOG_FORMAT)")
	fs.StringVar(&c.Auth, "auth", c.Auth, "on, or off to serve everyone as an admin without a token, for local experiments only (ROOSCOACH_AUTH)")
	fs.StringVar(&c.RulesDir, "rules-dir", c.RulesDir, "folder of the team's own compliance rule packs, *.yaml (ROOSCOACH_RULES_DIR)")
	fs.StringVar(&c.Jurisdiction, "jurisdiction", c.Jurisdiction, "the default jurisdiction for calls that name none and whose team has none: nl, uk or us (ROOSCOACH_JURISDICTION)")
	fs.StringVar(&c.Figures, "figures", c.Figures, "JSON file of dated figures for the arrangement engine (ROOSCOACH_FIGURES)")
	fs.StringVar(&c.LLM.Engine, "engine", c.LLM.Engine, "engine of a request that names none: builtin, llm or auto (ROOSCOACH_ENGINE)")
	fs.StringVar(&c.LLM.BaseURL, "openai-base-url", c.LLM.BaseURL, "OpenAI-compatible server, such as http://localhost:11434/v1 for Ollama (OPENAI_BASE_URL)")
	fs.StringVar(&c.LLM.Model, "llm-model", c.LLM.Model, "model the LLM engine asks (ROOSCOACH_LLM_MODEL)")
	fs.DurationVar(&c.LLM.Timeout, "llm-timeout", c.LLM.Timeout, "time one LLM task may take, retries included (ROOSCOACH_LLM_TIMEOUT)")
	fs.BoolVar(&c.LLM.Redact, "llm-redact", c.LLM.Redact, "redact personal data before it goes to the LLM (ROOSCOACH_LLM_REDACT)")
	fs.IntVar(&c.ImportWorkers, "import-workers", c.ImportWorkers, "import files worked at once by this instance; 0 works none (ROOSCOACH_IMPORT_WORKERS)")
	return c, nil
}

// parseConfig reads the environment and then the flags of subcommand name.
func parseConfig(name string, args []string, env func(string) string, stderr io.Writer) (*Config, error) {
	cfg, _, err := parseConfigWith(name, args, env, stderr, nil)
	return cfg, err
}

// parseConfigWith is parseConfig for a subcommand with flags of its own,
// which flags registers; it returns the arguments after the flags.
func parseConfigWith(name string, args []string, env func(string) string, stderr io.Writer, flags func(fs *flag.FlagSet)) (*Config, []string, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg, err := loadConfig(fs, env)
	if err != nil {
		return nil, nil, err
	}
	if flags != nil {
		flags(fs)
	}
	if err := fs.Parse(args); err != nil {
		return nil, nil, err
	}
	if err := cfg.Validate(); err != nil {
		return nil, nil, err
	}
	return cfg, fs.Args(), nil
}

// Validate checks combinations the flag package cannot.
func (c *Config) Validate() error {
	if c.BodyLimit <= 0 {
		return usageError{"body limit must be positive"}
	}
	if _, err := parseLevel(c.LogLevel); err != nil {
		return err
	}
	if c.ImportWorkers < 0 {
		return usageError{"import workers must not be negative"}
	}
	if c.JobPoll < 100*time.Millisecond {
		return usageError{"ROOSCOACH_JOB_POLL must be at least 100ms, the job queue's fetch cooldown"}
	}
	if c.JobRescue <= c.JobTimeout {
		return usageError{"ROOSCOACH_JOB_RESCUE_AFTER must be longer than ROOSCOACH_JOB_TIMEOUT, or a job still at work would be taken for orphaned"}
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return usageError{fmt.Sprintf("log format %q: want text or json", c.LogFormat)}
	}
	if c.Auth != "on" && c.Auth != "off" {
		return usageError{fmt.Sprintf("ROOSCOACH_AUTH %q: want on or off", c.Auth)}
	}
	if _, err := assistant.ParseEngineChoice(c.LLM.Engine); err != nil || c.LLM.Engine == "" {
		return usageError{fmt.Sprintf("engine %q (ROOSCOACH_ENGINE): want builtin, llm or auto", c.LLM.Engine)}
	}
	if c.LLM.ResponseFormat != llm.FormatJSONSchema && c.LLM.ResponseFormat != llm.FormatJSONObject {
		return usageError{fmt.Sprintf("ROOSCOACH_LLM_RESPONSE_FORMAT %q: want json_schema or json_object", c.LLM.ResponseFormat)}
	}
	if c.LLM.Timeout <= 0 {
		return usageError{"LLM timeout must be positive"}
	}
	return nil
}

// newLLM builds the LLM engine from c, or returns nil when none is
// configured.
func (c LLMConfig) newLLM(logger *slog.Logger) (*llm.Engine, error) {
	if !c.Configured() {
		return nil, nil
	}
	cfg := llm.Config{
		APIKey:           c.APIKey,
		BaseURL:          c.BaseURL,
		Model:            c.Model,
		Timeout:          c.Timeout,
		Deadline:         c.Timeout,
		Retries:          c.Retries,
		MaxPromptRunes:   c.MaxPromptRunes,
		ResponseFormat:   c.ResponseFormat,
		KeepPersonalData: !c.Redact,
		Logger:           logger,
		Now:              c.now,
	}
	if cfg.Retries == 0 {
		cfg.Retries = -1
	}
	if c.AzureEndpoint != "" {
		cfg.BaseURL, cfg.APIKey = c.AzureEndpoint, c.AzureAPIKey
		cfg.AzureAPIVersion, cfg.AzureDeployment = c.AzureAPIVersion, c.AzureDeployment
	}
	return llm.New(cfg)
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
	return c.loggerAt(w, level)
}

// loggerAt is logger at level rather than the configured one.
func (c *Config) loggerAt(w io.Writer, level slog.Level) *slog.Logger {
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

// queueConfig is the job queue's part of the configuration.
func (c *Config) queueConfig(workers int, logger *slog.Logger) store.QueueConfig {
	host, _ := os.Hostname()
	return store.QueueConfig{
		Workers: workers, PollInterval: c.JobPoll, JobTimeout: c.JobTimeout, RescueAfter: c.JobRescue, Logger: logger,
		Retention: c.Retention, RetentionEvery: c.RetentionEvery,
		// Host and process say which instance holds a job.
		ID: fmt.Sprintf("rooscoach-%s-%d", host, os.Getpid()),
	}
}
