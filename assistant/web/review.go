package web

import (
	"errors"
	"html/template"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/coach"
)

// handleCallList lists the recent calls the principal may read, each with a
// link to its review page.
func (p *Pages) handleCallList(c echo.Context) error {
	status, err := reviewStatusFilter(c)
	if err != nil {
		return err
	}
	page, err := p.coach.Calls(c.Request().Context(), principalOf(c), assistant.CallFilter{Limit: 50, ReviewStatus: status})
	if err != nil {
		return err
	}
	var agents, teams []string
	for _, call := range page.Calls {
		agents, teams = append(agents, call.AgentID), append(teams, call.TeamID)
	}
	names, err := p.coach.Names(c.Request().Context(), principalOf(c), agents, teams)
	if err != nil {
		return err
	}
	return p.render(c, http.StatusOK, "calls", map[string]any{"Calls": page.Calls, "Statuses": assistant.CallReviewStatuses,
		"Status": string(status), "Names": names})
}

// turnView is one turn as the review page shows it.
type turnView struct {
	ID          int64
	Index       int
	Number      int
	Agent       bool
	Octant      assistant.Octant
	OctantLabel string
	Colour      string
	Text        template.HTML
	Findings    []findingView
	Closing     bool
	// Comment and Mine are the signed-in trainer's draft on the turn.
	Comment string
	Mine    assistant.Octant
	// CommentErrors and OctantErrors are the problems of a form sent
	// back, beside the fields they are about.
	CommentErrors, OctantErrors []string
	// Others are the comments and labels of published reviews.
	Others []assistant.ReviewTurn
}

type findingView struct {
	ID      string
	Kind    assistant.FindingKind
	Text    string
	Reason  string
	Rewrite string
}

// octantOption is an octant for a select list.
type octantOption struct {
	Value assistant.Octant
	Label string
}

func octantOptions(lang assistant.Language) []octantOption {
	out := make([]octantOption, len(assistant.Octants))
	for i, o := range assistant.Octants {
		out[i] = octantOption{o, octantName(o, lang)}
	}
	return out
}

// handleCallReview shows a call for review: the transcript with each
// turn's octant and findings, the rose, the checks, the published reviews
// with their disputes and, for a trainer, the review form with their draft.
func (p *Pages) handleCallReview(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	data, err := p.reviewPage(c, id, nil)
	if err != nil {
		return err
	}
	return p.render(c, http.StatusOK, "review", data)
}

// reviewForm is what a trainer sent in the review form, kept when it comes
// back with problems so that nothing they typed is lost.
type reviewForm struct {
	ReviewID int64
	Note     string
	Rating   int
	Focus    string
	Comments map[int64]string
	Octants  map[int64]assistant.Octant
	Problems *coach.FormError
}

