// Package mock holds fakes of rooscoach's interfaces for unit tests of the
// code above them: each fake calls the function in its field, so a test
// says exactly what the dependency answers, and a compile-time check keeps
// each fake in step with its interface.
package mock

import (
	"context"

	"github.com/rooscoach/rooscoach/assistant"
)

var (
	_ assistant.StanceClassifier  = (*StanceClassifier)(nil)
	_ assistant.Phraser           = (*Phraser)(nil)
	_ assistant.ClosingChecker    = (*ClosingChecker)(nil)
	_ assistant.FactReader        = (*FactReader)(nil)
	_ assistant.Adviser           = (*Adviser)(nil)
	_ assistant.Summarizer        = (*Summarizer)(nil)
	_ assistant.Reviewer          = (*Reviewer)(nil)
	_ assistant.ComplianceChecker = (*ComplianceChecker)(nil)
)

// StanceClassifier fakes [assistant.StanceClassifier].
type StanceClassifier struct {
	ClassifyTurnsFn func(ctx context.Context, turns []assistant.Turn, lang assistant.Language) ([]assistant.Stance, error)
}

// ClassifyTurns calls ClassifyTurnsFn.
func (m *StanceClassifier) ClassifyTurns(ctx context.Context, turns []assistant.Turn, lang assistant.Language) ([]assistant.Stance, error) {
	return m.ClassifyTurnsFn(ctx, turns, lang)
}

// Phraser fakes [assistant.Phraser].
type Phraser struct {
	PhraseFn func(ctx context.Context, u assistant.Utterance) (assistant.Phrasing, error)
}

// Phrase calls PhraseFn.
func (m *Phraser) Phrase(ctx context.Context, u assistant.Utterance) (assistant.Phrasing, error) {
	return m.PhraseFn(ctx, u)
}

// ClosingChecker fakes [assistant.ClosingChecker].
type ClosingChecker struct {
	CheckClosingFn func(ctx context.Context, turns []assistant.Turn, lang assistant.Language) (assistant.ClosingCheck, error)
}

// CheckClosing calls CheckClosingFn.
func (m *ClosingChecker) CheckClosing(ctx context.Context, turns []assistant.Turn, lang assistant.Language) (assistant.ClosingCheck, error) {
	return m.CheckClosingFn(ctx, turns, lang)
}

// FactReader fakes [assistant.FactReader].
type FactReader struct {
	ReadFactsFn func(ctx context.Context, turns []assistant.Turn, lang assistant.Language) ([]assistant.Fact, error)
}

// ReadFacts calls ReadFactsFn.
func (m *FactReader) ReadFacts(ctx context.Context, turns []assistant.Turn, lang assistant.Language) ([]assistant.Fact, error) {
	return m.ReadFactsFn(ctx, turns, lang)
}

// Adviser fakes [assistant.Adviser].
type Adviser struct {
	AdviseFn func(ctx context.Context, facts []assistant.Fact, lang assistant.Language, jurisdiction string) (assistant.ArrangementAdvice, error)
}

// Advise calls AdviseFn.
func (m *Adviser) Advise(ctx context.Context, facts []assistant.Fact, lang assistant.Language, jurisdiction string) (assistant.ArrangementAdvice, error) {
	return m.AdviseFn(ctx, facts, lang, jurisdiction)
}

// Summarizer fakes [assistant.Summarizer].
type Summarizer struct {
	SummarizeCallFn func(ctx context.Context, turns []assistant.Turn, lang assistant.Language) (assistant.AfterCallSummary, error)
}

// SummarizeCall calls SummarizeCallFn.
func (m *Summarizer) SummarizeCall(ctx context.Context, turns []assistant.Turn, lang assistant.Language) (assistant.AfterCallSummary, error) {
	return m.SummarizeCallFn(ctx, turns, lang)
}

// Reviewer fakes [assistant.Reviewer].
type Reviewer struct {
	DraftReviewFn func(ctx context.Context, turns []assistant.Turn, stances []assistant.Stance, lang assistant.Language) (assistant.DraftReview, error)
}

// DraftReview calls DraftReviewFn.
func (m *Reviewer) DraftReview(ctx context.Context, turns []assistant.Turn, stances []assistant.Stance, lang assistant.Language) (assistant.DraftReview, error) {
	return m.DraftReviewFn(ctx, turns, stances, lang)
}

// ComplianceChecker fakes [assistant.ComplianceChecker].
type ComplianceChecker struct {
	CheckComplianceFn func(ctx context.Context, in assistant.ComplianceInput) (assistant.Compliance, error)
}

// CheckCompliance calls CheckComplianceFn.
func (m *ComplianceChecker) CheckCompliance(ctx context.Context, in assistant.ComplianceInput) (assistant.Compliance, error) {
	return m.CheckComplianceFn(ctx, in)
}
