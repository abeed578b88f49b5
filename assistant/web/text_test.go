package web

import (
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// Every interface text exists in both languages, and every octant has a
// colour (the pages show it beside the octant's name).
func TestTextsInBothLanguages(t *testing.T) {
	for k := range english {
		if dutch[k] == "" {
			t.Errorf("%q has no Dutch text", k)
		}
	}
	for k := range dutch {
		if english[k] == "" {
			t.Errorf("%q has no English text", k)
		}
	}
	for _, o := range assistant.Octants {
		if octantColour[o] == "" || octantName(o, assistant.Dutch) == "" {
			t.Errorf("octant %s has no colour or Dutch name", o)
		}
	}
}

// The lead page's figures round halves away from zero, as the figures
// themselves are rounded: 4.25 escalations per call is 4,3 / 4.3, and a
// share of 0.125 is 13%, in both languages.
func TestTemplateFiguresRoundHalvesUp(t *testing.T) {
	num := funcs["num"].(func(float64, assistant.Language) string)
	for _, c := range []struct {
		lang assistant.Language
		v    float64
		want string
	}{{assistant.Dutch, 4.25, "4,3"}, {assistant.English, 4.25, "4.3"}, {assistant.Dutch, 0.15, "0,2"}, {assistant.English, 0.05, "0.1"}} {
		if got := num(c.v, c.lang); got != c.want {
			t.Errorf("num(%g, %s) = %q, want %q", c.v, c.lang, got, c.want)
		}
	}
	v := 0.125
	if got := pctp(&v); got != "13%" {
		t.Errorf("pctp(0.125) = %q, want 13%%", got)
	}
}
