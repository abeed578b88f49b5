package transcript

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// roleWords maps the speaker labels transcripts use for the two sides, in
// lower case, to the speaker they name.
var roleWords = map[string]assistant.Speaker{
	"agent": assistant.Agent, "medewerker": assistant.Agent, "medewerkster": assistant.Agent,
	"incassomedewerker": assistant.Agent, "incassomedewerkster": assistant.Agent, "collector": assistant.Agent,
	"klant": assistant.Customer, "customer": assistant.Customer, "debiteur": assistant.Customer,
	"debtor": assistant.Customer, "caller": assistant.Customer, "beller": assistant.Customer,
}

// roleOf returns the speaker a label names by itself, or "";
// "Medewerker (Sanne)" names the agent as well as "Medewerker".
func roleOf(label string) assistant.Speaker {
	l := strings.ToLower(strings.TrimSpace(label))
	if sp, ok := roleWords[l]; ok {
		return sp
	}
	if i := strings.IndexByte(l, '('); i > 0 && strings.HasSuffix(l, ")") {
		return roleWords[strings.TrimSpace(l[:i])]
	}
	return ""
}

// declaredNames splits a declared speaker list ("Anna, Piet") into names,
// unless the whole of it is one speaker's label: Teams writes names as
// "Vries, Anna de".
func declaredNames(s string, labels []string) []string {
	for _, l := range labels {
		if strings.TrimSpace(s) != "" && sameLabel(l, s) {
			return []string{strings.TrimSpace(s)}
		}
	}
	var out []string
	for _, n := range strings.Split(s, ",") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// sameLabel compares labels as people type them: case and runs of spaces do
// not matter.
func sameLabel(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// mapSpeakers decides which source labels are the agent and which the
// customer, in order: what the request declares, the transcript's labels or
// the platform's roles, and a heuristic on what was said. It returns the
// speaker per label for the labels that need one.
func mapSpeakers(src *source, opts Options) (map[string]assistant.Speaker, assistant.SpeakerMapping, error) {
	labels := labelsOf(src.segments)
	known := map[string]assistant.Speaker{}
	for _, s := range src.segments {
		if s.role.Valid() {
			known[s.label] = s.role
		}
	}

	agentNames, customerNames := declaredNames(opts.AgentSpeaker, labels), declaredNames(opts.CustomerSpeaker, labels)
	if len(agentNames)+len(customerNames) > 0 && !src.noSpeakers {
		return declaredMapping(src, labels, known, agentNames, customerNames)
	}

	var unknown []string
	for _, l := range labels {
		if _, ok := known[l]; !ok {
			unknown = append(unknown, l)
		}
	}
	if len(unknown) == 0 {
		m := assistant.SpeakerMapping{Method: src.method, Confidence: 1}
		if m.Method == "" {
			m.Method = assistant.MappingLabels
		}
		for _, l := range labels {
			addLabel(&m, known[l], l)
		}
		return known, m, nil
	}
	if src.noSpeakers {
		return nil, assistant.SpeakerMapping{}, assistant.Errorf(assistant.EUnprocessable,
			"The %s transcript names no speakers, so agent and customer cannot be told apart. Transcribe with speaker diarization (for example WhisperX) or send a transcript with a speaker per turn.", src.format)
	}
	if src.strict {
		for _, s := range src.segments {
			if s.label == unknown[0] {
				se := &SpeakerError{Problem: UnknownLabel, Where: s.where, Labels: []string{s.label}, Found: labels}
				se.Agent, se.Customer = suggestSides(known, unknown)
				return nil, assistant.SpeakerMapping{}, speakerError(se)
			}
		}
	}
	return inferMapping(src, labels, known, unknown)
}

// suggestSides names the labels to declare as agent and customer when the
// labels leave one reading: two unknown labels and no side known are the
// agent and the customer in their order (the agent opens a collections
// call); one unknown label is the side no known label takes.
func suggestSides(known map[string]assistant.Speaker, unknown []string) (agent, customer string) {
	var hasAgent, hasCustomer bool
	for _, sp := range known {
		hasAgent = hasAgent || sp == assistant.Agent
		hasCustomer = hasCustomer || sp == assistant.Customer
	}
	switch {
	case len(unknown) == 2 && !hasAgent && !hasCustomer:
		return unknown[0], unknown[1]
	case len(unknown) == 1 && hasAgent && !hasCustomer:
		return "", unknown[0]
	case len(unknown) == 1 && hasCustomer && !hasAgent:
		return unknown[0], ""
	}
	return "", ""
}

// addLabel records label under speaker sp in m.
func addLabel(m *assistant.SpeakerMapping, sp assistant.Speaker, label string) {
	if sp == assistant.Agent {
		m.Agent = append(m.Agent, label)
	} else {
		m.Customer = append(m.Customer, label)
	}
}

// declaredMapping applies what the request declared. Labels the request does
// not name keep their own role; if only one side was declared, the remaining
// speakers are the other side. In text and rooscoach JSON, where an unknown
// label is more likely a typo than a third person, that holds only for a
// single remaining speaker.
func declaredMapping(src *source, labels []string, known map[string]assistant.Speaker, agentNames, customerNames []string) (map[string]assistant.Speaker, assistant.SpeakerMapping, error) {
	out := map[string]assistant.Speaker{}
	assign := func(names []string, sp assistant.Speaker) error {
		for _, n := range names {
			found := false
			for _, l := range labels {
				if sameLabel(l, n) {
					if prev, ok := out[l]; ok && prev != sp {
						return assistant.Errorf(assistant.EInvalid, "Speaker %q is declared as both agent and customer.", l)
					}
					out[l] = sp
					found = true
				}
			}
			if !found {
				return speakerError(&SpeakerError{Problem: DeclaredNotFound, Labels: []string{n}, Side: sp, Found: labels})
			}
		}
		return nil
	}
	if err := assign(agentNames, assistant.Agent); err != nil {
		return nil, assistant.SpeakerMapping{}, err
	}
	if err := assign(customerNames, assistant.Customer); err != nil {
		return nil, assistant.SpeakerMapping{}, err
	}
	var rest []string
	for _, l := range labels {
		if _, ok := out[l]; ok {
			continue
		}
		if sp, ok := known[l]; ok {
			out[l] = sp
			continue
		}
		rest = append(rest, l)
	}
	if len(rest) > 1 && src.strict {
		for _, seg := range src.segments {
			if seg.label == rest[1] {
				return nil, assistant.SpeakerMapping{}, speakerError(&SpeakerError{Problem: ExtraLabel,
					Where: seg.where, Labels: []string{seg.label}, Found: labels})
			}
		}
	}
	if len(rest) > 0 {
		switch {
		case len(agentNames) > 0 && len(customerNames) == 0:
			for _, l := range rest {
				out[l] = assistant.Customer
			}
		case len(customerNames) > 0 && len(agentNames) == 0:
			for _, l := range rest {
				out[l] = assistant.Agent
			}
		default:
			return nil, assistant.SpeakerMapping{}, speakerError(&SpeakerError{Problem: Undeclared, Labels: rest, Found: labels})
		}
	}
	m := assistant.SpeakerMapping{Method: assistant.MappingDeclared, Confidence: 1}
	for _, l := range labels {
		addLabel(&m, out[l], l)
	}
	return out, m, nil
}

// cue is a phrase that suggests who is speaking. Most cues are matched
// against the lower-cased text, which is cheaper than case-insensitive
// regular expressions; cased cues need capitals to find a name ("Mr Shaw").
type cue struct {
	re     *regexp.Regexp
	weight int
	what   string // what the speaker did, for the Reason
	cased  bool
	// any lists lower-case words one of which every match contains; a
	// segment with none of them is skipped without running the expression.
	any []string
}

// agentCues are what collectors say and customers rarely do: introduce
// themselves with a company or on behalf of one, say they are calling about
// the other's account or dossier, address the other by title, run the call.
// Weights are in evidence points; a speaker needs two points more than any
// other to be taken as the agent.
var agentCues = []cue{
	{re: regexp.MustCompile(`\b(namens|on behalf of|in opdracht van)\b`), weight: 2, what: "spoke on behalf of a company", any: []string{"namens", "on behalf of", "in opdracht van"}},
	{re: regexp.MustCompile(`\b(u spreekt met|je spreekt met|you'?re speaking (with|to)|ik bel (u )?(van|vanuit)|calling from)\b`), weight: 2, what: "introduced themselves with a company", any: []string{"spreekt met", "speaking", "ik bel", "calling from"}},
	{re: regexp.MustCompile(`\b(?i:this is|my name is) \p{Lu}\p{L}+ (?i:from|at|with|and i'?m calling)\b`), weight: 2, what: "introduced themselves with a company", cased: true, any: []string{"this is", "my name is"}},
	{re: regexp.MustCompile(`\b(ik bel (u |je )?(over|in verband met|vanwege) (uw|je|jouw|de)|i'?m calling (you )?(about|regarding|in relation to) (your|the)|i am calling (you )?(about|regarding) (your|the)|calling about your)\b`), weight: 2, what: "said they were calling about the other's account", any: []string{"ik bel", "calling"}},
	{re: regexp.MustCompile(`\b(uw|your) (dossier|rekening|account|factuur|facturen|vordering|achterstand|schuld|balance|invoice|bill|arrears|debt)\b`), weight: 1, what: "spoke of the other's account", any: []string{"uw ", "your "}},
	{re: regexp.MustCompile(`\b((?i:meneer|mevrouw|mevr\.|dhr\.)|Mr\.?|Mrs\.?|Ms\.?|Miss) \p{Lu}[\p{L}'-]*`), weight: 2, what: "addressed the other by title", cased: true, any: []string{"meneer", "mevrouw", "mevr.", "dhr.", "mr", "ms", "miss"}},
	{re: regexp.MustCompile(`\b(meneer|mevrouw|madam|sir)\b`), weight: 1, what: "addressed the other formally", any: []string{"meneer", "mevrouw", "madam", "sir"}},
	{re: regexp.MustCompile(`\b(spreek ik met|am i speaking (with|to)|can i confirm your|mag ik uw (geboortedatum|postcode|naam)|for security|this call (may be|is) recorded|dit gesprek wordt (mogelijk )?opgenomen|waarmee kan ik u helpen|how can i help)\b`), weight: 1, what: "ran the call", any: []string{"spreek ik", "speaking", "confirm your", "mag ik uw", "security", "recorded", "opgenomen", "helpen", "how can i help"}},
	{re: regexp.MustCompile(`\b(incassobureau|incassokosten|ingebrekestelling|deurwaarder|collections?|debt collect\w*|outstanding balance|openstaand\w*|betalingsregeling|payment (plan|arrangement))\b`), weight: 1, what: "used collection terms", any: []string{"incasso", "ingebreke", "deurwaarder", "collect", "outstanding", "openstaand", "betalingsregeling", "payment "}},
}

// customerCues are what customers say about their own situation.
var customerCues = []cue{
	{re: regexp.MustCompile(`\b(ik bel (over|vanwege|in verband met) (mijn|een brief|de brief)|i'?m calling (about|regarding) (my|a letter|the letter)|i (got|received|had) (a|your|the) letter|ik heb (een|uw|de) brief)\b`), weight: 2, what: "called about their own account", any: []string{"ik bel", "calling", "letter", "brief"}},
	{re: regexp.MustCompile(`\b(ik kan (maar |wel )?(\d+|vijftig|honderd)\b|i can (only )?(do|pay|afford|manage) (£|\$|€)?\d+|i can'?t (pay|afford)|ik kan (het )?niet betalen)`), weight: 2, what: "said what they can pay", any: []string{"ik kan", "i can"}},
	{re: regexp.MustCompile(`\b(mijn (baan|werk) kwijt|ontslagen|werkloos|lost my job|laid off|made redundant|my hours (were|got) cut|mijn uitkering|my benefits)\b`), weight: 1, what: "spoke of their own situation", any: []string{"kwijt", "ontslagen", "werkloos", "lost my job", "laid off", "redundant", "hours", "uitkering", "benefits"}},
	{re: regexp.MustCompile(`\b(mijn (rekening|factuur|schuld|achterstand)|my (bill|account|debt|arrears|balance))\b`), weight: 1, what: "spoke of their own account", any: []string{"mijn ", "my "}},
}

// find returns where c matches a segment, given its text and its text
// lower-cased; the offsets are into the string the cue was matched on.
func (c cue) find(text, lower string) []int {
	if !slices.ContainsFunc(c.any, func(w string) bool { return strings.Contains(lower, w) }) {
		return nil
	}
	if c.cased {
		return c.re.FindStringIndex(text)
	}
	return c.re.FindStringIndex(lower)
}

// score is one speaker's evidence.
type score struct {
	label  string
	net    int
	agent  []string // matched agent cues, quoted, for the Reason
	things []string // what they did
}

// inferMapping guesses the agent from what each speaker said, and refuses when
// the evidence is thin.
func inferMapping(src *source, labels []string, known map[string]assistant.Speaker, unknown []string) (map[string]assistant.Speaker, assistant.SpeakerMapping, error) {
	refuse := func(why string) error {
		return speakerError(&SpeakerError{Problem: Unmappable, Reason: why, Labels: unknown, Found: labels})
	}
	out := map[string]assistant.Speaker{}
	for l, sp := range known {
		out[l] = sp
	}

	// One labelled side plus one unnamed speaker: the unnamed one is the
	// other side.
	if len(unknown) == 1 && len(known) > 0 {
		var sides []assistant.Speaker
		for _, sp := range known {
			if !slices.Contains(sides, sp) {
				sides = append(sides, sp)
			}
		}
		if len(sides) == 1 {
			other := assistant.Customer
			if sides[0] == assistant.Customer {
				other = assistant.Agent
			}
			out[unknown[0]] = other
			m := assistant.SpeakerMapping{Method: assistant.MappingInferred, Confidence: 0.9,
				Reason: fmt.Sprintf("%q is the only speaker besides the labelled %s.", unknown[0], sides[0])}
			for _, l := range labels {
				addLabel(&m, out[l], l)
			}
			return out, m, nil
		}
	}
	if len(known) > 0 {
		return nil, assistant.SpeakerMapping{}, refuse("some speakers are labelled and others are not")
	}
	if len(unknown) < 2 {
		return nil, assistant.SpeakerMapping{}, refuse("only one speaker was found")
	}

	scores := make([]score, len(unknown))
	for i, l := range unknown {
		scores[i].label = l
	}
	for _, s := range src.segments {
		i := slices.Index(unknown, s.label)
		lower := strings.ReplaceAll(strings.ToLower(s.text), "’", "'")
		for _, c := range agentCues {
			if loc := c.find(s.text, lower); loc != nil {
				scores[i].net += c.weight
				// Quote the speaker's own capitals where lower-casing kept
				// the offsets.
				quoted := lower
				if c.cased || len(lower) == len(s.text) {
					quoted = s.text
				}
				if len(scores[i].agent) < 3 {
					scores[i].agent = append(scores[i].agent, clip(quoted[loc[0]:loc[1]], 30))
				}
				if !slices.Contains(scores[i].things, c.what) && len(scores[i].things) < 3 {
					scores[i].things = append(scores[i].things, c.what)
				}
			}
		}
		for _, c := range customerCues {
			if c.find(s.text, lower) != nil {
				scores[i].net -= c.weight
			}
		}
	}
	sort.SliceStable(scores, func(a, b int) bool { return scores[a].net > scores[b].net })
	best, margin := scores[0], scores[0].net-scores[1].net
	if best.net <= 0 || margin < 2 {
		return nil, assistant.SpeakerMapping{}, refuse("no speaker clearly introduces themselves for a company, calls about the other's account or addresses the other by title")
	}
	for _, s := range scores {
		out[s.label] = assistant.Customer
	}
	out[best.label] = assistant.Agent
	conf := math.Min(0.95, 0.5+0.1*float64(margin))
	if len(unknown) > 2 {
		conf -= 0.1
	}
	m := assistant.SpeakerMapping{
		Method:     assistant.MappingInferred,
		Confidence: math.Round(conf*100) / 100,
		Reason: fmt.Sprintf("%q is taken as the agent: they %s (%s).",
			best.label, strings.Join(best.things, ", "), quoteList(best.agent)),
	}
	for _, l := range labels {
		addLabel(&m, out[l], l)
	}
	return out, m, nil
}
