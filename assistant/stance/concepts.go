package stance

import "github.com/rooscoach/rooscoach/assistant"

// concepts are the meanings both lexicons express. Weights say how strongly
// a form pulls (about 1 for a clear act, more for acts that dominate a turn
// such as threats and insults, less for hints); angles put the pull in the
// octant a coach would name.
var concepts = map[string]concept{
	// Above-together: leading and helping.
	"open-question": c(assistant.CueOpenQuestion, 1.0, 27),
	"would-it-help": c(assistant.CueOfferHelp, 1.2, 25),
	"offer-help":    c(assistant.CueOfferHelp, 1.1, 22),
	"for-you":       c(assistant.CueOfferHelp, 0.3, 25),
	"debt-help":     c(assistant.CueOfferHelp, 0.9, 22),
	"empathy":       c(assistant.CueEmpathy, 1.2, 15),
	"acknowledge":   c(assistant.CueAcknowledgment, 0.6, 10),
	"reassure":      c(assistant.CueReassurance, 1.0, 20),
	"summary":       c(assistant.CueSummary, 1.2, 55),
	"proposal":      c(assistant.CueProposal, 1.2, 58),
	"together":      c(assistant.CueProposal, 0.5, 45),
	"next-step":     c(assistant.CueNextStep, 1.0, 62),
	"will-do":       c(assistant.CueNextStep, 0.6, 62).with(negKeep),
	"inform":        c(assistant.CueInformation, 0.4, 60),
	"greeting":      c(assistant.CueGreeting, 0.3, 35),
	"thanks":        c(assistant.CueThanks, 0.5, 5),
	"polite":        c(assistant.CuePoliteness, 0.35, 20),

	// Below-together: cooperating and dependent.
	"agree":         c(assistant.CueAgreement, 1.0, -25),
	"follow":        c(assistant.CueAgreement, 1.3, -30).with(negKeep),
	"you-are-right": c(assistant.CueAgreement, 1.0, -40),
	"apology":       c(assistant.CueApology, 0.8, -65),
	"unsure":        c(assistant.CueHedge, 0.9, -75),
	"hedge":         c(assistant.CueHedge, 0.5, -70),
	"need-approval": c(assistant.CueDeference, 1.0, -75),
	"submit":        c(assistant.CueDeference, 1.3, -80),
	"permission":    c(assistant.CuePermission, 0.6, -40),
	"helpless":      c(assistant.CueHelplessness, 1.2, -80),
	// A customer reporting what does not work ("doet het niet", "not
	// working") tells the other so that they will fix it: a plain report
	// leans on the other, dependent. Weak, because an angry customer reports
	// the same faults.
	"fault-report": c(assistant.CueHelplessness, 0.6, -60),

	// Below-opposed: withdrawn and defiant.
	"not-my-job": c(assistant.CuePolicyHiding, 1.3, -115),
	"cannot":     c(assistant.CueRefusal, 1.3, -115),
	"regret":     c(assistant.CuePassivity, 0.4, -110),
	"passive":    c(assistant.CuePassivity, 1.1, -110),
	"brush-off":  c(assistant.CueBlame, 1.3, -155),
	// Giving up ("Ik zie het niet meer zitten", "I can't see a way out")
	// withdraws from the conversation: no longer leaning on the other as
	// the helpless do. That the same words may be a crisis sign is
	// assistant/vulnerability's knowledge; the stance only places them.
	"give-up": c(assistant.CuePassivity, 1.3, -110).with(negKeep),

	// Above-opposed: competitive and aggressive.
	"must":        c(assistant.CueCommand, 1.2, 115).soft(),
	"imperative":  c(assistant.CueCommand, 1.0, 115).soft(),
	"deadline":    c(assistant.CueUltimatum, 0.7, 120).soft(),
	"full-amount": c(assistant.CueCommand, 0.4, 115).soft(),
	"insist":      c(assistant.CueCommand, 1.3, 110),
	"contradict":  c(assistant.CueRefusal, 1.1, 120).with(negKeep),
	"no-start":    c(assistant.CueRefusal, 0.5, 120).with(negKeep),
	"interrupt":   c(assistant.CueInterruption, 1.3, 115),
	"reproach":    c(assistant.CueBlame, 1.0, 125),
	"threat":      c(assistant.CueThreat, 1.6, 155),
	"condition":   c(assistant.CueUltimatum, 1.4, 150),
	"hostile":     c(assistant.CueHostility, 1.5, 160),
	// An outburst at what happened ("unacceptable", "ben het spuugzat")
	// takes charge against the other without attacking the person: the
	// competitive side of hostility.
	"outrage": c(assistant.CueHostility, 1.2, 130),
	// Pressing for a payment or a commitment now, without a sanction.
	"push-now": c(assistant.CueUltimatum, 1.1, 115),
	// Sarcasm and mockery put the speaker above the other, however polite
	// the words (issue 14; the older guide had them defiant).
	"sarcasm": c(assistant.CueSarcasm, 1.3, 125),
}
