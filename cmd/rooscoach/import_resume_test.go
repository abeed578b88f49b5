package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// TestImportResume interrupts rooscoach import part-way (Ctrl-C: its
// context is canceled, with files done and files left, a file in the
// middle of its work perhaps cut off), then runs rooscoach import --resume:
// every file's call is stored once, none twice, and the resumed run's
// progress bar counts only the files it saw finish, so that its rate is
// this run's.
func TestImportResume(t *testing.T) {
	dsn := storetest.NewDSN(t)
	t.Setenv("DATABASE_URL", dsn)
	t.Setenv("ROOSCOACH_JOB_POLL", "100ms")
	// One file at a time, so that the interruption finds some done and
	// most left; a job cut off is taken up again within seconds.
	t.Setenv("ROOSCOACH_IMPORT_WORKERS", "1")
	t.Setenv("ROOSCOACH_JOB_TIMEOUT", "4s")
	t.Setenv("ROOSCOACH_JOB_RESCUE_AFTER", "5s")
	const n = 20
	call, err := os.ReadFile("../../testdata/calls/nl-betalingsregeling.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for i := range n {
		// Each file is a call of its own: it is known by its name.
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("call-%02d.txt", i)), call, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	raw, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	done := func() int {
		var d int
		if err := raw.QueryRow(`SELECT count(*) FROM import_files WHERE state = 'done'`).Scan(&d); err != nil {
			t.Fatal(err)
		}
		return d
	}

	ctx, interrupt := context.WithCancel(context.Background())
	defer interrupt()
	var out1, err1 bytes.Buffer
	first := make(chan error, 1)
	go func() {
		first <- run(ctx, []string{"import", "--agent-id", "agent-daan", "--team-id", "team-noord", dir}, nil, &out1, &err1)
	}()
	// Interrupt once a few files are done.
	deadline := time.Now().Add(60 * time.Second)
	for done() < 3 {
		if time.Now().After(deadline) {
			t.Fatalf("no file done after a minute:\n%s", err1.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	interrupt()
	if err := <-first; !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted import: err %v, want it canceled\n%s%s", err, out1.String(), err1.String())
	}
	if d := done(); d == n {
		t.Fatalf("the import finished before it could be interrupted")
	}
	if !strings.Contains(err1.String(), "run rooscoach import --resume 1") {
		t.Errorf("the interrupted import does not say how to resume:\n%s", err1.String())
	}
	t.Logf("interrupted with %d of %d files done", done(), n)

	out, stderr, err := runCmd(t, "", "import", "--resume", "1")
	if err != nil {
		t.Fatalf("import --resume: %v\n%s%s", err, out, stderr)
	}
	if want := fmt.Sprintf("import 1: %d files: %d stored (%d new, 0 stored before), 0 failed", n, n, n); !strings.Contains(out, want) {
		t.Errorf("summary %q, want %q", out, want)
	}
	var calls, withCall, distinct int
	if err := raw.QueryRow(`SELECT count(*) FROM calls`).Scan(&calls); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRow(`SELECT count(call_id), count(DISTINCT call_id) FROM import_files WHERE import_id = 1`).Scan(&withCall, &distinct); err != nil {
		t.Fatal(err)
	}
	if calls != n || withCall != n || distinct != n {
		t.Errorf("%d calls stored for %d files (%d distinct calls), want %d each: a call lost or stored twice", calls, withCall, distinct, n)
	}

	// The resumed run's bar starts from the files left, not from those
	// done before: its count (and so its rate) is of this run's work.
	m := regexp.MustCompile(`import 1 \((\d+) of ` + strconv.Itoa(n) + ` files done before\)`).FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("the resumed run's bar does not say how many files were done before:\n%s", stderr)
	}
	before, _ := strconv.Atoi(m[1])
	left := n - before
	if want := fmt.Sprintf("(%d/%d,", left, left); before == 0 || !strings.Contains(stderr, want) || strings.Contains(stderr, fmt.Sprintf("(%d/%d,", n, n)) {
		t.Errorf("the resumed run's bar does not count %d files of this run (%q):\n%s", left, want, stderr)
	}
}

// The bar of a resumed import counts from zero: the files done before it
// started add nothing to the count its rate and time left are worked out
// from.
func TestImportBarCountsThisRun(t *testing.T) {
	var w bytes.Buffer
	imp := &assistant.Import{ID: 7, Files: 10, Done: 6, Failed: 1, Left: 3}
	bar := newImportBar(imp, true, &w)
	bar.update(imp)
	if s := bar.State(); s.CurrentNum != 0 || s.CurrentBytes != 0 || s.Max != 3 || !strings.Contains(s.Description, "7 of 10 files done before") {
		t.Errorf("bar at the start of a resumed import: %+v, want 0 of the 3 files left", s)
	}
	imp.Done, imp.Left = 8, 1
	bar.update(imp)
	if s := bar.State(); s.CurrentNum != 2 || s.CurrentBytes != 2 {
		t.Errorf("bar after 2 more files: %+v, want 2", s)
	}
}
