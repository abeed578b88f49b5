package api

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/rooscoach/rooscoach/assistant"
)

// Metrics holds rooscoach's Prometheus metrics in a registry of their own,
// so that two servers in one process (the tests) do not collide. The
// server adds the request and live-session series; cmd adds the job queue,
// the database pool and the LLM engine; the coach service reports its
// analyses through [Metrics.Analysed].
type Metrics struct {
	reg       *prometheus.Registry
	requests  *prometheus.CounterVec
	latency   *prometheus.HistogramVec
	analyses  *prometheus.CounterVec
	fallbacks *prometheus.CounterVec
}

// NewMetrics makes the registry with the Go runtime's and the process's
// collectors and rooscoach's own series.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "rooscoach_http_requests_total", Help: "HTTP requests answered, by method, route template and status.",
		}, []string{"method", "route", "status"}),
		// The status, as the counter has it, keeps quick refusals (a 401,
		// a 404) from hiding how slow the answers that work are, and a slow
		// failure (a timeout) from passing for a slow success.
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "rooscoach_http_request_duration_seconds", Help: "Time to answer an HTTP request, by method, route template and status.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"method", "route", "status"}),
		analyses: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "rooscoach_analyses_total", Help: "Transcripts analysed, by the engine that produced the stances and the language.",
		}, []string{"engine", "language"}),
		fallbacks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "rooscoach_engine_fallbacks_total", Help: "Parts of analyses that the engine asked for failed to produce, by part; the built-in engine answered instead (or nobody, for a part only the LLM offers).",
		}, []string{"part"}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.analyses, m.fallbacks,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Register adds collectors, such as [DBPool] or [LLMTotals].
func (m *Metrics) Register(cs ...prometheus.Collector) error {
	for _, c := range cs {
		if err := m.reg.Register(c); err != nil {
			return fmt.Errorf("register metrics: %w", err)
		}
	}
	return nil
}

// Analysed counts an analysis; it implements coach.Observer.
func (m *Metrics) Analysed(lang assistant.Language, runs []assistant.EngineRun) {
	engine := "builtin"
	for _, r := range runs {
		if r.Part == assistant.PartStance && r.Engine != "" {
			engine = r.Engine
		}
		if r.FallbackReason != "" {
			m.fallbacks.WithLabelValues(string(r.Part)).Inc()
		}
	}
	m.analyses.WithLabelValues(engine, string(lang)).Inc()
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// observe is the middleware that counts and times every request by its
// route template (never the raw path, which holds ids).
func (m *Metrics) observe(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		status := c.Response().Status
		if err != nil {
			// The error handler has not written the answer yet.
			_, status, _ = classify(err)
		}
		route := c.Path()
		if route == "" || route == "/*" {
			route = "unmatched"
		}
		code := strconv.Itoa(status)
		m.requests.WithLabelValues(c.Request().Method, route, code).Inc()
		m.latency.WithLabelValues(c.Request().Method, route, code).Observe(time.Since(start).Seconds())
		return err
	}
}

// DBPool collects a database pool's figures as rooscoach_db_* series:
// connections open, in use and idle against the most allowed, and how
// often and how long requests waited for one (a pool too small for the
// load, or ROOSCOACH_DB_MAX_CONNS too low).
func DBPool(stats func() sql.DBStats) prometheus.Collector { return poolCollector(stats) }

type poolCollector func() sql.DBStats

var (
	dbMaxOpenDesc  = prometheus.NewDesc("rooscoach_db_max_open_connections", "Most connections the pool opens.", nil, nil)
	dbOpenDesc     = prometheus.NewDesc("rooscoach_db_open_connections", "Connections open, in use or idle.", nil, nil)
	dbInUseDesc    = prometheus.NewDesc("rooscoach_db_in_use_connections", "Connections in use.", nil, nil)
	dbIdleDesc     = prometheus.NewDesc("rooscoach_db_idle_connections", "Idle connections.", nil, nil)
	dbWaitsDesc    = prometheus.NewDesc("rooscoach_db_wait_count_total", "Times a query waited for a free connection.", nil, nil)
	dbWaitTimeDesc = prometheus.NewDesc("rooscoach_db_wait_duration_seconds_total", "Time spent waiting for a free connection.", nil, nil)
)

func (f poolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{dbMaxOpenDesc, dbOpenDesc, dbInUseDesc, dbIdleDesc, dbWaitsDesc, dbWaitTimeDesc} {
		ch <- d
	}
}

