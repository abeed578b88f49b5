package api

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/assistant/strictjson"
	"github.com/rooscoach/rooscoach/assistant/transcript"
)

// mediaType returns the request's media type without parameters. A charset
// other than UTF-8 is refused by name: rooscoach reads UTF-8 only, and text
// read in the wrong charset would be analysed as gibberish.
func mediaType(c echo.Context) (string, error) {
	ct := c.Request().Header.Get(echo.HeaderContentType)
	if ct == "" {
		return "", nil
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return "", assistant.Errorf(assistant.EUnsupported, "Content-Type %q cannot be read; send application/json, text/plain or text/vtt.", ct)
	}
	if cs, ok := params["charset"]; ok {
		switch strings.ToLower(cs) {
		case "utf-8", "utf8", "us-ascii":
		default:
			return "", assistant.Errorf(assistant.EUnsupported, "charset=%s is not accepted; rooscoach reads UTF-8 only. Save the text as UTF-8 and send charset=utf-8, or no charset.", cs)
		}
	}
	return mt, nil
}

// readBody reads the whole body under the configured limit, undoing a gzip
// Content-Encoding first (the limit applies to what it unpacks to). An empty
// body is an error: every POST route needs one.
func (s *Server) readBody(c echo.Context) ([]byte, error) {
	req := c.Request()
	var body io.Reader = req.Body
	switch enc := strings.ToLower(strings.TrimSpace(req.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
		if req.ContentLength > s.cfg.BodyLimit {
			return nil, &http.MaxBytesError{Limit: s.cfg.BodyLimit}
		}
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(http.MaxBytesReader(c.Response(), req.Body, s.cfg.BodyLimit))
		if err != nil {
			return nil, &assistant.Error{Code: assistant.EInvalid, Message: "The body says it is gzip-encoded but is not gzip.", Err: err}
		}
		defer zr.Close()
		body = zr
	default:
		return nil, assistant.Errorf(assistant.EUnsupported, "Content-Encoding %q is not accepted; send the body as it is, or gzip-encoded.", enc)
	}
	data, err := io.ReadAll(http.MaxBytesReader(c.Response(), io.NopCloser(body), s.cfg.BodyLimit))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, err
		}
		return nil, &assistant.Error{Code: assistant.EInvalid, Message: "The request body could not be read completely.", Err: err}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errEmptyBody
	}
	return data, nil
}

// errEmptyBody is readBody's error for a body with nothing in it.
var errEmptyBody = assistant.Errorf(assistant.EInvalid, "The request body is empty.")

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

// transcriptInput reads a transcript body with its metadata from the query.
func (s *Server) transcriptInput(c echo.Context) (coach.Input, error) {
	mt, err := mediaType(c)
	if err != nil {
		return coach.Input{}, err
	}
	media, ok := transcriptMediaTypes[mt]
	if !ok {
		return coach.Input{}, assistant.Errorf(assistant.EUnsupported, "Content-Type %q is not accepted; send application/json, text/plain or text/vtt.", mt)
	}
	opts, err := transcriptOptions(c)
	if err != nil {
		return coach.Input{}, err
	}
	data, err := s.readBody(c)
	if err != nil {
		if assistant.ErrorCode(err) == assistant.EInvalid {
			return coach.Input{}, assistant.Errorf(assistant.EInvalid, "%s Send a transcript: plain text, JSON, WebVTT or a platform export.", assistant.ErrorMessage(err))
		}
		return coach.Input{}, err
	}
	if !utf8.Valid(data) {
		return coach.Input{}, assistant.Errorf(assistant.EInvalid, "The body is not valid UTF-8 text; save the transcript as UTF-8.")
	}
	engine, err := engineParam(c)
	if err != nil {
		return coach.Input{}, err
	}
	policy := c.QueryParam("policy")
	if err := assistant.CheckID("policy", policy); err != nil {
		return coach.Input{}, err
	}
	return coach.Input{Data: data, MediaType: media, Options: opts, Engine: engine, PolicyID: policy}, nil
}

