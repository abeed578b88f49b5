package prompts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// The tasks of the LLM engine, each a system and a user prompt per
// language.
const (
	TaskStance  = "stance"
	TaskRewrite = "rewrite"
	TaskSummary = "summary"
	TaskReview  = "review"
)

// Tasks lists the LLM tasks.
var Tasks = []string{TaskStance, TaskRewrite, TaskSummary, TaskReview}

// LLMTurn is a turn as a language model reads it: its id, who spoke and
// what, already redacted.
type LLMTurn struct {
	ID      string            `json:"id"`
	Speaker assistant.Speaker `json:"speaker"`
	Text    string            `json:"text"`
	// Context marks a turn given for continuity only (the end of the
	// previous window of a long call): the model answers nothing for it.
	Context bool `json:"context,omitempty"`
	// Octant is the turn's stance as the analysis found it, for the review.
	Octant assistant.Octant `json:"octant,omitempty"`
}

// LLMUtterance is the agent turn a rewrite is asked for, with the turns
// before it.
type LLMUtterance struct {
	Utterance string    `json:"utterance"`
	Context   []LLMTurn `json:"context"`
}

// LLMData is what an LLM prompt is rendered from.
type LLMData struct {
	// Turns is the call, or a window of it (stance, summary, review).
	Turns []LLMTurn
	// Rewrite is the turn to rewrite (rewrite).
	Rewrite *LLMUtterance
	// Schema is the JSON schema of the answer, written into the prompt for
	// servers that have no structured output; empty otherwise.
	Schema string
	// MaxWords bounds the summary.
	MaxWords int
}

// CueKinds and FindingKinds are the vocabularies the model must answer
// with, written into the prompts from the one list each in assistant.
func (LLMData) CueKinds() []assistant.CueKind { return assistant.CueKinds }

// FindingKinds lists the finding kinds; see CueKinds.
func (LLMData) FindingKinds() []assistant.FindingKind { return assistant.FindingKinds }

// LLMPrompt is one rendered prompt for a language model.
type LLMPrompt struct {
	System string
	User   string
	// Version names the template and its version, as stored with what the
	// prompt produced: "llm.stance/nl@2026-12-04.1".
	Version string
}

// LLM renders the prompt of task in lang with data.
func LLM(lang assistant.Language, task string, data LLMData) (LLMPrompt, error) {
	sys, err := Render(lang, "llm."+task+".system", data)
	if err != nil {
		return LLMPrompt{}, err
	}
	user, err := Render(lang, "llm."+task+".user", data)
	if err != nil {
		return LLMPrompt{}, err
	}
	v, err := LLMVersion(lang, task)
	if err != nil {
		return LLMPrompt{}, err
	}
	return LLMPrompt{System: sys, User: user, Version: v}, nil
}

// LLMVersion returns the version of the prompt of task in lang.
func LLMVersion(lang assistant.Language, task string) (string, error) {
	v, err := Render(lang, "llm."+task+".version", nil)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("llm.%s/%s@%s", task, lang, v), nil
}

// markerEscaper writes the transcript markers' brackets as JSON escapes, so
// that a turn saying "TRANSCRIPT>>>" cannot seem to end the data. Outside
// strings our JSON has no brackets, so this changes only text.
var markerEscaper = strings.NewReplacer("<<<", `\u003c\u003c\u003c`, ">>>", `\u003e\u003e\u003e`)

// jsonText encodes v as compact JSON without HTML escaping, so that "€" and
// "&" read as they were said, apart from the markers (see markerEscaper).
func jsonText(v any) (string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return markerEscaper.Replace(strings.TrimSpace(b.String())), nil
}
