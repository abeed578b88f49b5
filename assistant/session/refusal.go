package session

import (
	"errors"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/strictjson"
	"github.com/rooscoach/rooscoach/prompts"
)

// refusal is an error a session words in the call's language when it tells
// a client why what it sent was refused ([Session.ErrorEvent]), and in
// English as its *assistant.Error, which the HTTP API answers with: the
// template live.error.NAME in prompts/templates/live.tmpl, with data.
type refusal struct {
	err  *assistant.Error
	name string
	data any
}

// refuse returns the refusal of template live.error.NAME with code.
func refuse(code, name string, data any) error {
	return &refusal{name: name, data: data,
		err: &assistant.Error{Code: code, Message: prompts.MustRender(assistant.English, "live.error."+name, data)}}
}

func (r *refusal) Error() string { return r.err.Error() }

// Unwrap returns the refusal's *assistant.Error, so that code and English
// message are found as for any error.
func (r *refusal) Unwrap() error { return r.err }

// The data of the error templates, so that each is filled the same way in
// both languages.
type (
	sessionText struct {
		Session string
		Agent   string
	}
	rateText struct {
		Rate  float64
		Burst int
	}
	countText   struct{ N, Max int }
	speakerText struct {
		Speaker assistant.Speaker
		N, Max  int
	}
	posText  struct{ Pos int }
	timeText struct {
		Field      string
		MS         int64
		Start, End int64
	}
	frameText struct {
		// Detail is the decoder's English explanation; Fault the same for
		// wording in another language.
		Detail string
		Fault  *strictjson.Fault
	}
	codeText struct{ Code, Detail string }
)

// FrameRateError is the error of a connection that sends more than
// perSecond frames a second, whatever they hold.
func FrameRateError(perSecond int) error {
	return refuse(assistant.ERateLimited, "frame-rate", rateText{Rate: float64(perSecond)})
}

// BinaryFrameError is the error of a binary WebSocket frame: utterances
// come as JSON text.
func BinaryFrameError() error {
	return refuse(assistant.EInvalid, "binary-frame", nil)
}

// SlowError is the error of an event stream whose client did not read its
// events fast enough.
func SlowError() error {
	return refuse(assistant.EUnavailable, "slow", nil)
}

// DecodeUtterance reads an utterance sent as one JSON text frame. What
// is not one is refused with EInvalid, worded as the decoder found it.
func DecodeUtterance(data []byte) (Utterance, error) {
	var u Utterance
	err := strictjson.Decode(data, &u)
	if err == nil {
		return u, nil
	}
	f, _ := strictjson.FaultOf(err)
	return u, refuse(assistant.EInvalid, "frame", frameText{Detail: assistant.ErrorMessage(err), Fault: f})
}

// errorText is err's message in lang: a refusal's template, a worded
// error's (the session's conflicts, which the API words too), or for any
// other error the words for its code.
func errorText(lang assistant.Language, err error) string {
	var r *refusal
	if errors.As(err, &r) {
		return prompts.MustRender(lang, "live.error."+r.name, r.data)
	}
	if s, ok := prompts.ErrorText(lang, err); ok {
		return s
	}
	return prompts.MustRender(lang, "live.error", codeText{Code: assistant.ErrorCode(err), Detail: assistant.ErrorMessage(err)})
}
