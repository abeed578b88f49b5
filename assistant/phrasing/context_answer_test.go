package phrasing

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// phraseAfter phrases agent text right after one customer turn.
func phraseAfter(t *testing.T, e *Engine, lang assistant.Language, customer, agent string) assistant.Phrasing {
	t.Helper()
	p, err := e.Phrase(context.Background(), assistant.Utterance{Text: agent, Language: lang,
		Context: []assistant.ContextTurn{{Speaker: assistant.Customer, Text: customer}}})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// paymentWordIn returns a word of payment or an amount in s, or "".
func paymentWordIn(s string) string {
	if m := amountSpans(s); len(m) > 0 {
		return s[m[0][0]:m[0][1]]
	}
	lower := lowerSameWidth(s)
	for _, tk := range tokenize(nil, lower, 0, len(lower)) {
		if paymentWords[tk.lower] || payWords[tk.lower] {
			return tk.lower
		}
	}
	return ""
}

// After the customer mentions self-harm or suicide, the suggestion is a
// crisis answer in the turn's language: acknowledge, ask whether they are
// safe, give the crisis line the crisis tip gives; no word of payment, and no
// rewrite that presses.
func TestCrisisAnswerHasNoPayment(t *testing.T) {
	e := New()
	tests := []struct {
		lang            assistant.Language
		customer, agent string
		safeQ           string
	}{
		{assistant.English, "I don't want to live anymore.", "You must pay £400 today.", "Are you safe"},
		{assistant.English, "I want to kill myself.", "Can you pay £50 this week?", "Are you safe"},
		{assistant.English, "Sometimes I think I'd be better off dead.", "The balance still has to be cleared.", "Are you safe"},
		{assistant.English, "I want to end my life.", "OK. Let me look at your account.", "Are you safe"},
		{assistant.Dutch, "Ik wil niet meer leven…", "U moet vandaag € 400 betalen.", "Bent u op dit moment veilig?"},
		{assistant.Dutch, "Ik denk erover om er een eind aan te maken.", "Kunt u deze week € 50 betalen?", "Bent u op dit moment veilig?"},
		{assistant.Dutch, "Soms wil ik er een eind aan maken.", "Het bedrag moet wel betaald worden.", "Bent u op dit moment veilig?"},
		{assistant.Dutch, "Ik wil dood.", "Dat is vervelend, maar de rekening staat nog open.", "Bent u op dit moment veilig?"},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang)+"/"+tt.agent, func(t *testing.T) {
			p := phraseAfter(t, e, tt.lang, tt.customer, tt.agent)
			if p.Tip.Kind != assistant.TipCrisis {
				t.Errorf("tip %s, want crisis", p.Tip.Kind)
			}
			line := prompts.MustRender(tt.lang, "crisis.line", nil)
			if !strings.Contains(p.Suggested, line) || !strings.Contains(p.Tip.Text, line) {
				t.Errorf("suggestion %q and tip %q must both give the crisis line %q", p.Suggested, p.Tip.Text, line)
			}
			if !strings.Contains(p.Suggested, tt.safeQ) {
				t.Errorf("suggestion %q does not ask whether the customer is safe", p.Suggested)
			}
			if w := paymentWordIn(p.Suggested); w != "" {
				t.Errorf("crisis suggestion %q speaks of payment: %q", p.Suggested, w)
			}
			for _, f := range p.Findings {
				if f.Rewrite != nil {
					t.Errorf("finding %s %q offers the rewrite %q in a crisis", f.Kind, f.Text, f.Rewrite.Text)
				}
			}
		})
	}
	// A turn that already acknowledges and says nothing of payment keeps
	// its own words.
	for _, tt := range []struct {
		lang            assistant.Language
		customer, agent string
	}{
		{assistant.English, "I want to kill myself.", "Thank you for telling me. Are you safe right now?"},
		{assistant.Dutch, "Ik wil niet meer leven.", "Dank u dat u mij dit vertelt. Bent u nu veilig?"},
	} {
		p := phraseAfter(t, e, tt.lang, tt.customer, tt.agent)
		if p.Suggested != "" || p.Tip.Kind != assistant.TipCrisis {
			t.Errorf("%s %q: suggestion %q, tip %s; want none and the crisis tip", tt.lang, tt.agent, p.Suggested, p.Tip.Kind)
		}
	}
}

