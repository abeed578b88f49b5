package coach

import (
	"context"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/language"
)

// Tip answers an agent during a call. The language is read as every route
// reads it ([assistant.ParseLanguage]); when the agent did not say, it is
// detected from what was said, the context included, so that a short "Ok"
// after a Dutch customer is read as Dutch; text clearly in another
// language is refused with EUnprocessable rather than coached as English
// ([language.Foreign]). engine is the engine asked for;
// "" means the server's default.
func (s *Service) Tip(ctx context.Context, req assistant.TipRequest, engine assistant.EngineChoice) (*assistant.TipResult, error) {
	a, err := s.analyzer(engine)
	if err != nil {
		return nil, err
	}
	lang, err := assistant.ParseLanguage(string(req.Language))
	if err != nil {
		return nil, err
	}
	if lang == "" {
		texts := make([]string, 0, len(req.Context)+1)
		for _, c := range req.Context {
			texts = append(texts, c.Text)
		}
		text := strings.Join(append(texts, req.Text), "\n")
		if name, ok := language.Foreign(text); ok {
			// A tip in the wrong language is worse than none: the agent
			// would read advice on words the engines did not understand.
			return nil, foreignLanguage(name)
		}
		lang = language.Detect(text)
	}
	req.Language = lang
	return a.Tip(ctx, req)
}

// foreignLanguage is the error of a tip asked for text in another language
// than Dutch or English, named when known ("German").
func foreignLanguage(name string) error {
	reads := "is in neither Dutch nor English"
	if name != "" {
		reads = "reads as " + name
	}
	return assistant.Errorf(assistant.EUnprocessable, "The text %s, and rooscoach coaches in nl and en only; no tip, since advice on words it cannot read would mislead. If the text is Dutch or English after all, send \"language\": \"nl\" or \"en\".", reads)
}
