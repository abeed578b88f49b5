package assistant

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
