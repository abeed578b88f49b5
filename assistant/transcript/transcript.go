// Package transcript reads call transcripts into [assistant.Transcript]: plain
// text with speaker labels, rooscoach's own JSON, WebVTT and SubRip
// subtitles, meeting tools' text exports, the exports of contact-centre
// platforms (Amazon Transcribe Call Analytics and Contact Lens, Genesys
// Cloud, Google CCAI Insights, vCon) and the output of speech-to-text
// services and tools (Amazon Transcribe, AssemblyAI, Deepgram, Rev.ai,
// Speechmatics, Azure AI Speech, Google Cloud Speech-to-Text, ElevenLabs,
// Whisper, WhisperX and whisper.cpp).
//
// Whatever the source, the result has the same shape: turns of the agent and
// the customer, with times in milliseconds from the start of the call, the
// call's language, and a record of how the speakers were told apart
// ([assistant.SpeakerMapping]). Speakers are mapped from what the request
// declares, then from the transcript's own labels or the platform's roles,
// then by a heuristic on what was said; when none of these is confident the
// parser says so with an EUnprocessable error rather than guess.
//
// The package does no I/O: callers hand it the bytes of a request body or a
// file.
package transcript

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/language"
)

// Options is what the caller says about a transcript besides its bytes.
// Where they overlap, rooscoach's own JSON format and Options must agree;
// Options fill what the body lacks. For platform exports it is the
// other way round for identifiers and times: the platform's conversation id
// and start time fill what Options leave empty. A language the body states
// always wins, since it is what the speech was transcribed in.
type Options struct {
	// Format forces a reader, one of [Formats]; empty detects the format
	// from the content.
	Format string
	// Language is the call's language; empty detects it.
	Language assistant.Language
	// ExternalID, AgentID, TeamID and OccurredAt describe the call for
	// storage.
	ExternalID, AgentID, TeamID string
	OccurredAt                  time.Time
	// AccountRef, TimeZone and Jurisdiction describe the call for the
	// compliance rules: the creditor's reference of the debt, the
	// customer's IANA time zone, and the rule pack to check it against.
	AccountRef, TimeZone, Jurisdiction string
	// AgentSpeaker and CustomerSpeaker name the source labels of the agent
	// and the customer as the transcript writes them ("Anna de Vries",
	// "SPEAKER_00"). Several labels may be given separated by commas. A
	// declared name that matches no speaker is an input error.
	AgentSpeaker    string
	CustomerSpeaker string
}

// Formats lists the formats Parse reads, in the order they are named to users.
var Formats = []string{"text", "json", "webvtt", "srt", "otter", "amazon", "transcribe", "genesys", "ccai", "whisper", "whispercpp", "vcon",
	"assemblyai", "deepgram", "revai", "speechmatics", "azure", "googlestt", "elevenlabs"}

// formatAliases maps other names users give a format to its name in Formats.
var formatAliases = map[string]string{
	"txt": "text", "plain": "text", "text/plain": "text",
	"vtt": "webvtt", "text/vtt": "webvtt", "teams": "webvtt", "zoom": "webvtt",
	"rooscoach": "json", "application/json": "json",
	"aws": "amazon", "contactlens": "amazon", "contact-lens": "amazon", "connect": "amazon",
	"genesys-cloud": "genesys", "purecloud": "genesys",
	"insights": "ccai", "google": "ccai", "contact-center-ai": "ccai",
	"whisperx": "whisper",
	// Issue 21: speech-to-text services, subtitles and meeting-tool text.
	"subrip": "srt", "application/x-subrip": "srt", "otter.ai": "otter", "otterai": "otter",
	"amazon-transcribe": "transcribe", "aws-transcribe": "transcribe",
	"whisper.cpp": "whispercpp", "whisper-cpp": "whispercpp",
	"assembly": "assemblyai", "assembly-ai": "assemblyai", "rev": "revai", "rev.ai": "revai",
	"azure-speech": "azure", "google-stt": "googlestt", "google-speech": "googlestt",
	"elevenlabs-scribe": "elevenlabs", "scribe": "elevenlabs",
}

// KnownFormat reports whether name, in any case, is one of Formats or a
// name users give one ("vtt", "teams", "whisperx", …).
func KnownFormat(name string) bool {
	_, ok := FormatName(name)
	return ok
}

// FormatName returns the name in Formats of the format name stands for,
// in any case and under any name users give it ("vtt" is webvtt), and
// whether there is one.
func FormatName(name string) (string, bool) {
	f := strings.ToLower(strings.TrimSpace(name))
	if a, ok := formatAliases[f]; ok {
		f = a
	}
	_, ok := readers[f]
	return f, ok
}

