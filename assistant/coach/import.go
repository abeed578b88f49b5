package coach

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/transcript"
	"github.com/rooscoach/rooscoach/prompts"
)

// ImportStore is what the import use cases need of the database;
// *store.DB implements it.
type ImportStore interface {
	// CreateImport stores the import and its files and queues a job per
	// file with bytes, in one transaction.
	CreateImport(ctx context.Context, p assistant.Principal, imp *assistant.Import, files []assistant.UploadedFile) error
	// FindImport returns an import within scope s; ENotFound otherwise.
	FindImport(ctx context.Context, s assistant.Scope, id int64) (*assistant.Import, error)
	FindImportFile(ctx context.Context, id int64) (*assistant.PendingImportFile, error)
	// CreateImportedCall stores the call of a pending file and marks it
	// done in one transaction; stored is false when the file was no longer
	// pending.
	CreateImportedCall(ctx context.Context, fileID int64, by assistant.Principal, c *assistant.Call) (stored bool, err error)
	// FailImportFile marks a pending file failed with reason.
	FailImportFile(ctx context.Context, fileID int64, reason assistant.ImportReason) error
}

// Limits of an import.
const (
	// MaxImportFiles bounds the files of one import; a trainer's folder of
	// recorded calls is hundreds.
	MaxImportFiles = 5000
	// DefaultImportFileLimit is the largest file when Service.FileLimit is
	// 0: the largest body POST /v1/calls takes by default.
	DefaultImportFileLimit = 2 << 20
)

func (s *Service) fileLimit() int64 {
	if s.FileLimit > 0 {
		return s.FileLimit
	}
	return DefaultImportFileLimit
}

// CreateImport takes an upload of recorded calls and queues them. Each
// file is read at once, so that a file that is empty, not a transcript or
// of an agent outside p's scope is reported now; it is stored as failed
// with its reason, and never stops the rest. When no file can be imported
// the whole upload is EInvalid, naming each file and what is wrong, and
// nothing is stored. The calls are analysed and stored by the job queue
// (see ImportFile); Import tells how far it has come.
func (s *Service) CreateImport(ctx context.Context, p assistant.Principal, opts assistant.ImportOptions, files []assistant.UploadedFile) (*assistant.Import, error) {
	if err := checkImportOptions(opts); err != nil {
		return nil, err
	}
	// An engine this server cannot use is refused now, as POST /v1/calls
	// refuses it, rather than failing every file later.
	if _, err := s.analyzer(opts.Engine); err != nil {
		return nil, err
	}
	switch {
	case len(files) == 0:
		return nil, assistant.Errorf(assistant.EInvalid, "The import holds no file; send one or more transcripts, or a zip of them.")
	case len(files) > MaxImportFiles:
		return nil, assistant.Errorf(assistant.EInvalid, "The import holds %d files; one import may hold at most %d. Split it.", len(files), MaxImportFiles)
	}
	out := make([]assistant.UploadedFile, len(files))
	var problems []string
	for i, f := range files {
		out[i] = assistant.UploadedFile{Name: cleanName(f.Name, i), Data: f.Data, Reason: f.Reason}
		if out[i].Reason == nil {
			out[i].Reason = s.precheck(p.Scope(), opts, out[i])
		}
		if out[i].Reason != nil {
			out[i].Data = nil
			problems = append(problems, out[i].Name+": "+prompts.ImportReason(assistant.English, *out[i].Reason))
		}
	}
	if len(problems) == len(out) {
		// The files travel with the error, so that a page words their
		// reasons in its own language.
		return nil, &assistant.Error{Code: assistant.EInvalid,
			Message: "No file of the import can be imported. " + strings.Join(problems, " "),
			Err:     &assistant.ImportRefused{Files: out}}
	}
	imp := &assistant.Import{Options: opts}
	if err := s.Imports.CreateImport(ctx, p, imp, out); err != nil {
		return nil, fmt.Errorf("create import: %w", err)
	}
	found, err := s.Imports.FindImport(ctx, p.Scope(), imp.ID)
	if err != nil {
		return nil, fmt.Errorf("create import: %w", err)
	}
	wordFailures(found)
	return found, nil
}

