package arrangement

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestWIK(t *testing.T) {
	tests := []struct {
		name      string
		principal int64
		want      int64
	}{
		{"zero owes nothing", 0, 0},
		{"negative owes nothing", -100, 0},
		{"one cent gets the minimum", 1, 4_000},
		{"just below the minimum's edge", 26_666, 4_000}, // 15% is € 39,9990
		{"at the minimum's edge", 26_667, 4_000},         // € 40,0005 rounds down
		{"just above the minimum", 26_700, 4_005},
		{"15% inside the first bracket", 123_456, 18_518}, // € 185,184
		{"end of the first bracket", 250_000, 37_500},
		{"a cent into the second bracket", 250_001, 37_500},
		{"a euro into the second bracket", 250_100, 37_510},
		{"end of the second bracket", 500_000, 62_500},
		{"a euro into the third bracket", 500_100, 62_505},
		{"end of the third bracket", 1_000_000, 87_500},
		{"half a cent rounds up", 1_000_050, 87_501}, // € 875 + 1% of € 0,50
		{"end of the fourth bracket", 20_000_000, 277_500},
		{"into the last bracket", 20_100_000, 278_000},
		{"just below the maximum", 99_999_000, 677_495},
		{"rounds to the maximum", 99_999_999, 677_500},
		{"at the maximum", 100_000_000, 677_500},
		{"above the maximum", 500_000_000, 677_500},
		{"largest int64", math.MaxInt64, 677_500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := WIK(tt.principal); got != tt.want {
				t.Errorf("WIK(%d) = %d, want %d", tt.principal, got, tt.want)
			}
		})
	}
}

// The scale only grows with the principal and stays between its minimum and
// maximum.
func TestWIKMonotone(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 5000 {
		a := r.Int64N(200_000_000) + 1
		b := a + r.Int64N(1_000_000)
		wa, wb := WIK(a), WIK(b)
		if wa > wb {
			t.Fatalf("WIK(%d) = %d > WIK(%d) = %d", a, wa, b, wb)
		}
		if wa < wikMin || wa > wikMax {
			t.Fatalf("WIK(%d) = %d, outside [%d, %d]", a, wa, wikMin, wikMax)
		}
	}
}
