package compliance

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/language"
)

var (
	idRE           = regexp.MustCompile(`^[a-z0-9]+(\.[a-z0-9]+(-[a-z0-9]+)*)+$`)
	jurisdictionRE = regexp.MustCompile(`^[a-z]{2,16}$`)
)

// validate checks what the shape cannot: required fields, both languages,
// patterns that can match, known severities, checks and triggers.
func (p *pack) validate(rules *yaml.Node, bad func(line int, id, format string, args ...any)) {
	if !jurisdictionRE.MatchString(p.Jurisdiction) {
		bad(1, "", "jurisdiction %q: want nl, uk, us, all or another code of 2 to 16 lower-case letters", p.Jurisdiction)
		return
	}
	if p.Title.NL == "" || p.Title.EN == "" {
		bad(1, "", "title needs both nl and en")
	}
	if len(p.Rules) == 0 {
		bad(1, "", "the pack has no rules")
	}
	for i := range p.Rules {
		r := &p.Rules[i]
		r.pack, r.file = p.Jurisdiction, p.file
		if rules != nil && i < len(rules.Content) {
			r.lineNo = rules.Content[i].Line
		}
		r.validate(func(format string, args ...any) { bad(r.lineNo, r.ID, format, args...) })
	}
}

func (r *rule) validate(bad func(format string, args ...any)) {
	switch {
	case r.ID == "":
		bad("id is missing")
	case !idRE.MatchString(r.ID):
		bad("id %q: want lower-case words joined by dots and dashes, such as %s.no-threats", r.ID, r.pack)
	case !strings.HasPrefix(r.ID, r.pack+"."):
		bad("id %q must start with the pack's jurisdiction: %s.", r.ID, r.pack)
	}
	needText(bad, "title", r.Title)
	needText(bad, "say_instead", r.SayInstead)
	if strings.TrimSpace(r.Law) == "" {
		bad("law is missing: name the law or code the rule comes from")
	}
	if strings.TrimSpace(r.Article) == "" {
		bad("article is missing: name the article or paragraph")
	}
	if !assistant.Severity(r.Severity).Valid() {
		bad("severity %q: want one of %s", r.Severity, severityNames())
	}
	if r.Check == "" && r.MustNotSay == nil && len(r.MustSay) == 0 {
		bad("the rule checks nothing: give must_say, must_not_say or check")
	}
	if r.Check != "" && (r.MustNotSay != nil || len(r.MustSay) > 0 || r.When != nil || r.Unless != nil) {
		bad("check %s works on its own: leave out when, unless, must_say and must_not_say", r.Check)
	}
	compile(bad, "unless", r.Unless)
	compile(bad, "must_not_say", r.MustNotSay)
	for i := range r.MustSay {
		g := &r.MustSay[i]
		name := fmt.Sprintf("must_say[%d]", i)
		needText(bad, name+".about", g.About)
		g.phrases = phrases{NL: g.NL, EN: g.EN}
		compile(bad, name, &g.phrases)
	}
	if r.Within < 0 {
		bad("within %d: want a number of agent turns, 0 for all", r.Within)
	}
	if r.Within > 0 && len(r.MustSay) == 0 {
		bad("within applies to must_say, which the rule does not have")
	}
	switch r.Scope {
	case "", ScopeCall:
	case ScopeAfter:
		if r.When == nil {
			bad("scope after needs a when: after what?")
		}
	default:
		bad("scope %q: want %s or %s", r.Scope, ScopeCall, ScopeAfter)
	}
	if w := r.When; w != nil {
		compile(bad, "when.customer_says", w.CustomerSays)
		compile(bad, "when.agent_says", w.AgentSays)
		switch w.Vulnerability {
		case "", VulnerabilityCrisis, VulnerabilityDistress, VulnerabilityAny:
		default:
			bad("when.vulnerability %q: want %s, %s or %s", w.Vulnerability, VulnerabilityCrisis, VulnerabilityDistress, VulnerabilityAny)
		}
		if w.CustomerSays == nil && w.AgentSays == nil && w.Vulnerability == "" && !w.FirstContact {
			bad("when is empty: give customer_says, agent_says, vulnerability or first_contact")
		}
		if w.FirstContact && (w.CustomerSays != nil || w.AgentSays != nil || w.Vulnerability != "") {
			bad("when.first_contact stands alone: it depends on the account's calls, not on words")
		}
	}
	r.validateCheck(bad)
}

