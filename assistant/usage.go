package assistant

import (
	"context"
	"sync"
)

// Usage is what the language model cost for one analysis or tip: requests,
// tokens and time waited, with the model that answered. It is stored per call
// so that a team can see what the LLM engine costs.
type Usage struct {
	Model            string `json:"model"`
	Requests         int    `json:"requests"`
	PromptTokens     int    `json:"prompt_tokens"`
	CompletionTokens int    `json:"completion_tokens"`
	TotalTokens      int    `json:"total_tokens"`
	// LatencyMS adds up the time of every request, retries included, in
	// milliseconds; requests run in parallel, so it can exceed the
	// analysis's own time.
	LatencyMS int64 `json:"latency_ms"`
}

// Add adds u to the total.
func (t *Usage) Add(u Usage) {
	if u.Model != "" {
		t.Model = u.Model
	}
	t.Requests += u.Requests
	t.PromptTokens += u.PromptTokens
	t.CompletionTokens += u.CompletionTokens
	t.TotalTokens += u.TotalTokens
	t.LatencyMS += u.LatencyMS
}

// UsageMeter adds up the usage of the requests made for one analysis. The
// analyser puts one on the context, and an engine that pays per request
// reports to it with [RecordUsage]: usage is a fact about one analysis, while
// the engine serves many at once.
type UsageMeter struct {
	mu sync.Mutex
	u  Usage
}

type meterKey struct{}

// WithUsageMeter returns a context carrying a new meter, and the meter.
func WithUsageMeter(ctx context.Context) (context.Context, *UsageMeter) {
	m := &UsageMeter{}
	return context.WithValue(ctx, meterKey{}, m), m
}

// RecordUsage adds u to the meter on ctx, if there is one.
func RecordUsage(ctx context.Context, u Usage) {
	if m, ok := ctx.Value(meterKey{}).(*UsageMeter); ok {
		m.mu.Lock()
		m.u.Add(u)
		m.mu.Unlock()
	}
}

// Total returns the usage recorded so far, or nil when nothing was.
func (m *UsageMeter) Total() *Usage {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.u.Requests == 0 {
		return nil
	}
	u := m.u
	return &u
}
