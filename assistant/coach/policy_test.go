package coach_test

import (
	"context"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/arrangement"
	"github.com/rooscoach/rooscoach/assistant/builtin"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/assistant/mock"
	"github.com/rooscoach/rooscoach/assistant/transcript"
)

// policies is a fake store holding a default for nl, a team's policy and
// one chosen by name.
func policies() *mock.PolicyStore {
	all := []*assistant.CreditorPolicy{
		{ID: "nl-standaard", Jurisdiction: "nl", Default: true, ArrangementPolicy: arrangement.Policy{MinInstalment: 4000, MaxTermMonths: 12}},
		{ID: "delta-water", Jurisdiction: "nl", Teams: []string{"team-zuid"}, ArrangementPolicy: arrangement.Policy{MinInstalment: 1000, MaxTermMonths: 48, MaxDeferralMonths: 2}},
		{ID: "uk-water", Jurisdiction: "uk", ArrangementPolicy: arrangement.Policy{MinInstalment: 500, MaxTermMonths: 24}},
	}
	return &mock.PolicyStore{
		FindPoliciesFn: func(_ context.Context, j string) ([]*assistant.CreditorPolicy, error) {
			var out []*assistant.CreditorPolicy
			for _, p := range all {
				if j == "" || p.Jurisdiction == j {
					out = append(out, p)
				}
			}
			return out, nil
		},
		FindPolicyByIDFn: func(_ context.Context, id string) (*assistant.CreditorPolicy, error) {
			for _, p := range all {
				if p.ID == id {
					return p, nil
				}
			}
			return nil, assistant.Errorf(assistant.ENotFound, "policy %q not found", id)
		},
	}
}

const policyCall = "Medewerker: Goedemiddag, u spreekt met Sanne van Incasso Noord. Er staat nog € 600 open.\nKlant: Ik kan 20 euro per maand.\nMedewerker: Dank u, dan kijken we wat kan.\n"

// A call is planned under the policy it names, else its team's, else the
// default of its country.
func TestAnalyzeUnderPolicy(t *testing.T) {
	an, arr := builtin.Analyzer(now)
	svc := &coach.Service{Analyzer: an, Arrangements: arr, Policies: policies(), Now: now}
	tests := []struct {
		name, policy, team string
		wantID, wantSource string
		wantFirstFits      bool
	}{
		{"default of the country", "", "", "nl-standaard", assistant.PolicyFromDefault, false},
		{"the team's", "", "team-zuid", "delta-water", assistant.PolicyFromTeam, true},
		{"named for the call, over the team's", "nl-standaard", "team-zuid", "nl-standaard", assistant.PolicyFromCall, false},
		{"named, of another country: the default", "uk-water", "", "nl-standaard", assistant.PolicyFromDefault, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := coach.Input{Data: []byte(policyCall), PolicyID: tt.policy, Options: transcript.Options{TeamID: tt.team, Language: assistant.Dutch}}
			_, a, err := svc.Analyze(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			p := a.Arrangement.Policy
			if p == nil || p.ID != tt.wantID || p.Source != tt.wantSource {
				t.Fatalf("policy %+v, want %s from %s", p, tt.wantID, tt.wantSource)
			}
			// € 20 a month clears € 600 in 30 months: within delta-water's
			// 48 and its € 10 minimum, not within the default's 12 and € 40.
			first := a.Arrangement.Options[0]
			if first.Kind != assistant.OptionCustomerProposal || first.FitsPolicy != tt.wantFirstFits {
				t.Errorf("first option %s fits %v, want the customer's own, fitting %v", first.Kind, first.FitsPolicy, tt.wantFirstFits)
			}
		})
	}
	_, _, err := svc.Analyze(context.Background(), coach.Input{Data: []byte(policyCall), PolicyID: "bestaat-niet"})
	if assistant.ErrorCode(err) != assistant.EInvalid || !strings.Contains(assistant.ErrorMessage(err), `policy "bestaat-niet" does not exist`) {
		t.Errorf("an unknown policy: %v, want EInvalid naming it", err)
	}
	// Without a policy store, a named policy cannot be honoured.
	bare := &coach.Service{Analyzer: an, Arrangements: arr, Now: now}
	if _, _, err := bare.Analyze(context.Background(), coach.Input{Data: []byte(policyCall), PolicyID: "delta-water"}); assistant.ErrorCode(err) != assistant.EUnavailable {
		t.Errorf("a named policy without a store: %v, want EUnavailable", err)
	}
}

