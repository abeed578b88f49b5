package transcript

import (
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// TestReadErrorsInBothLanguages: each problem a real export meets carries
// its code and parameters, and is worded in Dutch and in English from
// them, the Dutch with no English sentence in it.
func TestReadErrorsInBothLanguages(t *testing.T) {
	for _, tc := range []struct {
		name, in, mediaType string
		opts                Options
		code                string
		check               func(p assistant.ReadProblem) bool
		en, nl              string
	}{
		{"no speakers", `{"text": "Hallo.", "segments": [{"start": 0, "end": 1, "text": "Hallo."}, {"start": 1, "end": 2, "text": "Dag."}]}`, "", Options{},
			ReadNoSpeakers, func(p assistant.ReadProblem) bool { return p.Format == "whisper" },
			"The whisper transcript names no speakers", "Het whisper-transcript noemt geen sprekers"},
		{"unknown label", "Agent: Goedemiddag.\nKlnt: Hallo.\n", "", Options{},
			ReadSpeakers, func(p assistant.ReadProblem) bool {
				return p.Kind == SpeakerUnknownLabel && p.Line == 2 && p.Labels[0] == "Klnt"
			},
			`line 2: unknown speaker label "Klnt"`, `regel 2: onbekend sprekerlabel "Klnt"`},
		{"declared speaker not found", "Agent: Goedemiddag.\nKlant: Hallo.\n", "", Options{AgentSpeaker: "Sanne"},
			ReadSpeakers, func(p assistant.ReadProblem) bool {
				return p.Kind == SpeakerDeclaredNotFound && p.Side == assistant.Agent
			},
			`agent "Sanne" matches no speaker in the transcript`, `agent=Sanne (rooscoach import --agent Sanne) past bij geen spreker in het transcript; gevonden sprekers: "Agent", "Klant"`},
		{"unmappable", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Anna>Hallo</v>\n\n00:00:02.000 --> 00:00:03.000\n<v Piet>Dag</v>\n", "", Options{},
			ReadSpeakers, func(p assistant.ReadProblem) bool { return p.Kind == SpeakerUnmappable && p.Why == "no-evidence" },
			"Could not tell the agent from the customer with confidence", "De medewerker en de klant zijn niet met zekerheid uit elkaar te houden"},
		{"plain text without labels", "Goedemiddag, u spreekt met Anna.\nJa, hallo.\n", "text/plain", Options{},
			ReadUnlabelled, nil,
			"is plain text with no speaker labels", "is platte tekst zonder sprekerlabels"},
		{"text before the first label", "Goedemiddag allemaal\nAgent: Hallo.\nKlant: Dag.\n", "", Options{Format: "text"},
			ReadBeforeLabel, func(p assistant.ReadProblem) bool { return p.Line == 1 },
			"line 1: text before the first speaker label", "Regel 1: tekst vóór het eerste sprekerlabel"},
		{"empty", " \n\t\n", "", Options{},
			ReadEmpty, nil, "The transcript is empty.", "Het transcript is leeg."},
		{"broken JSON export", "{\n  \"results\": {\"utterances\": [\n    {\"speaker\": 0,}\n  ]}\n}", "", Options{},
			ReadJSON, func(p assistant.ReadProblem) bool { return p.Kind == "syntax" && p.Line == 3 && p.Column > 0 },
			"The body is not valid JSON: invalid character '}'", "Het transcript is geen geldige JSON: er staat een fout in de opmaak (regel 3, kolom"},
		{"JSON cut short", `{"turns": [{"speaker": "agent", "text": "Hallo"}`, "", Options{},
			ReadJSON, func(p assistant.ReadProblem) bool { return p.Kind == "truncated" && p.Line == 1 },
			"unexpected end of JSON input at line 1", "de JSON houdt te vroeg op (regel 1, kolom"},
		{"JSON field of the wrong type", `{"turns": [{"speaker": "agent", "text": 12}]}`, "", Options{},
			ReadJSON, func(p assistant.ReadProblem) bool { return p.Kind == "type" && p.Field == "turns.text" },
			"Field turns.text must be", "het veld turns.text heeft niet het goede type"},
		{"missing turns", `{"external_id": "x", "turns": []}`, "", Options{},
			ReadMissing, func(p assistant.ReadProblem) bool { return p.Field == "turns" && p.Format == "json" },
			"The JSON transcript has no turns", "Het JSON-transcript heeft geen beurten"},
		{"missing speaker", `{"turns": [{"text": "Hallo"}]}`, "", Options{},
			ReadMissing, func(p assistant.ReadProblem) bool { return p.Field == "speaker" && p.Path == "turns[0]" },
			"turns[0]: speaker is missing", "turns[0]: de spreker ontbreekt"},
		{"timestamps out of order", "[00:00:05] Agent: Hallo.\n[00:00:02] Klant: Dag.\n", "", Options{},
			ReadTimeBack, func(p assistant.ReadProblem) bool {
				return p.Line == 2 && p.Value == "00:00:02" && p.Before == "00:00:05"
			},
			"line 2: timestamp 00:00:02 is earlier than the one before it (00:00:05)", "Regel 2: tijd 00:00:02 is eerder dan de tijd ervoor (00:00:05)"},
		{"timestamp unreadable", "[00:00:05] Agent: Hallo.\n[00:61:02] Klant: Dag.\n", "", Options{},
			ReadTimestamp, func(p assistant.ReadProblem) bool { return p.Line == 2 && p.Value == "00:61:02" },
			`line 2: timestamp "00:61:02" has 61 in a minutes or seconds field.`, `Regel 2: tijdstempel "00:61:02" is geen tijd`},
		{"unknown format", `{"hello": "world"}`, "", Options{},
			ReadUnsupported, func(p assistant.ReadProblem) bool { return len(p.Keys) == 1 && p.Keys[0] == "hello" },
			"This JSON (top-level keys: hello) is not a transcript format rooscoach reads", "Deze JSON (sleutels bovenaan: hello) is geen transcriptformaat dat rooscoach leest"},
		{"unknown format name", "Agent: Hallo.\n", "", Options{Format: "mp3"},
			ReadFormatUnknown, func(p assistant.ReadProblem) bool { return p.Format == "mp3" },
			`Format "mp3" is not known; use one of text, json`, `Het formaat "mp3" is onbekend; gebruik een van text, json`},
		{"wrong encoding", "Agent: H\xe9llo.\nKlant: Dag.\n", "", Options{},
			ReadEncoding, func(p assistant.ReadProblem) bool { return p.Line == 1 && p.Column == 9 },
			"The transcript is not valid UTF-8 (line 1, column 9)", "Het transcript is geen geldige UTF-8 (regel 1, kolom 9)"},
		{"export without its results", `{"metadata": {"request_id": "x"}}`, "", Options{Format: "deepgram"},
			ReadMissing, func(p assistant.ReadProblem) bool { return p.Format == "deepgram" && p.Field == "results" },
			"The Deepgram response has no results; is the file cut short?", "Het antwoord van Deepgram heeft geen results; is het bestand afgekapt?"},
		{"export without monologues", `{"monologues": []}`, "", Options{Format: "revai"},
			ReadMissing, nil, "The Rev.ai transcript has no monologues.", "Het Rev.ai-transcript heeft geen monologues."},
		{"word ending before it starts", `{"results": [{"type": "word", "start_time": 2.5, "end_time": 1, "alternatives": [{"content": "hoi", "speaker": "S1"}]}]}`, "", Options{Format: "speechmatics"},
			ReadEndsBeforeStart, func(p assistant.ReadProblem) bool { return p.Path == "results[0]" },
			"results[0] ends (1 s) before it starts (2.5 s).", "results[0] eindigt (1 s) voordat het begint (2.5 s)."},
		{"no agent turn", "Klant: Hallo.\nKlant: Dag.\n", "", Options{},
			ReadNoAgent, nil, "The transcript has no agent turn", "Het transcript heeft geen beurt van de medewerker"},
		{"turn without text", "Agent:\nKlant: Dag.\n", "", Options{},
			ReadTurnEmpty, func(p assistant.ReadProblem) bool { return p.Line == 1 && p.Value == "Agent" },
			`line 1: the turn of "Agent" has no text.`, `regel 1: de beurt van "Agent" heeft geen tekst.`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.in), tc.mediaType, tc.opts)
			p, ok := ReadProblemOf(err)
			if !ok || p.Code != tc.code || tc.check != nil && !tc.check(p) {
				t.Fatalf("Parse = %v (problem %+v), want a %s problem", err, p, tc.code)
			}
			en, _ := Describe(err, assistant.English, "")
			if !strings.Contains(en, tc.en) || assistant.ErrorMessage(err) != en {
				t.Errorf("English = %q (message %q), want it to contain %q", en, assistant.ErrorMessage(err), tc.en)
			}
			nl, _ := Describe(err, assistant.Dutch, DoorImport)
			if !strings.Contains(nl, tc.nl) {
				t.Errorf("Dutch = %q, want it to contain %q", nl, tc.nl)
			}
			for _, english := range []string{"The ", "line ", "column", " is not ", "speaker label", "transcript names", "must "} {
				if strings.Contains(nl, english) {
					t.Errorf("Dutch = %q, holds English %q", nl, english)
				}
			}
		})
	}
}
