package store

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// cursor is the position after which the next page starts.
type cursor struct {
	occurredAt time.Time
	id         int64
}

// encodeCursor makes the opaque NextCursor: microseconds (Postgres's
// precision, so the comparison is exact) and id, base64url-encoded.
func encodeCursor(c cursor) string {
	s := strconv.FormatInt(c.occurredAt.UnixMicro(), 10) + "." + strconv.FormatInt(c.id, 10)
	return base64.RawURLEncoding.EncodeToString([]byte(s))
}

// decodeCursor reads a cursor made by encodeCursor.
func decodeCursor(s string) (*cursor, error) {
	invalid := assistant.Errorf(assistant.EInvalid, "cursor is not valid")
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, invalid
	}
	micros, id, ok := strings.Cut(string(b), ".")
	if !ok {
		return nil, invalid
	}
	us, err := strconv.ParseInt(micros, 10, 64)
	if err != nil {
		return nil, invalid
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return nil, invalid
	}
	at := time.UnixMicro(us).UTC()
	// Only a cursor this store made is accepted; a forged one far outside
	// Postgres's timestamp range would otherwise fail inside the query.
	if at.Year() < 1 || at.Year() > 9999 {
		return nil, invalid
	}
	return &cursor{occurredAt: at, id: n}, nil
}
