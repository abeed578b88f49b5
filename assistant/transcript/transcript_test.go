package transcript

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rooscoach/rooscoach/assistant"
)

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustParse(t testing.TB, data []byte, mediaType string, opts Options) *assistant.Transcript {
	t.Helper()
	tr, err := Parse(data, mediaType, opts)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return tr
}

// TestProjectSamples checks the sample calls that the README and other
// packages use.
func TestProjectSamples(t *testing.T) {
	tests := []struct {
		file       string
		format     string
		lang       assistant.Language
		turns      int
		firstStart int64
		lastText   string
		lastBy     assistant.Speaker
		external   string
	}{
		{"nl-betalingsregeling.txt", "text", assistant.Dutch, 16, 2000, "Nee, dat is duidelijk. Bedankt voor het meedenken.", assistant.Customer, ""},
		{"en-arrears.txt", "text", assistant.English, 16, 3000, "No, that's clear. Thanks for listening.", assistant.Customer, ""},
		{"nl-call.json", "json", assistant.Dutch, 12, 1200, "Nee, dank u wel voor uw begrip.", assistant.Customer, "nl-call-0001"},
		{"en-call.vtt", "webvtt", assistant.English, 11, 1500, "You're welcome, Mr Okafor. Have a good day.", assistant.Agent, ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			tr := mustParse(t, readFile(t, filepath.Join("..", "..", "testdata", "calls", tt.file)), "", Options{})
			if tr.Format != tt.format || tr.Language != tt.lang || len(tr.Turns) != tt.turns || tr.ExternalID != tt.external {
				t.Errorf("got format %q language %q %d turns external id %q, want %q %q %d %q",
					tr.Format, tr.Language, len(tr.Turns), tr.ExternalID, tt.format, tt.lang, tt.turns, tt.external)
			}
			if tr.Mapping.Method != assistant.MappingLabels || tr.Mapping.Confidence != 1 {
				t.Errorf("mapping = %+v, want labels with confidence 1", tr.Mapping)
			}
			for i, turn := range tr.Turns {
				if turn.Index != i || !turn.Speaker.Valid() || turn.Text == "" {
					t.Errorf("turn %d = %+v", i, turn)
				}
				if i > 0 && turn.Speaker == tr.Turns[i-1].Speaker {
					t.Errorf("turns %d and %d are both %s; consecutive turns of a speaker must merge", i-1, i, turn.Speaker)
				}
				if turn.Language != "" {
					t.Errorf("turn %d has language %q in a single-language call", i, turn.Language)
				}
			}
			if tr.Turns[0].Speaker != assistant.Agent || tr.Turns[0].StartMS != tt.firstStart {
				t.Errorf("first turn = %s at %d ms, want agent at %d", tr.Turns[0].Speaker, tr.Turns[0].StartMS, tt.firstStart)
			}
			last := tr.Turns[len(tr.Turns)-1]
			if last.Speaker != tt.lastBy || last.Text != tt.lastText {
				t.Errorf("last turn = %s %q, want %s %q", last.Speaker, last.Text, tt.lastBy, tt.lastText)
			}
		})
	}
}

