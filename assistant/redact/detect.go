package redact

import (
	"regexp"
	"strings"
)

// Each detector finds candidates with a loose expression, then keeps those
// that pass the check their kind has (a checksum, a numbering plan), so that
// a case number or an amount is not taken for personal data.

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isAlnum(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// standalone reports whether text[start:end] is not part of a longer run of
// digits or letters, which RE2, lacking look-behind, cannot say.
func standalone(text string, start, end int) bool {
	return (start == 0 || !isAlnum(text[start-1])) && (end == len(text) || !isAlnum(text[end]))
}

func digits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

var emailRE = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`)

func findEmails(text string) []span {
	var out []span
	for _, m := range emailRE.FindAllStringIndex(text, -1) {
		out = append(out, span{start: m[0], end: m[1]})
	}
	return out
}

// ibanRE takes a country code, check digits and groups of up to four; the
// checksum then decides where the IBAN ends, since the word after it may
// look like one more group.
var ibanRE = regexp.MustCompile(`(?i)[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,32}`)

// ibanLength holds the IBAN length of the countries whose customers
// rooscoach meets most (the SWIFT IBAN registry); others are checked by the
// checksum alone.
var ibanLength = map[string]int{
	"NL": 18, "BE": 16, "DE": 22, "FR": 27, "GB": 22, "IE": 22, "LU": 20, "ES": 24, "IT": 27, "PL": 28,
	"AT": 20, "CH": 21, "DK": 18, "SE": 24, "NO": 15, "FI": 18, "PT": 25,
}

func findIBANs(text string) []span {
	var out []span
	for _, m := range ibanRE.FindAllStringIndex(text, -1) {
		if m[0] > 0 && isAlnum(text[m[0]-1]) {
			continue
		}
		// The characters of the candidate without spaces, with where each
		// ends in text.
		var chars []byte
		var ends []int
		for i := m[0]; i < m[1]; i++ {
			if text[i] != ' ' {
				chars = append(chars, upper(text[i]))
				ends = append(ends, i+1)
			}
		}
		want := ibanLength[string(chars[:2])]
		for n := min(len(chars), 34); n >= 15; n-- {
			if want != 0 && n != want {
				continue
			}
			end := ends[n-1]
			if end < len(text) && isAlnum(text[end]) {
				continue
			}
			if ibanValid(chars[:n]) {
				out = append(out, span{start: m[0], end: end})
				break
			}
		}
	}
	return out
}

func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

// ibanValid checks the ISO 7064 mod 97-10 checksum of ISO 13616: the first
// four characters moved to the end, letters as 10–35, the number mod 97 is 1.
func ibanValid(iban []byte) bool {
	rem := 0
	for _, c := range append(append([]byte{}, iban[4:]...), iban[:4]...) {
		switch {
		case isDigit(c):
			rem = (rem*10 + int(c-'0')) % 97
		case c >= 'A' && c <= 'Z':
			rem = (rem*100 + int(c-'A') + 10) % 97
		default:
			return false
		}
	}
	return rem == 1
}

var cardRE = regexp.MustCompile(`\d(?:[ -]?\d){12,18}`)

func findCards(text string) []span {
	var out []span
	for _, m := range cardRE.FindAllStringIndex(text, -1) {
		if !standalone(text, m[0], m[1]) {
			continue
		}
		if d := digits(text[m[0]:m[1]]); luhn(d) {
			out = append(out, span{start: m[0], end: m[1]})
		}
	}
	return out
}

// luhn checks the Luhn (mod 10) check digit of ISO/IEC 7812 card numbers.
func luhn(d string) bool {
	if len(d) < 13 || len(d) > 19 || strings.Trim(d, "0") == "" {
		return false
	}
	sum := 0
	for i := 0; i < len(d); i++ {
		n := int(d[len(d)-1-i] - '0')
		if i%2 == 1 {
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
	}
	return sum%10 == 0
}

// ssnRE takes the written form only (123-45-6789 or with spaces): nine bare
// digits are as likely a Dutch BSN or a case number.
var ssnRE = regexp.MustCompile(`(\d{3})[- ](\d{2})[- ](\d{4})`)

func findSSNs(text string) []span {
	var out []span
	for _, m := range ssnRE.FindAllStringSubmatchIndex(text, -1) {
		if !standalone(text, m[0], m[1]) {
			continue
		}
		area, group, serial := text[m[2]:m[3]], text[m[4]:m[5]], text[m[6]:m[7]]
		// The SSA never issues area 000, 666 or 900–999, group 00 or
		// serial 0000.
		if area == "000" || area == "666" || area[0] == '9' || group == "00" || serial == "0000" {
			continue
		}
		out = append(out, span{start: m[0], end: m[1]})
	}
	return out
}

// ninoRE follows HMRC's National Insurance number format (NIM39110): two
// prefix letters, D, F, I, Q, U and V never used and O never second, six
// digits and a suffix A–D.
var ninoRE = regexp.MustCompile(`(?i)([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?\d{2} ?\d{2} ?\d{2} ?[A-D]`)

// ninoBarred are prefixes HMRC does not allocate.
var ninoBarred = map[string]bool{"BG": true, "GB": true, "NK": true, "KN": true, "TN": true, "NT": true, "ZZ": true}

func findNINOs(text string) []span {
	var out []span
	for _, m := range ninoRE.FindAllStringSubmatchIndex(text, -1) {
		if !standalone(text, m[0], m[1]) || ninoBarred[strings.ToUpper(text[m[2]:m[3]])] {
			continue
		}
		out = append(out, span{start: m[0], end: m[1]})
	}
	return out
}

// A date of birth is a date said as one: after "geboren", "geboortedatum",
// "date of birth", "born", "DOB". Other dates (a payment on the 25th, a
// letter of 3 March) stay, since rewrites must keep them.
var dobRE = regexp.MustCompile(`(?i)\b(?:geboren(?:\s+op)?|geboortedatum(?:\s+is)?|geb\.|date\s+of\s+birth(?:\s+is)?|birth\s*date(?:\s+is)?|born(?:\s+on)?|d\.?o\.?b\.?)\s*:?\s*` +
	`(\d{1,2}[-/. ]\d{1,2}[-/. ]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th|e)?\s+(?:of\s+)?` + monthNames + `\.?,?\s+\d{4}|` + monthNames + `\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})`)

const monthNames = `(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|` +
	`january|february|march|may|june|july|august|october|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec)`

func findDOBs(text string) []span {
	var out []span
	for _, m := range dobRE.FindAllStringSubmatchIndex(text, -1) {
		out = append(out, span{start: m[2], end: m[3]})
	}
	return out
}

// Dutch street names are one word ending in a street word ("Kerkstraat",
// "Keizersgracht"); English ones are capitalised words before one ("Baker
// Street"), after the house number. A number alone, or a street word
// without a number, is no address.
var (
	nlStreetRE = regexp.MustCompile(`(?i)\b[a-zà-ÿ'-]{2,}(?:straat|laan|weg|plein|gracht|kade|singel|dijk|hof|steeg|pad|dreef|park|markt|baan|dam|wal|erf|veld|plantsoen|boulevard|allee|ring|zijde|hoven|burg|polder)` +
		`\s+\d{1,5}(?:\s?[a-z]\b|-\d{1,4}\b|\s(?:hs|bis)\b)?(?:,?\s+\d{4}\s?[a-z]{2}\b(?:\s+[A-Z][a-zà-ÿ]+(?:[ -][A-Z][a-zà-ÿ]+)?)?)?`)
	enStreetRE = regexp.MustCompile(`\b\d{1,5}[A-Za-z]?,?\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Way|Court|Ct|Place|Pl|Crescent|Boulevard|Blvd|Terrace|Gardens|Grove|Square|Row|Hill|Mews|Parkway|Walk)\b\.?` +
		`(?:,?\s+[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b)?`)
)

