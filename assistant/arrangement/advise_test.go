package arrangement

import (
	"bufio"
	"context"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

var timestamp = regexp.MustCompile(`^\[[0-9:.,]+\]\s*`)

// readCall reads a sample transcript line by line: an optional [hh:mm:ss]
// stamp, the speaker label before ":", the text after it; a line without a
// known label continues the turn before it.
func readCall(t testing.TB, path string) []assistant.Turn {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open sample call: %v", err)
	}
	defer f.Close()
	speakers := map[string]assistant.Speaker{
		"agent": agent, "medewerker": agent, "customer": customer, "klant": customer,
	}
	var turns []assistant.Turn
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := timestamp.ReplaceAllString(strings.TrimSpace(sc.Text()), "")
		if line == "" {
			continue
		}
		label, text, ok := strings.Cut(line, ":")
		sp, known := speakers[strings.ToLower(strings.TrimSpace(label))]
		switch {
		case ok && known && (len(turns) == 0 || turns[len(turns)-1].Speaker != sp):
			turns = append(turns, assistant.Turn{Index: len(turns), Speaker: sp, Text: strings.TrimSpace(text)})
		case ok && known:
			turns[len(turns)-1].Text += " " + strings.TrimSpace(text)
		case len(turns) > 0:
			turns[len(turns)-1].Text += "\n" + line
		default:
			t.Fatalf("%s: text before the first speaker: %q", path, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return turns
}

// The sample calls give the amounts a trainer reads in them, and a first
// option a trainer would agree with: the customer's own amount, which clears
// the debt within policy, with a referral to free debt help next to it
// because the customer lost their job.
func TestAdviseSampleCalls(t *testing.T) {
	tests := []struct {
		path         string
		lang         assistant.Language
		outstanding  assistant.Money
		offer        assistant.Money
		payday       int
		cues         []assistant.Driver
		months       int
		firstDue     string
		last         int64
		agreedDate   string
		referralText []string
	}{
		{
			path: "nl-betalingsregeling.txt", lang: assistant.Dutch,
			outstanding: assistant.Money{Amount: 125050, Currency: "EUR"},
			offer:       assistant.Money{Amount: 5000, Currency: "EUR"},
			payday:      25,
			cues:        []assistant.Driver{assistant.DriverLifeEvent, assistant.DriverResilience, assistant.DriverHealth},
			// 25 × € 50, then € 0,50: 26 months of the 36 the default allows.
			months: 26, firstDue: "2026-06-25", last: 50,
			// "voor het eerst op 25 juni"
			agreedDate:   "2026-06-25",
			referralText: []string{"gemeente", "gratis"},
		},
		{
			path: "en-arrears.txt", lang: assistant.English,
			outstanding: assistant.Money{Amount: 98000, Currency: "GBP"},
			offer:       assistant.Money{Amount: 4000, Currency: "GBP"},
			payday:      3,
			cues:        []assistant.Driver{assistant.DriverLifeEvent, assistant.DriverResilience, assistant.DriverHealth},
			// 24 × £40, then £20: 25 months of the 60 the default allows.
			months: 25, firstDue: "2026-07-03", last: 2000,
			// "from the 4th of next month", said on 10 June
			agreedDate:   "2026-07-04",
			referralText: []string{"Breathing Space", "StepChange", "Citizens Advice"},
		},
	}
	e := New(func() time.Time { return time.Date(2026, 6, 10, 14, 0, 0, 0, time.UTC) })
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			turns := readCall(t, "../../testdata/calls/"+tt.path)
			adv, err := adviseCall(e, turns, tt.lang)
			if err != nil {
				t.Fatalf("Advise: %v", err)
			}
			checkOffsets(t, turns, adv.Facts)
			var outstanding, offers []assistant.Money
			payday, agreedFacts := 0, 0
			cues := map[assistant.Driver]bool{}
			for _, f := range adv.Facts {
				if f.Ambiguous {
					t.Errorf("ambiguous fact in a clear call: %+v", f)
				}
				switch f.Kind {
				case assistant.FactOutstanding:
					outstanding = append(outstanding, *f.Amount)
				case assistant.FactOffer:
					offers = append(offers, *f.Amount)
				case assistant.FactPayday:
					payday = f.Day
				case assistant.FactVulnerability:
					cues[f.Cue] = true
					if f.Cue == assistant.DriverCrisis {
						t.Errorf("crisis cue in a call without one: %+v", f)
					}
				case assistant.FactIncome, assistant.FactCosts:
					t.Errorf("the call names no income or costs, got %+v", f)
				case assistant.FactAgreed:
					agreedFacts++
					if f.Amount == nil || *f.Amount != tt.offer || f.Frequency != assistant.Monthly || f.Date != tt.agreedDate || !f.Promise {
						t.Errorf("agreed %+v, want %v a month from %s, promised", f, tt.offer, tt.agreedDate)
					}
				}
			}
			for _, m := range outstanding {
				if m != tt.outstanding {
					t.Errorf("outstanding %v, want %v", m, tt.outstanding)
				}
			}
			for _, m := range offers {
				if m != tt.offer {
					t.Errorf("offer %v, want %v", m, tt.offer)
				}
			}
			if len(outstanding) == 0 || len(offers) == 0 {
				t.Errorf("outstanding %v, offers %v: want both", outstanding, offers)
			}
			if payday != tt.payday {
				t.Errorf("payday %d, want %d", payday, tt.payday)
			}
			if agreedFacts != 1 {
				t.Errorf("%d agreed facts, want 1", agreedFacts)
			}
			// What was agreed is what the customer offered and the first
			// proposal: the comparison finds nothing to coach.
			if a := adv.Agreement; a == nil || a.MatchesOption != 1 || !a.Affordable || !a.WithinPolicy || a.Risk || !a.Promise || len(a.Findings) != 1 || a.Findings[0].Code != "matches" {
				t.Errorf("agreement check %+v, want a match with option 1 and nothing else", a)
			}
			for _, c := range tt.cues {
				if !cues[c] {
					t.Errorf("no %s cue; got %v", c, cues)
				}
			}

			if len(adv.Options) == 0 {
				t.Fatal("no options")
			}
			first := adv.Options[0]
			if first.Kind != assistant.OptionCustomerProposal || first.Monthly != tt.offer || !first.FitsPolicy || !first.Realistic {
				t.Errorf("first option %s %v fits %v realistic %v; want the customer's own %v, fitting", first.Kind, first.Monthly, first.FitsPolicy, first.Realistic, tt.offer)
			}
			if first.Months != tt.months || first.Schedule[0].Due != tt.firstDue || first.Schedule[len(first.Schedule)-1].Amount.Amount != tt.last {
				t.Errorf("first option: %d months from %s, last %v; want %d from %s, last %d",
					first.Months, first.Schedule[0].Due, first.Schedule[len(first.Schedule)-1].Amount, tt.months, tt.firstDue, tt.last)
			}
			for _, o := range adv.Options {
				if o.Kind == "referral" {
					t.Errorf("a referral among the options: %+v", o)
				}
			}
			if adv.Referral == nil || !adv.Flagged {
				t.Fatalf("referral %v, flagged %v: want both for a customer who lost their job", adv.Referral, adv.Flagged)
			}
			for _, w := range tt.referralText {
				if !strings.Contains(adv.Referral.Text, w) {
					t.Errorf("referral %q does not mention %q", adv.Referral.Text, w)
				}
			}
		})
	}
}

