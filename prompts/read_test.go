package prompts

import (
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// Every problem of the transcript reader is worded in both languages, at
// every front door, and differently in each; the declarations and the
// format to force follow the door.
func TestReadProblemsInBothLanguages(t *testing.T) {
	p := assistant.ReadProblem{Format: "json", Field: "turns", Path: "turns[1]", Line: 2, Column: 5, Value: "00:00:02", Before: "00:00:05",
		Kind: "unknown-label", Labels: []string{"Klnt"}, Found: []string{"Agent", "Klnt"}, Side: assistant.Agent, Formats: []string{"text", "json"},
		Detail: "DETAIL"}
	n := 0
	for _, name := range Names(assistant.English) {
		code, ok := strings.CutPrefix(name, "read.")
		if !ok || code == "where" || code == "quoted" || code == "source" {
			continue
		}
		n++
		p.Code = code
		for _, door := range []string{"", "http", "import", "cli"} {
			nl, en := ReadProblem(assistant.Dutch, door, p), ReadProblem(assistant.English, door, p)
			if nl == "" || en == "" || nl == en || nl == code || en == code {
				t.Errorf("read.%s at door %q: nl %q, en %q", code, door, nl, en)
			}
		}
	}
	if n < 15 {
		t.Errorf("%d read templates, want every problem worded", n)
	}
	for door, want := range map[string][2]string{
		"http":   {"agent=Klnt (of agent_speaker=Klnt)", "agent=Klnt (or agent_speaker=Klnt)"},
		"import": {"agent=Klnt (rooscoach import --agent Klnt)", "agent=Klnt (rooscoach import --agent Klnt)"},
		"cli":    {`--agent "Klnt"`, `--agent "Klnt"`},
		"":       {`agent "Klnt"`, `agent "Klnt"`},
	} {
		p.Code = "speakers"
		if got := ReadProblem(assistant.Dutch, door, p); !strings.Contains(got, want[0]) {
			t.Errorf("nl at %q = %q, want %q", door, got, want[0])
		}
		if got := ReadProblem(assistant.English, door, p); !strings.Contains(got, want[1]) {
			t.Errorf("en at %q = %q, want %q", door, got, want[1])
		}
	}
	p.Code = "unlabelled"
	if got := ReadProblem(assistant.Dutch, "import", p); !strings.Contains(got, "met format=NAAM (rooscoach import --input-format NAAM)") {
		t.Errorf("nl unlabelled at import = %q", got)
	}
}
