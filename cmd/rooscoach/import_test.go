package main

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/synth"
	"github.com/rooscoach/rooscoach/store"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// TestMain lets the test binary stand in for the rooscoach binary: with
// ROOSCOACH_TEST_MAIN set it runs the command that variable names, as
// main would, so a test starts real rooscoach processes without building
// the binary first.
func TestMain(m *testing.M) {
	if args := os.Getenv("ROOSCOACH_TEST_MAIN"); args != "" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		err := run(ctx, strings.Fields(args), os.Stdin, os.Stdout, os.Stderr)
		stop()
		if err != nil {
			fmt.Fprintln(os.Stderr, "rooscoach:", err)
			os.Exit(exitCode(err))
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// instance is a rooscoach serve process.
type instance struct {
	cmd  *exec.Cmd
	logs *syncBuffer
}

func startInstance(t *testing.T, dsn string, env ...string) *instance {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	logs := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	// Settings given in env come last, and so win.
	cmd.Env = append(os.Environ(),
		"ROOSCOACH_TEST_MAIN=serve",
		"DATABASE_URL="+dsn,
		"ROOSCOACH_ADDR=127.0.0.1:0",
		"ROOSCOACH_LOG_LEVEL=warn",
		"ROOSCOACH_IMPORT_WORKERS=2",
		"ROOSCOACH_JOB_POLL=100ms",
		// A job held by a killed instance is taken up again after a few
		// seconds, not the five minutes of a real deployment.
		"ROOSCOACH_JOB_TIMEOUT=4s",
		"ROOSCOACH_JOB_RESCUE_AFTER=5s",
	)
	cmd.Env = append(cmd.Env, env...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	in := &instance{cmd: cmd, logs: logs}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Signal(syscall.SIGTERM)
			_ = cmd.Wait()
		}
	})
	return in
}

