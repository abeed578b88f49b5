package stance

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/language"
)

var (
	AT = assistant.AboveTogether
	BT = assistant.BelowTogether
	BO = assistant.BelowOpposed
	AO = assistant.AboveOpposed
)

type classifyCase struct {
	name string
	lang assistant.Language
	text string
	want assistant.Quadrant
	// cue, when set, must be among the cues found.
	cue assistant.CueKind
}

// cueCases name at least one utterance per cue kind per language.
var cueCases = []classifyCase{
	{"command", "nl", "U moet het volledige bedrag overmaken.", AO, assistant.CueCommand},
	{"command", "en", "You need to transfer the full amount.", AO, assistant.CueCommand},
	{"threat", "nl", "Dan gaat uw dossier naar de deurwaarder.", AO, assistant.CueThreat},
	{"threat", "en", "Then your account goes to the bailiffs.", AO, assistant.CueThreat},
	{"blame", "nl", "Dat is uw eigen probleem, niet het mijne.", BO, assistant.CueBlame},
	{"blame", "en", "That is your own problem, not mine.", BO, assistant.CueBlame},
	{"ultimatum", "nl", "Als u niet betaalt, stopt de regeling.", AO, assistant.CueUltimatum},
	{"ultimatum", "en", "If you don't pay, the plan stops.", AO, assistant.CueUltimatum},
	{"interruption", "nl", "Laat mij nou even uitpraten.", AO, assistant.CueInterruption},
	{"interruption", "en", "Let me finish, please.", AO, assistant.CueInterruption},
	{"sarcasm", "nl", "Wat een verrassing, weer niet betaald.", AO, assistant.CueSarcasm},
	{"sarcasm", "en", "What a surprise, not paid again.", AO, assistant.CueSarcasm},
	{"policy-hiding", "nl", "Dat is ons beleid, daar ga ik niet over.", BO, assistant.CuePolicyHiding},
	{"policy-hiding", "en", "That is our policy, it's not my department.", BO, assistant.CuePolicyHiding},
	{"passivity", "nl", "Geen idee, maakt niet uit.", BO, assistant.CuePassivity},
	{"passivity", "en", "No idea, doesn't matter.", BO, assistant.CuePassivity},
	{"apology", "nl", "Sorry, het spijt me echt.", BT, assistant.CueApology},
	{"apology", "en", "Sorry, I apologise.", BT, assistant.CueApology},
	{"deference", "nl", "Ik moet het eerst aan mijn leidinggevende vragen.", BT, assistant.CueDeference},
	{"deference", "en", "I need to check with my manager first.", BT, assistant.CueDeference},
	{"permission", "nl", "Mag ik u heel even storen?", BT, assistant.CuePermission},
	{"permission", "en", "May I bother you for a second?", BT, assistant.CuePermission},
	{"empathy", "nl", "Ik hoor dat het een zware tijd is.", AT, assistant.CueEmpathy},
	{"empathy", "en", "It sounds like a very hard time.", AT, assistant.CueEmpathy},
	{"acknowledgement", "nl", "Ik begrijp het.", AT, assistant.CueAcknowledgment},
	{"acknowledgement", "en", "I understand.", AT, assistant.CueAcknowledgment},
	{"summary", "nl", "Even samengevat: u betaalt 50 euro per maand.", AT, assistant.CueSummary},
	{"summary", "en", "To sum up: you pay 50 pounds a month.", AT, assistant.CueSummary},
	{"open-question", "nl", "Wat zou voor u een haalbaar bedrag zijn?", AT, assistant.CueOpenQuestion},
	{"open-question", "en", "What would be a manageable amount for you?", AT, assistant.CueOpenQuestion},
	{"closed-question", "nl", "Heeft u de brief ontvangen?", AT, assistant.CueClosedQuestion},
	{"closed-question", "en", "Did you get the letter?", AT, assistant.CueClosedQuestion},
	{"proposal", "nl", "Ik stel voor dat we het in drie delen doen.", AT, assistant.CueProposal},
	{"proposal", "en", "I suggest we split it into three parts.", AT, assistant.CueProposal},
	{"offer-of-help", "nl", "Ik kan u helpen met een regeling.", AT, assistant.CueOfferHelp},
	{"offer-of-help", "en", "I can help you with an arrangement.", AT, assistant.CueOfferHelp},
	{"next-step", "nl", "Ik stuur u vandaag een bevestiging.", AT, assistant.CueNextStep},
	{"next-step", "en", "I'll send you a confirmation today.", AT, assistant.CueNextStep},
	{"refusal", "nl", "Dat is niet mogelijk.", BO, assistant.CueRefusal},
	{"refusal", "en", "That is not possible.", BO, assistant.CueRefusal},
	{"helplessness", "nl", "Ik weet het niet meer.", BT, assistant.CueHelplessness},
	{"helplessness", "en", "I don't know what to do any more.", BT, assistant.CueHelplessness},
	{"agreement", "nl", "Prima, dat is goed.", BT, assistant.CueAgreement},
	{"agreement", "en", "Sure, that's fine.", BT, assistant.CueAgreement},
	{"negation", "nl", "Ik kan u daar niet mee helpen.", BO, assistant.CueNegation},
	{"negation", "en", "I will not help you.", BO, assistant.CueNegation},
	{"hostility", "nl", "Dit is belachelijk, jullie zijn oplichters!", AO, assistant.CueHostility},
	{"hostility", "en", "This is ridiculous, you're all crooks!", AO, assistant.CueHostility},
	{"hedge", "nl", "Zou u misschien eventueel iets kunnen betalen, als dat mag?", BT, assistant.CueHedge},
	{"hedge", "en", "Could you maybe possibly pay something, if that's okay?", BT, assistant.CueHedge},
	{"reassurance", "nl", "Maakt u zich geen zorgen, neem gerust de tijd.", AT, assistant.CueReassurance},
	{"reassurance", "en", "Don't worry, take your time.", AT, assistant.CueReassurance},
	{"information", "nl", "Ik bel over de rekening van maart.", AT, assistant.CueInformation},
	{"information", "en", "I'm calling about the bill from March.", AT, assistant.CueInformation},
	{"thanks", "nl", "Dank u voor uw tijd.", AT, assistant.CueThanks},
	{"thanks", "en", "Thank you for your time.", AT, assistant.CueThanks},
	{"greeting", "nl", "Goedemiddag, met Sanne van Noordkust.", AT, assistant.CueGreeting},
	{"greeting", "en", "Good afternoon, James from Northgate here.", AT, assistant.CueGreeting},
	{"politeness", "nl", "Wilt u het formulier alstublieft terugsturen?", AT, assistant.CuePoliteness},
	{"politeness", "en", "Could you send the form back, please?", AT, assistant.CuePoliteness},
}

