package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/transcript"
)

// readBody reads the whole body under the configured limit. An empty body
// is an error: every POST route needs one.
func (s *Server) readBody(c echo.Context) ([]byte, error) {
	req := c.Request()
	if req.ContentLength > s.cfg.BodyLimit {
		return nil, &http.MaxBytesError{Limit: s.cfg.BodyLimit}
	}
	data, err := io.ReadAll(http.MaxBytesReader(c.Response(), req.Body, s.cfg.BodyLimit))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, err
		}
		return nil, &assistant.Error{Code: assistant.EInvalid, Message: "The request body could not be read completely.", Err: err}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, assistant.Errorf(assistant.EInvalid, "The request body is empty.")
	}
	return data, nil
}

// transcriptMediaTypes are the content types a transcript may come as. The
// ones that say nothing about the content (curl's default form type, octet
// streams, none at all) let the parser detect the format.
var transcriptMediaTypes = map[string]string{
	"application/json":                  "application/json",
	"text/plain":                        "text/plain",
	"text/vtt":                          "text/vtt",
	"application/x-subrip":              "",
	"text/srt":                          "",
	"":                                  "",
	"application/octet-stream":          "",
	"application/x-www-form-urlencoded": "",
}

// parseTranscript reads a transcript body with its metadata from the query.
func (s *Server) parseTranscript(c echo.Context) (*assistant.Transcript, error) {
	ct := c.Request().Header.Get(echo.HeaderContentType)
	mt := ""
	if ct != "" {
		var err error
		mt, _, err = mime.ParseMediaType(ct)
		if err != nil {
			return nil, assistant.Errorf(assistant.EUnsupported, "Content-Type %q cannot be read; send application/json, text/plain or text/vtt.", ct)
		}
	}
	mediaType, ok := transcriptMediaTypes[mt]
	if !ok {
		return nil, assistant.Errorf(assistant.EUnsupported, "Content-Type %q is not accepted; send application/json, text/plain or text/vtt.", mt)
	}
	opts, err := transcriptOptions(c)
	if err != nil {
		return nil, err
	}
	data, err := s.readBody(c)
	if err != nil {
		if assistant.ErrorCode(err) == assistant.EInvalid {
			return nil, assistant.Errorf(assistant.EInvalid, "%s Send a transcript: plain text, JSON, WebVTT or a platform export.", assistant.ErrorMessage(err))
		}
		return nil, err
	}
	if !utf8.Valid(data) {
		return nil, assistant.Errorf(assistant.EInvalid, "The body is not valid UTF-8 text; save the transcript as UTF-8.")
	}
	t, err := transcript.Parse(data, mediaType, opts)
	if err != nil {
		return nil, fmt.Errorf("parse transcript: %w", err)
	}
	// A call filed under another agent than the caller asked for would be
	// lost to the team lead who looks for it: refuse the contradiction.
	for _, f := range []struct{ name, query, body string }{
		{"agent_id", opts.AgentID, t.AgentID},
		{"external_id", opts.ExternalID, t.ExternalID},
	} {
		if f.query != "" && f.body != f.query {
			return nil, assistant.Errorf(assistant.EInvalid, "%s is %q in the query but %q in the body; send one of them, or the same in both.", f.name, f.query, f.body)
		}
	}
	return t, nil
}

// transcriptOptions reads the metadata query parameters of the transcript
// routes.
func transcriptOptions(c echo.Context) (transcript.Options, error) {
	q := c.QueryParams()
	opts := transcript.Options{
		Format:          q.Get("format"),
		ExternalID:      q.Get("external_id"),
		AgentID:         q.Get("agent_id"),
		AgentSpeaker:    firstOf(q.Get("agent"), q.Get("agent_speaker")),
		CustomerSpeaker: firstOf(q.Get("customer"), q.Get("customer_speaker")),
	}
	if l := q.Get("language"); l != "" && l != "auto" {
		opts.Language = assistant.Language(strings.ToLower(l))
		if !opts.Language.Valid() {
			return opts, assistant.Errorf(assistant.EInvalid, "language %q is not supported; use nl, en or auto.", l)
		}
	}
	if v := q.Get("occurred_at"); v != "" {
		t, err := parseTime(v)
		if err != nil {
			return opts, assistant.Errorf(assistant.EInvalid, "occurred_at %q is not a date or time; use RFC 3339 such as 2026-11-23T10:15:00+01:00.", v)
		}
		opts.OccurredAt = t
	}
	if opts.Format != "" && !transcript.KnownFormat(opts.Format) {
		return opts, assistant.Errorf(assistant.EInvalid, "format %q is not known; use one of %s.", opts.Format, strings.Join(transcript.Formats, ", "))
	}
	return opts, nil
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// parseTime accepts RFC 3339 or a plain date (midnight UTC).
func parseTime(v string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	return time.Parse(time.DateOnly, v)
}

// decodeJSON decodes a JSON body into v and names what is wrong when it
// cannot: the position of a syntax error, the field of a type error, an
// unknown field.
func (s *Server) decodeJSON(c echo.Context, v any) error {
	// curl -d sends its form type by default; the body decides whether it is
	// JSON, as for transcripts.
	if mt, _, _ := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType)); mt != "" && mt != "application/json" && mt != "application/x-www-form-urlencoded" {
		return assistant.Errorf(assistant.EUnsupported, "Content-Type %q is not accepted here; send application/json.", mt)
	}
	data, err := s.readBody(c)
	if err != nil {
		if assistant.ErrorCode(err) == assistant.EInvalid {
			return assistant.Errorf(assistant.EInvalid, "%s Send a JSON object.", assistant.ErrorMessage(err))
		}
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(data, err)
	}
	if dec.More() {
		return assistant.Errorf(assistant.EInvalid, "The body holds more than one JSON value; send one object.")
	}
	return nil
}

func jsonError(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := position(data, syn.Offset)
		return assistant.Errorf(assistant.EInvalid, "The body is not valid JSON: %s at line %d, column %d.", syn.Error(), line, col)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return assistant.Errorf(assistant.EInvalid, "The body must be a JSON object, not a JSON %s.", typ.Value)
		}
		return assistant.Errorf(assistant.EInvalid, "Field %s must be %s, not a JSON %s.", typ.Field, jsonKind(typ.Type), typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return assistant.Errorf(assistant.EInvalid, "The body is not valid JSON: it ends too early.")
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		return assistant.Errorf(assistant.EInvalid, "The body has an %s; check the spelling against the API.", strings.TrimPrefix(err.Error(), "json: "))
	}
	return &assistant.Error{Code: assistant.EInvalid, Message: "The body is not valid JSON: " + err.Error(), Err: err}
}

func position(data []byte, offset int64) (line, col int) {
	line, col = 1, 1
	for i, b := range data {
		if int64(i) >= offset-1 {
			break
		}
		if b == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

// jsonKind names a Go type the way the JSON it is read from looks.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number (money is in cents)"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return "an object"
}
