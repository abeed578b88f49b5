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
	"github.com/rooscoach/rooscoach/store/storetest"
)

// fieldErrors returns the problems listed beside the field with id in body.
func fieldErrors(body, id string) string {
	m := regexp.MustCompile(`(?s)<ul class="field-errors" id="` + regexp.QuoteMeta(id) + `-err">(.*?)</ul>`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1]
}

// Publishing without a rating names the field as the form labels it: a
// "Cijfer" in Dutch, a "Rating" in English.
func TestMissingRatingNamesTheField(t *testing.T) {
	s := newSite(t)
	call := reviewedCall(t, s)
	session, csrf, field := signedIn(t, s, s.trainer)
	form := url.Values{"_csrf": {field}, "note": {"Goed gesprek."}, "action": {"publish"}}
	for _, c := range []struct{ lang, label, want string }{
		{"nl", "Cijfer", "Geef een cijfer van 1 tot 5 voordat je publiceert."},
		{"en", "Rating", "give a rating from 1 to 5 before publishing."},
	} {
		status, body, _ := send(t, s, "/calls/"+itoa(call.ID)+"/review", c.lang, form, session, csrf)
		if status != http.StatusBadRequest {
			t.Fatalf("%s: publishing without a rating: %d, want 400", c.lang, status)
		}
		if !strings.Contains(body, "<legend>"+c.label) {
			t.Errorf("%s: the rating field is not labelled %q", c.lang, c.label)
		}
		if got := fieldErrors(body, "rating"); !strings.Contains(got, c.want) {
			t.Errorf("%s: beside the rating: %q, want %q", c.lang, got, c.want)
		}
	}
}

// publishedReview publishes the trainer's review of call, a comment and
// label on its seventh turn, and returns it with the agent's principal.
func publishedReview(t *testing.T, s *site, call *assistant.Call) (*assistant.Review, assistant.Principal) {
	t.Helper()
	ctx := context.Background()
	trainer, err := s.db.Authenticate(ctx, s.trainer)
	if err != nil {
		t.Fatal(err)
	}
	agent, err := s.db.Authenticate(ctx, s.agent)
	if err != nil {
		t.Fatal(err)
	}
	if len(call.Turns) < 7 {
		t.Fatalf("the call has %d turns, want 7 or more", len(call.Turns))
	}
	r, err := s.svc.SaveReview(ctx, trainer, assistant.ReviewSave{CallID: call.ID, Input: reviewInput(call.Turns[6].ID), Publish: true})
	if err != nil {
		t.Fatal(err)
	}
	return r, agent
}

// notAnErrorPage fails when body is the error page: a form with problems
// comes back as the form, with nothing in English on a Dutch page.
func notAnErrorPage(t *testing.T, lang, body string) {
	t.Helper()
	for _, bad := range []string{`id="error-h"`, "Technische melding", "Technical detail", "Terug naar het begin"} {
		if strings.Contains(body, bad) {
			t.Errorf("%s: the form came back as an error page (%q)", lang, bad)
		}
	}
}

// A dispute with an empty (or spaces-only) or too long explanation comes
// back as the agent's page with status 400: the dispute form open, as it
// was typed, with the problem beside the explanation in the page's
// language. Nothing is stored.
func TestDisputeFormWithProblemsComesBackAsTyped(t *testing.T) {
	s := newSite(t)
	call := reviewedCall(t, s)
	review, _ := publishedReview(t, s, call)
	turn := call.Turns[6].ID
	session, csrf, field := signedIn(t, s, s.agent)
	path := "/reviews/" + itoa(review.ID) + "/dispute"
	long := strings.TrimSpace(strings.Repeat("Ik zie het anders. ", 211))
	why := "why-" + itoa(review.ID)
	for _, c := range []struct{ lang, comment, want string }{
		{"nl", "   ", "Je uitleg is leeg; zeg waarom je het anders ziet."},
		{"en", "", "comment is empty; say why you see it differently."},
		{"nl", long, "Je uitleg is 4008 tekens lang; het maximum is 4000."},
		{"en", long, "comment is 4008 characters long; it may have at most 4000."},
	} {
		form := url.Values{"_csrf": {field}, "turn": {itoa(turn)}, "about": {"comment"}, "comment": {c.comment}}
		status, body, _ := send(t, s, path, c.lang, form, session, csrf)
		if status != http.StatusBadRequest {
			t.Fatalf("%s: a dispute with problems: %d, want 400", c.lang, status)
		}
		notAnErrorPage(t, c.lang, body)
		if got := fieldErrors(body, why); !strings.Contains(got, c.want) {
			t.Errorf("%s: beside the explanation: %q, want %q", c.lang, got, c.want)
		}
		for what, want := range map[string]string{
			"the open form":      `<details class="dispute" open>`,
			"the explanation":    `aria-invalid="true" aria-describedby="` + why + `-err">` + html.EscapeString(c.comment) + `</textarea>`,
			"the turn chosen":    `<option value="` + itoa(turn) + `" selected>`,
			"the comment chosen": `value="comment" checked`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: the page sent back lacks %s: %.120q", c.lang, what, want)
			}
		}
	}
	if got, _ := s.svc.Review(context.Background(), principalAdmin(), review.ID); len(got.Disputes) != 0 || got.Status != assistant.ReviewPublished {
		t.Errorf("disputes with problems stored %d disputes, status %s", len(got.Disputes), got.Status)
	}
}

