package language

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rooscoach/rooscoach/assistant"
)

// Function words are frequent in every text of a language and rare in the
// other, so counting them tells Dutch from English in a few words, without a
// model. Words both languages use ("is", "in", "we", "me", "was", "of",
// "even", "want") are left out.
var dutchWords = wordSet(`de het een en dat ik u je jij niet van op te met voor zijn er maar wat ook dan bij nog
naar wel kan kunt heb hebt heeft hebben wordt worden om als dit die deze mijn uw jouw wij ze zij hij geen nee
goed dank graag moet moeten bent ben wil wilt gaat gaan uit aan tot omdat hoe waar wanneer hoeveel
zou zal zullen alleen al nu toch dus welke iets niets meer veel ons onze hun mag mogen weet kunnen
doen betalen bedrag maand bedankt ja hoor zeker daar hier waarom zo één twee drie niks jullie mij gij ge`)

var englishWords = wordSet(`the a an and that i you not of on to with for are be but what also then at will can
have has it this my your they he she no yes do does don't i'm i've i'll you're it's that's would could should
about from there if how where when because just please thank thanks our us their them been being which
any some more much know get got pay payment month pounds okay sure why here well right can't won't
didn't isn't let's one two three`)

func wordSet(s string) map[string]struct{} {
	m := map[string]struct{}{}
	for _, w := range strings.Fields(s) {
		m[w] = struct{}{}
	}
	return m
}

// Detect returns the language of text, Dutch or English, from the
// frequencies of function words: the language with more evidence wins.
//
// A tie, including text with no evidence at all ("Ok", "Hmm", an amount),
// is English, everywhere in rooscoach: one rule, so that a tip and a stored
// call never disagree about the same words. Where a call's language is known,
// use [Resolve] instead, which keeps it.
func Detect(text string) assistant.Language {
	nl, en := Evidence(text)
	return Decide(nl, en)
}

// Decide names the language with more evidence; a tie is English (see
// [Detect]).
func Decide(nl, en int) assistant.Language {
	if nl > en {
		return assistant.Dutch
	}
	return assistant.English
}

// Resolve returns the language of a turn of a call in language declared: the
// declared language stands unless the text is clearly in the other one
// ([Clearly]). With nothing declared it is [Detect].
func Resolve(declared assistant.Language, text string) assistant.Language {
	if declared == "" {
		return Detect(text)
	}
	if other := Clearly(text, declared); other != "" {
		return other
	}
	return declared
}

// Clearly returns the other language when text is clearly not in lang: at
// least four function words of the other language and fewer than a third as
// many of lang's. Short turns ("Ja.", "OK", "Yes, thank you.") never count, so
// a call's language is not overturned by a polite reply in the other one. It
// returns "" when text may well be in lang.
func Clearly(text string, lang assistant.Language) assistant.Language {
	nl, en := Evidence(text)
	same, other, otherLang := nl, en, assistant.English
	if lang == assistant.English {
		same, other, otherLang = en, nl, assistant.Dutch
	}
	if other >= 4 && other > 3*same {
		return otherLang
	}
	return ""
}

// Evidence counts the Dutch and the English function words in text. It
// allocates nothing for words of ordinary length, so that detection costs
// little on the live path.
func Evidence(text string) (nl, en int) {
	var buf [24]byte
	n, long := 0, false
	flush := func() {
		if n > 0 && !long {
			w := buf[:n]
			if _, ok := dutchWords[string(w)]; ok {
				nl++
			}
			if _, ok := englishWords[string(w)]; ok {
				en++
			}
		}
		n, long = 0, false
	}
	for _, r := range text {
		if r == '’' {
			r = '\''
		}
		if !unicode.IsLetter(r) && r != '\'' {
			flush()
			continue
		}
		if long {
			continue
		}
		r = unicode.ToLower(r)
		if n+utf8.RuneLen(r) > len(buf) {
			long = true
			continue
		}
		n += utf8.EncodeRune(buf[n:], r)
	}
	flush()
	return nl, en
}
