package phrasing

import (
	"context"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// Counts were made by hand: syllables by ear, long words by letters (Dutch,
// more than six) or syllables (English, three or more).
func TestScore(t *testing.T) {
	tests := []struct {
		name                            string
		lang                            assistant.Language
		text                            string
		sentences, words, syl, longWord int
		score                           float64
	}{
		{"nl/simple", assistant.Dutch, "De kat zit op de mat. Wij betalen vandaag.", 2, 9, 12, 2, 206.84 - 0.77*(100*12.0/9) - 0.93*(9.0/2)},
		{"nl/jargon", assistant.Dutch, "Uw betalingsachterstand wordt overgedragen aan de deurwaarder.", 1, 7, 18, 3, 206.84 - 0.77*(100*18.0/7) - 0.93*7},
		{"nl/diaeresis", assistant.Dutch, "Wij beëindigen de regeling.", 1, 4, 9, 2, 206.84 - 0.77*(100*9.0/4) - 0.93*4},
		{"nl/amounts are not words", assistant.Dutch, "U betaalt € 50 per maand.", 1, 4, 5, 1, 206.84 - 0.77*(100*5.0/4) - 0.93*4},
		{"en/simple", assistant.English, "The cat sat on the mat. We will pay today.", 2, 10, 11, 0, 206.835 - 1.015*5 - 84.6*1.1},
		{"en/jargon", assistant.English, "Your outstanding balance has been passed to the collection agency.", 1, 10, 17, 3, 206.835 - 1.015*10 - 84.6*1.7},
		{"en/silent e", assistant.English, "People make tables. Charges added makes agreed.", 2, 7, 12, 0, 206.835 - 1.015*3.5 - 84.6*(12.0/7)},
		{"empty", assistant.English, "  ", 0, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Score(tt.text, tt.lang)
			if r.Sentences != tt.sentences || r.Words != tt.words || r.Syllables != tt.syl || r.LongWords != tt.longWord {
				t.Errorf("counts = %d sentences, %d words, %d syllables, %d long; want %d, %d, %d, %d",
					r.Sentences, r.Words, r.Syllables, r.LongWords, tt.sentences, tt.words, tt.syl, tt.longWord)
			}
			// Scores are rounded to FigurePlaces: within half its last place.
			if math.Abs(r.Score-tt.score) > 0.5*math.Pow10(-assistant.FigurePlaces)+1e-9 {
				t.Errorf("score = %.4f, want %.4f", r.Score, tt.score)
			}
			wantScale := assistant.ScaleFleschReadingEase
			if tt.lang == assistant.Dutch {
				wantScale = assistant.ScaleFleschDouma
			}
			if r.Scale != wantScale {
				t.Errorf("scale = %q, want %q", r.Scale, wantScale)
			}
		})
	}
}

func TestSyllables(t *testing.T) {
	tests := []struct {
		lang assistant.Language
		word string
		want int
	}{
		{assistant.Dutch, "vrijdag", 2}, {assistant.Dutch, "vóór", 1}, {assistant.Dutch, "ingebrekestelling", 6},
		{assistant.Dutch, "eeuw", 1}, {assistant.Dutch, "geïnd", 2}, {assistant.Dutch, "deurwaarder", 3},
		{assistant.Dutch, "uitkering", 3}, {assistant.Dutch, "koeien", 2}, {assistant.Dutch, "mooie", 2}, {assistant.Dutch, "nieuw", 1},
		{assistant.English, "make", 1}, {assistant.English, "table", 2}, {assistant.English, "passed", 1},
		{assistant.English, "added", 2}, {assistant.English, "you", 1}, {assistant.English, "agency", 3},
		{assistant.English, "the", 1}, {assistant.English, "tables", 2}, {assistant.English, "balance", 2}, {assistant.English, "every", 3},
	}
	for _, tt := range tests {
		if got := syllables(tt.word, tt.lang); got != tt.want {
			t.Errorf("syllables(%q, %s) = %d, want %d", tt.word, tt.lang, got, tt.want)
		}
	}
}

// A call's readability comes from the counts of its turns, so it equals the
// score of the turns read as one text.
func TestCombine(t *testing.T) {
	for _, lang := range assistant.Languages {
		a, b := "U moet vóór vrijdag betalen.", "Wij beëindigen de regeling. Dat is vervelend."
		if lang == assistant.English {
			a, b = "You must pay by Friday.", "Your outstanding balance has been passed to the collection agency. That is unfortunate."
		}
		got := Combine(lang, Score(a, lang), Score(b, lang))
		want := Score(a+" "+b, lang)
		if got != want {
			t.Errorf("%s: Combine = %+v, want %+v", lang, got, want)
		}
	}
}

