package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/prompts"
)

// Codes of the data that have no list of their own in assistant.
var (
	reviewStatuses = []assistant.ReviewStatus{assistant.ReviewDraft, assistant.ReviewPublished, assistant.ReviewAcknowledged, assistant.ReviewDisputed}
	optionKinds    = []assistant.OptionKind{assistant.OptionCustomerProposal, assistant.OptionInstalments, assistant.OptionShortest, assistant.OptionStepped,
		assistant.OptionTemporary, assistant.OptionToken, assistant.OptionDeferral, assistant.OptionSettlement}
	referralCodes = []string{"crisis", "vulnerable", "nothing", "no-fit"}
	scales        = []string{assistant.ScaleFleschDouma, assistant.ScaleFleschReadingEase}
	reasons       = []string{assistant.ReasonTargetFell, assistant.ReasonEscalationsRose, assistant.ReasonGoalNotMet}
)

// labelCodes is every code a page prints through label, by kind.
func labelCodes() map[string][]string {
	m := map[string][]string{"referral": referralCodes, "scale": scales, "attention": reasons}
	for _, s := range assistant.CallReviewStatuses {
		m["call_status"] = append(m["call_status"], string(s))
	}
	for _, s := range reviewStatuses {
		m["review_status"] = append(m["review_status"], string(s))
	}
	for _, k := range assistant.FindingKinds {
		m["finding"] = append(m["finding"], string(k))
	}
	for _, k := range optionKinds {
		m["option"] = append(m["option"], string(k))
	}
	for _, k := range assistant.GoalKinds {
		m["goal"] = append(m["goal"], string(k))
	}
	for _, l := range assistant.Languages {
		m["lang"] = append(m["lang"], string(l))
	}
	for _, r := range assistant.Roles {
		m["role"] = append(m["role"], string(r))
	}
	for _, st := range assistant.GoalStatuses {
		m["goal_status"] = append(m["goal_status"], string(st))
	}
	return m
}

func TestEveryCodeHasANameInBothLanguages(t *testing.T) {
	for kind, codes := range labelCodes() {
		for _, c := range codes {
			for _, lang := range assistant.Languages {
				if _, ok := text(lang)[kind+"."+c]; !ok {
					t.Errorf("%s %q has no name in %s", kind, c, lang)
				}
			}
		}
	}
}

// renderPage renders page name in lang with data, as the handlers do.
func renderPage(t *testing.T, p *Pages, lang assistant.Language, name string, data any) string {
	t.Helper()
	c := echo.New().NewContext(httptest.NewRequest(http.MethodGet, "/", nil), httptest.NewRecorder())
	c.Set(langKey, lang)
	c.Set(principalKey, assistant.Principal{Role: assistant.RoleTrainer, Name: "Tessa"})
	if err := p.render(c, http.StatusOK, name, data); err != nil {
		t.Fatalf("render %s in %s: %v", name, lang, err)
	}
	return c.Response().Writer.(*httptest.ResponseRecorder).Body.String()
}

var tags = regexp.MustCompile(`(?s)<script.*?</script>|<[^>]*>`)

// visible is the text of a page a reader sees or hears: tags and their
// attributes dropped, SVG titles kept.
func visible(page string) string { return tags.ReplaceAllString(page, " ") }

