package arrangement

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/strictjson"
)

// readmeBody finds the JSON body of each curl of the README that PUTs a
// policy or POSTs to /v1/arrangements: the policy's id, or "" for a plan.
var readmeBody = regexp.MustCompile(`(?s)curl -s (?:-X PUT )?localhost:8080/v1/(policies/([a-z0-9._-]+)|arrangements) [^\n]*?-d '([^']*)'`)

// The README's examples are run every day (cmd/rooscoach's TestREADME), so
// their first payment must not fall on a weekend or holiday on any day a
// reader runs them: every policy they store moves due dates off holidays
// (README: "on in every default policy"), and every plan they ask for,
// planned on any day of two years, has only business days.
func TestREADMEPlansOffHolidays(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	policies := map[string]assistant.CreditorPolicy{}
	var plans []string
	for _, m := range readmeBody.FindAllStringSubmatch(string(readme), -1) {
		if id := m[2]; id != "" {
			var p assistant.CreditorPolicy
			if err := strictjson.Decode([]byte(m[3]), &p); err != nil {
				t.Fatalf("README policy %s: %v", id, err)
			}
			p.ArrangementPolicy = WithDefaultSwitches(p.ArrangementPolicy, p.Jurisdiction)
			if !p.MovesOffHolidays() {
				t.Errorf("README policy %s does not move due dates off holidays", id)
			}
			policies[id] = p
			continue
		}
		plans = append(plans, m[3])
	}
	if len(policies) < 2 || len(plans) < 4 {
		t.Fatalf("found %d policies and %d plans in the README; the pattern no longer matches its examples", len(policies), len(plans))
	}
	e := New(fixedNow)
	for _, body := range plans {
		var req Request
		if err := strictjson.Decode([]byte(body), &req); err != nil {
			t.Fatalf("README plan %s: %v", body, err)
		}
		if req.PolicyID != "" {
			p, ok := policies[req.PolicyID]
			if !ok {
				t.Fatalf("README plan names policy %s, which no example stores", req.PolicyID)
			}
			req.Policy, req.PolicyID = &p.ArrangementPolicy, ""
		}
		bad := 0
		for day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC); day.Year() < 2028; day = day.AddDate(0, 0, 1) {
			req.Today = day.Format(dateLayout)
			res, err := e.Plan(context.Background(), req)
			if err != nil {
				t.Fatalf("README plan on %s: %v\n%s", req.Today, err, body)
			}
			for _, o := range res.Options {
				for _, pay := range o.Schedule {
					due, _ := time.Parse(dateLayout, pay.Due)
					if !BusinessDay(req.Jurisdiction, due) && bad < 3 {
						bad++
						t.Errorf("README plan run on %s: %s due on %s, a %s and no business day in %s\n%s",
							req.Today, o.Kind, pay.Due, due.Weekday(), req.Jurisdiction, strings.TrimSpace(body))
					}
				}
			}
		}
	}
}
