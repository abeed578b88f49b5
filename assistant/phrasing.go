package assistant

import "slices"

// FindingKind names what in an agent's wording will lose or push away the
// customer.
type FindingKind string

// Finding kinds of the built-in phrasing engine.
const (
	FindingJargon         FindingKind = "jargon"          // collection jargon and legal terms
	FindingPolicyTalk     FindingKind = "policy-talk"     // "conform onze voorwaarden", "as per our policy"
	FindingCommand        FindingKind = "command"         // "u moet", "you must"
	FindingThreat         FindingKind = "threat"          // consequences held over the customer
	FindingUltimatum      FindingKind = "ultimatum"       // "vandaag nog, anders…"
	FindingBlame          FindingKind = "blame"           // "u had moeten…"
	FindingStockPhrase    FindingKind = "stock-phrase"    // "Dat is vervelend" without follow-up
	FindingPassiveVoice   FindingKind = "passive-voice"   // "er wordt beslag gelegd"
	FindingLongSentence   FindingKind = "long-sentence"   // over the B1 sentence length
	FindingClosedQuestion FindingKind = "closed-question" // a yes/no question where an open one helps
	FindingOfficialese    FindingKind = "officialese"     // "teneinde", "in order to", letter formulas, hidden verbs
	FindingBelittling     FindingKind = "belittling"      // "gewoon", "simply": makes the customer's task small
)

// FindingKinds lists every finding kind, for engines that must name one.
var FindingKinds = []FindingKind{
	FindingJargon, FindingPolicyTalk, FindingCommand, FindingThreat, FindingUltimatum, FindingBlame,
	FindingStockPhrase, FindingPassiveVoice, FindingLongSentence, FindingClosedQuestion,
	FindingOfficialese, FindingBelittling,
}

// Valid reports whether k is one of FindingKinds.
func (k FindingKind) Valid() bool { return slices.Contains(FindingKinds, k) }

// Finding is one piece of an agent turn that a trainer would flag, with a
// plainer, warmer alternative.
type Finding struct {
	Kind FindingKind `json:"kind"`
	// Text is the flagged text; Start and End are character (rune) offsets in
	// the turn, End exclusive.
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	// Reason says in one sentence, in the call's language, why it matters.
	Reason  string   `json:"reason"`
	Rewrite *Rewrite `json:"rewrite,omitempty"`
}

// Rewrite is a suggested wording for a span of a turn (the term or its whole
// sentence). It keeps amounts, dates and legally required content.
type Rewrite struct {
	// Start and End are the rune offsets in the turn of the text replaced.
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Original string `json:"original"`
	Text     string `json:"text"`
}

// Readability holds the counts behind a readability score, so that scores of
// turns can be combined into a score for the call.
type Readability struct {
	// Scale is "flesch-douma" for Dutch and "flesch-reading-ease" for English.
	Scale     string `json:"scale"`
	Sentences int    `json:"sentences"`
	Words     int    `json:"words"`
	Syllables int    `json:"syllables"`
	// LongWords counts words of more than six letters (Dutch) or three
	// syllables or more (English).
	LongWords int `json:"long_words"`
	// Score is on the 0–100 scale of the formula; higher reads easier.
	Score              float64 `json:"score"`
	MeanSentenceLength float64 `json:"mean_sentence_length"`
	LongWordShare      float64 `json:"long_word_share"`
}

// TipKind says what a headline tip is about: the FindingKind of the finding
// it names, or one of the tip kinds below.
type TipKind string

// Tip is the one headline piece of advice for an agent turn.
type Tip struct {
	Kind TipKind `json:"kind"`
	Text string  `json:"text"`
}

// ContextTurn is an earlier turn given to the phrasing engine as context, with
// its stance when known.
type ContextTurn struct {
	Speaker Speaker `json:"speaker"`
	Text    string  `json:"text"`
	// Stance is set by the engine; one sent by a client is replaced.
	Stance *Stance `json:"stance,omitempty"`
}

// Utterance is an agent turn to phrase, with the turns before it.
type Utterance struct {
	Text     string
	Language Language
	// Stance is the utterance's own stance, when already classified.
	Stance *Stance
	// Context holds the last few turns before the utterance, oldest first.
	Context []ContextTurn
}

// Phrasing is the phrasing engine's answer for one agent turn.
type Phrasing struct {
	Findings    []Finding   `json:"findings"`
	Readability Readability `json:"readability"`
	// Suggested is the whole turn with every rewrite applied; empty when
	// nothing needed changing.
	Suggested string `json:"suggested,omitempty"`
	Tip       Tip    `json:"tip"`
}

// ClosingCheck says whether a call ends well (peak-end: the end is what the
// customer remembers).
type ClosingCheck struct {
	NextStep  bool `json:"next_step"`
	Summary   bool `json:"summary"`
	WarmClose bool `json:"warm_close"`
	// Tip is set when something is missing.
	Tip string `json:"tip,omitempty"`
}

// Tip kinds other than a FindingKind.
const (
	// TipCrisis: the customer spoke of self-harm or suicide; stop collection
	// talk, acknowledge, give the crisis line. It outranks every other tip.
	TipCrisis TipKind = "crisis"
	// TipDistress: the customer signalled distress (job loss, illness,
	// bereavement, "I can't cope"); acknowledge, never pressure.
	TipDistress TipKind = "distress"
	// TipDeescalate: the customer was opposed, or the agent sounds opposed;
	// move toward together.
	TipDeescalate TipKind = "de-escalate"
	// TipClosing: advice about how the call ends.
	TipClosing TipKind = "closing"
	// TipOK: nothing to improve.
	TipOK TipKind = "ok"
)

// TipKinds lists every tip kind: one per finding kind, then the others.
var TipKinds = func() []TipKind {
	out := make([]TipKind, 0, len(FindingKinds)+5)
	for _, k := range FindingKinds {
		out = append(out, TipOf(k))
	}
	return append(out, TipCrisis, TipDistress, TipDeescalate, TipClosing, TipOK)
}()

// Valid reports whether k is one of TipKinds.
func (k TipKind) Valid() bool { return slices.Contains(TipKinds, k) }

// TipOf is the tip kind that names finding kind k.
func TipOf(k FindingKind) TipKind { return TipKind(k) }
