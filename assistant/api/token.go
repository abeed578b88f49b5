package api

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
)

// TokenRequest is the body of POST /v1/tokens.
type TokenRequest struct {
	Name    string         `json:"name"`
	Role    assistant.Role `json:"role"`
	AgentID string         `json:"agent_id"`
	TeamIDs []string       `json:"team_ids"`
}

// TokenCreated answers POST /v1/tokens: the token, shown this once, and
// what it is.
type TokenCreated struct {
	// Secret is the whole token, "id-secret", to send as a bearer token.
	Secret string `json:"token"`
	*assistant.Token
}

// handleTokenCreate makes a token and shows its secret, the only time.
func (s *Server) handleTokenCreate(c echo.Context) error {
	var req TokenRequest
	if err := s.decodeJSON(c, &req); err != nil {
		return err
	}
	t := &assistant.Token{Name: req.Name, Role: req.Role, AgentID: req.AgentID, TeamIDs: req.TeamIDs}
	secret, err := s.store.CreateToken(c.Request().Context(), principalOf(c), t)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/v1/tokens/"+strconv.FormatInt(t.ID, 10))
	// The secret must not linger in caches between here and its holder.
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusCreated, TokenCreated{Secret: secret, Token: t})
}

// handleTokenIndex lists every token, revoked ones too, without secrets.
func (s *Server) handleTokenIndex(c echo.Context) error {
	tokens, err := s.store.FindTokens(c.Request().Context(), principalOf(c).Scope())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"tokens": tokens})
}

// handleTokenView shows one token without its secret.
func (s *Server) handleTokenView(c echo.Context) error {
	id, err := idParam(c, "id", "token")
	if err != nil {
		return err
	}
	t, err := s.store.FindTokenByID(c.Request().Context(), principalOf(c).Scope(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, t)
}

// handleTokenRevoke stops a token from working; this instance forgets it
// at once, others when their cache entry expires.
func (s *Server) handleTokenRevoke(c echo.Context) error {
	id, err := idParam(c, "id", "token")
	if err != nil {
		return err
	}
	t, err := s.store.RevokeToken(c.Request().Context(), principalOf(c), id)
	if err != nil {
		return err
	}
	s.tokens.forget(func(p assistant.Principal) bool { return p.TokenID == id })
	return c.JSON(http.StatusOK, t)
}
