package assistant

import (
	"strings"
	"time"
	"unicode/utf8"

	// The customer's time zone must be known wherever rooscoach runs,
	// also on a machine without the system's zone files.
	_ "time/tzdata"
)

// MaxTimeZoneRunes bounds a time zone name; the longest IANA names
// ("America/Argentina/ComodRivadavia") are about half as long.
const MaxTimeZoneRunes = 64

// CheckTimeZone reports whether v may be used as the customer's time zone
// called field: an IANA name such as "Europe/Amsterdam", "Europe/London",
// "America/New_York" or "UTC". An empty v passes. "Local" is refused, since
// it would mean the server's zone, not the customer's.
func CheckTimeZone(field, v string) (*time.Location, error) {
	if v == "" {
		return nil, nil
	}
	if n := utf8.RuneCountInString(v); n > MaxTimeZoneRunes {
		return nil, Errorf(EInvalid, "%s is %d characters long; a time zone name has at most %d.", field, n, MaxTimeZoneRunes)
	}
	if !utf8.ValidString(v) {
		return nil, Errorf(EInvalid, "%s is not valid UTF-8.", field)
	}
	if i, ok := ControlAt(v); ok {
		return nil, Errorf(EInvalid, "%s holds a control character at position %d; remove it.", field, i+1)
	}
	if strings.EqualFold(v, "local") || strings.TrimSpace(v) != v {
		return nil, Errorf(EInvalid, "%s %q is not a time zone; give the customer's IANA time zone, such as Europe/Amsterdam, Europe/London or America/New_York.", field, v)
	}
	loc, err := time.LoadLocation(v)
	if err != nil {
		return nil, Errorf(EInvalid, "%s %q is not a time zone; give the customer's IANA time zone, such as Europe/Amsterdam, Europe/London or America/New_York.", field, v)
	}
	return loc, nil
}

// ParseJurisdiction reads a jurisdiction as people write it: "nl", "NL",
// "uk", "GB" (read as uk), "us", "USA" (read as us), or a team's own code of
// letters. "" and "auto" mean "infer it" and return "". Whether a rule pack
// exists for the code is the compliance checker's to say.
func ParseJurisdiction(s string) (string, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	switch v {
	case "", "auto":
		return "", nil
	case "gb", "gbr", "united kingdom":
		return "uk", nil
	case "usa", "united states":
		return "us", nil
	case "nld", "netherlands", "nederland":
		return "nl", nil
	}
	if len(v) < 2 || len(v) > 16 {
		return "", Errorf(EInvalid, "jurisdiction %q is not known: use nl, uk or us (or the code of your team's own rule pack), or leave it out to infer it from the call.", s)
	}
	for _, r := range v {
		if (r < 'a' || r > 'z') && r != '-' {
			return "", Errorf(EInvalid, "jurisdiction %q is not known: use nl, uk or us (or the code of your team's own rule pack), or leave it out to infer it from the call.", s)
		}
	}
	return v, nil
}
