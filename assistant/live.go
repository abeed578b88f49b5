package assistant

import (
	"context"
	"fmt"
	"time"
)

// LiveMode says which events a live session shows the agent.
type LiveMode string

// Live session modes.
const (
	// LiveFull shows every event: the stance of each turn, tips,
	// alerts, reminders and cards. The default.
	LiveFull LiveMode = "full"
	// LiveQuiet shows only alerts and red flags, for experienced agents
	// who find routine tips a distraction.
	LiveQuiet LiveMode = "quiet"
)

// Valid reports whether m is a known mode.
func (m LiveMode) Valid() bool { return m == LiveFull || m == LiveQuiet }

// EventType says what a live event is.
type EventType string

// Live event types.
const (
	// EventStance: the stance of a final turn.
	EventStance EventType = "stance"
	// EventTip: plainer, warmer wording and the headline tip for an agent
	// turn.
	EventTip EventType = "tip"
	// EventAlert: the call is tipping (see the alert kinds).
	EventAlert EventType = "alert"
	// EventClosing: the call is ending without a summary, a next step or
	// a warm close.
	EventClosing EventType = "closing-reminder"
	// EventArrangement: the customer said what they can pay and when they
	// are paid; options that fit, with what to say.
	EventArrangement EventType = "arrangement"
	// EventReferral: vulnerability was heard; breathing space and free
	// debt help, or the crisis line.
	EventReferral EventType = "referral"
	// EventEnded: the session ended and its record was stored.
	EventEnded EventType = "ended"
	// EventError: an utterance was refused; only its sender sees it.
	EventError EventType = "error"
	// EventWarning: something the session could not do; it goes on
	// (see the warning kinds). Shown in every mode, never stored.
	EventWarning EventType = "warning"
)

// Warning kinds.
const (
	// WarningExternalIDUnchecked: the database could not say whether the
	// session's external id belongs to a stored call; the session opened
	// all the same, and its end may be refused if it does.
	WarningExternalIDUnchecked = "external-id-unchecked"
)

// EventTypes lists the event types a record may hold.
var EventTypes = []EventType{EventStance, EventTip, EventAlert, EventClosing, EventArrangement, EventReferral, EventEnded}

// Alert kinds: how a call tips.
const (
	// AlertOpposition: the customer moved into opposition right after an
	// agent turn above-opposed.
	AlertOpposition = "opposition-after-opposed"
	// AlertHardship: the agent grew more dominant or more opposed right
	// after the customer named hardship (a job loss, an illness, a
	// bereavement…), by the rule of the call analysis's hardship flag
	// ([FlagHardship]). The kind keeps its first name, which stored
	// records and clients know.
	AlertHardship = "dominance-after-hardship"
	// AlertCrisis: the customer spoke of self-harm or suicide.
	AlertCrisis = "crisis"
)

// LiveEvent is what a live session showed the agent, as the record keeps
// it.
type LiveEvent struct {
	// Seq numbers the events of a session from 1, in the order shown; an
	// error event, which only its client sees, has none (0, left out).
	Seq  int       `json:"seq,omitempty"`
	Type EventType `json:"type"`
	// Turn is the index of the turn the event belongs to; -1 for none.
	Turn int `json:"turn"`
	// Kind refines the type: the alert kind, the tip kind.
	Kind string `json:"kind,omitempty"`
	// RedFlag marks what quiet mode shows: alerts, a crisis or a threat
	// in the agent's words, a referral.
	RedFlag bool `json:"red_flag,omitempty"`
	// Text is what the agent was shown, in the call's language.
	Text string    `json:"text"`
	At   time.Time `json:"at"`
}

// How a live session ended.
const (
	EndedByClient   = "ended"    // POST /v1/sessions/{id}/end
	EndedIdle       = "idle"     // nothing came in for the idle time
	EndedOnShutdown = "shutdown" // the server stopped
)

// LiveSession is the note on a coaching record that it came from a live
// session, with what was shown when.
type LiveSession struct {
	SessionID string    `json:"session_id"`
	Mode      LiveMode  `json:"mode"`
	OpenedAt  time.Time `json:"opened_at"`
	EndedAt   time.Time `json:"ended_at"`
	// EndReason is EndedByClient, EndedIdle or EndedOnShutdown.
	EndReason string `json:"end_reason"`
	// Utterances counts the final utterances received and the pending
	// partials kept as turns when the session ended, Partials the
	// partial utterances received.
	Utterances int `json:"utterances"`
	Partials   int `json:"partials"`
	// Events are the tips, alerts, reminders and cards shown, in order;
	// the stance of each turn is in the turns.
	Events []LiveEvent `json:"events"`
}

