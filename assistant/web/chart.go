package web

import (
	"fmt"
	"html/template"
	"math"
	"strings"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// series is one line of a chart: a value per bucket of the chart's starts,
// NaN where nothing was measured.
type series struct {
	Name   string
	Values []float64
	// Team marks the team's own line, drawn heavier.
	Team bool
}

// dashes tell the agents' lines apart without colour.
var dashes = []string{"", "6 3", "2 3", "8 3 2 3", "1 2", "10 4"}

// lineColours are dark enough for the 3:1 contrast of graphics on white.
var lineColours = []string{"#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00", "#00695c", "#4e342e"}

// Geometry of a chart, in SVG user units.
const (
	chartW, chartH         = 560.0, 200.0
	chartLeft, chartRight  = 44.0, 12.0
	chartTop, chartBottom  = 12.0, 28.0
	chartPlotW, chartPlotH = chartW - chartLeft - chartRight, chartH - chartTop - chartBottom
)

// lineChart draws the series over the buckets of size bucket starting at
// starts; percent shows values as percentages, and lang writes the numbers.
// The x-axis is time: a point sits at its bucket's start, so a bucket
// missing from starts leaves its room empty and no line crosses it. Each
// point carries its value as a title, and the figure has a caption, so a
// screen reader can read it.
func lineChart(id, title string, bucket assistant.Bucket, starts []time.Time, lines []series, percent bool, lang assistant.Language) template.HTML {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" id="%s" viewBox="0 0 %g %g" width="%g" height="%g" role="img" aria-labelledby="%s-t" xmlns="http://www.w3.org/2000/svg">`,
		id, chartW, chartH, chartW, chartH, id)
	fmt.Fprintf(&b, `<title id="%s-t">%s</title>`, id, template.HTMLEscapeString(title))
	max := 0.0
	for _, s := range lines {
		for _, v := range s.Values {
			if !math.IsNaN(v) {
				max = math.Max(max, v)
			}
		}
	}
	if percent {
		max = 1
	} else if max == 0 {
		max = 1
	} else {
		max = niceCeil(max)
	}
	format := func(v float64) string {
		if percent {
			return prompts.Percent(v)
		}
		return prompts.Number(lang, math.Round(v*100)/100, -1)
	}
	for i := 0; i <= 4; i++ {
		v := max * float64(i) / 4
		y := chartTop + chartPlotH*(1-float64(i)/4)
		fmt.Fprintf(&b, `<line x1="%g" y1="%.1f" x2="%g" y2="%.1f" class="grid"/><text x="%g" y="%.1f" class="tick" text-anchor="end">%s</text>`,
			chartLeft, y, chartW-chartRight, y, chartLeft-4, y+4, format(v))
	}
	n := len(starts)
	x := func(i int) float64 {
		span := starts[n-1].Sub(starts[0])
		if span <= 0 {
			return chartLeft + chartPlotW/2
		}
		return chartLeft + chartPlotW*float64(starts[i].Sub(starts[0]))/float64(span)
	}
	// follows says whether bucket i comes right after bucket i-1; a first
	// bucket cut short by the period's start still has the next one
	// after it.
	follows := func(i int) bool {
		return i > 0 && bucket.Next(bucket.Start(starts[i-1])).Equal(starts[i])
	}
	step := 1
	if n > 8 {
		step = (n + 7) / 8
	}
	for i := 0; i < n; i += step {
		anchor := "middle"
		if i == n-1 && n > 1 {
			anchor = "end"
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%g" class="tick" text-anchor="%s">%s</text>`, x(i), chartH-8, anchor, starts[i].Format("02-01"))
	}
	for li, s := range lines {
		colour, dash := lineColours[li%len(lineColours)], dashes[li%len(dashes)]
		cls := "line"
		if s.Team {
			colour, dash, cls = "#111", "", "line team"
		}
		// The series has no title of its own: each point's title names
		// it, and the key beside the chart names it once.
		fmt.Fprintf(&b, `<g class="series" data-series="%s">`, template.HTMLEscapeString(s.Name))
		var pts []string
		flush := func() {
			if len(pts) > 1 {
				fmt.Fprintf(&b, `<polyline points="%s" class="%s" stroke="%s" stroke-dasharray="%s"/>`, strings.Join(pts, " "), cls, colour, dash)
			}
			pts = pts[:0]
		}
		for i, v := range s.Values {
			if !follows(i) {
				flush()
			}
			if math.IsNaN(v) {
				flush()
				continue
			}
			px, py := x(i), chartTop+chartPlotH*(1-v/max)
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", px, py))
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"><title>%s %s: %s</title></circle>`,
				px, py, colour, template.HTMLEscapeString(s.Name), starts[i].Format("2006-01-02"), format(v))
		}
		flush()
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// legend is the key of lineChart's series: the name beside a sample of
// its line.
type legendEntry struct {
	Name   string
	Colour string
	Dash   string
}

func legend(lines []series) []legendEntry {
	out := make([]legendEntry, len(lines))
	for i, s := range lines {
		out[i] = legendEntry{Name: s.Name, Colour: lineColours[i%len(lineColours)], Dash: dashes[i%len(dashes)]}
		if s.Team {
			out[i].Colour, out[i].Dash = "#111", ""
		}
	}
	return out
}

// niceCeil rounds v up to 1, 2 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}
