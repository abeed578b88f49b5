package stance

import (
	"bufio"
	"cmp"
	"context"
	"fmt"
	"io"
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
	// Speaker is optional.
	Speaker assistant.Speaker
	Text    string
	// Line is the 1-based line of the example in its file.
	Line int
}

// ReadExamples reads tab-separated rows lang, quadrant, text and optionally
// octant and speaker. A first line naming the columns ("lang", "quadrant",
// ...) is skipped, as are empty lines and lines starting with "#". A bad row
// is an invalid-input error naming its line.
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
		if len(cols) < 3 || len(cols) > 5 {
			return nil, assistant.Errorf(assistant.EInvalid, "line %d: want 3 to 5 tab-separated columns (lang, quadrant, text[, octant[, speaker]]), got %d", line, len(cols))
		}
		ex := Example{Lang: assistant.Language(strings.TrimSpace(cols[0])), Quadrant: assistant.Quadrant(strings.TrimSpace(cols[1])),
			Text: strings.TrimSpace(cols[2]), Line: line}
		if !ex.Lang.Valid() {
			return nil, assistant.Errorf(assistant.EInvalid, "line %d: language %q is not nl or en", line, cols[0])
		}
		if !ex.Quadrant.Valid() {
			return nil, assistant.Errorf(assistant.EInvalid, "line %d: quadrant %q is not one of above-together, below-together, below-opposed, above-opposed", line, cols[1])
		}
		if ex.Text == "" {
			return nil, assistant.Errorf(assistant.EInvalid, "line %d: the text column is empty", line)
		}
		if len(cols) >= 4 && strings.TrimSpace(cols[3]) != "" {
			ex.Octant = assistant.Octant(strings.TrimSpace(cols[3]))
			if !ex.Octant.Valid() {
				return nil, assistant.Errorf(assistant.EInvalid, "line %d: octant %q is not one of the eight octants", line, cols[3])
			}
			if ex.Octant.Quadrant() != ex.Quadrant {
				return nil, assistant.Errorf(assistant.EInvalid, "line %d: octant %s lies in %s, not in %s", line, ex.Octant, ex.Octant.Quadrant(), ex.Quadrant)
			}
		}
		if len(cols) == 5 && strings.TrimSpace(cols[4]) != "" {
			ex.Speaker = assistant.Speaker(strings.TrimSpace(cols[4]))
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

// Score is the evaluation of one language, or of all examples together.
type Score struct {
	// Lang is empty for the overall score.
	Lang assistant.Language `json:"lang,omitempty"`
	N    int                `json:"n"`
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
	Baseline          assistant.Quadrant `json:"baseline"`
	BaselineAccuracy  float64            `json:"baseline_accuracy"`
	MeanConfidence    float64            `json:"mean_confidence"`
	QuadrantConfusion Confusion          `json:"quadrant_confusion"`
	OctantConfusion   Confusion          `json:"octant_confusion"`
}

// Miss is an example the classifier got wrong.
type Miss struct {
	Example
	Got        assistant.Quadrant `json:"got"`
	GotOctant  assistant.Octant   `json:"got_octant"`
	Confidence float64            `json:"confidence"`
}

// Report is the result of [Evaluate].
type Report struct {
	Overall Score `json:"overall"`
	// Languages holds one score per language present, nl before en.
	Languages []Score `json:"languages"`
	Misses    []Miss  `json:"misses"`
}

// Evaluate classifies every example with c and scores the answers.
func Evaluate(ctx context.Context, c assistant.StanceClassifier, examples []Example) (Report, error) {
	type acc struct {
		score  Score
		counts map[assistant.Quadrant]int
		conf   float64
	}
	newAcc := func(l assistant.Language) *acc {
		qs := make([]string, len(assistant.Quadrants))
		for i, q := range assistant.Quadrants {
			qs[i] = string(q)
		}
		os := make([]string, len(assistant.Octants))
		for i, o := range assistant.Octants {
			os[i] = string(o)
		}
		return &acc{score: Score{Lang: l, QuadrantConfusion: newConfusion(qs), OctantConfusion: newConfusion(os)},
			counts: make(map[assistant.Quadrant]int)}
	}
	overall := newAcc("")
	per := make(map[assistant.Language]*acc)
	var rep Report
	for _, ex := range examples {
		// Each example is a call of one turn; a row without a speaker is
		// read as the agent's, whom rooscoach coaches.
		sts, err := c.ClassifyTurns(ctx, []assistant.Turn{{Speaker: cmp.Or(ex.Speaker, assistant.Agent), Text: ex.Text}}, ex.Lang)
		if err != nil {
			return Report{}, fmt.Errorf("classify line %d: %w", ex.Line, err)
		}
		st := sts[0]
		if per[ex.Lang] == nil {
			per[ex.Lang] = newAcc(ex.Lang)
		}
		for _, a := range []*acc{overall, per[ex.Lang]} {
			s := &a.score
			s.N++
			a.counts[ex.Quadrant]++
			a.conf += st.Confidence
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
		if st.Quadrant != ex.Quadrant || (ex.Octant != "" && st.Octant != ex.Octant) {
			rep.Misses = append(rep.Misses, Miss{Example: ex, Got: st.Quadrant, GotOctant: st.Octant, Confidence: st.Confidence})
		}
	}
	finish := func(a *acc) Score {
		s := a.score
		if s.N > 0 {
			s.QuadrantAccuracy = float64(s.QuadrantCorrect) / float64(s.N)
			s.MeanConfidence = a.conf / float64(s.N)
			for _, q := range assistant.Quadrants {
				if a.counts[q] > a.counts[s.Baseline] {
					s.Baseline = q
				}
			}
			s.BaselineAccuracy = float64(a.counts[s.Baseline]) / float64(s.N)
		}
		if s.OctantN > 0 {
			s.OctantAccuracy = float64(s.OctantCorrect) / float64(s.OctantN)
			s.OctantNear /= float64(s.OctantN)
		}
		return s
	}
	rep.Overall = finish(overall)
	for _, l := range assistant.Languages {
		if a := per[l]; a != nil {
			rep.Languages = append(rep.Languages, finish(a))
		}
	}
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

// WriteText writes the report as plain-text tables: accuracy per language
// and overall with the majority baseline, then the confusion matrices.
func (r Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "lang\tn\tquadrant acc\toctant acc\toctant ±1\tbaseline\tbaseline acc\tmean conf\t")
	for _, s := range append(append([]Score(nil), r.Languages...), r.Overall) {
		name := string(s.Lang)
		if name == "" {
			name = "all"
		}
		oct, near := "-", "-"
		if s.OctantN > 0 {
			oct = fmt.Sprintf("%.1f%% (%d/%d)", 100*s.OctantAccuracy, s.OctantCorrect, s.OctantN)
			near = fmt.Sprintf("%.1f%%", 100*s.OctantNear)
		}
		fmt.Fprintf(tw, "%s\t%d\t%.1f%% (%d/%d)\t%s\t%s\t%s\t%.1f%%\t%.2f\t\n", name, s.N, 100*s.QuadrantAccuracy,
			s.QuadrantCorrect, s.N, oct, near, s.Baseline, 100*s.BaselineAccuracy, s.MeanConfidence)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	for _, s := range append(append([]Score(nil), r.Languages...), r.Overall) {
		name := string(s.Lang)
		if name == "" {
			name = "all"
		}
		if err := writeConfusion(w, "quadrants, "+name+" (rows gold, columns predicted)", s.QuadrantConfusion); err != nil {
			return err
		}
		if s.OctantN > 0 {
			if err := writeConfusion(w, "octants, "+name+" (rows gold, columns predicted)", s.OctantConfusion); err != nil {
				return err
			}
		}
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
		if _, err := fmt.Fprintf(w, "%d\t%s\t%s/%s\tgot %s/%s\t%.2f\t%s\n", m.Line, m.Lang, m.Quadrant, m.Octant,
			m.Got, m.GotOctant, m.Confidence, m.Text); err != nil {
			return fmt.Errorf("write misses: %w", err)
		}
	}
	return nil
}
