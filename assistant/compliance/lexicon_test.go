package compliance

import (
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/vulnerability"
)

type crisisCue struct {
	lang assistant.Language
	text string
}

// vulnerabilityCrisisCues writes each crisis cue of the lexicon as a
// customer would say it: a prefix pattern as the prefix, a gap as a word.
func vulnerabilityCrisisCues() []crisisCue {
	var out []crisisCue
	for _, c := range vulnerability.Cues() {
		if c.Driver != assistant.DriverCrisis {
			continue
		}
		var words []string
		for _, w := range strings.Fields(c.Phrase) {
			if w == "~" {
				w = "echt"
				if c.Language == assistant.English {
					w = "really"
				}
			}
			words = append(words, strings.TrimSuffix(w, "*"))
		}
		out = append(out, crisisCue{c.Language, strings.Join(words, " ") + "."})
	}
	return out
}