// readers holds one reader per format. A reader turns the bytes into the
// segments the source carries; mapping, merging and checks are shared.
var readers = map[string]func([]byte) (*source, error){
	"text":    readText,
	"json":    readJSON,
	"webvtt":  readVTT,
	"amazon":  readAmazon,
	"genesys": readGenesys,
	"ccai":    readCCAI,
	"whisper": readWhisper,
	"vcon":    readVCon,

	"srt":          readSRT,
	"otter":        readOtter,
	"transcribe":   readTranscribe,
	"whispercpp":   readWhisperCpp,
	"assemblyai":   readAssemblyAI,
	"deepgram":     readDeepgram,
	"revai":        readRevAI,
	"speechmatics": readSpeechmatics,
	"azure":        readAzure,
	"googlestt":    readGoogleSTT,
	"elevenlabs":   readElevenLabs,
}

// segment is one piece of speech as the source cut it.
type segment struct {
	// label is the speaker as the source names it; role is set when the
	// label or the platform already says agent or customer.
	label string
	role  assistant.Speaker
	text  string
	// start and end are milliseconds from the start of the call; end is 0
	// when the source gives only a start.
	start, end int64
	// lang is set when the source says which language the segment is in.
	lang assistant.Language
	// where locates the segment in the input for error messages, such as
	// "line 12", "turns[3]" or "cue 7".
	where string
}

// source is what a reader found in the input.
type source struct {
	format string
	// method is how segments with a role got it: MappingLabels or
	// MappingPlatform.
	method assistant.MappingMethod
	// strict makes an unknown speaker label an input error naming where it
	// is (text and rooscoach JSON), instead of a speaker to be mapped.
	strict bool
	// noSpeakers is set when the source carries no speaker labels at all,
	// such as plain Whisper output.
	noSpeakers bool
	segments   []segment

	externalID, agentID, teamID string
	accountRef, timeZone        string
	jurisdiction                string
	occurredAt                  time.Time
	// language is the call's language as the body writes it ("nl-NL").
	language string
	// ownMetadata is set for rooscoach's JSON, whose metadata the caller
	// wrote on purpose and which wins over the request's. A platform's
	// identifiers and times only fill what the request leaves out.
	ownMetadata bool
}

// Parse reads a transcript. mediaType is the media type the transcript came
// as, without parameters ("text/plain", "application/json", "text/vtt"), or
// "" when unknown (a file); the format is detected from the content whatever
// the media type says, unless opts.Format forces one.
//
// Errors are *assistant.Error: EInvalid for input that is wrong (the message
// names the line, field or label), EUnsupported for a body no reader
// recognises, EUnprocessable when the speakers cannot be mapped with
// confidence.
func Parse(data []byte, mediaType string, opts Options) (*assistant.Transcript, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, assistant.Errorf(assistant.EInvalid, "The transcript is empty.")
	}
	if !utf8.Valid(data) {
		line, col := invalidUTF8At(data)
		return nil, assistant.Errorf(assistant.EInvalid, "The transcript is not valid UTF-8 (line %d, column %d); save it as UTF-8 and send it again.", line, col)
	}
	if line, col, ok := controlAt(data); ok {
		return nil, assistant.Errorf(assistant.EInvalid, "The transcript holds a control character (line %d, column %d); remove it and send it again.", line, col)
	}
	if opts.Language != "" && !opts.Language.Valid() {
		return nil, assistant.UnsupportedLanguage(string(opts.Language))
	}
	// Old Mac files end lines with a lone CR, Windows files with CR LF; read
	// as one line, a whole call would become one turn of one speaker.
	data = normalizeLineEnds(data)
	format, err := chooseFormat(data, mediaType, opts.Format)
	if err != nil {
		return nil, err
	}
	src, err := readers[format](data)
	if err != nil {
		return nil, err
	}
	src.format = format
	return build(src, opts)
}

// chooseFormat returns the forced format, or detects it from the content.
func chooseFormat(data []byte, mediaType, forced string) (string, error) {
	if forced != "" {
		f := strings.ToLower(strings.TrimSpace(forced))
		if a, ok := formatAliases[f]; ok {
			f = a
		}
		if _, ok := readers[f]; !ok {
			return "", assistant.Errorf(assistant.EInvalid, "Format %q is not known; use one of %s.", forced, strings.Join(Formats, ", "))
		}
		return f, nil
	}
	return detect(data, mediaType)
}

