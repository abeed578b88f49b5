package assistant_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/mock"
)

// The analyser checks compliance last, on the call's metadata and the facts
// read, and a rule that flags flags the record.
func TestAnalyzeCompliance(t *testing.T) {
	f := &fakes{facts: []assistant.Fact{{Kind: assistant.FactOutstanding, Amount: &assistant.Money{Amount: 100, Currency: "USD"}}}}
	a := f.analyzer()
	var got assistant.ComplianceInput
	a.Compliance = &mock.ComplianceChecker{CheckComplianceFn: func(_ context.Context, in assistant.ComplianceInput) (assistant.Compliance, error) {
		got = in
		return assistant.Compliance{Jurisdiction: "us", Flagged: true, Worst: assistant.SeverityCritical, Breaches: 1}, nil
	}}
	tr := call()
	tr.AccountRef, tr.TimeZone, tr.Jurisdiction = "ACC-1", "America/New_York", "us"
	tr.OccurredAt = time.Date(2026, 11, 23, 15, 0, 0, 0, time.UTC)
	an, err := a.Analyze(context.Background(), tr)
	if err != nil {
		t.Fatal(err)
	}
	if got.AccountRef != "ACC-1" || got.TimeZone != "America/New_York" || got.Jurisdiction != "us" || !got.OccurredAt.Equal(tr.OccurredAt) ||
		len(got.Facts) != 1 || len(got.Turns) != len(tr.Turns) || got.Language != assistant.Dutch {
		t.Errorf("the checker got %+v", got)
	}
	if an.Compliance == nil || an.Compliance.Worst != assistant.SeverityCritical || !an.Flagged {
		t.Errorf("compliance %+v, flagged %v", an.Compliance, an.Flagged)
	}
	if last := an.Engines[len(an.Engines)-1]; last.Part != assistant.PartCompliance || last.Engine != assistant.Builtin {
		t.Errorf("last engine run %+v, want the built-in compliance", last)
	}

	a.Compliance = &mock.ComplianceChecker{CheckComplianceFn: func(context.Context, assistant.ComplianceInput) (assistant.Compliance, error) {
		return assistant.Compliance{}, assistant.Errorf(assistant.EInvalid, "jurisdiction \"fr\" has no rule pack")
	}}
	if _, err := a.Analyze(context.Background(), call()); assistant.ErrorCode(err) != assistant.EInvalid {
		t.Errorf("a checker's EInvalid: got %v", err)
	}
	a.Compliance = &mock.ComplianceChecker{CheckComplianceFn: func(context.Context, assistant.ComplianceInput) (assistant.Compliance, error) {
		return assistant.Compliance{}, errors.New("boom")
	}}
	if _, err := a.Analyze(context.Background(), call()); err == nil {
		t.Error("a failing checker: no error")
	}
}
