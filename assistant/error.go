package assistant

import (
	"errors"
	"fmt"
)

// Error codes. The api package maps each to one HTTP status, in one place.
const (
	EInvalid       = "invalid"       // the input is wrong; the message names what
	EUnauthorized  = "unauthorized"  // no token, or one that is not valid (any more)
	EForbidden     = "forbidden"     // the token's role may not do this
	ENotFound      = "not_found"     // no such record, or not the caller's
	EConflict      = "conflict"      // the record exists in another state
	EUnsupported   = "unsupported"   // the content type or format is not accepted
	ETooLarge      = "too_large"     // the body is over the configured limit
	EUnprocessable = "unprocessable" // well-formed but cannot be analysed (unmappable speakers)
	EUnavailable   = "unavailable"   // a dependency (Postgres, the LLM) cannot be reached
	ERateLimited   = "rate_limited"  // more requests than the limit allows; slow down
	EInternal      = "internal"      // a bug or an unexpected failure
)

// Error is an error with a code and a message a person can act on. Err, when
// set, is the underlying cause; it is logged but never shown to users.
type Error struct {
	Code    string
	Message string
	Err     error
	// Key, when set, names the error's wording in every language (the
	// template error.KEY of package prompts), filled in from Args, so that
	// the pages and the API can say it in the reader's language; Message
	// stays the English, which the API answers by default.
	Key  string
	Args map[string]any
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Worded returns an *Error that the pages and the API can say in any
// language: key names its wording and args fill it in; format and fargs
// make the English Message, as [Errorf] does.
func Worded(code, key string, args map[string]any, format string, fargs ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, fargs...), Key: key, Args: args}
}

// ErrorCode returns the code of the first *Error in err's chain, EInternal for
// any other non-nil error and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns the user-facing message of the first *Error in err's
// chain, or a generic one for any other error so that internals never leak.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}
