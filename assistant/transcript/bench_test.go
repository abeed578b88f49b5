package transcript

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// fifteenMinutes builds a 15-minute call of 180 turns (a turn every five
// seconds) in text, WebVTT and rooscoach JSON.
func fifteenMinutes() (text, vtt, js []byte) {
	lines := []string{
		"Ik bel over uw dossier, er staat nog een vordering open van € 1.250,50 en ik wil graag met u kijken wat haalbaar is.",
		"Dat begrijp ik, maar ik ben vorige maand mijn baan kwijtgeraakt en ik kan nu echt niet meer dan 50 euro per maand.",
	}
	var t, v strings.Builder
	type turn struct {
		Speaker string `json:"speaker"`
		Text    string `json:"text"`
		StartMS int64  `json:"start_ms"`
		EndMS   int64  `json:"end_ms"`
	}
	var turns []turn
	v.WriteString("WEBVTT\n\n")
	for i := range 180 {
		who, name := "Medewerker", "Agent"
		if i%2 == 1 {
			who, name = "Klant", "Customer"
		}
		start := int64(i) * 5000
		fmt.Fprintf(&t, "[%s] %s: %s\n", clock(start), who, lines[i%2])
		fmt.Fprintf(&v, "%d\n%s.000 --> %s.500\n<v %s>%s</v>\n\n", i+1, clock(start), clock(start+4000), name, lines[i%2])
		turns = append(turns, turn{strings.ToLower(name), lines[i%2], start, start + 4500})
	}
	js, _ = json.Marshal(map[string]any{"external_id": "bench", "turns": turns})
	return []byte(t.String()), []byte(v.String()), js
}

func BenchmarkParse15Minutes(b *testing.B) {
	text, vtt, js := fifteenMinutes()
	for _, bc := range []struct {
		name string
		data []byte
	}{{"text", text}, {"webvtt", vtt}, {"json", js}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(bc.data, "", Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkParse15MinutesInferred(b *testing.B) {
	_, vtt, _ := fifteenMinutes()
	vtt = []byte(strings.NewReplacer("<v Agent>", "<v Anna de Vries>", "<v Customer>", "<v Piet Jansen>").Replace(string(vtt)))
	vtt = []byte(strings.Replace(string(vtt), "<v Anna de Vries>", "<v Anna de Vries>Goedemiddag meneer Jansen, u spreekt met Anna namens Energie Plus. ", 1))
	b.SetBytes(int64(len(vtt)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(vtt, "", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