func (f poolCollector) Collect(ch chan<- prometheus.Metric) {
	st := f()
	ch <- prometheus.MustNewConstMetric(dbMaxOpenDesc, prometheus.GaugeValue, float64(st.MaxOpenConnections))
	ch <- prometheus.MustNewConstMetric(dbOpenDesc, prometheus.GaugeValue, float64(st.OpenConnections))
	ch <- prometheus.MustNewConstMetric(dbInUseDesc, prometheus.GaugeValue, float64(st.InUse))
	ch <- prometheus.MustNewConstMetric(dbIdleDesc, prometheus.GaugeValue, float64(st.Idle))
	ch <- prometheus.MustNewConstMetric(dbWaitsDesc, prometheus.CounterValue, float64(st.WaitCount))
	ch <- prometheus.MustNewConstMetric(dbWaitTimeDesc, prometheus.CounterValue, st.WaitDuration.Seconds())
}

// LLMCounts are the LLM engine's totals since start.
type LLMCounts struct {
	Requests, Failures, PromptTokens, CompletionTokens int64
}

// LLMTotals collects the LLM engine's requests, failures and tokens.
func LLMTotals(totals func() LLMCounts) prometheus.Collector {
	return llmCollector(totals)
}

type llmCollector func() LLMCounts

var (
	llmRequestsDesc = prometheus.NewDesc("rooscoach_llm_requests_total", "Requests sent to the LLM, retries included.", nil, nil)
	llmFailuresDesc = prometheus.NewDesc("rooscoach_llm_failures_total", "LLM requests that failed.", nil, nil)
	llmTokensDesc   = prometheus.NewDesc("rooscoach_llm_tokens_total", "Tokens the LLM counted, by kind (prompt, completion).", []string{"kind"}, nil)
)

func (f llmCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- llmRequestsDesc
	ch <- llmFailuresDesc
	ch <- llmTokensDesc
}

func (f llmCollector) Collect(ch chan<- prometheus.Metric) {
	t := f()
	ch <- prometheus.MustNewConstMetric(llmRequestsDesc, prometheus.CounterValue, float64(t.Requests))
	ch <- prometheus.MustNewConstMetric(llmFailuresDesc, prometheus.CounterValue, float64(t.Failures))
	ch <- prometheus.MustNewConstMetric(llmTokensDesc, prometheus.CounterValue, float64(t.PromptTokens), "prompt")
	ch <- prometheus.MustNewConstMetric(llmTokensDesc, prometheus.CounterValue, float64(t.CompletionTokens), "completion")
}

// ImportJobs collects the job queue's import jobs by state; count is asked
// at each scrape, with a short time limit of its own.
func ImportJobs(count func(ctx context.Context) (map[string]int64, error)) prometheus.Collector {
	return jobCollector(count)
}

type jobCollector func(ctx context.Context) (map[string]int64, error)

var importJobsDesc = prometheus.NewDesc("rooscoach_import_jobs", "Import jobs in the job queue by state (shared by all instances).", []string{"state"}, nil)

func (f jobCollector) Describe(ch chan<- *prometheus.Desc) { ch <- importJobsDesc }

func (f jobCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	counts, err := f(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(importJobsDesc, err)
		return
	}
	// Every state appears, also at 0, so that alerts see a series.
	for _, state := range []string{"available", "scheduled", "pending", "running", "retryable", "completed", "cancelled", "discarded"} {
		ch <- prometheus.MustNewConstMetric(importJobsDesc, prometheus.GaugeValue, float64(counts[state]), state)
	}
}

// handleMetrics serves the metrics on the main address, to admins.
func (s *Server) handleMetrics(c echo.Context) error {
	s.metrics.Handler().ServeHTTP(c.Response(), c.Request())
	return nil
}

// OpenMetrics serves the metrics without a token on a listen address of
// their own (ROOSCOACH_METRICS_ADDR), one that only the scraper can reach,
// until Close. It returns the URL of the metrics.
func (s *Server) OpenMetrics(addr string) (string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("listen for metrics on %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", s.metrics.Handler())
	s.metricsHTTP = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second}
	go func() {
		if err := s.metricsHTTP.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.logger.Error("serve metrics", "err", err)
		}
	}()
	return "http://" + ln.Addr().String() + "/metrics", nil
}
