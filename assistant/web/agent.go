package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/coach"
)

// reviewView is a published review as the agent reads it.
type reviewView struct {
	*assistant.Review
	Call  *assistant.Call
	Turns []reviewTurnView
	// Open is true while the review waits for the agent's answer.
	Open bool
	// CanDispute is true while the agent may dispute a label or comment:
	// when it waits for their answer, and while another dispute is open.
	CanDispute bool
	// TurnNumbers numbers the call's turns by id, for its disputes.
	TurnNumbers map[int64]int
	// AgentName is the name of the agent who answered the review.
	AgentName string
	// Sent is this review's dispute form, when it came back with problems.
	Sent *disputeForm
}

type reviewTurnView struct {
	assistant.ReviewTurn
	Text        string
	OctantLabel string
}

// goalView is a goal with its result over the period.
type goalView struct {
	assistant.Goal
	Result *assistant.GoalResult
}

// handleAgent is the agent's own page: recent calls, the reviews waiting
// for them, goals and progress, and the tip box.
func (p *Pages) handleAgent(c echo.Context) error {
	data, err := p.agentPage(c, c.QueryParam("agent"), nil)
	if err != nil {
		return err
	}
	return p.render(c, http.StatusOK, "agent", data)
}

// disputeForm is what an agent sent in a review's dispute form, kept when
// it comes back with problems so that nothing they typed is lost.
type disputeForm struct {
	ReviewID int64
	TurnID   int64
	About    assistant.DisputeAbout
	Comment  string
	// Problems are the form's problems in the page's language, by field.
	Problems map[string][]string
}

// agentPage is the data of the agent page of agentID (the signed-in
// agent's own, whatever agentID says); sent, when not nil, is a dispute
// form that came back with problems, shown as it was typed.
func (p *Pages) agentPage(c echo.Context, agentID string, sent *disputeForm) (map[string]any, error) {
	ctx := c.Request().Context()
	me := principalOf(c)
	if me.AgentID != "" {
		agentID = me.AgentID
	}
	if agentID == "" {
		return map[string]any{"Ask": true}, nil
	}
	// A bad period is refused before anything is read; on a form's answer
	// (a dispute) the query holds none.
	f, period, err := progressPeriod(c, "/agent")
	if err != nil {
		return nil, err
	}
	lang := langOf(c)
	page, err := p.coach.Calls(ctx, me, assistant.CallFilter{AgentID: agentID, Limit: 20})
	if err != nil {
		return nil, err
	}
	var reviews []reviewView
	for _, call := range page.Calls {
		if call.ReviewStatus == assistant.CallNew || call.ReviewStatus == assistant.CallInReview {
			continue
		}
		rs, err := p.coach.Reviews(ctx, me, call.ID)
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			if r.Status == assistant.ReviewDraft {
				continue
			}
			full, err := p.coach.Call(ctx, me, call.ID)
			if err != nil {
				return nil, err
			}
			v := reviewView{Review: r, Call: full, Open: r.Status == assistant.ReviewPublished && me.Role == assistant.RoleAgent,
				CanDispute:  (r.Status == assistant.ReviewPublished || r.Status == assistant.ReviewDisputed) && me.Role == assistant.RoleAgent,
				TurnNumbers: map[int64]int{}}
			if sent != nil && sent.ReviewID == r.ID {
				v.Sent = sent
			}
			for _, t := range full.Turns {
				v.TurnNumbers[t.ID] = t.Index + 1
			}
			for _, rt := range r.Turns {
				tv := reviewTurnView{ReviewTurn: rt, OctantLabel: octantName(rt.Octant, lang)}
				if rt.TurnIndex < len(full.Turns) {
					tv.Text = full.Turns[rt.TurnIndex].Text
				}
				v.Turns = append(v.Turns, tv)
			}
			reviews = append(reviews, v)
		}
	}
	progress, err := p.coach.AgentProgress(ctx, me, agentID, f)
	if err != nil {
		return nil, err
	}
	results := map[int64]*assistant.GoalResult{}
	for i := range progress.Total.Goals {
		results[progress.Total.Goals[i].GoalID] = &progress.Total.Goals[i]
	}
	goals := make([]goalView, len(progress.Goals))
	for i, g := range progress.Goals {
		goals[i] = goalView{Goal: g, Result: results[g.ID]}
	}
	starts, target := bucketSeries(progress.Buckets, func(f assistant.Figures) *float64 { return f.TargetShare })
	agentIDs := []string{agentID}
	for _, r := range reviews {
		agentIDs = append(agentIDs, r.AgentID)
	}
	names, err := p.coach.Names(ctx, me, agentIDs, nil)
	if err != nil {
		return nil, err
	}
	for i := range reviews {
		reviews[i].AgentName = names.Agent(reviews[i].AgentID)
	}
	t := text(lang)
	// The page is "My coaching" to the agent it is about; anyone else
	// reads whose coaching it is.
	title := t["agent_page"]
	if agentID != me.AgentID {
		title = fmt.Sprintf(t["agent_page_of"], names.Agent(agentID))
	}
	chart := lineChart("agent-target", t["chart_target"], progress.Bucket, starts, []series{{Name: names.Agent(agentID), Values: target}}, true, lang)
	return map[string]any{
		"AgentID": agentID, "AgentName": names.Agent(agentID), "Title": title, "Calls": page.Calls, "Reviews": reviews, "Goals": goals, "Total": progress.Total,
		"Chart": chart, "Period": period, "CanAnswer": me.Role == assistant.RoleAgent, "OctantLabels": octantLabels(lang),
	}, nil
}

