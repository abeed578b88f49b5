package phrasing

import (
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/language"
	"github.com/rooscoach/rooscoach/assistant/vulnerability"
	"github.com/rooscoach/rooscoach/prompts"
)

// The headline tip puts the customer first: what the turns before the
// utterance say about them (crisis, distress, opposition) outweighs what is
// wrong with the agent's wording.

// contextInfo is what the turns before the utterance say about the customer.
type contextInfo struct {
	// distress: the last customer turn signals distress; distressEarlier:
	// any customer turn in the context does.
	distress        bool
	distressEarlier bool
	crisis          bool
	// event is what an acknowledgement names: the first distress of the
	// latest customer turn that has one, a crisis above all.
	event   vulnerability.Topic
	opposed bool
	// emotion and question: the last customer turn shows a feeling
	// ("ik ben bang", "I'm so worried") or asks something.
	emotion, question bool
	// offers: the last customer turn names an amount they can pay ("I
	// lost my job, but I can pay £20 a month"), so the agent's question
	// about it follows the customer rather than presses.
	offers bool
	// askedConsequence: the last customer turn asks what happens ("Wat
	// gebeurt er als ik niet betaal?").
	askedConsequence bool
}

// readContext reads the customer's turns through the one vulnerability
// lexicon every engine shares, so a tip and the stored record never
// disagree about the same words.
func (l *lexicon) readContext(turns []assistant.ContextTurn) contextInfo {
	var ci contextInfo
	last := -1
	for i, t := range turns {
		if t.Speaker == assistant.Customer {
			last = i
		}
	}
	var buf [64]token
	for i, t := range turns {
		if t.Speaker != assistant.Customer {
			continue
		}
		sigs := vulnerability.Find(t.Text)
		crisis, distress, topic := vulnerability.Assess(sigs)
		topic = fitTopic(t.Text, sigs, topic)
		if distress {
			// Benefits or caring are vulnerability, not distress: they
			// shape an acknowledgement but do not change the tip.
			ci.distressEarlier = true
			ci.distress = ci.distress || i == last
		}
		ci.crisis = ci.crisis || crisis
		if topic != "" {
			ci.event = topic
		}
		if i == last {
			lower := lowerSameWidth(t.Text)
			toks := tokenize(buf[:0], lower, 0, len(lower))
			ci.emotion = l.emotion.has(toks)
			ci.question = strings.Contains(t.Text, "?")
			ci.askedConsequence = ci.question && l.consequenceAsked.has(toks)
			ci.offers = offersPayment(t.Text, lower)
			// A guess is no ground for telling an agent the customer is
			// against them: below this confidence the words decide.
			if t.Stance != nil && t.Stance.Confidence >= trustedStance {
				ci.opposed = !t.Stance.Quadrant.Together() && t.Stance.Quadrant.Valid()
			} else {
				ci.opposed = l.opposed.has(tokenize(buf[:0], lower, 0, len(lower)))
			}
		}
	}
	if ci.crisis {
		ci.event = vulnerability.TopicCrisis
	}
	return ci
}

// fitTopic narrows the topic of an acknowledgement to what the customer
// said. The shared lexicon files fewer hours under job loss, and a cue says
// nothing about whose hardship it is, but "Wat naar dat u uw baan kwijt bent"
// after "Ik werk minder uren" or "My husband lost his job" puts words in the
// customer's mouth. Fewer hours get their own acknowledgement; a hardship of
// someone else's, or one feared rather than had ("I might be made
// redundant"), gets the neutral one. A bereavement is always someone else's
// and keeps its condolences; a crisis is never narrowed.
func fitTopic(text string, sigs []vulnerability.Signal, topic vulnerability.Topic) vulnerability.Topic {
	switch topic {
	case vulnerability.TopicJob, vulnerability.TopicIllness, vulnerability.TopicDivorce:
	default:
		return topic
	}
	var sig *vulnerability.Signal
	for i := range sigs {
		if sigs[i].Topic == topic {
			sig = &sigs[i]
			break
		}
	}
	if sig == nil {
		return topic
	}
	lower := lowerSameWidth(text)
	start, end := byteOffset(text, sig.Start), byteOffset(text, sig.End)
	// The words of the cue's own sentence up to its end.
	from := strings.LastIndexAny(lower[:start], ".!?;\n") + 1
	var buf [32]token
	for _, t := range tokenize(buf[:0], lower, from, end) {
		if otherPersonWords[t.lower] || hedgeWords[t.lower] {
			return topicOther
		}
	}
	if topic == vulnerability.TopicJob {
		for _, t := range tokenize(buf[:0], lower, start, end) {
			if t.lower == "uren" || t.lower == "hours" {
				return topicHours
			}
		}
	}
	return topic
}