func findAddresses(text string) []span {
	var out []span
	for _, re := range []*regexp.Regexp{nlStreetRE, enStreetRE} {
		for _, m := range re.FindAllStringIndex(text, -1) {
			end := m[1]
			for end > m[0] && (text[end-1] == ' ' || text[end-1] == ',') {
				end--
			}
			if !overlaps(out, span{start: m[0], end: end}) {
				out = append(out, span{start: m[0], end: end})
			}
		}
	}
	return out
}

var bsnRE = regexp.MustCompile(`\d{4}\.?\d{2}\.?\d{3}|\d{3}[ .]\d{3}[ .]\d{3}|\d{3}[ .]\d{2}[ .]\d{4}`)

func findBSNs(text string) []span {
	var out []span
	for _, m := range bsnRE.FindAllStringIndex(text, -1) {
		if !standalone(text, m[0], m[1]) {
			continue
		}
		if elfProef(digits(text[m[0]:m[1]])) {
			out = append(out, span{start: m[0], end: m[1]})
		}
	}
	return out
}

// elfProef is the Dutch 11-test of a BSN: 9·d1 + 8·d2 + … + 2·d8 − d9 is a
// multiple of 11 (and not 0).
func elfProef(d string) bool {
	if len(d) != 9 {
		return false
	}
	sum := 0
	for i := 0; i < 8; i++ {
		sum += (9 - i) * int(d[i]-'0')
	}
	sum -= int(d[8] - '0')
	return sum != 0 && sum%11 == 0
}

// Phone numbers by numbering plan: Dutch numbers have ten digits from the
// trunk 0 (+31 and nine), British eleven (+44 and ten) starting 01, 02, 03,
// 07 or 08, North American ten in the NANP's NXX-NXX-XXXX.
var (
	nlPhoneRE = regexp.MustCompile(`(?:(?:\+|00)31[\s-]?(?:\(0\)[\s-]?)?[1-9]|\b0[1-9])(?:[\s-]?\d){8}`)
	ukPhoneRE = regexp.MustCompile(`(?:(?:\+|00)44[\s-]?(?:\(0\)[\s-]?)?[12378]|\b0[12378])(?:[\s-]?\d){9}`)
	usPhoneRE = regexp.MustCompile(`(?:\+1[\s.-]?)?(?:\([2-9]\d{2}\)|\b[2-9]\d{2})[\s.-]?[2-9]\d{2}[\s.-]?\d{4}`)
)

func findPhones(text string) []span {
	var out []span
	for _, re := range []*regexp.Regexp{ukPhoneRE, nlPhoneRE, usPhoneRE} {
		for _, m := range re.FindAllStringIndex(text, -1) {
			s := span{start: m[0], end: m[1]}
			if m[1] < len(text) && isDigit(text[m[1]]) || m[0] > 0 && isDigit(text[m[0]-1]) || overlaps(out, s) {
				continue
			}
			out = append(out, s)
		}
	}
	return out
}