func TestAdvise(t *testing.T) {
	tests := []struct {
		name         string
		lang         assistant.Language
		turns        []assistant.Turn
		wantOptions  bool
		wantReferral string // a part of the referral text; "" for none
		wantFirst    assistant.OptionKind
		wantTotal    int64 // the first option's total, when set
	}{
		{
			name: "no outstanding amount: facts, no options",
			lang: "nl",
			turns: []assistant.Turn{
				{Index: 0, Speaker: agent, Text: "Hoe gaat het met de betaling?"},
				{Index: 1, Speaker: customer, Text: "Ik kan 50 euro per maand."},
			},
		},
		{
			name: "crisis: no options, the crisis line",
			lang: "en",
			turns: []assistant.Turn{
				{Index: 0, Speaker: agent, Text: "Your outstanding balance is $500."},
				{Index: 1, Speaker: customer, Text: "I can do $50 a month. Honestly I sometimes want to end it all."},
			},
			wantReferral: "988",
		},
		{
			name: "crisis without an amount still gets the crisis line",
			lang: "nl",
			turns: []assistant.Turn{
				{Index: 0, Speaker: customer, Text: "Ik denk aan zelfmoord."},
			},
			wantReferral: "113",
		},
		{
			name: "crisis in an English call without money: every crisis line",
			lang: "en",
			turns: []assistant.Turn{
				{Index: 0, Speaker: customer, Text: "I just want to end my life."},
			},
			wantReferral: "116 123; in the US, call or text 988",
		},
		{
			name: "vulnerable in an English call without money: every country's debt help",
			lang: "en",
			turns: []assistant.Turn{
				{Index: 0, Speaker: customer, Text: "I lost my job last month."},
			},
			wantReferral: "In the UK: MoneyHelper",
		},
		{
			name: "income and costs leave nothing: referral",
			lang: "en",
			turns: []assistant.Turn{
				{Index: 0, Speaker: agent, Text: "The balance is £700."},
				{Index: 1, Speaker: customer, Text: "I earn £1,200 a month and my rent and bills are £1,250 a month."},
			},
			wantOptions: false, wantReferral: "MoneyHelper",
		},
		{
			name: "ambiguous outstanding amount is not used",
			lang: "nl",
			turns: []assistant.Turn{
				{Index: 0, Speaker: agent, Text: "Het openstaande bedrag is 1.250."},
				{Index: 1, Speaker: customer, Text: "Ik kan 50 euro per maand."},
			},
		},
		{
			name: "the largest outstanding amount of a turn is the total",
			lang: "nl",
			turns: []assistant.Turn{
				{Index: 0, Speaker: agent, Text: "Het openstaande saldo is € 2.345,67, inclusief € 40 incassokosten."},
				{Index: 1, Speaker: customer, Text: "Ik kan 100 euro per maand."},
			},
			wantOptions: true, wantFirst: assistant.OptionCustomerProposal, wantTotal: 234567,
		},
		{
			name: "nothing about means: lowest plan in policy, no referral",
			lang: "nl",
			turns: []assistant.Turn{
				{Index: 0, Speaker: agent, Text: "Er staat nog € 600 open."},
			},
			wantOptions: true, wantFirst: assistant.OptionInstalments,
		},
	}
	e := New(fixedNow)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			adv, err := adviseCall(e, tt.turns, tt.lang)
			if err != nil {
				t.Fatalf("Advise: %v", err)
			}
			if len(adv.Facts) == 0 {
				t.Error("no facts")
			}
			if (len(adv.Options) > 0) != tt.wantOptions {
				t.Errorf("options %v, want some: %v", kinds(adv.Options), tt.wantOptions)
			}
			if tt.wantFirst != "" && (len(adv.Options) == 0 || adv.Options[0].Kind != tt.wantFirst) {
				t.Errorf("options %v, want %s first", kinds(adv.Options), tt.wantFirst)
			}
			if tt.wantTotal != 0 && (len(adv.Options) == 0 || adv.Options[0].Total.Amount != tt.wantTotal) {
				t.Errorf("options %+v, want a total of %d", adv.Options, tt.wantTotal)
			}
			switch {
			case tt.wantReferral == "" && (adv.Referral != nil || adv.Flagged):
				t.Errorf("referral %+v flagged %v, want none", adv.Referral, adv.Flagged)
			case tt.wantReferral != "" && (adv.Referral == nil || !adv.Flagged):
				t.Errorf("no referral or flag, want one mentioning %q", tt.wantReferral)
			case tt.wantReferral != "" && !strings.Contains(adv.Referral.Text, tt.wantReferral):
				t.Errorf("referral %q, want it to mention %q", adv.Referral.Text, tt.wantReferral)
			}
		})
	}
}

