package prompts

import (
	"strings"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

// The English of an error template says what the error's Message says:
// the API answers the Message, the English pages the template, and the
// two must not drift apart. The Dutch is filled in, and is not the English.
func TestErrorTemplatesMatchTheEnglish(t *testing.T) {
	off := assistant.AuthOff()
	now := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	review := func(s assistant.ReviewStatus, open int) *assistant.Review {
		r := &assistant.Review{ID: 7, Status: s}
		for range open {
			r.Disputes = append(r.Disputes, assistant.Dispute{})
		}
		return r
	}
	permit := func(r *assistant.Review, step assistant.ReviewStep) error {
		_, err := r.Permit(off, step)
		return err
	}
	filter := func(from, to, bucket string) error {
		_, err := assistant.NewProgressFilter(from, to, bucket, now)
		return err
	}
	goal := func(g assistant.Goal) error {
		if g.AgentID == "" {
			g.AgentID = "anna"
		}
		if g.Kind == "" {
			g.Kind = assistant.GoalClosing
		}
		if g.Threshold == 0 {
			g.Threshold = 0.5
		}
		if g.StartsOn.IsZero() {
			g.StartsOn = assistant.DateOf(now)
		}
		return g.Validate()
	}
	day := func(s string) *assistant.Date {
		d, _ := assistant.ParseDate("date", s)
		return &d
	}
	_, dateErr := assistant.ParseDate("starts_on", "01-12-2026")
	_, momentErr := assistant.ParseMoment("from", "2026-11-01T09:00:00 01:00")
	errs := map[string]error{
		"not draft":              permit(review(assistant.ReviewPublished, 0), assistant.StepPublish),
		"not published":          permit(review(assistant.ReviewDraft, 0), assistant.StepAcknowledge),
		"acknowledged":           permit(review(assistant.ReviewAcknowledged, 0), assistant.StepAcknowledge),
		"acknowledged, dispute":  permit(review(assistant.ReviewAcknowledged, 0), assistant.StepDispute),
		"open disputes":          permit(review(assistant.ReviewDisputed, 2), assistant.StepAcknowledge),
		"no open dispute":        permit(review(assistant.ReviewPublished, 0), assistant.StepResolve),
		"date":                   dateErr,
		"moment with plus":       momentErr,
		"bucket":                 filter("", "", "year"),
		"order":                  filter("2026-11-10", "2026-11-01", ""),
		"order, today":           filter("2026-12-10", "", ""),
		"years":                  filter("1990-01-01", "1990-02-01", ""),
		"buckets":                filter("2020-01-01", "2026-01-01", "day"),
		"period order":           assistant.ProgressFilter{Bucket: assistant.BucketWeek, From: now, To: now}.Validate(),
		"no agent":               (&assistant.Goal{Kind: assistant.GoalClosing}).Validate(),
		"kind":                   goal(assistant.Goal{Kind: "speed"}),
		"threshold":              goal(assistant.Goal{Threshold: 1.5}),
		"no start":               (&assistant.Goal{AgentID: "anna", Kind: assistant.GoalClosing, Threshold: 0.5}).Validate(),
		"target before start":    goal(assistant.Goal{StartsOn: *day("2026-11-09"), TargetOn: day("2026-11-02")}),
		"note long":              goal(assistant.Goal{Note: strings.Repeat("x", assistant.MaxGoalNoteRunes+1)}),
		"note control":           goal(assistant.Goal{Note: "ab\x00"}),
		"id spaces":              assistant.CheckID("agent_id", "  "),
		"id long":                assistant.CheckID("agent_id", strings.Repeat("a", assistant.MaxIDRunes+1)),
		"id utf8":                assistant.CheckID("agent_id", "a\xff"),
		"id control":             assistant.CheckID("agent_id", "a\tb"),
		"team exists":            assistant.TeamExists("noord"),
		"agent exists":           assistant.AgentExists("anna"),
		"policy team taken":      assistant.PolicyTeamTaken("noord", "nl-standaard"),
		"last admin token":       assistant.LastAdminToken(3),
		"goal overlap":           assistant.GoalOverlap(assistant.Goal{AgentID: "anna", Kind: assistant.GoalClosing}, assistant.Goal{ID: 4, StartsOn: *day("2026-11-02")}),
		"goal overlap, until":    assistant.GoalOverlap(assistant.Goal{AgentID: "anna", Kind: assistant.GoalClosing}, assistant.Goal{ID: 4, StartsOn: *day("2026-11-02"), EndedOn: day("2026-12-20")}),
		"goal ended":             assistant.GoalEnded(4, *day("2026-12-01")),
		"live external id":       assistant.ExternalIDTaken("pbx-77", 12, "anna"),
		"end external id":        assistant.EndExternalIDTaken("pbx-77", 12, 5),
		"session ending":         assistant.SessionEnding("0c35"),
		"session ended":          assistant.SessionEnded("0c35", 12),
		"session ended, no call": assistant.SessionEnded("0c35", 0),
		"policy race":            assistant.PolicyRace(""),
		"policy race, default":   assistant.PolicyRace(assistant.PolicyRaceDefault),
		"policy race, team":      assistant.PolicyRace(assistant.PolicyRaceTeam),
		"external id hidden":     assistant.ExternalIDHidden("anna", "pbx-77"),
	}
	for name, err := range errs {
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		en, ok := ErrorText(assistant.English, err)
		if !ok {
			t.Errorf("%s: %v has no wording", name, err)
			continue
		}
		if msg := assistant.ErrorMessage(err); en != msg {
			t.Errorf("%s: the template says\n%q\nthe message\n%q", name, en, msg)
		}
		nl, _ := ErrorText(assistant.Dutch, err)
		if nl == "" || nl == en || strings.Contains(nl, "<no value>") {
			t.Errorf("%s: Dutch %q", name, nl)
		}
	}
	// An error without a key keeps its English.
	if _, ok := ErrorText(assistant.Dutch, assistant.Errorf(assistant.EInvalid, "plain")); ok {
		t.Error("an error without a key is worded")
	}
}