// An answer to a dispute that is empty or too long comes back as the
// review page with status 400: the answer as typed, the new label as
// chosen, the problem beside the answer in the page's language. The
// dispute stays open.
func TestResolveFormWithProblemsComesBackAsTyped(t *testing.T) {
	s := newSite(t)
	call := reviewedCall(t, s)
	review, agent := publishedReview(t, s, call)
	disputed, err := s.svc.DisputeReview(context.Background(), agent, review.ID,
		assistant.DisputeInput{TurnID: call.Turns[6].ID, About: assistant.DisputeLabel, Comment: "Ik leidde, ik concurreerde niet."})
	if err != nil {
		t.Fatal(err)
	}
	d := disputed.Disputes[0]
	session, csrf, field := signedIn(t, s, s.trainer)
	path := "/reviews/" + itoa(review.ID) + "/disputes/" + itoa(d.ID) + "/resolve"
	long := strings.TrimSpace(strings.Repeat("Het label blijft. ", 223))
	answer := "answer-" + itoa(d.ID)
	for _, c := range []struct{ lang, answer, want string }{
		{"nl", "  ", "Je antwoord is leeg; vertel de medewerker wat je besloot en waarom."},
		{"en", "", "answer is empty; tell the agent what you decided and why."},
		{"nl", long, "Je antwoord is 4013 tekens lang; het maximum is 4000."},
		{"en", long, "answer is 4013 characters long; it may have at most 4000."},
	} {
		form := url.Values{"_csrf": {field}, "answer": {c.answer}, "octant": {"leading"}}
		status, body, _ := send(t, s, path, c.lang, form, session, csrf)
		if status != http.StatusBadRequest {
			t.Fatalf("%s: an answer with problems: %d, want 400", c.lang, status)
		}
		notAnErrorPage(t, c.lang, body)
		if got := fieldErrors(body, answer); !strings.Contains(got, c.want) {
			t.Errorf("%s: beside the answer: %q, want %q", c.lang, got, c.want)
		}
		for what, want := range map[string]string{
			"the answer":       `aria-invalid="true" aria-describedby="` + answer + `-err">` + html.EscapeString(c.answer) + `</textarea>`,
			"the label chosen": `<option value="leading" selected>`,
			"the form":         `action="` + path + `"`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: the page sent back lacks %s: %.120q", c.lang, what, want)
			}
		}
	}
	if got, _ := s.svc.Review(context.Background(), principalAdmin(), review.ID); got.OpenDisputes() != 1 {
		t.Errorf("answers with problems resolved the dispute")
	}
}

// A page refused to a role says so in the page's language, without a
// "technical detail (in English)" that is not English.
func TestForbiddenPageHasNoForeignDetail(t *testing.T) {
	s := newSite(t)
	session, _, _ := signedIn(t, s, s.agent)
	for _, c := range []struct{ lang, want, detail string }{
		{"nl", "Deze pagina is niet voor jouw rol (medewerker).", "Technische melding"},
		{"en", "This page is not for your role (agent).", "Technical detail"},
	} {
		status, body := get(t, s, "/lead", c.lang, session)
		if status != http.StatusForbidden || !strings.Contains(body, `<p class="error" role="alert">`+c.want+`</p>`) {
			t.Errorf("%s: %d, want 403 saying %q; %.600s", c.lang, status, c.want, body)
		}
		if strings.Contains(body, c.detail) {
			t.Errorf("%s: the 403 page labels its text %q", c.lang, c.detail)
		}
	}
}

