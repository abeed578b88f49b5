package transcript

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// otterHeader is the line that opens a speaker's paragraph in the plain-text
// exports of meeting tools such as Otter.ai: the speaker, two or more
// spaces, and the time from the start ("Anna de Vries  0:03",
// "Speaker 2  1:02:07").
var otterHeader = regexp.MustCompile(`^(\S.{0,59}?)[ \t]{2,}(\d{1,2}:\d{2}(?::\d{2})?)$`)

// otterFooter is the line Otter adds to exports of its free plan.
func otterFooter(line string) bool {
	return strings.HasPrefix(strings.ToLower(line), "transcribed by ")
}

// isOtter reports whether data is such an export: its first line that is not
// metadata ("Title: …") is a speaker header, and a line of text follows.
// Loosely, any header followed by text in the first lines will do; detection
// asks that only after the text reader found no speaker labels, so that the
// reader can name the line that does not fit.
func isOtter(data []byte, loose bool) bool {
	seenHeader := false
	for n := 0; len(data) > 0 && n < 50; n++ {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		data = rest
		l := strings.TrimSpace(string(line))
		switch {
		case l == "":
		case seenHeader:
			if !otterHeader.MatchString(l) {
				return true
			}
		case otterHeader.MatchString(l):
			seenHeader = true
		case isMetadataLine(l) || loose:
		default:
			return false
		}
	}
	return false
}

// readOtter reads a meeting tool's text export: a header per speaker turn
// ("Name  0:03") and the turn's text on the lines below. Metadata lines
// before the first header and Otter's "Transcribed by" footer are skipped.
func readOtter(data []byte) (*source, error) {
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	src := &source{method: assistant.MappingLabels}
	last := int64(-1)
	for i, raw := range lines {
		n := i + 1
		line := strings.TrimSpace(raw)
		if line == "" {
			continue
		}
		if m := otterHeader.FindStringSubmatch(line); m != nil {
			ms, err := parseClock(m[2])
			if err != nil {
				return nil, stampError(n, err)
			}
			if ms < last {
				return nil, readError(assistant.EInvalid, assistant.ReadProblem{Code: ReadTimeBack, Format: "otter", Line: n, Value: m[2], Before: clock(last)})
			}
			last = ms
			if k := len(src.segments); k > 0 && strings.TrimSpace(src.segments[k-1].text) == "" {
				prev := src.segments[k-1]
				return nil, readError(assistant.EInvalid, at(assistant.ReadProblem{Code: ReadTurnEmpty, Value: prev.label}, prev.where))
			}
			label := strings.Join(strings.Fields(m[1]), " ")
			src.segments = append(src.segments, segment{label: label, role: roleOf(label), start: ms, where: fmt.Sprintf("line %d", n)})
			continue
		}
		if otterFooter(line) {
			continue
		}
		if len(src.segments) == 0 {
			if isMetadataLine(line) {
				continue
			}
			return nil, assistant.Errorf(assistant.EInvalid, "line %d: text before the first speaker header (%q); each turn starts with a line such as \"Anna de Vries  0:03\".", n, clip(line, 40))
		}
		seg := &src.segments[len(src.segments)-1]
		if seg.text != "" {
			seg.text += " "
		}
		seg.text += line
	}
	if len(src.segments) == 0 {
		return nil, readError(assistant.EUnsupported, assistant.ReadProblem{Code: ReadUnsupported, Format: "otter", Formats: Formats})
	}
	if prev := src.segments[len(src.segments)-1]; strings.TrimSpace(prev.text) == "" {
		return nil, readError(assistant.EInvalid, at(assistant.ReadProblem{Code: ReadTurnEmpty, Kind: "cut", Value: prev.label}, prev.where))
	}
	return src, nil
}
