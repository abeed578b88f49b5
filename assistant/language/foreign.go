package language

import (
	"strings"
	"unicode"
)

// Rooscoach coaches in Dutch and English only. Text in another language
// has few function words of either, so [Detect] reads it as English by its
// tie rule, and a tip would then be English advice on words the model never
// understood. Counting the function words of the languages a Dutch or
// British contact centre hears most besides tells such text apart. Words
// Dutch or English also use ("die", "je", "de", "pas", "al", "no") are left
// out, so that they never count against either.
var foreignWords = []struct {
	name  string
	words map[string]struct{}
}{
	{"German", wordSet(`der das und ist nicht sie ich wir ihr ihnen ihre ihren müssen muss den dem des ein eine einen
einem mit auf für von zu sofort bitte danke haben habe hat sind wird werden können auch noch schon aber oder wenn
dass jetzt heute mein meine sonst kommt nur bezahlen zahlen betrag vollen geld monat schulden sehr nein keine kein`)},
	{"French", wordSet(`le la les des est vous nous une pour avec que qui mais payer montant mois merci oui très sur
dans votre vos ce cette il elle sont avez devez faut tout sinon allons aujourd'hui du au aux ne suis peux pouvez`)},
	{"Spanish", wordSet(`el la los las es usted por para con una que pagar cantidad completa mes gracias sí pero tiene
debe su del lo como más está hoy vamos tenemos puede puedo señor señora deuda dinero ahora`)},
	{"Turkish", wordSet(`bir ve bu için ama çok evet hayır teşekkür ederim lütfen borç ödeme ödemek para ay şimdi
değil benim sizin var yok olarak gibi daha`)},
	{"Polish", wordSet(`nie się jest że jak ale dla tak pan pani proszę dziękuję mogę może zapłacić pieniądze dług
miesiąc teraz już jestem bardzo`)},
}

// Foreign reports whether text is clearly in neither Dutch nor English: at
// least three function words of another language and more than twice as
// many as of Dutch or English, or mostly words in another script than the
// Latin one. name is the language it reads as ("German"), "" when only the
// script tells. Short text ("Danke", "Merci") never counts, as a polite
// word in another language does not make a call foreign.
func Foreign(text string) (name string, ok bool) {
	nl, en := Evidence(text)
	counts := make([]int, len(foreignWords))
	latin, other := 0, 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\'' && r != '’'
	}) {
		w = strings.ReplaceAll(w, "’", "'")
		if r := []rune(w)[0]; r != '\'' && !unicode.Is(unicode.Latin, r) {
			other++
			continue
		}
		latin++
		for i, f := range foreignWords {
			if _, ok := f.words[w]; ok {
				counts[i]++
			}
		}
	}
	best := 0
	for i, n := range counts {
		if n > counts[best] {
			best = i
		}
	}
	if n := counts[best]; n >= 3 && n > 2*max(nl, en) {
		return foreignWords[best].name, true
	}
	if other >= 3 && other > latin {
		return "", true
	}
	return "", false
}
