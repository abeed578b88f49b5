package transcript

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// word is one recognised word or punctuation mark of a speech-to-text
// service that writes words rather than sentences (Amazon Transcribe,
// Speechmatics, Google, ElevenLabs, Rev.ai).
type word struct {
	label string
	text  string
	// start and end are ms; end is 0 when not given.
	start, end int64
	// glue is set for punctuation that attaches to the word before it, with
	// no space between.
	glue  bool
	where string
}

// wordsToSegments joins consecutive words of one speaker into a segment,
// located by its first word. Punctuation without a speaker of its own takes
// the speaker of the word before it. The text is built once per segment, so
// a file of a million words costs linear time, not quadratic.
func wordsToSegments(words []word) []segment {
	var segs []segment
	var b strings.Builder
	var cur segment
	open := false
	for _, w := range words {
		if w.glue && w.label == "" && open {
			w.label = cur.label
		}
		if open && w.label != cur.label {
			cur.text = b.String()
			segs = append(segs, cur)
			b.Reset()
			open = false
		}
		if !open {
			cur = segment{label: w.label, role: roleOf(w.label), start: w.start, where: w.where}
			open = true
		}
		if b.Len() > 0 && !w.glue && !startsGlued(w.text) {
			b.WriteByte(' ')
		}
		b.WriteString(w.text)
		cur.end = max(cur.end, w.end)
	}
	if open {
		cur.text = b.String()
		segs = append(segs, cur)
	}
	return segs
}

// startsGlued reports whether a token begins with punctuation that closes
// what came before (",", ".", "?"), which some services write as a word.
func startsGlued(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune(",.;:!?…)]}%", r)
}

// fillLabels gives words the diarization left without a speaker the speaker
// around them: the one before, or for leading words the first one named.
func fillLabels(words []word) {
	prev := ""
	for i := range words {
		if words[i].label == "" {
			words[i].label = prev
		}
		prev = words[i].label
	}
	for i := len(words) - 1; i >= 0; i-- {
		if words[i].label == "" {
			words[i].label = prev
		}
		prev = words[i].label
	}
}

// sortWordsByStart orders the words of several channels by time. Glued
// tokens carry no time of their own that matters; each keeps the start of
// the word before it, so it stays behind that word.
func sortWordsByStart(words []word) {
	var last int64
	for i := range words {
		if words[i].glue && words[i].start == 0 {
			words[i].start = last
		}
		last = words[i].start
	}
	sort.SliceStable(words, func(i, j int) bool { return words[i].start < words[j].start })
}
