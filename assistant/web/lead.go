package web

import (
	"fmt"
	"html/template"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
)

// chartView is one chart of the lead page with its key.
type chartView struct {
	ID     string
	Title  string
	SVG    template.HTML
	Legend []legendEntry
}

// heatView is one agent's rose heat-map, last month against this one.
type heatView struct {
	AgentID   string
	AgentName string
	LastMonth template.HTML
	ThisMonth template.HTML
}

// leadMetrics are the lead page's charts: what each shows and whether it
// is a share. A nil value, a bucket with nothing to measure, is a gap in
// the line.
var leadMetrics = []struct {
	key     string
	percent bool
	value   func(assistant.Figures) *float64
}{
	{"chart_target", true, func(f assistant.Figures) *float64 { return f.TargetShare }},
	{"chart_escalations", false, func(f assistant.Figures) *float64 { return f.EscalationsPerCall }},
	{"chart_jargon", false, func(f assistant.Figures) *float64 { return f.JargonPerCall }},
	{"chart_closing", true, func(f assistant.Figures) *float64 { return f.Closing.Complete }},
	{"chart_arrangements", false, func(f assistant.Figures) *float64 { return callCount(f, f.ArrangementsProposed) }},
	{"chart_referrals", false, func(f assistant.Figures) *float64 { return callCount(f, f.CustomersReferred) }},
	// Buckets whose calls were not checked leave a gap rather than a zero.
	{"chart_breaches", false, func(f assistant.Figures) *float64 { return f.Compliance.BreachesPerCall }},
}

// callCount is a count of calls as a chart value: nil in a bucket without
// calls, where no arrangement proposed is not a count of 0.
func callCount(f assistant.Figures, n int) *float64 {
	if f.Calls == 0 {
		return nil
	}
	v := float64(n)
	return &v
}

// handleLead is the team lead's page: the team's figures over the weeks
// per agent and for the team, the agents who need attention first, and
// each agent's rose heat-map this month against last.
func (p *Pages) handleLead(c echo.Context) error {
	ctx := c.Request().Context()
	me := principalOf(c)
	team := c.QueryParam("team")
	if team == "" && len(me.TeamIDs) > 0 {
		team = me.TeamIDs[0]
	}
	f, period, err := progressPeriod(c, "/lead")
	if err != nil {
		return err
	}
	if team == "" {
		return p.render(c, http.StatusOK, "lead", map[string]any{"Ask": true, "Period": period})
	}
	now := time.Now()
	progress, err := p.coach.TeamProgress(ctx, me, team, f)
	if err != nil {
		return err
	}
	agentIDs := make([]string, len(progress.Agents))
	for i, a := range progress.Agents {
		agentIDs[i] = a.AgentID
	}
	names, err := p.coach.Names(ctx, me, agentIDs, []string{team})
	if err != nil {
		return err
	}
	if progress.Total.Calls == 0 {
		// Nothing in the period may still mean older calls, whose gaps
		// the charts show; a team that never had a call gets words instead
		// of empty charts.
		ever, err := p.coach.Calls(ctx, me, assistant.CallFilter{TeamID: team, Limit: 1})
		if err != nil {
			return err
		}
		if len(ever.Calls) == 0 {
			return p.render(c, http.StatusOK, "lead", map[string]any{"Team": team, "Names": names, "NoCalls": true})
		}
	}
	lang := langOf(c)
	t := text(lang)
	thisMonth := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	months := assistant.ProgressFilter{From: thisMonth.AddDate(0, -1, 0), To: thisMonth.AddDate(0, 1, 0), Bucket: assistant.BucketMonth}
	perAgent := map[string]*assistant.Progress{}
	var heats []heatView
	for _, a := range progress.Agents {
		ap, err := p.coach.AgentProgress(ctx, me, a.AgentID, f)
		if err != nil {
			return err
		}
		perAgent[a.AgentID] = ap
		mp, err := p.coach.AgentProgress(ctx, me, a.AgentID, months)
		if err != nil {
			return err
		}
		h := heatView{AgentID: a.AgentID, AgentName: names.Agent(a.AgentID)}
		for i, b := range mp.Buckets {
			caption := fmt.Sprintf("%s, %s", h.AgentName, t["last_month"])
			id := fmt.Sprintf("heat-%d-last", len(heats))
			if i == 1 {
				caption, id = fmt.Sprintf("%s, %s", h.AgentName, t["this_month"]), fmt.Sprintf("heat-%d-this", len(heats))
			}
			svg := heatRose(id, caption, b.OctantShare, lang)
			if i == 0 {
				h.LastMonth = svg
			} else {
				h.ThisMonth = svg
			}
		}
		heats = append(heats, h)
	}
	var charts []chartView
	for i, m := range leadMetrics {
		starts, teamVals := bucketSeries(progress.Buckets, m.value)
		lines := []series{{Name: names.Team(team), Values: teamVals, Team: true}}
		for _, a := range progress.Agents {
			_, vals := bucketSeries(perAgent[a.AgentID].Buckets, m.value)
			lines = append(lines, series{Name: names.Agent(a.AgentID), Values: vals})
		}
		id := fmt.Sprintf("chart-%d", i)
		charts = append(charts, chartView{ID: id, Title: t[m.key], SVG: lineChart(id, t[m.key], progress.Bucket, starts, lines, m.percent, lang), Legend: legend(lines)})
	}
	return p.render(c, http.StatusOK, "lead", map[string]any{
		"Team": team, "Names": names, "Progress": progress, "Charts": charts, "Heats": heats, "Period": period,
	})
}
