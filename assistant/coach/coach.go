// Package coach holds the use cases of rooscoach that span packages: reading
// a transcript, analysing it and storing the coaching record. The HTTP API,
// the command line and the batch importer all call these, so that what a call
// goes through does not depend on the door it came in by.
//
// The package knows the engines through the analyser and the database
// through the small interface it declares; it knows nothing of HTTP.
package coach

import (
	"context"
	"fmt"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/arrangement"
	"github.com/rooscoach/rooscoach/assistant/transcript"
)

// Store is what the use cases need of the database; *store.DB implements
// it.
type Store interface {
	// CreateCall stores c in one transaction. When c's agent stored its
	// ExternalID before, nothing is written and the stored record is loaded
	// into *c with created false.
	CreateCall(ctx context.Context, c *assistant.Call) (created bool, err error)
}

// Service runs the use cases. Analyzer is required; Store is needed only by
// the use cases that store. With Arrangements and Policies, calls are
// planned under the creditor policy they or their team name, or the stored
// default of their country.
type Service struct {
	Analyzer *assistant.Analyzer
	Store    Store
	// Arrangements is the arrangement engine, for explicit figures and for
	// planning a call under a creditor's policy.
	Arrangements *arrangement.Engine
	// Policies keeps the creditor policies; nil means rooscoach's own
	// defaults for every call.
	Policies PolicyStore
	// Now is the clock, replaced in tests; nil means time.Now.
	Now func() time.Time
}

// Input is a transcript as it arrives: its bytes and what the request or
// the command line says about it.
type Input struct {
	Data []byte
	// MediaType is the Content-Type without parameters, or "" when unknown
	// (a file); the format is detected from the content either way.
	MediaType string
	Options   transcript.Options
	// PolicyID names the stored creditor policy the call is planned under;
	// empty means its team's policy, or the default of its country.
	PolicyID string
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Read parses in and checks its metadata. Its errors are *assistant.Error
// as transcript.Parse returns them, or EInvalid for metadata out of range.
func (s *Service) Read(in Input) (*assistant.Transcript, error) {
	t, err := transcript.Parse(in.Data, in.MediaType, in.Options)
	if err != nil {
		return nil, fmt.Errorf("parse transcript: %w", err)
	}
	if err := t.Validate(s.now()); err != nil {
		return nil, err
	}
	return t, nil
}

// analyzer returns the analyser for a call: the service's own, with its
// arrangement advice planned under the call's creditor policies when the
// service keeps policies.
//
// An analysis that stores nothing goes on when the policies cannot be read,
// under rooscoach's defaults, and says so; one that names its policy does
// not, since it would not be planned as asked.
func (s *Service) analyzer(ctx context.Context, policyID, teamID string) (*assistant.Analyzer, error) {
	pols, err := s.policiesFor(ctx, policyID, teamID)
	if err != nil && policyID == "" && assistant.ErrorCode(err) == assistant.EUnavailable {
		pols, err = arrangement.Policies{Unread: true}, nil
	}
	if err != nil {
		return nil, err
	}
	if s.Arrangements == nil || (pols.Chosen == nil && len(pols.Defaults) == 0 && !pols.Unread) {
		return s.Analyzer, nil
	}
	a := *s.Analyzer
	a.Adviser = s.Arrangements.WithPolicies(pols)
	return &a, nil
}

// Analyze reads and analyses a transcript without storing anything.
func (s *Service) Analyze(ctx context.Context, in Input) (*assistant.Transcript, *assistant.Analysis, error) {
	t, err := s.Read(in)
	if err != nil {
		return nil, nil, err
	}
	a, err := s.analyzer(ctx, in.PolicyID, t.TeamID)
	if err != nil {
		return nil, nil, err
	}
	an, err := a.Analyze(ctx, t)
	if err != nil {
		return nil, nil, fmt.Errorf("analyze: %w", err)
	}
	return t, an, nil
}

// Ingest reads, analyses and stores a call. created is false when the
// agent had stored a call with the same external id before: the stored
// record stands and is returned, so a client may safely post again after a
// timeout. A call without an agent id is EInvalid: nobody could find it.
func (s *Service) Ingest(ctx context.Context, in Input) (call *assistant.Call, created bool, err error) {
	t, err := s.Read(in)
	if err != nil {
		return nil, false, err
	}
	if t.AgentID == "" {
		return nil, false, assistant.Errorf(assistant.EInvalid, "agent_id is required to store a call: name the agent who made it.")
	}
	a, err := s.analyzer(ctx, in.PolicyID, t.TeamID)
	if err != nil {
		return nil, false, err
	}
	an, err := a.Analyze(ctx, t)
	if err != nil {
		return nil, false, fmt.Errorf("analyze: %w", err)
	}
	call = &assistant.Call{
		ExternalID: t.ExternalID,
		AgentID:    t.AgentID,
		TeamID:     t.TeamID,
		OccurredAt: t.OccurredAt,
		Analysis:   *an,
	}
	created, err = s.Store.CreateCall(ctx, call)
	if err != nil {
		return nil, false, fmt.Errorf("store call: %w", err)
	}
	return call, created, nil
}
