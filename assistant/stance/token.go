package stance

import (
	"unicode"
	"unicode/utf8"

	"github.com/rooscoach/rooscoach/assistant"
)

// Token flags.
const (
	fFiller   = 1 << iota // a filler word, invisible to the lexicon
	fNeg                  // a negation word
	fStarter              // a discourse starter ("ja", "so") that may precede a sentence-initial pattern
	fStart                // the first content token of its sentence, after starters
	fContrast             // "maar", "but": what follows outweighs what precedes
	fUsed                 // a negation already spent on a pattern
	fRepeat               // a stutter: the same word as the content token before it
	fClause               // the first content token of its clause, after starters and conjunctions
)

// token is one normalised word of a turn.
type token struct {
	// norm is lower case with diacritics removed, so that "vóór" matches
	// "voor"; numbers become "#".
	norm string
	// start and end are rune offsets of the source word in the turn; the
	// parts of an expanded contraction ("can't" → "can", "not") share them.
	start, end int
	sent       int
	clause     int
	flags      uint16
}

// sentence is what the tokenizer knows about one sentence.
type sentence struct {
	question   bool // ended in a question mark
	exclaim    bool
	terminated bool // ended in any terminal punctuation
}

// scratch holds the per-call buffers, reused through a pool so that a
// classification allocates little.
type scratch struct {
	buf     []byte
	raw     []rawWord
	toks    []token
	sents   []sentence
	content []int
	cues    []scored
	feats   []feat
	// symbols are the pictographs of the turn ("🙄", "👍"), which a short
	// reaction may consist of.
	symbols []rune
	// answers hold the latest turn of each speaker (agent, customer) as
	// the other's answer reads it.
	answers [2]answered
}

// rawWord is a word before contraction expansion.
type rawWord struct {
	b0, b1     int // byte range in scratch.buf
	start, end int
	sent       int
	clause     int
	number     bool
}

// fold lower-cases r and strips the diacritics Dutch and English use.
func fold(r rune) rune {
	r = unicode.ToLower(r)
	if r < 0xC0 {
		return r
	}
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å':
		return 'a'
	case 'è', 'é', 'ê', 'ë':
		return 'e'
	case 'ì', 'í', 'î', 'ï':
		return 'i'
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø':
		return 'o'
	case 'ù', 'ú', 'û', 'ü':
		return 'u'
	case 'ç':
		return 'c'
	case 'ñ':
		return 'n'
	case 'ý', 'ÿ':
		return 'y'
	}
	return r
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == '‘' || r == '`' }

