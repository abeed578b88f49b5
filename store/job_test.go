package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/rooscoach/rooscoach/assistant"
)

// fakeImporter records what the worker asks of it.
type fakeImporter struct {
	err    error
	failed map[int64]assistant.ImportReason
}

func (f *fakeImporter) ImportFile(context.Context, int64, assistant.EngineChoice) error { return f.err }

func (f *fakeImporter) FailImportFile(_ context.Context, id int64, reason assistant.ImportReason) error {
	f.failed[id] = reason
	return nil
}

// TestImportWorkerGivesUp: a file that fails for a reason of the system is
// tried again (the error goes back to River), and after its last try it is
// marked failed with the reason, so that its import finishes.
func TestImportWorkerGivesUp(t *testing.T) {
	down := &assistant.Error{Code: assistant.EUnavailable, Message: "The database is not reachable; try again shortly."}
	for _, c := range []struct {
		name        string
		attempt     int
		err         error
		wantFailed  bool
		wantRetried bool
	}{
		{"works", 1, nil, false, false},
		{"a first failure is tried again", 1, down, false, true},
		{"the last failure marks the file failed", maxImportAttempts, down, true, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			imp := &fakeImporter{err: c.err, failed: map[int64]assistant.ImportReason{}}
			w := &importWorker{imp: imp}
			job := &river.Job[importFileArgs]{
				JobRow: &rivertype.JobRow{Attempt: c.attempt, MaxAttempts: maxImportAttempts},
				Args:   importFileArgs{FileID: 7},
			}
			err := w.Work(context.Background(), job)
			if got := err != nil; got != c.wantRetried {
				t.Errorf("Work returned %v; want an error for River to retry: %v", err, c.wantRetried)
			}
			if err != nil && !errors.Is(err, down) {
				t.Errorf("Work returned %v, not the importer's error", err)
			}
			reason, failed := imp.failed[7]
			if failed != c.wantFailed {
				t.Fatalf("file marked failed: %v, want %v", failed, c.wantFailed)
			}
			if failed && (reason.Code != assistant.ReasonTries || reason.Tries != 8 || !strings.Contains(reason.Detail, "not reachable")) {
				t.Errorf("reason %+v does not say how often it was tried and why", reason)
			}
		})
	}
}
