package compliance

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"reflect"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/language"
)

//go:embed packs/*.yaml
var builtinPacks embed.FS

// All is the jurisdiction of the pack whose rules hold in every call.
const All = "all"

// Checks the rule packs may name beside patterns, each done in Go because it
// needs more than words: the clock, the account's stored calls, or sums.
const (
	CheckCallingHours   = "calling-hours"
	CheckCallFrequency  = "call-frequency"
	CheckStatutoryCosts = "statutory-costs"
)

var checks = []string{CheckCallingHours, CheckCallFrequency, CheckStatutoryCosts}

// Vulnerability triggers: which cues of package vulnerability bring a rule
// into play.
const (
	VulnerabilityCrisis   = "crisis"
	VulnerabilityDistress = "distress"
	VulnerabilityAny      = "any"
)

// Scopes say where a rule looks for what must (not) be said.
const (
	ScopeCall  = "call"  // the whole call
	ScopeAfter = "after" // the agent's turns after the trigger
)

// text is a wording in both languages.
type text struct {
	NL string `yaml:"nl"`
	EN string `yaml:"en"`
}

func (t text) in(lang assistant.Language) string {
	if lang == assistant.Dutch {
		return t.NL
	}
	return t.EN
}

// phrases are patterns in both languages (see language.Pattern: "*" ends a
// word for any ending, "~" skips up to three words).
type phrases struct {
	NL []string `yaml:"nl"`
	EN []string `yaml:"en"`

	nl, en []language.Pattern
}

// group is one thing that must be said: about names it for the record.
type group struct {
	About text     `yaml:"about"`
	NL    []string `yaml:"nl"`
	EN    []string `yaml:"en"`

	phrases phrases
}

// when is what brings a conditional rule into play; any one of its parts
// does.
type when struct {
	CustomerSays *phrases `yaml:"customer_says"`
	AgentSays    *phrases `yaml:"agent_says"`
	// Vulnerability is crisis, distress or any: cues of the customer found
	// by package vulnerability.
	Vulnerability string `yaml:"vulnerability"`
	// FirstContact applies the rule to the first stored call of an account
	// only; it needs the account's stored calls.
	FirstContact bool `yaml:"first_contact"`
}

// params are the settings of the checks done in Go.
type params struct {
	// Earliest and Latest bound calling hours in the customer's local time,
	// as 15:04.
	Earliest string `yaml:"earliest"`
	Latest   string `yaml:"latest"`
	// Calls is how many calls Days consecutive days may hold;
	// AfterConversation also counts any call in the Days after a
	// conversation, its date being the first day.
	Calls             int  `yaml:"calls"`
	Days              int  `yaml:"days"`
	AfterConversation bool `yaml:"after_conversation"`
	// Costs and Principal introduce the amounts of the statutory costs
	// check; VAT words allow VAT on top.
	Costs     *phrases `yaml:"costs"`
	Principal *phrases `yaml:"principal"`
	VAT       *phrases `yaml:"vat"`

	earliest, latest int // minutes after midnight
}

// rule is one rule of a pack as written.
type rule struct {
	ID         string   `yaml:"id"`
	Title      text     `yaml:"title"`
	Law        string   `yaml:"law"`
	Article    string   `yaml:"article"`
	Source     string   `yaml:"source"`
	Severity   string   `yaml:"severity"`
	Flag       bool     `yaml:"flag"`
	When       *when    `yaml:"when"`
	Unless     *phrases `yaml:"unless"`
	MustNotSay *phrases `yaml:"must_not_say"`
	MustSay    []group  `yaml:"must_say"`
	Within     int      `yaml:"within"`
	Scope      string   `yaml:"scope"`
	Check      string   `yaml:"check"`
	Params     *params  `yaml:"params"`
	SayInstead text     `yaml:"say_instead"`

	pack   string // the pack's jurisdiction
	file   string
	lineNo int // where the rule starts in its file
}

// pack is one file of rules.
type pack struct {
	Jurisdiction string `yaml:"jurisdiction"`
	Title        text   `yaml:"title"`
	Rules        []rule `yaml:"rules"`

	file string
}

// PackError is a mistake in a rule pack: the file, the line, the rule when
// known, and what is wrong.
type PackError struct {
	File string
	Line int
	// Rule is the id of the rule, or "" for the pack itself.
	Rule    string
	Problem string
}

func (e *PackError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, " line %d", e.Line)
	}
	if e.Rule != "" {
		fmt.Fprintf(&b, ", rule %s", e.Rule)
	}
	b.WriteString(": ")
	b.WriteString(e.Problem)
	return b.String()
}

// maxErrors bounds how many mistakes Load reports at once.
const maxErrors = 20

// Options say which packs to load.
type Options struct {
	// Dir is a folder of a team's own packs (*.yaml, *.yml), loaded beside
	// the built-in ones; empty for none.
	Dir string
	// Default is the team's jurisdiction for calls that name none; empty to
	// infer it from the currency or the language of each call.
	Default string
}

