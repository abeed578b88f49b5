package assistant

// AfterCallSummary is the note a collector would otherwise write after a
// call, for the record: the customer's situation, what was agreed (amount,
// dates, the promise to pay) and what the agent promised to do next, in the
// call's language and at most about MaxSummaryWords words.
type AfterCallSummary struct {
	Language  Language `json:"language"`
	Situation string   `json:"situation"`
	Agreement string   `json:"agreement"`
	NextStep  string   `json:"next_step"`
	// Text is the three parts as one paragraph, as a record shows it.
	Text string `json:"text"`
	// Engine, Model and PromptVersion say what wrote it.
	Engine        string `json:"engine"`
	Model         string `json:"model,omitempty"`
	PromptVersion string `json:"prompt_version,omitempty"`
}

// MaxSummaryWords is how long an after-call summary should be. A summary is
// read in the minute between two calls; a model that writes a page has not
// summarised.
const MaxSummaryWords = 80

// ReviewPoint is one strength or focus point of a review, pointing at the
// turns it is about.
type ReviewPoint struct {
	Text string `json:"text"`
	// Turns holds the indexes of the turns the point is about; TurnIDs the
	// stored turns' ids, set once the call is stored.
	Turns   []int   `json:"turns"`
	TurnIDs []int64 `json:"turn_ids,omitempty"`
}

// DraftReview is a trainer's review as a language model drafts it: two or
// three strengths and two or three focus points. Its Status is always
// ReviewDraft (see review.go): what a model proposed is never shown to the
// agent as a trainer's word. It is stored with the call
// as a draft; the coaching workflow lets a trainer edit it and publish it as
// their own, and only then does the agent see it.
type DraftReview struct {
	Status      ReviewStatus  `json:"status"`
	Language    Language      `json:"language"`
	Strengths   []ReviewPoint `json:"strengths"`
	FocusPoints []ReviewPoint `json:"focus_points"`
	// Engine, Model and PromptVersion say what drafted it.
	Engine        string `json:"engine"`
	Model         string `json:"model,omitempty"`
	PromptVersion string `json:"prompt_version,omitempty"`
}

// Review points a draft holds of each kind.
const (
	MinReviewPoints = 2
	MaxReviewPoints = 3
)

// SetTurnIDs fills the TurnIDs of every point from the stored turns' ids by
// index, so that a review can point at a turn by its id.
func (r *DraftReview) SetTurnIDs(ids map[int]int64) {
	for _, points := range [][]ReviewPoint{r.Strengths, r.FocusPoints} {
		for i := range points {
			p := &points[i]
			p.TurnIDs = p.TurnIDs[:0]
			for _, t := range p.Turns {
				if id, ok := ids[t]; ok {
					p.TurnIDs = append(p.TurnIDs, id)
				}
			}
			if len(p.TurnIDs) == 0 {
				p.TurnIDs = nil
			}
		}
	}
}
