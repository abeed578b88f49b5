package redact

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The samples are published examples, so that the checks are tested on data
// someone else wrote:
//   - IBANs: the examples of the SWIFT IBAN registry and of Wikipedia's
//     "International Bank Account Number" article (GB82 WEST…, NL91 ABNA…,
//     DE89 3704…, BE68 5390…);
//   - card numbers: the test cards processors publish (Visa 4111 1111 1111
//     1111, Mastercard 5555 5555 5555 4444, American Express 3782 822463
//     10005, as in Stripe's and PayPal's sandbox documentation);
//   - BSN: 111222333 and 123456782, the numbers Dutch test environments use
//     because they pass the 11-proef;
//   - SSN: 078-05-1120, the specimen number the SSA describes as printed on
//     wallet inserts in 1938;
//   - phone numbers: Ofcom's numbers reserved for drama (07700 900123, 020
//     7946 0958) and the NANP's fictitious 555-01XX range;
//   - e-mail: the example domains reserved by RFC 2606.
//
// The national insurance number is built by HMRC's format (NIM39110): its
// own specimen QQ 12 34 56 C uses a prefix it never allocates, so it is a
// negative case here.
func TestFind(t *testing.T) {
	tests := []struct {
		text string
		kind Kind
		want string // the matched text; "" for no match
	}{
		{"Mijn rekening is NL91 ABNA 0417 1643 00, klopt dat?", IBAN, "NL91 ABNA 0417 1643 00"},
		{"mijn iban is nl91abna0417164300 voor de termijnen", IBAN, "nl91abna0417164300"},
		{"Pay into GB82 WEST 1234 5698 7654 32 please", IBAN, "GB82 WEST 1234 5698 7654 32"},
		{"DE89 3704 0044 0532 0130 00", IBAN, "DE89 3704 0044 0532 0130 00"},
		{"BE68 5390 0754 7034.", IBAN, "BE68 5390 0754 7034"},
		{"card 4111 1111 1111 1111 expires", Card, "4111 1111 1111 1111"},
		{"5555-5555-5555-4444", Card, "5555-5555-5555-4444"},
		{"amex 3782 822463 10005", Card, "3782 822463 10005"},
		{"4111 1111 1111 1112 fails Luhn", "", ""},
		{"Mijn BSN is 111222333.", BSN, "111222333"},
		{"burgerservicenummer 1234.56.782", BSN, "1234.56.782"},
		{"123456789 is no BSN", "", ""},
		{"My SSN is 078-05-1120.", SSN, "078-05-1120"},
		{"666-12-3456", "", ""},
		{"000-12-3456", "", ""},
		{"my NI number is AB 12 34 56 C", NINO, "AB 12 34 56 C"},
		{"ab123456c", NINO, "ab123456c"},
		{"QQ 12 34 56 C", "", ""},
		{"GB 12 34 56 A", "", ""},
		{"call me on 07700 900123", Phone, "07700 900123"},
		{"020 7946 0958", Phone, "020 7946 0958"},
		{"+44 20 7946 0958", Phone, "+44 20 7946 0958"},
		{"bel me op 06-12345678 na vijven", Phone, "06-12345678"},
		{"+31 6 12345678", Phone, "+31 6 12345678"},
		{"0031 20 123 4567", Phone, "0031 20 123 4567"},
		{"(202) 555-0143", Phone, "(202) 555-0143"},
		{"+1 202 555 0143", Phone, "+1 202 555 0143"},
		{"mail jan.jansen@example.nl even", Email, "jan.jansen@example.nl"},
		{"ik ben geboren op 12-03-1985", DOB, "12-03-1985"},
		{"Mijn geboortedatum is 3 maart 1985.", DOB, "3 maart 1985"},
		{"date of birth: 1985-03-12", DOB, "1985-03-12"},
		{"I was born on 3rd March 1985", DOB, "3rd March 1985"},
		{"DOB March 3, 1985", DOB, "March 3, 1985"},
		{"ik woon op de Kerkstraat 12a, 1234 AB Amsterdam.", Address, "Kerkstraat 12a, 1234 AB Amsterdam"},
		{"Keizersgracht 123", Address, "Keizersgracht 123"},
		{"I live at 221B Baker Street, NW1 6XE", Address, "221B Baker Street, NW1 6XE"},
		{"10 Downing Street", Address, "10 Downing Street"},
		// What must stay: amounts, payment dates, case numbers, counts.
		{"U betaalt € 1.250,50 vóór 25 november.", "", ""},
		{"50 euro per maand vanaf 12-03-2026", "", ""},
		{"dossiernummer 2024-1183", "", ""},
		{"I can pay £40 on the 25th of each month for 12 months", "", ""},
		{"de straat is 12 meter breed", "", ""},
	}
	for _, tt := range tests {
		got := Find(tt.text)
		if tt.kind == "" {
			if len(got) != 0 {
				t.Errorf("Find(%q) = %+v, want nothing", tt.text, got)
			}
			continue
		}
		if len(got) != 1 || got[0].Kind != tt.kind || got[0].Text != tt.want {
			t.Errorf("Find(%q) = %+v, want one %s %q", tt.text, got, tt.kind, tt.want)
			continue
		}
		if runes := []rune(tt.text); string(runes[got[0].Start:got[0].End]) != tt.want {
			t.Errorf("Find(%q): offsets %d–%d are not character offsets of %q", tt.text, got[0].Start, got[0].End, tt.want)
		}
	}
}

