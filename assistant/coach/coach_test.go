package coach_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/builtin"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/assistant/mock"
	"github.com/rooscoach/rooscoach/assistant/transcript"
)

var now = func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }

// admin stores calls as the command line does.
var admin = assistant.CommandLine()

const call = "Agent: Goedemiddag, u spreekt met Sanne van Incasso Noord.\nKlant: Ik ben mijn baan kwijt.\nAgent: Wat naar. Wat kunt u per maand betalen?\n"

// service runs on the built-in engine over a fake store that keeps what it
// is given by external id, as the real one does.
func service(t *testing.T) (*coach.Service, map[string]*assistant.Call) {
	t.Helper()
	kept := map[string]*assistant.Call{}
	an, _ := builtin.Analyzer(now)
	st := &mock.CallStore{FindTeamByIDFn: mock.NoTeam, CreateCallFn: func(_ context.Context, _ assistant.Principal, c *assistant.Call) (bool, error) {
		key := c.AgentID + "/" + c.ExternalID
		if old, ok := kept[key]; ok && c.ExternalID != "" {
			*c = *old
			return false, nil
		}
		c.ID = int64(len(kept) + 1)
		kept[key] = c
		return true, nil
	}}
	return &coach.Service{Analyzer: an, Store: st, Now: now}, kept
}

func TestIngest(t *testing.T) {
	svc, kept := service(t)
	in := coach.Input{Data: []byte(call), Options: transcript.Options{AgentID: "a-1", ExternalID: "x-1", TeamID: "t-1"}}
	c, created, err := svc.Ingest(context.Background(), admin, in)
	if err != nil || !created {
		t.Fatalf("Ingest: created %v, err %v", created, err)
	}
	if c.TeamID != "t-1" || c.AgentID != "a-1" || len(c.Turns) != 3 || !c.Flagged {
		t.Errorf("call %+v: want team t-1, agent a-1, 3 turns, flagged for the job loss", c)
	}
	again, created, err := svc.Ingest(context.Background(), admin, in)
	if err != nil || created || again.ID != c.ID || len(kept) != 1 {
		t.Errorf("re-ingest: created %v, id %d (first %d), %d kept, err %v", created, again.ID, c.ID, len(kept), err)
	}
}

func TestIngestRefuses(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts transcript.Options
		data string
		want string
	}{
		{"no agent id", transcript.Options{}, call, "agent_id is required"},
		{"a call in the future", transcript.Options{AgentID: "a", OccurredAt: now().AddDate(0, 0, 3)}, call, "in the future"},
		{"an agent id of spaces", transcript.Options{AgentID: "   "}, call, "only spaces"},
		{"a team id too long", transcript.Options{AgentID: "a", TeamID: strings.Repeat("t", 201)}, call, "team_id is 201 characters"},
		{"no agent turn", transcript.Options{AgentID: "a"}, "Klant: Hallo?\n", "no agent turn"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			svc, kept := service(t)
			_, _, err := svc.Ingest(context.Background(), admin, coach.Input{Data: []byte(tc.data), Options: tc.opts})
			if assistant.ErrorCode(err) != assistant.EInvalid || !strings.Contains(assistant.ErrorMessage(err), tc.want) {
				t.Errorf("err = %v, want EInvalid with %q", err, tc.want)
			}
			if len(kept) != 0 {
				t.Errorf("%d calls stored", len(kept))
			}
		})
	}
}

// TestIngestAgentsOwnCalls: an agent's call needs no agent_id, and one
// naming another agent is refused before anything is analysed or stored.
func TestIngestAgentsOwnCalls(t *testing.T) {
	svc, kept := service(t)
	anna := assistant.Principal{TokenID: 7, Role: assistant.RoleAgent, AgentID: "agent-anna"}
	c, _, err := svc.Ingest(context.Background(), anna, coach.Input{Data: []byte(call)})
	if err != nil || c.AgentID != "agent-anna" {
		t.Fatalf("an agent's own call: %+v, %v", c, err)
	}
	_, _, err = svc.Ingest(context.Background(), anna, coach.Input{Data: []byte(call), Options: transcript.Options{AgentID: "agent-bram", ExternalID: "x"}})
	if assistant.ErrorCode(err) != assistant.EForbidden || !strings.Contains(assistant.ErrorMessage(err), "agent_id agent-bram") {
		t.Errorf("another agent's call: %v, want forbidden naming agent-bram", err)
	}
	if len(kept) != 1 {
		t.Errorf("%d calls stored, want the agent's own one", len(kept))
	}
}

