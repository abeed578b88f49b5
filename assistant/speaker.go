package assistant

// Speaker is who says a turn. Anything other than the agent or the customer is
// rejected by the parsers or mapped onto one of the two by configuration.
type Speaker string

// The two speakers of a collection call.
const (
	Agent    Speaker = "agent"
	Customer Speaker = "customer"
)

// Valid reports whether s is one of the two speakers.
func (s Speaker) Valid() bool { return s == Agent || s == Customer }

// String returns the identifier used in the API and the database.
func (s Speaker) String() string { return string(s) }
