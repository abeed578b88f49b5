package compliance

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// teamPack is a valid pack of a team's own, for the tests below to break.
const teamPack = `jurisdiction: nl
title: {nl: Ons team, en: Our team}
rules:
  - id: nl.team-no-bkr
    title: {nl: Niet dreigen met het BKR, en: No threats of a credit record}
    law: Gedragscode van het team
    article: "art. 3"
    severity: medium
    must_not_say:
      nl: ["bkr ~ registratie", "bkr"]
      en: ["credit file", "credit record"]
    say_instead: {nl: "Noem het BKR niet als dreiging.", en: "Do not use the credit record as a threat."}
`

func writePack(t *testing.T, name, content string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestLoadTeamPack(t *testing.T) {
	dir := writePack(t, "team.yaml", teamPack)
	c, err := Load(Options{Dir: dir, Default: "nl"})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if c.byID["nl.team-no-bkr"] == nil || c.Default() != "nl" {
		t.Fatalf("team rule not loaded or default not set: %v %q", c.byID["nl.team-no-bkr"], c.Default())
	}
	got := c.rules("nl")
	if got[len(got)-1].ID != "nl.team-no-bkr" {
		t.Errorf("the team's rule is not checked in nl calls: last rule %s", got[len(got)-1].ID)
	}
}

// TestLoadErrors: a broken pack stops the start with the file, the rule and
// what is wrong.
func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name    string
		pack    string
		want    []string // all must appear in the error
		options Options
	}{
		{"unknown field", strings.Replace(teamPack, "    must_not_say:", "    mustnotsay:", 1),
			[]string{"team.yaml line 9", "rule nl.team-no-bkr", `unknown field "mustnotsay"`, "must_not_say"}, Options{}},
		{"field given twice", strings.Replace(teamPack, "    severity: medium\n", "    severity: medium\n    severity: high\n", 1),
			[]string{"team.yaml line 9", "rule nl.team-no-bkr", "severity: given twice (first on line 8)"}, Options{}},
		{"duplicate id", strings.Replace(teamPack, "nl.team-no-bkr", "nl.no-intimidation", 1),
			[]string{"team.yaml line 4", "rule nl.no-intimidation", "used twice", "packs/nl.yaml"}, Options{}},
		{"pattern that does not compile", strings.Replace(teamPack, `"bkr ~ registratie"`, `"bkr.*registratie"`, 1),
			[]string{"rule nl.team-no-bkr", `must_not_say.nl: pattern "bkr.*registratie" does not compile`}, Options{}},
		{"gap at the end", strings.Replace(teamPack, `"bkr ~ registratie"`, `"bkr ~"`, 1),
			[]string{"rule nl.team-no-bkr", `"~" must stand between two words`}, Options{}},
		{"missing translation of patterns", strings.Replace(teamPack, `      en: ["credit file", "credit record"]`+"\n", "", 1),
			[]string{"rule nl.team-no-bkr", "must_not_say has Dutch patterns but no English ones"}, Options{}},
		{"missing translation of a text", strings.Replace(teamPack, `, en: "Do not use the credit record as a threat."`, "", 1),
			[]string{"rule nl.team-no-bkr", "say_instead has no en translation"}, Options{}},
		{"unknown severity", strings.Replace(teamPack, "severity: medium", "severity: severe", 1),
			[]string{"rule nl.team-no-bkr", `severity "severe"`, "critical"}, Options{}},
		{"id of another pack", strings.Replace(teamPack, "id: nl.team-no-bkr", "id: uk.team-no-bkr", 1),
			[]string{"rule uk.team-no-bkr", "must start with the pack's jurisdiction: nl."}, Options{}},
		{"wrong kind of value", strings.Replace(teamPack, `      nl: ["bkr ~ registratie", "bkr"]`, `      nl: bkr`, 1),
			[]string{"rule nl.team-no-bkr", "must_not_say.nl: want a list"}, Options{}},
		{"not YAML", "jurisdiction: [nl\n", []string{"team.yaml", "not valid YAML"}, Options{}},
		{"unknown check", strings.Replace(teamPack, "    must_not_say:\n      nl: [\"bkr ~ registratie\", \"bkr\"]\n      en: [\"credit file\", \"credit record\"]\n", "    check: moon-phase\n    params: {calls: 1}\n", 1),
			[]string{"rule nl.team-no-bkr", `check "moon-phase"`}, Options{}},
		{"default without a pack", teamPack, []string{`default jurisdiction "be" has no rule pack`, "nl, uk, us"}, Options{Default: "be"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.options
			opts.Dir = writePack(t, "team.yaml", tt.pack)
			_, err := Load(opts)
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\ndoes not say %q", err, w)
				}
			}
		})
	}
}

func TestLoadReportsEveryMistake(t *testing.T) {
	pack := strings.Replace(strings.Replace(teamPack, "severity: medium", "severity: severe", 1), `, en: "Do not use the credit record as a threat."`, "", 1)
	_, err := Load(Options{Dir: writePack(t, "team.yaml", pack)})
	var pe *PackError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "severity") || !strings.Contains(err.Error(), "say_instead") {
		t.Errorf("Load: %v; want both mistakes, as PackErrors", err)
	}
}

func TestLoadMissingDir(t *testing.T) {
	if _, err := Load(Options{Dir: filepath.Join(t.TempDir(), "nope")}); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("Load of a missing folder: %v", err)
	}
}
