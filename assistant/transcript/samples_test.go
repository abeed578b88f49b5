package transcript

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// TestPlatformSamples parses the public sample exports under
// testdata/platforms (their provenance is in testdata/README.md) and checks
// what each must give: the turns, the first and last turn, how the speakers
// were mapped, or the error a user gets for a file that cannot be analysed.
func TestPlatformSamples(t *testing.T) {
	type end struct {
		speaker assistant.Speaker
		text    string
	}
	tests := []struct {
		file   string
		opts   Options
		format string
		turns  int
		method assistant.MappingMethod
		lang   assistant.Language
		first  end
		last   end
		// times, when set, are the first turn's start and end in ms.
		times *[2]int64
		// code and message, for files that must be refused.
		code    string
		message []string
	}{
		{
			file: "amazon/contact-lens-voice-redacted.json", format: "amazon", turns: 10, method: assistant.MappingPlatform, lang: assistant.English,
			first: end{assistant.Agent, "Okay."},
			last:  end{assistant.Customer, "Thank you. Sir. Have a nice evening."},
		},
		{
			file: "amazon/transcribe-call-analytics-redacted.json", format: "amazon", turns: 6, method: assistant.MappingPlatform, lang: assistant.English,
			first: end{assistant.Agent, "[PII], my name is [PII], how can I help?"},
			last:  end{assistant.Customer, "Thank you very much, sir. Goodbye."},
		},
		{
			file: "genesys/voice-transcript-collections-nl.json", format: "genesys", turns: 11, method: assistant.MappingPlatform, lang: assistant.Dutch,
			first: end{assistant.Customer, "Eén."},
			last:  end{assistant.Customer, "Dank u wel, dag."},
			times: &[2]int64{12000, 12800},
		},
		{
			file: "ccai/insights-support-chat.json", format: "ccai", turns: 14, method: assistant.MappingPlatform, lang: assistant.English,
			first: end{assistant.Agent, "Hi there, what can I help you with today?"},
			last:  end{assistant.Customer, "No, I'm having a different problem now. I have tried using a different website or app to see if the problem is with the website or app itself."},
		},
		{
			file: "whisperx/collections-call-en.json", format: "whisper", turns: 13, method: assistant.MappingInferred, lang: assistant.English,
			first: end{assistant.Customer, "Hello?"},
			last:  end{assistant.Customer, "Thanks, bye."},
		},
		{
			file: "whisperx/collections-call-en.json", opts: Options{AgentSpeaker: "SPEAKER_01"}, format: "whisper", turns: 13, method: assistant.MappingDeclared, lang: assistant.English,
			first: end{assistant.Customer, "Hello?"},
			last:  end{assistant.Customer, "Thanks, bye."},
		},
		{
			file: "teams/collections-call-nl.vtt", format: "webvtt", turns: 12, method: assistant.MappingInferred, lang: assistant.Dutch,
			first: end{assistant.Agent, "Goedemiddag, u spreekt met Ayla van Incasso Voorbeeld. Spreek ik met meneer Testpersoon?"},
			last:  end{assistant.Customer, "Dank u wel. Dag."},
		},
		{
			file: "zoom/collections-call-en.vtt", format: "webvtt", turns: 10, method: assistant.MappingInferred, lang: assistant.English,
			first: end{assistant.Agent, "Good morning, this is Jordan from Example Credit Services. Am I speaking with Robin Sample?"},
			last:  end{assistant.Customer, "You too. Bye."},
		},
		{
			file: "vcon/fake-vcons-billing-openai-transcript.vcon.json", format: "vcon", turns: 10, method: assistant.MappingLabels, lang: assistant.English,
			first: end{assistant.Agent, "Hello, thank you for contacting AutoCare Customer Support. My name is Alex Example. May I have your name, please?"},
			last:  end{assistant.Customer, "You too, Alex. Goodbye."},
		},
		{
			file: "teams/graph-calltranscript-content.vtt",
			code: assistant.EUnprocessable, message: []string{"only one speaker", `"User Name"`, `agent "User Name"`},
		},
		{
			file: "teams/graph-calltranscript-content.vtt", opts: Options{AgentSpeaker: "User Name"}, format: "webvtt", turns: 1, method: assistant.MappingDeclared, lang: assistant.English,
		},
		{
			// Deepgram put every word on speaker 0, so Alice and Bob cannot
			// be told apart.
			file: "vcon/ietf-ab-call-ext-rec-analysis.vcon.json",
			code: assistant.EUnprocessable, message: []string{"only one speaker", `"Speaker 0"`},
		},
		{
			// Plain Whisper names no speakers: nothing to declare either.
			file: "whisper/openai-whisper-jfk-en.json",
			code: assistant.EUnprocessable, message: []string{"names no speakers", "diarization"},
		},
		{
			file: "whisper/openai-whisper-jfk-en.json", opts: Options{AgentSpeaker: "SPEAKER_00"},
			code: assistant.EUnprocessable, message: []string{"names no speakers"},
		},
		{
			file: "whisper/whisper-ctranslate2-monologue-ca.json",
			code: assistant.EInvalid, message: []string{`"ca"`, "nl and en"},
		},
		{
			file: "whisper/whisper-ctranslate2-diarized-ca.json",
			code: assistant.EInvalid, message: []string{`"ca"`, "nl and en"},
		},
	}
	covered := map[string]bool{}
	for _, tt := range tests {
		covered[tt.file] = true
	}
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "platforms", "*", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no platform samples found (%v)", err)
	}
	for _, f := range files {
		rel := filepath.ToSlash(filepath.Join(filepath.Base(filepath.Dir(f)), filepath.Base(f)))
		if !covered[rel] {
			t.Errorf("sample %s has no expectations in this test", rel)
		}
	}
	for _, tt := range tests {
		name := tt.file
		if tt.opts.AgentSpeaker != "" {
			name += " agent=" + tt.opts.AgentSpeaker
		}
		t.Run(name, func(t *testing.T) {
			data := readFile(t, filepath.Join("..", "..", "testdata", "platforms", tt.file))
			mediaType := "application/json"
			if strings.HasSuffix(tt.file, ".vtt") {
				mediaType = "text/vtt"
			}
			tr, err := Parse(data, mediaType, tt.opts)
			if tt.code != "" {
				var e *assistant.Error
				if !errors.As(err, &e) || e.Code != tt.code {
					t.Fatalf("Parse error = %v, want code %q", err, tt.code)
				}
				for _, s := range tt.message {
					if !strings.Contains(e.Message, s) {
						t.Errorf("message %q does not contain %q", e.Message, s)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if tr.Format != tt.format || len(tr.Turns) != tt.turns || tr.Mapping.Method != tt.method || tr.Language != tt.lang {
				t.Errorf("got %s, %d turns, mapping %s, language %s; want %s, %d, %s, %s",
					tr.Format, len(tr.Turns), tr.Mapping.Method, tr.Language, tt.format, tt.turns, tt.method, tt.lang)
			}
			if tt.first.text == "" {
				return
			}
			first, last := tr.Turns[0], tr.Turns[len(tr.Turns)-1]
			if first.Speaker != tt.first.speaker || first.Text != tt.first.text {
				t.Errorf("first turn = %s %q, want %s %q", first.Speaker, first.Text, tt.first.speaker, tt.first.text)
			}
			if last.Speaker != tt.last.speaker || last.Text != tt.last.text {
				t.Errorf("last turn = %s %q, want %s %q", last.Speaker, last.Text, tt.last.speaker, tt.last.text)
			}
			if tt.times != nil && (first.StartMS != tt.times[0] || first.EndMS != tt.times[1]) {
				t.Errorf("first turn runs %d–%d ms, want %d–%d", first.StartMS, first.EndMS, tt.times[0], tt.times[1])
			}
		})
	}
}
