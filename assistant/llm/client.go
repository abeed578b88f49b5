package llm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	openai "github.com/sashabaranov/go-openai"
	"github.com/sashabaranov/go-openai/jsonschema"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/strictjson"
	"github.com/rooscoach/rooscoach/prompts"
)

// task is one kind of request: its prompt template and the schema of its
// answer.
type task struct {
	name   string
	schema *jsonschema.Definition
	// schemaJSON is the schema as text, for prompts in JSON mode.
	schemaJSON string
}

// newTask builds the schema of answer type T once: the same schema goes to
// the server and checks what comes back.
func newTask[T any](name string, enums map[string][]string) task {
	var zero T
	def, err := jsonschema.GenerateSchemaForType(zero)
	if err != nil {
		// The answer types are ours and fixed; a type the generator cannot
		// read is a bug every test shows.
		panic(fmt.Sprintf("llm: schema of %s: %v", name, err))
	}
	// Enumerations come from the one vocabulary in assistant; struct tags
	// would copy it.
	for path, values := range enums {
		typ, field, _ := strings.Cut(path, ".")
		d := def.Defs[typ]
		if typ == "" {
			d = *def
		}
		p := d.Properties[field]
		if p.Type == jsonschema.Array {
			item := *p.Items
			item.Enum = values
			p.Items = &item
		} else {
			p.Enum = values
		}
		d.Properties[field] = p
		if typ == "" {
			*def = d
		} else {
			def.Defs[typ] = d
		}
	}
	b, err := json.Marshal(def)
	if err != nil {
		panic(fmt.Sprintf("llm: schema of %s: %v", name, err))
	}
	return task{name: name, schema: def, schemaJSON: string(b)}
}

// ask renders the prompt of t in lang with data, sends it and decodes the
// answer into out: strictly (no unknown or repeated fields), then against
// the schema (every field present, values from the enumerations). It returns
// the prompt version.
func (e *Engine) ask(ctx context.Context, t task, lang assistant.Language, data prompts.LLMData, out any) (string, error) {
	json := e.jsonMode.Load()
	if json {
		data.Schema = t.schemaJSON
	}
	p, err := prompts.LLM(lang, t.name, data)
	if err != nil {
		return "", &assistant.Error{Code: assistant.EInternal, Message: "The LLM prompt could not be written.", Err: err}
	}
	if n := len([]rune(p.System)) + len([]rune(p.User)); n > e.cfg.MaxPromptRunes && t.name != prompts.TaskStance {
		return "", assistant.Errorf(assistant.EUnprocessable, "The %s prompt is %d characters long, more than the %d allowed (ROOSCOACH_LLM_MAX_PROMPT).", t.name, n, e.cfg.MaxPromptRunes)
	}
	content, err := e.complete(ctx, t, p, json)
	if errors.Is(err, errSchemaRefused) {
		return e.ask(ctx, t, lang, data, out)
	}
	if err != nil {
		return "", err
	}
	if err := decode(t, content, out); err != nil {
		return "", err
	}
	return p.Version, nil
}

// decode reads content into out, or says what is wrong with it.
func decode(t task, content string, out any) error {
	data := []byte(strings.TrimSpace(content))
	// Some servers wrap JSON mode answers in a Markdown fence.
	if after, ok := bytes.CutPrefix(data, []byte("```json")); ok {
		data = bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(after), []byte("```")))
	}
	if err := strictjson.Decode(data, out); err != nil {
		msg := assistant.ErrorMessage(err)
		msg = strings.Replace(msg, "The body", "The LLM's "+t.name+" answer", 1)
		return &assistant.Error{Code: assistant.EUnprocessable, Message: msg, Err: err}
	}
	var raw any
	if err := json.Unmarshal(data, &raw); err != nil {
		return &assistant.Error{Code: assistant.EUnprocessable, Message: "The LLM's " + t.name + " answer is not valid JSON.", Err: err}
	}
	if !jsonschema.Validate(*t.schema, raw) {
		return assistant.Errorf(assistant.EUnprocessable, "The LLM's %s answer does not match its schema: a field is missing, of the wrong type or not one of the allowed values.", t.name)
	}
	return nil
}

