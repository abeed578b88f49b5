package stance

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// replyCase is a turn read in its call: who says it and what it answers.
type replyCase struct {
	kind     string
	lang     assistant.Language
	speaker  assistant.Speaker
	previous string
	text     string
	want     assistant.Quadrant
}

// replyCases hold each kind of turn issue 14 names, in both languages,
// written for this test (none is in a labelled set): customers who
// cooperate or ask for guidance, refusals behind rules and procedures,
// sarcasm, belittling and insults under polite words, short reactions, and
// agents who help. The labelling rules are those of
// testdata/stance/README.md.
var replyCases = []replyCase{
	// Customers who cooperate, own up, explain or ask what to do: below-together.
	{"cooperating-customer", "nl", "customer", "Zullen we 40 euro per maand afspreken?", "Ja, dat kan ik wel opbrengen, doen we.", BT},
	{"cooperating-customer", "en", "customer", "Shall we say 40 a month?", "Yes, I can manage that, let's do it.", BT},
	{"guidance-seeking", "nl", "customer", "Er staat nog 850 euro open.", "Kan ik dat in een paar delen betalen, of moet het in één keer?", BT},
	{"guidance-seeking", "en", "customer", "There's still 850 outstanding.", "Could I pay that in a few parts, or does it have to be all at once?", BT},
	{"owning-up", "nl", "customer", "U heeft drie termijnen gemist.", "Dat klopt, dat is mijn eigen schuld, ik heb het laten liggen.", BT},
	{"owning-up", "en", "customer", "You've missed three instalments.", "That's right, that's on me, I let it slide.", BT},
	{"explaining-hardship", "nl", "customer", "Wat is er gebeurd met de betalingen?", "Mijn man is vorig jaar overleden en sindsdien red ik het gewoon niet meer.", BT},
	{"explaining-hardship", "en", "customer", "What happened with the payments?", "My husband passed away last year and since then I just can't keep up.", BT},
	{"debt-help-mention", "nl", "customer", "Hoe wilt u het openstaande bedrag betalen?", "Ik zit sinds kort bij de schuldhulp van de gemeente, ze zeiden dat ik u dat moest laten weten.", BT},
	{"debt-help-mention", "en", "customer", "How would you like to pay the balance?", "I've got someone from a debt charity helping me now, she handles my payments.", BT},

	// Refusals behind rules and procedures: below-opposed.
	{"rule-refusal", "nl", "agent", "Kunt u de datum een week opschuiven?", "Nee, dat laat het systeem na de eerste herinnering niet meer toe.", BO},
	{"rule-refusal", "en", "agent", "Can you move the date by a week?", "No, the system doesn't allow that after the first reminder.", BO},
	{"procedure-hiding", "nl", "agent", "Waarom zijn die kosten erbij gekomen?", "Daar ga ik niet over, dat moet u bij de afdeling debiteuren navragen.", BO},
	{"procedure-hiding", "en", "agent", "Why were those charges added?", "That's not something I deal with, you'll have to ask the accounts team.", BO},
	{"rule-refusal", "nl", "customer", "Kan ik nu even uw IBAN noteren?", "Zulke dingen doe ik nooit over de telefoon, stuurt u maar een brief.", BO},
	{"rule-refusal", "en", "customer", "Can I take your card details now?", "I never give those out over the phone, put it in a letter.", BO},

	// Sarcasm, belittling and insults, polite words or not: above-opposed.
	{"sarcasm", "nl", "agent", "De brief is bij mij nooit aangekomen.", "Nee hoor, de post raakt alleen bij u altijd kwijt, dat zal het zijn.", AO},
	{"sarcasm", "en", "agent", "The letter never reached me.", "Of course, the post only ever goes missing at your house, that must be it.", AO},
	{"sarcasm", "nl", "customer", "Het kan nog tien werkdagen duren.", "Geweldig, neemt u vooral de tijd, ik zit alleen maar zonder geld.", AO},
	{"sarcasm", "en", "customer", "It may take another ten working days.", "Wonderful, do take your time, I'm only sitting here with no money.", AO},
	{"belittling", "nl", "agent", "Ik snap die brief echt niet.", "Het is toch niet zo moeilijk, lezen kunt u toch wel?", AO},
	{"belittling", "en", "agent", "I really don't understand the letter.", "It's not that hard, you can read, can't you?", AO},
	{"insult", "nl", "customer", "Ik kan de kosten niet kwijtschelden.", "Wat ben jij een waardeloze klojo zeg.", AO},
	{"insult", "en", "customer", "I can't waive the fees.", "You're a useless clown, you know that?", AO},

	// Real talk (issue 14, second round): guidance asked in chat style is
	// below-together; vague put-offs are below-opposed. (A friendly redirect
	// to another company, "wordt niet door ons beheerd, u kunt … terugvragen
	// bij …", is still read as helping in Dutch: a known miss, see
	// BENCHMARKS.md.)
	{"guidance-seeking", "nl", "customer", "", "Hoi, ik ben twee keer afgeschreven voor dezelfde bestelling. Hoe nu verder?", BT},
	{"guidance-seeking", "en", "customer", "", "hi, I got charged twice for the same order, what can I do?", BT},
	{"withdrawn-customer", "nl", "customer", "Wanneer kunnen we de betaling tegemoet zien?", "Eind volgende maand ofzo, ik zie wel.", BO},
	{"withdrawn-customer", "en", "customer", "When can we expect the payment?", "dunno, sometime next month I guess", BO},

	// Agents who help: above-together.
	{"helping-agent", "nl", "agent", "Ik snap niet waarom ik twee keer ben afgeschreven.", "Dat ga ik direct voor u uitzoeken, ik kijk nu even mee in uw dossier.", AT},
	{"helping-agent", "en", "agent", "I don't get why I was charged twice.", "Let me sort that out for you right now, I'm pulling up your account.", AT},
	{"helping-agent", "nl", "agent", "Ik weet echt niet hoe ik dit moet betalen.", "Maakt u zich geen zorgen, we vinden samen iets dat voor u werkt.", AT},
	{"helping-agent", "en", "agent", "I honestly don't know how I'll pay this.", "Don't worry, we'll find something that works for you.", AT},
}