// unsupported is the error for a body no reader recognises.
func unsupported(what string) error {
	fe := &FormatError{What: what}
	return &assistant.Error{Code: assistant.EUnsupported, Message: fe.Error(), Err: fe}
}

// detect names the reader for data from its content, whatever the media type
// says: clients often send a file with the wrong media type. The media type
// only sharpens the error when no reader recognises the content.
func detect(data []byte, mediaType string) (string, error) {
	trimmed := bytes.TrimSpace(data)
	switch {
	case trimmed[0] == '{':
		return detectJSON(data)
	case trimmed[0] == '[':
		// "[00:00:02] Agent: ..." is text with timestamps, not a JSON list.
		if !json.Valid(trimmed) && looksLikeText(data) {
			return "text", nil
		}
		return detectJSON(data)
	case isVTT(trimmed):
		return "webvtt", nil
	case isSRT(trimmed):
		return "srt", nil
	case isOtter(trimmed, false):
		return "otter", nil
	case looksLikeText(data):
		return "text", nil
	case isOtter(trimmed, true):
		return "otter", nil
	case mediaType == "application/json":
		return "", jsonSyntaxError(data, nil)
	case mediaType == "text/vtt":
		return "", assistant.Errorf(assistant.EInvalid, "A WebVTT file starts with the line WEBVTT; this one starts with %q.", firstLine(trimmed))
	case mediaType == "text/plain":
		// Plain text is a format rooscoach reads: what is missing is
		// the labels, not support for the media type.
		fe := &FormatError{What: "The body", Unlabelled: true}
		return "", &assistant.Error{Code: assistant.EInvalid, Message: fe.Error(), Err: fe}
	}
	return "", unsupported("The body")
}

func firstLine(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	return clip(strings.TrimSpace(string(b)), 40)
}

// clip shortens s to at most n runes for quoting in messages.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

func invalidUTF8At(data []byte) (line, col int) {
	line, col = 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return line, col
}