// TestImportTwoInstances shares one import of 500 calls between two real
// rooscoach processes and kills one of them with SIGKILL halfway: every
// call is stored exactly once, and the jobs the killed one held are taken
// up by the other.
func TestImportTwoInstances(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.NewDSN(t)
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cfg := &Config{BodyLimit: 2 << 20}
	svc, _, err := newService(db, cfg)
	if err != nil {
		t.Fatal(err)
	}
	// This process only queues: the two instances do the work.
	queue, err := db.StartQueue(ctx, svc, store.QueueConfig{Workers: 0})
	if err != nil {
		t.Fatal(err)
	}
	defer queue.Stop(ctx)

	const n = 500
	r := rand.New(rand.NewPCG(500, 2))
	agents := synth.Team(r, 10, 2)
	files := make([]assistant.UploadedFile, n)
	for i := range files {
		a := agents[i%len(agents)]
		lang := assistant.Dutch
		if i%3 == 0 {
			lang = assistant.English
		}
		text := synth.Transcript(r, synth.Call{Agent: a, Language: lang, Turns: 16, Timed: true})
		files[i] = assistant.UploadedFile{Name: fmt.Sprintf("call-%03d.txt", i), Data: []byte(text)}
	}
	// Plain-text transcripts name no agent: the upload names one for all,
	// as a trainer's folder of one agent's calls.
	imp, err := svc.CreateImport(ctx, cliPrincipal, assistant.ImportOptions{AgentID: "agent-shared", TeamID: "team-01"}, files)
	if err != nil {
		t.Fatal(err)
	}
	if imp.Files != n || imp.Failed != 0 {
		t.Fatalf("import at upload = %+v, want %d files, none failed", imp, n)
	}

	began := time.Now()
	a, b := startInstance(t, dsn), startInstance(t, dsn)
	raw, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()

	// Halfway (a third of the files done, and both instances at work), kill
	// the instance that leads River's maintenance, the harder case: the
	// survivor must be elected (the leader's term runs out after 15 s) before
	// its rescuer, which starts with a round, takes up the orphaned jobs.
	// Killing the other instead waits for the leader's next rescue round,
	// up to 30 s later (fixed in River).
	var killed *instance
	// Typically done in 30 to 40 s; the margin is for a machine whose cores
	// run other test packages at the same time (make test).
	deadline := began.Add(90 * time.Second)
	for killed == nil {
		cur, err := svc.Import(ctx, cliPrincipal, imp.ID)
		if err != nil {
			t.Fatal(err)
		}
		if cur.Done >= n/3 {
			var leader string
			_ = raw.QueryRow(`SELECT leader_id FROM river_leader`).Scan(&leader)
			killed = a
			if strings.HasSuffix(leader, "-"+strconv.Itoa(b.cmd.Process.Pid)) {
				killed = b
			}
			if err := killed.cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			_ = killed.cmd.Wait()
			t.Logf("killed instance %d (River's leader: %s) with %d of %d files done, after %s", killed.cmd.Process.Pid, leader, cur.Done, n, time.Since(began).Round(time.Millisecond))
			break
		}
		if cur.Finished || time.Now().After(deadline) {
			t.Fatalf("the import went from start to %+v before it could be interrupted", cur)
		}
		time.Sleep(50 * time.Millisecond)
	}

	var done *assistant.Import
	for {
		cur, err := svc.Import(ctx, cliPrincipal, imp.ID)
		if err != nil {
			t.Fatal(err)
		}
		if cur.Finished {
			done = cur
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("import not finished %s after the start: %+v\nlogs of the survivor:\n%s", time.Since(began), cur, a.logs.String()+b.logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("import finished after %s", time.Since(began).Round(time.Millisecond))
	if done.Done != n || done.Failed != 0 || done.Created != n {
		t.Errorf("finished import = %+v, want all %d done and new", done, n)
	}
	var calls, distinctFiles, filesWithCall int
	if err := raw.QueryRow(`SELECT count(*) FROM calls`).Scan(&calls); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRow(`SELECT count(DISTINCT call_id), count(call_id) FROM import_files WHERE import_id = $1`, imp.ID).Scan(&distinctFiles, &filesWithCall); err != nil {
		t.Fatal(err)
	}
	if calls != n || distinctFiles != n || filesWithCall != n {
		t.Errorf("%d calls stored for %d files (%d distinct), want %d each: a call lost or stored twice", calls, filesWithCall, distinctFiles, n)
	}
	// The killed instance was really at work: it had taken jobs, and the
	// survivor or a rescue finished those.
	var byKilled int
	killedID := "-" + strconv.Itoa(killed.cmd.Process.Pid)
	if err := raw.QueryRow(`SELECT count(*) FROM river_job WHERE EXISTS (SELECT 1 FROM unnest(attempted_by) a WHERE a LIKE '%' || $1)`, killedID).Scan(&byKilled); err != nil {
		t.Fatal(err)
	}
	if byKilled == 0 {
		t.Errorf("the killed instance had worked no job; the test did not interrupt anything")
	}
	t.Logf("the killed instance had taken %d jobs", byKilled)
}

// TestImportCommand runs rooscoach import on a folder with a good file, an
// empty one and a hidden one: the good one is stored, the empty one fails
// alone with its reason in the summary, the hidden one is left out, and the
// exit status says a file failed.
func TestImportCommand(t *testing.T) {
	dsn := storetest.NewDSN(t)
	t.Setenv("DATABASE_URL", dsn)
	t.Setenv("ROOSCOACH_JOB_POLL", "100ms")
	dir := t.TempDir()
	call, err := os.ReadFile("../../testdata/calls/en-arrears.txt")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"week1/en-arrears.txt": call, "week1/empty.txt": nil, ".notes.txt": []byte("x")} {
		p := dir + "/" + name
		if err := os.MkdirAll(p[:strings.LastIndex(p, "/")], 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, stderr, err := runCmd(t, "", "import", "--agent-id", "agent-daan", "--team-id", "team-noord", dir)
	if err == nil || !strings.Contains(err.Error(), "1 of 2 files failed") || exitCode(err) != 1 {
		t.Errorf("import with a bad file: err %v, want 1 of 2 files failed with exit status 1", err)
	}
	for _, want := range []string{"2 files: 1 stored (1 new, 0 stored before), 1 failed", "week1/empty.txt: The file is empty (0 bytes)."} {
		if !strings.Contains(out, want) {
			t.Errorf("summary %q does not say %q", out, want)
		}
	}
	if !strings.Contains(stderr, "import 1") {
		t.Errorf("no progress bar on stderr: %q", stderr)
	}
	// The same folder again: the stored call is not stored twice (it is
	// known by its file name in the folder).
	out, _, _ = runCmd(t, "", "import", "--agent-id", "agent-daan", "--team-id", "team-noord", dir)
	if !strings.Contains(out, "2 files: 1 stored (0 new, 1 stored before), 1 failed") {
		t.Errorf("the same file again: %q", out)
	}
	if _, _, err := runCmd(t, "", "import"); exitCode(err) != 2 {
		t.Errorf("import without files: %v, want a usage error", err)
	}
}
