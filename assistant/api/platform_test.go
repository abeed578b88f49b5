package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
)

// platformSamples are the public exports under testdata/platforms (see
// testdata/README.md for where each came from), as a trainer would post them.
var platformSamples = []struct {
	file, query string
	turns       int
	first, last assistant.Speaker
	firstText   string
	method      assistant.MappingMethod
}{
	{"amazon/contact-lens-voice-redacted.json", "", 10, assistant.Agent, assistant.Customer, "Okay.", assistant.MappingPlatform},
	{"amazon/transcribe-call-analytics-redacted.json", "", 6, assistant.Agent, assistant.Customer, "[PII], my name is [PII], how can I help?", assistant.MappingPlatform},
	{"genesys/voice-transcript-collections-nl.json", "", 11, assistant.Customer, assistant.Customer, "Eén.", assistant.MappingPlatform},
	{"ccai/insights-support-chat.json", "", 14, assistant.Agent, assistant.Customer, "Hi there, what can I help you with today?", assistant.MappingPlatform},
	{"whisperx/collections-call-en.json", "", 13, assistant.Customer, assistant.Customer, "Hello?", assistant.MappingInferred},
	{"whisperx/collections-call-en.json", "agent_speaker=SPEAKER_01", 13, assistant.Customer, assistant.Customer, "Hello?", assistant.MappingDeclared},
	{"teams/collections-call-nl.vtt", "", 12, assistant.Agent, assistant.Customer, "Goedemiddag, u spreekt met Ayla van Incasso Voorbeeld. Spreek ik met meneer Testpersoon?", assistant.MappingInferred},
	{"zoom/collections-call-en.vtt", "", 10, assistant.Agent, assistant.Customer, "Good morning, this is Jordan from Example Credit Services. Am I speaking with Robin Sample?", assistant.MappingInferred},
	{"vcon/fake-vcons-billing-openai-transcript.vcon.json", "", 10, assistant.Agent, assistant.Customer, "Hello, thank you for contacting AutoCare Customer Support. My name is Alex Example. May I have your name, please?", assistant.MappingLabels},
	// Issue 21: speech-to-text services, subtitles, meeting tools, chat.
	{"transcribe/collections-call-nl.json", "", 10, assistant.Agent, assistant.Customer, "Goedemiddag, u spreekt met Sanne van Incasso Voorbeeld. Spreek ik met meneer De Test?", assistant.MappingInferred},
	{"transcribe/aws-docs-diarization-en.json", "agent=spk_1", 2, assistant.Customer, assistant.Agent, "I've been on hold for an hour.", assistant.MappingDeclared},
	{"transcribe/aws-docs-channel-id-en.json", "agent_speaker=ch_1", 2, assistant.Customer, assistant.Agent, "I've been on hold for an hour.", assistant.MappingDeclared},
	{"assemblyai/collections-call-en.json", "", 10, assistant.Agent, assistant.Customer, "Good morning, this is Alex from Example Credit Services. Am I speaking with Mr Sample?", assistant.MappingInferred},
	{"deepgram/collections-call-nl.json", "", 10, assistant.Agent, assistant.Customer, "Goedemiddag, u spreekt met Sanne van Incasso Voorbeeld. Spreek ik met meneer De Test?", assistant.MappingInferred},
	{"revai/collections-call-en.json", "", 10, assistant.Agent, assistant.Customer, "Good morning, this is Alex from Example Credit Services. Am I speaking with Mr Sample?", assistant.MappingInferred},
	{"speechmatics/collections-call-nl.json", "", 10, assistant.Agent, assistant.Customer, "Goedemiddag, u spreekt met Sanne van Incasso Voorbeeld. Spreek ik met meneer De Test?", assistant.MappingInferred},
	{"speechmatics/speechmatics-python-two-speakers-en.json", "agent=S2", 2, assistant.Customer, assistant.Agent, "That's amazing.", assistant.MappingDeclared},
	{"azure/collections-call-en.json", "", 10, assistant.Agent, assistant.Customer, "Good morning, this is Alex from Example Credit Services. Am I speaking with Mr Sample?", assistant.MappingInferred},
	{"googlestt/collections-call-nl.json", "", 10, assistant.Agent, assistant.Customer, "Goedemiddag, u spreekt met Sanne van Incasso Voorbeeld. Spreek ik met meneer De Test?", assistant.MappingInferred},
	{"elevenlabs/collections-call-en.json", "", 10, assistant.Agent, assistant.Customer, "Good morning, this is Alex from Example Credit Services. Am I speaking with Mr Sample?", assistant.MappingInferred},
	{"whispercpp/collections-call-nl.json", "", 10, assistant.Agent, assistant.Customer, "Goedemiddag, u spreekt met Sanne van Incasso Voorbeeld. Spreek ik met meneer De Test?", assistant.MappingInferred},
	{"srt/collections-call-nl.srt", "", 10, assistant.Agent, assistant.Customer, "Goedemiddag, u spreekt met Sanne van Incasso Voorbeeld. Spreek ik met meneer De Test?", assistant.MappingLabels},
	{"otter/collections-call-en.txt", "", 10, assistant.Agent, assistant.Customer, "Good morning, this is Alex from Example Credit Services. Am I speaking with Mr Sample?", assistant.MappingInferred},
	{"amazon/contact-lens-chat-redacted.json", "", 23, assistant.Agent, assistant.Agent, "Hello, thanks for reaching Example Corp. This is [PII]. How may I help you?", assistant.MappingPlatform},
}

