package web

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

var (
	circleX  = regexp.MustCompile(`<circle cx="([\d.]+)"`)
	polyline = regexp.MustCompile(`<polyline points="([^"]*)"`)
)

// pointsX returns the x of each point of a chart, in drawing order.
func pointsX(t *testing.T, svg string) []float64 {
	t.Helper()
	var xs []float64
	for _, m := range circleX.FindAllStringSubmatch(svg, -1) {
		x, err := strconv.ParseFloat(m[1], 64)
		if err != nil {
			t.Fatal(err)
		}
		xs = append(xs, x)
	}
	return xs
}

// The x-axis is time: a point sits at its bucket's date, so a week that
// is missing from the buckets leaves a week's room, and no line crosses it;
// a first bucket cut short by the period's start sits as many days before
// the next as it has.
func TestChartPlacesPointsByDate(t *testing.T) {
	mon := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC) // a Monday
	week := func(n int) time.Time { return mon.AddDate(0, 0, 7*n) }
	tests := []struct {
		name   string
		bucket assistant.Bucket
		starts []time.Time
		// gaps are the distances between points in days; lines the points
		// of each polyline.
		gaps  []float64
		lines []int
	}{
		{"every week", assistant.BucketWeek, []time.Time{week(0), week(1), week(2), week(3)}, []float64{7, 7, 7}, []int{4}},
		{"third week missing", assistant.BucketWeek, []time.Time{week(0), week(1), week(3), week(4)}, []float64{7, 14, 7}, []int{2, 2}},
		{"first week from a Thursday", assistant.BucketWeek, []time.Time{week(0).AddDate(0, 0, 3), week(1), week(2)}, []float64{4, 7}, []int{3}},
		{"months", assistant.BucketMonth, []time.Time{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}, []float64{31, 28}, []int{3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vals := make([]float64, len(tt.starts))
			for i := range vals {
				vals[i] = 0.5
			}
			svg := string(lineChart("c", "t", tt.bucket, tt.starts, []series{{Name: "anna", Values: vals}}, true, assistant.English))
			xs := pointsX(t, svg)
			if len(xs) != len(tt.starts) {
				t.Fatalf("%d points, want %d: %s", len(xs), len(tt.starts), svg)
			}
			if math.Abs(xs[0]-chartLeft) > 0.1 || math.Abs(xs[len(xs)-1]-(chartW-chartRight)) > 0.1 {
				t.Errorf("points run from %.1f to %.1f, want the plot's edges %.1f to %.1f", xs[0], xs[len(xs)-1], chartLeft, chartW-chartRight)
			}
			total := 0.0
			for _, g := range tt.gaps {
				total += g
			}
			for i, g := range tt.gaps {
				want := chartPlotW * g / total
				if got := xs[i+1] - xs[i]; math.Abs(got-want) > 0.15 {
					t.Errorf("point %d to %d: %.1f apart, want %.1f (%g of %g days)", i, i+1, got, want, g, total)
				}
			}
			var lines []int
			for _, m := range polyline.FindAllStringSubmatch(svg, -1) {
				lines = append(lines, len(strings.Fields(m[1])))
			}
			// A lone point between gaps draws no line at all.
			want := []int{}
			for _, n := range tt.lines {
				if n > 1 {
					want = append(want, n)
				}
			}
			if len(lines) != len(want) {
				t.Fatalf("polylines of %v points, want %v: %s", lines, want, svg)
			}
			for i := range want {
				if lines[i] != want[i] {
					t.Errorf("polylines of %v points, want %v", lines, want)
				}
			}
		})
	}
}