// complete sends one prompt and returns the answer's text. It records the
// usage on ctx and in the totals, and keeps the circuit breaker.
func (e *Engine) complete(ctx context.Context, t task, p prompts.LLMPrompt, jsonMode bool) (string, error) {
	probe, err := e.breaker.allow()
	if err != nil {
		return "", err
	}
	defer e.breaker.release(probe)
	ctx, cancel := context.WithTimeout(ctx, e.cfg.Deadline)
	defer cancel()
	select {
	case e.sem <- struct{}{}:
		defer func() { <-e.sem }()
	case <-ctx.Done():
		return "", e.fail(ctx, t, e.explain(ctx.Err(), 1))
	}
	req := openai.ChatCompletionRequest{
		Model: e.cfg.Model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: p.System},
			{Role: openai.ChatMessageRoleUser, Content: p.User},
		},
	}
	if jsonMode {
		req.ResponseFormat = &openai.ChatCompletionResponseFormat{Type: openai.ChatCompletionResponseFormatTypeJSONObject}
	} else {
		req.ResponseFormat = &openai.ChatCompletionResponseFormat{
			Type:       openai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{Name: t.name, Schema: t.schema, Strict: true},
		}
	}
	e.logger.DebugContext(ctx, "llm prompt", "task", t.name, "version", p.Version, "system", p.System, "user", p.User)

	attempts := new(int)
	start := time.Now()
	resp, err := e.client.CreateChatCompletion(withAttempts(ctx, attempts), req)
	latency := time.Since(start)
	if err != nil && !jsonMode && refusesJSONSchema(err) {
		// The server has no structured output: JSON mode from now on, with
		// the schema in the prompt; ask renders it and asks again.
		e.jsonMode.Store(true)
		e.logger.WarnContext(ctx, "the LLM server refuses response_format json_schema; using JSON mode", "model", e.cfg.Model)
		return "", errSchemaRefused
	}
	usage := assistant.Usage{Model: e.cfg.Model, Requests: max(*attempts, 1), LatencyMS: latency.Milliseconds()}
	if err == nil {
		usage.PromptTokens, usage.CompletionTokens, usage.TotalTokens = resp.Usage.PromptTokens, resp.Usage.CompletionTokens, resp.Usage.TotalTokens
		if resp.Model != "" {
			usage.Model = resp.Model
		}
	}
	assistant.RecordUsage(ctx, usage)
	e.count(usage, err != nil)
	if err != nil {
		return "", e.fail(ctx, t, e.explain(err, max(*attempts, 1)))
	}
	e.breaker.success()
	totals := e.Totals()
	e.logger.InfoContext(ctx, "llm request", "task", t.name, "model", usage.Model, "prompt_tokens", usage.PromptTokens,
		"completion_tokens", usage.CompletionTokens, "latency", latency, "attempts", usage.Requests,
		"total_requests", totals.Requests, "total_tokens", totals.PromptTokens+totals.CompletionTokens)
	if len(resp.Choices) == 0 {
		return "", assistant.Errorf(assistant.EUnprocessable, "The LLM answered the %s request with no choices.", t.name)
	}
	c := resp.Choices[0]
	e.logger.DebugContext(ctx, "llm answer", "task", t.name, "content", c.Message.Content, "finish_reason", c.FinishReason)
	switch {
	case c.Message.Refusal != "":
		return "", assistant.Errorf(assistant.EUnprocessable, "The LLM refused the %s request.", t.name)
	case c.FinishReason == openai.FinishReasonLength:
		return "", assistant.Errorf(assistant.EUnprocessable, "The LLM's %s answer was cut off at its length limit (finish_reason length).", t.name)
	case c.FinishReason == openai.FinishReasonContentFilter:
		return "", assistant.Errorf(assistant.EUnprocessable, "The LLM's %s answer was withheld by the server's content filter.", t.name)
	case strings.TrimSpace(c.Message.Content) == "":
		return "", assistant.Errorf(assistant.EUnprocessable, "The LLM's %s answer is empty.", t.name)
	}
	return c.Message.Content, nil
}

// errSchemaRefused says the server refused json_schema and JSON mode is on.
var errSchemaRefused = errors.New("llm: json_schema refused")

