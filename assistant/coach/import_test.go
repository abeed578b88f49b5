package coach_test

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/builtin"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/prompts"
	"github.com/rooscoach/rooscoach/store"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// withToken gives p a real token of its role, so that what it stores is
// in the audit trail under that token, as over HTTP.
func withToken(t *testing.T, db *store.DB, p assistant.Principal) assistant.Principal {
	t.Helper()
	tok := assistant.Token{Name: p.Name, Role: p.Role, AgentID: p.AgentID, TeamIDs: p.TeamIDs}
	storetest.Teams(t, db, p.TeamIDs...)
	if _, err := db.CreateToken(context.Background(), assistant.CommandLine(), &tok); err != nil {
		t.Fatal(err)
	}
	p.TokenID = tok.ID
	return p
}

// importService is a service on a fresh schema with its job queue working.
func importService(t *testing.T) (*coach.Service, *store.DB) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, storetest.NewDSN(t))
	if err != nil {
		t.Fatal(err)
	}
	an, _ := builtin.Analyzer(func() time.Time { return progressToday })
	svc := &coach.Service{Analyzer: an, Store: db, Progress: db, Imports: db, Now: func() time.Time { return progressToday }}
	q, err := db.StartQueue(ctx, svc, store.QueueConfig{Workers: 2, PollInterval: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := q.Stop(ctx); err != nil {
			t.Error(err)
		}
		db.Close()
	})
	return svc, db
}

