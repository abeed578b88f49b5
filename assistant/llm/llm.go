// Package llm is rooscoach's second engine: a language model behind the
// same capability interfaces as the built-in engine (stance of a whole call,
// a rewrite of an agent's turn), plus two that only it offers: the
// after-call summary and a trainer's draft review.
//
// It talks to OpenAI, Azure OpenAI or any OpenAI-compatible server (Ollama,
// vLLM, llama.cpp's server) through github.com/sashabaranov/go-openai.
// Before anything leaves, personal data is replaced by placeholders
// (package redact) and put back into what comes back. Every answer is asked
// for as JSON of a schema and checked field by field; an answer that fails
// is an error, never a record. Requests are bounded in time, retried on 429
// and 5xx, and stopped by a circuit breaker when the server keeps failing.
// Any error it returns is an *assistant.Error whose message is the reason
// the analyser records when the built-in engine answers instead.
package llm

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/phrasing"
	"github.com/rooscoach/rooscoach/prompts"
)

// Name is the engine's name in the record.
const Name = "llm"

// Response formats: how structured output is asked for.
const (
	// FormatJSONSchema sends the answer's schema as response_format
	// json_schema (strict), where the server enforces it.
	FormatJSONSchema = "json_schema"
	// FormatJSONObject asks for JSON mode and writes the schema into the
	// prompt, for servers without json_schema.
	FormatJSONObject = "json_object"
)

// Config holds the engine's settings; cmd fills it from the environment.
type Config struct {
	// APIKey is sent as a bearer token (as the api-key header for Azure). A
	// local server may need none.
	APIKey string
	// BaseURL is the API's base, such as "http://localhost:11434/v1" for
	// Ollama; empty means OpenAI. For Azure it is the resource's endpoint.
	BaseURL string
	// Model is the model to ask, such as "gpt-4o-mini" or "llama3.1:8b".
	Model string
	// AzureAPIVersion, when set, talks to Azure OpenAI with that API
	// version; AzureDeployment names the deployment (default: Model).
	AzureAPIVersion string
	AzureDeployment string
	// HTTPClient sends the requests; nil means a client with Timeout.
	HTTPClient *http.Client
	// Timeout bounds one HTTP attempt; 0 means 10 s.
	Timeout time.Duration
	// Deadline bounds one task (the stance of a call, all its windows; a
	// rewrite; a summary; a review), retries included; 0 means 10 s. An
	// analysis waits for stance and then for the rest, so keep it under half
	// the API's request timeout: the built-in engine must have time left to
	// answer when the LLM does not.
	Deadline time.Duration
	// Retries is how often a 429, a 5xx or a failed connection is tried
	// again; 0 means 2, a negative number none.
	Retries int
	// Backoff is the first wait before a retry, doubled each time, when the
	// server sends no Retry-After; 0 means 500 ms.
	Backoff time.Duration
	// MaxPromptRunes bounds one prompt in characters; a longer call is
	// classified in windows. 0 means 24,000 (about 6,000 tokens).
	MaxPromptRunes int
	// ResponseFormat is FormatJSONSchema (the default) or FormatJSONObject.
	// A server that refuses json_schema is asked in JSON mode from then on.
	ResponseFormat string
	// KeepPersonalData sends transcripts unredacted, for a model on the
	// team's own machines. Redaction is on unless this is set.
	KeepPersonalData bool
	// BreakerFailures is how many failures in a row open the circuit
	// breaker, and BreakerCooldown how long it stays open; 0 means 5 and
	// 30 s.
	BreakerFailures int
	BreakerCooldown time.Duration
	// MaxConcurrent bounds the requests in flight; 0 means 4.
	MaxConcurrent int
	// Logger gets one line per request (task, model, tokens, latency,
	// running totals) at info, failures at warn, and prompt and answer
	// bodies at debug only.
	Logger *slog.Logger
	// Now is the clock of the circuit breaker; nil means time.Now.
	Now func() time.Time
}

