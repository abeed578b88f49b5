package stance

import (
	"slices"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// samples hands every real example its calibration fold by position, so a
// turn it leaves out (short, with nothing to answer) must still use up its
// fold, and the team's own turns must use none; otherwise every later real
// turn would be scored in another conversation's fold.
func TestSamplesKeepRealFoldsInStep(t *testing.T) {
	own := TrainingSet{Examples: []Example{
		{Lang: "en", Quadrant: assistant.AboveTogether, Speaker: assistant.Agent, Text: "Let me sort that out for you right away."},
		{Lang: "nl", Quadrant: assistant.AboveOpposed, Speaker: assistant.Agent, Text: "U moet vandaag nog betalen, anders komt de deurwaarder."},
	}}
	real := TrainingSet{Real: true, Examples: []Example{
		{Lang: "en", Quadrant: assistant.BelowTogether, Speaker: assistant.Customer, Text: "Sorry I'm late with it, can I pay half now and half on Friday?"},
		{Lang: "en", Quadrant: assistant.BelowTogether, Speaker: assistant.Customer, Text: "ok"}, // short, nothing answered: left out
		{Lang: "nl", Quadrant: assistant.BelowOpposed, Speaker: assistant.Agent, Text: "Daar ga ik niet over, dat moet u bij de afdeling navragen."},
	}}
	got, err := samples([]TrainingSet{own, real}, []int{7, 8, 9})
	if err != nil {
		t.Fatal(err)
	}
	var folds []int
	for _, sm := range got {
		if sm.real {
			folds = append(folds, sm.fold)
		} else if sm.fold != -1 {
			t.Errorf("an own turn got calibration fold %d, want -1", sm.fold)
		}
	}
	if want := []int{7, 9}; !slices.Equal(folds, want) {
		t.Errorf("real turns got folds %v, want %v (the short turn uses up fold 8)", folds, want)
	}
}

// A language with fewer than calibrationMin real predictions gets its map
// from all its turns, real and own, rather than no map at all.
func TestConfidenceFallsBackWithFewRealTurns(t *testing.T) {
	own := readExamplesFile(t, "testdata/stance/train.tsv")
	var few []Example
	for _, ex := range readExamplesFile(t, "testdata/stance/realtrain/en.tsv") {
		if len(few) < calibrationMin/2 {
			few = append(few, ex)
		}
	}
	marked := trainedModel(t, TrainingSet{Examples: own}, TrainingSet{Examples: few, Weight: realWeight, Real: true})
	unmarked := trainedModel(t, TrainingSet{Examples: own}, TrainingSet{Examples: few, Weight: realWeight})
	for _, lang := range assistant.Languages {
		if len(marked.knots[langIndex(lang)]) == 0 {
			t.Errorf("%s: no confidence map with %d real turns, want one fitted on all the %s turns", lang, len(few), lang)
		}
	}
	diff, n := 0.0, 0
	for p := 0.6; p < 0.99; p += 0.05 {
		diff += max(marked.calibrate(p, "en")-unmarked.calibrate(p, "en"), unmarked.calibrate(p, "en")-marked.calibrate(p, "en"))
		n++
	}
	diff /= float64(n)
	t.Logf("maps with the few turns marked real and unmarked differ by %.3f on average", diff)
	if diff > 0.03 {
		t.Errorf("with %d real turns the English map differs by %.3f from one fitted on all turns, want at most 0.03", len(few), diff)
	}
}

// trainedModel trains on sets and reads the model file back.
func trainedModel(t *testing.T, sets ...TrainingSet) *model {
	t.Helper()
	b, err := TrainModel(sets...)
	if err != nil {
		t.Fatal(err)
	}
	m, err := decodeModel(b)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
