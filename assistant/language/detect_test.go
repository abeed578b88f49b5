package language

import (
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		text string
		want assistant.Language
	}{
		{"Dutch agent", "U moet vóór vrijdag het bedrag van de vordering betalen, anders gaat het dossier naar de deurwaarder.", assistant.Dutch},
		{"Dutch customer", "Ik ben mijn baan kwijt en ik kan niet meer dan 50 euro per maand.", assistant.Dutch},
		{"English agent", "You must pay the outstanding balance by Friday or the account will be passed to our solicitors.", assistant.English},
		{"English customer", "I lost my job and I can only do £40 a month, I'm sorry.", assistant.English},
		{"Dutch with capitals and punctuation", "JA, DAT KAN. Dank u wel!", assistant.Dutch},
		{"Flemish", "Allee, ge moet da nie zo zeggen, gij weet toch dat ik nie kan betalen.", assistant.Dutch},
		{"no evidence defaults to English", "€ 1.250,50 — 12-05-2026", assistant.English},
		{"empty defaults to English", "", assistant.English},
		{"a tie is English", "de the", assistant.English},
		{"Ok is a tie", "Ok", assistant.English},
		{"Hmm is a tie", "Hmm", assistant.English},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect(tt.text); got != tt.want {
				t.Errorf("Detect(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestResolve(t *testing.T) {
	tests := []struct {
		name     string
		declared assistant.Language
		text     string
		want     assistant.Language
	}{
		{"declared Dutch, a tie stays Dutch", assistant.Dutch, "Ok", assistant.Dutch},
		{"declared Dutch, a short English reply stays Dutch", assistant.Dutch, "Yes, thank you.", assistant.Dutch},
		{"declared Dutch, a clearly English turn is English", assistant.Dutch, "Sorry, I don't speak Dutch, can you help me in English please?", assistant.English},
		{"declared English, a clearly Dutch turn is Dutch", assistant.English, "Ik begrijp het niet, kunt u het in het Nederlands zeggen?", assistant.Dutch},
		{"declared English, Hmm stays English", assistant.English, "Hmm", assistant.English},
		{"nothing declared detects", "", "Ik kan niet betalen.", assistant.Dutch},
		{"nothing declared, a tie is English", "", "Hmm", assistant.English},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Resolve(tt.declared, tt.text); got != tt.want {
				t.Errorf("Resolve(%q, %q) = %q, want %q", tt.declared, tt.text, got, tt.want)
			}
		})
	}
}

func BenchmarkDetect(b *testing.B) {
	s := "Goedemiddag, u spreekt met Sanne van Incasso Noord. Ik bel u over de rekening van maart, die nog openstaat. Heeft u even tijd?"
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Detect(s)
	}
}

func TestForeign(t *testing.T) {
	tests := []struct {
		text string
		want string // the language named; "-" for text in Dutch or English
	}{
		{"Sie müssen sofort den vollen Betrag bezahlen, sonst kommt der Gerichtsvollzieher.", "German"},
		{"Vous devez payer le montant total tout de suite, sinon nous allons au tribunal.", "French"},
		{"Usted tiene que pagar la cantidad completa hoy, o vamos a los tribunales.", "Spanish"},
		{"Bu ay ödeme yapamam, çok üzgünüm ama para yok.", "Turkish"},
		{"Przepraszam, nie mogę teraz zapłacić, jestem bez pracy.", "Polish"},
		{"Вы должны заплатить всю сумму сегодня.", ""},
		{"U moet het volledige bedrag vandaag nog betalen, anders gaat het naar de deurwaarder.", "-"},
		{"Ik kan die rekening niet in één keer betalen, pas volgende maand.", "-"},
		{"You must pay the full amount today or it goes to the bailiff.", "-"},
		{"I'm sorry, I lost my job, je ne sais quoi.", "-"},
		{"Danke.", "-"},
		{"Merci, dank u wel!", "-"},
		{"Ok", "-"},
		{"", "-"},
	}
	for _, tt := range tests {
		name, ok := Foreign(tt.text)
		if got := map[bool]string{true: name, false: "-"}[ok]; got != tt.want {
			t.Errorf("Foreign(%q) = %q, %v; want %q", tt.text, name, ok, tt.want)
		}
	}
}

// Foreign runs on every live tip without a declared language.
func BenchmarkForeign(b *testing.B) {
	text := "Ik begrijp dat het lastig is, maar u moet het volledige bedrag van € 1.250,50 vóór vrijdag betalen, anders gaat het dossier naar de deurwaarder."
	for b.Loop() {
		Foreign(text)
	}
}
