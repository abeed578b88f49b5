package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// What is wrong with an audit filter is worded by the prompts in both
// languages, the English as the message the API answers by default.
func TestFindAuditRefusalsAreWorded(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	day := time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)
	for name, f := range map[string]assistant.AuditFilter{
		"limit":  {Limit: 501},
		"action": {Action: "dance"},
		"order":  {From: day, To: day},
	} {
		_, err := db.FindAudit(context.Background(), all, f)
		if assistant.ErrorCode(err) != assistant.EInvalid {
			t.Fatalf("%s: %v, want invalid", name, err)
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