func (r *rule) validateCheck(bad func(format string, args ...any)) {
	p := r.Params
	if r.Check == "" {
		if p != nil {
			bad("params belong to a check; the rule has none")
		}
		return
	}
	if !slices.Contains(checks, r.Check) {
		bad("check %q: want one of %s", r.Check, strings.Join(checks, ", "))
		return
	}
	if p == nil {
		bad("check %s needs params", r.Check)
		return
	}
	switch r.Check {
	case CheckCallingHours:
		var ok1, ok2 bool
		p.earliest, ok1 = clock(p.Earliest)
		p.latest, ok2 = clock(p.Latest)
		if !ok1 || !ok2 {
			bad("params.earliest and params.latest: want times such as 08:00 and 21:00")
		} else if p.earliest >= p.latest {
			bad("params.earliest %s must be before params.latest %s", p.Earliest, p.Latest)
		}
	case CheckCallFrequency:
		if p.Calls < 1 || p.Days < 1 {
			bad("params.calls and params.days: want positive numbers, such as 7 calls in 7 days")
		}
	case CheckStatutoryCosts:
		if p.Costs == nil || p.Principal == nil {
			bad("params.costs and params.principal: give the words that introduce the costs and the principal")
		}
		compile(bad, "params.costs", p.Costs)
		compile(bad, "params.principal", p.Principal)
		compile(bad, "params.vat", p.VAT)
	}
}

func clock(s string) (int, bool) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, false
	}
	return t.Hour()*60 + t.Minute(), true
}

func severityNames() string {
	var s []string
	for _, v := range assistant.Severities {
		s = append(s, string(v))
	}
	return strings.Join(s, ", ")
}

func needText(bad func(format string, args ...any), name string, t text) {
	switch {
	case strings.TrimSpace(t.NL) == "" && strings.TrimSpace(t.EN) == "":
		bad("%s is missing; give it in nl and en", name)
	case strings.TrimSpace(t.NL) == "":
		bad("%s has no nl translation", name)
	case strings.TrimSpace(t.EN) == "":
		bad("%s has no en translation", name)
	}
}

// compile checks and compiles the patterns of p, which may be nil.
func compile(bad func(format string, args ...any), name string, p *phrases) {
	if p == nil {
		return
	}
	switch {
	case len(p.NL) == 0 && len(p.EN) == 0:
		bad("%s has no patterns; give them in nl and en", name)
		return
	case len(p.NL) == 0:
		bad("%s has English patterns but no Dutch ones (nl): every rule speaks both languages", name)
	case len(p.EN) == 0:
		bad("%s has Dutch patterns but no English ones (en): every rule speaks both languages", name)
	}
	for _, list := range []struct {
		lang string
		raw  []string
		out  *[]language.Pattern
	}{{"nl", p.NL, &p.nl}, {"en", p.EN, &p.en}} {
		for _, s := range list.raw {
			if problem := checkPattern(s); problem != "" {
				bad("%s.%s: pattern %q does not compile: %s", name, list.lang, s, problem)
				continue
			}
			*list.out = append(*list.out, language.Compile(s)...)
		}
	}
}

// checkPattern says what keeps s from being a pattern that can match: each
// word must be one token as the tokenizer reads text ("u moet", not
// "u-moet" or "beslag.*leggen"), "*" may only end a word, and "~" must
// stand between words.
func checkPattern(s string) string {
	words := strings.Fields(strings.ToLower(s))
	if len(words) == 0 {
		return "it is empty"
	}
	for i, w := range words {
		if w == "~" {
			if i == 0 || i == len(words)-1 {
				return `"~" must stand between two words`
			}
			if words[i-1] == "~" {
				return `"~ ~": one "~" already skips up to three words`
			}
			continue
		}
		stem := strings.TrimSuffix(w, "*")
		if stem == "" || strings.Contains(stem, "*") {
			return fmt.Sprintf(`%q: "*" may only end a word, for any ending`, w)
		}
		toks := language.Tokenize(stem)
		if len(toks) != 1 || (toks[0].Kind != language.Word && toks[0].Kind != language.Number) || toks[0].Text != stem {
			return fmt.Sprintf(`%q is not one word as calls are read; write words apart, without punctuation (patterns are words, "*" ends a word for any ending, "~" skips up to three words)`, w)
		}
	}
	return ""
}
