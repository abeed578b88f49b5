package transcript

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// TestDetectIssue21Formats checks that each new format is recognised from
// its content alone, whatever the media type says.
func TestDetectIssue21Formats(t *testing.T) {
	tests := []struct{ file, want string }{
		{"transcribe/aws-docs-diarization-en.json", "transcribe"},
		{"transcribe/aws-docs-channel-id-en.json", "transcribe"},
		{"transcribe/collections-call-nl.json", "transcribe"},
		{"amazon/contact-lens-chat-redacted.json", "amazon"},
		{"assemblyai/collections-call-en.json", "assemblyai"},
		{"deepgram/collections-call-nl.json", "deepgram"},
		{"deepgram/deepgram-python-sdk-bueller-en.json", "deepgram"},
		{"revai/collections-call-en.json", "revai"},
		{"revai/revai-python-sdk-transcript-en.json", "revai"},
		{"speechmatics/collections-call-nl.json", "speechmatics"},
		{"speechmatics/speechmatics-python-two-speakers-en.json", "speechmatics"},
		{"azure/collections-call-en.json", "azure"},
		{"azure/azure-docs-batch-result-en.json", "azure"},
		{"googlestt/collections-call-nl.json", "googlestt"},
		{"elevenlabs/collections-call-en.json", "elevenlabs"},
		{"whispercpp/collections-call-nl.json", "whispercpp"},
		{"srt/collections-call-nl.srt", "srt"},
		{"srt/openai-whisper-jfk-en.srt", "srt"},
		{"otter/collections-call-en.txt", "otter"},
	}
	for _, tt := range tests {
		for _, mt := range []string{"", "text/plain", "application/json"} {
			t.Run(tt.file+" "+mt, func(t *testing.T) {
				got, err := detect(readFile(t, filepath.Join("..", "..", "testdata", "platforms", tt.file)), mt)
				if err != nil || got != tt.want {
					t.Errorf("detect = %q, %v; want %q", got, err, tt.want)
				}
			})
		}
	}
	inline := []struct{ name, in, want string }{
		{"Google v2 offsets", `{"results":[{"alternatives":[{"transcript":"hoi","words":[{"word":"hoi","startOffset":"0s","endOffset":"1s","speakerLabel":"1"}]}],"languageCode":"nl-NL"}]}`, "googlestt"},
		{"Google operation", `{"name":"1","done":true,"response":{"@type":"type.googleapis.com/google.cloud.speech.v1.LongRunningRecognizeResponse","results":[]}}`, "googlestt"},
		{"Speechmatics empty results", `{"format":"2.9","results":[]}`, "speechmatics"},
		{"Deepgram utterances", `{"metadata":{},"results":{"utterances":[]}}`, "deepgram"},
		{"Transcribe audio segments", `{"results":{"audio_segments":[]}}`, "transcribe"},
		{"AssemblyAI without utterances", `{"id":"x","status":"completed","text":"hi","words":[{"text":"hi","start":0,"end":1,"speaker":null}]}`, "assemblyai"},
		{"ElevenLabs multichannel", `{"transcripts":[{"channel_index":0,"words":[]}]}`, "elevenlabs"},
		{"Genesys is still Genesys", `{"transcripts":[{"phrases":[]}]}`, "genesys"},
		{"whisper.cpp", `{"result":{"language":"en"},"transcription":[]}`, "whispercpp"},
		{"Otter with a title line", "Title: Betalingsregeling\n\nAnna de Vries  0:03\nGoedemiddag.\n", "otter"},
		{"SRT with CRLF", "1\r\n00:00:01,000 --> 00:00:02,000\r\nAgent: Hello.\r\n", "srt"},
	}
	for _, tt := range inline {
		t.Run(tt.name, func(t *testing.T) {
			got, err := detect([]byte(tt.in), "")
			if err != nil || got != tt.want {
				t.Errorf("detect = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// TestNoneOfTheFormats checks what a user gets for a file no reader knows:
// the formats rooscoach reads and how to force one.
func TestNoneOfTheFormats(t *testing.T) {
	for _, in := range []string{
		`{"rows":[{"who":"x","said":"y"}]}`,
		`{"results":[{"foo":1}]}`,
		"Notulen van het overleg\nWe spraken over de begroting.",
		"Minutes of the meeting\nWe discussed the budget.",
	} {
		_, err := Parse([]byte(in), "", Options{})
		var e *assistant.Error
		if !errors.As(err, &e) || e.Code != assistant.EUnsupported {
			t.Fatalf("%q: error %v, want %s", in, err, assistant.EUnsupported)
		}
		for _, want := range []string{"srt", "otter", "transcribe", "assemblyai", "deepgram", "revai", "speechmatics", "azure", "googlestt", "elevenlabs", "whispercpp", "force a format"} {
			if !strings.Contains(e.Message, want) {
				t.Errorf("%q: message %q does not name %q", in, e.Message, want)
			}
		}
	}
}

// TestFormatAliasesIssue21 checks the names users give the new formats.
func TestFormatAliasesIssue21(t *testing.T) {
	for alias, want := range map[string]string{
		"SubRip": "srt", "otter.ai": "otter", "amazon-transcribe": "transcribe", "whisper.cpp": "whispercpp",
		"rev.ai": "revai", "google-stt": "googlestt", "scribe": "elevenlabs", "assembly-ai": "assemblyai",
	} {
		if !KnownFormat(alias) {
			t.Errorf("KnownFormat(%q) = false", alias)
		}
		got, err := chooseFormat(nil, "", alias)
		if err != nil || got != want {
			t.Errorf("format %q = %q, %v; want %q", alias, got, err, want)
		}
	}
}

// platformFile reads a sample under testdata/platforms.
func platformFile(t testing.TB, name string) []byte {
	t.Helper()
	return readFile(t, filepath.Join("..", "..", "testdata", "platforms", name))
}

// TestTruncatedExports cuts every sample of the new formats short, as an
// interrupted download does: the answer is an input error that says where,
// never a transcript made of half a file.
func TestTruncatedExports(t *testing.T) {
	files := []string{
		"transcribe/collections-call-nl.json", "amazon/contact-lens-chat-redacted.json", "assemblyai/collections-call-en.json",
		"deepgram/collections-call-nl.json", "revai/collections-call-en.json", "speechmatics/collections-call-nl.json",
		"azure/collections-call-en.json", "googlestt/collections-call-nl.json", "elevenlabs/collections-call-en.json",
		"whispercpp/collections-call-nl.json",
	}
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			data := platformFile(t, f)
			cut := data[:len(data)/2]
			tr, err := Parse(cut, "application/json", Options{})
			var e *assistant.Error
			if !errors.As(err, &e) || e.Code != assistant.EInvalid {
				t.Fatalf("half a file: %v (%v), want an input error", err, tr)
			}
			if !strings.Contains(e.Message, "line ") || !strings.Contains(e.Message, "column ") {
				t.Errorf("message %q does not say where the file stops", e.Message)
			}
		})
	}
	text := []struct{ name, in, where string }{
		{"SubRip cut after a number", "1\n00:00:01,000 --> 00:00:02,000\nKlant: Hallo.\n\n2\n", "line 6"},
		{"SubRip cut inside a timing", "1\n00:00:01,000 --> 00:00:02,000\nAgent: Hello.\n\n2\n00:00:02,000 --> 00:00", "subtitle 2 (line 6)"},
		{"Otter cut after a header", "Anna de Vries  0:03\nGoedemiddag, u spreekt met Anna van Incasso West.\n\nPiet Jansen  0:09\n", "line 4"},
	}
	for _, tt := range text {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.in), "", Options{})
			var e *assistant.Error
			if !errors.As(err, &e) || e.Code != assistant.EInvalid || !strings.Contains(e.Message, tt.where) {
				t.Fatalf("error %v, want an input error naming %q", err, tt.where)
			}
		})
	}
}