func TestPlanUnderPolicy(t *testing.T) {
	_, arr := builtin.Analyzer(now)
	svc := &coach.Service{Arrangements: arr, Policies: policies(), Now: now}
	req := func() arrangement.Request {
		return arrangement.Request{Debt: arrangement.Debt{Principal: 60000, Currency: "EUR"}, Jurisdiction: "nl"}
	}
	ctx := context.Background()

	res, err := svc.Plan(ctx, req())
	if err != nil || res.PolicyID != "nl-standaard" || res.PolicySource != assistant.PolicyFromDefault || res.Policy.MinInstalment != 4000 {
		t.Errorf("no policy: %s from %s (min %d), %v; want the stored default", res.PolicyID, res.PolicySource, res.Policy.MinInstalment, err)
	}
	r := req()
	r.PolicyID = "delta-water"
	res, err = svc.Plan(ctx, r)
	if err != nil || res.PolicyID != "delta-water" || res.PolicySource != assistant.PolicyFromNamed || res.Policy.MaxTermMonths != 48 {
		t.Errorf("policy_id: %s from %s, %v; want delta-water from %s", res.PolicyID, res.PolicySource, err, assistant.PolicyFromNamed)
	}
	r = req()
	r.Policy = &arrangement.Policy{MinInstalment: 100, MaxTermMonths: 6}
	res, err = svc.Plan(ctx, r)
	if err != nil || res.PolicyID != "" || res.PolicySource != assistant.PolicyFromRequest || res.Policy.MaxTermMonths != 6 {
		t.Errorf("policy in full: %s from %s, %v; want the request's", res.PolicyID, res.PolicySource, err)
	}
	for _, tc := range []struct {
		change func(*arrangement.Request)
		want   string
	}{
		{func(r *arrangement.Request) { r.PolicyID = "bestaat-niet" }, `policy_id "bestaat-niet" does not exist`},
		{func(r *arrangement.Request) { r.PolicyID = "uk-water" }, `policy_id "uk-water" is a policy for uk, but jurisdiction is "nl"`},
		{func(r *arrangement.Request) {
			r.PolicyID, r.Policy = "delta-water", &arrangement.Policy{MaxTermMonths: 6}
		}, "policy and policy_id were both given"},
	} {
		r := req()
		tc.change(&r)
		_, err := svc.Plan(ctx, r)
		if assistant.ErrorCode(err) != assistant.EInvalid || !strings.Contains(assistant.ErrorMessage(err), tc.want) {
			t.Errorf("Plan: %v, want EInvalid with %q", err, tc.want)
		}
	}
}

