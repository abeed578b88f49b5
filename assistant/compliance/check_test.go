package compliance

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/compliance/compliancetest"
	"github.com/rooscoach/rooscoach/assistant/transcript"
)

// checkCase runs one case through the checker as the analyser and the
// use case would: the call's rules, then, for a case of an account's first
// call, the rules that need the account's (empty) history.
func checkCase(t *testing.T, c *Checker, tc compliancetest.Case) (*assistant.Transcript, assistant.RuleCheck) {
	t.Helper()
	tr, err := transcript.Parse([]byte(tc.Transcript), "text/plain", transcript.Options{Language: tc.Language})
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	tr.Jurisdiction, tr.TimeZone, tr.OccurredAt, tr.AccountRef = tc.Jurisdiction, tc.TimeZone, tc.OccurredAt, tc.AccountRef
	ctx := context.Background()
	in := assistant.ComplianceInputOf(tr, nil)
	comp, err := c.CheckCompliance(ctx, in)
	if err != nil {
		t.Fatalf("CheckCompliance: %v", err)
	}
	if tc.AccountRef != "" {
		if err := c.CheckAccount(ctx, &comp, in, assistant.AccountHistory{}); err != nil {
			t.Fatalf("CheckAccount: %v", err)
		}
	}
	for _, rc := range comp.Rules {
		if rc.RuleID == tc.Rule {
			return tr, rc
		}
	}
	t.Fatalf("rule %s was not checked; checked: %v", tc.Rule, ids(comp.Rules))
	return nil, assistant.RuleCheck{}
}

func ids(rules []assistant.RuleCheck) []string {
	var out []string
	for _, r := range rules {
		out = append(out, r.RuleID)
	}
	return out
}

// CheckEvidence reports quotes whose offsets do not give their text in
// their turn.
func checkEvidence(t *testing.T, turns []assistant.Turn, rc assistant.RuleCheck) {
	t.Helper()
	qs := append(append([]assistant.Quote{}, rc.Breaches...), rc.Said...)
	if rc.Trigger != nil {
		qs = append(qs, *rc.Trigger)
	}
	for _, q := range qs {
		if q.TurnIndex < 0 || q.TurnIndex >= len(turns) {
			t.Errorf("quote %+v points at no turn", q)
			continue
		}
		runes := []rune(turns[q.TurnIndex].Text)
		if q.Start < 0 || q.End > len(runes) || q.Start > q.End || string(runes[q.Start:q.End]) != q.Text {
			t.Errorf("quote %+v: offsets do not give its text in turn %d %q", q, q.TurnIndex, turns[q.TurnIndex].Text)
		}
		if q.Speaker != turns[q.TurnIndex].Speaker {
			t.Errorf("quote %+v: speaker %s, turn's %s", q, q.Speaker, turns[q.TurnIndex].Speaker)
		}
	}
}

// TestRuleCases plays every case of testdata/rules: each rule broken and
// kept, in Dutch and in English, with its evidence.
func TestRuleCases(t *testing.T) {
	c := Builtin()
	cases, err := compliancetest.Cases()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.Rule+"/"+tc.Name, func(t *testing.T) {
			tr, rc := checkCase(t, c, tc)
			if rc.Status != tc.Want {
				t.Fatalf("status %s, want %s: %s (breaches %+v, missing %v)", rc.Status, tc.Want, rc.Reason, rc.Breaches, rc.Missing)
			}
			checkEvidence(t, tr.Turns, rc)
			if rc.Reason == "" {
				t.Error("no reason")
			}
			switch rc.Status {
			case assistant.RuleBroken:
				if rc.SayInstead == "" {
					t.Error("broken without say_instead")
				}
				if len(rc.Breaches) == 0 && len(rc.Missing) == 0 && r(c, tc.Rule).Check == "" {
					t.Error("broken without breaches or anything missing")
				}
				if tc.Quote != "" && (len(rc.Breaches) == 0 || rc.Breaches[0].Text != tc.Quote) {
					t.Errorf("breaches %+v, want the first to quote %q", rc.Breaches, tc.Quote)
				}
			default:
				if rc.SayInstead != "" || len(rc.Breaches) > 0 || len(rc.Missing) > 0 {
					t.Errorf("%s with breach evidence: %+v", rc.Status, rc)
				}
			}
			// Titles and reasons speak the call's language.
			if want := r(c, tc.Rule).Title.in(tc.Language); rc.Title != want {
				t.Errorf("title %q, want %q", rc.Title, want)
			}
		})
	}
}

func r(c *Checker, id string) *rule { return c.byID[id] }