// The parts of the analysis a live session asks for one at a time, each
// from the primary engine where it offers the part and from the built-in
// one otherwise, as in [Analyzer.Analyze].

// Classify returns the stance of every turn of a live call so far (or of
// its last turns).
func (a *Analyzer) Classify(ctx context.Context, turns []Turn, lang Language) ([]Stance, error) {
	stances, _, err := runPart(ctx, a, PartStance, func(e Engine) bool { return e.Stance != nil },
		func(ctx context.Context, e Engine) ([]Stance, error) {
			return classify(ctx, e, turns, lang)
		})
	return stances, err
}

// CheckClosing judges how the call so far ends.
func (a *Analyzer) CheckClosing(ctx context.Context, turns []Turn, lang Language) (ClosingCheck, error) {
	c, _, err := runPart(ctx, a, PartClosing, func(e Engine) bool { return e.Closing != nil },
		func(ctx context.Context, e Engine) (ClosingCheck, error) {
			c, err := e.Closing.CheckClosing(ctx, turns, lang)
			if err != nil {
				return c, fmt.Errorf("check closing: %w", err)
			}
			return c, nil
		})
	return c, err
}

// ReadFacts reads the facts of turns.
func (a *Analyzer) ReadFacts(ctx context.Context, turns []Turn, lang Language) ([]Fact, error) {
	facts, _, err := runPart(ctx, a, PartFacts, func(e Engine) bool { return e.Facts != nil },
		func(ctx context.Context, e Engine) ([]Fact, error) {
			f, err := e.Facts.ReadFacts(ctx, turns, lang)
			if err != nil {
				return nil, fmt.Errorf("read facts: %w", err)
			}
			return f, nil
		})
	return facts, err
}

// Advise reads the facts of the call so far and plans arrangements on
// them. jurisdiction is the one named for the call or its team, "" for
// none; the installation's default comes after it, as in [Analyzer.Analyze].
func (a *Analyzer) Advise(ctx context.Context, turns []Turn, lang Language, jurisdiction string) (ArrangementAdvice, error) {
	facts, err := a.ReadFacts(ctx, turns, lang)
	if err != nil {
		return ArrangementAdvice{}, err
	}
	adv, err := a.Adviser.Advise(ctx, facts, lang, a.namedJurisdiction(jurisdiction))
	if err != nil {
		return ArrangementAdvice{}, fmt.Errorf("advise arrangement: %w", err)
	}
	return adv, nil
}

// ExternalIDTaken is the conflict of opening a live session of agentID
// under externalID, the id of the agent's stored call callID.
func ExternalIDTaken(externalID string, callID int64, agentID string) *Error {
	return Worded(EConflict, "live.external-id", map[string]any{"ExternalID": externalID, "Call": callID, "Agent": agentID},
		"external_id %q belongs to call %d of agent %s already: a call is coached once per agent "+
			"(a teammate the call is transferred to opens their own session under it). Open the session with this call's own id, "+
			"or without external_id to file its record under the session's own id.", externalID, callID, agentID)
}

// EndExternalIDTaken is the conflict of a client's end of a live session
// whose record would be filed under externalID, the id of stored call
// callID: the session's turns turns were not stored and it stays open.
func EndExternalIDTaken(externalID string, callID int64, turns int) *Error {
	return Worded(EConflict, "live.end-external-id", map[string]any{"ExternalID": externalID, "Call": callID, "Turns": turns},
		"external_id %q belongs to call %d already, so this session's %d turns were not stored under it. The session stays open: "+
			"end it again with another external_id, or with \"external_id\": \"\" to store it under the session's own id.", externalID, callID, turns)
}

// SessionEnding is the conflict of an utterance to live session id while
// it is being ended.
func SessionEnding(id string) *Error {
	return Worded(EConflict, "live.ending", map[string]any{"Session": id}, "Session %s is ending; it takes no more utterances.", id)
}

// SessionEnded is the conflict of a request to live session id, which has
// ended; callID is its stored record, 0 when nothing was stored.
func SessionEnded(id string, callID int64) *Error {
	record := ""
	if callID != 0 {
		record = fmt.Sprintf("; its record is /v1/calls/%d", callID)
	}
	return Worded(EConflict, "live.ended", map[string]any{"Session": id, "Call": callID},
		"Session %s has ended%s. Open a new session for a new call.", id, record)
}
