package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// syncBuffer collects a running command's log safely.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func runCmd(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), err
}

// TestServeMigrateAndDrain runs the real binary's serve command end to end:
// migrate, serve, post a transcript, then SIGTERM (a cancelled context) while
// a request is still uploading: that request must finish.
func TestServeMigrateAndDrain(t *testing.T) {
	dsn := storetest.NewEmptyDSN(t)
	t.Setenv("DATABASE_URL", dsn)
	t.Setenv("ROOSCOACH_ADDR", "127.0.0.1:0")

	var logs syncBuffer
	if err := run(context.Background(), []string{"serve"}, nil, io.Discard, &logs); err == nil || !strings.Contains(err.Error(), "migrate") {
		t.Fatalf("serve on an unmigrated database: err %v, want a refusal that says to migrate", err)
	}
	if _, stderr, err := runCmd(t, "", "migrate"); err != nil {
		t.Fatalf("migrate: %v\n%s", err, stderr)
	}

	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve", "--shutdown-grace=10s"}, nil, io.Discard, &logs) }()
	base := waitForURL(t, &logs)
	token := firstToken(t, &logs)

	body, err := os.ReadFile("../../testdata/calls/nl-betalingsregeling.txt")
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("POST", base+"/v1/calls?agent_id=a-1&external_id=drain-1", bytes.NewReader(body))
	req.Header.Set("Content-Type", "text/plain")
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("POST: status %d", res.StatusCode)
	}

	// Start a request and send only half its body before the shutdown.
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	head := "POST /v1/calls?agent_id=a-1&external_id=drain-2 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\nContent-Type: text/plain\r\nContent-Length: " +
		itoa(len(body)) + "\r\n\r\n"
	if _, err := conn.Write(append([]byte(head), body[:len(body)/2]...)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond) // let the server take the request in
	stop()
	time.Sleep(100 * time.Millisecond)
	if _, err := conn.Write(body[len(body)/2:]); err != nil {
		t.Fatalf("finish the in-flight body: %v", err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("in-flight request got no answer: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Errorf("in-flight request during shutdown: status %d, want 201", resp.StatusCode)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop after the context was cancelled")
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("server still answers after shutdown")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

var (
	urlRe   = regexp.MustCompile(`url=(http://\S+)`)
	tokenRe = regexp.MustCompile(`FIRST START.*token=([0-9]+-[0-9a-f]+)`)
)

// firstToken returns the admin token serve wrote to its log on first
// start.
func firstToken(t *testing.T, logs *syncBuffer) string {
	t.Helper()
	m := tokenRe.FindStringSubmatch(logs.String())
	if m == nil {
		t.Fatalf("serve wrote no first admin token to its log:\n%s", logs.String())
	}
	return m[1]
}

func waitForURL(t *testing.T, logs *syncBuffer) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if m := urlRe.FindStringSubmatch(logs.String()); m != nil {
			return m[1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("serve did not log its URL; log:\n%s", logs.String())
	return ""
}

func TestAnalyzeCommand(t *testing.T) {
	out, stderr, err := runCmd(t, "", "analyze", "--format", "json", "../../testdata/calls/en-arrears.txt")
	if err != nil {
		t.Fatalf("analyze: %v\n%s", err, stderr)
	}
	var an struct {
		Language assistant.Language       `json:"language"`
		Turns    []assistant.TurnAnalysis `json:"turns"`
	}
	if err := json.Unmarshal([]byte(out), &an); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if an.Language != assistant.English || len(an.Turns) == 0 {
		t.Errorf("analysis: language %s, %d turns", an.Language, len(an.Turns))
	}

	text, _ := os.ReadFile("../../testdata/calls/nl-betalingsregeling.txt")
	report, stderr, err := runCmd(t, string(text), "analyze", "-")
	if err != nil {
		t.Fatalf("analyze -: %v\n%s", err, stderr)
	}
	for _, want := range []string{"Agent turns:", "above-together", "Ending:"} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}

	_, _, err = runCmd(t, "Klant: hallo\n", "analyze", "-")
	if err == nil || !strings.Contains(err.Error(), "agent") {
		t.Errorf("a transcript without agent: err %v, want one that names the missing agent", err)
	}
	_, _, err = runCmd(t, "", "analyze", "--format", "yaml", "x.txt")
	var ue usageError
	if !errors.As(err, &ue) {
		t.Errorf("--format yaml: err %v, want a usage error", err)
	}
}

func TestClassifyContract(t *testing.T) {
	in := "U moet vandaag betalen, anders stuur ik de deurwaarder.\n\nWhat would be a realistic amount for you each month?\nHmm\n"
	out, stderr, err := runCmd(t, in, "classify")
	if err != nil {
		t.Fatalf("classify: %v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d output lines for 4 input lines:\n%s", len(lines), out)
	}
	want := []struct {
		lang assistant.Language
		q    assistant.Quadrant
	}{{assistant.Dutch, assistant.AboveOpposed}, {"", ""}, {assistant.English, assistant.AboveTogether}}
	for i, line := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("line %d is not JSON: %s", i+1, line)
		}
		for _, k := range []string{"text", "lang", "octant", "quadrant", "dominance", "affiliation", "confidence", "cues"} {
			if _, ok := m[k]; !ok {
				t.Errorf("line %d lacks %q: %s", i+1, k, line)
			}
		}
		if i < len(want) && want[i].lang != "" && (m["lang"] != string(want[i].lang) || m["quadrant"] != string(want[i].q)) {
			t.Errorf("line %d: lang %v quadrant %v, want %s %s", i+1, m["lang"], m["quadrant"], want[i].lang, want[i].q)
		}
	}
	var blank, last map[string]any
	json.Unmarshal([]byte(lines[1]), &blank)
	if blank["text"] != "" || blank["confidence"].(float64) > 0.1 {
		t.Errorf("blank line: %v, want empty text with no confidence", blank)
	}
	json.Unmarshal([]byte(lines[3]), &last)
	if c, _ := last["confidence"].(float64); c >= 0.3 {
		t.Errorf("\"Hmm\" classified with confidence %v, want low", c)
	}
}