// offersPayment reports whether a sentence of the customer's turn names an
// amount and paying without a negation: "Ik kan € 20 per maand betalen", not
// "I can't pay the £150".
func offersPayment(text, lower string) bool {
	var buf [32]token
	for _, s := range splitSentences(nil, text) {
		if len(amountSpansL(lower[s.start:s.end])) == 0 {
			continue
		}
		pay, neg := false, false
		for _, t := range tokenize(buf[:0], lower, s.start, s.end) {
			pay = pay || paymentWords[t.lower] || payWords[t.lower]
			neg = neg || language.NegatesAny(t.lower) || strings.HasSuffix(t.lower, "n't")
		}
		if pay && !neg {
			return true
		}
	}
	return false
}

// byteOffset is the byte offset of rune offset r in s.
func byteOffset(s string, r int) int {
	for b := range s {
		if r == 0 {
			return b
		}
		r--
	}
	return len(s)
}

// endOf judges how the turn ends the call when its last sentence is only a
// goodbye ("Dag.", "Right, that's it then. Bye."), else it returns nil.
func (st *turnState) endOf() (*assistant.ClosingCheck, error) {
	if len(st.sents) == 0 {
		return nil, nil
	}
	last := st.sents[len(st.sents)-1].span
	from, to := sentenceToks(st.toks, last, 0)
	toks := st.toks[from:to]
	var buf [4]match
	bye := st.l.farewell.findAll(buf[:0], toks, always)
	if len(bye) == 0 {
		return nil, nil
	}
	k := 0
	for _, m := range bye {
		for ; k < m.from; k++ {
			if !backchannel[toks[k].lower] {
				return nil, nil
			}
		}
		k = m.to
	}
	for ; k < len(toks); k++ {
		if !backchannel[toks[k].lower] {
			return nil, nil
		}
	}
	cc, err := st.l.judgeEnd(st.text)
	if err != nil {
		return nil, err
	}
	return &cc, nil
}

// trustedStance is the confidence from which a stance may steer the tip.
const trustedStance = 0.5

func trusted(s *assistant.Stance) bool { return s != nil && s.Confidence >= trustedStance }

// tipData fills the tips that quote the agent's words. Rephrase is set
// where the plain wording is no safe swap, so that the tip says what the
// finding says: rephrase the sentence.
type tipData struct {
	Text, Plain string
	Rephrase    bool
}

