package api

import (
	_ "embed"
	"net/http"

	"github.com/labstack/echo/v4"
)

// openAPI is the description of every route, kept by hand next to the
// routes; TestOpenAPICoversRoutes fails when the two part ways.
//
//go:embed openapi.json
var openAPI []byte

// OpenAPI returns the OpenAPI 3.1 description of the API, as served at
// GET /openapi.json.
func OpenAPI() []byte { return openAPI }

func (s *Server) handleOpenAPI(c echo.Context) error {
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, openAPI)
}
