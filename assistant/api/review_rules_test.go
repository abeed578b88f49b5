package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
)

// TestReviewRulesHTTP: a second open dispute of one label is 409 naming
// it, and only the review's author changes a label in answering a dispute;
// another trainer gets 403 naming the author, but may answer keeping the
// label. Refusals store nothing.
func TestReviewRulesHTTP(t *testing.T) {
	o := newOrg(t)
	call := o.calls["agent-anna"]
	ilse, joost, anna := o.tok["trainer-noord"], o.tok["trainer-noord-2"], o.tok["anna"]
	t0, t1 := call.Turns[0].ID, call.Turns[1].ID
	body := fmt.Sprintf(`{"rating": 3, "turns": [
		{"turn_id": %d, "comment": "Je dreigt hier met de deurwaarder.", "octant": "aggressive"},
		{"turn_id": %d, "comment": "You sound impatient.", "octant": "competitive"}]}`, t0, t1)
	var r assistant.Review
	if res := o.doAs(ilse, "POST", fmt.Sprintf("/v1/calls/%d/reviews", call.ID), js, []byte(body), &r); res.StatusCode != http.StatusCreated {
		t.Fatalf("review: %d", res.StatusCode)
	}
	if res := o.doAs(ilse, "POST", fmt.Sprintf("/v1/reviews/%d/publish", r.ID), "", nil, &r); res.StatusCode != 200 {
		t.Fatalf("publish: %d", res.StatusCode)
	}
	disputes := fmt.Sprintf("/v1/reviews/%d/disputes", r.ID)
	if res := o.doAs(anna, "POST", disputes, js, []byte(fmt.Sprintf(`{"turn_id": %d, "about": "label", "comment": "Ik was eerlijk, niet aanvallend."}`, t0)), &r); res.StatusCode != 201 {
		t.Fatalf("dispute (nl): %d", res.StatusCode)
	}
	if res := o.doAs(anna, "POST", disputes, js, []byte(fmt.Sprintf(`{"turn_id": %d, "about": "label", "comment": "I was firm, not competitive."}`, t1)), &r); res.StatusCode != 201 {
		t.Fatalf("dispute (en): %d", res.StatusCode)
	}
	first, second := r.Disputes[0], r.Disputes[1]
	counts := func() string {
		return fmt.Sprint(o.count("review_disputes"), o.count("review_disputes WHERE resolved_at IS NULL"),
			o.count("review_turns WHERE octant = 'competitive'"),
			o.count("audit WHERE action NOT LIKE '%.read' AND action NOT LIKE '%.list'"))
	}
	before := counts()
	tests := []struct {
		name, token, path, body string
		status                  int
		detail                  string
	}{
		{"second dispute of a label (nl)", anna, disputes, fmt.Sprintf(`{"turn_id": %d, "about": "label", "comment": "Nog steeds niet eens."}`, t0),
			409, fmt.Sprintf("Dispute %d of the label of turn %d in review %d is open already", first.ID, call.Turns[0].Index+1, r.ID)},
		{"second dispute of a label (en)", anna, disputes, fmt.Sprintf(`{"turn_id": %d, "about": "label", "comment": "Still not agreed."}`, t1),
			409, fmt.Sprintf("Dispute %d of the label of turn %d", second.ID, call.Turns[1].Index+1)},
		{"another trainer relabels", joost, fmt.Sprintf("/v1/reviews/%d/disputes/%d/resolve", r.ID, first.ID),
			`{"answer": "Eerder concurrerend.", "octant": "competitive"}`, 403, fmt.Sprintf("Only Ilse, who wrote review %d, may change its labels", r.ID)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p api.Problem
			res := o.doAs(tt.token, "POST", tt.path, js, []byte(tt.body), &p)
			if res.StatusCode != tt.status || !strings.Contains(p.Detail, tt.detail) {
				t.Errorf("%d %q, want %d naming %q", res.StatusCode, p.Detail, tt.status, tt.detail)
			}
			if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("Content-Type %q", ct)
			}
		})
	}
	if after := counts(); after != before {
		t.Errorf("rows (disputes, open, competitive labels, audited changes) went from %s to %s after refusals", before, after)
	}
	// Another trainer may answer keeping the label; the author relabels.
	if res := o.doAs(joost, "POST", fmt.Sprintf("/v1/reviews/%d/disputes/%d/resolve", r.ID, first.ID), js,
		[]byte(`{"answer": "Het label blijft: er werd gedreigd."}`), &r); res.StatusCode != 200 {
		t.Errorf("another trainer answering, keeping the label: %d", res.StatusCode)
	}
	if res := o.doAs(ilse, "POST", fmt.Sprintf("/v1/reviews/%d/disputes/%d/resolve", r.ID, second.ID), js,
		[]byte(`{"answer": "Agreed: firm and leading.", "octant": "leading"}`), &r); res.StatusCode != 200 || r.Turn(t1).Octant != assistant.Leading {
		t.Errorf("the author relabelling: %d, turn %+v", res.StatusCode, r.Turn(t1))
	}
	// Answered, the label may be disputed again.
	if res := o.doAs(anna, "POST", disputes, js, []byte(fmt.Sprintf(`{"turn_id": %d, "about": "label", "comment": "Toch niet eens."}`, t0)), nil); res.StatusCode != 201 {
		t.Errorf("disputing an answered label again: %d", res.StatusCode)
	}
}
