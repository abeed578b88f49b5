package transcript

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// isSRT reports whether b starts as a SubRip file: a cue number on the first
// line and a timing line ("00:00:01,000 --> 00:00:04,000") on the next.
func isSRT(b []byte) bool {
	first, rest, _ := bytes.Cut(b, []byte("\n"))
	first = bytes.TrimSpace(first)
	if len(first) == 0 || len(first) > 9 {
		return false
	}
	for _, c := range first {
		if c < '0' || c > '9' {
			return false
		}
	}
	second, _, _ := bytes.Cut(rest, []byte("\n"))
	return bytes.Contains(second, []byte("-->"))
}

// readSRT reads SubRip subtitles as transcription tools and meeting
// recorders write them: numbered cues with a timing line and text lines.
// The speaker opens a line as "Name: text" or "[Name] text"; a line without
// one continues the speaker before. Lines such as "Meeting title: …" are
// not speech and are skipped. Formatting (<i>, <font …>, {\an8}) is
// removed.
func readSRT(data []byte) (*source, error) {
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	src := &source{method: assistant.MappingLabels}
	current := ""
	named := false
	var pending []int
	cues := 0
	for i := 0; i < len(lines); {
		if strings.TrimSpace(lines[i]) == "" {
			i++
			continue
		}
		start := i
		for i < len(lines) && strings.TrimSpace(lines[i]) != "" {
			i++
		}
		block := lines[start:i]
		timing := 0
		if !strings.Contains(block[0], "-->") {
			timing = 1 // the cue number
		}
		if timing >= len(block) || !strings.Contains(block[timing], "-->") {
			return nil, assistant.Errorf(assistant.EInvalid, "line %d: a subtitle needs a timing line such as \"00:00:01,000 --> 00:00:04,000\" after its number; is the file cut short or a blank line missing?", start+timing+1)
		}
		cues++
		where := fmt.Sprintf("subtitle %d (line %d)", cues, start+timing+1)
		from, to, err := parseCueTiming(block[timing])
		if err != nil {
			return nil, assistant.Errorf(assistant.EInvalid, "%s: %v.", where, err)
		}
		for _, raw := range block[timing+1:] {
			line := stripTags(stripASS(strings.TrimSpace(raw)))
			if line == "" || isMetadataLine(line) {
				continue
			}
			if strings.Contains(line, "-->") {
				return nil, assistant.Errorf(assistant.EInvalid, "%s: subtitle text may not contain \"-->\"; is a blank line missing before the next subtitle?", where)
			}
			voice, text := cutBracketSpeaker(line)
			if voice == "" {
				if label, rest, ok := cutLabel(line); ok && (roleOf(label) != "" || speakerLike(label)) {
					voice, text = label, rest
				}
			}
			if voice != "" {
				current, named = voice, true
			}
			if text == "" {
				continue
			}
			if n := len(src.segments); voice == "" && n > 0 && src.segments[n-1].where == where {
				src.segments[n-1].text += " " + text
				continue
			}
			src.segments = append(src.segments, segment{label: current, role: roleOf(current), text: text, start: from, end: to, where: where})
			if current == "" {
				pending = append(pending, len(src.segments)-1)
			}
		}
	}
	if len(src.segments) == 0 {
		return nil, assistant.Errorf(assistant.EInvalid, "The SubRip file has no subtitles with text.")
	}
	if !named {
		src.noSpeakers = true
	} else if len(pending) > 0 {
		s := src.segments[pending[0]]
		return nil, assistant.Errorf(assistant.EInvalid, "%s has no speaker, and no subtitle before it names one; start it with \"NAME: \" or \"[NAME]\".", s.where)
	}
	return src, nil
}

// cutBracketSpeaker splits "[Anna de Vries] text" or "[Anna]: text".
func cutBracketSpeaker(line string) (voice, text string) {
	if !strings.HasPrefix(line, "[") {
		return "", line
	}
	end := strings.IndexByte(line, ']')
	if end < 2 || end > 60 {
		return "", line
	}
	name := strings.Join(strings.Fields(line[1:end]), " ")
	if roleOf(name) == "" && !speakerLike(name) {
		return "", line // "[music]", "[inaudible]"
	}
	rest := strings.TrimSpace(line[end+1:])
	rest = strings.TrimSpace(strings.TrimPrefix(rest, ":"))
	return name, rest
}

// stripASS removes the {\…} override tags some SubRip files carry.
func stripASS(s string) string {
	for {
		i := strings.Index(s, "{\\")
		if i < 0 {
			return s
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return s
		}
		s = s[:i] + s[i+j+1:]
	}
}
