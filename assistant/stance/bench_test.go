package stance

import (
	"context"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// Typical agent utterances of 15 to 25 words.
var benchUtterances = map[assistant.Language]string{
	assistant.Dutch:   "Ik hoor dat u uw baan kwijt bent en dat dit u zorgen geeft. Wat zou voor u een bedrag zijn dat u elke maand kunt missen?",
	assistant.English: "Thank you for telling me about your job, that sounds like a hard time. What amount could you manage every month, even in a bad month?",
}

func BenchmarkClassifyUtterance(b *testing.B) { benchUtterance(b, New()) }

// BenchmarkClassifyUtteranceLexicon measures the lexicon without the
// learned layer, to show what the layer costs.
func BenchmarkClassifyUtteranceLexicon(b *testing.B) { benchUtterance(b, newLexical()) }

func benchUtterance(b *testing.B, c *Classifier) {
	ctx := context.Background()
	for _, lang := range assistant.Languages {
		text := benchUtterances[lang]
		b.Run(string(lang), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.Classify(ctx, text, lang); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchCall builds a call of about 2,000 words (15 minutes of speech) from
// alternating agent and customer turns.
func benchCall(lang assistant.Language) []string {
	turns := map[assistant.Language][]string{
		assistant.Dutch: {
			"Goedemiddag, u spreekt met Sanne van Noordkust, ik bel namens Energie Plus. Spreek ik met meneer De Boer?",
			"Ja, daar spreekt u mee. Waar gaat het over?",
			"Ik bel over uw rekening. Er staat nog 1.250 euro open en u heeft een brief gehad, klopt dat?",
			"Ja, die brief heb ik gezien. Ik weet dat ik achterloop, maar ik ben mijn baan kwijt.",
			"Dat klinkt echt zwaar. Wat zou voor u een bedrag zijn dat u elke maand kunt missen?",
			"Eh ik weet het niet goed, misschien 50 euro per maand, meer lukt echt niet.",
			"Dan stel ik voor dat we 50 euro per maand afspreken, steeds na de 25e. Ik stuur u vandaag een bevestiging.",
			"Oké, dat is goed. En komt die deurwaarder dan nog?",
			"Nee, zolang de regeling loopt gaat het dossier niet naar de deurwaarder. Heeft u verder nog vragen?",
			"Nee, dat is duidelijk. Bedankt voor het meedenken.",
		},
		assistant.English: {
			"Good afternoon, this is James from Northgate Collections, calling on behalf of Brightwater Energy. Am I speaking with Mrs Patel?",
			"Yes, speaking. What is it about?",
			"I'm calling about your account. There's 980 pounds outstanding and you've had our letters, is that right?",
			"I know, I've had the letters. I'm sorry, things have been difficult since I lost my job.",
			"That sounds really hard. What amount could you manage every month, even in a month where something comes up?",
			"Um I don't really know, maybe 40 a month, I can't do more than that.",
			"Then I suggest we set up a plan of 40 a month, taken on the 4th. I'll email you a confirmation today.",
			"Okay, that's fine. And the solicitors, will that still happen?",
			"No, while the plan is running nothing goes to the solicitors. Is there anything else I can help with?",
			"No, that's clear. Thanks for listening.",
		},
	}[lang]
	var out []string
	words := 0
	for words < 2000 {
		for _, t := range turns {
			out = append(out, t)
			words += len(strings.Fields(t))
		}
	}
	return out
}

func BenchmarkClassifyCall(b *testing.B) {
	c := New()
	ctx := context.Background()
	for _, lang := range assistant.Languages {
		call := benchCall(lang)
		b.Run(string(lang), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, turn := range call {
					if _, err := c.Classify(ctx, turn, lang); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// BenchmarkClassifyReply measures one utterance read as the customer's
// answer to the agent's turn before it: both turns are read, as a live tip
// with one context turn does.
func BenchmarkClassifyReply(b *testing.B) {
	c := New()
	ctx := context.Background()
	previous := map[assistant.Language]string{
		assistant.Dutch:   "Ik bel over uw rekening. Er staat nog 1.250 euro open en u heeft een brief gehad, klopt dat?",
		assistant.English: "I'm calling about your account. There's 980 pounds outstanding and you've had our letters, is that right?",
	}
	for _, lang := range assistant.Languages {
		text := benchUtterances[lang]
		b.Run(string(lang), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.ClassifyReply(ctx, text, lang, assistant.Customer, previous[lang]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkClassifyTurns measures a whole call the way the analyser reads
// it: every turn with its speaker and the turn it answers. Divide by the
// turns (b.ReportMetric reports the time per turn).
func BenchmarkClassifyTurns(b *testing.B) {
	c := New()
	ctx := context.Background()
	for _, lang := range assistant.Languages {
		texts := benchCall(lang)
		turns := make([]assistant.Turn, len(texts))
		for i, t := range texts {
			sp := assistant.Agent
			if i%2 == 1 {
				sp = assistant.Customer
			}
			turns[i] = assistant.Turn{Index: i, Speaker: sp, Text: t}
		}
		b.Run(string(lang), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.ClassifyTurns(ctx, turns, lang); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(turns))/1000, "µs/turn")
		})
	}
}
