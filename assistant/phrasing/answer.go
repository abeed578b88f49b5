package phrasing

import (
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
)

// After the customer names a hardship, shows a feeling or asks something,
// the agent's next words should answer that first: acknowledge it in the
// customer's terms, summarise, ask further (listen, summarise, ask: LSD).
// A payment demand in the same breath undoes the acknowledgement, so the
// suggestion leaves out every sentence that presses for payment and ends on
// an open question instead. After a hardship or a feeling the amount is left
// out altogether: it comes back once the customer has said what is possible.
// After a plain question the amounts and dates come back as "after that, we
// can see together whether … would work", since the customer asked about
// them. After a crisis no word of payment is left (crisisAnswer).

// sentInfo is what the context rule needs of a sentence of the turn.
type sentInfo struct {
	span
	pressing bool // demands payment or holds a threat, ultimatum, order or blame
	question bool
	// asksPay: a question about paying ("When can you pay the £150?"),
	// which presses right after a hardship or a feeling (pressAfter).
	asksPay bool
}

var (
	obligation = wordSet([]string{
		"moet", "moeten", "dient", "dienen", "verplicht", "nodig", "verwachten", "verwacht", "must", "has", "have", "need",
		"needs", "required", "ask", "expect",
	})
	backchannel = wordSet([]string{
		"ja", "nee", "oké", "oke", "ok", "okay", "goed", "prima", "dank", "bedankt", "doei", "dag", "tot", "ziens",
		"hoor", "hm", "hmm", "uh", "eh", "yes", "yeah", "no", "thanks", "thank", "you", "bye", "goodbye", "right",
		"sure", "fine", "great", "mm", "alright", "u", "wel", "fijne", "see",
	})
)

// pressing reports whether the sentence presses for payment: it holds a
// threat, an ultimatum, an order, blame or policy talk, or puts an
// obligation and a payment together ("het bedrag moet voldaan worden").
func (st *turnState) pressing(sn *sentence) bool {
	if len(sn.consequences) > 0 || sn.ultimatum || sn.blamed || sn.command != nil {
		return true
	}
	for _, f := range st.findings {
		if f.kind == assistant.FindingPolicyTalk && f.start >= sn.start && f.end <= sn.end {
			return true
		}
	}
	if sn.question {
		return false
	}
	must, pay := false, false
	for _, t := range sn.toks {
		must = must || obligation[t.lower]
		pay = pay || payWords[t.lower] || t.lower == "voldaan" || t.lower == "betaald" || t.lower == "cleared" || t.lower == "paid" ||
			t.lower == "payment" || t.lower == "betaling"
	}
	return must && pay
}

// asksPayment reports whether the sentence is a question about paying that
// offers no relief: "Wanneer kunt u de € 150 betalen?", "How much could you
// afford?", but not "Shall we put the payments on hold?".
func asksPayment(sn *sentence) bool {
	if !sn.question {
		return false
	}
	pay := false
	for _, t := range sn.toks {
		if reliefWords[t.lower] {
			return false
		}
		pay = pay || paymentWords[t.lower]
	}
	return pay
}

// pressAfter marks the questions about paying as pressing when the last
// customer turn named a hardship or a feeling: the answer comes first, the
// amount later. After a plain question they stay, since asking what the
// customer can pay may be the answer, and so they do when the customer named
// an amount they can pay themselves.
func (st *turnState) pressAfter(ci contextInfo) {
	if (!ci.distress && !ci.emotion) || ci.offers {
		return
	}
	for i := range st.sents {
		st.sents[i].pressing = st.sents[i].pressing || st.sents[i].asksPay
	}
}

// pressesForPayment reports whether any sentence of the turn presses for payment.
func (st *turnState) pressesForPayment() bool {
	for _, s := range st.sents {
		if s.pressing {
			return true
		}
	}
	return false
}

// mentionsPayment reports whether the turn says anything of paying or of the
// debt: a word of payment, an amount, or a sentence that presses.
func (st *turnState) mentionsPayment() bool {
	if st.pressesForPayment() || len(amountSpansL(st.lower)) > 0 {
		return true
	}
	for _, t := range st.toks {
		if paymentWords[t.lower] {
			return true
		}
	}
	return false
}

// crisisAnswer is the suggestion after a customer mentions self-harm or
// suicide: no word of payment, only the acknowledgement, the question whether
// they are safe and the crisis line the crisis tip names. A turn that already
// acknowledges and says nothing of payment keeps its own words.
func (st *turnState) crisisAnswer(acked bool) string {
	if acked && !st.mentionsPayment() {
		return ""
	}
	return st.l.crisisReply
}

