package assistant

import "strings"

// Language is the language of a call or a turn, as an ISO 639-1 code.
type Language string

// The languages rooscoach speaks. Both are first-class: every rule, lexicon and
// template exists in both.
const (
	Dutch   Language = "nl"
	English Language = "en"
)

// Languages lists the supported languages in a stable order.
var Languages = []Language{Dutch, English}

// Valid reports whether l is a supported language.
func (l Language) Valid() bool { return l == Dutch || l == English }

// String returns the ISO 639-1 code.
func (l Language) String() string { return string(l) }

// ParseLanguage reads a language as people and sources write it: "nl", "NL",
// regional tags such as "nl-NL", "nl_BE", "en-GB" and "en-US", the ISO 639-2
// codes and the languages' names. "" and "auto" mean "detect it" and return
// "". Every route, flag and file format reads languages through this one
// function, so that what one accepts the others accept too.
//
// Anything else is an EInvalid error (see [UnsupportedLanguage]).
func ParseLanguage(s string) (Language, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(v, "-_"); i > 0 {
		v = v[:i]
	}
	switch v {
	case "", "auto":
		return "", nil
	case "nl", "nld", "dut", "dutch", "nederlands", "vlaams":
		return Dutch, nil
	case "en", "eng", "english", "engels":
		return English, nil
	}
	return "", UnsupportedLanguage(s)
}

// UnsupportedLanguage is the one error for a language rooscoach does not
// speak, whatever route, flag or file named it.
func UnsupportedLanguage(s string) *Error {
	return Errorf(EInvalid, "language %q is not supported: rooscoach speaks nl and en (regional tags such as nl-BE or en-GB are read as nl and en); leave it out or send auto to detect it.", s)
}
