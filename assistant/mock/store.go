package mock

import (
	"context"

	"github.com/rooscoach/rooscoach/assistant"
)

// CallStore fakes the call methods of the store that the use cases and the
// API declare they need.
type CallStore struct {
	PingFn         func(ctx context.Context) error
	CreateCallFn   func(ctx context.Context, c *assistant.Call) (bool, error)
	FindCallByIDFn func(ctx context.Context, id int64) (*assistant.Call, error)
	FindCallsFn    func(ctx context.Context, f assistant.CallFilter) (assistant.CallPage, error)
}

// Ping calls PingFn.
func (m *CallStore) Ping(ctx context.Context) error { return m.PingFn(ctx) }

// CreateCall calls CreateCallFn.
func (m *CallStore) CreateCall(ctx context.Context, c *assistant.Call) (bool, error) {
	return m.CreateCallFn(ctx, c)
}

// FindCallByID calls FindCallByIDFn.
func (m *CallStore) FindCallByID(ctx context.Context, id int64) (*assistant.Call, error) {
	return m.FindCallByIDFn(ctx, id)
}

// FindCalls calls FindCallsFn.
func (m *CallStore) FindCalls(ctx context.Context, f assistant.CallFilter) (assistant.CallPage, error) {
	return m.FindCallsFn(ctx, f)
}

// PolicyStore fakes the creditor policies of the store.
type PolicyStore struct {
	SavePolicyFn     func(ctx context.Context, p *assistant.CreditorPolicy) (bool, error)
	FindPolicyByIDFn func(ctx context.Context, id string) (*assistant.CreditorPolicy, error)
	FindPoliciesFn   func(ctx context.Context, jurisdiction string) ([]*assistant.CreditorPolicy, error)
	DeletePolicyFn   func(ctx context.Context, id string) error
}

// SavePolicy calls SavePolicyFn.
func (m *PolicyStore) SavePolicy(ctx context.Context, p *assistant.CreditorPolicy) (bool, error) {
	return m.SavePolicyFn(ctx, p)
}

// FindPolicyByID calls FindPolicyByIDFn.
func (m *PolicyStore) FindPolicyByID(ctx context.Context, id string) (*assistant.CreditorPolicy, error) {
	return m.FindPolicyByIDFn(ctx, id)
}

// FindPolicies calls FindPoliciesFn.
func (m *PolicyStore) FindPolicies(ctx context.Context, jurisdiction string) ([]*assistant.CreditorPolicy, error) {
	return m.FindPoliciesFn(ctx, jurisdiction)
}

// DeletePolicy calls DeletePolicyFn.
func (m *PolicyStore) DeletePolicy(ctx context.Context, id string) error {
	return m.DeletePolicyFn(ctx, id)
}