// answerFirst returns the suggestion for a turn that follows a hardship, a
// feeling or a question without answering it, or "" when the turn needs no
// such change: it already acknowledges, or the customer said nothing that
// asks for an answer first. A question alone changes the turn only when the
// turn presses instead of answering.
//
// In a crisis the suggestion is the crisis answer whatever the turn says. A
// turn that acknowledges a hardship or a feeling but then asks for payment
// ("I'm sorry to hear that. When can you pay the £150?") keeps its
// acknowledgement and loses the payment.
func (st *turnState) answerFirst(ci contextInfo, acked bool) string {
	if ci.crisis {
		return st.crisisAnswer(acked)
	}
	if !(ci.distress || ci.emotion || ci.question) {
		return ""
	}
	hardship := ci.distress || ci.emotion
	pressing := st.pressesForPayment()
	if acked && !(hardship && pressing) {
		return ""
	}
	if !hardship && !pressing {
		return ""
	}
	var ack string
	switch {
	case ci.distress:
		ack = st.l.acks[ci.event]
	case ci.emotion:
		ack = st.l.emotionAck
	default:
		ack = st.l.questionAck
	}
	var parts []string
	asks, keptAck := false, false
	var later factData
	var amounts, dates []string
	for _, s := range st.sents {
		if s.pressing {
			// After a question a threat's rewrite names what to avoid
			// together, which answers "what happens then?" without
			// pressing.
			if ci.question {
				if avoid := st.avoidPart(s.span); avoid != "" {
					parts = append(parts, avoid)
				}
			}
			// After a hardship or a feeling the rest of the sentence
			// goes, amounts and dates with it; after a plain question
			// they stay, for later.
			if hardship {
				continue
			}
			body, _ := trimEnd(st.text[s.start:s.end])
			lower := st.lower[s.start : s.start+len(body)]
			a, _ := factPartsL(body, lower)
			amounts = append(amounts, a...)
			dates = append(dates, dateRuns(body, lower)...)
			continue
		}
		text := st.finalText(s.span)
		if strings.HasPrefix(text, ack) {
			text = strings.TrimSpace(strings.TrimPrefix(text, ack))
		}
		if text == "" {
			continue
		}
		parts = append(parts, text)
		asks = asks || strings.Contains(text, "?")
		keptAck = keptAck || st.l.ack.has(st.toksIn(s.span))
	}
	if !keptAck {
		// The agent's own acknowledgement, when it is kept, comes first
		// in its own words; else ours does.
		parts = append([]string{ack}, parts...)
	}
	if !asks {
		q := st.l.questionEvent
		if !ci.distress && !ci.emotion {
			q = st.l.questionAsk
		}
		parts = append(parts, q)
	}
	if len(amounts)+len(dates) > 0 {
		later.Amount, later.Date = st.join(amounts), st.join(dates)
		if t, err := st.render("rewrite.answer.later", later); err == nil {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, " ")
}

// toksIn returns the words of the turn inside s.
func (st *turnState) toksIn(s span) []token {
	i := 0
	for i < len(st.toks) && st.toks[i].start < s.start {
		i++
	}
	j := i
	for j < len(st.toks) && st.toks[j].end <= s.end {
		j++
	}
	return st.toks[i:j]
}

// dateRuns returns the dates of body without preposition, as dateCoresL
// does, but with dates that follow each other as one: "Friday 4 December",
// not "Friday" and "4 December".
func dateRuns(body, lower string) []string {
	spans := dateSpansL(lower)
	var out []string
	for i := 0; i < len(spans); i++ {
		start, end := spans[i][0], spans[i][1]
		for i+1 < len(spans) && spans[i+1][0] >= end && strings.Trim(body[end:spans[i+1][0]], " ,") == "" {
			end = spans[i+1][1]
			i++
		}
		out = append(out, body[start:end])
	}
	return out
}

// finalText is sentence s as the suggestion words it: its sentence rewrite,
// else the sentence with its term and clause rewrites.
func (st *turnState) finalText(s span) string {
	for _, r := range st.rws {
		if r.level == levelSentence && r.start == s.start && r.end == s.end {
			return r.text
		}
	}
	return st.applyInner(s)
}

// shortReply reports whether a turn is only a backchannel or a goodbye ("Ja.",
// "OK, thank you, bye."), which is no wording to praise or coach.
func shortReply(toks []token) bool {
	if len(toks) == 0 {
		return true
	}
	if len(toks) > 5 {
		return false
	}
	for _, t := range toks {
		if !backchannel[t.lower] {
			return len(toks) <= 2
		}
	}
	return true
}

// avoidPart returns the first sentence of a threat's rewrite of span s ("Ik
// wil graag samen met u voorkomen dat …"), or "".
func (st *turnState) avoidPart(s span) string {
	for _, f := range st.findings {
		if f.kind == assistant.FindingThreat && f.start >= s.start && f.end <= s.end && f.rw != nil {
			first, _, ok := strings.Cut(f.rw.text, ". ")
			if ok {
				return first + "."
			}
		}
	}
	return ""
}

// inPressing reports whether byte offset at lies in a sentence that presses
// for payment.
func (st *turnState) inPressing(at int) bool {
	for _, s := range st.sents {
		if s.pressing && at >= s.start && at < s.end {
			return true
		}
	}
	return false
}
