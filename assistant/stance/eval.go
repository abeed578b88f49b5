package stance

import (
	"bufio"
	"cmp"
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/rooscoach/rooscoach/assistant"
)

// Example is one labelled utterance of an evaluation set.
type Example struct {
	Lang     assistant.Language
	Quadrant assistant.Quadrant
	// Octant is optional; when set it lies in Quadrant.
	Octant assistant.Octant
	// Speaker is optional; a row without one is read as the agent's.
	Speaker assistant.Speaker
	Text    string
	// Previous is the other speaker's turn that this one answers, empty
	// when there is none or the set does not say.
	Previous string
	// Kind says what sort of turn it is ("sarcasm", "short-reaction"), for
	// accuracy per kind; it is no label.
	Kind string
	// Source is where a real turn was quoted from (a page, a tweet), so
	// that turns of one source stay in one fold; empty for the team's own.
	Source string
	// Line is the 1-based line of the example in its file.
	Line int
}

// exampleColumns names the columns ReadExamples reads, in order.
const exampleColumns = "lang, quadrant, text[, octant[, speaker[, previous[, kind[, source[, rationale]]]]]]"

// ReadExamples reads tab-separated rows lang, quadrant, text and optionally
// octant, speaker, the previous turn, the kind of turn, the source and the
// labeller's rationale: the three to five columns of the older sets, the
// seven of the speaker-aware ones and the nine of the sets of real talk,
// whose source is kept and whose rationale is not read. A first
// line naming the columns ("lang", "quadrant", ...) is skipped, as are empty
// lines and lines starting with "#". A bad row is an invalid-input error
// naming its line.
func ReadExamples(r io.Reader) ([]Example, error) {
	var out []Example
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		row := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(row) == "" || strings.HasPrefix(row, "#") {
			continue
		}
		cols := strings.Split(row, "\t")
		if line == 1 && strings.EqualFold(strings.TrimSpace(cols[0]), "lang") {
			continue
		}
		if len(cols) < 3 || len(cols) > 9 {
			return nil, assistant.Errorf(assistant.EInvalid, "line %d: want 3 to 9 tab-separated columns (%s), got %d", line, exampleColumns, len(cols))
		}
		col := func(i int) string {
			if i < len(cols) {
				return strings.TrimSpace(cols[i])
			}
			return ""
		}
		ex := Example{Lang: assistant.Language(col(0)), Quadrant: assistant.Quadrant(col(1)),
			Text: col(2), Previous: col(5), Kind: col(6), Source: col(7), Line: line}
		if !ex.Lang.Valid() {
			return nil, assistant.Errorf(assistant.EInvalid, "line %d: language %q is not nl or en", line, cols[0])
		}
		if !ex.Quadrant.Valid() {
			return nil, assistant.Errorf(assistant.EInvalid, "line %d: quadrant %q is not one of above-together, below-together, below-opposed, above-opposed", line, cols[1])
		}
		if ex.Text == "" {
			return nil, assistant.Errorf(assistant.EInvalid, "line %d: the text column is empty", line)
		}
		if o := col(3); o != "" {
			ex.Octant = assistant.Octant(o)
			if !ex.Octant.Valid() {
				return nil, assistant.Errorf(assistant.EInvalid, "line %d: octant %q is not one of the eight octants", line, cols[3])
			}
			if ex.Octant.Quadrant() != ex.Quadrant {
				return nil, assistant.Errorf(assistant.EInvalid, "line %d: octant %s lies in %s, not in %s", line, ex.Octant, ex.Octant.Quadrant(), ex.Quadrant)
			}
		}
		if sp := col(4); sp != "" {
			ex.Speaker = assistant.Speaker(sp)
			if !ex.Speaker.Valid() {
				return nil, assistant.Errorf(assistant.EInvalid, "line %d: speaker %q is not agent or customer", line, cols[4])
			}
		}
		out = append(out, ex)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read examples after line %d: %w", line, err)
	}
	return out, nil
}

// Turns returns the example as the turns of a call: the previous turn, by
// the other speaker, when the example has one, then the example itself,
// whose speaker defaults to the agent, whom rooscoach coaches.
func (ex Example) Turns() []assistant.Turn {
	sp := cmp.Or(ex.Speaker, assistant.Agent)
	if ex.Previous == "" {
		return []assistant.Turn{{Speaker: sp, Text: ex.Text}}
	}
	return []assistant.Turn{{Index: 0, Speaker: other(sp), Text: ex.Previous}, {Index: 1, Speaker: sp, Text: ex.Text}}
}