// After a hardship the suggestion acknowledges it in the customer's terms
// and asks an open question; the sentence that asks or presses for payment
// goes, amount and date with it. A turn that acknowledges and then asks for
// payment is not praised: its acknowledgement stays, the payment goes, and
// the tip is the hardship tip.
func TestHardshipLeavesPaymentOut(t *testing.T) {
	e := New()
	tests := []struct {
		lang            assistant.Language
		customer, agent string
		want            string // the whole suggestion
		acked           bool   // the agent acknowledged: the distress.acked tip
	}{
		{assistant.English, "I lost my job last week.", "We need the payment of $500 today.",
			"I'm sorry to hear you've lost your job. What would help you most right now?", false},
		{assistant.English, "I was just diagnosed with cancer.", "We need the payment of $500 today.",
			"I'm sorry to hear you're unwell. What would help you most right now?", false},
		{assistant.English, "My wife passed away.", "We need the payment of $500 today.",
			"I'm so sorry for your loss. What would help you most right now?", false},
		{assistant.English, "My father passed away last week.", "When can you pay the £150?",
			"I'm so sorry for your loss. What would help you most right now?", false},
		{assistant.English, "I've been signed off work with depression.", "Can you pay £20 by Friday 4 December?",
			"I'm sorry to hear you're unwell. What would help you most right now?", false},
		{assistant.English, "I've been signed off work with depression.", "How would paying £20 by Friday 4 December work for you?",
			"I'm sorry to hear you're unwell. What would help you most right now?", false},
		{assistant.English, "We're getting divorced.", "How much could you pay each month?",
			"I'm sorry you're going through a separation. What would help you most right now?", false},
		{assistant.English, "I lost my job.", "I'm sorry to hear that. When can you pay the £150?",
			"I'm sorry to hear that. What would help you most right now?", true},
		{assistant.English, "My wife passed away.", "I'm sorry to hear that. When can you pay the £150?",
			"I'm sorry to hear that. What would help you most right now?", true},
		{assistant.Dutch, "Ik ben mijn baan kwijt.", "Wij hebben de betaling van € 500 vandaag nodig. We moeten de betaling vandaag hebben.",
			"Wat naar dat u uw baan kwijt bent. Wat zou u nu het meest helpen?", false},
		{assistant.Dutch, "Mijn vader is overleden.", "Dat is heel verdrietig. Wanneer kunt u de € 150 betalen?",
			"Dat is heel verdrietig. Wat zou u nu het meest helpen?", true},
		{assistant.Dutch, "Ik ben gescheiden.", "Wanneer kunt u betalen?",
			"Wat naar dat u door een scheiding gaat. Wat zou u nu het meest helpen?", false},
		{assistant.Dutch, "Ik heb een burn-out.", "Kunt u deze week € 50 betalen?",
			"Wat naar dat u ziek bent. Wat zou u nu het meest helpen?", false},
		{assistant.Dutch, "Mijn vader is vorige week overleden.", "Gecondoleerd. Wanneer kunt u de € 150 betalen?",
			"Gecondoleerd. Wat zou u nu het meest helpen?", true},
		{assistant.Dutch, "Mijn man is overleden.", "Wat naar. Hoeveel kunt u per maand missen?",
			"Wat naar. Wat zou u nu het meest helpen?", true},
		// An amount the customer says they cannot pay is no offer.
		{assistant.English, "I lost my job and I can't pay the £150.", "When can you pay the £150?",
			"I'm sorry to hear you've lost your job. What would help you most right now?", false},
		{assistant.Dutch, "Ik ben mijn baan kwijt, ik kan die € 150 niet betalen.", "Wanneer kunt u de € 150 betalen?",
			"Wat naar dat u uw baan kwijt bent. Wat zou u nu het meest helpen?", false},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang)+"/"+tt.customer+"/"+tt.agent, func(t *testing.T) {
			p := phraseAfter(t, e, tt.lang, tt.customer, tt.agent)
			if p.Suggested != tt.want {
				t.Errorf("suggestion %q, want %q", p.Suggested, tt.want)
			}
			if w := paymentWordIn(p.Suggested); w != "" {
				t.Errorf("suggestion %q still speaks of payment: %q", p.Suggested, w)
			}
			if p.Tip.Kind != assistant.TipDistress {
				t.Errorf("tip %s %q, want the hardship tip", p.Tip.Kind, p.Tip.Text)
			}
			if acked := p.Tip.Text == e.langs[tt.lang].tips["distress.acked"]; acked != tt.acked {
				t.Errorf("tip %q: acknowledged-then-pressed tip %v, want %v", p.Tip.Text, acked, tt.acked)
			}
			checkRewrites(t, tt.agent, p)
		})
	}
}

