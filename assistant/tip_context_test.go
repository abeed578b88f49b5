package assistant_test

import (
	"context"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// TestTipEmptyContextTurn: a context turn without text is refused naming
// its place, before any engine runs, in Dutch and English calls alike.
func TestTipEmptyContextTurn(t *testing.T) {
	for _, req := range []assistant.TipRequest{
		{Text: "Wat kunt u per maand betalen?", Language: assistant.Dutch, Context: []assistant.ContextTurn{
			{Speaker: assistant.Customer, Text: "Ik ben mijn baan kwijt."}, {Speaker: assistant.Agent, Text: " \n\t"}}},
		{Text: "What could you pay each month?", Language: assistant.English, Context: []assistant.ContextTurn{
			{Speaker: assistant.Customer, Text: "I lost my job."}, {Speaker: assistant.Customer, Text: ""}}},
	} {
		f := &fakes{}
		_, err := f.analyzer().Tip(context.Background(), req)
		if assistant.ErrorCode(err) != assistant.EInvalid || !strings.Contains(assistant.ErrorMessage(err), "context[1].text is empty") {
			t.Errorf("%s: %v, want invalid naming context[1].text", req.Language, err)
		}
		if len(f.classified) != 0 {
			t.Errorf("%s: the engine classified %d times", req.Language, len(f.classified))
		}
	}
}
