package stance

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

func TestReadExamples(t *testing.T) {
	in := "lang\tquadrant\ttext\toctant\tspeaker\n" +
		"nl\tabove-together\tWat kunt u missen?\thelping\tagent\n" +
		"\n# a comment\n" +
		"en\tbelow-opposed\tThat's not my department.\r\n" +
		"en\tabove-opposed\tYou need to pay.\t\tcustomer\n"
	got, err := ReadExamples(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Example{
		{Lang: "nl", Quadrant: AT, Octant: assistant.Helping, Speaker: assistant.Agent, Text: "Wat kunt u missen?", Line: 2},
		{Lang: "en", Quadrant: BO, Text: "That's not my department.", Line: 5},
		{Lang: "en", Quadrant: AO, Speaker: assistant.Customer, Text: "You need to pay.", Line: 6},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadExamples = %+v, want %+v", got, want)
	}
}

// TestReadExamplesSpeakerAware reads the seven columns of the
// speaker-aware sets next to rows of the older formats.
func TestReadExamplesSpeakerAware(t *testing.T) {
	in := "lang\tquadrant\ttext\toctant\tspeaker\tprevious\tkind\n" +
		"nl\tbelow-together\tMag ik het in drie keer betalen?\tdependent\tcustomer\tU moet 300 euro betalen.\tguidance-seeking\n" +
		"en\tabove-opposed\toh brilliant, another excuse\tcompetitive\tagent\tThe letter never came.\tsarcasm\n" +
		"en\tbelow-opposed\tThe system won't let me.\twithdrawn\tagent\t\trule-refusal\n" +
		"nl\tabove-together\tWat kunt u missen?\n"
	got, err := ReadExamples(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Example{
		{Lang: "nl", Quadrant: BT, Octant: assistant.Dependent, Speaker: assistant.Customer, Text: "Mag ik het in drie keer betalen?",
			Previous: "U moet 300 euro betalen.", Kind: "guidance-seeking", Line: 2},
		{Lang: "en", Quadrant: AO, Octant: assistant.Competitive, Speaker: assistant.Agent, Text: "oh brilliant, another excuse",
			Previous: "The letter never came.", Kind: "sarcasm", Line: 3},
		{Lang: "en", Quadrant: BO, Octant: assistant.Withdrawn, Speaker: assistant.Agent, Text: "The system won't let me.", Kind: "rule-refusal", Line: 4},
		{Lang: "nl", Quadrant: AT, Text: "Wat kunt u missen?", Line: 5},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadExamples = %+v, want %+v", got, want)
	}
	turns := got[0].Turns()
	if len(turns) != 2 || turns[0].Speaker != assistant.Agent || turns[0].Text != "U moet 300 euro betalen." || turns[1].Speaker != assistant.Customer {
		t.Errorf("Turns of a customer's answer = %+v, want the agent's turn, then the customer's", turns)
	}
	if turns := got[3].Turns(); len(turns) != 1 || turns[0].Speaker != assistant.Agent {
		t.Errorf("Turns of a row without speaker or previous turn = %+v, want one agent turn", turns)
	}
}

func TestReadExamplesErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"too few columns", "nl\tabove-together\n", "line 1: want 3 to 9"},
		{"bad language", "fr\tabove-together\tBonjour\n", `line 1: language "fr"`},
		{"bad quadrant", "nl\tabove-together\tJa\nnl\tboven\tNee\n", `line 2: quadrant "boven"`},
		{"empty text", "en\tabove-together\t \n", "line 1: the text column is empty"},
		{"bad octant", "en\tabove-together\tHi\thelpful\n", `line 1: octant "helpful"`},
		{"octant outside quadrant", "en\tabove-together\tHi\tdefiant\n", "line 1: octant defiant lies in below-opposed"},
		{"bad speaker", "en\tabove-together\tHi\thelping\tbot\n", `line 1: speaker "bot"`},
		{"too many columns", "en\tabove-together\tHi\thelping\tagent\tHello\thelping-agent\tsource\twhy\textra\n", "line 1: want 3 to 9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadExamples(strings.NewReader(tc.in))
			if assistant.ErrorCode(err) != assistant.EInvalid || !strings.Contains(assistant.ErrorMessage(err), tc.want) {
				t.Errorf("ReadExamples error = %v, want an invalid-input error containing %q", err, tc.want)
			}
		})
	}
}