// pageData is one page of each kind with every status, kind and code in
// it, for a page in lang of calls in callLang.
func pageData(lang, callLang assistant.Language, scale, referral string) map[string]map[string]any {
	var calls []*assistant.Call
	for _, s := range assistant.CallReviewStatuses {
		for _, l := range assistant.Languages {
			calls = append(calls, &assistant.Call{ID: 1, AgentID: "anna", TeamID: "noord", ReviewStatus: s, Analysis: assistant.Analysis{Language: l}})
		}
	}
	var findings []findingView
	for _, k := range assistant.FindingKinds {
		reason := prompts.MustRender(callLang, "reason."+string(k), reasonFields{Text: "vordering", Words: 31, Max: 20})
		findings = append(findings, findingView{ID: "f-" + string(k), Kind: k, Text: "vordering", Reason: reason})
	}
	var options []assistant.ArrangementOption
	for i, k := range optionKinds {
		cur := "EUR"
		if i%2 == 1 {
			cur = "GBP"
		}
		options = append(options, assistant.ArrangementOption{Kind: k, Monthly: assistant.Money{Amount: 5050, Currency: cur}, Months: 6})
	}
	var published []*assistant.Review
	var answered []reviewView
	for _, s := range reviewStatuses {
		r := &assistant.Review{ID: 1, CallID: 1, AgentID: "anna", Reviewer: "Ilse de Vries", Status: s, Rating: 4}
		published = append(published, r)
		answered = append(answered, reviewView{Review: r})
	}
	var goals []goalView
	for i, k := range assistant.GoalKinds {
		st := assistant.GoalStatuses[i%len(assistant.GoalStatuses)]
		goals = append(goals, goalView{Goal: assistant.Goal{Kind: k, Threshold: 0.6}, Result: &assistant.GoalResult{Kind: k, Status: st}})
	}
	breaches := 2.25
	call := &assistant.Call{ID: 3, AgentID: "anna", TeamID: "noord", ReviewStatus: assistant.CallReviewed, Analysis: assistant.Analysis{
		Language:    callLang,
		Readability: assistant.Readability{Scale: scale, Score: 62.25, MeanSentenceLength: 14.25},
		Arrangement: assistant.ArrangementAdvice{Options: options, Referral: &assistant.Referral{Code: referral}},
	}}
	starts := []time.Time{time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 9, 0, 0, 0, 0, time.UTC)}
	return map[string]map[string]any{
		"calls": {"Calls": calls, "Statuses": assistant.CallReviewStatuses, "Status": "", "Names": coach.Names{}},
		"review": {"Call": call, "Turns": []turnView{{ID: 1, Number: 1, Agent: true, Findings: findings}}, "Published": published,
			"CanReview": true, "Ratings": []int{1, 2, 3, 4, 5}, "TargetShare": 0.5, "Problems": map[string][]string{},
			"AgentName": "Anna de Boer", "TeamName": "Team Noord", "TurnNumbers": map[int64]int{}},
		"agent": {"AgentID": "anna", "Period": periodView{}, "Calls": calls, "Reviews": answered, "Goals": goals},
		"lead": {"Team": "noord", "Period": periodView{}, "Progress": &assistant.Progress{Agents: []assistant.AgentStanding{{AgentID: "anna", Calls: 3,
			EscalationsPerCall: ptr(2.25), JargonPerCall: ptr(4.25), BreachesPerCall: &breaches, NeedsAttention: true, Reasons: reasons}}},
			"Charts": []chartView{{ID: "c", Title: "t", SVG: lineChart("c", "t", assistant.BucketWeek, starts, []series{{Name: "anna", Values: []float64{4.666, 1.25}}}, false, lang)}}},
		"signin": {},
	}
}

