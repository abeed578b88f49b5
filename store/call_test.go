package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/store"
)

// admin stores calls in these tests as the command line does: without a
// token, seeing everything; all is its scope. The tests of scope are in
// scope_test.go.
var (
	admin = assistant.CommandLine()
	all   = admin.Scope()
)

// stance builds a consistent stance with one cue.
func stance(d, a, conf float64, cue assistant.Cue) assistant.Stance {
	return assistant.NewStance(d, a, conf, []assistant.Cue{cue})
}

// fullCall returns a call with every field and every kind of row filled, in
// lang, so that a round trip that drops anything shows in the diff.
func fullCall(lang assistant.Language, agentID, externalID string) *assistant.Call {
	at := time.Date(2026, 11, 2, 9, 30, 15, 123456000, time.UTC)
	w := map[assistant.Language]struct {
		agent0, customer, agent2, close, jargon, rewrite, reason, tip, why, script, referral, suggested string
	}{
		assistant.Dutch: {
			agent0:    "Goedemiddag, u spreekt met Anna. Conform onze voorwaarden is de ingebrekestelling verstuurd.",
			customer:  "Ik heb mijn baan verloren, ik kan hooguit 50 euro per maand betalen. Er staat nog 600 euro open.",
			agent2:    "Dat begrijp ik. Zullen we samen kijken wat voor u haalbaar is?",
			close:     "Ik stuur u vandaag de afspraak per mail. Fijne dag!",
			jargon:    "ingebrekestelling",
			rewrite:   "brief waarin staat dat u te laat bent met betalen",
			reason:    "Klanten kennen dit woord vaak niet.",
			tip:       "Zeg in gewone woorden wat de brief betekent.",
			why:       "Past binnen wat u zelf zegt te kunnen missen.",
			script:    "Wat vindt u ervan als u twaalf maanden 50 euro betaalt?",
			referral:  "U kunt gratis hulp krijgen bij het Geldloket.",
			suggested: "Goedemiddag, u spreekt met Anna. We hebben u een brief gestuurd waarin staat dat u te laat bent met betalen.",
		},
		assistant.English: {
			agent0:    "Good afternoon, this is Anna. As per our policy the notice of arrears has been sent.",
			customer:  "I lost my job, I can pay 50 pounds a month at most. I still owe 600 pounds.",
			agent2:    "I understand. Shall we look together at what works for you?",
			close:     "I'll email you the plan today. Have a good day!",
			jargon:    "notice of arrears",
			rewrite:   "letter saying a payment is late",
			reason:    "Customers often do not know this term.",
			tip:       "Say in plain words what the letter means.",
			why:       "Fits what you said you can spare.",
			script:    "How would paying 50 pounds a month for twelve months work for you?",
			referral:  "You can get free debt advice from MoneyHelper.",
			suggested: "Good afternoon, this is Anna. We sent you a letter saying a payment is late.",
		},
	}[lang]
	cur := "EUR"
	jurisdiction := "NL"
	if lang == assistant.English {
		cur, jurisdiction = "GBP", "GB"
	}
	readability := assistant.ScoreReadability(lang, assistant.Readability{Sentences: 2, Words: 14, Syllables: 27, LongWords: 3})
	agent0 := stance(0.55, -0.2, 0.8, assistant.Cue{Kind: assistant.CuePolicyHiding, Text: "Conform", Start: 33, End: 40, Dominance: 0.4, Affiliation: -0.3})
	customer := stance(-0.6, -0.1, 0.7, assistant.Cue{Kind: assistant.CueHelplessness, Text: "kan hooguit", Start: 30, End: 41, Dominance: -0.5, Affiliation: 0})
	agent2 := stance(0.3, 0.7, 0.9, assistant.Cue{Kind: assistant.CueEmpathy, Text: "Dat begrijp ik", Start: 0, End: 14, Dominance: 0.1, Affiliation: 0.6})
	agent3 := stance(0.5, 0.5, 0.85, assistant.Cue{Kind: assistant.CueNextStep, Text: "stuur u vandaag", Start: 3, End: 18, Dominance: 0.4, Affiliation: 0.3})
	turns := []assistant.TurnAnalysis{
		{
			Turn:   assistant.Turn{Index: 0, Speaker: assistant.Agent, Text: w.agent0, StartMS: 0, EndMS: 5200, SourceSpeaker: "Medewerker"},
			Stance: agent0,
			Exchange: &assistant.Exchange{CustomerTurn: 1, Agent: agent0.Quadrant, Customer: customer.Quadrant,
				Expected: assistant.Invited(agent0.Quadrant), AsExpected: true, Pull: assistant.PullOpposition, IntoOpposition: true, Clear: true},
			Phrasing: &assistant.Phrasing{
				Findings: []assistant.Finding{
					{Kind: assistant.FindingPolicyTalk, Text: "Conform onze voorwaarden", Start: 33, End: 57, Reason: w.reason},
					{Kind: assistant.FindingJargon, Text: w.jargon, Start: 62, End: 79, Reason: w.reason,
						Rewrite: &assistant.Rewrite{Start: 62, End: 79, Original: w.jargon, Text: w.rewrite}},
				},
				Readability: readability,
				Suggested:   w.suggested,
				Tip:         assistant.Tip{Kind: assistant.TipOf(assistant.FindingJargon), Text: w.tip},
			},
		},
		{
			Turn:   assistant.Turn{Index: 1, Speaker: assistant.Customer, Text: w.customer, StartMS: 5200, EndMS: 11000, Language: lang, SourceSpeaker: "Klant"},
			Stance: customer,
		},
		{
			Turn:   assistant.Turn{Index: 2, Speaker: assistant.Agent, Text: w.agent2, StartMS: 11000, SourceSpeaker: "Medewerker"},
			Stance: agent2,
			Hardship: &assistant.HardshipFlag{CustomerTurn: 1, Driver: assistant.DriverLifeEvent, Cue: "baan verloren", ComparedTo: 0,
				MoreOpposed: true, Dominance: -0.05, Affiliation: -0.3},
			Response: &assistant.Response{ToTurn: 1, Customer: customer.Quadrant, Agent: agent2.Quadrant, Effect: assistant.Deescalates},
			Phrasing: &assistant.Phrasing{
				Findings:    []assistant.Finding{},
				Readability: readability,
				Tip:         assistant.Tip{Kind: "ok", Text: w.tip},
			},
		},
		{
			Turn:   assistant.Turn{Index: 3, Speaker: assistant.Agent, Text: w.close, StartMS: 12000, EndMS: 15500, SourceSpeaker: "Medewerker"},
			Stance: agent3,
			Phrasing: &assistant.Phrasing{
				Findings:    []assistant.Finding{{Kind: assistant.FindingClosedQuestion, Text: "Fijne dag", Start: 40, End: 49, Reason: w.reason}},
				Readability: readability,
				Tip:         assistant.Tip{Kind: "closing", Text: w.tip},
			},
		},
	}
	return &assistant.Call{
		ExternalID: externalID,
		AgentID:    agentID,
		TeamID:     "team-noord",
		AccountRef: "acct-" + string(lang) + "-0042",
		TimeZone:   "Europe/Amsterdam",
		OccurredAt: at,
		Analysis: assistant.Analysis{
			Compliance: &assistant.Compliance{
				Jurisdiction: strings.ToLower(jurisdiction), JurisdictionReason: "the currency",
				Rules: []assistant.RuleCheck{
					{RuleID: "all.crisis", Pack: "all", Title: w.tip, Law: "FG21/1", Article: "ch. 3", Severity: assistant.SeverityCritical,
						Status: assistant.RuleNotApplicable, Reason: w.reason},
					{RuleID: "nl.no-seizure-threat", Pack: "nl", Title: w.tip, Law: "Wki", Article: "gedragsnormen", Severity: assistant.SeverityHigh,
						Status: assistant.RuleBroken, Reason: w.reason, SayInstead: w.script,
						Trigger:  &assistant.Quote{TurnIndex: 1, Speaker: assistant.Customer, Text: "baan verloren", Start: 10, End: 23},
						Breaches: []assistant.Quote{{TurnIndex: 0, Speaker: assistant.Agent, Text: "Conform", Start: 33, End: 40}},
						Missing:  []string{w.referral}},
					{RuleID: "us.call-frequency", Pack: "us", Title: w.tip, Law: "Reg F", Article: "1006.14(b)(2)", Severity: assistant.SeverityHigh,
						Status: assistant.RuleKept, Reason: w.reason,
						Said:         []assistant.Quote{{TurnIndex: 2, Speaker: assistant.Agent, Text: "samen", Start: 25, End: 30}},
						RelatedCalls: []assistant.AccountCall{{ID: 7, OccurredAt: time.Date(2026, 10, 30, 9, 0, 0, 0, time.UTC)}}},
				},
				Worst: assistant.SeverityHigh, Breaches: 1, Flagged: true,
			},
			Language: lang,
			Format:   "text",
			Mapping: assistant.SpeakerMapping{
				Method: assistant.MappingInferred, Confidence: 0.75,
				Agent: []string{"Medewerker"}, Customer: []string{"Klant", "Debiteur"},
				Reason: "The first speaker introduces the company.",
			},
			Turns:       turns,
			Summary:     assistant.Summarize(turns),
			Readability: assistant.CombineReadability(lang, []assistant.Readability{readability, readability, readability}),
			JargonCount: 1,
			Closing:     assistant.ClosingCheck{NextStep: true, Summary: true, WarmClose: true, Tip: w.tip},
			Arrangement: assistant.ArrangementAdvice{
				Facts: []assistant.Fact{
					{Kind: assistant.FactVulnerability, Cue: "life-event", TurnIndex: 1, Text: "baan verloren", Start: 10, End: 23},
					{Kind: assistant.FactOffer, Amount: &assistant.Money{Amount: 5000, Currency: cur}, TurnIndex: 1, Text: "50 euro per maand", Start: 42, End: 59},
					{Kind: assistant.FactOutstanding, Amount: &assistant.Money{Amount: 60000, Currency: cur}, TurnIndex: 1, Text: "600 euro", Start: 80, End: 88, Ambiguous: true, Note: "no period given"},
					{Kind: assistant.FactPayday, Day: 25, TurnIndex: 1, Text: "de 25e", Start: 90, End: 96},
					{Kind: assistant.FactPayday, Weekday: "friday", Nth: -1, TurnIndex: 1, Text: "laatste vrijdag", Start: 100, End: 115, Note: w.reason},
					{Kind: assistant.FactCosts, Category: assistant.CategoryHousing, Amount: &assistant.Money{Amount: 75000, Currency: cur}, TurnIndex: 1, Text: "huur 750", Start: 120, End: 128},
					{Kind: assistant.FactAgreed, Amount: &assistant.Money{Amount: 5000, Currency: cur}, Frequency: assistant.Monthly, Date: "2026-11-25", Day: 25, Promise: true, TurnIndex: 2, Text: "50 euro per maand", Start: 3, End: 20},
				},
				Options: []assistant.ArrangementOption{
					{
						Kind: assistant.OptionCustomerProposal, Monthly: assistant.Money{Amount: 5000, Currency: cur}, Months: 12,
						Schedule: []assistant.Payment{
							{Due: "2026-11-25", Amount: assistant.Money{Amount: 5000, Currency: cur}},
							{Due: "2026-12-25", Amount: assistant.Money{Amount: 55000, Currency: cur}},
						},
						Total: assistant.Money{Amount: 60000, Currency: cur}, FitsPolicy: true, Realistic: true, Why: w.why, Script: w.script,
					},
					{
						Kind: assistant.OptionDeferral, Monthly: assistant.Money{Amount: 4000, Currency: cur}, Months: 1, DeferralMonths: 2,
						Schedule: []assistant.Payment{{Due: "2027-02-25", Amount: assistant.Money{Amount: 52500, Currency: cur}}},
						Total:    assistant.Money{Amount: 52500, Currency: cur}, Waived: &assistant.Money{Amount: 7500, Currency: cur},
						Why: w.why, Script: w.script,
					},
					{
						Kind: assistant.OptionTemporary, Monthly: assistant.Money{Amount: 2500, Currency: cur}, Months: 2, Step: 500,
						Schedule: []assistant.Payment{
							{Due: "2026-11-25", Amount: assistant.Money{Amount: 2500, Currency: cur}},
							{Due: "2026-12-28", Amount: assistant.Money{Amount: 2500, Currency: cur}},
						},
						Total: assistant.Money{Amount: 5000, Currency: cur}, FitsPolicy: true, Realistic: true, Risk: true, Frozen: true,
						ReviewDate: "2027-01-25", Remaining: &assistant.Money{Amount: 55000, Currency: cur}, Why: w.why, Script: w.script,
					},
				},
				Referral: &assistant.Referral{Jurisdiction: jurisdiction, Code: "vulnerable", Reason: "vulnerability", Text: w.referral},
				Flagged:  true,
				Policy: &assistant.AppliedPolicy{ID: "delta-water", Name: "Waterbedrijf Delta", Source: assistant.PolicyFromTeam, Jurisdiction: jurisdiction,
					Terms: assistant.ArrangementPolicy{MinInstalment: 2500, MaxTermMonths: 36, SpareSharePercent: 50, MayTemporary: new(true), ReviewMonths: 3, MayFreeze: true}},
				Assessment: &assistant.Assessment{
					Income: &assistant.Money{Amount: 180000, Currency: cur}, Spare: &assistant.Money{Amount: 10000, Currency: cur},
					SharePercent: 50, Cap: &assistant.Money{Amount: 5000, Currency: cur}, Limit: &assistant.Money{Amount: 5000, Currency: cur},
					Protected: &assistant.ProtectedIncome{Amount: assistant.Money{Amount: 170000, Currency: cur}, Household: "single", Basis: "95-percent", Effective: "2025-07-01", Stale: true, Note: w.reason},
					Checks:    []assistant.BudgetCheck{{Category: assistant.CategoryFoodHousekeeping, Amount: assistant.Money{Amount: 45000, Currency: cur}, Guideline: assistant.Money{Amount: 30000, Currency: cur}, Note: w.reason}},
				},
				Agreement: &assistant.AgreementCheck{
					Fact: 6, Amount: assistant.Money{Amount: 5000, Currency: cur}, Frequency: assistant.Monthly, Monthly: assistant.Money{Amount: 5000, Currency: cur},
					FirstDue: "2026-11-25", Promise: true, Months: 12, MatchesOption: 1, Affordable: true, WithinPolicy: true,
					Findings: []assistant.AgreementFinding{{Code: "matches", Text: w.reason}},
				},
			},
			Flagged: true,
			Dynamics: assistant.Dynamics{Exchanges: 2, Together: 1, AsExpected: 1, PushedIntoOpposition: 1, HardshipFlags: 1,
				Tipping: &assistant.Tipping{AgentTurn: 2, CustomerTurn: 3, Into: assistant.SideOpposed}},
			Engines: []assistant.EngineRun{
				{Part: assistant.PartStance, Engine: "llm", Model: "gpt-4o-mini", PromptVersion: "llm.stance/nl@1"},
				{Part: assistant.PartPhrasing, Engine: assistant.Builtin, FallbackReason: "the model answered 503"},
				{Part: assistant.PartSummary, Engine: "llm", Model: "gpt-4o-mini", PromptVersion: "llm.summary/nl@1"},
			},
			AfterCallSummary: &assistant.AfterCallSummary{
				Language: lang, Situation: w.customer, Agreement: w.script, NextStep: w.close,
				Text: w.customer + " " + w.script + " " + w.close, Engine: "llm", Model: "gpt-4o-mini", PromptVersion: "llm.summary/" + string(lang) + "@1",
			},
			DraftReview: &assistant.DraftReview{
				Status: assistant.ReviewDraft, Language: lang,
				Strengths:   []assistant.ReviewPoint{{Text: w.tip, Turns: []int{2}}, {Text: w.why, Turns: []int{2, 3}}},
				FocusPoints: []assistant.ReviewPoint{{Text: w.reason, Turns: []int{0}}, {Text: w.tip, Turns: []int{3}}},
				Engine:      "llm", Model: "gpt-4o-mini", PromptVersion: "llm.review/" + string(lang) + "@1",
			},
			LLMUsage: &assistant.Usage{Model: "gpt-4o-mini", Requests: 6, PromptTokens: 5400, CompletionTokens: 900, TotalTokens: 6300, LatencyMS: 4200},
		},
		Live: &assistant.LiveSession{SessionID: "5f1c0ffee", Mode: assistant.LiveFull, OpenedAt: at, EndedAt: at.Add(4 * time.Minute),
			EndReason: assistant.EndedByClient, Utterances: 4, Partials: 9, Events: []assistant.LiveEvent{
				{Seq: 3, Type: assistant.EventTip, Turn: 0, Kind: string(assistant.FindingJargon), Text: w.tip, At: at.Add(5 * time.Second)},
				{Seq: 6, Type: assistant.EventAlert, Turn: 2, Kind: assistant.AlertHardship, RedFlag: true, Text: w.reason, At: at.Add(30 * time.Second)},
			}},
	}
}