// words splits text into raw words, sentences and clauses. Offsets are in
// runes.
//
// The classifier keeps this reader rather than language.Tokenize because its
// needs differ: it folds diacritics ("vóór" is "voor"), expands contractions
// into the words the lexicon is written in, marks sentences, clauses and
// fillers for the weighing, and reuses pooled buffers so that a live tip
// allocates almost nothing. The negation words it marks come from package
// language. Numbers keep their inner separators ("1.250,50") as one word.
func (s *scratch) words(text string) {
	s.buf = s.buf[:0]
	s.raw = s.raw[:0]
	s.sents = s.sents[:0]
	s.symbols = s.symbols[:0]
	sent, clause := 0, 0
	sentHasWord := false
	pending := sentence{}
	closeSentence := func(q, ex bool) {
		if !sentHasWord {
			// Stray punctuation ("?!", "...") updates the sentence that
			// just ended rather than opening an empty one.
			if n := len(s.sents); n > 0 && (q || ex) {
				s.sents[n-1].question = s.sents[n-1].question || q
				s.sents[n-1].exclaim = s.sents[n-1].exclaim || ex
			}
			return
		}
		pending.question, pending.exclaim, pending.terminated = q, ex, true
		s.sents = append(s.sents, pending)
		pending = sentence{}
		sent++
		clause++
		sentHasWord = false
	}
	runes := []rune(text) // one allocation; lookahead on runes keeps offsets simple
	n := len(runes)
	for i := 0; i < n; {
		r := runes[i]
		if j := skipAddress(runes, i); j > i {
			// "@AmazonHelp", "https://t.co/…": whom a message is addressed
			// to or where it points says nothing of its stance.
			i = j
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			j := i
			b0 := len(s.buf)
			number := unicode.IsDigit(r)
			for j < n {
				c := runes[j]
				switch {
				case unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.Is(unicode.Mn, c):
					if unicode.Is(unicode.Mn, c) {
						j++
						continue
					}
					if !unicode.IsDigit(c) {
						number = false
					}
					s.buf = utf8.AppendRune(s.buf, fold(c))
					j++
					continue
				case isApostrophe(c) && j+1 < n && unicode.IsLetter(runes[j+1]):
					s.buf = append(s.buf, '\'')
					j++
					continue
				case (c == '.' || c == ',' || c == ':') && number && j+1 < n && unicode.IsDigit(runes[j+1]):
					j++
					continue
				}
				break
			}
			// Dutch "'t", "'n", "'k": an apostrophe before the word.
			if i > 0 && isApostrophe(runes[i-1]) && (i < 2 || !unicode.IsLetter(runes[i-2])) {
				s.buf = append(s.buf[:b0], append([]byte{'\''}, s.buf[b0:]...)...)
			}
			s.raw = append(s.raw, rawWord{b0: b0, b1: len(s.buf), start: i, end: j, sent: sent, clause: clause, number: number})
			sentHasWord = true
			i = j
			continue
		}
		if r > 0x2000 && unicode.Is(unicode.So, r) {
			s.symbols = append(s.symbols, r)
		}
		switch r {
		case '.', '!', '?', ';', '…', '\n':
			q, ex := r == '?', r == '!'
			// Runs such as "?!" or "..." end one sentence.
			for i+1 < n && (runes[i+1] == '.' || runes[i+1] == '!' || runes[i+1] == '?') {
				i++
				q = q || runes[i] == '?'
				ex = ex || runes[i] == '!'
			}
			if r == '\n' || r == ';' {
				if sentHasWord {
					closeSentence(false, false)
					s.sents[len(s.sents)-1].terminated = r == ';'
				}
			} else {
				closeSentence(q, ex)
			}
		case ',', ':', '–', '—', '(', ')', '"', '“', '”':
			clause++
		case '-':
			if (i == 0 || runes[i-1] == ' ') || (i+1 < n && runes[i+1] == ' ') {
				clause++
			}
		}
		i++
	}
	if sentHasWord {
		s.sents = append(s.sents, pending)
	}
}

// skipAddress returns the end of a handle ("@NS_online", "@115712") or a
// web address starting at runes[i], or i when there is none there.
func skipAddress(runes []rune, i int) int {
	n := len(runes)
	word := func(j int) bool {
		return j < n && (unicode.IsLetter(runes[j]) || unicode.IsDigit(runes[j]) || runes[j] == '_')
	}
	switch {
	case runes[i] == '@' && word(i+1) && (i == 0 || !word(i-1)):
		j := i + 1
		for word(j) {
			j++
		}
		return j
	case hasPrefixFold(runes[i:], "https://") || hasPrefixFold(runes[i:], "http://") || hasPrefixFold(runes[i:], "www."):
		if i > 0 && word(i-1) {
			return i
		}
		j := i
		for j < n && !unicode.IsSpace(runes[j]) {
			j++
		}
		return j
	}
	return i
}

func hasPrefixFold(r []rune, prefix string) bool {
	if len(r) < len(prefix) {
		return false
	}
	for k := 0; k < len(prefix); k++ {
		if unicode.ToLower(r[k]) != rune(prefix[k]) {
			return false
		}
	}
	return true
}

