package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// handleHealth says the process is up; it touches nothing else, so a load
// balancer does not restart instances while Postgres is down.
func (s *Server) handleHealth(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// handleReady says whether the instance can serve: Postgres must answer.
func (s *Server) handleReady(c echo.Context) error {
	if err := s.store.Ping(c.Request().Context()); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ready"})
}
