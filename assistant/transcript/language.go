package transcript

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
doen betalen bedrag maand bedankt ja hoor zeker daar hier waarom zo één twee drie`)

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

// DetectLanguage returns the language of text, Dutch or English, from the
// frequencies of function words: the language with more evidence wins, and
// English on a tie (including text with no evidence at all). It is
// deterministic and allocates nothing for words of ordinary length.
func DetectLanguage(text string) assistant.Language {
	nl, en := evidence(text)
	return decide(nl, en)
}

func decide(nl, en int) assistant.Language {
	if nl > en {
		return assistant.Dutch
	}
	return assistant.English
}

// evidence counts the Dutch and the English function words in text.
func evidence(text string) (nl, en int) {
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

// otherLanguage returns the other language when text is clearly not in lang:
// several function words of the other language and few of lang's. Short
// turns ("Ja.", "OK") never count, so a call's language is not overturned by
// a stray word.
func otherLanguage(text string, lang assistant.Language) assistant.Language {
	nl, en := evidence(text)
	same, other, otherLang := nl, en, assistant.English
	if lang == assistant.English {
		same, other, otherLang = en, nl, assistant.Dutch
	}
	if other >= 3 && other > 3*same {
		return otherLang
	}
	return ""
}
