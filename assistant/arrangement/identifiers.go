package arrangement

import (
	"strconv"
	"strings"

	"github.com/rooscoach/rooscoach/assistant/language"
)

// Numbers that are never money, whatever a sentence or a question around
// them suggests: the article of a law the agent cites ("artikel 6:96 BW"),
// account, policy, file and phone numbers, dates and times.

// identifierWords come right before a number that names something rather
// than counting money.
var identifierWords = language.Compile(
	"artikel", "art", "artikelen", "lid", "paragraaf", "sectie", "hoofdstuk", "wetsartikel",
	"article", "articles", "section", "sections", "paragraph", "rule", "regulation", "chapter", "conc", "usc",
	"rekeningnummer", "bankrekening", "bankrekeningnummer", "iban", "rekening nummer", "girorekening",
	"account number", "account no", "bank account", "sort code", "routing number", "card number",
	"polisnummer", "polis", "polisnr", "dossiernummer", "dossiernr", "dossier", "klantnummer", "klantnr",
	"contractnummer", "factuurnummer", "factuurnr", "kenmerk", "betalingskenmerk", "referentie", "referentienummer",
	"zaaknummer", "postcode", "huisnummer", "nummer", "nr",
	"policy number", "policy no", "reference", "reference number", "ref", "case number", "customer number",
	"invoice number", "contract number", "claim number", "number", "postcode", "zip", "zip code", "apartment", "flat",
	"telefoonnummer", "telefoon", "tel", "mobiel", "bel", "sms", "whatsapp",
	"phone", "phone number", "telephone", "mobile", "call", "ring", "text", "dial", "extension",
)

// monthWords name a month, which makes a number next to it a date.
var monthWords = map[string]int{
	"januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7, "augustus": 8,
	"september": 9, "oktober": 10, "november": 11, "december": 12,
	"january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8, "october": 10,
	"jan": 1, "feb": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10, "oct": 10,
	"nov": 11, "dec": 12,
}

// yearLeads before a year-like number make it a year: "in 2024", "sinds 2019".
var yearLeads = map[string]bool{"in": true, "sinds": true, "since": true, "jaar": true, "year": true, "uit": true, "from": true, "tot": true, "until": true}

// adjacent reports whether toks[a] ends where toks[b] starts: no space
// between them.
func adjacent(toks []language.Token, a, b int) bool {
	return a >= 0 && b < len(toks) && toks[a].End == toks[b].Start
}

// identifier reports whether the number at toks[i] names something rather
// than an amount: it follows an identifier word, starts with a 0 (phone
// and account numbers do, amounts do not), belongs to a run of numbers split
// only by spaces ("020 123 4567", "116 123"), is joined by a colon or a
// slash to another number ("6:96", "14:30", "25/06"), is part of a date
// ("25-06-2026", "25 juni", "July 4") or a year ("in 2024"), or follows a
// "+" ("+31").
func identifier(toks []language.Token, i int) bool {
	t := toks[i]
	digits := strings.TrimRight(t.Text, ",.-–—")
	if len(digits) > 1 && digits[0] == '0' && digits[1] >= '0' && digits[1] <= '9' {
		return true
	}
	if i > 0 && toks[i-1].Kind == language.Number && !toks[i-1].Ordinal {
		return true
	}
	if i+1 < len(toks) && toks[i+1].Kind == language.Number && !toks[i+1].Ordinal {
		return true
	}
	joined := func(a, sep int) bool {
		if sep < 0 || sep >= len(toks) || toks[sep].Kind != language.Punct {
			return false
		}
		s := toks[sep].Text
		return (s == ":" || s == "/") && adjacent(toks, min(a, sep), max(a, sep))
	}
	if (joined(i, i+1) && i+2 < len(toks) && toks[i+2].Kind == language.Number && adjacent(toks, i+1, i+2)) ||
		(joined(i, i-1) && i-2 >= 0 && toks[i-2].Kind == language.Number && adjacent(toks, i-2, i-1)) {
		return true
	}
	if dashDate(toks, i) {
		return true
	}
	if i > 0 && toks[i-1].Kind == language.Punct && toks[i-1].Text == "+" && adjacent(toks, i-1, i) {
		return true
	}
	// Glued to letters: "NL91", "475da", "3pm"; but "50euro" is money.
	if i > 0 && toks[i-1].Kind == language.Word && adjacent(toks, i-1, i) {
		return true
	}
	if w := wordAt(toks, i+1); i+1 < len(toks) && toks[i+1].Kind == language.Word && adjacent(toks, i, i+1) && language.CurrencyOf(w) == "" && notes[w].value == 0 {
		return true
	}
	if _, ok := monthWords[wordAt(toks, i+1)]; ok {
		return true
	}
	if _, ok := monthWords[wordAt(toks, i-1)]; ok {
		return true
	}
	if v, err := strconv.Atoi(digits); err == nil && v >= 1900 && v <= 2100 && len(digits) == 4 &&
		(yearLeads[wordAt(toks, i-1)] || (wordAt(toks, i-1) == "," && i >= 2 && toks[i-2].Kind == language.Number)) {
		return true
	}
	// "artikel 6", "art. 475", "polisnummer: 2024", "account number 12345678".
	for back := 1; back <= 3 && i-back >= 0; back++ {
		if toks[i-back].Kind == language.Punct && (toks[i-back].Text == "." || toks[i-back].Text == ":" || toks[i-back].Text == "#") ||
			language.IsWord(toks, i-back, "is", "was", "luidt") {
			continue
		}
		for n := 1; n <= 3 && i-back-n+1 >= 0; n++ {
			start := i - back - n + 1
			if _, m := language.Longest(identifierWords, toks, start); m == n {
				return true
			}
		}
		break
	}
	return false
}

// dashDate reports whether toks[i] is one of three numbers joined by
// dashes without spaces: "25-06-2026".
func dashDate(toks []language.Token, i int) bool {
	isDash := func(k int) bool {
		return k >= 0 && k < len(toks) && toks[k].Kind == language.Punct && toks[k].Text == "-"
	}
	isNum := func(k int) bool { return k >= 0 && k < len(toks) && toks[k].Kind == language.Number }
	for s := i - 4; s <= i; s += 2 {
		if isNum(s) && isDash(s+1) && isNum(s+2) && isDash(s+3) && isNum(s+4) &&
			adjacent(toks, s, s+1) && adjacent(toks, s+1, s+2) && adjacent(toks, s+2, s+3) && adjacent(toks, s+3, s+4) {
			return true
		}
	}
	return false
}
