package main

import (
	"math/rand/v2"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// Seeded teams call in both languages whatever the seed, as the README
// promises: three in ten agents in English, at least one, the rest in
// Dutch (with the README's --agents 10 and the default seed 1, a draw per
// agent once gave ten Dutch agents and no English call).
func TestSeedLanguagesGiveBoth(t *testing.T) {
	for seed := uint64(1); seed <= 50; seed++ {
		for n := 2; n <= 30; n++ {
			langs := seedLanguages(rand.New(rand.NewPCG(seed, 0x5eed)), n)
			count := map[assistant.Language]int{}
			for _, l := range langs {
				count[l]++
			}
			want := max(1, (3*n+5)/10)
			if len(langs) != n || count[assistant.English] != want || count[assistant.Dutch] != n-want {
				t.Fatalf("seed %d, %d agents: %v, want %d English and %d Dutch", seed, n, count, want, n-want)
			}
		}
	}
	if langs := seedLanguages(rand.New(rand.NewPCG(1, 0x5eed)), 1); len(langs) != 1 || langs[0] != assistant.Dutch {
		t.Errorf("one agent: %v, want Dutch", langs)
	}
}