// A number that fails its check is not taken for that kind, even where its
// pieces may be something else.
func TestFailedChecksAreNotTheirKind(t *testing.T) {
	for _, text := range []string{"NL91 ABNA 0417 1643 01", "GB82 WEST 1234 5698 7654 33"} {
		for _, m := range Find(text) {
			if m.Kind == IBAN {
				t.Errorf("Find(%q) found an IBAN %q that fails the checksum", text, m.Text)
			}
		}
	}
}

func TestSessionRoundTrip(t *testing.T) {
	s := NewSession()
	turns := []string{
		"Klant: Mijn IBAN is NL91 ABNA 0417 1643 00 en mijn nummer 06-12345678.",
		"Agent: Dank u. Ik noteer nl91abna0417164300 en jan.jansen@example.nl.",
		"Klant: Mijn zus heeft GB82 WEST 1234 5698 7654 32.",
	}
	var red []string
	for _, tt := range turns {
		red = append(red, s.Redact(tt))
	}
	want := []string{
		"Klant: Mijn IBAN is [IBAN-1] en mijn nummer [PHONE-1].",
		"Agent: Dank u. Ik noteer [IBAN-1] en [EMAIL-1].",
		"Klant: Mijn zus heeft [IBAN-2].",
	}
	if diff := cmp.Diff(want, red); diff != "" {
		t.Fatalf("redacted (-want +got):\n%s", diff)
	}
	for _, r := range red {
		for _, orig := range []string{"0417", "12345678", "example.nl", "WEST"} {
			if strings.Contains(r, orig) {
				t.Errorf("%q still holds %q", r, orig)
			}
		}
	}
	// The first way the customer said it comes back.
	got, err := s.Restore("Ik maak het over naar [IBAN-1]; u hoort van ons op [PHONE-1].")
	if err != nil {
		t.Fatal(err)
	}
	if got != "Ik maak het over naar NL91 ABNA 0417 1643 00; u hoort van ons op 06-12345678." {
		t.Errorf("Restore = %q", got)
	}
	if _, err := s.Restore("naar [IBAN-7]"); err == nil || !strings.Contains(err.Error(), "[IBAN-7]") {
		t.Errorf("Restore of a made-up placeholder: err %v, want one naming it", err)
	}
	if s.Len() != 4 {
		t.Errorf("Len = %d, want 4 distinct values", s.Len())
	}
}

func TestChecks(t *testing.T) {
	if !elfProef("111222333") || !elfProef("123456782") || elfProef("123456789") || elfProef("000000000") {
		t.Error("elfProef disagrees with the 11-proef")
	}
	if !luhn("4111111111111111") || !luhn("378282246310005") || luhn("4111111111111112") || luhn("0000000000000") {
		t.Error("luhn disagrees with the Luhn check")
	}
	if !ibanValid([]byte("GB82WEST12345698765432")) || ibanValid([]byte("GB82WEST12345698765433")) {
		t.Error("ibanValid disagrees with the mod-97 check")
	}
}

func FuzzRedactRestore(f *testing.F) {
	f.Add("Mijn IBAN is NL91 ABNA 0417 1643 00, bel 06-12345678, geboren op 12-03-1985.")
	f.Add("I live at 221B Baker Street, card 4111 1111 1111 1111, NI AB 12 34 56 C.")
	f.Fuzz(func(t *testing.T, text string) {
		if strings.Contains(text, "[") {
			return // a literal placeholder in the input is restored as given
		}
		s := NewSession()
		red := s.Redact(text)
		back, err := s.Restore(red)
		if err != nil {
			t.Fatalf("Restore(Redact(%q)): %v", text, err)
		}
		// Restoring gives the original of each value as first written; for a
		// text that writes each value once that is the text itself.
		if len(Find(text)) == s.Len() && back != text {
			t.Fatalf("Restore(Redact(%q)) = %q", text, back)
		}
	})
}

func BenchmarkRedact(b *testing.B) {
	text := strings.Repeat("Klant: Mijn IBAN is NL91 ABNA 0417 1643 00 en ik kan € 50 per maand betalen vanaf de 25e. ", 10)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		NewSession().Redact(text)
	}
}
