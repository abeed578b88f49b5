package transcript

import (
	"errors"
	"regexp"
	"strconv"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// The codes of a [ReadError], those a real export meets most first. Each
// is worded in Dutch and English by the template read.CODE of package
// prompts; the parameters each sets are listed with it.
const (
	// ReadSpeakers: the speakers could not be mapped onto agent and
	// customer; Kind says how (SpeakerUnknownLabel…), Labels, Found, Side,
	// Agent, Customer and Why say which and what would fix it.
	ReadSpeakers = "speakers"
	// ReadNoSpeakers: the Format source names no speakers at all (a
	// speech-to-text output without diarization).
	ReadNoSpeakers = "no-speakers"
	// ReadUnlabelled: plain text in which no line starts with a speaker
	// label.
	ReadUnlabelled = "unlabelled"
	// ReadBeforeLabel: text on Line before the first speaker label; Value
	// is its start.
	ReadBeforeLabel = "before-label"
	// ReadEmpty: the transcript is empty or white space.
	ReadEmpty = "empty"
	// ReadJSON: not valid JSON, or JSON of the wrong shape; Kind is the
	// strictjson fault kind, Line and Column where, Field which field,
	// Detail the decoder's English.
	ReadJSON = "json"
	// ReadMissing: required Field is missing or empty, at Path, in the
	// Format transcript.
	ReadMissing = "missing"
	// ReadNoText: the Format transcript has no turn with text.
	ReadNoText = "no-text"
	// ReadTurnEmpty: the turn of speaker Value at Line has no text; Kind
	// "cut" when it is the last turn.
	ReadTurnEmpty = "turn-empty"
	// ReadNoAgent: no turn is the agent's; Found are the speakers.
	ReadNoAgent = "no-agent"
	// ReadTimestamp: the timestamp Value on Line is not a time; Detail
	// says why in English.
	ReadTimestamp = "timestamp"
	// ReadTimeBack: time Value on Line is earlier than Before, the one
	// before it.
	ReadTimeBack = "time-back"
	// ReadEndsBeforeStart: the segment at Path or Line ends (Value ms)
	// before it starts (Before ms).
	ReadEndsBeforeStart = "ends-before-start"
	// ReadUnsupported: the body is in no format rooscoach reads; Keys are
	// a JSON object's top-level keys, List is set for a JSON list.
	ReadUnsupported = "unsupported"
	// ReadFormatUnknown: the Format asked for is not one of Formats.
	ReadFormatUnknown = "format-unknown"
	// ReadWebVTT: a file sent as WebVTT does not start with WEBVTT; Value
	// is its first line.
	ReadWebVTT = "webvtt"
	// ReadEncoding: the bytes are not UTF-8, from Line and Column.
	ReadEncoding = "encoding"
	// ReadControl: a control character at Line and Column.
	ReadControl = "control"
	// ReadDeclaredTwice: speaker Value is declared as both sides.
	ReadDeclaredTwice = "declared-twice"
)

// The kinds of a ReadSpeakers error.
const (
	// SpeakerUnknownLabel: a label that is neither side, in a format whose
	// labels say the side (plain text, rooscoach JSON), where a typo is
	// likelier than a third person.
	SpeakerUnknownLabel = "unknown-label"
	// SpeakerExtraLabel: more than one label besides those declared, in
	// such a format; only one can be mapped on its own.
	SpeakerExtraLabel = "extra-label"
	// SpeakerDeclaredNotFound: a declared speaker matches no label.
	SpeakerDeclaredNotFound = "declared-not-found"
	// SpeakerUndeclared: labels that are neither the declared agent nor
	// the declared customer, in a format where labels are names.
	SpeakerUndeclared = "undeclared"
	// SpeakerUnmappable: no mapping is confident enough to use; Why says
	// why ("mixed", "one-speaker", "no-evidence").
	SpeakerUnmappable = "unmappable"
)

// The front doors a [ReadError] is worded for by [Describe]: each declares
// a speaker and forces a format in its own terms.
const (
	// DoorHTTP: query parameters ("agent=Anna", "format=NAME").
	DoorHTTP = "http"
	// DoorImport: an upload's settings and rooscoach import's flags, both,
	// since a failed file's reason is read by either.
	DoorImport = "import"
	// DoorCLI: rooscoach analyze's flags ("--agent Anna").
	DoorCLI = "cli"
)

// ReadError is the error of a transcript that cannot be read, as a code
// and its parameters rather than a sentence, so that each front door words
// it in the reader's language and in its own terms ([Describe]) and an
// import stores it ([assistant.ImportReason] Read). Parse returns it
// wrapped in an *assistant.Error whose message is its English in neutral
// words.
type ReadError struct {
	assistant.ReadProblem
	err error
}

// Error is e's English in neutral words.
func (e *ReadError) Error() string { return prompts.ReadProblem(assistant.English, "", e.ReadProblem) }

// Unwrap returns the decoder's error, if any.
func (e *ReadError) Unwrap() error { return e.err }

// readError wraps the problem p in an *assistant.Error with code.
func readError(code string, p assistant.ReadProblem) error {
	return wrapRead(code, p, nil)
}

func wrapRead(code string, p assistant.ReadProblem, cause error) error {
	e := &ReadError{ReadProblem: p, err: cause}
	return &assistant.Error{Code: code, Message: e.Error(), Err: e}
}

// speakerError is the error of speakers that cannot be mapped, with the
// code its kind calls for.
func speakerError(p assistant.ReadProblem) error {
	p.Code = ReadSpeakers
	code := assistant.EInvalid
	if p.Kind == SpeakerUnmappable || p.Kind == SpeakerUndeclared {
		code = assistant.EUnprocessable
	}
	return readError(code, p)
}

// ReadProblemOf returns the reader's problem in err's chain, if any.
func ReadProblemOf(err error) (assistant.ReadProblem, bool) {
	var re *ReadError
	if errors.As(err, &re) {
		return re.ReadProblem, true
	}
	return assistant.ReadProblem{}, false
}

// Describe words the reader's problem in err in lang for door (DoorHTTP,
// DoorImport, DoorCLI), and reports false when err holds none.
func Describe(err error, lang assistant.Language, door string) (string, bool) {
	p, ok := ReadProblemOf(err)
	if !ok {
		return "", false
	}
	return prompts.ReadProblem(lang, door, p), true
}

var (
	lineWhere = regexp.MustCompile(`^line (\d+)$`)
	cueWhere  = regexp.MustCompile(`^(?:cue|subtitle) (\d+) \(line (\d+)\)$`)
)

// at sets where in p: the line or cue of a segment's where ("line 12",
// "cue 3 (line 7)"), which each language words, else its JSON path.
func at(p assistant.ReadProblem, where string) assistant.ReadProblem {
	if m := lineWhere.FindStringSubmatch(where); m != nil {
		p.Line, _ = strconv.Atoi(m[1])
		return p
	}
	if m := cueWhere.FindStringSubmatch(where); m != nil {
		p.Cue, _ = strconv.Atoi(m[1])
		p.Line, _ = strconv.Atoi(m[2])
		return p
	}
	p.Path = where
	return p
}
