package prompts

import (
	"fmt"

	"github.com/rooscoach/rooscoach/assistant"
)

// ReadText is the data of the templates read.CODE: the reader's problem
// and the front door it is worded for, which decides how a speaker is
// declared and a format forced: "" in neutral words, "http" in query
// parameters, "import" in both an upload's and rooscoach import's
// settings, "cli" in rooscoach analyze's flags.
type ReadText struct {
	assistant.ReadProblem
	Door string
}

// ReadProblem words p in lang for door (see [ReadText]). A code no
// template knows (a newer instance's) is worded by its English detail, or
// named.
func ReadProblem(lang assistant.Language, door string, p assistant.ReadProblem) string {
	s, err := Render(lang, "read."+p.Code, ReadText{ReadProblem: p, Door: door})
	if err != nil || s == "" {
		if p.Detail != "" {
			return p.Detail
		}
		return p.Code
	}
	return s
}

// declare writes the setting that declares label as side's speaker at
// door; an empty label is a placeholder.
func declare(lang, door string, sideOf any, label string) string {
	// The templates give a side as a constant string or a Speaker.
	side := fmt.Sprint(sideOf)
	if label == "" {
		label = "NAME"
		if lang == string(assistant.Dutch) {
			label = "NAAM"
		}
	}
	switch door {
	case "http":
		if side == string(assistant.Agent) {
			or := "or"
			if lang == string(assistant.Dutch) {
				or = "of"
			}
			return fmt.Sprintf("agent=%s (%s agent_speaker=%s)", label, or, label)
		}
		return side + "=" + label
	case "import":
		return fmt.Sprintf("%s=%s (rooscoach import --%s %s)", side, label, side, label)
	case "cli":
		return fmt.Sprintf("--%s %q", side, label)
	}
	return fmt.Sprintf("%s %q", side, label)
}

// force completes "force a format …" at door.
func force(lang, door string) string {
	nl := lang == string(assistant.Dutch)
	name, with := "NAME", "with "
	if nl {
		name, with = "NAAM", "met "
	}
	switch door {
	case "http":
		return with + "format=" + name
	case "import":
		return with + "format=" + name + " (rooscoach import --input-format " + name + ")"
	case "cli":
		return with + "--input-format " + name
	}
	if nl {
		return "door het te noemen"
	}
	return "by naming it"
}

// first is the first of list, or "".
func first(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[0]
}
