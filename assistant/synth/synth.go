// Package synth makes synthetic collection calls in Dutch and English, for
// the seed generator and for tests that need many realistic calls: agents of
// different skill, customers who oppose, cooperate, state what they can pay
// or speak of hardship, calls that close well or badly, with or without turn
// times. Everything follows from a seed, so a data set can be made again.
//
// The lines are written for this package after the sample transcripts of
// testdata/calls and the domain notes (jargon, threats, stock phrases,
// closings); they are not quotes of real calls.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// lines is the bank of one language.
type lines struct {
	agentLabel, customerLabel string
	opening                   []string
	good, bad                 []string // the agent's middle turns
	summary, nextStep, warm   []string
	badClose                  []string
	customerOpposed           []string
	customerCooperative       []string
	customerOffer             []string
	customerHardship          []string
}

var banks = map[assistant.Language]lines{
	assistant.Dutch: {
		agentLabel: "Medewerker", customerLabel: "Klant",
		opening: []string{
			"Goedemiddag, u spreekt met %s van Incassobureau Noordkust. Ik bel namens Energie Plus over uw rekening.",
			"Goedemorgen, met %s van Incasso Noord. Ik bel u in opdracht van uw zorgverzekeraar over een openstaande rekening.",
		},
		good: []string{
			"Ik wil graag samen met u kijken wat haalbaar is. Wat kunt u per maand missen?",
			"Ik hoor dat het nu lastig is. Vertel eens, wat speelt er allemaal?",
			"Laten we samen een plan maken dat voor u werkt. Wanneer komt uw inkomen binnen?",
			"Dank u dat u dat zo eerlijk zegt. Dan zoeken we samen naar een bedrag dat past.",
			"Het openstaande bedrag is € 850. Zullen we kijken hoe we dat samen in delen kunnen betalen?",
			"Ik begrijp dat dit vervelend voor u is. Wat zou u helpen om dit op te lossen?",
		},
		bad: []string{
			"Er staat een vordering open en u heeft een ingebrekestelling ontvangen.",
			"U moet vóór vrijdag het volledige bedrag betalen.",
			"Als de betaling uitblijft, dragen wij het dossier over aan de deurwaarder en kan er beslag worden gelegd op uw loon.",
			"Conform onze voorwaarden moet het volledige bedrag wel voldaan worden.",
			"Dat is vervelend. Maar de incassokosten worden gewoon in rekening gebracht.",
			"U had eerder moeten reageren op onze aanmaningen.",
		},
		summary: []string{
			"Even samengevat: u betaalt € 50 per maand, steeds na de 25e, tot alles is betaald.",
			"Ik vat het samen: we spreken een betalingsregeling af van € 40 per maand.",
		},
		nextStep: []string{
			"Ik stuur u vandaag nog een bevestiging per e-mail. U kunt ons ook bellen op 020 123 45 67.",
			"U krijgt morgen een brief met de afspraak en ons telefoonnummer, en ik neem vrijdag contact met u op.",
		},
		warm:     []string{"Bedankt voor uw tijd en een fijne dag verder.", "Dank u wel voor het gesprek, sterkte de komende tijd."},
		badClose: []string{"Goed, dan weet u het. Dag.", "Dan hoort u van de deurwaarder. Dag."},
		customerOpposed: []string{
			"Ik heb dat geld gewoon niet! Laat me met rust.",
			"Waarom bellen jullie steeds? Dit is belachelijk.",
			"Dat ga ik echt niet betalen, die rekening klopt niet.",
		},
		customerCooperative: []string{
			"Ja, dat klopt. Ik weet dat ik achterloop.",
			"Oké, dat begrijp ik.",
			"Mijn loon komt rond de 25e binnen.",
			"Dat is goed om te weten, dank u.",
		},
		customerOffer:    []string{"Ik kan 50 euro per maand betalen.", "Ik kan elke maand 40 euro missen."},
		customerHardship: []string{"Ik ben vorige maand mijn baan kwijtgeraakt.", "Ik ben al een tijd ziek en het lukt me allemaal niet meer."},
	},
	assistant.English: {
		agentLabel: "Agent", customerLabel: "Customer",
		opening: []string{
			"Good afternoon, this is %s from Northcoast Collections. I'm calling about your energy account.",
			"Good morning, it's %s from North Recovery. I'm calling about a bill that is still open.",
		},
		good: []string{
			"I'd like to work out together what is realistic for you. What could you manage each month?",
			"It sounds like things are hard at the moment. Can you tell me what is going on?",
			"Let's make a plan together that works for you. When does your money come in?",
			"Thank you for being so open with me. Let's find an amount that fits.",
			"The balance is £850. Shall we look at how we can split that up together?",
			"I understand this is difficult for you. What would help you sort this out?",
		},
		bad: []string{
			"Your account is in arrears and a default notice has been issued.",
			"You must pay the full amount by Friday.",
			"If you don't pay, we will pass your file to the bailiffs and they will take action against you.",
			"As per our terms and conditions the full balance is due.",
			"I understand. But the collection charges will still be added.",
			"You should have responded to our letters earlier.",
		},
		summary: []string{
			"So to sum up: you'll pay £50 a month, after the 25th, until it's all paid.",
			"Let me summarise: we've agreed a payment plan of £40 a month.",
		},
		nextStep: []string{
			"I'll email you a confirmation today and I'll call you back next week.",
			"You'll get a letter tomorrow with the plan, and I'll ring you on Friday.",
		},
		warm:     []string{"Thank you for your time, and take care.", "Thanks for talking this through with me, have a good day."},
		badClose: []string{"Right, that's it then. Bye.", "You'll hear from the bailiffs then. Bye."},
		customerOpposed: []string{
			"I just don't have that money! Leave me alone.",
			"Why do you keep calling me? This is ridiculous.",
			"I'm not paying that, the bill is wrong.",
		},
		customerCooperative: []string{
			"Yes, that's right. I know I'm behind.",
			"Okay, I understand.",
			"My wages come in around the 25th.",
			"That's good to know, thank you.",
		},
		customerOffer:    []string{"I can pay £50 a month.", "I could manage £40 every month."},
		customerHardship: []string{"I lost my job last month.", "I've been ill for a while and I can't cope with it all."},
	},
}