func TestCreateCallRoundTrip(t *testing.T) {
	t.Parallel()
	for _, lang := range assistant.Languages {
		t.Run(string(lang), func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db := newDB(t)
			c := fullCall(lang, "agent-anna", "ext-1")
			created, err := db.CreateCall(ctx, admin, c)
			if err != nil {
				t.Fatalf("CreateCall: %v", err)
			}
			if !created {
				t.Error("created = false on the first post")
			}
			if c.ID == 0 || c.CreatedAt.IsZero() {
				t.Errorf("CreateCall left ID %d, CreatedAt %v unset", c.ID, c.CreatedAt)
			}
			want := fullCall(lang, "agent-anna", "ext-1")
			want.ID, want.CreatedAt, want.ReviewStatus = c.ID, c.CreatedAt, assistant.CallNew
			ids := map[int]int64{}
			for i := range want.Turns {
				if c.Turns[i].ID == 0 {
					t.Errorf("turn %d got no id", i)
				}
				want.Turns[i].ID = c.Turns[i].ID
				ids[want.Turns[i].Index] = c.Turns[i].ID
			}
			// The draft review points at the stored turns by id too.
			want.DraftReview.SetTurnIDs(ids)
			if p := c.DraftReview.Strengths[1]; len(p.TurnIDs) != 2 || p.TurnIDs[1] != c.Turns[3].ID {
				t.Errorf("review point %+v does not name the stored turns' ids", p)
			}
			if diff := cmp.Diff(want, c); diff != "" {
				t.Errorf("CreateCall changed the call (-want +got):\n%s", diff)
			}
			got, err := db.FindCallByID(ctx, all, c.ID)
			if err != nil {
				t.Fatalf("FindCallByID: %v", err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("FindCallByID (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDynamicsSummable stores the dynamics' totals as columns so that an
// agent's share of customer answers that end together is one SUM over
// calls, as the coaching workflow's progress needs it.
func TestDynamicsSummable(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t)
	week := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	for i, d := range []assistant.Dynamics{
		{Exchanges: 5, Together: 2, AsExpected: 3, PushedIntoOpposition: 2},
		{Exchanges: 3, Together: 3, AsExpected: 2},
		{}, // a call without a judged exchange counts for nothing
	} {
		c := fullCall(assistant.English, "agent-dina", fmt.Sprintf("ext-%d", i))
		c.OccurredAt = week.Add(time.Duration(i) * 24 * time.Hour)
		c.Dynamics = d
		if _, err := db.CreateCall(ctx, admin, c); err != nil {
			t.Fatalf("CreateCall %d: %v", i, err)
		}
	}
	other := fullCall(assistant.English, "agent-eddie", "ext-0")
	other.OccurredAt = week
	if _, err := db.CreateCall(ctx, admin, other); err != nil {
		t.Fatal(err)
	}
	exchanges, together, err := db.SumExchanges(ctx, "agent-dina", week, week.Add(7*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if exchanges != 8 || together != 5 {
		t.Errorf("agent-dina's week: %d exchanges, %d together; want 8 and 5", exchanges, together)
	}
}

func TestCreateCallDefaults(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t)
	c := fullCall(assistant.Dutch, "agent-bram", "")
	c.OccurredAt = time.Time{}
	c.TeamID = ""
	if _, err := db.CreateCall(ctx, admin, c); err != nil {
		t.Fatalf("CreateCall: %v", err)
	}
	got, err := db.FindCallByID(ctx, all, c.ID)
	if err != nil {
		t.Fatalf("FindCallByID: %v", err)
	}
	if !got.OccurredAt.Equal(got.CreatedAt) || got.OccurredAt.IsZero() {
		t.Errorf("OccurredAt = %v, want the creation time %v", got.OccurredAt, got.CreatedAt)
	}
	if got.ExternalID != "" || got.TeamID != "" {
		t.Errorf("ExternalID, TeamID = %q, %q, want both empty", got.ExternalID, got.TeamID)
	}
	// Calls without an external id never count as re-posts.
	again := fullCall(assistant.Dutch, "agent-bram", "")
	created, err := db.CreateCall(ctx, admin, again)
	if err != nil || !created || again.ID == c.ID {
		t.Errorf("second call without external id: created %v, id %d (first %d), err %v; want a new record", created, again.ID, c.ID, err)
	}
}

func TestCreateCallDuplicate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t)
	first := fullCall(assistant.English, "agent-anna", "ext-7")
	if _, err := db.CreateCall(ctx, admin, first); err != nil {
		t.Fatalf("CreateCall: %v", err)
	}

	t.Run("SameAgent", func(t *testing.T) {
		again := fullCall(assistant.English, "agent-anna", "ext-7")
		// What comes back is the stored record, not what was sent.
		again.JargonCount = 99
		created, err := db.CreateCall(ctx, admin, again)
		if err != nil {
			t.Fatalf("CreateCall: %v", err)
		}
		if created {
			t.Error("created = true for a re-post")
		}
		if diff := cmp.Diff(first, again); diff != "" {
			t.Errorf("re-post did not load the stored record (-want +got):\n%s", diff)
		}
		for table, want := range map[string]int{"calls": 1, "turns": len(first.Turns), "suggestions": 3, "arrangement_facts": len(first.Arrangement.Facts), "arrangement_options": len(first.Arrangement.Options)} {
			if n, err := db.Count(ctx, table); err != nil || n != want {
				t.Errorf("%s: %d rows (err %v), want %d", table, n, err, want)
			}
		}
	})
	t.Run("OtherAgent", func(t *testing.T) {
		other := fullCall(assistant.English, "agent-bram", "ext-7")
		created, err := db.CreateCall(ctx, admin, other)
		if err != nil {
			t.Fatalf("CreateCall: %v", err)
		}
		if !created || other.ID == first.ID {
			t.Errorf("created %v, id %d (first %d); want a new record for another agent", created, other.ID, first.ID)
		}
	})
}

// TestCreateCallDuplicateRace posts the same call from several requests at
// once: exactly one creates it, the others get the same record.
func TestCreateCallDuplicateRace(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t)
	const posts = 6
	calls := make([]*assistant.Call, posts)
	created := make([]bool, posts)
	errs := make([]error, posts)
	var wg sync.WaitGroup
	for i := range calls {
		calls[i] = fullCall(assistant.Dutch, "agent-anna", "race-1")
		wg.Go(func() { created[i], errs[i] = db.CreateCall(ctx, admin, calls[i]) })
	}
	wg.Wait()
	n := 0
	for i := range calls {
		if errs[i] != nil {
			t.Fatalf("post %d: %v", i, errs[i])
		}
		if created[i] {
			n++
		}
		if calls[i].ID != calls[0].ID {
			t.Errorf("post %d got id %d, post 0 got %d", i, calls[i].ID, calls[0].ID)
		}
	}
	if n != 1 {
		t.Errorf("%d posts created the call, want 1", n)
	}
	if rows, err := db.Count(ctx, "calls"); err != nil || rows != 1 {
		t.Errorf("calls: %d rows (err %v), want 1", rows, err)
	}
}

func TestCreateCallInvalid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(c *assistant.Call)
		// wantMessage is the user-facing message.
		wantMessage string
	}{
		{"NoAgent", func(c *assistant.Call) { c.AgentID = "" },
			"agent_id is required: name the agent who made the call"},
		{"UnknownSpeaker", func(c *assistant.Call) { c.Turns[1].Speaker = "robot" },
			"The call could not be stored: every turn's speaker must be agent or customer."},
		{"UnsupportedLanguage", func(c *assistant.Call) { c.Language = "de" },
			"The call could not be stored: the call's language must be nl or en."},
		{"UnsupportedTurnLanguage", func(c *assistant.Call) { c.Turns[1].Language = "fr" },
			"The call could not be stored: a turn's language must be nl, en or empty."},
		{"UnknownOctant", func(c *assistant.Call) { c.Turns[2].Stance.Octant = "sideways" },
			"The call could not be stored: every turn's stance must name one of the eight octants."},
		{"QuadrantDisagrees", func(c *assistant.Call) { c.Turns[2].Stance.Quadrant = assistant.BelowOpposed },
			"The call could not be stored: a turn's quadrant must be the quadrant of its octant."},
		{"EndBeforeStart", func(c *assistant.Call) { c.Turns[3].EndMS = 100 },
			"The call could not be stored: a turn's start_ms must not be negative and its end_ms not before its start_ms."},
		{"DuplicateTurnIndex", func(c *assistant.Call) { c.Turns[3].Index = 2 },
			"The call could not be stored: turn indexes must be unique within a call."},
		{"FactPointsNowhere", func(c *assistant.Call) { c.Arrangement.Facts[0].TurnIndex = 42 },
			"The call could not be stored: every fact must point at a turn of the call."},
		{"BadCurrency", func(c *assistant.Call) { c.Arrangement.Facts[1].Amount.Currency = "eu" },
			"The call could not be stored: a fact's currency must be an ISO 4217 code such as EUR."},
		{"MixedCurrencies", func(c *assistant.Call) { c.Arrangement.Options[0].Total.Currency = "USD" },
			"arrangement option 1 mixes currencies; use one currency for its monthly amount, total, waived costs, remaining amount and schedule"},
		{"UnknownCategory", func(c *assistant.Call) { c.Arrangement.Facts[5].Category = "holidays" },
			"The call could not be stored: a fact's category must be a budget category: housing, utilities, food_housekeeping, transport, childcare, other_essentials or priority_debts."},
		{"WeekdayWithoutWhich", func(c *assistant.Call) { c.Arrangement.Facts[4].Nth = 0 },
			"The call could not be stored: a payday on a weekday of the month needs both the weekday and which one."},
		{"UnknownFrequency", func(c *assistant.Call) { c.Arrangement.Facts[6].Frequency = "daily" },
			"The call could not be stored: an agreed arrangement's frequency must be month, week, fortnight or once."},
		{"ReferralAsOption", func(c *assistant.Call) { c.Arrangement.Options[1].Kind = "referral" },
			"The call could not be stored: an option's kind must be customer-proposal, instalment-plan, shortest-plan, stepped-plan, temporary-plan, token-payment, deferral-then-plan or settlement."},
		{"ReviewWithoutRemaining", func(c *assistant.Call) { c.Arrangement.Options[2].Remaining = nil },
			"The call could not be stored: an option with a review date needs the amount remaining then, and the other way round."},
		{"NegativeExchanges", func(c *assistant.Call) { c.Dynamics.Exchanges = -1 },
			"The call could not be stored: the dynamics' exchanges must not be negative."},
		{"MoreTogetherThanExchanges", func(c *assistant.Call) { c.Dynamics.Together = 5 },
			"The call could not be stored: the dynamics' together, as_expected and pushed_into_opposition counts must be between 0 and exchanges."},
		{"TippingSideways", func(c *assistant.Call) { c.Dynamics.Tipping.Into = "sideways" },
			"The call could not be stored: a call tips into together or opposed."},
		{"NulByte", func(c *assistant.Call) { c.Turns[0].Text = "Goedemiddag\x00" },
			`The call could not be stored: invalid byte sequence for encoding "UTF8": 0x00.`},
	}
	ctx := context.Background()
	db := newDB(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := fullCall(assistant.Dutch, "agent-"+tt.name, "ext-"+tt.name)
			tt.change(c)
			created, err := db.CreateCall(ctx, admin, c)
			if err == nil {
				t.Fatal("CreateCall succeeded, want an error")
			}
			if created {
				t.Error("created = true on error")
			}
			if code := assistant.ErrorCode(err); code != assistant.EInvalid {
				t.Errorf("ErrorCode = %q, want %q (err: %v)", code, assistant.EInvalid, err)
			}
			if got := assistant.ErrorMessage(err); got != tt.wantMessage {
				t.Errorf("ErrorMessage = %q, want %q", got, tt.wantMessage)
			}
		})
	}
	// Nothing of any failed call may remain, not even its agent or its line
	// in the audit trail.
	for _, table := range []string{"teams", "agents", "calls", "turns", "suggestions", "arrangement_facts", "arrangement_options", "audit"} {
		if n, err := db.Count(ctx, table); err != nil || n != 0 {
			t.Errorf("%s: %d rows (err %v), want 0", table, n, err)
		}
	}
}

