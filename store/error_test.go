package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"testing"

	"github.com/lib/pq"
	"github.com/rooscoach/rooscoach/assistant"
)

func TestDBError(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		wantCode string
	}{
		{"AdminShutdown", &pq.Error{Code: "57P01", Message: "terminating connection due to administrator command"}, assistant.EUnavailable},
		{"StartingUp", &pq.Error{Code: "57P03", Message: "the database system is starting up"}, assistant.EUnavailable},
		{"ConnectionFailure", &pq.Error{Code: "08006"}, assistant.EUnavailable},
		{"TooManyConnections", &pq.Error{Code: "53300"}, assistant.EUnavailable},
		{"Refused", &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}, assistant.EUnavailable},
		{"RefusedText", errors.New("dial tcp 127.0.0.1:1: connect: connection refused"), assistant.EUnavailable},
		{"Reset", fmt.Errorf("read: %w", syscall.ECONNRESET), assistant.EUnavailable},
		{"BadConn", driver.ErrBadConn, assistant.EUnavailable},
		{"EOF", io.EOF, assistant.EUnavailable},
		{"Deadline", fmt.Errorf("dial: %w", context.DeadlineExceeded), assistant.EUnavailable},
		{"Cancelled", context.Canceled, assistant.EInternal},
		{"ForeignKey", &pq.Error{Code: "23503", Constraint: "arrangement_facts_turn_fkey"}, assistant.EInvalid},
		{"Check", &pq.Error{Code: "23514", Constraint: "turns_speaker_check"}, assistant.EInvalid},
		{"UnknownCheck", &pq.Error{Code: "23514", Constraint: "later_check"}, assistant.EInvalid},
		{"DataException", &pq.Error{Code: "22001", Message: "value too long for type character(3)"}, assistant.EInvalid},
		{"Unique", &pq.Error{Code: "23505", Constraint: "calls_agent_id_external_id_key"}, assistant.EConflict},
		{"UniqueTurnIndex", &pq.Error{Code: "23505", Constraint: "turns_call_id_idx_key"}, assistant.EInvalid},
		{"Syntax", &pq.Error{Code: "42601"}, assistant.EInternal},
		{"Other", errors.New("something broke"), assistant.EInternal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := dbError(tt.err, "do %s", "things")
			if got := assistant.ErrorCode(err); got != tt.wantCode {
				t.Errorf("ErrorCode = %q, want %q (err: %v)", got, tt.wantCode, err)
			}
			if !errors.Is(err, tt.err) {
				t.Errorf("%v does not wrap the cause %v", err, tt.err)
			}
			if want := "do things: "; !containsWrap(err, want) {
				t.Errorf("%v lacks the context %q", err, want)
			}
		})
	}
}

// containsWrap reports whether the wrapped error (the cause of an
// *assistant.Error, or err itself) starts with prefix.
func containsWrap(err error, prefix string) bool {
	var e *assistant.Error
	if errors.As(err, &e) && e.Err != nil {
		err = e.Err
	}
	s := err.Error()
	return len(s) >= len(prefix) && s[:len(prefix)] == prefix
}
