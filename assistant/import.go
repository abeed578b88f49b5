package assistant

import (
	"fmt"
	"time"
)

// ImportFileState is where a file of an import stands.
type ImportFileState string

// States of an imported file.
const (
	ImportPending ImportFileState = "pending"
	ImportDone    ImportFileState = "done"
	ImportFailed  ImportFileState = "failed"
)

// ImportOptions is what an upload says about all its files. A file's own
// metadata (rooscoach JSON, a platform export) wins where it has some, as
// it does for a single call.
type ImportOptions struct {
	AgentID  string   `json:"agent_id,omitempty"`
	TeamID   string   `json:"team_id,omitempty"`
	Language Language `json:"language,omitempty"`
	Format   string   `json:"format,omitempty"`
	// AgentSpeaker and CustomerSpeaker declare the speaker labels of the
	// agent and the customer, as agent= and customer= do for one call:
	// the exports of platforms that label speakers spk_0 or SPEAKER_00
	// cannot be mapped without them.
	AgentSpeaker    string `json:"agent_speaker,omitempty"`
	CustomerSpeaker string `json:"customer_speaker,omitempty"`
	// Engine is the engine the calls are analysed with; "" means the
	// default of the instance that works each file. Each file's job
	// carries it, so that whichever instance works the job uses it.
	Engine EngineChoice `json:"engine,omitempty"`
}

// ImportFile is one file of an import.
type ImportFile struct {
	Index int             `json:"index"`
	Name  string          `json:"name"`
	State ImportFileState `json:"state"`
	// Reason says why a failed file failed, in English.
	Reason string `json:"reason,omitempty"`
	// Cause is the same reason as a code and its parameters, for a reader
	// that words it in another language (a page in Dutch).
	Cause *ImportReason `json:"cause,omitempty"`
	// CallID is the stored call of a done file; Created is false when that
	// call was stored before under the same external id.
	CallID  int64 `json:"call_id,omitempty"`
	Created bool  `json:"created,omitempty"`
}

// Import is an upload of many recorded calls and how far it has come.
type Import struct {
	ID        int64         `json:"id"`
	CreatedAt time.Time     `json:"created_at"`
	CreatedBy string        `json:"created_by,omitempty"`
	Options   ImportOptions `json:"options"`
	// Files counts all files; Done, Failed and Left add up to it. Created
	// counts the done files whose call is new.
	Files   int `json:"files"`
	Done    int `json:"done"`
	Failed  int `json:"failed"`
	Left    int `json:"left"`
	Created int `json:"created"`
	// Finished is true when no file is left.
	Finished bool `json:"finished"`
	// Failures lists the failed files with their reasons.
	Failures []ImportFile `json:"failures"`
}

// PendingImportFile is a file as the worker reads it: its bytes, the
// upload's options and the scope of whoever uploaded it.
type PendingImportFile struct {
	ID       int64
	ImportID int64
	Name     string
	Data     []byte
	State    ImportFileState
	Options  ImportOptions
	// Owner is whoever uploaded the file: the worker stores its call on
	// their behalf.
	Owner Principal
}

// UploadedFile is a file of a new import: its name and bytes, or, for a
// file that failed its first reading, the reason and no bytes.
type UploadedFile struct {
	Name   string
	Data   []byte
	Reason *ImportReason
}

// ImportReasonCode names why a file of an import failed.
type ImportReasonCode string

// Why a file of an import failed. Each code is worded in every language by
// the template import.CODE of package prompts.
const (
	// ReasonEmpty: the file has no bytes.
	ReasonEmpty ImportReasonCode = "empty"
	// ReasonTooLarge: the file is over Limit bytes; Size is its size when
	// known, 0 when it was only seen to be larger.
	ReasonTooLarge ImportReasonCode = "too-large"
	// ReasonUnpack: the file could not be unpacked from zip Archive.
	ReasonUnpack ImportReasonCode = "unpack"
	// ReasonNoAgent: neither the file nor the upload names an agent.
	ReasonNoAgent ImportReasonCode = "no-agent"
	// ReasonNotYou: an agent uploaded a call of another agent, AgentID.
	ReasonNotYou ImportReasonCode = "not-you"
	// ReasonNotYourTeam: a trainer uploaded a call of team TeamID, not one
	// of theirs.
	ReasonNotYourTeam ImportReasonCode = "not-your-team"
	// ReasonUnknownFormat: the file is in no format rooscoach reads.
	ReasonUnknownFormat ImportReasonCode = "unknown-format"
	// ReasonWrongFormat: the upload named Format and the file could not be
	// read as it; Detail says what the reader found.
	ReasonWrongFormat ImportReasonCode = "wrong-format"
	// ReasonSpeakers: the speakers could not be mapped onto agent and
	// customer; Detail says which and how to declare them.
	ReasonSpeakers ImportReasonCode = "speakers"
	// ReasonTries: the file failed for a reason of the system in each of
	// Tries tries; Detail is the last error.
	ReasonTries ImportReasonCode = "tries"
	// ReasonOther: the file cannot be imported; Detail says why, in
	// English (the readers' many messages are worded once).
	ReasonOther ImportReasonCode = "other"
)

