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
// after a Dutch customer is read as Dutch.
func (s *Service) Tip(ctx context.Context, req assistant.TipRequest) (*assistant.TipResult, error) {
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
	return s.Analyzer.Tip(ctx, req)
}