// tip chooses the one headline tip: the customer's state first (crisis,
// distress, opposition), then the most important finding, then the agent's
// own stance.
//
// pressing is whether the turn presses for payment, questions about paying
// after a hardship or a feeling included (turnState.pressAfter). end is how
// the turn ends the call when it says goodbye, else nil: praise is for
// good practice, and a goodbye without a warm close is no good end.
func (l *lexicon) tip(fs []finding, ci contextInfo, own *assistant.Stance, text string, acked, pressing, short bool, end *assistant.ClosingCheck) (assistant.Tip, error) {
	pressure := false
	var top *finding
	for i := range fs {
		switch fs[i].kind {
		case assistant.FindingThreat, assistant.FindingUltimatum, assistant.FindingCommand, assistant.FindingBlame:
			pressure = true
		}
		if top == nil || kindRank(fs[i].kind) < kindRank(top.kind) {
			top = &fs[i]
		}
	}
	switch {
	case ci.crisis:
		return assistant.Tip{Kind: assistant.TipCrisis, Text: l.tips["crisis"]}, nil
	case (ci.distressEarlier || (ci.emotion && !acked)) && pressure:
		return assistant.Tip{Kind: assistant.TipDistress, Text: l.tips["distress.pressure"]}, nil
	case (ci.distress || ci.emotion) && acked && pressing:
		// "I'm sorry to hear that. When can you pay the £150?" is no
		// wording to praise: the payment undoes the acknowledgement.
		return assistant.Tip{Kind: assistant.TipDistress, Text: l.tips["distress.acked"]}, nil
	case ci.opposed && pressure:
		return assistant.Tip{Kind: assistant.TipDeescalate, Text: l.tips["deescalate.pressure"]}, nil
	case (ci.distress || ci.emotion) && !acked:
		// A turn that already offers condolences or names what the
		// customer said needs no reminder to do so.
		return assistant.Tip{Kind: assistant.TipDistress, Text: l.tips["distress"]}, nil
	case ci.opposed && !(trusted(own) && own.Quadrant.Together()):
		// An agent already answering together is de-escalating; the
		// findings, if any, are the better tip.
		return assistant.Tip{Kind: assistant.TipDeescalate, Text: l.tips["deescalate"]}, nil
	}
	if !trusted(own) {
		own = nil
	}
	if top == nil || (own != nil && own.Quadrant == assistant.AboveOpposed && kindRank(top.kind) > kindRank(assistant.FindingCommand)) {
		switch {
		case own != nil && own.Quadrant == assistant.AboveOpposed:
			return assistant.Tip{Kind: assistant.TipDeescalate, Text: l.tips["stance.above-opposed"]}, nil
		case own != nil && own.Quadrant == assistant.BelowOpposed:
			return assistant.Tip{Kind: assistant.TipDeescalate, Text: l.tips["stance.below-opposed"]}, nil
		case top == nil && short:
			// "Ja." or "OK, bye" is no wording to praise.
			return assistant.Tip{Kind: assistant.TipOK, Text: l.tips["ok.short"]}, nil
		case top == nil && end != nil && !end.WarmClose:
			// "Ik heb het genoteerd. Dag." has nothing wrong in its
			// words, but ends the call without thanks: the tip says
			// what a good end holds.
			t, err := l.missingTip(l.lang, *end)
			if err != nil {
				return assistant.Tip{}, err
			}
			return assistant.Tip{Kind: assistant.TipClosing, Text: t}, nil
		case top == nil:
			return assistant.Tip{Kind: assistant.TipOK, Text: l.tips["ok"]}, nil
		}
	}
	switch top.kind {
	case assistant.FindingJargon, assistant.FindingOfficialese, assistant.FindingStockPhrase:
		// These tips quote the agent's words and the plain ones.
		data := tipData{Text: text[top.start:top.end]}
		if top.kind != assistant.FindingStockPhrase {
			data.Text = lowerFirst(data.Text)
		}
		switch {
		case top.asked != "":
			// The guard asked what the plain word ordered: the tip
			// quotes the sentence and its repair.
			data = tipData{Text: top.said, Plain: top.asked}
		case top.rw != nil && top.rw.level == levelTerm:
			data.Plain = lowerFirst(top.rw.text)
		case top.swap != "":
			data.Plain = lowerFirst(top.swap)
		case top.plain != "" && !strings.ContainsAny(top.plain, "[…"):
			data.Plain, data.Rephrase = top.plain, true
		}
		s, err := prompts.Render(l.lang, "tip."+string(top.kind), data)
		if err != nil {
			return assistant.Tip{}, err
		}
		return assistant.Tip{Kind: assistant.TipOf(top.kind), Text: s}, nil
	}
	if top.lexKind == "dismissive" {
		// "Goed, dan weet u het. Dag." brushes the customer off; at the
		// end of the call the advice is how to end it.
		kind := assistant.TipOf(top.kind)
		if end != nil {
			kind = assistant.TipClosing
		}
		return assistant.Tip{Kind: kind, Text: l.tips["dismissive"]}, nil
	}
	if top.lexKind == "sarcasm" {
		// Sarcasm is reported as belittling, but "leave out words like
		// just" is no advice for a mocking sentence.
		return assistant.Tip{Kind: assistant.TipOf(top.kind), Text: l.tips["sarcasm"]}, nil
	}
	return assistant.Tip{Kind: assistant.TipOf(top.kind), Text: l.tips[string(top.kind)]}, nil
}