// ImportReasonCodes lists the codes, for the checks that each is worded in
// every language.
var ImportReasonCodes = []ImportReasonCode{ReasonEmpty, ReasonTooLarge, ReasonUnpack, ReasonNoAgent, ReasonNotYou,
	ReasonNotYourTeam, ReasonUnknownFormat, ReasonWrongFormat, ReasonSpeakers, ReasonTries, ReasonOther}

// ImportReason says why a file of an import failed, as a code and its
// parameters rather than a sentence, so that the API words it in English
// and a page in the page's language. Only the parameters of its code are
// set.
type ImportReason struct {
	Code    ImportReasonCode `json:"code"`
	Size    int64            `json:"size,omitempty"`
	Limit   int64            `json:"limit,omitempty"`
	Archive string           `json:"archive,omitempty"`
	AgentID string           `json:"agent_id,omitempty"`
	TeamID  string           `json:"team_id,omitempty"`
	Format  string           `json:"format,omitempty"`
	// Detected is the format the file reads as when left to be detected
	// (wrong-format), if any.
	Detected string `json:"detected,omitempty"`
	// Formats lists the formats rooscoach reads (unknown-format).
	Formats []string `json:"formats,omitempty"`
	Tries   int      `json:"tries,omitempty"`
	Detail  string   `json:"detail,omitempty"`
	// Read is the transcript reader's problem (speakers, unknown-format,
	// wrong-format, other), when the reader found it: worded anew in each
	// language instead of quoting Detail, its English.
	Read *ReadProblem `json:"read,omitempty"`
}

// ReadProblem is why a transcript cannot be read, as the transcript
// reader's code and its parameters rather than a sentence, so that an
// import stores it and each reader (the API, a page in Dutch) words it in
// its own language, from the templates read.CODE of package prompts. Only
// the parameters of its code are set.
type ReadProblem struct {
	Code string `json:"code"`
	// Format is the reader's format ("json", "deepgram"), or the format
	// asked for that is not known.
	Format string `json:"format,omitempty"`
	// Path is where in a JSON document the problem is ("turns[2]",
	// "results.channels[0]"); Field is the field at fault, or the setting.
	Path  string `json:"path,omitempty"`
	Field string `json:"field,omitempty"`
	// Line and Column locate the problem in the file, from 1; Cue numbers
	// a subtitle cue. 0 when not known.
	Line   int `json:"line,omitempty"`
	Column int `json:"column,omitempty"`
	Cue    int `json:"cue,omitempty"`
	// Value is the text at fault, shortened, such as a timestamp; Before is
	// the value it should not come before (an earlier time).
	Value  string `json:"value,omitempty"`
	Before string `json:"before,omitempty"`
	// Kind refines the code: the kind of a JSON fault or of a speaker
	// problem; Why says why speakers could not be told apart.
	Kind string `json:"kind,omitempty"`
	Why  string `json:"why,omitempty"`
	// Labels are the speaker labels at fault; Found all the transcript
	// names; Side the side a label was declared as; Agent and Customer the
	// labels the transcript reads well with when declared so.
	Labels   []string `json:"labels,omitempty"`
	Found    []string `json:"found,omitempty"`
	Side     Speaker  `json:"side,omitempty"`
	Agent    string   `json:"agent,omitempty"`
	Customer string   `json:"customer,omitempty"`
	// Keys are the top-level keys of a JSON document no reader knows; List
	// is set when it was a list.
	Keys []string `json:"keys,omitempty"`
	List bool     `json:"list,omitempty"`
	// Formats lists the formats rooscoach reads.
	Formats []string `json:"formats,omitempty"`
	// Detail is the English words of a decoder (encoding/json's syntax
	// error), which only the English wording quotes.
	Detail string `json:"detail,omitempty"`
}

// ImportRefused is the error of an upload none of whose files can be
// imported: the files with their reasons, so that a page can word them in
// its own language. It travels inside an EInvalid *Error whose message
// words them in English.
type ImportRefused struct {
	Files []UploadedFile
}

// Error says how many files were refused; the files say why, each.
func (e *ImportRefused) Error() string {
	return fmt.Sprintf("no file of %d can be imported", len(e.Files))
}