// TestDeclaredSpeakerInNoSegment declares, per format, a speaker label the
// file never uses: the answer names it and lists the speakers there are.
func TestDeclaredSpeakerInNoSegment(t *testing.T) {
	tests := []struct{ file, declared, found string }{
		{"transcribe/aws-docs-diarization-en.json", "spk_2", `"spk_0", "spk_1"`},
		{"transcribe/aws-docs-channel-id-en.json", "ch_2", `"ch_0", "ch_1"`},
		{"assemblyai/collections-call-en.json", "Speaker C", `"Speaker A", "Speaker B"`},
		{"deepgram/collections-call-nl.json", "Speaker 2", `"Speaker 0", "Speaker 1"`},
		{"speechmatics/collections-call-nl.json", "S3", `"S1", "S2"`},
		{"elevenlabs/collections-call-en.json", "speaker_2", `"speaker_0", "speaker_1"`},
		{"srt/collections-call-nl.srt", "Sanne", `"Medewerker", "Klant"`},
		{"otter/collections-call-en.txt", "Alex", `"Alex Example", "Robin Sample"`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := Parse(platformFile(t, tt.file), "", Options{AgentSpeaker: tt.declared})
			var e *assistant.Error
			if !errors.As(err, &e) || e.Code != assistant.EInvalid {
				t.Fatalf("error %v, want an input error", err)
			}
			for _, want := range []string{`agent "` + tt.declared + `" matches no speaker`, tt.found} {
				if !strings.Contains(e.Message, want) {
					t.Errorf("message %q does not contain %q", e.Message, want)
				}
			}
		})
	}
}

