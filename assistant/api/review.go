package api

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
)

// handleReviewCreate starts a trainer's review of a call, as a draft.
func (s *Server) handleReviewCreate(c echo.Context) error {
	callID, err := idParam(c, "id", "call")
	if err != nil {
		return err
	}
	var in assistant.ReviewInput
	if err := s.decodeJSON(c, &in); err != nil {
		return err
	}
	r, err := s.coach.CreateReview(c.Request().Context(), principalOf(c), callID, in)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/v1/reviews/"+strconv.FormatInt(r.ID, 10))
	return c.JSON(http.StatusCreated, r)
}

// handleReviewIndex lists the reviews of a call the caller may read.
func (s *Server) handleReviewIndex(c echo.Context) error {
	callID, err := idParam(c, "id", "call")
	if err != nil {
		return err
	}
	rs, err := s.coach.Reviews(c.Request().Context(), principalOf(c), callID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"reviews": rs})
}

func (s *Server) handleReviewView(c echo.Context) error {
	id, err := idParam(c, "id", "review")
	if err != nil {
		return err
	}
	r, err := s.coach.Review(c.Request().Context(), principalOf(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}

// handleReviewUpdate replaces the content of a draft.
func (s *Server) handleReviewUpdate(c echo.Context) error {
	id, err := idParam(c, "id", "review")
	if err != nil {
		return err
	}
	var in assistant.ReviewInput
	if err := s.decodeJSON(c, &in); err != nil {
		return err
	}
	r, err := s.coach.UpdateReview(c.Request().Context(), principalOf(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}

func (s *Server) handleReviewPublish(c echo.Context) error {
	id, err := idParam(c, "id", "review")
	if err != nil {
		return err
	}
	r, err := s.coach.PublishReview(c.Request().Context(), principalOf(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}

func (s *Server) handleReviewAcknowledge(c echo.Context) error {
	id, err := idParam(c, "id", "review")
	if err != nil {
		return err
	}
	r, err := s.coach.AcknowledgeReview(c.Request().Context(), principalOf(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}

// handleDisputeCreate records an agent's objection to a label or comment.
func (s *Server) handleDisputeCreate(c echo.Context) error {
	id, err := idParam(c, "id", "review")
	if err != nil {
		return err
	}
	var in assistant.DisputeInput
	if err := s.decodeJSON(c, &in); err != nil {
		return err
	}
	r, err := s.coach.DisputeReview(c.Request().Context(), principalOf(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, r)
}

// handleDisputeResolve records a trainer's answer to a dispute.
func (s *Server) handleDisputeResolve(c echo.Context) error {
	id, err := idParam(c, "id", "review")
	if err != nil {
		return err
	}
	disputeID, err := idParam(c, "dispute", "dispute")
	if err != nil {
		return err
	}
	var in assistant.ResolveInput
	if err := s.decodeJSON(c, &in); err != nil {
		return err
	}
	r, err := s.coach.ResolveDispute(c.Request().Context(), principalOf(c), id, disputeID, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}

// handleCalibration compares the engine's labels with the trainers'.
func (s *Server) handleCalibration(c echo.Context) error {
	f := assistant.CalibrationFilter{TeamID: c.QueryParam("team")}
	if err := assistant.CheckID("team", f.TeamID); err != nil {
		return err
	}
	var err error
	if f.From, f.To, err = timeRange(c); err != nil {
		return err
	}
	cal, err := s.coach.Calibration(c.Request().Context(), principalOf(c), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, cal)
}