// engineParam reads the engine query parameter: builtin, llm or auto, or
// the server's default when it is absent.
func engineParam(c echo.Context) (assistant.EngineChoice, error) {
	return assistant.ParseEngineChoice(c.QueryParam("engine"))
}

// transcriptOptions reads the metadata query parameters of the transcript
// routes.
func transcriptOptions(c echo.Context) (transcript.Options, error) {
	q := c.QueryParams()
	opts := transcript.Options{
		Format:          q.Get("format"),
		ExternalID:      q.Get("external_id"),
		AgentID:         q.Get("agent_id"),
		TeamID:          q.Get("team_id"),
		AccountRef:      q.Get("account_ref"),
		TimeZone:        q.Get("time_zone"),
		AgentSpeaker:    cmp.Or(q.Get("agent"), q.Get("agent_speaker")),
		CustomerSpeaker: cmp.Or(q.Get("customer"), q.Get("customer_speaker")),
	}
	for _, f := range []struct{ name, v string }{{"agent_id", opts.AgentID}, {"external_id", opts.ExternalID}, {"team_id", opts.TeamID}, {"account_ref", opts.AccountRef}} {
		if err := assistant.CheckID(f.name, f.v); err != nil {
			return opts, err
		}
	}
	if _, err := assistant.CheckTimeZone("time_zone", opts.TimeZone); err != nil {
		return opts, err
	}
	j, err := assistant.ParseJurisdiction(q.Get("jurisdiction"))
	if err != nil {
		return opts, err
	}
	opts.Jurisdiction = j
	lang, err := assistant.ParseLanguage(q.Get("language"))
	if err != nil {
		return opts, err
	}
	opts.Language = lang
	if v := q.Get("occurred_at"); v != "" {
		t, err := parseTime(v)
		if err != nil {
			return opts, assistant.Errorf(assistant.EInvalid, "occurred_at %q is not a date or time; use RFC 3339 such as 2026-11-23T10:15:00+01:00.%s", v, assistant.PlusHint(v))
		}
		if t.Before(assistant.EarliestCall) {
			return opts, assistant.CheckOccurredAt(t, t)
		}
		opts.OccurredAt = t
	}
	if opts.Format != "" && !transcript.KnownFormat(opts.Format) {
		return opts, assistant.Errorf(assistant.EInvalid, "format %q is not known; use one of %s.", opts.Format, strings.Join(transcript.Formats, ", "))
	}
	return opts, nil
}

// parseTime accepts RFC 3339 or a plain date (midnight UTC).
func parseTime(v string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	return time.Parse(time.DateOnly, v)
}

// decodeJSON decodes a JSON body into v, strictly (see package strictjson).
func (s *Server) decodeJSON(c echo.Context, v any) error {
	// curl -d sends its form type by default; the body decides whether it is
	// JSON, as for transcripts.
	mt, err := mediaType(c)
	if err != nil {
		return err
	}
	if mt != "" && mt != "application/json" && mt != "application/x-www-form-urlencoded" {
		return assistant.Errorf(assistant.EUnsupported, "Content-Type %q is not accepted here; send application/json.", mt)
	}
	data, err := s.readBody(c)
	if err != nil {
		if assistant.ErrorCode(err) == assistant.EInvalid {
			return &assistant.Error{Code: assistant.EInvalid, Message: assistant.ErrorMessage(err) + " Send a JSON object.", Err: err}
		}
		return err
	}
	return strictjson.Decode(data, v)
}

// decodeOptionalJSON is decodeJSON for a route whose body may be left
// out: no body, or one of white space only, leaves v as it is.
func (s *Server) decodeOptionalJSON(c echo.Context, v any) error {
	if c.Request().ContentLength == 0 {
		// Nothing sent, whatever the Content-Type says.
		return nil
	}
	err := s.decodeJSON(c, v)
	if errors.Is(err, errEmptyBody) {
		return nil
	}
	return err
}