// Import returns import id with its progress, as p may see it.
func (s *Service) Import(ctx context.Context, p assistant.Principal, id int64) (*assistant.Import, error) {
	imp, err := s.Imports.FindImport(ctx, p.Scope(), id)
	if err != nil {
		return nil, fmt.Errorf("find import: %w", err)
	}
	wordFailures(imp)
	return imp, nil
}

// wordFailures words the reason of each failed file of imp in English, for
// the API and the command line; the code and its parameters stay beside it.
func wordFailures(imp *assistant.Import) {
	for i, f := range imp.Failures {
		if f.Cause != nil {
			imp.Failures[i].Reason = prompts.ImportReason(assistant.English, *f.Cause)
		}
	}
}

// ImportFile imports one queued file through the ingest use case, so that
// it is stored exactly as POST /v1/calls stores it, and marks it done in
// the same transaction. engine is the engine the import asked for, as its
// job carries it; "" means this service's default. A file that cannot be imported (not a transcript,
// speakers that cannot be told apart, an agent outside the uploader's
// scope) is marked failed with its reason, and nil returned; any other
// error means "try again later", and the job queue does.
func (s *Service) ImportFile(ctx context.Context, id int64, engine assistant.EngineChoice) error {
	f, err := s.Imports.FindImportFile(ctx, id)
	if assistant.ErrorCode(err) == assistant.ENotFound {
		// Erased while queued, with the agent whose import it was:
		// nothing is left to import, and trying again finds nothing.
		return nil
	}
	if err != nil {
		return fmt.Errorf("import file %d: %w", id, err)
	}
	if f.State != assistant.ImportPending {
		return nil
	}
	in := importInput(f.Options, f.Name, f.Data)
	in.Engine = engine
	_, _, err = s.ingest(ctx, f.Owner, in, storing{
		policyID: in.PolicyID,
		prepare:  func(t *assistant.Transcript) error { return prepareImported(t, f.Owner.Scope(), f.Name) },
		create: func(ctx context.Context, c *assistant.Call) (bool, error) {
			return s.Imports.CreateImportedCall(ctx, id, f.Owner, c)
		},
	})
	switch assistant.ErrorCode(err) {
	case "":
		return nil
	case assistant.EUnavailable, assistant.EInternal:
		return fmt.Errorf("import file %d: %w", id, err)
	}
	if ferr := s.Imports.FailImportFile(ctx, id, readReason(f.Options, f.Data, err)); ferr != nil {
		return fmt.Errorf("import file %d: %w", id, ferr)
	}
	return nil
}

// FailImportFile marks a file failed after its last try.
func (s *Service) FailImportFile(ctx context.Context, id int64, reason assistant.ImportReason) error {
	return s.Imports.FailImportFile(ctx, id, reason)
}

// precheck reads file f as the worker will, without analysing it, and
// returns why it cannot be imported, or nil.
func (s *Service) precheck(scope assistant.Scope, opts assistant.ImportOptions, f assistant.UploadedFile) *assistant.ImportReason {
	switch {
	case len(f.Data) == 0:
		return &assistant.ImportReason{Code: assistant.ReasonEmpty}
	case int64(len(f.Data)) > s.fileLimit():
		return &assistant.ImportReason{Code: assistant.ReasonTooLarge, Size: int64(len(f.Data)), Limit: s.fileLimit()}
	}
	t, err := s.Read(importInput(opts, f.Name, f.Data))
	if err != nil {
		r := readReason(opts, f.Data, err)
		return &r
	}
	if t.AgentID == "" && scope.AgentID != "" {
		// An agent's calls are their own, as Ingest has it.
		t.AgentID = scope.AgentID
	}
	if t.AgentID == "" {
		return &assistant.ImportReason{Code: assistant.ReasonNoAgent}
	}
	if err := prepareImported(t, scope, f.Name); err != nil {
		r := readReason(opts, f.Data, err)
		return &r
	}
	return nil
}

