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
			`Het bestand kon na 1 poging niet worden geïmporteerd door een storing; probeer het later opnieuw. Melding in het Engels: "down."`, "The file could not be imported after 1 try: down."},
		{assistant.ImportReason{Code: assistant.ReasonTries, Tries: 8, Detail: "down."},
			`Het bestand kon na 8 pogingen niet worden geïmporteerd door een storing; probeer het later opnieuw. Melding in het Engels: "down."`, "The file could not be imported after 8 tries: down."},
	} {
		if got := ImportReason(assistant.Dutch, c.r); got != c.nl {
			t.Errorf("nl %+v = %q, want %q", c.r, got, c.nl)
		}
		if got := ImportReason(assistant.English, c.r); got != c.en {
			t.Errorf("en %+v = %q, want %q", c.r, got, c.en)
		}
	}
	// The reader's problem is worded in each language, in an import's
	// settings, not quoted from the English detail.
	for _, c := range []struct {
		r      assistant.ImportReason
		nl, en string
	}{
		{assistant.ImportReason{Code: assistant.ReasonSpeakers, Detail: "ENGLISH", Read: &assistant.ReadProblem{Code: "speakers", Kind: "unknown-label", Line: 3, Labels: []string{"Klnt"}}},
			`regel 3: onbekend sprekerlabel "Klnt". Gebruik Medewerker, Agent, Incassomedewerker of Collector voor de medewerker en Klant, Customer, Debiteur of Caller voor de klant, of geef het op met agent=Klnt (rooscoach import --agent Klnt) of customer=Klnt (rooscoach import --customer Klnt).`,
			`line 3: unknown speaker label "Klnt". Use Agent, Medewerker, Incassomedewerker or Collector for the agent and Klant, Customer, Debiteur or Caller for the customer, or declare it with agent=Klnt (rooscoach import --agent Klnt) or customer=Klnt (rooscoach import --customer Klnt).`},
		{assistant.ImportReason{Code: assistant.ReasonOther, Detail: "ENGLISH", Read: &assistant.ReadProblem{Code: "json", Kind: "syntax", Line: 4, Column: 50, Detail: "The body is not valid JSON: invalid character '}' at line 4, column 50."}},
			"Het bestand kan niet worden geïmporteerd: Het transcript is geen geldige JSON: er staat een fout in de opmaak (regel 4, kolom 50).",
			"The body is not valid JSON: invalid character '}' at line 4, column 50."},
		{assistant.ImportReason{Code: assistant.ReasonWrongFormat, Format: "webvtt", Detail: "ENGLISH", Read: &assistant.ReadProblem{Code: "webvtt", Value: "Agent: Hallo"}},
			`Het bestand is niet in het formaat webvtt dat bij het uploaden is gekozen. Kies het formaat van het bestand, of laat het herkennen. Wat de lezer van webvtt vond: Een WebVTT-bestand begint met de regel WEBVTT; dit begint met "Agent: Hallo".`,
			`The file is not in format webvtt, chosen for the upload. Choose the file's own format, or leave it to be detected. What the webvtt reader found: A WebVTT file starts with the line WEBVTT; this one starts with "Agent: Hallo".`},
		{assistant.ImportReason{Code: assistant.ReasonOther, Detail: "The AssemblyAI transcript is still queued."},
			`Het bestand kan niet worden geïmporteerd: "The AssemblyAI transcript is still queued." (melding in het Engels)`,
			"The AssemblyAI transcript is still queued."},
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