func TestParseText(t *testing.T) {
	type turn struct {
		Speaker assistant.Speaker
		Text    string
		Start   int64
		Source  string
	}
	tests := []struct {
		name string
		in   string
		opts Options
		want []turn
	}{
		{
			name: "labels of both languages, case-insensitive",
			in:   "MEDEWERKER: Goedemiddag.\nklant: Hallo.\nCollector: Hello.\nCaller: Hi.\nIncassomedewerker: Dag.\nDebiteur: Dag.\nAgent: Bye.\nCustomer: Bye.",
			want: []turn{
				{assistant.Agent, "Goedemiddag.", 0, "MEDEWERKER"}, {assistant.Customer, "Hallo.", 0, "klant"},
				{assistant.Agent, "Hello.", 0, "Collector"}, {assistant.Customer, "Hi.", 0, "Caller"},
				{assistant.Agent, "Dag.", 0, "Incassomedewerker"}, {assistant.Customer, "Dag.", 0, "Debiteur"},
				{assistant.Agent, "Bye.", 0, "Agent"}, {assistant.Customer, "Bye.", 0, "Customer"},
			},
		},
		{
			name: "timestamp forms",
			in:   "[00:01:23] Agent: a.\n00:01:30 Klant: b.\n[01:35.450] Agent: c.\n01:40 - Klant: d.\n(00:01:45) Agent: e.",
			want: []turn{
				{assistant.Agent, "a.", 83000, "Agent"}, {assistant.Customer, "b.", 90000, "Klant"},
				{assistant.Agent, "c.", 95450, "Agent"}, {assistant.Customer, "d.", 100000, "Klant"},
				{assistant.Agent, "e.", 105000, "Agent"},
			},
		},
		{
			name: "continuation lines, blank lines and phrases ending in a colon",
			in:   "Agent: Het gaat om twee dingen.\n\nLet op: u moet vóór vrijdag betalen.\nBedrag: € 120,00\nOké: zo doen we het.\nKlant: Oké.\n  En als dat niet lukt?\nNote: that was a question.",
			want: []turn{
				{assistant.Agent, "Het gaat om twee dingen. Let op: u moet vóór vrijdag betalen. Bedrag: € 120,00 Oké: zo doen we het.", 0, "Agent"},
				{assistant.Customer, "Oké. En als dat niet lukt? Note: that was a question.", 0, "Klant"},
			},
		},
		{
			name: "consecutive lines of one speaker merge into one turn",
			in:   "[00:00:01] Agent: Goedemiddag.\n[00:00:03] Agent: Met Sanne.\n[00:00:05] Klant: Hallo.",
			want: []turn{
				{assistant.Agent, "Goedemiddag. Met Sanne.", 1000, "Agent"},
				{assistant.Customer, "Hallo.", 5000, "Klant"},
			},
		},
		{
			name: "a clock time inside a turn is text",
			in:   "Agent: Ik bel u om 10:30 terug.\nKlant: Prima: tot dan.",
			want: []turn{
				{assistant.Agent, "Ik bel u om 10:30 terug.", 0, "Agent"},
				{assistant.Customer, "Prima: tot dan.", 0, "Klant"},
			},
		},
		{
			name: "declared agent name, the other speaker is the customer",
			in:   "Sanne: Goedemiddag, met Sanne.\nJan de Boer: Hallo.\nSanne: Ik bel over uw rekening.",
			opts: Options{AgentSpeaker: "sanne"},
			want: []turn{
				{assistant.Agent, "Goedemiddag, met Sanne.", 0, "Sanne"}, {assistant.Customer, "Hallo.", 0, "Jan de Boer"},
				{assistant.Agent, "Ik bel over uw rekening.", 0, "Sanne"},
			},
		},
		{
			name: "declared customer speaker, the other is the agent",
			in:   "SPEAKER_00: Good morning, Harbour Credit.\nSPEAKER_01: Hello.",
			opts: Options{CustomerSpeaker: "SPEAKER_01"},
			want: []turn{
				{assistant.Agent, "Good morning, Harbour Credit.", 0, "SPEAKER_00"}, {assistant.Customer, "Hello.", 0, "SPEAKER_01"},
			},
		},
		{
			name: "role with a name in brackets",
			in:   "Medewerker (Sanne): Goedemiddag.\nKlant (Jan): Hallo.",
			want: []turn{
				{assistant.Agent, "Goedemiddag.", 0, "Medewerker (Sanne)"}, {assistant.Customer, "Hallo.", 0, "Klant (Jan)"},
			},
		},
		{
			name: "Windows line ends and a byte order mark",
			in:   "\ufeffAgent: Hello.\r\nCustomer: Hi.\r\n",
			want: []turn{{assistant.Agent, "Hello.", 0, "Agent"}, {assistant.Customer, "Hi.", 0, "Customer"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := mustParse(t, []byte(tt.in), "text/plain", tt.opts)
			var got []turn
			for _, x := range tr.Turns {
				got = append(got, turn{x.Speaker, x.Text, x.StartMS, x.SourceSpeaker})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("turns (-want +got):\n%s", diff)
			}
			if tr.Format != "text" {
				t.Errorf("format = %q, want text", tr.Format)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		mediaType string
		opts      Options
		code      string
		contains  []string
	}{
		{"empty body", "", "text/plain", Options{}, assistant.EInvalid, []string{"empty"}},
		{"only white space", " \n\t\n", "", Options{}, assistant.EInvalid, []string{"empty"}},
		{"invalid UTF-8", "Agent: Hallo\nKlant: \xff\xfe", "text/plain", Options{}, assistant.EInvalid, []string{"UTF-8", "line 2"}},
		{"malformed JSON", "{\n  \"turns\": [\n    {\"speaker\": \"agent\" \"text\": \"x\"}\n  ]\n}", "application/json", Options{}, assistant.EInvalid, []string{"not valid JSON", "line 3", "column 25"}},
		{"truncated JSON", "{\"turns\": [", "application/json", Options{}, assistant.EInvalid, []string{"not valid JSON", "line 1"}},
		{"JSON field of the wrong type", "{\"turns\": [{\"speaker\": \"agent\", \"text\": \"x\", \"start_ms\": \"10\"}]}", "application/json", Options{}, assistant.EInvalid, []string{"line 1", "start_ms", "a number"}},
		{"prose posted as JSON", "Dit is geen JSON.", "application/json", Options{}, assistant.EInvalid, []string{"not valid JSON", "line 1"}},
		{"unknown speaker label", "Agent: Goedemiddag.\nKlant: Hallo.\nBoss: Wat is er?", "text/plain", Options{}, assistant.EInvalid, []string{"line 3", `"Boss"`, `agent "Boss" or customer "Boss"`}},
		{"names as labels", "Sanne: Goedemiddag, met Sanne.\nJan: Hallo.\nSanne: Ik bel over uw rekening.", "text/plain", Options{}, assistant.EInvalid, []string{"line 1", `"Sanne"`, `declare the speakers with agent "Sanne" and customer "Jan"`}},
		{"names as labels, English", "Emma: Good afternoon, this is Emma.\nTom: Hello.", "text/plain", Options{}, assistant.EInvalid, []string{`declare the speakers with agent "Emma" and customer "Tom"`}},
		{"a name beside the agent's label", "Agent: Goedemiddag.\nJan: Hallo.", "text/plain", Options{}, assistant.EInvalid, []string{`"Jan"`, `declare it with customer "Jan".`}},
		{"a name beside the customer's label", "Emma: Good afternoon.\nCustomer: Hello.", "text/plain", Options{}, assistant.EInvalid, []string{`"Emma"`, `declare it with agent "Emma".`}},
		{"unknown label on the first line", "Sanne: Goedemiddag.\nJan: Hallo.", "", Options{}, assistant.EInvalid, []string{"line 1", `"Sanne"`}},
		{"text before the first label", "Gesprek van 12 mei\nAgent: Goedemiddag.\nKlant: Hallo.", "", Options{}, assistant.EInvalid, []string{"line 1", "before the first speaker label"}},
		{"no agent turn", "Klant: Hallo?\nCustomer: Is daar iemand?", "", Options{}, assistant.EInvalid, []string{"no agent turn", `"Klant"`}},
		{"empty turn in text", "Agent: Goedemiddag.\nKlant:\nAgent: Hallo?", "", Options{}, assistant.EInvalid, []string{"line 2", "no text"}},
		{"empty turn in JSON", `{"turns":[{"speaker":"agent","text":"Hallo"},{"speaker":"customer","text":"  "}]}`, "application/json", Options{}, assistant.EInvalid, []string{"turns[1]", "text is empty"}},
		{"unknown speaker in JSON", `{"turns":[{"speaker":"agent","text":"Hallo"},{"speaker":"boss","text":"Ja"}]}`, "", Options{}, assistant.EInvalid, []string{"turns[1]", `"boss"`}},
		{"bad seconds in a timestamp", "[00:01:70] Agent: Hallo.", "", Options{}, assistant.EInvalid, []string{"line 1", "00:01:70"}},
		{"timestamps going back", "[00:01:00] Agent: a.\n[00:00:10] Klant: b.", "", Options{}, assistant.EInvalid, []string{"line 2", "earlier"}},
		{"negative start in JSON", `{"turns":[{"speaker":"agent","text":"Hallo","start_ms":-5}]}`, "", Options{}, assistant.EInvalid, []string{"turns[0].start_ms", "negative"}},
		{"end before start in JSON", `{"turns":[{"speaker":"agent","text":"Hallo","start_ms":500,"end_ms":100}]}`, "", Options{}, assistant.EInvalid, []string{"turns[0]", "before start_ms"}},
		{"bad occurred_at", `{"occurred_at":"12 mei","turns":[{"speaker":"agent","text":"Hallo"}]}`, "", Options{}, assistant.EInvalid, []string{"occurred_at", "RFC 3339"}},
		{"unsupported language in the body", `{"language":"de","turns":[{"speaker":"agent","text":"Hallo"}]}`, "", Options{}, assistant.EInvalid, []string{`"de"`, "nl and en"}},
		{"unsupported language in the request", "Agent: Hallo.", "", Options{Language: "fr"}, assistant.EInvalid, []string{`"fr"`}},
		{"bad WebVTT timing", "WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\n<v Agent>Hallo</v>", "text/vtt", Options{}, assistant.EInvalid, []string{"cue 1 (line 3)"}},
		{"WebVTT timing with a stray character", "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Agent>Hallo</v>\n\n0:0! --> 0:03.000\n<v Klant>Dag</v>", "", Options{}, assistant.EInvalid, []string{"cue 2 (line 6)", "0:0!"}},
		{"WebVTT cue ending before it starts", "WEBVTT\n\n00:00:05.000 --> 00:00:01.000\n<v Agent>Hallo</v>", "", Options{}, assistant.EInvalid, []string{"cue 1", "before it starts"}},
		{"WebVTT without a header", "00:00:01.000 --> 00:00:02.000\n<v Agent>Hallo</v>", "text/vtt", Options{}, assistant.EInvalid, []string{"WEBVTT"}},
		{"unknown JSON", `{"messages":[{"from":"a","body":"b"}]}`, "application/json", Options{}, assistant.EUnsupported, []string{"top-level keys: messages", "text, json, webvtt, srt, otter, amazon, transcribe, genesys, ccai, whisper, whispercpp, vcon, assemblyai, deepgram, revai, speechmatics, azure, googlestt, elevenlabs", "force a format"}},
		{"prose without labels", "Dit is een brief.\nMet vriendelijke groet.", "text/plain", Options{}, assistant.EInvalid, []string{"plain text with no speaker labels", `"Klant: ...`, "force another format"}},
		{"English prose without labels", "This is a letter.\nKind regards.", "text/plain", Options{}, assistant.EInvalid, []string{"plain text with no speaker labels", `"Customer: ...`}},
		{"prose of no known type", "Dit is een brief.\nMet vriendelijke groet.", "", Options{}, assistant.EUnsupported, []string{"Accepted formats", "force a format"}},
		{"unknown forced format", "Agent: Hallo.", "", Options{Format: "docx"}, assistant.EInvalid, []string{`"docx"`, "webvtt"}},
		{"forced format that does not fit", "Agent: Hallo.", "", Options{Format: "amazon"}, assistant.EInvalid, []string{"not valid JSON"}},
		{"declared agent who is not there", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Anna>Hallo</v>\n\n00:00:02.000 --> 00:00:03.000\n<v Piet>Dag</v>", "", Options{AgentSpeaker: "Sanne"}, assistant.EInvalid, []string{`agent "Sanne" matches no speaker`, `"Anna", "Piet"`}},
		{"declared on both sides", "Anna: a\nPiet: b", "", Options{AgentSpeaker: "Anna", CustomerSpeaker: "anna"}, assistant.EInvalid, []string{"both agent and customer"}},
		{"speakers that cannot be told apart", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Anna>Hallo</v>\n\n00:00:02.000 --> 00:00:03.000\n<v Piet>Dag</v>", "", Options{}, assistant.EUnprocessable, []string{`"Anna", "Piet"`, `Declare the agent with agent "Anna"`}},
		{"one speaker only", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Anna>Goedemiddag, u spreekt met Anna namens Incasso West.</v>", "", Options{}, assistant.EUnprocessable, []string{"only one speaker", `"Anna"`}},
		{"two undeclared names in text", "Anna: a\nPiet: b\nKees: c", "", Options{AgentSpeaker: "Anna"}, assistant.EInvalid, []string{"line 3", `"Kees"`}},
		{"a third speaker neither side", "Anna: a\nPiet: b\nKees: c", "", Options{AgentSpeaker: "Anna", CustomerSpeaker: "Piet"}, assistant.EUnprocessable, []string{`"Kees"`}},
		{"Whisper without speakers", `{"language":"nl","segments":[{"start":0,"end":1.5,"text":"Goedemiddag."},{"start":2,"end":3,"text":"Hallo."}]}`, "application/json", Options{}, assistant.EUnprocessable, []string{"names no speakers", "diarization"}},
		{"Whisper without speakers, agent declared", `{"segments":[{"start":0,"end":1.5,"text":"Goedemiddag."}]}`, "", Options{AgentSpeaker: "SPEAKER_00"}, assistant.EUnprocessable, []string{"names no speakers"}},
		{"Genesys with only IVR", `{"transcripts":[{"phrases":[{"text":"Welkom","participantPurpose":"ivr","startTimeMs":1767261600000}]}]}`, "", Options{}, assistant.EInvalid, []string{"no turns"}},
		{"Amazon item without a participant", `{"Transcript":[{"Content":"Hallo","BeginOffsetMillis":0,"EndOffsetMillis":10}]}`, "", Options{}, assistant.EInvalid, []string{"Transcript[0]", "ParticipantRole"}},
		{"Whisper segment ending before it starts", `{"segments":[{"start":3,"end":1,"text":"Hallo","speaker":"SPEAKER_00"}]}`, "", Options{AgentSpeaker: "SPEAKER_00"}, assistant.EInvalid, []string{"segments[0]", "before it starts"}},
		{"segments of one speaker going back in time", `{"segments":[{"start":10,"text":"a","speaker":"A"},{"end":1,"text":"b"},{"start":12,"end":13,"text":"c","speaker":"B"}]}`, "", Options{AgentSpeaker: "A"}, assistant.EInvalid, []string{"segments[1]", "before the turn it continues starts"}},
		{"CCAI timestamp that is not a number", `{"entries":[{"text":"Hi","role":"AGENT","user_id":1,"start_timestamp_usec":"soon"}]}`, "", Options{}, assistant.EInvalid, []string{"entries[0].start_timestamp_usec"}},
		{"vCon without transcript", `{"vcon":"0.0.1","parties":[{"name":"A"}],"dialog":[{"type":"recording","parties":[0]}],"analysis":[]}`, "", Options{}, assistant.EInvalid, []string{"no transcript"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr, err := Parse([]byte(tt.in), tt.mediaType, tt.opts)
			if err == nil {
				t.Fatalf("Parse succeeded with %d turns, want a %s error", len(tr.Turns), tt.code)
			}
			var e *assistant.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is %T, want *assistant.Error", err, err)
			}
			if e.Code != tt.code {
				t.Errorf("code = %q, want %q (message %q)", e.Code, tt.code, e.Message)
			}
			for _, s := range tt.contains {
				if !strings.Contains(e.Message, s) {
					t.Errorf("message %q does not contain %q", e.Message, s)
				}
			}
		})
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		file, mediaType, want string
	}{
		{"../../testdata/calls/nl-betalingsregeling.txt", "", "text"},
		{"../../testdata/calls/nl-betalingsregeling.txt", "text/plain", "text"},
		{"../../testdata/calls/nl-call.json", "", "json"},
		{"../../testdata/calls/nl-call.json", "text/plain", "json"},
		{"../../testdata/calls/en-call.vtt", "", "webvtt"},
		{"../../testdata/calls/en-call.vtt", "text/plain", "webvtt"},
		{"../../testdata/calls/en-call.vtt", "application/json", "webvtt"},
		{"../../testdata/calls/en-arrears.txt", "application/json", "text"},
		{"../../testdata/calls/en-arrears.txt", "text/vtt", "text"},
		{"testdata/amazon-tca.json", "application/json", "amazon"},
		{"testdata/contactlens.json", "", "amazon"},
		{"testdata/genesys.json", "application/json", "genesys"},
		{"testdata/ccai.json", "application/json", "ccai"},
		{"testdata/ccai-api.json", "", "ccai"},
		{"testdata/whisperx.json", "application/json", "whisper"},
		{"testdata/vcon-wtf.json", "application/json", "vcon"},
		{"testdata/vcon-chat.json", "", "vcon"},
		{"testdata/teams.vtt", "text/vtt", "webvtt"},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file)+" "+tt.mediaType, func(t *testing.T) {
			got, err := detect(readFile(t, tt.file), tt.mediaType)
			if err != nil || got != tt.want {
				t.Errorf("detect = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestFormatForced(t *testing.T) {
	tests := []struct{ format, want string }{
		{"text", "text"}, {"TXT", "text"}, {"vtt", "webvtt"}, {"webvtt", "webvtt"},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			in := "Agent: Hallo.\nKlant: Dag."
			if tt.want == "webvtt" {
				in = "WEBVTT\n\n00:01.000 --> 00:02.000\nAgent: Hallo.\n\n00:02.000 --> 00:03.000\nKlant: Dag."
			}
			tr := mustParse(t, []byte(in), "", Options{Format: tt.format})
			if tr.Format != tt.want || len(tr.Turns) != 2 {
				t.Errorf("format %q with %d turns, want %q with 2", tr.Format, len(tr.Turns), tt.want)
			}
		})
	}
}

// TestReaders checks each reader's turns, times, mapping and metadata on a
// small export of its format.
func TestReaders(t *testing.T) {
	type turn struct {
		Speaker    assistant.Speaker
		Text       string
		Start, End int64
		Source     string
	}
	tests := []struct {
		file     string
		opts     Options
		format   string
		lang     assistant.Language
		external string
		mapping  assistant.SpeakerMapping
		turns    []turn
	}{
		{
			file: "amazon-tca.json", format: "amazon", lang: assistant.English,
			mapping: assistant.SpeakerMapping{Method: assistant.MappingPlatform, Confidence: 1, Agent: []string{"AGENT"}, Customer: []string{"CUSTOMER"}},
			turns: []turn{
				{assistant.Agent, "Good morning, this is Priya from Fairway Collections. Am I speaking with Mrs Hughes?", 300, 5600, "AGENT"},
				{assistant.Customer, "Yes, speaking.", 6100, 7000, "CUSTOMER"},
				{assistant.Agent, "I'm calling about the arrears on your account, £215.40.", 7400, 11800, "AGENT"},
				{assistant.Customer, "I can pay £20 a month from Friday.", 12300, 15100, "CUSTOMER"},
			},
		},
		{
			file: "contactlens.json", format: "amazon", lang: assistant.Dutch, external: "5f3c0d9e-0000-4000-8000-000000000001",
			mapping: assistant.SpeakerMapping{Method: assistant.MappingPlatform, Confidence: 1, Agent: []string{"AGENT"}, Customer: []string{"CUSTOMER"}},
			turns: []turn{
				{assistant.Customer, "Hallo, met Fatima.", 200, 1400, "CUSTOMER"},
				{assistant.Agent, "Goedemiddag mevrouw, u spreekt met Daan van Incasso West. Ik bel over uw achterstand bij Waterbedrijf Oost.", 1700, 8200, "AGENT"},
				{assistant.Customer, "Ik weet het. Ik kan 40 euro per maand.", 8800, 11900, "CUSTOMER"},
			},
		},
		{
			file: "contactlens-chat.json", format: "amazon", lang: assistant.English,
			mapping: assistant.SpeakerMapping{Method: assistant.MappingPlatform, Confidence: 1,
				Agent: []string{"0a1b2c3d-0000-4000-8000-000000000002"}, Customer: []string{"0a1b2c3d-0000-4000-8000-000000000001"}},
			turns: []turn{
				{assistant.Agent, "Hi, this is Leo from Fairway Collections.", 5250, 0, "0a1b2c3d-0000-4000-8000-000000000002"},
				{assistant.Customer, "Hello, I want to pay my bill in parts.", 20000, 0, "0a1b2c3d-0000-4000-8000-000000000001"},
			},
		},
		{
			file: "genesys.json", format: "genesys", lang: assistant.Dutch, external: "c0ffee00-0000-4000-8000-000000000002",
			mapping: assistant.SpeakerMapping{Method: assistant.MappingPlatform, Confidence: 1, Agent: []string{"internal"}, Customer: []string{"external"}},
			turns: []turn{
				{assistant.Agent, "Goedemiddag, u spreekt met Lotte van Incasso West. Waarmee kan ik u helpen?", 12000, 16500, "internal"},
				{assistant.Customer, "Ik heb een brief gekregen over mijn rekening.", 17000, 19800, "external"},
				{assistant.Agent, "Dan kijk ik even met u mee.", 20500, 22200, "internal"},
			},
		},
		{
			file: "genesys-windows.json", format: "genesys", lang: assistant.English, external: "c0ffee00-0000-4000-8000-000000000004",
			mapping: assistant.SpeakerMapping{Method: assistant.MappingPlatform, Confidence: 1, Agent: []string{"internal"}, Customer: []string{"external"}},
			turns: []turn{
				{assistant.Customer, "One.", 5000, 5600, "external"},
				{assistant.Agent, "Hello, you're through to Amy at Harbour Credit.", 21000, 23800, "internal"},
				{assistant.Customer, "Hi, I'm calling about my bill.", 24500, 26500, "external"},
			},
		},
		{
			file: "ccai.json", format: "ccai", lang: assistant.English,
			mapping: assistant.SpeakerMapping{Method: assistant.MappingPlatform, Confidence: 1, Agent: []string{"AGENT", "HUMAN_AGENT"}, Customer: []string{"END_USER", "CUSTOMER"}},
			turns: []turn{
				{assistant.Agent, "Hello, this is Grace. How can I help?", 4000, 0, "AGENT"},
				{assistant.Customer, "I got a letter about my account and I want to set up a plan.", 7500, 0, "END_USER"},
				{assistant.Agent, "Of course. What could you pay each month?", 12000, 0, "HUMAN_AGENT"},
				{assistant.Customer, "About £25.", 15000, 0, "CUSTOMER"},
			},
		},
		{
			file: "ccai-api.json", format: "ccai", lang: assistant.English, external: "conv-123",
			mapping: assistant.SpeakerMapping{Method: assistant.MappingPlatform, Confidence: 1, Agent: []string{"HUMAN_AGENT"}, Customer: []string{"END_USER"}},
			turns: []turn{
				{assistant.Agent, "Hello, you're speaking with Omar from Harbour Credit.", 400, 3300, "HUMAN_AGENT"},
				{assistant.Customer, "Hi, I'm calling about my bill.", 3700, 5500, "END_USER"},
			},
		},
		{
			file: "whisperx.json", format: "whisper", lang: assistant.English, opts: Options{AgentSpeaker: "SPEAKER_01"},
			mapping: assistant.SpeakerMapping{Method: assistant.MappingDeclared, Confidence: 1, Agent: []string{"SPEAKER_01"}, Customer: []string{"SPEAKER_00"}},
			turns: []turn{
				{assistant.Customer, "Hello?", 520, 1100, "SPEAKER_00"},
				{assistant.Agent, "Hi, this is Dev from Granite Collections, calling on behalf of City Water. Am I speaking with Ms Carter?", 1600, 6900, "SPEAKER_01"},
				{assistant.Customer, "Yes.", 7300, 8000, "SPEAKER_00"},
				{assistant.Agent, "I'm calling about your account, there's an outstanding balance of 300 pounds. Okay.", 8400, 13100, "SPEAKER_01"},
				{assistant.Customer, "I lost my job, I can do 20 pounds a month.", 13500, 16200, "SPEAKER_00"},
			},
		},
		{
			file: "teams.vtt", format: "webvtt", lang: assistant.Dutch, opts: Options{AgentSpeaker: "Anna de Vries", CustomerSpeaker: "piet  jansen"},
			mapping: assistant.SpeakerMapping{Method: assistant.MappingDeclared, Confidence: 1, Agent: []string{"Anna de Vries"}, Customer: []string{"Piet Jansen"}},
			turns: []turn{
				{assistant.Agent, "Goedemiddag, u spreekt met Anna van Incassobureau Noordkust, ik bel namens Energie Plus. Spreek ik met meneer Jansen?", 1200, 9500, "Anna de Vries"},
				{assistant.Customer, "Ja, daar spreekt u mee.", 10100, 12000, "Piet Jansen"},
				{assistant.Agent, "Meneer Jansen, ik bel over uw rekening van € 420,00. Lukt het om die deze maand te betalen?", 12400, 20300, "Anna de Vries"},
				{assistant.Customer, "Niet in één keer. Ik kan 60 euro per maand.", 20900, 26000, "Piet Jansen"},
			},
		},
		{
			file: "vcon-wtf.json", format: "vcon", lang: assistant.Dutch, external: "01928e10-0000-8000-8000-000000000001",
			mapping: assistant.SpeakerMapping{Method: assistant.MappingPlatform, Confidence: 1, Agent: []string{"Mark Bakker"}, Customer: []string{"Els Smit"}},
			turns: []turn{
				{assistant.Agent, "Goedemorgen, met Mark van Incasso West.", 400, 3900, "Mark Bakker"},
				{assistant.Customer, "Goedemorgen, met Els.", 4200, 6000, "Els Smit"},
				{assistant.Agent, "Ik bel over de openstaande factuur van € 95,00.", 6300, 11000, "Mark Bakker"},
				{assistant.Customer, "Die betaal ik vrijdag.", 11400, 14000, "Els Smit"},
			},
		},
		{
			file: "vcon-string.json", format: "vcon", lang: assistant.English, external: "01928e10-0000-8000-8000-000000000002",
			mapping: assistant.SpeakerMapping{Method: assistant.MappingPlatform, Confidence: 1, Agent: []string{"Agent"}, Customer: []string{"Customer"}},
			turns: []turn{
				{assistant.Agent, "Hello, this is Chris from Bay Collections.", 500, 2500, "Agent"},
				{assistant.Customer, "Hi Chris.", 3000, 4000, "Customer"},
			},
		},
		{
			file: "vcon-text.json", format: "vcon", lang: assistant.Dutch, external: "01928e10-0000-8000-8000-000000000005",
			mapping: assistant.SpeakerMapping{Method: assistant.MappingPlatform, Confidence: 1, Agent: []string{"Ruud"}, Customer: []string{"Mila"}},
			turns: []turn{
				{assistant.Agent, "Goedemiddag, met Ruud van Incasso West.", 0, 0, "Ruud"},
				{assistant.Customer, "Hallo Ruud.", 0, 0, "Mila"},
				{assistant.Agent, "Ik bel over de factuur van maart. Let op: die is al twee keer herinnerd.", 0, 0, "Ruud"},
				{assistant.Customer, "Die betaal ik morgen.", 0, 0, "Mila"},
			},
		},
		{
			file: "vcon-deepgram.json", format: "vcon", lang: assistant.English, external: "01928e10-0000-8000-8000-000000000006",
			mapping: assistant.SpeakerMapping{Method: assistant.MappingInferred, Confidence: 0.95, Agent: []string{"Speaker 0"}, Customer: []string{"Speaker 1"},
				Reason: `"Speaker 0" is taken as the agent: they introduced themselves with a company, addressed the other by title, ran the call ("this is Nia from", "Mr Shaw", "Am I speaking with").`},
			turns: []turn{
				{assistant.Agent, "Hello, this is Nia from Lark Collections. Am I speaking with Mr Shaw?", 300, 4100, "Speaker 0"},
				{assistant.Customer, "Yes, speaking.", 4600, 5400, "Speaker 1"},
				{assistant.Agent, "I'm calling about your account.", 5900, 9800, "Speaker 0"},
				{assistant.Customer, "I can pay £15 a month.", 10200, 13000, "Speaker 1"},
			},
		},
		{
			file: "vcon-chat.json", format: "vcon", lang: assistant.English, external: "01928e10-0000-8000-8000-000000000003",
			mapping: assistant.SpeakerMapping{Method: assistant.MappingInferred, Confidence: 0.9, Agent: []string{"Support"}, Customer: []string{"Kim"},
				Reason: `"Kim" is the only speaker besides the labelled agent.`},
			turns: []turn{
				{assistant.Customer, "Hi, I received a reminder about my invoice.", 0, 0, "Kim"},
				{assistant.Agent, "Thanks Kim, we can split it into three payments.", 150000, 0, "Support"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			tr := mustParse(t, readFile(t, filepath.Join("testdata", tt.file)), "", tt.opts)
			if tr.Format != tt.format || tr.Language != tt.lang || tr.ExternalID != tt.external {
				t.Errorf("format %q language %q external id %q, want %q %q %q", tr.Format, tr.Language, tr.ExternalID, tt.format, tt.lang, tt.external)
			}
			if diff := cmp.Diff(tt.mapping, tr.Mapping); diff != "" {
				t.Errorf("mapping (-want +got):\n%s", diff)
			}
			var got []turn
			for _, x := range tr.Turns {
				got = append(got, turn{x.Speaker, x.Text, x.StartMS, x.EndMS, x.SourceSpeaker})
			}
			if diff := cmp.Diff(tt.turns, got); diff != "" {
				t.Errorf("turns (-want +got):\n%s", diff)
			}
		})
	}
}

func TestInferredMapping(t *testing.T) {
	tests := []struct {
		name      string
		file      string
		agent     string
		customer  string
		reasonHas string
	}{
		{"Teams names, Dutch", "teams.vtt", "Anna de Vries", "Piet Jansen", "namens"},
		{"Zoom names, English", "zoom.vtt", "Sarah Miles", "Tom Green", "on behalf of"},
		{"WhisperX speakers, agent speaks second", "whisperx.json", "SPEAKER_01", "SPEAKER_00", "on behalf of"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := mustParse(t, readFile(t, filepath.Join("testdata", tt.file)), "", Options{})
			m := tr.Mapping
			if m.Method != assistant.MappingInferred {
				t.Errorf("method = %q, want inferred", m.Method)
			}
			if m.Confidence < 0.7 || m.Confidence >= 1 {
				t.Errorf("confidence = %v, want in [0.7, 1)", m.Confidence)
			}
			if diff := cmp.Diff([]string{tt.agent}, m.Agent); diff != "" {
				t.Errorf("agent labels (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{tt.customer}, m.Customer); diff != "" {
				t.Errorf("customer labels (-want +got):\n%s", diff)
			}
			if !strings.Contains(m.Reason, tt.agent) || !strings.Contains(m.Reason, tt.reasonHas) {
				t.Errorf("reason %q should name %q and the cue %q", m.Reason, tt.agent, tt.reasonHas)
			}
			for _, turn := range tr.Turns {
				want := assistant.Customer
				if turn.SourceSpeaker == tt.agent {
					want = assistant.Agent
				}
				if turn.Speaker != want {
					t.Errorf("turn %d by %q is %s, want %s", turn.Index, turn.SourceSpeaker, turn.Speaker, want)
				}
			}
		})
	}
}

func TestInferredMappingCustomerCallsIn(t *testing.T) {
	// An inbound call: the customer calls about their own account and the
	// agent answers for the company. Cues of the customer ("my account")
	// must not make them the agent.
	in := "WEBVTT\n\n00:01.000 --> 00:04.000\n<v Kees>Met Kees van Dijk. Ik bel over mijn rekening, ik heb een brief gekregen.</v>\n\n" +
		"00:04.500 --> 00:09.000\n<v Lisa>Goedemiddag meneer, u spreekt met Lisa van Incasso West. Mag ik uw geboortedatum?</v>\n\n" +
		"00:09.500 --> 00:12.000\n<v Kees>Ik kan 50 euro per maand.</v>"
	tr := mustParse(t, []byte(in), "", Options{})
	if diff := cmp.Diff([]string{"Lisa"}, tr.Mapping.Agent); diff != "" {
		t.Errorf("agent (-want +got):\n%s", diff)
	}
	if tr.Turns[0].Speaker != assistant.Customer {
		t.Errorf("first turn is %s, want customer", tr.Turns[0].Speaker)
	}
}

func TestMetadata(t *testing.T) {
	body := []byte(`{"external_id":"body-1","language":"en","occurred_at":"2026-05-12T10:15:00Z","turns":[{"speaker":"agent","text":"Hallo, goedemiddag, u spreekt met Sanne."}]}`)
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	opts := Options{ExternalID: "query-1", AgentID: "agent-7", Language: assistant.Dutch, OccurredAt: at}

	// The request and the body naming other calls is a contradiction to
	// refuse, not to settle by picking one.
	if _, err := Parse(body, "application/json", opts); assistant.ErrorCode(err) != assistant.EInvalid || !strings.Contains(assistant.ErrorMessage(err), `external_id is "query-1" in the request but "body-1"`) {
		t.Errorf("conflicting external ids: err = %v, want EInvalid naming both", err)
	}
	own := opts
	own.ExternalID = ""
	tr := mustParse(t, body, "application/json", own)
	if tr.ExternalID != "body-1" || tr.Language != assistant.English || !tr.OccurredAt.Equal(time.Date(2026, 5, 12, 10, 15, 0, 0, time.UTC)) {
		t.Errorf("body metadata should win: got %q %q %v", tr.ExternalID, tr.Language, tr.OccurredAt)
	}
	if tr.AgentID != "agent-7" {
		t.Errorf("agent id = %q, want the request's agent-7 where the body has none", tr.AgentID)
	}

	tr = mustParse(t, readFile(t, "testdata/genesys.json"), "application/json", opts)
	if tr.ExternalID != "query-1" || tr.Language != assistant.Dutch || !tr.OccurredAt.Equal(at) {
		t.Errorf("the request's id and time should win over a platform's: got %q %q %v", tr.ExternalID, tr.Language, tr.OccurredAt)
	}
	tr = mustParse(t, readFile(t, "testdata/genesys.json"), "application/json", Options{})
	if tr.ExternalID != "c0ffee00-0000-4000-8000-000000000002" || !tr.OccurredAt.Equal(time.UnixMilli(1767261600000)) {
		t.Errorf("the platform's id and time should fill the request's gaps: got %q %v", tr.ExternalID, tr.OccurredAt)
	}

	tr = mustParse(t, []byte("Agent: Good morning.\nCustomer: Hello."), "text/plain", opts)
	if tr.ExternalID != "query-1" || tr.AgentID != "agent-7" || tr.Language != assistant.Dutch || !tr.OccurredAt.Equal(at) {
		t.Errorf("request metadata should fill the text: got %q %q %q %v", tr.ExternalID, tr.AgentID, tr.Language, tr.OccurredAt)
	}
}

func TestTurnLanguage(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		callLang assistant.Language
		want     []assistant.Language
	}{
		{
			name: "an English turn in a Dutch call",
			in: "Agent: Goedemiddag, u spreekt met Sanne. Ik bel over uw rekening en de betaling die nog open staat.\n" +
				"Klant: Sorry, I don't speak Dutch, can you help me in English please?\n" +
				"Agent: Dat is goed. Ik zeg het in het Nederlands nog een keer voor de opname: het gaat om een bedrag van 120 euro dat nog niet is betaald.",
			callLang: assistant.Dutch,
			want:     []assistant.Language{"", assistant.English, ""},
		},
		{
			name:     "short turns keep the call's language",
			in:       "Agent: Hello, this is Sam from Bay Collections, calling about your account.\nCustomer: Ja.\nAgent: Is this a good time to talk?",
			callLang: assistant.English,
			want:     []assistant.Language{"", "", ""},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := mustParse(t, []byte(tt.in), "", Options{})
			if tr.Language != tt.callLang {
				t.Errorf("call language = %q, want %q", tr.Language, tt.callLang)
			}
			var got []assistant.Language
			for _, turn := range tr.Turns {
				got = append(got, turn.Language)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("turn languages (-want +got):\n%s", diff)
			}
		})
	}
}

func TestVTTShapes(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		texts []string
	}{
		{
			name:  "markup, entities and classes",
			in:    "WEBVTT - export\nKind: captions\n\n00:00.500 --> 00:02.000 align:start\n<v.loud Agent><i>Hello</i> &amp; <c.yellow>welcome</c>.</v>\n\n00:02.500 --> 00:04.000\n<v Customer>Hi &lt;3 <00:00:03.000>there</v>",
			texts: []string{"Hello & welcome.", "Hi <3 there"},
		},
		{
			name:  "a cue without a speaker continues the one before",
			in:    "WEBVTT\n\n00:00.500 --> 00:02.000\n<v Agent>Good morning,</v>\n\n00:02.000 --> 00:03.000\nthis is Harbour Credit.\n\n00:03.500 --> 00:04.000\n<v Customer>Hi.</v>",
			texts: []string{"Good morning, this is Harbour Credit.", "Hi."},
		},
		{
			name:  "NOTE blocks between cues",
			in:    "WEBVTT\n\nNOTE this is a note\nover two lines\n\n00:00.500 --> 00:02.000\nAgent: Hello.\n\nNOTE another\n\n00:02.500 --> 00:03.000\nCustomer: Hi.",
			texts: []string{"Hello.", "Hi."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := mustParse(t, []byte(tt.in), "text/vtt", Options{})
			var got []string
			for _, turn := range tr.Turns {
				got = append(got, turn.Text)
			}
			if diff := cmp.Diff(tt.texts, got); diff != "" {
				t.Errorf("texts (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDeclaredNameWithComma(t *testing.T) {
	in := "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Vries, Anna de>Goedemiddag.</v>\n\n00:03.500 --> 00:05.000\n<v Jansen, Piet>Hallo.</v>"
	tests := []struct {
		name string
		opts Options
	}{
		{"the whole name", Options{AgentSpeaker: "Vries, Anna de"}},
		{"a list of names", Options{AgentSpeaker: "Someone Else, Vries, Anna de"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr, err := Parse([]byte(in), "", tt.opts)
			if tt.name == "a list of names" {
				// Split at commas, "Vries" and "Anna de" match no one.
				if assistant.ErrorCode(err) != assistant.EInvalid {
					t.Fatalf("err = %v, want invalid", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]string{"Vries, Anna de"}, tr.Mapping.Agent); diff != "" {
				t.Errorf("agent (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDeclaredWithSeveralOthers(t *testing.T) {
	// In a Teams call the customer's partner joins: declaring the agent makes
	// everyone else the customer side.
	in := "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Anna de Vries>Goedemiddag, met Anna.</v>\n\n" +
		"00:03.500 --> 00:05.000\n<v Piet Jansen>Hallo.</v>\n\n" +
		"00:05.500 --> 00:07.000\n<v Marie Jansen>Ik luister mee.</v>"
	tr := mustParse(t, []byte(in), "", Options{AgentSpeaker: "Anna de Vries"})
	want := assistant.SpeakerMapping{Method: assistant.MappingDeclared, Confidence: 1,
		Agent: []string{"Anna de Vries"}, Customer: []string{"Piet Jansen", "Marie Jansen"}}
	if diff := cmp.Diff(want, tr.Mapping); diff != "" {
		t.Errorf("mapping (-want +got):\n%s", diff)
	}
	if len(tr.Turns) != 2 || tr.Turns[1].Text != "Hallo. Ik luister mee." {
		t.Errorf("turns = %+v, want the two customer-side speakers merged into one turn", tr.Turns)
	}
}

// TestLineEnds: a call saved on an old Mac (lone CR) or on Windows (CR LF)
// reads as the same turns as one with LF, never as one turn holding the
// whole call.
func TestLineEnds(t *testing.T) {
	lf := "Agent: Goedemiddag, u spreekt met Sanne.\nKlant: Hallo.\nAgent: Ik bel over de rekening van maart.\nKlant: Die betaal ik vrijdag."
	want := mustParse(t, []byte(lf), "text/plain", Options{})
	if len(want.Turns) != 4 {
		t.Fatalf("LF: %d turns, want 4", len(want.Turns))
	}
	for name, in := range map[string]string{
		"CR":          strings.ReplaceAll(lf, "\n", "\r"),
		"CR LF":       strings.ReplaceAll(lf, "\n", "\r\n"),
		"VTT with CR": "WEBVTT\r\r00:00:01.000 --> 00:00:02.000\r<v Agent>Goedemiddag.\r\r00:00:02.000 --> 00:00:03.000\r<v Klant>Hallo.\r",
	} {
		t.Run(name, func(t *testing.T) {
			got := mustParse(t, []byte(in), "", Options{})
			if name == "VTT with CR" {
				if len(got.Turns) != 2 || got.Turns[1].Text != "Hallo." {
					t.Errorf("turns = %+v, want 2 with the customer's \"Hallo.\"", got.Turns)
				}
				return
			}
			if diff := cmp.Diff(want.Turns, got.Turns); diff != "" {
				t.Errorf("turns (-LF +%s):\n%s", name, diff)
			}
		})
	}
}

// TestSpeakerErrorFields: the typed error carries what a front door needs
// to phrase its own advice.
func TestSpeakerErrorFields(t *testing.T) {
	in := "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Anna>Hallo</v>\n\n00:00:02.000 --> 00:00:03.000\n<v Piet>Dag</v>"
	_, err := Parse([]byte(in), "", Options{AgentSpeaker: "Sanne"})
	var se *SpeakerError
	if !errors.As(err, &se) {
		t.Fatalf("err = %v, want a *SpeakerError", err)
	}
	if se.Problem != DeclaredNotFound || se.Side != assistant.Agent || !slices.Equal(se.Labels, []string{"Sanne"}) || !slices.Equal(se.Found, []string{"Anna", "Piet"}) {
		t.Errorf("SpeakerError = %+v", se)
	}
	http := se.Describe(func(side assistant.Speaker, label string) string { return string(side) + "=" + label })
	if !strings.HasPrefix(http, "agent=Sanne matches no speaker") {
		t.Errorf("Describe with an HTTP declaration = %q", http)
	}
}
