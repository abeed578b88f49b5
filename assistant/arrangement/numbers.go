package arrangement

import "github.com/rooscoach/rooscoach/assistant"

// Numbers in digits and in words are read by package language, shared with
// the phrasing engine; which separator groups thousands depends on the
// call's language, which only the fact reader knows.

// groupSeparator is the thousands separator of the language's way of writing
// amounts.
func groupSeparator(lang assistant.Language) rune {
	if lang == assistant.Dutch {
		return '.'
	}
	return ','
}