// A page prints no code as it is stored and no word of the other language
// for a code, and writes numbers and money the way its language does.
func TestPagesPrintNoRawCodesOrTheOtherLanguage(t *testing.T) {
	p, err := New(Config{}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	word := func(s string) *regexp.Regexp {
		return regexp.MustCompile(`(^|[^\pL_-])` + regexp.QuoteMeta(s) + `($|[^\pL_-])`)
	}
	for _, lang := range assistant.Languages {
		other := assistant.English
		if lang == assistant.English {
			other = assistant.Dutch
		}
		// Forbidden on a page of lang: a code its name in lang differs
		// from, where the code cannot pass for a word of lang (on an
		// English page "reviewed" can), and the other language's names.
		forbidden := map[string]bool{}
		for kind, codes := range labelCodes() {
			for _, c := range codes {
				mine, theirs := text(lang)[kind+"."+c], text(other)[kind+"."+c]
				// Language codes are checked by name below: "en" is Dutch for "and";
				// the goal status "met" is Dutch for "with".
				if !strings.EqualFold(mine, c) && (lang == assistant.Dutch || strings.ContainsAny(c, "-_")) && kind != "lang" && !(kind == "goal_status" && c == "met") {
					forbidden[c] = true
				}
				// The language switch names each language in its own.
				if !strings.EqualFold(mine, theirs) && kind != "lang" {
					forbidden[theirs] = true
				}
			}
		}
		wrongNumber := regexp.MustCompile(`\d\.\d|EUR|GBP`)
		if lang == assistant.English {
			wrongNumber = regexp.MustCompile(`\d,\d{1,2}($|[^\d])|EUR|GBP`)
		}
		for _, callLang := range assistant.Languages {
			for i, referral := range referralCodes {
				for name, data := range pageData(lang, callLang, scales[i%len(scales)], referral) {
					page := visible(renderPage(t, p, lang, name, data))
					for f := range forbidden {
						if word(f).MatchString(page) {
							t.Errorf("%s page %s (call in %s) prints %q", lang, name, callLang, f)
						}
					}
					if m := wrongNumber.FindString(page); m != "" {
						t.Errorf("%s page %s (call in %s) writes %q", lang, name, callLang, m)
					}
					if strings.Contains(page, "`") {
						t.Errorf("%s page %s prints a backtick", lang, name)
					}
				}
			}
		}
	}
}

// The figures themselves are there, written in the page's language, and a
// finding is explained in the page's language whatever the call's.
func TestPagesWriteFiguresAndExplanationsInTheirLanguage(t *testing.T) {
	p, err := New(Config{}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	// 2.25 and 4.25 escalations and jargon per call: halves round away
	// from zero, as the figures are rounded, so 2,3 and 4,3.
	for _, c := range []struct {
		lang, call assistant.Language
		want       []string
	}{
		{assistant.Dutch, assistant.English, []string{"2,3", "4,3", "€ 50,50", "£ 50,50", "4,67", "1,25", "Lijdende vorm",
			prompts.MustRender(assistant.Dutch, "reason.command", nil), "Bevestigd door anna", "Engels", "Beoordeling gepubliceerd", "Geen jargon vroeg in het gesprek",
			"doel niet gehaald", "Geen regeling past", "Eerst uitstel, dan een regeling", "Flesch-Douma"}},
		{assistant.English, assistant.Dutch, []string{"2.3", "4.3", "€50.50", "£50.50", "4.67", "1.25", "Passive voice",
			prompts.MustRender(assistant.English, "reason.command", nil), "Acknowledged by anna",
			prompts.MustRender(assistant.English, "reason.long-sentence", reasonFields{Words: 31, Max: 20})}},
	} {
		all := ""
		for name, data := range pageData(c.lang, c.call, assistant.ScaleFleschDouma, "no-fit") {
			all += visible(renderPage(t, p, c.lang, name, data))
		}
		all = strings.Join(strings.Fields(strings.ReplaceAll(all, "&#34;", `"`)), " ")
		for _, w := range c.want {
			w = strings.Join(strings.Fields(w), " ")
			if !strings.Contains(all, w) {
				t.Errorf("%s pages of a call in %s do not say %q", c.lang, c.call, w)
			}
		}
	}
}

// A form whose CSRF token no longer matches gets a page in the visitor's
// language that says the form expired and leads back to it.
func TestExpiredFormIsAPageInItsLanguage(t *testing.T) {
	p, err := New(Config{}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	e := echo.New()
	p.Mount(e)
	for _, lang := range assistant.Languages {
		for _, token := range []string{"", "forged"} {
			req := httptest.NewRequest(http.MethodPost, "/signin", strings.NewReader(url.Values{"_csrf": {token}, "token": {"x"}}.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Accept-Language", string(lang))
			req.Header.Set("Referer", "http://"+req.Host+"/signin?next=/calls")
			req.AddCookie(&http.Cookie{Name: csrfCookie, Value: "the-real-one"})
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, req)
			body := rec.Body.String()
			if rec.Code != http.StatusForbidden || !strings.Contains(body, escaped(text(lang)["form_expired"])) ||
				!strings.Contains(body, `href="/signin?next=/calls"`) || strings.Contains(body, "csrf token") {
				t.Errorf("%s, token %q: %d %s", lang, token, rec.Code, body)
			}
		}
	}
}

// An error of a use case on a Dutch page says in Dutch what kind of error
// it is; its English detail is kept, marked as English.
func TestUseCaseErrorOnADutchPage(t *testing.T) {
	p, err := New(Config{}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	e := echo.New()
	e.GET("/x", func(echo.Context) error {
		return assistant.Errorf(assistant.EConflict, "You have reviewed call 1 already.")
	}, p.htmlErrors, p.language)
	req := httptest.NewRequest(http.MethodGet, "/x", nil)
	req.Header.Set("Accept-Language", "nl")
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	body := rec.Body.String()
	if rec.Code != http.StatusConflict || !strings.Contains(body, escaped(dutch["error.conflict"])) ||
		!strings.Contains(body, `<p lang="en">You have reviewed call 1 already.</p>`) {
		t.Errorf("%d %s", rec.Code, body)
	}
}

// escaped is s as html/template writes it in a page.
func escaped(s string) string {
	return strings.NewReplacer("&", "&amp;", "'", "&#39;", `"`, "&#34;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func ptr[T any](v T) *T { return &v }

// reasonFields are the fields prompts' reason.* templates read.
type reasonFields struct {
	Text, Plain, Kind, Asked string
	Words, Max               int
	Rewritten, Omit          bool
}
