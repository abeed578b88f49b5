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
// after a Dutch customer is read as Dutch. engine is the engine asked for;
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
		lang = language.Detect(strings.Join(append(texts, req.Text), "\n"))
	}
	req.Language = lang
	return a.Tip(ctx, req)
}