func other(s assistant.Speaker) assistant.Speaker {
	if s == assistant.Agent {
		return assistant.Customer
	}
	return assistant.Agent
}

// Confusion counts gold labels (rows) against predicted labels (columns).
type Confusion struct {
	Labels []string `json:"labels"`
	Counts [][]int  `json:"counts"`
}

func newConfusion(labels []string) Confusion {
	c := Confusion{Labels: labels, Counts: make([][]int, len(labels))}
	for i := range c.Counts {
		c.Counts[i] = make([]int, len(labels))
	}
	return c
}

func (c Confusion) add(gold, got string) {
	gi, pi := -1, -1
	for i, l := range c.Labels {
		if l == gold {
			gi = i
		}
		if l == got {
			pi = i
		}
	}
	if gi >= 0 && pi >= 0 {
		c.Counts[gi][pi]++
	}
}

// Score is the evaluation of a group of examples: one language, one speaker,
// one kind of turn, or all examples together.
type Score struct {
	// Lang, Speaker and Kind say which examples were scored; an empty
	// field means all of them.
	Lang    assistant.Language `json:"lang,omitempty"`
	Speaker assistant.Speaker  `json:"speaker,omitempty"`
	Kind    string             `json:"kind,omitempty"`
	N       int                `json:"n"`
	// QuadrantAccuracy is QuadrantCorrect / N.
	QuadrantCorrect  int     `json:"quadrant_correct"`
	QuadrantAccuracy float64 `json:"quadrant_accuracy"`
	// OctantN counts the examples with an octant label; OctantAccuracy is
	// OctantCorrect / OctantN, and OctantNear also counts a neighbouring octant.
	OctantN        int     `json:"octant_n"`
	OctantCorrect  int     `json:"octant_correct"`
	OctantAccuracy float64 `json:"octant_accuracy"`
	OctantNear     float64 `json:"octant_near"`
	// Baseline is the most frequent gold quadrant and BaselineAccuracy the
	// accuracy of always answering it.
	Baseline         assistant.Quadrant `json:"baseline"`
	BaselineAccuracy float64            `json:"baseline_accuracy"`
	MeanConfidence   float64            `json:"mean_confidence"`
	// CalibrationError is the expected calibration error of the group's
	// confidences, over the bins of the report's reliability table.
	CalibrationError float64 `json:"calibration_error"`
	// Brier is the mean squared gap between confidence and being right
	// (1) or wrong (0): lower when the confidences are both calibrated and
	// tell right answers from wrong ones.
	Brier             float64   `json:"brier"`
	QuadrantConfusion Confusion `json:"quadrant_confusion"`
	OctantConfusion   Confusion `json:"octant_confusion"`
}

// Miss is an example the classifier got wrong.
type Miss struct {
	Example
	Got        assistant.Quadrant `json:"got"`
	GotOctant  assistant.Octant   `json:"got_octant"`
	Confidence float64            `json:"confidence"`
}

// Bin is one row of a reliability table: the examples whose confidence
// fell in [Low, High), how confident the classifier was on average and how
// often it placed them in the right quadrant. A calibrated classifier has
// Accuracy close to MeanConfidence in every bin.
type Bin struct {
	Low            float64 `json:"low"`
	High           float64 `json:"high"`
	N              int     `json:"n"`
	MeanConfidence float64 `json:"mean_confidence"`
	Accuracy       float64 `json:"accuracy"`
}

// reliabilityBins is the number of equal-width confidence bins.
const reliabilityBins = 10

// Report is the result of [Evaluate].
type Report struct {
	Overall Score `json:"overall"`
	// Languages holds one score per language present, nl before en.
	Languages []Score `json:"languages"`
	// Speakers holds one score per speaker and language present, then per
	// speaker over all languages.
	Speakers []Score `json:"speakers"`
	// Kinds holds, for every kind of turn named in the examples in
	// alphabetical order, its score over all languages and then per language.
	Kinds []Score `json:"kinds,omitempty"`
	// Reliability is the reliability table of the confidences, and
	// CalibrationError its expected calibration error: the gap between
	// confidence and accuracy, averaged over the bins by their size.
	Reliability      []Bin   `json:"reliability"`
	CalibrationError float64 `json:"calibration_error"`
	Misses           []Miss  `json:"misses"`
}

