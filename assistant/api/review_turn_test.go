package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
)

// People see a turn by its number in the call ("turn 7"), not by its
// database id: a review and a dispute may name the turn by number
// (`turn`) instead of by id (`turn_id`), answers give both, and messages
// name the number. Clients that send turn_id work as before.
func TestReviewsNameTurnsByNumber(t *testing.T) {
	o := newOrg(t)
	call := o.calls["agent-bram"]
	ilse, bram := o.tok["trainer-noord"], o.tok["bram"]
	last := call.Turns[len(call.Turns)-1]
	number := last.Index + 1
	if last.ID == int64(number) {
		t.Fatalf("turn %d has id %d: the test cannot tell number from id", number, last.ID)
	}
	var r assistant.Review
	body := fmt.Sprintf(`{"rating": 3, "turns": [{"turn": %d, "comment": "Je dreigt hier.", "octant": "aggressive"}]}`, number)
	if res := o.doAs(ilse, "POST", fmt.Sprintf("/v1/calls/%d/reviews", call.ID), js, []byte(body), &r); res.StatusCode != http.StatusCreated {
		t.Fatalf("a review naming the turn by number: %d", res.StatusCode)
	}
	if len(r.Turns) != 1 || r.Turns[0].TurnID != last.ID || r.Turns[0].Turn != number {
		t.Fatalf("review turns %+v, want turn_id %d and turn %d", r.Turns, last.ID, number)
	}
	if res := o.doAs(ilse, "POST", fmt.Sprintf("/v1/reviews/%d/publish", r.ID), "", nil, &r); res.StatusCode != 200 {
		t.Fatalf("publish: %d", res.StatusCode)
	}
	disputes := fmt.Sprintf("/v1/reviews/%d/disputes", r.ID)
	if res := o.doAs(bram, "POST", disputes, js, []byte(fmt.Sprintf(`{"turn": %d, "about": "label", "comment": "Ik was eerlijk."}`, number)), &r); res.StatusCode != http.StatusCreated {
		t.Fatalf("a dispute naming the turn by number: %d", res.StatusCode)
	}
	if len(r.Disputes) != 1 || r.Disputes[0].TurnID != last.ID || r.Disputes[0].Turn != number {
		t.Fatalf("disputes %+v, want turn_id %d and turn %d", r.Disputes, last.ID, number)
	}
	var got assistant.Review
	if res := o.doAs(bram, "GET", fmt.Sprintf("/v1/reviews/%d", r.ID), "", nil, &got); res.StatusCode != 200 || got.Disputes[0].Turn != number || got.Turns[0].Turn != number {
		t.Errorf("reading the review: %d, turns %+v, disputes %+v; want turn %d in both", res.StatusCode, got.Turns, got.Disputes, number)
	}
	before := o.count("review_disputes")
	for _, tt := range []struct {
		name, token, path, accept, body string
		status                          int
		detail, not                     string
	}{
		{"a second dispute, by id", bram, disputes, "en", fmt.Sprintf(`{"turn_id": %d, "about": "label", "comment": "Nog steeds niet."}`, last.ID),
			409, fmt.Sprintf("of the label of turn %d in review %d is open already", number, r.ID), fmt.Sprintf("turn %d ", last.ID)},
		{"a second dispute, by number", bram, disputes, "en", fmt.Sprintf(`{"turn": %d, "about": "label", "comment": "Still not."}`, number),
			409, fmt.Sprintf("of the label of turn %d in review %d is open already", number, r.ID), fmt.Sprintf("turn %d ", last.ID)},
		{"number and id of different turns", bram, disputes, "en", fmt.Sprintf(`{"turn_id": %d, "turn": %d, "about": "comment", "comment": "x"}`, last.ID, number-1),
			400, fmt.Sprintf("turn %d and turn_id %d are different turns", number-1, last.ID), ""},
		{"a turn the review says nothing about", bram, disputes, "en", `{"turn": 1, "about": "comment", "comment": "x"}`,
			400, fmt.Sprintf("Review %d says nothing about turn 1", r.ID), ""},
		{"a review of a turn the call does not have", ilse, fmt.Sprintf("/v1/calls/%d/reviews", call.ID), "en", `{"turns": [{"turn": 999, "comment": "x"}]}`,
			400, fmt.Sprintf("turns[0].turn 999 is not a turn of call %d; it has %d turns", call.ID, len(call.Turns)), ""},
		{"a review of a turn the call does not have (nl)", ilse, fmt.Sprintf("/v1/calls/%d/reviews", call.ID), "nl", `{"turns": [{"turn": 999, "comment": "x"}]}`,
			400, fmt.Sprintf("Gesprek %d heeft geen beurt 999; het heeft %d beurten.", call.ID, len(call.Turns)), ""},
		{"a dispute without an explanation (nl)", bram, disputes, "nl", fmt.Sprintf(`{"turn": %d, "about": "comment", "comment": "  "}`, number),
			400, "Je uitleg is leeg; zeg waarom je het anders ziet.", ""},
		{"a dispute without an explanation (en)", bram, disputes, "en", fmt.Sprintf(`{"turn": %d, "about": "comment", "comment": "  "}`, number),
			400, "comment is empty; say why you see it differently.", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var p api.Problem
			h := http.Header{"Content-Type": {js}, "Accept-Language": {tt.accept}}
			res := o.doWith(tt.token, "POST", tt.path, h, []byte(tt.body), &p)
			if res.StatusCode != tt.status || !strings.Contains(p.Detail, tt.detail) {
				t.Errorf("%d %q, want %d saying %q", res.StatusCode, p.Detail, tt.status, tt.detail)
			}
			if tt.not != "" && strings.Contains(p.Detail, tt.not) {
				t.Errorf("%q names the turn by its id (%q)", p.Detail, tt.not)
			}
		})
	}
	if after := o.count("review_disputes"); after != before {
		t.Errorf("refused disputes stored %d", after-before)
	}
}
