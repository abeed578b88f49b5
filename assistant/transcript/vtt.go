package transcript

import (
	"bytes"
	"fmt"
	"html"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// isVTT reports whether b starts with the WebVTT signature.
func isVTT(b []byte) bool {
	if !bytes.HasPrefix(b, []byte("WEBVTT")) {
		return false
	}
	return len(b) == 6 || b[6] == ' ' || b[6] == '\t' || b[6] == '\n' || b[6] == '\r'
}

// readVTT reads WebVTT as players, Microsoft Teams and Zoom write it: the
// speaker in a voice tag (<v Anna de Vries>) or as "Name: text" at the start
// of a cue; identifiers, NOTE, STYLE and REGION blocks are skipped; a cue
// without a speaker continues the speaker before it.
func readVTT(data []byte) (*source, error) {
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	if !isVTT([]byte(strings.TrimSpace(lines[0]))) {
		return nil, assistant.Errorf(assistant.EInvalid, "A WebVTT file starts with the line WEBVTT; this one starts with %q.", clip(strings.TrimSpace(lines[0]), 40))
	}
	// The header runs to the first blank line.
	i := 1
	for i < len(lines) && strings.TrimSpace(lines[i]) != "" {
		i++
	}
	run := &speakerRun{src: &source{method: assistant.MappingLabels}}
	n := 0
	err := blocks(lines, i, func(block []string, start int) error {
		head := strings.TrimSpace(block[0])
		if isBlockKeyword(head, "NOTE") || isBlockKeyword(head, "STYLE") || isBlockKeyword(head, "REGION") {
			return nil
		}
		n++
		c, err := readCue(block, start, n, cueWords{cue: "cue", timing: "00:00:01.000 --> 00:00:04.000"})
		if err != nil {
			return err
		}
		for _, pl := range c.lines {
			voice, text := cutVoice(strings.TrimSpace(pl))
			if voice == "" && isMetadataLine(text) {
				continue // "Meeting title: …" is about the call, not in it
			}
			if voice == "" {
				if label, rest, ok := cutLabel(text); ok && (roleOf(label) != "" || speakerLike(label)) {
					voice, text = label, rest
				}
			}
			run.add(voice, text, c)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := run.finish("The WebVTT file has no cues with text.", `start it with <v NAME> or "NAME: "`); err != nil {
		return nil, err
	}
	return run.src, nil
}

func isBlockKeyword(line, kw string) bool {
	return line == kw || strings.HasPrefix(line, kw+" ") || strings.HasPrefix(line, kw+"\t")
}

// parseCueTiming reads "00:01.000 --> 00:04.000 align:start".
func parseCueTiming(line string) (from, to int64, err error) {
	a, b, _ := strings.Cut(line, "-->")
	fields := strings.Fields(b)
	if len(fields) == 0 {
		return 0, 0, fmt.Errorf("timing %q has no end time", strings.TrimSpace(line))
	}
	if from, err = parseClock(strings.TrimSpace(a)); err != nil {
		return 0, 0, err
	}
	if to, err = parseClock(fields[0]); err != nil {
		return 0, 0, err
	}
	if to < from {
		return 0, 0, fmt.Errorf("cue ends (%s) before it starts (%s)", fields[0], strings.TrimSpace(a))
	}
	return from, to, nil
}

// cutVoice takes a leading voice tag off a cue line and strips the other
// markup: "<v.loud Anna de Vries>Hallo</v>" gives "Anna de Vries", "Hallo".
// "<v>" without a name gives no voice, so the line continues the voice
// before it.
func cutVoice(line string) (voice, text string) {
	if strings.HasPrefix(line, "<v") && len(line) > 2 && (line[2] == ' ' || line[2] == '.' || line[2] == '\t') {
		end := strings.IndexByte(line, '>')
		if end < 0 {
			// A voice tag cut off at the end of the cue ("<v Roger
			// Bingham") still names the voice, as the WebVTT parser
			// reads it: the annotation runs to the end of the text.
			end = len(line)
		}
		tag := line[2:end]
		if tag[0] == '.' {
			// Classes come first: <v.first.loud Name>.
			if sp := strings.IndexAny(tag, " \t"); sp >= 0 {
				tag = tag[sp:]
			} else {
				tag = ""
			}
		}
		voice = strings.Join(strings.Fields(html.UnescapeString(tag)), " ")
		line = line[min(end+1, len(line)):]
	}
	return voice, stripTags(line)
}

// stripTags removes WebVTT markup (<i>, <c.yellow>, </v>, <00:00:01.000>)
// and decodes character references.
func stripTags(s string) string {
	if strings.IndexByte(s, '<') < 0 {
		return strings.TrimSpace(html.UnescapeString(s))
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			break
		}
		j := strings.IndexByte(s[i:], '>')
		if j < 0 || i+1 >= len(s) || !isTagStart(s[i+1]) {
			b.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		b.WriteString(s[:i])
		s = s[i+j+1:]
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

func isTagStart(c byte) bool {
	return c == '/' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