// fail counts a failure of the server in the circuit breaker and logs it
// without any body.
func (e *Engine) fail(ctx context.Context, t task, err error) error {
	if ctx.Err() == nil || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		e.breaker.failure()
	}
	e.logger.WarnContext(ctx, "llm request failed", "task", t.name, "model", e.cfg.Model, "reason", assistant.ErrorMessage(err))
	return err
}

func (e *Engine) count(u assistant.Usage, failed bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.totals.Requests += int64(u.Requests)
	e.totals.PromptTokens += int64(u.PromptTokens)
	e.totals.CompletionTokens += int64(u.CompletionTokens)
	if failed {
		e.totals.Failures++
	}
}

// refusesJSONSchema reports whether the server said no to response_format
// json_schema, as servers without structured output do with a 400 or 422.
func refusesJSONSchema(err error) bool {
	var apiErr *openai.APIError
	if errors.As(err, &apiErr) && (apiErr.HTTPStatusCode == http.StatusBadRequest || apiErr.HTTPStatusCode == http.StatusUnprocessableEntity) {
		m := strings.ToLower(apiErr.Message)
		return strings.Contains(m, "response_format") || strings.Contains(m, "json_schema")
	}
	return false
}

// explain turns an error of the client into the reason a person reads in the
// record and the log: what failed and which setting to check, never a body.
func (e *Engine) explain(err error, attempts int) error {
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	status := 0
	switch {
	case errors.As(err, &apiErr):
		status = apiErr.HTTPStatusCode
	case errors.As(err, &reqErr):
		status = reqErr.HTTPStatusCode
	}
	wrap := func(code, format string, args ...any) error {
		return &assistant.Error{Code: code, Message: fmt.Sprintf(format, args...), Err: err}
	}
	tries := "once"
	if attempts > 1 {
		tries = strconv.Itoa(attempts) + " times"
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return wrap(assistant.EUnavailable, "The LLM did not answer within %s (ROOSCOACH_LLM_TIMEOUT).", e.cfg.Deadline)
	case errors.Is(err, context.Canceled):
		return wrap(assistant.EUnavailable, "The request was canceled while the LLM was asked.")
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return wrap(assistant.EUnavailable, "The LLM server refused the API key (%d): check OPENAI_API_KEY.", status)
	case status == http.StatusNotFound:
		return wrap(assistant.EUnavailable, "The LLM server answered 404 for model %q: check ROOSCOACH_LLM_MODEL and OPENAI_BASE_URL.", e.cfg.Model)
	case status == http.StatusTooManyRequests:
		return wrap(assistant.EUnavailable, "The LLM server is rate-limiting (429), asked %s.", tries)
	case status >= 500:
		return wrap(assistant.EUnavailable, "The LLM server failed (%d), asked %s.", status, tries)
	case status != 0:
		return wrap(assistant.EUnavailable, "The LLM server refused the request (%d); the log at debug level has its answer.", status)
	}
	var urlErr *url.Error
	var netErr net.Error
	if errors.As(err, &urlErr) || errors.As(err, &netErr) {
		if netErr != nil && netErr.Timeout() {
			return wrap(assistant.EUnavailable, "The LLM did not answer within %s (ROOSCOACH_LLM_TIMEOUT).", e.cfg.Timeout)
		}
		return wrap(assistant.EUnavailable, "The LLM server at %s cannot be reached: check OPENAI_BASE_URL.", e.host())
	}
	var syn *json.SyntaxError
	if errors.As(err, &syn) || errors.Is(err, io.ErrUnexpectedEOF) {
		return wrap(assistant.EUnprocessable, "The LLM server's answer is not a chat completion (malformed JSON).")
	}
	return wrap(assistant.EUnavailable, "The LLM request failed: %s.", err)
}

func (e *Engine) host() string {
	if u, err := url.Parse(e.cfg.BaseURL); err == nil && u.Host != "" {
		return u.Scheme + "://" + u.Host
	}
	if e.cfg.BaseURL == "" {
		return "api.openai.com"
	}
	return "the configured address"
}

type attemptsKey struct{}

func withAttempts(ctx context.Context, n *int) context.Context {
	return context.WithValue(ctx, attemptsKey{}, n)
}