var agentNames = []string{"Sanne", "Daan", "Emma", "Lucas", "Noor", "Sem", "Julia", "Finn", "Tess", "Milan"}

// Agent is who makes a call and how well they do it.
type Agent struct {
	ID     string
	TeamID string
	Name   string
	// Skill in [0, 1] is the chance that a middle turn is a good one, that
	// the call closes well, and that an offer is answered with a plan.
	Skill float64
	// Trend is added to Skill per week since the start, so some agents
	// improve and some slide.
	Trend float64
}

// Call describes a call to make.
type Call struct {
	Agent      Agent
	Language   assistant.Language
	OccurredAt time.Time
	// Turns is the number of turns, at least 6.
	Turns int
	// Timed gives the turns times, as a transcript from a platform has.
	Timed bool
	// Week is the number of weeks since the start, for the agent's trend.
	Week int
}

// Transcript writes the call as the text transcript format reads it,
// "Medewerker: …" lines, with [hh:mm:ss] in front when timed. The same r
// state gives the same text.
func Transcript(r *rand.Rand, c Call) string {
	b := banks[c.Language]
	skill := min(1, max(0, c.Agent.Skill+c.Agent.Trend*float64(c.Week)))
	n := max(6, c.Turns)
	var out strings.Builder
	at := 2 + r.IntN(5)
	write := func(label, text string) {
		if c.Timed {
			fmt.Fprintf(&out, "[%02d:%02d:%02d] ", at/3600, at/60%60, at%60)
			// Roughly speaking time: a second per two words, and a pause.
			at += len(strings.Fields(text))/2 + 2 + r.IntN(4)
		}
		fmt.Fprintf(&out, "%s: %s\n", label, text)
	}
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	name := c.Agent.Name
	if name == "" {
		name = agentNames[r.IntN(len(agentNames))]
	}
	write(b.agentLabel, fmt.Sprintf(pick(b.opening), name))
	offered := false
	hardship := r.Float64() < 0.15
	// n turns alternate agent and customer; the last agent turns close.
	for i := 1; i < n-2; i++ {
		if i%2 == 1 {
			var text string
			switch x := r.Float64(); {
			case hardship && i == 3:
				text = pick(b.customerHardship)
			case !offered && x < 0.2:
				text, offered = pick(b.customerOffer), true
			case x < 0.2+0.5*(1-skill):
				text = pick(b.customerOpposed)
			default:
				text = pick(b.customerCooperative)
			}
			write(b.customerLabel, text)
			continue
		}
		if r.Float64() < skill {
			write(b.agentLabel, pick(b.good))
		} else {
			write(b.agentLabel, pick(b.bad))
		}
	}
	if n%2 == 1 {
		write(b.customerLabel, pick(b.customerCooperative))
	}
	if r.Float64() < skill {
		parts := []string{pick(b.summary), pick(b.nextStep)}
		write(b.agentLabel, strings.Join(parts, " "))
		write(b.customerLabel, pick(b.customerCooperative))
		write(b.agentLabel, pick(b.warm))
	} else {
		write(b.agentLabel, pick(b.bad))
		write(b.customerLabel, pick(b.customerOpposed))
		write(b.agentLabel, pick(b.badClose))
	}
	return out.String()
}

// Team makes agents for teams: agents spread over teams in turn, with
// skills from weak to strong and trends up and down, drawn from r.
func Team(r *rand.Rand, agents, teams int) []Agent {
	out := make([]Agent, agents)
	for i := range out {
		out[i] = Agent{
			ID:     fmt.Sprintf("agent-%04d", i+1),
			TeamID: fmt.Sprintf("team-%02d", i%max(1, teams)+1),
			Name:   agentNames[i%len(agentNames)],
			Skill:  0.3 + 0.6*r.Float64(),
			Trend:  (r.Float64() - 0.5) * 0.04,
		}
	}
	return out
}
