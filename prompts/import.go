package prompts

import "github.com/rooscoach/rooscoach/assistant"

// ImportReason words why a file of an import failed in lang, from the
// template import.CODE. A code no template knows (a newer instance's) is
// worded by its detail, or named. The transcript reader's problem, when
// the reason has one, is worded in lang in an import's settings, and
// given to the template as Detail instead of its English.
func ImportReason(lang assistant.Language, r assistant.ImportReason) string {
	if r.Read != nil {
		r.Detail = ReadProblem(lang, "import", *r.Read)
	}
	s, err := Render(lang, "import."+string(r.Code), r)
	if err != nil || s == "" {
		if r.Detail != "" {
			return r.Detail
		}
		return string(r.Code)
	}
	return s
}
