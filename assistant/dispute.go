package assistant

import "fmt"

// OpenDisputeError says that the label or comment an agent disputes has an
// open dispute already: the trainer answers one at a time, and a second
// would only say the same again. The API answers it as a conflict.
type OpenDisputeError struct {
	ReviewID int64
	TurnID   int64
	// Turn is the turn's number in the call, as people see it.
	Turn  int
	About DisputeAbout
	// DisputeID is the open dispute, when known; a request that lost the
	// race to store one does not learn its id.
	DisputeID int64
}

// Error is the message for the agent, naming what is disputed and saying
// what to do instead.
func (e *OpenDisputeError) Error() string {
	which := "A dispute"
	if e.DisputeID != 0 {
		which = fmt.Sprintf("Dispute %d", e.DisputeID)
	}
	return fmt.Sprintf("%s of the %s of turn %d in review %d is open already; wait for the trainer's answer before disputing it again.",
		which, e.About, e.Turn, e.ReviewID)
}

// Text is the message in lang; English for any language but Dutch.
func (e *OpenDisputeError) Text(lang Language) string {
	if lang != Dutch {
		return e.Error()
	}
	which := "Een bezwaar"
	if e.DisputeID != 0 {
		which = fmt.Sprintf("Bezwaar %d", e.DisputeID)
	}
	what := "het label"
	if e.About == DisputeComment {
		what = "het commentaar"
	}
	return fmt.Sprintf("%s tegen %s van beurt %d in beoordeling %d staat nog open; wacht op het antwoord van de trainer voordat je er opnieuw bezwaar tegen maakt.",
		which, what, e.Turn, e.ReviewID)
}
