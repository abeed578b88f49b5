package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// send posts form to path in lang with cookies, and returns the answer's
// status, body and Location.
func send(t *testing.T, s *site, path, lang string, form url.Values, cookies ...*http.Cookie) (int, string, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.url+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept-Language", lang)
	for _, c := range cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	return res.StatusCode, readAll(t, res.Body), res.Header.Get("Location")
}

// reviewedCall stores a call of anna, named Anna de Boer, for the team's
// trainer to review.
func reviewedCall(t *testing.T, s *site) *assistant.Call {
	t.Helper()
	ctx := context.Background()
	name := "Anna de Boer"
	if _, err := s.db.UpdateAgent(ctx, assistant.CommandLine(), "anna", assistant.AgentUpdate{Name: &name}); err != nil {
		t.Fatal(err)
	}
	call, _, err := s.svc.Ingest(ctx, assistant.CommandLine(), coachInput(mustRead(t, "en-arrears.txt"), "anna", s.team))
	if err != nil {
		t.Fatal(err)
	}
	return call
}

// reviewsOf returns the reviews of call as the trainer reads them.
func reviewsOf(t *testing.T, s *site, call *assistant.Call) []*assistant.Review {
	t.Helper()
	trainer, err := s.db.Authenticate(context.Background(), s.trainer)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := s.svc.Reviews(context.Background(), trainer, call.ID)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// A review form with problems comes back with status 400 as the trainer
// typed it, in every field, with each problem beside its field in the
// page's language, and with the draft's id: sending it again, put right,
// changes that draft and makes no second one.
func TestReviewFormWithProblemsComesBackAsTyped(t *testing.T) {
	s := newSite(t)
	call := reviewedCall(t, s)
	first, second := call.Turns[0].ID, call.Turns[1].ID
	session, csrf, field := signedIn(t, s, s.trainer)
	path := "/calls/" + itoa(call.ID) + "/review"

	status, _, _ := send(t, s, path, "en", url.Values{"_csrf": {field}, "note": {"First version."}, "comment-" + itoa(first): {"Warm opening."}, "action": {"draft"}}, session, csrf)
	if status != http.StatusSeeOther {
		t.Fatalf("saving a first draft: %d", status)
	}
	rs := reviewsOf(t, s, call)
	if len(rs) != 1 {
		t.Fatalf("%d reviews after the first draft, want 1", len(rs))
	}
	draft := rs[0]

	long := strings.Repeat("Too long. ", 401)
	typed := url.Values{"_csrf": {field}, "review": {itoa(draft.ID)}, "action": {"publish"},
		"note":                    {"Second version: <b>keep</b> this & that."},
		"rating":                  {"3"},
		"focus":                   {"Summarise before you propose.\nAsk what is realistic."},
		"comment-" + itoa(first):  {long},
		"octant-" + itoa(second):  {"sideways"},
		"comment-" + itoa(second): {"Listen first."},
	}
	for _, c := range []struct{ lang, comment, octant string }{
		{"en", "is 4009 characters long; it may have at most 4000", `&#34;sideways&#34; is not an octant of the rose`},
		{"nl", "is 4009 tekens lang; het maximum is 4000", `Label &#34;sideways&#34; van beurt 2 is geen octant van de roos`},
	} {
		status, body, _ := send(t, s, path, c.lang, typed, session, csrf)
		if status != http.StatusBadRequest {
			t.Fatalf("%s: a form with problems: %d, want 400", c.lang, status)
		}
		for what, want := range map[string]string{
			"the note":              `>` + html.EscapeString(typed.Get("note")) + `</textarea>`,
			"the focus points":      `>Summarise before you propose.` + "\n" + `Ask what is realistic.</textarea>`,
			"the long comment":      `name="comment-` + itoa(first) + `" rows="2" aria-invalid="true" aria-describedby="comment-` + itoa(first) + `-err">` + strings.TrimSpace(html.EscapeString(long)),
			"the other comment":     `>Listen first.</textarea>`,
			"the rating":            `value="3" checked`,
			"the draft's id":        `name="review" value="` + itoa(draft.ID) + `"`,
			"the summary":           `id="form-errors" role="alert"`,
			"the comment's problem": c.comment,
			"the label's problem":   c.octant,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: the page sent back lacks %s: %q", c.lang, what, want)
			}
		}
		// Each problem stands beside its field.
		for _, f := range []struct{ id, want string }{{"comment-" + itoa(first), c.comment}, {"octant-" + itoa(second), c.octant}} {
			m := regexp.MustCompile(`(?s)<ul class="field-errors" id="` + f.id + `-err">(.*?)</ul>`).FindStringSubmatch(body)
			if m == nil || !strings.Contains(m[1], f.want) {
				t.Errorf("%s: no problem %q beside %s", c.lang, f.want, f.id)
			}
		}
	}
	rs = reviewsOf(t, s, call)
	if len(rs) != 1 || rs[0].Note != "First version." || rs[0].Status != assistant.ReviewDraft {
		t.Fatalf("after forms with problems: %d reviews, the first %+v; want the first draft as it was", len(rs), rs[0])
	}
	// Put right and sent again with the id the page kept: the same draft,
	// now published.
	typed.Set("comment-"+itoa(first), "Warm opening, then too long.")
	typed.Set("octant-"+itoa(second), "helping")
	status, body, loc := send(t, s, path, "en", typed, session, csrf)
	if status != http.StatusSeeOther || loc != "/calls/"+itoa(call.ID)+"?done=published" {
		t.Fatalf("the form put right: %d to %q: %s", status, loc, body)
	}
	rs = reviewsOf(t, s, call)
	if len(rs) != 1 || rs[0].ID != draft.ID || rs[0].Status != assistant.ReviewPublished || rs[0].Note != typed.Get("note") || len(rs[0].Turns) != 2 || len(rs[0].Focus) != 2 {
		t.Errorf("after the form put right: %d reviews, the first %+v", len(rs), rs[0])
	}
	// A new review with problems makes no draft either.
	s2 := reviewedCallAgain(t, s)
	status, _, _ = send(t, s, "/calls/"+itoa(s2.ID)+"/review", "en", url.Values{"_csrf": {field}, "octant-" + itoa(s2.Turns[0].ID): {"up"}, "action": {"draft"}}, session, csrf)
	if status != http.StatusBadRequest {
		t.Errorf("a new review with an unknown label: %d, want 400", status)
	}
	if rs := reviewsOf(t, s, s2); len(rs) != 0 {
		t.Errorf("a new review with problems stored %d reviews", len(rs))
	}
}