// shortCases are short reactions: their stance comes from the turn they
// answer, with a low confidence.
var shortCases = []replyCase{
	{"short-reaction", "nl", "customer", "Dan zet ik 40 euro per maand voor u klaar, vanaf de 1e.", "oké, prima", BT},
	{"short-reaction", "en", "customer", "I'll set up 40 a month for you, from the 1st.", "okay, fine", BT},
	{"short-reaction", "nl", "customer", "Uw terugbetaling staat al klaar, echt waar.", "ja ja, vast", AO},
	{"short-reaction", "en", "customer", "Your refund is all ready, honestly.", "yeah, sure it is", AO},
	{"short-reaction", "nl", "customer", "Als u vrijdag niet betaalt, stuur ik de deurwaarder.", "tja...", BO},
	{"short-reaction", "en", "customer", "If you don't pay by Friday, I'm sending the bailiffs.", "well...", BO},
}

func TestClassifyReplyKinds(t *testing.T) {
	c := New()
	for _, tc := range append(append([]replyCase(nil), replyCases...), shortCases...) {
		t.Run(string(tc.lang)+"/"+tc.kind+"/"+string(tc.speaker), func(t *testing.T) {
			st, err := c.ClassifyReply(context.Background(), tc.text, tc.lang, tc.speaker, tc.previous)
			if err != nil {
				t.Fatal(err)
			}
			checkStance(t, tc.text, st)
			if st.Quadrant != tc.want {
				t.Errorf("%s %q answering %q = %s/%s (%.2f), want %s", tc.speaker, tc.text, tc.previous, st.Quadrant, st.Octant, st.Confidence, tc.want)
			}
		})
	}
}

