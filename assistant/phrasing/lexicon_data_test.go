package phrasing

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The plain-language lexicon (lexicon/nl.tsv, lexicon/en.tsv) and the public word lists and
// before/after pairs under testdata/plainlanguage are data that other engineers and trainers
// edit by hand. These tests hold them to the format lexicon/README.md and
// testdata/plainlanguage/README.md describe, so that a broken row fails here and not later
// inside the engine.

const (
	dataLexiconHeader  = lexiconHeader
	dataWordlistHeader = "term\tplain\tsource\tnote"
	dataPairsHeader    = "before\tafter\tsource"
	// dataOmit is the alternative that means "leave the phrase out".
	dataOmit = "(omit)"
	// dataGap joins the parts of a form that other words may separate, as in a Dutch
	// separable verb ("brengt … in rekening").
	dataGap = "…"
	// dataMaxGap is how many words may stand between two parts of a gapped form.
	dataMaxGap = 8
)

var dataKinds = dataSet("jargon", "officialese", "letter-phrase", "wordy", "hidden-verb", "negative", "buzzword",
	"policy-talk", "stock-phrase", "threat-legal-step", "blame", "belittling", "sarcasm", "dismissive")

var dataPOS = dataSet("noun", "verb", "separable-verb", "adjective", "adverb", "preposition",
	"connective", "determiner", "pronoun", "phrase", "sentence")

// dataSources are the source ids lexicon/README.md explains, each with its address.
var dataSources = dataSet(
	// the team's own material
	"domain", "team",
	// Dutch public lists
	"rvo-ouderwets", "rvo-begrippen", "rvo-benadering", "rvo-stijl", "zuid-holland", "mechelen",
	"taaladvies", "direct-duidelijk", "rijk-deurwaarders", "vandervlies-incasso", "rijnmond-incasso",
	"houwelingen",
	// English public lists
	"plainlanguage.gov", "plainlanguage.gov-concise", "plainlanguage.gov-dash", "plainlanguage.gov-jargon",
	"plainlanguage.gov-positive", "plainlanguage.gov-examples", "plainlanguage.gov-hidden-verbs",
	"plainlanguage.gov-shall", "plainlanguage.gov-exceptions", "govuk-style", "rvo-en-b1", "stepchange",
	"national-debtline", "mymoneysteps", "money-advice-hub", "citizens-advice", "cfpb",
)

func dataSet(items ...string) map[string]bool {
	m := make(map[string]bool, len(items))
	for _, it := range items {
		m[it] = true
	}
	return m
}

// dataRow is one data line of a TSV file, with its line number for messages.
type dataRow struct {
	line   int
	fields []string
}

// dataFile is a TSV data file: '#' lines are comments, the first other line is the header.
type dataFile struct {
	path     string
	comments []string
	header   string
	rows     []dataRow
}

