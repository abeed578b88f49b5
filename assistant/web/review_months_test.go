package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// The review page counts an option's months with the noun that goes with
// the number: "1 maand" and "6 maanden" on a Dutch page, "1 month" and "6
// months" on an English one.
func TestReviewCountsMonths(t *testing.T) {
	s := newSite(t)
	ctx := t.Context()
	trainer, err := s.db.Authenticate(ctx, s.trainer)
	if err != nil {
		t.Fatal(err)
	}
	call, _, err := s.svc.Ingest(ctx, trainer, coachInput(mustRead(t, "nl-betalingsregeling.txt"), "anna", s.team))
	if err != nil {
		t.Fatal(err)
	}
	// The same call with options of one and of six months.
	c := *call
	c.ID, c.ExternalID = 0, "months-call"
	eur := func(a int64) assistant.Money { return assistant.Money{Amount: a, Currency: "EUR"} }
	c.Arrangement.Options = []assistant.ArrangementOption{
		{Kind: assistant.OptionSettlement, Monthly: eur(60000), Months: 1, Total: eur(60000), FitsPolicy: true, Realistic: true},
		{Kind: assistant.OptionInstalments, Monthly: eur(10000), Months: 6, Total: eur(60000), FitsPolicy: true, Realistic: true},
	}
	if _, err := s.db.CreateCall(ctx, principalAdmin(), &c); err != nil {
		t.Fatal(err)
	}
	session, _, _ := signedIn(t, s, s.trainer)
	for lang, want := range map[string][2]string{"nl": {"1 maand", "6 maanden"}, "en": {"1 month", "6 months"}} {
		status, body := get(t, s, "/calls/"+itoa(c.ID), lang, session)
		if status != http.StatusOK {
			t.Fatalf("GET /calls/%d in %s: %d", c.ID, lang, status)
		}
		page := strings.Join(strings.Fields(body), " ")
		for _, w := range want {
			if !strings.Contains(page, w+"<") && !strings.Contains(page, w+" ") {
				t.Errorf("the %s review page does not say %q; %s", lang, w, between(page, "<ul><li><strong>", "</ul>"))
			}
		}
		if bad := map[string]string{"nl": "1 maanden", "en": "1 months"}[lang]; strings.Contains(page, bad) {
			t.Errorf("the %s review page says %q", lang, bad)
		}
	}
}
