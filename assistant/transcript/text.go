package transcript

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rooscoach/rooscoach/assistant"
)

// markers are words that end in a colon inside a turn ("Let op: ...",
// "Note: ...") and that are not speakers, though they look like names.
var markers = wordSet(`let note nb n.b. ps p.s. tip belangrijk important let's voorbeeld bijvoorbeeld example
samengevat samenvatting kortom summary dus namelijk attentie attention waarschuwing warning opmerking remark
vraag question antwoord answer bedrag amount datum date tijd time ref referentie reference dossiernummer
kenmerk iban rekeningnummer telefoon phone email e-mail adres address status resultaat result stap step
optie option ok oké okay ja nee yes no maar en and so well goed prima nou dan then`)

// nameParticles may be lower case inside a person's name ("Anna de Vries").
var nameParticles = wordSet(`de der den van von ten ter te le la da di du 't del`)

// textLine is one line of a plain-text transcript, taken apart.
type textLine struct {
	stamp int64 // ms, -1 when the line has no timestamp
	// body is the line after its timestamp.
	body     string
	label    string
	hasLabel bool
	text     string
}

// splitTextLine reads an optional timestamp and an optional "Label:" from a
// non-blank line. A bad timestamp is an error naming the line.
func splitTextLine(line string, n int) (textLine, error) {
	tl := textLine{stamp: -1}
	rest, ms, ok, err := cutTimestamp(line)
	if err != nil {
		return tl, stampError(n, err)
	}
	if ok {
		tl.stamp, line = ms, rest
	}
	tl.body = line
	if label, text, ok := cutLabel(line); ok {
		tl.label, tl.text, tl.hasLabel = label, text, true
		return tl, nil
	}
	tl.text = line
	return tl, nil
}

// cutTimestamp removes a leading "[00:01:23]", "00:01:23", "[01:23.450]",
// "(00:01:23)" or "00:01:23 -" from line.
func cutTimestamp(line string) (rest string, ms int64, ok bool, err error) {
	s := strings.TrimSpace(line)
	closer := byte(0)
	if s != "" && (s[0] == '[' || s[0] == '(') {
		closer = ']'
		if s[0] == '(' {
			closer = ')'
		}
		s = s[1:]
	}
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == ':' || s[i] == '.' || s[i] == ',') {
		i++
	}
	stamp := s[:i]
	if strings.Count(stamp, ":") == 0 || stamp[0] == ':' {
		return line, 0, false, nil
	}
	after := s[i:]
	if closer != 0 {
		if after == "" || after[0] != closer {
			return line, 0, false, nil
		}
		after = after[1:]
	} else if after != "" && after[0] != ' ' && after[0] != '\t' {
		// "12:30uur" or "10:00:" is text, not a timestamp.
		return line, 0, false, nil
	}
	ms, err = parseClock(stamp)
	if err != nil {
		return line, 0, false, err
	}
	after = strings.TrimSpace(after)
	after = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(after, "-"), "–"))
	return after, ms, true, nil
}

// parseClock reads "hh:mm:ss", "mm:ss", with an optional fraction of a second
// after "." or ",".
func parseClock(s string) (int64, error) {
	frac := int64(0)
	if i := strings.IndexAny(s, ".,"); i >= 0 {
		f := s[i+1:]
		if f == "" || len(f) > 3 || strings.ContainsAny(f, ".,:") {
			return 0, &clockError{stamp: s, msg: fmt.Sprintf("timestamp %q is not a time like 00:01:23 or 00:01:23.450", s)}
		}
		for len(f) < 3 {
			f += "0"
		}
		for _, c := range f {
			if c < '0' || c > '9' {
				return 0, &clockError{stamp: s, msg: fmt.Sprintf("timestamp %q is not a time like 00:01:23.450", s)}
			}
			frac = frac*10 + int64(c-'0')
		}
		s = s[:i]
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, &clockError{stamp: s, msg: fmt.Sprintf("timestamp %q is not a time like 00:01:23", s)}
	}
	var v [3]int64
	for i, p := range parts {
		if p == "" || len(p) > 2 && i > 0 || len(p) > 3 {
			return 0, &clockError{stamp: s, msg: fmt.Sprintf("timestamp %q is not a time like 00:01:23", s)}
		}
		for _, c := range p {
			if c < '0' || c > '9' {
				return 0, &clockError{stamp: s, msg: fmt.Sprintf("timestamp %q is not a time like 00:01:23", s)}
			}
			v[i] = v[i]*10 + int64(c-'0')
		}
		if i > 0 && v[i] >= 60 {
			return 0, &clockError{stamp: s, msg: fmt.Sprintf("timestamp %q has %d in a minutes or seconds field", s, v[i])}
		}
	}
	var h, m, sec int64
	if len(parts) == 3 {
		h, m, sec = v[0], v[1], v[2]
	} else {
		m, sec = v[0], v[1]
	}
	return ((h*60+m)*60+sec)*1000 + frac, nil
}

