package coach

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/transcript"
)

// The use cases of a live session: the parts of the analysis it asks for
// turn by turn, and storing the call when it ends. The session package
// calls them; engine is the engine the session asked for, "" the server's
// default.

// CheckEngine reports whether engine can be used, as a session checks when
// it opens rather than at the agent's first turn.
func (s *Service) CheckEngine(engine assistant.EngineChoice) error {
	_, err := s.analyzer(engine)
	return err
}

// Stances returns the stance of every turn.
func (s *Service) Stances(ctx context.Context, turns []assistant.Turn, lang assistant.Language, engine assistant.EngineChoice) ([]assistant.Stance, error) {
	a, err := s.analyzer(engine)
	if err != nil {
		return nil, err
	}
	return a.Classify(ctx, turns, lang)
}

// CheckClosing judges how the call so far ends.
func (s *Service) CheckClosing(ctx context.Context, turns []assistant.Turn, lang assistant.Language, engine assistant.EngineChoice) (assistant.ClosingCheck, error) {
	a, err := s.analyzer(engine)
	if err != nil {
		return assistant.ClosingCheck{}, err
	}
	return a.CheckClosing(ctx, turns, lang)
}

// ReadFacts reads the facts of turns.
func (s *Service) ReadFacts(ctx context.Context, turns []assistant.Turn, lang assistant.Language, engine assistant.EngineChoice) ([]assistant.Fact, error) {
	a, err := s.analyzer(engine)
	if err != nil {
		return nil, err
	}
	return a.ReadFacts(ctx, turns, lang)
}

// Advise reads the facts of the call so far and plans arrangements under
// the creditor policy of teamID, or the stored default of the call's
// country, with the referral for the team's country, as the record stored
// at the end will be: the card shows the options the record keeps.
func (s *Service) Advise(ctx context.Context, turns []assistant.Turn, lang assistant.Language, engine assistant.EngineChoice, teamID string) (assistant.ArrangementAdvice, error) {
	a, err := s.analyzer(engine)
	if err != nil {
		return assistant.ArrangementAdvice{}, err
	}
	if a, err = s.underPolicies(ctx, a, "", teamID); err != nil {
		return assistant.ArrangementAdvice{}, err
	}
	// As with the policies, a database that does not answer costs the
	// card the team's country, not the card: the call's money or
	// language may still tell it.
	j, err := s.teamDefault(ctx, teamID)
	if err != nil && assistant.ErrorCode(err) != assistant.EUnavailable {
		return assistant.ArrangementAdvice{}, err
	}
	return a.Advise(ctx, turns, lang, j)
}

// LiveTeam returns the team whose trainers and lead may follow a live
// session of agentID that by opens: teamID when the session names one, else
// the agent's team as the directory has it now ("" for an agent it does not
// know yet, or a service without a store). An agent names no team but their
// own (EForbidden otherwise), as when storing a call: the session's team
// decides who follows it, and the call it ends in is stored there. The
// session is opened on behalf of the agent, so the lookup is not limited to
// what the opener may read.
func (s *Service) LiveTeam(ctx context.Context, by assistant.Principal, agentID, teamID string) (string, error) {
	agent := by.Role == assistant.RoleAgent && by.Via != assistant.ViaAuthOff
	if (teamID != "" && !agent) || s.Store == nil {
		return teamID, nil
	}
	var current string
	a, err := s.Store.FindAgentByID(ctx, assistant.Scope{All: true}, agentID)
	switch {
	case err == nil:
		current = a.TeamID
	case assistant.ErrorCode(err) != assistant.ENotFound:
		return "", fmt.Errorf("read the team of agent %s: %w", agentID, err)
	}
	if teamID == "" {
		return current, nil
	}
	if !by.Scope().AllowsStore(agentID, current, teamID) {
		if current == "" {
			return "", assistant.Errorf(assistant.EForbidden, "You may open live sessions only in your own team, and you are in no team yet: leave team_id out, or ask an admin to put you in team %s.", teamID)
		}
		return "", assistant.Errorf(assistant.EForbidden, "You may open live sessions only in your own team (%s), not in team %s; leave team_id out to open it in yours.", current, teamID)
	}
	return teamID, nil
}

