package phrasing

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// sampleTurn matches a line of the sample transcripts:
// "[00:00:12] Medewerker: text" or "Agent: text".
var sampleTurn = regexp.MustCompile(`^(?:\[[\d:.]+\]\s*)?(Agent|Medewerker|Customer|Klant):\s*(.*)$`)

// readSample reads a plain-text sample call; a line without a speaker
// continues the turn before it.
func readSample(t *testing.T, path string) []assistant.ContextTurn {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var turns []assistant.ContextTurn
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		m := sampleTurn.FindStringSubmatch(line)
		if m == nil {
			if len(turns) == 0 {
				t.Fatalf("%s:%d: text before the first speaker", path, n)
			}
			turns[len(turns)-1].Text += " " + line
			continue
		}
		sp := assistant.Customer
		if m[1] == "Agent" || m[1] == "Medewerker" {
			sp = assistant.Agent
		}
		turns = append(turns, assistant.ContextTurn{Speaker: sp, Text: m[2]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return turns
}

// planted is what a sample transcript was written to contain: a finding of
// kind whose text holds term.
type planted struct {
	kind assistant.FindingKind
	term string
}

// On the sample calls every planted jargon term, threat and command must be
// found, and every rewrite must keep amounts and dates and drop the term.
func TestSampleCalls(t *testing.T) {
	tests := []struct {
		file    string
		lang    assistant.Language
		planted []planted
		// calm holds agent text that must raise no threat: a reassurance.
		calm string
	}{
		{
			file: "nl-betalingsregeling.txt", lang: assistant.Dutch,
			planted: []planted{
				{assistant.FindingJargon, "vordering"}, {assistant.FindingJargon, "ingebrekestelling"},
				{assistant.FindingJargon, "incassokosten"},
				{assistant.FindingOfficialese, "voldaan"}, {assistant.FindingJargon, "betalingsregeling"},
				{assistant.FindingJargon, "opdrachtgever"},
				{assistant.FindingCommand, "U moet"},
				{assistant.FindingThreat, "deurwaarder"}, {assistant.FindingThreat, "beslag"},
				{assistant.FindingStockPhrase, "Dat is vervelend"}, {assistant.FindingPolicyTalk, "Conform onze voorwaarden"},
				{assistant.FindingPassiveVoice, "in rekening gebracht"},
			},
			calm: "gaat het dossier niet naar de deurwaarder",
		},
		{
			file: "en-arrears.txt", lang: assistant.English,
			planted: []planted{
				{assistant.FindingJargon, "arrears"}, {assistant.FindingJargon, "outstanding balance"},
				{assistant.FindingJargon, "collection costs"},
				{assistant.FindingCommand, "You must"},
				{assistant.FindingThreat, "solicitors"}, {assistant.FindingThreat, "attachment of earnings"},
				{assistant.FindingStockPhrase, "I understand your frustration"}, {assistant.FindingPolicyTalk, "as per our policy"},
			},
			calm: "nothing goes to the solicitors",
		},
		{
			file: "nl-ambtelijk.txt", lang: assistant.Dutch,
			planted: []planted{
				{assistant.FindingOfficialese, "inzake"}, {assistant.FindingOfficialese, "Middels"},
				{assistant.FindingOfficialese, "reeds"}, {assistant.FindingJargon, "verschuldigde bedrag"},
				{assistant.FindingJargon, "hoofdsom"}, {assistant.FindingOfficialese, "Teneinde"},
				{assistant.FindingCommand, "dient u"}, {assistant.FindingOfficialese, "derhalve"},
				{assistant.FindingOfficialese, "per omgaande"}, {assistant.FindingThreat, "juridische afdeling"},
				{assistant.FindingBlame, "Dat is niet onze fout"}, {assistant.FindingBlame, "U had de post gewoon beter moeten"},
				{assistant.FindingBelittling, "gewoon"}, {assistant.FindingOfficialese, "betalingsregeling treffen"},
				{assistant.FindingOfficialese, "Indien"}, {assistant.FindingOfficialese, "in rekening"},
				{assistant.FindingPassiveVoice, "geïncasseerd"}, {assistant.FindingOfficialese, "Bijgaand ontvangt u"},
				{assistant.FindingOfficialese, "verzoeken u"}, {assistant.FindingOfficialese, "Hopende u hiermede"},
				{assistant.FindingOfficialese, "Bij voorbaat dank"},
			},
		},
		{
			file: "en-formal.txt", lang: assistant.English,
			planted: []planted{
				{assistant.FindingOfficialese, "with regard to"}, {assistant.FindingOfficialese, "Please be advised that"},
				{assistant.FindingJargon, "outstanding balance"}, {assistant.FindingJargon, "in arrears"},
				{assistant.FindingOfficialese, "In order to"}, {assistant.FindingOfficialese, "additional"},
				{assistant.FindingCommand, "you are required to"}, {assistant.FindingJargon, "remit payment"},
				{assistant.FindingOfficialese, "prior to"}, {assistant.FindingThreat, "legal department"},
				{assistant.FindingBlame, "You failed to"}, {assistant.FindingBlame, "That's not my department"},
				{assistant.FindingBelittling, "simply"}, {assistant.FindingOfficialese, "Should you require"},
				{assistant.FindingOfficialese, "do not hesitate"}, {assistant.FindingPassiveVoice, "be collected"},
				{assistant.FindingOfficialese, "Please find enclosed"}, {assistant.FindingOfficialese, "We trust this clarifies"},
				{assistant.FindingOfficialese, "Thank you in advance"},
			},
		},
	}
	e := New()
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			turns := readSample(t, filepath.Join("..", "..", "testdata", "calls", tt.file))
			var all []assistant.Finding
			calmSeen := false
			for i, turn := range turns {
				if turn.Speaker != assistant.Agent {
					continue
				}
				u := assistant.Utterance{Text: turn.Text, Language: tt.lang, Context: turns[max(0, i-3):i]}
				p, err := e.Phrase(context.Background(), u)
				if err != nil {
					t.Fatalf("turn %d: %v", i, err)
				}
				checkRewrites(t, turn.Text, p)
				for _, f := range p.Findings {
					if f.Rewrite != nil && f.Kind == assistant.FindingJargon && containsWord(f.Rewrite.Text, f.Text) {
						t.Errorf("turn %d: rewrite %q keeps the jargon %q", i, f.Rewrite.Text, f.Text)
					}
				}
				if tt.calm != "" && strings.Contains(turn.Text, tt.calm) {
					calmSeen = true
					for _, f := range p.Findings {
						if f.Kind == assistant.FindingThreat {
							t.Errorf("turn %d: reassurance %q read as a threat: %q", i, tt.calm, f.Text)
						}
					}
				}
				all = append(all, p.Findings...)
			}
			if tt.calm != "" && !calmSeen {
				t.Errorf("the sample no longer holds %q", tt.calm)
			}
			for _, pl := range tt.planted {
				found := false
				for _, f := range all {
					if f.Kind == pl.kind && strings.Contains(strings.ToLower(f.Text), strings.ToLower(pl.term)) {
						found = true
						break
					}
				}
				if !found {
					t.Errorf("planted %s %q not found", pl.kind, pl.term)
				}
			}
		})
	}
}