// reviewPage is the data of the review page of call id; sent, when not
// nil, is a form that came back with problems, shown as it was typed.
func (p *Pages) reviewPage(c echo.Context, id int64, sent *reviewForm) (map[string]any, error) {
	ctx := c.Request().Context()
	me := principalOf(c)
	call, err := p.coach.Call(ctx, me, id)
	if err != nil {
		return nil, err
	}
	reviews, err := p.coach.Reviews(ctx, me, id)
	if err != nil {
		return nil, err
	}
	names, err := p.coach.Names(ctx, me, []string{call.AgentID}, []string{call.TeamID})
	if err != nil {
		return nil, err
	}
	var mine, own *assistant.Review
	var published []*assistant.Review
	for _, r := range reviews {
		switch {
		case r.Status == assistant.ReviewDraft && (me.TokenID == 0 || r.ReviewerTokenID == me.TokenID):
			mine = r
		case r.Status != assistant.ReviewDraft:
			published = append(published, r)
			if me.TokenID != 0 && r.ReviewerTokenID == me.TokenID {
				own = r
			}
		}
	}
	lang := langOf(c)
	closing := map[int]bool{}
	for _, i := range call.Summary.Closing.Turns {
		closing[i] = true
	}
	problems := map[string][]string{}
	if sent != nil && sent.Problems != nil {
		for _, pr := range sent.Problems.Problems {
			problems[pr.Field] = append(problems[pr.Field], pr.Text(lang))
		}
	}
	numbers := map[int64]int{}
	turns := make([]turnView, len(call.Turns))
	for i, t := range call.Turns {
		numbers[t.ID] = t.Index + 1
		v := turnView{ID: t.ID, Index: t.Index, Number: t.Index + 1, Agent: t.Speaker == assistant.Agent, Octant: t.Stance.Octant,
			OctantLabel: octantName(t.Stance.Octant, lang), Colour: octantColour[t.Stance.Octant], Closing: closing[t.Index]}
		var findings []assistant.Finding
		if t.Phrasing != nil {
			findings = t.Phrasing.Findings
		}
		for k, f := range findings {
			fv := findingView{ID: "f" + strconv.Itoa(t.Index) + "-" + strconv.Itoa(k), Kind: f.Kind, Text: f.Text, Reason: f.Reason}
			if f.Rewrite != nil {
				fv.Rewrite = f.Rewrite.Text
			}
			v.Findings = append(v.Findings, fv)
		}
		v.Text = markFindings(t.Text, findings, v.Findings)
		key := strconv.FormatInt(t.ID, 10)
		switch {
		case sent != nil:
			v.Comment, v.Mine = sent.Comments[t.ID], sent.Octants[t.ID]
			v.CommentErrors = append(problems["turn-"+key], problems["comment-"+key]...)
			v.OctantErrors = problems["octant-"+key]
		case mine != nil:
			if rt := mine.Turn(t.ID); rt != nil {
				v.Comment, v.Mine = rt.Comment, rt.Octant
			}
		}
		for _, r := range published {
			if rt := r.Turn(t.ID); rt != nil {
				v.Others = append(v.Others, *rt)
			}
		}
		turns[i] = v
	}
	focus := ""
	rating := 0
	note := ""
	var reviewID int64
	if mine != nil {
		var lines []string
		for _, f := range mine.Focus {
			lines = append(lines, f.Text)
		}
		focus, rating, note, reviewID = strings.Join(lines, "\n"), mine.Rating, mine.Note, mine.ID
	}
	// A trainer who has not started a review starts from the language
	// model's draft, where there is one: its focus points in the form and
	// on the turns they point at, its strengths in the note. It is theirs
	// only once they save it; the draft itself is never published.
	fromDraft := sent == nil && mine == nil && own == nil && call.DraftReview != nil && me.Can(assistant.RoleTrainer)
	if fromDraft {
		note, focus = draftForm(call.DraftReview, turns, text(lang)["turns_lower"])
	}
	if sent != nil {
		note, focus, rating, reviewID = sent.Note, sent.Focus, sent.Rating, sent.ReviewID
	}
	var summary []string
	if sent != nil && sent.Problems != nil {
		for _, pr := range sent.Problems.Problems {
			summary = append(summary, pr.Text(lang))
		}
	}
	trainer := me.Can(assistant.RoleTrainer)
	return map[string]any{
		"Call": call, "Turns": turns, "Rose": callRose(call.Turns, call.Summary.Closing.Turns, lang),
		"Mine": mine, "ReviewID": reviewID, "Published": published, "Focus": focus, "Rating": rating, "Note": note, "FromDraft": fromDraft,
		// A trainer whose review is published reads it as the agent does:
		// it is no longer a draft to change.
		"CanReview": trainer && own == nil, "Own": own, "CanResolve": trainer,
		"Octants": octantOptions(lang), "Ratings": []int{1, 2, 3, 4, 5},
		"TargetShare": call.Summary.TargetShare, "AgentName": names.Agent(call.AgentID), "TeamName": names.Team(call.TeamID),
		"TurnNumbers": numbers, "Problems": problems, "Summary": summary,
	}, nil
}

// draftForm fills the review form from a language model's draft: the
// strengths as the note, each with the turns it names, the focus points as
// the focus lines and as comments on their turns.
func draftForm(d *assistant.DraftReview, turns []turnView, turnsWord string) (note, focus string) {
	numbers := func(idx []int) string {
		var ns []string
		for _, i := range idx {
			if i >= 0 && i < len(turns) {
				ns = append(ns, strconv.Itoa(turns[i].Number))
			}
		}
		if len(ns) == 0 {
			return ""
		}
		return " (" + turnsWord + " " + strings.Join(ns, ", ") + ")"
	}
	var notes, lines []string
	for _, s := range d.Strengths {
		notes = append(notes, "+ "+s.Text+numbers(s.Turns))
	}
	for _, f := range d.FocusPoints {
		lines = append(lines, f.Text)
		for _, i := range f.Turns {
			if i >= 0 && i < len(turns) {
				turns[i].Comment = strings.TrimSpace(turns[i].Comment + "\n" + f.Text)
			}
		}
	}
	return strings.Join(notes, "\n"), strings.Join(lines, "\n")
}

// markFindings writes a turn's text with each finding underlined and tied
// to its explanation beside the text; a finding inside an earlier one is
// listed but not marked twice.
func markFindings(text string, findings []assistant.Finding, views []findingView) template.HTML {
	rs := []rune(text)
	order := make([]int, len(findings))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return findings[order[a]].Start < findings[order[b]].Start })
	var b strings.Builder
	at := 0
	for _, k := range order {
		f := findings[k]
		if f.Start < at || f.End > len(rs) || f.Start >= f.End {
			continue
		}
		b.WriteString(template.HTMLEscapeString(string(rs[at:f.Start])))
		b.WriteString(`<mark class="finding" aria-describedby="` + views[k].ID + `">`)
		b.WriteString(template.HTMLEscapeString(string(rs[f.Start:f.End])))
		b.WriteString(`</mark>`)
		at = f.End
	}
	b.WriteString(template.HTMLEscapeString(string(rs[at:])))
	return template.HTML(b.String())
}

