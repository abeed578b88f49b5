package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
)

// For the call's agent a draft review does not exist: reading it,
// disputing it and acknowledging it all answer 404, in the words a review
// that was never written gets, so that no answer tells a draft is there.
func TestAgentCannotTellADraftExists(t *testing.T) {
	o := newOrg(t)
	call := o.calls["agent-anna"]
	ilse, anna := o.tok["trainer-noord"], o.tok["anna"]
	var r assistant.Review
	body := fmt.Sprintf(`{"rating": 3, "turns": [{"turn_id": %d, "comment": "Je dreigt hier.", "octant": "aggressive"}]}`, call.Turns[0].ID)
	if res := o.doAs(ilse, "POST", fmt.Sprintf("/v1/calls/%d/reviews", call.ID), js, []byte(body), &r); res.StatusCode != http.StatusCreated {
		t.Fatalf("draft: %d", res.StatusCode)
	}
	dispute := []byte(fmt.Sprintf(`{"turn_id": %d, "about": "label", "comment": "Niet eens."}`, call.Turns[0].ID))
	none := r.ID + 1000
	for _, tt := range []struct {
		name, method, path string
		body               []byte
	}{
		{"read", "GET", "/v1/reviews/%d", nil},
		{"dispute", "POST", "/v1/reviews/%d/disputes", dispute},
		{"acknowledge", "POST", "/v1/reviews/%d/acknowledge", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var draft, missing api.Problem
			res := o.doAs(anna, tt.method, fmt.Sprintf(tt.path, r.ID), js, tt.body, &draft)
			o.doAs(anna, tt.method, fmt.Sprintf(tt.path, none), js, tt.body, &missing)
			if res.StatusCode != http.StatusNotFound {
				t.Errorf("the agent on a draft: %d %q, want 404", res.StatusCode, draft.Detail)
			}
			if want := strings.ReplaceAll(missing.Detail, fmt.Sprint(none), fmt.Sprint(r.ID)); draft.Detail != want {
				t.Errorf("the agent on a draft: %q; a review that does not exist: %q", draft.Detail, missing.Detail)
			}
		})
	}
	if got := o.count("review_disputes"); got != 0 {
		t.Errorf("%d disputes stored", got)
	}
}
