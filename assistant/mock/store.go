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
