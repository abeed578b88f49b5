package assistant

// ReviewSave is one save of a trainer's review form: a new draft or an
// edit of one, published at once when Publish is set. It is stored whole
// or not at all.
type ReviewSave struct {
	// CallID is the call reviewed; it is required for a new draft, and
	// must match the draft's call when both are given.
	CallID int64
	// ReviewID is the draft to edit; 0 starts a new one.
	ReviewID int64
	Input    ReviewInput
	// Publish publishes the draft for the call's agent in the same
	// transaction; it needs a rating.
	Publish bool
}
