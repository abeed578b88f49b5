package assistant

import "time"

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
	// Reason says why a failed file failed.
	Reason string `json:"reason,omitempty"`
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
	Reason string
}
