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
		// prefix compares only the start of the first and last text, for
		// long monologues.
		prefix bool
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
		// Issue 21: speech-to-text services, subtitles, meeting tools and chat.
		{
			file: "transcribe/aws-docs-diarization-en.json",
			code: assistant.EUnprocessable, message: []string{`"spk_0", "spk_1"`, `agent "spk_0"`},
		},
		{
			file: "transcribe/aws-docs-diarization-en.json", opts: Options{AgentSpeaker: "spk_1"}, format: "transcribe", turns: 2, method: assistant.MappingDeclared, lang: assistant.English,
			first: end{assistant.Customer, "I've been on hold for an hour."}, last: end{assistant.Agent, "Sorry about that."},
			times: &[2]int64{4870, 6880},
		},
		{
			file: "transcribe/aws-docs-channel-id-en.json",
			code: assistant.EUnprocessable, message: []string{`"ch_0", "ch_1"`, `agent "ch_0"`},
		},
		{
			file: "transcribe/aws-docs-channel-id-en.json", opts: Options{AgentSpeaker: "ch_1"}, format: "transcribe", turns: 2, method: assistant.MappingDeclared, lang: assistant.English,
			first: end{assistant.Customer, "I've been on hold for an hour."}, last: end{assistant.Agent, "Sorry about that."},
			times: &[2]int64{4860, 6870},
		},
		{
			file: "transcribe/collections-call-nl.json", format: "transcribe", turns: 10, method: assistant.MappingInferred, lang: assistant.Dutch,
			first: end{assistant.Agent, "Goedemiddag, u spreekt met Sanne van Incasso Voorbeeld. Spreek ik met meneer De Test?"}, last: end{assistant.Customer, "Dank u wel, dag."}, times: &[2]int64{600, 5060},
		},
		{
			file: "amazon/contact-lens-chat-redacted.json", format: "amazon", turns: 23, method: assistant.MappingPlatform, lang: assistant.English,
			first: end{assistant.Agent, "Hello, thanks for reaching Example Corp. This is [PII]. How may I help you?"},
			last:  end{assistant.Agent, "Ok great! Have a great day."},
			times: &[2]int64{12727, 0},
		},
		{
			file: "assemblyai/collections-call-en.json", format: "assemblyai", turns: 10, method: assistant.MappingInferred, lang: assistant.English,
			first: end{assistant.Agent, "Good morning, this is Alex from Example Credit Services. Am I speaking with Mr Sample?"}, last: end{assistant.Customer, "Thanks, bye."}, times: &[2]int64{600, 5380},
		},
		{
			file: "deepgram/collections-call-nl.json", format: "deepgram", turns: 10, method: assistant.MappingInferred, lang: assistant.Dutch,
			first: end{assistant.Agent, "Goedemiddag, u spreekt met Sanne van Incasso Voorbeeld. Spreek ik met meneer De Test?"}, last: end{assistant.Customer, "Dank u wel, dag."}, times: &[2]int64{600, 5060},
		},
		{
			file: "deepgram/deepgram-python-sdk-bueller-en.json",
			code: assistant.EUnprocessable, message: []string{"names no speakers", "diarization"},
		},
		{
			file: "revai/collections-call-en.json", format: "revai", turns: 10, method: assistant.MappingInferred, lang: assistant.English,
			first: end{assistant.Agent, "Good morning, this is Alex from Example Credit Services. Am I speaking with Mr Sample?"}, last: end{assistant.Customer, "Thanks, bye."}, times: &[2]int64{600, 5380},
		},
		{
			file: "revai/revai-python-sdk-transcript-en.json",
			code: assistant.EUnprocessable, message: []string{"only one speaker", `"Speaker 0"`, `agent "Speaker 0"`},
		},
		{
			file: "revai/revai-python-sdk-transcript-en.json", opts: Options{AgentSpeaker: "Speaker 0"}, format: "revai", turns: 1, method: assistant.MappingDeclared, lang: assistant.English,
			first: end{assistant.Agent, "Hi, my name's Sam Sample. And I'm gonna be talking about how to recruit a co-founder"},
			last:  end{assistant.Agent, "Hi, my name's Sam Sample."},
			times: &[2]int64{300, 106330}, prefix: true,
		},
		{
			file: "speechmatics/collections-call-nl.json", format: "speechmatics", turns: 10, method: assistant.MappingInferred, lang: assistant.Dutch,
			first: end{assistant.Agent, "Goedemiddag, u spreekt met Sanne van Incasso Voorbeeld. Spreek ik met meneer De Test?"}, last: end{assistant.Customer, "Dank u wel, dag."}, times: &[2]int64{600, 5060},
		},
		{
			file: "speechmatics/speechmatics-python-two-speakers-en.json",
			code: assistant.EUnprocessable, message: []string{`"S1", "S2"`, `agent "S1"`},
		},
		{
			file: "speechmatics/speechmatics-python-two-speakers-en.json", opts: Options{AgentSpeaker: "S2"}, format: "speechmatics", turns: 2, method: assistant.MappingDeclared, lang: assistant.English,
			first: end{assistant.Customer, "That's amazing."}, last: end{assistant.Agent, "I know"},
			times: &[2]int64{30, 2040},
		},
		{
			file: "azure/collections-call-en.json", format: "azure", turns: 10, method: assistant.MappingInferred, lang: assistant.English,
			first: end{assistant.Agent, "Good morning, this is Alex from Example Credit Services. Am I speaking with Mr Sample?"}, last: end{assistant.Customer, "Thanks, bye."}, times: &[2]int64{600, 5380},
		},
		{
			file: "azure/azure-docs-batch-result-en.json",
			code: assistant.EUnprocessable, message: []string{"names no speakers"},
		},
		{
			file: "googlestt/collections-call-nl.json", format: "googlestt", turns: 10, method: assistant.MappingInferred, lang: assistant.Dutch,
			first: end{assistant.Agent, "Goedemiddag, u spreekt met Sanne van Incasso Voorbeeld. Spreek ik met meneer De Test?"}, last: end{assistant.Customer, "Dank u wel, dag."}, times: &[2]int64{600, 5060},
		},
		{
			file: "elevenlabs/collections-call-en.json", format: "elevenlabs", turns: 10, method: assistant.MappingInferred, lang: assistant.English,
			first: end{assistant.Agent, "Good morning, this is Alex from Example Credit Services. Am I speaking with Mr Sample?"}, last: end{assistant.Customer, "Thanks, bye."}, times: &[2]int64{600, 5380},
		},
		{
			file: "whispercpp/collections-call-nl.json", format: "whispercpp", turns: 10, method: assistant.MappingInferred, lang: assistant.Dutch,
			first: end{assistant.Agent, "Goedemiddag, u spreekt met Sanne van Incasso Voorbeeld. Spreek ik met meneer De Test?"}, last: end{assistant.Customer, "Dank u wel, dag."}, times: &[2]int64{600, 5060},
		},
		{
			file: "srt/collections-call-nl.srt", format: "srt", turns: 10, method: assistant.MappingLabels, lang: assistant.Dutch,
			first: end{assistant.Agent, "Goedemiddag, u spreekt met Sanne van Incasso Voorbeeld. Spreek ik met meneer De Test?"}, last: end{assistant.Customer, "Dank u wel, dag."}, times: &[2]int64{600, 5060},
		},
		{
			file: "srt/openai-whisper-jfk-en.srt",
			code: assistant.EUnprocessable, message: []string{"names no speakers"},
		},
		{
			file: "otter/collections-call-en.txt", format: "otter", turns: 10, method: assistant.MappingInferred, lang: assistant.English,
			first: end{assistant.Agent, "Good morning, this is Alex from Example Credit Services. Am I speaking with Mr Sample?"}, last: end{assistant.Customer, "Thanks, bye."}, times: &[2]int64{0, 0},
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
			switch {
			case strings.HasSuffix(tt.file, ".vtt"):
				mediaType = "text/vtt"
			case strings.HasSuffix(tt.file, ".srt"):
				mediaType = "application/x-subrip"
			case strings.HasSuffix(tt.file, ".txt"):
				mediaType = "text/plain"
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
			same := func(got, want string) bool { return got == want || tt.prefix && strings.HasPrefix(got, want) }
			if first.Speaker != tt.first.speaker || !same(first.Text, tt.first.text) {
				t.Errorf("first turn = %s %q, want %s %q", first.Speaker, first.Text, tt.first.speaker, tt.first.text)
			}
			if last.Speaker != tt.last.speaker || !same(last.Text, tt.last.text) {
				t.Errorf("last turn = %s %q, want %s %q", last.Speaker, last.Text, tt.last.speaker, tt.last.text)
			}
			if tt.times != nil && (first.StartMS != tt.times[0] || first.EndMS != tt.times[1]) {
				t.Errorf("first turn runs %d–%d ms, want %d–%d", first.StartMS, first.EndMS, tt.times[0], tt.times[1])
			}
		})
	}
}
