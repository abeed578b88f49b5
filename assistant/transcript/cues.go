package transcript

import (
	"fmt"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// Subtitle files (WebVTT, SubRip) share their shape: blocks separated by
// blank lines, each a cue with an optional identifier, a timing line and
// text lines. The readers differ in how a line names its speaker; the rest
// is here.

// subtitleCue is one timed block of a subtitle file.
type subtitleCue struct {
	from, to int64
	where    string
	lines    []string
}

// cueWords are how a format names its cues in messages, and the example of
// a timing line it expects.
type cueWords struct {
	cue, timing string
}

// readCue reads block, which starts at line start (0-based), as the n-th
// cue.
func readCue(block []string, start, n int, w cueWords) (subtitleCue, error) {
	timing := 0
	if !strings.Contains(block[0], "-->") {
		timing = 1 // a cue identifier or number
	}
	if timing >= len(block) || !strings.Contains(block[timing], "-->") {
		return subtitleCue{}, assistant.Errorf(assistant.EInvalid, "line %d: a %s needs a timing line such as %q; is the file cut short or a blank line missing?", start+timing+1, w.cue, w.timing)
	}
	c := subtitleCue{where: fmt.Sprintf("%s %d (line %d)", w.cue, n, start+timing+1), lines: block[timing+1:]}
	var err error
	if c.from, c.to, err = parseCueTiming(block[timing]); err != nil {
		return subtitleCue{}, assistant.Errorf(assistant.EInvalid, "%s: %v.", c.where, err)
	}
	for _, l := range c.lines {
		if strings.Contains(l, "-->") {
			return subtitleCue{}, assistant.Errorf(assistant.EInvalid, "%s: %s text may not contain \"-->\"; is a blank line missing before the next %s?", c.where, w.cue, w.cue)
		}
	}
	return c, nil
}

// blocks splits lines into blocks separated by blank lines and calls fn
// with each block and the line it starts at.
func blocks(lines []string, from int, fn func(block []string, start int) error) error {
	for i := from; i < len(lines); {
		if strings.TrimSpace(lines[i]) == "" {
			i++
			continue
		}
		start := i
		for i < len(lines) && strings.TrimSpace(lines[i]) != "" {
			i++
		}
		if err := fn(lines[start:i], start); err != nil {
			return err
		}
	}
	return nil
}

// speakerRun turns the text lines of cues into segments: a line that names
// a speaker opens a segment of that speaker; a line that names none
// continues its cue's segment, or opens one for the speaker named before.
type speakerRun struct {
	src     *source
	current string
	named   bool
	pending []int // segments before any speaker was named
}

// add records text that voice said ("" when the line names no speaker) in
// cue c.
func (r *speakerRun) add(voice, text string, c subtitleCue) {
	if voice != "" {
		r.current, r.named = voice, true
	}
	if text == "" {
		return
	}
	segs := r.src.segments
	if n := len(segs); voice == "" && n > 0 && segs[n-1].where == c.where {
		segs[n-1].text += " " + text
		return
	}
	r.src.segments = append(segs, segment{label: r.current, role: roleOf(r.current), text: text, start: c.from, end: c.to, where: c.where})
	if r.current == "" {
		r.pending = append(r.pending, len(r.src.segments)-1)
	}
}

// finish checks the run: text must have been found, and once any speaker is
// named, no text may come before the first. A file that names nobody is one
// without speakers, to be declared or refused by the mapping.
func (r *speakerRun) finish(empty, howToName string) error {
	if len(r.src.segments) == 0 {
		return assistant.Errorf(assistant.EInvalid, "%s", empty)
	}
	if !r.named {
		r.src.noSpeakers = true
		return nil
	}
	if len(r.pending) > 0 {
		s := r.src.segments[r.pending[0]]
		return assistant.Errorf(assistant.EInvalid, "%s has no speaker, and nothing before it names one; %s.", s.where, howToName)
	}
	return nil
}
