package prompts

import "github.com/rooscoach/rooscoach/assistant"

// ImportReason words why a file of an import failed in lang, from the
// template import.CODE. A code no template knows (a newer instance's) is
// worded by its detail, or named.
func ImportReason(lang assistant.Language, r assistant.ImportReason) string {
	s, err := Render(lang, "import."+string(r.Code), r)
	if err != nil || s == "" {
		if r.Detail != "" {
			return r.Detail
		}
		return string(r.Code)
	}
	return s
}
