package web

import (
	"fmt"
	"html/template"
	"math"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// octantColour is each octant's colour: the warm, together half green to
// blue, the opposed half orange to red. Colour is never the only sign: every
// place that shows it shows the octant's name too.
var octantColour = map[assistant.Octant]string{
	assistant.Helping:     "#2e7d32",
	assistant.Leading:     "#1565c0",
	assistant.Competitive: "#8e24aa",
	assistant.Aggressive:  "#c62828",
	assistant.Defiant:     "#d84315",
	assistant.Withdrawn:   "#6d4c41",
	assistant.Dependent:   "#546e7a",
	assistant.Cooperating: "#00838f",
}

// octantName is the octant's label in lang.
func octantName(o assistant.Octant, lang assistant.Language) string {
	if o == "" {
		return ""
	}
	if lang == assistant.Dutch {
		return o.Dutch()
	}
	return string(o)
}

// Geometry of a rose picture, in SVG user units.
const (
	roseSize   = 440.0
	roseCentre = roseSize / 2
	roseRadius = 160.0
)

// rosePoint is where a stance sits in the picture: affiliation to the
// right (together), dominance up (above).
func rosePoint(dominance, affiliation float64, radius float64) (x, y float64) {
	return roseCentre + affiliation*radius, roseCentre - dominance*radius
}

// polar returns the point at angle degrees (atan2(dominance, affiliation))
// and distance r from the centre.
func polar(deg, r float64) (x, y float64) {
	rad := deg * math.Pi / 180
	return roseCentre + r*math.Cos(rad), roseCentre - r*math.Sin(rad)
}

// roseFrame draws the circle, the two axes, the octant borders and the
// octant and pole labels.
func roseFrame(b *strings.Builder, t map[string]string, lang assistant.Language) {
	fmt.Fprintf(b, `<circle cx="%g" cy="%g" r="%g" class="rose-ring"/>`, roseCentre, roseCentre, roseRadius)
	for deg := 0.0; deg < 360; deg += 45 {
		x, y := polar(deg, roseRadius)
		cls := "rose-border"
		if int(deg)%90 == 0 {
			cls = "rose-axis"
		}
		fmt.Fprintf(b, `<line x1="%g" y1="%g" x2="%.1f" y2="%.1f" class="%s"/>`, roseCentre, roseCentre, x, y, cls)
	}
	for _, o := range assistant.Octants {
		x, y := polar(o.CentreAngle(), roseRadius+28)
		fmt.Fprintf(b, `<text x="%.1f" y="%.1f" class="rose-octant" text-anchor="middle" dominant-baseline="middle" fill="%s">%s</text>`,
			x, y, octantColour[o], template.HTMLEscapeString(octantName(o, lang)))
	}
	fmt.Fprintf(b, `<text x="%g" y="12" class="rose-pole" text-anchor="middle">%s</text>`, roseCentre, t["above"])
	fmt.Fprintf(b, `<text x="%g" y="%g" class="rose-pole" text-anchor="middle">%s</text>`, roseCentre, roseSize-4, t["below"])
	fmt.Fprintf(b, `<text x="4" y="%g" class="rose-pole">%s</text>`, roseCentre-6, t["opposed"])
	fmt.Fprintf(b, `<text x="%g" y="%g" class="rose-pole" text-anchor="end">%s</text>`, roseSize-4, roseCentre-6, t["together"])
}

// callRose draws one call on the rose: every turn a point, the agent's as
// circles and the customer's as squares, joined in order by a numbered
// path; the closing agent turns get a ring.
func callRose(turns []assistant.TurnAnalysis, closing []int, lang assistant.Language) template.HTML {
	t := text(lang)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="rose" viewBox="0 0 %g %g" width="%g" height="%g" role="img" aria-labelledby="rose-title rose-desc" xmlns="http://www.w3.org/2000/svg">`,
		roseSize, roseSize, roseSize, roseSize)
	fmt.Fprintf(&b, `<title id="rose-title">%s</title><desc id="rose-desc">%s</desc>`, t["rose_title"], fmt.Sprintf(t["rose_desc"], len(turns)))
	roseFrame(&b, t, lang)
	closes := map[int]bool{}
	for _, i := range closing {
		closes[i] = true
	}
	// Points that would sit on each other are spread a little around their
	// place, so that every turn stays visible.
	seen := map[[2]int]int{}
	xs, ys := make([]float64, len(turns)), make([]float64, len(turns))
	for i, tu := range turns {
		x, y := rosePoint(tu.Stance.Dominance, tu.Stance.Affiliation, roseRadius)
		key := [2]int{int(x / 6), int(y / 6)}
		if n := seen[key]; n > 0 {
			x, y = x+7*math.Cos(float64(n)*2.4), y+7*math.Sin(float64(n)*2.4)
		}
		seen[key]++
		xs[i], ys[i] = x, y
	}
	if len(turns) > 1 {
		b.WriteString(`<polyline class="rose-path" points="`)
		for i := range turns {
			fmt.Fprintf(&b, "%.1f,%.1f ", xs[i], ys[i])
		}
		b.WriteString(`"/>`)
	}
	for i, tu := range turns {
		x, y := xs[i], ys[i]
		who := t["customer"]
		if tu.Speaker == assistant.Agent {
			who = t["agent"]
		}
		label := fmt.Sprintf("%s %d · %s · %s", t["turn"], tu.Index+1, who, octantName(tu.Stance.Octant, lang))
		cls := "turn-point " + string(tu.Speaker)
		if closes[tu.Index] {
			cls += " closing"
			label += " · " + t["closing_turn"]
		}
		fmt.Fprintf(&b, `<g class="%s" data-turn="%d"><title>%s</title>`, cls, tu.Index, template.HTMLEscapeString(label))
		if closes[tu.Index] {
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="11" class="closing-ring"/>`, x, y)
		}
		if tu.Speaker == assistant.Agent {
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="6" fill="%s" class="mark"/>`, x, y, octantColour[tu.Stance.Octant])
		} else {
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="11" height="11" fill="#fff" stroke="%s" stroke-width="2.5" class="mark"/>`, x-5.5, y-5.5, octantColour[tu.Stance.Octant])
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" class="turn-number">%d</text></g>`, x+8, y-7, tu.Index+1)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// heatRose shades each octant by the share of an agent's turns in it.
func heatRose(id, caption string, shares map[assistant.Octant]*float64, lang assistant.Language) template.HTML {
	t := text(lang)
	var b strings.Builder
	// A wider view than the call's rose: the octant names are larger here,
	// since the picture is drawn smaller.
	fmt.Fprintf(&b, `<svg class="heat" viewBox="-60 -10 %g %g" width="250" height="210" role="img" aria-labelledby="%s" xmlns="http://www.w3.org/2000/svg">`, roseSize+120, roseSize+20, id)
	// A month without agent turns has no shares: every cell says so and
	// the picture says why, rather than showing a rose of 0%.
	measured := false
	max := 0.0
	for _, v := range shares {
		if v != nil {
			measured = true
			max = math.Max(max, *v)
		}
	}
	shareText := func(o assistant.Octant) string { return pctp(shares[o]) }
	summary := t["no_calls_period"]
	if measured {
		var parts []string
		for _, o := range assistant.Octants {
			parts = append(parts, octantName(o, lang)+" "+shareText(o))
		}
		summary = strings.Join(parts, ", ")
	}
	fmt.Fprintf(&b, `<title id="%s">%s: %s</title>`, id, template.HTMLEscapeString(caption), template.HTMLEscapeString(summary))
	for _, o := range assistant.Octants {
		c := o.CentreAngle()
		x1, y1 := polar(c-22.5, roseRadius)
		x2, y2 := polar(c+22.5, roseRadius)
		op := 0.05
		if v := shares[o]; v != nil && max > 0 {
			op = 0.08 + 0.85**v/max
		}
		fmt.Fprintf(&b, `<path d="M%g %g L%.1f %.1f A%g %g 0 0 0 %.1f %.1f Z" fill="%s" fill-opacity="%.2f" class="heat-cell" data-octant="%s"/>`,
			roseCentre, roseCentre, x1, y1, roseRadius, roseRadius, x2, y2, octantColour[o], op, o)
		lx, ly := polar(c, roseRadius*0.62)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" dominant-baseline="middle" class="heat-share">%s</text>`, lx, ly, shareText(o))
	}
	roseFrame(&b, t, lang)
	if !measured {
		fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="middle" class="heat-empty">%s</text>`, roseCentre, roseSize+4, template.HTMLEscapeString(t["no_calls_period"]))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