// TestSpeechServiceInput covers input the services write on a bad day:
// segments out of order or overlapping, empty alternatives, segments of
// only white space, events, unfinished jobs. Each either reads correctly or
// is refused naming the field and its position.
func TestSpeechServiceInput(t *testing.T) {
	type turn struct {
		speaker assistant.Speaker
		text    string
		start   int64
	}
	const agentEN = "Hello, this is Sam from Fairway Collections, am I speaking with Mr Hughes?"
	const agentNL = "Goedemiddag, u spreekt met Daan van Incasso West. Spreek ik met mevrouw Jansen?"
	tests := []struct {
		name  string
		in    string
		opts  Options
		turns []turn
		// code and contains, for input that must be refused.
		code     string
		contains []string
	}{
		{
			name: "AssemblyAI utterances out of order are put in order",
			in: `{"status":"completed","language_code":"en","utterances":[
				{"speaker":"B","text":"Yes, speaking.","start":6000,"end":7000},
				{"speaker":"A","text":"` + agentEN + `","start":500,"end":5000}]}`,
			turns: []turn{{assistant.Agent, agentEN, 500}, {assistant.Customer, "Yes, speaking.", 6000}},
		},
		{
			name: "Azure phrases that overlap keep the order of their starts",
			in: `{"recognizedPhrases":[
				{"recognitionStatus":"Success","channel":0,"speaker":2,"offsetInTicks":40000000,"durationInTicks":20000000,"nBest":[{"display":"Ja, met mij."}]},
				{"recognitionStatus":"Success","channel":0,"speaker":1,"offsetInTicks":5000000,"durationInTicks":40000000,"nBest":[{"display":"` + agentNL + `"}]},
				{"recognitionStatus":"NoMatch","channel":0,"speaker":1,"offsetInTicks":70000000,"durationInTicks":1000000},
				{"recognitionStatus":"Success","channel":0,"speaker":1,"offsetInTicks":61000000,"durationInTicks":10000000,"nBest":[{"display":"   "}]}]}`,
			turns: []turn{{assistant.Agent, agentNL, 500}, {assistant.Customer, "Ja, met mij.", 4000}},
		},
		{
			name: "an AssemblyAI utterance ending before it starts",
			in:   `{"status":"completed","utterances":[{"speaker":"A","text":"Hallo","start":5000,"end":1000},{"speaker":"B","text":"Dag","start":6000,"end":7000}]}`,
			opts: Options{AgentSpeaker: "Speaker A"}, code: assistant.EInvalid, contains: []string{"utterances[0]", "before it starts"},
		},
		{
			name: "Amazon Transcribe item with empty alternatives",
			in:   `{"results":{"items":[{"type":"pronunciation","start_time":"0.1","end_time":"0.3","speaker_label":"spk_0","alternatives":[{"content":"Hallo"}]},{"type":"pronunciation","start_time":"0.4","end_time":"0.6","speaker_label":"spk_1","alternatives":[]}]}}`,
			code: assistant.EInvalid, contains: []string{"results.items[1]", "no alternatives"},
		},
		{
			name: "Amazon Transcribe time that is not a number",
			in:   `{"results":{"items":[{"type":"pronunciation","start_time":"soon","end_time":"0.3","speaker_label":"spk_0","alternatives":[{"content":"Hallo"}]}]}}`,
			code: assistant.EInvalid, contains: []string{"results.items[0].start_time", `"soon"`},
		},
		{
			name: "Amazon Transcribe without diarization names no speakers",
			in:   `{"results":{"transcripts":[{"transcript":"Hallo, met Daan."}],"items":[{"type":"pronunciation","start_time":"0.1","end_time":"0.3","alternatives":[{"content":"Hallo"}]}]}}`,
			code: assistant.EUnprocessable, contains: []string{"names no speakers"},
		},
		{
			name: "Amazon Transcribe audio segments are read as sentences",
			in: `{"results":{"language_code":"en-GB","audio_segments":[
				{"id":0,"transcript":"` + agentEN + `","start_time":"0.5","end_time":"5.0","speaker_label":"spk_0","items":[0]},
				{"id":1,"transcript":"Yes.","start_time":"5.5","end_time":"6.0","speaker_label":"spk_1","items":[1]}]}}`,
			turns: []turn{{assistant.Agent, agentEN, 500}, {assistant.Customer, "Yes.", 5500}},
		},
		{
			name: "Deepgram channel without alternatives had no speech",
			in: `{"results":{"channels":[
				{"alternatives":[{"transcript":"` + agentNL + `","words":[{"word":"goedemiddag","punctuated_word":"` + agentNL + `","start":0.5,"end":4}]}]},
				{"alternatives":[]},
				{"alternatives":[{"transcript":"Ja.","words":[{"word":"ja","punctuated_word":"Ja.","start":4.5,"end":5}]}]}]}}`,
			opts:  Options{AgentSpeaker: "channel 0"},
			turns: []turn{{assistant.Agent, agentNL, 500}, {assistant.Customer, "Ja.", 4500}},
		},
		{
			name: "Deepgram without any alternatives",
			in:   `{"results":{"channels":[{"alternatives":[]}]}}`,
			code: assistant.EInvalid, contains: []string{"results.channels"},
		},
		{
			name: "Speechmatics result with empty alternatives",
			in:   `{"format":"2.9","results":[{"type":"word","start_time":0.1,"end_time":0.3,"alternatives":[]}]}`,
			code: assistant.EInvalid, contains: []string{"results[0]", "no alternatives"},
		},
		{
			name: "Speechmatics unknown speaker words belong to the speaker around them",
			in: `{"format":"2.9","results":[
				{"type":"word","start_time":0.1,"end_time":0.3,"alternatives":[{"content":"Goedemiddag","speaker":"S1"}]},
				{"type":"word","start_time":0.3,"end_time":0.5,"alternatives":[{"content":"mevrouw","speaker":"UU"}]},
				{"type":"punctuation","start_time":0.5,"end_time":0.5,"attaches_to":"previous","alternatives":[{"content":".","speaker":"S1"}]},
				{"type":"word","start_time":1.0,"end_time":1.2,"alternatives":[{"content":"Dag","speaker":"S2"}]}]}`,
			opts:  Options{AgentSpeaker: "S1"},
			turns: []turn{{assistant.Agent, "Goedemiddag mevrouw.", 100}, {assistant.Customer, "Dag", 1000}},
		},
		{
			name: "Google results without alternatives are skipped",
			in: `{"results":[{"alternatives":[],"resultEndTime":"1s"},
				{"alternatives":[{"transcript":"` + agentEN + `","words":[{"word":"Hello,","startTime":"1.5s","endTime":"2s"}]}],"channelTag":1,"resultEndTime":"5s"},
				{"alternatives":[{"transcript":"Yes."}],"channelTag":2,"resultEndTime":"6s"}]}`,
			opts:  Options{AgentSpeaker: "channel 1"},
			turns: []turn{{assistant.Agent, agentEN, 1500}, {assistant.Customer, "Yes.", 5000}},
		},
		{
			name: "Google v2 speaker labels in each result",
			in: `{"results":[
				{"alternatives":[{"transcript":"Goedemiddag.","words":[{"word":"Goedemiddag.","startOffset":"0.2s","endOffset":"1s","speakerLabel":"1"}]}],"languageCode":"nl-nl"},
				{"alternatives":[{"transcript":"Dag.","words":[{"word":"Dag.","startOffset":"1.5s","endOffset":"2s","speakerLabel":"2"}]}],"languageCode":"nl-nl"}]}`,
			opts:  Options{AgentSpeaker: "Speaker 1"},
			turns: []turn{{assistant.Agent, "Goedemiddag.", 200}, {assistant.Customer, "Dag.", 1500}},
		},
		{
			name: "Google operation not done",
			in:   `{"name":"123","done":false,"response":{"results":[]}}`,
			code: assistant.EInvalid, contains: []string{"not done"},
		},
		{
			name: "Rev.ai monologue of only spaces is no turn",
			in: `{"monologues":[
				{"speaker":1,"elements":[{"type":"text","value":"Goedemiddag","ts":0.5,"end_ts":1.0},{"type":"punct","value":"."}]},
				{"speaker":2,"elements":[{"type":"punct","value":" "},{"type":"unknown","value":"<inaudible>"}]},
				{"speaker":0,"elements":[{"type":"text","value":"Dag","ts":2.0,"end_ts":2.4}]}]}`,
			opts:  Options{AgentSpeaker: "Speaker 1", CustomerSpeaker: "Speaker 0"},
			turns: []turn{{assistant.Agent, "Goedemiddag.", 500}, {assistant.Customer, "Dag", 2000}},
		},
		{
			name: "Rev.ai element of an unknown type",
			in:   `{"monologues":[{"speaker":0,"elements":[{"type":"txt","value":"Hallo"}]}]}`,
			code: assistant.EInvalid, contains: []string{"monologues[0].elements[0]", `"txt"`},
		},
		{
			name: "AssemblyAI job that failed",
			in:   `{"id":"x","status":"error","error":"Download error","utterances":null,"words":[]}`,
			code: assistant.EInvalid, contains: []string{"failed", "Download error"},
		},
		{
			name: "AssemblyAI job still processing",
			in:   `{"id":"x","status":"processing","words":[]}`,
			code: assistant.EInvalid, contains: []string{"still processing"},
		},
		{
			name: "ElevenLabs audio events are not speech",
			in: `{"language_code":"nld","words":[
				{"text":"Goedemiddag.","type":"word","start":0.2,"end":1,"speaker_id":"speaker_0"},
				{"text":" ","type":"spacing","start":1,"end":1.2,"speaker_id":"speaker_1"},
				{"text":"(gelach)","type":"audio_event","start":1.2,"end":1.4,"speaker_id":"speaker_1"},
				{"text":"Dag.","type":"word","start":1.5,"end":2,"speaker_id":"speaker_1"}]}`,
			opts:  Options{AgentSpeaker: "speaker_0"},
			turns: []turn{{assistant.Agent, "Goedemiddag.", 200}, {assistant.Customer, "Dag.", 1500}},
		},
		{
			name: "whisper.cpp tinydiarize turns alternate two speakers",
			in: `{"result":{"language":"en"},"transcription":[
				{"offsets":{"from":0,"to":4000},"text":" ` + agentEN + ` [SPEAKER_TURN]","speaker_turn_next":true},
				{"offsets":{"from":4000,"to":5000},"text":" Yes, that's me.","speaker_turn_next":false},
				{"offsets":{"from":5000,"to":6000},"text":" I got your letter.","speaker_turn_next":true},
				{"offsets":{"from":6000,"to":9000},"text":" Thanks, I'm calling about your account.","speaker_turn_next":false}]}`,
			turns: []turn{{assistant.Agent, agentEN, 0}, {assistant.Customer, "Yes, that's me. I got your letter.", 4000}, {assistant.Agent, "Thanks, I'm calling about your account.", 6000}},
		},
		{
			name: "whisper.cpp without diarization names no speakers",
			in:   `{"result":{"language":"nl"},"transcription":[{"offsets":{"from":0,"to":4000},"text":" Goedemiddag."}]}`,
			code: assistant.EUnprocessable, contains: []string{"names no speakers"},
		},
		{
			name: "Contact Lens chat events without participant or text are skipped",
			in: `{"Participants":[{"ParticipantId":"a","ParticipantRole":"AGENT"},{"ParticipantId":"c","ParticipantRole":"CUSTOMER"}],"Transcript":[
				{"ParticipantId":"c","ContentType":"application/vnd.amazonaws.connect.event.participant.joined","AbsoluteTime":"2026-11-30T10:00:00.000Z"},
				{"ParticipantId":"a","Content":"Goedemiddag, u spreekt met Daan.","ContentType":"text/plain","AbsoluteTime":"2026-11-30T10:00:02.000Z"},
				{"ParticipantId":"c","ContentType":"application/vnd.amazonaws.connect.event.typing","AbsoluteTime":"2026-11-30T10:00:03.000Z"},
				{"ParticipantId":"c","Content":"Dag Daan.","ContentType":"text/plain","AbsoluteTime":"2026-11-30T10:00:05.500Z"},
				{"ContentType":"application/vnd.amazonaws.connect.event.chat.ended","AbsoluteTime":"2026-11-30T10:00:09.000Z"},
				{"AbsoluteTime":"2026-11-30T10:00:09.100Z"}]}`,
			turns: []turn{{assistant.Agent, "Goedemiddag, u spreekt met Daan.", 2000}, {assistant.Customer, "Dag Daan.", 5500}},
		},
		{
			name: "Contact Lens item with text but no participant is still refused",
			in:   `{"Transcript":[{"Content":"Hallo","AbsoluteTime":"2026-11-30T10:00:00.000Z"}]}`,
			code: assistant.EInvalid, contains: []string{"Transcript[0]", "ParticipantRole"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr, err := Parse([]byte(tt.in), "", tt.opts)
			if tt.code != "" {
				var e *assistant.Error
				if !errors.As(err, &e) || e.Code != tt.code {
					t.Fatalf("error %v, want code %s", err, tt.code)
				}
				for _, s := range tt.contains {
					if !strings.Contains(e.Message, s) {
						t.Errorf("message %q does not contain %q", e.Message, s)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			var got []turn
			for _, x := range tr.Turns {
				got = append(got, turn{x.Speaker, x.Text, x.StartMS})
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.turns) {
				t.Errorf("turns\n got %v\nwant %v", got, tt.turns)
			}
		})
	}
}

// hugeTranscribe builds an Amazon Transcribe output of n words in which the
// speaker changes every 50 words.
func hugeTranscribe(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"results":{"items":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		spk, w := i/50%2, "betalen"
		if i < 50 {
			w = [...]string{"u", "spreekt", "met", "Daan", "namens", "Incasso", "West"}[i%7]
		}
		fmt.Fprintf(&b, `{"type":"pronunciation","start_time":"%.2f","end_time":"%.2f","speaker_label":"spk_%d","alternatives":[{"content":%q}]}`,
			float64(i)*0.3, float64(i)*0.3+0.25, spk, w)
	}
	b.WriteString(`]}}`)
	return b.Bytes()
}

// TestHugeWordArray reads a file of 200,000 words (some 18 hours of speech)
// correctly: every change of speaker is a turn and no word is lost.
func TestHugeWordArray(t *testing.T) {
	const n = 200_000
	tr, err := Parse(hugeTranscribe(n), "", Options{AgentSpeaker: "spk_0"})
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Turns) != n/50 {
		t.Fatalf("%d turns, want %d", len(tr.Turns), n/50)
	}
	words := 0
	for _, turn := range tr.Turns {
		words += len(strings.Fields(turn.Text))
	}
	if words != n {
		t.Errorf("%d words in the turns, want %d", words, n)
	}
}

func BenchmarkParseHugeWordArray(b *testing.B) {
	data := hugeTranscribe(200_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data, "", Options{AgentSpeaker: "spk_0"}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestVTTEdgeCases follows the WebVTT parsing rules for what players accept
// and exports write.
func TestVTTEdgeCases(t *testing.T) {
	type turn struct {
		label, text string
	}
	tests := []struct {
		name  string
		in    string
		turns []turn
	}{
		{
			// The W3C example speaker; the cue ends inside the tag.
			name:  "voice tag without its closing >",
			in:    "WEBVTT\n\n00:00.000 --> 00:02.000\n<v Roger Bingham\n\n00:02.000 --> 00:04.000\nWe are in New York City\n\n00:04.000 --> 00:06.000\n<v Neil deGrasse Tyson>Yes.",
			turns: []turn{{"Roger Bingham", "We are in New York City"}, {"Neil deGrasse Tyson", "Yes."}},
		},
		{
			name:  "voice tag without a name continues the voice before",
			in:    "WEBVTT\n\n00:00.000 --> 00:02.000\n<v Anna de Vries>Goedemiddag.\n\n00:02.000 --> 00:04.000\n<v>U spreekt met Anna.\n\n00:04.000 --> 00:06.000\n<v Piet Jansen>Dag.",
			turns: []turn{{"Anna de Vries", "Goedemiddag. U spreekt met Anna."}, {"Piet Jansen", "Dag."}},
		},
		{
			name: "metadata cues are not speech",
			in: "WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\nMeeting title: Payment plan\nHosted by: Sam Example\n\n" +
				"2\n00:00:01.000 --> 00:00:03.000\nSam Example: Good morning.\n\n3\n00:00:03.000 --> 00:00:04.000\nDate: 30 November 2026\n\n" +
				"4\n00:00:04.000 --> 00:00:06.000\nRobin Sample: Morning.",
			turns: []turn{{"Sam Example", "Good morning."}, {"Robin Sample", "Morning."}},
		},
		{
			name: "Dutch metadata cues are not speech",
			in: "WEBVTT\n\n00:00.000 --> 00:01.000\nVergadertitel: Betalingsregeling\nGeorganiseerd door: Anna de Vries\n\n" +
				"00:01.000 --> 00:03.000\n<v Anna de Vries>Goedemiddag.\n\n00:03.000 --> 00:04.000\nDeelnemers: Anna de Vries, Piet Jansen\n\n" +
				"00:04.000 --> 00:06.000\n<v Piet Jansen>Dag.",
			turns: []turn{{"Anna de Vries", "Goedemiddag."}, {"Piet Jansen", "Dag."}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			labels := []string{tt.turns[0].label}
			tr, err := Parse([]byte(tt.in), "", Options{AgentSpeaker: labels[0]})
			if err != nil {
				t.Fatal(err)
			}
			var got []turn
			for _, x := range tr.Turns {
				got = append(got, turn{x.SourceSpeaker, x.Text})
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.turns) {
				t.Errorf("turns\n got %q\nwant %q", got, tt.turns)
			}
		})
	}
}

// TestSRTAndOtterShapes covers the speaker notations of subtitles and
// meeting-tool exports.
func TestSRTAndOtterShapes(t *testing.T) {
	tests := []struct {
		name, in, format string
		turns            []string
	}{
		{"SubRip [Name] and Name:", "1\n00:00:01,000 --> 00:00:02,000\n[Agent] <i>Good morning.</i>\n\n2\n00:00:02,500 --> 00:00:03,000\n{\\an8}Customer: Morning.\n\n3\n00:00:03,000 --> 00:00:04,000\nHow can I help?", "srt",
			[]string{"agent Good morning.", "customer Morning. How can I help?"}},
		{"SubRip [music] is no speaker", "1\n00:00:01,000 --> 00:00:02,000\nMedewerker: Goedemiddag.\n\n2\n00:00:02,000 --> 00:00:03,000\n[muziek] Even geduld.\n\n3\n00:00:03,000 --> 00:00:04,000\nKlant: Dag.", "srt",
			[]string{"agent Goedemiddag. [muziek] Even geduld.", "customer Dag."}},
		{"Otter paragraphs, title and footer", "Title: Betalingsregeling\n\nMedewerker  0:01\nGoedemiddag.\nU spreekt met Anna.\n\nKlant  0:05\nDag.\n\nTranscribed by https://otter.ai\n", "otter",
			[]string{"agent Goedemiddag. U spreekt met Anna.", "customer Dag."}},
		{"Otter hours", "Agent  59:58\nHello.\n\nCustomer  1:00:02\nHi.\n", "otter",
			[]string{"agent Hello.", "customer Hi."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := mustParse(t, []byte(tt.in), "", Options{})
			var got []string
			for _, x := range tr.Turns {
				got = append(got, string(x.Speaker)+" "+x.Text)
			}
			if tr.Format != tt.format || fmt.Sprint(got) != fmt.Sprint(tt.turns) {
				t.Errorf("%s %q, want %s %q", tr.Format, got, tt.format, tt.turns)
			}
		})
	}
	bad := []struct{ name, in, where string }{
		{"Otter time going back", "Agent  0:05\nHello.\n\nCustomer  0:03\nHi.\n", "line 4"},
		{"Otter text before any header", "Notes from the call\nAgent  0:05\nHello.\n", "line 1"},
		{"SubRip without a speaker before", "1\n00:00:01,000 --> 00:00:02,000\nGood morning.\n\n2\n00:00:02,000 --> 00:00:03,000\nKlant: Dag.", "subtitle 1 (line 2)"},
		{"SubRip end before start", "1\n00:00:05,000 --> 00:00:02,000\nAgent: Hello.", "subtitle 1 (line 2)"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.in), "", Options{})
			var e *assistant.Error
			if !errors.As(err, &e) || e.Code != assistant.EInvalid || !strings.Contains(e.Message, tt.where) {
				t.Fatalf("error %v, want an input error naming %q", err, tt.where)
			}
		})
	}
}
