package arrangement

import (
	"slices"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// An agreement matches a proposal only when it is the same arrangement: the
// same amount per payment, paid as often, from the same first date. A first
// payment half a year after the proposal's is another arrangement, however
// equal the amount.
func TestAgreementMatchesDatesAndAmounts(t *testing.T) {
	e := New(fixedNow)
	for _, tc := range []struct {
		lang          assistant.Language
		turns         []assistant.Turn
		match         int
		wantAgreedDay string
	}{
		{assistant.Dutch, call("Er staat nog € 600 open. Hoeveel kunt u per maand missen?", "Ik kan 50 euro per maand betalen.",
			"Dan spreken we 50 euro per maand af, voor het eerst op 25 juni 2027.", "Ja, goed."), 0, "2027-06-25"},
		{assistant.English, call("The balance is £600. How much could you manage each month?", "I can pay £50 a month.",
			"So we agree £50 a month, the first payment on 25 June 2027.", "Yes, fine."), 0, "2027-06-25"},
		// The same arrangement from the proposal's own first date matches.
		{assistant.Dutch, call("Er staat nog € 600 open. Hoeveel kunt u per maand missen?", "Ik kan 50 euro per maand betalen.",
			"Dan spreken we 50 euro per maand af, voor het eerst op 7 december 2026.", "Ja, goed."), 1, "2026-12-07"},
		{assistant.English, call("The balance is £600. How much could you manage each month?", "I can pay £50 a month.",
			"So we agree £50 a month, the first payment on 7 December 2026.", "Yes, fine."), 1, "2026-12-07"},
		// £50 a week is not the £216.66 a month of a proposal, whatever it adds up to.
		{assistant.English, call("The balance is £2000. How much could you manage each month?", "I can pay £216.66 a month.",
			"So we agree £50 a week.", "Yes, fine."), 0, ""},
	} {
		adv, err := adviseCall(e, tc.turns, tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		a := adv.Agreement
		if a == nil {
			t.Fatalf("%s %q: no agreement check", tc.lang, tc.turns[2].Text)
		}
		if a.FirstDue != tc.wantAgreedDay {
			t.Errorf("%s %q: first due %q, want %q", tc.lang, tc.turns[2].Text, a.FirstDue, tc.wantAgreedDay)
		}
		if a.MatchesOption != tc.match {
			var first []string
			for _, o := range adv.Options {
				first = append(first, o.Schedule[0].Due+" "+o.Monthly.Currency)
			}
			t.Errorf("%s %q: matches option %d, want %d (options start %v)", tc.lang, tc.turns[2].Text, a.MatchesOption, tc.match, first)
		}
		want := "no-match"
		if tc.match > 0 {
			want = "matches"
		}
		if !slices.Contains(findingCodes(a), want) {
			t.Errorf("%s %q: findings %v, want %s", tc.lang, tc.turns[2].Text, findingCodes(a), want)
		}
	}
}

// An agent who sets an amount above what the customer said they can pay
// has imposed terms instead of asking what is realistic: whether the
// customer then goes quiet, says "ok" or says no, the arrangement is the
// agent's, and a trainer must see it flagged, not missing. An amount the
// customer raised themselves is theirs, not imposed.
func TestAgreementImposedByTheAgent(t *testing.T) {
	e := New(fixedNow)
	for _, tc := range []struct {
		lang    assistant.Language
		turns   []assistant.Turn
		imposed bool
		want    int64
	}{
		{assistant.Dutch, call("Er staat nog € 900 open. Hoeveel kunt u per maand missen?", "Ik kan 30 euro per maand betalen.",
			"Dat is te weinig. Ik zet het op 50 per maand.", "Oké."), true, 5000},
		{assistant.Dutch, call("Er staat nog € 900 open. Hoeveel kunt u per maand missen?", "Ik kan 30 euro per maand betalen.",
			"Ik heb het op 50 euro per maand gezet.", "..."), true, 5000},
		{assistant.Dutch, call("Er staat nog € 900 open. Hoeveel kunt u per maand missen?", "Ik kan 30 euro per maand betalen.",
			"Ik zet het op 50 per maand.", "Nee, dat lukt echt niet."), true, 5000},
		{assistant.Dutch, call("Er staat nog € 900 open. Hoeveel kunt u per maand missen?", "Ik kan 30 euro per maand betalen.",
			"Lukt 50 euro per maand ook?", "Ja, ik kan 50 euro per maand betalen.", "Dan spreken we 50 euro per maand af.", "Goed."), false, 5000},
		{assistant.English, call("The balance is £600. How much could you manage each month?", "I can pay £10 a month.",
			"That's too low. I've set it at 25 a month.", "Ok."), true, 2500},
		{assistant.English, call("The balance is £600. How much could you manage each month?", "I can pay £10 a month.",
			"I've set it at £25 a month.", "..."), true, 2500},
		{assistant.English, call("The balance is £600. How much could you manage each month?", "I can pay £10 a month.",
			"I've set it at 25 a month.", "No, I can't do that."), true, 2500},
		{assistant.English, call("The balance is £600. How much could you manage each month?", "I can pay £10 a month.",
			"Could you do £25 a month?", "Yes, I can pay £25 a month.", "So we agree £25 a month.", "Fine."), false, 2500},
	} {
		adv, err := adviseCall(e, tc.turns, tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		said := tc.turns[len(tc.turns)-2].Text + " / " + tc.turns[len(tc.turns)-1].Text
		a := adv.Agreement
		if a == nil {
			t.Fatalf("%s %q: no agreement check: the agent's amount is missing", tc.lang, said)
		}
		if a.Amount.Amount != tc.want || a.Affordable != !tc.imposed {
			t.Errorf("%s %q: agreement %v affordable %v, want %v", tc.lang, said, a.Amount, a.Affordable, !tc.imposed)
		}
		if got := slices.Contains(findingCodes(a), "imposed"); got != tc.imposed {
			t.Errorf("%s %q: findings %v, imposed %v, want %v", tc.lang, said, findingCodes(a), got, tc.imposed)
		}
		if adv.Flagged != tc.imposed {
			t.Errorf("%s %q: flagged %v, want %v", tc.lang, said, adv.Flagged, tc.imposed)
		}
	}
}

// A call that ends with a referral to free debt help has an outcome: the
// customer goes to the municipality's schuldhulpverlening, StepChange,
// Citizens Advice or National Debtline. That is the agreed next step, not
// "no agreement", whether or not an outstanding amount was named.
func TestReferralIsTheAgreedOutcome(t *testing.T) {
	e := New(fixedNow)
	for _, tc := range []struct {
		lang    assistant.Language
		turns   []assistant.Turn
		help    string
		promise bool
	}{
		{assistant.Dutch, call("Er staat nog € 2400 open. Hoeveel kunt u per maand missen?", "Eigenlijk niets, ik red het niet meer.",
			"Dan verwijs ik u door naar de schuldhulpverlening van uw gemeente. Die helpt gratis.", "Ja, dat is goed."), "schuldhulpverlening", true},
		{assistant.Dutch, call("Hoe gaat het met de betalingen?", "Slecht, ik heb overal schulden.",
			"Neem contact op met uw gemeente, die helpt gratis bij schulden.", "Hm."), "uw gemeente", false},
		{assistant.English, call("The balance is £2400. How much could you manage each month?", "Nothing really, I can't cope.",
			"Then the best next step is free advice from StepChange. I'll give you their number.", "Yes, thank you."), "StepChange", true},
		{assistant.English, call("How are the payments going?", "Badly, I owe everyone.",
			"Please call National Debtline, they can help for free.", "Okay, I will."), "National Debtline", true},
		{assistant.English, call("The balance is £2400.", "I can't pay that.",
			"Citizens Advice can help you with this, for free.", "Hm."), "Citizens Advice", false},
	} {
		adv, err := adviseCall(e, tc.turns, tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		said := tc.turns[2].Text
		ref := factsOf(adv.Facts, assistant.FactAgreed)
		if len(ref) != 1 || ref[0].Amount != nil || ref[0].Text != tc.help || ref[0].TurnIndex != 2 || ref[0].Promise != tc.promise {
			t.Errorf("%s %q: referral facts %+v, want %q in turn 2, promise %v", tc.lang, said, ref, tc.help, tc.promise)
		}
		checkOffsets(t, tc.turns, adv.Facts)
		a := adv.Agreement
		if a == nil {
			t.Fatalf("%s %q: no agreement: the referral is the call's outcome", tc.lang, said)
		}
		if a.Outcome != assistant.OutcomeReferral || a.Promise != tc.promise || adv.Facts[a.Fact].Text != tc.help {
			t.Errorf("%s %q: agreement %+v, want the referral as outcome, promise %v", tc.lang, said, a, tc.promise)
		}
		if codes := findingCodes(a); len(codes) == 0 || codes[0] != "referred" || len(a.Findings) == 0 || !strings.Contains(a.Findings[0].Text, tc.help) {
			t.Errorf("%s %q: findings %+v, want referred naming %q", tc.lang, said, a.Findings, tc.help)
		}
	}
	// Named beside an arrangement, the help is advice; the arrangement is
	// the outcome.
	adv, err := adviseCall(e, call("The balance is £600. How much could you manage each month?", "I can pay £50 a month.",
		"So we agree £50 a month. StepChange can also help you, for free.", "Yes, fine."), assistant.English)
	if err != nil {
		t.Fatal(err)
	}
	if a := adv.Agreement; a == nil || a.Outcome != assistant.OutcomeArrangement || a.Amount.Amount != 5000 {
		t.Errorf("agreement %+v, want the £50 arrangement as the outcome", a)
	}
	if ag := factsOf(adv.Facts, assistant.FactAgreed); len(ag) != 1 || ag[0].Amount == nil {
		t.Errorf("agreed facts %+v, want the arrangement only", ag)
	}
}

// A call that never names the outstanding amount still has what was agreed:
// it is compared with what the customer said they can pay, and an amount
// the agent imposed is flagged; the policy could not be checked, and the
// findings say so.
func TestAgreementWithoutTheDebt(t *testing.T) {
	e := New(fixedNow)
	for _, tc := range []struct {
		lang  assistant.Language
		turns []assistant.Turn
	}{
		{assistant.Dutch, call("Ik bel over uw rekening. Hoeveel kunt u per maand missen?", "Ik kan 10 euro per maand betalen.",
			"Ik zet het op 25 per maand.", "...")},
		{assistant.English, call("I'm calling about your bill. How much could you manage each month?", "I can pay £10 a month.",
			"I've set it at 25 a month.", "Ok.")},
	} {
		adv, err := adviseCall(e, tc.turns, tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		a := adv.Agreement
		if a == nil {
			t.Fatalf("%s: no agreement check without the debt", tc.lang)
		}
		if a.Outcome != assistant.OutcomeArrangement || a.Amount.Amount != 2500 || !a.Imposed || a.Affordable {
			t.Errorf("%s: agreement %+v, want the imposed 25 a month", tc.lang, a)
		}
		if codes := findingCodes(a); !slices.Equal(codes[:3], []string{"above-stated", "imposed", "no-debt"}) {
			t.Errorf("%s: findings %v, want above-stated, imposed, no-debt", tc.lang, codes)
		}
		if !adv.Flagged {
			t.Errorf("%s: an imposed amount must flag the call", tc.lang)
		}
	}
}