func TestFindCallByIDNotFound(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	_, err := db.FindCallByID(context.Background(), all, 42)
	if code := assistant.ErrorCode(err); code != assistant.ENotFound {
		t.Errorf("ErrorCode = %q, want %q (err: %v)", code, assistant.ENotFound, err)
	}
	if got, want := assistant.ErrorMessage(err), "call 42 not found"; got != want {
		t.Errorf("ErrorMessage = %q, want %q", got, want)
	}
}

// seedCalls stores n calls for agent, an hour apart going back from start,
// with every third one sharing its time with the one before, so that paging
// must break ties by id. It returns the ids newest first.
func seedCalls(tb testing.TB, db *store.DB, agent string, n int, start time.Time) []int64 {
	tb.Helper()
	ctx := context.Background()
	var ids []int64
	at := start
	for i := range n {
		if i%3 != 2 {
			at = at.Add(-time.Hour)
		}
		c := fullCall(assistant.Dutch, agent, fmt.Sprintf("%s-%d", agent, i))
		c.OccurredAt = at
		if _, err := db.CreateCall(ctx, admin, c); err != nil {
			tb.Fatalf("CreateCall %d: %v", i, err)
		}
		ids = append(ids, c.ID)
	}
	// Equal times list the higher id first.
	for i := 0; i+1 < len(ids); i++ {
		if i%3 == 1 {
			ids[i], ids[i+1] = ids[i+1], ids[i]
		}
	}
	return ids
}

