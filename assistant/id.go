package assistant

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxIDRunes bounds the identifiers a caller gives (agent_id, team_id,
// external_id, account references). Dialler and platform ids are far
// shorter; a longer one is a mistake, and Postgres cannot index one of a few
// thousand characters.
const MaxIDRunes = 200

// CheckID reports whether v may be used as the identifier called field. An
// empty v passes: whether one is required is the caller's rule. It refuses
// an id of only spaces, control and format characters (see idControlAt)
// and more than MaxIDRunes characters, each with an EInvalid error naming
// the field.
func CheckID(field, v string) error {
	if v == "" {
		return nil
	}
	if strings.TrimSpace(v) == "" {
		return Worded(EInvalid, "id.spaces", map[string]any{"Field": field}, "%s is only spaces; give the identifier itself.", field)
	}
	if n := utf8.RuneCountInString(v); n > MaxIDRunes {
		return Worded(EInvalid, "id.long", map[string]any{"Field": field, "N": n, "Max": MaxIDRunes},
			"%s is %d characters long; identifiers may have at most %d.", field, n, MaxIDRunes)
	}
	if !utf8.ValidString(v) {
		return Worded(EInvalid, "id.utf8", map[string]any{"Field": field}, "%s is not valid UTF-8.", field)
	}
	if i, r, ok := idControlAt(v); ok {
		return Worded(EInvalid, "id.control", map[string]any{"Field": field, "Rune": fmt.Sprintf("%U", r), "Pos": i + 1},
			"%s holds a control character (%U) at position %d; remove it.", field, r, i+1)
	}
	return nil
}

// idControlAt returns the rune offset of the first character an identifier
// may not hold: any control character, tab and line breaks included (text
// may hold them, an id may not: it is shown on one line, in logs and file
// names), and the invisible format characters and line separators of
// Unicode, which would make two ids that look the same differ.
func idControlAt(s string) (int, rune, bool) {
	i := 0
	for _, r := range s {
		if unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp) {
			return i, r, true
		}
		i++
	}
	return 0, 0, false
}

// ControlAt returns the rune offset of the first control character in s
// other than tab, line feed, carriage return and form feed, which text may
// hold. Such characters (NUL above all) are never speech, and Postgres
// refuses NUL in text.
func ControlAt(s string) (int, bool) {
	i := 0
	for _, r := range s {
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' && r != '\f' {
			return i, true
		}
		i++
	}
	return 0, false
}

// EarliestCall is the earliest time a call may have occurred: rooscoach
// coaches calls of today's agents, and a date before it is a mistake, such
// as a zero date a client sent for "unknown".
var EarliestCall = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// clockSkew is how far in the future a call's time may lie, for clocks that
// run a little ahead.
const clockSkew = 24 * time.Hour

// CheckOccurredAt reports whether t is a sensible time for a call that has
// taken place by now: not before EarliestCall and not more than a day
// ahead of now. A call dated in 9999 would sort first in every listing for
// ever.
func CheckOccurredAt(t, now time.Time) error {
	if t.Before(EarliestCall) {
		return Errorf(EInvalid, "occurred_at %s is before %s; give the time the call took place, or leave it out.", t.Format(time.RFC3339), EarliestCall.Format(time.DateOnly))
	}
	if t.After(now.Add(clockSkew)) {
		return Errorf(EInvalid, "occurred_at %s is in the future; give the time the call took place, or leave it out.", t.Format(time.RFC3339))
	}
	return nil
}

// Validate checks the metadata of t against now: its identifiers, the
// customer's time zone, the jurisdiction (which it writes in its one form:
// "GB" becomes "uk") and the time the call took place. The turns were
// checked by the parser.
func (t *Transcript) Validate(now time.Time) error {
	for _, f := range []struct{ name, v string }{
		{"agent_id", t.AgentID}, {"team_id", t.TeamID}, {"external_id", t.ExternalID}, {"account_ref", t.AccountRef},
	} {
		if err := CheckID(f.name, f.v); err != nil {
			return err
		}
	}
	if _, err := CheckTimeZone("time_zone", t.TimeZone); err != nil {
		return err
	}
	j, err := ParseJurisdiction(t.Jurisdiction)
	if err != nil {
		return err
	}
	t.Jurisdiction = j
	if !t.OccurredAt.IsZero() {
		return CheckOccurredAt(t.OccurredAt, now)
	}
	return nil
}
