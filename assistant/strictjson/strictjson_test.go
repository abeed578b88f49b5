package strictjson

import (
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

type body struct {
	AgentID string `json:"agent_id"`
	Debt    struct {
		Principal int64 `json:"principal"`
	} `json:"debt"`
	Turns []struct {
		Speaker string `json:"speaker"`
		Text    string `json:"text"`
	} `json:"turns"`
}

func TestDecode(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     string // a part of the message; "" for success
	}{
		{"ok", `{"agent_id": "a", "debt": {"principal": 5}, "turns": [{"speaker": "agent", "text": "x"}, {"speaker": "customer", "text": "y"}]}`, ""},
		{"duplicate at top", `{"agent_id": "a", "agent_id": "b"}`, `field "agent_id" twice (line 1, column`},
		{"duplicate nested", "{\"debt\": {\"principal\": 5,\n \"principal\": 6}}", `"principal" twice in debt (line 2`},
		{"duplicate in array element", `{"turns": [{"speaker": "agent"}, {"speaker": "agent", "text": "a", "text": "b"}]}`, `"text" twice in turns[1]`},
		{"same key in sibling objects is fine", `{"turns": [{"speaker": "agent", "text": "a"}, {"speaker": "customer", "text": "b"}]}`, ""},
		{"unknown field", `{"agentid": "a"}`, `unknown field "agentid"`},
		{"syntax", "{\n  \"agent_id\": \"a\",,\n}", "line 2, column"},
		{"type", `{"debt": {"principal": "5"}}`, "Field debt.principal must be a whole number, not a JSON string"},
		{"top-level type", `[1, 2]`, "must be a JSON object, not a JSON array"},
		{"truncated", `{"agent_id": "a"`, "ends too early, at line 1, column 17."},
		{"truncated after a blank line", "{\n  \"agent_id\": \"één\"\n\n", "ends too early, at line 2, column 20."},
		{"two values", `{"agent_id": "a"} {"agent_id": "b"}`, "more than one JSON value"},
		{"invalid UTF-8 in a field", "{\"agent_id\": \"a\xffb\"}", "Field agent_id is not valid UTF-8 (line 1, column 16)"},
		{"invalid UTF-8 in an element", "{\"turns\": [{\"speaker\": \"agent\", \"text\": \"x\"}, {\"text\": \"\xc3\"}]}", "Field turns[1].text is not valid UTF-8"},
		{"invalid UTF-8 in a field name", "{\"debt\": {\"pr\xffincipal\": 5}}", "A field name in debt is not valid UTF-8"},
		{"invalid UTF-8 at the top", "\"\xff\"", "The body is not valid UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b body
			err := Decode([]byte(tc.in), &b)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("Decode: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Decode(%s) = nil, want an error with %q", tc.in, tc.want)
			}
			if code := assistant.ErrorCode(err); code != assistant.EInvalid {
				t.Errorf("code = %q, want %q", code, assistant.EInvalid)
			}
			if msg := assistant.ErrorMessage(err); !strings.Contains(msg, tc.want) {
				t.Errorf("message = %q, want it to contain %q", msg, tc.want)
			}
		})
	}
}

func TestLineCol(t *testing.T) {
	data := []byte("ab\ncdé\nf")
	for _, tc := range []struct {
		off       int64
		line, col int
	}{{0, 1, 1}, {2, 1, 2}, {3, 2, 1}, {7, 2, 3}, {100, 3, 1}} {
		if l, c := LineCol(data, tc.off); l != tc.line || c != tc.col {
			t.Errorf("LineCol(%d) = %d:%d, want %d:%d", tc.off, l, c, tc.line, tc.col)
		}
	}
}

// Every error of Decode says what is wrong in a form a caller can word in
// its own language: kind, field and place.
func TestFault(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Fault
	}{
		{"Goedemiddag", Fault{Kind: FaultSyntax, Line: 1, Col: 1}},
		{"{\"agent_id\": \"é", Fault{Kind: FaultTruncated, Line: 1, Col: 16}},
		{`{"debt": {"principal": "5"}}`, Fault{Kind: FaultType, Field: "debt.principal", Line: 1, Col: 26}},
		{`[1]`, Fault{Kind: FaultType}},
		{`{"agentid": "a"}`, Fault{Kind: FaultUnknownField, Field: "agentid"}},
		{`{"debt": {"principal": 1, "principal": 2}}`, Fault{Kind: FaultDuplicateField, Field: "debt.principal", Line: 1, Col: 37}},
		{"{\"agent_id\": \"a\xffb\"}", Fault{Kind: FaultUTF8, Field: "agent_id", Line: 1, Col: 16}},
		{`{} {}`, Fault{Kind: FaultTrailing}},
	} {
		var b body
		f, ok := FaultOf(Decode([]byte(tc.in), &b))
		if !ok {
			t.Errorf("%q: no fault", tc.in)
			continue
		}
		if got := (Fault{Kind: f.Kind, Field: f.Field, Line: f.Line, Col: f.Col}); got != tc.want {
			t.Errorf("%q: fault %+v, want %+v", tc.in, got, tc.want)
		}
	}
}