func TestFindCalls(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t)
	start := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	anna := seedCalls(t, db, "agent-anna", 45, start)
	bram := seedCalls(t, db, "agent-bram", 5, start.Add(-30*time.Minute))

	t.Run("PagesWithoutGapsOrRepeats", func(t *testing.T) {
		var got []int64
		f := assistant.CallFilter{AgentID: "agent-anna", Limit: 10}
		for pages := 0; ; pages++ {
			if pages > 5 {
				t.Fatal("more pages than 45 calls need")
			}
			page, err := db.FindCalls(ctx, all, f)
			if err != nil {
				t.Fatalf("FindCalls: %v", err)
			}
			for _, c := range page.Calls {
				if c.AgentID != "agent-anna" {
					t.Errorf("call %d of %s in agent-anna's list", c.ID, c.AgentID)
				}
				got = append(got, c.ID)
			}
			if page.NextCursor == "" {
				if len(page.Calls) != 5 {
					t.Errorf("last page has %d calls, want 5", len(page.Calls))
				}
				break
			}
			f.Cursor = page.NextCursor
		}
		if diff := cmp.Diff(anna, got); diff != "" {
			t.Errorf("ids (-want +got):\n%s", diff)
		}
	})
	t.Run("Records", func(t *testing.T) {
		page, err := db.FindCalls(ctx, all, assistant.CallFilter{AgentID: "agent-bram", Limit: 1})
		if err != nil {
			t.Fatalf("FindCalls: %v", err)
		}
		if len(page.Calls) != 1 {
			t.Fatalf("%d calls, want 1", len(page.Calls))
		}
		want, err := db.FindCallByID(ctx, all, bram[0])
		if err != nil {
			t.Fatalf("FindCallByID: %v", err)
		}
		// A listed call is the record without its turns, facts, options
		// and live-session note.
		want.Turns, want.Arrangement.Facts, want.Arrangement.Options, want.Live = nil, nil, nil, nil
		if diff := cmp.Diff(want, page.Calls[0]); diff != "" {
			t.Errorf("listed call (-want +got):\n%s", diff)
		}
	})

	tests := []struct {
		name    string
		filter  assistant.CallFilter
		wantIDs []int64
	}{
		{"DefaultLimit", assistant.CallFilter{AgentID: "agent-anna"}, anna[:20]},
		{"AllAgentsNewestFirst", assistant.CallFilter{Limit: 3}, []int64{anna[0], bram[0], anna[1]}},
		{"OtherAgent", assistant.CallFilter{AgentID: "agent-bram", Limit: 100}, bram},
		{"UnknownAgent", assistant.CallFilter{AgentID: "agent-nobody"}, []int64{}},
		// anna's calls sit at start-1h, -2h, -2h, -3h, -4h, -4h, …
		{"FromInclusiveToExclusive", assistant.CallFilter{AgentID: "agent-anna", From: start.Add(-4 * time.Hour), To: start.Add(-2 * time.Hour)}, anna[3:6]},
		{"FromOnly", assistant.CallFilter{AgentID: "agent-anna", From: start.Add(-2 * time.Hour)}, anna[:3]},
		{"ToOnly", assistant.CallFilter{AgentID: "agent-anna", To: start.Add(-29 * time.Hour), Limit: 100}, anna[43:]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := db.FindCalls(ctx, all, tt.filter)
			if err != nil {
				t.Fatalf("FindCalls: %v", err)
			}
			got := []int64{}
			for _, c := range page.Calls {
				got = append(got, c.ID)
			}
			if diff := cmp.Diff(tt.wantIDs, got); diff != "" {
				t.Errorf("ids (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFindCallsInvalid(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	now := time.Now()
	tests := []struct {
		name        string
		filter      assistant.CallFilter
		wantMessage string
	}{
		{"NotBase64", assistant.CallFilter{Cursor: "%%%"}, "cursor is not valid"},
		{"NoSeparator", assistant.CallFilter{Cursor: "MTIzNDU2"}, "cursor is not valid"},
		{"NotNumbers", assistant.CallFilter{Cursor: "YWJjLmRlZg"}, "cursor is not valid"},
		{"ZeroID", assistant.CallFilter{Cursor: "MTIzNDU2LjA"}, "cursor is not valid"},
		{"TimeOutOfRange", assistant.CallFilter{Cursor: "LTk5OTk5OTk5OTk5OTk5OTk5OS41"}, "cursor is not valid"},
		{"LimitTooLarge", assistant.CallFilter{Limit: 101}, "limit must be between 1 and 100"},
		{"LimitNegative", assistant.CallFilter{Limit: -1}, "limit must be between 1 and 100"},
		{"FromAfterTo", assistant.CallFilter{From: now, To: now.Add(-time.Hour)}, "from must be before to"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := db.FindCalls(context.Background(), all, tt.filter)
			if code := assistant.ErrorCode(err); code != assistant.EInvalid {
				t.Errorf("ErrorCode = %q, want %q (err: %v)", code, assistant.EInvalid, err)
			}
			if got := assistant.ErrorMessage(err); got != tt.wantMessage {
				t.Errorf("ErrorMessage = %q, want %q", got, tt.wantMessage)
			}
		})
	}
}

// TestCreateCallTeam checks that a call keeps the team it was made in, that
// a call naming no team is made in its agent's team, and that calls never
// move an agent: a new agent joins the first team named, and only an admin
// moves them after that.
func TestCreateCallTeam(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t)
	first := fullCall(assistant.Dutch, "agent-anna", "t-1")
	first.TeamID = "team-noord"
	second := fullCall(assistant.Dutch, "agent-anna", "t-2")
	second.TeamID = "team-zuid"
	third := fullCall(assistant.Dutch, "agent-anna", "t-3")
	third.TeamID = ""
	for _, c := range []*assistant.Call{first, second, third} {
		if _, err := db.CreateCall(ctx, admin, c); err != nil {
			t.Fatalf("CreateCall: %v", err)
		}
	}
	for _, tt := range []struct {
		c    *assistant.Call
		want string
	}{{first, "team-noord"}, {second, "team-zuid"}, {third, "team-noord"}} {
		got, err := db.FindCallByID(ctx, all, tt.c.ID)
		if err != nil {
			t.Fatalf("FindCallByID: %v", err)
		}
		if got.TeamID != tt.want || tt.c.TeamID != tt.want {
			t.Errorf("call %s: TeamID = %q stored, %q returned, want %q", tt.c.ExternalID, got.TeamID, tt.c.TeamID, tt.want)
		}
	}
	if n, err := db.Count(ctx, "teams"); err != nil || n != 2 {
		t.Errorf("teams: %d rows (err %v), want 2", n, err)
	}
	if n, err := db.Count(ctx, "agents WHERE team_id = 'team-noord'"); err != nil || n != 1 {
		t.Errorf("agents in team-noord: %d (err %v), want 1: a later call must not move the agent", n, err)
	}
}

// TestCreateCallCancelled checks that a request given up by its caller does
// not read as a database outage.
func TestCreateCallCancelled(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := db.CreateCall(ctx, admin, fullCall(assistant.English, "agent-anna", "x"))
	if code := assistant.ErrorCode(err); code == assistant.EUnavailable || !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v (code %q), want context.Canceled, not unavailable", err, code)
	}
}