func platformSample(t testing.TB, name string) []byte {
	t.Helper()
	return testdata(t, "platforms/"+name)
}

func contentTypeOf(name string) string {
	switch {
	case strings.HasSuffix(name, ".vtt"):
		return "text/vtt"
	case strings.HasSuffix(name, ".srt"):
		return "application/x-subrip"
	case strings.HasSuffix(name, ".txt"):
		return "text/plain"
	}
	return "application/json"
}

func TestPlatformExportsThroughTheAPI(t *testing.T) {
	e := newEnv(t, api.Config{})
	for i, tt := range platformSamples {
		t.Run(tt.file+"?"+tt.query, func(t *testing.T) {
			body := platformSample(t, tt.file)
			var an api.AnalyzeResponse
			if res := e.do("POST", "/v1/analyze?"+tt.query, contentTypeOf(tt.file), body, &an); res.StatusCode != http.StatusOK {
				t.Fatalf("analyze: status %d", res.StatusCode)
			}
			var c assistant.Call
			q := "agent_id=trainer-upload&external_id=" + fmt.Sprintf("sample-%d", i) + "&" + tt.query
			if res := e.do("POST", "/v1/calls?"+q, contentTypeOf(tt.file), body, &c); res.StatusCode != http.StatusCreated {
				t.Fatalf("store: status %d", res.StatusCode)
			}
			for name, got := range map[string]*assistant.Analysis{"analyze": an.Analysis, "calls": &c.Analysis} {
				if len(got.Turns) != tt.turns {
					t.Fatalf("%s: %d turns, want %d", name, len(got.Turns), tt.turns)
				}
				first, last := got.Turns[0], got.Turns[len(got.Turns)-1]
				if first.Speaker != tt.first || first.Text != tt.firstText || last.Speaker != tt.last {
					t.Errorf("%s: first %s %q, last %s; want first %s %q, last %s", name, first.Speaker, first.Text, last.Speaker, tt.first, tt.firstText, tt.last)
				}
				if got.Mapping.Method != tt.method {
					t.Errorf("%s: mapped by %s, want %s", name, got.Mapping.Method, tt.method)
				}
				for _, turn := range got.Turns {
					if !turn.Stance.Octant.Valid() {
						t.Errorf("%s: turn %d has no stance", name, turn.Index)
					}
				}
			}
		})
	}
}

