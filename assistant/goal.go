package assistant

import (
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Date is a calendar day (midnight UTC), written YYYY-MM-DD.
type Date struct{ time.Time }

// ParseDate reads a YYYY-MM-DD date given as field; a wrong one is an
// EInvalid error that names the field.
func ParseDate(field, s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, Worded(EInvalid, "date", map[string]any{"Field": field, "Value": s},
			"%s %q is not a date; write it as YYYY-MM-DD, such as 2026-12-01.", field, s)
	}
	return Date{t}, nil
}

// DateOf returns the day of t in UTC.
func DateOf(t time.Time) Date {
	y, m, d := t.UTC().Date()
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// String returns the date as YYYY-MM-DD.
func (d Date) String() string { return d.Format(time.DateOnly) }

// MarshalText writes the date as YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// MarshalJSON writes the date as "YYYY-MM-DD". It is needed beside
// MarshalText: the embedded time.Time's own MarshalJSON would win.
func (d Date) MarshalJSON() ([]byte, error) { return []byte(`"` + d.String() + `"`), nil }

// UnmarshalJSON reads "YYYY-MM-DD".
func (d *Date) UnmarshalJSON(b []byte) error {
	s, err := strconv.Unquote(string(b))
	if err == nil {
		var v Date
		if v, err = ParseDate("date", s); err == nil {
			*d = v
			return nil
		}
	}
	// A type error, so that encoding/json names the field's path; the
	// value is quoted back as given, and JSONFormat says what was expected.
	return &json.UnmarshalTypeError{Value: jsonValue(b), Type: reflect.TypeFor[Date]()}
}

// JSONFormat is the form of a date in JSON, for messages about a wrong one.
func (Date) JSONFormat() string { return "a date as YYYY-MM-DD (such as 2026-12-01)" }

// jsonValue describes a JSON value the way encoding/json's type errors do,
// with its text: string "01-12-2026", number 20261201.
func jsonValue(b []byte) string {
	const most = 40
	text := string(b)
	if utf8.RuneCountInString(text) > most {
		text = string([]rune(text)[:most]) + "…"
	}
	switch {
	case strings.HasPrefix(text, `"`):
		return "string " + text
	case text == "true" || text == "false":
		return "bool " + text
	case text == "null":
		return "null"
	case strings.HasPrefix(text, "{"):
		return "object"
	case strings.HasPrefix(text, "["):
		return "array"
	}
	return "number " + text
}

// UnmarshalText reads a YYYY-MM-DD date.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate("date", string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// GoalKind names what a coaching goal measures. Every goal is a share that
// must reach the goal's threshold.
type GoalKind string

// The goals a trainer or lead can set.
const (
	// GoalTargetShare: the share of the agent's turns in the target
	// quadrant (above-together), such as at least 60%.
	GoalTargetShare GoalKind = "target-share"
	// GoalNoEarlyJargon: the share of calls without jargon in the agent's
	// turns of the first two minutes. Calls whose transcript carries no
	// times are not measured.
	GoalNoEarlyJargon GoalKind = "no-early-jargon"
	// GoalClosing: the share of calls that end with a next step and a
	// summary.
	GoalClosing GoalKind = "closing"
	// GoalNoThreats: the share of calls without a threat in the agent's
	// turns.
	GoalNoThreats GoalKind = "no-threats"
	// GoalArrangementOffered: of the calls where the customer stated what
	// they can pay, the share with an arrangement proposed.
	GoalArrangementOffered GoalKind = "arrangement-offered"
)

// GoalKinds lists the goal kinds in a stable order.
var GoalKinds = []GoalKind{GoalTargetShare, GoalNoEarlyJargon, GoalClosing, GoalNoThreats, GoalArrangementOffered}

// Valid reports whether k is one of the goal kinds.
func (k GoalKind) Valid() bool { return slices.Contains(GoalKinds, k) }

// DefaultThreshold is the threshold of a goal of kind k when none is given:
// 60% of turns above-together, and every call for the rules about calls.
func (k GoalKind) DefaultThreshold() float64 {
	if k == GoalTargetShare {
		return 0.6
	}
	return 1
}

// EarlyWindowMS is what "the first two minutes" of GoalNoEarlyJargon means,
// in milliseconds from the start of the call.
const EarlyWindowMS = 120_000

// MaxGoalNoteRunes bounds a goal's note: a sentence or two for the agent.
const MaxGoalNoteRunes = 1000

// Goal is a coaching goal for one agent.
type Goal struct {
	ID      int64    `json:"id"`
	AgentID string   `json:"agent_id"`
	Kind    GoalKind `json:"kind"`
	// Threshold is the share, in (0, 1], the goal asks for.
	Threshold float64 `json:"threshold"`
	// Note says in the coach's words what the goal is about.
	Note     string `json:"note,omitempty"`
	StartsOn Date   `json:"starts_on"`
	// TargetOn is the day by which the goal should be met; optional.
	TargetOn *Date `json:"target_on,omitempty"`
	// EndedOn is set when the goal was withdrawn; it is no longer measured
	// from that day on.
	EndedOn *Date `json:"ended_on,omitempty"`
	// SetBy is the name on the token of whoever set the goal.
	SetBy     string    `json:"set_by,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// Validate checks a goal before it is stored: a known kind, a threshold in
// (0, 1], a target date not before the start and a note of sensible length.
// A threshold not given is the kind's default, set first by the caller.
func (g *Goal) Validate() error {
	if err := CheckID("agent_id", g.AgentID); err != nil {
		return err
	}
	if g.AgentID == "" {
		return Worded(EInvalid, "goal.no-agent", nil, "agent_id is required: name the agent the goal is for.")
	}
	if !g.Kind.Valid() {
		return Worded(EInvalid, "goal.kind", map[string]any{"Kind": string(g.Kind), "Kinds": joinKinds()},
			"goal kind %q is not known; use one of %s.", g.Kind, joinKinds())
	}
	// Every kind is a share, and a share of 0 is met by doing nothing, so a
	// goal asks for more than 0.
	if !(g.Threshold > 0 && g.Threshold <= 1) {
		return Worded(EInvalid, "goal.threshold", map[string]any{
			"Threshold": strconv.FormatFloat(g.Threshold, 'g', -1, 64), "Kind": string(g.Kind),
			"Default": strconv.FormatFloat(g.Kind.DefaultThreshold(), 'g', -1, 64),
		}, "threshold %g is not a share a %s goal can ask for; give a number more than 0 and at most 1, such as 0.6 for 60%%, or leave threshold out for %g.", g.Threshold, g.Kind, g.Kind.DefaultThreshold())
	}
	if g.StartsOn.IsZero() {
		return Worded(EInvalid, "goal.no-start", nil, "starts_on is required: the day from which the goal is measured.")
	}
	if g.TargetOn != nil && g.TargetOn.Before(g.StartsOn.Time) {
		return Worded(EInvalid, "goal.target-before-start", map[string]any{"TargetOn": g.TargetOn.String(), "StartsOn": g.StartsOn.String()},
			"target_on %s is before starts_on %s.", g.TargetOn, g.StartsOn)
	}
	if n := utf8.RuneCountInString(g.Note); n > MaxGoalNoteRunes {
		return Worded(EInvalid, "goal.note-long", map[string]any{"N": n, "Max": MaxGoalNoteRunes},
			"note is %d characters long; a goal's note may have at most %d.", n, MaxGoalNoteRunes)
	}
	if i, ok := ControlAt(g.Note); ok {
		return Worded(EInvalid, "goal.note-control", map[string]any{"Pos": i + 1}, "note holds a control character at position %d; remove it.", i+1)
	}
	return nil
}

// ActiveIn reports whether g is measured in the period [from, to): it
// started before the period ends and was not withdrawn before it began.
func (g *Goal) ActiveIn(from, to time.Time) bool {
	if !g.StartsOn.Before(to) {
		return false
	}
	return g.EndedOn == nil || g.EndedOn.After(from)
}

func joinKinds() string {
	s := make([]string, len(GoalKinds))
	for i, k := range GoalKinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// GoalOverlap is the conflict of setting goal g while old, a goal of the
// agent of the same kind, is still measured on g's first day: old is
// named, with when it ends if it does.
func GoalOverlap(g, old Goal) *Error {
	args := map[string]any{"Agent": g.AgentID, "Kind": string(g.Kind), "Goal": old.ID, "StartsOn": old.StartsOn.String()}
	if old.EndedOn == nil {
		return Worded(EConflict, "goal.overlap", args,
			"Agent %s has a %s goal already: goal %d, measured since %s. End it first (POST /v1/goals/%d/end), then set the new one.", g.AgentID, g.Kind, old.ID, old.StartsOn, old.ID)
	}
	args["EndedOn"] = old.EndedOn.String()
	return Worded(EConflict, "goal.overlap-until", args,
		"Agent %s has a %s goal until %s: goal %d. Let the new goal start on %s or later.", g.AgentID, g.Kind, old.EndedOn, old.ID, old.EndedOn)
}

// GoalEnded is the conflict of ending goal id, which ended on on already.
func GoalEnded(id int64, on Date) *Error {
	return Worded(EConflict, "goal.ended", map[string]any{"Goal": id, "EndedOn": on.String()}, "goal %d ended on %s already.", id, on)
}
