package transcript

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rooscoach/rooscoach/assistant"
)

// seed adds every file matching the patterns to the fuzz corpus.
func seed(f *testing.F, patterns ...string) {
	f.Helper()
	n := 0
	for _, p := range patterns {
		files, err := filepath.Glob(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
			n++
		}
	}
	if n == 0 {
		f.Fatalf("no seed files match %v", patterns)
	}
}

// seedSmall adds the JSON files matching pattern to the corpus with every
// list cut to its first n elements. The fuzzer minimises each new
// interesting input for up to a minute (-fuzzminimizetime); grown from
// exports of several kilobytes that took whole runs, in which it tried a
// handful of inputs. Small documents of the same shape keep it mutating.
func seedSmall(f *testing.F, n int, pattern string) {
	f.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		f.Fatalf("no seed files match %s (%v)", pattern, err)
	}
	var cut func(v any) any
	cut = func(v any) any {
		switch x := v.(type) {
		case []any:
			x = x[:min(n, len(x))]
			for i := range x {
				x[i] = cut(x[i])
			}
			return x
		case map[string]any:
			for k := range x {
				x[k] = cut(x[k])
			}
		}
		return v
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			f.Fatalf("%s: %v", file, err)
		}
		small, err := json.Marshal(cut(v))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(small)
	}
}

// checkParse asserts what must hold for any input: an error a user can act
// on, or a transcript whose turns are well formed.
func checkParse(t *testing.T, data []byte, format string) {
	tr, err := Parse(data, "", Options{Format: format})
	if err != nil {
		var e *assistant.Error
		if !errors.As(err, &e) {
			t.Fatalf("error %v is %T, want *assistant.Error", err, err)
		}
		switch e.Code {
		case assistant.EInvalid, assistant.EUnsupported, assistant.EUnprocessable:
		default:
			t.Fatalf("error code %q for input error: %v", e.Code, err)
		}
		if e.Message == "" || !utf8.ValidString(e.Message) {
			t.Fatalf("error message %q is empty or not UTF-8", e.Message)
		}
		return
	}
	if format != "" && tr.Format != format {
		t.Fatalf("format = %q, want %q", tr.Format, format)
	}
	if !tr.Language.Valid() {
		t.Fatalf("language %q is not valid", tr.Language)
	}
	if tr.Mapping.Method == "" || tr.Mapping.Confidence <= 0 || tr.Mapping.Confidence > 1 {
		t.Fatalf("mapping %+v", tr.Mapping)
	}
	if len(tr.Turns) == 0 || tr.AgentTurns() == 0 {
		t.Fatalf("%d turns, %d by the agent", len(tr.Turns), tr.AgentTurns())
	}
	for i, turn := range tr.Turns {
		switch {
		case turn.Index != i:
			t.Fatalf("turn %d has index %d", i, turn.Index)
		case !turn.Speaker.Valid():
			t.Fatalf("turn %d has speaker %q", i, turn.Speaker)
		case turn.Text == "" || strings.TrimSpace(turn.Text) != turn.Text:
			t.Fatalf("turn %d has text %q", i, turn.Text)
		case !utf8.ValidString(turn.Text):
			t.Fatalf("turn %d text is not UTF-8: %q", i, turn.Text)
		case i > 0 && turn.Speaker == tr.Turns[i-1].Speaker:
			t.Fatalf("turns %d and %d are both %s", i-1, i, turn.Speaker)
		case turn.StartMS < 0 || turn.EndMS != 0 && turn.EndMS < turn.StartMS:
			t.Fatalf("turn %d runs from %d to %d ms", i, turn.StartMS, turn.EndMS)
		case turn.Language != "" && (!turn.Language.Valid() || turn.Language == tr.Language):
			t.Fatalf("turn %d language %q in a %q call", i, turn.Language, tr.Language)
		}
	}
}

func FuzzText(f *testing.F) {
	seed(f, "../../testdata/calls/*.txt")
	f.Add([]byte("[00:01:23.450] Agent: Let op: a\nKlant: b\ncontinued"))
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, data, "text") })
}

func FuzzJSON(f *testing.F) {
	seed(f, "../../testdata/calls/*.json")
	f.Add([]byte(`[{"speaker":"agent","text":"a","start_ms":1,"end_ms":2},{"speaker":"customer","text":"b"}]`))
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, data, "json") })
}

func FuzzVTT(f *testing.F) {
	seed(f, "../../testdata/calls/*.vtt", "testdata/*.vtt")
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, data, "webvtt") })
}