func (c *Config) defaults() {
	if c.Timeout <= 0 {
		c.Timeout = 10 * time.Second
	}
	if c.Deadline <= 0 {
		c.Deadline = 10 * time.Second
	}
	if c.Retries == 0 {
		c.Retries = 2
	} else if c.Retries < 0 {
		c.Retries = 0
	}
	if c.Backoff <= 0 {
		c.Backoff = 500 * time.Millisecond
	}
	if c.MaxPromptRunes <= 0 {
		c.MaxPromptRunes = 24000
	}
	if c.ResponseFormat == "" {
		c.ResponseFormat = FormatJSONSchema
	}
	if c.BreakerFailures <= 0 {
		c.BreakerFailures = 5
	}
	if c.BreakerCooldown <= 0 {
		c.BreakerCooldown = 30 * time.Second
	}
	if c.MaxConcurrent <= 0 {
		c.MaxConcurrent = 4
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
}

// Engine is the LLM engine. It is safe for concurrent use.
type Engine struct {
	cfg     Config
	client  *openai.Client
	breaker *breaker
	sem     chan struct{}
	// jsonMode is set once the server refused json_schema.
	jsonMode atomic.Bool
	base     *phrasing.Engine
	logger   *slog.Logger

	mu     sync.Mutex
	totals Totals
}

// Totals are the engine's running totals since start-up.
type Totals struct {
	Requests         int64 `json:"requests"`
	Failures         int64 `json:"failures"`
	PromptTokens     int64 `json:"prompt_tokens"`
	CompletionTokens int64 `json:"completion_tokens"`
}

// New returns an engine for cfg. It fails when no model is named or a
// setting is out of range; whether the server answers is for [Engine.Check].
func New(cfg Config) (*Engine, error) {
	cfg.defaults()
	if strings.TrimSpace(cfg.Model) == "" {
		return nil, errors.New("llm: no model named (ROOSCOACH_LLM_MODEL)")
	}
	if cfg.ResponseFormat != FormatJSONSchema && cfg.ResponseFormat != FormatJSONObject {
		return nil, fmt.Errorf("llm: response format %q: want %s or %s", cfg.ResponseFormat, FormatJSONSchema, FormatJSONObject)
	}
	var oc openai.ClientConfig
	if cfg.AzureAPIVersion != "" {
		oc = openai.DefaultAzureConfig(cfg.APIKey, cfg.BaseURL)
		oc.APIVersion = cfg.AzureAPIVersion
		deployment := cfg.AzureDeployment
		if deployment == "" {
			deployment = cfg.Model
		}
		oc.AzureModelMapperFunc = func(string) string { return deployment }
	} else {
		oc = openai.DefaultConfig(cfg.APIKey)
		if cfg.BaseURL != "" {
			oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
		}
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: cfg.Timeout}
	}
	oc.HTTPClient = &retrier{next: hc, retries: cfg.Retries, backoff: cfg.Backoff, logger: cfg.Logger}
	e := &Engine{
		cfg:     cfg,
		client:  openai.NewClientWithConfig(oc),
		breaker: newBreaker(cfg.BreakerFailures, cfg.BreakerCooldown, cfg.Now),
		sem:     make(chan struct{}, cfg.MaxConcurrent),
		base:    phrasing.New(),
		logger:  cfg.Logger,
	}
	e.jsonMode.Store(cfg.ResponseFormat == FormatJSONObject)
	return e, nil
}

// Model returns the model the engine asks.
func (e *Engine) Model() string { return e.cfg.Model }

// Redacts reports whether personal data is redacted before it leaves.
func (e *Engine) Redacts() bool { return !e.cfg.KeepPersonalData }

// Totals returns the running totals.
func (e *Engine) Totals() Totals {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.totals
}

// Engine returns the capabilities the engine offers, for the analyser: the
// stance of a call, the phrasing of an agent turn, the after-call summary
// and the draft review. It leaves the closing check and the facts to the
// built-in engine, whose rules and arithmetic a model would only blur.
func (e *Engine) Engine() assistant.Engine {
	versions := map[assistant.Part]string{}
	for part, task := range map[assistant.Part]string{
		assistant.PartStance: prompts.TaskStance, assistant.PartPhrasing: prompts.TaskRewrite,
		assistant.PartSummary: prompts.TaskSummary, assistant.PartReview: prompts.TaskReview,
	} {
		// One version for both languages would hide that one was changed;
		// the record names the template, so both are listed here.
		var vs []string
		for _, l := range assistant.Languages {
			v, err := prompts.LLMVersion(l, task)
			if err != nil {
				// The templates are embedded and golden-tested; a missing
				// version is a bug that every test would show.
				panic(err)
			}
			vs = append(vs, v)
		}
		versions[part] = strings.Join(vs, " ")
	}
	return assistant.Engine{
		Name:     Name,
		Stance:   e,
		Phrasing: e,
		Summary:  e,
		Review:   e,
		Model:    e.cfg.Model,
		Prompts:  versions,
		Parallel: e.cfg.MaxConcurrent,
	}
}

var (
	_ assistant.StanceClassifier = (*Engine)(nil)
	_ assistant.Phraser          = (*Engine)(nil)
	_ assistant.Summarizer       = (*Engine)(nil)
	_ assistant.Reviewer         = (*Engine)(nil)
)

// Check asks the server for its models, so that serve can say at start-up
// what is wrong: an unreachable base URL, a refused key, a model the server
// does not offer. A server that cannot list its models passes.
func (e *Engine) Check(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, e.cfg.Timeout)
	defer cancel()
	list, err := e.client.ListModels(ctx)
	if err != nil {
		var apiErr *openai.APIError
		var reqErr *openai.RequestError
		if errors.As(err, &apiErr) && apiErr.HTTPStatusCode == http.StatusNotFound ||
			errors.As(err, &reqErr) && reqErr.HTTPStatusCode == http.StatusNotFound {
			return nil
		}
		return e.explain(err, 1)
	}
	if e.cfg.AzureAPIVersion != "" || len(list.Models) == 0 {
		return nil
	}
	var ids []string
	for _, m := range list.Models {
		if m.ID == e.cfg.Model {
			return nil
		}
		ids = append(ids, m.ID)
	}
	if len(ids) > 10 {
		ids = append(ids[:10], "…")
	}
	return assistant.Errorf(assistant.EUnavailable, "The LLM server does not offer model %q (ROOSCOACH_LLM_MODEL); it offers %s.", e.cfg.Model, strings.Join(ids, ", "))
}

// Pause opens the circuit breaker for one cool-down (BreakerCooldown)
// because of reason, such as what [Engine.Check] found at start-up, and
// returns when it ends. Until then every request fails at once and the
// built-in engine answers, rather than each request waiting for its
// timeout on a server that is down; after it one request probes the
// server, and a success closes the breaker, so that a model that comes up
// later is used. reason's message goes into every record answered without
// the LLM meanwhile: it must hold nothing personal, as Check's errors do
// not.
func (e *Engine) Pause(reason error) time.Time {
	why := "since it did not answer at start-up"
	if reason != nil {
		why += " (" + strings.TrimSuffix(assistant.ErrorMessage(reason), ".") + ")"
	}
	return e.breaker.trip(why)
}
