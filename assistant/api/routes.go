package api

import "time"

// Query parameters of the transcript routes.
var transcriptParams = []string{"agent_id", "external_id", "team_id", "language", "occurred_at", "format",
	"agent", "agent_speaker", "customer", "customer_speaker", "engine", "account_ref", "time_zone", "jurisdiction"}

// routes lists every endpoint in one place, with the query parameters it
// takes (any other is refused, so that a misspelled one is never silently
// ignored) and how long it may work. Roles come with the coaching workflow;
// until then every route is open, as the README says.
func (s *Server) routes() {
	quick := s.timeout(5 * time.Second)
	work := s.timeout(s.cfg.RequestTimeout)

	s.echo.GET("/healthz", s.handleHealth, query(), quick)
	s.echo.GET("/readyz", s.handleReady, query(), quick)

	v1 := s.echo.Group("/v1")
	v1.POST("/calls", s.handleCallCreate, query(transcriptParams...), work)
	v1.GET("/calls", s.handleCallIndex, query("agent_id", "from", "to", "limit", "cursor"), work)
	v1.GET("/calls/:id", s.handleCallView, query(), work)
	v1.POST("/analyze", s.handleAnalyze, query(transcriptParams...), work)
	v1.POST("/tips", s.handleTip, query("engine"), work)
	v1.POST("/arrangements", s.handleArrangement, query(), work)
}