// behaviourCases are pairs and situations from real speech: negation,
// politeness, questions, mixed turns, fillers, noise and customer turns.
var behaviourCases = []classifyCase{
	{"can help", "nl", "Ik kan u helpen.", AT, assistant.CueOfferHelp},
	{"cannot help", "nl", "Ik kan u niet helpen.", BO, ""},
	{"can help", "en", "I can help you.", AT, assistant.CueOfferHelp},
	{"cannot help", "en", "I can't help you.", BO, ""},
	{"cannot help no apostrophe", "en", "i cant help you with that", BO, ""},
	{"negated verb-final", "nl", "Dat begrijp ik niet.", BO, assistant.CueNegation},
	{"no problem", "nl", "Geen probleem, dat regel ik.", BT, assistant.CueAgreement},
	{"no problem", "en", "No problem, I'll sort that.", BT, assistant.CueAgreement},
	{"denied threat", "nl", "Ik ga niet zomaar de deurwaarder inschakelen.", AT, assistant.CueReassurance},
	{"denied threat", "en", "We will not take you to court over this.", AT, assistant.CueReassurance},
	{"demand", "nl", "U moet vóór vrijdag betalen.", AO, assistant.CueCommand},
	{"polite request", "nl", "Zou u vóór vrijdag willen betalen?", AT, assistant.CuePoliteness},
	{"demand", "en", "You have to pay by Friday.", AO, assistant.CueCommand},
	{"polite request", "en", "Would you mind paying by Friday, please?", AT, assistant.CuePoliteness},
	{"open question", "nl", "Hoe gaat het nu met u?", AT, assistant.CueOpenQuestion},
	{"open question", "en", "How are things with you at the moment?", AT, assistant.CueOpenQuestion},
	{"open question unpunctuated", "nl", "wat kunt u per maand missen", AT, assistant.CueOpenQuestion},
	{"open question unpunctuated", "en", "what can you spare each month", AT, assistant.CueOpenQuestion},
	{"reproach as question", "nl", "Wanneer gaat u nou eindelijk betalen?", AO, assistant.CueBlame},
	{"reproach as question", "en", "Why haven't you paid yet?", AO, assistant.CueBlame},
	{"empathy then demand", "nl", "Ik begrijp dat het lastig is, maar u moet vandaag betalen.", AO, assistant.CueCommand},
	{"empathy then demand", "en", "I understand it's difficult, but you have to pay today.", AO, assistant.CueCommand},
	{"refusal then help", "nl", "De rente kan ik niet kwijtschelden, maar ik kan u wel helpen met een regeling.", AT, assistant.CueOfferHelp},
	{"refusal then help", "en", "I can't wipe the interest, but I can help you with a plan.", AT, assistant.CueOfferHelp},
	{"warm then threat", "nl", "Ik snap dat het lastig is. Maar als u niet betaalt, gaat het naar de rechter.", AO, assistant.CueThreat},
	{"warm then threat", "en", "I get that it's hard. But if you don't pay, this goes to court.", AO, assistant.CueThreat},
	{"fillers and stutter", "nl", "ik eh ik kan u eh zeg maar helpen", AT, assistant.CueOfferHelp},
	{"fillers and stutter", "en", "um I I can like help you, you know", AT, assistant.CueOfferHelp},
	{"missing diacritics", "nl", "u moet voor vrijdag betalen", AO, assistant.CueCommand},
	{"lower case no punctuation", "en", "you need to pay the full amount by friday", AO, assistant.CueCommand},
	{"angry customer", "nl", "Dit is echt schandalig, ik stap naar een advocaat!", AO, assistant.CueThreat},
	{"angry customer", "en", "This is disgraceful, I'm going to a solicitor!", AO, assistant.CueThreat},
	{"lost customer", "nl", "ik weet het niet meer", BT, assistant.CueHelplessness},
	{"lost customer", "en", "I can't cope any more.", BT, assistant.CueHelplessness},
	{"willing customer", "nl", "Ik wil wel betalen, echt.", BT, assistant.CueAgreement},
	{"willing customer", "en", "I want to pay, I really do.", BT, assistant.CueAgreement},
	{"opening acceptance", "nl", "Prima, dan doen we het zo. Ik zet het in het systeem.", BT, assistant.CueAgreement},
	{"opening acceptance", "en", "Sure, let's do that. I'll put it on the file.", BT, assistant.CueAgreement},
}