// tally is a Score being counted.
type tally struct {
	score  Score
	counts map[assistant.Quadrant]int
	conf   float64
	brier  float64
	bins   [reliabilityBins]bin
}

// bin counts the answers of one confidence bin.
type bin struct {
	n, right int
	conf     float64
}

func (b *bin) add(st assistant.Stance, right bool) {
	b.n++
	b.conf += st.Confidence
	if right {
		b.right++
	}
}

// binOf is the reliability bin of a confidence; a confidence outside [0, 1]
// (or NaN) is counted in the nearest end bin rather than dropped, so that
// every answer is in the table.
func binOf(confidence float64) int {
	return min(max(int(confidence*reliabilityBins), 0), reliabilityBins-1)
}

// calibrationError is the gap between confidence and accuracy, averaged
// over the bins by their size.
func calibrationError(bins *[reliabilityBins]bin) float64 {
	total := 0
	for _, b := range bins {
		total += b.n
	}
	e := 0.0
	for _, b := range bins {
		if b.n > 0 {
			e += math.Abs(float64(b.right)/float64(b.n)-b.conf/float64(b.n)) * float64(b.n) / float64(total)
		}
	}
	return e
}

func newTally(lang assistant.Language, speaker assistant.Speaker, kind string) *tally {
	qs := make([]string, len(assistant.Quadrants))
	for i, q := range assistant.Quadrants {
		qs[i] = string(q)
	}
	os := make([]string, len(assistant.Octants))
	for i, o := range assistant.Octants {
		os[i] = string(o)
	}
	return &tally{score: Score{Lang: lang, Speaker: speaker, Kind: kind, QuadrantConfusion: newConfusion(qs), OctantConfusion: newConfusion(os)},
		counts: make(map[assistant.Quadrant]int)}
}

func (g *tally) add(ex Example, st assistant.Stance) {
	s := &g.score
	s.N++
	g.counts[ex.Quadrant]++
	g.conf += st.Confidence
	g.bins[binOf(st.Confidence)].add(st, st.Quadrant == ex.Quadrant)
	right := 0.0
	if st.Quadrant == ex.Quadrant {
		right = 1
	}
	g.brier += (st.Confidence - right) * (st.Confidence - right)
	if st.Quadrant == ex.Quadrant {
		s.QuadrantCorrect++
	}
	s.QuadrantConfusion.add(string(ex.Quadrant), string(st.Quadrant))
	if ex.Octant != "" {
		s.OctantN++
		if st.Octant == ex.Octant {
			s.OctantCorrect++
		}
		if octantDistance(st.Octant, ex.Octant) <= 1 {
			s.OctantNear++
		}
		s.OctantConfusion.add(string(ex.Octant), string(st.Octant))
	}
}

func (g *tally) finish() Score {
	s := g.score
	if s.N > 0 {
		s.QuadrantAccuracy = float64(s.QuadrantCorrect) / float64(s.N)
		s.MeanConfidence = g.conf / float64(s.N)
		s.CalibrationError = calibrationError(&g.bins)
		s.Brier = g.brier / float64(s.N)
		for _, q := range assistant.Quadrants {
			if g.counts[q] > g.counts[s.Baseline] {
				s.Baseline = q
			}
		}
		s.BaselineAccuracy = float64(g.counts[s.Baseline]) / float64(s.N)
	}
	if s.OctantN > 0 {
		s.OctantAccuracy = float64(s.OctantCorrect) / float64(s.OctantN)
		s.OctantNear /= float64(s.OctantN)
	}
	return s
}

