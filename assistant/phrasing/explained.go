package phrasing

import (
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// A hard term the speaker explains is what the guides recommend for a term
// that cannot be avoided (RVO: "name it, then explain it"; plainlanguage.gov:
// define the term where it is used). So a term finding is withdrawn when
// the term stands in brackets after its explanation ("iemand die namens u
// zaken mag regelen (gemachtigde)"), is followed by one in brackets or by
// "dat wil zeggen", "that is", or when the next sentence opens with "Dit
// betekent", "This means". A threat is never withdrawn: explaining the
// bailiff does not make holding him over the customer kind.

var (
	explainNext = map[assistant.Language][]string{
		assistant.Dutch:   {"dit betekent", "dat betekent", "dit wil zeggen", "dat wil zeggen", "daarmee bedoelen we", "hiermee bedoelen we"},
		assistant.English: {"this means", "that means", "in other words", "by this we mean"},
	}
	explainAfter = map[assistant.Language][]string{
		assistant.Dutch:   {" (", ", dat wil zeggen", ", dat betekent", ", wat betekent"},
		assistant.English: {" (", ", that is,", ", which means", ", meaning"},
	}
)

func (st *turnState) dropExplained(sentences []span) {
	lang := st.l.lang
	for i := range st.findings {
		f := &st.findings[i]
		if f.kind != assistant.FindingJargon && f.kind != assistant.FindingOfficialese {
			continue
		}
		if inBrackets(st.text, f.start, f.end) {
			f.drop = true
			continue
		}
		after := st.lower[f.end:]
		for _, p := range explainAfter[lang] {
			if strings.HasPrefix(after, p) {
				f.drop = true
			}
		}
		for k, s := range sentences {
			if f.start >= s.start && f.end <= s.end && k+1 < len(sentences) {
				next := strings.TrimLeft(st.lower[sentences[k+1].start:sentences[k+1].end], " \"'“‘")
				for _, p := range explainNext[lang] {
					if strings.HasPrefix(next, p) {
						f.drop = true
					}
				}
			}
		}
	}
}

// inBrackets reports whether text[start:end] stands inside a pair of
// brackets of the same sentence.
func inBrackets(text string, start, end int) bool {
	open := strings.LastIndexAny(text[:start], "()")
	if open < 0 || text[open] != '(' {
		return false
	}
	close := strings.IndexAny(text[end:], "()")
	return close >= 0 && text[end+close] == ')' && !strings.ContainsAny(text[open:start], ".?!")
}
