package transcript

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// vconDoc is the part of a vCon (IETF draft-ietf-vcon-vcon-core) that holds
// a conversation: its parties, its dialogs and the analyses made of them.
type vconDoc struct {
	UUID      string         `json:"uuid"`
	CreatedAt string         `json:"created_at"`
	Parties   []vconParty    `json:"parties"`
	Dialog    []vconDialog   `json:"dialog"`
	Analysis  []vconAnalysis `json:"analysis"`
}

type vconParty struct {
	Name   string         `json:"name"`
	Role   string         `json:"role"`
	Tel    string         `json:"tel"`
	Mailto string         `json:"mailto"`
	Meta   map[string]any `json:"meta"`
}

type vconDialog struct {
	Type       string          `json:"type"`
	Start      string          `json:"start"`
	Parties    json.RawMessage `json:"parties"`
	Originator *int            `json:"originator"`
	Body       json.RawMessage `json:"body"`
	Encoding   string          `json:"encoding"`
}

type vconAnalysis struct {
	Type     string          `json:"type"`
	Encoding string          `json:"encoding"`
	Body     json.RawMessage `json:"body"`
}

// label names a party as the transcript shows it: its name, else its address.
func (p vconParty) label(i int) string {
	switch {
	case strings.TrimSpace(p.Name) != "":
		return strings.TrimSpace(p.Name)
	case p.Tel != "":
		return p.Tel
	case p.Mailto != "":
		return p.Mailto
	}
	return fmt.Sprintf("party %d", i)
}

// role is the party's role as the vCon states it, in "role" or in its meta.
func (p vconParty) role() assistant.Speaker {
	r := p.Role
	if r == "" {
		r, _ = p.Meta["role"].(string)
	}
	if sp, _ := platformRole(r); sp != "" {
		return sp
	}
	return roleOf(r)
}

// readVCon reads a vCon: the first analysis of type transcript (the body an
// object or a JSON string: WTF or Whisper segments, Deepgram results, turns,
// a platform export, or labelled text), else its text dialogs. Speakers that
// name a party take the party's role.
func readVCon(data []byte) (*source, error) {
	var doc vconDoc
	if err := decodeJSON(data, &doc); err != nil {
		return nil, err
	}
	// party maps a speaker of a transcript to the party it names.
	party := func(speaker string) (string, assistant.Speaker) {
		for i, p := range doc.Parties {
			if sameLabel(p.label(i), speaker) {
				return p.label(i), p.role()
			}
		}
		return speaker, roleOf(speaker)
	}
	var found *source
	var lastErr error
	for i, a := range doc.Analysis {
		switch strings.ToLower(a.Type) {
		case "transcript", "transcription", "wtf_transcription", "diarized", "diarization":
		default:
			continue
		}
		src, err := vconAnalysisSource(a, fmt.Sprintf("analysis[%d].body", i), party)
		if err != nil {
			lastErr = err
			continue
		}
		if !src.noSpeakers {
			found = src
			break
		}
		if found == nil {
			found = src
		}
	}
	if found == nil || found.noSpeakers {
		if src, err := vconDialogSource(doc, party); err == nil {
			found = src
		} else if found == nil {
			if lastErr != nil {
				return nil, lastErr
			}
			return nil, err
		}
	}
	found.externalID = doc.UUID
	if found.occurredAt.IsZero() {
		for _, d := range doc.Dialog {
			if at, err := time.Parse(time.RFC3339Nano, d.Start); err == nil {
				found.occurredAt = at
				break
			}
		}
	}
	if found.occurredAt.IsZero() {
		if at, err := time.Parse(time.RFC3339Nano, doc.CreatedAt); err == nil {
			found.occurredAt = at
		}
	}
	if found.method != assistant.MappingPlatform {
		found.method = assistant.MappingLabels
		for _, s := range found.segments {
			for i, p := range doc.Parties {
				if p.role() != "" && s.label == p.label(i) {
					found.method = assistant.MappingPlatform
				}
			}
		}
	}
	found.strict = false
	return found, nil
}