func TestEvalCommand(t *testing.T) {
	f := t.TempDir() + "/set.tsv"
	rows := "lang\tquadrant\ttext\n" +
		"nl\tabove-opposed\tU moet nu betalen, anders gaat het naar de deurwaarder.\n" +
		"en\tabove-together\tWhat amount would work for you each month?\n"
	if err := os.WriteFile(f, []byte(rows), 0o600); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := runCmd(t, "", "eval", f)
	if err != nil {
		t.Fatalf("eval: %v\n%s", err, stderr)
	}
	for _, want := range []string{"nl", "en", "above-opposed"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
	// The seven columns of the speaker-aware sets: per speaker and per kind.
	v2 := t.TempDir() + "/v2.tsv"
	rows = "lang\tquadrant\ttext\toctant\tspeaker\tprevious\tkind\n" +
		"nl\tbelow-together\tMag ik het in drie keer betalen?\tdependent\tcustomer\tEr staat 600 euro open.\tguidance-seeking\n" +
		"en\tbelow-opposed\tThe system won't let me change that date.\twithdrawn\tagent\tCan you move the date?\trule-refusal\n"
	if err := os.WriteFile(v2, []byte(rows), 0o600); err != nil {
		t.Fatal(err)
	}
	out, stderr, err = runCmd(t, "", "eval", v2)
	if err != nil {
		t.Fatalf("eval of seven columns: %v\n%s", err, stderr)
	}
	for _, want := range []string{"nl customer", "en agent", "per kind of turn", "guidance-seeking", "rule-refusal", "reliability"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
	bad := t.TempDir() + "/bad.tsv"
	os.WriteFile(bad, []byte("nl\tsideways\tHallo\n"), 0o600)
	if _, _, err := runCmd(t, "", "eval", bad); err == nil || !strings.Contains(err.Error(), "1") {
		t.Errorf("eval of a bad row: err %v, want one naming line 1", err)
	}
}

// TestClassifySpeakerAndPrevious checks the speaker flag and the
// previous-turn column: the same short reaction takes its stance from the
// turn it answers, and a bad speaker is a usage error that names it.
func TestClassifySpeakerAndPrevious(t *testing.T) {
	in := "ja\tZullen we het op 30 euro per maand houden?\n" +
		"ja\tAls u niet betaalt, gaat het dossier naar de deurwaarder.\n" +
		"yeah right\tYour refund is on its way.\n"
	out, stderr, err := runCmd(t, in, "classify", "--speaker", "customer")
	if err != nil {
		t.Fatalf("classify: %v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d output lines for 3 input lines:\n%s", len(lines), out)
	}
	var got []map[string]any
	for i, line := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("line %d is not JSON: %s", i+1, line)
		}
		if m["speaker"] != "customer" || m["previous"] == "" || m["text"] == "" {
			t.Errorf("line %d: speaker %v, previous %v, text %v; want the customer, the turn answered and the text", i+1, m["speaker"], m["previous"], m["text"])
		}
		if c, _ := m["confidence"].(float64); c > 0.4 {
			t.Errorf("line %d: short reaction with confidence %v, want at most 0.4", i+1, c)
		}
		got = append(got, m)
	}
	if got[0]["lang"] != "nl" || got[2]["lang"] != "en" {
		t.Errorf("languages %v, %v; want nl for \"ja\" (read with the turn it answers) and en", got[0]["lang"], got[2]["lang"])
	}
	if got[0]["quadrant"] != string(assistant.BelowTogether) || got[1]["quadrant"] == got[0]["quadrant"] {
		t.Errorf("\"ja\" after a proposal: %v, after a threat: %v; want below-together and another quadrant", got[0]["quadrant"], got[1]["quadrant"])
	}
	if got[2]["quadrant"] != string(assistant.AboveOpposed) {
		t.Errorf("\"yeah right\" after a promise: %v, want above-opposed", got[2]["quadrant"])
	}
	_, _, err = runCmd(t, "Hallo\n", "classify", "--speaker", "klant")
	var ue usageError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "klant") {
		t.Errorf("--speaker klant: err %v, want a usage error naming it", err)
	}
}

