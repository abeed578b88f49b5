package assistant

import "slices"

// CueKind names what a matched piece of text signals on the rose.
type CueKind string

// Cue kinds the built-in engine reports. Above/below and together/opposed
// follow from the kind; the engine weighs them.
const (
	CueCommand        CueKind = "command"
	CueThreat         CueKind = "threat"
	CueBlame          CueKind = "blame"
	CueUltimatum      CueKind = "ultimatum"
	CueInterruption   CueKind = "interruption"
	CueSarcasm        CueKind = "sarcasm"
	CuePolicyHiding   CueKind = "policy-hiding"
	CuePassivity      CueKind = "passivity"
	CueApology        CueKind = "apology"
	CueDeference      CueKind = "deference"
	CuePermission     CueKind = "permission-asking"
	CueEmpathy        CueKind = "empathy"
	CueAcknowledgment CueKind = "acknowledgement"
	CueSummary        CueKind = "summary"
	CueOpenQuestion   CueKind = "open-question"
	CueProposal       CueKind = "proposal"
	CueOfferHelp      CueKind = "offer-of-help"
	CueNextStep       CueKind = "next-step"
	CueRefusal        CueKind = "refusal"
	CueHelplessness   CueKind = "helplessness"
	CueAgreement      CueKind = "agreement"
	CueNegation       CueKind = "negation"
	CueHostility      CueKind = "hostility"
	CueHedge          CueKind = "hedge"
	CueReassurance    CueKind = "reassurance"
	CueInformation    CueKind = "information"
	CueThanks         CueKind = "thanks"
	CueGreeting       CueKind = "greeting"
	CueClosedQuestion CueKind = "closed-question"
	CuePoliteness     CueKind = "politeness"
)

// CueKinds lists every cue kind, for engines that must name one.
var CueKinds = []CueKind{
	CueCommand, CueThreat, CueBlame, CueUltimatum, CueInterruption, CueSarcasm, CuePolicyHiding,
	CuePassivity, CueApology, CueDeference, CuePermission, CueEmpathy, CueAcknowledgment, CueSummary,
	CueOpenQuestion, CueProposal, CueOfferHelp, CueNextStep, CueRefusal, CueHelplessness, CueAgreement,
	CueNegation, CueHostility, CueHedge, CueReassurance, CueInformation, CueThanks, CueGreeting,
	CueClosedQuestion, CuePoliteness,
}

// Valid reports whether k is one of CueKinds.
func (k CueKind) Valid() bool { return slices.Contains(CueKinds, k) }

// Cue is a piece of a turn that moved its stance.
type Cue struct {
	Kind CueKind `json:"kind"`
	// Text is the matched text; Start and End are its character (rune)
	// offsets in the turn, End exclusive.
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	// Dominance and Affiliation are this cue's pull on the axes.
	Dominance   float64 `json:"dominance"`
	Affiliation float64 `json:"affiliation"`
}

// Stance is where a turn sits on Leary's rose.
type Stance struct {
	// Dominance (above +1, below -1) and Affiliation (together +1, opposed
	// -1), each in [-1, 1].
	Dominance   float64 `json:"dominance"`
	Affiliation float64 `json:"affiliation"`
	// Octant and Quadrant follow from the coordinates (see OctantAt).
	Octant   Octant   `json:"octant"`
	Quadrant Quadrant `json:"quadrant"`
	// Confidence is in [0, 1]; contentless turns ("Ja.", "Hmm") score low.
	Confidence float64 `json:"confidence"`
	Cues       []Cue   `json:"cues"`
}

// NewStance builds a Stance whose octant and quadrant agree with its
// coordinates, clamping both to [-1, 1] and confidence to [0, 1].
func NewStance(dominance, affiliation, confidence float64, cues []Cue) Stance {
	d, a := clamp(dominance, -1, 1), clamp(affiliation, -1, 1)
	o := OctantAt(d, a)
	if cues == nil {
		cues = []Cue{}
	}
	return Stance{Dominance: d, Affiliation: a, Octant: o, Quadrant: o.Quadrant(), Confidence: clamp(confidence, 0, 1), Cues: cues}
}

func clamp(v, lo, hi float64) float64 {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}
