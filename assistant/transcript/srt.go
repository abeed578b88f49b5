package transcript

import (
	"bytes"
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
	run := &speakerRun{src: &source{method: assistant.MappingLabels}}
	n := 0
	err := blocks(lines, 0, func(block []string, start int) error {
		n++
		c, err := readCue(block, start, n, cueWords{cue: "subtitle", timing: "00:00:01,000 --> 00:00:04,000"})
		if err != nil {
			return err
		}
		for _, raw := range c.lines {
			line := stripTags(stripASS(strings.TrimSpace(raw)))
			if line == "" || isMetadataLine(line) {
				continue
			}
			voice, text := cutBracketSpeaker(line)
			if voice == "" {
				if label, rest, ok := cutLabel(line); ok && (roleOf(label) != "" || speakerLike(label)) {
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
	if err := run.finish("The SubRip file has no subtitles with text.", `start it with "NAME: " or "[NAME]"`); err != nil {
		return nil, err
	}
	return run.src, nil
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
