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
// an open question instead; the amount can come back once the customer has
// said what is possible.

// sentInfo is what the context rule needs of a sentence of the turn.
type sentInfo struct {
	span
	pressing bool // demands payment or holds a threat, ultimatum, order or blame
	question bool
}

var (
	obligation = wordSet([]string{
		"moet", "moeten", "dient", "dienen", "verplicht", "must", "has", "have", "need", "needs", "required", "ask",
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
		pay = pay || payWords[t.lower] || t.lower == "voldaan" || t.lower == "betaald" || t.lower == "cleared" || t.lower == "paid"
	}
	return must && pay
}

// answerFirst returns the suggestion for a turn that follows a hardship, a
// feeling or a question without answering it, or "" when the turn needs no
// such change: it already acknowledges, or the customer said nothing that
// asks for an answer first. A question alone changes the turn only when the
// turn presses instead of answering.
func (st *turnState) answerFirst(ci contextInfo, acked bool) string {
	if acked || ci.crisis || !(ci.distress || ci.emotion || ci.question) {
		return ""
	}
	pressing := false
	for _, s := range st.sents {
		pressing = pressing || s.pressing
	}
	if !ci.distress && !ci.emotion && !pressing {
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
	parts := []string{ack}
	asks := false
	var later factData
	var amounts, dates []string
	for _, s := range st.sents {
		if s.pressing {
			// A threat's rewrite names what to avoid together, which
			// answers "what happens then?" without pressing.
			if avoid := st.avoidPart(s.span); avoid != "" {
				parts = append(parts, avoid)
			}
			// Its amounts and dates stay: they are for later.
			body, _ := trimEnd(st.text[s.start:s.end])
			lower := st.lower[s.start : s.start+len(body)]
			a, _ := factPartsL(body, lower)
			amounts = append(amounts, a...)
			dates = append(dates, dateCoresL(body, lower)...)
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
