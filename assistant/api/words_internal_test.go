package api

import (
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// The query parameters' errors say in English, when worded by the
// prompts, what their message says, which the API answers by default;
// and they have Dutch words.
func TestQueryErrorsWordedAsTheirMessage(t *testing.T) {
	query := func(q string) echo.Context {
		return echo.New().NewContext(httptest.NewRequest("GET", "/v1/audit?"+q, nil), httptest.NewRecorder())
	}
	timeErr := func(q string) error {
		_, _, err := timeRange(query(q))
		return err
	}
	limitErr := func(q string) error {
		_, err := limitParam(query(q), 500)
		return err
	}
	idErr := func(v string) error {
		_, err := parseID("call_id", v)
		return err
	}
	for name, err := range map[string]error{
		"from":          timeErr("from=2026-13-01"),
		"to with plus":  timeErr("to=2026-11-01T09:00:00+01:00"),
		"order":         timeErr("from=2026-11-10&to=2026-11-01"),
		"limit":         limitErr("limit=0"),
		"id negative":   idErr("-3"),
		"id too large":  idErr("99999999999999999999"),
		"id not number": idErr("abc"),
	} {
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		en, ok := prompts.ErrorText(assistant.English, err)
		if msg := assistant.ErrorMessage(err); !ok || en != msg {
			t.Errorf("%s: the template says\n%q\nthe message\n%q", name, en, msg)
		}
		if nl, _ := prompts.ErrorText(assistant.Dutch, err); nl == "" || nl == en {
			t.Errorf("%s: Dutch %q", name, nl)
		}
	}
}
