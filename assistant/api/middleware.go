package api

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
)

// query refuses a request with a query parameter the route does not take,
// naming the unknown ones and the known ones: a misspelled external_id would
// otherwise store a call twice, and a misspelled agent_id list everyone's.
func query(known ...string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			var unknown []string
			for name := range c.QueryParams() {
				if !slices.Contains(known, name) {
					unknown = append(unknown, name)
				}
			}
			if len(unknown) == 0 {
				return next(c)
			}
			slices.Sort(unknown)
			takes := "no query parameters"
			if len(known) > 0 {
				takes = "only " + strings.Join(known, ", ")
			}
			noun := "parameter"
			if len(unknown) > 1 {
				noun = "parameters"
			}
			return assistant.Errorf(assistant.EInvalid, "Unknown query %s %s: this route takes %s.", noun, strings.Join(unknown, ", "), takes)
		}
	}
}

// timeout bounds the work of a route that answers at once: its context ends
// after d, and the answer must be written soon after. Streaming routes do
// not use it, so a live call is not cut off after d.
func (s *Server) timeout(d time.Duration) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			// A client that reads its answer too slowly must not hold a
			// connection open for ever.
			_ = http.NewResponseController(c.Response().Writer).SetWriteDeadline(time.Now().Add(d + 10*time.Second))
			ctx, cancel := context.WithTimeout(c.Request().Context(), d)
			defer cancel()
			c.SetRequest(c.Request().WithContext(ctx))
			return next(c)
		}
	}
}