// reviewedCallAgain stores another call of anna.
func reviewedCallAgain(t *testing.T, s *site) *assistant.Call {
	t.Helper()
	call, _, err := s.svc.Ingest(context.Background(), assistant.CommandLine(), coachInput(mustRead(t, "nl-betalingsregeling.txt"), "anna", s.team))
	if err != nil {
		t.Fatal(err)
	}
	return call
}

// A published review is read-only on its page, and a form sent for it
// anyway (from a tab opened before publishing) is refused and changes
// nothing. The call list and the review's header name the agent and team.
func TestPublishedReviewIsReadOnly(t *testing.T) {
	s := newSite(t)
	call := reviewedCall(t, s)
	session, csrf, field := signedIn(t, s, s.trainer)
	path := "/calls/" + itoa(call.ID)
	form := url.Values{"_csrf": {field}, "note": {"Good call."}, "rating": {"4"}, "comment-" + itoa(call.Turns[0].ID): {"Warm opening."}, "action": {"publish"}}
	if status, body, _ := send(t, s, path+"/review", "en", form, session, csrf); status != http.StatusSeeOther {
		t.Fatalf("publish: %d %s", status, body)
	}
	review := reviewsOf(t, s, call)[0]
	for _, lang := range []string{"en", "nl"} {
		status, body := get(t, s, path, lang, session)
		if status != http.StatusOK {
			t.Fatalf("%s: review page: %d", lang, status)
		}
		for _, gone := range []string{`id="review-form"`, `value="publish"`, `value="draft"`, `name="comment-`} {
			if strings.Contains(body, gone) {
				t.Errorf("%s: the page of a published review still has %s", lang, gone)
			}
		}
		want := map[string]string{"en": "is published, so it can no longer be changed", "nl": "is gepubliceerd en kan niet meer veranderen"}[lang]
		if !strings.Contains(body, `id="review-locked"`) || !strings.Contains(body, want) || !strings.Contains(body, "Good call.") {
			t.Errorf("%s: the published review is not shown read-only with %q", lang, want)
		}
		if !strings.Contains(body, `<strong id="review-agent">Anna de Boer</strong>`) || !strings.Contains(body, `<span id="review-team">Team Noord</span>`) {
			t.Errorf("%s: the review header does not name the agent and team", lang)
		}
	}
	form.Set("review", itoa(review.ID))
	form.Set("note", "Changed after publishing.")
	for lang, want := range map[string]string{"en": "This review is published, so it can no longer be changed; nothing was saved.", "nl": "Deze beoordeling is gepubliceerd en kan niet meer veranderen; er is niets opgeslagen."} {
		status, body, _ := send(t, s, path+"/review", lang, form, session, csrf)
		if status != http.StatusConflict || !strings.Contains(body, want) {
			t.Errorf("%s: changing a published review: %d, want 409 saying %q", lang, status, want)
		}
	}
	if got := reviewsOf(t, s, call); len(got) != 1 || got[0].Note != "Good call." {
		t.Errorf("a refused change changed the review: %+v", got[0])
	}
	_, list := get(t, s, "/calls", "en", session)
	if !strings.Contains(list, `<td class="agent-name">Anna de Boer</td><td class="team-name">Team Noord</td>`) {
		t.Errorf("the call list does not name the agent and team")
	}
}

