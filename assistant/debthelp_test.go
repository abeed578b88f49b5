package assistant_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/arrangement"
	"github.com/rooscoach/rooscoach/assistant/language"
	"github.com/rooscoach/rooscoach/assistant/stance"
	"github.com/rooscoach/rooscoach/assistant/vulnerability"
)

// TestDebtHelpKnownEverywhere checks that every name of free debt help is
// recognised by each engine that reads one, each name in a sentence of its
// own: an agent who names it refers the customer (the arrangement engine's
// outcome), a customer who names it has a debt adviser (a vulnerability
// circumstance), and naming it is helping (a stance cue). The engines once
// kept lists of their own that drifted apart: "moneyhelper" was no
// circumstance, "geldfit" no helping.
func TestDebtHelpKnownEverywhere(t *testing.T) {
	ctx := context.Background()
	arr := arrangement.New(func() time.Time { return time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC) })
	st := stance.New()
	for _, lang := range []assistant.Language{assistant.Dutch, assistant.English} {
		names := language.DebtHelp(lang)
		if len(names) == 0 {
			t.Fatalf("%s: no names of debt help", lang)
		}
		for _, name := range names {
			text := sentence(name)
			if got := referral(t, arr, text, lang); !strings.EqualFold(got, name) {
				t.Errorf("%s %q: arrangement refers to %q, want %q", lang, text, got, name)
			}
			if got := circumstance(text); !strings.EqualFold(got, name) {
				t.Errorf("%s %q: vulnerability reads a debt adviser in %q, want %q", lang, text, got, name)
			}
			s, err := st.Classify(ctx, text, lang)
			if err != nil {
				t.Fatal(err)
			}
			if got := helping(s); !strings.EqualFold(got, name) {
				t.Errorf("%s %q: stance reads an offer of help in %q, want %q (cues %+v)", lang, text, got, name, s.Cues)
			}
		}
	}
}

// sentence writes name as a sentence of its own: "Schuldhulpmaatje."
func sentence(name string) string {
	return strings.ToUpper(name[:1]) + name[1:] + "."
}

// referral returns the help the agent's turn text refers to, or "".
func referral(t *testing.T, e *arrangement.Engine, text string, lang assistant.Language) string {
	t.Helper()
	facts, err := e.ReadFacts(context.Background(), []assistant.Turn{{Index: 0, Speaker: assistant.Agent, Text: text}}, lang)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range facts {
		if f.Kind == assistant.FactAgreed && f.Amount == nil {
			return f.Text
		}
	}
	return ""
}

// circumstance returns the text of the money-resilience cue in text, or "".
func circumstance(text string) string {
	for _, s := range vulnerability.Find(text) {
		if s.Driver == assistant.DriverResilience && s.Topic == vulnerability.TopicMoney && !s.Distress {
			return s.Text
		}
	}
	return ""
}

// helping returns the text of the offer-of-help cues in s, or "".
func helping(s assistant.Stance) string {
	var parts []string
	for _, c := range s.Cues {
		if c.Kind == assistant.CueOfferHelp {
			parts = append(parts, c.Text)
		}
	}
	return strings.Join(parts, " ")
}
