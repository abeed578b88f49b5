package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// rooscoach import takes the agent's speaker label with --agent, as
// analyze does, and a file that needs one says so in that flag.
func TestImportCommandAgentSpeaker(t *testing.T) {
	t.Setenv("DATABASE_URL", storetest.NewDSN(t))
	t.Setenv("ROOSCOACH_JOB_POLL", "100ms")
	dir := t.TempDir()
	data, err := os.ReadFile("../../testdata/platforms/transcribe/aws-docs-diarization-en.json")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "aws.json")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = runCmd(t, "", "import", "--agent-id", "agent-plat", "--team-id", "team-noord", file)
	if err == nil || !strings.Contains(err.Error(), "--agent spk_0") {
		t.Errorf("import without the agent's label: %v, want the advice --agent spk_0", err)
	}
	out, _, err := runCmd(t, "", "import", "--agent-id", "agent-plat", "--team-id", "team-noord", "--agent", "spk_0", file)
	if err != nil || !strings.Contains(out, "1 file: 1 stored (1 new, 0 stored before), 0 failed") {
		t.Errorf("import --agent spk_0: %v\n%s", err, out)
	}
	if _, _, err := runCmd(t, "", "import", "--resume", "1", "--agent", "spk_0"); exitCode(err) != 2 {
		t.Errorf("import --resume with --agent: %v, want a usage error", err)
	}
}

// import --help offers the import's flags and those its work depends on,
// not the server's; --engine shows no default, for there is none of its
// own. --no-wait counts one file as one file.
func TestImportCommandWords(t *testing.T) {
	t.Setenv("DATABASE_URL", storetest.NewDSN(t))
	_, stderr, _ := runCmd(t, "", "import", "--help")
	for _, want := range []string{"-agent string", "-customer string", "-database-url", "-engine string"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("import --help does not offer %s:\n%s", want, stderr)
		}
	}
	for _, server := range []string{"-addr", "-auth", "-body-limit", "-metrics-addr", "-request-timeout", `(default "builtin")`} {
		if strings.Contains(stderr, server) {
			t.Errorf("import --help offers %s:\n%s", server, stderr)
		}
	}
	out, _, err := runCmd(t, "", "import", "--no-wait", "--agent-id", "agent-daan", "--team-id", "team-noord", "../../testdata/calls/en-arrears.txt")
	if err != nil || !strings.Contains(out, "queued: 1 file, 0 failed at once") {
		t.Errorf("import --no-wait of one file: %v %q", err, out)
	}
}

// The bar of a new import does not call the files that failed at upload
// done before.
func TestImportBarNewImport(t *testing.T) {
	var w bytes.Buffer
	imp := &assistant.Import{ID: 2, Files: 13, Failed: 6, Left: 7}
	bar := newImportBar(imp, false, &w)
	if s := bar.State(); s.Max != 7 || strings.Contains(s.Description, "before") || !strings.Contains(s.Description, "6 of 13 files failed at upload") {
		t.Errorf("bar of a new import with 6 files failed at upload: %+v", s)
	}
}