// Only a trainer resolves a dispute, through a CSRF-protected form; the
// agent sees it open, then resolved with the answer, on their page and on
// the review page.
func TestTrainerResolvesADispute(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	call := reviewedCall(t, s)
	trainer, err := s.db.Authenticate(ctx, s.trainer)
	if err != nil {
		t.Fatal(err)
	}
	agent, err := s.db.Authenticate(ctx, s.agent)
	if err != nil {
		t.Fatal(err)
	}
	turn := call.Turns[0].ID
	review, err := s.svc.SaveReview(ctx, trainer, assistant.ReviewSave{CallID: call.ID, Input: reviewInput(turn), Publish: true})
	if err != nil {
		t.Fatal(err)
	}
	disputed, err := s.svc.DisputeReview(ctx, agent, review.ID, assistant.DisputeInput{TurnID: turn, About: assistant.DisputeLabel, Comment: "I was leading, not competing."})
	if err != nil {
		t.Fatal(err)
	}
	d := disputed.Disputes[0]
	agentSession, agentCSRF, agentField := signedIn(t, s, s.agent)
	for _, page := range []string{"/agent", "/calls/" + itoa(call.ID)} {
		_, body := get(t, s, page, "nl", agentSession)
		if !strings.Contains(body, `id="dispute-`+itoa(d.ID)+`"`) || !strings.Contains(body, "I was leading, not competing.") || !strings.Contains(body, "over het label") {
			t.Errorf("%s does not show the open dispute", page)
		}
		if strings.Contains(body, "/resolve") {
			t.Errorf("%s offers the agent the trainer's resolve form", page)
		}
	}
	path := "/reviews/" + itoa(review.ID) + "/disputes/" + itoa(d.ID) + "/resolve"
	answer := url.Values{"answer": {"Agreed: you led. Label changed."}}
	answer.Set("_csrf", agentField)
	if status, _, _ := send(t, s, path, "en", answer, agentSession, agentCSRF); status != http.StatusForbidden {
		t.Errorf("the agent resolving: %d, want 403", status)
	}
	session, csrf, field := signedIn(t, s, s.trainer)
	answer.Del("_csrf")
	if status, _, _ := send(t, s, path, "en", answer, session, csrf); status != http.StatusForbidden && status != http.StatusBadRequest {
		t.Errorf("resolving without the CSRF field: %d, want it refused", status)
	}
	if got, _ := s.svc.Review(ctx, trainer, review.ID); got.OpenDisputes() != 1 {
		t.Fatalf("refused answers resolved the dispute")
	}
	_, page := get(t, s, "/calls/"+itoa(call.ID), "en", session)
	if !strings.Contains(page, `action="`+path+`"`) {
		t.Errorf("the trainer's review page has no resolve form for the open dispute")
	}
	answer.Set("_csrf", field)
	status, _, loc := send(t, s, path, "en", answer, session, csrf)
	if status != http.StatusSeeOther || loc != "/calls/"+itoa(call.ID)+"?done=resolved" {
		t.Fatalf("resolve: %d to %q", status, loc)
	}
	got, err := s.svc.Review(ctx, trainer, review.ID)
	if err != nil || got.Status != assistant.ReviewPublished || got.Disputes[0].Open() || got.Disputes[0].Answer != "Agreed: you led. Label changed." {
		t.Fatalf("after resolving: %+v, %v", got, err)
	}
	for _, page := range []string{"/agent", "/calls/" + itoa(call.ID)} {
		_, body := get(t, s, page, "en", agentSession)
		if !strings.Contains(body, "resolved") || !strings.Contains(body, "Agreed: you led. Label changed.") {
			t.Errorf("%s does not show the resolved dispute with its answer", page)
		}
	}
}