// cutLabel splits "Label: text" when what comes before the colon is short and
// shaped like a speaker's name or role, not a sentence.
func cutLabel(line string) (label, text string, ok bool) {
	i := strings.IndexByte(line, ':')
	if i <= 0 || i > 60 {
		return "", "", false
	}
	if i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '\t' {
		return "", "", false // "10:30", "http://"
	}
	label = strings.TrimSpace(line[:i])
	words := strings.Fields(label)
	if len(words) == 0 || len(words) > 4 || utf8.RuneCountInString(label) > 40 {
		return "", "", false
	}
	for _, w := range words {
		for _, r := range w {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("-_.'’()", r) {
				return "", "", false
			}
		}
	}
	first, _ := utf8.DecodeRuneInString(label)
	if !unicode.IsLetter(first) {
		return "", "", false
	}
	return label, strings.TrimSpace(line[i+1:]), true
}

// speakerLike reports whether a label reads as a person or a diarized
// speaker ("Anna de Vries", "SPEAKER_00", "Spreker 2") rather than a phrase
// ending in a colon ("Let op", "Het bedrag is").
func speakerLike(label string) bool {
	words := strings.Fields(label)
	if len(words) == 1 {
		if _, ok := markers[strings.ToLower(strings.TrimSuffix(words[0], "."))]; ok {
			return false
		}
	}
	if _, ok := markers[strings.ToLower(label)]; ok {
		return false
	}
	for i, w := range words {
		w = strings.Trim(w, "()")
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) || unicode.IsDigit(r) && i > 0 {
			continue
		}
		if _, ok := nameParticles[w]; ok && i > 0 && i < len(words)-1 {
			continue
		}
		return false
	}
	return true
}

// looksLikeText reports whether data has at least one line that starts with
// a speaker label, so that the text reader will make something of it.
func looksLikeText(data []byte) bool {
	n := 0
	for len(data) > 0 && n < 2000 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		n++
		tl, err := splitTextLine(strings.TrimSpace(string(line)), n)
		if err != nil {
			// A timestamp that is not a valid time is still a sign of a
			// timestamped text transcript; the reader names the line.
			return true
		}
		if tl.hasLabel && (roleOf(tl.label) != "" || speakerLike(tl.label)) {
			return true
		}
	}
	return false
}

// readText reads plain text with a speaker label per turn. Lines without a
// label continue the turn before; so do lines whose "label" is a phrase such
// as "Let op:". Unknown speaker labels are left to the mapping, which rejects
// them naming the line unless the request declared them.
func readText(data []byte) (*source, error) {
	src := &source{method: assistant.MappingLabels, strict: true}
	lines := strings.Split(string(data), "\n")
	last := int64(-1)
	for i, raw := range lines {
		n := i + 1
		line := strings.TrimSpace(raw)
		if line == "" {
			continue
		}
		tl, err := splitTextLine(line, n)
		if err != nil {
			return nil, err
		}
		speaker := tl.hasLabel && (roleOf(tl.label) != "" || speakerLike(tl.label))
		if !speaker {
			if len(src.segments) == 0 {
				return nil, readError(assistant.EInvalid, assistant.ReadProblem{Code: ReadBeforeLabel, Line: n, Value: clip(line, 40)})
			}
			seg := &src.segments[len(src.segments)-1]
			seg.text = strings.TrimSpace(seg.text + " " + tl.body)
			continue
		}
		if tl.stamp >= 0 {
			if tl.stamp < last {
				return nil, readError(assistant.EInvalid, assistant.ReadProblem{Code: ReadTimeBack, Format: "text", Line: n, Value: clock(tl.stamp), Before: clock(last)})
			}
			last = tl.stamp
		}
		seg := segment{
			label: tl.label,
			role:  roleOf(tl.label),
			text:  tl.text,
			where: fmt.Sprintf("line %d", n),
		}
		if tl.stamp >= 0 {
			seg.start = tl.stamp
		}
		if len(src.segments) > 0 {
			if prev := &src.segments[len(src.segments)-1]; strings.TrimSpace(prev.text) == "" {
				return nil, readError(assistant.EInvalid, at(assistant.ReadProblem{Code: ReadTurnEmpty, Value: prev.label}, prev.where))
			}
		}
		src.segments = append(src.segments, seg)
	}
	if len(src.segments) == 0 {
		return nil, readError(assistant.EUnsupported, assistant.ReadProblem{Code: ReadUnsupported, Format: "text", Formats: Formats})
	}
	if prev := src.segments[len(src.segments)-1]; strings.TrimSpace(prev.text) == "" {
		return nil, readError(assistant.EInvalid, at(assistant.ReadProblem{Code: ReadTurnEmpty, Value: prev.label}, prev.where))
	}
	return src, nil
}

// clock formats ms as hh:mm:ss for messages.
func clock(ms int64) string {
	s := ms / 1000
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
}

func wordSet(s string) map[string]struct{} {
	m := map[string]struct{}{}
	for _, w := range strings.Fields(s) {
		m[w] = struct{}{}
	}
	return m
}

// clockError is a timestamp that is not a time: the timestamp and what is
// wrong with it, in English.
type clockError struct{ stamp, msg string }

func (e *clockError) Error() string { return e.msg }

// stampError is the error of line n whose timestamp failed with err.
func stampError(n int, err error) error {
	p := assistant.ReadProblem{Code: ReadTimestamp, Line: n, Detail: err.Error()}
	var ce *clockError
	if errors.As(err, &ce) {
		p.Value = ce.stamp
	}
	return readError(assistant.EInvalid, p)
}