// readReason is why a file of an import with options opts and bytes data
// failed with err. A file that does not read as the format the upload
// names says so, and what it reads as when left to detection. The
// reader's problem is kept as its code and parameters, worded anew in
// each language and in the settings of an import (transcript.DoorImport);
// Detail keeps its English.
func readReason(opts assistant.ImportOptions, data []byte, err error) assistant.ImportReason {
	var ie *importError
	if errors.As(err, &ie) {
		return ie.reason
	}
	var read *assistant.ReadProblem
	if p, ok := transcript.ReadProblemOf(err); ok {
		read = &p
	}
	switch {
	case read != nil && read.Code == transcript.ReadSpeakers:
		msg, _ := transcript.Describe(err, assistant.English, transcript.DoorImport)
		return assistant.ImportReason{Code: assistant.ReasonSpeakers, Detail: msg, Read: read}
	case opts.Format != "" && isReadError(err):
		if r, ok := wrongFormat(opts, data, err); ok {
			return r
		}
	case read != nil && read.Code == transcript.ReadUnsupported:
		msg, _ := transcript.Describe(err, assistant.English, transcript.DoorImport)
		return assistant.ImportReason{Code: assistant.ReasonUnknownFormat, Detail: msg, Formats: transcript.Formats, Read: read}
	}
	return assistant.ImportReason{Code: assistant.ReasonOther, Detail: assistant.ErrorMessage(err), Read: read}
}

// wrongFormat tells whether a file that failed with err as the format the
// upload names would read otherwise: as another format when left to
// detection, or failing in other words. A file whose complaint is the
// same either way does not blame the format.
func wrongFormat(opts assistant.ImportOptions, data []byte, err error) (assistant.ImportReason, bool) {
	forced, _ := transcript.FormatName(opts.Format)
	r := assistant.ImportReason{Code: assistant.ReasonWrongFormat, Format: forced, Detail: assistant.ErrorMessage(err)}
	if p, ok := transcript.ReadProblemOf(err); ok {
		r.Read = &p
	}
	auto := importInput(opts, "", data).Options
	auto.Format = ""
	t, aerr := transcript.Parse(data, "", auto)
	switch {
	case aerr == nil && t.Format == forced:
		return r, false
	case aerr == nil:
		r.Detected = t.Format
	case assistant.ErrorMessage(aerr) == r.Detail:
		return r, false
	}
	return r, true
}

// isReadError reports whether err is the reader's complaint about the
// bytes (as opposed to the metadata or the speakers).
func isReadError(err error) bool {
	switch assistant.ErrorCode(err) {
	case assistant.EInvalid, assistant.EUnsupported:
		return true
	}
	return false
}

// importError is an error of the import's own checks, carrying its
// reason.
type importError struct {
	reason assistant.ImportReason
}

func (e *importError) Error() string { return prompts.ImportReason(assistant.English, e.reason) }

// refuseFile is the EInvalid error of a file the import refuses for reason.
func refuseFile(reason assistant.ImportReason) error {
	ie := &importError{reason: reason}
	return &assistant.Error{Code: assistant.EInvalid, Message: ie.Error(), Err: ie}
}

func importInput(opts assistant.ImportOptions, name string, data []byte) Input {
	return Input{Data: data, MediaType: fileMediaType(name), Options: transcript.Options{
		Format: opts.Format, Language: opts.Language, AgentID: opts.AgentID, TeamID: opts.TeamID,
		AgentSpeaker: opts.AgentSpeaker, CustomerSpeaker: opts.CustomerSpeaker,
	}}
}

// fileMediaType is the media type an uploaded file's name implies, "" when
// it implies none. Detection reads the content either way; the type only
// decides what a file that reads as no format is told: a .txt file lacks
// speaker labels, which is more use than a list of formats.
func fileMediaType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt":
		return "text/plain"
	case ".json":
		return "application/json"
	case ".vtt":
		return "text/vtt"
	}
	return ""
}

// prepareImported names a call without its own external id after its file,
// so that importing a folder twice stores nothing twice, and refuses a call
// that plainly lies outside the uploader's scope: another agent's for an
// agent, another team's for a trainer. A call that names no team takes its
// agent's, which only the store knows; the store checks it then.
func prepareImported(t *assistant.Transcript, owner assistant.Scope, name string) error {
	if t.ExternalID == "" && assistant.CheckID("external_id", name) == nil {
		t.ExternalID = name
	}
	switch {
	case owner.All:
	case owner.AgentID != "":
		if t.AgentID != owner.AgentID {
			return refuseFile(assistant.ImportReason{Code: assistant.ReasonNotYou, AgentID: t.AgentID})
		}
	case t.TeamID != "" && !owner.Allows(t.AgentID, t.TeamID):
		return refuseFile(assistant.ImportReason{Code: assistant.ReasonNotYourTeam, TeamID: t.TeamID})
	}
	return nil
}