// contractionsEN maps English contractions, also without their apostrophe,
// and a few spelling variants to the words the lexicon is written in.
var contractionsEN = map[string][]string{
	"can't": {"can", "not"}, "cant": {"can", "not"}, "cannot": {"can", "not"},
	"won't": {"will", "not"}, "wont": {"will", "not"}, "shan't": {"shall", "not"},
	"don't": {"do", "not"}, "dont": {"do", "not"}, "doesn't": {"does", "not"}, "doesnt": {"does", "not"},
	"didn't": {"did", "not"}, "didnt": {"did", "not"}, "isn't": {"is", "not"}, "isnt": {"is", "not"},
	"aren't": {"are", "not"}, "arent": {"are", "not"}, "wasn't": {"was", "not"}, "wasnt": {"was", "not"},
	"weren't": {"were", "not"}, "werent": {"were", "not"}, "haven't": {"have", "not"}, "havent": {"have", "not"},
	"hasn't": {"has", "not"}, "hasnt": {"has", "not"}, "hadn't": {"had", "not"}, "hadnt": {"had", "not"},
	"couldn't": {"could", "not"}, "couldnt": {"could", "not"}, "wouldn't": {"would", "not"}, "wouldnt": {"would", "not"},
	"shouldn't": {"should", "not"}, "shouldnt": {"should", "not"}, "mustn't": {"must", "not"}, "mustnt": {"must", "not"},
	"ain't": {"is", "not"}, "aint": {"is", "not"}, "innit": {"is", "it", "not"},
	"im": {"i", "am"}, "ive": {"i", "have"}, "youre": {"you", "are"}, "youve": {"you", "have"}, "youll": {"you", "will"},
	"theyre": {"they", "are"}, "thats": {"that", "is"}, "whats": {"what", "is"}, "theres": {"there", "is"},
	"lets": {"let", "us"}, "gonna": {"going", "to"}, "wanna": {"want", "to"}, "gotta": {"got", "to"},
	"should've": {"should", "have"}, "shouldve": {"should", "have"}, "could've": {"could", "have"},
	"would've": {"would", "have"}, "must've": {"must", "have"},
	"ok": {"okay"}, "yep": {"yes"}, "yup": {"yes"}, "nope": {"no"},
	"apologize": {"apologise"}, "apologized": {"apologise"}, "summarize": {"summarise"},
	"installments": {"instalments"}, "installment": {"instalment"},
}

var suffixEN = []struct {
	suffix string
	words  []string
}{
	{"n't", []string{"not"}}, {"'ll", []string{"will"}}, {"'re", []string{"are"}}, {"'ve", []string{"have"}},
	{"'m", []string{"am"}}, {"'d", []string{"would"}},
}

// sIsEN lists the words whose "'s" is "is" rather than a possessive.
var sIsEN = map[string]bool{"it": true, "that": true, "what": true, "there": true, "here": true, "he": true,
	"she": true, "who": true, "where": true, "how": true, "everything": true, "nothing": true, "something": true}

// contractionsNL does the same for Dutch, and folds pronoun variants ("uw",
// "jullie", "jij") so that one form covers them.
var contractionsNL = map[string][]string{
	"'t": {"het"}, "'n": {"een"}, "'k": {"ik"}, "m'n": {"mijn"}, "z'n": {"zijn"}, "d'r": {"haar"},
	"'s": {"des"}, "oke": {"okay"}, "ok": {"okay"}, "okee": {"okay"}, "okido": {"okay"}, "effe": {"even"},
	"es": {"eens"}, "ff": {"even"}, "nie": {"niet"}, "jij": {"je"}, "jou": {"je"}, "jouw": {"je"},
	"uw": {"u"}, "jullie": {"u"}, "hebt": {"heeft"},
}

// expand turns the raw words into tokens, expanding contractions of lang.
func (s *scratch) expand(lang assistant.Language) {
	s.toks = s.toks[:0]
	str := string(s.buf) // the one string all norms slice
	for _, w := range s.raw {
		word := str[w.b0:w.b1]
		t := token{start: w.start, end: w.end, sent: w.sent, clause: w.clause}
		if w.number {
			t.norm = "#"
			s.toks = append(s.toks, t)
			continue
		}
		var parts []string
		if lang == assistant.English {
			parts = contractionsEN[word]
			if parts == nil {
				for _, sf := range suffixEN {
					if len(word) > len(sf.suffix) && word[len(word)-len(sf.suffix):] == sf.suffix {
						base := word[:len(word)-len(sf.suffix)]
						t.norm = base
						s.toks = append(s.toks, t)
						parts = sf.words
						break
					}
				}
				if parts == nil && len(word) > 2 && word[len(word)-2:] == "'s" {
					base := word[:len(word)-2]
					t.norm = base
					s.toks = append(s.toks, t)
					if base == "let" {
						parts = []string{"us"}
					} else if sIsEN[base] {
						parts = []string{"is"}
					} else {
						continue
					}
				}
			}
		} else {
			parts = contractionsNL[word]
		}
		if parts == nil {
			t.norm = stripApostrophes(word)
			s.toks = append(s.toks, t)
			continue
		}
		for _, p := range parts {
			t.norm = p
			s.toks = append(s.toks, t)
		}
	}
}

// stripApostrophes drops apostrophes left inside a word ("auto's" → "autos").
func stripApostrophes(w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] == '\'' {
			b := make([]byte, 0, len(w))
			for j := 0; j < len(w); j++ {
				if w[j] != '\'' {
					b = append(b, w[j])
				}
			}
			return string(b)
		}
	}
	return w
}

