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

// encodeKeyCursor makes the NextCursor of a list ordered by one key (an id
// or a name), so that callers treat every cursor as opaque.
func encodeKeyCursor(key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte("k:" + key))
}

// decodeKeyCursor reads a cursor made by encodeKeyCursor.
func decodeKeyCursor(s string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || !strings.HasPrefix(string(b), "k:") || len(b) == 2 {
		return "", assistant.Errorf(assistant.EInvalid, "cursor is not valid")
	}
	return string(b[2:]), nil
}

// decodeIDCursor reads a cursor made by encodeKeyCursor from a record id.
func decodeIDCursor(s string) (int64, error) {
	key, err := decodeKeyCursor(s)
	if err != nil {
		return 0, err
	}
	id, err := strconv.ParseInt(key, 10, 64)
	if err != nil || id <= 0 {
		return 0, assistant.Errorf(assistant.EInvalid, "cursor is not valid")
	}
	return id, nil
}