func TestCheckClosing(t *testing.T) {
	turn := func(s assistant.Speaker, text string) assistant.Turn { return assistant.Turn{Speaker: s, Text: text} }
	tests := []struct {
		name                string
		lang                assistant.Language
		turns               []assistant.Turn
		next, summary, warm bool
		tipHas, tipHasNot   []string
	}{
		{
			name: "nl/complete", lang: assistant.Dutch,
			turns: []assistant.Turn{
				turn(assistant.Agent, "Even samengevat: u betaalt 50 euro per maand."),
				turn(assistant.Customer, "Ja."),
				turn(assistant.Agent, "Ik stuur u vandaag een bevestiging. Bedankt voor uw tijd en een fijne dag."),
			},
			next: true, summary: true, warm: true,
		},
		{
			name: "nl/abrupt", lang: assistant.Dutch,
			turns:  []assistant.Turn{turn(assistant.Agent, "Goed."), turn(assistant.Customer, "Oké.")},
			tipHas: []string{"volgende stap", "samenvatting", "warme afsluiting", " en "},
		},
		{
			name: "nl/no warm close", lang: assistant.Dutch,
			turns: []assistant.Turn{turn(assistant.Agent, "Dus we spreken af dat u op 25 juni betaalt. Ik stuur u een bevestiging.")},
			next:  true, summary: true,
			tipHas: []string{"warme afsluiting"}, tipHasNot: []string{"samenvatting", "volgende stap"},
		},
		{
			name: "en/complete", lang: assistant.English,
			turns: []assistant.Turn{
				turn(assistant.Agent, "So to sum up: you'll pay £40 a month."),
				turn(assistant.Agent, "I'll email you a confirmation today. Thanks for your time, take care."),
			},
			next: true, summary: true, warm: true,
		},
		{
			name: "en/only the fourth-last turn summarises", lang: assistant.English,
			turns: []assistant.Turn{
				turn(assistant.Agent, "Just to confirm, you'll pay £40 a month."),
				turn(assistant.Agent, "Right."), turn(assistant.Agent, "OK."), turn(assistant.Agent, "Thank you, goodbye."),
			},
			warm:   true,
			tipHas: []string{"next step", "summary", " and "},
		},
	}
	e := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cc, err := e.CheckClosing(context.Background(), tt.turns, tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			if cc.NextStep != tt.next || cc.Summary != tt.summary || cc.WarmClose != tt.warm {
				t.Errorf("got next=%v summary=%v warm=%v, want %v %v %v", cc.NextStep, cc.Summary, cc.WarmClose, tt.next, tt.summary, tt.warm)
			}
			if tt.next && tt.summary && tt.warm && cc.Tip != "" {
				t.Errorf("complete closing got a tip: %q", cc.Tip)
			}
			for _, s := range tt.tipHas {
				if !strings.Contains(cc.Tip, s) {
					t.Errorf("tip %q does not mention %q", cc.Tip, s)
				}
			}
			for _, s := range tt.tipHasNot {
				if strings.Contains(cc.Tip, s) {
					t.Errorf("tip %q mentions %q, which is there", cc.Tip, s)
				}
			}
		})
	}
}

func TestInvalidLanguage(t *testing.T) {
	e := New()
	_, err := e.Phrase(context.Background(), assistant.Utterance{Text: "Bonjour", Language: "fr"})
	if assistant.ErrorCode(err) != assistant.EInvalid || !strings.Contains(assistant.ErrorMessage(err), `"fr"`) {
		t.Errorf("Phrase in fr: got %v, want an invalid error naming the language", err)
	}
	_, err = e.CheckClosing(context.Background(), nil, "")
	if assistant.ErrorCode(err) != assistant.EInvalid {
		t.Errorf("CheckClosing without language: got %v, want invalid", err)
	}
}

// Offsets are in runes: accents and the euro sign before a finding must not
// shift it.
func TestRuneOffsets(t *testing.T) {
	e := New()
	text := "Vóór € 450 geldt: u moet vóór vrijdag betalen."
	p, err := e.Phrase(context.Background(), assistant.Utterance{Text: text, Language: assistant.Dutch})
	if err != nil {
		t.Fatal(err)
	}
	checkRewrites(t, text, p)
	found := false
	for _, f := range p.Findings {
		if f.Kind == assistant.FindingCommand {
			found = true
			if f.Start != 18 || f.End != 24 {
				t.Errorf("command at [%d,%d), want [18,24)", f.Start, f.End)
			}
		}
	}
	if !found {
		t.Error("no command found")
	}
}