// What stays after a hardship: a question that offers relief, an
// acknowledgement with a question about the customer, a question about an
// amount the customer offered themselves, and, after a plain question, the
// amounts and dates for later (a date of several words as one).
func TestHardshipKeeps(t *testing.T) {
	e := New()
	for _, tt := range []struct {
		lang            assistant.Language
		customer, agent string
		want            string
		tip             assistant.TipKind
	}{
		{assistant.English, "I lost my job last week.", "I'm so sorry. Shall we put the payments on hold for now?", "", assistant.TipOK},
		{assistant.Dutch, "Ik ben mijn baan kwijt.", "Wat naar. Zullen we de betalingen even stilzetten?", "", assistant.TipOK},
		{assistant.English, "My husband passed away in March.", "I'm so sorry for your loss. How are you doing now?", "", assistant.TipOK},
		{assistant.English, "I lost my job. I can pay £20 a month.", "Thank you. Can you pay the £20 on the 1st?",
			"I'm sorry to hear you've lost your job. Thank you. How would paying the £20 on the 1st work for you?", assistant.TipDistress},
		{assistant.Dutch, "Ik ben ontslagen, maar ik kan € 20 per maand betalen.", "Dank u. Kunt u de € 20 op de 1e betalen?",
			"Wat naar dat u uw baan kwijt bent. Dank u. Hoe zou het voor u zijn om de € 20 op de 1e te betalen?", assistant.TipDistress},
		{assistant.English, "Will the bailiffs still come round?", "You need to pay £20 by Friday 4 December.",
			"That's a fair question, and I'll answer it now. What matters most for you to know right now? After that, we can see together whether £20 and Friday 4 December would work.",
			assistant.TipOf(assistant.FindingCommand)},
		{assistant.Dutch, "Komt de deurwaarder dan nog langs?", "U moet vóór vrijdag 4 december € 20 betalen.",
			"Goed dat u het vraagt: dat leg ik u zo uit. Wat is voor u nu het belangrijkst om te weten? Daarna kijken we samen of € 20 en vrijdag 4 december haalbaar zijn.",
			assistant.TipOf(assistant.FindingCommand)},
	} {
		p := phraseAfter(t, e, tt.lang, tt.customer, tt.agent)
		if p.Suggested != tt.want || p.Tip.Kind != tt.tip {
			t.Errorf("%s %q after %q: suggestion %q, tip %s; want %q, %s", tt.lang, tt.agent, tt.customer, p.Suggested, p.Tip.Kind, tt.want, tt.tip)
		}
		checkRewrites(t, tt.agent, p)
	}
}

// The acknowledgement says what the customer said and no more: fewer hours
// are no lost job, someone else's hardship or a feared one is not the
// customer's own (then a neutral acknowledgement), and a lost job is still
// named as one.
func TestAcknowledgementFitsWhatWasSaid(t *testing.T) {
	e := New()
	for _, tt := range []struct {
		lang            assistant.Language
		customer, agent string
		ack             string
	}{
		{assistant.Dutch, "Ik werk minder uren sinds maart.", "U moet vóór vrijdag € 200 betalen.", "Ik hoor dat u minder uren werkt."},
		{assistant.Dutch, "Ik heb sinds maart minder uren gekregen.", "Dat is vervelend om te horen.", "Ik hoor dat u minder uren werkt."},
		{assistant.Dutch, "Mijn man is ontslagen.", "Wanneer kunt u betalen?", "Dat klinkt echt lastig."},
		{assistant.Dutch, "Ik dreig mijn baan kwijt te raken.", "U moet vóór vrijdag betalen.", "Dat klinkt echt lastig."},
		{assistant.Dutch, "Mijn dochter ligt in het ziekenhuis.", "Wanneer kunt u betalen?", "Dat klinkt echt lastig."},
		{assistant.Dutch, "Ik ben vorige maand ontslagen.", "Wanneer kunt u betalen?", "Wat naar dat u uw baan kwijt bent."},
		{assistant.English, "My hours were cut in March.", "You need to pay £200 by Friday.", "I'm sorry to hear your hours have been cut."},
		{assistant.English, "My hours have been cut.", "I understand your frustration.", "I'm sorry to hear your hours have been cut."},
		{assistant.English, "My husband lost his job.", "When can you pay?", "That sounds really hard."},
		{assistant.English, "I might be made redundant next month.", "You need to pay by Friday.", "That sounds really hard."},
		{assistant.English, "My son is in hospital.", "When can you pay?", "That sounds really hard."},
		{assistant.English, "I was made redundant last month.", "When can you pay?", "I'm sorry to hear you've lost your job."},
	} {
		p := phraseAfter(t, e, tt.lang, tt.customer, tt.agent)
		if !strings.HasPrefix(p.Suggested, tt.ack+" ") {
			t.Errorf("%s %q after %q: suggestion %q, want it to open with %q", tt.lang, tt.agent, tt.customer, p.Suggested, tt.ack)
		}
	}
}

// The sample call with fewer hours: no suggestion anywhere tells the customer
// they lost their job, and the agent's own acknowledgement ("Dat is een
// flinke verandering") is taken as one.
func TestSampleFewerHours(t *testing.T) {
	e := New()
	turns := readSample(t, filepath.Join("..", "..", "testdata", "calls", "nl-loon-vraag.txt"))
	seen := false
	for i, turn := range turns {
		if turn.Speaker != assistant.Agent {
			continue
		}
		p, err := e.Phrase(context.Background(), assistant.Utterance{Text: turn.Text, Language: assistant.Dutch, Context: turns[max(0, i-3):i]})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(p.Suggested, "baan kwijt") {
			t.Errorf("turn %d %q: suggestion %q names a lost job", i, turn.Text, p.Suggested)
		}
		if strings.HasPrefix(turn.Text, "Dat is een flinke verandering.") {
			seen = true
			if p.Suggested != "" || p.Tip.Kind == assistant.TipDistress {
				t.Errorf("turn %d: an acknowledged turn gets %q and the tip %s", i, p.Suggested, p.Tip.Kind)
			}
		}
	}
	if !seen {
		t.Error("the sample no longer holds the agent's acknowledgement of fewer hours")
	}
}