// CheckExternalID reports whether a live session of agentID may be opened
// under externalID, the telephony system's id of the call. It may not when
// a stored call of the agent has that id already: a call is coached once
// per agent, and the session's end could not file its record under the id.
// A teammate's call under the id does not stop it: a transferred call
// keeps its one id, and each agent's leg of it is that agent's own record
// ([Service.Call] links the legs). It fails with EConflict naming the
// external id and the agent's call, and with the store's error when the
// store cannot say; "" and a service without a store pass. As with
// [Service.LiveTeam], the lookup is the session's own, not limited to what
// its opener may read.
func (s *Service) CheckExternalID(ctx context.Context, agentID, externalID string) error {
	if externalID == "" || s.Store == nil {
		return nil
	}
	page, err := s.Store.FindCalls(ctx, assistant.Scope{All: true}, assistant.CallFilter{AgentID: agentID, ExternalID: externalID, Limit: 1})
	if err != nil {
		return fmt.Errorf("check external_id %q: %w", externalID, err)
	}
	if len(page.Calls) == 0 {
		return nil
	}
	// Only the agent and admins open an agent's session, and both may read
	// the agent's calls, so the message may name the call.
	c := page.Calls[0]
	return assistant.ExternalIDTaken(externalID, c.ID, c.AgentID)
}

// TurnsInput is a call that arrived turn by turn rather than as a
// transcript: the final utterances of a live session.
type TurnsInput struct {
	AgentID, TeamID, ExternalID string
	// Language is the call's language; "" detects it.
	Language   assistant.Language
	OccurredAt time.Time
	// Turns are the utterances in order, each with its speaker, text and
	// times; Index and Language are set as a transcript would set them.
	Turns  []assistant.Turn
	Engine assistant.EngineChoice
	// Live, when set, is stored with the record.
	Live *assistant.LiveSession
}

// liveTurn and liveCall are rooscoach's own JSON transcript format, which
// IngestTurns writes so that the turns go through the very reader POST
// /v1/calls uses.
type liveTurn struct {
	Speaker assistant.Speaker `json:"speaker"`
	Text    string            `json:"text"`
	StartMS int64             `json:"start_ms"`
	EndMS   int64             `json:"end_ms,omitempty"`
}

type liveCall struct {
	Language string     `json:"language,omitempty"`
	Turns    []liveTurn `json:"turns"`
}

// IngestTurns analyses and stores a call given as turns, and makes exactly
// the record that POST /v1/calls makes from the same turns sent as
// rooscoach's JSON: the turns are read by the same reader (consecutive
// utterances of one speaker become one turn, the language is detected
// the same way), analysed by the same analyser and stored by the same
// store method, idempotent on the agent's external id, on behalf of by
// with the same checks as [Service.Ingest]. The record's format is "live"
// when in.Live is set.
func (s *Service) IngestTurns(ctx context.Context, by assistant.Principal, in TurnsInput) (*assistant.Call, bool, error) {
	body := liveCall{Language: string(in.Language), Turns: make([]liveTurn, len(in.Turns))}
	for i, t := range in.Turns {
		body.Turns[i] = liveTurn{Speaker: t.Speaker, Text: t.Text, StartMS: t.StartMS, EndMS: t.EndMS}
	}
	data, err := json.Marshal(body)
	if err != nil {
		return nil, false, fmt.Errorf("ingest turns: %w", err)
	}
	a, err := s.analyzer(in.Engine)
	if err != nil {
		return nil, false, err
	}
	t, err := s.Read(Input{Data: data, MediaType: "application/json", Options: transcript.Options{
		Format: "json", AgentID: in.AgentID, TeamID: in.TeamID, ExternalID: in.ExternalID, OccurredAt: in.OccurredAt,
	}})
	if err != nil {
		return nil, false, err
	}
	return s.store(ctx, by, a, t, storing{live: in.Live})
}