// Evaluate classifies every example with c and scores the answers. Each
// example is classified as a call of its own: the previous turn, when the
// example has one, then the example, so that a speaker-aware classifier
// reads it as it would in a call.
func Evaluate(ctx context.Context, c assistant.StanceClassifier, examples []Example) (Report, error) {
	type key struct {
		lang    assistant.Language
		speaker assistant.Speaker
		kind    string
	}
	groups := map[key]*tally{}
	get := func(k key) *tally {
		g := groups[k]
		if g == nil {
			g = newTally(k.lang, k.speaker, k.kind)
			groups[k] = g
		}
		return g
	}
	var rep Report
	kinds := map[string]bool{}
	for _, ex := range examples {
		turns := ex.Turns()
		sts, err := c.ClassifyTurns(ctx, turns, ex.Lang)
		if err != nil {
			return Report{}, fmt.Errorf("classify line %d: %w", ex.Line, err)
		}
		if len(sts) != len(turns) {
			return Report{}, fmt.Errorf("classify line %d: %d stances for %d turns", ex.Line, len(sts), len(turns))
		}
		st := sts[len(sts)-1]
		sp := cmp.Or(ex.Speaker, assistant.Agent)
		for _, k := range []key{{}, {lang: ex.Lang}, {lang: ex.Lang, speaker: sp}, {speaker: sp}} {
			get(k).add(ex, st)
		}
		if ex.Kind != "" {
			kinds[ex.Kind] = true
			get(key{kind: ex.Kind}).add(ex, st)
			get(key{kind: ex.Kind, lang: ex.Lang}).add(ex, st)
		}
		if st.Quadrant != ex.Quadrant || (ex.Octant != "" && st.Octant != ex.Octant) {
			rep.Misses = append(rep.Misses, Miss{Example: ex, Got: st.Quadrant, GotOctant: st.Octant, Confidence: st.Confidence})
		}
	}
	if g := groups[key{}]; g != nil {
		rep.Overall = g.finish()
	}
	for _, l := range assistant.Languages {
		if g := groups[key{lang: l}]; g != nil {
			rep.Languages = append(rep.Languages, g.finish())
		}
	}
	for _, l := range append(append([]assistant.Language(nil), assistant.Languages...), "") {
		for _, sp := range []assistant.Speaker{assistant.Agent, assistant.Customer} {
			if g := groups[key{lang: l, speaker: sp}]; g != nil {
				rep.Speakers = append(rep.Speakers, g.finish())
			}
		}
	}
	names := make([]string, 0, len(kinds))
	for k := range kinds {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		for _, l := range append([]assistant.Language{""}, assistant.Languages...) {
			if g := groups[key{kind: k, lang: l}]; g != nil {
				rep.Kinds = append(rep.Kinds, g.finish())
			}
		}
	}
	// Ten rows even without examples, as the table prints them.
	var bins [reliabilityBins]bin
	if g := groups[key{}]; g != nil {
		bins = g.bins
	}
	for i, b := range bins {
		row := Bin{Low: float64(i) / reliabilityBins, High: float64(i+1) / reliabilityBins, N: b.n}
		if b.n > 0 {
			row.MeanConfidence = b.conf / float64(b.n)
			row.Accuracy = float64(b.right) / float64(b.n)
		}
		rep.Reliability = append(rep.Reliability, row)
	}
	rep.CalibrationError = rep.Overall.CalibrationError
	return rep, nil
}

// octantDistance counts the steps between two octants around the rose.
func octantDistance(a, b assistant.Octant) int {
	ia, ib := -1, -1
	for i, o := range assistant.Octants {
		if o == a {
			ia = i
		}
		if o == b {
			ib = i
		}
	}
	if ia < 0 || ib < 0 {
		return len(assistant.Octants)
	}
	d := (ia - ib + len(assistant.Octants)) % len(assistant.Octants)
	return min(d, len(assistant.Octants)-d)
}

// name says which examples s scored, as the tables print it.
func (s Score) name() string {
	var parts []string
	if s.Kind != "" {
		parts = append(parts, s.Kind)
	}
	if s.Lang != "" {
		parts = append(parts, string(s.Lang))
	}
	if s.Speaker != "" {
		parts = append(parts, string(s.Speaker))
	}
	if len(parts) == 0 {
		return "all"
	}
	return strings.Join(parts, " ")
}

