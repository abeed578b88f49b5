package stance

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

func readTrainingSets(t *testing.T) []TrainingSet {
	t.Helper()
	var sets []TrainingSet
	for _, f := range TrainingFiles {
		sets = append(sets, f.Set(readExamplesFile(t, f.Path)))
	}
	return sets
}

// readExamplesFile reads a labelled file by its path from the repository
// root.
func readExamplesFile(t *testing.T, path string) []Example {
	t.Helper()
	r, err := os.Open(filepath.Join("..", "..", path))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ex, err := ReadExamples(r)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return ex
}

// TestEmbeddedModel checks that model.bin loads and was trained on the
// labelled data as they are now, and that training again gives the same
// bytes. When the data change, re-train:
//
//	go run ./assistant/stance/internal/train
func TestEmbeddedModel(t *testing.T) {
	m, err := decodeModel(embeddedModel)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.w) != (1<<hashBits)*numClasses {
		t.Fatalf("model has %d weights, want %d", len(m.w), (1<<hashBits)*numClasses)
	}
	if m.rose <= 0 {
		t.Errorf("model trusts the lexicon's coordinates with weight %.3f, want a positive weight", m.rose)
	}
	sets := readTrainingSets(t)
	if m.dataHash != DataHash(sets...) {
		t.Fatal("model.bin was trained on other data than the labelled sets hold now: re-train with go run ./assistant/stance/internal/train")
	}
	got, err := TrainModel(sets...)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(got, embeddedModel) {
		return
	}
	if runtime.GOARCH == modelArch {
		t.Fatal("training on the same data gave a different model: training is not deterministic")
	}
	// Another architecture may round math.Exp in its last bit; the
	// model must still answer as the embedded one does.
	c, err := NewWithModel(got)
	if err != nil {
		t.Fatal(err)
	}
	same, n := 0, 0
	for _, set := range sets {
		for _, ex := range set.Examples {
			a, _ := New().ClassifyTurns(context.Background(), ex.Turns(), ex.Lang)
			b, _ := c.ClassifyTurns(context.Background(), ex.Turns(), ex.Lang)
			n++
			if a[len(a)-1].Octant == b[len(b)-1].Octant {
				same++
			}
		}
	}
	if float64(same) < 0.98*float64(n) {
		t.Errorf("on %s the re-trained model agrees with model.bin on %d of %d octants, want at least 98%%", runtime.GOARCH, same, n)
	}
}

// modelArch is the architecture model.bin is trained on; there the
// re-trained bytes must be identical.
const modelArch = "amd64"