func readDataTSV(path string) (*dataFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	tf := &dataFile{path: path}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if !utf8.ValidString(line) {
			return nil, fmt.Errorf("%s:%d: not valid UTF-8", path, n)
		}
		switch {
		case strings.HasPrefix(line, "#"):
			tf.comments = append(tf.comments, line)
		case strings.TrimSpace(line) == "":
			return nil, fmt.Errorf("%s:%d: empty line (remove it)", path, n)
		case tf.header == "":
			tf.header = line
		default:
			tf.rows = append(tf.rows, dataRow{line: n, fields: strings.Split(line, "\t")})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return tf, nil
}

// alternatives splits a "|"-separated cell into its trimmed, non-empty parts.
func dataAlternatives(cell string) []string {
	var out []string
	for _, a := range strings.Split(cell, "|") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// dataNorm lower-cases s and turns everything but letters, digits and the characters
// that belong inside words and amounts into single spaces, so that forms and
// examples compare word by word.
func dataNorm(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("'.-€%$£", r) {
			b.WriteRune(r)
		} else {
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// dataFormKey is the form as the duplicate check compares it: normalised part by part,
// the gaps kept, so that "doen plaatsvinden" and "doen … plaatsvinden" stay two forms.
func dataFormKey(form string) string {
	parts := strings.Split(form, dataGap)
	for i, p := range parts {
		parts[i] = dataNorm(p)
	}
	return strings.Join(parts, " "+dataGap+" ")
}

func dataWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// dataIndexWord finds word (already normalised) in text from byte offset from on, as whole
// words: the characters around the match are not letters or digits.
func dataIndexWord(text, word string, from int) int {
	for at := from; at <= len(text); {
		i := strings.Index(text[at:], word)
		if i < 0 {
			return -1
		}
		start, end := at+i, at+i+len(word)
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if (start == 0 || !dataWordRune(before)) && (end == len(text) || !dataWordRune(after)) {
			return start
		}
		_, size := utf8.DecodeRuneInString(text[start:])
		at = start + size
	}
	return -1
}

// dataContainsForm reports whether the example holds the form: its parts in order, whole
// words, at most dataMaxGap words between two parts of a gapped form.
func dataContainsForm(example, form string) bool {
	text := dataNorm(example)
	pos := 0
	for i, part := range strings.Split(form, dataGap) {
		part = dataNorm(part)
		if part == "" {
			return false
		}
		at := dataIndexWord(text, part, pos)
		if at < 0 {
			return false
		}
		if i > 0 && len(strings.Fields(text[pos:at])) > dataMaxGap {
			return false
		}
		pos = at + len(part)
	}
	return true
}

func TestLexiconData(t *testing.T) {
	for _, lang := range []string{"nl", "en"} {
		t.Run(lang, func(t *testing.T) {
			tf, err := readDataTSV(filepath.Join("lexicon", lang+".tsv"))
			if err != nil {
				t.Fatal(err)
			}
			if tf.header != dataLexiconHeader {
				t.Fatalf("%s: header is %q, want %q", tf.path, tf.header, dataLexiconHeader)
			}
			// Issue 15 asks for several hundred entries per language.
			if len(tf.rows) < 400 {
				t.Errorf("%s: %d entries, want at least 400", tf.path, len(tf.rows))
			}
			seen := map[string]string{}
			for _, r := range tf.rows {
				where := fmt.Sprintf("%s:%d", tf.path, r.line)
				if len(r.fields) != 9 {
					t.Errorf("%s: %d columns, want 9 (%s)", where, len(r.fields), dataLexiconHeader)
					continue
				}
				for i, f := range r.fields {
					if f != strings.TrimSpace(f) {
						t.Errorf("%s: column %d has leading or trailing space", where, i+1)
					}
				}
				term, kind, pos, plain, grammar, source, example := r.fields[0], r.fields[1], r.fields[2],
					r.fields[3], r.fields[4], r.fields[5], r.fields[6]
				forms := dataAlternatives(term)
				if len(forms) == 0 {
					t.Errorf("%s: no term", where)
					continue
				}
				if !dataKinds[kind] {
					t.Errorf("%s: %q: unknown kind %q", where, forms[0], kind)
				}
				if !dataPOS[pos] {
					t.Errorf("%s: %q: unknown pos %q", where, forms[0], pos)
				}
				alts := dataAlternatives(plain)
				if len(alts) == 0 {
					t.Errorf("%s: %q: no plain alternative", where, forms[0])
				}
				for _, a := range alts {
					// A note in brackets is no wording an agent can say; the one marker allowed
					// is the instruction to leave the phrase out.
					if strings.HasPrefix(a, "(") && a != dataOmit {
						t.Errorf("%s: %q: alternative %q: write %s or a wording, not a note (notes go in grammar)", where, forms[0], a, dataOmit)
					}
				}
				if grammar == "" {
					t.Errorf("%s: %q: grammar is empty (write \"safe swap\" when nothing changes)", where, forms[0])
				}
				srcs := dataAlternatives(source)
				if len(srcs) == 0 {
					t.Errorf("%s: %q: no source", where, forms[0])
				}
				for _, s := range srcs {
					if !dataSources[s] {
						t.Errorf("%s: %q: unknown source %q (add it to lexicon/README.md and this test)", where, forms[0], s)
					}
				}
				for _, f := range forms {
					if f != strings.ToLower(f) {
						t.Errorf("%s: form %q is not lower case", where, f)
					}
					key := dataFormKey(f)
					if prev, ok := seen[key]; ok {
						t.Errorf("%s: form %q is also listed at %s", where, f, prev)
					}
					seen[key] = where
				}
				found := false
				for _, f := range forms {
					if dataContainsForm(example, f) {
						found = true
						break
					}
				}
				if !found {
					t.Errorf("%s: the example %q holds none of the forms %q", where, example, forms)
				}
			}
		})
	}
}

func TestWordlistData(t *testing.T) {
	for _, lang := range []string{"nl", "en"} {
		t.Run(lang, func(t *testing.T) {
			paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "plainlanguage", "wordlists", lang, "*.tsv"))
			if err != nil {
				t.Fatal(err)
			}
			if len(paths) == 0 {
				t.Fatalf("no word lists for %s", lang)
			}
			for _, p := range paths {
				tf, err := readDataTSV(p)
				if err != nil {
					t.Error(err)
					continue
				}
				if tf.header != dataWordlistHeader {
					t.Errorf("%s: header is %q, want %q", p, tf.header, dataWordlistHeader)
					continue
				}
				comments := strings.Join(tf.comments, "\n")
				for _, need := range []string{"# source:", "# licence:"} {
					if !strings.Contains(comments, need) {
						t.Errorf("%s: no %q line: every list names where it came from and under which licence", p, need)
					}
				}
				if len(tf.rows) == 0 {
					t.Errorf("%s: no rows", p)
				}
				seen := map[string]int{}
				for _, r := range tf.rows {
					if len(r.fields) != 4 {
						t.Errorf("%s:%d: %d columns, want 4 (%s)", p, r.line, len(r.fields), dataWordlistHeader)
						continue
					}
					term, source := r.fields[0], r.fields[2]
					if strings.TrimSpace(term) == "" || strings.TrimSpace(source) == "" {
						t.Errorf("%s:%d: term and source must not be empty", p, r.line)
					}
					if prev, ok := seen[strings.ToLower(term)]; ok {
						t.Errorf("%s:%d: %q is also on line %d", p, r.line, term, prev)
					}
					seen[strings.ToLower(term)] = r.line
				}
			}
		})
	}
}

func TestPlainLanguagePairs(t *testing.T) {
	for _, lang := range []string{"nl", "en"} {
		t.Run(lang, func(t *testing.T) {
			p := filepath.Join("..", "..", "testdata", "plainlanguage", "pairs", lang+".tsv")
			tf, err := readDataTSV(p)
			if err != nil {
				t.Fatal(err)
			}
			if tf.header != dataPairsHeader {
				t.Fatalf("%s: header is %q, want %q", p, tf.header, dataPairsHeader)
			}
			if len(tf.rows) < 40 {
				t.Errorf("%s: %d pairs, want at least 40", p, len(tf.rows))
			}
			seen := map[string]int{}
			for _, r := range tf.rows {
				if len(r.fields) != 3 {
					t.Errorf("%s:%d: %d columns, want 3 (%s)", p, r.line, len(r.fields), dataPairsHeader)
					continue
				}
				before, after, source := r.fields[0], r.fields[1], r.fields[2]
				if before == "" || after == "" {
					t.Errorf("%s:%d: before and after must not be empty", p, r.line)
				}
				if before == after {
					t.Errorf("%s:%d: before and after are the same", p, r.line)
				}
				if !strings.HasPrefix(source, "https://") {
					t.Errorf("%s:%d: source %q is not the address of the page the pair is quoted from", p, r.line, source)
				}
				if prev, ok := seen[before+"\t"+after]; ok {
					t.Errorf("%s:%d: same pair as line %d", p, r.line, prev)
				}
				seen[before+"\t"+after] = r.line
			}
		})
	}
}

func TestContainsForm(t *testing.T) {
	tests := []struct {
		example, form string
		want          bool
	}{
		{"De vordering staat open.", "vordering", true},
		{"De vorderingen staan open.", "vordering", false}, // whole words only
		{"Er ligt bankbeslag op uw rekening.", "beslag", false},
		{"Wij brengen u 15 euro kosten in rekening.", "brengen … in rekening", true},
		{"In rekening brengen wij niets.", "brengen … in rekening", false}, // order counts
		{"Wij brengen, zoals u weet en zoals de brief van maart al zei, echt alle kosten in rekening.", "brengen … in rekening", false},
		{"That's our policy.", "that's our policy", true},
		{"That’s our policy.", "that's our policy", true},
		{"U kunt bellen c.q. mailen.", "c.q.", true},
		{"Het bedrag is € 100.", "€ 100", true},
	}
	for _, tt := range tests {
		if got := dataContainsForm(tt.example, tt.form); got != tt.want {
			t.Errorf("dataContainsForm(%q, %q) = %v, want %v", tt.example, tt.form, got, tt.want)
		}
	}
}
