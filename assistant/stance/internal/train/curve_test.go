package main

import (
	"fmt"
	"testing"

	"github.com/rooscoach/rooscoach/assistant/stance"
)

// A learning curve compares shares of one fixed set of turns: a larger
// share must keep every turn a smaller one kept, or the curve would mix
// "more data" with "other data".
func TestKeptGrowsWithShare(t *testing.T) {
	const n = 2000
	counts := map[float64]int{}
	for i := range n {
		ex := stance.Example{Text: fmt.Sprintf("turn %d", i)}
		prev := false
		for _, share := range []float64{0, 0.25, 0.5, 0.75, 1} {
			k := kept(ex, share)
			if prev && !k {
				t.Fatalf("%q kept at a smaller share but not at %.2f", ex.Text, share)
			}
			if k {
				counts[share]++
			}
			prev = k
		}
	}
	for _, share := range []float64{0, 0.25, 0.5, 0.75, 1} {
		got := float64(counts[share]) / n
		if got < share-0.05 || got > share+0.05 {
			t.Errorf("share %.2f kept %.3f of the turns", share, got)
		}
	}
}

func TestParseShares(t *testing.T) {
	got, err := parseShares("0, 0.5,1")
	if err != nil || len(got) != 3 || got[0] != 0 || got[1] != 0.5 || got[2] != 1 {
		t.Fatalf("parseShares(\"0, 0.5,1\") = %v, %v", got, err)
	}
	for _, bad := range []string{"1.5", "-0.1", "half", ""} {
		if _, err := parseShares(bad); err == nil {
			t.Errorf("parseShares(%q) took a share outside 0..1", bad)
		}
	}
}