// Advise runs on whatever a call says; absurd amounts must not make the
// whole analysis fail.
func TestAdviseAbsurdAmounts(t *testing.T) {
	turns := []assistant.Turn{
		{Index: 0, Speaker: agent, Text: "Het openstaande bedrag is € 9999999999999."},
		{Index: 1, Speaker: customer, Text: "Ik kan € 9999999999999 per week."},
		{Index: 2, Speaker: agent, Text: "Sorry, het openstaande bedrag is € 500."},
	}
	adv, err := adviseCall(New(fixedNow), turns, "nl")
	if err != nil {
		t.Fatalf("Advise: %v", err)
	}
	if len(adv.Options) == 0 || adv.Options[0].Total.Amount != 50000 || adv.Options[0].Kind != assistant.OptionInstalments {
		t.Errorf("options %+v, want a plan for the € 500 that ignores the absurd offer", kinds(adv.Options))
	}
}

// The sample calls where the customer answers the agent's questions: the
// payday read from an answer, the budget in categories, and the agreement
// compared with what the customer said and what the figures allow.
func TestAdviseAnswersAndAgreement(t *testing.T) {
	e := New(func() time.Time { return time.Date(2026, 6, 10, 14, 0, 0, 0, time.UTC) })
	t.Run("nl: the agent agrees more than the customer can pay", func(t *testing.T) {
		turns := readCall(t, "../../testdata/calls/nl-loon-vraag.txt")
		adv, err := adviseCall(e, turns, assistant.Dutch)
		if err != nil {
			t.Fatal(err)
		}
		checkOffsets(t, turns, adv.Facts)
		pd := factsOf(adv.Facts, assistant.FactPayday)
		if len(pd) != 1 || pd[0].Day != 24 || pd[0].TurnIndex != 5 || pd[0].Text != "de 24e" {
			t.Errorf("paydays %+v, want the 24th from the answer in turn 5", pd)
		}
		offers := factsOf(adv.Facts, assistant.FactOffer)
		if len(offers) != 1 || offers[0].Amount.Amount != 6000 || offers[0].Text != "Zestig euro" {
			t.Errorf("offers %+v, want € 60 a month from the answer", offers)
		}
		costs := factsOf(adv.Facts, assistant.FactCosts)
		if len(costs) != 2 || costs[0].Category != assistant.CategoryHousing || costs[1].Category != assistant.CategoryFoodHousekeeping {
			t.Errorf("costs %+v, want housing and food", costs)
		}
		ag := factsOf(adv.Facts, assistant.FactAgreed)
		if len(ag) != 1 || ag[0].Amount.Amount != 10000 || ag[0].Date != "2026-06-24" || !ag[0].Promise || ag[0].TurnIndex != 10 {
			t.Fatalf("agreed %+v, want € 100 a month from 24 June, promised in turn 10", ag)
		}
		if len(adv.Options) == 0 || adv.Options[0].Kind != assistant.OptionCustomerProposal || adv.Options[0].Monthly.Amount != 6000 {
			t.Fatalf("options %v, want the customer's own € 60 first", kinds(adv.Options))
		}
		if got := adv.Options[0].Schedule[0].Due; got != "2026-06-24" {
			t.Errorf("first payment %s, want the payday 2026-06-24", got)
		}
		a := adv.Agreement
		if a == nil {
			t.Fatal("no agreement check")
		}
		if a.Affordable || !a.WithinPolicy || a.MatchesOption != 0 || a.Monthly.Amount != 10000 {
			t.Errorf("agreement %+v, want € 100 unaffordable, within policy, matching no proposal", a)
		}
		// "Dan stel ik voor: u betaalt 100 euro" after "Zestig euro, meer
		// echt niet" sets the terms instead of asking what is realistic.
		if codes := findingCodes(a); !slices.Equal(codes, []string{"above-stated", "imposed", "no-match"}) || !a.Imposed {
			t.Errorf("findings %v imposed %v, want above-stated, imposed and no-match", codes, a.Imposed)
		}
		if !strings.Contains(a.Findings[0].Text, "Afgesproken is € 100 per maand, meer dan de € 60 die de klant zelf zei te kunnen betalen.") {
			t.Errorf("finding %q does not say what was wrong with the figures", a.Findings[0].Text)
		}
		if !adv.Flagged {
			t.Error("an agreement the customer said they cannot afford must flag the call")
		}
	})
	t.Run("en: the customer's own amount above half of what is left", func(t *testing.T) {
		turns := readCall(t, "../../testdata/calls/en-payday-question.txt")
		adv, err := adviseCall(e, turns, assistant.English)
		if err != nil {
			t.Fatal(err)
		}
		checkOffsets(t, turns, adv.Facts)
		pd := factsOf(adv.Facts, assistant.FactPayday)
		if len(pd) != 1 || pd[0].Weekday != "friday" || pd[0].Nth != -1 || pd[0].TurnIndex != 3 {
			t.Errorf("paydays %+v, want the last Friday from the answer in turn 3", pd)
		}
		income := factsOf(adv.Facts, assistant.FactIncome)
		if len(income) != 1 || income[0].Amount.Amount != 190000 || income[0].Ambiguous {
			t.Errorf("income %+v, want £1,900 a month from the answer", income)
		}
		as := adv.Assessment
		if as == nil || as.Essential == nil || as.Essential.Amount != 140000 || as.Spare.Amount != 50000 || as.Cap.Amount != 25000 {
			t.Fatalf("assessment %+v, want £1,400 essential, £500 left, £250 the half", as)
		}
		first := adv.Options[0]
		if first.Kind != assistant.OptionCustomerProposal || first.Monthly.Amount != 30000 || !first.Risk || !first.FitsPolicy {
			t.Errorf("first option %s %v risk %v, want the customer's own £300, marked as a risk", first.Kind, first.Monthly, first.Risk)
		}
		// The last Friday of June 2026 is the 26th.
		if got := first.Schedule[0].Due; got != "2026-06-26" {
			t.Errorf("first payment %s, want 2026-06-26", got)
		}
		if !slices.Contains(kinds(adv.Options), assistant.OptionShortest) || !slices.Contains(kinds(adv.Options), assistant.OptionInstalments) {
			t.Errorf("options %v, want plans within the half beside the customer's own", kinds(adv.Options))
		}
		for _, o := range adv.Options[1:] {
			if o.Monthly.Amount > 25000 {
				t.Errorf("%s asks %v, above half of what is left", o.Kind, o.Monthly)
			}
		}
		a := adv.Agreement
		if a == nil {
			t.Fatal("no agreement check")
		}
		if !a.Affordable || !a.WithinPolicy || !a.Risk || a.MatchesOption != 1 || a.FirstDue != "2026-06-26" || !a.Promise {
			t.Errorf("agreement %+v, want affordable, within policy, a risk, matching the first option, from 26 June, promised", a)
		}
		if codes := findingCodes(a); !slices.Equal(codes, []string{"customer-proposed", "matches"}) {
			t.Errorf("findings %v, want customer-proposed and matches", codes)
		}
		if adv.Referral != nil || adv.Flagged {
			t.Errorf("referral %+v flagged %v: an affordable plan fits and nobody is vulnerable", adv.Referral, adv.Flagged)
		}
	})
}