// TestEveryRuleHasCases: each built-in rule has a call that breaks it and
// one that keeps it, in both languages. The call-frequency rule counts
// stored calls; its cases are in coach's tests over a real store.
func TestEveryRuleHasCases(t *testing.T) {
	c := Builtin()
	cases, err := compliancetest.Cases()
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, tc := range cases {
		if r(c, tc.Rule) == nil {
			t.Errorf("cases for %s, which no built-in pack has", tc.Rule)
		}
		have[fmt.Sprintf("%s %s %s", tc.Rule, tc.Language, tc.Want)] = true
	}
	for id, rule := range c.byID {
		if rule.Check == CheckCallFrequency {
			continue
		}
		for _, lang := range assistant.Languages {
			for _, st := range []assistant.RuleStatus{assistant.RuleBroken, assistant.RuleKept} {
				if !have[fmt.Sprintf("%s %s %s", id, lang, st)] {
					t.Errorf("rule %s has no %s case in %s: add %s/%s.txt to testdata/rules/%s.txtar", id, st, lang, lang, st, id)
				}
			}
		}
	}
}

// TestCrisisAgreesWithTheLexicon: every crisis cue of package
// vulnerability brings the crisis rule into play and flags the call, in
// every jurisdiction, so that a crisis here is the crisis of the tips and
// the arrangement engine.
func TestCrisisAgreesWithTheLexicon(t *testing.T) {
	c := Builtin()
	n := 0
	for _, cue := range vulnerabilityCrisisCues() {
		n++
		for _, j := range []string{"nl", "uk", "us"} {
			turns := []assistant.Turn{
				{Index: 0, Speaker: assistant.Agent, Text: "Hello / Goedemiddag."},
				{Index: 1, Speaker: assistant.Customer, Text: cue.text, Language: cue.lang},
				{Index: 2, Speaker: assistant.Agent, Text: "Okay."},
			}
			comp, err := c.CheckCompliance(context.Background(), assistant.ComplianceInput{Turns: turns, Language: cue.lang, Jurisdiction: j})
			if err != nil {
				t.Fatal(err)
			}
			if comp.Rules[0].RuleID != "all.crisis" || comp.Rules[0].Status != assistant.RuleBroken || !comp.Flagged || comp.Worst != assistant.SeverityCritical {
				t.Errorf("%s, %q: crisis rule %+v, flagged %v, worst %s; want broken, flagged, critical", j, cue.text, comp.Rules[0], comp.Flagged, comp.Worst)
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d crisis cues found in the lexicon", n)
	}
}

func TestJurisdiction(t *testing.T) {
	c := Builtin()
	turns := func(text string) []assistant.Turn {
		return []assistant.Turn{{Index: 0, Speaker: assistant.Agent, Text: text}}
	}
	eur := []assistant.Fact{{Kind: assistant.FactOutstanding, Amount: &assistant.Money{Amount: 10000, Currency: "EUR"}, TurnIndex: 0, Text: "€ 100"}}
	usd := []assistant.Fact{{Kind: assistant.FactOutstanding, Amount: &assistant.Money{Amount: 10000, Currency: "USD"}, TurnIndex: 0, Text: "$100"}}
	withDefault, err := Load(Options{Default: "GB"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		c       *Checker
		in      assistant.ComplianceInput
		want    string
		because string
	}{
		{"given wins", withDefault, assistant.ComplianceInput{Turns: turns("Hallo"), Language: assistant.Dutch, Jurisdiction: "US", Facts: eur}, "us", "aanvraag"},
		{"the team's default", withDefault, assistant.ComplianceInput{Turns: turns("Hello"), Language: assistant.English, Facts: usd}, "uk", "default"},
		{"currency", c, assistant.ComplianceInput{Turns: turns("Hello"), Language: assistant.English, Facts: usd}, "us", "USD"},
		{"currency over language", c, assistant.ComplianceInput{Turns: turns("Hallo"), Language: assistant.Dutch, Facts: usd}, "us", "USD"},
		{"Dutch language", c, assistant.ComplianceInput{Turns: turns("Hallo"), Language: assistant.Dutch}, "nl", "Nederlands"},
		{"English says nothing", c, assistant.ComplianceInput{Turns: turns("Hello"), Language: assistant.English}, "", "uk or us"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			comp, err := tt.c.CheckCompliance(context.Background(), tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if comp.Jurisdiction != tt.want || !strings.Contains(comp.JurisdictionReason, tt.because) {
				t.Errorf("jurisdiction %q (%s), want %q because of %q", comp.Jurisdiction, comp.JurisdictionReason, tt.want, tt.because)
			}
			for _, rc := range comp.Rules {
				if rc.Pack != All && rc.Pack != tt.want {
					t.Errorf("rule %s of pack %s checked in a %q call", rc.RuleID, rc.Pack, tt.want)
				}
			}
			if tt.want == "" && len(comp.Rules) != len(c.byJurisdiction[All]) {
				t.Errorf("%d rules checked without a jurisdiction, want only the %d for all", len(comp.Rules), len(c.byJurisdiction[All]))
			}
		})
	}
	_, err = c.CheckCompliance(context.Background(), assistant.ComplianceInput{Turns: turns("Hello"), Language: assistant.English, Jurisdiction: "fr"})
	if assistant.ErrorCode(err) != assistant.EInvalid || !strings.Contains(assistant.ErrorMessage(err), `"fr" has no rule pack`) {
		t.Errorf("unknown jurisdiction: %v, want EInvalid naming it", err)
	}
}
