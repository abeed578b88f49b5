package assistant

// Readability scales.
const (
	ScaleFleschDouma       = "flesch-douma"
	ScaleFleschReadingEase = "flesch-reading-ease"
)

// ScoreReadability fills Scale, Score, MeanSentenceLength and LongWordShare of
// r from its counts: Flesch–Douma for Dutch, Flesch reading ease for English.
// Keeping the formula here lets turn scores be combined into a call score
// from their counts rather than averaged, which would overweight short turns.
func ScoreReadability(lang Language, r Readability) Readability {
	r.Scale = ScaleFleschReadingEase
	if lang == Dutch {
		r.Scale = ScaleFleschDouma
	}
	r.Score, r.MeanSentenceLength, r.LongWordShare = 0, 0, 0
	if r.Words == 0 || r.Sentences == 0 {
		return r
	}
	w, s, syl := float64(r.Words), float64(r.Sentences), float64(r.Syllables)
	r.MeanSentenceLength = w / s
	r.LongWordShare = float64(r.LongWords) / w
	if lang == Dutch {
		r.Score = 206.84 - 0.77*(100*syl/w) - 0.93*(w/s)
	} else {
		r.Score = 206.835 - 1.015*(w/s) - 84.6*(syl/w)
	}
	// Rounded here, where every readability figure is made: a call's, a
	// turn's and a bucket's.
	r.Score, r.MeanSentenceLength, r.LongWordShare = roundFigure(r.Score), roundFigure(r.MeanSentenceLength), roundFigure(r.LongWordShare)
	return r
}

// CombineReadability adds up the counts of parts and scores the total.
func CombineReadability(lang Language, parts []Readability) Readability {
	var r Readability
	for _, p := range parts {
		r.Sentences += p.Sentences
		r.Words += p.Words
		r.Syllables += p.Syllables
		r.LongWords += p.LongWords
	}
	return ScoreReadability(lang, r)
}