// TestAgentsNeverSeeTheModelsDraft: the review a language model drafted
// for the trainers is in the record a trainer reads, not in the agent's.
func TestAgentsNeverSeeTheModelsDraft(t *testing.T) {
	stored := func() *assistant.Call {
		return &assistant.Call{ID: 3, AgentID: "agent-anna", Analysis: assistant.Analysis{DraftReview: &assistant.DraftReview{Status: assistant.ReviewDraft}}}
	}
	st := &mock.CallStore{
		FindCallByIDFn: func(context.Context, assistant.Scope, int64) (*assistant.Call, error) { return stored(), nil },
		FindCallsFn: func(context.Context, assistant.Scope, assistant.CallFilter) (assistant.CallPage, error) {
			return assistant.CallPage{Calls: []*assistant.Call{stored()}}, nil
		},
		AuditFn: func(context.Context, assistant.Principal, assistant.AuditEntry) error { return nil },
	}
	svc := &coach.Service{Store: st, Now: now}
	anna := assistant.Principal{TokenID: 7, Role: assistant.RoleAgent, AgentID: "agent-anna"}
	ilse := assistant.Principal{TokenID: 8, Role: assistant.RoleTrainer, TeamIDs: []string{"t"}}
	for _, tc := range []struct {
		who  assistant.Principal
		sees bool
	}{{anna, false}, {ilse, true}, {assistant.AuthOff(), true}} {
		c, err := svc.Call(context.Background(), tc.who, 3)
		if err != nil {
			t.Fatal(err)
		}
		page, err := svc.Calls(context.Background(), tc.who, assistant.CallFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if (c.DraftReview != nil) != tc.sees || (page.Calls[0].DraftReview != nil) != tc.sees {
			t.Errorf("%s reads the model's draft: %v, %v; want %v", tc.who.Role, c.DraftReview != nil, page.Calls[0].DraftReview != nil, tc.sees)
		}
	}
}

func TestIngestStoreError(t *testing.T) {
	an, _ := builtin.Analyzer(now)
	down := &assistant.Error{Code: assistant.EUnavailable, Message: "The database cannot be reached."}
	svc := &coach.Service{Analyzer: an, Now: now, Store: &mock.CallStore{FindTeamByIDFn: mock.NoTeam, CreateCallFn: func(context.Context, assistant.Principal, *assistant.Call) (bool, error) {
		return false, down
	}}}
	_, _, err := svc.Ingest(context.Background(), admin, coach.Input{Data: []byte(call), Options: transcript.Options{AgentID: "a"}})
	if !errors.Is(err, down) || assistant.ErrorCode(err) != assistant.EUnavailable {
		t.Errorf("err = %v, want the store's EUnavailable wrapped", err)
	}
}

// TestTipLanguage: a tip without a language is read in the language of
// what was said, its context included, and a regional tag is the language.
func TestTipLanguage(t *testing.T) {
	svc, _ := service(t)
	for _, tc := range []struct {
		req  assistant.TipRequest
		want assistant.Language
	}{
		{assistant.TipRequest{Text: "Ok.", Context: []assistant.ContextTurn{{Speaker: assistant.Customer, Text: "Ik kan dit niet betalen, ik heb geen werk meer."}}}, assistant.Dutch},
		{assistant.TipRequest{Text: "What could you pay each month?"}, assistant.English},
		{assistant.TipRequest{Text: "Ok.", Language: "nl-BE"}, assistant.Dutch},
	} {
		res, err := svc.Tip(context.Background(), tc.req, "")
		if err != nil {
			t.Fatal(err)
		}
		if res.Language != tc.want {
			t.Errorf("Tip(%q) language %s, want %s", tc.req.Text, res.Language, tc.want)
		}
	}
	if _, err := svc.Tip(context.Background(), assistant.TipRequest{Text: "hoi", Language: "fr"}, ""); assistant.ErrorCode(err) != assistant.EInvalid {
		t.Errorf("language fr: err = %v, want EInvalid", err)
	}
}

// TestEngineChoice: a request's engine, or the server's default, decides
// which engine answers first; asking for an LLM the server lacks names the
// setting.
func TestEngineChoice(t *testing.T) {
	fake := assistant.Engine{Name: "llm", Stance: &mock.StanceClassifier{ClassifyTurnsFn: func(_ context.Context, turns []assistant.Turn, _ assistant.Language) ([]assistant.Stance, error) {
		out := make([]assistant.Stance, len(turns))
		for i := range out {
			out[i] = assistant.NewStance(-0.6, -0.6, 1, nil)
		}
		return out, nil
	}}}
	in := func(e assistant.EngineChoice) coach.Input { return coach.Input{Data: []byte(call), Engine: e} }
	tests := []struct {
		name   string
		llm    *assistant.Engine
		def    assistant.EngineChoice
		choice assistant.EngineChoice
		want   string // engine of the stance part, or the error's text
	}{
		{"nothing asked, no default", &fake, "", "", assistant.Builtin},
		{"default llm", &fake, assistant.ChooseLLM, "", "llm"},
		{"builtin asked over a default llm", &fake, assistant.ChooseLLM, assistant.ChooseBuiltin, assistant.Builtin},
		{"auto with an LLM", &fake, "", assistant.ChooseAuto, "llm"},
		{"auto without", nil, "", assistant.ChooseAuto, assistant.Builtin},
		{"llm without", nil, "", assistant.ChooseLLM, "set MY_KEY"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, _ := service(t)
			svc.LLM, svc.DefaultEngine, svc.LLMSetting = tt.llm, tt.def, "MY_KEY"
			_, an, err := svc.Analyze(context.Background(), in(tt.choice))
			if err != nil {
				if assistant.ErrorCode(err) != assistant.EInvalid || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("err %v, want EInvalid with %q", err, tt.want)
				}
				return
			}
			if got := an.Engines[0].Engine; got != tt.want {
				t.Errorf("stance by %q, want %q", got, tt.want)
			}
		})
	}
}