// WriteText writes the report as plain-text tables: accuracy per language
// and overall with the majority baseline, per speaker, per kind of turn,
// the reliability table of the confidences, then the confusion matrices.
func (r Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	writeScores := func(title string, scores []Score) {
		fmt.Fprintf(tw, "%s\tn\tquadrant acc\toctant acc\toctant ±1\tbaseline\tbaseline acc\tmean conf\tcal. error\tBrier\t\n", title)
		for _, s := range scores {
			oct, near := "-", "-"
			if s.OctantN > 0 {
				oct = fmt.Sprintf("%.1f%% (%d/%d)", 100*s.OctantAccuracy, s.OctantCorrect, s.OctantN)
				near = fmt.Sprintf("%.1f%%", 100*s.OctantNear)
			}
			fmt.Fprintf(tw, "%s\t%d\t%.1f%% (%d/%d)\t%s\t%s\t%s\t%.1f%%\t%.2f\t%.3f\t%.3f\t\n", s.name(), s.N, 100*s.QuadrantAccuracy,
				s.QuadrantCorrect, s.N, oct, near, s.Baseline, 100*s.BaselineAccuracy, s.MeanConfidence, s.CalibrationError, s.Brier)
		}
	}
	writeScores("lang", append(append([]Score(nil), r.Languages...), r.Overall))
	fmt.Fprintln(tw, "\t\t\t\t\t\t\t\t")
	writeScores("speaker", r.Speakers)
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if len(r.Kinds) > 0 {
		if _, err := fmt.Fprintln(w, "\nper kind of turn (quadrant accuracy)"); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprint(tw, "kind\tn\tall")
		for _, l := range assistant.Languages {
			fmt.Fprintf(tw, "\t%s", l)
		}
		fmt.Fprintln(tw, "\t")
		for i := 0; i < len(r.Kinds); {
			all := r.Kinds[i]
			fmt.Fprintf(tw, "%s\t%d\t%.1f%% (%d/%d)", all.Kind, all.N, 100*all.QuadrantAccuracy, all.QuadrantCorrect, all.N)
			i++
			for _, l := range assistant.Languages {
				if i < len(r.Kinds) && r.Kinds[i].Kind == all.Kind && r.Kinds[i].Lang == l {
					s := r.Kinds[i]
					fmt.Fprintf(tw, "\t%.1f%% (%d/%d)", 100*s.QuadrantAccuracy, s.QuadrantCorrect, s.N)
					i++
				} else {
					fmt.Fprint(tw, "\t-")
				}
			}
			fmt.Fprintln(tw, "\t")
		}
		if err := tw.Flush(); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
	}
	if err := r.writeReliability(w); err != nil {
		return err
	}
	var confusions []Score
	confusions = append(confusions, r.Languages...)
	confusions = append(confusions, r.Overall)
	for _, s := range r.Speakers {
		if s.Lang == "" {
			confusions = append(confusions, s)
		}
	}
	for _, s := range confusions {
		if err := writeConfusion(w, "quadrants, "+s.name()+" (rows gold, columns predicted)", s.QuadrantConfusion); err != nil {
			return err
		}
		if s.OctantN > 0 && s.Speaker == "" {
			if err := writeConfusion(w, "octants, "+s.name()+" (rows gold, columns predicted)", s.OctantConfusion); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeReliability writes the reliability table and the calibration error.
func (r Report) writeReliability(w io.Writer) error {
	if _, err := fmt.Fprintln(w, "\nreliability (is a turn labelled with confidence c right about c of the time?)"); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "confidence\tn\tmean conf\tquadrant acc\t")
	for _, b := range r.Reliability {
		if b.N == 0 {
			fmt.Fprintf(tw, "%.1f–%.1f\t0\t-\t-\t\n", b.Low, b.High)
			continue
		}
		fmt.Fprintf(tw, "%.1f–%.1f\t%d\t%.2f\t%.1f%%\t\n", b.Low, b.High, b.N, b.MeanConfidence, 100*b.Accuracy)
	}
	fmt.Fprintf(tw, "expected calibration error\t\t\t%.3f\t\n", r.CalibrationError)
	fmt.Fprintf(tw, "Brier score\t\t\t%.3f\t\n", r.Overall.Brier)
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

func writeConfusion(w io.Writer, title string, c Confusion) error {
	if _, err := fmt.Fprintf(w, "\n%s\n", title); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "\t")
	for _, l := range c.Labels {
		fmt.Fprintf(tw, "%s\t", l)
	}
	fmt.Fprintln(tw)
	for i, l := range c.Labels {
		fmt.Fprintf(tw, "%s\t", l)
		for _, n := range c.Counts[i] {
			fmt.Fprintf(tw, "%d\t", n)
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// WriteMisses lists the misclassified examples, one per line, for tuning.
func (r Report) WriteMisses(w io.Writer) error {
	for _, m := range r.Misses {
		if _, err := fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s/%s\tgot %s/%s\t%.2f\t%s\t<- %s\n", m.Line, m.Lang, m.Speaker, m.Kind, m.Quadrant, m.Octant,
			m.Got, m.GotOctant, m.Confidence, m.Text, m.Previous); err != nil {
			return fmt.Errorf("write misses: %w", err)
		}
	}
	return nil
}
