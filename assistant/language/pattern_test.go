package language

import "testing"

func TestPatternNumbers(t *testing.T) {
	tests := []struct {
		pattern, text string
		want          int
	}{
		{"113", "Bel 113, dag en nacht.", 1},
		{"116 123", "Call Samaritans on 116 123.", 1},
		{"0800 0113", "gratis via 0800-0113", 0}, // the dash is punctuation between two numbers
		{"bel ~ 113", "bel dan meteen 113", 1},
		{"113", "€ 1.130", 0},
		{"988", "call or text 988", 1},
	}
	for _, tt := range tests {
		toks := Tokenize(tt.text)
		got := 0
		for i := range toks {
			if Compile(tt.pattern)[0].Match(toks, i) > 0 {
				got++
			}
		}
		if got != tt.want {
			t.Errorf("%q in %q: %d matches, want %d", tt.pattern, tt.text, got, tt.want)
		}
	}
}