func TestSavePolicyChecks(t *testing.T) {
	saved := 0
	svc := &coach.Service{Policies: &mock.PolicyStore{SavePolicyFn: func(context.Context, assistant.Principal, *assistant.CreditorPolicy) (bool, error) {
		saved++
		return true, nil
	}}}
	ctx := context.Background()
	ok := func() *assistant.CreditorPolicy {
		return &assistant.CreditorPolicy{ID: "delta-water", Jurisdiction: "nl", ArrangementPolicy: arrangement.Policy{MinInstalment: 1000, MaxTermMonths: 24}}
	}
	if _, err := svc.SavePolicy(ctx, assistant.CommandLine(), ok()); err != nil || saved != 1 {
		t.Fatalf("a good policy: %v, saved %d", err, saved)
	}
	for _, tc := range []struct {
		change func(*assistant.CreditorPolicy)
		want   string
	}{
		{func(p *assistant.CreditorPolicy) { p.ID = "Delta Water" }, `policy id "Delta Water" must be`},
		{func(p *assistant.CreditorPolicy) { p.Jurisdiction = "de" }, `jurisdiction must be one of nl, uk, us, not "de"`},
		{func(p *assistant.CreditorPolicy) { p.MaxTermMonths = 0 }, "max_term_months must be between 1 and 600"},
		{func(p *assistant.CreditorPolicy) { p.MaySettle = true }, "min_settlement_percent must be between 1 and 99 when may_settle is true"},
		{func(p *assistant.CreditorPolicy) { p.Teams = []string{"team-a", "team-a"} }, `team "team-a" is listed twice`},
		{func(p *assistant.CreditorPolicy) { p.SpareSharePercent = 120 }, "spare_share_percent must be between 1 and 100"},
	} {
		p := ok()
		tc.change(p)
		_, err := svc.SavePolicy(ctx, assistant.CommandLine(), p)
		if assistant.ErrorCode(err) != assistant.EInvalid || !strings.Contains(assistant.ErrorMessage(err), tc.want) {
			t.Errorf("SavePolicy: %v, want EInvalid with %q", err, tc.want)
		}
	}
	if saved != 1 {
		t.Errorf("%d saves; a refused policy was stored", saved)
	}
	if _, err := svc.ListPolicies(ctx, "be"); assistant.ErrorCode(err) != assistant.EInvalid {
		t.Errorf("ListPolicies(be): %v, want EInvalid", err)
	}
}

// When the policies cannot be read, an analysis that names none goes on
// under rooscoach's defaults and says so; one that names its policy stops.
func TestAnalyzePoliciesUnread(t *testing.T) {
	an, arr := builtin.Analyzer(now)
	down := &mock.PolicyStore{FindPoliciesFn: func(context.Context, string) ([]*assistant.CreditorPolicy, error) {
		return nil, assistant.Errorf(assistant.EUnavailable, "The database is not reachable; try again shortly.")
	}}
	svc := &coach.Service{Analyzer: an, Arrangements: arr, Policies: down, Now: now}
	_, a, err := svc.Analyze(context.Background(), coach.Input{Data: []byte(policyCall)})
	if err != nil {
		t.Fatal(err)
	}
	if p := a.Arrangement.Policy; p == nil || p.Source != assistant.PolicyFromBuiltin || !strings.Contains(p.Note, "kon niet worden gelezen") {
		t.Errorf("policy %+v, want the built-in default with a note", p)
	}
	if _, _, err := svc.Analyze(context.Background(), coach.Input{Data: []byte(policyCall), PolicyID: "delta-water"}); assistant.ErrorCode(err) != assistant.EUnavailable {
		t.Errorf("a named policy while the store is down: %v, want EUnavailable", err)
	}
}

// A live session's arrangement card is planned under the same policy as the
// record its end stores: the team's, else the default of the country.
func TestLiveAdviseUnderPolicy(t *testing.T) {
	an, arr := builtin.Analyzer(now)
	svc := &coach.Service{Analyzer: an, Arrangements: arr, Policies: policies(), Now: now}
	tr, err := transcript.Parse([]byte(policyCall), "", transcript.Options{Language: assistant.Dutch})
	if err != nil {
		t.Fatal(err)
	}
	for team, want := range map[string]string{"": "nl-standaard", "team-zuid": "delta-water"} {
		adv, err := svc.Advise(context.Background(), tr.Turns, assistant.Dutch, "", team)
		if err != nil {
			t.Fatal(err)
		}
		if adv.Policy == nil || adv.Policy.ID != want {
			t.Errorf("team %q: planned under %+v, want %s", team, adv.Policy, want)
		}
	}
}
