package compliance

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

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

// problemAt prefixes problem with the field it concerns.
func problemAt(field, problem string) string {
	if field == "" {
		return problem
	}
	return field + ": " + problem
}

// checkShape walks n against the Go type t and calls bad for a mapping key
// t has no field for, a key given twice, and a value of the wrong kind
// (a list where one value is wanted, and so on).
func checkShape(n *yaml.Node, t reflect.Type, field string, bad func(n *yaml.Node, field, problem string)) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			bad(n, field, "want a mapping of "+strings.Join(fieldNames(t), ", "))
			return
		}
		seen := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			name := join(field, k.Value)
			if line, dup := seen[k.Value]; dup {
				bad(k, name, fmt.Sprintf("given twice (first on line %d); give each field once", line))
				continue
			}
			seen[k.Value] = k.Line
			ft, ok := fieldType(t, k.Value)
			if !ok {
				bad(k, "", fmt.Sprintf("unknown field %q in %s; the fields are %s", k.Value, orPack(field), strings.Join(fieldNames(t), ", ")))
				continue
			}
			checkShape(v, ft, name, bad)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			bad(n, field, "want a list")
			return
		}
		for i, item := range n.Content {
			checkShape(item, t.Elem(), fmt.Sprintf("%s[%d]", field, i), bad)
		}
	default:
		if n.Kind != yaml.ScalarNode {
			bad(n, field, "want a single value, not a list or mapping")
		}
	}
}

func orPack(field string) string {
	if field == "" {
		return "the pack"
	}
	return field
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

// fieldType returns the type of t's field with YAML name name.
func fieldType(t reflect.Type, name string) (reflect.Type, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		if tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); tag == name && f.IsExported() {
			return f.Type, true
		}
	}
	return nil, false
}

func fieldNames(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); tag != "" && t.Field(i).IsExported() {
			out = append(out, tag)
		}
	}
	return out
}

// rulesNode returns the rules list of a pack's root mapping, or nil.
func rulesNode(root *yaml.Node) *yaml.Node {
	if root.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "rules" && root.Content[i+1].Kind == yaml.SequenceNode {
			return root.Content[i+1]
		}
	}
	return nil
}

// ruleAt returns the id of the rule whose text holds line, or "".
func ruleAt(root *yaml.Node, line int) string {
	rules := rulesNode(root)
	if rules == nil {
		return ""
	}
	id := ""
	for _, r := range rules.Content {
		if r.Line > line {
			break
		}
		id = idOf(r)
	}
	return id
}

func idOf(r *yaml.Node) string {
	if r.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(r.Content); i += 2 {
		if r.Content[i].Value == "id" {
			return r.Content[i+1].Value
		}
	}
	return ""
}

var lineRE = regexp.MustCompile(`^line (\d+): `)

func lineOf(msg string) int {
	m := lineRE.FindStringSubmatch(msg)
	if m == nil {
		return 0
	}
	n := 0
	fmt.Sscan(m[1], &n)
	return n
}

func stripLine(msg string) string { return lineRE.ReplaceAllString(msg, "") }

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
