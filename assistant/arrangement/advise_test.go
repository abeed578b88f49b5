package arrangement

import (
	"bufio"
	"context"
	"os"
	"regexp"
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
			payday := 0
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
			if last := adv.Options[len(adv.Options)-1]; last.Kind != assistant.OptionReferral {
				t.Errorf("last option %s, want the referral", last.Kind)
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
		wantFlagOnly bool  // flagged without a referral
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
			name: "vulnerable in an English call without money: flag only",
			lang: "en",
			turns: []assistant.Turn{
				{Index: 0, Speaker: customer, Text: "I lost my job last month."},
			},
			wantFlagOnly: true,
		},
		{
			name: "income and costs leave nothing: referral",
			lang: "en",
			turns: []assistant.Turn{
				{Index: 0, Speaker: agent, Text: "The balance is £700."},
				{Index: 1, Speaker: customer, Text: "I earn £1,200 a month and my rent and bills are £1,250 a month."},
			},
			wantOptions: true, wantReferral: "MoneyHelper", wantFirst: assistant.OptionReferral,
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
			case tt.wantFlagOnly:
				if adv.Referral != nil || !adv.Flagged {
					t.Errorf("referral %+v flagged %v, want the flag only", adv.Referral, adv.Flagged)
				}
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

// adviseCall reads the facts of turns and plans on them, as the analyser does.
func adviseCall(e *Engine, turns []assistant.Turn, lang assistant.Language) (assistant.ArrangementAdvice, error) {
	facts, err := e.ReadFacts(context.Background(), turns, lang)
	if err != nil {
		return assistant.ArrangementAdvice{}, err
	}
	return e.Advise(context.Background(), facts, lang)
}

func TestUnsupportedLanguage(t *testing.T) {
	e := New(fixedNow)
	if _, err := e.ReadFacts(context.Background(), nil, "de"); assistant.ErrorCode(err) != assistant.EInvalid {
		t.Errorf("ReadFacts with language de: err = %v, want EInvalid", err)
	}
	if _, err := e.Advise(context.Background(), nil, "xx"); assistant.ErrorCode(err) != assistant.EInvalid {
		t.Errorf("Advise with language xx: err = %v, want EInvalid", err)
	}
}