func TestUnmappableAndUnknownExports(t *testing.T) {
	e := newEnv(t, api.Config{})
	tests := []struct {
		name, contentType, query string
		body                     []byte
		status                   int
		detail                   []string
	}{
		{"one voice, nobody declared", "text/vtt", "agent_id=a", platformSample(t, "teams/graph-calltranscript-content.vtt"), 422, []string{"User Name", "agent="}},
		{"diarised speakers, no cue who is the agent", "application/json", "agent_id=a", []byte(`{"language":"en","segments":[
			{"start":0,"end":2,"text":"Hello.","speaker":"SPEAKER_00"},
			{"start":2,"end":4,"text":"Hi, how are you?","speaker":"SPEAKER_01"},
			{"start":4,"end":6,"text":"Fine thanks.","speaker":"SPEAKER_00"}]}`), 422, []string{"SPEAKER_00", "SPEAKER_01", "agent_speaker="}},
		{"unknown JSON", "application/json", "agent_id=a", []byte(`{"rows":[{"who":"x","said":"y"}]}`), 415, []string{"amazon", "genesys", "format="}},
		{"Whisper without speakers", "application/json", "agent_id=a", platformSample(t, "whisper/openai-whisper-jfk-en.json"), 422, []string{"agent"}},
		{"declared agent not in the file", "text/vtt", "agent_id=a&agent=Nobody", platformSample(t, "zoom/collections-call-en.vtt"), 400, []string{"Nobody"}},
		// Issue 21: real public exports whose agent only a declaration can name.
		{"Amazon Transcribe speakers", "application/json", "agent_id=a", platformSample(t, "transcribe/aws-docs-diarization-en.json"), 422, []string{`"spk_0", "spk_1"`, "agent=spk_0"}},
		{"Amazon Transcribe channels", "application/json", "agent_id=a", platformSample(t, "transcribe/aws-docs-channel-id-en.json"), 422, []string{`"ch_0", "ch_1"`, "agent="}},
		{"Deepgram without diarization", "application/json", "agent_id=a", platformSample(t, "deepgram/deepgram-python-sdk-bueller-en.json"), 422, []string{"names no speakers"}},
		{"Rev.ai with one speaker", "application/json", "agent_id=a", platformSample(t, "revai/revai-python-sdk-transcript-en.json"), 422, []string{"only one speaker", `"Speaker 0"`}},
		{"Speechmatics speakers", "application/json", "agent_id=a", platformSample(t, "speechmatics/speechmatics-python-two-speakers-en.json"), 422, []string{`"S1", "S2"`, "agent="}},
		{"Azure without diarization", "application/json", "agent_id=a", platformSample(t, "azure/azure-docs-batch-result-en.json"), 422, []string{"names no speakers"}},
		{"SubRip without speakers", "application/x-subrip", "agent_id=a", platformSample(t, "srt/openai-whisper-jfk-en.srt"), 422, []string{"names no speakers"}},
		{"Transcribe speaker in no segment", "application/json", "agent_id=a&agent=spk_7", platformSample(t, "transcribe/aws-docs-diarization-en.json"), 400, []string{"agent=spk_7", `"spk_0", "spk_1"`}},
		{"truncated Deepgram export", "application/json", "agent_id=a", platformSample(t, "deepgram/collections-call-nl.json")[:5000], 400, []string{"not valid JSON", "line "}},
		{"none of the formats", "application/octet-stream", "agent_id=a", []byte("Notulen\nWe spraken over de begroting."), 415, []string{"srt", "otter", "deepgram", "elevenlabs", "format="}},
		// Sent as plain text, it is plain text without its speaker labels.
		{"plain text without labels", "text/plain", "agent_id=a", []byte("Notulen\nWe spraken over de begroting."), 400, []string{"no speaker labels", `"Klant: ...`, "format="}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p api.Problem
			res := e.do("POST", "/v1/calls?"+tt.query, tt.contentType, tt.body, &p)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d (%q), want %d", res.StatusCode, p.Detail, tt.status)
			}
			for _, want := range tt.detail {
				if !strings.Contains(p.Detail, want) {
					t.Errorf("detail %q does not name %q", p.Detail, want)
				}
			}
			if n := e.count("calls"); n != 0 {
				t.Errorf("%d calls stored", n)
			}
		})
	}
}