func checkImportOptions(o assistant.ImportOptions) error {
	for _, f := range []struct{ name, v string }{{"agent_id", o.AgentID}, {"team_id", o.TeamID}} {
		if err := assistant.CheckID(f.name, f.v); err != nil {
			return err
		}
	}
	if o.Language != "" && !o.Language.Valid() {
		return assistant.UnsupportedLanguage(string(o.Language))
	}
	if o.Format != "" && !transcript.KnownFormat(o.Format) {
		return assistant.Errorf(assistant.EInvalid, "format %q is not known; use one of %s.", o.Format, strings.Join(transcript.Formats, ", "))
	}
	return nil
}

// cleanName keeps the relative path of an uploaded file (a file in a zip
// keeps its folders), without a leading slash or "..", and makes a name up
// for a file without a usable one.
func cleanName(name string, i int) string {
	name = strings.TrimLeft(path.Clean("/"+strings.ReplaceAll(name, `\`, "/")), "/")
	if utf8.RuneCountInString(name) > assistant.MaxIDRunes {
		name = string([]rune(name)[:assistant.MaxIDRunes])
	}
	// The name becomes the call's external id: it must pass as one.
	if name == "." || name == "" || assistant.CheckID("name", name) != nil {
		return fmt.Sprintf("file-%d", i+1)
	}
	return name
}

// hiddenPath reports whether a zip entry is hidden, as rooscoach import
// leaves hidden files out of a folder: the file or any folder it lies in
// starts with a dot, or lies in the __MACOSX folder archivers add.
func hiddenPath(name string) bool {
	for _, part := range strings.Split(strings.ReplaceAll(name, `\`, "/"), "/") {
		if strings.HasPrefix(part, ".") && part != "." && part != ".." || part == "__MACOSX" {
			return true
		}
	}
	return false
}

// UnpackZip returns the files of a zip archive, skipping folders and what
// is hidden (see hiddenPath), as a folder's hidden files are left out. An entry larger than limit
// bytes unpacked is returned with a Reason instead of its bytes, so that a
// zip bomb is refused file by file; more than MaxImportFiles entries is
// EInvalid.
func UnpackZip(name string, data []byte, limit int64) ([]assistant.UploadedFile, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &assistant.Error{Code: assistant.EInvalid, Message: fmt.Sprintf("%s is not a zip archive that can be read.", name), Err: err}
	}
	var out []assistant.UploadedFile
	for _, e := range zr.File {
		if e.FileInfo().IsDir() || hiddenPath(e.Name) {
			continue
		}
		if len(out) == MaxImportFiles {
			return nil, assistant.Errorf(assistant.EInvalid, "%s holds more than %d files; one import may hold at most %d. Split it.", name, MaxImportFiles, MaxImportFiles)
		}
		f := assistant.UploadedFile{Name: e.Name}
		if e.UncompressedSize64 > uint64(limit) {
			f.Reason = &assistant.ImportReason{Code: assistant.ReasonTooLarge, Size: int64(min(e.UncompressedSize64, math.MaxInt64)), Limit: limit}
			out = append(out, f)
			continue
		}
		rc, err := e.Open()
		if err != nil {
			f.Reason = &assistant.ImportReason{Code: assistant.ReasonUnpack, Archive: name}
			out = append(out, f)
			continue
		}
		// The header's size may lie; the reader is bounded all the same.
		b, err := io.ReadAll(io.LimitReader(rc, limit+1))
		rc.Close()
		switch {
		case err != nil:
			f.Reason = &assistant.ImportReason{Code: assistant.ReasonUnpack, Archive: name}
		case int64(len(b)) > limit:
			f.Reason = &assistant.ImportReason{Code: assistant.ReasonTooLarge, Limit: limit}
		default:
			f.Data = b
		}
		out = append(out, f)
	}
	return out, nil
}