// waitImport polls an import until no file is left.
func waitImport(t *testing.T, svc *coach.Service, p assistant.Principal, id int64) *assistant.Import {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		imp, err := svc.Import(context.Background(), p, id)
		if err != nil {
			t.Fatal(err)
		}
		if imp.Finished {
			return imp
		}
		if time.Now().After(deadline) {
			t.Fatalf("import %d not finished after a minute: %+v", id, imp)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("../../testdata/calls/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestImport(t *testing.T) {
	svc, db := importService(t)
	ctx := context.Background()
	trainer := withToken(t, db, trainer)
	nl := readFile(t, "nl-betalingsregeling.txt")
	files := []assistant.UploadedFile{
		{Name: "nl-betalingsregeling.txt", Data: nl},
		{Name: "calls/en-arrears.txt", Data: readFile(t, "en-arrears.txt")},
		{Name: "en-call.vtt", Data: readFile(t, "en-call.vtt")},
		{Name: "nl-call.json", Data: readFile(t, "nl-call.json")},
		{Name: "empty.txt", Data: nil},
		{Name: "photo.png", Data: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")},
		{Name: "notes.txt", Data: []byte("Just some notes about the week, no speakers at all.")},
	}
	imp, err := svc.CreateImport(ctx, trainer, assistant.ImportOptions{AgentID: "agent-sanne", TeamID: "team-01"}, files)
	if err != nil {
		t.Fatal(err)
	}
	if imp.Files != 7 || imp.Failed != 3 {
		t.Errorf("at upload: %d files, %d failed, want 7 and the 3 bad ones failed at once", imp.Files, imp.Failed)
	}
	done := waitImport(t, svc, trainer, imp.ID)
	if done.Done != 4 || done.Failed != 3 || done.Left != 0 || done.Created != 4 {
		t.Errorf("finished import = %+v, want 4 done (all new), 3 failed, none left", done)
	}
	reasons := map[string]string{}
	for _, f := range done.Failures {
		reasons[f.Name] = f.Reason
	}
	for name, says := range map[string]string{
		"empty.txt": "empty (0 bytes)",
		"photo.png": "not valid UTF-8",
		"notes.txt": "",
	} {
		r, ok := reasons[name]
		if !ok || !strings.Contains(r, says) || r == "" {
			t.Errorf("failure of %s = %q, want a reason saying %q", name, r, says)
		}
	}

	// The imported file is stored as POST /v1/calls stores it: the same
	// analysis as the ingest use case gives, under the file's name.
	page, err := db.FindCalls(ctx, assistant.Scope{All: true}, assistant.CallFilter{AgentID: "agent-sanne", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var imported *assistant.Call
	for _, c := range page.Calls {
		if c.ExternalID == "nl-betalingsregeling.txt" {
			imported, err = db.FindCallByID(ctx, assistant.Scope{All: true}, c.ID)
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	if imported == nil {
		t.Fatalf("no call with external id nl-betalingsregeling.txt among %d", len(page.Calls))
	}
	in := coach.Input{Data: nl}
	in.Options.AgentID, in.Options.TeamID, in.Options.ExternalID = "agent-direct", "team-01", "direct"
	direct, _, err := svc.Ingest(ctx, admin, in)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := db.FindCallByID(ctx, assistant.Scope{All: true}, direct.ID)
	if err != nil {
		t.Fatal(err)
	}
	clearIDs := func(c *assistant.Call) assistant.Analysis {
		a := c.Analysis
		a.Turns = append([]assistant.TurnAnalysis(nil), a.Turns...)
		for i := range a.Turns {
			a.Turns[i].ID = 0
		}
		return a
	}
	if diff := cmp.Diff(clearIDs(stored), clearIDs(imported)); diff != "" {
		t.Errorf("imported call differs from the one POST /v1/calls stores (-direct +imported):\n%s", diff)
	}

	// Importing the same folder again stores nothing twice.
	again, err := svc.CreateImport(ctx, trainer, assistant.ImportOptions{AgentID: "agent-sanne", TeamID: "team-01"}, files[:4])
	if err != nil {
		t.Fatal(err)
	}
	done = waitImport(t, svc, trainer, again.ID)
	if done.Done != 4 || done.Created != 0 {
		t.Errorf("the same files again: %+v, want 4 done and none created", done)
	}

	// An admin's import is for admins to follow, whatever teams it holds.
	adminImp, err := svc.CreateImport(ctx, admin, assistant.ImportOptions{AgentID: "agent-sanne", TeamID: "team-01"}, files[:1])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Import(ctx, lead1, adminImp.ID); assistant.ErrorCode(err) != assistant.ENotFound {
		t.Errorf("a lead reading an admin's import: %v, want not found", err)
	}
	waitImport(t, svc, admin, adminImp.ID)

	// Another team's lead does not see the import; an agent does not either.
	if _, err := svc.Import(ctx, assistant.Principal{Role: assistant.RoleLead, TeamIDs: []string{"team-03"}}, imp.ID); assistant.ErrorCode(err) != assistant.ENotFound {
		t.Errorf("another team's lead reading the import: %v, want not found", err)
	}
	if _, err := svc.Import(ctx, assistant.Principal{Role: assistant.RoleAgent, AgentID: "agent-sanne"}, imp.ID); assistant.ErrorCode(err) != assistant.ENotFound {
		t.Errorf("an agent reading a trainer's import: %v, want not found", err)
	}
}

func TestImportBadInput(t *testing.T) {
	svc, _ := importService(t)
	ctx := context.Background()
	agent := assistant.Principal{Role: assistant.RoleAgent, AgentID: "agent-sanne"}
	for _, c := range []struct {
		name  string
		p     assistant.Principal
		opts  assistant.ImportOptions
		files []assistant.UploadedFile
		says  []string
	}{
		{"no file", trainer, assistant.ImportOptions{}, nil, []string{"holds no file"}},
		{"only a 0-byte file", trainer, assistant.ImportOptions{AgentID: "a", TeamID: "team-01"},
			[]assistant.UploadedFile{{Name: "leeg.txt"}}, []string{"leeg.txt: The file is empty (0 bytes)."}},
		{"a file in no known format", trainer, assistant.ImportOptions{AgentID: "a", TeamID: "team-01"},
			[]assistant.UploadedFile{{Name: "data.csv", Data: []byte("a;b;c\n1;2;3\n")}}, []string{"data.csv:", "format"}},
		{"an agent importing a colleague's call", agent, assistant.ImportOptions{AgentID: "agent-daan"},
			[]assistant.UploadedFile{{Name: "call.txt", Data: readFile(t, "en-arrears.txt")}}, []string{"call.txt: Agent agent-daan"}},
		{"a trainer importing into another team", trainer, assistant.ImportOptions{AgentID: "agent-sanne", TeamID: "team-09"},
			[]assistant.UploadedFile{{Name: "call.txt", Data: readFile(t, "en-arrears.txt")}}, []string{"Team team-09 is not one of yours"}},
		{"no agent anywhere", trainer, assistant.ImportOptions{TeamID: "team-01"},
			[]assistant.UploadedFile{{Name: "call.txt", Data: readFile(t, "en-arrears.txt")}}, []string{"names no agent"}},
		// An uploaded file has no media type; its name says it is text, so
		// the reason names the missing labels rather than the format.
		{"a .txt file without speaker labels", trainer, assistant.ImportOptions{AgentID: "a", TeamID: "team-01"},
			[]assistant.UploadedFile{{Name: "gesprek.TXT", Data: []byte("Goedemiddag, u spreekt met Anna.\nJa, hallo.\n")}},
			[]string{"gesprek.TXT:", "plain text with no speaker labels"}},
		{"unknown format option", trainer, assistant.ImportOptions{Format: "docx"}, []assistant.UploadedFile{{Name: "x", Data: []byte("x")}}, []string{`format "docx" is not known`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := svc.CreateImport(ctx, c.p, c.opts, c.files)
			if assistant.ErrorCode(err) != assistant.EInvalid {
				t.Fatalf("got %v, want invalid", err)
			}
			for _, s := range c.says {
				if !strings.Contains(assistant.ErrorMessage(err), s) {
					t.Errorf("message %q does not say %q", assistant.ErrorMessage(err), s)
				}
			}
		})
	}
}

func TestUnpackZip(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range map[string]string{
		"week1/call1.txt":     "Agent: Goedemorgen.\nKlant: Hallo.\n",
		"week1/":              "",
		"__MACOSX/._call1":    "junk",
		".DS_Store":           "junk",
		".hidden/x.txt":       "Agent: Goedemorgen.\nKlant: Hallo.\n",
		"week1/.git/config":   "Agent: Goedemorgen.\nKlant: Hallo.\n",
		"week2/big-call.txt":  strings.Repeat("Agent: bla bla.\n", 100),
		"week2/small-one.txt": "Agent: Hello.\nCustomer: Hi.\n",
	} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	files, err := coach.UnpackZip("calls.zip", buf.Bytes(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range files {
		if f.Reason != nil {
			got[f.Name] = prompts.ImportReason(assistant.English, *f.Reason)
		} else {
			got[f.Name] = ""
		}
		if f.Reason == nil && len(f.Data) == 0 {
			t.Errorf("%s came out empty", f.Name)
		}
	}
	want := map[string]string{
		"week1/call1.txt":     "",
		"week2/small-one.txt": "",
		"week2/big-call.txt":  "The file is 1,600 bytes, more than the 1,000 bytes one file may have.",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("unpacked files (-want +got):\n%s", diff)
	}
	if _, err := coach.UnpackZip("calls.zip", []byte("not a zip"), 1000); assistant.ErrorCode(err) != assistant.EInvalid || !strings.Contains(assistant.ErrorMessage(err), "calls.zip is not a zip archive") {
		t.Errorf("a zip that is not one: %v", err)
	}
}

// TestImportFileErased works the job of a file that was erased while it
// waited (its agent was erased with their imports): there is nothing left
// to import, so the job ends without an error the queue would retry.
func TestImportFileErased(t *testing.T) {
	db, err := store.Open(context.Background(), storetest.NewDSN(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := &coach.Service{Store: db, Imports: db}
	if err := svc.ImportFile(context.Background(), 424242, ""); err != nil {
		t.Errorf("ImportFile of an erased file: %v, want nil", err)
	}
}