// handleReviewSave saves the trainer's review form as a draft, or saves and
// publishes it, in one step. A form with problems comes back with status
// 400 as it was typed, each problem beside its field, and nothing saved.
func (p *Pages) handleReviewSave(c echo.Context) error {
	ctx := c.Request().Context()
	me := principalOf(c)
	id, err := pathID(c)
	if err != nil {
		return err
	}
	call, err := p.coach.Call(ctx, me, id)
	if err != nil {
		return err
	}
	form, err := c.FormParams()
	if err != nil {
		return assistant.Errorf(assistant.EInvalid, "The form could not be read; send it again.")
	}
	sent := &reviewForm{Note: form.Get("note"), Focus: form.Get("focus"), Comments: map[int64]string{}, Octants: map[int64]assistant.Octant{}}
	in := assistant.ReviewInput{Note: strings.TrimSpace(sent.Note), Turns: []assistant.ReviewTurnInput{}, Focus: []assistant.FocusPoint{}}
	if r := form.Get("rating"); r != "" {
		n, err := strconv.Atoi(r)
		if err != nil {
			return assistant.Errorf(assistant.EInvalid, "rating %q is not a number from 1 to 5.", r)
		}
		in.Rating, sent.Rating = &n, n
	}
	for _, t := range call.Turns {
		key := strconv.FormatInt(t.ID, 10)
		sent.Comments[t.ID], sent.Octants[t.ID] = form.Get("comment-"+key), assistant.Octant(form.Get("octant-"+key))
		comment := strings.TrimSpace(sent.Comments[t.ID])
		octant := sent.Octants[t.ID]
		if comment != "" || octant != "" {
			in.Turns = append(in.Turns, assistant.ReviewTurnInput{TurnID: t.ID, Comment: comment, Octant: octant})
		}
	}
	for _, line := range strings.Split(sent.Focus, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			in.Focus = append(in.Focus, assistant.FocusPoint{Text: line})
		}
	}
	sent.ReviewID, _ = strconv.ParseInt(form.Get("review"), 10, 64)
	if sent.ReviewID < 0 {
		sent.ReviewID = 0
	}
	publish := form.Get("action") == "publish"
	_, err = p.coach.SaveReview(ctx, me, assistant.ReviewSave{CallID: id, ReviewID: sent.ReviewID, Input: in, Publish: publish})
	var fe *coach.FormError
	switch {
	case errors.As(err, &fe):
		sent.Problems = fe
		data, err := p.reviewPage(c, id, sent)
		if err != nil {
			return err
		}
		return p.render(c, http.StatusBadRequest, "review", data)
	case sent.ReviewID != 0 && assistant.ErrorCode(err) == assistant.EConflict:
		return errReviewLocked
	case err != nil:
		return err
	}
	done := "draft"
	if publish {
		done = "published"
	}
	return c.Redirect(http.StatusSeeOther, "/calls/"+strconv.FormatInt(id, 10)+"?done="+done)
}

// errReviewLocked answers a review form sent for a review that is no
// longer a draft (published in another tab, say): it cannot change.
var errReviewLocked = &pageError{Status: http.StatusConflict, Key: "review_locked"}

// resolveForm is what a trainer sent in a dispute's resolve form, kept
// when it comes back with problems so that nothing they typed is lost.
type resolveForm struct {
	DisputeID int64
	Answer    string
	Octant    assistant.Octant
	// Problems are the form's problems in the page's language, by field.
	Problems map[string][]string
}

// handleResolve records a trainer's answer to an agent's dispute and goes
// back to the call's review page.
func (p *Pages) handleResolve(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	disputeID, err := strconv.ParseInt(c.Param("d"), 10, 64)
	if err != nil || disputeID <= 0 {
		return assistant.Errorf(assistant.ENotFound, "%q is not a dispute of this site.", c.Param("d"))
	}
	sent := &resolveForm{DisputeID: disputeID, Answer: c.FormValue("answer"), Octant: assistant.Octant(c.FormValue("octant"))}
	in := assistant.ResolveInput{Answer: strings.TrimSpace(sent.Answer), Octant: sent.Octant}
	r, err := p.coach.ResolveDispute(c.Request().Context(), principalOf(c), id, disputeID, in)
	var fe *coach.FormError
	if errors.As(err, &fe) {
		// The page to send back is the call's: the review says which.
		r, err := p.coach.Review(c.Request().Context(), principalOf(c), id)
		if err != nil {
			return err
		}
		data, err := p.reviewPage(c, r.CallID, nil)
		if err != nil {
			return err
		}
		sent.Problems = fe.Fields(langOf(c))
		data["Resolve"] = sent
		return p.render(c, http.StatusBadRequest, "review", data)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/calls/"+strconv.FormatInt(r.CallID, 10)+"?done=resolved")
}

// pathID reads the :id of a path as a positive number.
func pathID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, assistant.Errorf(assistant.ENotFound, "%q is not an id of this site.", c.Param("id"))
	}
	return id, nil
}