// bucketSeries returns the buckets' starts and value of each, NaN (a gap
// in the line, not a drop to zero) where a bucket has nothing to measure.
func bucketSeries(buckets []assistant.ProgressBucket, value func(assistant.Figures) *float64) ([]time.Time, []float64) {
	starts := make([]time.Time, len(buckets))
	vals := make([]float64, len(buckets))
	for i, b := range buckets {
		starts[i] = b.Start
		vals[i] = math.NaN()
		if v := value(b.Figures); v != nil {
			vals[i] = *v
		}
	}
	return starts, vals
}

// handleAcknowledge records that the agent read a review and accepts it.
func (p *Pages) handleAcknowledge(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if _, err := p.coach.AcknowledgeReview(c.Request().Context(), principalOf(c), id); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/agent?done=acknowledged")
}

// handleDispute records the agent's objection to a label or comment.
func (p *Pages) handleDispute(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	turn, _ := strconv.ParseInt(c.FormValue("turn"), 10, 64)
	sent := &disputeForm{ReviewID: id, TurnID: turn, About: assistant.DisputeAbout(c.FormValue("about")), Comment: c.FormValue("comment")}
	in := assistant.DisputeInput{TurnID: turn, About: sent.About, Comment: strings.TrimSpace(sent.Comment)}
	_, err = p.coach.DisputeReview(c.Request().Context(), principalOf(c), id, in)
	var fe *coach.FormError
	var open *assistant.OpenDisputeError
	status := http.StatusBadRequest
	switch {
	case errors.As(err, &fe):
		sent.Problems = fe.Fields(langOf(c))
	case errors.As(err, &open):
		// The turn chosen has a dispute open: said beside the turn, with
		// what the agent typed kept for when the trainer has answered.
		sent.Problems, status = map[string][]string{"turn": {open.Text(langOf(c))}}, http.StatusConflict
	case err != nil:
		return err
	default:
		return c.Redirect(http.StatusSeeOther, "/agent?done=disputed")
	}
	data, err := p.agentPage(c, "", sent)
	if err != nil {
		return err
	}
	return p.render(c, status, "agent", data)
}

// octantLabels is the tip box's table of octant labels in lang, as JSON:
// POST /v1/tips answers with octant ids, and the box shows them as the
// rest of the page does.
func octantLabels(lang assistant.Language) string {
	m := make(map[assistant.Octant]string, len(assistant.Octants))
	for _, o := range assistant.Octants {
		m[o] = octantName(o, lang)
	}
	b, _ := json.Marshal(m) // a map of strings always marshals
	return string(b)
}
