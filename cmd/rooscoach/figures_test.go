package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ROOSCOACH_FIGURES adds dated figures the engine does not ship; a file
// that is wrong stops the command with the reason. The amounts below are
// test configuration, not the Staatscourant's.
func TestFiguresFromConfiguration(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "figures.json")
	if err := os.WriteFile(good, []byte(`{"nl_protected_income_maxima": [
		{"effective": "2026-07-01", "single": 250000, "single_parent": 260000, "couple": 300000, "couple_with_children": 320000,
		 "source": "test configuration, not a Staatscourant notice"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	req := `{"debt": {"principal": 100000, "currency": "EUR"}, "jurisdiction": "nl",
		"customer": {"income": 400000, "household": {"adults": 1, "children": 0}}}`

	t.Setenv("ROOSCOACH_FIGURES", good)
	out, stderr, err := runCmd(t, req, "arrange")
	if err != nil {
		t.Fatalf("arrange: %v\n%s", err, stderr)
	}
	var res struct {
		Assessment struct {
			Protected struct {
				Amount    struct{ Amount int64 }
				Effective string
				Stale     bool
			} `json:"protected_income"`
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	// Today is after 1 July 2026, so the configured maximum applies.
	if p := res.Assessment.Protected; p.Effective != "2026-07-01" || p.Amount.Amount != 250000 || p.Stale {
		t.Errorf("protected income %+v, want the configured 1 July 2026 maximum", p)
	}

	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"nl_protected_income_maxima": [{"effective": "2026-07-01", "single": 2500, "single_parent": 260000, "couple": 300000, "couple_with_children": 320000, "source": "x"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("ROOSCOACH_FIGURES", bad)
	if _, _, err := runCmd(t, req, "arrange"); err == nil || !strings.Contains(err.Error(), "not a monthly maximum in euro cents") {
		t.Errorf("a maximum of € 25: %v, want a refusal naming it", err)
	}
	t.Setenv("ROOSCOACH_FIGURES", filepath.Join(dir, "missing.json"))
	if _, _, err := runCmd(t, req, "arrange"); err == nil || !strings.Contains(err.Error(), "figures") {
		t.Errorf("a missing file: %v, want a refusal", err)
	}
}