// A second dispute of a label still open names the turn as the agent sees
// it ("Beurt 7", "turn 7"), never its id, and comes back as the form,
// with status 409 and the explanation as typed.
func TestSecondDisputeNamesTheTurnByNumber(t *testing.T) {
	s := newSite(t)
	reviewedCall(t, s)
	// The second call's turns have ids beyond their numbers.
	call := reviewedCallAgain(t, s)
	review, _ := publishedReview(t, s, call)
	turn := call.Turns[6].ID
	if turn == 7 {
		t.Fatalf("the seventh turn has id 7: the test cannot tell number from id")
	}
	session, csrf, field := signedIn(t, s, s.agent)
	path := "/reviews/" + itoa(review.ID) + "/dispute"
	form := url.Values{"_csrf": {field}, "turn": {itoa(turn)}, "about": {"label"}, "comment": {"Ik leidde, ik concurreerde niet."}}
	if status, body, _ := send(t, s, path, "nl", form, session, csrf); status != http.StatusSeeOther {
		t.Fatalf("the first dispute: %d %.300s", status, body)
	}
	form.Set("comment", "Nog steeds niet eens.")
	for _, c := range []struct{ lang, want string }{
		{"nl", "tegen het label van beurt 7 in beoordeling " + itoa(review.ID) + " staat nog open"},
		{"en", "of the label of turn 7 in review " + itoa(review.ID) + " is open already"},
	} {
		status, body, _ := send(t, s, path, c.lang, form, session, csrf)
		if status != http.StatusConflict {
			t.Fatalf("%s: a second dispute: %d, want 409", c.lang, status)
		}
		notAnErrorPage(t, c.lang, body)
		got := fieldErrors(body, "turn-"+itoa(review.ID))
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: beside the turn: %q, want %q", c.lang, got, c.want)
		}
		if strings.Contains(got, " "+itoa(turn)+" ") {
			t.Errorf("%s: %q names the turn by its id %d", c.lang, got, turn)
		}
		if !strings.Contains(body, ">Nog steeds niet eens.</textarea>") {
			t.Errorf("%s: the explanation typed is gone", c.lang)
		}
	}
}

// Something that is not there, or not the reader's, is said in the page's
// language alone: a Dutch page carries no English detail about it.
func TestNotFoundPageHasNoEnglishOnADutchPage(t *testing.T) {
	s := newSite(t)
	session, _, _ := signedIn(t, s, s.agent)
	for _, path := range []string{"/calls/999999", "/calls/abc"} {
		status, body := get(t, s, path, "nl", session)
		if status != http.StatusNotFound || !strings.Contains(body, "Dit bestaat niet, of je mag het niet zien.") {
			t.Errorf("%s in Dutch: %d, want 404 saying so in Dutch", path, status)
		}
		for _, english := range []string{"Technische melding", "not found", "is not an id"} {
			if strings.Contains(body, english) {
				t.Errorf("%s in Dutch holds %q", path, english)
			}
		}
		if status, _ := get(t, s, path, "en", session); status != http.StatusNotFound {
			t.Errorf("%s in English: %d, want 404", path, status)
		}
	}
}

// A trainer who did not write the review may answer a label dispute but
// not change the label: the refusal names the author in the page's
// language, with no English detail on a Dutch page.
func TestRelabelByAnotherTrainerIsRefusedInThePageLanguage(t *testing.T) {
	s := newSite(t)
	call := reviewedCall(t, s)
	review, agent := publishedReview(t, s, call)
	disputed, err := s.svc.DisputeReview(context.Background(), agent, review.ID,
		assistant.DisputeInput{TurnID: call.Turns[6].ID, About: assistant.DisputeLabel, Comment: "Ik leidde."})
	if err != nil {
		t.Fatal(err)
	}
	storetest.Teams(t, s.db, "noord")
	other, err := s.db.CreateToken(context.Background(), assistant.CommandLine(),
		&assistant.Token{Name: "Joost", Role: assistant.RoleTrainer, TeamIDs: []string{"noord"}})
	if err != nil {
		t.Fatal(err)
	}
	session, csrf, field := signedIn(t, s, other)
	path := "/reviews/" + itoa(review.ID) + "/disputes/" + itoa(disputed.Disputes[0].ID) + "/resolve"
	form := url.Values{"_csrf": {field}, "answer": {"Eerder leidend."}, "octant": {"leading"}}
	for _, c := range []struct{ lang, want, foreign string }{
		{"nl", "Alleen Tessa (trainer), die beoordeling " + itoa(review.ID) + " schreef, mag de labels ervan veranderen", "Technische melding"},
		{"en", "Only Tessa (trainer), who wrote review " + itoa(review.ID) + ", may change its labels", "Technical detail"},
	} {
		status, body, _ := send(t, s, path, c.lang, form, session, csrf)
		if status != http.StatusForbidden || !strings.Contains(body, c.want) {
			t.Errorf("%s: %d, want 403 saying %q", c.lang, status, c.want)
		}
		if strings.Contains(body, c.foreign) {
			t.Errorf("%s: the refusal carries %q", c.lang, c.foreign)
		}
	}
}