// vconAnalysisSource reads one transcript analysis body.
func vconAnalysisSource(a vconAnalysis, path string, party func(string) (string, assistant.Speaker)) (*source, error) {
	body := bytes.TrimSpace(a.Body)
	if len(body) > 0 && body[0] == '"' {
		var s string
		if err := json.Unmarshal(body, &s); err != nil {
			return nil, jsonSyntaxError(body, err)
		}
		t := strings.TrimSpace(s)
		if t == "" {
			return nil, assistant.Errorf(assistant.EInvalid, "%s is empty.", path)
		}
		if t[0] != '{' && t[0] != '[' {
			return vconText(t, party)
		}
		body = []byte(t)
	}
	if len(body) == 0 || body[0] != '{' && body[0] != '[' {
		return nil, assistant.Errorf(assistant.EInvalid, "%s is not a transcript.", path)
	}
	if body[0] == '[' {
		return vconTurns(body, path, party)
	}
	var top map[string]json.RawMessage
	if err := decodeJSON(body, &top); err != nil {
		return nil, err
	}
	switch {
	case top["segments"] != nil:
		var wtf struct {
			Language   string           `json:"language"`
			Transcript json.RawMessage  `json:"transcript"`
			Segments   []whisperSegment `json:"segments"`
		}
		if err := decodeJSON(body, &wtf); err != nil {
			return nil, err
		}
		lang := wtf.Language
		var inner struct {
			Language string `json:"language"`
		}
		if json.Unmarshal(wtf.Transcript, &inner) == nil && inner.Language != "" {
			lang = inner.Language
		}
		return whisperSegments(wtf.Segments, lang, path+".segments", party)
	case top["results"] != nil && (detectResults(top) == "deepgram" || detectResults(top) == ""):
		return deepgramSource(body, path+".", party)
	case top["turns"] != nil:
		src, err := readJSON(body)
		if err != nil {
			return nil, err
		}
		relabel(src, party)
		return src, nil
	}
	if format, err := detectJSON(body); err == nil {
		// Not readers itself: it holds readVCon, and so would hold itself.
		read := map[string]func([]byte) (*source, error){
			"amazon": readAmazon, "genesys": readGenesys, "ccai": readCCAI, "whisper": readWhisper,
			"transcribe": readTranscribe, "assemblyai": readAssemblyAI, "revai": readRevAI,
			"speechmatics": readSpeechmatics, "azure": readAzure, "googlestt": readGoogleSTT,
			"elevenlabs": readElevenLabs, "whispercpp": readWhisperCpp,
		}[format]
		if read == nil {
			return nil, assistant.Errorf(assistant.EInvalid, "%s holds a %s document, which is not a transcript.", path, format)
		}
		src, err := read(body)
		if err != nil {
			return nil, err
		}
		relabel(src, party)
		return src, nil
	}
	var plain struct {
		Transcript string `json:"transcript"`
		Language   string `json:"detected_language"`
	}
	if json.Unmarshal(body, &plain) == nil && strings.TrimSpace(plain.Transcript) != "" {
		src, err := vconText(plain.Transcript, party)
		if err != nil {
			return nil, err
		}
		src.language = plain.Language
		return src, nil
	}
	return nil, assistant.Errorf(assistant.EInvalid, "%s is not a transcript rooscoach reads (segments, Deepgram results, turns or labelled text).", path)
}

// vconTurns reads a body that lists turns: [{"speaker", "text" or
// "message", "start", "end"}], as fake-vcons and LLM transcribers write it.
// start and end are seconds from the start of the dialog.
func vconTurns(body []byte, path string, party func(string) (string, assistant.Speaker)) (*source, error) {
	var turns []struct {
		Speaker json.RawMessage `json:"speaker"`
		Text    string          `json:"text"`
		Message string          `json:"message"`
		Start   *float64        `json:"start"`
		End     *float64        `json:"end"`
	}
	if err := decodeJSON(body, &turns); err != nil {
		return nil, err
	}
	segs := make([]whisperSegment, len(turns))
	for i, t := range turns {
		if speakerName(t.Speaker) == "" {
			return nil, readError(assistant.EInvalid, assistant.ReadProblem{Code: ReadMissing, Path: fmt.Sprintf("%s[%d]", path, i), Field: "speaker"})
		}
		segs[i] = whisperSegment{Start: t.Start, End: t.End, Text: cmp.Or(t.Text, t.Message), Speaker: t.Speaker}
	}
	return whisperSegments(segs, "", path, party)
}

// relabel gives speakers that name a vCon party the party's role.
func relabel(src *source, party func(string) (string, assistant.Speaker)) {
	for i := range src.segments {
		s := &src.segments[i]
		if s.role == "" {
			s.label, s.role = party(s.label)
		}
	}
}

// vconText reads a transcript body that is text: labelled lines become
// turns; text without labels has no speakers.
func vconText(text string, party func(string) (string, assistant.Speaker)) (*source, error) {
	if !looksLikeText([]byte(text)) {
		return &source{noSpeakers: true, segments: []segment{{text: text, where: "transcript"}}}, nil
	}
	src, err := readText([]byte(text))
	if err != nil {
		return nil, err
	}
	relabel(src, party)
	return src, nil
}

// vconDialogSource reads the text dialogs of a vCon (chat, e-mail, SMS): one
// turn per dialog, spoken by its originator.
func vconDialogSource(doc vconDoc, party func(string) (string, assistant.Speaker)) (*source, error) {
	src := &source{}
	var base time.Time
	for i, d := range doc.Dialog {
		if strings.ToLower(d.Type) != "text" {
			continue
		}
		where := fmt.Sprintf("dialog[%d]", i)
		var body string
		if err := json.Unmarshal(d.Body, &body); err != nil {
			return nil, assistant.Errorf(assistant.EInvalid, "%s.body is not a string.", where)
		}
		if enc := strings.ToLower(d.Encoding); enc != "" && enc != "none" {
			return nil, assistant.Errorf(assistant.EInvalid, "%s.body is %s-encoded; send the vCon with text bodies (encoding \"none\").", where, d.Encoding)
		}
		who := -1
		if d.Originator != nil {
			who = *d.Originator
		} else {
			var ps []int
			var p int
			if json.Unmarshal(d.Parties, &ps) == nil && len(ps) > 0 {
				who = ps[0]
			} else if json.Unmarshal(d.Parties, &p) == nil {
				who = p
			}
		}
		if who < 0 || who >= len(doc.Parties) {
			return nil, assistant.Errorf(assistant.EInvalid, "%s names no party (originator or parties) that is in \"parties\".", where)
		}
		label, role := party(doc.Parties[who].label(who))
		seg := segment{label: label, role: role, text: body, where: where}
		if at, err := time.Parse(time.RFC3339Nano, d.Start); err == nil {
			if base.IsZero() {
				base = at
				src.occurredAt = at
			}
			seg.start = max(0, at.Sub(base).Milliseconds())
		}
		src.segments = append(src.segments, seg)
	}
	if len(src.segments) == 0 {
		return nil, assistant.Errorf(assistant.EInvalid, "The vCon has no transcript: no analysis of type \"transcript\" and no text dialog.")
	}
	return src, nil
}