func TestClassify(t *testing.T) {
	// The table states what the lexicon knows, and the lexicon supplies
	// the cues that explain every answer, so the lexicon's own reading is
	// held to every case; TestClassifyLearned holds the whole classifier.
	c, lex := New(), newLexical()
	ctx := context.Background()
	for _, tc := range append(append([]classifyCase(nil), cueCases...), behaviourCases...) {
		t.Run(string(tc.lang)+"/"+tc.name, func(t *testing.T) {
			st, err := c.Classify(ctx, tc.text, tc.lang)
			if err != nil {
				t.Fatalf("Classify(%q): %v", tc.text, err)
			}
			ls, err := lex.Classify(ctx, tc.text, tc.lang)
			if err != nil {
				t.Fatalf("lexicon Classify(%q): %v", tc.text, err)
			}
			if ls.Quadrant != tc.want {
				t.Errorf("lexicon Classify(%q) quadrant = %s (d=%.2f a=%.2f, cues %v), want %s", tc.text, ls.Quadrant, ls.Dominance, ls.Affiliation, kinds(ls.Cues), tc.want)
			}
			if !reflect.DeepEqual(st.Cues, ls.Cues) {
				t.Errorf("Classify(%q) cues %v differ from the lexicon's %v", tc.text, st.Cues, ls.Cues)
			}
			if tc.cue != "" && !hasCue(st.Cues, tc.cue) {
				t.Errorf("Classify(%q) cues = %v, want one of kind %s", tc.text, kinds(st.Cues), tc.cue)
			}
			checkStance(t, tc.text, st)
		})
	}
}

// mustHold names the table cases the whole classifier must get right: the
// behaviours issue 3 names (negation, mixed signals, demands against open
// questions, fillers and noise). The remaining cases are short turns of a
// kind the labelled data hardly hold, or cases where the table and the
// labelling guide of testdata/stance/README.md disagree (a polite deadline
// is competitive there, "Would you kindly…"); for those the model may
// follow the data, within the agreement floor below.
var mustHold = map[string]bool{
	"can help": true, "cannot help": true, "cannot help no apostrophe": true, "negated verb-final": true,
	"demand": true, "open question": true, "open question unpunctuated": true, "reproach as question": true,
	"empathy then demand": true, "refusal then help": true, "warm then threat": true,
	"fillers and stutter": true, "missing diacritics": true, "lower case no punctuation": true,
	"angry customer": true, "command": true, "threat": true, "ultimatum": true, "empathy": true,
	"open-question": true, "proposal": true, "offer-of-help": true, "next-step": true, "refusal": true,
	"policy-hiding": true, "blame": true, "sarcasm": true, "hostility": true, "apology": true,
}

