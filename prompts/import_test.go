package prompts

import (
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// Every reason an import file may fail for is worded in both languages,
// from its parameters, and differently in each.
func TestImportReasonsInBothLanguages(t *testing.T) {
	r := assistant.ImportReason{Size: 3 << 20, Limit: 2 << 20, Archive: "week1.zip", AgentID: "bram", TeamID: "zuid",
		Format: "webvtt", Detected: "text", Formats: []string{"text", "json"}, Tries: 1, Detail: "DETAIL"}
	for _, code := range assistant.ImportReasonCodes {
		r.Code = code
		nl, err := Render(assistant.Dutch, "import."+string(code), r)
		if err != nil {
			t.Fatal(err)
		}
		en, err := Render(assistant.English, "import."+string(code), r)
		if err != nil {
			t.Fatal(err)
		}
		if nl == "" || en == "" || nl == en {
			t.Errorf("import.%s: nl %q, en %q", code, nl, en)
		}
	}
	for _, c := range []struct {
		r      assistant.ImportReason
		nl, en string
	}{
		{assistant.ImportReason{Code: assistant.ReasonTooLarge, Size: 1600, Limit: 1000},
			"Het bestand is 1.600 bytes, meer dan de 1.000 bytes die één bestand mag hebben.", "The file is 1,600 bytes, more than the 1,000 bytes one file may have."},
		{assistant.ImportReason{Code: assistant.ReasonTooLarge, Limit: 2 << 20},
			"Het bestand is groter dan de 2 MiB die één bestand mag hebben.", "The file is more than the 2 MiB one file may have."},
		{assistant.ImportReason{Code: assistant.ReasonTries, Tries: 1, Detail: "down."},
			"Het bestand kon na 1 poging niet worden geïmporteerd: down.", "The file could not be imported after 1 try: down."},
		{assistant.ImportReason{Code: assistant.ReasonTries, Tries: 8, Detail: "down."},
			"Het bestand kon na 8 pogingen niet worden geïmporteerd: down.", "The file could not be imported after 8 tries: down."},
	} {
		if got := ImportReason(assistant.Dutch, c.r); got != c.nl {
			t.Errorf("nl %+v = %q, want %q", c.r, got, c.nl)
		}
		if got := ImportReason(assistant.English, c.r); got != c.en {
			t.Errorf("en %+v = %q, want %q", c.r, got, c.en)
		}
	}
	// A code from a newer instance is shown by its detail.
	if got := ImportReason(assistant.Dutch, assistant.ImportReason{Code: "new", Detail: "Something new."}); !strings.Contains(got, "Something new.") {
		t.Errorf("an unknown code: %q", got)
	}
}