// The engine is shared by every request; run with -race.
func TestConcurrentPhrase(t *testing.T) {
	e := New()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, u := range benchUtterances {
				if _, err := e.Phrase(context.Background(), u); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
}

var benchUtterances = []assistant.Utterance{
	{
		Language: assistant.Dutch,
		Text:     "U moet de vordering van € 450 vóór vrijdag betalen, anders sturen we de deurwaarder en komen er incassokosten bij.",
		Context: []assistant.ContextTurn{
			{Speaker: assistant.Agent, Text: "Ik bel over uw rekening van Energie Plus."},
			{Speaker: assistant.Customer, Text: "Ik ben mijn baan kwijt en ik weet het niet meer."},
			{Speaker: assistant.Agent, Text: "Dat is vervelend."},
		},
	},
	{
		Language: assistant.English,
		Text:     "You must pay the outstanding balance of £450 by Friday, or we will pass your account to our solicitors straight away.",
		Context: []assistant.ContextTurn{
			{Speaker: assistant.Agent, Text: "I'm calling about your Brightwater account."},
			{Speaker: assistant.Customer, Text: "I lost my job last month and I can't cope."},
			{Speaker: assistant.Agent, Text: "That's unfortunate."},
		},
	},
}

// BenchmarkPhrase measures the live-tip path: a 20-word utterance with three
// turns of context.
func BenchmarkPhrase(b *testing.B) {
	e := New()
	for _, u := range benchUtterances {
		b.Run(string(u.Language), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.Phrase(context.Background(), u); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Tips must not tell an agent to calm a customer on the strength of a guess,
// nor an agent who already answers together.
func TestTipTrustsOnlyConfidentStances(t *testing.T) {
	e := New()
	opposed := func(conf float64) *assistant.Stance {
		s := assistant.NewStance(-0.6, -0.4, conf, nil)
		return &s
	}
	together := assistant.NewStance(0.5, 0.6, 0.9, nil)
	tests := []struct {
		name     string
		lang     assistant.Language
		text     string
		customer *assistant.Stance
		own      *assistant.Stance
		wantKind assistant.TipKind
	}{
		{"nl guessed opposition", assistant.Dutch, "Fijn dat u tijd heeft. Zullen we samen kijken wat haalbaar is?", opposed(0.15), nil, assistant.TipOK},
		{"en guessed opposition", assistant.English, "Thanks for your time. Shall we look together at what works for you?", opposed(0.15), nil, assistant.TipOK},
		{"nl confident opposition, agent together", assistant.Dutch, "Ik begrijp dat u boos bent. Zullen we samen kijken wat haalbaar is?", opposed(0.9), &together, assistant.TipOK},
		{"en confident opposition, agent together", assistant.English, "I understand you're upset. Shall we look together at what works for you?", opposed(0.9), &together, assistant.TipOK},
		{"nl confident opposition, agent unknown", assistant.Dutch, "Zullen we samen kijken wat haalbaar is?", opposed(0.9), nil, assistant.TipDeescalate},
		{"en confident opposition, agent unknown", assistant.English, "Shall we look together at what works for you?", opposed(0.9), nil, assistant.TipDeescalate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := e.Phrase(context.Background(), assistant.Utterance{
				Text: tt.text, Language: tt.lang, Stance: tt.own,
				Context: []assistant.ContextTurn{{Speaker: assistant.Customer, Text: "Ja.", Stance: tt.customer}},
			})
			if err != nil {
				t.Fatal(err)
			}
			if p.Tip.Kind != tt.wantKind {
				t.Errorf("tip %s (%q), want %s", p.Tip.Kind, p.Tip.Text, tt.wantKind)
			}
		})
	}
}

// An offer to get in touch after a condition is an invitation, not an order.
func TestConditionalContactIsNoCommand(t *testing.T) {
	e := New()
	tests := []struct {
		lang assistant.Language
		text string
	}{
		{assistant.English, "If anything changes, call us and we'll look at it again together."},
		{assistant.Dutch, "Mocht er iets veranderen, neem dan contact met ons op."},
		{assistant.Dutch, "Als er iets verandert, bel ons dan."},
	}
	for _, tt := range tests {
		p, err := e.Phrase(context.Background(), assistant.Utterance{Text: tt.text, Language: tt.lang})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range p.Findings {
			if f.Kind == assistant.FindingCommand {
				t.Errorf("%q flagged as a command: %+v", tt.text, f)
			}
		}
	}
	// The same verb as an order still counts.
	p, _ := e.Phrase(context.Background(), assistant.Utterance{Text: "Call us today and pay the balance.", Language: assistant.English})
	if len(p.Findings) == 0 || p.Findings[0].Kind != assistant.FindingCommand {
		t.Errorf("a plain order was not flagged: %+v", p.Findings)
	}
}
