package web

import (
	"html/template"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
)

// handleCallList lists the recent calls the principal may read, each with a
// link to its review page.
func (p *Pages) handleCallList(c echo.Context) error {
	page, err := p.coach.Calls(c.Request().Context(), principalOf(c), assistant.CallFilter{Limit: 50,
		ReviewStatus: assistant.CallReviewStatus(c.QueryParam("status"))})
	if err != nil {
		return err
	}
	return p.render(c, http.StatusOK, "calls", map[string]any{"Calls": page.Calls, "Statuses": assistant.CallReviewStatuses,
		"Status": c.QueryParam("status")})
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
// turn's octant and findings, the rose, the checks and, for a trainer, the
// review form with their draft.
func (p *Pages) handleCallReview(c echo.Context) error {
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
	reviews, err := p.coach.Reviews(ctx, me, id)
	if err != nil {
		return err
	}
	var mine *assistant.Review
	var published []*assistant.Review
	for _, r := range reviews {
		switch {
		case r.Status == assistant.ReviewDraft && (me.TokenID == 0 || r.ReviewerTokenID == me.TokenID):
			mine = r
		case r.Status != assistant.ReviewDraft:
			published = append(published, r)
		}
	}
	lang := langOf(c)
	closing := map[int]bool{}
	for _, i := range call.Summary.Closing.Turns {
		closing[i] = true
	}
	turns := make([]turnView, len(call.Turns))
	for i, t := range call.Turns {
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
		if mine != nil {
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
	if mine != nil {
		var lines []string
		for _, f := range mine.Focus {
			lines = append(lines, f.Text)
		}
		focus, rating, note = strings.Join(lines, "\n"), mine.Rating, mine.Note
	}
	// A trainer who has not started a review starts from the language
	// model's draft, where there is one: its focus points in the form and
	// on the turns they point at, its strengths in the note. It is theirs
	// only once they save it; the draft itself is never published.
	fromDraft := mine == nil && call.DraftReview != nil && me.Can(assistant.RoleTrainer)
	if fromDraft {
		note, focus = draftForm(call.DraftReview, turns, text(lang)["turns_lower"])
	}
	return p.render(c, http.StatusOK, "review", map[string]any{
		"Call": call, "Turns": turns, "Rose": callRose(call.Turns, call.Summary.Closing.Turns, lang),
		"Mine": mine, "Published": published, "Focus": focus, "Rating": rating, "Note": note, "FromDraft": fromDraft,
		"CanReview": me.Can(assistant.RoleTrainer), "Octants": octantOptions(lang), "Ratings": []int{1, 2, 3, 4, 5},
		"TargetShare": call.Summary.TargetShare,
	})
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
// publishes it.
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
	in := assistant.ReviewInput{Note: strings.TrimSpace(form.Get("note")), Turns: []assistant.ReviewTurnInput{}, Focus: []assistant.FocusPoint{}}
	if r := form.Get("rating"); r != "" {
		n, err := strconv.Atoi(r)
		if err != nil {
			return assistant.Errorf(assistant.EInvalid, "rating %q is not a number from 1 to 5.", r)
		}
		in.Rating = &n
	}
	for _, t := range call.Turns {
		key := strconv.FormatInt(t.ID, 10)
		comment := strings.TrimSpace(form.Get("comment-" + key))
		octant := assistant.Octant(form.Get("octant-" + key))
		if comment != "" || octant != "" {
			in.Turns = append(in.Turns, assistant.ReviewTurnInput{TurnID: t.ID, Comment: comment, Octant: octant})
		}
	}
	for _, line := range strings.Split(form.Get("focus"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			in.Focus = append(in.Focus, assistant.FocusPoint{Text: line})
		}
	}
	var review *assistant.Review
	if rid, _ := strconv.ParseInt(form.Get("review"), 10, 64); rid > 0 {
		review, err = p.coach.UpdateReview(ctx, me, rid, in)
	} else {
		review, err = p.coach.CreateReview(ctx, me, id, in)
	}
	if err != nil {
		return err
	}
	done := "draft"
	if form.Get("action") == "publish" {
		if _, err := p.coach.PublishReview(ctx, me, review.ID); err != nil {
			return err
		}
		done = "published"
	}
	return c.Redirect(http.StatusSeeOther, "/calls/"+strconv.FormatInt(id, 10)+"?done="+done)
}

// pathID reads the :id of a path as a positive number.
func pathID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, assistant.Errorf(assistant.ENotFound, "%q is not an id of this site.", c.Param("id"))
	}
	return id, nil
}