func FuzzAmazon(f *testing.F) {
	seed(f, "testdata/amazon-tca.json", "testdata/contactlens*.json")
	seedSmall(f, 2, "../../testdata/platforms/amazon/*.json")
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, data, "amazon") })
}

func FuzzGenesys(f *testing.F) {
	seed(f, "testdata/genesys.json")
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, data, "genesys") })
}

func FuzzCCAI(f *testing.F) {
	seed(f, "testdata/ccai*.json")
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, data, "ccai") })
}

func FuzzWhisper(f *testing.F) {
	seed(f, "testdata/whisper*.json")
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, data, "whisper") })
}

func FuzzVCon(f *testing.F) {
	seed(f, "testdata/vcon-*.json")
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, data, "vcon") })
}

// FuzzDetect feeds every kind of input through format detection.
func FuzzDetect(f *testing.F) {
	seed(f, "../../testdata/calls/*", "../../testdata/platforms/*/*", "testdata/*.json", "testdata/*.vtt")
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, data, "") })
}

// Issue 21 readers, seeded with their samples under testdata/platforms and
// with the inline cases of stt_test.go that matter most.

func FuzzTranscribe(f *testing.F) {
	seedSmall(f, 2, "../../testdata/platforms/transcribe/*.json")
	f.Add([]byte(`{"results":{"audio_segments":[{"transcript":"a","start_time":"0.5","end_time":"1","speaker_label":"spk_0"}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, data, "transcribe") })
}

func FuzzAssemblyAI(f *testing.F) {
	seedSmall(f, 2, "../../testdata/platforms/assemblyai/*.json")
	f.Add([]byte(`{"status":"completed","language_code":"nl","utterances":[{"speaker":"A","text":"Goedemiddag, u spreekt met Daan namens Incasso West.","start":0,"end":900},{"speaker":"B","text":"Dag.","start":1000,"end":1500}]}`))
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, data, "assemblyai") })
}

func FuzzDeepgram(f *testing.F) {
	seedSmall(f, 2, "../../testdata/platforms/deepgram/*.json")
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, data, "deepgram") })
}

func FuzzRevAI(f *testing.F) {
	seedSmall(f, 2, "../../testdata/platforms/revai/*.json")
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, data, "revai") })
}

func FuzzSpeechmatics(f *testing.F) {
	seedSmall(f, 2, "../../testdata/platforms/speechmatics/*.json")
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, data, "speechmatics") })
}

func FuzzAzure(f *testing.F) {
	seedSmall(f, 2, "../../testdata/platforms/azure/*.json")
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, data, "azure") })
}

func FuzzGoogleSTT(f *testing.F) {
	seedSmall(f, 2, "../../testdata/platforms/googlestt/*.json")
	f.Add([]byte(`{"results":[{"alternatives":[{"transcript":"a","words":[{"word":"a","startOffset":"0s","endOffset":"1s","speakerLabel":"1"}]}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, data, "googlestt") })
}

func FuzzElevenLabs(f *testing.F) {
	seedSmall(f, 2, "../../testdata/platforms/elevenlabs/*.json")
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, data, "elevenlabs") })
}

func FuzzWhisperCpp(f *testing.F) {
	seedSmall(f, 2, "../../testdata/platforms/whispercpp/*.json")
	f.Add([]byte(`{"transcription":[{"offsets":{"from":0,"to":1},"text":"a [SPEAKER_TURN]","speaker_turn_next":true},{"offsets":{"from":1,"to":2},"text":"b"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, data, "whispercpp") })
}

func FuzzSRT(f *testing.F) {
	// Small seeds rather than the samples, for the reason seedSmall gives.
	seed(f, "../../testdata/platforms/srt/openai-whisper-jfk-en.srt")
	f.Add([]byte("1\n00:00:00,000 --> 00:00:00,500\nVergadertitel: Incasso\n\n2\n00:00:00,600 --> 00:00:05,060\n[Medewerker] <i>Goedemiddag</i>, met Sanne.\n\n3\n00:00:05,580 --> 00:00:07,160\n{\\an8}Klant: Ja.\nDag."))
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, data, "srt") })
}

func FuzzOtter(f *testing.F) {
	seed(f, "../../testdata/platforms/otter/*.txt")
	f.Add([]byte("Title: x\n\nAgent  0:01\nHello.\n\nKlant  1:00:02\nDag.\n\nTranscribed by https://otter.ai\n"))
	f.Fuzz(func(t *testing.T, data []byte) { checkParse(t, data, "otter") })
}
