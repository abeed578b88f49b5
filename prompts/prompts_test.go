package prompts

import (
	"slices"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// A wording that exists in one language only would leave half the agents
// without it.
func TestEveryTemplateInBothLanguages(t *testing.T) {
	nl, en := Names(assistant.Dutch), Names(assistant.English)
	slices.Sort(nl)
	slices.Sort(en)
	for _, n := range nl {
		if _, ok := slices.BinarySearch(en, n); !ok {
			t.Errorf("template %q has Dutch wording but no English", n)
		}
	}
	for _, n := range en {
		if _, ok := slices.BinarySearch(nl, n); !ok {
			t.Errorf("template %q has English wording but no Dutch", n)
		}
	}
	if len(nl) == 0 {
		t.Fatal("no templates parsed")
	}
}

func TestMoney(t *testing.T) {
	tests := []struct {
		lang assistant.Language
		m    assistant.Money
		want string
	}{
		{assistant.Dutch, assistant.Money{Amount: 125050, Currency: "EUR"}, "€ 1.250,50"},
		{assistant.Dutch, assistant.Money{Amount: 5000, Currency: "EUR"}, "€ 50"},
		{assistant.English, assistant.Money{Amount: 124050, Currency: "USD"}, "$1,240.50"},
		{assistant.English, assistant.Money{Amount: 4000, Currency: "GBP"}, "£40"},
		{assistant.English, assistant.Money{Amount: 123456789, Currency: "EUR"}, "€1,234,567.89"},
		{assistant.Dutch, assistant.Money{Amount: 7, Currency: "EUR"}, "€ 0,07"},
	}
	for _, tt := range tests {
		if got := Money(tt.lang, tt.m); got != tt.want {
			t.Errorf("Money(%s, %v) = %q, want %q", tt.lang, tt.m, got, tt.want)
		}
	}
}

func TestRenderUnknown(t *testing.T) {
	if _, err := Render(assistant.Dutch, "no.such.prompt", nil); err == nil {
		t.Fatal("Render of an undefined template: want an error, got none")
	}
}
