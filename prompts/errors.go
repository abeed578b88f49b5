package prompts

import (
	"errors"

	"github.com/rooscoach/rooscoach/assistant"
)

// ErrorText words err in lang when err's chain holds an [assistant.Error]
// with a Key: the template error.KEY filled in from its Args. It reports
// false for any other error, and for a key no template knows, so that the
// caller keeps the English message.
func ErrorText(lang assistant.Language, err error) (string, bool) {
	var e *assistant.Error
	if !errors.As(err, &e) || e.Key == "" {
		return "", false
	}
	s, rerr := Render(lang, "error."+e.Key, e.Args)
	if rerr != nil || s == "" {
		return "", false
	}
	return s, true
}
