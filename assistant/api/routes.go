package api

// routes lists every endpoint in one place. Roles come with the coaching
// workflow; until then every route is open, as the README says.
func (s *Server) routes() {
	s.echo.GET("/healthz", s.handleHealth)
	s.echo.GET("/readyz", s.handleReady)

	v1 := s.echo.Group("/v1")
	v1.POST("/calls", s.handleCallCreate)
	v1.GET("/calls", s.handleCallIndex)
	v1.GET("/calls/:id", s.handleCallView)
	v1.POST("/analyze", s.handleAnalyze)
	v1.POST("/tips", s.handleTip)
	v1.POST("/arrangements", s.handleArrangement)
}