func findingCodes(a *assistant.AgreementCheck) []string {
	var out []string
	for _, f := range a.Findings {
		out = append(out, f.Code)
	}
	return out
}

// The creditor's policy chosen for a call is applied when it is for the
// call's country; otherwise the country's stored default, else rooscoach's.
func TestAdvisePolicies(t *testing.T) {
	turns := []assistant.Turn{
		{Index: 0, Speaker: agent, Text: "Er staat nog € 600 open."},
		{Index: 1, Speaker: customer, Text: "Ik kan 20 euro per maand."},
	}
	own := assistant.CreditorPolicy{ID: "delta-water", Name: "Waterbedrijf Delta", Jurisdiction: "nl",
		ArrangementPolicy: Policy{MinInstalment: 1500, MaxTermMonths: 36, MaxDeferralMonths: 0}}
	def := assistant.CreditorPolicy{ID: "nl-standaard", Jurisdiction: "nl", Default: true,
		ArrangementPolicy: Policy{MinInstalment: 2500, MaxTermMonths: 24}}
	uk := assistant.CreditorPolicy{ID: "uk-water", Jurisdiction: "uk", ArrangementPolicy: Policy{MinInstalment: 500, MaxTermMonths: 12}}
	tests := []struct {
		name     string
		p        Policies
		wantID   string
		source   string
		minimum  int64
		proposal bool // the customer's € 20 fits
		note     bool
	}{
		{"built-in", Policies{}, "", assistant.PolicyFromBuiltin, 2500, false, false},
		{"stored default", Policies{Defaults: []assistant.CreditorPolicy{def}}, "nl-standaard", assistant.PolicyFromDefault, 2500, false, false},
		{"the call's own", Policies{Chosen: &own, Source: assistant.PolicyFromCall, Defaults: []assistant.CreditorPolicy{def}}, "delta-water", assistant.PolicyFromCall, 1500, true, false},
		{"the team's", Policies{Chosen: &own, Source: assistant.PolicyFromTeam}, "delta-water", assistant.PolicyFromTeam, 1500, true, false},
		{"another country's", Policies{Chosen: &uk, Source: assistant.PolicyFromCall, Defaults: []assistant.CreditorPolicy{def}}, "nl-standaard", assistant.PolicyFromDefault, 2500, false, true},
	}
	e := New(fixedNow)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			facts, err := e.ReadFacts(context.Background(), turns, "nl")
			if err != nil {
				t.Fatal(err)
			}
			adv, err := e.WithPolicies(tt.p).Advise(context.Background(), facts, "nl", "")
			if err != nil {
				t.Fatal(err)
			}
			p := adv.Policy
			if p == nil || p.ID != tt.wantID || p.Source != tt.source || p.Terms.MinInstalment != tt.minimum || (p.Note != "") != tt.note {
				t.Fatalf("policy %+v, want %q from %s with minimum %d, note %v", p, tt.wantID, tt.source, tt.minimum, tt.note)
			}
			fits := len(adv.Options) > 0 && adv.Options[0].Kind == assistant.OptionCustomerProposal && adv.Options[0].FitsPolicy
			if fits != tt.proposal {
				t.Errorf("the customer's € 20 fits: %v, want %v (options %v)", fits, tt.proposal, kinds(adv.Options))
			}
			// The call's policy forbids a pause: none may be offered.
			if tt.wantID == "delta-water" && slices.Contains(kinds(adv.Options), assistant.OptionDeferral) {
				t.Errorf("options %v: a pause the policy forbids", kinds(adv.Options))
			}
		})
	}
}