// Load reads the built-in packs and the team's packs in opts.Dir, validates
// them all and returns the checker. Every mistake found is reported, each as
// a *PackError (joined with errors.Join): an unknown or repeated field, a
// rule id used twice, a pattern that cannot match, a missing translation, a
// severity or check that does not exist.
func Load(opts Options) (*Checker, error) {
	var files []source
	builtin, err := readFS(builtinPacks, "packs", "packs/")
	if err != nil {
		return nil, err
	}
	files = append(files, builtin...)
	if opts.Dir != "" {
		info, err := os.Stat(opts.Dir)
		if err != nil {
			return nil, fmt.Errorf("rule packs: %w", err)
		}
		if !info.IsDir() {
			return nil, fmt.Errorf("rule packs: %s is not a folder", opts.Dir)
		}
		own, err := readFS(os.DirFS(opts.Dir), ".", strings.TrimSuffix(opts.Dir, "/")+"/")
		if err != nil {
			return nil, err
		}
		files = append(files, own...)
	}
	return build(files, opts.Default)
}

// Builtin returns the checker of the built-in packs alone. The packs are
// part of the binary and tested, so a mistake in them is a bug: it panics.
func Builtin() *Checker {
	c, err := Load(Options{})
	if err != nil {
		panic(fmt.Sprintf("built-in rule packs: %v", err))
	}
	return c
}

// source is a pack file's name and content.
type source struct {
	name string
	data []byte
}

// readFS reads the pack files of dir in fsys, naming each prefix+name.
func readFS(fsys fs.FS, dir, prefix string) ([]source, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("rule packs: %w", err)
	}
	var out []source
	for _, e := range entries {
		if e.IsDir() || (path.Ext(e.Name()) != ".yaml" && path.Ext(e.Name()) != ".yml") {
			continue
		}
		data, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("rule packs: %w", err)
		}
		out = append(out, source{name: prefix + e.Name(), data: data})
	}
	return out, nil
}

// build parses and validates the files and indexes their rules.
func build(files []source, def string) (*Checker, error) {
	var errs []error
	report := func(e *PackError) {
		if len(errs) < maxErrors {
			errs = append(errs, e)
		}
	}
	c := &Checker{byJurisdiction: map[string][]*rule{}, byID: map[string]*rule{}}
	where := map[string]string{} // rule id → file and line of its first use
	for _, f := range files {
		p, ok := parse(f, report)
		if !ok {
			continue
		}
		for i := range p.Rules {
			r := &p.Rules[i]
			if prev, dup := where[r.ID]; dup && r.ID != "" {
				report(&PackError{File: f.name, Line: r.lineNo, Rule: r.ID, Problem: fmt.Sprintf("the id %s is used twice: first in %s; give each rule its own id", r.ID, prev)})
				continue
			}
			where[r.ID] = fmt.Sprintf("%s line %d", f.name, r.lineNo)
			c.byID[r.ID] = r
			c.byJurisdiction[p.Jurisdiction] = append(c.byJurisdiction[p.Jurisdiction], r)
		}
	}
	if def != "" {
		j, err := assistant.ParseJurisdiction(def)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("default jurisdiction: %s", assistant.ErrorMessage(err)))
		case j == All || len(c.byJurisdiction[j]) == 0:
			errs = append(errs, fmt.Errorf("default jurisdiction %q has no rule pack; the packs are for %s", def, strings.Join(c.Jurisdictions(), ", ")))
		default:
			c.def = j
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return c, nil
}

// parse decodes one file, checking its shape against the types above before
// decoding, so that an unknown or repeated field is named with its rule.
func parse(f source, report func(*PackError)) (*pack, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(f.data, &doc); err != nil {
		report(&PackError{File: f.name, Problem: "not valid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")})
		return nil, false
	}
	if len(doc.Content) == 0 {
		report(&PackError{File: f.name, Problem: "the file is empty; a pack needs jurisdiction and rules"})
		return nil, false
	}
	root := doc.Content[0]
	shapeErrors := 0
	checkShape(root, reflect.TypeFor[pack](), "", func(n *yaml.Node, field, problem string) {
		report(&PackError{File: f.name, Line: n.Line, Rule: ruleAt(root, n.Line), Problem: problemAt(field, problem)})
		shapeErrors++
	})
	if shapeErrors > 0 {
		return nil, false
	}
	var p pack
	if err := root.Decode(&p); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			for _, msg := range te.Errors {
				line := lineOf(msg)
				report(&PackError{File: f.name, Line: line, Rule: ruleAt(root, line), Problem: strings.TrimSpace(stripLine(msg))})
			}
			return nil, false
		}
		report(&PackError{File: f.name, Problem: err.Error()})
		return nil, false
	}
	p.file = f.name
	rules := rulesNode(root)
	ok := true
	bad := func(line int, id, format string, args ...any) {
		report(&PackError{File: f.name, Line: line, Rule: id, Problem: fmt.Sprintf(format, args...)})
		ok = false
	}
	p.validate(rules, bad)
	return &p, ok
}

// Jurisdictions lists the jurisdictions with a rule pack, sorted, without
// All.
func (c *Checker) Jurisdictions() []string {
	var out []string
	for j := range c.byJurisdiction {
		if j != All {
			out = append(out, j)
		}
	}
	sort.Strings(out)
	return out
}