func TestDecodeModelErrors(t *testing.T) {
	good := embeddedModel
	wrongVersion := append([]byte(nil), good...)
	wrongVersion[len(modelMagic)]++
	for _, tc := range []struct {
		name string
		in   []byte
		want string
	}{
		{"empty", nil, "bad magic"},
		{"not a model", []byte("lang\tquadrant\ttext\n"), "bad magic"},
		{"other feature version", wrongVersion, "re-train"},
		{"truncated", good[:len(good)-2], "read"},
		{"trailing bytes", append(append([]byte(nil), good...), 0), "after the weights"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decodeModel(tc.in)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("decodeModel error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestTrainModelLearns trains on a handful of turns the lexicon misreads
// or does not know, and checks that the model then answers them as
// labelled, in both languages.
func TestTrainModelLearns(t *testing.T) {
	examples := []Example{
		{Lang: "nl", Quadrant: AO, Octant: assistant.Competitive, Text: "Het saldo wordt morgen gewoon opeisbaar gemaakt door ons kantoor."},
		{Lang: "nl", Quadrant: AT, Octant: assistant.Helping, Text: "Vertelt u gerust rustig hoe uw week eruitzag tot nu toe."},
		{Lang: "en", Quadrant: AO, Octant: assistant.Competitive, Text: "The balance becomes callable tomorrow by our office, plain and simple."},
		{Lang: "en", Quadrant: AT, Octant: assistant.Helping, Text: "Feel free to walk me through how your week has gone so far."},
		{Lang: "en", Quadrant: BO, Text: "Whatever, the system decides these things, not me, honestly."},
	}
	m, err := TrainModel(TrainingSet{Examples: examples})
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewWithModel(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range examples {
		st, err := c.Classify(context.Background(), ex.Text, ex.Lang)
		if err != nil {
			t.Fatal(err)
		}
		if st.Quadrant != ex.Quadrant || (ex.Octant != "" && st.Octant != ex.Octant) {
			t.Errorf("after training, Classify(%q) = %s/%s, want %s/%s", ex.Text, st.Quadrant, st.Octant, ex.Quadrant, ex.Octant)
		}
		checkStance(t, ex.Text, st)
	}
	again, err := TrainModel(TrainingSet{Examples: examples})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(m, again) {
		t.Error("TrainModel gave different bytes for the same examples")
	}
	if _, err := TrainModel(TrainingSet{Examples: []Example{{Lang: "nl", Quadrant: AT, Text: "Ja."}}}); assistant.ErrorCode(err) != assistant.EInvalid {
		t.Errorf("TrainModel on contentless turns only: error = %v, want an invalid-input error", err)
	}
}

// TestTrainingWeight checks that a set's weight counts: when two sets label
// the same wording differently, the heavier one decides, and the weight is
// part of the data a model file records.
func TestTrainingWeight(t *testing.T) {
	texts := []string{
		"The office looks at the balance tomorrow and the team goes through the file.",
		"Het kantoor kijkt morgen naar het saldo en het team loopt het dossier door.",
	}
	label := func(q assistant.Quadrant, o assistant.Octant, weight int) TrainingSet {
		set := TrainingSet{Weight: weight}
		for i, text := range texts {
			set.Examples = append(set.Examples, Example{Lang: []assistant.Language{"en", "nl"}[i], Quadrant: q, Octant: o, Text: text})
		}
		return set
	}
	for _, tc := range []struct {
		name     string
		aoWeight int
		atWeight int
		want     assistant.Quadrant
	}{
		{"together weighs more", 1, 4, AT},
		{"opposed weighs more", 4, 1, AO},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sets := []TrainingSet{label(AO, assistant.Competitive, tc.aoWeight), label(AT, assistant.Leading, tc.atWeight)}
			m, err := TrainModel(sets...)
			if err != nil {
				t.Fatal(err)
			}
			c, err := NewWithModel(m)
			if err != nil {
				t.Fatal(err)
			}
			for i, text := range texts {
				st, err := c.Classify(context.Background(), text, []assistant.Language{"en", "nl"}[i])
				if err != nil {
					t.Fatal(err)
				}
				if st.Quadrant != tc.want {
					t.Errorf("Classify(%q) = %s, want %s", text, st.Quadrant, tc.want)
				}
			}
		})
	}
	light, heavy := label(AT, assistant.Leading, 1), label(AT, assistant.Leading, 3)
	if DataHash(light) == DataHash(heavy) {
		t.Error("DataHash is the same for a set seen once and a set seen three times per epoch")
	}
	if DataHash(light) != DataHash(label(AT, assistant.Leading, 0)) {
		t.Error("DataHash differs between weight 0 and weight 1, which both mean once")
	}
}

// TestLearnedLayerKeepsLexiconCues checks that the model changes where a
// turn sits, never what explains it, and that short and contentless turns
// keep the lexicon's reading.
func TestLearnedLayerKeepsLexiconCues(t *testing.T) {
	c, lex := New(), newLexical()
	for _, tc := range []struct {
		lang assistant.Language
		text string
	}{
		{"nl", "Ik begrijp dat het lastig is, maar u moet vandaag betalen."},
		{"en", "I can't wipe the interest, but I can help you with a plan."},
		{"nl", "Ik begrijp het."},
		{"en", "Hmm"},
	} {
		st, err := c.Classify(context.Background(), tc.text, tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		ls, err := lex.Classify(context.Background(), tc.text, tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Cues) != len(ls.Cues) {
			t.Errorf("Classify(%q) has %d cues, the lexicon %d", tc.text, len(st.Cues), len(ls.Cues))
		}
		var s scratch
		_, _, _, contentless := lex.lexical(&s, tc.text, tc.lang)
		if (contentless || s.short()) && !sameStance(st, ls) {
			t.Errorf("short turn %q = %+v, want the lexicon's %+v", tc.text, st, ls)
		}
	}
}

func sameStance(a, b assistant.Stance) bool {
	return a.Dominance == b.Dominance && a.Affiliation == b.Affiliation && a.Confidence == b.Confidence && a.Octant == b.Octant
}