// build maps the speakers, merges segments into turns, checks them and fills
// the transcript's metadata.
func build(src *source, opts Options) (*assistant.Transcript, error) {
	t := &assistant.Transcript{
		Format:     src.format,
		ExternalID: cmp.Or(opts.ExternalID, src.externalID),
		AgentID:    cmp.Or(opts.AgentID, src.agentID),
		TeamID:     cmp.Or(opts.TeamID, src.teamID),
		OccurredAt: opts.OccurredAt,
		// Only rooscoach's own JSON carries these; platforms know nothing
		// of the creditor's account.
		AccountRef:   opts.AccountRef,
		TimeZone:     opts.TimeZone,
		Jurisdiction: opts.Jurisdiction,
	}
	if src.ownMetadata {
		// A call the request files under another agent than its body would
		// be lost to the team lead who looks for it: refuse the
		// contradiction rather than pick one.
		for _, f := range []struct{ name, opt, body string }{
			{"agent_id", opts.AgentID, src.agentID},
			{"external_id", opts.ExternalID, src.externalID},
			{"team_id", opts.TeamID, src.teamID},
			{"account_ref", opts.AccountRef, src.accountRef},
			{"time_zone", opts.TimeZone, src.timeZone},
			{"jurisdiction", opts.Jurisdiction, src.jurisdiction},
		} {
			if f.opt != "" && f.body != "" && f.opt != f.body {
				return nil, assistant.Errorf(assistant.EInvalid, "%s is %q in the request but %q in the transcript; give one of them, or the same in both.", f.name, f.opt, f.body)
			}
		}
		t.ExternalID = cmp.Or(src.externalID, opts.ExternalID)
		t.AgentID = cmp.Or(src.agentID, opts.AgentID)
		t.TeamID = cmp.Or(src.teamID, opts.TeamID)
		t.AccountRef = cmp.Or(src.accountRef, opts.AccountRef)
		t.TimeZone = cmp.Or(src.timeZone, opts.TimeZone)
		t.Jurisdiction = cmp.Or(src.jurisdiction, opts.Jurisdiction)
		if !src.occurredAt.IsZero() {
			t.OccurredAt = src.occurredAt
		}
	}
	if t.OccurredAt.IsZero() {
		t.OccurredAt = src.occurredAt
	}
	if src.language != "" {
		lang, err := assistant.ParseLanguage(src.language)
		if err != nil {
			return nil, err
		}
		t.Language = lang
	}
	if t.Language == "" {
		t.Language = opts.Language
	}

	segs := make([]segment, 0, len(src.segments))
	for _, s := range src.segments {
		// JSON can smuggle control characters in as escapes ("\u0000"),
		// past the check on the raw bytes.
		for _, v := range []string{s.text, s.label} {
			if i, ok := assistant.ControlAt(v); ok {
				return nil, assistant.Errorf(assistant.EInvalid, "%s holds a control character at position %d; remove it and send the transcript again.", s.where, i+1)
			}
		}
		s.text = strings.TrimSpace(s.text)
		if s.text == "" {
			// Readers reject empty turns where the format has turns; what
			// is left are empty speech-to-text segments, which are not
			// turns at all.
			continue
		}
		segs = append(segs, s)
	}
	src.segments = segs
	if len(segs) == 0 {
		return nil, assistant.Errorf(assistant.EInvalid, "The %s transcript has no turns with text.", src.format)
	}

	if err := checkTimes(segs); err != nil {
		return nil, err
	}
	speakers, mapping, err := mapSpeakers(src, opts)
	if err != nil {
		return nil, err
	}
	t.Mapping = mapping

	for _, s := range segs {
		// A segment's own role stands unless the request declared its
		// speaker; labels without a role take the mapping's.
		sp := s.role
		if m, ok := speakers[s.label]; ok && (mapping.Method == assistant.MappingDeclared || !sp.Valid()) {
			sp = m
		}
		if !sp.Valid() {
			return nil, assistant.Errorf(assistant.EInternal, "speaker %q of %s was not mapped", s.label, s.where)
		}
		if n := len(t.Turns); n > 0 && t.Turns[n-1].Speaker == sp {
			last := &t.Turns[n-1]
			if s.end != 0 && s.end < last.StartMS {
				return nil, assistant.Errorf(assistant.EInvalid, "%s ends at %d ms, before the turn it continues starts (%d ms); times must go forward.", s.where, s.end, last.StartMS)
			}
			last.Text += " " + s.text
			if s.end > last.EndMS {
				last.EndMS = s.end
			}
			if s.lang != last.Language {
				last.Language = ""
			}
			continue
		}
		t.Turns = append(t.Turns, assistant.Turn{
			Index:         len(t.Turns),
			Speaker:       sp,
			Text:          s.text,
			StartMS:       s.start,
			EndMS:         s.end,
			Language:      s.lang,
			SourceSpeaker: s.label,
		})
	}
	if t.AgentTurns() == 0 {
		return nil, assistant.Errorf(assistant.EInvalid, "The transcript has no agent turn (speakers found: %s); rooscoach coaches the agent, so at least one turn must be the agent's.", quoteList(labelsOf(segs)))
	}
	setLanguages(t)
	return t, nil
}

// setLanguages detects the call's language when it was not given, and keeps
// a turn's language only where it clearly differs from the call's: a
// declared language stands unless a turn is clearly another language
// ([language.Clearly]), the same rule every engine uses.
func setLanguages(t *assistant.Transcript) {
	if t.Language == "" {
		var nl, en int
		for _, turn := range t.Turns {
			n, e := language.Evidence(turn.Text)
			nl, en = nl+n, en+e
		}
		t.Language = language.Decide(nl, en)
	}
	for i := range t.Turns {
		turn := &t.Turns[i]
		if turn.Language == t.Language {
			turn.Language = ""
		}
		if turn.Language != "" {
			continue
		}
		turn.Language = language.Clearly(turn.Text, t.Language)
	}
}

// normalizeLineEnds turns CR LF and lone CR into LF. JSON keeps its meaning,
// since a raw CR may only stand between its tokens.
func normalizeLineEnds(data []byte) []byte {
	if !bytes.ContainsRune(data, '\r') {
		return data
	}
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
}

// labelsOf returns the distinct labels of segs in order of first appearance.
func labelsOf(segs []segment) []string {
	var out []string
	for _, s := range segs {
		if !slices.Contains(out, s.label) {
			out = append(out, s.label)
		}
	}
	return out
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// controlAt finds the first C0 control character other than tab, line feed,
// carriage return and form feed. Such bytes (NUL above all) are never speech,
// and Postgres refuses NUL in text, so they are stopped here with a position
// rather than failing later at the database.
func controlAt(data []byte) (line, col int, found bool) {
	line, col = 1, 0
	for _, r := range string(data) {
		col++
		switch {
		case r == '\n':
			line, col = line+1, 0
		case r < 0x20 && r != '\t' && r != '\r' && r != '\f':
			return line, col, true
		}
	}
	return 0, 0, false
}
