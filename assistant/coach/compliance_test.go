package coach_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/builtin"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/assistant/compliance"
	"github.com/rooscoach/rooscoach/assistant/compliance/compliancetest"
	"github.com/rooscoach/rooscoach/assistant/transcript"
	"github.com/rooscoach/rooscoach/store"
	"github.com/rooscoach/rooscoach/store/storetest"
)

var today = func() time.Time { return time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC) }

// newService is the use cases over a real store on a schema of the test's
// own, with the built-in packs checking the account's stored calls.
func newService(t *testing.T) (*coach.Service, *store.DB, string) {
	t.Helper()
	dsn := storetest.NewDSN(t)
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	an, _ := builtin.Analyzer(today)
	return &coach.Service{Analyzer: an, Store: db, Accounts: db, AccountRules: compliance.Builtin(), Now: today}, db, dsn
}

// storedRule ingests a call and returns the rule id as the stored record
// has it, read back from the store.
func storedRule(t *testing.T, svc *coach.Service, db *store.DB, in coach.Input, ruleID string) (*assistant.Call, assistant.RuleCheck) {
	t.Helper()
	ctx := context.Background()
	call, created, err := svc.Ingest(ctx, admin, in)
	if err != nil {
		t.Fatalf("Ingest: %v", err)
	}
	if !created {
		t.Fatal("the call was not stored anew")
	}
	stored, err := db.FindCallByID(ctx, admin.Scope(), call.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Compliance == nil {
		t.Fatal("the stored record has no compliance section")
	}
	for _, rc := range stored.Compliance.Rules {
		if rc.RuleID == ruleID {
			return stored, rc
		}
	}
	t.Fatalf("rule %s is not in the stored record", ruleID)
	return nil, assistant.RuleCheck{}
}

// TestRuleCasesStored stores every case of the compliance rules and checks
// the rule on the record read back: each rule broken and kept, in Dutch and
// in English.
func TestRuleCasesStored(t *testing.T) {
	svc, db, _ := newService(t)
	cases, err := compliancetest.Cases()
	if err != nil {
		t.Fatal(err)
	}
	for i, tc := range cases {
		t.Run(tc.Rule+"/"+tc.Name, func(t *testing.T) {
			opts := transcript.Options{AgentID: "agent-" + string(tc.Language), ExternalID: fmt.Sprintf("case-%d", i),
				Language: tc.Language, Jurisdiction: tc.Jurisdiction, TimeZone: tc.TimeZone, OccurredAt: tc.OccurredAt}
			if tc.AccountRef != "" {
				// An account of its own: this is its first call.
				opts.AccountRef = fmt.Sprintf("%s-%d", tc.AccountRef, i)
				if opts.OccurredAt.IsZero() {
					opts.OccurredAt = today().Add(-time.Hour)
				}
			}
			stored, rc := storedRule(t, svc, db, coach.Input{Data: []byte(tc.Transcript), MediaType: "text/plain", Options: opts}, tc.Rule)
			if rc.Status != tc.Want {
				t.Fatalf("stored status %s, want %s: %s", rc.Status, tc.Want, rc.Reason)
			}
			if tc.Quote != "" && (len(rc.Breaches) == 0 || rc.Breaches[0].Text != tc.Quote) {
				t.Errorf("stored breaches %+v, want %q first", rc.Breaches, tc.Quote)
			}
			for _, q := range rc.Breaches {
				if got := string([]rune(stored.Turns[q.TurnIndex].Text)[q.Start:q.End]); got != q.Text {
					t.Errorf("stored breach %+v: the offsets give %q", q, got)
				}
			}
			if stored.AccountRef != opts.AccountRef || stored.TimeZone != opts.TimeZone {
				t.Errorf("stored account %q, zone %q; want %q, %q", stored.AccountRef, stored.TimeZone, opts.AccountRef, opts.TimeZone)
			}
			if rc.Status == assistant.RuleBroken && (stored.Compliance.Breaches == 0 || stored.Compliance.Worst.Rank() < rc.Severity.Rank()) {
				t.Errorf("record: %d breaches, worst %q, with %s broken (%s)", stored.Compliance.Breaches, stored.Compliance.Worst, rc.RuleID, rc.Severity)
			}
		})
	}
}

// callText is a short call in each language that says nothing the other
// rules care about.
var callText = map[assistant.Language]string{
	assistant.Dutch: "Medewerker: Goedemiddag, u spreekt met Sam van North Recovery, een incassobureau.\n" +
		"Klant: Ja, waar gaat het over?\nMedewerker: Over de rekening van maart. Kunt u die deze maand betalen?\nKlant: Ja, dat lukt.\n",
	assistant.English: "Agent: Good afternoon, this is Sam from North Recovery. This communication is from a debt collector.\n" +
		"Customer: Yes, what is it about?\nAgent: The March bill. Could you pay it this month?\nCustomer: Yes, I can.\n",
}

// TestCallFrequencyOverStoredCalls checks Regulation F's presumption over
// the stored calls of one account (12 CFR 1006.14(b)(2)(i)): more than seven
// calls within seven consecutive days, or a call within seven days after a
// telephone conversation, the date of the conversation being the first day.
// The worked example: after a conversation on a Monday, a call before the
// following Monday is presumed to violate the rule (NAFCU, 'Debt Collection
// Call Limits', https://www.nafcu.org/compliance-blog/debt-collection-call-limits).
func TestCallFrequencyOverStoredCalls(t *testing.T) {
	svc, db, dsn := newService(t)
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	monday := time.Date(2026, 11, 16, 10, 0, 0, 0, ny)
	n := 0
	post := func(t *testing.T, lang assistant.Language, account string, at time.Time) (*assistant.Call, assistant.RuleCheck) {
		t.Helper()
		n++
		opts := transcript.Options{AgentID: "agent-sam", ExternalID: fmt.Sprintf("freq-%d", n), Language: lang,
			Jurisdiction: "us", AccountRef: account, TimeZone: "America/New_York", OccurredAt: at}
		return storedRule(t, svc, db, coach.Input{Data: []byte(callText[lang]), MediaType: "text/plain", Options: opts}, "us.call-frequency")
	}
	for _, lang := range assistant.Languages {
		t.Run(string(lang), func(t *testing.T) {
			acct := "acct-weekly-" + string(lang)
			_, first := post(t, lang, acct, monday)
			if first.Status != assistant.RuleKept || len(first.RelatedCalls) != 0 {
				t.Fatalf("first call: %s %s, related %v; want kept with no earlier calls", first.Status, first.Reason, first.RelatedCalls)
			}
			_, rc := post(t, lang, acct+"-other", monday.AddDate(0, 0, 6))
			if rc.Status != assistant.RuleKept {
				t.Fatalf("another account's call: %s, want kept", rc.Status)
			}
			_, rc = post(t, lang, acct, monday.AddDate(0, 0, 6).Add(9*time.Hour)) // Sunday 19:00
			if rc.Status != assistant.RuleBroken || !strings.Contains(rc.Reason, "2026-11-16") || len(rc.RelatedCalls) != 1 {
				t.Fatalf("Sunday after a Monday conversation: %s %q, related %v; want broken, naming 2026-11-16", rc.Status, rc.Reason, rc.RelatedCalls)
			}

			// The next Monday is the eighth day: no conversation in the
			// seven days before it but Sunday's.
			acct2 := "acct-next-monday-" + string(lang)
			post(t, lang, acct2, monday)
			_, rc = post(t, lang, acct2, monday.AddDate(0, 0, 7))
			if rc.Status != assistant.RuleKept {
				t.Fatalf("the following Monday: %s %q, want kept", rc.Status, rc.Reason)
			}
			// The first communication's disclosure is for the first call only.
			_, disclosure := storedRule(t, svc, db, coach.Input{Data: []byte(callText[lang]), MediaType: "text/plain",
				Options: transcript.Options{AgentID: "agent-sam", ExternalID: fmt.Sprintf("freq-disclosure-%s", lang), Language: lang,
					Jurisdiction: "us", AccountRef: acct2, TimeZone: "America/New_York", OccurredAt: monday.AddDate(0, 0, 8)}}, "us.initial-disclosure")
			if disclosure.Status != assistant.RuleNotApplicable {
				t.Errorf("a later call's first-contact disclosure: %s %q, want not applicable", disclosure.Status, disclosure.Reason)
			}

			// Eight calls in seven days: the eighth breaks the count itself.
			acct3 := "acct-eight-" + string(lang)
			var last assistant.RuleCheck
			for i := range 8 {
				_, last = post(t, lang, acct3, monday.Add(time.Duration(i)*18*time.Hour))
			}
			if last.Status != assistant.RuleBroken || !strings.Contains(last.Reason, "8") || len(last.RelatedCalls) != 7 {
				t.Fatalf("eighth call in seven days: %s %q, related %d; want broken, counting 8", last.Status, last.Reason, len(last.RelatedCalls))
			}
		})
	}

	// The progress figures read the columns beside the document.
	var rows []struct {
		Breaches int    `db:"compliance_breaches"`
		Worst    string `db:"compliance_worst"`
	}
	sdb, err := sqlx.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	if err := sdb.Select(&rows, `SELECT compliance_breaches, COALESCE(compliance_worst, '') AS compliance_worst FROM calls WHERE account_ref LIKE 'acct-eight-%' ORDER BY occurred_at DESC, id DESC LIMIT 1`); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Breaches < 1 || rows[0].Worst != "high" {
		t.Errorf("columns of the eighth call: %+v, want at least one breach and worst high", rows)
	}
}

// TestCallFrequencyWithoutTheStore: without the account's calls the rule is
// reported as not checked, and says why.
func TestCallFrequencyWithoutTheStore(t *testing.T) {
	an, _ := builtin.Analyzer(today)
	svc := &coach.Service{Analyzer: an, Now: today}
	_, got, err := svc.Analyze(context.Background(), coach.Input{Data: []byte(callText[assistant.English]), MediaType: "text/plain",
		Options: transcript.Options{Language: assistant.English, Jurisdiction: "us", AccountRef: "acct-1", OccurredAt: today().Add(-time.Hour)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, rc := range got.Compliance.Rules {
		if rc.RuleID == "us.call-frequency" && (rc.Status != assistant.RuleNotApplicable || !strings.Contains(rc.Reason, "stored calls")) {
			t.Errorf("without the store: %s %q", rc.Status, rc.Reason)
		}
	}
}
