package arrangement

import (
	"context"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// vulnerableCall is a call that names no money, in which the customer
// says they lost their job and cannot sleep: two vulnerability facts.
var vulnerableCall = map[assistant.Language][]assistant.Turn{
	assistant.English: {
		{Index: 0, Speaker: agent, Text: "Hello, this is Sam from the collections team."},
		{Index: 1, Speaker: customer, Text: "I lost my job last month and I cannot sleep."},
		{Index: 2, Speaker: agent, Text: "I am sorry to hear that."},
	},
	assistant.Dutch: {
		{Index: 0, Speaker: agent, Text: "Goedemiddag, u spreekt met Sam van de incassoafdeling."},
		{Index: 1, Speaker: customer, Text: "Ik ben vorige maand mijn baan kwijtgeraakt en ik kan niet meer slapen."},
		{Index: 2, Speaker: agent, Text: "Wat vervelend om te horen."},
	},
}

// A vulnerable customer is always referred to free debt help, for the
// country the call is named for, whatever language it is in; where no
// country can be told, the help of each is named. Without money named
// there are no options.
func TestAdviseRefersVulnerableCustomer(t *testing.T) {
	// The names of each country's free debt help, in either language.
	help := map[string]string{Netherlands: "schuldhulpverlening", UnitedKingdom: "StepChange", UnitedStates: "NFCC"}
	tests := []struct {
		lang  assistant.Language
		given string // the jurisdiction named for the call
		want  string // the referral's jurisdiction
	}{
		{assistant.English, "uk", UnitedKingdom},
		{assistant.English, "nl", Netherlands},
		{assistant.English, "us", UnitedStates},
		{assistant.Dutch, "nl", Netherlands},
		{assistant.Dutch, "uk", UnitedKingdom},
		// Nothing named: Dutch is nl; English is spoken in uk and us alike.
		{assistant.Dutch, "", Netherlands},
		{assistant.English, "", ""},
		// A team's own rule pack has no referral of its own.
		{assistant.English, "ie", ""},
	}
	e := New(fixedNow)
	for _, tt := range tests {
		t.Run(string(tt.lang)+"/"+tt.given, func(t *testing.T) {
			facts, err := e.ReadFacts(context.Background(), vulnerableCall[tt.lang], tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, f := range facts {
				if f.Kind == assistant.FactVulnerability {
					n++
				}
			}
			if n < 2 {
				t.Fatalf("facts %+v: want the job loss and the sleeplessness", facts)
			}
			adv, err := e.Advise(context.Background(), facts, tt.lang, tt.given)
			if err != nil {
				t.Fatal(err)
			}
			r := adv.Referral
			if r == nil || !adv.Flagged || len(adv.Options) != 0 {
				t.Fatalf("referral %+v, flagged %v, options %d; want a referral, flagged, no options", r, adv.Flagged, len(adv.Options))
			}
			if r.Jurisdiction != tt.want || r.Code != reasonVulnerable || r.Reason == "" {
				t.Errorf("referral %s %q (%q), want %q vulnerable with a reason", r.Jurisdiction, r.Code, r.Reason, tt.want)
			}
			for j, name := range help {
				if named := strings.Contains(r.Text, name); named != (tt.want == "" || tt.want == j) {
					t.Errorf("referral %q names %s: %v, want %v", r.Text, name, named, !named)
				}
			}
		})
	}
}

// A crisis gets the crisis line of the country the call is named for,
// not every country's.
func TestAdviseCrisisLineOfNamedCountry(t *testing.T) {
	e := New(fixedNow)
	for _, tt := range []struct {
		lang      assistant.Language
		text      string
		given     string
		want, not string
	}{
		{assistant.English, "I just want to end my life.", "uk", "116 123", "988"},
		{assistant.English, "I just want to end my life.", "nl", "113", "988"},
		{assistant.Dutch, "Ik denk aan zelfmoord.", "uk", "116 123", "0800-0113"},
		{assistant.Dutch, "Ik denk aan zelfmoord.", "nl", "0800-0113", "116 123"},
	} {
		t.Run(string(tt.lang)+"/"+tt.given, func(t *testing.T) {
			facts, err := e.ReadFacts(context.Background(), []assistant.Turn{{Index: 0, Speaker: customer, Text: tt.text}}, tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			adv, err := e.Advise(context.Background(), facts, tt.lang, tt.given)
			if err != nil {
				t.Fatal(err)
			}
			r := adv.Referral
			if r == nil || r.Code != reasonCrisis || r.Jurisdiction != tt.given || !strings.Contains(r.Text, tt.want) || strings.Contains(r.Text, tt.not) {
				t.Errorf("referral %+v, want the %s crisis line (%s) only", r, tt.given, tt.want)
			}
		})
	}
}