// longCall returns fullCall with its turns repeated to n turns.
func longCall(agent, ext string, n int) *assistant.Call {
	c := fullCall(assistant.Dutch, agent, ext)
	base := c.Turns
	c.Turns = make([]assistant.TurnAnalysis, n)
	for i := range c.Turns {
		c.Turns[i] = base[i%len(base)]
		c.Turns[i].Index = i
	}
	return c
}

func BenchmarkCreateCall(b *testing.B) {
	for _, turns := range []int{4, 200} {
		b.Run(fmt.Sprintf("turns=%d", turns), func(b *testing.B) {
			ctx := context.Background()
			db := newDB(b)
			i := 0
			for b.Loop() {
				i++
				if _, err := db.CreateCall(ctx, admin, longCall("agent-anna", fmt.Sprint(i), turns)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkFindCallByID(b *testing.B) {
	for _, turns := range []int{4, 200} {
		b.Run(fmt.Sprintf("turns=%d", turns), func(b *testing.B) {
			ctx := context.Background()
			db := newDB(b)
			c := longCall("agent-anna", "x", turns)
			if _, err := db.CreateCall(ctx, admin, c); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := db.FindCallByID(ctx, all, c.ID); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkFindCalls(b *testing.B) {
	ctx := context.Background()
	db := newDB(b)
	seedCalls(b, db, "agent-anna", 100, time.Now())
	for b.Loop() {
		if _, err := db.FindCalls(ctx, all, assistant.CallFilter{AgentID: "agent-anna", Limit: 20}); err != nil {
			b.Fatal(err)
		}
	}
}

// columnTypes are the types the store maps to columns and rows field by
// field; the others are stored as JSON documents, which keep new fields by
// themselves.
var columnTypes = map[reflect.Type]bool{
	reflect.TypeFor[assistant.Call]():              true,
	reflect.TypeFor[assistant.Analysis]():          true,
	reflect.TypeFor[assistant.SpeakerMapping]():    true,
	reflect.TypeFor[assistant.TurnAnalysis]():      true,
	reflect.TypeFor[assistant.Turn]():              true,
	reflect.TypeFor[assistant.Stance]():            true,
	reflect.TypeFor[assistant.Phrasing]():          true,
	reflect.TypeFor[assistant.Finding]():           true,
	reflect.TypeFor[assistant.ArrangementAdvice](): true,
	reflect.TypeFor[assistant.Fact]():              true,
	reflect.TypeFor[assistant.ArrangementOption](): true,
	reflect.TypeFor[assistant.Money]():             true,
	reflect.TypeFor[assistant.Dynamics]():          true,
	reflect.TypeFor[assistant.Tipping]():           true,
}

// readFields are the fields of a column-mapped type that are not stored
// but found when a call is read: Call.Transfer links the legs of a
// transferred call, which are other calls.
var readFields = map[string]bool{"Call.Transfer": true}

// TestFullCallIsFull guards the round trip against fields added to the
// assistant types later: every field of a column-mapped type must be set
// somewhere in fullCall, so a field the store does not persist shows up as a
// diff in TestCreateCallRoundTrip instead of being dropped silently.
func TestFullCallIsFull(t *testing.T) {
	for _, lang := range assistant.Languages {
		c := fullCall(lang, "agent-anna", "ext-1")
		c.ID, c.CreatedAt, c.ReviewStatus = 1, time.Now(), assistant.CallNew // set by the store
		for i := range c.Turns {
			c.Turns[i].ID = int64(i + 1)
		}
		all, set := map[string]bool{}, map[string]bool{}
		var walk func(v reflect.Value)
		walk = func(v reflect.Value) {
			switch v.Kind() {
			case reflect.Pointer:
				if !v.IsNil() {
					walk(v.Elem())
				}
			case reflect.Slice:
				for i := range v.Len() {
					walk(v.Index(i))
				}
			case reflect.Struct:
				if !columnTypes[v.Type()] {
					return
				}
				for i := range v.NumField() {
					name := v.Type().Name() + "." + v.Type().Field(i).Name
					all[name] = true
					if !v.Field(i).IsZero() {
						set[name] = true
					}
					walk(v.Field(i))
				}
			}
		}
		walk(reflect.ValueOf(c))
		for name := range all {
			if !set[name] && !readFields[name] {
				t.Errorf("%s: fullCall never sets %s; set it (and store it) so the round trip covers it", lang, name)
			}
		}
	}
}

// TestCreateCallArrayQuoting stores the rows of a call as arrays (one per
// column, unnested), so every value travels inside a Postgres array literal.
// The cases are the ones the PostgreSQL manual names in "Array Value Input"
// (section 8.15.6, https://www.postgresql.org/docs/current/arrays.html):
// elements holding braces, commas, double quotes, backslashes, leading or
// trailing white space, or the word NULL in any case must come back as the
// same text, and empty optional values as empty, in both languages.
func TestCreateCallArrayQuoting(t *testing.T) {
	t.Parallel()
	awkward := map[assistant.Language][]string{
		assistant.Dutch: {
			`Uw dossier "2026\04" staat op {open}, zegt het systeem.`,
			"NULL",
			"  Klant, debiteur  ",
			`\`,
			"null",
			`{"bedrag": 600}`,
			"één ‘aanmaning’, 💶 {",
		},
		assistant.English: {
			`Your file "2026\04" is {open}, the system says.`,
			"NULL",
			"  Customer, debtor  ",
			`\`,
			"Null",
			`{"amount": 600}`,
			"naïve ‘reminder’, 💷 }",
		},
	}
	for _, lang := range assistant.Languages {
		t.Run(string(lang), func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db := newDB(t)
			build := func() *assistant.Call {
				w := awkward[lang]
				c := fullCall(lang, "agent-anna", "ext-quote")
				c.Turns[0].Text = w[0]
				c.Turns[0].Phrasing.Tip.Text = w[0]
				c.Turns[0].Phrasing.Suggested = w[6]
				c.Turns[0].Phrasing.Findings[0].Text = w[3]
				c.Turns[0].Phrasing.Findings[1].Reason = w[4]
				c.Turns[1].Text = w[1]
				c.Turns[1].SourceSpeaker = w[2]
				c.Turns[2].Text = w[4]
				// Shortest float text must round-trip exactly through the
				// float8 array.
				c.Turns[2].Stance = assistant.NewStance(0.1+0.2, 1e-7, 1e-9, c.Turns[2].Stance.Cues)
				c.Arrangement.Facts[0].Cue = assistant.Driver(w[1])
				c.Arrangement.Facts[2].Note = w[5]
				c.Arrangement.Facts[3].Text = w[2]
				c.Arrangement.Options[0].Why = w[0]
				c.Arrangement.Options[1].Script = w[3]
				c.Arrangement.Options[2].Why = w[6]
				return c
			}
			c := build()
			if _, err := db.CreateCall(ctx, admin, c); err != nil {
				t.Fatalf("CreateCall: %v", err)
			}
			got, err := db.FindCallByID(ctx, all, c.ID)
			if err != nil {
				t.Fatalf("FindCallByID: %v", err)
			}
			want := build()
			want.ID, want.CreatedAt, want.ReviewStatus = c.ID, c.CreatedAt, assistant.CallNew
			ids := map[int]int64{}
			for i := range want.Turns {
				want.Turns[i].ID = c.Turns[i].ID
				ids[want.Turns[i].Index] = c.Turns[i].ID
			}
			want.DraftReview.SetTurnIDs(ids)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("FindCallByID (-want +got):\n%s", diff)
			}
		})
	}
}

// The telephony system's call id may be stored for several agents (a call
// transferred between them); filtering by it finds each such call that the
// scope and the other fields allow, and nothing for an id never stored.
func TestFindCallsByExternalID(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t)
	add := func(agent, team, ext string) int64 {
		t.Helper()
		c := fullCall(assistant.Dutch, agent, ext)
		c.TeamID = team
		if _, err := db.CreateCall(ctx, admin, c); err != nil {
			t.Fatalf("CreateCall: %v", err)
		}
		return c.ID
	}
	annaTel1 := add("agent-anna", "team-noord", "tel-1")
	bramTel1 := add("agent-bram", "team-noord", "tel-1")
	casTel1 := add("agent-cas", "team-zuid", "tel-1")
	add("agent-anna", "team-noord", "tel-2")
	for _, tt := range []struct {
		name   string
		scope  assistant.Scope
		filter assistant.CallFilter
		want   []int64
	}{
		{"EveryAgent", all, assistant.CallFilter{ExternalID: "tel-1"}, []int64{casTel1, bramTel1, annaTel1}},
		{"Team", all, assistant.CallFilter{ExternalID: "tel-1", TeamID: "team-noord"}, []int64{bramTel1, annaTel1}},
		{"Agent", all, assistant.CallFilter{ExternalID: "tel-1", AgentID: "agent-anna"}, []int64{annaTel1}},
		{"AgentScope", assistant.Scope{AgentID: "agent-bram"}, assistant.CallFilter{ExternalID: "tel-1"}, []int64{bramTel1}},
		{"TeamScope", assistant.Scope{TeamIDs: []string{"team-zuid"}}, assistant.CallFilter{ExternalID: "tel-1"}, []int64{casTel1}},
		{"NeverStored", all, assistant.CallFilter{ExternalID: "tel-3"}, []int64{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			page, err := db.FindCalls(ctx, tt.scope, tt.filter)
			if err != nil {
				t.Fatalf("FindCalls: %v", err)
			}
			got := []int64{}
			for _, c := range page.Calls {
				got = append(got, c.ID)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ids (-want +got):\n%s", diff)
			}
		})
	}
}

// seedTeams stores perTeam calls in each of teams teams of agents agents
// each, with external ids "<agent>-<n>", as a data set large enough for the
// planner to choose between indexes. One call per agent goes through
// CreateCall; the rest are copies of it made in SQL, which is what a
// seed of this size can afford. It analyzes calls afterwards.
func seedTeams(tb testing.TB, db *store.DB, teams, agents, perTeam int) {
	tb.Helper()
	ctx := context.Background()
	for t := range teams {
		for a := range agents {
			agent := fmt.Sprintf("agent-seed-%d-%d", t, a)
			c := fullCall(assistant.Dutch, agent, agent+"-0")
			c.TeamID = fmt.Sprintf("team-seed-%d", t)
			if _, err := db.CreateCall(ctx, admin, c); err != nil {
				tb.Fatalf("CreateCall %s: %v", agent, err)
			}
		}
	}
	if err := db.Exec(ctx, `
		INSERT INTO calls (external_id, agent_id, team_id, language, format, occurred_at,
			summary, readability, jargon_count, closing, engines)
		SELECT c.agent_id || '-' || g, c.agent_id, c.team_id, c.language, c.format, c.occurred_at - g * interval '1 hour',
			c.summary, c.readability, c.jargon_count, c.closing, c.engines
		FROM calls c, generate_series(1, $1) g
		WHERE c.agent_id LIKE 'agent-seed-%'`, perTeam/agents-1); err != nil {
		tb.Fatalf("copy calls: %v", err)
	}
	if err := db.Analyze(ctx); err != nil {
		tb.Fatal(err)
	}
}

// Reading a call (coach.Service.Call) asks which calls of its team are
// stored under its external id: the legs of a transferred call. The
// lookup must meet the index
// on (team_id, external_id), not walk the team's calls newest first on
// calls_team_id_occurred_at_idx until one matches: for an id not stored,
// the usual case, that reads every call of the team.
func TestFindCallsByTeamExternalIDUsesIndex(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t)
	seedTeams(t, db, 5, 4, 4000)
	n, err := db.Count(ctx, "calls")
	if err != nil || n != 5*4000 {
		t.Fatalf("seeded %d calls (%v), want %d", n, err, 5*4000)
	}
	for _, ext := range []string{"agent-seed-2-1-7", "never-stored"} {
		// The filter of the legs' lookup, as it passes it.
		f := assistant.CallFilter{TeamID: "team-seed-2", ExternalID: ext, Limit: assistant.MaxLegs}
		// In an admin's scope and in a trainer's, whose scope adds its own
		// condition on team_id.
		for _, scope := range []assistant.Scope{{All: true}, {TeamIDs: []string{"team-seed-1", "team-seed-2"}}} {
			plan, err := db.ExplainFindCalls(ctx, scope, f)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(plan, "calls_team_id_external_id_idx") {
				t.Errorf("external id %q, scope %+v: the team lookup does not use calls_team_id_external_id_idx:\n%s", ext, scope, plan)
			}
		}
	}
	// And it still finds the call.
	page, err := db.FindCalls(ctx, all, assistant.CallFilter{TeamID: "team-seed-2", ExternalID: "agent-seed-2-1-7", Limit: 1})
	if err != nil || len(page.Calls) != 1 || page.Calls[0].AgentID != "agent-seed-2-1" {
		t.Errorf("FindCalls = %+v, %v; want the call of agent-seed-2-1", page.Calls, err)
	}
}

// BenchmarkFindCallsByTeamExternalID times the team lookup of a call's
// legs, for an external id the team has not stored (the usual
// case) and for one it has, on 100,000 calls in 20 teams of 10 agents (the
// data set of `make scale`), with calls_team_id_external_id_idx and, in the
// same run, without it.
func BenchmarkFindCallsByTeamExternalID(b *testing.B) {
	ctx := context.Background()
	db := newDB(b)
	seedTeams(b, db, 20, 10, 5000)
	for _, index := range []bool{true, false} {
		if !index {
			if err := db.Exec(ctx, `DROP INDEX calls_team_id_external_id_idx`); err != nil {
				b.Fatal(err)
			}
			if err := db.Analyze(ctx); err != nil {
				b.Fatal(err)
			}
		}
		for _, ext := range []string{"never-stored", "agent-seed-7-3-250"} {
			name := fmt.Sprintf("index=%v/found=%v", index, ext != "never-stored")
			b.Run(name, func(b *testing.B) {
				f := assistant.CallFilter{TeamID: "team-seed-7", ExternalID: ext, Limit: 1}
				for b.Loop() {
					if _, err := db.FindCalls(ctx, assistant.Scope{All: true}, f); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