// TestClassifyLearned holds the classifier with its learned layer to the
// table: every mustHold case, and at least learnedAgreement of all cases in
// each language.
func TestClassifyLearned(t *testing.T) {
	const learnedAgreement = 0.8
	c := New()
	agree, total := map[assistant.Language]int{}, map[assistant.Language]int{}
	for _, tc := range append(append([]classifyCase(nil), cueCases...), behaviourCases...) {
		st, err := c.Classify(context.Background(), tc.text, tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		total[tc.lang]++
		if st.Quadrant == tc.want {
			agree[tc.lang]++
			continue
		}
		msg := fmt.Sprintf("%s/%s: Classify(%q) quadrant = %s (d=%.2f a=%.2f, cues %v), want %s", tc.lang, tc.name, tc.text, st.Quadrant, st.Dominance, st.Affiliation, kinds(st.Cues), tc.want)
		if mustHold[tc.name] {
			t.Error(msg)
		} else {
			t.Log(msg)
		}
	}
	for _, lang := range assistant.Languages {
		if got := float64(agree[lang]) / float64(total[lang]); got < learnedAgreement {
			t.Errorf("%s: the classifier agrees with %d of %d table cases (%.2f), want at least %.2f", lang, agree[lang], total[lang], got, learnedAgreement)
		}
	}
}

func TestCueKindsCoveredPerLanguage(t *testing.T) {
	kindsInConcepts := map[assistant.CueKind]bool{assistant.CueNegation: true, assistant.CueOpenQuestion: true, assistant.CueClosedQuestion: true}
	for _, k := range concepts {
		kindsInConcepts[k.kind] = true
	}
	for _, lang := range assistant.Languages {
		covered := map[assistant.CueKind]bool{}
		for _, tc := range cueCases {
			if tc.lang == lang {
				covered[tc.cue] = true
			}
		}
		for k := range kindsInConcepts {
			if !covered[k] {
				t.Errorf("%s: no table case for cue kind %s", lang, k)
			}
		}
	}
}

func TestNeutralTurnsLowConfidence(t *testing.T) {
	c := New()
	for _, tc := range []struct {
		lang assistant.Language
		text string
	}{
		{"nl", "Ja."}, {"nl", "Hmm"}, {"nl", "Oké"}, {"nl", "eh ja"}, {"nl", ""},
		{"en", "Yeah"}, {"en", "Okay."}, {"en", "Mm-hm."}, {"en", "um, right"}, {"en", "   "},
	} {
		t.Run(string(tc.lang)+"/"+tc.text, func(t *testing.T) {
			st, err := c.Classify(context.Background(), tc.text, tc.lang)
			if err != nil {
				t.Fatal(err)
			}
			if st.Confidence >= 0.3 {
				t.Errorf("Classify(%q) confidence = %.2f, want < 0.3", tc.text, st.Confidence)
			}
			if math.Abs(st.Dominance) > 0.1 || math.Abs(st.Affiliation) > 0.1 {
				t.Errorf("Classify(%q) = (%.2f, %.2f), want near the origin", tc.text, st.Dominance, st.Affiliation)
			}
			checkStance(t, tc.text, st)
		})
	}
}

func TestConfidentWhenClear(t *testing.T) {
	c := New()
	for _, tc := range []struct {
		lang assistant.Language
		text string
	}{
		{"nl", "Als u vandaag niet betaalt, sturen we de deurwaarder."},
		{"en", "If you don't pay today, we'll send the bailiffs."},
		{"nl", "Ik hoor dat het zwaar is. Wat zou u per maand kunnen missen?"},
		{"en", "That sounds really hard. What could you manage each month?"},
	} {
		st, err := c.Classify(context.Background(), tc.text, tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		if st.Confidence < 0.5 {
			t.Errorf("Classify(%q) confidence = %.2f, want at least 0.5", tc.text, st.Confidence)
		}
	}
}

func TestLanguageDetection(t *testing.T) {
	c := New()
	for _, tc := range []struct {
		text string
		want assistant.Language
		q    assistant.Quadrant
	}{
		{"Ik kan u niet helpen, dat is de procedure.", assistant.Dutch, BO},
		{"I can't help you, that's the procedure.", assistant.English, BO},
		{"Wat zou u per maand kunnen betalen?", assistant.Dutch, AT},
		{"What could you pay each month?", assistant.English, AT},
	} {
		if got := language.Detect(tc.text); got != tc.want {
			t.Errorf("Detect(%q) = %s, want %s", tc.text, got, tc.want)
		}
		st, err := c.Classify(context.Background(), tc.text, "")
		if err != nil {
			t.Fatal(err)
		}
		if st.Quadrant != tc.q {
			t.Errorf("Classify(%q, auto) = %s, want %s", tc.text, st.Quadrant, tc.q)
		}
	}
}

func TestClassifyErrors(t *testing.T) {
	c := New()
	_, err := c.Classify(context.Background(), "Bonjour", "fr")
	if assistant.ErrorCode(err) != assistant.EInvalid || !strings.Contains(assistant.ErrorMessage(err), "fr") {
		t.Errorf("Classify(lang fr) error = %v, want an invalid-input error naming fr", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Classify(ctx, "Hallo", "nl"); !errors.Is(err, context.Canceled) {
		t.Errorf("Classify(cancelled) error = %v, want context.Canceled", err)
	}
}

func TestCueOffsets(t *testing.T) {
	c := New()
	texts := []struct {
		lang assistant.Language
		text string
	}{
		{"nl", "Vóór vrijdag? Dat gaat écht niet — ik kan u níet helpen, sorry. Maar wat kúnt u wél betalen?"},
		{"en", "I can’t help you… but I'll send you a letter, and we'll sort it. Don’t worry!"},
		{"nl", "Wij zetten 't in m'n dossier: € 1.250,50 vóór de 25e, ok? Zo'n regeling kan."},
		{"en", "It's your own fault — you've ignored us for months!! Can't you read?"},
	}
	for _, tc := range append(texts, casesText()...) {
		st, err := c.Classify(context.Background(), tc.text, tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		runes := []rune(tc.text)
		if len(st.Cues) == 0 && strings.Contains(tc.text, "help") {
			t.Errorf("Classify(%q) found no cues", tc.text)
		}
		for _, cu := range st.Cues {
			if cu.Start < 0 || cu.End > len(runes) || cu.Start >= cu.End {
				t.Errorf("Classify(%q) cue %+v out of range", tc.text, cu)
				continue
			}
			if got := string(runes[cu.Start:cu.End]); got != cu.Text {
				t.Errorf("Classify(%q) cue %s text %q, but runes[%d:%d] = %q", tc.text, cu.Kind, cu.Text, cu.Start, cu.End, got)
			}
		}
	}
}

func casesText() []struct {
	lang assistant.Language
	text string
} {
	var out []struct {
		lang assistant.Language
		text string
	}
	for _, tc := range append(append([]classifyCase(nil), cueCases...), behaviourCases...) {
		out = append(out, struct {
			lang assistant.Language
			text string
		}{tc.lang, tc.text})
	}
	return out
}

// TestRandomTextInvariants throws word salad, punctuation and odd runes at
// the classifier: coordinates stay in range, the octant follows from them,
// offsets hold.
func TestRandomTextInvariants(t *testing.T) {
	c := New()
	vocab := []string{"ik", "u", "niet", "geen", "kan", "helpen", "moet", "betalen", "deurwaarder", "sorry", "wat", "hoe",
		"I", "you", "can't", "help", "must", "pay", "bailiffs", "sorry", "what", "how", "no", "not", "please", "zou",
		"eh", "um", "like", "vóór", "één", "’", "'", ",", ".", "?", "!", "…", "—", "\n", "€", "1.250,50", "🙂", "ß", "Ω",
		"samen", "together", "maar", "but", "prima", "fine", "^", "*", "|", "ja", "nee", "yes", "hmm"}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 3000; i++ {
		n := rng.IntN(40)
		var b strings.Builder
		for j := 0; j < n; j++ {
			if rng.IntN(3) > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(vocab[rng.IntN(len(vocab))])
		}
		text := b.String()
		for _, lang := range []assistant.Language{"nl", "en", ""} {
			st, err := c.Classify(context.Background(), text, lang)
			if err != nil {
				t.Fatalf("Classify(%q): %v", text, err)
			}
			checkStance(t, text, st)
		}
	}
}

func FuzzClassify(f *testing.F) {
	for _, tc := range cueCases {
		f.Add(tc.text, string(tc.lang))
	}
	f.Add("'t ’ '' ‘n ... ?!", "nl")
	f.Add("can't'n't'll", "en")
	c := New()
	f.Fuzz(func(t *testing.T, text, lang string) {
		if lang != "nl" && lang != "en" {
			lang = ""
		}
		st, err := c.Classify(context.Background(), text, assistant.Language(lang))
		if err != nil {
			t.Fatal(err)
		}
		checkStance(t, text, st)
	})
}

func TestDeterministicAndConcurrent(t *testing.T) {
	c := New()
	ctx := context.Background()
	want := make([]assistant.Stance, len(cueCases))
	for i, tc := range cueCases {
		st, err := c.Classify(ctx, tc.text, tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = st
	}
	other := New()
	var wg sync.WaitGroup
	errs := make(chan string, len(cueCases)*4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, tc := range cueCases {
				st, err := other.Classify(ctx, tc.text, tc.lang)
				if err != nil || !reflect.DeepEqual(st, want[i]) {
					errs <- tc.text
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for text := range errs {
		t.Errorf("Classify(%q) differs between runs", text)
	}
}

// checkStance asserts what must hold for every stance.
func checkStance(t *testing.T, text string, st assistant.Stance) {
	t.Helper()
	if math.IsNaN(st.Dominance) || math.IsNaN(st.Affiliation) || math.IsNaN(st.Confidence) {
		t.Fatalf("Classify(%q) = %+v has NaN", text, st)
	}
	if st.Dominance < -1 || st.Dominance > 1 || st.Affiliation < -1 || st.Affiliation > 1 {
		t.Errorf("Classify(%q) coordinates (%.3f, %.3f) out of [-1, 1]", text, st.Dominance, st.Affiliation)
	}
	if st.Confidence < 0 || st.Confidence > 1 {
		t.Errorf("Classify(%q) confidence %.3f out of [0, 1]", text, st.Confidence)
	}
	if o := assistant.OctantAt(st.Dominance, st.Affiliation); o != st.Octant || o.Quadrant() != st.Quadrant {
		t.Errorf("Classify(%q) octant %s / quadrant %s, but the coordinates give %s", text, st.Octant, st.Quadrant, o)
	}
	if st.Cues == nil {
		t.Errorf("Classify(%q) cues = nil, want an empty list", text)
	}
	runes := []rune(text)
	for _, cu := range st.Cues {
		if cu.Start < 0 || cu.End > len(runes) || cu.Start >= cu.End || string(runes[cu.Start:cu.End]) != cu.Text {
			t.Errorf("Classify(%q) cue %+v does not match the text at its offsets", text, cu)
		}
	}
}

func kinds(cues []assistant.Cue) []assistant.CueKind {
	out := make([]assistant.CueKind, len(cues))
	for i, c := range cues {
		out[i] = c.Kind
	}
	return out
}

func hasCue(cues []assistant.Cue, k assistant.CueKind) bool {
	for _, c := range cues {
		if c.Kind == k {
			return true
		}
	}
	return false
}

func TestLexiconsInStep(t *testing.T) {
	for name := range concepts {
		if len(lexiconNL[name]) == 0 {
			t.Errorf("concept %s has no Dutch forms", name)
		}
		if len(lexiconEN[name]) == 0 {
			t.Errorf("concept %s has no English forms", name)
		}
	}
	for _, lx := range []map[string][]string{lexiconNL, lexiconEN} {
		for name := range lx {
			if _, ok := concepts[name]; !ok {
				t.Errorf("lexicon names concept %s, which is not defined", name)
			}
		}
	}
}

func TestCompileRejectsBadForms(t *testing.T) {
	for _, tc := range []struct {
		name  string
		forms map[string][]string
		want  string
	}{
		{"unknown concept", map[string][]string{"nonsense": {"x"}}, "not defined"},
		{"leading gap", map[string][]string{"empathy": {"* dat"}}, "start and end with a word"},
		{"trailing gap", map[string][]string{"empathy": {"dat *"}}, "start and end with a word"},
		{"bad gap", map[string][]string{"empathy": {"dat *x klinkt"}}, "bad gap"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := compile(assistant.Dutch, tc.forms, wordsNL)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("compile(%v) error = %v, want one containing %q", tc.forms, err, tc.want)
			}
		})
	}
}