// retrier sends a request again on 429, 5xx and failed connections, waiting
// what Retry-After asks or a doubling backoff with jitter, as long as the
// request's deadline allows. It sits below the go-openai client, so that the
// client's own code decodes the last answer.
type retrier struct {
	next    openai.HTTPDoer
	retries int
	backoff time.Duration
	logger  *slog.Logger
}

func (r *retrier) Do(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	n, _ := ctx.Value(attemptsKey{}).(*int)
	for attempt := 0; ; attempt++ {
		if n != nil {
			*n = attempt + 1
		}
		if attempt > 0 && req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			req.Body = body
		}
		res, err := r.next.Do(req)
		wait, retry := r.retryable(res, err, attempt)
		if !retry || attempt >= r.retries || ctx.Err() != nil {
			return res, err
		}
		if d, ok := ctx.Deadline(); ok && time.Now().Add(wait).After(d) {
			// Waiting would outlive the request: answer with what we have.
			return res, err
		}
		if res != nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 1<<16))
			res.Body.Close()
		}
		status := 0
		if res != nil {
			status = res.StatusCode
		}
		r.logger.DebugContext(ctx, "llm retry", "attempt", attempt+1, "status", status, "wait", wait)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
	}
}

// retryable says whether an attempt's outcome is worth another, and after
// how long.
func (r *retrier) retryable(res *http.Response, err error, attempt int) (time.Duration, bool) {
	backoff := r.backoff << attempt
	backoff += time.Duration(rand.Int64N(int64(backoff)/5 + 1))
	if err != nil {
		return backoff, !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
	}
	if res.StatusCode != http.StatusTooManyRequests && res.StatusCode < 500 {
		return 0, false
	}
	if d, ok := retryAfter(res.Header.Get("Retry-After")); ok {
		return d, true
	}
	return backoff, true
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date.
func retryAfter(v string) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), 0), true
	}
	return 0, false
}

// breaker stops asking a server that keeps failing: after a number of
// failures in a row, or when the start-up check found the server not
// answering (trip), it opens for a cool-down, during which every request
// fails at once (and the built-in engine answers). After it the breaker is
// half-open: one request at a time goes through as a probe, while the
// others still fail at once, so that a server that is still down costs one
// request its timeout rather than every request of the moment. A success
// closes the breaker; a failure opens it for another cool-down.
type breaker struct {
	mu        sync.Mutex
	threshold int
	cooldown  time.Duration
	now       func() time.Time
	failures  int
	openUntil time.Time
	// why says why the breaker opened, for the reason each record gives.
	why string
	// probing is set while the half-open breaker's probe is out.
	probing bool
}

func newBreaker(threshold int, cooldown time.Duration, now func() time.Time) *breaker {
	return &breaker{threshold: threshold, cooldown: cooldown, now: now}
}

// allow reports whether a request may go to the server; probe is set when
// it is the half-open breaker's probe, which must be given back with
// release. When it may not, err says why and until when.
func (b *breaker) allow() (probe bool, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch {
	case b.openUntil.IsZero():
		return false, nil
	case b.now().Before(b.openUntil):
		return false, assistant.Errorf(assistant.EUnavailable, "The LLM engine is paused %s; it is asked again from %s.", b.why, b.openUntil.UTC().Format(time.TimeOnly+" MST"))
	case b.probing:
		return false, assistant.Errorf(assistant.EUnavailable, "The LLM engine is paused %s; one request is asking whether it answers again.", b.why)
	}
	b.probing = true
	return true, nil
}

// release gives back the probe when its request ended without a verdict
// on the server (it was canceled, or is asked again in JSON mode), so that
// the next request probes.
func (b *breaker) release(probe bool) {
	if !probe {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.probing = false
}

func (b *breaker) failure() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.failures++
	b.probing = false
	if b.failures >= b.threshold {
		b.openUntil = b.now().Add(b.cooldown)
		b.why = fmt.Sprintf("after %d failures in a row", b.failures)
	}
}

// trip opens the breaker for one cool-down as if the server had failed
// threshold times in a row, for the reason why, and returns until when.
func (b *breaker) trip(why string) time.Time {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.failures = max(b.failures, b.threshold)
	b.openUntil = b.now().Add(b.cooldown)
	b.why = why
	return b.openUntil
}

func (b *breaker) success() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.failures, b.openUntil, b.why, b.probing = 0, time.Time{}, "", false
}