// adviseCall reads the facts of turns and plans on them, as the analyser does.
func adviseCall(e *Engine, turns []assistant.Turn, lang assistant.Language) (assistant.ArrangementAdvice, error) {
	facts, err := e.ReadFacts(context.Background(), turns, lang)
	if err != nil {
		return assistant.ArrangementAdvice{}, err
	}
	return e.Advise(context.Background(), facts, lang, "")
}

func TestUnsupportedLanguage(t *testing.T) {
	e := New(fixedNow)
	if _, err := e.ReadFacts(context.Background(), nil, "de"); assistant.ErrorCode(err) != assistant.EInvalid {
		t.Errorf("ReadFacts with language de: err = %v, want EInvalid", err)
	}
	if _, err := e.Advise(context.Background(), nil, "xx", ""); assistant.ErrorCode(err) != assistant.EInvalid {
		t.Errorf("Advise with language xx: err = %v, want EInvalid", err)
	}
}

// An arrangement the customer did not say yes to is compared, but flags
// the call only when they did.
func TestAdviseAgreementWithoutPromise(t *testing.T) {
	e := New(fixedNow)
	// Both are flagged: € 100 where the customer said € 30 is imposed,
	// whatever the answer (see TestAgreementImposedByTheAgent).
	for _, tt := range []struct {
		reply   string
		promise bool
	}{
		{"Nee, dat lukt echt niet.", false},
		{"Ja, goed.", true},
	} {
		turns := call("Er staat nog € 900 open. Hoeveel kunt u per maand missen?", "Dertig euro.",
			"Dan spreken we 100 euro per maand af.", tt.reply)
		adv, err := adviseCall(e, turns, assistant.Dutch)
		if err != nil {
			t.Fatal(err)
		}
		a := adv.Agreement
		if a == nil || a.Affordable || a.Promise != tt.promise {
			t.Fatalf("%q: agreement %+v, want € 100 above the € 30 said, promise %v", tt.reply, a, tt.promise)
		}
		if !adv.Flagged || !a.Imposed {
			t.Errorf("%q: flagged %v imposed %v, want both", tt.reply, adv.Flagged, a.Imposed)
		}
		if !tt.promise && !slices.Contains(findingCodes(a), "no-promise") {
			t.Errorf("%q: findings %v, want no-promise", tt.reply, findingCodes(a))
		}
	}
}
