// Package redact finds personal data in the text of a call and replaces it
// with typed placeholders ([IBAN-1], [PHONE-2]) before the text leaves for a
// language model, and puts the originals back into what comes back.
//
// What it finds, each checked as far as a checksum or numbering plan allows
// so that amounts, dates and case numbers stay readable: IBANs (ISO 13616
// mod-97 checksum), payment card numbers (Luhn), Dutch, British and North
// American phone numbers, e-mail addresses, Dutch BSNs (the 11-proef), US
// Social Security numbers (the SSA's ranges), UK National Insurance numbers
// (HMRC's prefix rules), dates of birth (a date said with "geboren",
// "date of birth" and the like) and street addresses with a house number.
//
// It knows nothing of calls or models, so that the stored transcripts can be
// redacted with it as well.
package redact

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Kind is the kind of personal data a placeholder stands for.
type Kind string

// The kinds of personal data found, in the order they are looked for: where
// two would overlap, the earlier wins.
const (
	Email   Kind = "EMAIL"
	IBAN    Kind = "IBAN"
	Card    Kind = "CARD"
	SSN     Kind = "SSN"
	NINO    Kind = "NINO"
	DOB     Kind = "DOB"
	Address Kind = "ADDRESS"
	BSN     Kind = "BSN"
	Phone   Kind = "PHONE"
)

// Kinds lists every kind in the order they are looked for.
var Kinds = []Kind{Email, IBAN, Card, SSN, NINO, DOB, Address, BSN, Phone}

// Match is one piece of personal data in a text.
type Match struct {
	Kind Kind `json:"kind"`
	// Text is the data as written; Start and End are its character (rune)
	// offsets in the text, End exclusive.
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// span is a match in byte offsets.
type span struct {
	kind       Kind
	start, end int
}

// Find returns the personal data in text, in order and without overlaps.
func Find(text string) []Match {
	spans := find(text)
	out := make([]Match, len(spans))
	// One pass turns the byte offsets into rune offsets.
	runes, at := 0, 0
	for i, s := range spans {
		runes += utf8.RuneCountInString(text[at:s.start])
		start := runes
		runes += utf8.RuneCountInString(text[s.start:s.end])
		at = s.end
		out[i] = Match{Kind: s.kind, Text: text[s.start:s.end], Start: start, End: runes}
	}
	return out
}

func find(text string) []span {
	var all []span
	for _, k := range Kinds {
		for _, s := range detectors[k](text) {
			s.kind = k
			if !overlaps(all, s) {
				all = append(all, s)
			}
		}
	}
	slices.SortFunc(all, func(a, b span) int { return a.start - b.start })
	return all
}

func overlaps(spans []span, s span) bool {
	for _, o := range spans {
		if o.start < s.end && s.start < o.end {
			return true
		}
	}
	return false
}

var detectors = map[Kind]func(string) []span{
	Email:   findEmails,
	IBAN:    findIBANs,
	Card:    findCards,
	SSN:     findSSNs,
	NINO:    findNINOs,
	DOB:     findDOBs,
	Address: findAddresses,
	BSN:     findBSNs,
	Phone:   findPhones,
}

// Session redacts the texts of one call with one set of placeholders, so
// that the same IBAN is [IBAN-1] in every turn, and restores them in what
// comes back. It is not safe for concurrent use.
type Session struct {
	byKey         map[string]string // kind and normalised value → placeholder
	byPlaceholder map[string]string // placeholder → the original as first written
	counts        map[Kind]int
}

// NewSession returns an empty session.
func NewSession() *Session {
	return &Session{byKey: map[string]string{}, byPlaceholder: map[string]string{}, counts: map[Kind]int{}}
}

// Redact returns text with its personal data replaced by placeholders.
func (s *Session) Redact(text string) string {
	spans := find(text)
	if len(spans) == 0 {
		return text
	}
	var b strings.Builder
	at := 0
	for _, sp := range spans {
		b.WriteString(text[at:sp.start])
		b.WriteString(s.placeholder(sp.kind, text[sp.start:sp.end]))
		at = sp.end
	}
	b.WriteString(text[at:])
	return b.String()
}

func (s *Session) placeholder(k Kind, original string) string {
	key := string(k) + ":" + normalise(original)
	if p, ok := s.byKey[key]; ok {
		return p
	}
	s.counts[k]++
	p := "[" + string(k) + "-" + strconv.Itoa(s.counts[k]) + "]"
	s.byKey[key] = p
	s.byPlaceholder[p] = original
	return p
}

// normalise makes the same data written differently ("NL91 ABNA…" and
// "nl91abna…") one value.
func normalise(v string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(v) {
		if r != ' ' && r != '-' && r != '.' && r != '(' && r != ')' && r != '/' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Len returns how many distinct values the session has replaced.
func (s *Session) Len() int { return len(s.byPlaceholder) }

// Originals returns the placeholders of the session with the originals they
// stand for.
func (s *Session) Originals() map[string]string {
	out := make(map[string]string, len(s.byPlaceholder))
	for p, o := range s.byPlaceholder {
		out[p] = o
	}
	return out
}

var placeholderRE = regexp.MustCompile(`\[(?:EMAIL|IBAN|CARD|SSN|NINO|DOB|ADDRESS|BSN|PHONE)-\d+\]`)

// Restore puts the originals back in place of the placeholders of text. A
// placeholder this session never gave out is an error naming it: whoever
// wrote text made it up, and putting nothing in its place would say
// something nobody said.
func (s *Session) Restore(text string) (string, error) {
	var unknown []string
	out := placeholderRE.ReplaceAllStringFunc(text, func(p string) string {
		if o, ok := s.byPlaceholder[p]; ok {
			return o
		}
		unknown = append(unknown, p)
		return p
	})
	if len(unknown) > 0 {
		return out, fmt.Errorf("placeholder %s was never given out", strings.Join(unknown, ", "))
	}
	return out, nil
}

// Placeholders returns the placeholders in text, in order.
func Placeholders(text string) []string { return placeholderRE.FindAllString(text, -1) }