// fixed answers with a stance chosen per text, so Evaluate's arithmetic can
// be checked exactly.
type fixed map[string]assistant.Octant

func (f fixed) ClassifyTurns(ctx context.Context, turns []assistant.Turn, lang assistant.Language) ([]assistant.Stance, error) {
	c := confident{}
	for text, o := range f {
		c[text] = struct {
			o    assistant.Octant
			conf float64
		}{o, 0.5}
	}
	return c.ClassifyTurns(ctx, turns, lang)
}

// confident answers each text with an octant and a confidence.
type confident map[string]struct {
	o    assistant.Octant
	conf float64
}

func (c confident) ClassifyTurns(_ context.Context, turns []assistant.Turn, _ assistant.Language) ([]assistant.Stance, error) {
	out := make([]assistant.Stance, len(turns))
	for i, t := range turns {
		a, ok := c[t.Text]
		if !ok {
			return nil, errors.New("unknown text")
		}
		r := a.o.CentreAngle() * math.Pi / 180
		out[i] = assistant.NewStance(math.Sin(r), math.Cos(r), a.conf, nil)
	}
	return out, nil
}

// TestEvaluateConfidence checks the calibration error and the Brier score
// on answers of different confidences, right and wrong.
func TestEvaluateConfidence(t *testing.T) {
	c := confident{
		"a": {assistant.Helping, 0.9},     // right: (1-0.9)² = 0.01
		"b": {assistant.Helping, 0.8},     // wrong: 0.8² = 0.64
		"c": {assistant.Defiant, 0.3},     // wrong: 0.3² = 0.09
		"d": {assistant.Competitive, 0.6}, // right: 0.4² = 0.16
	}
	rep, err := Evaluate(context.Background(), c, []Example{
		{Lang: "nl", Quadrant: AT, Text: "a", Line: 1},
		{Lang: "nl", Quadrant: BO, Text: "b", Line: 2},
		{Lang: "en", Quadrant: AO, Text: "c", Line: 3},
		{Lang: "en", Quadrant: AO, Text: "d", Line: 4},
	})
	if err != nil {
		t.Fatal(err)
	}
	nl, en := rep.Languages[0], rep.Languages[1]
	for _, tc := range []struct {
		name      string
		got, want float64
	}{
		{"Brier", rep.Overall.Brier, (0.01 + 0.64 + 0.09 + 0.16) / 4},
		{"nl Brier", nl.Brier, (0.01 + 0.64) / 2},
		{"en Brier", en.Brier, (0.09 + 0.16) / 2},
		// One answer per bin: each bin's gap is |right - confidence|.
		{"calibration error", rep.CalibrationError, (0.1 + 0.8 + 0.3 + 0.4) / 4},
		{"nl calibration error", nl.CalibrationError, (0.1 + 0.8) / 2},
		{"en calibration error", en.CalibrationError, (0.3 + 0.4) / 2},
	} {
		if math.Abs(tc.got-tc.want) > 1e-9 {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	empty, err := Evaluate(context.Background(), c, nil)
	if err != nil || len(empty.Reliability) != reliabilityBins {
		t.Errorf("Evaluate of no examples: %d reliability rows, error %v; want %d rows", len(empty.Reliability), err, reliabilityBins)
	}
}

func TestEvaluate(t *testing.T) {
	c := fixed{"a": assistant.Helping, "b": assistant.Leading, "c": assistant.Defiant, "d": assistant.Competitive, "e": assistant.Helping}
	examples := []Example{
		{Lang: "nl", Quadrant: AT, Octant: assistant.Helping, Text: "a", Line: 1, Kind: "helping-agent"},                               // right, octant right
		{Lang: "nl", Quadrant: AT, Octant: assistant.Helping, Text: "b", Line: 2},                                                      // right, octant near
		{Lang: "nl", Quadrant: BO, Octant: assistant.Withdrawn, Text: "c", Line: 3, Speaker: assistant.Customer, Kind: "rule-refusal"}, // right, octant near
		{Lang: "en", Quadrant: AO, Text: "d", Line: 4, Previous: "a", Kind: "rule-refusal"},                                            // right, no octant
		{Lang: "en", Quadrant: BT, Octant: assistant.Cooperating, Text: "e", Line: 5, Speaker: assistant.Customer},                     // wrong, octant near
	}
	rep, err := Evaluate(context.Background(), c, examples)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Languages) != 2 || rep.Languages[0].Lang != "nl" || rep.Languages[1].Lang != "en" {
		t.Fatalf("Languages = %+v, want nl then en", rep.Languages)
	}
	nl, en, all := rep.Languages[0], rep.Languages[1], rep.Overall
	check := func(name string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	check("nl quadrant accuracy", nl.QuadrantAccuracy, 1)
	check("nl octant accuracy", nl.OctantAccuracy, 1.0/3)
	check("nl octant near", nl.OctantNear, 1)
	check("nl baseline accuracy", nl.BaselineAccuracy, 2.0/3)
	check("en quadrant accuracy", en.QuadrantAccuracy, 0.5)
	check("en octant accuracy", en.OctantAccuracy, 0)
	check("all quadrant accuracy", all.QuadrantAccuracy, 0.8)
	check("all baseline accuracy", all.BaselineAccuracy, 0.4)
	if nl.Baseline != AT || all.Baseline != AT {
		t.Errorf("baselines nl %s, all %s, want above-together", nl.Baseline, all.Baseline)
	}
	if en.OctantN != 1 || all.OctantN != 4 {
		t.Errorf("octant counts en %d, all %d, want 1 and 4", en.OctantN, all.OctantN)
	}
	// Rows are gold, columns predicted, in assistant.Quadrants order.
	if got := all.QuadrantConfusion.Counts[1][0]; got != 1 {
		t.Errorf("confusion below-together→above-together = %d, want 1", got)
	}
	if len(rep.Misses) != 3 || rep.Misses[0].Line != 2 || rep.Misses[1].Line != 3 || rep.Misses[2].Got != AT {
		t.Errorf("Misses = %+v, want lines 2 and 3 (octant) and 5 (quadrant, got above-together)", rep.Misses)
	}
	// Per speaker: nl agent (a, b), nl customer (c), en agent (d), en
	// customer (e), then agents and customers over both languages.
	var speakers []string
	for _, s := range rep.Speakers {
		speakers = append(speakers, fmt.Sprintf("%s/%s %d/%d", s.Lang, s.Speaker, s.QuadrantCorrect, s.N))
	}
	if want := []string{"nl/agent 2/2", "nl/customer 1/1", "en/agent 1/1", "en/customer 0/1", "/agent 3/3", "/customer 1/2"}; !reflect.DeepEqual(speakers, want) {
		t.Errorf("Speakers = %v, want %v", speakers, want)
	}
	var kinds []string
	for _, s := range rep.Kinds {
		kinds = append(kinds, fmt.Sprintf("%s/%s %d/%d", s.Kind, s.Lang, s.QuadrantCorrect, s.N))
	}
	if want := []string{"helping-agent/ 1/1", "helping-agent/nl 1/1", "rule-refusal/ 2/2", "rule-refusal/nl 1/1", "rule-refusal/en 1/1"}; !reflect.DeepEqual(kinds, want) {
		t.Errorf("Kinds = %v, want %v", kinds, want)
	}
	// Every answer has confidence 0.5: one bin, 4 of 5 right.
	if b := rep.Reliability[5]; len(rep.Reliability) != 10 || b.N != 5 || b.Low != 0.5 || math.Abs(b.Accuracy-0.8) > 1e-9 || math.Abs(b.MeanConfidence-0.5) > 1e-9 {
		t.Errorf("Reliability = %+v, want bin 0.5–0.6 with 5 answers, mean confidence 0.5, accuracy 0.8", rep.Reliability)
	}
	check("calibration error", rep.CalibrationError, 0.3)
	// Per language: every Dutch answer right at 0.5, half the English.
	check("nl calibration error", nl.CalibrationError, 0.5)
	check("en calibration error", en.CalibrationError, 0)
	var b strings.Builder
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"quadrant acc", "100.0% (3/3)", "80.0% (4/5)", "baseline", "quadrants, all (rows gold", "octants, nl",
		"nl customer", "per kind of turn", "rule-refusal", "reliability", "0.5–0.6", "expected calibration error", "cal. error", "Brier score", "quadrants, customer (rows gold"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("WriteText output lacks %q:\n%s", want, b.String())
		}
	}
	if _, err := Evaluate(context.Background(), c, []Example{{Lang: "nl", Quadrant: AT, Text: "zzz", Line: 9}}); err == nil || !strings.Contains(err.Error(), "line 9") {
		t.Errorf("Evaluate with a failing classifier: error = %v, want one naming line 9", err)
	}
}