// TestShortReactionsLeanOnTheTurnAnswered checks that a short reaction is
// never confidently labelled, that the same words answering different turns
// get the stance of what they answer, and that a short turn with nothing
// to answer keeps the lexicon's reading.
func TestShortReactionsLeanOnTheTurnAnswered(t *testing.T) {
	c := New()
	ctx := context.Background()
	for _, tc := range shortCases {
		st, err := c.ClassifyReply(ctx, tc.text, tc.lang, tc.speaker, tc.previous)
		if err != nil {
			t.Fatal(err)
		}
		if st.Confidence > shortConfidence {
			t.Errorf("short reaction %q: confidence %.2f, want at most %.2f", tc.text, st.Confidence, shortConfidence)
		}
	}
	for _, tc := range []struct {
		lang           assistant.Language
		text           string
		accept, refuse string
	}{
		{"nl", "Ja.", "Zullen we het op 30 euro per maand houden?", "Dit is uw laatste kans, anders gaat het naar de deurwaarder."},
		{"en", "Okay.", "Shall we keep it at 30 a month?", "This is your last chance, or it goes to the bailiffs."},
	} {
		yes, err := c.ClassifyReply(ctx, tc.text, tc.lang, assistant.Customer, tc.accept)
		if err != nil {
			t.Fatal(err)
		}
		no, err := c.ClassifyReply(ctx, tc.text, tc.lang, assistant.Customer, tc.refuse)
		if err != nil {
			t.Fatal(err)
		}
		if !yes.Quadrant.Together() || no.Quadrant == yes.Quadrant {
			t.Errorf("%q after a proposal = %s, after a threat = %s; want together after the proposal and another stance after the threat", tc.text, yes.Quadrant, no.Quadrant)
		}
		for _, st := range []assistant.Stance{yes, no} {
			if st.Confidence > contentlessConfidence {
				t.Errorf("%q: confidence %.2f, want at most %.2f for a turn of fillers", tc.text, st.Confidence, contentlessConfidence)
			}
		}
		alone, err := c.ClassifyReply(ctx, tc.text, tc.lang, assistant.Customer, "")
		if err != nil {
			t.Fatal(err)
		}
		lex, _ := newLexical().Classify(ctx, tc.text, tc.lang)
		if !sameStance(alone, lex) {
			t.Errorf("%q with nothing to answer = %+v, want the lexicon's %+v", tc.text, alone, lex)
		}
	}
}

// TestSpeakerMatters checks that the speaker changes the reading of the
// same words where the labelling rules say it does.
func TestSpeakerMatters(t *testing.T) {
	c := New()
	ctx := context.Background()
	for _, tc := range []struct {
		lang     assistant.Language
		text     string
		previous string
	}{
		// From the customer, asking to split the amount leaves the decision
		// to the agent (below-together); from the agent it proposes.
		{"nl", "Zullen we het bedrag in drie delen splitsen?", "Ik kan het niet in één keer betalen."},
		{"en", "Shall we split the amount into three parts?", "I can't pay it all in one go."},
	} {
		agent, err := c.ClassifyReply(ctx, tc.text, tc.lang, assistant.Agent, tc.previous)
		if err != nil {
			t.Fatal(err)
		}
		if agent.Quadrant != AT {
			t.Errorf("agent %q = %s, want %s", tc.text, agent.Quadrant, AT)
		}
	}
	for _, tc := range []struct {
		lang           assistant.Language
		text, previous string
	}{
		{"nl", "Mag ik het bedrag in drie delen betalen?", "Er staat nog 600 euro open."},
		{"en", "Could I pay the amount in three parts?", "There's 600 outstanding."},
	} {
		cust, err := c.ClassifyReply(ctx, tc.text, tc.lang, assistant.Customer, tc.previous)
		if err != nil {
			t.Fatal(err)
		}
		if cust.Quadrant != BT {
			t.Errorf("customer %q = %s, want %s", tc.text, cust.Quadrant, BT)
		}
	}
}

