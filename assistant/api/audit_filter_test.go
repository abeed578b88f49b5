package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
)

// An audit filter on an action the trail does not record is refused with
// the actions it does record, so the caller need not guess.
func TestAuditRefusesUnknownActionListingTheValidOnes(t *testing.T) {
	e := newEnv(t, api.Config{})
	var p api.Problem
	res := e.do("GET", "/v1/audit?action=bogus", "", nil, &p)
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(p.Detail, `action "bogus"`) {
		t.Fatalf("GET /v1/audit?action=bogus: %d %q, want 400 naming the action", res.StatusCode, p.Detail)
	}
	for _, a := range assistant.Actions {
		if !strings.Contains(p.Detail, string(a)) {
			t.Errorf("the refusal does not list %s: %q", a, p.Detail)
		}
	}
}