func TestUnknownCommand(t *testing.T) {
	_, stderr, err := runCmd(t, "", "frobnicate")
	var ue usageError
	if !errors.As(err, &ue) || !strings.Contains(stderr, "Usage") {
		t.Errorf("unknown command: err %v, stderr %q", err, stderr)
	}
}

func TestArrangeCommand(t *testing.T) {
	// A start date a month ahead stays valid on any day the test runs.
	start := time.Now().AddDate(0, 1, 0).Format(time.DateOnly)
	in := `{"debt":{"principal":98000,"currency":"GBP"},"customer":{"stated_monthly":4000},"jurisdiction":"uk","language":"en","start_date":"` + start + `"}`
	out, stderr, err := runCmd(t, in, "arrange")
	if err != nil {
		t.Fatalf("arrange: %v\n%s", err, stderr)
	}
	var res struct {
		Options []assistant.ArrangementOption `json:"options"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Options) == 0 {
		t.Fatalf("arrange output: %v\n%s", err, out)
	}
	if o := res.Options[0]; o.Kind != assistant.OptionCustomerProposal || o.Monthly.Amount != 4000 || o.Months != 25 {
		t.Errorf("first option %+v, want the customer's £40 over 25 months", o)
	}
	if _, _, err := runCmd(t, `{"debt":{"principal":0,"currency":"GBP"},"jurisdiction":"uk"}`, "arrange"); err == nil || !strings.Contains(err.Error(), "debt.principal") {
		t.Errorf("zero debt: err %v, want one naming debt.principal", err)
	}
}

func TestAnalyzePlatformExports(t *testing.T) {
	tests := []struct {
		args   []string
		turns  int
		method assistant.MappingMethod
	}{
		{[]string{"../../testdata/platforms/amazon/contact-lens-voice-redacted.json"}, 10, assistant.MappingPlatform},
		{[]string{"../../testdata/platforms/genesys/voice-transcript-collections-nl.json"}, 11, assistant.MappingPlatform},
		{[]string{"../../testdata/platforms/ccai/insights-support-chat.json"}, 14, assistant.MappingPlatform},
		{[]string{"--agent", "SPEAKER_01", "../../testdata/platforms/whisperx/collections-call-en.json"}, 13, assistant.MappingDeclared},
		{[]string{"../../testdata/platforms/teams/collections-call-nl.vtt"}, 12, assistant.MappingInferred},
		{[]string{"--format", "webvtt", "../../testdata/platforms/zoom/collections-call-en.vtt"}, 10, assistant.MappingInferred},
		{[]string{"../../testdata/platforms/vcon/fake-vcons-billing-openai-transcript.vcon.json"}, 10, assistant.MappingLabels},
		// Issue 21: speech-to-text services, subtitles, meeting tools, chat.
		{[]string{"../../testdata/platforms/transcribe/collections-call-nl.json"}, 10, assistant.MappingInferred},
		{[]string{"--agent", "spk_1", "../../testdata/platforms/transcribe/aws-docs-diarization-en.json"}, 2, assistant.MappingDeclared},
		{[]string{"--agent", "ch_1", "../../testdata/platforms/transcribe/aws-docs-channel-id-en.json"}, 2, assistant.MappingDeclared},
		{[]string{"../../testdata/platforms/amazon/contact-lens-chat-redacted.json"}, 23, assistant.MappingPlatform},
		{[]string{"../../testdata/platforms/assemblyai/collections-call-en.json"}, 10, assistant.MappingInferred},
		{[]string{"../../testdata/platforms/deepgram/collections-call-nl.json"}, 10, assistant.MappingInferred},
		{[]string{"../../testdata/platforms/revai/collections-call-en.json"}, 10, assistant.MappingInferred},
		{[]string{"--agent", "Speaker 0", "../../testdata/platforms/revai/revai-python-sdk-transcript-en.json"}, 1, assistant.MappingDeclared},
		{[]string{"../../testdata/platforms/speechmatics/collections-call-nl.json"}, 10, assistant.MappingInferred},
		{[]string{"--agent", "S2", "../../testdata/platforms/speechmatics/speechmatics-python-two-speakers-en.json"}, 2, assistant.MappingDeclared},
		{[]string{"../../testdata/platforms/azure/collections-call-en.json"}, 10, assistant.MappingInferred},
		{[]string{"../../testdata/platforms/googlestt/collections-call-nl.json"}, 10, assistant.MappingInferred},
		{[]string{"../../testdata/platforms/elevenlabs/collections-call-en.json"}, 10, assistant.MappingInferred},
		{[]string{"../../testdata/platforms/whispercpp/collections-call-nl.json"}, 10, assistant.MappingInferred},
		{[]string{"../../testdata/platforms/srt/collections-call-nl.srt"}, 10, assistant.MappingLabels},
		{[]string{"../../testdata/platforms/otter/collections-call-en.txt"}, 10, assistant.MappingInferred},
		{[]string{"--format", "otter", "../../testdata/platforms/otter/collections-call-en.txt"}, 10, assistant.MappingInferred},
	}
	for _, tt := range tests {
		t.Run(tt.args[len(tt.args)-1], func(t *testing.T) {
			args := append([]string{"analyze", "--format", "json"}, tt.args...)
			if tt.args[0] == "--format" {
				args = append([]string{"analyze", "--input-format", tt.args[1], "--format", "json"}, tt.args[2:]...)
			}
			out, stderr, err := runCmd(t, "", args...)
			if err != nil {
				t.Fatalf("analyze: %v\n%s", err, stderr)
			}
			var an assistant.Analysis
			if err := json.Unmarshal([]byte(out), &an); err != nil {
				t.Fatal(err)
			}
			if len(an.Turns) != tt.turns || an.Mapping.Method != tt.method {
				t.Errorf("%d turns mapped by %s, want %d by %s", len(an.Turns), an.Mapping.Method, tt.turns, tt.method)
			}
		})
	}
	// --format with a transcript format name forces the reader and keeps the text report.
	out, stderr, err := runCmd(t, "", "analyze", "--format", "webvtt", "../../testdata/platforms/zoom/collections-call-en.vtt")
	if err != nil || !strings.Contains(out, "webvtt") {
		t.Errorf("--format webvtt: err %v, report:\n%s%s", err, out, stderr)
	}
	if _, _, err := runCmd(t, "", "analyze", "../../testdata/platforms/teams/graph-calltranscript-content.vtt"); err == nil || !strings.Contains(err.Error(), `--agent "User Name"`) {
		t.Errorf("unmappable file: err %v, want one that says how to declare the agent", err)
	}
	// Issue 21: real public exports that name no agent are refused with
	// what to do, never guessed.
	for file, want := range map[string]string{
		"transcribe/aws-docs-diarization-en.json":               `--agent "spk_0"`,
		"transcribe/aws-docs-channel-id-en.json":                `--agent "ch_0"`,
		"deepgram/deepgram-python-sdk-bueller-en.json":          "names no speakers",
		"revai/revai-python-sdk-transcript-en.json":             `--agent "Speaker 0"`,
		"speechmatics/speechmatics-python-two-speakers-en.json": `--agent "S1"`,
		"azure/azure-docs-batch-result-en.json":                 "names no speakers",
		"srt/openai-whisper-jfk-en.srt":                         "names no speakers",
	} {
		_, _, err := runCmd(t, "", "analyze", "../../testdata/platforms/"+file)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err %v, want a refusal containing %q", file, err, want)
		}
	}
}

// TestMigrateSaysWhatItApplied checks that migrate on a fresh database says
// how many migrations it applied, and that only a run with nothing pending
// says the database is up to date.
func TestMigrateSaysWhatItApplied(t *testing.T) {
	t.Setenv("DATABASE_URL", storetest.NewEmptyDSN(t))
	files, err := filepath.Glob("../../store/migrations/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("list migrations: %d, %v", len(files), err)
	}
	_, stderr, err := runCmd(t, "", "migrate")
	if err != nil {
		t.Fatalf("migrate: %v\n%s", err, stderr)
	}
	if want := fmt.Sprintf("applied %d migrations", len(files)); !strings.Contains(stderr, want) || strings.Contains(stderr, "up to date") {
		t.Errorf("first migrate said %q, want %q and not up to date", stderr, want)
	}
	_, stderr, err = runCmd(t, "", "migrate")
	if err != nil {
		t.Fatalf("migrate again: %v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "database is up to date") || strings.Contains(stderr, "applied") {
		t.Errorf("second migrate said %q, want up to date and nothing applied", stderr)
	}
}
