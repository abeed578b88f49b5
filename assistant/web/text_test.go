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