// TestClassifyTurnsReadsTheTurnAnswered checks that a call is read turn by
// turn with the other speaker's latest turn: the same short reaction in one
// call follows what it answers, an empty turn is no turn and is not what the
// next turn answers, and the answers equal ClassifyReply's.
func TestClassifyTurnsReadsTheTurnAnswered(t *testing.T) {
	c := New()
	ctx := context.Background()
	turns := []assistant.Turn{
		{Index: 0, Speaker: assistant.Agent, Text: "Zullen we het op 30 euro per maand houden?"},
		{Index: 1, Speaker: assistant.Customer, Text: "Ja."},
		{Index: 2, Speaker: assistant.Agent, Text: "Als u niet betaalt, gaat het dossier naar de deurwaarder."},
		{Index: 3, Speaker: assistant.Customer, Text: "   "},
		{Index: 4, Speaker: assistant.Customer, Text: "Ja."},
	}
	sts, err := c.ClassifyTurns(ctx, turns, assistant.Dutch)
	if err != nil {
		t.Fatal(err)
	}
	if len(sts) != len(turns) {
		t.Fatalf("%d stances for %d turns", len(sts), len(turns))
	}
	if sts[3].Confidence != 0 {
		t.Errorf("an empty turn: %+v, want no stance (confidence 0)", sts[3])
	}
	for i, answered := range map[int]int{1: 0, 4: 2} {
		want, err := c.ClassifyReply(ctx, turns[i].Text, assistant.Dutch, turns[i].Speaker, turns[answered].Text)
		if err != nil {
			t.Fatal(err)
		}
		if !sameStance(sts[i], want) {
			t.Errorf("turn %d in the call = %+v, want it read as an answer to turn %d: %+v", i, sts[i], answered, want)
		}
	}
	if sts[1].Quadrant == sts[4].Quadrant {
		t.Errorf("\"Ja.\" after a proposal and after a threat are both %s, want different stances", sts[1].Quadrant)
	}
	if _, err := c.ClassifyReply(ctx, "Ja.", "nl", "robot", ""); assistant.ErrorCode(err) != assistant.EInvalid || !strings.Contains(assistant.ErrorMessage(err), "robot") {
		t.Errorf("ClassifyReply with speaker robot: error %v, want an invalid-input error naming it", err)
	}
}

// TestConfidenceCalibrated checks the calibration maps of the embedded
// model: one per language, increasing, within [0, 1], and fitted on real
// talk, on which the engine is right less often in Dutch than in English
// (cross-validated over the real training turns, 51% and 78% of quadrants):
// an equally probable quadrant must be trusted less in Dutch.
func TestConfidenceCalibrated(t *testing.T) {
	m := New().model
	for _, lang := range assistant.Languages {
		if n := len(m.knots[langIndex(lang)]); n < 3 {
			t.Fatalf("model has %d calibration knots for %s, want a fitted map", n, lang)
		}
		prev := -1.0
		for p := 0.25; p <= 1.0; p += 0.05 {
			q := m.calibrate(p, lang)
			if q < prev || q < 0 || q > 1 || math.IsNaN(q) {
				t.Errorf("%s: calibrate(%.2f) = %.3f after %.3f, want a non-decreasing map into [0, 1]", lang, p, q, prev)
			}
			prev = q
		}
	}
	for _, p := range []float64{0.6, 0.8, 0.95} {
		if nl, en := m.calibrate(p, "nl"), m.calibrate(p, "en"); nl >= en {
			t.Errorf("calibrate(%.2f): nl %.3f, en %.3f; want Dutch trusted less, as it is right less often on real talk", p, nl, en)
		}
	}
}

// TestConfidenceFittedOnRealTalk checks that the confidence map follows the
// real turns when a training set has enough of them: the same data trained
// with and without marking the real files must give a map that promises
// less on them, because the team's own turns are easier than real talk.
func TestConfidenceFittedOnRealTalk(t *testing.T) {
	var own, real []Example
	for _, f := range TrainingFiles {
		switch {
		case f.Path == "testdata/stance/train.tsv":
			own = readExamplesFile(t, f.Path)
		case f.Real && strings.HasSuffix(f.Path, "/en.tsv"), f.Real && strings.HasSuffix(f.Path, "/en2.tsv"):
			real = append(real, readExamplesFile(t, f.Path)...)
		}
	}
	marked := trainedModel(t, TrainingSet{Examples: own}, TrainingSet{Examples: real, Weight: realWeight, Real: true})
	unmarked := trainedModel(t, TrainingSet{Examples: own}, TrainingSet{Examples: real, Weight: realWeight})
	gap, n := 0.0, 0
	for p := 0.6; p < 0.99; p += 0.05 {
		gap += unmarked.calibrate(p, "en") - marked.calibrate(p, "en")
		n++
	}
	gap /= float64(n)
	t.Logf("the map fitted on real turns promises %.3f less on average", gap)
	if gap < 0.03 {
		t.Errorf("a map fitted on the real turns promises on average %.3f less than one fitted on all turns, want at least 0.03", gap)
	}
}