// wordSets are the closed word classes the classifier needs per language.
type wordSets struct {
	filler     map[string]bool
	fillerPair map[[2]string]bool // two-word fillers ("you know", "zeg maar")
	// loosePair lists the first words of two-word fillers that are fillers
	// only when they stand apart ("you know," but not "do you know").
	loosePair  map[string]bool
	starter    map[string]bool
	negation   map[string]bool
	contrast   map[string]bool
	boundary   map[string]bool // conjunctions that open a clause
	openQ      map[string]bool // open question words
	whyQ       map[string]bool
	closedQ    map[string]bool // auxiliaries that open a yes/no question
	subject    map[string]bool // pronouns that follow an inverted auxiliary
	keepRepeat map[string]bool // words whose repetition means something ("no no")
	// particle lists words that are a conjunction only when they open a
	// clause or a subject follows, and otherwise a particle: Dutch "maar" in
	// "stuur maar een brief" is no "but".
	particle map[string]bool
	// verbAfter lists, for a filler that is also a verb, the words after
	// which it is the verb ("ik hoor dat" against "ja hoor").
	verbAfter map[string]map[string]bool
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// mark sets the token flags, picks the content tokens the lexicon sees and
// finds sentence starts.
func (s *scratch) mark(ws *wordSets) {
	toks := s.toks
	for i := range toks {
		t := &toks[i]
		if ws.filler[t.norm] && (i == 0 || !ws.verbAfter[t.norm][toks[i-1].norm]) {
			t.flags |= fFiller
		}
		if ws.negation[t.norm] {
			t.flags |= fNeg
		}
		if ws.starter[t.norm] {
			t.flags |= fStarter
		}
		if ws.contrast[t.norm] && ws.isConjunction(toks, i) {
			t.flags |= fContrast
		}
		if i+1 < len(toks) && toks[i+1].sent == t.sent && ws.fillerPair[[2]string{t.norm, toks[i+1].norm}] {
			// "you know" is a filler only when it stands apart, not in "do you know".
			prevOK := i == 0 || toks[i-1].sent != t.sent || toks[i-1].clause != t.clause || ws.starter[toks[i-1].norm] || toks[i-1].flags&fFiller != 0
			nextOK := i+2 >= len(toks) || toks[i+2].sent != t.sent || toks[i+2].clause != t.clause
			if !ws.loosePair[t.norm] || prevOK || nextOK {
				t.flags |= fFiller
				toks[i+1].flags |= fFiller
			}
		}
		if ws.boundary[t.norm] && i > 0 && toks[i-1].sent == t.sent && toks[i-1].clause == t.clause && ws.isConjunction(toks, i) {
			// A conjunction opens a new clause for negation scope.
			for j := i; j < len(toks) && toks[j].sent == t.sent && toks[j].clause == t.clause; j++ {
				toks[j].clause += 1000
			}
		}
	}
	s.content = s.content[:0]
	lastSent, lastClause, prev := -1, -1, ""
	atStart, atClause := true, true
	for i := range toks {
		t := &toks[i]
		if t.flags&fFiller != 0 {
			continue
		}
		if t.sent != lastSent {
			lastSent, prev, atStart = t.sent, "", true
		}
		if t.clause != lastClause {
			lastClause, atClause = t.clause, true
		}
		if t.norm == prev && !ws.keepRepeat[t.norm] {
			t.flags |= fRepeat
			continue
		}
		prev = t.norm
		if atStart {
			t.flags |= fStart
			if t.flags&fStarter == 0 {
				atStart = false
			}
		}
		if atClause {
			t.flags |= fClause
			if t.flags&fStarter == 0 && !ws.boundary[t.norm] {
				atClause = false
			}
		}
		s.content = append(s.content, i)
	}
}

// isConjunction reports whether token i, a contrast or boundary word, joins
// clauses here rather than being a particle.
func (ws *wordSets) isConjunction(toks []token, i int) bool {
	t := toks[i]
	if !ws.particle[t.norm] {
		return true
	}
	if i == 0 || toks[i-1].sent != t.sent || toks[i-1].clause != t.clause {
		return true
	}
	return i+1 < len(toks) && toks[i+1].sent == t.sent && ws.subject[toks[i+1].norm]
}
